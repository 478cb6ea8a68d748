"""Logging in and out, changing and resetting a password (Django's auth views with our
forms, throttling and audit events), and the Django admin's login and password pages,
which send to ours."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .. import activation, audit, ratelimit, siteurl
from ..forms.accounts import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "accept_activation_code": True}

    def form_valid(self, form: auth_forms.AuthenticationForm) -> HttpResponse:
        assert isinstance(form, LoginForm)  # form_class
        user = form.get_user()
        username = form.cleaned_data["username"]
        ratelimit.clear_failures(username)
        audit.record(
            actor=user,
            action="auth.login",
            obj=user,
            instansi_id=user.instansi_id,
            changes={"dengan": "kode aktivasi"} if form.logged_in_with_code else None,
            ip=ratelimit.client_ip(self.request),
        )
        response = super().form_valid(form)
        # This browser is now known to the account: failures elsewhere cannot lock the
        # owner out of it (core.ratelimit).
        ratelimit.remember_device(self.request, response, username)
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default): a link or an image tag cannot log anyone out."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            audit.record(
                actor=user,
                action="auth.logout",
                obj=user,
                instansi_id=user.instansi_id,
                ip=ratelimit.client_ip(request),
            )
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if getattr(request.user, "must_change_password", False):
            # Who must choose a password may not know a usable old one (they came in
            # with an activation code): the page that does not ask for it.
            return redirect("password_change_required")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: auth_forms.PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        activation.codes_void(user=user)
        audit.record(
            actor=user,
            action="auth.password_change",
            obj=user,
            instansi_id=user.instansi_id,
            ip=ratelimit.client_ip(self.request),
        )
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """ "Lupa kata sandi": the same answer whatever was typed, and at most a few emails
    per address typed and per client address an hour (core.ratelimit)."""

    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        ip = ratelimit.client_ip(self.request)
        if not ratelimit.reset_request_allowed(form.cleaned_data["email"], ip):
            audit.record(actor=None, action="auth.password_reset_throttled", ip=ip)
            return redirect(self.get_success_url())
        self.extra_email_context = {"site_url": siteurl.base()}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: auth_forms.SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        # The lock-out message tells people to reset their password: a reset proves
        # control of the mailbox, so it lifts the lock. Open codes die with it.
        ratelimit.clear_failures(user.get_username())
        activation.codes_void(user=user)
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        audit.record(
            actor=user,
            action="auth.password_reset",
            obj=user,
            instansi_id=user.instansi_id,
            ip=ratelimit.client_ip(self.request),
        )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


def django_admin_login(request: HttpRequest) -> HttpResponse:
    """/django-admin/login/ answers with a redirect to our login page, which throttles
    and audits every attempt: the Django admin's own login form is never used.
    A logged-in user without admin rights gets a 403 instead of a redirect loop."""
    if request.user.is_authenticated:
        raise PermissionDenied(_("Halaman admin Django hanya untuk admin platform."))
    target = request.GET.get("next", "")
    return redirect_to_login(target) if target else redirect("login")


def django_admin_password_change(request: HttpRequest) -> HttpResponse:
    return redirect("password_change")
