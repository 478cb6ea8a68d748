"""Shared helpers for the benchmarks: Django set-up on a chosen database, timing, tables.

Benchmarks are scripts, not tests: each builds its own database, measures the real code
and a baseline in the same run, prints the ratio, and exits non-zero when a bound fails.
"""

from __future__ import annotations

import atexit
import os
import platform
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str, **env: str) -> None:
    """Point settings at `database_url` (before Django reads them) and set Django up.

    Runs like production (DEBUG off) so that timings are not inflated by debug
    bookkeeping; HTTPS redirects are off because the test client speaks plain HTTP."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("SECURE_SSL", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if "STATIC_ROOT" not in os.environ:
        # An empty static root: WhiteNoise only warns when the directory is missing.
        static_root = tempfile.mkdtemp(prefix="ekinerja-bench-static-")
        atexit.register(shutil.rmtree, static_root, ignore_errors=True)
        os.environ["STATIC_ROOT"] = static_root
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    # The manifest storage of production needs collectstatic first; {% static %} costs
    # the same dict lookup either way, and no static file is served in a benchmark.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Models that name a storage (execution's evidence FileField) make Django build its
    # storage handler while the apps load, before the override above; the signal that
    # override_settings sends makes the handler read the settings again.
    from django.test.signals import setting_changed

    setting_changed.send(sender=None, setting="STORAGES", value=settings.STORAGES, enter=True)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_ms(fn: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[str(c) for c in r] for r in [headers, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def fmt(r: list[str]) -> str:
        return (
            "| "
            + " | ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
            + " |"
        )

    return "\n".join([line, fmt(cells[0]), line, *(fmt(r) for r in cells[1:]), line])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"
