"""The form of a unit (UnitKerja): its parent, code, name, whether it is an OPD."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin


class UnitForm(BootstrapMixin, forms.Form):
    parent = forms.TypedChoiceField(
        label=_("Unit induk"),
        required=False,
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "Pilih unit induk dari daftar; unit tidak dapat dipindah ke bawah dirinya sendiri."
            )
        },
    )
    kode = forms.CharField(label=_("Kode"), max_length=32)
    nama = forms.CharField(label=_("Nama unit"), max_length=255)
    singkatan = forms.CharField(label=_("Singkatan"), max_length=50, required=False)
    is_opd = forms.BooleanField(
        label=_("OPD / satker"),
        required=False,
        help_text=_("Unit yang predikat kinerja organisasinya ditetapkan (mis. dinas, badan)."),
    )
    urutan = forms.IntegerField(label=_("Urutan"), min_value=0, initial=0, required=False)
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["parent"]).choices = [
            ("", _("— Tanpa induk (unit teratas) —")),
            *units,
        ]
        for name in ("is_opd", "aktif"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip()
