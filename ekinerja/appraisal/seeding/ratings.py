"""What the demo deals to people (rules §1–§3): predikat per unit such that the curve of
its organisation predikat holds (checked with domain.distribution.check_curve against the year's
rules), each predikat as a pair of ratings off the matrix, and realisasi per IKI that
make the system's suggestion agree with the rating the person then gets (above target
for Di Atas, on target for Sesuai, below for Di Bawah)."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ekinerja.plans import domain as plans_domain

from ..domain import achievement, distribution, ratings, ruleset
from .vocabulary import REALISASI_TEKS, REALISASI_TEKS_KURANG

Q4 = Decimal("0.0001")

# Which predikat a rating hasil kerja allows (the matrix read by rows, rules §1).
ALLOWED = {
    hk: tuple(
        p for p in ratings.PREDIKAT if p in {ratings.MATRIX[(hk, pk)] for pk in ratings.RATINGS}
    )
    for hk in ratings.RATINGS
}
# The pairs of ratings that give each predikat, the commonest first.
PAIRS = {
    ratings.SANGAT_BAIK: ((ratings.DI_ATAS, ratings.DI_ATAS),),
    ratings.BAIK: (
        (ratings.SESUAI, ratings.SESUAI),
        (ratings.SESUAI, ratings.SESUAI),
        (ratings.SESUAI, ratings.DI_ATAS),
        (ratings.DI_ATAS, ratings.SESUAI),
    ),
    ratings.BUTUH_PERBAIKAN: (
        (ratings.DI_BAWAH, ratings.SESUAI),
        (ratings.DI_BAWAH, ratings.DI_ATAS),
    ),
    ratings.KURANG: ((ratings.SESUAI, ratings.DI_BAWAH), (ratings.DI_ATAS, ratings.DI_BAWAH)),
    ratings.SANGAT_KURANG: ((ratings.DI_BAWAH, ratings.DI_BAWAH),),
}
ORG_WEIGHTS = ((ratings.ORG_BAIK, 62), (ratings.ISTIMEWA, 30), (ratings.ORG_BUTUH_PERBAIKAN, 8))


# --- the curve (rules §2) -----------------------------------------------------------------


def _targets(n: int, org: str, rng: random.Random) -> Counter[str]:
    """A plausible count per predikat for n people under `org` (not yet checked)."""
    want: Counter[str] = Counter()
    if n <= 0:
        return want
    if org == ratings.ISTIMEWA:
        want[ratings.SANGAT_BAIK] = min(math.floor(0.7 * n), round(n * rng.uniform(0.3, 0.6)))
        want[ratings.BUTUH_PERBAIKAN] = round(n * rng.uniform(0, 0.04))
    elif org == ratings.ORG_BUTUH_PERBAIKAN:
        want[ratings.BUTUH_PERBAIKAN] = min(
            n, max(math.ceil(0.6 * n), round(n * rng.uniform(0.6, 0.75)))
        )
        want[ratings.SANGAT_BAIK] = min(math.floor(0.1 * n), round(n * rng.uniform(0, 0.08)))
        if n >= 20 and rng.random() < 0.5:
            want[ratings.KURANG] = 1
    elif org in (ratings.ORG_KURANG, ratings.ORG_SANGAT_KURANG):
        low = ratings.KURANG if org == ratings.ORG_KURANG else ratings.SANGAT_KURANG
        want[low] = min(n, math.ceil(0.65 * n))
        want[ratings.BUTUH_PERBAIKAN] = min(n - want[low], math.ceil(0.15 * n))
    else:  # Baik
        n_low = max(1, round(n * rng.uniform(0.03, 0.08)))
        want[ratings.BAIK] = max(
            0, min(math.floor(0.7 * n), round(n * rng.uniform(0.5, 0.68)), n - n_low)
        )
        want[ratings.KURANG] = 1 if n_low > 1 and rng.random() < 0.3 else 0
        want[ratings.BUTUH_PERBAIKAN] = n_low - want[ratings.KURANG]
    rest = n - sum(want.values())
    if rest < 0:  # rounding overshoot: trim the largest
        for p in sorted(want, key=want.__getitem__, reverse=True):
            take = min(want[p], -rest)
            want[p] -= take
            rest += take
    filler = ratings.SANGAT_BAIK if org == ratings.ORG_BAIK else ratings.BAIK
    want[filler] += rest
    return want


def assign_predikat(
    free: int,
    fixed: Sequence[str],
    org: str,
    aturan: ruleset.Aturan,
    rng: random.Random,
    tries: int = 30,
) -> tuple[list[str], list[str]] | None:
    """Predikat for `free` people and for people whose rating hasil kerja is fixed
    (`fixed`: their HK, a unit head under a marked unit), such that the curve of `org`
    holds under `aturan`; (free predikat shuffled, fixed predikat in order), or None when
    no try satisfied it."""
    n = free + len(fixed)
    for _t in range(tries):
        want = _targets(n, org, rng)
        left = Counter(want)
        fixed_p = []
        for hk in fixed:
            options = [p for p in ALLOWED[hk] if left[p] > 0]
            p = max(options, key=left.__getitem__) if options else rng.choice(ALLOWED[hk])
            left[p] -= 1
            fixed_p.append(p)
        free_p: list[str] = []
        for p in ratings.PREDIKAT:
            free_p += [p] * max(0, left[p])
        while len(free_p) > free:  # a fixed person took a predikat nobody was left for
            free_p.remove(max(free_p, key=lambda p: left[p]))
        while len(free_p) < free:
            free_p.append(ratings.BAIK)
        counts = Counter(free_p) + Counter(fixed_p)
        if distribution.check_curve(counts, org, aturan.curve).ok:
            rng.shuffle(free_p)
            return free_p, fixed_p
    return None


# --- realisasi (rules §3) ------------------------------------------------------------------


@dataclass(frozen=True)
class IkiSpec:
    id: int
    rhk_id: int
    utama: bool
    jenis: str
    nilai: Decimal | None
    lo: Decimal | None
    hi: Decimal | None
    arah: str


def _round_like(value: Decimal, target: Decimal) -> Decimal:
    """A realisasi as staff type it: whole numbers for whole targets, else 2 decimals."""
    if target == target.to_integral_value():
        return value.quantize(Decimal(1), ROUND_HALF_UP)
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _factor(rating: str, rng: random.Random) -> float:
    if rating == ratings.DI_ATAS:
        return rng.uniform(1.12, 1.35)
    if rating == ratings.SESUAI:
        return rng.uniform(1.0, 1.08)
    return rng.uniform(0.55, 0.92)


def realisasi_value(iki: IkiSpec, rating: str, rng: random.Random) -> tuple[Decimal | None, str]:
    """(nilai, teks) of one IKI for a person whose results deserve `rating`."""
    if iki.jenis == plans_domain.TARGET_TEKS:
        pool = REALISASI_TEKS_KURANG if rating == ratings.DI_BAWAH else REALISASI_TEKS
        return None, rng.choice(pool)
    f = Decimal(str(round(_factor(rating, rng), 3)))
    if iki.jenis == plans_domain.TARGET_RENTANG and iki.lo is not None and iki.hi is not None:
        if rating == ratings.DI_ATAS:
            raw, ref = iki.hi * f, iki.hi
        elif rating == ratings.SESUAI:
            raw, ref = (iki.lo + iki.hi) / 2, iki.hi
        else:
            raw, ref = iki.lo * f, iki.lo
        return _round_like(raw, ref), ""
    t = iki.nilai or Decimal(0)
    raw = t * (2 - f) if iki.arah == achievement.LEBIH_RENDAH else t * f
    value = max(Decimal(0), _round_like(raw, t))
    if value == t and rating == ratings.DI_ATAS and t >= 1:  # small target: one more
        value = t - 1 if iki.arah == achievement.LEBIH_RENDAH else t + 1
    return value, ""


def capaian_of(iki: IkiSpec, nilai: Decimal | None) -> Decimal | None:
    if nilai is None:
        return None
    value = achievement.capaian(
        nilai, iki.nilai, arah=iki.arah,
        target_min=iki.lo if iki.jenis == plans_domain.TARGET_RENTANG else None,
        target_maks=iki.hi if iki.jenis == plans_domain.TARGET_RENTANG else None,
    )  # fmt: skip
    return None if value is None else value.quantize(Q4)
