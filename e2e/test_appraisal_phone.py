"""The appraisal pages on a 390 px phone and on a desktop (issue 11 §6, §7): "Evaluasi
kinerja saya" shows each evaluation's status and predikat without sideways scrolling
(it hid them behind it), and the penilai's list, the unit page with its distribution
panel and the period page (with a period being prepared) fit the phone. Every page is
saved as a screenshot at both sizes (e2e/screenshots/)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import DESKTOP, PHONE
from e2e.test_skp_workflow import sign_in
from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import PeriodePenilaian
from ekinerja.appraisal.services.tahunan import annual_prefill
from ekinerja.appraisal.tests.factories import (
    AppraisalWorld,
    appraisal_world,
    open_periode,
    set_predikat_organisasi,
    set_rating,
    set_realisasi,
)
from ekinerja.conftest import build_cast

pytestmark = pytest.mark.e2e

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def world(transactional_db: None, live_server: Any) -> AppraisalWorld:
    w = appraisal_world(build_cast())
    set_predikat_organisasi(w, w.cast.dinas, ratings.ORG_BAIK)
    set_realisasi(w, "charlie", "13")
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    open_periode(w.cast, w.cascade, nomor=4)
    tahunan = open_periode(w.cast, w.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    annual_prefill(periode=tahunan)  # charlie's year: prefilled from March
    # May is being opened: its evaluations are still being made.
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_BULANAN, 5, 2026)
    PeriodePenilaian.objects.create(
        instansi=w.cast.a, periode=w.cascade.periode, jenis=evaluation.JENIS_BULANAN, nomor=5,
        tanggal_mulai=mulai, tanggal_selesai=selesai, status="disiapkan",
        persiapan_total=1400, persiapan_selesai=600, persiapan_at=timezone.now(),
    )  # fmt: skip
    return w


def _fits(page: Any, what: str) -> None:
    overflow = page.evaluate(SIDEWAYS)
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"


def test_my_evaluations_on_a_phone_show_status_and_predikat(
    world: AppraisalWorld, open_page: Any, shot: Any
) -> None:
    page = open_page(viewport=PHONE)
    sign_in(page, world.cast, "charlie")
    page.goto("/penilaian/saya/")
    _fits(page, "Evaluasi kinerja saya")
    march = page.locator("tr.ev-row").filter(
        has=page.locator("td.ev-periode", has_text="Maret 2026")
    )
    for cell in (".ev-status", ".ev-predikat"):
        box = march.locator(cell).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        expect(march.locator(cell)).to_be_visible()
    expect(march.locator(".ev-status")).to_contain_text("Dinilai")
    expect(march.locator(".ev-predikat")).to_contain_text("Baik")
    year = page.locator("tr.ev-row").filter(
        has=page.locator("td.ev-periode", has_text="Tahunan 2026")
    )
    expect(year.locator(".ev-status")).to_contain_text("Diisi awal dari Maret 2026")
    expect(year.locator(".ev-predikat")).to_contain_text("usulan")
    shot(page, "evaluasi-saya-phone")
    desktop = open_page(viewport=DESKTOP)
    sign_in(desktop, world.cast, "charlie")
    desktop.goto("/penilaian/saya/")
    expect(desktop.locator("thead")).to_be_visible()
    shot(desktop, "evaluasi-saya-desktop")


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_penilai_unit_and_period_pages_fit(
    world: AppraisalWorld, open_page: Any, shot: Any, viewport: dict, size: str
) -> None:
    cast = world.cast
    boss = open_page(viewport=viewport)
    sign_in(boss, cast, "bob")
    boss.goto(f"/penilaian/menilai/?periode={world.periode.pk}")
    expect(boss.locator(f"#kurva-panel-{cast.dinas.pk}")).to_contain_text("Belum dinilai")
    _fits(boss, "the penilai's list")
    shot(boss, f"penilaian-list-{size}")
    dina = world.evaluasi("dina")
    boss.locator(f"#hk-{dina.pk}").select_option(ratings.SESUAI)
    boss.locator(f"#pk-{dina.pk}").select_option(ratings.SESUAI)
    boss.locator(f"#simpan-{dina.pk}").click()
    expect(boss.locator(f"#tetap-{dina.pk}")).to_be_visible()
    _fits(boss, "the no-realisasi warning")
    shot(boss, f"penilaian-tanpa-realisasi-{size}")

    head = open_page(viewport=viewport)
    sign_in(head, cast, "alice")
    head.goto(f"/penilaian/unit/{cast.dinas.pk}/{world.periode.pk}/")
    expect(head.locator(f"#kurva-panel-{cast.dinas.pk}")).to_contain_text("Di luar kurva")
    _fits(head, "the unit page")
    shot(head, f"unit-{size}")

    admin = open_page(viewport=viewport)
    sign_in(admin, cast, "eko")
    admin.goto("/penilaian/periode/")
    expect(admin.locator("body")).to_contain_text("600 dari 1400 evaluasi dibuat")
    _fits(admin, "the period page")
    shot(admin, f"periode-{size}")


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_questions_before_saving(
    world: AppraisalWorld, open_page: Any, shot: Any, viewport: dict, size: str
) -> None:
    """A doubtful realisasi is read back before it is saved; a penilai rating someone
    without realisasi on the full form is warned first."""
    cast = world.cast
    april = PeriodePenilaian.objects.get(nomor=4)
    ev = april.evaluasi.get(pegawai=cast.charlie)
    iki = world.iki("charlie")
    staff = open_page(viewport=viewport)
    sign_in(staff, cast, "charlie")
    staff.goto(f"/penilaian/evaluasi/{ev.pk}/")
    item = staff.locator(f"#iki-{iki.pk}")
    item.get_by_label("Realisasi").fill("65.722")
    item.get_by_role("button", name="Simpan").first.click()
    expect(item).to_contain_text("enam puluh lima ribu tujuh ratus dua puluh dua")
    _fits(staff, "the realisasi confirmation")
    shot(staff, f"realisasi-konfirmasi-{size}")
    staff.locator(f"#iki-{iki.pk}").get_by_role("button", name="Ya, 65.722 benar").click()
    expect(staff.locator(f"#iki-{iki.pk}")).to_contain_text("Realisasi disimpan.")

    boss = open_page(viewport=viewport)
    sign_in(boss, cast, "bob")
    boss.goto(f"/penilaian/evaluasi/{world.evaluasi('dina').pk}/nilai/")
    expect(boss.locator("#tanpa-realisasi")).to_be_visible()
    _fits(boss, "the full rating form")
    shot(boss, f"penilaian-form-tanpa-realisasi-{size}")
