"""Demo appraisal: evaluation periods with their evaluations, realisasi, ratings that
follow each unit's curve, organisation predikat and penetapan, in bulk.

`seed_appraisal(instansi, today=…, dari=…, seed=…)` works on the approved SKP of the
year of `today` (the plans seeder's), period by period of the year's periodic kind
(monthly by default) from the period containing `dari` to the one containing `today`:

* Every period is opened (PeriodePenilaian) and gets the evaluation of each approved
  SKP that covers it, built with the period service's own `build_evaluasi` and
  `UnitMap` (snapshot, unit kurva, whether the curve counts the person, unit head).
* Finished periods: each marked unit (is_opd) gets an organisation predikat (mostly
  Baik, some Istimewa, now and then Butuh Perbaikan; a unit tends to keep its
  predikat from month to month). The staff its curve counts get predikat dealt so that
  the curve holds (checked with domain.distribution.check_curve against the year's rules), a unit
  head's rating hasil kerja follows their unit's organisation predikat, and each
  predikat becomes a pair of ratings off the matrix. About 97% of the people entered
  realisasi for every IKI, with values that make the system's suggestion agree with
  the rating they then got (above target for Di Atas, on target for Sesuai, below for
  Di Bawah); the suggestion is stored as `saran_hasil_kerja`. Some penilai wrote
  feedback per RHK and per BerAKHLAK value.
* Finished periods before the last are locked (a penetapan for every unit kurva, all
  evaluations ditetapkan) and closed. The last finished period stays open: a few
  marked units are locked through the real service (`services.penetapan.
  penetapan_create` as the Admin Instansi, which re-checks the curve), two units still
  have one to three people unrated, and the rest are rated and wait for penetapan.
* The current period is open and unrated: about a third of the people entered part
  of their realisasi; `keep_empty` people (the demo logins) entered nothing, and
  `full_realisasi` people (whom the demo Kepala Bidang rates) entered everything. The
  demo Kepala Bidang's OPD has its organisation predikat, so the live curve panel
  checks the rules while he rates.

Rows are written with the org seeder's bulk inserter (keys reserved up front;
executemany on SQLite, COPY on PostgreSQL), all randomness from `random.Random(seed)`
and per-person generators. Seeding is not a user action: no audit events, except the
penetapan done through the service (which records its own, as the Admin Instansi).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from ekinerja.core.models import Role, RoleAssignment
from ekinerja.core.roles import actor_for_user
from ekinerja.org.models import Instansi, Pegawai
from ekinerja.org.seeding.writing import Inserter, reserve_ids
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import IKI, PeriodeKinerja

from ..domain import achievement, evaluation, ratings
from ..models import Evaluasi, Penetapan, PeriodePenilaian, PredikatOrganisasi, RealisasiIKI
from ..selectors.kurva import aturan_for
from ..services.periode import UnitMap, build_evaluasi, skp_to_evaluate
from .ratings import ORG_WEIGHTS, PAIRS, IkiSpec, assign_predikat, capaian_of, realisasi_value
from .vocabulary import (
    CATATAN_ORGANISASI,
    CATATAN_PENILAI,
    CATATAN_REALISASI,
    UMPAN_BALIK_PERILAKU,
    UMPAN_BALIK_RHK,
)

__all__ = ["SeedAppraisalResult", "admin_actor", "demo_periods", "seed_appraisal"]

EVALUASI_FIELDS = [
    "id", "instansi_id", "skp_id", "periode_penilaian_id", "pegawai_id", "penilai_id",
    "jabatan_id", "unit_id", "unit_kurva_id", "dalam_kurva", "kepala_unit_id", "snapshot",
    "status", "rating_hasil_kerja", "rating_perilaku", "predikat", "saran_hasil_kerja",
    "umpan_balik_rhk", "umpan_balik_perilaku", "catatan_penilai", "aturan_versi",
    "dinilai_at", "dinilai_oleh_id", "ditetapkan_at",
]  # fmt: skip
REALISASI_FIELDS = ["instansi_id", "evaluasi_id", "iki_id", "nilai", "teks", "capaian", "catatan"]


# --- periods -------------------------------------------------------------------------------


def demo_periods(jenis: str, dari: dt.date, today: dt.date) -> list[int]:
    """The numbers (months or quarters) of `jenis` in today's year from the one that
    contains `dari` to the one that contains `today`."""
    per = 3 if jenis == evaluation.JENIS_TRIWULANAN else 1
    first = dari if dari.year == today.year else dt.date(today.year, 1, 1)
    return list(range((first.month - 1) // per + 1, (today.month - 1) // per + 2))


@dataclass
class SeedAppraisalResult:
    periods: list[PeriodePenilaian] = field(default_factory=list)
    evaluasi: int = 0
    realisasi: int = 0
    status: Counter[str] = field(default_factory=Counter)
    predikat: Counter[str] = field(default_factory=Counter)
    predikat_organisasi: int = 0
    penetapan: int = 0
    penetapan_service: list[int] = field(default_factory=list)  # unit ids
    refused: list[str] = field(default_factory=list)  # curve or service refusals
    seconds: float = 0.0


@dataclass
class _Ev:
    id: int
    skp_id: int
    pegawai_id: int
    penilai_id: int | None
    unit_kurva: int
    dalam: bool
    kepala: int | None
    row: Evaluasi
    hk: str = ""
    pk: str = ""
    predikat: str = ""
    status: str = evaluation.EVALUASI_DRAFT
    saran: str = ""
    ub_rhk: dict = field(default_factory=dict)
    ub_perilaku: dict = field(default_factory=dict)
    catatan: str = ""
    dinilai_at: dt.datetime | None = None
    ditetapkan_at: dt.datetime | None = None


def admin_actor(instansi: Instansi):
    ra = (
        RoleAssignment.objects.filter(instansi=instansi, role=Role.ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return actor_for_user(ra.user) if ra is not None else None


def _at(day: dt.date, hour: int, tz: ZoneInfo, now: dt.datetime) -> dt.datetime:
    return min(dt.datetime.combine(day, dt.time(hour, 0), tz), now)


def seed_appraisal(
    instansi: Instansi,
    *,
    today: dt.date,
    dari: dt.date,
    seed: int = 1,
    penetapan_units: int = 4,
    unrated_units: int = 2,
    current_share: float = 0.35,
    keep_empty: Iterable[int] = (),
    full_realisasi: Iterable[int] = (),
    current_org_units: Iterable[int] = (),
    use_service: bool = True,
) -> SeedAppraisalResult:
    """Write the demo appraisal of `instansi` (module docstring). Runs in the caller's
    transaction. `use_service=False` locks the last finished period's units with the
    same bulk writes as the earlier ones (no audit, e.g. for benchmarks)."""
    start = time.perf_counter()
    iid = instansi.pk
    tz = ZoneInfo(instansi.zona_waktu)
    now = timezone.now()
    result = SeedAppraisalResult()
    tahun = PeriodeKinerja.objects.filter(instansi_id=iid, tahun=today.year).first()
    if tahun is None:
        return result
    jenis = (
        evaluation.JENIS_TRIWULANAN
        if tahun.periodik == evaluation.JENIS_TRIWULANAN
        else evaluation.JENIS_BULANAN
    )
    numbers = demo_periods(jenis, dari, today)
    bounds = {n: evaluation.period_bounds(jenis, n, today.year) for n in numbers}
    finished = [n for n in numbers if bounds[n][1] < today]
    current = [n for n in numbers if n not in finished]
    last = finished[-1] if finished else None
    actor = admin_actor(instansi)
    admin_user = actor.user if actor is not None else None
    aturan = aturan_for(instansi_id=iid, tahun=today.year)
    rng = random.Random(seed)

    periods = {}
    for n in numbers:
        mulai, selesai = bounds[n]
        periods[n] = PeriodePenilaian.objects.create(
            instansi_id=iid, periode=tahun, jenis=jenis, nomor=n, tanggal_mulai=mulai,
            tanggal_selesai=selesai, dibuka_oleh=admin_user,
            status=PeriodePenilaian.Status.DITUTUP if n in finished and n != last
            else PeriodePenilaian.Status.DIBUKA,
        )  # fmt: skip
    result.periods = [periods[n] for n in numbers]
    if not numbers:
        return result

    # The approved SKP in force over the whole window, with whom the snapshot names.
    units = UnitMap.load(iid)
    span = PeriodePenilaian(
        instansi_id=iid, periode_id=tahun.pk, tanggal_mulai=bounds[numbers[0]][0],
        tanggal_selesai=bounds[numbers[-1]][1],
    )  # fmt: skip
    skps = list(
        skp_to_evaluate(span)
        .select_related("pegawai__unit", "penilai__jabatan__unit", "penilai__unit",
                        "atasan_penilai__jabatan__unit", "atasan_penilai__unit")
        .order_by("pegawai_id", "tanggal_mulai", "pk")
    )  # fmt: skip
    skps = [s for s in skps if s.jabatan.unit_id in units.paths]
    iki_by_skp: dict[int, list[IkiSpec]] = defaultdict(list)
    for row in (
        IKI.objects.filter(instansi_id=iid, rhk__skp_id__in=[s.pk for s in skps])
        .values_list("id", "rhk_id", "rhk__skp_id", "rhk__jenis", "target_jenis",
                     "target_nilai", "target_min", "target_maks", "arah")
        .order_by("rhk__skp_id", "rhk__urutan", "rhk_id", "urutan", "id")
    ):  # fmt: skip
        iid_, rhk_id, skp_id, rjenis, tj, tn, lo, hi, arah = row
        iki_by_skp[skp_id].append(
            IkiSpec(iid_, rhk_id, rjenis == plans_domain.RHK_UTAMA, tj, tn, lo, hi, arah)
        )
    user_of = dict(
        Pegawai.objects.filter(instansi_id=iid, user__isnull=False).values_list("pk", "user_id")
    )
    keep = set(keep_empty)
    full = set(full_realisasi)

    evs: dict[int, list[_Ev]] = {}
    n_total = sum(
        1 for n in numbers for s in skps
        if s.tanggal_mulai <= bounds[n][1] and s.tanggal_selesai >= bounds[n][0]
    )  # fmt: skip
    ids = iter(reserve_ids(Evaluasi, n_total)) if n_total else iter(())
    for n in numbers:
        mulai, selesai = bounds[n]
        period_evs = []
        for s in skps:
            if s.tanggal_mulai > selesai or s.tanggal_selesai < mulai:
                continue
            built = build_evaluasi(s, periods[n], units, aturan.versi)
            period_evs.append(
                _Ev(next(ids), s.pk, built.pegawai_id, built.penilai_id, built.unit_kurva_id,
                    built.dalam_kurva, built.kepala_unit_id, built)
            )  # fmt: skip
        evs[n] = period_evs

    realisasi_rows: list[tuple] = []
    org_rows: list[PredikatOrganisasi] = []
    penetapan_rows: list[Penetapan] = []
    base_org = {
        u: rng.choices([o for o, _w in ORG_WEIGHTS], [w for _o, w in ORG_WEIGHTS])[0]
        for u in sorted(units.marked)
    }
    org_order = [o for o, _w in ORG_WEIGHTS]

    def write_realisasi(ev: _Ev, rating: str, prng: random.Random, share: float = 1.0) -> str:
        """Realisasi of `share` of the person's IKI (in order) toward `rating`; returns
        the suggestion the stored capaian give."""
        items = iki_by_skp.get(ev.skp_id, [])
        upto = len(items) if share >= 1 else max(1, round(len(items) * share))
        per_rhk: dict[int, list[Decimal | None]] = defaultdict(list)
        utama: dict[int, bool] = {}
        # A Sesuai person is sometimes above on one RHK; a Di Bawah one meets on one.
        twist = prng.choice(items).rhk_id if items and prng.random() < 0.3 else None
        for iki in items[:upto]:
            r = rating
            if iki.rhk_id == twist and not iki.utama:
                r = ratings.DI_ATAS if rating == ratings.SESUAI else ratings.SESUAI
            nilai, teks = realisasi_value(iki, r, prng)
            cap = capaian_of(iki, nilai)
            per_rhk[iki.rhk_id].append(cap)
            utama[iki.rhk_id] = iki.utama
            realisasi_rows.append(
                (iid, ev.id, iki.id, nilai, teks, cap, prng.choice(CATATAN_REALISASI))
            )
        rated = [
            (utama[r], achievement.rhk_rating(c, aturan.suggestion)) for r, c in per_rhk.items()
        ]
        return achievement.suggest_rating_hasil_kerja(rated, aturan.suggestion) or ""

    for n in finished:
        mulai, selesai = bounds[n]
        periode = periods[n]
        rows = evs[n]
        by_unit: dict[int, list[_Ev]] = defaultdict(list)
        for ev in rows:
            by_unit[ev.unit_kurva].append(ev)
        # Organisation predikat: a unit usually keeps its own; sometimes one step off.
        org_of: dict[int, str] = {}
        for u in sorted(units.marked):
            o = base_org[u]
            if rng.random() < 0.15:
                k = org_order.index(o)
                o = org_order[min(len(org_order) - 1, max(0, k + rng.choice((-1, 1))))]
            if not by_unit.get(u):
                continue
            org_of[u] = o
        # Who is not rated yet in the last finished period (the demo's open ends).
        skip_units = set()
        if n == last:
            pool = [u for u in sorted(org_of) if len(by_unit[u]) >= 8]
            skip_units = set(rng.sample(pool, min(unrated_units, len(pool))))

        for u in sorted(by_unit):
            team = by_unit[u]
            counted = [e for e in team if e.dalam]
            org = org_of.get(u)
            fixed = [e for e in counted if e.kepala in org_of]
            free = [e for e in counted if e.kepala not in org_of]
            if org is not None and counted:
                got = None
                for candidate in [org] + [o for o in org_order if o != org]:
                    got = assign_predikat(
                        len(free),
                        [aturan.head_rating[org_of[e.kepala]] for e in fixed if e.kepala in org_of],
                        candidate, aturan, rng,
                    )  # fmt: skip
                    if got is not None:
                        org_of[u] = org = candidate
                        break
                if got is None:
                    result.refused.append(f"{periode}: unit {u}: no curve fits")
                    org_of.pop(u, None)
                    continue
                for e, p in zip(free, got[0], strict=True):
                    e.predikat = p
                for e, p in zip(fixed, got[1], strict=True):
                    e.predikat = p
            for e in team:
                prng = random.Random(seed * 100_003 + e.pegawai_id * 31 + n)
                head_hk = aturan.head_rating[org_of[e.kepala]] if e.kepala in org_of else None
                if not e.predikat:  # not counted in any curve: rated freely
                    hk = head_hk or prng.choice((ratings.DI_ATAS, ratings.SESUAI, ratings.SESUAI))
                    pk = prng.choice((ratings.SESUAI, ratings.SESUAI, ratings.DI_ATAS))
                    e.predikat = ratings.predikat_from_ratings(hk, pk)
                else:
                    pairs = [pr for pr in PAIRS[e.predikat] if head_hk in (None, pr[0])]
                    hk, pk = prng.choice(pairs)
                e.hk, e.pk = hk, pk
                if prng.random() < 0.97:
                    e.saran = write_realisasi(e, hk, prng)
            # The last period's open ends: one to three counted people not rated yet.
            if u in skip_units:
                for e in rng.sample(counted, min(len(counted), rng.randint(1, 3))):
                    e.hk = e.pk = e.predikat = e.saran = ""
            if org is not None:
                org_rows.append(
                    PredikatOrganisasi(
                        instansi_id=iid, unit_id=u, periode_penilaian=periode, predikat=org,
                        catatan=CATATAN_ORGANISASI.get(org, ""), ditetapkan_oleh=admin_user,
                    )
                )  # fmt: skip
        # Ratings: the penilai's details.
        for e in rows:
            if not e.predikat:
                continue
            prng = random.Random(seed * 7_919 + e.pegawai_id * 13 + n)
            e.status = evaluation.EVALUASI_DINILAI
            e.dinilai_at = _at(
                selesai + dt.timedelta(days=prng.randint(1, 9)), prng.randint(8, 15), tz, now
            )
            if prng.random() < 0.35:
                items = iki_by_skp.get(e.skp_id, [])
                if items:
                    e.ub_rhk = {str(items[0].rhk_id): prng.choice(UMPAN_BALIK_RHK[e.hk])}
            if prng.random() < 0.2:
                k = prng.randint(1, 7)
                e.ub_perilaku = {str(k): UMPAN_BALIK_PERILAKU[k]}
            if prng.random() < 0.25:
                e.catatan = CATATAN_PENILAI[e.predikat]
        # Earlier periods: locked for every unit kurva.
        if n != last:
            for u in sorted(by_unit):
                team = by_unit[u]
                at = _at(selesai + dt.timedelta(days=12), 10, tz, now)
                counts = Counter(e.predikat for e in team if e.dalam)
                for e in team:
                    e.status = evaluation.EVALUASI_DITETAPKAN
                    e.ditetapkan_at = at
                penetapan_rows.append(
                    Penetapan(
                        instansi_id=iid, unit_id=u, periode_penilaian=periode,
                        predikat_organisasi=org_of.get(u, ""),
                        jumlah={p: counts[p] for p in ratings.PREDIKAT},
                        jumlah_evaluasi=len(team), aturan_versi=aturan.versi,
                        ditetapkan_oleh=admin_user, ditetapkan_at=at,
                    )
                )  # fmt: skip

    # The current period: open, nobody rated, part of the realisasi entered.
    for n in current:
        for e in evs[n]:
            prng = random.Random(seed * 104_729 + e.pegawai_id * 17 + n)
            if e.pegawai_id in keep:
                continue
            if e.pegawai_id in full:
                write_realisasi(e, prng.choice((ratings.DI_ATAS, ratings.SESUAI)), prng)
            elif prng.random() < current_share:
                rating = prng.choice(
                    (ratings.DI_ATAS, ratings.SESUAI, ratings.SESUAI, ratings.DI_BAWAH)
                )
                write_realisasi(e, rating, prng, share=prng.uniform(0.3, 1.0))
        for u in current_org_units:
            if u in units.marked:
                o = base_org[u]
                org_rows.append(
                    PredikatOrganisasi(
                        instansi_id=iid, unit_id=u, periode_penilaian=periods[n], predikat=o,
                        catatan=CATATAN_ORGANISASI.get(o, ""), ditetapkan_oleh=admin_user,
                    )
                )  # fmt: skip

    # Write: evaluations, realisasi, organisation predikat, penetapan.
    adapt_dt = connection.ops.adapt_datetimefield_value
    out = []
    for n in numbers:
        for e in evs[n]:
            r = e.row
            if e.predikat:
                result.predikat[e.predikat] += 1
            out.append(
                (e.id, iid, e.skp_id, periods[n].pk, e.pegawai_id, e.penilai_id, r.jabatan_id,
                 r.unit_id, e.unit_kurva, e.dalam, e.kepala, json.dumps(r.snapshot), e.status,
                 e.hk, e.pk, e.predikat, e.saran, json.dumps(e.ub_rhk), json.dumps(e.ub_perilaku),
                 e.catatan, aturan.versi, adapt_dt(e.dinilai_at),
                 user_of.get(e.penilai_id) if e.dinilai_at and e.penilai_id else None,
                 adapt_dt(e.ditetapkan_at))
            )  # fmt: skip
    if out:
        Inserter(Evaluasi, EVALUASI_FIELDS).insert(out)
    if realisasi_rows:
        Inserter(RealisasiIKI, REALISASI_FIELDS).insert(realisasi_rows)
    PredikatOrganisasi.objects.bulk_create(org_rows)
    Penetapan.objects.bulk_create(penetapan_rows)
    result.evaluasi = len(out)
    result.realisasi = len(realisasi_rows)
    result.status = Counter()
    result.predikat_organisasi = len(org_rows)
    result.penetapan = len(penetapan_rows)

    # The last finished period: a few units locked through the real service.
    if last is not None and penetapan_units:
        rated_units = {
            u for u in units.marked
            if any(e.unit_kurva == u for e in evs[last])
            and all(e.predikat for e in evs[last] if e.unit_kurva == u)
        }  # fmt: skip
        pool = sorted(rated_units - set(current_org_units))
        chosen = rng.sample(pool, min(penetapan_units, len(pool)))
        result.penetapan += _lock(
            instansi, periods[last], sorted(chosen), evs[last], actor if use_service else None,
            aturan, result,
        )  # fmt: skip
    result.status = Counter(
        dict(
            Evaluasi.objects.filter(instansi_id=iid, periode_penilaian__in=result.periods)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
    )
    result.seconds = time.perf_counter() - start
    return result


def _lock(instansi, periode, unit_ids, rows, actor, aturan, result) -> int:
    """Penetapan of `unit_ids` for `periode`: through penetapan_create as the Admin
    Instansi when the service and an admin exist, else the same rows and one UPDATE."""
    service: Callable[..., Any] | None = None
    if actor is not None:
        try:
            from ..services.penetapan import penetapan_create as service
        except ImportError:
            service = None
    done = 0
    for u in unit_ids:
        if service is not None:
            try:
                service(actor=actor, unit_id=u, periode_penilaian_id=periode.pk)
            except (ValidationError, PermissionDenied) as e:
                result.refused.append(
                    f"{periode} unit {u}: {' '.join(getattr(e, 'messages', [str(e)]))}"
                )
                continue
            result.penetapan_service.append(u)
            done += 1
            continue
        team = [e for e in rows if e.unit_kurva == u]
        counts = Counter(e.predikat for e in team if e.dalam)
        at = timezone.now()
        po = PredikatOrganisasi.objects.filter(
            instansi_id=instansi.pk, unit_id=u, periode_penilaian=periode
        ).first()
        Penetapan.objects.create(
            instansi_id=instansi.pk, unit_id=u, periode_penilaian=periode,
            predikat_organisasi=po.predikat if po else "",
            jumlah={p: counts[p] for p in ratings.PREDIKAT}, jumlah_evaluasi=len(team),
            aturan_versi=aturan.versi,
            ditetapkan_oleh=actor.user if actor is not None else None, ditetapkan_at=at,
        )  # fmt: skip
        Evaluasi.objects.filter(
            instansi_id=instansi.pk, periode_penilaian=periode, unit_kurva_id=u
        ).update(status=evaluation.EVALUASI_DITETAPKAN, ditetapkan_at=at)
        done += 1
    return done
