"""The form of a position (Jabatan), and finding a position by the code typed or
picked (`jabatan_by_kode`, shared with the staff forms)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin, PickerField

from ..models import Jabatan, UnitKerja


class JabatanForm(BootstrapMixin, forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit kerja"), coerce=int)
    kode = forms.CharField(label=_("Kode"), max_length=32)
    nama = forms.CharField(label=_("Nama jabatan"), max_length=255)
    jenis = forms.ChoiceField(label=_("Jenis jabatan"), choices=Jabatan.Jenis.choices)
    jenjang = forms.ChoiceField(
        label=_("Jenjang"),
        required=False,
        choices=[("", "—"), *Jabatan.Jenjang.choices],
        help_text=_("Hanya untuk jabatan fungsional."),
    )
    eselon = forms.ChoiceField(
        label=_("Eselon"), required=False, choices=[("", "—"), *Jabatan.Eselon.choices]
    )
    kelas = forms.IntegerField(
        label=_("Kelas jabatan"),
        required=False,
        min_value=1,
        max_value=17,
        error_messages={
            "min_value": _("Kelas jabatan harus antara 1 dan 17."),
            "max_value": _("Kelas jabatan harus antara 1 dan 17."),
        },
    )
    parent = PickerField(
        picker="jabatan",
        label=_("Jabatan atasan (kode)"),
        required=False,
        help_text=_("Ketik kode atau nama jabatan atasan; kosongkan untuk jabatan teratas."),
    )
    is_head = forms.BooleanField(label=_("Kepala unit"), required=False)
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(
        self, *args: Any, units: list[tuple[int, str]], instansi_id: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id
        cast(forms.ChoiceField, self.fields["unit"]).choices = [("", _("— Pilih unit —")), *units]
        for name in ("is_head", "aktif"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean_parent(self) -> Jabatan | None:
        kode = self.cleaned_data["parent"].strip()
        if not kode:
            return None
        jab = Jabatan.objects.filter(instansi_id=self.instansi_id, kode__iexact=kode).first()
        if jab is None:
            raise ValidationError(
                _("Jabatan dengan kode %(k)s tidak ada di instansi ini."), params={"k": kode}
            )
        return jab

    def clean_unit(self) -> UnitKerja:
        unit = UnitKerja.objects.filter(
            instansi_id=self.instansi_id, pk=self.cleaned_data["unit"]
        ).first()
        if unit is None:
            raise ValidationError(_("Pilih unit kerja."))
        return unit

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's Form.clean returns cleaned_data
        jenis = data.get("jenis")
        if jenis == Jabatan.Jenis.FUNGSIONAL and not data.get("jenjang"):
            self.add_error("jenjang", _("Jabatan fungsional wajib mempunyai jenjang."))
        if jenis and jenis != Jabatan.Jenis.FUNGSIONAL and data.get("jenjang"):
            self.add_error("jenjang", _("Jenjang hanya untuk jabatan fungsional."))
        return data


def jabatan_by_kode(instansi_id: int, kode: str) -> Jabatan:
    jab = (
        Jabatan.objects.filter(instansi_id=instansi_id, kode__iexact=kode)
        .select_related("unit")
        .first()
    )
    if jab is None:
        raise ValidationError(
            _("Jabatan dengan kode %(k)s tidak ada di instansi ini."), params={"k": kode}
        )
    return jab
