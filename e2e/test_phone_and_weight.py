"""The staff list on a phone, and how many bytes a page view costs.

Many users open e-Kinerja on a phone over a mobile connection, so the staff list must
fit a 390 px wide screen without sideways scrolling of the page, and a page view must
stay light (budget: 300 KB transferred, cold cache).
"""

from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import PHONE, SCREENSHOTS

pytestmark = pytest.mark.e2e

BUDGET = 300 * 1024


def test_staff_list_on_a_phone(open_page, demo, login, shot):
    page = open_page(PHONE)
    staff = demo.pegawai("staff")
    login(page, "kabid")

    # The menu collapses behind the toggler and opens on tap.
    toggler = page.get_by_role("button", name="Menu")
    expect(toggler).to_be_visible()
    toggler.click()
    page.get_by_role("navigation").get_by_role("link", name="Pegawai").click()
    expect(page.get_by_role("heading", name="Pegawai", level=1)).to_be_visible()
    results = page.locator("#pegawai-results")
    expect(results.get_by_role("row").nth(1)).to_be_visible()
    shot(page, "pegawai-list")

    # Wide tables scroll inside their own box; the page itself never scrolls sideways.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
    # Text inputs are large enough to tap (Apple HIG / Material: ≥ 36-44 px).
    box = page.get_by_label("Cari nama atau NIP").bounding_box()
    assert box is not None and box["height"] >= 36 and box["width"] >= 300

    page.get_by_label("Cari nama atau NIP").press_sequentially(staff.nama, delay=20)
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(results.get_by_role("link", name=staff.nama_lengkap)).to_be_visible()
    shot(page, "pegawai-search")

    page.wait_for_load_state("networkidle")  # the last keystroke's swap has landed
    results.get_by_role("link", name=staff.nama_lengkap).click()
    expect(page.get_by_role("heading", name=staff.nama_lengkap, level=1)).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the profile scrolls sideways by {overflow}px on a phone"
    shot(page, "pegawai-detail")


def test_staff_list_page_weight(open_page, demo, login, shot):
    """Bytes of one cold-cache view of the staff list (HTML + CSS + JS + icon).

    The test server sends everything uncompressed; production sends it gzipped
    (nginx `gzip on`, whitenoise's pre-compressed .gz files), so the budget is checked
    against the gzip size of each response, and the uncompressed total is written out
    next to the screenshots for the record (e2e/screenshots/page-weight.txt).
    """
    first = open_page()
    login(first, "admin")
    # A second browser context with the same session but an empty cache: what a user
    # pays the first time they open the page.
    page = open_page()
    page.context.add_cookies(first.context.cookies())
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto("/org/pegawai/", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Pegawai", level=1)).to_be_visible()

    rows = []
    for r in responses:
        body = r.body() if r.status < 300 else b""
        sizes = r.request.sizes()
        rows.append(
            (
                r.url.split("?")[0].removeprefix(page.url.split("/org/")[0]),
                r.status,
                len(body),
                len(gzip.compress(body, compresslevel=6)),
                sizes["responseHeadersSize"],
            )
        )
    raw = sum(b + h for _, _, b, _, h in rows)
    zipped = sum(z + h for _, _, _, z, h in rows)
    lines = [f"{'bytes':>8} {'gzip':>8}  status url"]
    lines += [f"{b:>8} {z:>8}  {s} {u}" for u, s, b, z, _ in rows]
    lines.append(f"{raw:>8} {zipped:>8}  total incl. headers (budget {BUDGET})")
    report = "\n".join(lines)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "page-weight.txt").write_text(report + "\n")
    print(report)

    assert all(s < 400 for _, s, _, _, _ in rows), report
    html = next(b for u, s, b, _, _ in rows if u.startswith("/org/pegawai/"))
    assert html < 150 * 1024, f"the staff list HTML alone is {html} bytes\n{report}"
    assert zipped < BUDGET, f"a page view transfers {zipped} bytes (gzip)\n{report}"
