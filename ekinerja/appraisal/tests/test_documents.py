"""The evaluation documents (PermenPANRB 6/2022 Lampiran): "Evaluasi Kinerja Pegawai" and
"Dokumen Evaluasi Kinerja Pegawai" — the download, its name and type, what the text says
(pdftotext), who may fetch it, the refusal of a draft, bounded queries; and the pure bar
chart of the distribution curve (rules §2)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ekinerja.appraisal import documents
from ekinerja.appraisal.domain import distribution, evaluation, ratings
from ekinerja.appraisal.models import Evaluasi, RealisasiIKI
from ekinerja.core.pdf import fetch_shipped_font
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import IKI, RHK, PerilakuEkspektasi

from .factories import (
    AppraisalWorld,
    appraisal_world,
    set_predikat_organisasi,
    set_rating,
    set_realisasi,
)

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

LONG_RHK = (
    "Tersusunnya rekomendasi kebijakan peningkatan mutu layanan perizinan terpadu satu pintu "
    "berbasis analisis data pengaduan masyarakat dan hasil survei kepuasan triwulanan"
)
LONG_FEEDBACK = (
    "Rekomendasi sudah dipakai dalam rapat pimpinan. Perlu dilengkapi analisis biaya dan "
    "jadwal implementasi per kecamatan sebelum diajukan ke Sekretaris Daerah."
)


def _pdf_text(content: bytes, tmp_path, name: str = "doc.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.split())


def _rated_world(cast) -> AppraisalWorld:
    """March 2026, Dinas Alfa Baik; bob and charlie Baik, dina Butuh Perbaikan (the
    curve holds: 2 Baik ≤ floor(0.7·3) = 2, 1 BP ≥ 1)."""
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    set_realisasi(w, "charlie", "13.5")
    set_rating(w, "bob", ratings.SESUAI, ratings.SESUAI)
    set_rating(w, "charlie", ratings.DI_ATAS, ratings.SESUAI)
    set_rating(w, "dina", ratings.DI_BAWAH, ratings.SESUAI)
    return w


def enrich(w: AppraisalWorld, who: str = "bob") -> Evaluasi:
    """A realistic evaluation: several RHK (utama and tambahan) with long texts, IKI of
    each target kind with realisasi, feedback per RHK and per BerAKHLAK value, the
    expectations, a note from the penilai. Written directly (a document test, not a
    workflow one)."""
    cast = w.cast
    skp = getattr(w.cascade, who)
    ev = w.evaluasi(who)
    parent = RHK.objects.filter(skp=w.cascade.alice).order_by("pk").first()
    first = RHK.objects.filter(skp=skp).order_by("pk").first()
    assert first is not None
    rows = [
        ("utama", LONG_RHK, parent),
        ("utama", "Terlaksananya pembinaan teknis pelaksana layanan di 12 kecamatan", parent),
        ("tambahan", "Bahan paparan pimpinan untuk rapat koordinasi daerah", None),
    ]
    feedback = {str(first.pk): "Tepat waktu sepanjang bulan."}
    for n, (jenis, teks, intervensi) in enumerate(rows, start=2):
        rhk = RHK.objects.create(
            instansi=cast.a, skp=skp, jenis=jenis, teks=teks, intervensi=intervensi, urutan=n
        )
        feedback[str(rhk.pk)] = LONG_FEEDBACK if n == 2 else ""
        iki = [
            IKI(
                instansi=cast.a, rhk=rhk, aspek="kuantitas", urutan=1, target_jenis="angka",
                indikator="Jumlah dokumen rekomendasi yang diterima pimpinan",
                target_nilai=Decimal(4), satuan="dokumen",
            ),
            IKI(
                instansi=cast.a, rhk=rhk, aspek="kualitas", urutan=2, target_jenis="rentang",
                indikator="Persentase rekomendasi yang ditindaklanjuti",
                target_min=Decimal(80), target_maks=Decimal(90), satuan="persen",
            ),
            IKI(
                instansi=cast.a, rhk=rhk, aspek="waktu", urutan=3, target_jenis="teks",
                indikator="Ketepatan waktu penyampaian laporan",
                target_teks="Paling lambat tanggal 5 bulan berikutnya",
            ),
        ]  # fmt: skip
        IKI.objects.bulk_create(iki if jenis == "utama" else iki[:1])
        for i in IKI.objects.filter(rhk=rhk):
            kw: dict[str, Any]
            if i.target_jenis == "angka":
                kw = {"nilai": Decimal("4.5"), "capaian": Decimal("112.5")}
            elif i.target_jenis == "rentang":
                kw = {"nilai": Decimal(85), "capaian": Decimal(100), "catatan": "Survei Maret"}
            else:
                kw = {"teks": "Laporan disampaikan 3 April 2026", "capaian": None}
            RealisasiIKI.objects.create(instansi=cast.a, evaluasi=ev, iki=i, **kw)
    PerilakuEkspektasi.objects.update_or_create(
        instansi=cast.a,
        skp=skp,
        nilai=1,
        defaults={"ekspektasi": "Menjawab pengaduan dalam dua hari kerja."},
    )
    ev.umpan_balik_rhk = feedback
    ev.umpan_balik_perilaku = {"1": "Pengaduan dijawab rata-rata 1,5 hari.", "7": LONG_FEEDBACK}
    ev.catatan_penilai = "Pertahankan kinerja; ikuti pelatihan analisis kebijakan."
    ev.save(update_fields=["umpan_balik_rhk", "umpan_balik_perilaku", "catatan_penilai"])
    return ev


def _get(login, who: str, name: str, ev_id: int):
    return login(who).get(reverse(f"appraisal:{name}", args=[ev_id]))


# --- the Evaluasi Kinerja Pegawai form ---------------------------------------------------


@needs_poppler
def test_evaluasi_pdf_downloads_with_name_type_and_content(cast, login, tmp_path):
    w = _rated_world(cast)
    set_predikat_organisasi(w, cast.bidang, ratings.ORG_BAIK)  # bob heads Bidang Satu
    ev = enrich(w, "bob")
    r = _get(login, "bob", "evaluasi-pdf", ev.pk)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == (
        'attachment; filename="EvaluasiKinerja_198003152005011002_2026-03.pdf"'
    )
    text = _pdf_text(r.content, tmp_path)
    for expected in (
        "EVALUASI KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "PERIODE: MARET 2026",
        "PEMERINTAH KABUPATEN ALFA",
        "PERIODE PENILAIAN: 1 MARET 2026 S.D. 31 MARET 2026",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "ATASAN PEJABAT PENILAI KINERJA",
        "Bob Santoso",
        "Alice Wulandari",  # his penilai
        "Kepala Bidang Satu",
        "CAPAIAN KINERJA ORGANISASI BAIK",
        "A. Utama",
        "B. Tambahan",
        "Layanan Bidang Satu tepat waktu",
        "Meningkatnya kualitas layanan Dinas Alfa",  # the intervened RHK of alice
        "Bahan paparan pimpinan untuk rapat koordinasi daerah",
        "4,5 dokumen",
        "112,5%",
        "80 – 90 persen",
        "Paling lambat tanggal 5 bulan berikutnya",
        "Laporan disampaikan 3 April 2026",
        "Survei Maret",
        "Tepat waktu sepanjang bulan.",
        "RATING HASIL KERJA",
        "kepala unit Bidang Satu",
        "PERILAKU KERJA",
        "Menjawab pengaduan dalam dua hari kerja.",
        "Pengaduan dijawab rata-rata 1,5 hari.",
        "RATING PERILAKU KERJA",
        "PREDIKAT KINERJA PEGAWAI",
        "Pertahankan kinerja; ikuti pelatihan analisis kebijakan.",
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
        "NIP 19750101 200003 2 001",
        "Dinilai, belum ditetapkan",
    ):
        assert expected in text, expected
    for expected in (LONG_RHK, LONG_FEEDBACK):  # wrapped in a cell: compare the words
        assert all(word in text for word in expected.split()), expected
    for nilai in plans_domain.BERAKHLAK:
        assert nilai.nama in text
        for guide in nilai.panduan:
            assert all(word in text for word in guide.split()), guide
    # The same person's Dokumen: a unit head counted in the Dinas curve.
    r = _get(login, "bob", "dokumen-pdf", ev.pk)
    text = _pdf_text(r.content, tmp_path, "dokumen.pdf")
    assert "Pertahankan kinerja; ikuti pelatihan analisis kebijakan." in text
    assert "tidak dihitung dalam kurva" not in text


def test_the_chosen_option_stands_and_the_others_are_struck(cast):
    w = _rated_world(cast)
    ev = w.evaluasi("dina")  # Di Bawah × Sesuai → Butuh Perbaikan
    ctx = documents.evaluasi_document_context(ev, cast.a)
    with translation.override("id"):
        html = render_to_string("appraisal/evaluasi_pdf.html", ctx)
    on = re.findall(r'<span class="opt on">([^<]+)</span>', html)
    assert on == ["DI BAWAH EKSPEKTASI", "SESUAI EKSPEKTASI", "BUTUH PERBAIKAN"]
    assert html.count('class="opt off"') == 2 + 2 + 4


@needs_poppler
def test_pdfs_are_always_in_bahasa_indonesia(cast, login, tmp_path):
    w = _rated_world(cast)
    ev = w.evaluasi("charlie")
    client = login("charlie")
    client.cookies["django_language"] = "en"
    for name in ("evaluasi-pdf", "dokumen-pdf"):
        r = client.get(reverse(f"appraisal:{name}", args=[ev.pk]), HTTP_ACCEPT_LANGUAGE="en")
        text = _pdf_text(r.content, tmp_path)
        assert "Maret 2026" in text or "MARET 2026" in text
        assert "March" not in text and "MARCH" not in text


@needs_poppler
def test_documents_are_indonesian_while_english_is_active(cast, tmp_path):
    """A caller with English active (an English reader's request, a task, a test that
    left English on) still gets the official wording: the documents' context and the PDF
    are built in Bahasa Indonesia, and the caller's language is left as it was."""
    w = _rated_world(cast)
    set_predikat_organisasi(w, cast.bidang, ratings.ORG_BAIK)  # bob heads Bidang Satu
    set_rating(w, "dina", ratings.SESUAI, ratings.SESUAI)  # 3 Baik: the rule "Baik ≤ 2" fails
    bob, dina = w.evaluasi("bob"), w.evaluasi("dina")
    with translation.override("en"):
        evaluasi = documents.evaluasi_document_context(bob, cast.a)
        dokumen = documents.dokumen_document_context(dina, cast.a)
        pdfs = [documents.evaluasi_pdf(bob, cast.a), documents.dokumen_evaluasi_pdf(dina, cast.a)]
        assert translation.get_language() == "en"
    assert evaluasi["head"]["rating"] == "Sesuai Ekspektasi"
    assert dokumen["rules"][0].text.startswith("Baik paling banyak 2 orang: ada 3 orang")
    text = _pdf_text(pdfs[1], tmp_path)
    assert "Baik paling banyak 2 orang" in text
    assert "at most" not in text and "people" not in text
    assert "Sesuai Ekspektasi" in _pdf_text(pdfs[0], tmp_path, "evaluasi.pdf")


# --- the Dokumen Evaluasi Kinerja Pegawai ------------------------------------------------


@needs_poppler
def test_dokumen_pdf_has_the_organisation_curve_and_the_result(cast, login, tmp_path):
    w = _rated_world(cast)
    ev = w.evaluasi("dina")
    cast.a.kota = "Alfa Raya"
    cast.a.save(update_fields=["kota"])
    r = _get(login, "dina", "dokumen-pdf", ev.pk)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == (
        'attachment; filename="DokumenEvaluasi_199507072020122004_2026-03.pdf"'
    )
    text = _pdf_text(r.content, tmp_path)
    for expected in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "PERIODE: MARET 2026",
        "Dina Lestari",
        "Bob Santoso",  # penilai
        "Alice Wulandari",  # atasan penilai
        "CAPAIAN KINERJA ORGANISASI",
        "Dinas Alfa",
        "POLA DISTRIBUSI PREDIKAT KINERJA PEGAWAI",
        "Pegawai yang dihitung dalam kurva Dinas Alfa: 3 orang.",
        "2 (67%)",  # Baik: bob and charlie
        "1 (33%)",  # Butuh Perbaikan: dina
        "Baik paling banyak 2 orang: terpenuhi (2 orang).",
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: terpenuhi (1 orang).",
        "RATING HASIL KERJA",
        "RATING PERILAKU KERJA",
        "PREDIKAT KINERJA PEGAWAI",
        "CATATAN/REKOMENDASI",
        "Alfa Raya, 2 April 2026",  # dinilai 2 April 03:00 UTC
        "Mengetahui,",
        "Atasan Pejabat Penilai Kinerja",
    ):
        assert expected in text, expected


def test_dokumen_marks_the_persons_bar_and_a_failing_rule(cast):
    w = _rated_world(cast)
    set_rating(w, "dina", ratings.SESUAI, ratings.SESUAI)  # 3 Baik: Baik ≤ 2 fails, BP+K ≥ 1 fails
    ev = w.evaluasi("dina")
    ctx = documents.dokumen_document_context(ev, cast.a)
    assert ctx["kurva_ok"] is False
    assert [r.ok for r in ctx["rules"]] == [False, False]
    assert "kelebihan 1 orang" in ctx["rules"][0].text
    assert f'fill="{documents.BAR_HIGHLIGHT}"' in ctx["chart"]
    assert documents.LIMIT_FAIL in ctx["chart"]


@needs_poppler
def test_dokumen_without_org_predikat_and_for_a_head_outside_the_curve(cast, login, tmp_path):
    w = appraisal_world(cast)
    set_rating(
        w, "alice", ratings.DI_ATAS, ratings.DI_ATAS
    )  # heads Dinas Alfa: counted in no curve
    ev = w.evaluasi("alice")
    text = _pdf_text(_get(login, "alice", "dokumen-pdf", ev.pk).content, tmp_path)
    assert "Predikat kinerja organisasi belum ditetapkan." in text
    assert "Batas kurva belum dapat diperiksa" in text
    assert "tidak dihitung dalam kurva distribusi unit ini" in text
    assert "3 orang belum dinilai" in text


@needs_poppler
def test_a_ditetapkan_evaluation_is_dated_on_penetapan_without_status_line(cast, login, tmp_path):
    w = _rated_world(cast)
    moment = dt.datetime(2026, 4, 9, 18, 0, tzinfo=dt.UTC)  # 10 April in WIB
    Evaluasi.objects.filter(periode_penilaian=w.periode).exclude(predikat="").update(
        status=Evaluasi.Status.DITETAPKAN, ditetapkan_at=moment
    )
    ev = w.evaluasi("charlie")
    text = _pdf_text(_get(login, "charlie", "dokumen-pdf", ev.pk).content, tmp_path)
    assert "Pemerintah Kabupaten Alfa, 10 April 2026" in text
    assert "Ditetapkan 10 April 2026" in text  # in the page footer
    assert "belum ditetapkan" not in text


# --- access, refusal, queries ------------------------------------------------------------


@pytest.mark.parametrize("name", ["evaluasi-pdf", "dokumen-pdf"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("charlie", 200),  # the owner
        ("bob", 200),  # the penilai
        ("alice", 200),  # the head of the unit subtree
        ("eko", 200),  # Admin Instansi
        ("fajar", 200),  # Auditor
        ("dina", 403),  # a colleague
        ("gita", 404),  # another agency
    ],
)
def test_who_may_fetch_the_documents(cast, login, name, who, status):
    w = _rated_world(cast)
    r = _get(login, who, name, w.evaluasi("charlie").pk)
    assert r.status_code == status


def test_anonymous_is_sent_to_login(cast, client):
    w = _rated_world(cast)
    r = client.get(reverse("appraisal:evaluasi-pdf", args=[w.evaluasi("charlie").pk]))
    assert r.status_code == 302 and r["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["evaluasi-pdf", "dokumen-pdf"])
def test_a_draft_is_refused_with_a_clear_message(cast, login, name):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    r = _get(login, "charlie", name, ev.pk)
    assert r.status_code == 409
    assert r["Content-Type"].startswith("text/html")
    body = r.content.decode()
    assert "Dokumen belum tersedia" in body
    assert "belum dinilai oleh pejabat penilai" in body
    ev.refresh_from_db()
    assert ev.status == Evaluasi.Status.DRAFT


def test_the_renderers_refuse_a_draft(cast):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    for make in (documents.evaluasi_pdf, documents.dokumen_evaluasi_pdf):
        with pytest.raises(ValueError, match="draft"):
            make(ev, cast.a)


@pytest.mark.parametrize("who", ["dina", "bob"])  # bob heads a unit: one more read
@pytest.mark.parametrize("extra_rhk", [False, True])
def test_evaluasi_pdf_queries_do_not_grow_with_rhk(
    cast, login, django_assert_max_num_queries, who, extra_rhk
):
    w = _rated_world(cast)
    set_predikat_organisasi(w, cast.bidang, ratings.ORG_BAIK)
    ev = enrich(w, who) if extra_rhk else w.evaluasi(who)
    client = login(who)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("appraisal:evaluasi-pdf", args=[ev.pk])).status_code == 200


def test_dokumen_pdf_queries_are_bounded(cast, login, django_assert_max_num_queries):
    w = _rated_world(cast)
    client = login("dina")
    with django_assert_max_num_queries(12):
        r = client.get(reverse("appraisal:dokumen-pdf", args=[w.evaluasi("dina").pk]))
        assert r.status_code == 200


def test_user_text_cannot_fetch_resources(cast):
    """Text typed by users is escaped; a URL in it is never loaded (the fetcher refuses
    everything but the shipped fonts)."""
    w = _rated_world(cast)
    ev = w.evaluasi("dina")
    ev.catatan_penilai = '<img src="http://example.invalid/x.png"> <b>tebal</b>'
    ev.save(update_fields=["catatan_penilai"])
    ctx = documents.dokumen_document_context(ev, cast.a)
    with translation.override("id"):
        html = render_to_string("appraisal/dokumen_evaluasi_pdf.html", ctx)
    assert "<img" not in html and "&lt;img" in html
    with pytest.raises(ValueError):
        fetch_shipped_font("http://example.invalid/x.png")
    assert documents.dokumen_evaluasi_pdf(ev, cast.a).startswith(b"%PDF")


def test_filenames_per_period_kind(cast):
    w = _rated_world(cast)
    ev = w.evaluasi("dina")
    assert documents.pdf_filename(ev, "evaluasi").endswith("_2026-03.pdf")
    ev.periode_penilaian.jenis, ev.periode_penilaian.nomor = evaluation.JENIS_TRIWULANAN, 1
    assert (
        documents.pdf_filename(ev, "dokumen") == "DokumenEvaluasi_199507072020122004_2026-TW1.pdf"
    )
    ev.periode_penilaian.jenis, ev.periode_penilaian.nomor = evaluation.JENIS_TAHUNAN, 0
    ev.pegawai.nip = None
    assert documents.pdf_filename(ev, "evaluasi") == (
        f"EvaluasiKinerja_pegawai{ev.pegawai_id}_2026-Tahunan.pdf"
    )


# --- the chart (pure) --------------------------------------------------------------------


def _check(counts, org):
    return distribution.check_curve(counts, org)


@pytest.mark.parametrize(
    ("counts", "org", "y_max", "ticks"),
    [
        ({}, None, 1, [0, 1]),
        ({ratings.BAIK: 2, ratings.BUTUH_PERBAIKAN: 1}, ratings.ORG_BAIK, 2, [0, 1, 2]),
        (
            {ratings.BAIK: 7, ratings.SANGAT_BAIK: 2, ratings.BUTUH_PERBAIKAN: 1},
            ratings.ORG_BAIK,
            8,
            [0, 2, 4, 6, 8],
        ),
        (
            {ratings.SANGAT_BAIK: 700, ratings.BAIK: 300},
            ratings.ISTIMEWA,
            800,
            [0, 200, 400, 600, 800],
        ),
    ],
)
def test_chart_scale_has_whole_people_ticks(counts, org, y_max, ticks):
    c = documents.curve_chart(counts, _check(counts, org) if org else None)
    assert c.y_max == y_max
    assert [t for t, _y in c.ticks] == ticks


def test_chart_bars_are_proportional_with_shares_and_markers():
    counts = {
        ratings.SANGAT_BAIK: 2,
        ratings.BAIK: 7,
        ratings.BUTUH_PERBAIKAN: 1,
    }  # n = 10, Baik: passes
    c = documents.curve_chart(counts, _check(counts, ratings.ORG_BAIK), highlight=ratings.BAIK)
    bars = {b.predikat: b for b in c.bars}
    assert [b.predikat for b in c.bars] == list(ratings.PREDIKAT)  # best first
    assert c.n == 10
    assert bars[ratings.BAIK].height == pytest.approx(bars[ratings.SANGAT_BAIK].height * 3.5)
    assert bars[ratings.KURANG].height == 0
    assert [b.share for b in c.bars] == [20, 70, 10, 0, 0]
    assert bars[ratings.BAIK].highlight and not bars[ratings.SANGAT_BAIK].highlight
    # Baik ≤ 70% → at most 7, drawn at the top of the Baik bar; BP + K ≥ 1 is combined.
    (limit,) = bars[ratings.BAIK].limits
    assert (limit.label, limit.ok, limit.y) == ("≤ 7", True, bars[ratings.BAIK].y)
    assert [r.rule.predikat for r in c.combined] == [(ratings.BUTUH_PERBAIKAN, ratings.KURANG)]


def test_chart_limit_above_every_bar_stays_inside_the_plot():
    counts = {ratings.BUTUH_PERBAIKAN: 1, ratings.SANGAT_BAIK: 1}  # n = 2, BP ≥ 60% → 2 needed
    c = documents.curve_chart(counts, _check(counts, ratings.ORG_BUTUH_PERBAIKAN))
    (need,) = next(b for b in c.bars if b.predikat == ratings.BUTUH_PERBAIKAN).limits
    assert (need.label, need.ok) == ("≥ 2", False)
    assert c.y_max == 2 and need.y == min(y for _t, y in c.ticks)


def test_chart_svg_is_self_contained_and_escaped():
    counts = {ratings.SANGAT_BAIK: 1, ratings.BAIK: 2}
    svg = documents.curve_chart_svg(
        counts, _check(counts, ratings.ORG_BAIK), highlight=ratings.BAIK
    )
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert "href" not in svg and "url(" not in svg
    assert "2 (67%)" in svg and "1 (33%)" in svg
    assert "Kurang/" in svg and "Misconduct" in svg
    assert "≤ 2" in svg  # Baik ≤ floor(0.7·3)
    assert svg.count(f'fill="{documents.BAR_HIGHLIGHT}"') == 1
    assert "&lt;" not in svg  # nothing user-typed; labels are the regulation's


def test_chart_of_nobody_rated_has_no_bars_and_no_division():
    svg = documents.curve_chart_svg({}, None)
    assert "<rect" not in svg
    assert ">0<" in svg


@pytest.mark.parametrize(("hk", "sesuai"), [(ratings.SESUAI, True), (ratings.DI_ATAS, False)])
def test_a_unit_heads_rating_follows_the_org_predikat_or_is_flagged(cast, hk, sesuai):
    w = _rated_world(cast)  # Dinas Alfa Baik → a head's rating hasil kerja is Sesuai
    set_rating(w, "alice", hk, ratings.SESUAI)  # e.g. rated before the org predikat changed
    ctx = documents.evaluasi_document_context(w.evaluasi("alice"), cast.a)
    assert ctx["head"]["unit"] == "Dinas Alfa" and ctx["head"]["sesuai"] is sesuai
    with translation.override("id"):
        html = render_to_string("appraisal/evaluasi_pdf.html", ctx)
    assert ("pejabat penilai perlu memperbarui penilaian" in html) is not sesuai
