"""The month-end appraisal of issue 5, as the people who live it, each in a browser of
their own: charlie, on a phone, enters the realisasi of his IKI and sees its capaian;
bob, his penilai, rates his unit from one page, sees the distribution curve fail
against Dinas Alfa's organisation predikat (Baik), fixes one rating and sees it pass;
alice, head of Dinas Alfa, does the penetapan; charlie then downloads both PDFs. Every
step saves a screenshot to e2e/screenshots/.

Data: the test cast (ekinerja/conftest.py) with the approved cascade alice → bob →
charlie, dina for 2026, March 2026 opened for evaluation, Dinas Alfa's organisation
predikat set to Baik, and bob already rated Baik by alice — committed so that the
live server sees it. The curve of Dinas Alfa counts bob, charlie and dina (n = 3):
Baik allows at most 2 Baik and needs at least one Butuh Perbaikan or Kurang.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import PHONE
from e2e.test_skp_workflow import sign_in
from ekinerja.appraisal.domain import ratings
from ekinerja.appraisal.models import Evaluasi, Penetapan, RealisasiIKI
from ekinerja.appraisal.tests.factories import (
    AppraisalWorld,
    appraisal_world,
    set_predikat_organisasi,
    set_rating,
)
from ekinerja.conftest import build_cast

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db: None, live_server: Any) -> AppraisalWorld:
    w = appraisal_world(build_cast())
    set_predikat_organisasi(w, w.cast.dinas, ratings.ORG_BAIK)
    set_rating(w, "bob", ratings.SESUAI, ratings.SESUAI)  # Baik, by alice
    return w


def rate(page: Any, ev: Evaluasi, hk: str, pk: str, *, tanpa_realisasi: bool = False) -> None:
    """Pick both ratings and save the row. A changed select first shows a preview of
    the panel ("Belum tersimpan"); the save then swaps the row and the saved panel. For
    someone who entered no realisasi the row first warns; "Tetap simpan" confirms."""
    row = page.locator(f"#penilaian-row-{ev.pk}")
    row.locator(f"#hk-{ev.pk}").select_option(hk)
    row.locator(f"#pk-{ev.pk}").select_option(pk)
    row.locator(f"#simpan-{ev.pk}").click()
    if tanpa_realisasi:
        expect(page.locator(f"#pesan-{ev.pk}")).to_contain_text("belum mengisi realisasi")
        page.locator(f"#tetap-{ev.pk}").click()
    expect(page.locator(f"#pesan-{ev.pk}")).to_contain_text("Tersimpan")
    expect(page.locator(f"#kurva-slot-{ev.unit_kurva_id}")).not_to_have_attribute(
        "data-pratinjau", "1"
    )
    deadline = time.monotonic() + 15
    while Evaluasi.objects.filter(pk=ev.pk, rating_hasil_kerja=hk, rating_perilaku=pk).count() == 0:
        assert time.monotonic() < deadline, f"the rating of evaluation {ev.pk} was not saved"
        time.sleep(0.1)


def test_realisasi_rating_curve_penetapan_documents(
    world: AppraisalWorld, open_page: Any, shot: Any
) -> None:
    cast = world.cast
    charlie_ev, dina_ev = world.evaluasi("charlie"), world.evaluasi("dina")
    iki = world.iki("charlie")

    # --- charlie enters the realisasi of his IKI on a phone ----------------------------
    staff = open_page(viewport=PHONE)
    sign_in(staff, cast, "charlie")
    staff.goto("/penilaian/saya/")
    staff.get_by_role("link", name="Maret 2026").first.click()
    item = staff.locator(f"#iki-{iki.pk}")
    item.get_by_label("Realisasi").fill("13")
    item.get_by_role("button", name="Simpan").click()
    expect(staff.locator(f"#iki-{iki.pk}")).to_contain_text("108,3%")
    shot(staff, "1-charlie-realisasi")
    assert RealisasiIKI.objects.get(evaluasi=charlie_ev, iki=iki).nilai == 13

    # --- bob rates his unit; the curve fails, he fixes a rating, it passes -------------
    boss = open_page()
    # htmx logged "hx-disabled-elt returned no matches" on every rating (issue 11 §7).
    console: list[str] = []
    boss.on("console", lambda msg: console.append(msg.text))
    sign_in(boss, cast, "bob")
    boss.goto(f"/penilaian/menilai/?periode={world.periode.pk}")
    panel = boss.locator(f"#kurva-panel-{cast.dinas.pk}")
    expect(panel).to_be_visible()
    rate(boss, charlie_ev, ratings.SESUAI, ratings.SESUAI)
    rate(
        boss, dina_ev, ratings.SESUAI, ratings.SESUAI, tanpa_realisasi=True
    )  # dina entered nothing
    # Three Baik in a Baik unit of three: one too many, and nobody Butuh Perbaikan.
    panel = boss.locator(f"#kurva-panel-{cast.dinas.pk}")
    expect(panel).to_have_attribute("data-kurva-ok", "0")
    expect(panel).to_contain_text("kelebihan 1 orang")
    shot(boss, "2-bob-curve-fails")

    # --- alice cannot do the penetapan yet, and is told why ---------------------------
    head = open_page()
    sign_in(head, cast, "alice")
    unit_url = f"/penilaian/unit/{cast.dinas.pk}/{world.periode.pk}/"
    head.goto(unit_url)
    button = head.get_by_role("button", name="Tetapkan predikat unit")
    expect(button).to_be_disabled()
    expect(head.locator("body")).to_contain_text("kelebihan 1 orang")
    shot(head, "3-alice-penetapan-refused")

    rate(boss, dina_ev, ratings.DI_BAWAH, ratings.SESUAI, tanpa_realisasi=True)  # Butuh Perbaikan
    expect(boss.locator(f"#kurva-panel-{cast.dinas.pk}")).to_have_attribute("data-kurva-ok", "1")
    expect(boss.locator(f"#predikat-{dina_ev.pk}")).to_contain_text("Butuh Perbaikan")
    shot(boss, "4-bob-curve-ok")
    assert not [m for m in console if "no matches" in m], console

    # --- alice does the penetapan -------------------------------------------------------
    head.goto(unit_url)
    head.once("dialog", lambda dialog: dialog.accept())  # "Tetapkan dan kunci …?"
    head.get_by_role("button", name="Tetapkan predikat unit").click()
    expect(head.locator("#penetapan")).to_contain_text("3 evaluasi dikunci")
    shot(head, "5-alice-ditetapkan")
    assert Penetapan.objects.filter(unit=cast.dinas, status="ditetapkan").count() == 1
    statuses = set(
        Evaluasi.objects.filter(
            periode_penilaian=world.periode, pegawai__in=[cast.bob, cast.charlie, cast.dina]
        ).values_list("status", flat=True)
    )
    assert statuses == {"ditetapkan"}

    # --- charlie downloads both documents ----------------------------------------------
    staff.goto(f"/penilaian/evaluasi/{charlie_ev.pk}/")
    expect(staff.locator("body")).to_contain_text("Baik")
    shot(staff, "6-charlie-result")
    for name in ("Unduh Evaluasi Kinerja (PDF)", "Unduh Dokumen Evaluasi (PDF)"):
        link = staff.get_by_role("link", name=name)
        response = staff.request.get(link.get_attribute("href"))
        assert response.status == 200, name
        assert response.headers["content-type"] == "application/pdf"
        assert response.body()[:5] == b"%PDF-", name
