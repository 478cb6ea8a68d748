"""The filters of the audit-trail browser (views/audit.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ..formtools import BootstrapMixin


class AuditFilterForm(BootstrapMixin, forms.Form):
    """Filters of the audit-trail browser. Every field is optional."""

    action = forms.CharField(
        label=_("Aksi"),
        required=False,
        max_length=64,
        help_text=_("Awal kode aksi, mis. “pegawai” atau “auth.login”."),
    )
    object_type = forms.ChoiceField(label=_("Jenis data"), required=False)
    q = forms.CharField(
        label=_("Pelaku (nama atau NIP)"), required=False, max_length=100, strip=True
    )
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, object_types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["object_type"]).choices = [
            ("", _("Semua jenis data")),
            *object_types,
        ]

    def clean_action(self) -> str:
        return self.cleaned_data["action"].strip().lower()

    # The trail starts with the application; a year such as 1 or 9999 cannot even be
    # turned into a moment in the agency's time zone.
    FIRST_YEAR, LAST_YEAR = 2000, 2100

    def _clean_date(self, name: str) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get(name)
        if day is not None and not self.FIRST_YEAR <= day.year <= self.LAST_YEAR:
            raise forms.ValidationError(
                _("Tanggal harus antara tahun %(awal)s dan %(akhir)s.")
                % {"awal": self.FIRST_YEAR, "akhir": self.LAST_YEAR}
            )
        return day

    def clean_date_from(self) -> dt.date | None:
        return self._clean_date("date_from")

    def clean_date_to(self) -> dt.date | None:
        return self._clean_date("date_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's Form.clean returns cleaned_data
        start: dt.date | None = data.get("date_from")
        end: dt.date | None = data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def filters(self) -> dict[str, Any]:
        """The valid filters only: a bad field is reported and ignored, not guessed."""
        data = getattr(self, "cleaned_data", {})
        return {
            k: data[k]
            for k in ("action", "object_type", "q", "date_from", "date_to")
            if k not in self.errors and data.get(k) not in (None, "")
        }
