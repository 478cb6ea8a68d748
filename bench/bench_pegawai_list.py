"""The staff list (org:pegawai-list) at 270,000 staff on PostgreSQL, against bare SQL.

    .venv/bin/python bench/bench_pegawai_list.py [--pegawai 270000] [--runs 15] [--keep]

Creates the database `ekinerja_bench` on 127.0.0.1:5432 (user postgres; dropped first if
it exists, and at the end unless --keep), migrates, seeds the demo regency with the
bulk seeder, runs ANALYZE, then times the real view through django.test.Client, logged
in as the Admin Instansi (whole instansi) and as a Kepala Dinas (his subtree), for page
1, a later page (the middle one), a name search and a NIP-prefix search: median of
--runs requests each, after one warm-up. The baseline is the bare SQL for the same page
of rows (the equivalent SELECT … ORDER BY nama, id LIMIT 25 OFFSET … plus the COUNT) on
the same connection; the script checks that it returns the same ids as the selector.
Prints median ms, the ratio, and the queries per request. Exits 1 if seeding exceeds
15 minutes or a baseline disagrees with the selector.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "ekinerja_bench"
SERVER = "postgresql://postgres@127.0.0.1:5432"
SEED_LIMIT_S = 15 * 60
PAGE_SIZE = 25

SELECT = """
SELECT p.id, p.nip, p.gelar_depan, p.nama, p.gelar_belakang, p.status, p.golongan, p.aktif,
       j.nama, j.jenis, u.nama, a.gelar_depan, a.nama, a.gelar_belakang
FROM org_pegawai p
LEFT JOIN org_jabatan j ON j.id = p.jabatan_id
LEFT JOIN org_unitkerja u ON u.id = p.unit_id
LEFT JOIN org_pegawai a ON a.id = p.atasan_id
WHERE {where}
ORDER BY p.nama, p.id
LIMIT %s OFFSET %s
"""
COUNT = """
SELECT count(*) FROM org_pegawai p LEFT JOIN org_unitkerja u ON u.id = p.unit_id
WHERE {where}
"""


def recreate_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pegawai", type=int, default=270_000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = ap.parse_args()

    recreate_database()
    common.setup_django(f"{SERVER}/{DB_NAME}")
    try:
        return run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database()


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from ekinerja.core.models import User
    from ekinerja.core.roles import actor_for_user
    from ekinerja.org import access, selectors
    from ekinerja.org.seeding import demo as org_demo
    from ekinerja.org.seeding import logins as org_logins
    from ekinerja.org.seeding import writing as org_writing

    call_command("migrate", verbosity=0)
    t_plan, plan = common.timed(lambda: org_demo.build_plan(args.pegawai, args.seed))
    t_write, _result = common.timed(lambda: org_writing.write_plan(plan))
    t_analyze, _ = common.timed(lambda: connection.cursor().execute("ANALYZE"))
    t_seed = t_plan + t_write
    print(f"bench_pegawai_list: {args.pegawai} staff on PostgreSQL ({common.machine()})")
    with connection.cursor() as c:
        c.execute("SELECT version()")
        print(c.fetchone()[0].split(" on ")[0])
    print(
        f"seed: plan {t_plan:.1f} s + bulk write {t_write:.1f} s = {t_seed:.1f} s "
        f"({args.pegawai / t_seed:,.0f} staff/s); ANALYZE {t_analyze:.1f} s"
    )

    instansi = org_demo.demo_instansi()
    acc = {a["role"]: a for a in org_logins.demo_accounts(instansi)}
    url = reverse("org:pegawai-list")
    staff_nip = acc["staff"]["username"]
    name_q = "sari"
    nip_q = staff_nip[:6]  # birth year and month: a realistic prefix someone types
    rows = []
    failures = []
    for role in ("admin", "kadis"):
        user = User.objects.get(username=acc[role]["username"])
        actor = actor_for_user(user)
        scope = access.org_scope(actor)
        client = Client()
        client.force_login(user)
        where = ["p.instansi_id = %s", "p.aktif"]
        params: list[object] = [instansi.pk]
        if not scope.whole_instansi:
            ors = ["p.id = %s", "p.atasan_id = %s"] + ["u.path LIKE %s"] * len(scope.unit_paths)
            where.append("(" + " OR ".join(ors) + ")")
            params += [scope.pegawai_id, scope.pegawai_id, *[p + "%" for p in scope.unit_paths]]
        total = selectors.pegawai_list(scope=scope).count()
        middle = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE // 2)
        cases = [
            ("page 1", {}, "", []),
            (f"page {middle}", {"page": middle}, "", []),
            (f"name q={name_q!r}", {"q": name_q}, "p.nama ILIKE %s", [f"%{name_q}%"]),
            (f"NIP q={nip_q!r}", {"q": nip_q}, "p.nip LIKE %s", [f"{nip_q}%"]),
        ]
        for label, get, extra, extra_params in cases:
            w = " AND ".join(where + ([extra] if extra else []))
            ps = params + extra_params
            page = int(get.get("page", 1))
            offset = (page - 1) * PAGE_SIZE

            def bare(w: str = w, ps: list[object] = ps, offset: int = offset) -> list[int]:
                with connection.cursor() as c:
                    c.execute(SELECT.format(where=w), [*ps, PAGE_SIZE, offset])
                    ids = [r[0] for r in c.fetchall()]
                    c.execute(COUNT.format(where=w), ps)
                    c.fetchone()
                return ids

            def view(get: dict = get, client: Client = client) -> None:
                resp = client.get(url, get)
                assert resp.status_code == 200, resp.status_code

            qs = selectors.pegawai_list(scope=scope, q=get.get("q", ""))
            expected = list(qs.values_list("pk", flat=True)[offset : offset + PAGE_SIZE])
            if bare() != expected:
                failures.append(f"{role} {label}: bare SQL rows differ from the selector's")
            matched = qs.count()
            view()  # warm-up
            with CaptureQueriesContext(connection) as ctx:
                view()
            n_queries = len(ctx.captured_queries)
            t_view = common.median_ms(view, args.runs)
            t_bare = common.median_ms(bare, args.runs)
            rows.append(
                [acc[role]["label"], label, f"{matched:,}", f"{t_view:.1f}", f"{t_bare:.1f}",
                 f"{t_view / t_bare:.1f}x", n_queries]
            )  # fmt: skip
    print(
        common.table(
            ["as", "request", "rows matched", "view ms", "bare SQL ms", "ratio", "queries"],
            rows,
        )
    )
    print(f"median of {args.runs} requests each; bare SQL = page SELECT + COUNT on the same "
          "connection")  # fmt: skip
    if t_seed > SEED_LIMIT_S:
        failures.append(f"seeding took {t_seed:.0f} s (limit {SEED_LIMIT_S} s)")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
