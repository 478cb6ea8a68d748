"""Reading SIASN's reference exports into the tables the SIASN export needs (rules §13;
issue 11 §5): golongan ids (SIASN's `golonganPns`: id, nama "III/c", namaPangkat),
koefisienId per jenjang × predikat (SIASN's `koefisien`: id, jabatan "Ahli Pertama",
jenjang "PT", persentase "100", keterangan "Baik") and person ids by NIP (SIASN's list
of the agency's ASN: id, nipBaru, …).

No ORM, no request: bytes in, a mapping and the rows that are wrong out. A file is a CSV
or XLSX (read by core.tabular.read_table, the staff import's reader, with its size
and format checks) or the JSON SIASN's reference service answers (a list of objects, or
{"data": [...]}). Columns are found by name, whatever their case, spacing or order;
unknown columns are ignored."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from ekinerja.core import tabular as reading
from ekinerja.core.msg import Msg
from ekinerja.core.tabular import CellError, ImportFileError, RowError, cell_text, parse_nip_cell
from ekinerja.org import domain as org_domain
from ekinerja.org.services.siasn import SIASN_ID_RE

from .domain import angka_kredit, ratings

MAX_ERRORS = 200  # kept per file; the page shows the first ones


def _key(text: Any) -> str:
    return re.sub(r"[^0-9a-z]", "", str(text or "").lower())


# Column names as SIASN's exports spell them, and common variants (compared by _key).
GOLONGAN_ID = ("id", "idgolongan", "golonganid", "golid", "kodegolongan", "kode")
GOLONGAN_NAMA = ("nama", "golongan", "namagolongan", "golruang", "golonganruang", "gol")
KOEFISIEN_ID = ("id", "koefisienid", "idkoefisien", "kodekoefisien", "kode")
KOEFISIEN_JENJANG = ("jabatan", "jenjang", "namajenjang", "jenjangjabatan", "namajabatan")
KOEFISIEN_PERSEN = ("persentase", "prosentase", "persen")
KOEFISIEN_PREDIKAT = ("keterangan", "predikat")
PEGAWAI_NIP = ("nipbaru", "nip", "nip18")
PEGAWAI_ID = (
    "id",
    "pnsid",
    "idpns",
    "pnsorangid",
    "orangid",
    "idorang",
    "idsiasn",
    "siasnid",
    "pnsdinilaiid",
)

# SIASN's jenjang codes in its koefisien table, and the names.
JENJANG_BY_KEY: dict[str, str] = {
    "pt": "ahli_pertama",
    "mu": "ahli_muda",
    "ma": "ahli_madya",
    "ut": "ahli_utama",
    "pm": "pemula",
    "tr": "terampil",
    "mh": "mahir",
    "py": "penyelia",
    **{_key(code): code for code in org_domain.JENJANG_CODES},
    **{_key(label): code for code, label in org_domain.JENJANG_CODES.items()},
}
PREDIKAT_BY_PERSEN: dict[Decimal, str] = {
    (m * 100).normalize(): p for p, m in angka_kredit.MULTIPLIER.items()
}
PREDIKAT_BY_KEY: dict[str, str] = {
    **{_key(label): p for p, label in ratings.PREDIKAT_LABELS.items()},
    **{_key(p): p for p in ratings.PREDIKAT},
    "kurang": ratings.KURANG,
    "misconduct": ratings.KURANG,
}


@dataclass
class Parsed:
    """A reference file read: {key: SIASN id}, the rows that are wrong, the rows with no
    id (skipped), and the columns used."""

    mapping: dict[Any, str] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    kosong: int = 0
    rows: int = 0
    more_errors: int = 0  # beyond MAX_ERRORS

    def err(self, row: int, column: str, value: Any, message: Msg | str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, cell_text(value), message))
        else:
            self.more_errors += 1

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors


# --- reading ------------------------------------------------------------------------------


def read(filename: str, data: bytes, *, max_bytes: int) -> list[list[Any]]:
    """The upload's rows of cells, header first (ImportFileError if unreadable)."""
    name = (filename or "").strip()
    if name.lower().endswith(".json"):
        if len(data) > max_bytes:
            raise ImportFileError(
                _("Berkas terlalu besar (%(size)s MB); batas unggahan %(max)s MB.")
                % {
                    "size": reading.format_mb(len(data)),
                    "max": reading.format_mb(max_bytes),
                }
            )
        return _json_table(data)
    try:
        return reading.read_table(name, data, max_bytes=max_bytes)
    except ImportFileError as e:
        if name.rsplit(".", 1)[-1].lower() not in ("csv", "xlsx", "xls", "ods", "xlsm", "xlsb"):
            raise ImportFileError(
                _("Berkas %(name)s bukan CSV, XLSX, atau JSON.") % {"name": name or "?"}
            ) from None
        raise e


def _json_table(data: bytes) -> list[list[Any]]:
    bad = ImportFileError(
        _(
            "Berkas JSON tidak dapat dibaca: isinya harus daftar objek, mis. "
            '[{"id": "33", "nama": "III/c"}], atau {"data": [...]}.'
        )
    )
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad from None
    if isinstance(value, dict):
        value = value.get("data")
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise bad
    if len(value) > reading.MAX_ROWS:
        raise ImportFileError(_("Berkas berisi lebih dari %(n)s baris.") % {"n": reading.MAX_ROWS})
    header: list[str] = []
    for r in value:
        for k in r:
            if k not in header:
                header.append(str(k))
    return [header, *([_json_cell(r.get(k)) for k in header] for r in value)]


def _json_cell(value: Any) -> Any:
    return value if isinstance(value, str | int | float | type(None)) else json.dumps(value)


def _columns(
    header: Sequence[Any], wanted: dict[str, tuple[str, ...]]
) -> tuple[dict[str, list[int]], list[str]]:
    """{role: [column indexes]} for each role whose names appear in the header (the
    role's first name first), and the roles missing."""
    keys = [_key(h) for h in header]
    found: dict[str, list[int]] = {}
    taken: set[int] = set()
    for role, names in wanted.items():
        idx = [keys.index(n) for n in names if n in keys and keys.index(n) not in taken]
        if idx:
            found[role] = idx
            taken.update(idx)
    return found, [role for role in wanted if role not in found]


def _missing_columns(missing: list[str], names: dict[str, str]) -> ImportFileError:
    return ImportFileError(
        _("Kolom %(cols)s tidak ditemukan di baris judul.")
        % {"cols": ", ".join(names[m] for m in missing)}
    )


def _rows(table: list[list[Any]]) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    if not table:
        raise ImportFileError(_("Berkas kosong."))
    header, body = table[0], table[1:]
    numbered = [
        (i, list(r))
        for i, r in enumerate(body, start=2)
        if any(cell_text(c) for c in r)  # blank lines
    ]
    if not numbered:
        raise ImportFileError(_("Berkas tidak berisi baris data."))
    return list(header), numbered


def _cell(row: list[Any], i: int) -> Any:
    return row[i] if i < len(row) else None


def _siasn_id(p: Parsed, number: int, column: str, value: Any) -> str | None:
    text = cell_text(value)
    if text == "":
        p.kosong += 1
        return None
    if not SIASN_ID_RE.fullmatch(text):
        p.err(number, column, value, _("ID SIASN hanya huruf, angka, - atau _ (paling banyak 64)."))
        return None
    return text


def _put(p: Parsed, number: int, column: str, key: Any, label: str, sid: str) -> None:
    old = p.mapping.get(key)
    if old is not None and old != sid:
        p.err(
            number,
            column,
            sid,
            _("%(k)s tercantum lagi dengan ID lain (%(a)s).") % {"k": label, "a": old},
        )
        return
    p.mapping[key] = sid


def _unique_ids(p: Parsed, labels: dict[Any, str]) -> None:
    """One SIASN id for two keys is a mistake in the file."""
    seen: dict[str, Any] = {}
    for key, sid in p.mapping.items():
        if sid in seen:
            p.err(
                0,
                "id",
                sid,
                _("ID %(id)s dipakai untuk %(a)s dan %(b)s.")
                % {"id": sid, "a": labels[seen[sid]], "b": labels[key]},
            )
        else:
            seen[sid] = key


# --- golongan -------------------------------------------------------------------------------


def parse_golongan(table: list[list[Any]]) -> Parsed:
    """{golongan text ("III/c", PPPK "IX"): SIASN id} from SIASN's golonganPns table."""
    header, rows = _rows(table)
    cols, missing = _columns(header, {"id": GOLONGAN_ID, "golongan": GOLONGAN_NAMA})
    if missing:
        raise _missing_columns(missing, {"id": "id", "golongan": "nama (golongan)"})
    p = Parsed(rows=len(rows))
    known = set(org_domain.PANGKAT_PNS) | set(org_domain.GOLONGAN_PPPK)
    for number, row in rows:
        raw = _cell(row, cols["golongan"][0])
        gol = org_domain.parse_golongan_cell(raw)
        if gol not in known:
            p.err(number, "golongan", raw, _("Golongan tidak dikenal (mis. III/c, atau IX)."))
            continue
        sid = _siasn_id(p, number, "id", _cell(row, cols["id"][0]))
        if sid is not None:
            _put(p, number, "id", gol, gol, sid)
    _unique_ids(p, {g: g for g in p.mapping})
    return p


# --- koefisien ------------------------------------------------------------------------------


def _jenjang(row: list[Any], idx: list[int]) -> str | None:
    for i in idx:
        code = JENJANG_BY_KEY.get(_key(_cell(row, i)))
        if code:
            return code
    return None


def _predikat(row: list[Any], cols: dict[str, list[int]]) -> str | None:
    for i in cols.get("persen", []):
        text = cell_text(_cell(row, i)).replace("%", "").replace(",", ".").strip()
        try:
            found = PREDIKAT_BY_PERSEN.get(Decimal(text).normalize())
        except InvalidOperation:
            found = None
        if found:
            return found
    for i in cols.get("predikat", []):
        found = PREDIKAT_BY_KEY.get(_key(_cell(row, i)))
        if found:
            return found
    return None


def koefisien_label(key: tuple[str, str]) -> str:
    jenjang, predikat = key
    return f"{org_domain.JENJANG_CODES[jenjang]} – {ratings.PREDIKAT_LABELS[predikat]}"


def parse_koefisien(table: list[list[Any]]) -> Parsed:
    """{(jenjang, predikat): koefisienId} from SIASN's koefisien table: a row per jenjang
    (its name or SIASN's code, e.g. "Ahli Pertama" / "PT") and percentage (150, 100, 75,
    50, 25) or predikat ("Baik")."""
    header, rows = _rows(table)
    cols, missing = _columns(
        header,
        {
            "id": KOEFISIEN_ID,
            "jenjang": KOEFISIEN_JENJANG,
            "persen": KOEFISIEN_PERSEN,
            "predikat": KOEFISIEN_PREDIKAT,
        },
    )
    missing = [m for m in missing if m not in ("persen", "predikat")]
    if "persen" not in cols and "predikat" not in cols:
        missing.append("persen")
    if missing:
        raise _missing_columns(
            missing,
            {"id": "id", "jenjang": "jabatan (jenjang)", "persen": "persentase (atau keterangan)"},
        )
    p = Parsed(rows=len(rows))
    for number, row in rows:
        jenjang = _jenjang(row, cols["jenjang"])
        if jenjang is None:
            p.err(
                number,
                "jabatan",
                _cell(row, cols["jenjang"][0]),
                _("Jenjang tidak dikenal (mis. Ahli Pertama, Terampil, atau kode SIASN PT)."),
            )
            continue
        predikat = _predikat(row, cols)
        if predikat is None:
            first = (cols.get("persen") or cols["predikat"])[0]
            p.err(
                number,
                "persentase",
                _cell(row, first),
                _("Persentase harus 150, 100, 75, 50, atau 25 (atau nama predikatnya)."),
            )
            continue
        sid = _siasn_id(p, number, "id", _cell(row, cols["id"][0]))
        if sid is not None:
            key = (jenjang, predikat)
            _put(p, number, "id", key, koefisien_label(key), sid)
    _unique_ids(p, {k: koefisien_label(k) for k in p.mapping})
    return p


# --- people -------------------------------------------------------------------------------


def parse_pegawai(table: list[list[Any]]) -> Parsed:
    """{NIP: SIASN person id} from a list of the agency's ASN exported from SIASN."""
    header, rows = _rows(table)
    cols, missing = _columns(header, {"nip": PEGAWAI_NIP, "id": PEGAWAI_ID})
    if missing:
        raise _missing_columns(missing, {"nip": "nipBaru (NIP)", "id": "id (ID SIASN)"})
    p = Parsed(rows=len(rows))
    for number, row in rows:
        raw = _cell(row, cols["nip"][0])
        try:
            nip = parse_nip_cell(raw)
        except CellError as e:
            p.err(number, "nip", raw, e.message)
            continue
        if not (len(nip) == 18 and nip.isascii() and nip.isdigit()):
            p.err(number, "nip", raw, _("NIP terdiri atas 18 angka."))
            continue
        sid = _siasn_id(p, number, "id", _cell(row, cols["id"][0]))
        if sid is not None:
            _put(p, number, "id", nip, nip, sid)
    _unique_ids(p, {n: n for n in p.mapping})
    return p
