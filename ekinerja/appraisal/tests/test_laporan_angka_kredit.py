"""Angka kredit of functional staff (rules §5): the worked examples through the report,
the months of an SKP inside the year, who is listed, and the CSV/XLSX exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import Evaluasi
from ekinerja.appraisal.selectors import laporan as sel
from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import SKP

from .factories import appraisal_world, open_periode, set_rating

pytestmark = pytest.mark.django_db

D = dt.date
JAN_1, DEC_31 = D(2026, 1, 1), D(2026, 12, 31)


@pytest.mark.parametrize(
    "start, end, months",
    [
        (D(2026, 1, 1), D(2026, 12, 31), 12),
        (D(2026, 1, 1), D(2026, 6, 30), 6),
        (D(2026, 7, 1), D(2026, 12, 31), 6),
        # a change of position on 10 July: July belongs to the second SKP only
        (D(2026, 1, 1), D(2026, 7, 9), 6),
        (D(2026, 7, 10), D(2026, 12, 31), 6),
        # … on 20 July: July belongs to the first
        (D(2026, 1, 1), D(2026, 7, 19), 7),
        (D(2026, 7, 20), D(2026, 12, 31), 5),
        (D(2025, 6, 1), D(2027, 3, 31), 12),  # clipped to the year
        (D(2026, 3, 16), D(2026, 4, 14), 0),  # covers no 15th
        (D(2026, 5, 1), D(2026, 4, 1), 0),
    ],
)
def test_months_of_an_skp_in_the_year(start, end, months):
    assert sel.months_in_year(start, end, 2026) == months


def _annual(w, who: str, hk: str, pk: str) -> Evaluasi:
    tahunan = Evaluasi.objects.filter(
        periode_penilaian__jenis=evaluation.JENIS_TAHUNAN, pegawai=getattr(w.cast, who)
    ).first()
    if tahunan is None:
        open_periode(w.cast, w.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
        tahunan = Evaluasi.objects.get(
            periode_penilaian__jenis=evaluation.JENIS_TAHUNAN, pegawai=getattr(w.cast, who)
        )
    tahunan.rating_hasil_kerja, tahunan.rating_perilaku = hk, pk
    tahunan.predikat = ratings.predikat_from_ratings(hk, pk)
    tahunan.status = evaluation.EVALUASI_DINILAI
    tahunan.save()
    return tahunan


def _dina_as(cast, jenjang: str, mulai=JAN_1, selesai=DEC_31):
    cast.jab_fungsional.jenjang = jenjang
    cast.jab_fungsional.save(update_fields=["jenjang"])
    SKP.objects.filter(pegawai=cast.dina).update(tanggal_mulai=mulai, tanggal_selesai=selesai)


# rules §5 worked examples
@pytest.mark.parametrize(
    "jenjang, hk, pk, selesai, ak, text",
    [
        (
            "ahli_muda",
            ratings.SESUAI,
            ratings.SESUAI,
            D(2026, 12, 31),
            Decimal("25.000"),
            "25,000",
        ),  # Baik
        (
            "ahli_muda",
            ratings.DI_ATAS,
            ratings.DI_ATAS,
            D(2026, 12, 31),
            Decimal("37.500"),
            "37,500",
        ),  # SB
        # Butuh Perbaikan, 6 months: 12.5 × 0.75 × 6/12 = 4.6875 → 4.688 (half up)
        (
            "ahli_pertama",
            ratings.DI_BAWAH,
            ratings.SESUAI,
            D(2026, 6, 30),
            Decimal("4.688"),
            "4,688",
        ),
    ],
)
def test_rules_worked_examples_through_the_report(cast, login, jenjang, hk, pk, selesai, ak, text):
    w = appraisal_world(cast)
    _dina_as(cast, jenjang, selesai=selesai)
    _annual(w, "dina", hk, pk)
    (row,) = list(sel.angka_kredit_rows(instansi_id=cast.a.pk, tahun=2026))
    assert row.angka_kredit == ak and row.angka_kredit_text == text
    page = login("eko").get(reverse("appraisal:angka-kredit"), {"tahun": 2026})
    assert text in page.content.decode()
    body = b"".join(
        login("eko")
        .get(reverse("appraisal:angka-kredit"), {"tahun": 2026, "format": "csv"})
        .streaming_content
    ).decode()
    (line,) = list(csv.DictReader(io.StringIO(body)))
    assert line["Angka kredit"] == f"{ak:.3f}" and line["NIP"] == cast.dina.nip


def test_only_rated_annual_evaluations_of_functional_staff(cast):
    w = appraisal_world(cast)
    _dina_as(cast, "ahli_pertama")
    set_rating(w, "dina", ratings.DI_ATAS, ratings.DI_ATAS)  # a monthly result: not annual
    set_rating(w, "charlie", ratings.DI_ATAS, ratings.DI_ATAS)
    assert list(sel.angka_kredit_rows(instansi_id=cast.a.pk, tahun=2026)) == []
    ev = _annual(w, "dina", ratings.SESUAI, ratings.SESUAI)
    _annual(w, "charlie", ratings.SESUAI, ratings.SESUAI)  # pelaksana: no angka kredit
    assert [r.evaluasi_id for r in sel.angka_kredit_rows(instansi_id=cast.a.pk, tahun=2026)] == [
        ev.pk
    ]
    Evaluasi.objects.filter(pk=ev.pk).update(status=evaluation.EVALUASI_DRAFT)  # a prefill only
    assert list(sel.angka_kredit_rows(instansi_id=cast.a.pk, tahun=2026)) == []
    assert list(sel.angka_kredit_rows(instansi_id=cast.b.pk, tahun=2026)) == []


def test_xlsx_keeps_nip_as_text_and_ak_as_a_number(cast, login):
    w = appraisal_world(cast)
    _dina_as(cast, "ahli_pertama", selesai=D(2026, 6, 30))
    _annual(w, "dina", ratings.DI_BAWAH, ratings.SESUAI)
    response = login("fajar").get(
        reverse("appraisal:angka-kredit"), {"tahun": 2026, "format": "xlsx"}
    )
    assert response.status_code == 200
    assert 'filename="angka-kredit-2026.xlsx"' in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    header, row = [c.value for c in ws[1]], [c for c in ws[2]]
    assert header[0] == "NIP" and header[-1] == "Angka kredit"
    assert row[0].value == cast.dina.nip and row[0].number_format == "@"
    assert row[6].value == 6 and row[-1].value == pytest.approx(4.688)
    assert AuditEvent.objects.filter(action="appraisal.angka_kredit_export").count() == 1


def test_page_without_an_annual_period_says_so(cast, login):
    appraisal_world(cast)
    page = login("eko").get(reverse("appraisal:angka-kredit"))
    assert page.status_code == 200
    assert "Periode penilaian tahunan" in page.content.decode()


def test_page_queries_are_bounded_and_paged(
    cast, login, monkeypatch, django_assert_max_num_queries
):
    w = appraisal_world(cast)
    _dina_as(cast, "ahli_pertama")
    _annual(w, "dina", ratings.SESUAI, ratings.SESUAI)
    monkeypatch.setattr(sel, "PAGE_SIZE", 1)
    client = login("eko")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("appraisal:angka-kredit"), {"tahun": 2026})
    assert page.status_code == 200 and "Dina Lestari" in page.content.decode()
    partial = client.get(
        reverse("appraisal:angka-kredit"), {"tahun": 2026}, headers={"HX-Request": "true"}
    )
    assert b"<html" not in partial.content and b"Dina Lestari" in partial.content
