from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ekinerja.org.domain import normalize_nip

from . import audit, ratelimit
from .models import User


class BootstrapMixin:
    """Bootstrap classes on every widget, and `is-invalid` on fields with errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


class LoginForm(auth_forms.AuthenticationForm):
    """Log in with NIP (spaces allowed) or a platform admin's username."""

    username = forms.CharField(
        label=_("NIP atau nama pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
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

    def _locked_out_error(self) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["locked_out"],
            code="locked_out",
            params={"minutes": settings.LOGIN_LOCKOUT_MINUTES},
        )

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username", "")
        ip = ratelimit.client_ip(self.request) if self.request else None
        # A locked-out login is refused before the password is even checked, so a
        # correct password does not get through during the lock-out either.
        if ratelimit.is_locked_out(username, ip):
            raise self._locked_out_error()
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                self._record_failure(username, ip)
            if username and ratelimit.is_locked_out(username, ip):
                raise self._locked_out_error() from None
            raise

    def _record_failure(self, username: str, ip: str | None) -> None:
        """Count the failure and audit it; the attempt that trips the lock is audited too.

        Events land in the instansi of the account that was targeted, so its admins and
        auditors see attacks on their staff; an unknown name has no instansi.
        """
        ratelimit.record_failure(username, ip)
        target = User.objects.filter(username=username).only("pk", "instansi_id").first()
        common = {
            "actor": None,
            "object_type": User._meta.label_lower,
            "object_id": str(target.pk) if target else "",
            "object_repr": username,
            "instansi_id": target.instansi_id if target else None,
            "ip": ip,
        }
        audit.record(action="auth.login_failed", **common)
        if ratelimit.failures_for(username) == settings.LOGIN_MAX_FAILURES:
            audit.record(
                action="auth.locked_out",
                changes={"menit": settings.LOGIN_LOCKOUT_MINUTES},
                **common,
            )


class PasswordChangeForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    pass


class SetPasswordForm(BootstrapMixin, auth_forms.SetPasswordForm):
    pass


class PasswordResetForm(BootstrapMixin, auth_forms.PasswordResetForm):
    """Password reset by email. Staff often have their address only on the Pegawai record
    (imported from HR data), so both the login's and the Pegawai's email are matched."""

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email: str) -> Iterator[User]:
        users = (
            User.objects.filter(Q(email__iexact=email) | Q(pegawai__email__iexact=email))
            .filter(is_active=True)
            .distinct()
        )
        return (u for u in users if u.has_usable_password())

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # The login may have no email of its own; the address typed matched it
        # case-insensitively (get_users), so it is the one to write to.
        super().send_mail(
            subject_template_name,
            email_template_name,
            context,
            from_email,
            to_email or self.cleaned_data["email"],
            html_email_template_name,
        )


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
        self.fields["object_type"].choices = [("", _("Semua jenis data")), *object_types]

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
