"""Demo execution data: a few months of activity logs with their verification, action
plans, evidence, feedback threads, coaching notes and reminders, in bulk.

`seed_execution(instansi, today=…, dari=…, seed=…)` fills the working days (Monday to
Friday) from `dari` to the day before `today` for every active pegawai with a
supervisor whose SKP of the year is approved (plus `include`: people whose first SKP is
still waiting or returned, which the log accepts, selectors.aktivitas.usable_skp_q):

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

`seed_demo_data` (the `manage.py seed_demo` hook, after the plans' SKP) adds, for the
demo regency: evidence files (tiny valid PDF and PNG made here, saved through the
"bukti" storage under random names with their size and SHA-256) and links; feedback
threads on an RHK, on a BerAKHLAK value or general, with replies; coaching notes; and
the two usual reminders.

Like plans.seeding, all randomness comes from `random.Random` seeded from `seed` (and
from the person's id for their own log, so the rows do not depend on the order people
are written in), and rows are written with the org seeder's bulk inserter (keys
reserved up front; `executemany` on SQLite, `COPY` on PostgreSQL), person by person in
chunks so that millions of rows (bench/bench_execution.py) never sit in memory at once.
Seeding is not a user action: no audit events, no notifications.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.org import seeding as org_seeding
from ekinerja.org.models import Instansi, Pegawai

# The org demo's bulk writer: primary keys reserved up front, then executemany (SQLite)
# or COPY (PostgreSQL) of prepared tuples (bench/README.md: 7.7x faster than bulk_create).
from ekinerja.org.seeding import Inserter, reserve_ids
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import IKI, RHK, SKP, PeriodeKinerja

from .. import domain, hooks
from ..models import Aktivitas, BimbinganKinerja, BuktiDukung, Pengingat, RencanaAksi, UmpanBalik
from ..selectors.aktivitas import usable_skp_q
from ..selectors.pengaturan import pengaturan
from ..storage import bukti_storage
from .builder import (
    ExecPerson,
    ExecRhk,
    ExecSkp,
    Logger,
    Row,
    decide,
    flag,
    kelas_of,
    minute_time,
    obj_of,
    supervisor_lag,
    working_days,
)
from .files import tiny_pdf, tiny_png
from .vocabulary import (
    BIMBINGAN,
    CATATAN_PENILAI,
    EVIDENCE,
    LINKS,
    RENCANA,
    UB_PERILAKU,
    UB_RHK,
    UB_UMUM,
)

__all__ = [
    "ExecPerson",
    "SeedExecutionResult",
    "demo_window",
    "load_people",
    "seed_demo_data",
    "seed_execution",
]

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
        .filter(usable_skp_q())
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
        status_of = hooks.day_status(
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


def demo_window(today: dt.date) -> dt.date:
    """The first day the demo fills: the first of the month three months back (with
    today in early December: 1 September), never before the SKP year."""
    month = today.month - 3
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return max(dt.date(year, month, 1), dt.date(today.year, 1, 1))


def _demo_team(instansi: Instansi) -> tuple[Pegawai | None, Pegawai | None, list[int]]:
    """The demo Kepala Bidang, the demo staff member, and the people whose log the demo
    needs whatever their SKP status: the staff login (SKP returned for revision) and the
    Kepala Bidang's direct subordinates (SKP waiting in his plans queue)."""
    kabid = org_seeding.holder(instansi, org_seeding.KODE_KABID)
    staff = org_seeding.holder(instansi, org_seeding.KODE_STAFF)
    team: list[int] = []
    if kabid is not None:
        team += list(
            Pegawai.objects.filter(instansi=instansi, atasan=kabid, aktif=True).values_list(
                "pk", flat=True
            )
        )
    if staff is not None:
        team.append(staff.pk)
    return kabid, staff, team


def seed_demo_data(instansi: Instansi, *, seed: int) -> str:
    """seed_demo's extension point (org/management/commands/seed_demo.py), run after the
    plans' SKP: three months of activity logs up to yesterday, rencana aksi, evidence,
    feedback, coaching notes and reminders for the demo regency. Returns a line for the
    command's output."""
    start = time.perf_counter()
    tz = ZoneInfo(instansi.zona_waktu)
    today = timezone.localdate(timezone=tz)
    dari = demo_window(today)
    kabid, staff, team = _demo_team(instansi)
    people = load_people(instansi, tahun=today.year, include=team)
    rng = random.Random(seed)
    sample = rng.sample(sorted(people), min(12, len(people)))
    demo = [p for p in team if p in people]
    lag: dict[int, int] = {}
    forced: dict[int, dict[dt.date, str]] = {}
    recent = working_days(today - dt.timedelta(days=14), today - dt.timedelta(days=1))
    if kabid is not None:
        # His staff's entries from the last ten days wait for him, the demo's queue.
        lag[kabid.pk] = 10
        subs = [p for p in demo if people[p].atasan_id == kabid.pk]
        if subs and len(recent) >= 3:
            forced[subs[0]] = {
                recent[-2]: domain.ANOMALI_TUMPANG_TINDIH,
                recent[-3]: domain.ANOMALI_MELEBIHI_JAM_KERJA,
            }
    if staff is not None and staff.pk in people:
        # The staff member's supervisor decides within days: the staff sees outcomes.
        lag[people[staff.pk].atasan_id] = 3
        if len(recent) >= 8:
            forced[staff.pk] = {d: domain.ANOMALI_TEKS_BERULANG for d in recent[:6]}
    result = seed_execution(
        instansi, today=today, dari=dari, seed=seed, include=team, lag=lag,
        keep_rows_of=[*demo, *sample], people=people, forced_anomalies=forced,
    )  # fmt: skip
    files: list[str] = []
    try:
        n_bukti = _seed_bukti(instansi, result, people, [*demo, *sample], rng, today, tz, files)
        n_ub, n_bimb = _seed_feedback(instansi, people, demo, rng, dari, today, tz)
        _seed_pengingat(instansi)
    except BaseException:
        storage = bukti_storage()
        for name in files:
            storage.delete(name)
        raise
    st = result.status
    return _(
        "Aktivitas dibuat dalam %(detik).1f detik: %(akt)d aktivitas dari %(orang)d pegawai "
        "(%(dari)s s.d. kemarin; %(ver)d diverifikasi, %(aju)d menunggu, %(tolak)d ditolak, "
        "%(tanda)d ditandai), %(ra)d rencana aksi, %(bukti)d bukti dukung, %(ub)d umpan "
        "balik, %(bimb)d bimbingan, 2 pengingat."
    ) % {
        "detik": time.perf_counter() - start,
        "akt": result.aktivitas,
        "orang": result.people,
        "dari": domain.tanggal_text(dari),
        "ver": st[domain.DIVERIFIKASI],
        "aju": st[domain.DIAJUKAN],
        "tolak": st[domain.DITOLAK],
        "tanda": result.flagged,
        "ra": result.rencana,
        "bukti": n_bukti,
        "ub": n_ub,
        "bimb": n_bimb,
    }


def _seed_bukti(
    instansi: Instansi,
    result: SeedExecutionResult,
    people: Mapping[int, ExecPerson],
    owners: list[int],
    rng: random.Random,
    today: dt.date,
    tz: ZoneInfo,
    files: list[str],
) -> int:
    """Evidence on a few recent activities of the demo team and of a sample of staff:
    files saved through the bukti storage under random names, and links; plus one file
    on an RHK realisation of the demo team's first person."""
    storage = bukti_storage()
    iid = instansi.pk
    rows: list[BuktiDukung] = []
    for i, pid in enumerate(owners):
        kept = [(aid, r) for aid, r in result.rows_by_person.get(pid, []) if r.output]
        if not kept:
            continue
        n = 3 if i < 4 else 1
        for aid, row in rng.sample(kept[-60:], min(n, len(kept))):
            made = row.entered.replace(tzinfo=tz) + dt.timedelta(minutes=3)
            if rng.random() < 0.75:
                label, ext = rng.choice(EVIDENCE)
                title = f"{label} {domain.tanggal_text(row.tanggal)}"
                data = tiny_pdf(title) if ext == "pdf" else tiny_png(rng.getrandbits(32))
                name = storage.save(
                    f"bukti/{iid}/{uuid.UUID(int=rng.getrandbits(128), version=4).hex}.{ext}",
                    ContentFile(data),
                )
                files.append(name)
                rows.append(
                    BuktiDukung(
                        instansi_id=iid, pegawai_id=pid, aktivitas_id=aid,
                        jenis=BuktiDukung.Jenis.BERKAS, berkas=name,
                        nama_berkas=f"{title}.{ext}"[:150], ekstensi=ext,
                        content_type="application/pdf" if ext == "pdf" else "image/png",
                        ukuran=len(data), sha256=hashlib.sha256(data).hexdigest(),
                        keterangan=row.uraian[:255], created_at=made,
                    )
                )  # fmt: skip
            else:
                base, label = rng.choice(LINKS)
                rows.append(
                    BuktiDukung(
                        instansi_id=iid, pegawai_id=pid, aktivitas_id=aid,
                        jenis=BuktiDukung.Jenis.TAUTAN,
                        tautan=f"{base}{rng.getrandbits(40):010x}", keterangan=label,
                        created_at=made,
                    )
                )  # fmt: skip
    if owners and owners[0] in people:
        pid = owners[0]
        r = people[pid].skp[-1].rhk[0]
        data = tiny_pdf(f"Realisasi {r.obj}"[:80])
        name = storage.save(
            f"bukti/{iid}/{uuid.UUID(int=rng.getrandbits(128), version=4).hex}.pdf",
            ContentFile(data),
        )
        files.append(name)
        rows.append(
            BuktiDukung(
                instansi_id=iid, pegawai_id=pid, rhk_id=r.id, jenis=BuktiDukung.Jenis.BERKAS,
                berkas=name, nama_berkas="Rekap realisasi triwulan III.pdf", ekstensi="pdf",
                content_type="application/pdf", ukuran=len(data),
                sha256=hashlib.sha256(data).hexdigest(), keterangan="Rekap realisasi RHK",
                created_at=dt.datetime.combine(dt.date(today.year, 10, 5), dt.time(10), tz)
                if today.month > 10 else timezone.now(),
            )
        )  # fmt: skip
    # created_at is auto_now_add: bulk_create would overwrite it, so set it afterwards.
    made = {id(b): b.created_at for b in rows}
    BuktiDukung.objects.bulk_create(rows, batch_size=500)
    for b in rows:
        BuktiDukung.objects.filter(pk=b.pk).update(created_at=made[id(b)])
    return len(rows)


def _seed_feedback(
    instansi: Instansi,
    people: Mapping[int, ExecPerson],
    demo: list[int],
    rng: random.Random,
    dari: dt.date,
    today: dt.date,
    tz: ZoneInfo,
) -> tuple[int, int]:
    """Feedback threads (on an RHK, a BerAKHLAK value, or general) with replies, from
    about one supervisor–staff pair in eight and from every pair of the demo team, and
    coaching notes for about one pair in twenty and the demo team."""
    iid = instansi.pk
    days = working_days(dari, today - dt.timedelta(days=1))
    if not days:
        return 0, 0
    demo_set = set(demo)
    threads: list[tuple[int, int, str, int | None, int | None, list[tuple[int, str]]]] = []
    notes: list[tuple] = []
    for pid in sorted(people):
        p = people[pid]
        is_demo = pid in demo_set
        if is_demo or rng.random() < 0.125:
            kinds = (
                ["rhk", "perilaku"] if is_demo else [rng.choice(("rhk", "rhk", "perilaku", "umum"))]
            )
            for kind in kinds:
                msgs: list[tuple[int, str]]
                rhk_id = nilai = None
                if kind == "rhk":
                    r = rng.choice(p.skp[-1].rhk)
                    rhk_id = r.id
                    texts = rng.choice(UB_RHK)
                    msgs = [(p.atasan_id, texts[0].format(obj=r.obj))]
                    if texts[1] and (is_demo or rng.random() < 0.7):
                        msgs.append((pid, texts[1]))
                        if texts[2] and rng.random() < 0.6:
                            msgs.append((p.atasan_id, texts[2]))
                elif kind == "perilaku":
                    nilai = rng.choice(plans_domain.BERAKHLAK_NOMOR)
                    first, reply = UB_PERILAKU[nilai]
                    msgs = [(p.atasan_id, first)]
                    if reply and (is_demo or rng.random() < 0.6):
                        msgs.append((pid, reply))
                else:
                    first, reply = rng.choice(UB_UMUM)
                    msgs = [(p.atasan_id, first)] + ([(pid, reply)] if reply else [])
                threads.append((pid, p.atasan_id, kind, rhk_id, nilai, msgs))
        if is_demo or rng.random() < 0.05:
            topik, catatan, lanjut = rng.choice(BIMBINGAN)
            day = rng.choice(days[-30:])
            made = dt.datetime.combine(day, dt.time(15, 30), tz)
            notes.append((iid, pid, p.atasan_id, day, topik, catatan, lanjut, made, made))
    n_rows = sum(len(t[5]) for t in threads)
    ids = reserve_ids(UmpanBalik, n_rows) if n_rows else []
    rows: list[tuple] = []
    adapt_dt = connection.ops.adapt_datetimefield_value
    k = 0
    now = timezone.now()
    for pid, _atasan, kind, rhk_id, nilai, msgs in threads:
        day = rng.choice(days[-40:])
        at = dt.datetime.combine(day, minute_time(rng.randint(540, 930)), tz)
        stamps = []
        for _m in msgs:
            stamps.append(min(at, now))
            at += dt.timedelta(hours=rng.randint(1, 30))
        head = ids[k]
        for n, (author, teks) in enumerate(msgs):
            rows.append(
                (ids[k], iid, pid, author, None if n == 0 else head, kind if n == 0 else "",
                 rhk_id if n == 0 else None, nilai if n == 0 else None, teks,
                 adapt_dt(stamps[n]), adapt_dt(stamps[-1]) if n == 0 else None)
            )  # fmt: skip
            k += 1
    if rows:
        Inserter(
            UmpanBalik,
            ["id", "instansi_id", "pegawai_id", "penulis_id", "induk_id", "topik", "rhk_id",
             "nilai_berakhlak", "teks", "created_at", "last_at"],
        ).insert(rows)  # fmt: skip
    adapt_date = connection.ops.adapt_datefield_value
    if notes:
        Inserter(
            BimbinganKinerja,
            ["instansi_id", "pegawai_id", "pembimbing_id", "tanggal", "topik", "catatan",
             "tindak_lanjut", "created_at", "updated_at"],
        ).insert(
            [
                (*n[:3], adapt_date(n[3]), *n[4:7], adapt_dt(min(n[7], now)),
                 adapt_dt(min(n[8], now)))
                for n in notes
            ]
        )  # fmt: skip
    return len(threads), len(notes)


def _seed_pengingat(instansi: Instansi) -> None:
    """The two reminders an Admin Instansi usually sets up."""
    Pengingat.objects.bulk_create(
        [
            Pengingat(
                instansi=instansi, nama="Catat aktivitas harian",
                sasaran=Pengingat.Sasaran.BELUM_MENCATAT,
                pesan="Catat aktivitas Anda hari ini",
                hari=domain.SETIAP_HARI_KERJA, jam=dt.time(15, 0),
            ),
            Pengingat(
                instansi=instansi, nama="Verifikasi aktivitas bulan lalu",
                sasaran=Pengingat.Sasaran.ATASAN_ANTREAN,
                pesan="Masih ada aktivitas staf yang menunggu verifikasi Anda. Mohon "
                "diselesaikan paling lambat tanggal 5.",
                hari=3, jam=dt.time(9, 0),
            ),
        ]
    )  # fmt: skip
