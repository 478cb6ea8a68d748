"""seed_demo at scale on SQLite, against raw `executemany` of the same rows.

    .venv/bin/python bench/bench_seed.py [--pegawai 27000] [--seed 1]

Builds a fresh SQLite database in a temp directory (migrated once, then copied so both
sides start from the same empty schema), runs the demo generator (plan + bulk inserts +
supervisor recompute, one transaction), then inserts exactly the rows it wrote into the
copy with the sqlite3 module's `executemany`, in one transaction, with the same PRAGMAs
(WAL, synchronous=NORMAL, foreign keys on). Exits 1 when the bulk write path takes
more than 3× the raw inserts (the bound of the issue); the whole command's ratio, with
the plan built in Python, is printed too.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

BOUND = 3.0
RAW_RUNS = 3  # the baseline is cheap: median of three fresh copies
TABLES = [
    "org_instansi", "core_user", "org_unitkerja", "org_jabatan", "org_pegawai",
    "org_riwayatjabatan", "core_roleassignment", "core_auditevent",
]  # fmt: skip


def raw_copy(src: Path, dst: Path) -> tuple[float, dict[str, int]]:
    """Insert every row of TABLES from `src` into `dst` with executemany; seconds taken."""
    s = sqlite3.connect(src)
    data: list[tuple[str, list[str], list[tuple]]] = []
    for t in TABLES:
        cols = [r[1] for r in s.execute(f"PRAGMA table_info({t})")]
        rows = s.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY id").fetchall()
        data.append((t, cols, rows))
    s.close()
    d = sqlite3.connect(dst, isolation_level=None)
    d.execute("PRAGMA journal_mode=WAL")
    d.execute("PRAGMA synchronous=NORMAL")
    d.execute("PRAGMA foreign_keys=ON")
    import time

    start = time.perf_counter()
    d.execute("BEGIN IMMEDIATE")
    for t, cols, rows in data:
        marks = ", ".join("?" * len(cols))
        d.executemany(f"INSERT INTO {t} ({', '.join(cols)}) VALUES ({marks})", rows)
    d.execute("COMMIT")
    elapsed = time.perf_counter() - start
    d.close()
    return elapsed, {t: len(rows) for t, _c, rows in data}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pegawai", type=int, default=27000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ekinerja-bench-seed-"))
    try:
        bulk_db = tmp / "bulk.sqlite3"
        common.setup_django(f"sqlite:///{bulk_db}")
        from django.core.management import call_command
        from django.db import connection

        from ekinerja.org.seeding import demo as org_demo
        from ekinerja.org.seeding import writing as org_writing

        call_command("migrate", verbosity=0)
        connection.close()  # checkpoints the WAL so the file copies are complete
        raw_dbs = [tmp / f"raw{i}.sqlite3" for i in range(RAW_RUNS)]
        for dst in raw_dbs:
            shutil.copy(bulk_db, dst)

        # What `manage.py seed_demo` does (org_demo.seed_demo), timed step by step.
        t_plan, plan = common.timed(lambda: org_demo.build_plan(args.pegawai, args.seed))
        t_write, result = common.timed(lambda: org_writing.write_plan(plan))
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM org_pegawai WHERE atasan_id IS NOT NULL")
            with_atasan = c.fetchone()[0]
        connection.close()
        raw_times = []
        for dst in raw_dbs:
            t, counts = raw_copy(bulk_db, dst)
            raw_times.append(t)
        t_raw = statistics.median(raw_times)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    rows_total = sum(counts.values())
    t_cmd = t_plan + t_write
    ratio = t_write / t_raw
    print(f"bench_seed: seed_demo --pegawai {args.pegawai} on SQLite ({common.machine()})")
    print("rows written: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    rows = [
        ["plan (pure Python: structure, people, NIPs)", t_plan, f"{args.pegawai / t_plan:,.0f}"
         " pegawai/s"],
        ["bulk write (prepared rows, one transaction, recompute)", t_write,
         f"{rows_total / t_write:,.0f}"],
        ["seed_demo total (plan + write)", t_cmd, f"{rows_total / t_cmd:,.0f}"],
        [f"baseline: sqlite3 executemany, same rows (median of {RAW_RUNS})", t_raw,
         f"{rows_total / t_raw:,.0f}"],
    ]  # fmt: skip
    print(
        common.table(
            ["step", "seconds", "rows/s", "vs raw executemany"],
            [[name, f"{t:.2f}", rate, f"{t / t_raw:.2f}x"] for name, t, rate in rows],
        )
    )
    print(
        f"staff with a supervisor: {with_atasan} of {counts['org_pegawai']} (all but the "
        f"Bupati); rows changed by the final supervisors_recompute: {result.recomputed} "
        "(expected 0)"
    )
    if ratio > BOUND:
        print(f"FAIL: the bulk write path took {ratio:.2f}x raw executemany (bound {BOUND:.0f}x)")
        return 1
    print(
        f"OK: the bulk write path took {ratio:.2f}x raw executemany of the same rows "
        f"(bound {BOUND:.0f}x); the whole command {t_cmd / t_raw:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
