"""Exports of the appraisal: the SIASN exchange records (rules §13) as JSON or CSV, and
the angka kredit table (rules §5) as CSV or XLSX.

The SIASN export covers a whole instansi (27,000 people in the benchmark): rows come
from `.values(...).iterator(chunk_size=…)` and are written out piece by piece, so no
list of all rows is ever held in memory. Setup queries (the rule set's koefisien) run
when the stream is created, before the first byte, so an error is an HTTP error and
not a broken download."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ekinerja.core.spreadsheet import safe_cell
from ekinerja.org.models import Jabatan

from . import domain
from .models import AturanPenilaian, Evaluasi, PeriodePenilaian
from .selectors.laporan import RATED, AngkaKreditRow

CHUNK_SIZE = 2000  # rows fetched per database round trip
ROWS_PER_WRITE = 200  # rows joined into one chunk of the HTTP response

# --- SIASN (rules §13): the field names, exactly, in SIASN's order ------------------------

# `kinerjaperiodik/save`
PERIODIK_FIELDS: tuple[str, ...] = (
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
# Not SIASN's: who the row is about, for people reading the CSV (and for matching rows
# by NIP when pnsDinilaiId is not loaded yet). SIASN ignores unknown fields.
EXTRA_FIELDS: tuple[str, ...] = ("nipBaru", "nama", "golongan", "jabatanNama", "unorNama")

STATUS_ASN = "ASN"
STATUS_NON_ASN = "NON ASN"


def siasn_fields(periode: PeriodePenilaian) -> tuple[str, ...]:
    """The columns of the export of `periode`: SIASN's record fields, then the extras."""
    return (TAHUNAN_FIELDS if periode.is_tahunan else PERIODIK_FIELDS) + EXTRA_FIELDS


def digits(nip: str | None) -> str:
    """A NIP as SIASN stores it: digits only (the snapshot prints it with spaces)."""
    return "".join(ch for ch in (nip or "") if ch.isdigit())


def status_penilai(penilai: Mapping[str, Any] | None) -> str:
    """ "ASN" for a penilai with a NIP, else "NON ASN" (e.g. the regional head)."""
    return STATUS_ASN if penilai and digits(penilai.get("nip")) else STATUS_NON_ASN


def _path_template(base_url: str) -> tuple[str, str]:
    """The evaluation PDF's absolute URL (appraisal:evaluasi-pdf) split around the id:
    reversed once, not per row."""
    marker = 987654321
    url = reverse("appraisal:evaluasi-pdf", args=[marker])
    before, after = url.split(str(marker), 1)
    return base_url.rstrip("/") + before, after


def koefisien_map(*, instansi_id: int, tahun: int) -> dict[str, Any]:
    """{jenjang: koefisienId} the agency loaded from SIASN for the year (one query)."""
    row = (
        AturanPenilaian.objects.filter(instansi_id=instansi_id, tahun=tahun)
        .values_list("siasn_koefisien", flat=True)
        .first()
    )
    return dict(row or {})


def siasn_record(
    v: Mapping[str, Any],
    periode: PeriodePenilaian,
    *,
    koefisien: Mapping[str, Any],
    path: tuple[str, str],
) -> dict[str, Any]:
    """One rated evaluation (a values() row of `_siasn_queryset`) as SIASN's record for
    the period's kind, followed by EXTRA_FIELDS. Codes from domain.SIASN_*; the penilai
    as snapshotted when the evaluation was made."""
    snap = v["snapshot"] or {}
    penilai = snap.get("penilai") or None
    p = penilai or {}
    pegawai = snap.get("pegawai") or {}
    start, end = periode.tanggal_mulai, periode.tanggal_selesai
    hk = domain.SIASN_RATING.get(v["rating_hasil_kerja"])
    pk = domain.SIASN_RATING.get(v["rating_perilaku"])
    kuadran = domain.SIASN_KUADRAN[v["predikat"]]
    url = f"{path[0]}{v['pk']}{path[1]}"
    record: dict[str, Any]
    if periode.is_tahunan:
        record = {
            "tahun": start.year,
            "hasilKinerjaNilai": hk,
            "perilakuKerjaNilai": pk,
            "kuadranKinerjaNilai": kuadran,
            "penilaiNama": p.get("nama") or None,
            "penilaiNipNrp": digits(p.get("nip")) or None,
            "penilaiGolongan": p.get("golongan") or None,
            "penilaiJabatan": p.get("jabatan") or None,
            "penilaiUnorNama": p.get("unit") or None,
            "statusPenilai": status_penilai(penilai),
            "pnsDinilaiOrang": v["pegawai__siasn_id"] or None,
            "path": url,
        }
    else:
        jenjang = v["jabatan__jenjang"] or ""
        record = {
            "bulanMulaiPenilaian": start.month,
            "bulanSelesaiPenilaian": end.month,
            "tahunMulaiPenilaian": start.year,
            "tahunSelesaiPenilaian": end.year,
            "tahun": start.year,
            "periodikId": domain.SIASN_PERIODIK[periode.jenis],
            "hasilKinerjaNilai": hk,
            "perilakuKerjaNilai": pk,
            "kuadranKinerjaNilai": kuadran,
            "koefisienId": koefisien.get(jenjang) if jenjang else None,
            "penilaiNama": p.get("nama") or None,
            "penilaiNipNrp": digits(p.get("nip")) or None,
            "penilaiGolongan": p.get("golongan") or None,
            "penilaiJabatanNama": p.get("jabatan") or None,
            "penilaiUnorNama": p.get("unit") or None,
            "statusPenilai": status_penilai(penilai),
            "pnsDinilaiId": v["pegawai__siasn_id"] or None,
            "path": url,
        }
    record.update(
        nipBaru=v["pegawai__nip"] or None,
        nama=pegawai.get("nama") or v["pegawai__nama"],
        golongan=pegawai.get("golongan") or v["pegawai__golongan"] or None,
        jabatanNama=pegawai.get("jabatan") or v["jabatan__nama"],
        unorNama=pegawai.get("unit") or v["unit__nama"],
    )
    return record


def _siasn_queryset(*, instansi_id: int, periode: PeriodePenilaian):
    return (
        Evaluasi.objects.filter(
            instansi_id=instansi_id, periode_penilaian=periode, status__in=RATED
        )
        .exclude(predikat="")
        .order_by("pk")
        .values(
            "pk",
            "rating_hasil_kerja",
            "rating_perilaku",
            "predikat",
            "snapshot",
            "pegawai__siasn_id",
            "pegawai__nip",
            "pegawai__nama",
            "pegawai__golongan",
            "jabatan__nama",
            "jabatan__jenjang",
            "unit__nama",
        )
    )


def siasn_rows(
    *, instansi_id: int, periode: PeriodePenilaian, base_url: str = ""
) -> Iterator[dict[str, Any]]:
    """The SIASN records of the period's rated evaluations (dinilai or ditetapkan), one
    dict per evaluation: `kinerjaperiodik/save` fields for a month or quarter,
    `skp22/save` fields for the year (rules §13), then EXTRA_FIELDS (nipBaru, nama,
    golongan, jabatanNama, unorNama of the person — SIASN ignores them; CSV readers
    need them). `path` is the absolute URL of the evaluation PDF (`base_url` + route).
    Streams: `.values().iterator(chunk_size=CHUNK_SIZE)`, never a list of all rows."""
    if periode.instansi_id != instansi_id:
        raise ValueError("the period belongs to another instansi")
    koefisien = (
        {}
        if periode.is_tahunan
        else koefisien_map(instansi_id=instansi_id, tahun=periode.tanggal_mulai.year)
    )
    path = _path_template(base_url)
    qs = _siasn_queryset(instansi_id=instansi_id, periode=periode)
    return (
        siasn_record(v, periode, koefisien=koefisien, path=path)
        for v in qs.iterator(chunk_size=CHUNK_SIZE)
    )


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


def siasn_csv_stream(
    *, instansi_id: int, periode: PeriodePenilaian, base_url: str = ""
) -> Iterator[str]:
    """The same records as CSV: a header row of the field names, then one line each."""
    fields = siasn_fields(periode)
    rows = siasn_rows(instansi_id=instansi_id, periode=periode, base_url=base_url)
    return csv_chunks(fields, ([r[f] for f in fields] for r in rows))


def siasn_filename(periode: PeriodePenilaian, fmt: str) -> str:
    start = periode.tanggal_mulai
    if periode.is_tahunan:
        return f"siasn-skp22-{start.year}.{fmt}"
    if periode.jenis == domain.JENIS_TRIWULANAN:
        return f"siasn-kinerjaperiodik-{start.year}-tw{periode.nomor}.{fmt}"
    return f"siasn-kinerjaperiodik-{start.year}-{start.month:02d}.{fmt}"


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
