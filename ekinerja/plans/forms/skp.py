"""Forms of the SKP itself: creating one (period, approach, dates) and the penilai's
reason for returning it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from .. import domain
from ..models import SKP, PeriodeKinerja
from .common import DATE, radio


class SKPCreateForm(BootstrapMixin, forms.Form):
    periode = forms.TypedChoiceField(label=_("Periode kinerja"), coerce=int)
    pendekatan = forms.ChoiceField(
        label=_("Pendekatan"),
        choices=SKP.Pendekatan.choices,
        initial=domain.KUANTITATIF,
        widget=forms.RadioSelect,
        help_text=_(
            "Kuantitatif: target berupa angka atau rentang. Kualitatif: target boleh berupa uraian."
        ),
    )
    tanggal_mulai = forms.DateField(
        label=_("Tanggal mulai"),
        required=False,
        widget=DATE,
        help_text=_("Kosongkan untuk satu tahun penuh (1 Januari)."),
    )
    tanggal_selesai = forms.DateField(
        label=_("Tanggal selesai"),
        required=False,
        widget=DATE,
        help_text=_("Kosongkan untuk satu tahun penuh (31 Desember)."),
    )

    def __init__(self, *args: Any, periodes: Iterable[PeriodeKinerja], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["periode"]).choices = [
            (p.pk, str(p.tahun)) for p in periodes
        ]
        radio(self.fields["pendekatan"])


class ReturnForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pengembalian"),
        max_length=domain.MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Tuliskan alasan pengembalian agar pegawai dapat memperbaikinya.")
        },
        help_text=_("Pegawai membaca alasan ini untuk memperbaiki SKP-nya."),
    )
