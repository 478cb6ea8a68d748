"""Browser tests: Playwright (sync API) driving Debian's /usr/bin/chromium against
pytest-django's live server.

Never run `playwright install`: the browser is the distribution's chromium
(`apt-get install chromium`), which `.ci/run` installs. Without it every test in this
directory is skipped with a reason saying so.

Fixtures:
  browser   one headless chromium per test module (and xdist worker)
  page      a fresh browser context + page per test (1280×900), failing the test on a
            JavaScript error or a missing static file
  demo      the demo regency from `seed_demo --pegawai 200 --seed 1`, with its logins
  login     login(page, "staff") signs in through the real form
  shot      shot(page, "step") saves e2e/screenshots/<test>-<step>.png (git-ignored)
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Generous for a loaded CI machine; a healthy page answers in well under a second.
TIMEOUT_MS = 15_000
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in e2e/ as `e2e`; skip them all, saying why, without chromium."""
    skip = None
    if not os.access(CHROMIUM, os.X_OK):
        skip = pytest.mark.skip(
            reason=(
                f"browser tests need Debian's chromium at {CHROMIUM} "
                "(apt-get install chromium); it is not installed"
            )
        )
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if skip is not None:
                item.add_marker(skip)


# --- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium per test module.

    Playwright's sync API keeps an asyncio loop running in this thread while it is
    started; Django then refuses ORM calls made by fixtures and tests here ("You cannot
    call this from an async context"). Our test code is plain synchronous code, so the
    check is moot — but only while Playwright runs: module scope stops Playwright and
    restores the environment before pytest(-xdist) moves on to other tests in the same
    process (a leaked DJANGO_ALLOW_ASYNC_UNSAFE fails `check --deploy`, async.E001).
    """
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
    finally:
        pw.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class PageProblems:
    """What the user would see as broken: script errors, what the Content-Security-
    Policy blocked, and failed asset loads."""

    js_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> None:
        page.on("pageerror", lambda exc: self.js_errors.append(str(exc)))
        page.on("console", self._on_console)
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_failed)

    def _on_console(self, message: Any) -> None:
        # Chromium reports what the Content-Security-Policy blocked (an inline script or
        # style, eval, a file from elsewhere) as console errors: "Refused to …", or
        # "… violates the following Content Security Policy directive …".
        text = message.text
        if "Refused to" in text or "Content Security Policy" in text:
            self.js_errors.append(f"CSP: {text}")

    def _on_response(self, response: Any) -> None:
        # 403/404 pages are part of what we test; a missing CSS or script never is.
        if "/static/" in response.url and response.status >= 400:
            self.failed.append(f"{response.url} → {response.status}")

    def _on_failed(self, request: Any) -> None:
        # A request the browser itself cancels (net::ERR_ABORTED) is not a failed load:
        # HTMX drops a search superseded by the next keystroke, and Chromium drops the
        # favicon it fetches lazily when the page moves on or the test closes it. A file
        # that is missing still fails (_on_response: 404), and one that cannot be
        # fetched fails here with its own error (refused, reset, timed out…).
        if "/static/" in request.url and "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.url} ({request.failure})")


def new_page(browser: Any, base_url: str, viewport: dict[str, int]) -> tuple[Any, Any]:
    from playwright.sync_api import expect

    context = browser.new_context(
        base_url=base_url, viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    return context, page


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context, pg = new_page(browser, live_server.url, DESKTOP)
    problems = PageProblems()
    problems.attach(pg)
    pg.problems = problems
    yield pg
    context.close()
    assert not problems.js_errors, f"JavaScript errors in the browser: {problems.js_errors}"
    assert not problems.failed, f"Static files failed to load: {problems.failed}"


@pytest.fixture
def open_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """open_page(viewport=PHONE) → another, independent page (own cookies and cache)."""
    contexts: list[Any] = []
    problems = PageProblems()

    def _open(viewport: dict[str, int] | None = None) -> Any:
        context, pg = new_page(browser, live_server.url, viewport or DESKTOP)
        contexts.append(context)
        problems.attach(pg)
        pg.problems = problems
        return pg

    yield _open
    for c in contexts:
        c.close()
    assert not problems.js_errors, f"JavaScript errors in the browser: {problems.js_errors}"
    assert not problems.failed, f"Static files failed to load: {problems.failed}"


# --- screenshots ------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:80]


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """shot(page, "step") → e2e/screenshots/<test>-<step>.png (full page)."""
    test = _slug(request.node.name.removeprefix("test_"))

    def _shot(pg: Any, step: str, *, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{test}-{_slug(step)}.png"
        pg.screenshot(path=str(path), full_page=full_page)
        return path

    return _shot


# --- data and logging in ----------------------------------------------------------------


@dataclass
class Demo:
    instansi: Any
    accounts: dict[str, dict[str, Any]]

    def account(self, role: str) -> dict[str, Any]:
        return self.accounts[role]

    def pegawai(self, role: str) -> Any:
        from ekinerja.org.models import Pegawai

        return Pegawai.objects.select_related("user", "jabatan", "unit", "atasan").get(
            instansi=self.instansi, user__username=self.accounts[role]["username"]
        )


@pytest.fixture
def demo(transactional_db: None, live_server: Any) -> Demo:
    """The demo regency, committed so that the live server sees it. 200 staff keep the
    pages realistic (pagination, a deep unit tree) and the seeding quick."""
    from django.core.management import call_command

    from ekinerja.org.seeding import demo as org_demo
    from ekinerja.org.seeding import logins as org_logins

    call_command("seed_demo", pegawai=200, seed=1, stdout=io.StringIO())
    instansi = org_demo.demo_instansi()
    assert instansi is not None
    accounts = {a["role"]: a for a in org_logins.demo_accounts(instansi)}
    for role in ("admin", "kabid", "staff"):
        assert role in accounts, f"demo_accounts() has no {role!r} login: {sorted(accounts)}"
    return Demo(instansi=instansi, accounts=accounts)


def login_as(pg: Any, demo: Demo, role: str, *, username: str | None = None) -> dict[str, Any]:
    """Sign in through the login form, as a person would; lands on the dashboard."""
    acc = demo.account(role)
    pg.goto("/masuk/")
    pg.locator("#id_username").fill(username or acc["username"])
    pg.locator("#id_password").fill(acc["password"])
    pg.get_by_role("button", name="Masuk", exact=True).click()
    pg.wait_for_url(lambda url: "/masuk/" not in url)
    return acc


@pytest.fixture
def login(demo: Demo) -> Callable[..., dict[str, Any]]:
    def _login(pg: Any, role: str, *, username: str | None = None) -> dict[str, Any]:
        return login_as(pg, demo, role, username=username)

    return _login
