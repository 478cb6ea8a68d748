"""The account forms: logging in (with a NIP, or an activation code), changing,
resetting and choosing a password, activating an account with its code, and the
owner's own login email."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import activation, audit, ratelimit
from ..accounts import PRIVILEGED_ROLES
from ..formtools import BootstrapMixin
from ..models import RoleAssignment, User
from ..nip import normalize_nip


class LoginForm(auth_forms.AuthenticationForm):
    """Log in with NIP (spaces allowed) or a platform admin's username.

    With `accept_activation_code` (the login page, not the API), a live activation or
    reset code typed as the password also logs the person in; the account then must
    choose a password before anything else (PasswordChangeRequiredMiddleware)."""

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

    def __init__(self, *args: Any, accept_activation_code: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.accept_activation_code = accept_activation_code
        self.logged_in_with_code = False

    def clean_username(self) -> str:
        return clean_login_name(self.cleaned_data["username"])

    def _locked_out_error(self, verdict: ratelimit.Verdict) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["locked_out"],
            code="locked_out",
            params={"minutes": verdict.minutes},
        )

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username", "")
        ip = ratelimit.client_ip(self.request) if self.request else None
        device = ratelimit.device_for(self.request, username) if username else ""
        # A throttled attempt is refused before the password is even checked, so a
        # correct password does not get through from this address (or browser) either.
        verdict = ratelimit.check(username, ip, device)
        if not verdict.allowed:
            raise self._locked_out_error(verdict)
        try:
            return super().clean()
        except forms.ValidationError as error:
            if self._code_login(username, error):
                return self.cleaned_data
            if username:
                verdict = record_login_failure(username, ip, device, action="auth.login_failed")
                if not verdict.allowed:
                    raise self._locked_out_error(verdict) from None
            raise

    def _code_login(self, username: str, error: forms.ValidationError) -> bool:
        password = self.cleaned_data.get("password") or ""
        if not (self.accept_activation_code and username and activation.looks_like_code(password)):
            return False
        if getattr(error, "code", "") != "invalid_login":
            return False
        match = activation.code_match(username, password)
        if not match.ok or match.user is None:
            return False
        self.user_cache = match.user
        self.logged_in_with_code = True
        self.confirm_login_allowed(match.user)
        return True


def clean_login_name(raw: str) -> str:
    raw = raw.strip()
    digits = normalize_nip(raw)
    return digits if digits.isdigit() else raw


def record_login_failure(
    username: str,
    ip: str | None,
    device: str = "",
    *,
    action: str,
    changes: dict[str, Any] | None = None,
) -> ratelimit.Verdict:
    """Count a failure and audit it; a failure that makes the account wait is audited as
    `auth.locked_out` too. Events land in the instansi of the targeted account, so its
    admins and auditors see attacks on their staff; an unknown name has no instansi."""
    verdict = ratelimit.record_failure(username, ip, device)
    target = User.objects.filter(username=username).only("pk", "instansi_id").first()
    common: dict[str, Any] = {
        "actor": None,
        "object_type": User._meta.label_lower,
        "object_id": str(target.pk) if target else "",
        "object_repr": username[:255],
        "instansi_id": target.instansi_id if target else None,
        "ip": ip,
    }
    audit.record(action=action, changes=changes, **common)
    if not verdict.allowed:
        audit.record(action="auth.locked_out", changes={"menit": verdict.minutes}, **common)
    return verdict


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
        """Active accounts with a password whose email is `email`. The Admin Instansi
        and the Auditor are matched by their login's own email only, which only they
        (or the platform admin) set: an Admin Instansi who edits the Pegawai record of
        a colleague must not receive that colleague's reset link."""
        privileged = RoleAssignment.objects.filter(role__in=PRIVILEGED_ROLES).values("user_id")
        users = (
            User.objects.filter(
                Q(email__iexact=email) | (Q(pegawai__email__iexact=email) & ~Q(pk__in=privileged))
            )
            .filter(is_active=True)
            .distinct()
        )
        # Unlike Django's form, accounts without a usable password are included: here
        # that means "not activated yet" (an import or "Tambah pegawai"), and the link
        # to their own mailbox is exactly how such a person may activate.
        return iter(users)

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


class ActivationForm(BootstrapMixin, forms.Form):
    """NIP + the code from the activation letter or email + a new password."""

    error_messages = {
        "invalid_code": _(
            "NIP atau kode aktivasi tidak cocok, atau kode sudah tidak berlaku. Periksa "
            "kembali surat aktivasi Anda; bila kode sudah kedaluwarsa atau hilang, minta "
            "kode baru kepada admin kepegawaian atau pengelola kinerja unit Anda."
        ),
        "password_mismatch": _("Kedua kata sandi tidak sama."),
    }

    username = forms.CharField(
        label=_("NIP"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "inputmode": "numeric", "autofocus": True}
        ),
    )
    code = forms.CharField(
        label=_("Kode aktivasi"),
        max_length=40,
        help_text=_("Sepuluh huruf/angka seperti tertulis di surat, mis. ABCDE-FGHJK."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    new_password1 = forms.CharField(
        label=_("Kata sandi baru"),
        strip=False,
        help_text=_("Paling sedikit 8 karakter, tidak hanya angka, dan tidak mudah ditebak."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("Ulangi kata sandi baru"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None
        self.throttled: ratelimit.Verdict | None = None

    def clean_username(self) -> str:
        return clean_login_name(self.cleaned_data["username"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's Form.clean returns cleaned_data
        username, code = data.get("username", ""), data.get("code", "")
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if not (username and code and p1 and p2):
            return data
        if p1 != p2:
            self.add_error("new_password2", self.error_messages["password_mismatch"])
            return data
        # The password rules that do not depend on the account come first, so an
        # answer about them says nothing about whether the NIP has an account.
        try:
            password_validation.validate_password(p1, user=None)
        except forms.ValidationError as e:
            self.add_error("new_password1", e)
            return data
        ip = ratelimit.client_ip(self.request) if self.request else None
        device = ratelimit.device_for(self.request, username)
        verdict = ratelimit.check(username, ip, device)
        if not verdict.allowed:
            self.throttled = verdict
            raise forms.ValidationError(
                LoginForm.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": verdict.minutes},
            )
        match = activation.code_match(username, code)
        if not match.ok or match.user is None:
            verdict = record_login_failure(
                username,
                ip,
                device,
                action="auth.activation_failed",
                changes={"alasan": match.reason},
            )
            if not verdict.allowed:
                raise forms.ValidationError(
                    LoginForm.error_messages["locked_out"],
                    code="locked_out",
                    params={"minutes": verdict.minutes},
                )
            raise forms.ValidationError(self.error_messages["invalid_code"], code="invalid_code")
        # Only someone holding a live code gets this far: the rules that compare the
        # password with the person's NIP and name may now speak.
        try:
            password_validation.validate_password(p1, user=match.user)
        except forms.ValidationError as e:
            self.add_error("new_password1", e)
            return data
        self.user = match.user
        return data


class RequiredPasswordForm(BootstrapMixin, auth_forms.SetPasswordForm):
    """The password the owner must choose after a temporary password or a code."""


class EmailChangeForm(BootstrapMixin, forms.Form):
    """The owner changes the email of their own login, confirming with their password."""

    email = forms.EmailField(
        label=_("Email baru"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Kata sandi Anda saat ini"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Kata sandi salah."), code="password_incorrect")
        return password

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()
