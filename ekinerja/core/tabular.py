"""Reading an upload into rows of cells: a CSV (UTF-8, UTF-8 with BOM or Windows-1252;
comma, semicolon or tab) or the first sheet of an XLSX, the content checked against
the extension, the size against the limit, a zip bomb refused. Pure: no ORM, no
request; shared by the staff import (org.imports) and the SIASN reference import
(appraisal). Also the cell helpers both read with: the cell as the user sees it, a cell's
error, a row's error and the NIP column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from .msg import Msg, _
from .nip import normalize_nip

MAX_ROWS = 100_000
# A real workbook compresses text roughly 5–20×; far more than that is a zip bomb.
MAX_XLSX_EXPANSION = 50


class ImportFileError(ValueError):
    """The upload as a whole cannot be read; `message` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def format_mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def read_table(filename: str, data: bytes, *, max_bytes: int) -> list[list[Any]]:
    """The cells of the upload's first sheet, row by row (header first).

    The extension chooses the reader and the content must agree with it: a CSV must be
    text (UTF-8, UTF-8 with BOM, or Windows-1252), an XLSX a real workbook.
    """
    name = (filename or "").strip()
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if len(data) > max_bytes:
        raise ImportFileError(
            gettext("Berkas terlalu besar (%(size)s MB); batas unggahan %(max)s MB.")
            % {"size": format_mb(len(data)), "max": format_mb(max_bytes)}
        )
    if not data:
        raise ImportFileError(gettext("Berkas kosong."))
    if ext == "csv":
        return _read_csv(name, data)
    if ext == "xlsx":
        return _read_xlsx(name, data)
    if ext in ("xls", "ods", "xlsm", "xlsb"):
        raise ImportFileError(
            gettext(
                "Format .%(ext)s tidak didukung. Buka berkas di Excel lalu simpan sebagai "
                "Excel Workbook (.xlsx) atau CSV UTF-8 (.csv)."
            )
            % {"ext": ext}
        )
    raise ImportFileError(
        gettext("Berkas %(name)s bukan CSV atau XLSX. Unggah berkas berekstensi .csv atau .xlsx.")
        % {"name": name or "?"}
    )


def _read_csv(name: str, data: bytes) -> list[list[Any]]:
    head = data[:8192]
    if head.startswith(b"PK\x03\x04") or b"\x00" in head:
        raise ImportFileError(
            gettext(
                "Berkas %(name)s bukan CSV teks: isinya tampak seperti berkas biner (mis. "
                "Excel yang diganti ekstensinya). Unggah berkas .xlsx sebagai .xlsx, atau "
                "simpan sebagai CSV dari Excel."
            )
            % {"name": name}
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(
            gettext('Berkas CSV tidak dapat dibaca. Simpan ulang dari Excel sebagai "CSV UTF-8".')
        )
    first_line = text.split("\n", 1)[0]
    # Excel with Indonesian regional settings saves CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as e:
        raise ImportFileError(
            gettext("Berkas CSV rusak: %(e)s. Simpan ulang dari Excel sebagai CSV.") % {"e": e}
        ) from None


def _read_xlsx(name: str, data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    bad = ImportFileError(
        gettext(
            "Berkas %(name)s bukan berkas Excel (.xlsx) yang sah. Buka di Excel lalu simpan "
            "sebagai Excel Workbook (.xlsx), atau unggah CSV."
        )
        % {"name": name}
    )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise bad
    try:
        with zipfile.ZipFile(buffer) as zf:
            names = set(zf.namelist())
            expanded = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        raise bad from None
    if "xl/workbook.xml" not in names:
        raise bad
    if expanded > MAX_XLSX_EXPANSION * max(len(data), 1024 * 1024):
        raise bad
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise bad from None
    try:
        if not wb.worksheets:
            raise bad
        ws = wb.worksheets[0]
        rows: list[list[Any]] = []
        for r in ws.iter_rows(values_only=True):
            rows.append(list(r))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        wb.close()


# --- cells and rows -------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as the user would read it (for error tables)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time(0) else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


class CellError(ValueError):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.msgid)
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int  # as the user sees it in the file: the header is row 1
    column: str
    value: str
    message: Msg | str  # a Msg is rendered in the reader's language when shown

    def as_dict(self) -> dict[str, Any]:
        """As stored in ImportBatch.errors: the message as its msgid and parameters, so
        the preview speaks the language of whoever opens it (render with core.msg.render)."""
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": (
                self.message.as_json() if isinstance(self.message, Msg) else str(self.message)
            ),
        }


_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?[eE][+]?\d+$")


def parse_nip_cell(value: Any) -> str:
    """An 18-digit NIP, spaces allowed. A number that lost its digits in Excel is refused
    with a message that tells the user how to fix the column."""

    def hint(v: str) -> Msg:
        return _(
            "NIP terbaca sebagai angka (%(v)s) sehingga digit terakhirnya hilang. Format "
            "kolom NIP sebagai Teks di Excel, lalu ketik ulang NIP-nya.",
            v=v,
        )

    if isinstance(value, bool):
        raise CellError(_("NIP hanya boleh berisi angka 0–9."))
    if isinstance(value, float):
        raise CellError(hint(repr(value)))
    if isinstance(value, int):
        return str(value)
    text = cell_text(value).lstrip("'")
    if _SCIENTIFIC.match(text.replace(" ", "")):
        raise CellError(hint(text))
    return normalize_nip(text)
