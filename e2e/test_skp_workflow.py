"""The SKP workflow as the people who live it (issue 3): charlie drafts his SKP — an RHK
that supports an RHK of his supervisor bob's approved SKP, with one IKI — and submits
it; bob returns it with a reason; charlie reads the reason, fixes the target and
submits again; bob approves it from his queue. Each person has a browser of their own.
Every step saves a screenshot to e2e/screenshots/.

Data: the test cast of ekinerja/conftest.py (alice → bob → charlie), with approved SKP
for alice and bob in 2026, committed so that the live server sees it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import PHONE, SCREENSHOTS
from ekinerja.conftest import PASSWORD, Cast, build_cast
from ekinerja.plans.models import SKP
from ekinerja.plans.tests.factories import approve, make_periode, make_skp

pytestmark = pytest.mark.e2e

BOB_RHK = "Layanan Bidang Satu tepat waktu"
REASON = "Target terlalu rendah: naikkan menjadi 24 dokumen."


@dataclass
class World:
    cast: Cast
    periode: Any


@pytest.fixture
def world(transactional_db: None, live_server: Any) -> World:
    cast = build_cast()
    periode = make_periode(cast, 2026)
    alice = approve(
        cast,
        make_skp(cast, "alice", periode, rhk=[("utama", "Meningkatnya kualitas layanan", None)]),
    )
    approve(cast, make_skp(cast, "bob", periode, rhk=[("utama", BOB_RHK, alice.rhk.get())]))
    return World(cast=cast, periode=periode)


def sign_in(page: Any, cast: Cast, who: str) -> None:
    page.goto("/masuk/")
    page.locator("#id_username").fill(getattr(cast, who).nip)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(lambda url: "/masuk/" not in url)


def open_skp_menu(page: Any, item: str) -> None:
    nav = page.get_by_role("navigation").first
    nav.get_by_role("button", name="SKP", exact=True).or_(
        nav.get_by_role("link", name="SKP", exact=True)
    ).click()
    nav.get_by_role("link", name=item).click()


def field(scope: Any, label: str) -> Any:
    """A form field by its label; required fields' labels end in a (decorative) "*"."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def no_sideways_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def test_draft_return_fix_resubmit_approve(open_page, world, shot):
    cast = world.cast
    charlie = open_page()
    bob = open_page()

    # --- charlie drafts his SKP -----------------------------------------------------------
    sign_in(charlie, cast, "charlie")
    open_skp_menu(charlie, "SKP saya")
    expect(charlie.get_by_role("heading", name="SKP saya", level=1)).to_be_visible()
    expect(charlie.get_by_text("Anda belum mempunyai SKP.")).to_be_visible()
    shot(charlie, "01-skp-saya-kosong")
    charlie.get_by_role("link", name="Buat SKP").first.click()
    expect(charlie.get_by_role("heading", name="Buat SKP", level=1)).to_be_visible()
    who = charlie.locator("section", has=charlie.get_by_role("heading", name="SKP ini dibuat"))
    expect(who).to_contain_text("Bob Santoso")  # pejabat penilai, from the org chart
    expect(who).to_contain_text("Alice Wulandari")  # atasan pejabat penilai
    shot(charlie, "02-buat-skp")
    charlie.get_by_role("button", name="Buat SKP").click()

    expect(charlie.get_by_role("heading", name="SKP Charlie Nugroho", level=1)).to_be_visible()
    expect(charlie.get_by_role("alert").first).to_contain_text("dibuat sebagai draf")
    state = charlie.locator("#skp-state")
    expect(state.get_by_text("Draf", exact=True)).to_be_visible()
    # An empty SKP cannot be submitted yet, and the page says why.
    expect(state.get_by_role("button", name="Ajukan")).to_be_disabled()
    expect(state).to_contain_text("Tambahkan sedikitnya satu RHK utama")
    shot(charlie, "03-skp-baru")

    # An RHK that supports bob's approved RHK, added in place (HTMX).
    charlie.evaluate("window.__sameDocument = true")
    charlie.get_by_role("link", name="+ Tambah RHK").click()
    form = charlie.locator("form#rhk-form-new")
    field(form, "RHK atasan yang diintervensi").select_option(label=f"Utama: {BOB_RHK}")
    field(form, "Rencana hasil kerja").fill("Surat masuk teragenda pada hari yang sama")
    shot(charlie, "04-form-rhk")
    form.get_by_role("button", name="Simpan RHK").click()
    card = charlie.locator("article.rhk-card").first
    expect(card).to_contain_text("Surat masuk teragenda pada hari yang sama")
    expect(card).to_contain_text(f"Mendukung RHK atasan: {BOB_RHK}")

    # Its IKI, with the Indonesian decimal comma.
    card.get_by_role("link", name="+ Tambah IKI").click()
    form = card.locator("form.iki-form")
    field(form, "Aspek").select_option(label="Kuantitas")
    field(form, "Indikator kinerja individu").fill("Jumlah surat masuk yang teragenda")
    expect(field(form, "Target minimum")).to_be_hidden()  # only the fields of an angka
    field(form, "Target").fill("12,5")
    field(form, "Satuan").fill("dokumen")
    shot(charlie, "05-form-iki")
    form.get_by_role("button", name="Simpan IKI").click()
    expect(card.get_by_text("12,5 dokumen")).to_be_visible()
    assert charlie.evaluate("window.__sameDocument === true"), "the editors reloaded the page"
    shot(charlie, "06-rhk-iki")

    charlie.get_by_role("button", name="Ajukan").click()
    expect(charlie.get_by_role("alert").first).to_contain_text("diajukan kepada Bob Santoso")
    expect(charlie.locator("#skp-state").get_by_text("Diajukan", exact=True)).to_be_visible()
    expect(charlie.get_by_role("link", name="+ Tambah RHK")).to_have_count(0)
    shot(charlie, "07-diajukan")
    skp = SKP.objects.get(pegawai=cast.charlie)
    assert skp.status == "diajukan"

    # --- bob returns it with a reason -----------------------------------------------------
    sign_in(bob, cast, "bob")
    open_skp_menu(bob, "Persetujuan SKP")
    expect(bob.get_by_role("heading", name="Persetujuan SKP", level=1)).to_be_visible()
    row = bob.get_by_role("row").filter(has_text="Charlie Nugroho")
    expect(row).to_contain_text("1 RHK · 1 IKI")
    shot(bob, "08-antrean")
    row.get_by_role("link", name="Charlie Nugroho").click()
    expect(bob.get_by_role("heading", name="SKP Charlie Nugroho", level=1)).to_be_visible()
    expect(bob.get_by_text("12,5 dokumen")).to_be_visible()
    expect(bob.get_by_role("link", name="+ Tambah RHK")).to_have_count(0)  # read-only for him
    # The penilai writes an ekspektasi khusus pimpinan, in place.
    bob.get_by_role("link", name="Tulis ekspektasi khusus pimpinan").click()
    perilaku = bob.locator("#perilaku-section")
    field(perilaku, "1. Berorientasi Pelayanan").fill("Surat warga dijawab paling lama 2 hari")
    shot(bob, "08b-form-ekspektasi")
    perilaku.get_by_role("button", name="Simpan ekspektasi").click()
    expect(perilaku.get_by_text("Surat warga dijawab paling lama 2 hari")).to_be_visible()
    expect(perilaku.get_by_role("button", name="Simpan ekspektasi")).to_have_count(0)
    # A return without a reason is refused, with the message where the reason goes.
    bob.get_by_role("button", name="Kembalikan").click()
    expect(bob.get_by_text("Tuliskan alasan pengembalian agar pegawai")).to_be_visible()
    shot(bob, "09-kembalikan-tanpa-alasan")
    field(bob, "Alasan pengembalian").fill(REASON)
    bob.get_by_role("button", name="Kembalikan").click()
    expect(bob.get_by_role("alert").first).to_contain_text("dikembalikan")
    expect(bob.get_by_text("Tidak ada SKP yang menunggu persetujuan Anda.")).to_be_visible()
    shot(bob, "10-dikembalikan")

    # --- charlie reads the reason, fixes and resubmits --------------------------------------
    open_skp_menu(charlie, "SKP saya")
    expect(charlie.get_by_text(REASON)).to_be_visible()
    shot(charlie, "11-skp-saya-dikembalikan")
    charlie.get_by_role("link", name=re.compile("Pengadministrasi Umum")).click()
    alert = charlie.locator("#skp-state").get_by_role("alert")
    expect(alert).to_contain_text("Dikembalikan oleh Bob Santoso")
    expect(alert).to_contain_text(REASON)
    shot(charlie, "12-alasan")
    charlie.get_by_role("link", name="Ubah IKI").click()
    form = charlie.locator("form.iki-form")
    expect(field(form, "Target")).to_have_value("12,5")
    field(form, "Target").fill("24")
    form.get_by_role("button", name="Simpan IKI").click()
    expect(charlie.get_by_text("24 dokumen")).to_be_visible()
    # The first change makes it a draft again; the reason stays in sight.
    expect(charlie.locator("#skp-state").get_by_text("Draf", exact=True)).to_be_visible()
    expect(charlie.locator("#skp-state")).to_contain_text(REASON)
    shot(charlie, "13-diperbaiki")
    charlie.get_by_role("button", name="Ajukan").click()
    expect(charlie.locator("#skp-state").get_by_text("Diajukan", exact=True)).to_be_visible()

    # --- bob approves from the queue ------------------------------------------------------
    open_skp_menu(bob, "Persetujuan SKP")
    row = bob.get_by_role("row").filter(has_text="Charlie Nugroho")
    expect(row).to_contain_text("pernah dikembalikan")
    row.get_by_role("checkbox").check()
    shot(bob, "14-antrean-pilih")
    bob.get_by_role("button", name="Setujui yang dipilih").click()
    expect(bob.get_by_role("alert").first).to_contain_text("1 SKP disetujui")
    shot(bob, "15-disetujui")
    skp.refresh_from_db()
    assert skp.status == "disetujui" and skp.approved_by == cast.bob.user

    charlie.reload()
    expect(charlie.locator("#skp-state").get_by_text("Disetujui", exact=True)).to_be_visible()
    expect(charlie.get_by_role("button", name="Revisi")).to_be_visible()
    shot(charlie, "16-skp-disetujui")

    # The approved SKP downloads as the official PDF, which we render and keep as a PNG.
    with charlie.expect_download() as info:
        charlie.get_by_role("link", name="Unduh PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    pdf = SCREENSHOTS / "skp-disetujui.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(pdf.with_suffix("")),
            ],
            check=True,
        )

    # The same SKP on a phone: everything stacks, nothing scrolls sideways.
    phone = open_page(PHONE)
    sign_in(phone, cast, "charlie")
    phone.goto(f"/skp/{skp.pk}/")
    expect(phone.get_by_role("heading", name="SKP Charlie Nugroho", level=1)).to_be_visible()
    no_sideways_scroll(phone)
    shot(phone, "17-skp-di-ponsel")


def test_admin_opens_a_performance_year_with_a_planning_window(page, world, shot):
    sign_in(page, world.cast, "eko")
    open_skp_menu(page, "Periode kinerja")
    expect(page.get_by_role("heading", name="Periode kinerja", level=1)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="2026")).to_contain_text("tanpa batas waktu")
    page.get_by_role("link", name="Tambah periode").click()
    field(page, "Tahun").fill("2027")
    field(page, "Penilaian periodik").select_option(label="Triwulanan")
    # A window that closes before it opens is refused, with the message by the field.
    field(page, "Perencanaan dibuka").fill("2027-01-31")
    field(page, "Perencanaan ditutup").fill("2027-01-02")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("tidak boleh sebelum tanggal pembukaannya")).to_be_visible()
    shot(page, "periode-salah")
    field(page, "Perencanaan dibuka").fill("2027-01-02")
    field(page, "Perencanaan ditutup").fill("2027-01-31")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Periode kinerja 2027 ditambahkan")
    row = page.get_by_role("row").filter(has_text="2027")
    expect(row).to_contain_text("Triwulanan")
    expect(row).to_contain_text("02-01-2027 – 31-01-2027")
    expect(row).to_contain_text("belum dibuka")
    shot(page, "periode-list")
