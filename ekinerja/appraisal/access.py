"""Tenant and object checks for the appraisal: the only way a view or the API gets an
evaluation, an evaluation period or a unit to act on by id.

Another agency's row is a 404; the same agency without the right is a 403. Which step
an actor may take on an evaluation (enter realisasi, rate) is decided by the services.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import require_instansi
from ekinerja.core.models import Role
from ekinerja.core.roles import Actor, MemberActor
from ekinerja.org.access import org_scope, scope_can_read
from ekinerja.org.models import Pegawai, UnitKerja

from .models import Evaluasi, PeriodePenilaian, TindakLanjut

OWNER = "owner"
PENILAI = "penilai"
OTHER = "other"


def evaluasi_role(actor: Actor, evaluasi: Evaluasi) -> str:
    """owner / penilai / other for this actor on this evaluation."""
    me = org_scope(actor).pegawai_id
    if me is not None and evaluasi.pegawai_id == me:
        return OWNER
    if me is not None and evaluasi.penilai_id == me:
        return PENILAI
    return OTHER


def can_read_evaluasi(actor: Actor, evaluasi: Evaluasi) -> bool:
    """The person, their penilai, and whoever may read the person (heads, pimpinan and
    pengelola of the unit subtree, the direct supervisor, Admin Instansi, Auditor).
    `evaluasi.pegawai.unit` should be loaded."""
    if evaluasi.instansi_id != actor.instansi_id:
        return False
    if evaluasi_role(actor, evaluasi) != OTHER:
        return True
    return scope_can_read(org_scope(actor), evaluasi.pegawai)


_EVALUASI_RELATED = (
    "pegawai",
    "pegawai__unit",
    "penilai",
    "jabatan",
    "unit",
    "unit_kurva",
    "periode_penilaian",
    "skp",
    "sumber__periode_penilaian",
)


def access_evaluasi(*, actor: Actor | None, id: int, for_write: bool = False) -> Evaluasi:
    """An evaluation of the actor's instansi that the actor may read; with `for_write`,
    one the actor may act on at all (the person or their penilai)."""
    actor = require_instansi(actor)
    evaluasi = (
        Evaluasi.objects.select_related(*_EVALUASI_RELATED)
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if evaluasi is None:
        raise Http404(_("Evaluasi tidak ditemukan."))
    if for_write:
        if evaluasi_role(actor, evaluasi) == OTHER:
            raise PermissionDenied(
                _(
                    "Hanya pegawai yang dinilai dan pejabat penilainya yang dapat mengubah "
                    "evaluasi ini."
                )
            )
    elif not can_read_evaluasi(actor, evaluasi):
        raise PermissionDenied(_("Anda tidak berwenang melihat evaluasi ini."))
    return evaluasi


def access_periode_penilaian(*, actor: Actor | None, id: int) -> PeriodePenilaian:
    """An evaluation period of the actor's instansi (every member may see periods)."""
    actor = require_instansi(actor)
    periode = (
        PeriodePenilaian.objects.select_related("periode")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if periode is None:
        raise Http404(_("Periode penilaian tidak ditemukan."))
    return periode


def require_appraisal_admin(actor: Actor | None) -> MemberActor:
    """Opening periods, the rule set, reopening a penetapan: Admin Instansi only."""
    actor = require_instansi(actor)
    if not actor.is_admin:
        raise PermissionDenied(_("Hanya Admin Instansi yang dapat melakukan tindakan ini."))
    return actor


def require_appraisal_reader(actor: Actor | None) -> MemberActor:
    """Instansi-wide reports (rater analytics, fill rate, exports): Admin Instansi,
    Auditor and an instansi-wide Pimpinan."""
    actor = require_instansi(actor)
    if not actor.reads_whole_instansi:
        raise PermissionDenied(
            _("Laporan ini hanya untuk Admin Instansi, Auditor, dan Pimpinan instansi.")
        )
    return actor


def _in_paths(unit: UnitKerja, paths) -> bool:
    return any(unit.path.startswith(p) for p in paths)


def can_manage_unit(actor: Actor, unit: UnitKerja) -> bool:
    """Who may do the penetapan of a unit and see its whole curve: the Admin Instansi,
    the unit's head, and a pengelola kinerja of the unit's subtree."""
    if unit.instansi_id != actor.instansi_id:
        return False
    if actor.is_admin:
        return True
    scope = org_scope(actor)
    if unit.pk in scope.headed_unit_ids:
        return True
    pengelola = actor.units_for(Role.PENGELOLA)
    if pengelola:
        paths = UnitKerja.objects.filter(
            instansi_id=actor.instansi_id, pk__in=pengelola
        ).values_list("path", flat=True)
        return _in_paths(unit, paths)
    return False


def can_read_unit_curve(actor: Actor, unit: UnitKerja) -> bool:
    """Who may see a unit's distribution panel: those who manage it (can_manage_unit),
    anyone who reads the whole instansi or the unit's subtree, and a penilai with a
    subordinate under the unit."""
    if unit.instansi_id != actor.instansi_id:
        return False
    scope = org_scope(actor)
    if scope.whole_instansi or can_manage_unit(actor, unit):
        return True
    if any(unit.path.startswith(p) for p in scope.unit_paths):
        return True
    return bool(
        scope.pegawai_id
        and Evaluasi.objects.filter(
            instansi_id=actor.instansi_id, unit_kurva=unit, penilai_id=scope.pegawai_id
        ).exists()
    )


def can_set_predikat_organisasi(actor: Actor, unit: UnitKerja) -> bool:
    """The head one level up (rules §2): the head of an ancestor unit, or the supervisor
    of the unit's head (e.g. the regional head for an OPD); or the Admin Instansi."""
    if unit.instansi_id != actor.instansi_id:
        return False
    if actor.is_admin:
        return True
    scope = org_scope(actor)
    if scope.pegawai_id is None:
        return False
    if scope.headed_unit_ids:
        headed_paths = UnitKerja.objects.filter(
            instansi_id=actor.instansi_id, pk__in=scope.headed_unit_ids
        ).values_list("path", flat=True)
        if any(unit.path.startswith(p) and unit.path != p for p in headed_paths):
            return True
    return Pegawai.objects.filter(
        instansi_id=actor.instansi_id,
        jabatan__unit=unit,
        jabatan__is_head=True,
        aktif=True,
        atasan_id=scope.pegawai_id,
    ).exists()


def access_unit_kurva(
    *, actor: Actor | None, id: int, manage: bool = False, lock: bool = False
) -> UnitKerja:
    """A unit whose distribution panel the actor may see; with `manage`, one whose
    penetapan the actor may do (can_manage_unit) — the page, the API and
    services.penetapan.penetapan_create alike. With `lock`, the row is locked for the
    caller's transaction (SELECT … FOR UPDATE)."""
    actor = require_instansi(actor)
    qs = UnitKerja.objects.select_for_update() if lock else UnitKerja.objects.all()
    unit = qs.filter(instansi_id=actor.instansi_id, pk=id).first()
    if unit is None:
        raise Http404(_("Unit kerja tidak ditemukan."))
    if manage and not can_manage_unit(actor, unit):
        raise PermissionDenied(
            _(
                "Penetapan unit ini hanya dapat dilakukan oleh kepala unit, pengelola "
                "kinerja unit, atau Admin Instansi."
            )
        )
    if not manage and not can_read_unit_curve(actor, unit):
        raise PermissionDenied(_("Anda tidak berwenang melihat distribusi predikat unit ini."))
    return unit


def access_tindak_lanjut(*, actor: Actor | None, id: int) -> TindakLanjut:
    """A follow-up record the actor may read (whoever may read the person)."""
    actor = require_instansi(actor)
    row = (
        TindakLanjut.objects.select_related("pegawai", "pegawai__unit")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if row is None:
        raise Http404(_("Data tindak lanjut tidak ditemukan."))
    if not scope_can_read(org_scope(actor), row.pegawai):
        raise PermissionDenied(_("Anda tidak berwenang melihat data ini."))
    return row
