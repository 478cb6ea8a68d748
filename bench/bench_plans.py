"""The SKP reports and the penilai's queue at 27,000 staff on PostgreSQL, against bare SQL.

    .venv/bin/python bench/bench_plans.py [--pegawai 27000] [--runs 15] [--keep] [--reuse]

Creates the database `ekinerja_bench_plans` on 127.0.0.1:5432 (user postgres; dropped
first if it exists, and at the end unless --keep; --reuse takes a database left by
--keep as it is, without seeding), migrates, seeds the demo regency with the org bulk
seeder (org.seeding.demo.build_plan / writing.write_plan) and a year of SKP for it with
the plans seeder (plans.seeding.seed_demo_data: every active ASN with a position gets an SKP of
the current year with 3-5 RHK of 2-3 IKI; ~91% approved), runs VACUUM ANALYZE, then
times the real views through django.test.Client:

1. `plans:cascade` as the Admin Instansi, for the largest OPD (the OPD unit with the most
   active staff in its subtree: ?unit=) and for the whole instansi;
2. `plans:skp-queue` as a supervisor with 60 submitted SKP: the bench makes 60 staff of
   the supervisor's OPD his subordinates (Pegawai.atasan) with their SKP `diajukan` to
   him (SKP.penilai, submitted_at) by direct ORM updates, after the reports are timed;
3. `plans:completeness` as the Admin Instansi, for the whole instansi and the largest OPD.

Each: median of --runs requests after one warm-up, the queries of one request
(CaptureQueriesContext, with the time they took), and a baseline of hand-written SQL on
the same connection that fetches what the page is built from, checked against the
selector's result:

* cascade: the flat SKP rows of the scope for the periode (owner, has subordinates,
  pending revision) and their RHK rows (IKI count, supported or not), plus the page's
  list of staff without an approved SKP (COUNT and the first 25);
* queue: the page of submitted SKP joined with pegawai, jabatan and periode, with their
  RHK and IKI counts; also timed for a user with an empty queue (the fixed cost of any
  page);
* completeness: the grouped count of staff by row unit and status of their SKP.

Exits 1 when a baseline disagrees with the selector or a request fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "ekinerja_bench_plans"
SERVER = "postgresql://postgres@127.0.0.1:5432"
QUEUE_SIZE = 60
STAFF_PAGE = 25  # plans/views/reports.py STAFF_PAGE: staff without an approved SKP per page
QUEUE_MAX = 200  # views.queue.QUEUE_MAX

# The baselines are written set-based (joins, grouped counts, DISTINCT ON) rather than
# with a correlated subquery per row: on PostgreSQL a per-row subplan multiplies the
# estimated cost, which at this size also sets off JIT compilation (0.5-0.6 s per query;
# see bench/README.md).
#
# An SKP version in force (plans.selectors.skp_in_force_q): approved, or the first version,
# and not replaced by an approved newer version.
IN_FORCE = """(s.status = 'disetujui' OR s.sebelumnya_id IS NULL)
  AND NOT EXISTS (SELECT 1 FROM plans_skp n WHERE n.instansi_id = s.instansi_id
                  AND n.sebelumnya_id = s.id AND n.status = 'disetujui')"""
SCOPED_SKP = f"""
  SELECT s.* FROM plans_skp s
  JOIN org_pegawai p ON p.id = s.pegawai_id
  LEFT JOIN org_unitkerja u ON u.id = p.unit_id
  WHERE s.instansi_id = %(i)s AND s.periode_id = %(periode)s {{scope}} AND {IN_FORCE}
"""
# The cascade: the flat SKP rows of the scope with their owner, whether the owner has
# subordinates and the status of a pending revision; then their RHK with the number of
# IKI and whether an RHK in force intervenes in it.
CASCADE_SKP = f"""
WITH scoped AS ({SCOPED_SKP}),
bosses AS (SELECT DISTINCT atasan_id FROM org_pegawai
           WHERE instansi_id = %(i)s AND aktif AND atasan_id IS NOT NULL),
pending AS (SELECT sebelumnya_id, status FROM plans_skp
            WHERE instansi_id = %(i)s AND sebelumnya_id IS NOT NULL AND status <> 'disetujui')
SELECT s.id, s.pegawai_id, p.gelar_depan, p.nama, p.gelar_belakang, p.nip, j.nama,
       ju.nama, u.path, s.status, s.versi, bosses.atasan_id IS NOT NULL, pending.status
FROM scoped s
JOIN org_pegawai p ON p.id = s.pegawai_id
JOIN org_jabatan j ON j.id = s.jabatan_id
LEFT JOIN org_unitkerja ju ON ju.id = j.unit_id
LEFT JOIN org_unitkerja u ON u.id = p.unit_id
LEFT JOIN bosses ON bosses.atasan_id = s.pegawai_id
LEFT JOIN pending ON pending.sebelumnya_id = s.id
"""
CASCADE_RHK = f"""
WITH scoped AS ({SCOPED_SKP}),
rhk AS (SELECT r.* FROM plans_rhk r JOIN scoped s ON s.id = r.skp_id
        WHERE r.instansi_id = %(i)s),
iki AS (SELECT k.rhk_id, count(*) AS n FROM plans_iki k JOIN rhk ON rhk.id = k.rhk_id
        GROUP BY k.rhk_id),
supported AS (SELECT DISTINCT c.intervensi_id AS id FROM plans_rhk c
              JOIN plans_skp s ON s.id = c.skp_id
              WHERE c.instansi_id = %(i)s AND c.intervensi_id IS NOT NULL AND {IN_FORCE})
SELECT rhk.id, rhk.skp_id, rhk.intervensi_id, rhk.jenis, rhk.urutan, coalesce(iki.n, 0),
       supported.id IS NOT NULL
FROM rhk LEFT JOIN iki ON iki.rhk_id = rhk.id LEFT JOIN supported ON supported.id = rhk.id
"""
# Staff in scope with their SKP in force for the periode (the later one when there are
# two: rules §4): the cascade page lists those without an approved one (COUNT and the
# first page), the completeness table counts them by row unit and status.
STAFF_STATUS = f"""
WITH cur AS (
  SELECT DISTINCT ON (s.pegawai_id) s.pegawai_id, s.id, s.status FROM plans_skp s
  WHERE s.instansi_id = %(i)s AND s.periode_id = %(periode)s AND {IN_FORCE}
  ORDER BY s.pegawai_id, s.tanggal_mulai DESC, s.versi DESC, s.id DESC
)
SELECT {{columns}}
FROM org_pegawai p
LEFT JOIN org_jabatan j ON j.id = p.jabatan_id
LEFT JOIN org_unitkerja u ON u.id = p.unit_id
LEFT JOIN cur ON cur.pegawai_id = p.id
WHERE p.instansi_id = %(i)s AND p.aktif AND p.status <> 'NON_ASN' {{scope}}
"""
NOT_APPROVED = " AND (cur.status IS NULL OR cur.status <> 'disetujui')"
CASCADE_STAFF_COUNT = STAFF_STATUS.replace("{columns}", "count(*)") + NOT_APPROVED
CASCADE_STAFF_PAGE = (
    STAFF_STATUS.replace(
        "{columns}",
        "p.id, p.gelar_depan, p.nama, p.gelar_belakang, p.nip, j.nama, u.nama, cur.status, cur.id",
    )
    + NOT_APPROVED
    + f" ORDER BY u.path NULLS LAST, p.nama, p.id LIMIT {STAFF_PAGE}"
)
COMPLETENESS = (
    STAFF_STATUS.replace("{columns}", "substr(u.path, 1, %(width)s), cur.status, count(*)")
    + " GROUP BY 1, 2"
)
QUEUE = f"""
SELECT s.id, s.versi, s.submitted_at, s.alasan_dikembalikan, pr.tahun,
       p.gelar_depan, p.nama, p.gelar_belakang, p.nip, j.nama,
       (SELECT count(*) FROM plans_rhk r WHERE r.instansi_id = s.instansi_id
        AND r.skp_id = s.id) AS n_rhk,
       (SELECT count(*) FROM plans_rhk r JOIN plans_iki k ON k.rhk_id = r.id
        WHERE r.instansi_id = s.instansi_id AND r.skp_id = s.id) AS n_iki
FROM plans_skp s
JOIN plans_periodekinerja pr ON pr.id = s.periode_id
JOIN org_pegawai p ON p.id = s.pegawai_id
JOIN org_jabatan j ON j.id = s.jabatan_id
WHERE s.instansi_id = %(i)s AND s.penilai_id = %(penilai)s AND s.status = 'diajukan'
ORDER BY s.submitted_at, s.id
LIMIT {QUEUE_MAX}
"""


@dataclass
class Case:
    label: str
    scope: str
    url: str
    get: dict[str, object]
    bare: list[tuple[str, str]]  # (part, SQL)
    params: dict[str, object]
    check: Callable[[dict[str, list[tuple]]], str | None]  # an error, or None
    rows: str = ""
    results: dict[str, object] = field(default_factory=dict)


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def database_exists() -> bool:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        return bool(c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pegawai", type=int, default=27_000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument(
        "--reuse", action="store_true", help="use the database a --keep run left (no seeding)"
    )
    args = ap.parse_args()

    if args.reuse and not database_exists():
        print(f"--reuse: database {DB_NAME} does not exist; run once with --keep")
        return 2
    if not args.reuse:
        recreate_database()
    common.setup_django(f"{SERVER}/{DB_NAME}")
    try:
        return run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep and not args.reuse:
            drop_database()


def seed(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from ekinerja.org.seeding import demo as org_demo
    from ekinerja.org.seeding import writing as org_writing
    from ekinerja.plans import seeding as plans_seeding

    call_command("migrate", verbosity=0)
    t_plan, plan = common.timed(lambda: org_demo.build_plan(args.pegawai, args.seed))
    t_write, _result = common.timed(lambda: org_writing.write_plan(plan))
    instansi = org_demo.demo_instansi()
    t_plans, line = common.timed(lambda: plans_seeding.seed_demo_data(instansi, seed=args.seed))
    # VACUUM too, not only ANALYZE: autovacuum (PostgreSQL 13+) vacuums a table after
    # bulk inserts, which sets the visibility map; without it every index-only scan
    # (the IKI count per RHK) still visits the heap, a state a live database is rarely in.
    t_analyze, _ = common.timed(lambda: connection.cursor().execute("VACUUM ANALYZE"))
    print(
        f"seed: org chart {t_plan + t_write:.1f} s (plan {t_plan:.1f} + write {t_write:.1f}); "
        f"SKP {t_plans:.1f} s; VACUUM ANALYZE {t_analyze:.1f} s"
    )
    print(f"  {line}")


def run(args: argparse.Namespace) -> int:
    from django.db import connection

    print(f"bench_plans: {args.pegawai} staff on PostgreSQL ({common.machine()})")
    with connection.cursor() as c:
        c.execute("SELECT version()")
        print(c.fetchone()[0].split(" on ")[0])
    try:
        load = Path("/proc/loadavg").read_text().split()[:3]
        print(f"load average at start: {' '.join(load)}")
    except OSError:
        pass
    print("app code measured: " + code_state())
    if args.reuse:
        print(f"--reuse: database {DB_NAME} as a previous --keep run left it (not seeded)")
    else:
        seed(args)

    from django.test import Client
    from django.urls import reverse

    from ekinerja.core.models import User
    from ekinerja.core.roles import actor_for_user
    from ekinerja.org.models import Pegawai, UnitKerja
    from ekinerja.org.seeding import demo as org_demo
    from ekinerja.org.seeding import logins as org_logins
    from ekinerja.plans.cascade.common import MISSING
    from ekinerja.plans.cascade.completeness import Completeness, completeness
    from ekinerja.plans.cascade.staff import staff_without_approved_skp
    from ekinerja.plans.cascade.tree import CascadeTree, cascade_tree
    from ekinerja.plans.models import IKI, RHK, SKP, PeriodeKinerja

    instansi = org_demo.demo_instansi()
    periode = PeriodeKinerja.objects.filter(instansi=instansi).order_by("-tahun").first()
    acc = {a["role"]: a for a in org_logins.demo_accounts(instansi)}
    n_skp = SKP.objects.filter(instansi=instansi, periode=periode).count()
    n_rhk = RHK.objects.filter(instansi=instansi, skp__periode=periode).count()
    n_iki = IKI.objects.filter(instansi=instansi, rhk__skp__periode=periode).count()
    by_status = Counter(
        SKP.objects.filter(instansi=instansi, periode=periode).values_list("status", flat=True)
    )
    print(
        f"periode {periode.tahun}: {n_skp:,} SKP ("
        + ", ".join(f"{n:,} {s}" for s, n in by_status.most_common())
        + f"), {n_rhk:,} RHK ({n_rhk / n_skp:.1f} per SKP), {n_iki:,} IKI "
        f"({n_iki / n_rhk:.1f} per RHK)"
    )

    # The largest OPD: the OPD unit with the most active staff in its subtree.
    with connection.cursor() as c:
        c.execute(
            """SELECT o.id, count(*) FROM org_unitkerja o
               JOIN org_unitkerja u ON u.instansi_id = o.instansi_id
                AND u.path LIKE o.path || '%%'
               JOIN org_pegawai p ON p.unit_id = u.id AND p.aktif AND p.status <> 'NON_ASN'
               WHERE o.instansi_id = %s AND o.is_opd
               GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1""",
            [instansi.pk],
        )
        opd_id, opd_staff = c.fetchone()
    opd = UnitKerja.objects.get(pk=opd_id)
    n_staff = (
        Pegawai.objects.filter(instansi=instansi, aktif=True).exclude(status="NON_ASN").count()
    )
    print(f"largest OPD: {opd.nama} ({opd_staff:,} of {n_staff:,} active ASN staff)")

    admin = User.objects.get(username=acc["admin"]["username"])
    admin_actor = actor_for_user(admin)
    failures: list[str] = []
    base = {"i": instansi.pk, "periode": periode.pk}

    def scoped(sql: str, unit: UnitKerja | None) -> str:
        return sql.replace("{scope}", "AND u.path LIKE %(path)s" if unit else "")

    def scope_params(unit: UnitKerja | None) -> dict[str, object]:
        return {**base, "path": unit.path + "%"} if unit else dict(base)

    cases: list[Case] = []

    # 1. The cascade tree.
    for unit in (opd, None):
        tree = cascade_tree(actor=admin_actor, periode=periode, unit=unit)
        staff_qs = staff_without_approved_skp(actor=admin_actor, periode=periode, unit=unit)
        expected_staff = list(staff_qs.values_list("pk", flat=True)[:STAFF_PAGE])
        expected_staff_n = staff_qs.count()

        def check_cascade(
            res: dict[str, list[tuple]],
            tree: CascadeTree = tree,
            staff: list[int] = expected_staff,
            staff_n: int = expected_staff_n,
        ) -> str | None:
            skp = {r[0]: r for r in res["SKP rows"]}
            rhk = res["RHK rows"]
            no_iki = sum(1 for r in rhk if not r[5])
            unsupported = sum(
                1 for r in rhk if skp[r[1]][9] == "disetujui" and skp[r[1]][11] and not r[6]
            )
            got = (len(skp), len(rhk), no_iki, unsupported)
            s = tree.summary
            want = (s.skp, s.rhk, s.no_iki, s.unsupported)
            if got != want:
                return f"(SKP, RHK, no IKI, unsupported) bare {got} vs selector {want}"
            if res["staff COUNT"][0][0] != staff_n:
                return f"staff without approved SKP: {res['staff COUNT'][0][0]} vs {staff_n}"
            if [r[0] for r in res["staff page"]] != staff:
                return "staff page: bare SQL ids differ from the selector's"
            return None

        cases.append(
            Case(
                label="cascade tree",
                scope=opd.nama if unit else "whole instansi",
                url=reverse("plans:cascade"),
                get={"periode": periode.pk, **({"unit": unit.pk} if unit else {})},
                bare=[
                    ("SKP rows", scoped(CASCADE_SKP, unit)),
                    ("RHK rows", scoped(CASCADE_RHK, unit)),
                    ("staff COUNT", scoped(CASCADE_STAFF_COUNT, unit)),
                    ("staff page", scoped(CASCADE_STAFF_PAGE, unit)),
                ],
                params=scope_params(unit),
                check=check_cascade,
                rows=f"{tree.summary.skp:,} SKP, {tree.summary.rhk:,} RHK",
            )
        )

    # 3. The completeness table (measured before the queue set-up changes statuses).
    for unit in (None, opd):
        data = completeness(actor=admin_actor, periode=periode, unit=unit)
        widths = {len(r.unit.path) for r in data.rows if r.kind == "unit"}
        assert len(widths) == 1, widths  # one level: the selector buckets by prefix too
        width = widths.pop()

        def check_completeness(
            res: dict[str, list[tuple]], data: Completeness = data
        ) -> str | None:
            want = {
                (r.unit.path if r.kind == "unit" else "", k): n
                for r in data.rows
                for k, n in r.counts.items()
                if n
            }
            paths = {r.unit.path for r in data.rows if r.kind == "unit"}
            got: Counter[tuple[str, str]] = Counter()
            for bucket, st, n in res["grouped COUNT"]:
                got[(bucket if bucket in paths else "", st or MISSING)] += n
            if dict(got) != want:
                return "grouped counts differ from the selector's"
            return None

        cases.append(
            Case(
                label="completeness",
                scope=opd.nama if unit else "whole instansi",
                url=reverse("plans:completeness"),
                get={"periode": periode.pk, **({"unit": unit.pk} if unit else {})},
                bare=[("grouped COUNT", scoped(COMPLETENESS, unit))],
                params={**scope_params(unit), "width": width},
                check=check_completeness,
                rows=f"{data.total.total:,} staff, {len(data.rows)} rows",
            )
        )

    admin_client = Client()
    admin_client.force_login(admin)
    for case in cases:
        measure(case, admin_client, args.runs, failures)

    # 2. The queue: prepare a supervisor with QUEUE_SIZE submitted SKP.
    kabid_user = User.objects.get(username=acc["kabid"]["username"])
    kabid_client = Client()
    kabid_client.force_login(kabid_user)
    queue_url = reverse("plans:skp-queue")
    n_before, before_rows = queue_queries(kabid_client, queue_url)
    supervisor, note = prepare_queue(instansi, periode, kabid_user)
    print(note)
    from ekinerja.plans import selectors

    def queue_case(user, client, label: str) -> Case:
        actor = actor_for_user(user)
        ids = list(selectors.penilai_queue(actor=actor).values_list("pk", flat=True))

        def check_queue(res: dict[str, list[tuple]], ids: list[int] = ids) -> str | None:
            if [r[0] for r in res["queue page"]] != ids[:QUEUE_MAX]:
                return "bare SQL ids differ from the selector's"
            return None

        case = Case(
            label="penilai queue",
            scope=f"{label}, {len(ids)} diajukan",
            url=queue_url,
            get={},
            bare=[("queue page", QUEUE)],
            params={**base, "penilai": Pegawai.objects.get(user=user).pk},
            check=check_queue,
            rows=f"{len(ids)} SKP",
        )
        measure(case, client, args.runs, failures)
        return case

    cases.append(queue_case(kabid_user, kabid_client, acc["kabid"]["label"]))
    # The same page with nothing waiting: what any page costs (session, user, role
    # lookups, the base template), for reading the ratio above.
    cases.append(queue_case(admin, admin_client, acc["admin"]["label"]))
    n_queue = int(cases[4].rows.split()[0])

    order = [cases[0], cases[1], cases[4], cases[5], cases[2], cases[3]]
    print()
    print(
        common.table(
            ["view", "scope", "rows", "view ms", "bare SQL ms", "ratio", "queries",
             "SQL in view ms"],
            [
                [c.label, c.scope, c.rows, f"{c.results['view']:.0f}", f"{c.results['bare']:.0f}",
                 f"{c.results['view'] / c.results['bare']:.1f}x", c.results["queries"],
                 f"{c.results['sql_ms']:.0f}"]
                for c in order
            ],
        )
    )  # fmt: skip
    print(
        f"median of {args.runs} requests each after one warm-up, interleaved with the bare "
        f"SQL (the sum of its parts below); as the Admin Instansi (reports) and as "
        f"{acc['kabid']['label']} (queue); queries and 'SQL in view' from one captured request"
    )
    print()
    print("bare SQL parts (median ms; rows):")
    print(
        common.table(
            ["view", "scope", "part", "ms", "rows"],
            [
                [c.label, c.scope, part, f"{ms:.1f}", f"{n:,}"]
                for c in order
                for part, (ms, n) in c.results["parts"].items()
            ],
        )
    )
    print()
    q = [c.results["queries"] for c in cases]
    print(
        "queries per request (they do not grow with rows):\n"
        f"  queue: {n_before} with {before_rows} submitted SKP (as seeded), {q[4]} with "
        f"{n_queue}, {q[5]} with none\n"
        f"  cascade: {q[0]} for {opd.nama} ({opd_staff:,} staff), {q[1]} for the whole "
        f"instansi ({n_staff:,})\n"
        f"  completeness: {q[3]} for {opd.nama}, {q[2]} for the whole instansi\n"
        "  (a chosen unit adds its lookup and breadcrumb; the tests assert the bounds with "
        "django_assert_max_num_queries / a second count after adding staff: "
        "plans/tests/test_views.py, test_cascade.py, test_reports_views.py)"
    )
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


APP_CODE = (
    "ekinerja/plans/cascade",  # a package (cascade.py before it was split)
    "ekinerja/plans/cascade.py",
    "ekinerja/plans/views_reports.py",  # views/reports.py since issue 12
    "ekinerja/plans/views/reports.py",
    "ekinerja/plans/selectors.py",
    "ekinerja/plans/views/queue.py",
)


def code_state() -> str:
    """A short digest and the latest modification time of the code measured (files, or
    the .py files of a package), so that figures can be matched to the code."""
    out = []
    for name in APP_CODE:
        path = common.ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
        if not files:
            continue
        digest = hashlib.sha256()
        for f in files:
            digest.update(f.read_bytes())
        mtime = dt.datetime.fromtimestamp(max(f.stat().st_mtime for f in files), dt.UTC)
        out.append(f"{path.name} {digest.hexdigest()[:10]} ({mtime:%Y-%m-%d %H:%M} UTC)")
    return ", ".join(out)


def timed_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(case: Case, client, runs: int, failures: list[str]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def bare_part(sql: str) -> list[tuple]:
        with connection.cursor() as c:
            c.execute(sql, case.params)
            return c.fetchall()

    def bare() -> dict[str, list[tuple]]:
        return {part: bare_part(sql) for part, sql in case.bare}

    def view() -> None:
        resp = client.get(case.url, case.get)
        assert resp.status_code == 200, (case.url, case.get, resp.status_code)

    res = bare()
    error = case.check(res)
    if error:
        failures.append(f"{case.label} ({case.scope}): {error}")
    try:
        view()  # warm-up
    except AssertionError as e:
        failures.append(f"{case.label} ({case.scope}): status {e}")
        case.results = {"view": 0.0, "bare": 1.0, "queries": 0, "sql_ms": 0.0, "parts": {}}
        return
    with CaptureQueriesContext(connection) as ctx:
        view()
    # Read them now: captured_queries slices the connection's log, which later requests
    # may reset.
    n_queries = len(ctx.captured_queries)
    sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
    # Interleaved: each round times one request, then each bare part, so that both
    # sides see the same machine load (other work shares these cores); the baseline of a
    # round is the sum of its parts.
    view_ms: list[float] = []
    part_ms: dict[str, list[float]] = {part: [] for part, _sql in case.bare}
    bare_ms: list[float] = []
    for _ in range(runs):
        view_ms.append(timed_ms(view))
        total = 0.0
        for part, sql in case.bare:
            ms = timed_ms(lambda sql=sql: bare_part(sql))
            part_ms[part].append(ms)
            total += ms
        bare_ms.append(total)
    case.results = {
        "view": statistics.median(view_ms),
        "bare": statistics.median(bare_ms),
        "queries": n_queries,
        "sql_ms": sql_ms,
        "parts": {p: (statistics.median(v), len(res[p])) for p, v in part_ms.items()},
    }
    print(
        f"  {case.label} ({case.scope}): view {case.results['view']:.0f} ms, bare SQL "
        f"{case.results['bare']:.0f} ms, {case.results['queries']} queries",
        flush=True,
    )


def queue_queries(client, url: str) -> tuple[int, int]:
    """Queries of one queue request, and the rows it showed (before the set-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(ctx.captured_queries), resp.content.count(b'name="skp" value=')


def prepare_queue(instansi, periode, user) -> tuple[object, str]:
    """Give the supervisor logged in as `user` QUEUE_SIZE subordinates of his OPD whose
    SKP of the periode are submitted to him; idempotent. Returns him and a note."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ekinerja.org.models import Pegawai, UnitKerja
    from ekinerja.plans.models import SKP

    boss = Pegawai.objects.select_related("unit").get(user=user)
    opd = next(
        u
        for u in UnitKerja.objects.filter(instansi=instansi, is_opd=True).order_by("path")
        if boss.unit.path.startswith(u.path)
    )
    chain = set()
    up = boss
    while up is not None and up.pk not in chain:  # his supervisors, up to the top
        chain.add(up.pk)
        up = up.atasan
    with_skp = SKP.objects.filter(instansi=instansi, periode=periode, sebelumnya=None)
    candidates = (
        Pegawai.objects.filter(
            instansi=instansi,
            aktif=True,
            unit__path__startswith=opd.path,
            pk__in=with_skp.values("pegawai_id"),
        )
        .exclude(pk__in=chain)
        .exclude(status="NON_ASN")
        .order_by("nip", "pk")
    )
    own = [p for p in candidates if p.atasan_id == boss.pk]
    others = [p for p in candidates if p.atasan_id != boss.pk]
    chosen = (own + others)[:QUEUE_SIZE]
    if len(chosen) < QUEUE_SIZE:
        raise SystemExit(f"only {len(chosen)} staff with an SKP in {opd.nama}")
    ids = [p.pk for p in chosen]
    start = timezone.now() - dt.timedelta(days=3)
    with transaction.atomic():
        Pegawai.objects.filter(pk__in=ids).update(atasan=boss)
        for n, pid in enumerate(ids):
            SKP.objects.filter(instansi=instansi, periode=periode, pegawai_id=pid).update(
                penilai=boss,
                atasan_penilai_id=boss.atasan_id,
                status="diajukan",
                submitted_at=start + dt.timedelta(minutes=7 * n),
                approved_at=None,
                approved_by=None,
                alasan_dikembalikan="",
            )
        # Nobody else waits on him: the queue is exactly these SKP.
        SKP.objects.filter(instansi=instansi, penilai=boss, status="diajukan").exclude(
            pegawai_id__in=ids
        ).update(status="draft", submitted_at=None)
    with connection.cursor() as c:
        c.execute("ANALYZE plans_skp")
        c.execute("ANALYZE org_pegawai")
    note = (
        f"queue set-up: {boss.nama_lengkap} ({boss.jabatan.nama if boss.jabatan else '-'}) "
        f"given {len(own)} of his own and {QUEUE_SIZE - len(own)} other staff of "
        f"{opd.nama} as subordinates (Pegawai.atasan), their SKP {periode.tahun} set to "
        "'diajukan' to him (SKP.penilai, submitted_at) by direct ORM updates"
    )
    return boss, note


if __name__ == "__main__":
    sys.exit(main())
