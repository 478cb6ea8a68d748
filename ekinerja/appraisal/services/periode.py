"""Evaluation periods: opening one creates the evaluation of every approved SKP that
covers it, each with its snapshot and its place in a curve (rules §2, §4) — in the
background, with progress (tasks.periode_prepare_task); an SKP approved while a period
is open gets its evaluation at approval (plans/hooks.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import audit
from ekinerja.core.clock import local_today
from ekinerja.core.notify import Note, notify_many
from ekinerja.core.roles import Actor
from ekinerja.org.models import UnitKerja
from ekinerja.plans.hooks import SkpApproved
from ekinerja.plans.models import SKP, PeriodeKinerja
from ekinerja.plans.selectors import skp_in_force_q
from ekinerja.plans.services.creation import identitas

from ..access import require_appraisal_admin
from ..domain import distribution, evaluation
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
        ancestry = distribution.ancestry_from_path(self.paths[unit_id])
        return distribution.curve_unit(ancestry, self.marked, unit_id if heads else None)


def skp_to_evaluate(periode: PeriodePenilaian):
    """Approved SKP in force (plans.selectors.skp_in_force_q: no approved revision after
    them) of the period's year whose dates cover part of the period."""
    return (
        SKP.objects.filter(instansi_id=periode.instansi_id, periode_id=periode.periode_id)
        .filter(
            skp_in_force_q(approved=True, start=periode.tanggal_mulai, end=periode.tanggal_selesai)
        )
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


def _sync(*, periode: PeriodePenilaian, skp_ids: Iterable[int] | None = None) -> list[Evaluasi]:
    """Create the missing evaluations of the period; returns them (unsaved copies:
    skp_id, pegawai_id and the period are what callers read)."""
    units = UnitMap.load(periode.instansi_id)
    versi = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year).versi
    have = Evaluasi.objects.filter(
        instansi_id=periode.instansi_id, periode_penilaian=periode, skp=OuterRef("pk")
    )
    qs = skp_to_evaluate(periode).exclude(Exists(have))
    if skp_ids is not None:
        qs = qs.filter(instansi_id=periode.instansi_id, pk__in=list(skp_ids))
    created: list[Evaluasi] = []
    batch: list[Evaluasi] = []
    for skp in qs.iterator(chunk_size=BATCH):
        if skp.jabatan.unit_id not in units.paths:
            continue
        batch.append(build_evaluasi(skp, periode, units, versi))
        if len(batch) >= BATCH:
            Evaluasi.objects.bulk_create(batch, ignore_conflicts=True)
            created += batch
            batch = []
    if batch:
        Evaluasi.objects.bulk_create(batch, ignore_conflicts=True)
        created += batch
    return created


def evaluasi_sync(*, periode: PeriodePenilaian, skp_ids: Iterable[int] | None = None) -> int:
    """Create the missing evaluations of the period (idempotent; an SKP approved after
    the period was opened gets its evaluation here). Returns how many were created."""
    return len(_sync(periode=periode, skp_ids=skp_ids))


@transaction.atomic
def periode_penilaian_open(
    *, actor: Actor, periode_id: int, jenis: str, nomor: int
) -> PeriodePenilaian:
    """Open a month or quarter (the year's periodic kind, rules §4) or the year (nomor
    0) for evaluation. The period is created "sedang disiapkan" and its evaluations are
    created by the background worker (tasks.periode_prepare_task: ~6 s for 1,400 SKP),
    whose progress the period page shows; entry and rating start when it is done.

    Refused for a period that has not begun, or that is already open or being prepared
    — also when two admins (or a double submit) open it at the same moment: the year's
    row is locked, so the second waits for the first and is then refused; the unique
    constraint behind it turns any race left into the same refusal, never a 500."""
    actor = require_appraisal_admin(actor)
    tahun = (
        PeriodeKinerja.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=periode_id)
        .first()
    )
    if tahun is None:
        raise ValidationError(_("Tahun kinerja tidak ditemukan."))
    if jenis != evaluation.JENIS_TAHUNAN and jenis != tahun.periodik:
        raise ValidationError(
            _("Penilaian periodik tahun %(tahun)s adalah %(jenis)s.")
            % {"tahun": tahun.tahun, "jenis": tahun.get_periodik_display().lower()}
        )
    if jenis == evaluation.JENIS_TAHUNAN:
        nomor = 0
    try:
        mulai, selesai = evaluation.period_bounds(jenis, nomor, tahun.tahun)
    except ValueError:
        raise ValidationError(_("Nomor periode tidak sah.")) from None
    error = evaluation.open_period_error(mulai, local_today(actor))
    if error:
        raise ValidationError(error)
    label = evaluation.period_label(jenis, nomor, tahun.tahun)
    existing = PeriodePenilaian.objects.filter(
        instansi_id=actor.instansi_id, periode=tahun, jenis=jenis, nomor=nomor
    ).first()
    if existing is not None:
        raise ValidationError(_already_open(existing))
    try:
        with transaction.atomic():
            periode = PeriodePenilaian.objects.create(
                instansi_id=actor.instansi_id,
                periode=tahun,
                jenis=jenis,
                nomor=nomor,
                tanggal_mulai=mulai,
                tanggal_selesai=selesai,
                dibuka_oleh=actor.user,
                status=PeriodePenilaian.Status.DISIAPKAN,
                persiapan_at=timezone.now(),
            )
    except IntegrityError:
        # Opened by someone else between the check and the insert.
        raise ValidationError(_("Periode %(p)s sudah dibuka.") % {"p": label}) from None
    audit.record(
        actor=actor.user,
        action="periode_penilaian.open",
        obj=periode,
        changes={"periode": str(periode), "status": PeriodePenilaian.Status.DISIAPKAN},
    )
    _queue_preparation(periode, actor)
    return periode


def _already_open(periode: PeriodePenilaian) -> str:
    if periode.status == PeriodePenilaian.Status.DISIAPKAN:
        if not periode.persiapan_total:
            return _("Periode %(p)s sedang disiapkan; tunggu sampai selesai.") % {"p": periode}
        return _(
            "Periode %(p)s sedang disiapkan (%(n)s dari %(m)s evaluasi dibuat); tunggu "
            "sampai selesai."
        ) % {"p": periode, "n": periode.persiapan_selesai, "m": periode.persiapan_total}
    return _("Periode %(p)s sudah dibuka.") % {"p": periode}


def _queue_preparation(periode: PeriodePenilaian, actor: Actor) -> None:
    from ..tasks import periode_prepare_task

    periode_id, user_id = periode.pk, actor.user.pk
    transaction.on_commit(
        lambda: periode_prepare_task.enqueue(periode_penilaian_id=periode_id, user_id=user_id)
    )


# A preparation whose progress has not moved for this long has stopped (a worker that
# died); the admin may start it again.
STALLED_AFTER = dt.timedelta(minutes=10)


def preparation_stalled(periode: PeriodePenilaian, now: dt.datetime) -> bool:
    if periode.status != PeriodePenilaian.Status.DISIAPKAN:
        return False
    if periode.galat_persiapan:
        return True
    return periode.persiapan_at is None or now - periode.persiapan_at > STALLED_AFTER


@transaction.atomic
def periode_penilaian_retry(*, actor: Actor, periode_penilaian_id: int) -> PeriodePenilaian:
    """Start a preparation again that stopped (an error, or a worker that died): it
    continues where it stopped, creating only what is missing."""
    actor = require_appraisal_admin(actor)
    periode = (
        PeriodePenilaian.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=periode_penilaian_id)
        .first()
    )
    if periode is None:
        raise ValidationError(_("Periode penilaian tidak ditemukan."))
    if periode.status != PeriodePenilaian.Status.DISIAPKAN:
        raise ValidationError(_("Periode %(p)s sudah siap.") % {"p": periode})
    if not preparation_stalled(periode, timezone.now()):
        raise ValidationError(_already_open(periode))
    before = periode.galat_persiapan
    periode.galat_persiapan = ""
    periode.persiapan_at = timezone.now()
    periode.save(update_fields=["galat_persiapan", "persiapan_at"])
    audit.record(
        actor=actor.user,
        action="periode_penilaian.retry",
        obj=periode,
        changes={"galat_persiapan": [before, ""]},
    )
    _queue_preparation(periode, actor)
    return periode


PREPARE_BATCH = 200


def periode_penilaian_prepare(
    *, actor: Actor | None, periode_penilaian_id: int, batch: int = PREPARE_BATCH
) -> tuple[int, int]:
    """The background part of opening a period (tasks.periode_prepare_task): create the
    evaluation of every approved SKP that covers it, `batch` at a time, each batch in
    its own transaction with the progress the page shows; then, for the year, the
    prefill from the last rated period (rules §4); then the period opens. Resumable:
    a second run creates only what is missing. Returns (created, prefilled)."""
    actor = require_appraisal_admin(actor)
    periode = PeriodePenilaian.objects.filter(
        instansi_id=actor.instansi_id, pk=periode_penilaian_id
    ).first()
    if periode is None or periode.status != PeriodePenilaian.Status.DISIAPKAN:
        return 0, 0
    have = Evaluasi.objects.filter(
        instansi_id=periode.instansi_id, periode_penilaian=periode, skp=OuterRef("pk")
    )
    todo = list(
        skp_to_evaluate(periode).exclude(Exists(have)).order_by("pk").values_list("pk", flat=True)
    )
    done = Evaluasi.objects.filter(instansi_id=periode.instansi_id, periode_penilaian=periode)
    already = done.count()
    PeriodePenilaian.objects.filter(instansi_id=periode.instansi_id, pk=periode.pk).update(
        persiapan_total=already + len(todo), persiapan_selesai=already, persiapan_at=timezone.now()
    )
    created = 0
    for start in range(0, len(todo), batch):
        with transaction.atomic():
            created += evaluasi_sync(periode=periode, skp_ids=todo[start : start + batch])
            PeriodePenilaian.objects.filter(instansi_id=periode.instansi_id, pk=periode.pk).update(
                persiapan_selesai=already + min(len(todo), start + batch),
                persiapan_at=timezone.now(),
            )
    with transaction.atomic():
        periode = PeriodePenilaian.objects.select_for_update().get(
            instansi_id=periode.instansi_id, pk=periode.pk
        )
        if periode.status != PeriodePenilaian.Status.DISIAPKAN:
            return created, 0
        prefilled = 0
        if periode.is_tahunan:
            from .tahunan import annual_prefill

            prefilled = annual_prefill(periode=periode)
        periode.status = PeriodePenilaian.Status.DIBUKA
        periode.galat_persiapan = ""
        periode.persiapan_selesai = periode.persiapan_total
        periode.persiapan_at = timezone.now()
        periode.save(
            update_fields=["status", "galat_persiapan", "persiapan_selesai", "persiapan_at"]
        )
        audit.record(
            actor=actor.user,
            action="periode_penilaian.status",
            obj=periode,
            changes={
                "status": [PeriodePenilaian.Status.DISIAPKAN, PeriodePenilaian.Status.DIBUKA],
                "evaluasi_baru": created,
                "diisi_dari_periode": prefilled,
            },
        )
    return created, prefilled


def preparation_failed(*, instansi_id: int, periode_penilaian_id: int, message: str) -> None:
    """Record why a preparation stopped, for the period page (the worker's side)."""
    PeriodePenilaian.objects.filter(
        instansi_id=instansi_id, pk=periode_penilaian_id, status=PeriodePenilaian.Status.DISIAPKAN
    ).update(galat_persiapan=message[:2000], persiapan_at=timezone.now())


# --- an SKP approved while its period is open (plans/hooks.py) ---------------------------

NOTIFY_EVALUASI_DIBUAT = "evaluasi.dibuat"


def evaluasi_for_approved_skp(event: SkpApproved) -> None:
    """An SKP approved after its evaluation periods were opened gets its evaluations at
    once (what "Sinkronkan" would create): in every open month or quarter it covers, and
    in the year's own evaluation if open (prefilled from the last rated period). Runs in
    the approval's transaction; audited per period; the owner is told."""
    rows = list(
        SKP.objects.filter(instansi_id=event.instansi_id, pk__in=event.skp_ids).values_list(
            "pk", "periode_id", "pegawai_id", "pegawai__user_id"
        )
    )
    if not rows:
        return
    periods = list(
        PeriodePenilaian.objects.filter(
            instansi_id=event.instansi_id,
            periode_id__in={r[1] for r in rows},
            status__in=[PeriodePenilaian.Status.DIBUKA, PeriodePenilaian.Status.DISIAPKAN],
        ).order_by("tanggal_selesai", "-tanggal_mulai")
    )
    user_of = {pk: user_id for pk, _p, _g, user_id in rows}
    made: dict[int, list[str]] = {}  # user → period labels
    for periode in periods:
        created = _sync(periode=periode, skp_ids=[r[0] for r in rows])
        if not created:
            continue
        if periode.is_tahunan and periode.status == PeriodePenilaian.Status.DIBUKA:
            from .tahunan import annual_prefill

            annual_prefill(periode=periode, pegawai_ids={e.pegawai_id for e in created})
        audit.record(
            actor=event.actor.user,
            action="periode_penilaian.sync",
            obj=periode,
            changes={
                "evaluasi_baru": len(created),
                "skp_disetujui": sorted(e.skp_id for e in created),
            },
        )
        if periode.status == PeriodePenilaian.Status.DIBUKA:
            for e in created:
                if user_of.get(e.skp_id):
                    made.setdefault(user_of[e.skp_id], []).append(str(periode))
    if made:
        url = reverse("appraisal:evaluasi-mine")
        notify_many(
            instansi_id=event.instansi_id,
            notes=[
                Note(
                    recipients=[user_id],
                    kind=NOTIFY_EVALUASI_DIBUAT,
                    message=gettext_lazy(
                        "SKP Anda disetujui; evaluasi kinerja periode %(periode)s sudah dibuat. "
                        "Isi realisasinya."
                    ),
                    url=url,
                    params={"periode": ", ".join(labels)},
                )
                for user_id, labels in made.items()
            ],
        )


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
    if status not in (PeriodePenilaian.Status.DIBUKA, PeriodePenilaian.Status.DITUTUP):
        raise ValidationError(_("Status periode tidak sah."))
    if periode.status == PeriodePenilaian.Status.DISIAPKAN:
        # Only the preparation opens it (periode_penilaian_prepare).
        raise ValidationError(_already_open(periode))
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
    if periode.status == PeriodePenilaian.Status.DISIAPKAN:
        raise ValidationError(
            _("Periode %(p)s masih disiapkan; tunggu sampai semua evaluasinya dibuat.")
            % {"p": periode}
        )
    if periode.status != PeriodePenilaian.Status.DIBUKA:
        raise ValidationError(evaluation.closed_period_message(str(periode)))
