"""Pure rules for importing units, positions and staff from CSV/XLSX files.

No ORM, no request, no clock. This module turns each cell of a table (read by
core.tabular) into a normalised value, or an Indonesian message saying what is wrong with
it, maps the header onto the columns (columns.py), and checks a parent map for loops.
Checks against the database live in units.py, jabatan.py and pegawai.py; the columns
are documented for users in docs/import.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ekinerja.core.spreadsheet import unescape_cell
from ekinerja.core.tabular import (
    MAX_ROWS,
    CellError,
    RowError,
    cell_text,
    parse_nip_cell,
)

from .. import domain
from ..domain import JENIS_CODES, JENJANG_CODES, _, parse_golongan_cell
from .columns import COLUMNS, Column

STATUS_CODES: tuple[str, ...] = (domain.PNS, domain.CPNS, domain.PPPK)


def _key(text: Any) -> str:
    """Lower case, letters and digits only: `Kode Induk`, `kode_induk`, `KODE-INDUK` match."""
    return re.sub(r"[^0-9a-z]", "", str(text or "").lower())


_JENIS_BY_KEY: dict[str, str] = {
    **{_key(code): code for code in JENIS_CODES},
    **{_key(label): code for code, label in JENIS_CODES.items()},
    "pejabatnegara": "pejabat_negara",
    "kepaladaerah": "pejabat_negara",
    "jptu": "jpt_utama",
    "jptm": "jpt_madya",
    "jptp": "jpt_pratama",
    "jf": "fungsional",
    "jft": "fungsional",
    "fungsionalkeahlian": "fungsional",
    "fungsionalketerampilan": "fungsional",
    "jabatanfungsional": "fungsional",
    "jabatanpelaksana": "pelaksana",
    "jabatanadministrator": "administrator",
    "jabatanpengawas": "pengawas",
}
_JENJANG_BY_KEY: dict[str, str] = {
    **{_key(code): code for code in JENJANG_CODES},
    **{_key(label): code for code, label in JENJANG_CODES.items()},
    "pertama": "ahli_pertama",
    "muda": "ahli_muda",
    "madya": "ahli_madya",
    "utama": "ahli_utama",
}
_TRUE = {"ya", "y", "yes", "true", "1", "benar", "v", "x"}
_FALSE = {"tidak", "t", "no", "n", "false", "0", "bukan", "salah", "-"}


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any]  # column -> JSON-able normalised value (dates as ISO strings)
    raw: dict[str, str] = field(default_factory=dict)  # column -> the cell as shown


@dataclass
class ParsedFile:
    kind: str
    columns: list[str]  # known columns present in the file, in file order
    ignored: list[str]  # headers we do not know (left alone)
    rows: list[ParsedRow]
    errors: list[RowError]


# --- cells --------------------------------------------------------------------------------


def parse_text(value: Any) -> str:
    # The exports quote text a spreadsheet would run as a formula (core.spreadsheet);
    # reading such a file back gives the original text.
    return " ".join(unescape_cell(cell_text(value)).split())


def parse_code(value: Any) -> str:
    """Codes are identifiers: outer spaces dropped, inner runs of spaces made one."""
    return " ".join(unescape_cell(cell_text(value)).split())


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    text = cell_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE or text == "":
        return False
    raise CellError(_("Isi dengan ya atau tidak."))


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")


def parse_date(value: Any) -> str | None:
    """ISO date string, or None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = cell_text(value)
    if not text:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}[ T]00:00(:00)?$", text):
        text = text[:10]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise CellError(
        _(
            "Tanggal %(v)s tidak dikenali. Gunakan format HH-BB-TTTT (mis. 26-09-1986), "
            "TTTT-BB-HH, atau HH/BB/TTTT.",
            v=text,
        )
    )


def parse_gender(value: Any) -> str:
    text = _key(value)
    if not text:
        return ""
    if text in ("l", "lk", "lakilaki", "pria", "m"):
        return domain.GENDER_MALE
    if text in ("p", "pr", "perempuan", "wanita", "w", "f"):
        return domain.GENDER_FEMALE
    raise CellError(_("Jenis kelamin harus L atau P."))


def parse_status(value: Any) -> str:
    text = _key(value).upper()
    if text == "P3K":
        text = domain.PPPK
    if text in STATUS_CODES:
        return text
    raise CellError(_("Status harus PNS, CPNS, atau PPPK."))


def parse_jenis(value: Any) -> str:
    text = _key(value)
    if not text:
        raise CellError(_("Jenis jabatan wajib diisi."))
    if text in _JENIS_BY_KEY:
        return _JENIS_BY_KEY[text]
    raise CellError(
        _(
            "Jenis jabatan tidak dikenal. Gunakan JPT Utama, JPT Madya, JPT Pratama, "
            "Administrator, Pengawas, Pelaksana, Fungsional, atau Pejabat Negara."
        )
    )


def parse_jenjang(value: Any) -> str:
    text = _key(value)
    if not text:
        return ""
    if text in _JENJANG_BY_KEY:
        return _JENJANG_BY_KEY[text]
    raise CellError(
        _(
            "Jenjang tidak dikenal. Gunakan Ahli Pertama, Ahli Muda, Ahli Madya, Ahli Utama, "
            "Pemula, Terampil, Mahir, atau Penyelia."
        )
    )


def parse_eselon(value: Any) -> str:
    text = re.sub(r"[\s./\-]", "", cell_text(value)).upper()
    if text in ("", "NONESELON", "NON", "0"):
        return ""
    m = re.match(r"^(I{1,3}|IV)([AB])$", text)
    if m:
        return f"{m.group(1)}.{m.group(2).lower()}"
    raise CellError(_("Eselon harus I.a sampai IV.b, atau kosong untuk non-eselon."))


def parse_kelas(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Kelas jabatan harus angka 1 sampai 17."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = cell_text(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,3}", text):
        raise CellError(_("Kelas jabatan harus angka 1 sampai 17."))
    kelas = int(text)
    if not 1 <= kelas <= 17:
        raise CellError(_("Kelas jabatan harus antara 1 dan 17."))
    return kelas


def parse_email(value: Any) -> str:
    text = cell_text(value)
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(_("Alamat email tidak sah.")) from None
    return text


PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": parse_text,
    "code": parse_code,
    "bool": parse_bool,
    "nip": parse_nip_cell,
    "date": parse_date,
    "gender": parse_gender,
    "status": parse_status,
    "golongan": parse_golongan_cell,
    "jenis": parse_jenis,
    "jenjang": parse_jenjang,
    "eselon": parse_eselon,
    "kelas": parse_kelas,
    "email": parse_email,
}


# --- rows ---------------------------------------------------------------------------------


def _blank(row: Sequence[Any]) -> bool:
    return all(cell_text(c) == "" for c in row)


def map_header(
    kind: str, header: Sequence[Any], *, row: int = 1
) -> tuple[dict[int, Column], list[str], list[RowError]]:
    """Which file column holds which of our columns. Returns (index → Column, ignored
    headers, errors)."""
    by_key: dict[str, Column] = {}
    for col in COLUMNS[kind]:
        by_key[_key(col.name)] = col
        for alias in col.aliases:
            by_key.setdefault(alias, col)
    mapping: dict[int, Column] = {}
    seen: dict[str, int] = {}
    ignored: list[str] = []
    errors: list[RowError] = []
    for i, cell in enumerate(header):
        title = cell_text(cell)
        if not title:
            continue
        col = by_key.get(_key(title))
        if col is None:
            ignored.append(title)
            continue
        if col.name in seen:
            errors.append(
                RowError(
                    row,
                    col.name,
                    title,
                    _(
                        "Kolom %(c)s muncul lebih dari sekali (kolom ke-%(a)d dan ke-%(b)d).",
                        c=col.name,
                        a=seen[col.name] + 1,
                        b=i + 1,
                    ),
                )
            )
            continue
        seen[col.name] = i
        mapping[i] = col
    for col in COLUMNS[kind]:
        if col.required and col.name not in seen:
            errors.append(
                RowError(
                    row,
                    col.name,
                    "",
                    _("Kolom wajib %(c)s tidak ada di baris judul.", c=col.name),
                )
            )
    return mapping, ignored, errors


def parse_rows(kind: str, table: Iterable[Sequence[Any]]) -> ParsedFile:
    """Header row, then data rows: each cell parsed, each problem reported by row and
    column. Wholly blank rows are skipped (but still counted for row numbers)."""
    rows_iter = iter(table)
    header: Sequence[Any] | None = None
    header_row = 0
    for number, candidate in enumerate(rows_iter, start=1):
        if not _blank(candidate):
            header, header_row = candidate, number
            break
    if header is None:
        return ParsedFile(
            kind, [], [], [], [RowError(1, "", "", _("Berkas tidak berisi baris judul kolom."))]
        )
    mapping, ignored, errors = map_header(kind, header, row=header_row)
    columns = [mapping[i].name for i in sorted(mapping)]
    parsed: list[ParsedRow] = []
    if errors:  # a bad header makes every row unreadable: report only the header
        return ParsedFile(kind, columns, ignored, parsed, errors)
    for number, cells in enumerate(rows_iter, start=header_row + 1):
        if _blank(cells):
            continue
        if len(parsed) >= MAX_ROWS:
            errors.append(
                RowError(
                    number,
                    "",
                    "",
                    _(
                        "Berkas berisi lebih dari %(n)s baris data; bagi menjadi beberapa berkas.",
                        n=f"{MAX_ROWS:,}".replace(",", "."),
                    ),
                )
            )
            break
        values: dict[str, Any] = {}
        raw: dict[str, str] = {}
        for i, col in mapping.items():
            cell = cells[i] if i < len(cells) else None
            raw[col.name] = cell_text(cell)
            try:
                value = PARSERS[col.parser](cell)
            except CellError as e:
                errors.append(RowError(number, col.name, raw[col.name], e.message))
                continue
            if col.max_length and isinstance(value, str) and len(value) > col.max_length:
                errors.append(
                    RowError(
                        number,
                        col.name,
                        raw[col.name],
                        _("Terlalu panjang: paling banyak %(n)d karakter.", n=col.max_length),
                    )
                )
                continue
            if col.required and value in ("", None):
                errors.append(
                    RowError(number, col.name, "", _("Kolom %(c)s wajib diisi.", c=col.name))
                )
                continue
            values[col.name] = value
        parsed.append(ParsedRow(number, values, raw))
    return ParsedFile(kind, columns, ignored, parsed, errors)


# --- graph checks -------------------------------------------------------------------------


def find_cycles(parent: dict[str, str | None], starts: Iterable[str]) -> dict[str, list[str]]:
    """For each start node that lies on a cycle of `parent` links, the cycle as a path
    (start → … → start). Nodes that merely lead into a cycle are not reported."""
    out: dict[str, list[str]] = {}
    for start in starts:
        path = [start]
        seen = {start}
        node = parent.get(start)
        while node is not None:
            if node == start:
                out[start] = [*path, start]
                break
            if node in seen:
                break  # a cycle above us, reported at its own members
            seen.add(node)
            path.append(node)
            node = parent.get(node)
    return out


def tree_depths(parent: dict[str, str | None]) -> dict[str, int]:
    """Depth of each node in an acyclic parent map (roots 0)."""
    depth: dict[str, int] = {}
    for start in parent:
        chain = []
        node: str | None = start
        while node is not None and node not in depth and node not in chain:
            chain.append(node)
            node = parent.get(node)
        base = depth.get(node, -1) if node is not None else -1
        for n in reversed(chain):
            base += 1
            depth[n] = base
    return depth
