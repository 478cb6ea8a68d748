from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ekinerja.org.domain import normalize_nip

from . import ratelimit


class LoginForm(AuthenticationForm):
    """Log in with NIP (spaces allowed) or a platform admin's username."""

    username = forms.CharField(
        label=_("NIP atau nama pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("NIP/nama pengguna atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin instansi Anda."),
        "locked_out": _(
            "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit "
            "atau atur ulang kata sandi Anda."
        ),
    }

    def clean_username(self) -> str:
        raw = self.cleaned_data["username"].strip()
        digits = normalize_nip(raw)
        return digits if digits.isdigit() else raw

    def clean(self):
        from django.conf import settings

        username = self.cleaned_data.get("username", "")
        ip = ratelimit.client_ip(self.request) if self.request else None
        if ratelimit.is_locked_out(username, ip):
            raise forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        try:
            return super().clean()
        except forms.ValidationError:
            ratelimit.record_failure(username, ip)
            raise
