"""The appraisal at 27,000 staff on PostgreSQL: the curve panel of the largest unit, the
penetapan of a unit of 1,500, the fill-rate table and the SIASN export, against bare SQL.

    .venv/bin/python bench/bench_appraisal.py [--pegawai 27000] [--runs 15] [--seed 1]
        [--keep] [--reuse] [--only penilaian-list]

`--only penilaian-list` seeds (or reuses) as below but measures only
`appraisal:penilaian-list` of the largest unit's head (2a), and prints the page's size.

Creates the database `ekinerja_bench_appr` on 127.0.0.1:5432 (user postgres; dropped
first, and at the end unless --keep; --reuse measures a kept one without seeding), then:

1. seeds the demo regency with the org seeder (27,000 staff), then gives Dinas
   Pendidikan a marked "Cabang Dinas" unit holding SMP schools until it covers about
   1,500 staff (the demo regency has no unit of that size: the nearest are 656 and
   6,228), by moving the schools with the org service's subtree move (paths and depth
   in one UPDATE per school); then a year of SKP with the plans seeder, and the
   appraisal with its seeder (appraisal.seeding.builder.seed_appraisal, COPY): last month
   open and rated by everyone's penilai so that every curve holds (nothing locked, no
   one left unrated), this month open and unrated with some realisasi. No activity logs
   (the pages measured here do not read them). VACUUM ANALYZE.
2. times, through django.test.Client as the Admin Instansi (median of --runs, one
   warm-up, the queries of one request captured), each interleaved with its baseline on
   the same connection:
   a. the curve panel of the largest unit: `selectors.kurva.curve_status` alone and the
      unit page `appraisal:unit-detail` (panel + first page of people), against the
      curve's aggregate and the first page of 100 people with its COUNT;
      `appraisal:penilaian-list` of the unit's head (the penilai of every school head),
      against the rows he rates with their realisasi counts and the curve aggregate;
   b. penetapan of the 1,500-staff unit: `services.penetapan.penetapan_create` (and the
      page POST `appraisal:penetapan-create`), each in a transaction rolled back after
      the call, against the bare lock + curve aggregate + one UPDATE + INSERT, rolled
      back the same way;
   c. the fill-rate table of the whole instansi: `selectors.laporan.fill_rate` (total and
      first page of 100 groups) and the page `appraisal:pengisian`, against the grouped
      SQL, its COUNT and the total;
   d. the SIASN export of the whole instansi: `appraisal:siasn-export` (JSON: the SIASN
      records; CSV: the "with names" table), the streamed body consumed, against a
      server-side cursor over the same columns and reference lookups (the SIASN
      reference data seeded by appraisal.seeding.siasn.seed_siasn_reference);
      then one more run of each under tracemalloc for the peak Python memory.
   Checks every baseline against the code's answer.

Exits 1 when a request fails or a baseline disagrees.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "ekinerja_bench_appr"
SERVER = "postgresql://postgres@127.0.0.1:5432"
UNIT_TARGET = 1500
CABANG_KODE = "DISDIK-CABDIN-1"
PAGE = 100

CURVE_AGG = """
SELECT count(*),
  count(*) FILTER (WHERE dalam_kurva AND predikat = ''),
  count(*) FILTER (WHERE dalam_kurva AND predikat = 'sangat_baik'),
  count(*) FILTER (WHERE dalam_kurva AND predikat = 'baik'),
  count(*) FILTER (WHERE dalam_kurva AND predikat = 'butuh_perbaikan'),
  count(*) FILTER (WHERE dalam_kurva AND predikat = 'kurang'),
  count(*) FILTER (WHERE dalam_kurva AND predikat = 'sangat_kurang')
FROM appraisal_evaluasi
WHERE instansi_id = %(i)s AND periode_penilaian_id = %(p)s AND unit_kurva_id = %(u)s
"""
PEOPLE_PAGE = """
SELECT e.id, e.status, e.predikat, e.rating_hasil_kerja, e.rating_perilaku, e.snapshot,
       pg.nama, pg.nip, pn.nama
FROM appraisal_evaluasi e
JOIN org_pegawai pg ON pg.id = e.pegawai_id
LEFT JOIN org_pegawai pn ON pn.id = e.penilai_id
WHERE e.instansi_id = %(i)s AND e.periode_penilaian_id = %(p)s AND e.unit_kurva_id = %(u)s
ORDER BY pg.nama, e.id LIMIT 100
"""
PEOPLE_COUNT = """
SELECT count(*) FROM appraisal_evaluasi e
WHERE e.instansi_id = %(i)s AND e.periode_penilaian_id = %(p)s AND e.unit_kurva_id = %(u)s
"""
RATER_ROWS = """
SELECT e.id, e.status, e.predikat, e.rating_hasil_kerja, e.rating_perilaku, e.unit_kurva_id,
       pg.nama, pg.nip, j.nama, u.nama,
       (SELECT count(*) FROM plans_iki k JOIN plans_rhk r ON r.id = k.rhk_id
         WHERE r.skp_id = e.skp_id),
       (SELECT count(*) FROM appraisal_realisasiiki x WHERE x.evaluasi_id = e.id)
FROM appraisal_evaluasi e
JOIN org_pegawai pg ON pg.id = e.pegawai_id
JOIN org_jabatan j ON j.id = e.jabatan_id
JOIN org_unitkerja u ON u.id = e.unit_id
WHERE e.instansi_id = %(i)s AND e.periode_penilaian_id = %(p)s AND e.penilai_id = %(me)s
ORDER BY e.unit_kurva_id, pg.nama, e.id
"""
LOCK_UNIT = "SELECT id FROM org_unitkerja WHERE id = %(u)s FOR UPDATE"
LOCK_UPDATE = """
UPDATE appraisal_evaluasi SET status = 'ditetapkan', ditetapkan_at = now(), updated_at = now()
WHERE instansi_id = %(i)s AND periode_penilaian_id = %(p)s AND unit_kurva_id = %(u)s
  AND status = 'dinilai'
"""
LOCK_INSERT = """
INSERT INTO appraisal_penetapan (instansi_id, unit_id, periode_penilaian_id, status,
  predikat_organisasi, jumlah, jumlah_evaluasi, aturan_versi, ditetapkan_oleh_id,
  ditetapkan_at, alasan_dibuka)
VALUES (%(i)s, %(u)s, %(p)s, 'ditetapkan', 'baik', '{}', %(n)s, 1, NULL, now(), '')
RETURNING id
"""
FILL_ROWS = """
SELECT e.unit_kurva_id, u.nama, u.path, count(*),
  count(*) FILTER (WHERE r.evaluasi_id IS NOT NULL),
  count(*) FILTER (WHERE e.status IN ('dinilai', 'ditetapkan')),
  count(*) FILTER (WHERE e.status = 'ditetapkan')
FROM appraisal_evaluasi e
JOIN org_unitkerja u ON u.id = e.unit_kurva_id
LEFT JOIN (SELECT DISTINCT evaluasi_id FROM appraisal_realisasiiki
           WHERE instansi_id = %(i)s) r ON r.evaluasi_id = e.id
WHERE e.instansi_id = %(i)s AND e.periode_penilaian_id = %(p)s
GROUP BY e.unit_kurva_id, u.nama, u.path
ORDER BY u.path, e.unit_kurva_id LIMIT 100
"""
FILL_COUNT = """
SELECT count(DISTINCT unit_kurva_id) FROM appraisal_evaluasi
WHERE instansi_id = %(i)s AND periode_penilaian_id = %(p)s
"""
FILL_TOTAL = """
SELECT count(*),
  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM appraisal_realisasiiki r
                                 WHERE r.evaluasi_id = e.id)),
  count(*) FILTER (WHERE e.status IN ('dinilai', 'ditetapkan')),
  count(*) FILTER (WHERE e.status = 'ditetapkan')
FROM appraisal_evaluasi e
WHERE e.instansi_id = %(i)s AND e.periode_penilaian_id = %(p)s
"""
SIASN_ROWS = """
SELECT e.id, e.rating_hasil_kerja, e.rating_perilaku, e.predikat, e.snapshot,
       pg.siasn_id, pg.nip, pg.nama, pg.golongan, j.nama, j.jenjang, u.nama, g.siasn_id,
       k.siasn_id
FROM appraisal_evaluasi e
JOIN org_pegawai pg ON pg.id = e.pegawai_id
JOIN org_jabatan j ON j.id = e.jabatan_id
JOIN org_unitkerja u ON u.id = e.unit_id
LEFT JOIN appraisal_siasngolongan g ON g.instansi_id = e.instansi_id
     AND g.golongan = e.snapshot #>> '{penilai,golongan}'
LEFT JOIN appraisal_siasnkoefisien k ON k.instansi_id = e.instansi_id
     AND k.jenjang = j.jenjang AND k.predikat = e.predikat
WHERE e.instansi_id = %(i)s AND e.periode_penilaian_id = %(p)s
  AND e.status IN ('dinilai', 'ditetapkan') AND e.predikat <> ''
  AND pg.siasn_id <> '' AND coalesce(e.snapshot #>> '{penilai,nama}', '') <> ''
  AND (j.jenjang = '' OR k.siasn_id IS NOT NULL)
  AND (coalesce(e.snapshot #>> '{penilai,nip}', '') = '' OR g.siasn_id IS NOT NULL)
ORDER BY e.id
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
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--export-runs", type=int, default=5, help="runs of the SIASN export")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument("--reuse", action="store_true", help="use a database a --keep run left")
    ap.add_argument(
        "--only", choices=["penilaian-list"], help="measure this page alone (see the docstring)"
    )
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
    if not args.keep and not args.reuse:
        admin_db(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return rc


def months(today: dt.date) -> tuple[dt.date, dt.date]:
    """(the first day of last month, today): the seeder opens last month (finished,
    rated) and this month (open). In January, last month is in another SKP year: then
    only January is opened, and the bench has nothing rated to measure."""
    first = today.replace(day=1)
    prev = (first - dt.timedelta(days=1)).replace(day=1)
    return (prev if prev.year == today.year else first), today


# --- seeding ------------------------------------------------------------------------------


def make_cabang(instansi, admin_actor) -> tuple[int, int]:
    """A marked unit under Dinas Pendidikan holding SMP schools until it covers about
    UNIT_TARGET active staff; returns (unit id, staff)."""
    from django.db.models import Count

    from ekinerja.org.models import Pegawai, UnitKerja
    from ekinerja.org.services import units as unit_services

    disdik = UnitKerja.objects.get(instansi=instansi, nama="Dinas Pendidikan")
    schools = list(
        UnitKerja.objects.filter(instansi=instansi, parent=disdik, kode__contains="SMPN-").order_by(
            "kode"
        )
    )
    sizes = dict(
        Pegawai.objects.filter(instansi=instansi, aktif=True, unit__in=schools)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
    )
    cabang = unit_services.unit_create(
        actor=admin_actor, parent=disdik, kode=CABANG_KODE,
        nama="Cabang Dinas Pendidikan Wilayah I (SMP)", is_opd=True,
    )  # fmt: skip
    staff = 0
    for s in schools:
        if staff >= UNIT_TARGET - sizes.get(s.pk, 0) // 2:
            break
        s.parent = cabang
        s.save(update_fields=["parent"])
        unit_services._move_subtree(s, cabang)
        s.save(update_fields=["path", "depth"])
        staff += sizes.get(s.pk, 0)
    return cabang.pk, staff


def seed(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from ekinerja.appraisal.seeding.builder import seed_appraisal
    from ekinerja.appraisal.seeding.siasn import seed_siasn_reference
    from ekinerja.core.models import Role, RoleAssignment
    from ekinerja.core.roles import actor_for_user
    from ekinerja.org.seeding import demo as org_demo
    from ekinerja.org.seeding import writing as org_writing
    from ekinerja.plans import seeding as plans_seeding

    call_command("migrate", verbosity=0)
    t_org, _r = common.timed(
        lambda: org_writing.write_plan(org_demo.build_plan(args.pegawai, args.seed))
    )
    instansi = org_demo.demo_instansi()
    admin = RoleAssignment.objects.filter(instansi=instansi, role=Role.ADMIN).first().user
    t_cab, (cabang, staff) = common.timed(lambda: make_cabang(instansi, actor_for_user(admin)))
    t_plans, line = common.timed(lambda: plans_seeding.seed_demo_data(instansi, seed=args.seed))
    print(
        f"seed: org chart {t_org:.1f} s; cabang dinas {t_cab:.1f} s ({staff:,} staff); "
        f"SKP {t_plans:.1f} s\n  {line}",
        flush=True,
    )
    today = timezone.localdate()
    dari, _t = months(today)

    def write():
        with transaction.atomic():
            return seed_appraisal(
                instansi, today=today, dari=dari, seed=args.seed, penetapan_units=0,
                unrated_units=0, use_service=False,
            )  # fmt: skip

    t_app, res = common.timed(write)
    print(
        f"seed: appraisal {t_app:.1f} s: {', '.join(str(p) for p in res.periods)}; "
        f"{res.evaluasi:,} evaluations ({dict(res.status)}), {res.realisasi:,} realisasi "
        f"({res.realisasi / t_app:,.0f} rows/s), {res.predikat_organisasi} organisation "
        f"predikat; refused: {res.refused or 'none'}",
        flush=True,
    )
    t_ref, refs = common.timed(lambda: seed_siasn_reference(instansi))
    print(f"seed: SIASN reference data {t_ref:.1f} s: {refs} (golongan, koefisien, people)")
    t_vac, _ = common.timed(lambda: connection.cursor().execute("VACUUM ANALYZE"))
    print(f"seed: VACUUM ANALYZE {t_vac:.1f} s", flush=True)


# --- measuring ----------------------------------------------------------------------------


def timed_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(label, view, bare_parts, runs, results, note=""):
    """Median of `runs` interleaved rounds of the code and the bare SQL parts; the
    queries of one captured call."""
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
        f"  {label}: {row['view']:.1f} ms, bare SQL {row['bare']:.2f} ms "
        f"({row['view'] / row['bare']:.1f}x), {n_queries} queries",
        flush=True,
    )


def sql(q, p):
    from django.db import connection

    def fn():
        with connection.cursor() as c:
            c.execute(q, p)
            return c.fetchall()

    return fn


def rolled_back(fn):
    """fn() inside a transaction that is rolled back afterwards."""
    from django.db import transaction

    def call():
        with transaction.atomic():
            out = fn()
            transaction.set_rollback(True)
        return out

    return call


def get_ok(client, url, params=None, **kw):
    def fn():
        r = client.get(url, params or {}, **kw)
        assert r.status_code == 200, (url, r.status_code)
        if getattr(r, "streaming", False):
            for _chunk in r.streaming_content:
                pass
        return r

    return fn


def try_measure(failures, label, *a, **kw):
    try:
        measure(label, *a, **kw)
    except Exception as e:  # a page another helper has not finished: say so, go on
        msg = f"{label}: {type(e).__name__}: {str(e)[:300]}"
        print("  SKIPPED " + msg, flush=True)
        failures.append(msg)


def run(args: argparse.Namespace) -> int:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    print(f"bench_appraisal: {args.pegawai} staff on PostgreSQL ({common.machine()})")
    with connection.cursor() as c:
        c.execute("SELECT version()")
        print(c.fetchone()[0].split(" on ")[0])
    print("load average at start: " + " ".join(Path("/proc/loadavg").read_text().split()[:3]))
    if not args.reuse:
        seed(args)

    from ekinerja.appraisal.domain import evaluation, ratings
    from ekinerja.appraisal.models import Evaluasi, PeriodePenilaian
    from ekinerja.appraisal.selectors import laporan as lap
    from ekinerja.appraisal.selectors.kurva import curve_status
    from ekinerja.appraisal.services.penetapan import penetapan_create
    from ekinerja.core.models import Role, RoleAssignment
    from ekinerja.core.roles import actor_for_user
    from ekinerja.org.models import UnitKerja
    from ekinerja.org.seeding import demo as org_demo

    instansi = org_demo.demo_instansi()
    iid = instansi.pk
    dari, _t = months(timezone.localdate())
    periode = PeriodePenilaian.objects.get(
        instansi=instansi, tanggal_mulai=dari, jenis=evaluation.JENIS_BULANAN
    )
    n_ev = Evaluasi.objects.filter(periode_penilaian=periode).count()
    n_rated = Evaluasi.objects.filter(periode_penilaian=periode).exclude(predikat="").count()
    print(f"data: {periode}: {n_ev:,} evaluations, {n_rated:,} rated")
    admin_user = RoleAssignment.objects.filter(instansi=instansi, role=Role.ADMIN).first().user
    admin = actor_for_user(admin_user)
    client = Client()
    client.force_login(admin_user)
    failures: list[str] = []
    results: list[dict] = []

    # a. The curve panel of the largest unit.
    with connection.cursor() as c:
        c.execute(
            "SELECT unit_kurva_id, count(*) FROM appraisal_evaluasi WHERE instansi_id = %s "
            "AND periode_penilaian_id = %s GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
            [iid, periode.pk],
        )
        big_id, big_n = c.fetchone()
    big = UnitKerja.objects.get(pk=big_id)
    p = {"i": iid, "p": periode.pk, "u": big.pk}
    cs = curve_status(periode=periode, unit=big)
    row = sql(CURVE_AGG, p)()[0]
    if (row[0], row[1], tuple(row[2:])) != (
        cs.jumlah_evaluasi, cs.belum_dinilai, tuple(cs.counts[k] for k in ratings.PREDIKAT)
    ):  # fmt: skip
        failures.append(f"curve: bare {row} vs selector {cs.counts}")
    note = f"{big.nama}: {big_n:,} evaluations, curve n={cs.n:,}, ok={cs.ok}"
    if args.only:
        return _only_penilaian_list(args, client, periode, big, p, failures, results)
    measure("curve_status (selector)", lambda: curve_status(periode=periode, unit=big),
            [("curve aggregate", sql(CURVE_AGG, p))], args.runs, results, note=note)  # fmt: skip
    try_measure(
        failures, "unit-detail page (panel + people)",
        get_ok(client, reverse("appraisal:unit-detail", args=[big.pk, periode.pk])),
        [("curve aggregate", sql(CURVE_AGG, p)), ("people page", sql(PEOPLE_PAGE, p)),
         ("people COUNT", sql(PEOPLE_COUNT, p))],
        args.runs, results, note=note,
    )  # fmt: skip
    head = (
        Evaluasi.objects.filter(periode_penilaian=periode, kepala_unit=big)
        .select_related("pegawai__user")
        .first()
    )
    if head is not None and head.pegawai.user is not None:
        me = head.pegawai
        rp = {**p, "me": me.pk}
        n_rows = len(sql(RATER_ROWS, rp)())
        hclient = Client()
        hclient.force_login(me.user)
        try_measure(
            failures, "penilaian-list of the unit's head",
            get_ok(hclient, reverse("appraisal:penilaian-list"), {"periode": periode.pk}),
            [("rows with progress", sql(RATER_ROWS, rp)), ("curve aggregate", sql(CURVE_AGG, p))],
            args.runs, results, note=f"{me.nama}: rates {n_rows:,} people",
        )  # fmt: skip

    # b. Penetapan of the 1,500-staff unit (rolled back after each call).
    cabang = UnitKerja.objects.filter(instansi=instansi, kode=CABANG_KODE).first()
    if cabang is None:
        failures.append("no cabang unit: seed without --reuse")
    else:
        cp = {"i": iid, "p": periode.pk, "u": cabang.pk}
        n_cab = Evaluasi.objects.filter(periode_penilaian=periode, unit_kurva=cabang).count()
        ccs = curve_status(periode=periode, unit=cabang)
        note = f"{cabang.nama}: {n_cab:,} evaluations, {ccs.predikat_organisasi.predikat}"

        def service():
            pen = penetapan_create(actor=admin, unit_id=cabang.pk, periode_penilaian_id=periode.pk)
            assert pen.jumlah_evaluasi == n_cab, pen.jumlah_evaluasi

        def bare():
            with connection.cursor() as c:
                c.execute(LOCK_UNIT, cp)
                c.execute(CURVE_AGG, cp)
                c.fetchall()
                c.execute(LOCK_UPDATE, cp)
                n = c.rowcount
                c.execute(LOCK_INSERT, {**cp, "n": n})
                assert n == n_cab, n

        try_measure(failures, "penetapan_create (service)", rolled_back(service),
                    [("lock + aggregate + UPDATE + INSERT", rolled_back(bare))], args.runs,
                    results, note=note)  # fmt: skip
        url = reverse("appraisal:penetapan-create", args=[cabang.pk, periode.pk])

        def page():
            r = client.post(url)
            assert r.status_code in (200, 302), r.status_code
            assert Evaluasi.objects.filter(
                periode_penilaian=periode, unit_kurva=cabang, status="ditetapkan"
            ).count() == n_cab, "page POST did not lock"  # fmt: skip

        try_measure(failures, "penetapan-create page POST", rolled_back(page),
                    [("lock + aggregate + UPDATE + INSERT", rolled_back(bare))], args.runs,
                    results, note=note)  # fmt: skip

    # c. The fill-rate table of the whole instansi.
    fp = {"i": iid, "p": periode.pk}
    fr = lap.fill_rate(instansi_id=iid, periode=periode)
    want = [lap.fill_row(v) for v in fr.queryset[:PAGE]]
    got = sql(FILL_ROWS, fp)()
    if [(r.unit_id, r.total, r.realisasi, r.dinilai, r.ditetapkan) for r in want] != [
        (g[0], g[3], g[4], g[5], g[6]) for g in got
    ]:
        failures.append("fill rate: bare rows differ from the selector's")
    tot = sql(FILL_TOTAL, fp)()[0]
    if tuple(tot) != (fr.total.total, fr.total.realisasi, fr.total.dinilai, fr.total.ditetapkan):
        failures.append(f"fill rate: total {tot} vs {fr.total}")
    n_groups = sql(FILL_COUNT, fp)()[0][0]
    note = f"{n_groups} units kurva, {fr.total.total:,} evaluations"

    def selector():
        f = lap.fill_rate(instansi_id=iid, periode=periode)
        return f.total, [lap.fill_row(v) for v in f.queryset[:PAGE]], f.queryset.count()

    bare_fill = [("grouped page", sql(FILL_ROWS, fp)), ("groups COUNT", sql(FILL_COUNT, fp)),
                 ("total", sql(FILL_TOTAL, fp))]  # fmt: skip
    measure("fill_rate (selector, page of 100)", selector, bare_fill, args.runs, results, note)
    try_measure(failures, "pengisian page", get_ok(client, reverse("appraisal:pengisian"),
                {"periode": periode.pk}), bare_fill, args.runs, results, note=note)  # fmt: skip

    # d. The SIASN export of the whole instansi.
    surl = reverse("appraisal:siasn-export")
    body = b"".join(client.get(surl, {"periode": periode.pk}).streaming_content)
    n_json = len(json.loads(body))
    if n_json != n_rated:
        failures.append(f"siasn: {n_json} records vs {n_rated} rated")

    def bare_siasn():
        from django.db import transaction

        connection.ensure_connection()
        with transaction.atomic(), connection.connection.cursor(name="siasn") as cur:
            cur.itersize = 2000
            cur.execute(SIASN_ROWS, fp)
            n = 0
            for _r in cur:
                n += 1
        assert n == n_rated, n

    note = f"{n_rated:,} records, JSON {len(body) / 1e6:.1f} MB"
    for fmt in ("json", "csv"):
        try_measure(
            failures, f"siasn-export {fmt} (streamed)",
            get_ok(client, surl, {"periode": periode.pk, "format": fmt}),
            [("server-side cursor, same columns", bare_siasn)], args.export_runs, results,
            note=note,
        )  # fmt: skip
    mem = []
    for label, fn in (
        ("siasn-export json", get_ok(client, surl, {"periode": periode.pk})),
        ("siasn-export csv", get_ok(client, surl, {"periode": periode.pk, "format": "csv"})),
        ("bare: server-side cursor", bare_siasn),
        ("bare: fetchall of the same rows", sql(SIASN_ROWS, fp)),
    ):
        tracemalloc.start()
        fn()
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        mem.append((label, peak))
        print(f"  peak memory {label}: {peak / 2**20:.1f} MiB", flush=True)

    print()
    print(
        common.table(
            ["what", "scope", "server ms", "bare SQL ms", "ratio", "queries", "SQL in server ms"],
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
    print("peak Python memory (tracemalloc), one run each:")
    for label, peak in mem:
        print(f"  {label}: {peak / 2**20:.1f} MiB")
    for msg in failures:
        print("FAIL:", msg)
    return 1 if failures else 0


def _only_penilaian_list(args, client, periode, big, p, failures, results) -> int:
    """--only penilaian-list: the head's list alone, its size, and the measurement."""
    from django.test import Client
    from django.urls import reverse

    from ekinerja.appraisal.models import Evaluasi

    head = (
        Evaluasi.objects.filter(periode_penilaian=periode, kepala_unit=big)
        .select_related("pegawai__user")
        .first()
    )
    if head is None or head.pegawai.user is None:
        print("FAIL: the largest unit has no head with a login")
        return 1
    me = head.pegawai
    rp = {**p, "me": me.pk}
    n_rows = len(sql(RATER_ROWS, rp)())
    hclient = Client()
    hclient.force_login(me.user)
    view = get_ok(hclient, reverse("appraisal:penilaian-list"), {"periode": periode.pk})
    body = view().content
    shown = body.count(b'<form id="penilaian-row-')
    print(f"  page: {len(body):,} bytes, {shown:,} rows shown", flush=True)
    try_measure(
        failures, "penilaian-list of the unit's head", view,
        [("rows with progress", sql(RATER_ROWS, rp)), ("curve aggregate", sql(CURVE_AGG, p))],
        args.runs, results, note=f"{me.nama}: rates {n_rows:,} people, page {len(body):,} B",
    )  # fmt: skip
    for r in results:
        print(f"  {r['label']}: {r['view']:.1f} ms (bare SQL {r['bare']:.2f} ms), "
              f"{r['queries']} queries, SQL {r['sql_ms']:.1f} ms; {r['note']}")  # fmt: skip
    for msg in failures:
        print("FAIL:", msg)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
