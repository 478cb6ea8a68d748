"""A performance year of the instansi (Admin Instansi)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from .. import domain
from ..models import PeriodeKinerja
from .common import DATE


class PeriodeForm(BootstrapMixin, forms.Form):
    tahun = forms.IntegerField(
        label=_("Tahun"),
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": _("Tahun harus berupa angka, mis. 2026.")},
    )
    periodik = forms.ChoiceField(
        label=_("Penilaian periodik"),
        choices=PeriodeKinerja.Periodik.choices,
        initial=domain.PERIODIK_DEFAULT,
        help_text=_("Bulanan lazim bagi pemerintah daerah karena TPP dibayar setiap bulan."),
    )
    perencanaan_mulai = forms.DateField(
        label=_("Perencanaan dibuka"),
        required=False,
        widget=DATE,
        help_text=_("Sejak tanggal ini pegawai dapat membuat SKP. Kosongkan bila tanpa batas."),
    )
    perencanaan_selesai = forms.DateField(
        label=_("Perencanaan ditutup"),
        required=False,
        widget=DATE,
        help_text=_(
            "Sesudah tanggal ini hanya Admin Instansi yang dapat membuat SKP. Kosongkan bila "
            "tanpa batas."
        ),
    )
