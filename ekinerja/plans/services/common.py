"""Helpers the planning services share: field errors raised as one ValidationError,
the not-found error, and a date as the messages write it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _


def raise_errors(errors: dict[str, str]) -> None:
    """Raise `{field: message}` as one ValidationError, if there is any."""
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})


def not_found() -> Http404:
    return Http404(_("Data tidak ditemukan."))


def date_text(d: dt.date) -> str:
    return d.strftime("%d-%m-%Y")
