"""Exports of the appraisal: the SIASN exchange records (rules §13) as JSON, exactly as
SIASN's `kinerjaperiodik/save` and `skp22/save` take them, with a separate "with names"
table (CSV or XLSX) for people reading them in Excel; and the angka kredit table (rules
§5) as CSV or XLSX.

The SIASN export covers a whole instansi (27,000 people in the benchmark): rows come
from `.values(...).iterator(chunk_size=…)` and are written out piece by piece, so no
list of all rows is ever held in memory. Which records are complete, and the reference
ids they carry, come from one annotated query (selectors.siasn): nothing is guessed, a
record lacking an id is left out of the SIASN file and listed by name on the export
page (and marked in the "with names" table)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ekinerja.core import audit
from ekinerja.core.roles import MemberActor
from ekinerja.core.spreadsheet import safe_cell
from ekinerja.org.models import Jabatan

from . import documents
from .domain import evaluation, ratings, siasn
from .models import PeriodePenilaian
from .selectors import siasn as sel
from .selectors.laporan import AngkaKreditRow

CHUNK_SIZE = 2000  # rows fetched per database round trip
ROWS_PER_WRITE = 200  # rows joined into one chunk of the HTTP response
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# --- SIASN (rules §13): the records, field by field and type by type ----------------------

# `kinerjaperiodik/save`. Types as SIASN's request body: months, years and the three
# codes are numbers; periodikId, koefisienId and every other field are strings; `id` is
# null (a new record); `path` a list of document objects.
PERIODIK_FIELDS: tuple[str, ...] = (
    "id",
    "bulanMulaiPenilaian",
    "bulanSelesaiPenilaian",
    "tahunMulaiPenilaian",
    "tahunSelesaiPenilaian",
    "tahun",
    "periodikId",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "koefisienId",
    "penilaiNama",
    "penilaiNipNrp",
    "penilaiGolongan",
    "penilaiJabatanNama",
    "penilaiUnorNama",
    "statusPenilai",
    "pnsDinilaiId",
    "path",
)
# `skp22/save` (note penilaiJabatan, not …Nama, and pnsDinilaiOrang, not …Id)
TAHUNAN_FIELDS: tuple[str, ...] = (
    "id",
    "tahun",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "penilaiNama",
    "penilaiNipNrp",
    "penilaiGolongan",
    "penilaiJabatan",
    "penilaiUnorNama",
    "statusPenilai",
    "pnsDinilaiOrang",
    "path",
)
# A document object of `path`: all strings.
DOKUMEN_FIELDS: tuple[str, ...] = ("dok_id", "dok_nama", "dok_uri", "object", "slug")
# SIASN's document type "Dokumen Evaluasi Kinerja" (its reference table `dokumen`, under
# "Riwayat Kinerja"; the type public SIASN clients upload kinerja documents under): the
# setting SIASN_DOKUMEN_ID (default "890"), so an agency whose SIASN reference says
# otherwise changes it without a release. The object points at this app's copy of the
# person's Dokumen Evaluasi Kinerja Pegawai: a sender uploads it (`upload-dok`,
# id_ref_dokumen = dok_id) and puts SIASN's dok_uri and object in their place.
SIASN_DOKUMEN_NAMA = "Dokumen Evaluasi Kinerja"

STATUS_ASN = "ASN"
STATUS_NON_ASN = "NON ASN"


def siasn_fields(periode: PeriodePenilaian) -> tuple[str, ...]:
    """The fields of the period's record, in order."""
    return TAHUNAN_FIELDS if periode.is_tahunan else PERIODIK_FIELDS


_NOT_A_DIGIT = re.compile(r"[^0-9]")


def digits(nip: str | None) -> str:
    """A NIP as SIASN stores it: digits only (the snapshot prints it with spaces)."""
    return _NOT_A_DIGIT.sub("", nip or "")


def status_penilai(penilai: Mapping[str, Any] | None) -> str:
    """ "ASN" for a penilai with a NIP, else "NON ASN" (e.g. the regional head)."""
    return STATUS_ASN if penilai and digits(penilai.get("nip")) else STATUS_NON_ASN


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Dokumen:
    """Builds each record's `path`: the absolute URL of the person's Dokumen Evaluasi
    Kinerja Pegawai (appraisal:dokumen-pdf), reversed once and split around the id."""

    periode: PeriodePenilaian
    before: str
    after: str
    name_before: str  # the document's file name around the NIP (documents.pdf_name)
    name_after: str

    @classmethod
    def for_periode(cls, periode: PeriodePenilaian, base_url: str) -> Dokumen:
        marker = 987654321
        url = reverse("appraisal:dokumen-pdf", args=[marker])
        before, after = url.split(str(marker), 1)
        name = documents.pdf_name("dokumen", str(marker), 0, periode)
        name_before, name_after = name.split(str(marker), 1)
        return cls(periode, base_url.rstrip("/") + before, after, name_before, name_after)

    def uri(self, evaluasi_id: int) -> str:
        return f"{self.before}{evaluasi_id}{self.after}"

    def path(self, v: Mapping[str, Any]) -> list[dict[str, str]]:
        nip = v["pegawai__nip"]
        name = (
            f"{self.name_before}{nip}{self.name_after}"
            if nip
            else documents.pdf_name("dokumen", nip, v["pegawai_id"], self.periode)
        )
        dok_id = str(settings.SIASN_DOKUMEN_ID)
        return [
            {
                "dok_id": dok_id,
                "dok_nama": SIASN_DOKUMEN_NAMA,
                "dok_uri": self.uri(v["pk"]),
                "object": name,
                "slug": dok_id,
            }
        ]


def siasn_record(
    v: Mapping[str, Any], periode: PeriodePenilaian, *, dokumen: Dokumen
) -> dict[str, Any]:
    """One rated evaluation (a values() row of selectors.siasn.siasn_queryset) as SIASN's
    record for the period's kind, with exactly SIASN's fields and types. Codes from
    domain.SIASN_*; the penilai as snapshotted when the evaluation was made. A penilai
    who is not ASN (no NIP: the regional head) is `NON ASN` with an empty NIP and
    golongan; every string field is a string, never null. A missing reference id is an
    empty string here, and the record is then incomplete (selectors.siasn.reasons):
    it goes to the "with names" table, never to SIASN."""
    snap = v["snapshot"] or {}
    penilai = snap.get("penilai") or None
    p = penilai or {}
    asn = status_penilai(penilai) == STATUS_ASN
    start, end = periode.tanggal_mulai, periode.tanggal_selesai
    penilai_fields = {
        "penilaiNama": _text(p.get("nama")),
        "penilaiNipNrp": digits(p.get("nip")) if asn else "",
        "penilaiGolongan": _text(v["gol_id"]) if asn else "",
    }
    jabatan, unor = _text(p.get("jabatan")), _text(p.get("unit"))
    common = {
        "hasilKinerjaNilai": siasn.SIASN_RATING[v["rating_hasil_kerja"]],
        "perilakuKerjaNilai": siasn.SIASN_RATING[v["rating_perilaku"]],
        "kuadranKinerjaNilai": siasn.SIASN_KUADRAN[v["predikat"]],
    }
    person_id = _text(v["pegawai__siasn_id"])
    status = STATUS_ASN if asn else STATUS_NON_ASN
    if periode.is_tahunan:
        return {
            "id": None,
            "tahun": start.year,
            **common,
            **penilai_fields,
            "penilaiJabatan": jabatan,
            "penilaiUnorNama": unor,
            "statusPenilai": status,
            "pnsDinilaiOrang": person_id,
            "path": dokumen.path(v),
        }
    return {
        "id": None,
        "bulanMulaiPenilaian": start.month,
        "bulanSelesaiPenilaian": end.month,
        "tahunMulaiPenilaian": start.year,
        "tahunSelesaiPenilaian": end.year,
        "tahun": start.year,
        "periodikId": str(siasn.SIASN_PERIODIK[periode.jenis]),
        **common,
        # Staff outside a functional position have no koefisien: an empty string.
        "koefisienId": _text(v["koef_id"]),
        **penilai_fields,
        "penilaiJabatanNama": jabatan,
        "penilaiUnorNama": unor,
        "statusPenilai": status,
        "pnsDinilaiId": person_id,
        "path": dokumen.path(v),
    }


def _rows(queryset: Any, fields: tuple[str, ...] = sel.VALUES) -> Iterator[Mapping[str, Any]]:
    return queryset.values(*fields).iterator(chunk_size=CHUNK_SIZE)


def siasn_rows(
    *, instansi_id: int, periode: PeriodePenilaian, base_url: str = ""
) -> Iterator[dict[str, Any]]:
    """The SIASN records of the period's complete rated evaluations (dinilai or
    ditetapkan; selectors.siasn.complete_q), one dict per evaluation, by id:
    `kinerjaperiodik/save` for a month or quarter, `skp22/save` for the year. Streams:
    `.values().iterator(chunk_size=CHUNK_SIZE)`, never a list of all rows."""
    qs = sel.siasn_queryset(instansi_id=instansi_id, periode=periode).filter(sel.complete_q())
    dokumen = Dokumen.for_periode(periode, base_url)
    return (siasn_record(v, periode, dokumen=dokumen) for v in _rows(qs, sel.RECORD_VALUES))


def _batched(rows: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for r in rows:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _json_chunks(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    yield b"["
    first = True
    for batch in _batched(
        (json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows), ROWS_PER_WRITE
    ):
        sep = "\n" if first else ",\n"
        first = False
        yield (sep + ",\n".join(batch)).encode()
    yield b"\n]\n"


def siasn_json_stream(
    *, instansi_id: int, periode: PeriodePenilaian, base_url: str = ""
) -> Iterator[bytes]:
    """A JSON array of siasn_rows, written piece by piece (valid JSON once complete)."""
    rows = siasn_rows(instansi_id=instansi_id, periode=periode, base_url=base_url)
    return _json_chunks(rows)


class _Line:
    """A file-like object csv.writer writes one line into (Django's streaming CSV
    recipe), so each row is encoded as it is produced."""

    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    """A CSV cell: None is empty; text a spreadsheet would run as a formula is quoted."""
    return "" if value is None else safe_cell(value)


def csv_chunks(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(list(header))
    lines = (writer.writerow([_cell(c) for c in r]) for r in rows)
    for batch in _batched(lines, ROWS_PER_WRITE):
        yield "".join(batch)


# --- the "with names" table, for people reading the records in Excel -------------------

# Who the row is about and whether it went to SIASN, then SIASN's fields of the record
# (its document as the `dokumen` URL). Fields SIASN does not define live only here.
NAMES_HEAD: tuple[str, ...] = (
    "nipBaru",
    "nama",
    "golongan",
    "jabatanNama",
    "unorNama",
    "predikat",
    "lengkap",
    "keterangan",
)


def names_fields(periode: PeriodePenilaian) -> tuple[str, ...]:
    body = tuple(f for f in siasn_fields(periode) if f not in ("id", "path"))
    return (*NAMES_HEAD, *body, "dokumen")


def names_row(v: Mapping[str, Any], periode: PeriodePenilaian, *, dokumen: Dokumen) -> list[Any]:
    """One rated evaluation as a row of names_fields (complete or not)."""
    record = siasn_record(v, periode, dokumen=dokumen)
    person = (v["snapshot"] or {}).get("pegawai") or {}
    texts = sel.reason_texts(v)
    head = [
        v["pegawai__nip"] or "",
        person.get("nama") or v["pegawai__nama"],
        person.get("golongan") or v["pegawai__golongan"] or "",
        person.get("jabatan") or v["jabatan__nama"],
        person.get("unit") or v["unit__nama"],
        ratings.PREDIKAT_LABELS[v["predikat"]],
        _("Tidak") if texts else _("Ya"),
        "; ".join(texts),
    ]
    body = [record[f] for f in siasn_fields(periode) if f not in ("id", "path")]
    return [*head, *body, dokumen.uri(v["pk"])]


def names_rows(
    *, instansi_id: int, periode: PeriodePenilaian, base_url: str = ""
) -> Iterator[list[Any]]:
    """Every rated evaluation of the period as a names_fields row, by id (streamed)."""
    qs = sel.siasn_queryset(instansi_id=instansi_id, periode=periode)
    dokumen = Dokumen.for_periode(periode, base_url)
    return (names_row(v, periode, dokumen=dokumen) for v in _rows(qs))


def siasn_names_csv_stream(
    *, instansi_id: int, periode: PeriodePenilaian, base_url: str = ""
) -> Iterator[str]:
    rows = names_rows(instansi_id=instansi_id, periode=periode, base_url=base_url)
    return csv_chunks(names_fields(periode), rows)


def siasn_names_xlsx(*, instansi_id: int, periode: PeriodePenilaian, base_url: str = "") -> bytes:
    """The same table as a workbook (openpyxl's write-only mode, every cell through
    _cell like the CSV). NIPs and ids are written as text (they are strings), so Excel
    keeps their digits; plain values rather than styled cells keep 27,000 rows fast."""
    fields = names_fields(periode)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=f"SIASN {periode.label}"[:31])
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for i, name in enumerate(fields, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 34 if name == "nama" else 18
        cell = WriteOnlyCell(ws, value=_cell(name))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    n = 0
    for row in names_rows(instansi_id=instansi_id, periode=periode, base_url=base_url):
        ws.append([_cell(value) for value in row])
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{n + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def siasn_filename(periode: PeriodePenilaian, fmt: str, *, names: bool = False) -> str:
    start = periode.tanggal_mulai
    suffix = "-dengan-nama" if names else ""
    if periode.is_tahunan:
        return f"siasn-skp22-{start.year}{suffix}.{fmt}"
    if periode.jenis == evaluation.JENIS_TRIWULANAN:
        return f"siasn-kinerjaperiodik-{start.year}-tw{periode.nomor}{suffix}.{fmt}"
    return f"siasn-kinerjaperiodik-{start.year}-{start.month:02d}{suffix}.{fmt}"


def siasn_response(
    actor: MemberActor,
    periode: PeriodePenilaian,
    fmt: str,
    *,
    base_url: str,
    extra: Mapping[str, Any] | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """The SIASN download of the export page and the API (one response, one audit
    event): `json` the SIASN file (complete records, streamed), `csv` / `xlsx` the "with
    names" table. X-SIASN-Tidak-Lengkap says how many records were left out."""
    summary = sel.siasn_summary(instansi_id=actor.instansi_id, periode=periode)
    instansi_id = actor.instansi_id
    response: HttpResponse | StreamingHttpResponse
    if fmt == "json":
        response = StreamingHttpResponse(
            siasn_json_stream(instansi_id=instansi_id, periode=periode, base_url=base_url),
            content_type="application/json",
        )
        response["X-Accel-Buffering"] = "no"  # let a proxy pass the stream through
    elif fmt == "csv":
        response = StreamingHttpResponse(
            siasn_names_csv_stream(instansi_id=instansi_id, periode=periode, base_url=base_url),
            content_type="text/csv; charset=utf-8",
        )
        response["X-Accel-Buffering"] = "no"
    elif fmt == "xlsx":
        response = HttpResponse(
            siasn_names_xlsx(instansi_id=instansi_id, periode=periode, base_url=base_url),
            content_type=XLSX,
        )
    else:
        raise ValueError(fmt)
    name = siasn_filename(periode, fmt, names=fmt != "json")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-SIASN-Tidak-Lengkap"] = str(summary.tidak_lengkap)
    audit.record(
        actor=actor.user,
        action="appraisal.siasn_export",
        instansi_id=actor.instansi_id,
        changes={
            "periode": str(periode),
            "format": fmt,
            "rekaman": summary.lengkap if fmt == "json" else summary.total,
            "tidak_lengkap": summary.tidak_lengkap,
            **(extra or {}),
        },
        object_type="appraisal.siasn_export",
        object_repr=str(periode),
    )
    return response


# --- angka kredit (rules §5) --------------------------------------------------------------

AK_COLUMNS = [
    (gettext_lazy("NIP"), 22),
    (gettext_lazy("Nama"), 32),
    (gettext_lazy("Jabatan"), 36),
    (gettext_lazy("Jenjang"), 14),
    (gettext_lazy("Unit kerja"), 30),
    (gettext_lazy("Predikat"), 18),
    (gettext_lazy("Bulan"), 8),
    (gettext_lazy("Koefisien tahunan"), 12),
    (gettext_lazy("Persentase predikat"), 12),
    (gettext_lazy("Angka kredit"), 12),
]


def _ak_values(r: AngkaKreditRow) -> list[Any]:
    return [
        r.nip,
        r.nama,
        r.jabatan,
        str(Jabatan.Jenjang(r.jenjang).label),
        r.unit,
        r.predikat_label,
        r.months,
        r.koefisien,
        int(r.multiplier * 100),
        r.angka_kredit,
    ]


def angka_kredit_csv(rows: Iterable[AngkaKreditRow]) -> Iterator[str]:
    """CSV of the angka kredit rows; AK with three decimals and a point (machine-read)."""

    def line(r: AngkaKreditRow) -> list[Any]:
        out = _ak_values(r)
        out[7] = f"{r.koefisien:f}"
        out[9] = f"{r.angka_kredit:.3f}"
        return out

    return csv_chunks([str(name) for name, _w in AK_COLUMNS], (line(r) for r in rows))


def angka_kredit_xlsx(rows: Iterable[AngkaKreditRow], tahun: int) -> tuple[bytes, int]:
    """The rows in openpyxl's write-only mode (NIP as text, AK as a number shown with
    three decimals). Returns (bytes, row count)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=f"Angka kredit {tahun}")
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for i, (name, width) in enumerate(AK_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        cell = WriteOnlyCell(ws, value=str(name))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    n = 0
    for r in rows:
        values = _ak_values(r)
        nip = WriteOnlyCell(ws, value=values[0])
        nip.number_format = "@"
        ak = WriteOnlyCell(ws, value=Decimal(r.angka_kredit))
        ak.number_format = "0.000"
        ws.append([nip, *(safe_cell(v) for v in values[1:9]), ak])
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(AK_COLUMNS))}{n + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), n
