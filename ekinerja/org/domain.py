"""Pure rules for organisation and people: NIP, golongan, names, supervisors.

No ORM, no request, no clock: callers pass everything in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ekinerja.core.msg import Msg, _
from ekinerja.core.nip import normalize_nip
from ekinerja.core.tabular import cell_text

# --- NIP / NI PPPK (rules §6) -------------------------------------------------------

PNS = "PNS"
CPNS = "CPNS"
PPPK = "PPPK"
NON_ASN = "NON_ASN"

GENDER_MALE = "L"
GENDER_FEMALE = "P"


class NipError(ValueError):
    """A NIP that cannot be right; `msg` (and `message`, rendered now) is for the user."""

    def __init__(self, code: str, msg: Msg) -> None:
        super().__init__(msg.msgid)
        self.code = code
        self.msg = msg

    @property
    def message(self) -> str:
        return str(self.msg)


@dataclass(frozen=True)
class NipInfo:
    nip: str
    kind: str  # "PNS" or "PPPK"
    birth_date: dt.date
    gender: str  # "L" or "P"
    appointment_year: int
    appointment_month: int | None  # PNS: TMT CPNS month; PPPK: None
    contract_count: int | None  # PPPK only
    serial: int


_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def nip_digits_only(text: str) -> bool:
    """Only ASCII 0–9 (str.isdigit() also accepts ١, ², ①, ０…)."""
    return bool(_ASCII_DIGITS.fullmatch(text))


def _add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


MIN_APPOINTMENT_AGE = 17


def parse_nip(raw: str) -> NipInfo:
    """Parse a PNS NIP or PPPK NI (rules §6, PP 11/2017 and Peraturan BKN on NI PPPK).

    PNS:  YYYYMMDD birth + YYYYMM TMT CPNS + G (1 male, 2 female) + NNN.
    PPPK: YYYYMMDD birth + YYYY appointment + 2 + F (contract 1–9) + G + NNN.
    Digits 13–14 are a month 01–12 for PNS and 21–29 for PPPK. Only ASCII digits 0–9:
    Arabic-Indic, superscript or full-width digits are other characters, and would make
    a second NIP for the same person.
    """
    nip = normalize_nip(raw)
    if not nip:
        raise NipError("required", _("NIP wajib diisi."))
    if not nip_digits_only(nip):
        bad = next(ch for ch in nip if not nip_digits_only(ch))
        raise NipError("digits", _("NIP hanya boleh berisi angka 0–9 (tertulis “%(c)s”).", c=bad))
    if len(nip) != 18:
        raise NipError("length", _("NIP harus 18 digit (tertulis %(n)d digit).", n=len(nip)))
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(
            "birth_date",
            _("8 digit pertama NIP bukan tanggal lahir yang sah (%(d)s).", d=nip[0:8]),
        ) from None
    year = int(nip[8:12])
    d13 = int(nip[12:14])
    gender_digit = nip[14]
    serial = int(nip[15:18])
    if 1 <= d13 <= 12:
        kind, month, contract = PNS, d13, None
    elif 21 <= d13 <= 29:
        kind, month, contract = PPPK, None, d13 - 20
    else:
        raise NipError(
            "month",
            _(
                "Digit 13–14 NIP (%(m)s) harus bulan TMT CPNS 01–12 untuk PNS "
                "atau 21–29 untuk PPPK.",
                m=nip[12:14],
            ),
        )
    if gender_digit not in "12":
        raise NipError(
            "gender",
            _(
                "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan %(g)s.",
                g=gender_digit,
            ),
        )
    if serial == 0:
        raise NipError("serial", _("Nomor urut NIP (3 digit terakhir) tidak boleh 000."))
    seventeen = _add_years(birth, MIN_APPOINTMENT_AGE)
    if month is not None:
        # TMT CPNS is the first day of its month: the person is 17 on that day or before.
        tmt = dt.date(year, month, 1)
        if tmt < seventeen:
            raise NipError(
                "appointment",
                _(
                    "TMT CPNS pada NIP (%(t)s) lebih awal dari ulang tahun ke-17 (%(d)s).",
                    t=tmt.strftime("%d-%m-%Y"),
                    d=seventeen.strftime("%d-%m-%Y"),
                ),
            )
    elif year < seventeen.year:
        # PPPK: only the year is known; 17 on some day of it is enough.
        raise NipError(
            "appointment",
            _("Tahun pengangkatan pada NIP (%(y)d) kurang dari 17 tahun setelah lahir.", y=year),
        )
    return NipInfo(
        nip=nip,
        kind=kind,
        birth_date=birth,
        gender=GENDER_MALE if gender_digit == "1" else GENDER_FEMALE,
        appointment_year=year,
        appointment_month=month,
        contract_count=contract,
        serial=serial,
    )


# A NIP is a login name, unique over all agencies: one taken elsewhere is refused in these
# words, which do not say where (issue 11 §8).
NIP_UNUSABLE = _(
    "NIP %(n)s tidak dapat digunakan. Periksa kembali NIP-nya; bila sudah benar, hubungi "
    "admin platform."
)


def format_nip(nip: str) -> str:
    """`19860926 201505 1 001` (PNS) or `20001231 2024 21 1 001` (PPPK), as printed on
    official documents; anything that is not an 18-digit NIP is returned as it is."""
    if len(nip) != 18 or not nip_digits_only(nip):
        return nip
    if 21 <= int(nip[12:14]) <= 29:
        return f"{nip[0:8]} {nip[8:12]} {nip[12:14]} {nip[14]} {nip[15:]}"
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def identity_errors(
    info: NipInfo, *, status: str, gender: str | None, birth_date: dt.date | None
) -> dict[str, Msg]:
    """Disagreements between a record and its NIP (rules §6: they must agree)."""
    errors: dict[str, Msg] = {}
    if status in (PNS, CPNS) and info.kind != PNS:
        errors["status"] = _("NIP ini adalah NI PPPK, tetapi status pegawai %(s)s.", s=status)
    if status == PPPK and info.kind != PPPK:
        errors["status"] = _("NIP ini adalah NIP PNS, tetapi status pegawai PPPK.")
    if gender and gender != info.gender:
        errors["jenis_kelamin"] = _(
            "Jenis kelamin tidak sesuai NIP (NIP menunjukkan %(g)s).",
            g=_("laki-laki") if info.gender == GENDER_MALE else _("perempuan"),
        )
    if birth_date and birth_date != info.birth_date:
        errors["tanggal_lahir"] = _(
            "Tanggal lahir tidak sesuai NIP (NIP menunjukkan %(d)s).",
            d=info.birth_date.strftime("%d-%m-%Y"),
        )
    return errors


# --- Golongan and pangkat (rules §12) ------------------------------------------------

PANGKAT_PNS: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
GOLONGAN_PPPK: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip
GOLONGAN_CHOICES: list[tuple[str, str]] = [(g, f"{g} – {p}") for g, p in PANGKAT_PNS.items()] + [
    (g, f"{g} (PPPK)") for g in GOLONGAN_PPPK
]


def normalize_golongan(raw: str) -> str:
    """Accept the common spellings: `III/a`, `iii/A`, `III a`, `IIIa`, `III-a`."""
    s = (raw or "").strip().replace(" ", "").replace("-", "/").replace(".", "")
    if not s:
        return ""
    roman = s.rstrip("abcdeABCDE/")
    ruang = s[len(roman) :].strip("/").lower()
    roman = roman.upper()
    return f"{roman}/{ruang}" if ruang else roman


def golongan_error(status: str, golongan: str) -> Msg | None:
    """None when the golongan suits the status, else a message (rules §12)."""
    if status == NON_ASN:
        return None if not golongan else _("Pejabat non-ASN tidak memiliki golongan.")
    if not golongan:
        return _("Golongan wajib diisi.")
    if status in (PNS, CPNS) and golongan not in PANGKAT_PNS:
        return _("Golongan %(g)s bukan golongan/ruang PNS (I/a sampai IV/e).", g=golongan)
    if status == PPPK and golongan not in GOLONGAN_PPPK:
        return _("Golongan %(g)s bukan golongan PPPK (I sampai XVII).", g=golongan)
    return None


def pangkat(golongan: str) -> str:
    return PANGKAT_PNS.get(golongan, "")


def golongan_rank(golongan: str) -> int:
    """Order golongan for sorting: PNS I/a=1 … IV/e=17; PPPK I=1 … XVII=17."""
    if golongan in PANGKAT_PNS:
        return list(PANGKAT_PNS).index(golongan) + 1
    if golongan in GOLONGAN_PPPK:
        return GOLONGAN_PPPK.index(golongan) + 1
    return 0


# --- Names -------------------------------------------------------------------------


def nama_lengkap(gelar_depan: str, nama: str, gelar_belakang: str) -> str:
    """`Dr. Ir. Siti Aminah, M.Si.` — gelar depan before, gelar belakang after a comma.

    A gelar belakang ends with its own period (`S.Kom.`), so a sentence that ends with
    this name must not add another: compose such sentences through `single_period`."""
    out = " ".join(p for p in (gelar_depan.strip(), nama.strip()) if p)
    if gelar_belakang.strip():
        out = f"{out}, {gelar_belakang.strip()}"
    return out


_DOUBLE_PERIOD = re.compile(r"(?<!\.)\.\.(?!\.)")


def single_period(sentence: str) -> str:
    """`… kepada Budi, S.Kom..` → `… kepada Budi, S.Kom.`: the sentence's own period
    after a name whose gelar already ends with one (PUEBI: an abbreviation's period also
    ends the sentence). An ellipsis (`...`) is left alone."""
    return _DOUBLE_PERIOD.sub(".", sentence)


# --- Supervisors (spec README: supervision comes from the org chart) -----------------

HOLDER_DEFINITIF = "definitif"
HOLDER_PLT = "plt"
HOLDER_PLH = "plh"
_HOLDER_PRIORITY = {HOLDER_DEFINITIF: 0, HOLDER_PLT: 1, HOLDER_PLH: 2}


@dataclass(frozen=True)
class Holding:
    pegawai_id: int
    jabatan_id: int
    jenis: str  # definitif / plt / plh
    since: dt.date


def acting_holders(holdings: Iterable[Holding]) -> dict[int, int]:
    """Per position, the person who acts in it: the definitive holder, else a Plt, else
    a Plh; among equals, the longest-serving (earliest `since`, then lowest id)."""
    best: dict[int, tuple[int, dt.date, int]] = {}
    for h in holdings:
        key = (_HOLDER_PRIORITY.get(h.jenis, 9), h.since, h.pegawai_id)
        cur = best.get(h.jabatan_id)
        if cur is None or key < cur:
            best[h.jabatan_id] = key
    return {jabatan_id: key[2] for jabatan_id, key in best.items()}


def resolve_supervisors(
    *,
    pegawai_jabatan: Mapping[int, int | None],
    jabatan_parent: Mapping[int, int | None],
    holders: Mapping[int, int],
    overrides: Mapping[int, int],
) -> dict[int, int | None]:
    """The direct supervisor (pejabat penilai) of every person (rules §12).

    Walk up from the person's position to the first ancestor position that someone
    (other than the person) acts in: definitive, else Plt, else Plh. A vacant position
    is skipped, so its staff report to the next level up. An explicit per-person
    override wins. Cycles in bad data stop the walk rather than loop.
    """

    def first_holder(node: int | None, exclude: int | None) -> int | None:
        seen: set[int] = set()
        while node is not None and node not in seen:
            seen.add(node)
            holder = holders.get(node)
            if holder is not None and holder != exclude:
                return holder
            node = jabatan_parent.get(node)
        return None

    out: dict[int, int | None] = {}
    memo: dict[int | None, int | None] = {}
    for pegawai_id, jabatan_id in pegawai_jabatan.items():
        if pegawai_id in overrides:
            out[pegawai_id] = overrides[pegawai_id]
            continue
        start = jabatan_parent.get(jabatan_id) if jabatan_id is not None else None
        if start not in memo:
            memo[start] = first_holder(start, None)
        found = memo[start]
        if found == pegawai_id:
            # The person acts (Plt/Plh) in their own supervisor's position: look higher.
            found = first_holder(start, pegawai_id)
        out[pegawai_id] = found
    return out


def supervisor_chain(
    pegawai_id: int, atasan: Mapping[int, int | None], limit: int = 20
) -> list[int]:
    """[direct supervisor, their supervisor, …] up to the top, stopping at a cycle."""
    chain: list[int] = []
    node = atasan.get(pegawai_id)
    while node is not None and node not in chain and node != pegawai_id and len(chain) < limit:
        chain.append(node)
        node = atasan.get(node)
    return chain


# --- Unit tree paths ---------------------------------------------------------------

PATH_WIDTH = 8


def unit_path(parent_path: str, unit_id: int) -> str:
    """Materialised path `00000001.00000007.` so a subtree is one prefix match."""
    return f"{parent_path}{unit_id:0{PATH_WIDTH}d}."


# --- Jabatan codes and the golongan column (shared by the imports and SIASN) ----------

# Jabatan.Jenis / Jabatan.Jenjang / Jabatan.Eselon codes, kept here as data so the rules
# stay free of the ORM (test_imports asserts they match the model's choices).
JENIS_CODES: dict[str, str] = {
    "pejabat_negara": "Pejabat Negara / Kepala Daerah",
    "jpt_utama": "JPT Utama",
    "jpt_madya": "JPT Madya",
    "jpt_pratama": "JPT Pratama",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "pelaksana": "Pelaksana",
    "fungsional": "Fungsional",
}
JENJANG_CODES: dict[str, str] = {
    "ahli_pertama": "Ahli Pertama",
    "ahli_muda": "Ahli Muda",
    "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama",
    "pemula": "Pemula",
    "terampil": "Terampil",
    "mahir": "Mahir",
    "penyelia": "Penyelia",
}
ESELON_CODES: tuple[str, ...] = ("I.a", "I.b", "II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b")


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
          "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII")  # fmt: skip


def parse_golongan_cell(value: Any) -> str:
    """Normalised spelling; whether it suits the status is checked with the row."""
    text = cell_text(value)
    if text.isdigit() and 1 <= int(text) <= 17:
        return _ROMAN[int(text) - 1]  # PPPK golongan written in Arabic numerals
    return normalize_golongan(text)
