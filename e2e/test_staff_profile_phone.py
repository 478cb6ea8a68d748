"""A staff member's profile on a phone: the position history (riwayat jabatan) is read
without sideways scrolling (issue 11 §7: it overflowed a 390 px screen)."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import expect

from e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

# Elements inside the section that are wider than their box (a table that scrolls
# sideways, a cell cut off), and anything that reaches past the screen's right edge.
OVERFLOW_JS = """(section) => {
  const out = [];
  for (const el of [section, ...section.querySelectorAll('*')]) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
      out.push(`${el.tagName}.${el.className} scrolls ${el.scrollWidth - el.clientWidth}px`);
    if (r.right > window.innerWidth + 1)
      out.push(`${el.tagName}.${el.className} ends at ${Math.round(r.right)}px`);
  }
  return out;
}"""


def test_riwayat_jabatan_fits_a_phone(open_page, demo, login, shot):
    from ekinerja.org.models import Pegawai

    # The person with the longest history: a definitive position and an acting one.
    person = (
        Pegawai.objects.filter(instansi=demo.instansi, riwayat_jabatan__jenis="plt")
        .annotate(n=Count("riwayat_jabatan"))
        .order_by("-n", "pk")
        .first()
    )
    assert person is not None
    for viewport, who in ((PHONE, "admin"), ({"width": 1280, "height": 900}, "admin")):
        page = open_page(viewport)
        login(page, who)
        page.goto(reverse("org:pegawai-detail", args=[person.pk]))
        heading = page.get_by_role("heading", name="Riwayat jabatan")
        expect(heading).to_be_visible()
        section = page.locator("section", has=heading)
        rows = section.get_by_role("listitem")
        expect(rows.first).to_be_visible()
        assert rows.count() == person.riwayat_jabatan.count()
        # Every row says which position, its kind, its dates and its SK, all on screen.
        first = rows.first
        expect(first.get_by_text("TMT", exact=False)).to_be_visible()
        expect(first.get_by_text("SK", exact=False)).to_be_visible()
        expect(section.get_by_role("link", name="Akhiri").first).to_be_visible()
        problems = section.evaluate(OVERFLOW_JS)
        assert not problems, problems
        shot(page, f"riwayat-{viewport['width']}")
