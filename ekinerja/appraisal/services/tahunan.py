"""The annual evaluation (rules §4): prefilled from, or a copy of, the last periodic
evaluation of the same SKP; and the admin's "sinkronkan" of a period.

Mode `separate` (default): the year-end evaluation is the penilai's own, over the whole
year; it starts as a draft carrying the last period's realisasi and ratings as a
prefill, which the penilai confirms or changes. Mode `last_period`: the annual result
IS the last period's; the evaluation is a copy (status dinilai) that follows that
period until its unit's penetapan locks it, and refuses entry and rating
(services.realisasi / services.penilaian).

A person with two positions in the year has two SKP, so two annual evaluations, each
prefilled from the last period of its own SKP (an SKP revised during the year counts
its earlier versions as the same SKP).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor
from ekinerja.plans.models import SKP

from ..access import require_appraisal_admin
from ..domain import evaluation
from ..models import Evaluasi, PeriodePenilaian, RealisasiIKI
from ..selectors.kurva import aturan_for
from .periode import evaluasi_sync, require_open

BATCH = 1000
# Revisions of one SKP are few; the bound only guards against a malformed chain.
MAX_REVISIONS = 50

COPIED_FIELDS = (
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    "saran_hasil_kerja",
    "umpan_balik_rhk",
    "umpan_balik_perilaku",
    "catatan_penilai",
)


def _lineage(skp_ids: set[int], instansi_id: int) -> dict[int, int]:
    """{skp id: the annual SKP it is a version of} for the given SKP and every earlier
    version (`sebelumnya`), one query per revision level."""
    owner = {pk: pk for pk in skp_ids}
    frontier = dict(owner)
    for _level in range(MAX_REVISIONS):
        if not frontier:
            break
        rows = SKP.objects.filter(instansi_id=instansi_id, pk__in=list(frontier)).values_list(
            "pk", "sebelumnya_id"
        )
        nxt: dict[int, int] = {}
        for pk, before in rows:
            if before is not None and before not in owner:
                owner[before] = frontier[pk]
                nxt[before] = frontier[pk]
        frontier = nxt
    return owner


def last_periodic(*, periode: PeriodePenilaian, skp_ids: set[int]) -> dict[int, Evaluasi]:
    """{annual SKP id: the last periodic evaluation of that SKP (or an earlier version of
    it) in the same performance year that has a predikat}."""
    owner = _lineage(skp_ids, periode.instansi_id)
    rows = (
        Evaluasi.objects.filter(
            instansi_id=periode.instansi_id,
            periode_penilaian__periode_id=periode.periode_id,
            skp_id__in=list(owner),
        )
        .exclude(periode_penilaian__jenis=evaluation.JENIS_TAHUNAN)
        .exclude(predikat="")
        .exclude(status=evaluation.EVALUASI_DRAFT)
        .select_related("periode_penilaian")
        .order_by("periode_penilaian__tanggal_selesai", "pk")
    )
    out: dict[int, Evaluasi] = {}
    for ev in rows.iterator(chunk_size=BATCH):
        out[owner[ev.skp_id]] = ev  # later periods overwrite earlier ones
    return out


def _copy_realisasi(pairs: list[tuple[Evaluasi, Evaluasi]]) -> None:
    """Copy the source's realisasi rows into each annual evaluation (replacing any),
    only where both are evaluations of the same SKP: an earlier version's IKI are not
    the annual SKP's."""
    same = {ev.pk: src.pk for ev, src in pairs if ev.skp_id == src.skp_id}
    if not same:
        return
    RealisasiIKI.objects.filter(evaluasi_id__in=list(same)).delete()
    by_source: dict[int, list[int]] = {}
    for target, source in same.items():
        by_source.setdefault(source, []).append(target)
    batch: list[RealisasiIKI] = []
    rows = RealisasiIKI.objects.filter(evaluasi_id__in=list(by_source)).order_by("pk")
    for r in rows.iterator(chunk_size=BATCH):
        for target in by_source[r.evaluasi_id]:
            batch.append(
                RealisasiIKI(
                    instansi_id=r.instansi_id,
                    evaluasi_id=target,
                    iki_id=r.iki_id,
                    nilai=r.nilai,
                    teks=r.teks,
                    capaian=r.capaian,
                    catatan=r.catatan,
                )
            )
        if len(batch) >= BATCH:
            RealisasiIKI.objects.bulk_create(batch)
            batch = []
    if batch:
        RealisasiIKI.objects.bulk_create(batch)


def _realisasi_sets(ids: set[int]) -> dict[int, frozenset]:
    """{evaluation: its realisasi as a comparable set} — one query."""
    out: dict[int, set] = {}
    rows = RealisasiIKI.objects.filter(evaluasi_id__in=list(ids)).values_list(
        "evaluasi_id", "iki_id", "nilai", "teks", "catatan"
    )
    for ev_id, *row in rows.iterator(chunk_size=BATCH):
        out.setdefault(ev_id, set()).add(tuple(row))
    return {k: frozenset(v) for k, v in out.items()}


def annual_prefill(*, periode: PeriodePenilaian, pegawai_ids: Iterable[int] | None = None) -> int:
    """Fill the annual evaluations of `periode` from the latest rated periodic
    evaluation of their SKP (rules §4); returns how many changed. Idempotent, bulk
    writes; `pegawai_ids` limits it to some people (after one of them was rated).

    - `separate`: drafts the penilai has not confirmed yet — untouched ones, and those
      prefilled earlier from a period that is no longer the latest rated one (the year
      opened before December was rated) — get the source's ratings, predikat and
      feedback; realisasi is copied when none was entered, or when what is there is
      still the untouched copy of the earlier source. The status stays draft: the
      penilai confirms or changes them.
    - `last_period`: every evaluation not yet locked by a penetapan becomes (again) a
      copy of its source, status dinilai: the annual result follows the last period.
    Evaluations with no rated period yet are left as they are."""
    if periode.jenis != evaluation.JENIS_TAHUNAN:
        raise ValueError("annual_prefill needs an annual period")
    aturan = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year)
    copy_mode = aturan.mode_tahunan == evaluation.TAHUNAN_PERIODE_TERAKHIR
    annual = Evaluasi.objects.filter(instansi_id=periode.instansi_id, periode_penilaian=periode)
    if pegawai_ids is not None:
        annual = annual.filter(pegawai_id__in=list(pegawai_ids))
    if copy_mode:
        annual = annual.exclude(status=Evaluasi.Status.DITETAPKAN)
    else:
        # Not confirmed by the penilai: a draft (rating makes it dinilai), either empty
        # or carrying an earlier prefill.
        annual = annual.filter(status=Evaluasi.Status.DRAFT).filter(
            Q(sumber__isnull=False) | Q(predikat="")
        )
    targets = list(
        annual.only("pk", "skp_id", "status", "instansi_id", "sumber_id", *COPIED_FIELDS)
    )
    if not targets:
        return 0
    sources = last_periodic(periode=periode, skp_ids={ev.skp_id for ev in targets})
    pairs = [
        (ev, sources[ev.skp_id])
        for ev in targets
        if ev.skp_id in sources
        and (
            copy_mode
            or ev.sumber_id != sources[ev.skp_id].pk
            or any(getattr(ev, f) != getattr(sources[ev.skp_id], f) for f in COPIED_FIELDS)
        )
    ]
    if not pairs:
        return 0
    earlier = {ev.pk: ev.sumber_id for ev, _src in pairs}
    fields = [*COPIED_FIELDS, "sumber", "updated_at"]
    now = timezone.now()
    for ev, src in pairs:
        for f in COPIED_FIELDS:
            setattr(ev, f, getattr(src, f))
        ev.sumber_id = src.pk
        ev.updated_at = now
        if copy_mode:
            ev.status = Evaluasi.Status.DINILAI
            ev.dinilai_at = src.dinilai_at
            ev.dinilai_oleh_id = src.dinilai_oleh_id
            ev.aturan_versi = aturan.versi
    if copy_mode:
        fields += ["status", "dinilai_at", "dinilai_oleh", "aturan_versi"]
        _copy_realisasi(pairs)
    else:
        sets = _realisasi_sets(
            {ev.pk for ev, _src in pairs} | {s for s in earlier.values() if s is not None}
        )

        def untouched(ev: Evaluasi, src: Evaluasi) -> bool:
            mine = sets.get(ev.pk)
            if not mine:
                return True  # nothing entered yet
            before = earlier[ev.pk]
            # Still the copy of the earlier source: follow the new one.
            return before is not None and before != src.pk and sets.get(before) == mine

        _copy_realisasi([(ev, src) for ev, src in pairs if untouched(ev, src)])
    Evaluasi.objects.bulk_update([ev for ev, _src in pairs], fields, batch_size=BATCH)
    return len(pairs)


@transaction.atomic
def periode_penilaian_sync(*, actor: Actor, periode_penilaian_id: int) -> tuple[int, int]:
    """The admin's "sinkronkan": create the evaluations of SKP approved since the period
    was opened (services.periode.evaluasi_sync), and for the year fill the annual
    evaluations again (annual_prefill). Returns (created, prefilled). Refused on a
    closed period: nobody could fill what it would create."""
    actor = require_appraisal_admin(actor)
    periode = (
        PeriodePenilaian.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=periode_penilaian_id)
        .first()
    )
    if periode is None:
        raise ValidationError(_("Periode penilaian tidak ditemukan."))
    require_open(periode)
    created = evaluasi_sync(periode=periode)
    prefilled = annual_prefill(periode=periode) if periode.is_tahunan else 0
    audit.record(
        actor=actor.user,
        action="periode_penilaian.sync",
        obj=periode,
        changes={"evaluasi_baru": created, "diisi_dari_periode": prefilled},
    )
    return created, prefilled
