"""Account pages outside the usual login: activating an account with a code, the
password that must be chosen before anything else, and the owner's login email."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .. import accounts, activation, audit, ratelimit
from ..forms.accounts import ActivationForm, EmailChangeForm, RequiredPasswordForm
from ..http import ActorRequest

GET_POST = require_http_methods(["GET", "POST"])


@GET_POST
@never_cache
@sensitive_post_parameters("code", "new_password1", "new_password2")
def account_activate(request: HttpRequest) -> HttpResponse:
    """NIP + code from the letter or email + a new password → logged in.

    Whatever is wrong with the NIP or the code (no such account, a wrong, expired or
    used code) the answer is the same, and each attempt counts against the login
    throttle of that NIP and address."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect("home")
    initial = {"username": request.GET.get("nip", "")[:40]}
    form = ActivationForm(request.POST or None, initial=initial, request=request)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        ip = ratelimit.client_ip(request)
        user = activation.password_set_with_code(
            user=form.user, new_password=form.cleaned_data["new_password1"], ip=ip
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        audit.record(
            actor=user,
            action="auth.login",
            obj=user,
            instansi_id=user.instansi_id,
            changes={"dengan": "aktivasi"},
            ip=ip,
        )
        messages.success(
            request,
            _(
                "Akun Anda sudah aktif. Selanjutnya masuk dengan NIP dan kata sandi yang "
                "baru saja Anda buat."
            ),
        )
        response = redirect("home")
        ratelimit.remember_device(request, response, user.get_username())
        return response
    status = 429 if form.throttled is not None else 200
    return render(request, "registration/activate.html", {"form": form}, status=status)


@GET_POST
@never_cache
@login_required
@sensitive_post_parameters("new_password1", "new_password2")
def password_change_required(request: ActorRequest) -> HttpResponse:
    """The one page (with logout) open to an account that must choose a password."""
    user = request.user
    if not user.must_change_password:
        return redirect("password_change")
    form = RequiredPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = activation.password_set_with_code(
            user=user,
            new_password=form.cleaned_data["new_password1"],
            ip=ratelimit.client_ip(request),
        )
        update_session_auth_hash(request, user)
        messages.success(request, _("Kata sandi baru Anda sudah tersimpan."))
        return redirect("home")
    return render(request, "registration/password_change_required.html", {"form": form})


@GET_POST
@login_required
@sensitive_post_parameters("password")
def account_email(request: ActorRequest) -> HttpResponse:
    """The owner sets the email of their own login, confirming with their password.
    "Lupa kata sandi" writes to this address; both addresses are told of the change."""
    user = request.user
    form = EmailChangeForm(request.POST or None, user=user, initial={"email": user.email})
    if request.method == "POST" and form.is_valid():
        accounts.login_email_change(
            actor=user,
            user=user,
            email=form.cleaned_data["email"],
            ip=ratelimit.client_ip(request),
        )
        messages.success(request, _("Email login Anda sudah diubah."))
        return redirect("core:account-email")
    return render(
        request,
        "registration/account_email.html",
        {"form": form, "privileged": accounts.is_privileged(user)},
    )
