"""The planning report pages over HTTP: cascade, completeness, team matrix and their
exports — what each role sees, filters, the HTMX partials, 403/404 on ?unit= and
?periode=, the XLSX contents with their audit event, and page query counts that do not
grow with the data."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from ekinerja.core.models import AuditEvent

from .factories import approved_cascade, make_periode
from .test_cascade import _more_staff

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def c(cast):
    return approved_cascade(cast, leave_draft=("dina",))


def _get(login, who, name, args=(), **params):
    return login(who).get(reverse(name, args=list(args)), params)


# --- cascade ---------------------------------------------------------------------------


def test_cascade_page_for_the_admin_shows_tree_and_gaps(cast, login, c):
    r = _get(login, "eko", "plans:cascade")
    body = _text(r)
    assert r.status_code == 200
    assert "Kaskade kinerja" in body and "Seluruh instansi · 2026" in body
    for teks in (
        "Meningkatnya kualitas layanan Dinas Alfa",
        "Layanan Bidang Satu tepat waktu",
        "Surat masuk teragenda",
        "Kajian kebijakan layanan",
    ):
        assert teks in body
    assert "Tanpa dukungan bawahan" in body  # alice's second RHK
    assert "Pegawai tanpa SKP disetujui" in body
    for name in ("Dina Lestari", "Eko Prasetyo", "Fajar Hidayat"):
        assert name in body
    assert reverse("plans:skp-matriks", args=[c.bob.pk]) in body
    assert "<html" in body


def test_cascade_htmx_returns_the_results_partial_with_filters(cast, login, c):
    r = login("eko").get(reverse("plans:cascade"), {"celah": "tanpa_dukungan"}, **HX)
    body = _text(r)
    assert r.status_code == 200 and "<html" not in body
    assert "Terwujudnya tata kelola keuangan yang akuntabel" in body
    assert "Surat masuk teragenda" not in body
    assert "Pegawai tanpa SKP disetujui</h3>" not in body  # an RHK gap: no staff list
    r = login("eko").get(reverse("plans:cascade"), {"q": "charlie"}, **HX)
    body = _text(r)
    assert "Surat masuk teragenda" in body and "Kajian kebijakan layanan" not in body
    assert "1 RHK pendukung →" in body  # bob's other supporter, hidden by the search
    r = login("eko").get(reverse("plans:cascade"), {"celah": "tanpa_skp"}, **HX)
    body = _text(r)
    assert "Pohon kaskade RHK" not in body and "Eko Prasetyo" in body


def test_cascade_for_a_head_is_their_unit(cast, login, c):
    body = _text(_get(login, "bob", "plans:cascade"))
    assert "Bidang Satu · 2026" in body
    assert "Layanan Bidang Satu tepat waktu" in body
    assert "mengintervensi" in body and "Alice Wulandari" in body  # the RHK above, for context
    assert "Terwujudnya tata kelola keuangan yang akuntabel" not in body
    assert "Eko Prasetyo" not in body


@pytest.mark.parametrize("name", ["plans:cascade", "plans:completeness"])
def test_unit_and_periode_parameters_are_checked(cast, login, c, name):
    assert _get(login, "bob", name, unit=cast.dinas.pk).status_code == 403
    assert _get(login, "bob", name, unit=cast.bidang.pk).status_code == 200
    assert _get(login, "alice", name, unit=cast.bidang.pk).status_code == 200
    assert _get(login, "eko", name, unit=cast.gita.unit_id).status_code == 404
    other = make_periode(cast, instansi=cast.b)
    assert _get(login, "eko", name, periode=other.pk).status_code == 404
    assert _get(login, "eko", name, unit="x", periode="y", page="z").status_code == 200
    r = _get(login, "charlie", name)
    assert r.status_code == 403 and "pimpinan unit, pengelola kinerja" in _text(r)


def test_cascade_root_and_bounds(cast, login, c, monkeypatch):
    monkeypatch.setattr("ekinerja.plans.cascade.tree.TREE_MAX_NODES", 3)
    body = _text(_get(login, "eko", "plans:cascade"))
    assert "2 RHK pendukung →" in body and "Surat masuk teragenda" not in body
    body = _text(_get(login, "eko", "plans:cascade", root=c.rhk("bob").pk))
    assert "Surat masuk teragenda" in body and "← Seluruh kaskade" in body
    assert _get(login, "eko", "plans:cascade", root=999999).status_code == 404


def test_reports_without_a_periode(cast, login):
    for name in ("plans:cascade", "plans:completeness"):
        r = _get(login, "eko", name)
        assert r.status_code == 200 and "Belum ada periode kinerja" in _text(r)
    assert _get(login, "eko", "plans:cascade-export").status_code == 404


def test_cascade_export_xlsx(cast, login, c):
    r = _get(login, "eko", "plans:cascade-export")
    assert r.status_code == 200 and r["Content-Type"] == XLSX
    assert r["Content-Disposition"] == 'attachment; filename="kaskade-skp-2026-instansi.xlsx"'
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Kaskade", "Tanpa SKP disetujui"]
    rows = list(wb["Kaskade"].values)
    assert rows[0][:4] == ("No.", "Tingkat", "Unit kerja", "Nama")
    by_rhk = {row[11]: row for row in rows[1:]}
    assert len(by_rhk) == 5
    gap = by_rhk["Terwujudnya tata kelola keuangan yang akuntabel"]
    assert gap[13] == "RHK atasan tanpa dukungan bawahan"
    charlie = by_rhk["Surat masuk teragenda"]
    assert charlie[1] == 3 and charlie[4] == "199005202015031003"
    assert charlie[9] == "Layanan Bidang Satu tepat waktu" and charlie[10] == "Bob Santoso"
    staff = list(wb["Tanpa SKP disetujui"].values)
    assert [(row[1], row[5]) for row in staff[1:]] == [
        ("Dina Lestari", "Draf"),  # Dinas Alfa › Bidang Satu
        ("Eko Prasetyo", "Belum ada SKP"),  # BKPSDM
        ("Fajar Hidayat", "Belum ada SKP"),  # no unit: last
    ]
    event = AuditEvent.objects.get(action="plans.cascade_export")
    assert event.changes["jumlah"] == 8 and event.instansi_id == cast.a.pk


def test_cascade_export_follows_the_filter_and_unit(cast, login, c):
    r = _get(login, "bob", "plans:cascade-export", celah="tanpa_iki")
    assert r["Content-Disposition"] == 'attachment; filename="kaskade-skp-2026-BIDANG1.xlsx"'
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Kaskade"] and len(list(wb["Kaskade"].values)) == 1
    assert _get(login, "bob", "plans:cascade-export", unit=cast.dinas.pk).status_code == 403


# --- completeness -------------------------------------------------------------------------


def test_completeness_page_and_drill_down(cast, login, c):
    body = _text(_get(login, "eko", "plans:completeness"))
    assert "Kelengkapan SKP" in body and "Dinas Alfa" in body and "BKPSDM" in body
    assert "Di luar OPD / tanpa unit" in body
    assert '3 <span class="small text-muted">(75,0%)</span>' in body  # Dinas Alfa approved
    assert f"?unit={cast.dinas.pk}" in body  # drill-down link
    r = login("eko").get(reverse("plans:completeness"), {"unit": cast.dinas.pk}, **HX)
    body = _text(r)
    assert "<html" not in body and "Bidang Satu" in body and "Langsung di Dinas Alfa" in body
    assert "66,7%" in body


def test_completeness_rows_are_paged_with_totals_for_the_whole_scope(cast, login, c, monkeypatch):
    from ekinerja.conftest import _unit

    monkeypatch.setattr("ekinerja.plans.views.reports.COMPLETENESS_PAGE", 3)
    for i in range(1, 5):  # 5 children + the unit's own staff: 6 rows, two pages of 3
        _unit(cast.a, f"SEKOLAH{i}", f"Sekolah {i:02d}", cast.dinas)
    r = login("eko").get(reverse("plans:completeness"), {"unit": cast.dinas.pk})
    assert r.status_code == 200 and "<html" in _text(r)
    body = _text(r).split('id="completeness-results"', 1)[1]  # not the unit <select>
    for label in ("Bidang Satu", "Sekolah 01", "Sekolah 02"):
        assert label in body
    for label in ("Sekolah 03", "Sekolah 04", "Langsung di Dinas Alfa"):
        assert label not in body
    assert body.count("<tr>") == 1 + 3 + 1  # header, one page of rows, the totals
    assert "halaman 1 dari 2" in body and "page=2" in body
    assert 'hx-target="#completeness-results"' in body
    assert "Jumlah" in body  # the totals row, on every page
    r = login("eko").get(reverse("plans:completeness"), {"unit": cast.dinas.pk, "page": 2}, **HX)
    body = _text(r)
    assert r.status_code == 200 and "<html" not in body
    for label in ("Sekolah 03", "Sekolah 04", "Langsung di Dinas Alfa"):
        assert label in body
    for label in ("Bidang Satu", "Sekolah 01", "Sekolah 02"):
        assert label not in body
    assert "halaman 2 dari 2" in body and "page=1" in body
    assert f"unit={cast.dinas.pk}" in body  # the pager keeps the chosen unit
    assert '<td class="text-end">4</td>' in body  # the totals row: all 4 staff of the scope
    # The export has every row, whatever the page.
    r = _get(login, "eko", "plans:completeness-export", unit=cast.dinas.pk, page=2)
    labels = [row[0] for row in load_workbook(io.BytesIO(r.content)).active.values]
    assert labels[1:] == [
        "Bidang Satu", *(f"Sekolah {i:02d}" for i in range(1, 5)), "Langsung di Dinas Alfa",
        "Jumlah",
    ]  # fmt: skip


def test_completeness_export_xlsx(cast, login, c):
    r = _get(login, "alice", "plans:completeness-export")
    assert r.status_code == 200 and r["Content-Type"] == XLSX
    assert r["Content-Disposition"] == 'attachment; filename="kelengkapan-skp-2026-DINAS.xlsx"'
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["D2"].number_format == "0.0%" and ws["A1"].font.b and ws.freeze_panes == "A2"
    rows = list(ws.values)
    assert rows[0][:4] == ("Unit kerja", "Pegawai", "Disetujui", "% Disetujui")
    assert rows[1][:4] == ("Bidang Satu", 3, 2, pytest.approx(2 / 3, abs=1e-3))
    assert rows[-1][:3] == ("Jumlah", 4, 3)
    assert AuditEvent.objects.filter(action="plans.completeness_export").count() == 1


# --- team matrix ---------------------------------------------------------------------------


def test_matrix_page(cast, login, c):
    body = _text(_get(login, "bob", "plans:skp-matriks", [c.bob.pk]))
    assert "Matriks Peran Hasil" in body and "Bob Santoso" in body
    assert "Charlie Nugroho" in body and "Dina Lestari" in body
    assert "Surat masuk teragenda" in body and "Kajian kebijakan layanan" in body
    assert "Tidak ada yang mendukung" not in body
    body = _text(_get(login, "eko", "plans:skp-matriks", [c.alice.pk]))
    assert "Tidak ada yang mendukung" in body and "1 RHK belum didukung" in body
    body = _text(_get(login, "charlie", "plans:skp-matriks", [c.charlie.pk]))
    assert "Belum ada bawahan dengan SKP pada periode ini." in body
    assert _get(login, "dina", "plans:skp-matriks", [c.bob.pk]).status_code == 403


# --- query counts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "name", "kw"),
    [
        ("alice", "plans:cascade", {}),
        ("eko", "plans:cascade", {}),
        ("eko", "plans:cascade", {"HTTP_HX_REQUEST": "true"}),
        ("eko", "plans:cascade-export", {}),
        ("eko", "plans:completeness", {}),
        ("alice", "plans:completeness", {}),
        ("eko", "plans:completeness-export", {}),
    ],
)
def test_page_queries_do_not_grow_with_rows(cast, login, c, who, name, kw):
    client = login(who)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name), **kw).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    _more_staff(cast, c, 40)
    assert count() == before
    assert before <= 25


def test_matrix_queries_do_not_grow(cast, login, c, django_assert_max_num_queries):
    client = login("bob")
    url = reverse("plans:skp-matriks", args=[c.bob.pk])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    _more_staff(cast, c, 30)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        body = _text(client.get(url))
    assert "Staf 030" in body
