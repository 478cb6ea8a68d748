"""The Content-Security-Policy in a real browser, and the pages issue 11 §7 fixed for a
phone: the menus (penilai items only for people with subordinates, each language in its
own name) and the SKP periods page.

Every walk in e2e/ fails on a CSP violation (conftest.PageProblems listens for
Chromium's "Refused to …" console errors); here the listener itself is checked, and the
pages whose scripts moved out of the templates are used once.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import DESKTOP, PHONE, PageProblems, new_page

pytestmark = pytest.mark.e2e

SIDEWAYS = """() => {
  const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  const boxes = [...document.querySelectorAll('main *')]
    .filter((el) => el.scrollWidth - el.clientWidth > 1
                    && !el.classList.contains('visually-hidden')
                    && getComputedStyle(el).overflowX !== 'visible')
    .map((el) => el.className || el.tagName);
  return {page, boxes};
}"""


def test_the_policy_blocks_an_injected_inline_script_and_the_walks_would_see_it(
    browser, live_server
):
    context, page = new_page(browser, live_server.url, DESKTOP)
    problems = PageProblems()
    problems.attach(page)
    try:
        response = page.goto("/masuk/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # What an XSS would do: add a script element with code in it.
        page.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.injected = true;';
                       document.body.appendChild(s); }"""
        )
        assert page.evaluate("window.injected === undefined")
        page.wait_for_timeout(300)  # the console message arrives asynchronously
        assert any(e.startswith("CSP: ") for e in problems.js_errors), problems
    finally:
        context.close()


def test_api_docs_render_under_their_policy(page):
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("e-Kinerja API")
    page.wait_for_load_state("networkidle")
    # The page fixture fails the test on any CSP violation or script error.


def test_language_menu_names_each_language_and_switches(page, demo, login):
    login(page, "staff")
    lang = page.locator("#lang")
    expect(lang.locator("option")).to_have_text(["Bahasa Indonesia", "English"])
    lang.select_option("en")  # data-autosubmit (static/js/ekinerja.js), no inline handler
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(lang.locator("option")).to_have_text(["Bahasa Indonesia", "English"])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_menus_show_penilai_items_only_with_subordinates(open_page, demo, login, shot, viewport):
    for role, has_subordinates in (("kabid", True), ("admin", False)):
        page = open_page(viewport)
        login(page, role)
        if viewport is PHONE:
            page.get_by_role("button", name="Menu").click()
            expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))  # opened
        page.get_by_role("navigation").get_by_role("button", name="Penilaian").click()
        menu = page.get_by_role("navigation")
        expect(menu.get_by_role("link", name="Evaluasi kinerja saya")).to_be_visible()
        shot(page, f"nav-{role}")
        expect(menu.get_by_role("link", name="Menilai bawahan")).to_have_count(
            1 if has_subordinates else 0
        )
        # In the closed "Kinerja harian" menu: counted in the page, not on screen.
        expect(page.locator('nav a[href="/kinerja/verifikasi/"]')).to_have_count(
            1 if has_subordinates else 0
        )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_skp_periods_page_fits_the_screen(open_page, demo, login, shot, viewport):
    page = open_page(viewport)
    login(page, "admin")
    page.goto("/skp/periode/")
    expect(page.get_by_role("heading", name="Periode kinerja", level=1)).to_be_visible()
    shot(page, "periode")
    found = page.evaluate(SIDEWAYS)
    assert found["page"] <= 0, f"the page scrolls sideways by {found['page']}px"
    assert found["boxes"] == [], f"parts of the page scroll sideways: {found['boxes']}"
    expect(page.get_by_role("link", name="Ubah").first).to_be_in_viewport()
