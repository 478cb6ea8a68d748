"""Whole numbers the API accepts, bounded to what the database can hold.

DRF's IntegerField takes any Python int: an id of 25 digits reached the ORM, where
SQLite cannot bind it (OverflowError) and PostgreSQL's bigint cannot hold it, and the
caller got a 500. Every writable whole number of the API is one of these two fields
(api/tests/test_edge_inputs.py checks every input serializer), so such a request is a
400 that says what is wrong.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from ekinerja.core.ids import MAX_ID

MAX_INT = 2**31 - 1  # models.IntegerField on PostgreSQL


class IdField(serializers.IntegerField):
    """The id of an object, in a filter or a body: 1 … MAX_ID."""

    default_error_messages = {
        "invalid": gettext_lazy("Tulis id sebagai bilangan bulat."),
        "min_value": gettext_lazy("Id tidak sah: id adalah bilangan bulat positif."),
        "max_value": gettext_lazy("Id tidak sah: tidak ada data dengan id sebesar ini."),
        "max_string_length": gettext_lazy("Id tidak sah: tidak ada data dengan id sebesar ini."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class WholeNumberField(serializers.IntegerField):
    """A count or a number (minutes, month, year) that a model's IntegerField stores;
    the service checks the real range and says it in its own words."""

    default_error_messages = {
        "min_value": gettext_lazy("Angka terlalu kecil."),
        "max_value": gettext_lazy("Angka terlalu besar."),
        "max_string_length": gettext_lazy("Angka terlalu besar."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", -MAX_INT - 1)
        kwargs.setdefault("max_value", MAX_INT)
        super().__init__(**kwargs)
