"""Forms of the organisation pages: the organisation predikat of a unit and the reason
for reopening a penetapan. They parse the shape of the input; the rules (who, when,
the curve) are the service's call (services.penetapan), whose refusals are shown on
the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from ..models import PredikatOrganisasi
from ..services.penetapan import MAX_ALASAN, MAX_CATATAN, MIN_ALASAN


class PredikatOrganisasiForm(BootstrapMixin, forms.Form):
    predikat = forms.ChoiceField(
        label=_("Predikat kinerja organisasi"),
        choices=[("", _("— pilih —")), *PredikatOrganisasi.Predikat.choices],
        error_messages={"required": _("Pilih predikat kinerja organisasi.")},
    )
    catatan = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=MAX_CATATAN,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_CATATAN}),
        help_text=_("Dasar penetapan, mis. capaian indikator kinerja utama unit."),
    )


class ReopenForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pembukaan kembali"),
        min_length=MIN_ALASAN,
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_ALASAN}),
        error_messages={
            "required": _("Tuliskan alasan pembukaan kembali."),
            "min_length": _(
                "Tuliskan alasan pembukaan kembali sedikitnya %(limit_value)d karakter "
                "(sekarang %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alasan"].help_text = gettext(
            "Dicatat dalam jejak audit dan dikirim kepada yang melakukan penetapan. "
            "Sedikitnya %(n)s karakter."
        ) % {"n": MIN_ALASAN}
