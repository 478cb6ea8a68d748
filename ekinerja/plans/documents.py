"""Documents of planning: the SKP as a PDF in the official layout (PermenPANRB 6/2022,
Lampiran: form SKP and its Lampiran), and the XLSX exports of the cascade and of
completeness.

The PDF is an official document whose wording the regulation fixes, so it is always
rendered in Bahasa Indonesia (translation.override("id")), whatever the reader's UI
language; its labels are the form's own and live in the template, not in the catalogue.
WeasyPrint fetches nothing: the template is self-contained and `_no_fetch` refuses any
URL, so text typed by users can never make the server load a resource.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ekinerja.core.numbers import format_id
from ekinerja.org.domain import nama_lengkap
from ekinerja.org.models import Instansi

from . import cascade, domain
from .models import IKI, RHK, SKP

# --- the SKP PDF --------------------------------------------------------------------------


@dataclass
class IkiLine:
    aspek: str
    indikator: str
    target: str


@dataclass
class RhkBlock:
    no: int
    intervensi: str
    teks: str
    iki: list[IkiLine] = field(default_factory=list)

    @property
    def span(self) -> int:
        return max(1, len(self.iki))

    @property
    def first(self) -> IkiLine | None:
        return self.iki[0] if self.iki else None

    @property
    def rest(self) -> list[IkiLine]:
        return self.iki[1:]


def _number(value: Decimal | None) -> str:
    """12 → "12", 12.5 → "12,5", 1234567 → "1.234.567" (Indonesian writing)."""
    if value is None:
        return ""
    d = value.normalize()
    exponent = d.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_id(d, places)


def target_text(iki: IKI) -> str:
    """An IKI target as printed: number + unit, a range, or the kualitatif text
    (rules §8)."""
    satuan = f" {iki.satuan}" if iki.satuan else ""
    if iki.target_jenis == domain.TARGET_ANGKA:
        return f"{_number(iki.target_nilai)}{satuan}"
    if iki.target_jenis == domain.TARGET_RENTANG:
        return f"{_number(iki.target_min)} – {_number(iki.target_maks)}{satuan}"
    return iki.target_teks


def _blocks(rhk: Iterable[RHK], jenis: str) -> list[RhkBlock]:
    out = []
    for r in rhk:
        if r.jenis != jenis:
            continue
        block = RhkBlock(
            no=len(out) + 1,
            intervensi=r.intervensi.teks if r.intervensi_id else "",
            teks=r.teks,
        )
        for i in r.iki.all():
            block.iki.append(IkiLine(str(i.get_aspek_display()), i.indikator, target_text(i)))
        out.append(block)
    return out


def _identity(block: dict[str, Any] | None) -> dict[str, str]:
    block = block or {}
    pangkat = ", ".join(p for p in (block.get("pangkat") or "", block.get("golongan") or "") if p)
    return {
        "nama": block.get("nama") or "",
        "nip": block.get("nip") or "",
        "pangkat": pangkat,
        "jabatan": block.get("jabatan") or "",
        "unit": block.get("unit") or "",
    }


def _local_date(instansi: Instansi, moment: dt.datetime | None) -> dt.date:
    tz = ZoneInfo(instansi.zona_waktu or "Asia/Jakarta")
    if moment is not None:
        return timezone.localtime(moment, tz).date()
    return timezone.localdate(timezone=tz)


def _tanggal(d: dt.date) -> str:
    return formats.date_format(d, "j F Y")


def skp_document_context(skp: SKP, instansi: Instansi) -> dict[str, Any]:
    """What the form shows; `skp` comes from selectors.skp_with_content (RHK with IKI and
    intervened RHK, expectations, lampiran prefetched)."""
    rhk = list(skp.rhk.all())
    ekspektasi = {e.nilai: e.ekspektasi for e in skp.ekspektasi.all()}
    lampiran = getattr(skp, "lampiran", None)
    signed = _local_date(instansi, skp.approved_at if skp.status == domain.DISETUJUI else None)
    return {
        "skp": skp,
        "instansi": instansi,
        "pendekatan": str(skp.get_pendekatan_display()).upper(),
        "periode_text": f"{_tanggal(skp.tanggal_mulai)} s.d. {_tanggal(skp.tanggal_selesai)}",
        "pegawai": _identity(skp.snapshot.get("pegawai")),
        "penilai": _identity(skp.snapshot.get("penilai")),
        "utama": _blocks(rhk, domain.RHK_UTAMA),
        "tambahan": _blocks(rhk, domain.RHK_TAMBAHAN),
        "perilaku": [(v, ekspektasi.get(v.nomor, "")) for v in domain.BERAKHLAK],
        "lampiran": lampiran,
        "tempat": instansi.kota or instansi.nama,
        "tanggal": _tanggal(signed),
        "draft": skp.status != domain.DISETUJUI,
        "status_label": str(skp.get_status_display()),
    }


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"external resources are not loaded in SKP documents: {url[:80]}")


def skp_pdf(*, skp: SKP, instansi: Instansi) -> bytes:
    """The SKP as an A4 PDF (WeasyPrint). Access is checked by the caller."""
    from weasyprint import HTML  # heavy: imported only when a PDF is made

    with translation.override("id"):
        html = render_to_string("plans/skp_pdf.html", skp_document_context(skp, instansi))
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def skp_pdf_filename(skp: SKP) -> str:
    """SKP_<NIP>_<year>_v<versi>.pdf"""
    nip = skp.pegawai.nip or f"pegawai{skp.pegawai_id}"
    return f"SKP_{nip}_{skp.tanggal_mulai:%Y}_v{skp.versi}.pdf"


# --- XLSX ----------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int = 14
    fmt: str = ""


def _sheet(wb: Workbook, title: str, columns: Sequence[Column], rows: Iterable[list[Any]]) -> int:
    """One write-only sheet: bold frozen header, auto-filter, column widths. Data rows
    are appended as plain values: a styled cell per value costs openpyxl ~15× more
    (42 s instead of ~3 s for a 27,000-staff cascade). NIP stays text because it is
    written as a string; only percentage columns get a number format."""
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    bold = Font(bold=True)
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c.title)
        cell.font = bold
        cell.alignment = WRAP
        header.append(cell)
    ws.append(header)
    formatted = [i for i, c in enumerate(columns) if c.fmt]
    n = 0
    for row in rows:
        if formatted:
            row = list(row)
            for i in formatted:
                cell = WriteOnlyCell(ws, value=row[i])
                cell.number_format = columns[i].fmt
                row[i] = cell
        ws.append(row)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    return n


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def cascade_columns() -> list[Column]:
    return [
        Column("no", _("No."), 6),
        Column("tingkat", _("Tingkat"), 8),
        Column("unit", _("Unit kerja"), 28),
        Column("nama", _("Nama"), 28),
        Column("nip", _("NIP"), 21),
        Column("jabatan", _("Jabatan"), 28),
        Column("status", _("Status SKP"), 13),
        Column("versi", _("Versi"), 7),
        Column("jenis", _("Jenis RHK"), 10),
        Column("atasan", _("RHK atasan yang diintervensi"), 45),
        Column("atasan_nama", _("Pemilik RHK atasan"), 24),
        Column("rhk", _("Rencana hasil kerja"), 50),
        Column("iki", _("Jumlah IKI"), 10),
        Column("celah", _("Celah"), 36),
    ]


def staff_columns() -> list[Column]:
    return [
        Column("no", _("No."), 6),
        Column("nama", _("Nama"), 30),
        Column("nip", _("NIP"), 21),
        Column("jabatan", _("Jabatan"), 30),
        Column("unit", _("Unit kerja"), 30),
        Column("status", _("Status SKP"), 16),
    ]


def _cascade_row(i: int, row: cascade.ExportRow) -> list[Any]:
    n = row.node
    notes = list(n.gap_labels)
    if row.parent_stale:
        notes.append(_("RHK atasan yang diintervensi sudah diganti versi baru"))
    if n.owner.revisi:
        notes.append(_("Revisi sedang berjalan: %(s)s") % {"s": n.owner.revisi_label})
    return [
        i, row.depth + 1, n.owner.unit, n.owner.nama, n.owner.nip, n.owner.jabatan,
        n.owner.status_label, n.owner.versi, n.jenis_label, row.parent_teks, row.parent_nama,
        n.teks, n.n_iki, "; ".join(notes),
    ]  # fmt: skip


def _staff_row(i: int, p: dict[str, Any]) -> list[Any]:
    return [
        i,
        nama_lengkap(p["gelar_depan"], p["nama"], p["gelar_belakang"]),
        p["nip"] or "",
        p["jabatan__nama"] or "",
        p["unit__nama"] or "",
        cascade.status_label(p["skp_status"]),
    ]


def cascade_xlsx(
    rows: Sequence[cascade.ExportRow], staff: Iterable[dict[str, Any]] | None
) -> tuple[bytes, int]:
    """The cascade rows with their gaps, and (when the filter asks for them) the staff
    without an approved SKP on a second sheet. Returns the file and the number of rows."""
    wb = Workbook(write_only=True)
    n = _sheet(
        wb, _("Kaskade"), cascade_columns(), (_cascade_row(i, r) for i, r in enumerate(rows, 1))
    )
    if staff is not None:
        n += _sheet(
            wb,
            _("Tanpa SKP disetujui"),
            staff_columns(),
            (_staff_row(i, p) for i, p in enumerate(staff.iterator(2000), 1)),  # type: ignore[attr-defined]
        )
    return _save(wb), n


def completeness_xlsx(rows: Sequence[cascade.CompletenessRow], total: cascade.CompletenessRow):
    """Counts and shares (as Excel percentages) per unit, with the total row."""
    labels = {
        domain.DISETUJUI: _("Disetujui"),
        domain.DIAJUKAN: _("Diajukan"),
        domain.DIKEMBALIKAN: _("Dikembalikan"),
        domain.DRAFT: _("Draf"),
        cascade.MISSING: _("Belum ada SKP"),
    }
    columns = [Column("unit", _("Unit kerja"), 40), Column("n", _("Pegawai"), 10)]
    for key in cascade.COMPLETENESS_KEYS:
        columns.append(Column(key, labels[key], 12))
        columns.append(Column(f"{key}_pct", f"% {labels[key]}", 12, fmt="0.0%"))

    def line(r: cascade.CompletenessRow) -> list[Any]:
        out: list[Any] = [r.label, r.total]
        for _key, n, pct in r.cells:
            out += [n, pct / 100]
        return out

    wb = Workbook(write_only=True)
    n = _sheet(wb, _("Kelengkapan SKP"), columns, [*(line(r) for r in rows), line(total)])
    return _save(wb), n
