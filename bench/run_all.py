"""Run every benchmark and print a summary.

    .venv/bin/python bench/run_all.py [--quick]

Each benchmark runs in its own process (each sets up its own database); their output is
shown as it comes, then one line per benchmark with its exit status and wall time.
--quick runs the staff-list benchmark at 27,000 staff instead of 270,000 and the
activity-log benchmark at 3,000 (the SKP benchmark always runs at 27,000, the size of
the issue).
Exits non-zero when any benchmark failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--quick", action="store_true", help="smaller staff-list and activity-log benchmarks"
    )
    args = ap.parse_args()
    benches = [
        ("bench_seed", ["--pegawai", "27000"]),
        ("bench_pegawai_list", ["--pegawai", "27000" if args.quick else "270000"]),
        ("bench_plans", ["--pegawai", "27000"]),
        # The activity log at the month-end peak (27,000 staff, ~80 activities each);
        # --quick: 3,000 staff and a 10-second load test.
        (
            "bench_execution",
            ["--pegawai", "3000", "--load-seconds", "10"] if args.quick else ["--pegawai", "27000"],
        ),
        # The appraisal: curve panel, penetapan of 1,500, fill rate, SIASN export.
        ("bench_appraisal", ["--pegawai", "27000"]),
    ]
    results = []
    for name, extra in benches:
        print(f"\n=== {name} {' '.join(extra)}", flush=True)
        start = time.perf_counter()
        rc = subprocess.call([sys.executable, str(HERE / f"{name}.py"), *extra])
        results.append((name, rc, time.perf_counter() - start))
    print("\n=== summary")
    for name, rc, secs in results:
        print(f"{'OK  ' if rc == 0 else 'FAIL'} {name:<20} {secs:7.1f} s  (exit {rc})")
    return 0 if all(rc == 0 for _n, rc, _s in results) else 1


if __name__ == "__main__":
    sys.exit(main())
