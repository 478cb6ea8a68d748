"""A real user's path through the organisation pages, one test per kind of user:
a staff member, a supervisor (Kepala Bidang) and the Admin Instansi, on the demo regency
(`seed_demo --pegawai 200 --seed 1`). Every step saves a screenshot to e2e/screenshots/.

Selectors use visible text and roles, as a person reads the page; ids only where the
brief fixes them (the login form) or a field has no visible label of its own.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ekinerja.core.nip import normalize_nip
from ekinerja.org.models import Pegawai

pytestmark = pytest.mark.e2e

SAMPLE_CSV = "ekinerja/org/samples/pegawai.csv"


def nav(page):
    return page.get_by_role("navigation").first


def field(page, label: str):
    """A form field by its label; required fields' labels end in a (decorative) "*"."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def spaced_nip(nip: str) -> str:
    """19920121202008 1 001 → '19920121 202008 1 001', the way NIPs are printed."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def test_wrong_password_is_refused_in_indonesian(page, demo, shot):
    acc = demo.account("staff")
    page.goto("/org/pegawai/")
    # Anonymous visitors are sent to the login page, not shown an error.
    expect(page).to_have_url(re.compile(r"/masuk/\?next="))
    page.locator("#id_username").fill(acc["username"])
    page.locator("#id_password").fill("salah-sandi")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/masuk/"))
    shot(page, "login-failed")


def test_staff_member_sees_own_profile_but_not_the_staff_list(page, demo, login, shot):
    me = demo.pegawai("staff")
    # The login page tells people spaces in the NIP are fine; prove it.
    login(page, "staff", username=spaced_nip(me.nip))
    expect(page.get_by_role("heading", name="Beranda", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=me.nama_lengkap)).to_be_visible()
    expect(page.get_by_text(me.atasan.nama_lengkap)).to_be_visible()
    # Admin-only menu items are not offered to staff.
    expect(nav(page).get_by_role("link", name="Impor")).to_have_count(0)
    expect(nav(page).get_by_role("link", name="Jejak audit")).to_have_count(0)
    shot(page, "beranda")

    nav(page).get_by_role("link", name="Unit kerja").click()
    expect(page.get_by_role("heading", name="Unit kerja", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Tambah unit")).to_have_count(0)
    shot(page, "unit-tree")
    # Searching opens the branch down to one's own unit.
    page.get_by_label("Cari unit").fill(me.unit.nama)
    expect(page.locator("#unit-tree").get_by_role("link", name=me.unit.nama)).to_be_visible()
    shot(page, "unit-tree-search")

    nav(page).get_by_role("link", name="Jabatan").click()
    expect(page.get_by_role("heading", name="Jabatan", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Tambah jabatan")).to_have_count(0)
    expect(page.get_by_role("link", name="Tambah jabatan")).to_have_count(0)
    shot(page, "jabatan-list")

    # Own profile: position history and the supervisor chain.
    page.goto("/org/")
    page.get_by_role("link", name=me.nama_lengkap).click()
    expect(page.get_by_role("heading", name=me.nama_lengkap, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Riwayat jabatan")).to_be_visible()
    current = (
        page.get_by_role("listitem").filter(has_text=me.jabatan.nama).filter(has_text="sekarang")
    )
    expect(current).to_contain_text(me.unit.nama)
    chain = page.locator("section", has=page.get_by_role("heading", name="Rantai atasan"))
    expect(chain.get_by_text(me.atasan.nama_lengkap)).to_be_visible()
    expect(chain.get_by_text("atasan langsung")).to_be_visible()
    # No admin buttons on one's own profile.
    expect(page.get_by_role("link", name="Ganti pejabat penilai")).to_have_count(0)
    shot(page, "profil")

    # The staff list is for supervisors and admins: a clear Indonesian 403, not a crash.
    response = page.goto("/org/pegawai/")
    assert response is not None and response.status == 403
    expect(page.get_by_text("Daftar pegawai hanya untuk")).to_be_visible()
    expect(page.get_by_role("link", name="Kembali ke beranda")).to_be_visible()
    shot(page, "pegawai-list-403")


def test_supervisor_searches_the_team_and_opens_a_profile(page, demo, login, shot):
    kabid = demo.pegawai("kabid")
    staff = demo.pegawai("staff")  # two levels below the Kepala Bidang
    login(page, "kabid")
    expect(page.get_by_role("heading", name="Beranda", level=1)).to_be_visible()
    n_bawahan = Pegawai.objects.filter(atasan=kabid, aktif=True).count()
    assert n_bawahan > 0
    expect(page.get_by_text("bawahan langsung", exact=True)).to_be_visible()
    shot(page, "beranda")

    nav(page).get_by_role("link", name="Pegawai").click()
    expect(page.get_by_role("heading", name="Pegawai", level=1)).to_be_visible()
    results = page.locator("#pegawai-results")
    expect(results.get_by_role("row").nth(1)).to_be_visible()
    shot(page, "pegawai-list")

    # Typing a name narrows the list in place (HTMX), without reloading the page.
    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Cari nama atau NIP").press_sequentially(staff.nama, delay=20)
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(results.get_by_role("link", name=staff.nama_lengkap)).to_be_visible()
    expect(results.get_by_text(re.compile(r"^\d+ pegawai"))).to_have_text(
        re.compile(r"^[1-9]\d? pegawai")
    )
    assert page.evaluate("window.__sameDocument === true"), "the search reloaded the page"
    shot(page, "pegawai-search")

    # A search that matches nobody says so.
    page.get_by_label("Cari nama atau NIP").fill("zzz-tidak-ada")
    expect(results.get_by_text("Tidak ada pegawai yang cocok")).to_be_visible()
    page.get_by_label("Cari nama atau NIP").fill(staff.nama)
    results.get_by_role("link", name=staff.nama_lengkap).click()

    # The profile shows position history and the chain up to the Kepala Bidang.
    expect(page.get_by_role("heading", name=staff.nama_lengkap, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Riwayat jabatan")).to_be_visible()
    chain = page.locator("section", has=page.get_by_role("heading", name="Rantai atasan"))
    expect(chain.get_by_role("listitem").first).to_contain_text(staff.atasan.nama_lengkap)
    expect(chain.get_by_text(kabid.nama_lengkap)).to_be_visible()
    expect(page.get_by_role("link", name="Ubah data")).to_have_count(0)
    shot(page, "pegawai-detail")


def _free_nip(instansi) -> str:
    """A valid NIP (born 15-06-1994, CPNS 01-2020, female) not used in the demo data."""
    taken = set(
        Pegawai.objects.filter(instansi=instansi, nip__startswith="199406152020012").values_list(
            "nip", flat=True
        )
    )
    for seq in range(901, 1000):
        nip = f"199406152020012{seq:03d}"
        if nip not in taken:
            return nip
    raise AssertionError("no free NIP for the test")


def test_admin_manages_staff_imports_and_reads_the_audit_trail(page, demo, login, shot):
    login(page, "admin")
    expect(page.get_by_role("heading", name="Ringkasan instansi")).to_be_visible()
    shot(page, "beranda")

    # Unit tree: the search filters the tree in place.
    nav(page).get_by_role("link", name="Unit kerja").click()
    expect(page.get_by_role("link", name="Tambah unit")).to_be_visible()
    page.get_by_label("Cari unit").fill("Kepegawaian")
    expect(page).to_have_url(re.compile(r"[?&]q=Kepegawaian"))
    expect(page.locator("#unit-tree a.fw-bold").first).to_contain_text(
        re.compile("Kepegawaian", re.I)
    )
    shot(page, "unit-tree-search")

    nav(page).get_by_role("link", name="Jabatan").click()
    expect(page.get_by_role("link", name="Tambah jabatan")).to_be_visible()
    shot(page, "jabatan-list")

    # --- create a pegawai through the form, choosing the position with the picker ----
    staff = demo.pegawai("staff")
    nip = _free_nip(demo.instansi)
    nav(page).get_by_role("link", name="Pegawai").click()
    expect(page.get_by_text(re.compile(r"^20\d pegawai · halaman 1 dari"))).to_be_visible()
    shot(page, "pegawai-list", full_page=False)  # the README's screenshot (docs/img/)
    page.get_by_role("link", name="Tambah pegawai").click()
    expect(page.get_by_role("heading", name="Tambah pegawai", level=1)).to_be_visible()
    field(page, "NIP / NI PPPK").fill(spaced_nip(nip))
    field(page, "Nama").fill("Sari Uji Coba")
    field(page, "Gelar belakang").fill("S.Kom.")
    # Gender and birth date are not asked: the form reads them from the NIP as it is typed.
    expect(page.locator("#nip-info")).to_contain_text("Perempuan")
    expect(page.locator("#nip-info")).to_contain_text("15-06-1994")
    expect(field(page, "Jenis kelamin")).to_be_hidden()
    field(page, "Tempat lahir").fill("Medan")
    field(page, "Status").select_option("PNS")
    field(page, "Golongan").select_option("III/a")
    field(page, "Jabatan (kode)").press_sequentially(staff.jabatan.kode[:12], delay=20)
    option = page.get_by_role("option").filter(has_text=staff.jabatan.nama).first
    option.click()
    expect(page.get_by_text(f"✓ {staff.jabatan.nama}")).to_be_visible()
    field(page, "TMT jabatan").fill("2025-01-02")
    shot(page, "pegawai-create-form")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert")).to_contain_text("ditambahkan")
    expect(page.get_by_role("heading", name="Sari Uji Coba, S.Kom.", level=1)).to_be_visible()
    expect(page.get_by_text(spaced_nip(nip))).to_be_visible()
    current = page.get_by_role("listitem").filter(has_text=staff.jabatan.nama)
    expect(current.filter(has_text="sekarang")).to_contain_text("02-01-2025")
    # The new person's supervisor comes from the org chart: the staff member's atasan.
    chain = page.locator("section", has=page.get_by_role("heading", name="Rantai atasan"))
    expect(chain.get_by_role("listitem").first).to_contain_text(staff.atasan.nama_lengkap)
    shot(page, "pegawai-created")
    created = Pegawai.objects.get(instansi=demo.instansi, nip=normalize_nip(nip))
    assert created.jabatan_id == staff.jabatan_id

    # --- change someone's atasan (pejabat penilai pengganti) -------------------------
    kabid = demo.pegawai("kabid")
    page.goto(f"/org/pegawai/{staff.pk}/")
    page.get_by_role("link", name="Ganti pejabat penilai").click()
    expect(page.get_by_role("heading", name=re.compile("Pejabat penilai"), level=1)).to_be_visible()
    page.get_by_label("Tetapkan pejabat penilai pengganti").check()
    field(page, "NIP pejabat penilai pengganti").press_sequentially(kabid.nama, delay=20)
    page.get_by_role("option").filter(has_text=kabid.nama_lengkap).first.click()
    expect(page.get_by_text(f"✓ {kabid.nama_lengkap}")).to_be_visible()
    field(page, "Alasan").fill("Kepala subbidang cuti besar")
    shot(page, "atasan-form")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").first).to_contain_text("diganti")
    chain = page.locator("section", has=page.get_by_role("heading", name="Rantai atasan"))
    expect(chain.get_by_role("listitem").first).to_contain_text(kabid.nama_lengkap)
    expect(chain.get_by_text("Kepala subbidang cuti besar")).to_be_visible()
    shot(page, "atasan-changed")
    staff.refresh_from_db()
    assert staff.atasan_id == kabid.pk

    # --- import: upload the sample CSV and see its preview; nothing is saved yet -----
    before = Pegawai.objects.filter(instansi=demo.instansi).count()
    nav(page).get_by_role("link", name="Impor").click()
    expect(page.get_by_role("heading", name="Impor dan ekspor data", level=1)).to_be_visible()
    page.get_by_label("Pegawai", exact=True).check()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(SAMPLE_CSV)
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_role("heading", name=re.compile("Pratinjau impor"), level=1)).to_be_visible()
    expect(page.locator("#import-summary")).to_be_visible()
    expect(page.get_by_role("button", name="Batalkan impor")).to_be_visible()
    shot(page, "import-preview")
    assert Pegawai.objects.filter(instansi=demo.instansi).count() == before

    # --- the audit trail shows what the admin just did ------------------------------
    nav(page).get_by_role("link", name="Jejak audit").click()
    expect(page.get_by_role("heading", name="Jejak audit", level=1)).to_be_visible()
    rows = page.locator("#audit-results")
    expect(rows.get_by_text("Pegawai ditambahkan").first).to_be_visible()
    expect(rows.get_by_text("Pejabat penilai pengganti diatur").first).to_be_visible()
    shot(page, "audit-list")
