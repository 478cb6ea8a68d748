"""The supervisors (pejabat penilai): derived from the org chart and stored
(`supervisors_recompute`, docs/decisions/0001), and the Admin Instansi's explicit
choice for one person (`pegawai_set_atasan`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor

from .. import domain
from ..access import require_admin
from ..models import Jabatan, Pegawai, RiwayatJabatan


@transaction.atomic
def pegawai_set_atasan(
    *, actor: Actor, pegawai: Pegawai, atasan: Pegawai | None, alasan: str
) -> Pegawai:
    """An admin's explicit choice of pejabat penilai for one person (None = follow the
    org chart again)."""
    actor = require_admin(actor)
    if atasan is not None:
        if atasan.instansi_id != actor.instansi_id:
            raise ValidationError({"atasan": [_("Atasan harus dari instansi yang sama.")]})
        if atasan.pk == pegawai.pk:
            raise ValidationError({"atasan": [_("Pegawai tidak dapat menjadi atasannya sendiri.")]})
        if not alasan.strip():
            raise ValidationError({"alasan": [_("Tuliskan alasan penggantian pejabat penilai.")]})
    before = audit.ref(pegawai.atasan_override)
    pegawai.atasan_override = atasan
    pegawai.atasan_override_alasan = alasan.strip() if atasan else ""
    pegawai.save(update_fields=["atasan_override", "atasan_override_alasan", "updated_at"])
    audit.record(
        actor=actor.user,
        action="pegawai.atasan",
        obj=pegawai,
        changes={
            "atasan_override": [before, audit.ref(atasan)],
            "alasan": [None, pegawai.atasan_override_alasan],
        },
    )
    supervisors_recompute(instansi_id=actor.instansi_id)
    pegawai.refresh_from_db()
    return pegawai


def supervisors_recompute(*, instansi_id: int) -> int:
    """Derive every person's supervisor from positions and overrides; write only changes.

    Returns how many rows changed. One pass over the instansi: a few bulk reads, the
    pure resolver, then bulk updates (fast enough for 270,000 staff).
    """
    peg = list(
        Pegawai.objects.filter(instansi_id=instansi_id, aktif=True).values_list(
            "pk", "jabatan_id", "atasan_id", "atasan_override_id"
        )
    )
    parents = dict(Jabatan.objects.filter(instansi_id=instansi_id).values_list("pk", "parent_id"))
    holdings = [
        domain.Holding(pegawai_id=p, jabatan_id=j, jenis=k, since=s)
        for p, j, k, s in RiwayatJabatan.objects.filter(
            instansi_id=instansi_id, tmt_selesai__isnull=True, pegawai__aktif=True
        ).values_list("pegawai_id", "jabatan_id", "jenis", "tmt_mulai")
    ]
    resolved = domain.resolve_supervisors(
        pegawai_jabatan={p: j for p, j, _a, _o in peg},
        jabatan_parent=parents,
        holders=domain.acting_holders(holdings),
        overrides={p: o for p, _j, _a, o in peg if o},
    )
    changed = [
        Pegawai(pk=p, atasan_id=resolved.get(p)) for p, _j, a, _o in peg if resolved.get(p) != a
    ]
    Pegawai.objects.bulk_update(changed, ["atasan"], batch_size=2000)
    return len(changed)
