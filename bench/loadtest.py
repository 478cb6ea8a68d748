"""A small load test: activity creation against the trivial view on one gunicorn server.

    .venv/bin/python bench/loadtest.py --database ekinerja_bench_exec [--workers 2]
        [--threads 8] [--seconds 20] [--users 200] [--tanggal YYYY-MM-DD] [--port 8107]

Needs a seeded database (bench/bench_execution.py --keep, or its own run, which calls
this script before dropping the database). It:

1. picks --users staff with an RHK usable on --tanggal (default: the last working day
   before today) and logs each in for the API, as the mobile app does, with a bearer
   token (ekinerja.api.tokens.token_create: what `POST /api/v1/auth/token/` does after
   checking the password; the password check is left out so that the run measures the
   activity log, not PBKDF2 or the login throttle);
2. starts gunicorn (`config.wsgi`, --workers sync workers) on 127.0.0.1:--port against
   the database, production settings (DEBUG off, persistent connections);
3. runs two phases of --seconds each with --threads client threads, every thread with
   its own keep-alive `http.client` connection: `GET /healthz/` (the `health` view, no
   database), then `POST /api/v1/aktivitas/` (each thread cycles through its own users,
   a new activity each time on --tanggal);
4. prints requests per second, latency percentiles and errors of each phase and the
   ratio of the two throughputs; stops gunicorn.

The client threads share the machine with the server (and Python's GIL between them):
on 2 cores the absolute figures are a floor; the ratio is the figure to compare.
Exits 1 when more than 1% of the requests fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

SERVER = "postgresql://postgres@127.0.0.1:5432"


def last_working_day(today: dt.date | None = None) -> dt.date:
    d = (today or dt.date.today()) - dt.timedelta(days=1)
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def prepare_users(n: int, tanggal: dt.date) -> list[tuple[str, int]]:
    """(bearer token, RHK id) of n staff members with an RHK usable on `tanggal`."""
    from django.db import connections

    from ekinerja.api.tokens import token_create
    from ekinerja.execution.selectors.aktivitas import rhk_choices
    from ekinerja.org.models import Pegawai
    from ekinerja.org.seeding import demo as org_demo

    instansi = org_demo.demo_instansi()
    out: list[tuple[str, int]] = []
    people = (
        Pegawai.objects.filter(instansi=instansi, aktif=True, user__isnull=False)
        .exclude(status="NON_ASN")
        .select_related("user")
        .order_by("-nip")
    )
    for p in people.iterator(chunk_size=500):
        rhk = rhk_choices(pegawai=p, tanggal=tanggal)
        if rhk:
            out.append((token_create(user=p.user, name="loadtest")[1], rhk[0].pk))
            if len(out) >= n:
                break
    connections.close_all()
    return out


class Phase:
    def __init__(self) -> None:
        self.lat: list[float] = []
        self.errors: dict[str, int] = {}
        self.lock = threading.Lock()

    def add(self, ms: float, err: str = "") -> None:
        with self.lock:
            if err:
                self.errors[err] = self.errors.get(err, 0) + 1
            else:
                self.lat.append(ms)


def run_phase(
    port: int, threads: int, seconds: float, make_request, label: str
) -> tuple[Phase, float]:
    """Run `make_request(thread_index, n) -> (method, path, body, headers, expected)` in
    `threads` threads, each on its own keep-alive connection, for `seconds`."""
    phase = Phase()
    stop_at = time.perf_counter() + seconds
    start = time.perf_counter()

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = 0
        while time.perf_counter() < stop_at:
            method, path, body, headers, expected = make_request(i, n)
            n += 1
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                ms = (time.perf_counter() - t0) * 1000
                if resp.status != expected:
                    phase.add(ms, f"HTTP {resp.status}: {data[:120]!r}")
                else:
                    phase.add(ms)
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            except (OSError, http.client.HTTPException) as e:
                phase.add(0, type(e).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - start
    print(f"  {label}: {len(phase.lat):,} ok, {sum(phase.errors.values())} errors", flush=True)
    return phase, elapsed


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def start_server(database: str, port: int, workers: int) -> subprocess.Popen:
    static_root = tempfile.mkdtemp(prefix="ekinerja-load-static-")
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
        "SECURE_SSL": "0",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": static_root,
        "CONN_MAX_AGE": "600",
    }
    # Production static files (the manifest storage): collected into a scratch directory,
    # so that an HTML page (an error page) renders as it would in production.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=common.ROOT, env=env, check=True,
    )  # fmt: skip
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [str(gunicorn), "config.wsgi:application", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--worker-class", "sync", "--keep-alive", "30",
         "--log-level", "warning"],
        cwd=common.ROOT, env=env,
    )  # fmt: skip
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz/")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("gunicorn did not answer /healthz/ within 60 s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--database", default="ekinerja_bench_exec")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--tanggal", type=dt.date.fromisoformat, default=None)
    ap.add_argument("--port", type=int, default=8107)
    args = ap.parse_args()
    tanggal = args.tanggal or last_working_day()

    common.setup_django(f"{SERVER}/{args.database}")
    users = prepare_users(args.users, tanggal)
    if len(users) < args.threads:
        print(f"only {len(users)} staff with an RHK on {tanggal}")
        return 2
    print(
        f"loadtest: gunicorn {args.workers} sync workers on 127.0.0.1:{args.port}, "
        f"{args.threads} client threads, {args.seconds:.0f} s per phase, {len(users)} staff "
        f"(bearer tokens), activities dated {tanggal}; {common.machine()}",
        flush=True,
    )
    server = start_server(args.database, args.port, args.workers)
    try:
        from django.urls import reverse

        create_path = reverse("api:aktivitas-list")
        health_path = reverse("health")

        def health(_i: int, _n: int):
            return "GET", health_path, None, {}, 200

        def create(i: int, n: int):
            token, rhk = users[(i + n * args.threads) % len(users)]
            body = json.dumps(
                {"tanggal": tanggal.isoformat(), "menit": 30, "rhk": rhk,
                 "uraian": f"Memeriksa berkas usulan kenaikan pangkat nomor {i}-{n}",
                 "output_jumlah": "3", "output_satuan": "berkas"}
            )  # fmt: skip
            headers = {
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            }
            return "POST", create_path, body, headers, 201

        # A short warm-up of both (workers import, connections open).
        run_phase(args.port, args.threads, 2, health, "warm-up healthz")
        run_phase(args.port, args.threads, 2, create, "warm-up create")
        results = []
        for label, fn in (("GET /healthz/ (health)", health), ("POST /api/v1/aktivitas/", create)):
            phase, elapsed = run_phase(args.port, args.threads, args.seconds, fn, label)
            results.append((label, phase, elapsed))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()

    print()
    rows = []
    for label, phase, elapsed in results:
        lat = phase.lat
        rows.append(
            [label, f"{len(lat):,}", sum(phase.errors.values()), f"{len(lat) / elapsed:,.1f}",
             f"{pct(lat, 50):.1f}", f"{pct(lat, 90):.1f}", f"{pct(lat, 99):.1f}",
             f"{max(lat) if lat else 0:.1f}", f"{statistics.mean(lat) if lat else 0:.1f}"]
        )  # fmt: skip
    print(
        common.table(
            ["request", "ok", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms"],
            rows,
        )
    )
    h, c = results[0], results[1]
    rps_h, rps_c = len(h[1].lat) / h[2], len(c[1].lat) / c[2]
    print(
        f"activity creation: {rps_c:,.1f} req/s = {rps_c / rps_h:.2f}x the trivial view's "
        f"{rps_h:,.1f} req/s (p50 {pct(c[1].lat, 50):.1f} ms vs {pct(h[1].lat, 50):.1f} ms)"
    )
    failed = False
    for label, phase, _e in results:
        n_err = sum(phase.errors.values())
        for err, n in sorted(phase.errors.items(), key=lambda x: -x[1])[:5]:
            print(f"  {label} error x{n}: {err}")
        if n_err > 0.01 * max(1, len(phase.lat) + n_err):
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
