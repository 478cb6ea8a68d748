"""What the planning forms share: the date widget, a stored number as people type it,
radio buttons styled for Bootstrap."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from ekinerja.core.numbers import format_id

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def number_text(value: Decimal | None) -> str:
    """A stored target the way an Indonesian types it: `12,5`, `1.234`, `80`."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_id(value, places)


def radio(field: forms.Field) -> None:
    field.widget.attrs["class"] = "form-check-input"
