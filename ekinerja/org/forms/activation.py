"""The forms of the account activation pages: the issuing list's filters and issuing
codes for a whole unit."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from ekinerja.core.formtools import BootstrapMixin

from ..activation import status as activation_status


class ActivationFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari nama atau NIP"), required=False, max_length=100)
    unit = forms.TypedChoiceField(label=gettext_lazy("Unit kerja"), required=False, coerce=int)
    status = forms.ChoiceField(
        label=gettext_lazy("Status akun"),
        required=False,
        choices=[("", gettext_lazy("Semua status")), *activation_status.Status.CHOICES],
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            ("", gettext_lazy("Semua unit")),
            *units,
        ]
        self.fields["q"].widget.input_type = "search"

    def filters(self) -> dict[str, Any]:
        data = getattr(self, "cleaned_data", {})
        return {
            k: data[k]
            for k in ("q", "unit", "status")
            if k not in self.errors and data.get(k) not in (None, "")
        }


class UnitIssueForm(BootstrapMixin, forms.Form):
    unit = forms.TypedChoiceField(label=gettext_lazy("Unit kerja"), coerce=int)
    cara = forms.ChoiceField(
        label=gettext_lazy("Cara penyampaian"),
        choices=[
            ("surat", gettext_lazy("Cetak surat aktivasi untuk semua")),
            ("email", gettext_lazy("Kirim email bagi yang punya alamat; surat untuk lainnya")),
        ],
        initial="surat",
        widget=forms.RadioSelect,
    )
    termasuk_menunggu = forms.BooleanField(
        label=gettext_lazy("Termasuk yang kodenya masih berlaku (kode lama dibatalkan)"),
        required=False,
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = units
        self.fields["cara"].widget.attrs["class"] = "form-check-input"
        self.fields["termasuk_menunggu"].widget.attrs["class"] = "form-check-input"
