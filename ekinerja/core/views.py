from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import access, activation, audit, ratelimit, selectors, siteurl
from .forms.accounts import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .forms.audit import AuditFilterForm
from .htmx import is_htmx

# --- accounts -------------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "accept_activation_code": True}

    def form_valid(self, form: LoginForm) -> HttpResponse:
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

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "must_change_password", False):
            # Who must choose a password may not know a usable old one (they came in
            # with an activation code): the page that does not ask for it.
            return redirect("password_change_required")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
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

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
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

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
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


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if actor.is_platform_admin and not actor.instansi_id:
        return redirect(reverse("org:instansi-list"))
    return redirect(reverse("org:dashboard"))


# --- audit trail ----------------------------------------------------------------------


def _zona(request: HttpRequest) -> tuple[ZoneInfo, str]:
    """The instansi's time zone and its short name (WIB/WITA/WIT)."""
    instansi = request.user.instansi
    tz_name = instansi.zona_waktu if instansi else "Asia/Jakarta"
    label = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
        tz_name, tz_name
    )
    return ZoneInfo(tz_name), label


@require_GET
@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    actor = access.require_audit_reader(request.actor)
    tz, tz_label = _zona(request)
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types())
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # invalid fields are shown with their error and left out
        filters = form.filters()
    events = selectors.audit_event_list(actor=actor, tz=tz, **filters)
    page = Paginator(events, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "event": ev,
            "label": selectors.action_label(ev.action, ev.object_type),
            "object_type": selectors.object_type_label(ev.object_type),
            "changes": selectors.change_rows(ev, tz),
        }
        for ev in page.object_list
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "tz_name": tz.key,
        "tz_label": tz_label,
        "action_suggestions": selectors.action_suggestions(),
        "filtered": bool(filters),
    }
    template = "core/partials/_audit_results.html" if is_htmx(request) else "core/audit_list.html"
    return render(request, template, context)


@require_GET
@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_audit_event(actor=request.actor, id=pk)
    tz, tz_label = _zona(request)
    return render(
        request,
        "core/audit_detail.html",
        {
            "event": event,
            "label": selectors.action_label(event.action, event.object_type),
            "object_type": selectors.object_type_label(event.object_type),
            "changes": selectors.change_rows(event, tz),
            "tz_name": tz.key,
            "tz_label": tz_label,
        },
    )


# --- error pages ----------------------------------------------------------------------


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        _("Permintaan tidak valid"),
        _("Permintaan yang dikirim tidak dapat diproses. Periksa isian Anda."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = str(exception) if exception and str(exception) else ""
    return _error(
        request,
        403,
        _("Akses ditolak"),
        detail or _("Anda tidak memiliki hak untuk membuka halaman ini."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: most often a form left open until the session expired."""
    return _error(
        request,
        403,
        _("Formulir kedaluwarsa"),
        _(
            "Formulir ini sudah tidak berlaku, biasanya karena halaman terlalu lama dibuka "
            "atau sesi Anda berakhir. Muat ulang halaman lalu kirim kembali."
        ),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        _("Halaman tidak ditemukan"),
        _("Halaman atau data yang Anda cari tidak ada, atau bukan milik instansi Anda."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request context: whatever broke (the database, a context
    processor, the session) must not break the error page too."""
    template = loader.get_template("core/error_500.html")
    return HttpResponse(template.render({}), status=500)


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: the process answers (no database query).
    Also the baseline of the load benchmarks (bench/)."""
    return HttpResponse("ok", content_type="text/plain")
