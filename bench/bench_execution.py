"""The month-end peak of the activity log on PostgreSQL, against bare SQL, and under load.

    .venv/bin/python bench/bench_execution.py [--pegawai 27000] [--per-day 3-5] [--runs 15]
        [--keep] [--reuse] [--load-seconds 20] [--workers 2] [--threads 8] [--no-load]

Creates the database `ekinerja_bench_exec` on 127.0.0.1:5432 (user postgres; dropped
first, and at the end unless --keep; --reuse measures a kept one without seeding), then:

1. seeds the demo regency with the org seeder (org.seeding.demo.build_plan /
   writing.write_plan), a year of SKP with the plans seeder, and one month of activity
   logs with the execution seeder (execution.seeding.aktivitas.seed_execution, COPY in
   chunks of 50,000 rows): every
   active pegawai with a usable SKP logs --per-day activities (3-5: about 80 a month) on
   each working day of the last full month before today. Before the logs are written,
   the demo Kepala Bidang is given 60 staff of his OPD as direct subordinates
   (Pegawai.atasan), and he is ten days behind with verification, so his queue is full
   at month end. VACUUM ANALYZE.
2. times the real requests through django.test.Client (median of --runs, one warm-up,
   the queries of one request captured), each interleaved with its baseline on the same
   connection:
   a. creating an activity as the phone does (POST `api:aktivitas-list` with a bearer
      token; the page `execution:aktivitas-create` with HX-Request as well), each
      request by another staff member on the month's last working day, against the
      bare `INSERT INTO execution_aktivitas … RETURNING id` of the same row;
   b. `execution:verifikasi-queue` for the Kepala Bidang with 60 subordinates (the
      month, waiting entries, first page of 100), against the bare SQL of the same page
      (the rows with RHK, rencana aksi and evidence count, the COUNT and the waiting
      count), checked against the selector's ids;
   c. `execution:ringkasan` for the units whose staff are nearest 1,500 from below and
      above (no unit of the demo regency has 1,500) as the Admin
      Instansi, against the bare SQL (the first 100 people by name, their aggregate by
      status, and the unit's totals), checked against the selector's totals.
3. runs bench/loadtest.py against gunicorn on the same database (unless --no-load).

Exits 1 when a request fails or a baseline disagrees with the selector.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "ekinerja_bench_exec"
SERVER = "postgresql://postgres@127.0.0.1:5432"
TEAM = 60
UNIT_TARGET = 1500
PAGE = 100  # selectors.verifikasi.PAGE_SIZE and selectors.ringkasan.PAGE_SIZE

QUEUE_ROWS = """
SELECT a.id, a.tanggal, a.jam_mulai, a.jam_selesai, a.menit, a.uraian, a.status, a.anomali,
       a.output_jumlah, a.output_satuan, r.teks, ra.uraian,
       (SELECT count(*) FROM execution_buktidukung b WHERE b.aktivitas_id = a.id)
FROM execution_aktivitas a
LEFT JOIN plans_rhk r ON r.id = a.rhk_id
LEFT JOIN execution_rencanaaksi ra ON ra.id = a.rencana_aksi_id
WHERE a.instansi_id = %(i)s AND a.pegawai_id = ANY(%(team)s) AND a.tanggal BETWEEN %(dari)s
  AND %(sampai)s AND a.status = 'diajukan'
ORDER BY a.tanggal, a.pegawai_id, a.jam_mulai, a.id
LIMIT 100
"""
QUEUE_COUNT = """
SELECT count(*) FROM execution_aktivitas a
WHERE a.instansi_id = %(i)s AND a.pegawai_id = ANY(%(team)s) AND a.tanggal BETWEEN %(dari)s
  AND %(sampai)s AND a.status = 'diajukan'
"""
QUEUE_WAITING = """
SELECT count(*) FROM execution_aktivitas a
WHERE a.instansi_id = %(i)s AND a.pegawai_id = ANY(%(team)s) AND a.status = 'diajukan'
"""
UNIT_PEOPLE = """
SELECT p.id, p.gelar_depan, p.nama, p.gelar_belakang, p.nip, j.nama, u.nama
FROM org_pegawai p JOIN org_unitkerja u ON u.id = p.unit_id
LEFT JOIN org_jabatan j ON j.id = p.jabatan_id
WHERE p.instansi_id = %(i)s AND p.aktif AND u.path LIKE %(path)s
ORDER BY p.nama, p.id LIMIT 100
"""
UNIT_COUNT = """
SELECT count(*) FROM org_pegawai p JOIN org_unitkerja u ON u.id = p.unit_id
WHERE p.instansi_id = %(i)s AND p.aktif AND u.path LIKE %(path)s
"""
PEOPLE_AGG = """
SELECT a.pegawai_id, a.status, count(*), sum(a.menit), count(*) FILTER (WHERE a.ditandai)
FROM execution_aktivitas a
WHERE a.instansi_id = %(i)s AND a.tanggal BETWEEN %(dari)s AND %(sampai)s
  AND a.pegawai_id = ANY(%(page)s)
GROUP BY 1, 2
"""
UNIT_TOTALS = """
SELECT a.status, count(*), sum(a.menit), count(*) FILTER (WHERE a.ditandai)
FROM execution_aktivitas a
JOIN org_pegawai p ON p.id = a.pegawai_id
JOIN org_unitkerja u ON u.id = p.unit_id
WHERE a.instansi_id = %(i)s AND a.tanggal BETWEEN %(dari)s AND %(sampai)s
  AND p.aktif AND u.path LIKE %(path)s
GROUP BY 1
"""
INSERT = """
INSERT INTO execution_aktivitas (instansi_id, pegawai_id, tanggal, jam_mulai, jam_selesai,
  menit, uraian, uraian_kunci, rhk_id, rencana_aksi_id, output_jumlah, output_satuan, status,
  alasan_tolak, anomali, ditandai, sumber, created_at, updated_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, NULL, %s, %s, 'diajukan', '', '[]', false, 'api',
  now(), now())
RETURNING id
"""


def admin_db(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        c.execute(sql)


def database_exists() -> bool:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        return bool(c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pegawai", type=int, default=27_000)
    ap.add_argument("--per-day", default="3-5", help="activities per person per working day")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--reuse", action="store_true", help="use a database a --keep run left")
    ap.add_argument("--no-load", action="store_true", help="skip the gunicorn load test")
    ap.add_argument("--load-seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    if args.reuse and not database_exists():
        print(f"--reuse: database {DB_NAME} does not exist; run once with --keep")
        return 2
    if not args.reuse:
        admin_db(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        admin_db(f"CREATE DATABASE {DB_NAME}")
    common.setup_django(f"{SERVER}/{DB_NAME}")
    try:
        rc = run(args)
    finally:
        from django.db import connections

        connections.close_all()
    if not args.no_load:
        print("\n=== load test (bench/loadtest.py)", flush=True)
        load_rc = subprocess.call(
            [sys.executable, str(Path(__file__).with_name("loadtest.py")),
             "--database", DB_NAME, "--seconds", str(args.load_seconds),
             "--workers", str(args.workers), "--threads", str(args.threads),
             "--tanggal", month_of_bench()[1].isoformat()]
        )  # fmt: skip
        rc = rc or load_rc
    if not args.keep and not args.reuse:
        admin_db(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return rc


def month_of_bench(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last full month before today (first day, last working day): the month-end
    peak replayed on days that are all in the past, so that the service accepts them."""
    today = today or dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    if last.year != today.year:  # January: the SKP year has no previous month; use today's
        last = today - dt.timedelta(days=1)
    while last.weekday() >= 5:
        last -= dt.timedelta(days=1)
    return last.replace(day=1), last


def pick_team(instansi, kabid) -> list[int]:
    """TEAM active staff of the Kepala Bidang's OPD with a usable SKP (his own direct
    subordinates first, never one of his supervisors), by NIP."""
    from ekinerja.org.models import Pegawai, UnitKerja
    from ekinerja.plans.models import SKP
    from ekinerja.plans.selectors import skp_in_force_q

    opd = next(
        u
        for u in UnitKerja.objects.filter(instansi=instansi, is_opd=True).order_by("-depth")
        if kabid.unit.path.startswith(u.path)
    )
    chain, up = set(), kabid
    while up is not None and up.pk not in chain:
        chain.add(up.pk)
        up = up.atasan
    with_skp = SKP.objects.filter(instansi=instansi, rhk__isnull=False).filter(skp_in_force_q())
    cands = (
        Pegawai.objects.filter(
            instansi=instansi, aktif=True, unit__path__startswith=opd.path,
            pk__in=with_skp.values("pegawai_id"),
        )
        .exclude(pk__in=chain)
        .exclude(status="NON_ASN")
        .order_by("nip", "pk")
    )  # fmt: skip
    own = [p.pk for p in cands if p.atasan_id == kabid.pk]
    others = [p.pk for p in cands if p.atasan_id != kabid.pk]
    team = (own + others)[:TEAM]
    if len(team) < TEAM:  # a small --pegawai run
        print(f"note: only {len(team)} staff with an SKP in {opd.nama} for the queue")
    return team


def seed(args: argparse.Namespace, dari: dt.date, sampai: dt.date) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from ekinerja.execution.seeding import aktivitas as exec_seeding
    from ekinerja.org.models import Pegawai
    from ekinerja.org.seeding import demo as org_demo
    from ekinerja.org.seeding import logins as org_logins
    from ekinerja.org.seeding import writing as org_writing
    from ekinerja.plans import seeding as plans_seeding

    call_command("migrate", verbosity=0)
    t_org, _r = common.timed(
        lambda: org_writing.write_plan(org_demo.build_plan(args.pegawai, args.seed))
    )
    instansi = org_demo.demo_instansi()
    t_plans, line = common.timed(lambda: plans_seeding.seed_demo_data(instansi, seed=args.seed))
    print(f"seed: org chart {t_org:.1f} s; SKP {t_plans:.1f} s\n  {line}", flush=True)
    kabid = org_logins.holder(instansi, org_logins.KODE_KABID)
    team = pick_team(instansi, kabid)
    Pegawai.objects.filter(pk__in=team).update(atasan=kabid)
    lo, hi = (int(x) for x in args.per_day.split("-"))
    everyone = Pegawai.objects.filter(instansi=instansi).values_list("pk", flat=True)

    def write():
        with transaction.atomic():
            return exec_seeding.seed_execution(
                instansi, today=sampai + dt.timedelta(days=1), dari=dari, seed=args.seed,
                per_day=(lo, hi), include=list(everyone), lag={kabid.pk: 10},
            )  # fmt: skip

    t_exec, res = common.timed(write)
    st = res.status
    print(
        f"seed: activities {t_exec:.1f} s: {res.aktivitas:,} rows from {res.people:,} people "
        f"({res.aktivitas / max(1, res.people):.0f} each; {dari} to {sampai}); "
        f"{st['diverifikasi']:,} diverifikasi, {st['diajukan']:,} diajukan, "
        f"{st['ditolak']:,} ditolak, {res.flagged:,} flagged; {res.rencana:,} rencana aksi; "
        f"{res.aktivitas / t_exec:,.0f} rows/s",
        flush=True,
    )
    t_vac, _ = common.timed(lambda: connection.cursor().execute("VACUUM ANALYZE"))
    print(f"seed: VACUUM ANALYZE {t_vac:.1f} s", flush=True)


def timed_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(label, view, bare_parts, runs, results, note=""):
    """Median of `runs` interleaved rounds of one request and the bare SQL parts; the
    queries of one captured request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    view()  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        view()
    n_queries = len(ctx.captured_queries)
    sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    v_ms, b_ms = [], []
    parts = {name: [] for name, _fn in bare_parts}
    for _ in range(runs):
        v_ms.append(timed_ms(view))
        total = 0.0
        for name, fn in bare_parts:
            ms = timed_ms(fn)
            parts[name].append(ms)
            total += ms
        b_ms.append(total)
    row = {
        "label": label,
        "note": note,
        "view": statistics.median(v_ms),
        "bare": statistics.median(b_ms),
        "queries": n_queries,
        "sql_ms": sql_ms,
        "parts": {k: statistics.median(v) for k, v in parts.items()},
    }
    results.append(row)
    print(
        f"  {label}: view {row['view']:.1f} ms, bare SQL {row['bare']:.2f} ms "
        f"({row['view'] / row['bare']:.1f}x), {n_queries} queries",
        flush=True,
    )


def run(args: argparse.Namespace) -> int:
    from django.db import connection

    dari, sampai = month_of_bench()
    print(f"bench_execution: {args.pegawai} staff on PostgreSQL ({common.machine()})")
    with connection.cursor() as c:
        c.execute("SELECT version()")
        print(c.fetchone()[0].split(" on ")[0])
    print("load average at start: " + " ".join(Path("/proc/loadavg").read_text().split()[:3]))
    if not args.reuse:
        seed(args, dari, sampai)

    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from ekinerja.api.tokens import token_create
    from ekinerja.core.models import User
    from ekinerja.execution import domain
    from ekinerja.execution.models import Aktivitas
    from ekinerja.execution.selectors import verifikasi as ver_sel
    from ekinerja.execution.selectors.aktivitas import rhk_choices
    from ekinerja.org.models import Pegawai
    from ekinerja.org.seeding import demo as org_demo
    from ekinerja.org.seeding import logins as org_logins

    instansi = org_demo.demo_instansi()
    iid = instansi.pk
    n_akt = Aktivitas.objects.filter(instansi=instansi).count()
    print(f"data: {n_akt:,} activities in the instansi; month {dari} to {sampai}")
    failures: list[str] = []
    results: list[dict] = []

    # a. Creating an activity: each request by another staff member with an RHK.
    on_last_day = Aktivitas.objects.filter(instansi=instansi, tanggal=sampai)
    staff = list(
        Pegawai.objects.filter(instansi=instansi, aktif=True, user__isnull=False)
        .exclude(atasan=None)
        .filter(pk__in=on_last_day.values("pegawai_id"))
        .select_related("user")
        .order_by("nip")[: 3 * (args.runs + 2)]
    )  # fmt: skip
    rhk_of = {p.pk: rhk_choices(pegawai=p, tanggal=sampai)[0].pk for p in staff}
    api_ok = True
    try:
        api_url = reverse("api:aktivitas-list")
    except NoReverseMatch:
        api_ok, api_url = False, ""
    page_url = reverse("execution:aktivitas-create")
    tokens = {p.pk: token_create(user=p.user, name="bench")[1] for p in staff} if api_ok else {}
    clients = {}
    for p in staff:
        c = Client()
        c.force_login(p.user)
        clients[p.pk] = c
    n_done = [0]

    def body(p, n):
        return {
            "tanggal": sampai.isoformat(), "jam_mulai": "16:00", "jam_selesai": "16:30",
            "uraian": f"Menyusun laporan akhir bulan bagian {n}", "rhk": rhk_of[p.pk],
            "output_jumlah": "1", "output_satuan": "laporan",
        }  # fmt: skip

    def next_person():
        p = staff[n_done[0] % len(staff)]
        n_done[0] += 1
        return p

    def post_api():
        p = next_person()
        r = Client().post(
            api_url, body(p, n_done[0]), content_type="application/json",
            headers={"authorization": f"Bearer {tokens[p.pk]}"},
        )  # fmt: skip
        assert r.status_code == 201, (r.status_code, r.content[:300])

    def post_page():
        p = next_person()
        r = clients[p.pk].post(page_url, body(p, n_done[0]), headers={"hx-request": "true"})
        assert r.status_code == 200, r.status_code

    bare_n = [0]

    def bare_insert():
        p = staff[bare_n[0] % len(staff)]
        bare_n[0] += 1
        text = f"Menyusun laporan akhir bulan bagian b{bare_n[0]}"
        with connection.cursor() as c:
            c.execute(
                INSERT,
                [iid, p.pk, sampai, dt.time(16), dt.time(16, 30), 30, text,
                 domain.text_key(text), rhk_of[p.pk], 1, "laporan"],
            )  # fmt: skip

    for label, fn, ok in (
        ("create activity: API POST (phone)", post_api, api_ok),
        ("create activity: page POST (HTMX)", post_page, True),
    ):
        if not ok:
            print(f"  {label}: URL not available, skipped")
            continue
        try:
            measure(label, fn, [("INSERT … RETURNING id", bare_insert)], args.runs, results,
                    note="another staff member each request; day of 4-5 entries")  # fmt: skip
        except AssertionError as e:
            failures.append(f"{label}: {e}")

    # b. The queue of a supervisor with 60 subordinates.
    kabid = org_logins.holder(instansi, org_logins.KODE_KABID)
    team = list(
        Pegawai.objects.filter(instansi=instansi, atasan=kabid).values_list("pk", flat=True)
    )
    kclient = Client()
    kclient.force_login(kabid.user)
    qurl = reverse("execution:verifikasi-queue")
    qget = {"dari": dari.isoformat(), "sampai": sampai.isoformat(), "status": domain.DIAJUKAN}
    params = {"i": iid, "team": team, "dari": dari, "sampai": sampai}
    f = ver_sel.QueueFilter(dari=dari, sampai=sampai)
    want = list(
        ver_sel.queue(instansi_id=iid, subordinate_ids=team, f=f).values_list("pk", flat=True)[
            :PAGE
        ]
    )

    def sql(q, p):
        def fn():
            with connection.cursor() as c:
                c.execute(q, p)
                return c.fetchall()

        return fn

    got = [r[0] for r in sql(QUEUE_ROWS, params)()]
    if got != want:
        failures.append("queue: bare SQL ids differ from the selector's")
    n_wait = sql(QUEUE_COUNT, params)()[0][0]

    def get_queue():
        r = kclient.get(qurl, qget)
        assert r.status_code == 200, r.status_code

    measure(
        "verifikasi-queue", get_queue,
        [("page of 100", sql(QUEUE_ROWS, params)), ("COUNT", sql(QUEUE_COUNT, params)),
         ("waiting COUNT", sql(QUEUE_WAITING, params))],
        args.runs, results, note=f"{len(team)} subordinates, {n_wait:,} waiting in the month",
    )  # fmt: skip

    # c. The monthly summary of a unit: the units whose staff are nearest 1,500 from
    # below and from above (the demo regency has no unit of exactly that size).
    with connection.cursor() as c:
        c.execute(
            """WITH sizes AS (
                 SELECT o.id, count(*) AS n FROM org_unitkerja o
                 JOIN org_unitkerja u ON u.instansi_id = o.instansi_id
                  AND u.path LIKE o.path || '%%'
                 JOIN org_pegawai p ON p.unit_id = u.id AND p.aktif
                 WHERE o.instansi_id = %s GROUP BY o.id)
               (SELECT id, n FROM sizes WHERE n <= %s ORDER BY n DESC, id LIMIT 1)
               UNION ALL
               (SELECT id, n FROM sizes WHERE n > %s ORDER BY n, id LIMIT 1)""",
            [iid, UNIT_TARGET, UNIT_TARGET],
        )
        picks = c.fetchall()
    admin_user = User.objects.get(username=seeding_admin(instansi))
    aclient = Client()
    aclient.force_login(admin_user)
    rurl = reverse("execution:ringkasan")
    for unit_id, unit_staff in picks:
        ring_case(unit_id, unit_staff, aclient, rurl, iid, dari, sampai, sql, args, results,
                  failures)  # fmt: skip

    print()
    print(
        common.table(
            ["request", "scope", "view ms", "bare SQL ms", "ratio", "queries", "SQL in view ms"],
            [
                [r["label"], r["note"], f"{r['view']:.1f}", f"{r['bare']:.2f}",
                 f"{r['view'] / r['bare']:.1f}x", r["queries"], f"{r['sql_ms']:.1f}"]
                for r in results
            ],
        )
    )  # fmt: skip
    print("bare SQL parts (median ms):")
    for r in results:
        print(f"  {r['label']}: " + ", ".join(f"{k} {v:.2f}" for k, v in r["parts"].items()))
    for msg in failures:
        print("FAIL:", msg)
    return 1 if failures else 0


def ring_case(unit_id, unit_staff, aclient, rurl, iid, dari, sampai, sql, args, results, failures):
    from ekinerja.execution.selectors import ringkasan as ring_sel
    from ekinerja.org.models import UnitKerja

    unit = UnitKerja.objects.get(pk=unit_id)
    rget = {"bulan": f"{dari:%Y-%m}", "unit": unit.pk}
    uparams = {"i": iid, "path": unit.path + "%", "dari": dari, "sampai": sampai}
    people = list(ring_sel.people(instansi_id=iid, unit=unit).values_list("pk", flat=True)[:PAGE])
    uparams["page"] = people
    if [r[0] for r in sql(UNIT_PEOPLE, uparams)()] != people:
        failures.append("ringkasan: bare SQL people differ from the selector's")
    tot = ring_sel.totals(
        instansi_id=iid, people_qs=ring_sel.people(instansi_id=iid, unit=unit), dari=dari,
        sampai=sampai,
    )  # fmt: skip
    bare_tot = {r[0]: r[1] for r in sql(UNIT_TOTALS, uparams)()}
    if sum(bare_tot.values()) != tot.summary.total.jumlah:
        failures.append(f"ringkasan: totals {bare_tot} vs selector {tot.summary.total.jumlah}")

    def get_ring():
        r = aclient.get(rurl, rget)
        assert r.status_code == 200, r.status_code

    measure(
        "ringkasan (unit)", get_ring,
        [("people page", sql(UNIT_PEOPLE, uparams)), ("people COUNT", sql(UNIT_COUNT, uparams)),
         ("page aggregate", sql(PEOPLE_AGG, uparams)), ("unit totals", sql(UNIT_TOTALS, uparams))],
        args.runs, results,
        note=f"{unit.nama}: {unit_staff:,} staff, {sum(bare_tot.values()):,} activities",
    )  # fmt: skip


def seeding_admin(instansi) -> str:
    from ekinerja.org.seeding import logins as org_logins

    return next(a["username"] for a in org_logins.demo_accounts(instansi) if a["role"] == "admin")


if __name__ == "__main__":
    sys.exit(main())
