"""The error pages (400, 403 with the reason, 404, 500, a stale form's CSRF failure),
each in the site's layout except the 500, which must not depend on anything that may
have broken."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        request,
        400,
        _("Permintaan tidak valid"),
        _("Permintaan yang dikirim tidak dapat diproses. Periksa isian Anda."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = str(exception) if exception and str(exception) else ""
    return error_page(
        request,
        403,
        _("Akses ditolak"),
        detail or _("Anda tidak memiliki hak untuk membuka halaman ini."),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: most often a form left open until the session expired."""
    return error_page(
        request,
        403,
        _("Formulir kedaluwarsa"),
        _(
            "Formulir ini sudah tidak berlaku, biasanya karena halaman terlalu lama dibuka "
            "atau sesi Anda berakhir. Muat ulang halaman lalu kirim kembali."
        ),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
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
