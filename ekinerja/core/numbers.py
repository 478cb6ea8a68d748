"""Decimal rounding and Indonesian number formatting, in one place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """Round like the regulations do (half up), never banker's rounding."""
    quantum = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def format_id(value: Decimal | int, places: int = 0) -> str:
    """Indonesian format: thousands with '.', decimals with ',' (1.234.567,5)."""
    d = round_half_up(Decimal(value), places)
    s = f"{d:,.{places}f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")


def number_text(value: Decimal | None) -> str:
    """A stored number the way an Indonesian writes and types it, with only the decimals
    it has: `12`, `12,5`, `1.234.567`; "" for none."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_id(value, places)
