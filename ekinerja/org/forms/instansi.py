"""The platform admin's form for a new agency with its first Admin Instansi."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from ..models import Instansi


class InstansiForm(BootstrapMixin, forms.ModelForm):
    admin_username = forms.CharField(
        label=_("Nama pengguna Admin Instansi"),
        max_length=150,
        help_text=_("Akun pertama yang mengelola data instansi ini (BKPSDM/BKD)."),
    )
    admin_password = forms.CharField(
        label=_("Kata sandi sementara"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Kosongkan bila admin akan mengatur kata sandi sendiri melalui email."),
    )
    admin_email = forms.EmailField(label=_("Email Admin Instansi"), required=False)

    class Meta:
        model = Instansi
        fields = ["kode", "nama", "singkatan", "jenis", "zona_waktu", "kota"]
        error_messages = {
            "kode": {"unique": _("Kode instansi ini sudah dipakai.")},
        }

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's Form.clean returns cleaned_data
        if not data.get("admin_password") and not data.get("admin_email"):
            self.add_error(
                "admin_password",
                _("Isi kata sandi sementara, atau email agar admin dapat mengatur kata sandinya."),
            )
        return data
