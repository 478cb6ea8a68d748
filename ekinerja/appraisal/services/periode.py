"""Evaluation periods: opening one creates the evaluation of every approved SKP that
covers it, each with its snapshot and its place in a curve (rules §2, §4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.clock import local_today
from ekinerja.core.roles import Actor
from ekinerja.org.models import UnitKerja
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import SKP, PeriodeKinerja
from ekinerja.plans.services.editing import identitas

from .. import domain
from ..access import require_appraisal_admin
from ..models import Evaluasi, PeriodePenilaian
from ..selectors.kurva import aturan_for

BATCH = 1000


@dataclass(frozen=True)
class UnitMap:
    """The instansi's units as the curve rule needs them (one query)."""

    paths: dict[int, str]
    marked: frozenset[int]

    @classmethod
    def load(cls, instansi_id: int) -> UnitMap:
        rows = UnitKerja.objects.filter(instansi_id=instansi_id).values_list("pk", "path", "is_opd")
        paths, marked = {}, set()
        for pk, path, is_opd in rows:
            paths[pk] = path
            if is_opd:
                marked.add(pk)
        return cls(paths=paths, marked=frozenset(marked))

    def place(self, unit_id: int, heads: bool) -> tuple[int, bool]:
        ancestry = domain.ancestry_from_path(self.paths[unit_id])
        return domain.curve_unit(ancestry, self.marked, unit_id if heads else None)


def skp_to_evaluate(periode: PeriodePenilaian):
    """Approved SKP in force (no approved revision after them) whose dates cover part
    of the period."""
    superseded = SKP.objects.filter(sebelumnya=OuterRef("pk"), status=plans_domain.DISETUJUI)
    return (
        SKP.objects.filter(
            instansi_id=periode.instansi_id,
            periode_id=periode.periode_id,
            status=plans_domain.DISETUJUI,
            tanggal_mulai__lte=periode.tanggal_selesai,
            tanggal_selesai__gte=periode.tanggal_mulai,
        )
        .exclude(Exists(superseded))
        .select_related(
            "jabatan",
            "jabatan__unit",
            "pegawai",
            "pegawai__unit",
            "penilai",
            "penilai__jabatan__unit",
            "penilai__unit",
            "atasan_penilai",
            "atasan_penilai__jabatan__unit",
            "atasan_penilai__unit",
        )
    )


def build_evaluasi(
    skp: SKP, periode: PeriodePenilaian, units: UnitMap, aturan_versi: int
) -> Evaluasi:
    """An unsaved draft evaluation of `skp` for `periode`, with the snapshot of the person
    in the SKP's position, the penilai and the atasan penilai as they are now (rules §4)."""
    jabatan = skp.jabatan
    unit_id = jabatan.unit_id
    heads = bool(jabatan.is_head)
    unit_kurva, dalam = units.place(unit_id, heads)
    return Evaluasi(
        instansi_id=skp.instansi_id,
        skp=skp,
        periode_penilaian=periode,
        pegawai_id=skp.pegawai_id,
        penilai_id=skp.penilai_id,
        jabatan_id=jabatan.pk,
        unit_id=unit_id,
        unit_kurva_id=unit_kurva,
        dalam_kurva=dalam,
        kepala_unit_id=unit_id if heads else None,
        snapshot={
            "pegawai": identitas(skp.pegawai, jabatan),
            "penilai": identitas(skp.penilai),
            "atasan_penilai": identitas(skp.atasan_penilai),
        },
        aturan_versi=aturan_versi,
    )


def evaluasi_sync(*, periode: PeriodePenilaian, skp_ids: Iterable[int] | None = None) -> int:
    """Create the missing evaluations of the period (idempotent; an SKP approved after
    the period was opened gets its evaluation here). Returns how many were created."""
    units = UnitMap.load(periode.instansi_id)
    versi = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year).versi
    have = Evaluasi.objects.filter(
        instansi_id=periode.instansi_id, periode_penilaian=periode, skp=OuterRef("pk")
    )
    qs = skp_to_evaluate(periode).exclude(Exists(have))
    if skp_ids is not None:
        qs = qs.filter(pk__in=list(skp_ids))
    created = 0
    batch: list[Evaluasi] = []
    for skp in qs.iterator(chunk_size=BATCH):
        if skp.jabatan.unit_id not in units.paths:
            continue
        batch.append(build_evaluasi(skp, periode, units, versi))
        if len(batch) >= BATCH:
            Evaluasi.objects.bulk_create(batch, ignore_conflicts=True)
            created += len(batch)
            batch = []
    if batch:
        Evaluasi.objects.bulk_create(batch, ignore_conflicts=True)
        created += len(batch)
    return created


@transaction.atomic
def periode_penilaian_open(
    *, actor: Actor, periode_id: int, jenis: str, nomor: int
) -> tuple[PeriodePenilaian, int]:
    """Open a month or quarter (the year's periodic kind, rules §4) or the year (nomor
    0) for evaluation, and create its evaluations. Refused for a period that has not
    begun or is already open."""
    actor = require_appraisal_admin(actor)
    tahun = PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id, pk=periode_id).first()
    if tahun is None:
        raise ValidationError(_("Tahun kinerja tidak ditemukan."))
    if jenis != domain.JENIS_TAHUNAN and jenis != tahun.periodik:
        raise ValidationError(
            _("Penilaian periodik tahun %(tahun)s adalah %(jenis)s.")
            % {"tahun": tahun.tahun, "jenis": tahun.get_periodik_display().lower()}
        )
    if jenis == domain.JENIS_TAHUNAN:
        nomor = 0
    try:
        mulai, selesai = domain.period_bounds(jenis, nomor, tahun.tahun)
    except ValueError:
        raise ValidationError(_("Nomor periode tidak sah.")) from None
    error = domain.open_period_error(mulai, local_today(actor))
    if error:
        raise ValidationError(error)
    if PeriodePenilaian.objects.filter(
        instansi_id=actor.instansi_id, periode=tahun, jenis=jenis, nomor=nomor
    ).exists():
        raise ValidationError(
            _("Periode %(p)s sudah dibuka.") % {"p": domain.period_label(jenis, nomor, tahun.tahun)}
        )
    periode = PeriodePenilaian.objects.create(
        instansi_id=actor.instansi_id,
        periode=tahun,
        jenis=jenis,
        nomor=nomor,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
        dibuka_oleh=actor.user,
    )
    created = evaluasi_sync(periode=periode)
    if jenis == domain.JENIS_TAHUNAN:
        from .tahunan import annual_prefill

        annual_prefill(periode=periode)
    audit.record(
        actor=actor.user,
        action="periode_penilaian.open",
        obj=periode,
        changes={"periode": str(periode), "evaluasi": created},
    )
    return periode, created


@transaction.atomic
def periode_penilaian_set_status(
    *, actor: Actor, periode_penilaian_id: int, status: str
) -> PeriodePenilaian:
    """Close a period (no more entry or rating) or open it again."""
    actor = require_appraisal_admin(actor)
    periode = (
        PeriodePenilaian.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=periode_penilaian_id)
        .first()
    )
    if periode is None:
        raise ValidationError(_("Periode penilaian tidak ditemukan."))
    if status not in PeriodePenilaian.Status.values:
        raise ValidationError(_("Status periode tidak sah."))
    before = periode.status
    if before == status:
        return periode
    periode.status = status
    periode.save(update_fields=["status"])
    audit.record(
        actor=actor.user,
        action="periode_penilaian.status",
        obj=periode,
        changes={"status": [before, status]},
    )
    return periode


def require_open(periode: PeriodePenilaian) -> None:
    """Entry and rating only while the period is open."""
    if periode.status != PeriodePenilaian.Status.DIBUKA:
        raise ValidationError(domain.closed_period_message(str(periode)))
