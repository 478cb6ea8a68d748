from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from . import audit, ratelimit
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        ratelimit.clear_failures(form.cleaned_data["username"])
        audit.record(
            actor=user,
            action="auth.login",
            obj=user,
            instansi_id=user.instansi_id,
            ip=ratelimit.client_ip(self.request),
        )
        return super().form_valid(form)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if actor.is_platform_admin and not actor.instansi_id:
        return redirect(reverse("org:instansi-list"))
    return redirect(reverse("org:dashboard"))


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    from django.utils.translation import gettext as _

    return _error(
        request,
        400,
        _("Permintaan tidak valid"),
        _("Permintaan yang dikirim tidak dapat diproses. Periksa isian Anda."),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    from django.utils.translation import gettext as _

    detail = str(exception) if exception and str(exception) else ""
    return _error(
        request,
        403,
        _("Akses ditolak"),
        detail or _("Anda tidak memiliki hak untuk membuka halaman ini."),
    )


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    from django.utils.translation import gettext as _

    return _error(
        request,
        404,
        _("Halaman tidak ditemukan"),
        _("Halaman atau data yang Anda cari tidak ada, atau bukan milik instansi Anda."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext as _

    return _error(
        request,
        500,
        _("Terjadi kesalahan"),
        _(
            "Maaf, terjadi kesalahan pada server. Kesalahan ini sudah dicatat; "
            "silakan coba lagi beberapa saat lagi."
        ),
    )
