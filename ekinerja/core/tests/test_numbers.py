"""Indonesian number writing (core.numbers), shared by every app's pages and documents."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ekinerja.core.numbers import format_id, number_text, round_half_up


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (Decimal("12"), "12"),
        (Decimal("12.0000"), "12"),
        (Decimal("12.5000"), "12,5"),
        (Decimal("0.25"), "0,25"),
        (Decimal("1234567"), "1.234.567"),
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("1E+3"), "1.000"),
    ],
)
def test_number_text_keeps_only_the_decimals_it_has(value, expected):
    assert number_text(value) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(Decimal("2.5"), 0, "3"), (Decimal("1234567.25"), 1, "1.234.567,3"), (7, 2, "7,00")],
)
def test_format_id_rounds_half_up(value, places, expected):
    assert format_id(value, places) == expected
    assert round_half_up(Decimal("0.5")) == Decimal(1)
