"""Documents of planning: the SKP as a PDF in the official layout (PermenPANRB 6/2022,
Lampiran: form SKP and its Lampiran), and the XLSX exports of the cascade and of
completeness.

The PDF is an official document whose wording the regulation fixes, so it is always
rendered in Bahasa Indonesia (core.pdf renders it, and its context is built through
`in_document_language`, with Indonesian active), whatever the reader's UI
language; its labels are the form's own and live in the template, not in the catalogue.
WeasyPrint fetches nothing: the template is self-contained and `core.pdf` refuses any
URL, so text typed by users can never make the server load a resource.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from ekinerja.core.pdf import in_document_language, render_pdf
from ekinerja.core.spreadsheet import safe_cell
from ekinerja.org.domain import nama_lengkap
from ekinerja.org.models import Instansi

from . import domain
from .cascade.common import COMPLETENESS_KEYS, GAP_CHOICES, MISSING, gap_label, status_label
from .cascade.completeness import CompletenessRow
from .cascade.export import ExportRow
from .models import RHK, SKP

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


def _blocks(rhk: Iterable[RHK], jenis: str) -> list[RhkBlock]:
    out: list[RhkBlock] = []
    for r in rhk:
        if r.jenis != jenis:
            continue
        block = RhkBlock(
            no=len(out) + 1,
            intervensi=r.intervensi.teks if r.intervensi is not None else "",
            teks=r.teks,
        )
        for i in r.iki.all():
            block.iki.append(
                IkiLine(str(i.get_aspek_display()), i.indikator, domain.target_text(i))
            )
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


@in_document_language
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


def skp_pdf(*, skp: SKP, instansi: Instansi) -> bytes:
    """The SKP as an A4 PDF (WeasyPrint). Access is checked by the caller."""
    return render_pdf("plans/skp_pdf.html", skp_document_context(skp, instansi))


def skp_pdf_filename(skp: SKP) -> str:
    """SKP_<NIP>_<year>_v<versi>.pdf"""
    nip = skp.pegawai.nip or f"pegawai{skp.pegawai_id}"
    return f"SKP_{nip}_{skp.tanggal_mulai:%Y}_v{skp.versi}.pdf"


# --- XLSX ----------------------------------------------------------------------------------
#
# A small streaming SpreadsheetML writer (ECMA-376: one zip of XML parts), for the exports
# only. openpyxl spends ~10 µs per cell on its XML serialiser: the whole cascade of a
# 27,000-staff instansi (137,000 rows × 14 columns) took 21 s there (16 s with lxml),
# about 2 s here. Tests read the files back with openpyxl.

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))  # not allowed in XML
MAX_CELL_TEXT = 32767  # Excel's limit for one cell
STYLE_HEADER, STYLE_PERCENT, STYLE_WRAP = 1, 2, 3
_STYLES = f"""{_HEAD}<styleSheet xmlns="{_MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""  # noqa: E501 - XML kept one element per line


def _esc(text: str) -> str:
    if not text.isprintable():  # rare: tabs, newlines, control characters
        text = text.translate(_CONTROL)
    text = text[:MAX_CELL_TEXT]
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int = 14
    fmt: str = ""  # "percent" for a share stored as a fraction
    wrap: bool = False


class XlsxBook:
    """Sheets written row by row into a zip; `close()` returns the file."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        # Level 1: the text is repetitive, so it still shrinks ~8×, at a fraction of the time.
        self._zip = zipfile.ZipFile(self._buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheets: list[tuple[str, str]] = []  # (title, filter range)

    def sheet(self, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> int:
        """A sheet with a bold, frozen, filtered header row; returns the data rows."""
        index = len(self._sheets) + 1
        letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        styles = []
        for c in columns:
            style = STYLE_PERCENT if c.fmt == "percent" else STYLE_WRAP if c.wrap else 0
            styles.append(f' s="{style}"' if style else "")
        n = 0
        with self._zip.open(f"xl/worksheets/sheet{index}.xml", "w") as out:
            cols = "".join(
                f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1"/>'
                for i, c in enumerate(columns, start=1)
            )
            header = "".join(
                f'<c r="{letters[i]}1" s="{STYLE_HEADER}" t="inlineStr"><is><t>{_esc(c.title)}'
                "</t></is></c>"
                for i, c in enumerate(columns)
            )
            out.write(
                (
                    f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
                    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                    f'</sheetView></sheetViews><cols>{cols}</cols><sheetData><row r="1">{header}'
                    "</row>"
                ).encode()
            )
            chunk: list[str] = []
            for row in rows:
                n += 1
                r = n + 1
                cells = []
                for i, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    ref = f"{letters[i]}{r}"
                    if isinstance(value, bool):
                        value = int(value)
                    if isinstance(value, int | float | Decimal):
                        number = format(value, "f") if isinstance(value, Decimal) else value
                        cells.append(f'<c r="{ref}"{styles[i]}><v>{number}</v></c>')
                    else:
                        # Inline strings are never evaluated, but Excel re-reads a cell
                        # the user edits: a text "=…" gets its quote (core.spreadsheet).
                        cells.append(
                            f'<c r="{ref}"{styles[i]} t="inlineStr"><is><t xml:space="preserve">'
                            f"{_esc(safe_cell(str(value)))}</t></is></c>"
                        )
                chunk.append(f'<row r="{r}">{"".join(cells)}</row>')
                if len(chunk) == 1000:
                    out.write("".join(chunk).encode())
                    chunk = []
            ref = f"A1:{letters[-1]}{n + 1}"
            out.write(f'{"".join(chunk)}</sheetData><autoFilter ref="{ref}"/></worksheet>'.encode())
        self._sheets.append((title[:31], ref))
        return n

    def close(self) -> bytes:
        sheets = "".join(
            f'<sheet name="{_esc(t)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (t, _r) in enumerate(self._sheets, start=1)
        )
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{_esc(chr(39) + t.replace(chr(39), chr(39) * 2) + chr(39))}!"
            f"{_absolute(r)}</definedName>"
            for i, (t, r) in enumerate(self._sheets)
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        styles_id = len(self._sheets) + 1
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(self._sheets) + 1)
        )
        parts = {
            "[Content_Types].xml": (
                f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                'content-types"><Default Extension="rels" ContentType="application/'
                'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                'sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
                f'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>'
            ),
            "_rels/.rels": (
                f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/>'
                f"</bookViews><sheets>{sheets}</sheets><definedNames>{names}</definedNames>"
                "</workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}<Relationship '
                f'Id="rId{styles_id}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
            ),
            "xl/styles.xml": _STYLES,
        }
        for name, text in parts.items():
            self._zip.writestr(name, text)
        self._zip.close()
        return self._buffer.getvalue()


def _absolute(ref: str) -> str:
    """A1:N10 → $A$1:$N$10"""
    out = []
    for part in ref.split(":"):
        col = part.rstrip("0123456789")
        out.append(f"${col}${part[len(col) :]}")
    return ":".join(out)


def cascade_columns() -> list[Column]:
    return [
        Column("no", _("No."), 6),
        Column("tingkat", _("Tingkat"), 8),
        Column("unit", _("Unit kerja"), 28, wrap=True),
        Column("nama", _("Nama"), 28),
        Column("nip", _("NIP"), 21),
        Column("jabatan", _("Jabatan"), 28, wrap=True),
        Column("status", _("Status SKP"), 13),
        Column("versi", _("Versi"), 7),
        Column("jenis", _("Jenis RHK"), 10),
        Column("atasan", _("RHK atasan yang diintervensi"), 45, wrap=True),
        Column("atasan_nama", _("Pemilik RHK atasan"), 24),
        Column("rhk", _("Rencana hasil kerja"), 50, wrap=True),
        Column("iki", _("Jumlah IKI"), 10),
        Column("celah", _("Celah"), 36, wrap=True),
    ]


def staff_columns() -> list[Column]:
    return [
        Column("no", _("No."), 6),
        Column("nama", _("Nama"), 30),
        Column("nip", _("NIP"), 21),
        Column("jabatan", _("Jabatan"), 30, wrap=True),
        Column("unit", _("Unit kerja"), 30, wrap=True),
        Column("status", _("Status SKP"), 16),
    ]


class _Labels:
    """Translated labels looked up once per export, not once per row (gettext per cell
    was a third of the export's time at 137,000 rows)."""

    def __init__(self) -> None:
        self.status = {k: status_label(k) for k in (*domain.STATUSES, None)}
        self.jenis = {k: str(v) for k, v in RHK.Jenis.choices}
        self.gap = {g: gap_label(g) for g in GAP_CHOICES}
        self.stale = _("RHK atasan yang diintervensi sudah diganti versi baru")
        self.revisi = {
            k: _("Revisi sedang berjalan: %(s)s") % {"s": v} for k, v in self.status.items()
        }


def _cascade_row(i: int, row: ExportRow, labels: _Labels) -> list[Any]:
    n = row.node
    notes = [labels.gap[g] for g in n.gaps]
    if row.parent_stale:
        notes.append(labels.stale)
    if n.owner.revisi:
        notes.append(labels.revisi[n.owner.revisi])
    return [
        i, row.depth + 1, n.owner.unit, n.owner.nama, n.owner.nip, n.owner.jabatan,
        labels.status[n.owner.status], n.owner.versi, labels.jenis[n.jenis], row.parent_teks,
        row.parent_nama, n.teks, n.n_iki, "; ".join(notes),
    ]  # fmt: skip


def _staff_row(i: int, p: dict[str, Any], labels: _Labels) -> list[Any]:
    return [
        i,
        nama_lengkap(p["gelar_depan"], p["nama"], p["gelar_belakang"]),
        p["nip"] or "",
        p["jabatan__nama"] or "",
        p["unit__nama"] or "",
        labels.status[p["skp_status"]],
    ]


def cascade_xlsx(
    rows: Sequence[ExportRow], staff: Iterable[dict[str, Any]] | None
) -> tuple[bytes, int]:
    """The cascade rows with their gaps, and (when the filter asks for them) the staff
    without an approved SKP on a second sheet. Returns the file and the number of rows."""
    book = XlsxBook()
    labels = _Labels()
    n = book.sheet(
        _("Kaskade"),
        cascade_columns(),
        (_cascade_row(i, r, labels) for i, r in enumerate(rows, 1)),
    )
    if staff is not None:
        n += book.sheet(
            _("Tanpa SKP disetujui"),
            staff_columns(),
            (_staff_row(i, p, labels) for i, p in enumerate(staff.iterator(2000), 1)),  # type: ignore[attr-defined]
        )
    return book.close(), n


def completeness_xlsx(rows: Sequence[CompletenessRow], total: CompletenessRow):
    """Counts and shares (as Excel percentages) per unit, with the total row."""
    labels = {
        domain.DISETUJUI: _("Disetujui"),
        domain.DIAJUKAN: _("Diajukan"),
        domain.DIKEMBALIKAN: _("Dikembalikan"),
        domain.DRAFT: _("Draf"),
        MISSING: _("Belum ada SKP"),
    }
    columns = [Column("unit", _("Unit kerja"), 40, wrap=True), Column("n", _("Pegawai"), 10)]
    for key in COMPLETENESS_KEYS:
        columns.append(Column(key, labels[key], 12))
        columns.append(Column(f"{key}_pct", f"% {labels[key]}", 12, fmt="percent"))

    def line(r: CompletenessRow) -> list[Any]:
        out: list[Any] = [r.label, r.total]
        for _key, n, pct in r.cells:
            out += [n, pct / 100]
        return out

    book = XlsxBook()
    n = book.sheet(_("Kelengkapan SKP"), columns, [*(line(r) for r in rows), line(total)])
    return book.close(), n
