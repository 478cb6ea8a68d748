"""The month-end walk of issue 4, as the people who live it, each in a browser of their own:
charlie, on a phone, logs three activities of today with the quick entry form — one
with a PDF as evidence; bob, his supervisor, verifies two of them at once from his queue
and rejects the third with a reason; charlie sees the outcome and the reason; bob leaves
feedback on charlie's RHK from charlie's SKP page, and charlie reads it. Every step saves
a screenshot to e2e/screenshots/.

Data: the test cast (ekinerja/conftest.py) with approved SKP alice → bob → charlie for
the current year, committed so that the live server sees it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import PHONE
from e2e.test_skp_workflow import sign_in
from ekinerja.conftest import Cast, build_cast
from ekinerja.execution.models import Aktivitas, BuktiDukung, PengaturanPelaksanaan, UmpanBalik
from ekinerja.plans.models import SKP
from ekinerja.plans.tests.factories import approve, make_periode, make_skp

pytestmark = pytest.mark.e2e

CHARLIE_RHK = "Surat masuk teragenda tepat waktu"
REASON = "Jam kegiatan tumpang tindih dengan rapat; mohon diperbaiki."
FEEDBACK = "Agenda surat sudah rapi. Pertahankan, dan percepat disposisi ke bidang."
# A minimal but real PDF: its content is checked, not only its name.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
ENTRIES = [
    ("07.30", "09.00", "Mengagendakan 14 surat masuk", "14", "surat"),
    ("09.00", "10.30", "Mendistribusikan disposisi surat ke bidang", "9", "disposisi"),
    ("10.00", "11.30", "Menyusun rekap surat keluar minggu ini", "1", "laporan"),
]


@pytest.fixture
def cast(transactional_db: None, live_server: Any) -> Cast:
    cast = build_cast()
    periode = make_periode(cast, dt.date.today().year)
    alice = approve(
        cast,
        make_skp(cast, "alice", periode, rhk=[("utama", "Meningkatnya kualitas layanan", None)]),
    )
    bob = approve(
        cast, make_skp(cast, "bob", periode, rhk=[("utama", "Layanan tata usaha", alice.rhk.get())])
    )
    approve(cast, make_skp(cast, "charlie", periode, rhk=[("utama", CHARLIE_RHK, bob.rhk.get())]))
    return cast


def seen(scope: Any, text: str) -> Any:
    """The visible element showing `text` (pages render a card for phones and a table
    row for wide screens; only one of them is displayed)."""
    return scope.get_by_text(text).locator("visible=true").first


def log_activity(page: Any, entry: tuple[str, str, str, str, str], pdf: Any = None) -> None:
    start, end, text, jumlah, satuan = entry
    form = page.locator("#aktivitas-quick")
    form.locator("#id_jam_mulai").fill(start)
    form.locator("#id_jam_selesai").fill(end)
    form.locator("#id_uraian").fill(text)
    form.locator("#id_rhk").select_option(label=CHARLIE_RHK)
    form.locator("#id_output_jumlah").fill(jumlah)
    form.locator("#id_output_satuan").fill(satuan)
    if pdf is not None:
        form.get_by_text("Bukti dukung (opsional)").click()
        form.locator("#id_berkas").set_input_files(pdf)
    # The keyboard path: Enter in the last field saves, HTMX swaps the day in place.
    form.locator("#id_output_satuan").press("Enter")
    expect(seen(page.locator("#aktivitas-day"), text)).to_be_visible()
    # The fresh form takes the focus back to its first field (htmx autofocus after the
    # swap settles); typing on before that would race the focus change.
    expect(page.locator("#aktivitas-quick #id_jam_mulai")).to_be_focused()


def test_log_verify_reject_feedback(cast: Cast, open_page: Any, shot: Any, tmp_path: Any) -> None:
    pdf = tmp_path / "undangan-rapat.pdf"
    pdf.write_bytes(PDF)

    # --- charlie logs three activities on a phone, one with a PDF ---------------------
    staff = open_page(viewport=PHONE)
    sign_in(staff, cast, "charlie")
    staff.goto("/kinerja/aktivitas/")
    expect(staff.locator("#aktivitas-quick")).to_be_visible()
    log_activity(staff, ENTRIES[0], pdf=pdf)
    log_activity(staff, ENTRIES[1])
    log_activity(staff, ENTRIES[2])
    shot(staff, "1-charlie-three-activities")
    # Light on a cheap phone: the day page's HTML (CSS and JS are the shared, cached
    # files whose weight test_phone_and_weight.py measures).
    html = len(staff.content().encode())
    print(f"day page HTML with three activities: {html} bytes")
    assert html < 60 * 1024, f"the day page HTML is {html} bytes"
    assert Aktivitas.objects.filter(pegawai=cast.charlie, status="diajukan").count() == 3
    bukti = BuktiDukung.objects.get(pegawai=cast.charlie)
    assert bukti.nama_berkas == "undangan-rapat.pdf"
    assert bukti.aktivitas.uraian == ENTRIES[0][2]
    # The third overlaps the second (10.00 < 10.30): flagged for the supervisor.
    third = Aktivitas.objects.get(pegawai=cast.charlie, uraian=ENTRIES[2][2])
    assert third.ditandai

    # --- bob verifies two at once and rejects the third with a reason ----------------
    boss = open_page()
    sign_in(boss, cast, "bob")
    boss.goto("/kinerja/verifikasi/")
    results = boss.locator("#verifikasi-results")
    for entry in ENTRIES:
        expect(seen(results, entry[2])).to_be_visible()
    shot(boss, "2-bob-queue")
    ids = {a.uraian: a.pk for a in Aktivitas.objects.filter(pegawai=cast.charlie).only("uraian")}
    results.locator(f"#pilih-{ids[ENTRIES[0][2]]}").check()
    results.locator(f"#pilih-{ids[ENTRIES[1][2]]}").check()
    results.get_by_role("button", name="Verifikasi yang dipilih").click()
    expect(boss.locator("#verifikasi-results").get_by_text(ENTRIES[0][2])).to_have_count(0)
    shot(boss, "3-bob-verified-two")
    results = boss.locator("#verifikasi-results")
    results.locator(f"#pilih-{ids[ENTRIES[2][2]]}").check()
    results.locator("summary", has_text="Tolak").click()
    results.locator("textarea[name=alasan]").fill(REASON)
    results.get_by_role("button", name="Tolak yang dipilih").click()
    expect(boss.locator("#verifikasi-results").get_by_text(ENTRIES[2][2])).to_have_count(0)
    shot(boss, "4-bob-rejected-one")
    statuses = dict(Aktivitas.objects.filter(pegawai=cast.charlie).values_list("uraian", "status"))
    assert statuses == {
        ENTRIES[0][2]: "diverifikasi",
        ENTRIES[1][2]: "diverifikasi",
        ENTRIES[2][2]: "ditolak",
    }

    # --- charlie sees the outcome and the reason -----------------------------------
    staff.goto("/kinerja/aktivitas/")
    day = staff.locator("#aktivitas-day")
    expect(seen(day, REASON)).to_be_visible()
    expect(seen(day, "Diverifikasi")).to_be_visible()
    shot(staff, "5-charlie-sees-rejection")
    staff.goto("/notifikasi/")
    expect(seen(staff, REASON)).to_be_visible()

    # --- bob leaves feedback on charlie's RHK from the SKP page ---------------------
    skp = SKP.objects.get(pegawai=cast.charlie, status="disetujui")
    boss.goto(f"/skp/{skp.pk}/")
    boss.get_by_role("link", name="Beri umpan balik").first.click()
    boss.locator("#id_teks").fill(FEEDBACK)
    boss.get_by_role("button", name="Kirim umpan balik").click()
    expect(seen(boss, FEEDBACK)).to_be_visible()
    shot(boss, "6-bob-feedback")
    thread = UmpanBalik.objects.get(pegawai=cast.charlie, induk__isnull=True)
    assert thread.rhk.teks == CHARLIE_RHK and thread.penulis == cast.bob

    staff.goto("/kinerja/umpan-balik/")
    seen(staff, FEEDBACK[:30]).click()
    expect(seen(staff, FEEDBACK)).to_be_visible()
    shot(staff, "7-charlie-reads-feedback")


def test_minutes_only_and_a_large_file_refused_before_upload(
    cast: Cast, open_page: Any, shot: Any, tmp_path: Any
) -> None:
    """Issue 11 §7, on a phone. After a save the quick entry starts where the last
    activity ended; typing only the minutes logs the next one. An evidence file over the
    agency's limit (here 100 KB) is refused in the browser with the limit and the file's
    size, before anything is uploaded, on the quick entry and on the evidence page."""
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=100)
    big = tmp_path / "scan-besar.pdf"
    big.write_bytes(PDF + b"\x00" * (300 * 1024))
    small = tmp_path / "undangan.pdf"
    small.write_bytes(PDF)

    staff = open_page(viewport=PHONE)
    posts: list[str] = []
    staff.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    sign_in(staff, cast, "charlie")
    staff.goto("/kinerja/aktivitas/")
    log_activity(staff, ENTRIES[0])
    form = staff.locator("#aktivitas-quick")
    # The start is prefilled, written as its placeholder is: 09.00.
    expect(form.locator("#id_jam_mulai")).to_have_value("09.00")
    assert form.locator("#id_jam_mulai").get_attribute("placeholder") == "08.00"

    # Only the minutes: 09.00 + 45 minutes.
    form.locator("#id_menit").fill("45")
    form.locator("#id_uraian").fill("Rapat koordinasi agenda surat")
    form.locator("#id_uraian").press("Enter")
    expect(seen(staff.locator("#aktivitas-day"), "Rapat koordinasi agenda surat")).to_be_visible()
    expect(seen(staff.locator("#aktivitas-day"), "09.00–09.45")).to_be_visible()
    rapat = Aktivitas.objects.get(pegawai=cast.charlie, uraian="Rapat koordinasi agenda surat")
    assert (rapat.jam_mulai, rapat.jam_selesai, rapat.menit) == (
        dt.time(9, 0),
        dt.time(9, 45),
        45,
    )
    expect(form.locator("#id_jam_mulai")).to_have_value("09.45")

    # A 300 KB scan against a 100 KB limit: refused before the upload.
    form.locator("#id_uraian").fill("Menyusun notulen rapat")
    form.locator("#id_menit").fill("30")
    form.get_by_text("Bukti dukung (opsional)").click()
    form.locator("#id_berkas").set_input_files(big)
    refusal = form.get_by_role("alert")
    expect(refusal).to_contain_text("“scan-besar.pdf” berukuran 300 KB, melebihi batas 100 KB")
    sent = len(posts)
    form.locator("#id_uraian").press("Enter")
    expect(refusal).to_be_visible()
    shot(staff, "8-charlie-file-too-large")
    assert len(posts) == sent, "the form was sent with a file over the limit"
    assert not Aktivitas.objects.filter(uraian="Menyusun notulen rapat").exists()
    # Dropping the file, or choosing a smaller one, lets the form go.
    refusal.get_by_role("button", name="Batalkan berkas ini").click()
    expect(form.get_by_role("alert")).to_have_count(0)
    form.locator("#id_berkas").set_input_files(small)
    form.locator("#id_uraian").press("Enter")
    expect(seen(staff.locator("#aktivitas-day"), "Menyusun notulen rapat")).to_be_visible()
    notulen = Aktivitas.objects.get(uraian="Menyusun notulen rapat")
    assert BuktiDukung.objects.get(aktivitas=notulen).nama_berkas == "undangan.pdf"

    # The evidence page refuses it the same way.
    staff.goto(f"/kinerja/bukti/unggah/?aktivitas={rapat.pk}")
    panel = staff.locator(".bukti-panel")
    panel.locator("input[type=file]").set_input_files(big)
    expect(panel.get_by_role("alert")).to_contain_text("melebihi batas 100 KB")
    sent = len(posts)
    panel.get_by_role("button", name="Simpan bukti dukung").click()
    expect(panel.get_by_role("alert")).to_be_visible()
    shot(staff, "9-charlie-evidence-page-file-too-large")
    assert len(posts) == sent
    assert not BuktiDukung.objects.filter(aktivitas=rapat).exists()
