"""Writes of position holdings (RiwayatJabatan): putting a person in a position from a
date (mutasi/promosi, or an acting Plt/Plh) and ending a holding. Each recomputes the
supervisors, and a definitive change is announced to later apps (hooks.py)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor

from .. import hooks
from ..access import require_admin
from ..models import Jabatan, Pegawai, RiwayatJabatan
from .supervisors import supervisors_recompute


@transaction.atomic
def pegawai_assign_jabatan(
    *,
    actor: Actor,
    pegawai: Pegawai,
    jabatan: Jabatan,
    jenis: str,
    tmt_mulai: dt.date,
    nomor_sk: str = "",
) -> RiwayatJabatan:
    """Put a person in a position from a date (mutasi/promosi, or Plt/Plh).

    A definitive appointment ends the person's previous definitive position the day
    before; a Plt/Plh is an extra, acting role and ends nothing.
    """
    actor = require_admin(actor)
    if jabatan.instansi_id != actor.instansi_id or pegawai.instansi_id != actor.instansi_id:
        raise ValidationError(_("Jabatan dan pegawai harus dari instansi yang sama."))
    open_rows = RiwayatJabatan.objects.select_for_update().filter(
        instansi_id=actor.instansi_id, pegawai=pegawai, tmt_selesai__isnull=True, jenis=jenis
    )
    if jenis == RiwayatJabatan.Jenis.DEFINITIF:
        for row in open_rows:
            if row.tmt_mulai >= tmt_mulai:
                raise ValidationError(
                    {
                        "tmt_mulai": [
                            _("TMT harus sesudah TMT jabatan sebelumnya (%(d)s).")
                            % {"d": row.tmt_mulai.strftime("%d-%m-%Y")}
                        ]
                    }
                )
        old_jabatan = audit.ref(pegawai.jabatan)
        old_jabatan_id = pegawai.jabatan_id
        open_rows.update(tmt_selesai=tmt_mulai - dt.timedelta(days=1))
    elif open_rows.filter(jabatan=jabatan).exists():
        raise ValidationError(_("Pegawai ini sudah menjabat sebagai %(j)s.") % {"j": jabatan})
    row = RiwayatJabatan.objects.create(
        instansi_id=actor.instansi_id,
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=jenis,
        tmt_mulai=tmt_mulai,
        nomor_sk=nomor_sk,
    )
    if jenis == RiwayatJabatan.Jenis.DEFINITIF:
        pegawai.jabatan = jabatan
        pegawai.unit_id = jabatan.unit_id
        pegawai.save(update_fields=["jabatan", "unit", "updated_at"])
    audit.record(
        actor=actor.user,
        action=f"pegawai.jabatan.{jenis}",
        obj=pegawai,
        changes={
            "jabatan": [
                old_jabatan if jenis == RiwayatJabatan.Jenis.DEFINITIF else None,
                audit.ref(jabatan),
            ],
            "tmt_mulai": [None, str(tmt_mulai)],
            "nomor_sk": [None, nomor_sk],
        },
    )
    supervisors_recompute(instansi_id=actor.instansi_id)
    if jenis == RiwayatJabatan.Jenis.DEFINITIF and old_jabatan_id != jabatan.pk:
        # After the supervisors are recomputed, so that listeners (plans: close the old
        # SKP, open one for the new position, rules §4) see the new penilai. See hooks.py.
        hooks.position_changed(
            hooks.PositionChange(
                actor=actor,
                instansi_id=actor.instansi_id,
                pegawai_id=pegawai.pk,
                old_jabatan_id=old_jabatan_id,
                new_jabatan_id=jabatan.pk,
                tmt=tmt_mulai,
            )
        )
    return row


@transaction.atomic
def riwayat_end(*, actor: Actor, riwayat: RiwayatJabatan, tmt_selesai: dt.date) -> RiwayatJabatan:
    """End an acting role (Plt/Plh) or a position on a date."""
    actor = require_admin(actor)
    if tmt_selesai < riwayat.tmt_mulai:
        raise ValidationError({"tmt_selesai": [_("TMT selesai tidak boleh sebelum TMT mulai.")]})
    riwayat.tmt_selesai = tmt_selesai
    riwayat.save(update_fields=["tmt_selesai"])
    if riwayat.jenis == RiwayatJabatan.Jenis.DEFINITIF:
        Pegawai.objects.filter(
            instansi_id=riwayat.instansi_id, pk=riwayat.pegawai_id, jabatan_id=riwayat.jabatan_id
        ).update(jabatan=None, unit=None)
    audit.record(
        actor=actor.user,
        action="riwayat.end",
        obj=riwayat,
        changes={"tmt_selesai": [None, str(tmt_selesai)]},
    )
    supervisors_recompute(instansi_id=actor.instansi_id)
    return riwayat
