"""Capaian (rules §3), a realisasi worth a second look before it is saved (issue 11 §6),
and the suggested rating hasil kerja read from the capaian (rules §1, configurable
thresholds)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ekinerja.core.numbers import format_id

from .ratings import DI_ATAS, DI_BAWAH, SESUAI

# --- capaian (rules §3) -----------------------------------------------------------------

LEBIH_TINGGI = "naik"  # higher is better
LEBIH_RENDAH = "turun"  # lower is better
HUNDRED = Decimal(100)


def capaian(
    realisasi: Decimal,
    target: Decimal | None = None,
    *,
    arah: str = LEBIH_TINGGI,
    target_min: Decimal | None = None,
    target_maks: Decimal | None = None,
) -> Decimal | None:
    """Achievement in percent, unrounded, or None when undefined (target 0 with higher is
    better: never divide by zero). A range target [min, maks] scores 100 inside, and
    outside is measured against the bound that was crossed. Lower is better:
    (2·target − realisasi) / target × 100, never below 0."""
    if target_min is not None and target_maks is not None:
        if target_min <= realisasi <= target_maks:
            return HUNDRED
        target = target_maks if realisasi > target_maks else target_min
    if target is None or target == 0:
        return None
    if arah == LEBIH_RENDAH:
        return max(Decimal(0), (2 * target - realisasi) / target * HUNDRED)
    return realisasi / target * HUNDRED


def capaian_text(value: Decimal | None) -> str:
    """ "115,0%" (one decimal, Indonesian format), or "—" when undefined."""
    return "—" if value is None else f"{format_id(value, 1)}%"


# --- a realisasi worth a second look (issue 11 §6) ------------------------------------
# `65.722` is 65 722 to an Indonesian (the dot groups thousands): when the person meant
# 65,722, the capaian comes out absurd (105.560,6%). Such values are legal, so they are
# not refused; the page asks for confirmation first, showing the number as read. The
# thresholds are data, like the agency's other rules.

DOUBT_CAPAIAN = "capaian"  # the capaian is above RealisasiDoubtRules.capaian_max
DOUBT_PERSEN = "persen"  # a percentage above RealisasiDoubtRules.persen_max
PERSEN_UNITS = ("persen", "%", "prosen", "persentase")


@dataclass(frozen=True)
class RealisasiDoubtRules:
    capaian_max: Decimal = Decimal(200)  # a capaian above this (percent) is doubtful
    persen_max: Decimal = Decimal(100)  # a realisasi in percent above this is doubtful
    persen_units: tuple[str, ...] = PERSEN_UNITS


DEFAULT_DOUBTS = RealisasiDoubtRules()


def is_percent(satuan: str, rules: RealisasiDoubtRules = DEFAULT_DOUBTS) -> bool:
    unit = (satuan or "").strip().lower()
    return unit in rules.persen_units or unit.startswith(("persen", "%"))


def realisasi_doubts(
    *,
    nilai: Decimal,
    capaian: Decimal | None,
    satuan: str,
    rules: RealisasiDoubtRules = DEFAULT_DOUBTS,
) -> tuple[str, ...]:
    """Why a realisasi deserves a second look before it is saved (empty: it does not):
    a capaian above `capaian_max`, or a percentage above `persen_max`."""
    doubts = []
    if capaian is not None and capaian > rules.capaian_max:
        doubts.append(DOUBT_CAPAIAN)
    if is_percent(satuan, rules) and nilai > rules.persen_max:
        doubts.append(DOUBT_PERSEN)
    return tuple(doubts)


def number_id(value: Decimal) -> str:
    """A number the way an Indonesian writes it, with the decimals it has: `65.722`,
    `12,5`."""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_id(value, places)


_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
           "sembilan")  # fmt: skip
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))


def _words_below_1000(n: int) -> list[str]:
    out: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        out.append("seratus")
    elif hundreds:
        out += [_DIGITS[hundreds], "ratus"]
    if rest == 10:
        out.append("sepuluh")
    elif rest == 11:
        out.append("sebelas")
    elif 12 <= rest <= 19:
        out += [_DIGITS[rest - 10], "belas"]
    elif rest >= 20:
        tens, ones = divmod(rest, 10)
        out += [_DIGITS[tens], "puluh"]
        if ones:
            out.append(_DIGITS[ones])
    elif rest:
        out.append(_DIGITS[rest])
    return out


def _words_integer(n: int) -> list[str]:
    if n == 0:
        return ["nol"]
    out: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if not count:
            continue
        if scale == 1000 and count == 1:
            out.append("seribu")
        else:
            out += [*_words_integer(count), name]
    if n:
        out += _words_below_1000(n)
    return out


def terbilang(value: Decimal) -> str:
    """A non-negative number in Indonesian words, as on a receipt: 65722 → "enam puluh
    lima ribu tujuh ratus dua puluh dua", 12,5 → "dua belas koma lima"."""
    value = abs(value).normalize()
    whole = int(value)
    words = _words_integer(whole)
    text = number_id(value)
    if "," in text:
        words += ["koma", *(_DIGITS[int(c)] for c in text.split(",", 1)[1])]
    return " ".join(words)


def realisasi_doubt_text(
    *,
    nilai: Decimal,
    capaian: Decimal | None,
    satuan: str,
    doubts: Sequence[str],
    words: bool = True,
    rules: RealisasiDoubtRules = DEFAULT_DOUBTS,
) -> str:
    """What the confirmation says: the number as read (in Indonesian words when
    `words`), the capaian it gives, and why it is doubtful."""
    shown = number_id(nilai)
    unit = f" {satuan.strip()}" if satuan and satuan.strip() else ""
    if words:
        parts = [
            _("Anda mengisi %(angka)s (%(kata)s)%(satuan)s.")
            % {"angka": shown, "kata": terbilang(nilai), "satuan": unit}
        ]
    else:
        parts = [_("Anda mengisi %(angka)s%(satuan)s.") % {"angka": shown, "satuan": unit}]
    if capaian is not None:
        if DOUBT_CAPAIAN in doubts:
            parts.append(
                _("Capaiannya menjadi %(capaian)s, lebih dari %(batas)s.")
                % {"capaian": capaian_text(capaian), "batas": capaian_text(rules.capaian_max)}
            )
        else:
            parts.append(_("Capaiannya menjadi %(capaian)s.") % {"capaian": capaian_text(capaian)})
    if DOUBT_PERSEN in doubts:
        parts.append(
            _("Nilai persen biasanya paling tinggi %(batas)s.")
            % {"batas": number_id(rules.persen_max)}
        )
    if "." in shown and "," not in shown:
        if shown.count(".") == 1:
            parts.append(
                _(
                    "Tanda titik dibaca sebagai pemisah ribuan; untuk pecahan gunakan koma, "
                    "mis. %(contoh)s."
                )
                % {"contoh": shown.replace(".", ",")}
            )
        else:
            parts.append(_("Tanda titik dibaca sebagai pemisah ribuan."))
    return " ".join(parts)


# --- the suggested rating hasil kerja (rules §1, configurable thresholds) ---------------


@dataclass(frozen=True)
class SuggestionRules:
    above: Decimal = Decimal(110)  # lowest capaian of an RHK's IKI for "above"
    meets: Decimal = Decimal(100)  # … for "meets"
    # "at most a small part of the utama results below" for Sesuai.
    utama_below_small: Decimal = Decimal("0.25")


DEFAULT_SUGGESTION = SuggestionRules()


def rhk_rating(
    capaian_iki: Iterable[Decimal | None], rules: SuggestionRules = DEFAULT_SUGGESTION
) -> str | None:
    """An RHK is above when the lowest capaian of its IKI ≥ 110%, meets when ≥ 100%,
    else below; None when no IKI has a defined capaian."""
    defined = [c for c in capaian_iki if c is not None]
    if not defined:
        return None
    lowest = min(defined)
    if lowest >= rules.above:
        return DI_ATAS
    if lowest >= rules.meets:
        return SESUAI
    return DI_BAWAH


def suggest_rating_hasil_kerja(
    rhk: Sequence[tuple[bool, str | None]], rules: SuggestionRules = DEFAULT_SUGGESTION
) -> str | None:
    """The system's suggestion from each RHK's (is_utama, rhk_rating) (rules §1): Di
    Atas when most results are above and no utama result is below; Di Bawah when most
    are below or more than a small part of the utama ones; otherwise Sesuai. The penilai
    decides; this is never forced. None when no RHK could be rated."""
    rated = [(utama, r) for utama, r in rhk if r is not None]
    if not rated:
        return None
    n = len(rated)
    above = sum(1 for _, r in rated if r == DI_ATAS)
    below = sum(1 for _, r in rated if r == DI_BAWAH)
    utama = [r for u, r in rated if u]
    utama_below = sum(1 for r in utama if r == DI_BAWAH)
    if 2 * below > n or (utama and Decimal(utama_below) / len(utama) > rules.utama_below_small):
        return DI_BAWAH
    if 2 * above > n and utama_below == 0:
        return DI_ATAS
    return SESUAI
