"""No page ever shows a stack trace: 400/403/404/500 render our Indonesian pages.

This module is also the test-only URLconf: the project's URLs plus a few that fail on
purpose, with the project's error handlers.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

from config import urls as project_urls


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internal detail /srv/app/ekinerja/views.py line 42")


def _denied(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Hanya Admin Instansi yang dapat mengubah data ini.")


def _denied_plain(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _missing(request: HttpRequest) -> HttpResponse:
    raise Http404("internal lookup detail")


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("internal detail")


urlpatterns = [
    *project_urls.urlpatterns,
    path("uji/boom/", _boom),
    path("uji/ditolak/", _denied),
    path("uji/ditolak-polos/", _denied_plain),
    path("uji/hilang/", _missing),
    path("uji/curiga/", _suspicious),
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

TRACE_MARKERS = ("Traceback", "RuntimeError", "secret internal", "internal detail", "line 42")


def _assert_ours(response, status: int, *texts: str) -> str:
    assert response.status_code == status
    body = response.content.decode()
    for marker in TRACE_MARKERS:
        assert marker not in body
    assert "e-Kinerja" in body
    for text in texts:
        assert text in body
    return body


def test_500_renders_our_page_without_a_traceback(settings):
    assert settings.DEBUG is False
    client = Client(raise_request_exception=False)
    response = client.get("/uji/boom/")
    _assert_ours(response, 500, "Terjadi kesalahan", "Maaf, terjadi kesalahan pada server")


def test_500_page_does_not_need_the_database_or_the_user(django_assert_num_queries):
    """Rendered without the request context, so a broken session or database cannot
    break the error page too."""
    from ekinerja.core.views.errors import server_error

    with django_assert_num_queries(0):
        response = server_error(HttpRequest())
    _assert_ours(response, 500, "Terjadi kesalahan")


def test_403_shows_the_reason_given(login):
    response = login("charlie").get("/uji/ditolak/")
    _assert_ours(response, 403, "Akses ditolak", "Hanya Admin Instansi yang dapat mengubah")


def test_403_without_a_reason_has_a_general_message(login):
    response = login("charlie").get("/uji/ditolak-polos/")
    _assert_ours(response, 403, "Anda tidak memiliki hak untuk membuka halaman ini.")


def test_404_for_an_unknown_address(client):
    response = client.get("/tidak-ada-halaman-ini/")
    body = _assert_ours(response, 404, "Halaman tidak ditemukan")
    assert "bukan milik instansi Anda" in body


def test_404_raised_by_a_view_hides_its_detail(login):
    response = login("bob").get("/uji/hilang/")
    _assert_ours(response, 404, "Halaman tidak ditemukan")


def test_400_for_a_suspicious_request(client):
    response = client.get("/uji/curiga/")
    _assert_ours(response, 400, "Permintaan tidak valid")


def test_error_pages_keep_the_navigation_for_a_logged_in_user(login):
    body = login("eko").get("/uji/ditolak-polos/").content.decode()
    assert reverse("core:audit-list") in body  # the menu is there to carry on


def test_csrf_failure_is_our_indonesian_403(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    _assert_ours(response, 403, "Formulir kedaluwarsa", "Muat ulang halaman")
