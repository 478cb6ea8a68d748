"""Reading an uploaded punch file line by line (issue 13 §3): a device's attlog file
(domain.attlog), or a generic CSV/XLSX with a NIP or PIN column and the time (one
"waktu" column, or "tanggal" and "jam"), with an optional "status". Every line becomes
a domain DevicePunch (a NIP is the PIN of the NIP rule) or a LineError with its number
and an Indonesian message. The readers are generators: a large file is never held as
a list of rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from ekinerja.core.msg import _

from ..domain import attlog
from ..domain.punches import UNDEFINED
from ..models import ImporPresensi

Line = attlog.DevicePunch | attlog.LineError

# Header names (lower case, letters and digits only) → the column they are.
ALIASES = {
    "pin": {"pin", "userid", "iduser", "nomorpin", "idmesin"},
    "nip": {"nip", "nipnipppk", "nippppk", "nipppk"},
    "waktu": {"waktu", "tanggaljam", "tanggalwaktu", "datetime", "waktuabsen"},
    "tanggal": {"tanggal", "date", "tgl"},
    "jam": {"jam", "time", "pukul"},
    "status": {"status", "state", "statusverifikasi"},
}
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
_TIME_FORMATS = ("%H:%M:%S", "%H:%M")


def detect_format(filename: str) -> str:
    """CSV and XLSX by extension; anything else (1_attlog.dat, .txt) is an attlog."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext in (ImporPresensi.Format.CSV, ImporPresensi.Format.XLSX):
        return ext
    if ext in ("xls", "ods", "xlsm", "xlsb"):
        raise ValidationError(
            gettext("Format .%(ext)s tidak didukung. Simpan sebagai .xlsx atau .csv.")
            % {"ext": ext}
        )
    return ImporPresensi.Format.ATTLOG


def _text(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04" or b"\x00" in data[:8192]:
        raise ValidationError(
            gettext("Berkas ini bukan teks. Unggah log mesin (.dat/.txt), CSV, atau XLSX.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(gettext("Berkas tidak dapat dibaca sebagai teks."))


def _attlog_lines(data: bytes) -> Iterator[Line]:
    for number, raw in enumerate(io.StringIO(_text(data), newline=None), start=1):
        parsed = attlog.parse_attlog_line(raw, number)
        if parsed is not None:
            yield parsed


def _key(header: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


def _columns(header: list[Any]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _key(name)
        for column, names in ALIASES.items():
            if key in names and column not in cols:
                cols[column] = index
    if "pin" not in cols and "nip" not in cols:
        raise ValidationError(gettext("Baris judul harus memuat kolom NIP atau PIN."))
    if "waktu" not in cols and not ("tanggal" in cols and "jam" in cols):
        raise ValidationError(
            gettext('Baris judul harus memuat kolom "waktu", atau kolom "tanggal" dan "jam".')
        )
    return cols


def _parse(text: str, formats: tuple[str, ...]) -> dt.datetime | None:
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _when(cells: list[Any], cols: dict[str, int]) -> dt.datetime | None:
    def cell(name: str) -> Any:
        i = cols.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    if "waktu" in cols:
        value = cell("waktu")
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None, microsecond=0)
        text = " ".join(str(value or "").split())
        date_text, _sep, time_text = text.partition(" ")
        day, clock = _parse(date_text, _DATE_FORMATS), _parse(time_text, _TIME_FORMATS)
    else:
        day_value, clock_value = cell("tanggal"), cell("jam")
        day = day_value if isinstance(day_value, dt.datetime) else None
        if isinstance(day_value, dt.date) and day is None:
            day = dt.datetime.combine(day_value, dt.time())
        if day is None:
            day = _parse(str(day_value or "").strip()[:10], _DATE_FORMATS)
        if isinstance(clock_value, dt.time):
            clock = dt.datetime.combine(dt.date.min, clock_value)
        elif isinstance(clock_value, dt.datetime):
            clock = clock_value
        else:
            clock = _parse(str(clock_value or "").strip(), _TIME_FORMATS)
    if day is None or clock is None:
        return None
    return dt.datetime.combine(day.date(), clock.time().replace(microsecond=0))


def _identifier(value: Any) -> str | None:
    """The PIN or NIP as text: spaces of a printed NIP removed; a number Excel stored as
    a float is refused past 15 digits (its last digits are lost)."""
    if isinstance(value, float):
        if not value.is_integer() or value >= 1e15:
            return None
        value = int(value)
    return "".join(str(value if value is not None else "").split())


def _row(cells: list[Any], cols: dict[str, int], number: int, raw: str) -> Line | None:
    if all(c in (None, "") for c in cells):
        return None
    column = "nip" if "nip" in cols else "pin"
    value = cells[cols[column]] if cols[column] < len(cells) else None
    pin = _identifier(value)
    if not pin:
        if pin is None:
            return attlog.LineError(
                number, raw, _("NIP atau PIN %(nilai)s tidak terbaca; tulis sebagai teks.",
                               nilai=value)
            )  # fmt: skip
        return attlog.LineError(number, raw, _("NIP atau PIN kosong."))
    if not re.fullmatch(r"[0-9A-Za-z]{1,24}", pin):
        return attlog.LineError(
            number, raw, _("PIN %(pin)s tidak sah: hanya huruf dan angka, paling panjang 24.",
                           pin=pin)
        )  # fmt: skip
    time = _when(cells, cols)
    if time is None:
        return attlog.LineError(
            number, raw, _("Waktu tidak terbaca: tulis tanggal dan jam (YYYY-MM-DD HH:MM:SS).")
        )
    state = UNDEFINED
    if "status" in cols and cols["status"] < len(cells) and cells[cols["status"]] not in (None, ""):
        text = str(cells[cols["status"]]).strip().removesuffix(".0")
        if not text.isdigit() or int(text) > 255:
            return attlog.LineError(
                number, raw, _("Status %(nilai)s tidak sah: harus angka 0–255.", nilai=text)
            )
        state = int(text)
    return attlog.DevicePunch(pin, time, state, raw=raw[:255], line=number)


def _csv_lines(data: bytes) -> Iterator[Line]:
    text = _text(data)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cols: dict[str, int] | None = None
    for cells in reader:
        number = reader.line_num
        if cols is None:
            cols = _columns(cells)
            continue
        line = _row(cells, cols, number, delimiter.join(cells))
        if line is not None:
            yield line
    if cols is None:
        raise ValidationError(gettext("Berkas kosong."))


def _xlsx_lines(data: bytes) -> Iterator[Line]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same refusal
        raise ValidationError(gettext("Berkas XLSX tidak dapat dibuka.")) from None
    try:
        sheet = book.worksheets[0]
        cols: dict[str, int] | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if cols is None:
                if all(c in (None, "") for c in cells):
                    continue
                cols = _columns(cells)
                continue
            raw = "\t".join("" if c is None else str(c) for c in cells)
            line = _row(cells, cols, number, raw)
            if line is not None:
                yield line
        if cols is None:
            raise ValidationError(gettext("Berkas kosong."))
    finally:
        book.close()


def read_lines(fmt: str, data: bytes) -> Iterator[Line]:
    """The lines of a punch file in file order, as device punches or line errors. A file
    that cannot be read at all raises ValidationError (from the first line on)."""
    if fmt == ImporPresensi.Format.CSV:
        return _csv_lines(data)
    if fmt == ImporPresensi.Format.XLSX:
        return _xlsx_lines(data)
    return _attlog_lines(data)
