"""The distribution curve (rules §2): the rules an organisation predikat allows, their
state while people are still being rated, whether any rating of a small unit can satisfy
them, and which unit's curve covers a person."""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .ratings import (
    BAIK,
    BUTUH_PERBAIKAN,
    ISTIMEWA,
    KURANG,
    ORG_BAIK,
    ORG_BUTUH_PERBAIKAN,
    ORG_KURANG,
    ORG_SANGAT_KURANG,
    PREDIKAT,
    PREDIKAT_LABELS,
    PREDIKAT_ORGANISASI_LABELS,
    SANGAT_BAIK,
    SANGAT_KURANG,
)

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
