"""Demo activity logs in bulk: `seed_execution(instansi, today=…, dari=…, seed=…)` fills
the working days (Monday to Friday) from `dari` to the day before `today` for every
active pegawai with a supervisor whose SKP of the year is approved (plus `include`:
people whose first SKP is still waiting or returned, which the log accepts,
plans.selectors.skp_in_force_q):

* 3–6 activities a day (`per_day`) between about 07.30 and 16.00 with a lunch break,
  never more than the 450 working minutes of a normal day; about one in seven with
  minutes only. Each serves one of the person's RHK and is phrased from its main IKI
  (what the RHK counts and in which unit: documents are drafted, revised and sent;
  services are processed and recorded; lessons taught), with an output quantity and
  unit for most. A person skips a few days (leave, training, field work).
* Rencana aksi for about half of each person's RHK in every month of the window (a
  quarter when the instansi evaluates quarterly); most activities of that RHK in that
  period point to it, and the penilai commented on a few.
* Verification follows each supervisor's habit: everything up to a supervisor's
  "lag" before today is decided (about 2.5% rejected with a reason), later entries
  wait. Most supervisors keep up within days, some fall weeks behind, a few verify
  nothing: about 85% of the past months' activities are verified, the current month
  mostly waits. `lag` forces it for chosen supervisors (the demo Kepala Bidang).
* A few anomalies on purpose, flagged with the same pure rule as the services
  (domain.day_anomalies with domain.repeat_counts over the 30-day window, the
  attendance hook for holidays and leave): an overlap of two entries, a long day past
  the working minutes, the same text typed on many days.

Rows are written with the org seeder's bulk inserter (keys reserved up front;
`executemany` on SQLite, `COPY` on PostgreSQL), person by person in chunks so that
millions of rows (bench/bench_execution.py) never sit in memory at once.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from ekinerja.core import hooks as core_hooks
from ekinerja.org.models import Instansi

# The org demo's bulk writer: primary keys reserved up front, then executemany (SQLite)
# or COPY (PostgreSQL) of prepared tuples (bench/README.md: 7.7x faster than bulk_create).
from ekinerja.org.seeding.writing import Inserter, reserve_ids
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import IKI, RHK, SKP, PeriodeKinerja
from ekinerja.plans.selectors import skp_in_force_q

from .. import domain
from ..models import Aktivitas, RencanaAksi
from ..selectors.pengaturan import pengaturan
from .builder import (
    ExecPerson,
    ExecRhk,
    ExecSkp,
    Logger,
    Row,
    decide,
    flag,
    kelas_of,
    obj_of,
    supervisor_lag,
    working_days,
)
from .vocabulary import CATATAN_PENILAI, RENCANA

CHUNK_ROWS = 50_000  # activities generated and written at a time
AKTIVITAS_FIELDS = [
    "id", "instansi_id", "pegawai_id", "tanggal", "jam_mulai", "jam_selesai", "menit",
    "uraian", "uraian_kunci", "rhk_id", "rencana_aksi_id", "output_jumlah", "output_satuan",
    "status", "alasan_tolak", "verified_by_id", "verified_at", "anomali", "ditandai",
    "sumber", "created_at", "updated_at",
]  # fmt: skip


def load_people(
    instansi: Instansi, *, tahun: int, include: Iterable[int] = ()
) -> dict[int, ExecPerson]:
    """Who logs activities: active pegawai with a supervisor whose SKP of `tahun` is
    approved (or who are in `include` and have a usable first SKP), with their RHK and
    each RHK's main IKI. Three queries."""
    iid = instansi.pk
    extra = set(include)
    skp_rows = (
        SKP.objects.filter(
            instansi_id=iid, periode__tahun=tahun, pegawai__aktif=True,
            pegawai__atasan__isnull=False,
        )
        .filter(skp_in_force_q())
        .values_list("id", "pegawai_id", "pegawai__atasan_id", "status", "tanggal_mulai",
                     "tanggal_selesai")
        .order_by("pegawai_id", "tanggal_mulai", "id")
    )  # fmt: skip
    skps = {r[0]: r for r in skp_rows if r[3] == plans_domain.DISETUJUI or r[1] in extra}
    main: dict[int, tuple[str, str]] = {
        rhk_id: (indikator, satuan)
        for rhk_id, indikator, satuan in IKI.objects.filter(
            instansi_id=iid, rhk__skp__periode__tahun=tahun, urutan=1
        ).values_list("rhk_id", "indikator", "satuan")
    }
    by_skp: dict[int, list[ExecRhk]] = defaultdict(list)
    for rid, skp_id, jenis, teks in (
        RHK.objects.filter(instansi_id=iid, skp__periode__tahun=tahun)
        .values_list("id", "skp_id", "jenis", "teks")
        .order_by("skp_id", "-jenis", "urutan", "id")
    ):
        if skp_id not in skps:
            continue
        indikator, satuan = main.get(rid, ("", ""))
        obj, outcome = obj_of(indikator, teks)
        obj = obj.split(" yang ")[0] if not outcome else obj
        kelas = kelas_of(satuan, obj, outcome)
        countable = satuan if kelas not in ("hasil",) and satuan != "jam pelajaran" else ""
        if kelas == "ajar":
            countable = "JP"
        by_skp[skp_id].append(
            ExecRhk(rid, skp_id, jenis == plans_domain.RHK_UTAMA, obj, countable, kelas)
        )
    people: dict[int, ExecPerson] = {}
    for sid, pid, atasan, _st, mulai, selesai in skps.values():
        if not by_skp.get(sid):
            continue
        skp = ExecSkp(sid, mulai, selesai, tuple(by_skp[sid]))
        old = people.get(pid)
        people[pid] = ExecPerson(pid, atasan, (old.skp if old else ()) + (skp,))
    return people


# --- writing ---------------------------------------------------------------------------


def _naive_utc_adapter():
    """naive UTC datetime (or None) → what the database driver takes: the text Django
    writes on SQLite (its connection time zone is UTC), an aware datetime otherwise."""
    if connection.vendor == "sqlite" and str(connection.timezone) == "UTC":
        return lambda v: None if v is None else str(v)
    adapt = connection.ops.adapt_datetimefield_value
    return lambda v: None if v is None else adapt(v.replace(tzinfo=dt.UTC))


@dataclass
class SeedExecutionResult:
    people: int = 0
    aktivitas: int = 0
    rencana: int = 0
    status: Counter[str] = field(default_factory=Counter)
    flagged: int = 0
    seconds: float = 0.0
    rows_by_person: dict[int, list[tuple[int, Row]]] = field(default_factory=dict)


def seed_execution(
    instansi: Instansi,
    *,
    today: dt.date,
    dari: dt.date,
    seed: int = 1,
    per_day: tuple[int, int] = (3, 6),
    include: Iterable[int] = (),
    lag: Mapping[int, int] | None = None,
    anomaly_share: float = 0.02,
    keep_rows_of: Iterable[int] = (),
    people: Mapping[int, ExecPerson] | None = None,
    forced_anomalies: Mapping[int, Mapping[dt.date, str]] | None = None,
) -> SeedExecutionResult:
    """Write the activity logs and rencana aksi of `instansi` for the working days from
    `dari` to the day before `today` (see the module docstring). `lag` forces a
    supervisor's verification lag in days (by pegawai id); `keep_rows_of` returns the
    written rows of these people (for evidence and tests); `forced_anomalies` puts an
    anomaly on chosen days of chosen people (pegawai id → {date: ANOMALI_*}). Runs in the caller's
    transaction (seed_demo's)."""
    start = time.perf_counter()
    iid = instansi.pk
    tz = ZoneInfo(instansi.zona_waktu)
    if people is None:
        people = load_people(instansi, tahun=today.year, include=include)
    periode = PeriodeKinerja.objects.filter(instansi_id=iid, tahun=today.year).first()
    periodik = (
        domain.TRIWULANAN
        if periode is not None and periode.periodik == domain.TRIWULANAN
        else domain.BULANAN
    )
    aturan = pengaturan(iid)
    days = working_days(dari, today - dt.timedelta(days=1))
    rng = random.Random(seed)
    lags = {b: supervisor_lag(rng) for b in sorted({p.atasan_id for p in people.values()})}
    lags.update(lag or {})
    keep = set(keep_rows_of)
    result = SeedExecutionResult(people=len(people))

    # Rencana aksi: about half of each person's RHK, every period of the window.
    periods = sorted({(d.year, domain.period_of(d, periodik)) for d in days})
    ra_rows: list[tuple] = []
    ra_key: dict[tuple[int, int, int], int] = {}
    ra_spec: list[tuple[int, int, ExecRhk, int, int]] = []
    for pid in sorted(people):
        prng = random.Random(seed * 7_919 + pid)
        for s in people[pid].skp:
            for r in s.rhk:
                if prng.random() < 0.5:
                    continue
                for tahun, ke in periods:
                    first, last = domain.period_range(tahun, periodik, ke)
                    if last < s.mulai or first > s.selesai:
                        continue
                    ra_spec.append((pid, people[pid].atasan_id, r, tahun, ke))
    ra_ids = reserve_ids(RencanaAksi, len(ra_spec)) if ra_spec else []
    adapt_date = connection.ops.adapt_datefield_value
    adapt_time = connection.ops.adapt_timefield_value
    adapt_dt = connection.ops.adapt_datetimefield_value
    utc = dt.UTC
    for n, (pid, atasan, r, tahun, ke) in enumerate(ra_spec):
        label = domain.period_label(tahun, periodik, ke)
        periode_txt = ("bulan " + label) if periodik == domain.BULANAN else label.lower()
        target = (
            Decimal(rng.randint(1, 3) if r.kelas == "dokumen" else rng.randint(4, 40))
            if r.satuan
            else None
        )
        first = domain.period_range(tahun, periodik, ke)[0]
        made = dt.datetime.combine(first, dt.time(8, 30), tz).astimezone(utc)
        commented = rng.random() < 0.08 and first < today - dt.timedelta(days=10)
        ra_rows.append(
            (ra_ids[n], iid, pid, r.id, tahun, ke, periodik,
             RENCANA[r.kelas].format(obj=r.obj, periode=periode_txt), target,
             r.satuan if target is not None else "",
             rng.choice(CATATAN_PENILAI) if commented else "", atasan if commented else None,
             adapt_dt(made + dt.timedelta(days=3)) if commented else None, 0,
             adapt_dt(made), adapt_dt(made))
        )  # fmt: skip
        ra_key[(pid, r.id, ke)] = ra_ids[n]
    if ra_rows:
        Inserter(
            RencanaAksi,
            ["id", "instansi_id", "pegawai_id", "rhk_id", "tahun", "periode_ke", "periodik",
             "uraian", "target_jumlah", "target_satuan", "catatan_penilai", "catatan_oleh_id",
             "catatan_at", "urutan", "created_at", "updated_at"],
        ).insert(ra_rows)  # fmt: skip
    result.rencana = len(ra_rows)

    inserter = Inserter(Aktivitas, AKTIVITAS_FIELDS)
    # The instansi's zones (WIB, WITA, WIT) have no daylight saving: one offset turns the
    # builder's naive local times into UTC, and naive UTC goes to the database as is.
    offset = tz.utcoffset(dt.datetime.combine(today, dt.time(12)))
    now = timezone.now().replace(tzinfo=None)
    db_dt = _naive_utc_adapter()
    pending: list[tuple[int, Row]] = []

    def flush() -> None:
        if not pending:
            return
        ids = reserve_ids(Aktivitas, len(pending))
        out: list[tuple] = []
        for k, (pid, row) in enumerate(pending):
            atasan = people[pid].atasan_id
            st, alasan, by, at = decide(row, atasan, lags[atasan], today, rng)
            result.status[st] += 1
            result.flagged += bool(row.anomali)
            created = min(row.entered - offset, now)
            verified = None if at is None else min(at - offset, now)
            out.append(
                (ids[k], iid, pid, adapt_date(row.tanggal), adapt_time(row.jam_mulai),
                 adapt_time(row.jam_selesai), row.menit, row.uraian, row.kunci,
                 row.rhk.id if row.rhk else None, row.rencana_id,
                 Decimal(row.output) if row.output is not None else None, row.satuan, st,
                 alasan, by, db_dt(verified), json.dumps(row.anomali) if row.anomali else "[]",
                 bool(row.anomali), "api" if (ids[k] * 2654435761) % 100 < 30 else "web",
                 db_dt(created), db_dt(verified or created))
            )  # fmt: skip
            if pid in keep:
                result.rows_by_person.setdefault(pid, []).append((ids[k], row))
        inserter.insert(out)
        result.aktivitas += len(out)
        pending.clear()

    for pid in sorted(people):
        person = people[pid]
        logger = Logger(person, seed, per_day)
        anomalies: dict[dt.date, str] = {}
        if logger.rng.random() < anomaly_share * 3 and days:
            kind = logger.rng.choice(
                (domain.ANOMALI_TUMPANG_TINDIH, domain.ANOMALI_MELEBIHI_JAM_KERJA,
                 domain.ANOMALI_TEKS_BERULANG)
            )  # fmt: skip
            if kind == domain.ANOMALI_TEKS_BERULANG:
                at = logger.rng.randrange(max(1, len(days) - 6))
                for d in days[at : at + 6]:
                    anomalies[d] = kind
            else:
                anomalies[logger.rng.choice(days)] = kind
        anomalies.update((forced_anomalies or {}).get(pid, {}))
        rows = logger.log(days, anomalies)
        status_of = core_hooks.day_status(
            instansi_id=iid, pegawai_id=pid, dates=sorted({r.tanggal for r in rows})
        )
        flag(rows, aturan=aturan, status_of=status_of)
        for row in rows:
            if row.rhk is not None and logger.rng.random() < 0.8:
                row.rencana_id = ra_key.get(
                    (pid, row.rhk.id, domain.period_of(row.tanggal, periodik))
                )
            pending.append((pid, row))
        if len(pending) >= CHUNK_ROWS:
            flush()
    flush()
    result.seconds = time.perf_counter() - start
    return result
