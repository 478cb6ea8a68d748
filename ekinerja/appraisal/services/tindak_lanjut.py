"""Follow-up of the evaluation per person (PermenPANRB 6/2022, tindak lanjut hasil
evaluasi kinerja): rewards, sanctions and development notes.

Recorded by the Admin Instansi, a pengelola kinerja of the person's unit subtree, or
the person's direct supervisor; read by whoever may read the person."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.access import require_instansi
from ekinerja.core.models import Role
from ekinerja.core.roles import Actor
from ekinerja.org.access import access_pegawai, org_scope
from ekinerja.org.models import Pegawai, UnitKerja

from ..access import access_tindak_lanjut
from ..models import Evaluasi, TindakLanjut

MAX_URAIAN = 4000
AUDIT_FIELDS = ("pegawai", "jenis", "tanggal", "uraian", "evaluasi")


def _unit_path(pegawai: Pegawai) -> str:
    unit = pegawai.unit
    assert unit is not None  # asked only when pegawai.unit_id is set
    return unit.path


def can_record_tindak_lanjut(actor: Actor, pegawai: Pegawai) -> bool:
    """Admin Instansi, a pengelola kinerja whose units contain the person's unit, or the
    person's direct supervisor (`pegawai.unit` should be loaded)."""
    if pegawai.instansi_id != actor.instansi_id:
        return False
    if actor.is_admin:
        return True
    scope = org_scope(actor)
    if scope.pegawai_id is not None and pegawai.pk == scope.pegawai_id:
        return False  # nobody records their own reward or sanction
    if scope.pegawai_id is not None and pegawai.atasan_id == scope.pegawai_id:
        return True
    pengelola = actor.units_for(Role.PENGELOLA)
    if pengelola and pegawai.unit_id:
        paths = UnitKerja.objects.filter(
            instansi_id=actor.instansi_id, pk__in=pengelola
        ).values_list("path", flat=True)
        return any(_unit_path(pegawai).startswith(p) for p in paths)
    return False


def _require_recorder(actor: Actor, pegawai: Pegawai) -> None:
    if not can_record_tindak_lanjut(actor, pegawai):
        raise PermissionDenied(
            _(
                "Tindak lanjut hanya dicatat oleh atasan langsung pegawai, pengelola kinerja "
                "unitnya, atau Admin Instansi."
            )
        )


@transaction.atomic
def tindak_lanjut_add(
    *,
    actor: Actor,
    pegawai_id: int,
    jenis: str,
    tanggal: dt.date,
    uraian: str,
    evaluasi_id: int | None = None,
) -> TindakLanjut:
    """Record a reward, sanction or development note for a person, optionally about one
    of their evaluations."""
    actor = require_instansi(actor)
    pegawai = access_pegawai(actor=actor, id=pegawai_id)
    _require_recorder(actor, pegawai)
    errors: dict[str, list[str]] = {}
    if jenis not in TindakLanjut.Jenis.values:
        errors["jenis"] = [_("Pilih jenis tindak lanjut: penghargaan, sanksi, atau pengembangan.")]
    if not isinstance(tanggal, dt.date) or isinstance(tanggal, dt.datetime):
        errors["tanggal"] = [_("Isi tanggal tindak lanjut.")]
    uraian = (uraian or "").strip()
    if not uraian:
        errors["uraian"] = [_("Uraikan tindak lanjutnya, mis. jenis penghargaan atau sanksi.")]
    elif len(uraian) > MAX_URAIAN:
        errors["uraian"] = [
            _("Uraian paling banyak %(n)s karakter; sekarang %(m)s.")
            % {"n": MAX_URAIAN, "m": len(uraian)}
        ]
    evaluasi = None
    if evaluasi_id is not None:
        evaluasi = (
            Evaluasi.objects.select_related("periode_penilaian")
            .filter(instansi_id=actor.instansi_id, pk=evaluasi_id, pegawai_id=pegawai.pk)
            .first()
        )
        if evaluasi is None:
            errors["evaluasi"] = [_("Evaluasi itu bukan evaluasi pegawai ini.")]
    if errors:
        raise ValidationError(errors)
    row = TindakLanjut.objects.create(
        instansi_id=actor.instansi_id,
        pegawai=pegawai,
        evaluasi=evaluasi,
        jenis=jenis,
        tanggal=tanggal,
        uraian=uraian,
        dicatat_oleh=actor.user,
    )
    audit.record(
        actor=actor.user,
        action="tindak_lanjut.add",
        obj=row,
        changes={k: [None, v] for k, v in audit.snapshot(row, AUDIT_FIELDS).items()},
    )
    return row


@transaction.atomic
def tindak_lanjut_delete(*, actor: Actor, id: int) -> None:
    """Remove a record entered by mistake (same people who may record it); the audit
    trail keeps what it said."""
    row = access_tindak_lanjut(actor=actor, id=id)
    _require_recorder(actor, row.pegawai)
    before = audit.snapshot(row, AUDIT_FIELDS)
    pk, label = row.pk, str(row)
    row.delete()
    audit.record(
        actor=actor.user,
        action="tindak_lanjut.delete",
        instansi_id=actor.instansi_id,
        object_type="appraisal.tindaklanjut",
        object_id=str(pk),
        object_repr=label,
        changes={k: [v, None] for k, v in before.items()},
    )
