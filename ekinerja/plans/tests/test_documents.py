"""The SKP PDF (official layout, PermenPANRB 6/2022 Lampiran): the download, its name and
type, what the text says (pdftotext), the DRAF watermark, who may fetch it; and how IKI
targets are written."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ekinerja.plans import domain
from ekinerja.plans.documents import skp_document_context, skp_pdf, skp_pdf_filename
from ekinerja.plans.models import IKI, SKP, SKPTemplateIKI
from ekinerja.plans.selectors import skp_with_content
from ekinerja.plans.services import editing

from .factories import approve, approved_cascade

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

DINA_RHK = [
    ("utama", "Rekomendasi kebijakan peningkatan mutu layanan perizinan terpadu"),
    ("utama", "Laporan evaluasi kepuasan masyarakat atas layanan Bidang Satu"),
    ("tambahan", "Bahan paparan pimpinan untuk rapat koordinasi daerah"),
]


def _fill(cast, skp: SKP, parent, rows=DINA_RHK, iki_per_rhk: int = 3) -> None:
    """RHK with kuantitas/kualitas/waktu IKI (a number, a range, a deadline) and the
    lampiran, as dina; ekspektasi as bob, her penilai."""
    dina, bob = cast.actor("dina"), cast.actor("bob")
    for jenis, teks in rows:
        r = editing.rhk_add(
            actor=dina, skp_id=skp.pk, jenis=jenis, teks=teks, intervensi_id=parent.pk
        )
        targets = [
            ("kuantitas", "Jumlah dokumen rekomendasi yang diterima pimpinan", "angka", "4"),
            ("kualitas", "Persentase rekomendasi yang ditindaklanjuti", "rentang", ("80", "90")),
            ("waktu", "Ketepatan waktu penyelesaian", "angka", "12,5"),
        ][:iki_per_rhk]
        for aspek, indikator, jenis_t, value in targets:
            kw = {"target_nilai": value}
            if jenis_t == "rentang":
                kw = {"target_min": value[0], "target_maks": value[1]}
            editing.iki_add(
                actor=dina,
                rhk_id=r.pk,
                aspek=aspek,
                indikator=indikator,
                target_jenis=jenis_t,
                satuan={"kuantitas": "dokumen", "kualitas": "persen", "waktu": "bulan"}[aspek],
                **kw,
            )
    editing.lampiran_set(
        actor=dina,
        skp_id=skp.pk,
        dukungan_sumber_daya="Akses data perizinan daring dan anggaran survei kepuasan.",
        skema_pertanggungjawaban="Laporan triwulanan kepada Kepala Bidang Satu.",
        konsekuensi="Rekomendasi dipakai sebagai bahan rapat pimpinan.",
    )
    editing.ekspektasi_set(
        actor=bob, skp_id=skp.pk, nilai=1, ekspektasi="Menjawab pengaduan dalam dua hari kerja."
    )
    editing.ekspektasi_set(
        actor=bob, skp_id=skp.pk, nilai=7, ekspektasi="Melibatkan bidang lain sejak awal kajian."
    )


@pytest.fixture
def dina_draft(cast):
    c = approved_cascade(cast, leave_draft=("dina",))
    _fill(cast, c.dina, c.rhk("bob"))
    return c


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "skp.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return out.stdout


def _get_pdf(login, who: str, skp_id: int):
    return login(who).get(reverse("plans:skp-pdf", args=[skp_id]))


@needs_poppler
def test_draft_pdf_downloads_with_name_type_and_content(cast, login, dina_draft, tmp_path):
    r = _get_pdf(login, "dina", dina_draft.dina.pk)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'attachment; filename="SKP_199507072020122004_2026_v1.pdf"'
    assert r.content.startswith(b"%PDF")
    text = _pdf_text(r.content, tmp_path)
    flat = " ".join(text.split())
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "PEMERINTAH KABUPATEN ALFA",
        "1 JANUARI 2026 S.D. 31 DESEMBER 2026",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "Dina Lestari",
        "19950707 202012 2 004",
        "Bob Santoso",
        "Analis Kebijakan Ahli Pertama",
        "A. Utama",
        "B. Tambahan",
        "Rekomendasi kebijakan peningkatan mutu layanan perizinan terpadu",
        "Bahan paparan pimpinan untuk rapat koordinasi daerah",
        "Layanan Bidang Satu tepat waktu",  # the intervened RHK of bob
        "80 – 90 persen",
        "12,5 bulan",
        "PERILAKU KERJA",
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
        "Menjawab pengaduan dalam dua hari kerja.",
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
        "Akses data perizinan daring dan anggaran survei kepuasan.",
        "Laporan triwulanan kepada Kepala Bidang Satu.",
        "Rekomendasi dipakai sebagai bahan rapat pimpinan.",
        "Pegawai yang Dinilai",
        "NIP 19800315 200501 1 002",
        "Status: Draf",
        "SKP Dina Lestari · NIP 19950707 202012 2 004 · versi 1 · Draf",  # page footer
    ):
        assert expected in flat, expected
    # Every BerAKHLAK value with its three guides, verbatim (rules §7).
    for nilai in domain.BERAKHLAK:
        assert nilai.nama in flat
        for guide in nilai.panduan:
            assert " ".join(guide.split()) in flat, guide


@needs_poppler
def test_approved_pdf_has_no_watermark_and_is_dated_on_approval(cast, login, tmp_path):
    c = approved_cascade(cast, leave_draft=("dina",))
    _fill(cast, c.dina, c.rhk("bob"), rows=DINA_RHK[:1], iki_per_rhk=1)
    skp = approve(cast, c.dina)
    moment = dt.datetime(2026, 1, 20, 17, 30, tzinfo=dt.UTC)  # 21 January in WIB
    SKP.objects.filter(pk=skp.pk).update(approved_at=moment)
    cast.a.kota = "Alfa Raya"
    cast.a.save(update_fields=["kota"])
    text = " ".join(_pdf_text(_get_pdf(login, "bob", skp.pk).content, tmp_path).split())
    assert "Draf" not in text and "DRAF" not in text
    assert "Alfa Raya, 21 Januari 2026" in text


def test_pdf_access_follows_access_skp(cast, login, dina_draft):
    assert _get_pdf(login, "charlie", dina_draft.dina.pk).status_code == 403
    assert _get_pdf(login, "gita", dina_draft.dina.pk).status_code == 404
    assert _get_pdf(login, "fajar", dina_draft.dina.pk).status_code == 200


def test_a_long_skp_breaks_across_pages(cast, login, dina_draft, tmp_path):
    rows = [("utama", f"Hasil kerja nomor {i} " + "dengan uraian panjang " * 6) for i in range(12)]
    _fill(cast, dina_draft.dina, dina_draft.rhk("bob"), rows=rows)
    r = _get_pdf(login, "dina", dina_draft.dina.pk)
    path = tmp_path / "panjang.pdf"
    path.write_bytes(r.content)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        pages = int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
        assert pages >= 4


def test_filename_without_nip_uses_the_pegawai_id(cast, dina_draft):
    skp = SKP.objects.select_related("pegawai").get(pk=dina_draft.dina.pk)
    skp.pegawai.nip = None
    assert skp_pdf_filename(skp) == f"SKP_pegawai{skp.pegawai_id}_2026_v1.pdf"


@pytest.mark.parametrize(
    ("jenis", "fields", "expected"),
    [
        ("angka", {"target_nilai": Decimal("12.0000"), "satuan": "dokumen"}, "12 dokumen"),
        ("angka", {"target_nilai": Decimal("12.5000"), "satuan": "bulan"}, "12,5 bulan"),
        ("angka", {"target_nilai": Decimal("1234567"), "satuan": "rupiah"}, "1.234.567 rupiah"),
        (
            "rentang",
            {"target_min": Decimal("80"), "target_maks": Decimal("90.25"), "satuan": "persen"},
            "80 – 90,25 persen",
        ),
        ("teks", {"target_teks": "Terlaksana sesuai SOP"}, "Terlaksana sesuai SOP"),
        ("teks", {"target_teks": ""}, "—"),
        ("rentang", {"target_min": Decimal("80"), "satuan": "persen"}, "—"),
    ],
)
def test_target_text(jenis, fields, expected):
    """One rule for the SKP page, its PDF, the templates and the evaluation."""
    assert domain.target_text(IKI(target_jenis=jenis, **fields)) == expected
    assert domain.target_text(SKPTemplateIKI(target_jenis=jenis, **fields)) == expected


@needs_poppler
def test_the_skp_is_indonesian_while_english_is_active(cast, dina_draft, tmp_path):
    """The SKP's context and PDF are in Bahasa Indonesia whatever language the caller has
    active (an English reader, a task, a test that left English on)."""
    skp = skp_with_content(dina_draft.dina.pk, cast.a.pk)
    with translation.override("en"):
        ctx = skp_document_context(skp, cast.a)
        pdf = skp_pdf(skp=skp, instansi=cast.a)
        assert translation.get_language() == "en"
    assert (ctx["pendekatan"], ctx["status_label"]) == ("KUANTITATIF", "Draf")
    text = " ".join(_pdf_text(pdf, tmp_path).split())
    assert "PENDEKATAN HASIL KERJA KUANTITATIF" in text and "Status: Draf" in text
    assert "QUANTITATIVE" not in text and "Draft" not in text


def test_watermark_only_until_approved(cast, dina_draft):
    instansi = cast.a
    for skp, marked in ((dina_draft.dina, True), (dina_draft.charlie, False)):
        full = skp_with_content(skp.pk, instansi.pk)
        html = render_to_string("plans/skp_pdf.html", skp_document_context(full, instansi))
        assert ('<div class="watermark">DRAF</div>' in html) is marked
