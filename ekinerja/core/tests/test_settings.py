"""Production settings: `check --deploy` is clean, a missing SECRET_KEY stops start-up
with a clear message, and passwords are hashed with argon2."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # the directory holding manage.py


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    # Keep the developer's database and secure-cookie overrides out of the way: these
    # tests are about what production gets with the documented variables only.
    for key in ("SECURE_SSL", "SECURE_HSTS_SECONDS", "DJANGO_SETTINGS_MODULE"):
        base.pop(key, None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env() -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.go.id",
    }


def test_check_deploy_passes_without_warnings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **_production_env()
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    result = _run(["manage.py", "check"], DEBUG="0", ALLOWED_HOSTS="example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "set DEBUG=1 for local development" in result.stderr


def test_debug_mode_starts_without_a_secret_key():
    result = _run(["manage.py", "check"], DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_production_hashes_passwords_with_argon2():
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.contrib.auth.hashers import make_password;"
        "print(settings.PASSWORD_HASHERS[0]);"
        "print(make_password('Rahasia-Kinerja-2026').split('$')[0])"
    )
    result = _run(["-c", code], **_production_env())
    assert result.returncode == 0, result.stderr
    first, algorithm = result.stdout.split()
    assert first == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert algorithm == "argon2"


def test_production_session_and_cookie_settings():
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_EXPIRE_AT_BROWSER_CLOSE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_AGE <= 12 * 3600)"
    )
    result = _run(["-c", code], **_production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 6


def test_production_collectstatic_succeeds(tmp_path):
    """`make run` and deployments collect static files with the manifest storage, which
    fails on any reference to a missing file (e.g. a vendored source map)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(SECRET_KEY="k" * 60, DEBUG="0", STATIC_ROOT=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(tmp_path.glob("vendor/bootstrap.min.*.css.gz"))


def test_make_demo_logins_works_without_secret_key_in_the_environment(tmp_path):
    """The README says `make demo-logins`; it must not stop at the missing SECRET_KEY
    (issue 11 §7). On a database that was never set up it says what to do."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'kosong.sqlite3'}"
    # -o: never (re)install the virtualenv from here, whichever Python runs the tests.
    cksum = subprocess.run(
        ["cksum", "pyproject.toml"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()[0]
    stamp = f".venv/.installed-{cksum}"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", stamp, "demo-logins", f"PY={sys.executable}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert "SECRET_KEY is not set" not in output
    assert "Basis data belum disiapkan" in output
