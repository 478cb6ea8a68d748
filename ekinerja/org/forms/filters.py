"""The filters of the staff list and the positions list. Every field is optional; a bad
value is shown with its error and ignored (`filters`)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from .. import domain
from ..models import Jabatan, Pegawai


def valid_filters(form: forms.Form) -> dict[str, Any]:
    """Valid filters only; a bad value is shown with its error and ignored."""
    data = getattr(form, "cleaned_data", {})
    return {k: v for k, v in data.items() if k not in form.errors and v not in (None, "")}


class PegawaiFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    unit = forms.TypedChoiceField(label=_("Unit kerja"), required=False, coerce=int)
    jenis = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis jabatan")), *Jabatan.Jenis.choices],
    )
    golongan = forms.ChoiceField(
        label=_("Golongan"),
        required=False,
        choices=[("", _("Semua golongan")), *domain.GOLONGAN_CHOICES],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *Pegawai.Status.choices],
    )
    bawahan = forms.BooleanField(label=_("Hanya bawahan langsung saya"), required=False)
    nonaktif = forms.BooleanField(label=_("Termasuk pegawai nonaktif"), required=False)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", _("Semua unit")), *units]
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs.update(
            {"autocomplete": "off", "placeholder": _("mis. Budi atau 1986…")}
        )
        for name in ("bawahan", "nonaktif"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def filters(self) -> dict[str, Any]:
        return valid_filters(self)


class JabatanFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama atau kode jabatan"), required=False, max_length=100)
    unit = forms.TypedChoiceField(label=_("Unit kerja"), required=False, coerce=int)
    jenis = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis jabatan")), *Jabatan.Jenis.choices],
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", _("Semua unit")), *units]
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs["autocomplete"] = "off"

    def filters(self) -> dict[str, Any]:
        return valid_filters(self)
