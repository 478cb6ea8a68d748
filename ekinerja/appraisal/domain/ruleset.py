"""The rule set of a year as data (rules §1, §2 configurable): what an evaluation or a
penetapan used (AturanPenilaian or the spec's defaults), and the curve as stored JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .achievement import DEFAULT_SUGGESTION, SuggestionRules
from .distribution import AT_LEAST, AT_MOST, DEFAULT_CURVE, CurveRule
from .evaluation import TAHUNAN_TERPISAH
from .ratings import DEFAULT_HEAD_RATING, PREDIKAT, PREDIKAT_ORGANISASI

# --- the rule set of a year as data (rules §1, §2 configurable) --------------------------


@dataclass(frozen=True)
class Aturan:
    """The rules one evaluation or penetapan used; built from AturanPenilaian or the
    defaults, and passed into the pure functions of this package."""

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
