"""A new employee's first day (issue 11 §2): the Admin Instansi imports them, issues an
activation code from their staff page and reads it off the screen (and downloads the
letter); the employee, on a phone, opens the activation page, types NIP and code, sets
a password, and is logged in; later they log in with that password as anyone does.
Every step saves a screenshot to e2e/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import PHONE
from ekinerja.core.models import ActivationCode, AuditEvent
from ekinerja.org.models import Pegawai

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Wulan-Kinerja-Pertama-2026"


def _free_nip(instansi) -> str:
    """A valid NIP (born 20-03-1995, CPNS 01-2021, female) not used in the demo data."""
    prefix = "199503202021012"
    taken = set(
        Pegawai.objects.filter(instansi=instansi, nip__startswith=prefix).values_list(
            "nip", flat=True
        )
    )
    return next(f"{prefix}{n:03d}" for n in range(901, 1000) if f"{prefix}{n:03d}" not in taken)


def _no_sideways_scroll(page, what: str) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px on a phone"


def test_admin_imports_and_activates_a_new_employee_who_then_logs_in(
    page, open_page, demo, login, shot, tmp_path
):
    staff = demo.pegawai("staff")
    nip = _free_nip(demo.instansi)
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    data = tmp_path / "pegawai-baru.csv"
    data.write_text(
        "nip,nama,jenis_kelamin,status,golongan,kode_jabatan,tmt_jabatan\n"
        f"{spaced},Wulan Aktivasi,P,PNS,III/a,{staff.jabatan.kode},02-01-2025\n",
        encoding="utf-8",
    )

    # --- the admin imports the new employee through the import pages ----------------
    login(page, "admin")
    page.get_by_role("navigation").first.get_by_role("link", name="Impor").click()
    page.get_by_label("Pegawai", exact=True).check()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(data))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_role("heading", name=re.compile("Pratinjau impor"), level=1)).to_be_visible()
    page.get_by_role("button", name=re.compile(r"Terapkan \(1 baru")).click()
    expect(page.get_by_text("1 baru, 0 diubah")).to_be_visible()
    # The import says what comes next: new logins have no password yet.
    expect(page.get_by_text("1 pegawai baru belum dapat masuk")).to_be_visible()
    shot(page, "impor-diterapkan")
    wulan = Pegawai.objects.select_related("user").get(instansi=demo.instansi, nip=nip)
    assert wulan.user is not None and not wulan.user.has_usable_password()

    # --- her staff page says the account has never been activated --------------------
    page.goto(f"/org/pegawai/{wulan.pk}/")
    card = page.locator("section", has=page.get_by_role("heading", name="Akun e-Kinerja"))
    expect(card.get_by_text("Belum pernah diterbitkan")).to_be_visible()
    shot(page, "pegawai-belum-aktif")
    card.get_by_role("link", name="Aktivasi akun").click()
    expect(page.get_by_role("heading", name="Terbitkan kode aktivasi", level=1)).to_be_visible()
    # No email in the HR data: the letter is the way, and that is normal.
    expect(page.get_by_text("tidak ada — kode dicetak sebagai surat")).to_be_visible()
    shot(page, "aktivasi-pegawai")
    page.get_by_role("button", name="Terbitkan kode").click()

    # --- the code, shown once; the letter as PDF -------------------------------------
    expect(page.get_by_role("heading", name="Kode aktivasi diterbitkan", level=1)).to_be_visible()
    expect(page.get_by_text("hanya ditampilkan sekali")).to_be_visible()
    code = page.locator(".activation-code").first.inner_text().strip()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}", code), code
    shot(page, "kode-diterbitkan")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Unduh surat aktivasi")).click()
    letter = tmp_path / "surat.pdf"
    download.value.save_as(letter)
    assert letter.read_bytes().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="auth.activation_issue").count() == 1

    # --- the employee, on her phone, activates the account ---------------------------
    phone = open_page(PHONE)
    phone.goto("/masuk/")
    phone.get_by_role("link", name=re.compile("Aktifkan akun")).click()
    expect(phone.get_by_role("heading", name="Aktivasi akun", level=1)).to_be_visible()
    _no_sideways_scroll(phone, "the activation page")
    shot(phone, "aktivasi-ponsel")
    phone.get_by_label("NIP", exact=True).fill(spaced)
    phone.get_by_label("Kode aktivasi").fill(code.lower())  # as typed from paper
    phone.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    phone.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    shot(phone, "aktivasi-ponsel-terisi")
    phone.get_by_role("button", name="Aktifkan dan masuk").click()
    expect(phone.get_by_role("alert").first).to_contain_text("Akun Anda sudah aktif")
    expect(phone.get_by_role("heading", name="Beranda", level=1)).to_be_visible()
    _no_sideways_scroll(phone, "the home page after activation")
    shot(phone, "aktivasi-ponsel-berhasil")
    assert ActivationCode.objects.get(user=wulan.user).used_at is not None

    # --- a wrong code on the phone is refused without saying whether she exists ------
    other = open_page(PHONE)
    other.goto("/akun/aktivasi/")
    other.get_by_label("NIP", exact=True).fill(spaced)
    other.get_by_label("Kode aktivasi").fill(code)  # already used
    other.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    other.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    other.get_by_role("button", name="Aktifkan dan masuk").click()
    expect(other.get_by_role("alert")).to_contain_text("NIP atau kode aktivasi tidak cocok")
    _no_sideways_scroll(other, "the activation page with an error")
    shot(other, "aktivasi-ponsel-kode-salah")

    # --- later, she logs in with her own password like everyone else -----------------
    desk = open_page()
    desk.goto("/masuk/")
    desk.locator("#id_username").fill(nip)
    desk.locator("#id_password").fill(NEW_PASSWORD)
    desk.get_by_role("button", name="Masuk", exact=True).click()
    expect(desk.get_by_role("heading", name="Beranda", level=1)).to_be_visible()
    shot(desk, "masuk-dengan-sandi-baru")

    # --- the admin's list shows her account as active --------------------------------
    page.goto("/org/aktivasi/?q=Wulan")
    row = page.locator("#aktivasi-results li", has_text="Wulan Aktivasi")
    expect(row.get_by_text("Akun aktif")).to_be_visible()
    shot(page, "daftar-aktivasi")


def test_activation_pages_on_a_phone(open_page, demo, login, shot):
    """The admin's issuing list and the lock page fit a phone; the admin sees a staff
    member slowed down by failed logins and lifts the lock."""
    staff = demo.account("staff")
    guesser = open_page()
    for _ in range(5):
        guesser.goto("/masuk/")
        guesser.locator("#id_username").fill(staff["username"])
        guesser.locator("#id_password").fill("tebakan-salah")
        guesser.get_by_role("button", name="Masuk", exact=True).click()
    expect(guesser.get_by_role("alert")).to_contain_text("Terlalu banyak percobaan")

    page = open_page(PHONE)
    login(page, "admin")
    page.goto("/org/aktivasi/")
    expect(page.get_by_role("heading", name="Aktivasi akun pegawai", level=1)).to_be_visible()
    _no_sideways_scroll(page, "the issuing list")
    shot(page, "daftar-aktivasi-ponsel", full_page=False)
    page.get_by_role("link", name="Kunci masuk").click()
    expect(page.get_by_role("heading", name="Kunci masuk", level=1)).to_be_visible()
    locked = page.locator("li", has_text=staff["username"])
    expect(locked.get_by_text("5 kali gagal", exact=False)).to_be_visible()
    _no_sideways_scroll(page, "the lock page")
    shot(page, "kunci-masuk-ponsel")
    locked.get_by_role("button", name="Buka kunci akun").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kunci masuk untuk")
    expect(page.get_by_text("Tidak ada akun yang sedang dikunci.")).to_be_visible()
    shot(page, "kunci-dibuka-ponsel")
