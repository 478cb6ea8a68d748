"""Pure rules of the appraisal (spec rules §1–§5): the predikat matrix, the suggested
rating hasil kerja, the organisation predikat and its distribution curve, capaian, the
annual predikat, and angka kredit.

No ORM, no request, no clock. Rules that vary by agency (curve, thresholds, mappings)
are data: frozen dataclasses with the spec's defaults, which a versioned rule set per
year will override (issue 5).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core.numbers import format_id, round_half_up

# --- ratings and predikat (rules §1, Lampiran PermenPANRB 6/2022) ------------------------

DI_ATAS = "di_atas"
SESUAI = "sesuai"
DI_BAWAH = "di_bawah"
RATINGS = (DI_ATAS, SESUAI, DI_BAWAH)
RATING_LABELS = {
    DI_ATAS: gettext_lazy("Di Atas Ekspektasi"),
    SESUAI: gettext_lazy("Sesuai Ekspektasi"),
    DI_BAWAH: gettext_lazy("Di Bawah Ekspektasi"),
}

SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"
# Best first (rules §1).
PREDIKAT = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)
# The regulation's names, printed verbatim on official documents.
PREDIKAT_LABELS = {
    SANGAT_BAIK: "Sangat Baik",
    BAIK: "Baik",
    BUTUH_PERBAIKAN: "Butuh Perbaikan",
    KURANG: "Kurang/Misconduct",
    SANGAT_KURANG: "Sangat Kurang",
}

# (rating hasil kerja, rating perilaku kerja) → predikat.
MATRIX: Mapping[tuple[str, str], str] = {
    (DI_ATAS, DI_BAWAH): KURANG,
    (DI_ATAS, SESUAI): BAIK,
    (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG,
    (SESUAI, SESUAI): BAIK,
    (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG,
    (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}


def predikat_from_ratings(hasil_kerja: str, perilaku_kerja: str) -> str:
    """The predikat read off the matrix (rules §1); it is never typed in."""
    try:
        return MATRIX[(hasil_kerja, perilaku_kerja)]
    except KeyError:
        raise ValueError(f"unknown ratings {hasil_kerja!r}, {perilaku_kerja!r}") from None


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


# --- organisation predikat (rules §1, §2) -----------------------------------------------

ISTIMEWA = "istimewa"
ORG_BAIK = "baik"
ORG_BUTUH_PERBAIKAN = "butuh_perbaikan"
ORG_KURANG = "kurang"
ORG_SANGAT_KURANG = "sangat_kurang"
PREDIKAT_ORGANISASI = (ISTIMEWA, ORG_BAIK, ORG_BUTUH_PERBAIKAN, ORG_KURANG, ORG_SANGAT_KURANG)
PREDIKAT_ORGANISASI_LABELS = {
    ISTIMEWA: "Istimewa",
    ORG_BAIK: "Baik",
    ORG_BUTUH_PERBAIKAN: "Butuh Perbaikan",
    ORG_KURANG: "Kurang",
    ORG_SANGAT_KURANG: "Sangat Kurang",
}

# A unit head's rating hasil kerja is the unit's organisation predikat (SE MenPANRB
# 3/2023); configurable mapping, this default per rules §1.
DEFAULT_HEAD_RATING = {
    ISTIMEWA: DI_ATAS,
    ORG_BAIK: SESUAI,
    ORG_BUTUH_PERBAIKAN: DI_BAWAH,
    ORG_KURANG: DI_BAWAH,
    ORG_SANGAT_KURANG: DI_BAWAH,
}


def head_rating_hasil_kerja(
    predikat_organisasi: str, mapping: Mapping[str, str] = DEFAULT_HEAD_RATING
) -> str:
    return mapping[predikat_organisasi]


# Suggested organisation predikat from the average capaian of the unit's PK indicators
# (rules §2, configurable): the first threshold the average reaches.
DEFAULT_ORG_THRESHOLDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(110), ISTIMEWA),
    (Decimal(100), ORG_BAIK),
    (Decimal(80), ORG_BUTUH_PERBAIKAN),
    (Decimal(60), ORG_KURANG),
)


def suggest_predikat_organisasi(
    average_capaian: Decimal,
    thresholds: Sequence[tuple[Decimal, str]] = DEFAULT_ORG_THRESHOLDS,
) -> str:
    for minimum, predikat in thresholds:
        if average_capaian >= minimum:
            return predikat
    return ORG_SANGAT_KURANG


# --- the distribution curve (rules §2) ---------------------------------------------------

AT_MOST = "le"
AT_LEAST = "ge"


@dataclass(frozen=True)
class CurveRule:
    """The count of staff with a predikat in `predikat` must be at most / at least
    `share` of the staff the curve covers, or, with `people`, at least that many."""

    predikat: tuple[str, ...]
    op: str
    share: Decimal | None = None
    people: int | None = None

    def limit(self, n: int) -> int:
        """How many people the rule allows (≤: floor(p·n)) or needs (≥: ceil(p·n)),
        computed exactly (rules §2)."""
        if self.people is not None:
            return self.people
        exact = (self.share or Decimal(0)) * n
        return math.floor(exact) if self.op == AT_MOST else math.ceil(exact)


def _rule(predikat: tuple[str, ...], op: str, share: str | None = None, people: int | None = None):
    return CurveRule(predikat, op, Decimal(share) if share else None, people)


DEFAULT_CURVE: Mapping[str, tuple[CurveRule, ...]] = {
    ISTIMEWA: (_rule((SANGAT_BAIK,), AT_MOST, "0.70"),),
    ORG_BAIK: (
        _rule((BAIK,), AT_MOST, "0.70"),
        _rule((BUTUH_PERBAIKAN, KURANG), AT_LEAST, people=1),
    ),
    ORG_BUTUH_PERBAIKAN: (
        _rule((BUTUH_PERBAIKAN,), AT_LEAST, "0.60"),
        _rule((SANGAT_BAIK,), AT_MOST, "0.10"),
    ),
    ORG_KURANG: (
        _rule((KURANG,), AT_LEAST, "0.60"),
        _rule((BUTUH_PERBAIKAN,), AT_LEAST, "0.10"),
        _rule((SANGAT_BAIK,), AT_MOST, "0.10"),
    ),
    ORG_SANGAT_KURANG: (
        _rule((SANGAT_KURANG,), AT_LEAST, "0.60"),
        _rule((KURANG, BUTUH_PERBAIKAN), AT_LEAST, "0.10"),
        _rule((SANGAT_BAIK,), AT_MOST, "0"),
    ),
}


# The state of one rule while ratings are still being entered (issue 11 §6): decided
# either way whatever the people not rated yet get, or not yet decidable.
RULE_PASS = "terpenuhi"
RULE_FAIL = "gagal"
RULE_OPEN = "terbuka"


@dataclass(frozen=True)
class CurveResult:
    """One rule of a curve against the people rated so far. `limit` comes from
    everyone the curve covers (n = rated + `belum`, rules §2), never from the rated
    only; `belum` people are not rated yet and could still land in the rule's
    predikat."""

    rule: CurveRule
    count: int
    limit: int
    belum: int = 0

    @property
    def state(self) -> str:
        """RULE_PASS when it holds whatever the unrated get, RULE_FAIL when it fails
        whatever they get, RULE_OPEN while they decide it."""
        if self.rule.op == AT_MOST:
            if self.count > self.limit:
                return RULE_FAIL
            return RULE_PASS if self.count + self.belum <= self.limit else RULE_OPEN
        if self.count >= self.limit:
            return RULE_PASS
        return RULE_OPEN if self.count + self.belum >= self.limit else RULE_FAIL

    @property
    def ok(self) -> bool:
        """The rule holds (decided)."""
        return self.state == RULE_PASS

    @property
    def failed(self) -> bool:
        """The rule fails (decided: the unrated cannot fix it)."""
        return self.state == RULE_FAIL

    @property
    def off_by(self) -> int:
        """People too many (≤ rules) or too few (≥ rules, counting only the rated); 0
        when the rule holds."""
        return max(
            0, self.count - self.limit if self.rule.op == AT_MOST else self.limit - self.count
        )

    def rule_text(self) -> str:
        names = " + ".join(PREDIKAT_LABELS[p] for p in self.rule.predikat)
        if self.rule.op == AT_MOST:
            return _("%(p)s paling banyak %(limit)s orang") % {"p": names, "limit": self.limit}
        return _("%(p)s paling sedikit %(limit)s orang") % {"p": names, "limit": self.limit}

    def text(self) -> str:
        """The rule and, when it fails, by how many people; while undecided, what the
        unrated may still get — for the live panel and the refusal of penetapan."""
        rule = self.rule_text()
        state = self.state
        if state == RULE_PASS:
            return _("%(rule)s: terpenuhi (%(count)s orang).") % {"rule": rule, "count": self.count}
        if state == RULE_OPEN:
            if self.rule.op == AT_MOST:
                return _(
                    "%(rule)s: sejauh ini %(count)s orang; dari %(belum)s orang yang belum "
                    "dinilai paling banyak %(sisa)s orang lagi boleh mendapat predikat ini."
                ) % {
                    "rule": rule,
                    "count": self.count,
                    "belum": self.belum,
                    "sisa": self.limit - self.count,
                }
            return _(
                "%(rule)s: sejauh ini %(count)s orang; perlu %(perlu)s orang lagi dari "
                "%(belum)s orang yang belum dinilai."
            ) % {
                "rule": rule,
                "count": self.count,
                "perlu": self.limit - self.count,
                "belum": self.belum,
            }
        if self.rule.op == AT_MOST:
            return _("%(rule)s: ada %(count)s orang, kelebihan %(by)s orang.") % {
                "rule": rule,
                "count": self.count,
                "by": self.off_by,
            }
        return _("%(rule)s: ada %(count)s orang, kurang %(by)s orang.") % {
            "rule": rule,
            "count": self.count,
            "by": self.off_by,
        }


@dataclass(frozen=True)
class CurveCheck:
    predikat_organisasi: str
    n: int  # everyone the curve covers, rated or not
    results: tuple[CurveResult, ...] = field(default_factory=tuple)
    belum: int = 0
    # Whether any rating of the n people could satisfy every rule together (rules §2
    # "small curves"); a curve that cannot does not block penetapan.
    satisfiable: bool = True

    @property
    def ok(self) -> bool:
        """Every rule holds (decided)."""
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> bool:
        """Some rule fails whatever the unrated get."""
        return any(r.failed for r in self.results)

    @property
    def failures(self) -> tuple[CurveResult, ...]:
        return tuple(r for r in self.results if r.failed)

    @property
    def undecided(self) -> tuple[CurveResult, ...]:
        return tuple(r for r in self.results if r.state == RULE_OPEN)

    @property
    def blocks(self) -> bool:
        """The curve stands in the way of penetapan: it fails (or, with people still
        unrated, does not hold yet) and some rating of its n people could satisfy it."""
        return self.satisfiable and not self.ok

    def unsatisfiable_text(self) -> str:
        """Why a small curve does not apply, "" when it can be satisfied (for the panel,
        penetapan and the Dokumen Evaluasi)."""
        if self.satisfiable:
            return ""
        return _(
            "Tidak ada susunan predikat bagi %(n)s orang yang memenuhi semua ketentuan kurva "
            "predikat organisasi %(po)s (%(rules)s). Kurva ini tidak berlaku untuk unit "
            "sekecil ini dan tidak menghalangi penetapan."
        ) % {
            "n": self.n,
            "po": PREDIKAT_ORGANISASI_LABELS[self.predikat_organisasi],
            "rules": "; ".join(r.rule_text() for r in self.results),
        }

    def unsatisfiable_note(self) -> str:
        """The same, short, under the rules it refers to (the Dokumen Evaluasi)."""
        if self.satisfiable:
            return ""
        return _(
            "Tidak berlaku: tidak ada susunan predikat bagi %(n)s orang yang memenuhi semua "
            "ketentuan ini; penetapan tidak terhalang."
        ) % {"n": self.n}


def check_curve(
    counts: Mapping[str, int],
    predikat_organisasi: str,
    curve: Mapping[str, Sequence[CurveRule]] = DEFAULT_CURVE,
    *,
    belum: int = 0,
) -> CurveCheck:
    """Whether the staff predikat of a unit follow the curve its organisation predikat
    allows (rules §2). `counts` are the rated people per predikat, `belum` the people
    the curve covers who are not rated yet: the limits come from all of them."""
    rated = sum(counts.get(p, 0) for p in PREDIKAT)
    belum = max(0, belum)
    n = rated + belum
    rules = tuple(curve[predikat_organisasi])
    results = tuple(
        CurveResult(rule, sum(counts.get(p, 0) for p in rule.predikat), rule.limit(n), belum)
        for rule in rules
    )
    return CurveCheck(predikat_organisasi, n, results, belum, satisfiable(rules, n))


# --- small curves: can any rating of n people satisfy the rules? -------------------------

# Bounds propagation stops after this many rounds and splits a box instead: it only
# prunes, the split decides.
_PROPAGATION_ROUNDS = 32
# The search visits at most this many boxes. Curves where it matters (a handful of
# people) are decided in a few; a configured curve over thousands of people that the
# budget cannot decide is treated as satisfiable, so it keeps blocking penetapan: a
# curve is waived only when it is proven that no rating satisfies it.
_SEARCH_BUDGET = 5_000
_SIZE = len(PREDIKAT)
_FULL = (1 << _SIZE) - 1
# Every way to cut a set of predikat (bit mask) into two non-empty parts.
_SPLITS = tuple(
    (whole, part, whole ^ part)
    for whole in range(1, _FULL + 1)
    for part in range(1, whole)
    if part & whole == part
)


@functools.lru_cache(maxsize=2048)
def satisfiable(rules: Sequence[CurveRule], n: int) -> bool:
    """Whether some distribution of n people over the five predikat meets every rule
    together (rules §2, "small curves": e.g. Kurang at n = 1 or 2 needs ≥ 60% Kurang and
    ≥ 10% Butuh Perbaikan, more people than there are).

    An integer search over the five counts: bounds on the number of people of every set
    of predikat are tightened against each other (a set is at least the sum of its
    parts' minimums, at most the sum of their maximums, and a part is what the whole
    leaves over the rest), a greedy try in each box, then a split in halves. Cached per
    (rules, n); `rules` must be hashable (a tuple)."""
    if n < 0:
        return False
    index = {p: i for i, p in enumerate(PREDIKAT)}
    low = [0] * (_FULL + 1)
    high = [n] * (_FULL + 1)
    high[0] = 0
    low[_FULL] = n
    for rule in rules:
        mask = 0
        for p in rule.predikat:
            mask |= 1 << index[p]
        limit = rule.limit(n)
        if rule.op == AT_MOST:
            high[mask] = min(high[mask], limit)
        else:
            low[mask] = max(low[mask], limit)
    checks = tuple((m, low[m], high[m]) for m in range(1, _FULL + 1) if low[m] or high[m] < n)
    budget = [_SEARCH_BUDGET]
    return _search(low, high, n, checks, budget) is not False


def _propagate(low: list[int], high: list[int]) -> bool:
    """Tighten the bounds of every set of predikat against its parts; False when some
    set's bounds cross (no rating fits)."""
    for _round in range(_PROPAGATION_ROUNDS):
        changed = False
        for whole, a, b in _SPLITS:
            lo_w = max(low[whole], low[a] + low[b])
            hi_w = min(high[whole], high[a] + high[b])
            lo_a = max(low[a], lo_w - high[b])
            hi_a = min(high[a], hi_w - low[b])
            if lo_w > hi_w or lo_a > hi_a:
                return False
            if (lo_w, hi_w, lo_a, hi_a) != (low[whole], high[whole], low[a], high[a]):
                low[whole], high[whole], low[a], high[a] = lo_w, hi_w, lo_a, hi_a
                changed = True
        if not changed:
            break
    return True


def _fits(point: list[int], checks) -> bool:
    for mask, lo, hi in checks:
        total = sum(point[i] for i in range(_SIZE) if mask >> i & 1)
        if not lo <= total <= hi:
            return False
    return True


def _search(low: list[int], high: list[int], n: int, checks, budget: list[int]) -> bool | None:
    """True: some rating in this box satisfies every rule; False: none does; None: the
    budget ran out before it could tell."""
    budget[0] -= 1
    if budget[0] < 0:
        return None
    if not _propagate(low, high):
        return False
    lo = [low[1 << i] for i in range(_SIZE)]
    hi = [high[1 << i] for i in range(_SIZE)]
    # A quick try before splitting: from the lower bounds, seat the people still to
    # place greedily, each predikat in turn first.
    for first in range(_SIZE):
        point = list(lo)
        left = n - sum(point)
        for k in range(_SIZE):
            i = (first + k) % _SIZE
            take = min(left, hi[i] - point[i])
            point[i] += take
            left -= take
        if left == 0 and _fits(point, checks):
            return True
    free = [i for i in range(_SIZE) if lo[i] < hi[i]]
    if not free:
        return False  # the one point of the box was tried above
    i = max(free, key=lambda j: hi[j] - lo[j])
    mid = (lo[i] + hi[i]) // 2
    undecided = False
    for a, b in ((lo[i], mid), (mid + 1, hi[i])):
        low2, high2 = list(low), list(high)
        low2[1 << i], high2[1 << i] = a, b
        result = _search(low2, high2, n, checks, budget)
        if result:
            return True
        if result is None:
            undecided = True
            if budget[0] < 0:
                return None
    return None if undecided else False


# --- annual predikat (rules §4) ----------------------------------------------------------

TAHUNAN_TERPISAH = "separate"
TAHUNAN_PERIODE_TERAKHIR = "last_period"


def annual_predikat(mode: str, *, last_period: str | None, separate: str | None) -> str | None:
    """`separate` (default): the year-end evaluation's own predikat (prefilled from the
    last period, then rated); `last_period`: the last period's predikat."""
    return last_period if mode == TAHUNAN_PERIODE_TERAKHIR else separate


# --- angka kredit (rules §5, Peraturan BKN 3/2023) ---------------------------------------

KOEFISIEN_TAHUNAN = {
    "ahli_pertama": Decimal("12.5"),
    "ahli_muda": Decimal(25),
    "ahli_madya": Decimal("37.5"),
    "ahli_utama": Decimal(50),
    "pemula": Decimal("3.75"),
    "terampil": Decimal(5),
    "mahir": Decimal("12.5"),
    "penyelia": Decimal(25),
}
MULTIPLIER = {
    SANGAT_BAIK: Decimal("1.50"),
    BAIK: Decimal("1.00"),
    BUTUH_PERBAIKAN: Decimal("0.75"),
    KURANG: Decimal("0.50"),
    SANGAT_KURANG: Decimal("0.25"),
}


def angka_kredit(jenjang: str, predikat: str, months: int) -> Decimal:
    """AK = koefisien tahunan × multiplier(predikat) × months / 12, three decimals,
    half up."""
    if not 0 <= months <= 12:
        raise ValueError(f"months must be 0..12, not {months}")
    value = KOEFISIEN_TAHUNAN[jenjang] * MULTIPLIER[predikat] * Decimal(months) / 12
    return round_half_up(value, 3)


# --- evaluation periods and statuses (rules §4) -----------------------------------------

JENIS_BULANAN = "bulanan"
JENIS_TRIWULANAN = "triwulanan"
JENIS_TAHUNAN = "tahunan"

EVALUASI_DRAFT = "draft"
EVALUASI_DINILAI = "dinilai"
EVALUASI_DITETAPKAN = "ditetapkan"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def period_bounds(jenis: str, nomor: int, tahun: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month (nomor 1–12), a quarter (1–4) or the year (0)."""
    if jenis == JENIS_BULANAN:
        if not 1 <= nomor <= 12:
            raise ValueError(f"month must be 1..12, not {nomor}")
        first_month, last_month = nomor, nomor
    elif jenis == JENIS_TRIWULANAN:
        if not 1 <= nomor <= 4:
            raise ValueError(f"quarter must be 1..4, not {nomor}")
        first_month, last_month = 3 * nomor - 2, 3 * nomor
    elif jenis == JENIS_TAHUNAN:
        first_month, last_month = 1, 12
    else:
        raise ValueError(f"unknown period kind {jenis!r}")
    start = dt.date(tahun, first_month, 1)
    end = dt.date(tahun, last_month, calendar.monthrange(tahun, last_month)[1])
    return start, end


def period_label(jenis: str, nomor: int, tahun: int) -> str:
    """ "Januari 2026", "Triwulan I 2026", "Tahunan 2026"."""
    if jenis == JENIS_BULANAN:
        return f"{BULAN[nomor - 1]} {tahun}"
    if jenis == JENIS_TRIWULANAN:
        return f"Triwulan {('I', 'II', 'III', 'IV')[nomor - 1]} {tahun}"
    return f"Tahunan {tahun}"


def open_period_error(start: dt.date, today: dt.date) -> str | None:
    """A period may be opened once it has begun (evaluation looks back, never ahead)."""
    if start > today:
        return _("Periode ini belum dimulai (mulai %(tanggal)s).") % {
            "tanggal": f"{start.day} {BULAN[start.month - 1]} {start.year}"
        }
    return None


# --- the rule set of a year as data (rules §1, §2 configurable) --------------------------


@dataclass(frozen=True)
class Aturan:
    """The rules one evaluation or penetapan used; built from AturanPenilaian or the
    defaults, and passed into the pure functions above."""

    versi: int = 0
    mode_tahunan: str = TAHUNAN_TERPISAH
    suggestion: SuggestionRules = DEFAULT_SUGGESTION
    head_rating: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_HEAD_RATING))
    curve: Mapping[str, tuple[CurveRule, ...]] = field(default_factory=lambda: dict(DEFAULT_CURVE))


DEFAULT_ATURAN = Aturan()


def curve_from_data(data: Mapping[str, Sequence[Mapping]]) -> dict[str, tuple[CurveRule, ...]]:
    """The curve stored as JSON (AturanPenilaian.kurva) → rules; a missing organisation
    predikat keeps the default. Raises ValueError on a malformed rule."""
    curve = dict(DEFAULT_CURVE)
    for org, rules in (data or {}).items():
        if org not in PREDIKAT_ORGANISASI:
            raise ValueError(f"unknown organisation predikat {org!r}")
        parsed = []
        for r in rules:
            predikat = tuple(r["predikat"])
            if not predikat or any(p not in PREDIKAT for p in predikat):
                raise ValueError(f"unknown predikat in {r!r}")
            if r["op"] not in (AT_MOST, AT_LEAST):
                raise ValueError(f"unknown operator in {r!r}")
            share = r.get("share")
            people = r.get("people")
            if (share is None) == (people is None):
                raise ValueError(f"a rule needs exactly one of share or people: {r!r}")
            share_d = Decimal(str(share)) if share is not None else None
            if share_d is not None and not Decimal(0) <= share_d <= Decimal(1):
                raise ValueError(f"share must be between 0 and 1: {r!r}")
            parsed.append(
                CurveRule(predikat, r["op"], share_d, int(people) if people is not None else None)
            )
        curve[org] = tuple(parsed)
    return curve


def curve_to_data(curve: Mapping[str, Sequence[CurveRule]]) -> dict[str, list[dict]]:
    return {
        org: [
            {
                "predikat": list(r.predikat),
                "op": r.op,
                "share": str(r.share) if r.share is not None else None,
                "people": r.people,
            }
            for r in rules
        ]
        for org, rules in curve.items()
    }


# --- evaluation rules -------------------------------------------------------------------


def rating_errors(
    *,
    hasil_kerja: str,
    perilaku: str,
    head_rating: str | None,
) -> dict[str, str]:
    """What is wrong with a penilai's ratings; a unit head's rating hasil kerja must be
    the one their unit's organisation predikat gives (rules §1)."""
    errors: dict[str, str] = {}
    if hasil_kerja not in RATINGS:
        errors["rating_hasil_kerja"] = _("Pilih rating hasil kerja.")
    if perilaku not in RATINGS:
        errors["rating_perilaku"] = _("Pilih rating perilaku kerja.")
    if head_rating is not None and hasil_kerja in RATINGS and hasil_kerja != head_rating:
        errors["rating_hasil_kerja"] = _(
            "Pegawai ini kepala unit: rating hasil kerjanya mengikuti predikat kinerja "
            "organisasi (%(rating)s)."
        ) % {"rating": RATING_LABELS[head_rating]}
    return errors


# --- SIASN codes (rules §13) ------------------------------------------------------------

SIASN_RATING = {DI_ATAS: 1, SESUAI: 2, DI_BAWAH: 3}
SIASN_KUADRAN = {SANGAT_BAIK: 1, BAIK: 2, BUTUH_PERBAIKAN: 3, KURANG: 4, SANGAT_KURANG: 5}
SIASN_PERIODIK = {JENIS_BULANAN: 1, JENIS_TRIWULANAN: 2}


# --- which curve covers a person (rules §2) ---------------------------------------------


def ancestry_from_path(path: str) -> tuple[int, ...]:
    """Unit ids from a materialised path ("00000001.00000007."), the unit itself first."""
    return tuple(int(p) for p in reversed(path.split(".")) if p)


def curve_unit(
    ancestry: Sequence[int], marked: frozenset[int] | set[int], heads_unit: int | None
) -> tuple[int, bool]:
    """(the unit whose penetapan covers the person, whether its curve counts them).

    `ancestry` is the person's unit and its ancestors (self first), `marked` the units
    whose organisation predikat is set (is_opd), `heads_unit` the unit the person heads.
    A curve covers everyone under a marked unit who is not under a lower marked unit,
    heads of sub-units included; the marked unit's own head is rated one level up, so
    counts in the next marked unit above. With no marked unit above, the head (or
    anybody outside every marked unit) is locked with the nearest marked unit (or the
    root) but counted in no curve."""
    if not ancestry:
        raise ValueError("a person without a unit has no curve")
    candidates = [u for u in ancestry if u in marked]
    if heads_unit is not None and candidates and candidates[0] == heads_unit:
        if len(candidates) > 1:
            return candidates[1], True
        return heads_unit, False
    if candidates:
        return candidates[0], True
    return ancestry[-1], False


# --- when an evaluation can no longer change --------------------------------------------

LOCKED_MESSAGE = gettext_lazy(
    "Evaluasi ini sudah ditetapkan; perubahan hanya melalui pembukaan kembali oleh Admin Instansi."
)
ANNUAL_LAST_PERIOD_MESSAGE = gettext_lazy(
    "Evaluasi tahunan mengikuti periode terakhir; ubah evaluasi periode tersebut."
)


def closed_period_message(periode_label: str) -> str:
    return _("Periode %(p)s sudah ditutup; evaluasinya tidak dapat diubah.") % {"p": periode_label}


def edit_refusal(
    *,
    status: str,
    periode_open: bool,
    periode_label: str,
    tahunan: bool,
    mode_tahunan: str,
    realisasi: bool = False,
    periode_preparing: bool = False,
) -> str | None:
    """Why an evaluation cannot change now, or None: locked by penetapan, an annual copy
    of the last period (rules §4, `last_period`), a period still being prepared or
    closed; for the person's realisasi also once the penilai has rated."""
    if status == EVALUASI_DITETAPKAN:
        return str(LOCKED_MESSAGE)
    if tahunan and mode_tahunan == TAHUNAN_PERIODE_TERAKHIR:
        return str(ANNUAL_LAST_PERIOD_MESSAGE)
    if realisasi and status == EVALUASI_DINILAI:
        return _(
            "Evaluasi ini sudah dinilai oleh pejabat penilai; realisasi tidak dapat diubah lagi."
        )
    if periode_preparing:
        return _("Periode %(p)s masih disiapkan; tunggu sampai semua evaluasinya dibuat.") % {
            "p": periode_label
        }
    if not periode_open:
        return closed_period_message(periode_label)
    return None
