"""What the planning forms share: the date widget, radio buttons styled for Bootstrap."""

from __future__ import annotations

from django import forms

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def radio(field: forms.Field) -> None:
    field.widget.attrs["class"] = "form-check-input"
