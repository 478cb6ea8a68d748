"""Pure rules for performance planning (SKP): BerAKHLAK, aspects, targets, workflow,
periods.

No ORM, no request, no clock: callers pass everything in. Sources: PermenPANRB 6/2022
(SKP content and cascade, Pasal 5 and Lampiran), SE MenPANRB 20/2021 (BerAKHLAK),
spec rules §4, §7, §8.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Protocol

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ekinerja.core.numbers import number_text


class PlanRuleError(ValueError):
    """A move the rules forbid; `message` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- BerAKHLAK (rules §7, SE MenPANRB 20/2021) ----------------------------------------


@dataclass(frozen=True)
class NilaiBerakhlak:
    nomor: int
    nama: str
    panduan: tuple[str, str, str]


# The wording is the circular's and is shown verbatim in the SKP and the evaluation
# form, so it is data, not a translatable UI string.
BERAKHLAK: tuple[NilaiBerakhlak, ...] = (
    NilaiBerakhlak(
        1,
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    NilaiBerakhlak(
        2,
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan "
            "berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
            "dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    NilaiBerakhlak(
        3,
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    NilaiBerakhlak(
        4,
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    NilaiBerakhlak(
        5,
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia "
            "Tahun 1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan "
            "yang sah",
            "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    NilaiBerakhlak(
        6,
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    NilaiBerakhlak(
        7,
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
        ),
    ),
)
BERAKHLAK_NOMOR = tuple(v.nomor for v in BERAKHLAK)


def berakhlak(nomor: int) -> NilaiBerakhlak:
    """The value numbered 1..7 (rules §7 order)."""
    if nomor not in BERAKHLAK_NOMOR:
        raise PlanRuleError(str(_("Nilai BerAKHLAK harus bernomor 1 sampai 7.")))
    return BERAKHLAK[nomor - 1]


# --- Vocabulary (rules §8, PermenPANRB 6/2022 Lampiran) -------------------------------

ASPEK_KUANTITAS = "kuantitas"
ASPEK_KUALITAS = "kualitas"
ASPEK_WAKTU = "waktu"
ASPEK_BIAYA = "biaya"
ASPEK = (ASPEK_KUANTITAS, ASPEK_KUALITAS, ASPEK_WAKTU, ASPEK_BIAYA)


def default_arah(aspek: str) -> str:
    """The direction of a new IKI's capaian when the owner does not choose one (rules
    §3): a Waktu indicator (days to finish, hours to respond) is better when lower."""
    return "turun" if aspek == ASPEK_WAKTU else "naik"


KUANTITATIF = "kuantitatif"
KUALITATIF = "kualitatif"
PENDEKATAN = (KUANTITATIF, KUALITATIF)

RHK_UTAMA = "utama"
RHK_TAMBAHAN = "tambahan"
JENIS_RHK = (RHK_UTAMA, RHK_TAMBAHAN)

TARGET_ANGKA = "angka"
TARGET_RENTANG = "rentang"
TARGET_TEKS = "teks"
TARGET_JENIS = (TARGET_ANGKA, TARGET_RENTANG, TARGET_TEKS)

BULANAN = "bulanan"
TRIWULANAN = "triwulanan"
PERIODIK = (BULANAN, TRIWULANAN)
PERIODIK_DEFAULT = BULANAN  # rules §4: monthly is the default for regional governments


# --- Numbers and targets (rules §8: number + unit, range, or text for kualitatif) ----

# Stored as DecimalField(max_digits=18, decimal_places=4).
# The longest texts of an SKP, in characters. The pages' forms (max_length) and the
# services (text_too_long, so the API as well) read them here; IKI.satuan is a column
# of this width.
MAX_RHK_TEKS = 2000
MAX_INDIKATOR = 2000
MAX_TARGET_TEKS = 2000
MAX_SATUAN = 64
MAX_EKSPEKTASI = 2000
MAX_LAMPIRAN = 4000
MAX_ALASAN = 2000


def text_too_long(text: str, limit: int) -> str | None:
    """The message for a text longer than `limit` characters (counted as stored, after
    trimming), or None when it fits."""
    n = len((text or "").strip())
    if n <= limit:
        return None
    return str(_("Paling banyak %(max)s karakter (sekarang %(n)s).")) % {
        "max": number_format(limit, force_grouping=True),
        "n": number_format(n, force_grouping=True),
    }


MAX_DECIMAL_PLACES = 4
MAX_INTEGER_DIGITS = 14

_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


def parse_number(raw: str | int | Decimal) -> Decimal:
    """A number typed the Indonesian way or the machine way, as a Decimal.

    Rules, in order (spaces, including non-breaking ones, are ignored; one leading
    `-` is allowed here and refused later by the callers that need ≥ 0):
    1. A comma is the decimal separator; then every dot is a thousands separator and
       must group digits by three: `12,5` → 12.5, `1.234,5` → 1234.5.
    2. Without a comma, dots that group digits by three are thousands separators, as
       Indonesians write them: `1.234` → 1234, `1.234.567` → 1234567 (a first group
       of 0 is not one: `0.250` → 0.25).
    3. Otherwise one dot is a decimal point, as spreadsheets export it: `12.5` → 12.5,
       `0.25` → 0.25.
    Anything else (letters, two commas, `1.23.4`, exponents, NaN) is refused.
    """
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise PlanRuleError(str(_("Isikan angka yang sah.")))
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    text = "".join(ch for ch in str(raw) if ch not in " \t\u00a0")
    if not text:
        raise PlanRuleError(str(_("Angka wajib diisi.")))
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    if text.count(",") > 1:
        raise PlanRuleError(str(_("Angka hanya boleh memakai satu tanda koma desimal.")))
    if "," in text:
        whole, _sep, frac = text.partition(",")
        if not frac.isdigit() or not (whole.isdigit() or _THOUSANDS.match(whole)):
            raise PlanRuleError(
                str(_("“%(v)s” bukan angka. Contoh penulisan: 12,5 atau 1.234,5.") % {"v": raw})
            )
        return Decimal(f"{sign}{whole.replace('.', '')}.{frac}")
    if _THOUSANDS.match(text):
        return Decimal(sign + text.replace(".", ""))
    if _PLAIN.match(text):
        try:
            return Decimal(sign + text)
        except InvalidOperation:  # pragma: no cover - the pattern already guards this
            pass
    raise PlanRuleError(
        str(_("“%(v)s” bukan angka. Contoh penulisan: 12,5 atau 1.234,5.") % {"v": raw})
    )


def _id(value: Decimal) -> str:
    """A number as it was typed in Indonesian: decimal comma."""
    return str(value).replace(".", ",")


def fits(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return places <= MAX_DECIMAL_PLACES and abs(value) < Decimal(10) ** MAX_INTEGER_DIGITS


@dataclass(frozen=True)
class Target:
    """A validated IKI target: exactly one of the shapes is filled."""

    jenis: str
    nilai: Decimal | None = None
    minimum: Decimal | None = None
    maksimum: Decimal | None = None
    teks: str = ""
    satuan: str = ""


def _number(raw: object, field: str, errors: dict[str, str]) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        errors[field] = str(_("Isikan angka target."))
        return None
    try:
        value = parse_number(raw)  # type: ignore[arg-type]
    except PlanRuleError as e:
        errors[field] = e.message
        return None
    if value < 0:
        errors[field] = str(_("Target tidak boleh negatif."))
        return None
    if not fits(value):
        errors[field] = str(
            _("Target paling banyak 14 digit sebelum koma dan 4 digit sesudah koma.")
        )
        return None
    return value


def clean_target(
    kind: str,
    value: object,
    low: object,
    high: object,
    text: str,
    satuan: str,
    pendekatan: str,
) -> tuple[Target | None, dict[str, str]]:
    """Validate an IKI target (rules §8, PermenPANRB 6/2022 Lampiran).

    - `angka`: a number ≥ 0 with its unit (satuan).
    - `rentang`: low and high numbers ≥ 0, low ≤ high, with a unit.
    - `teks`: a non-empty description; only in an SKP with the kualitatif approach.
    Numbers accept the Indonesian decimal comma (see `parse_number`). Returns the
    cleaned target and no errors, or None and {field: message}.
    """
    errors: dict[str, str] = {}
    satuan = (satuan or "").strip()
    text = (text or "").strip()
    if kind == TARGET_ANGKA:
        nilai = _number(value, "target_nilai", errors)
        if not satuan:
            errors["satuan"] = str(_("Satuan target wajib diisi, mis. dokumen atau persen."))
        if errors:
            return None, errors
        return Target(kind, nilai=nilai, satuan=satuan), {}
    if kind == TARGET_RENTANG:
        lo = _number(low, "target_min", errors)
        hi = _number(high, "target_maks", errors)
        if lo is not None and hi is not None and lo > hi:
            errors["target_maks"] = str(
                _("Batas atas rentang (%(hi)s) tidak boleh lebih kecil dari batas bawah (%(lo)s).")
                % {"lo": _id(lo), "hi": _id(hi)}
            )
        if not satuan:
            errors["satuan"] = str(_("Satuan target wajib diisi, mis. dokumen atau persen."))
        if errors:
            return None, errors
        return Target(kind, minimum=lo, maksimum=hi, satuan=satuan), {}
    if kind == TARGET_TEKS:
        if pendekatan != KUALITATIF:
            errors["target_jenis"] = str(
                _(
                    "Target berupa uraian hanya untuk SKP dengan pendekatan kualitatif; "
                    "isikan angka atau rentang."
                )
            )
        if not text:
            errors["target_teks"] = str(_("Uraikan target kualitatifnya."))
        if errors:
            return None, errors
        return Target(kind, teks=text, satuan=satuan), {}
    return None, {"target_jenis": str(_("Pilih jenis target: angka, rentang, atau uraian."))}


def target_errors(
    kind: str,
    value: object,
    low: object,
    high: object,
    text: str,
    satuan: str,
    pendekatan: str,
) -> dict[str, str]:
    """The field errors of `clean_target` alone; empty when the target is valid."""
    return clean_target(kind, value, low, high, text, satuan, pendekatan)[1]


class StoredTarget(Protocol):
    """The target fields an IKI and an IKI of an SKP template store."""

    @property
    def target_jenis(self) -> str: ...
    @property
    def target_nilai(self) -> Decimal | None: ...
    @property
    def target_min(self) -> Decimal | None: ...
    @property
    def target_maks(self) -> Decimal | None: ...
    @property
    def target_teks(self) -> str: ...
    @property
    def satuan(self) -> str: ...


def target_text(iki: StoredTarget) -> str:
    """A target as printed on the SKP page and its PDF, an SKP template and the
    evaluation (rules §8): `12,5 dokumen`, `80 – 90,25 persen`, or the uraian of a
    kualitatif target; "—" when none is stored."""
    satuan = f" {iki.satuan}" if iki.satuan else ""
    if iki.target_jenis == TARGET_ANGKA and iki.target_nilai is not None:
        return f"{number_text(iki.target_nilai)}{satuan}"
    if iki.target_jenis == TARGET_RENTANG and None not in (iki.target_min, iki.target_maks):
        return f"{number_text(iki.target_min)} – {number_text(iki.target_maks)}{satuan}"
    return iki.target_teks or "—"


# --- Workflow (rules §8) --------------------------------------------------------------

DRAFT = "draft"
DIAJUKAN = "diajukan"
DISETUJUI = "disetujui"
DIKEMBALIKAN = "dikembalikan"
STATUSES = (DRAFT, DIAJUKAN, DISETUJUI, DIKEMBALIKAN)
EDITABLE = frozenset({DRAFT, DIKEMBALIKAN})

SUBMIT = "submit"
RETURN = "return"
APPROVE = "approve"
REDRAFT = "redraft"
REVISE = "revise"
EDIT = "edit"
SET_EKSPEKTASI = "set_ekspektasi"

# action -> (from, to). `revise` leaves the approved version as it is and gives the
# status of the new version it opens.
TRANSITIONS: dict[str, tuple[str, str]] = {
    SUBMIT: (DRAFT, DIAJUKAN),
    RETURN: (DIAJUKAN, DIKEMBALIKAN),
    APPROVE: (DIAJUKAN, DISETUJUI),
    REDRAFT: (DIKEMBALIKAN, DRAFT),
    REVISE: (DISETUJUI, DRAFT),
}

_ILLEGAL = {
    SUBMIT: _("Hanya SKP berstatus draf yang dapat diajukan."),
    RETURN: _("Hanya SKP yang sedang diajukan yang dapat dikembalikan."),
    APPROVE: _("Hanya SKP yang sedang diajukan yang dapat disetujui."),
    REDRAFT: _("Hanya SKP yang dikembalikan yang kembali menjadi draf saat diperbaiki."),
    REVISE: _("Hanya SKP yang sudah disetujui yang dapat direvisi."),
}


def next_status(current: str, action: str, *, alasan: str = "") -> str:
    """The status after `action` (rules §8: draft → diajukan → disetujui, diajukan →
    dikembalikan with a reason → draft; an approved SKP changes only through a revision,
    a new draft version, while the approved one is kept).

    Raises PlanRuleError for a move the workflow does not have.
    """
    if action not in TRANSITIONS:
        raise PlanRuleError(str(_("Tindakan tidak dikenal.")))
    source, target = TRANSITIONS[action]
    if current != source:
        raise PlanRuleError(str(_ILLEGAL[action]))
    if action == RETURN and not (alasan or "").strip():
        raise PlanRuleError(
            str(_("Tuliskan alasan pengembalian agar pegawai dapat memperbaikinya."))
        )
    return target


def is_editable(status: str) -> bool:
    """Only a draft or a returned SKP is edited by its owner (rules §8)."""
    return status in EDITABLE


OWNER = "owner"
PENILAI = "penilai"
OTHER = "other"

PERMISSIONS: dict[str, frozenset[str]] = {
    OWNER: frozenset({EDIT, SUBMIT, REDRAFT, REVISE}),
    PENILAI: frozenset({RETURN, APPROVE, SET_EKSPEKTASI}),
    OTHER: frozenset(),
}


def role_for(*, is_owner: bool, is_penilai: bool) -> str:
    """The actor's role on one SKP. Owner wins, so that a person who is (by a data
    mistake or an override) their own penilai still cannot approve their own SKP."""
    if is_owner:
        return OWNER
    if is_penilai:
        return PENILAI
    return OTHER


def can(actor_role: str, action: str) -> bool:
    """Who may do what (rules §8, PermenPANRB 6/2022 Pasal 8): the owner writes and
    submits their plan; only the pejabat penilai returns or approves it and writes the
    expectations; nobody approves their own SKP."""
    return action in PERMISSIONS.get(actor_role, frozenset())


def is_top_of_cascade(*, has_penilai: bool, penilai_non_asn: bool) -> bool:
    """The top of the cascade types its RHK (they come from the Perjanjian Kinerja):
    a person without a penilai, or whose penilai is a non-ASN official such as a
    regional head (rules §8). Everyone else intervenes in a penilai's RHK."""
    return not has_penilai or penilai_non_asn


def submit_errors(rhk: list[tuple[str, int]]) -> list[str]:
    """What stops a submission: `rhk` is [(jenis, number of IKI)] (rules §8: RHK with
    their IKI; an SKP has at least one utama result)."""
    errors: list[str] = []
    if not any(jenis == RHK_UTAMA for jenis, _n in rhk):
        errors.append(str(_("Tambahkan sedikitnya satu RHK utama sebelum mengajukan SKP.")))
    missing = sum(1 for _j, n in rhk if n < 1)
    if missing:
        errors.append(
            str(
                _("%(n)s RHK belum mempunyai indikator (IKI); setiap RHK wajib mempunyai IKI.")
                % {"n": missing}
            )
        )
    return errors


# --- Periods (rules §4, §8) ----------------------------------------------------------


def period_errors(tahun: int, mulai: dt.date | None, selesai: dt.date | None) -> dict[str, str]:
    """An SKP covers from–to within one calendar year, that of its PeriodeKinerja, with
    from ≤ to (rules §4: one SKP per position held within the year)."""
    errors: dict[str, str] = {}
    if mulai is None:
        errors["tanggal_mulai"] = str(_("Tanggal mulai wajib diisi."))
    if selesai is None:
        errors["tanggal_selesai"] = str(_("Tanggal selesai wajib diisi."))
    if errors:
        return errors
    assert mulai is not None and selesai is not None
    if mulai.year != tahun:
        errors["tanggal_mulai"] = str(_("Tanggal mulai harus dalam tahun %(t)s.") % {"t": tahun})
    if selesai.year != tahun:
        errors["tanggal_selesai"] = str(
            _("Tanggal selesai harus dalam tahun %(t)s.") % {"t": tahun}
        )
    if not errors and mulai > selesai:
        errors["tanggal_selesai"] = str(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    return errors


def overlaps(a_from: dt.date, a_to: dt.date, b_from: dt.date, b_to: dt.date) -> bool:
    """Two inclusive date ranges share at least one day."""
    return a_from <= b_to and b_from <= a_to


# --- Planning window (issue 3 §1: open/close dates for planning) ----------------------


def _tanggal(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")


def planning_window_error(
    *,
    today: dt.date,
    tahun: int,
    dibuka: dt.date | None,
    ditutup: dt.date | None,
    is_admin: bool,
) -> str:
    """Why a pegawai cannot create an SKP for the year `tahun` on `today`, or "" when
    they can. The instansi sets when planning opens and closes for each performance year
    (issue 3 §1); both dates are inclusive and a missing date sets no limit. An Admin
    Instansi may still create SKP outside the window, for late appointments and
    corrections. `today` is the instansi's local date, passed in by the caller."""
    if is_admin:
        return ""
    if dibuka is not None and today < dibuka:
        return str(
            _("Perencanaan SKP tahun %(t)s baru dibuka pada %(d)s.")
            % {"t": tahun, "d": _tanggal(dibuka)}
        )
    if ditutup is not None and today > ditutup:
        return str(
            _(
                "Perencanaan SKP tahun %(t)s sudah ditutup pada %(d)s. Hubungi Admin "
                "Instansi bila Anda masih perlu membuat SKP."
            )
            % {"t": tahun, "d": _tanggal(ditutup)}
        )
    return ""
