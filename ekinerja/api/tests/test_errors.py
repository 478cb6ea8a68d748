"""Errors are JSON in the caller's language, one shape for every endpoint
(ekinerja/api/exceptions.py), and never a stack trace."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import exceptions as drf

from ekinerja.api.exceptions import exception_handler
from ekinerja.plans.tests.factories import approved_cascade

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast, leave_draft=("charlie",))


def test_indonesian_by_default_english_on_request(cast, cascade, api):
    url = f"{V1}/skp/{cascade.charlie.pk}/"
    response = api("gita").get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "SKP tidak ditemukan."}
    assert response["Content-Language"] == "id"
    response = api("gita").get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.json() == {"detail": "SKP not found."}
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    # The language the user chose in the app (its cookie) wins over the header.
    client = api("gita")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["detail"] == "SKP tidak ditemukan."


def test_service_rule_messages_follow_the_language(cast, cascade, api):
    rhk = cascade.rhk("charlie")
    body = api("bob").patch(f"{V1}/rhk/{rhk.pk}/", {"teks": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert body.status_code == 403
    assert body.json()["detail"] == "Only the SKP owner can change its contents."


def test_method_not_allowed_is_json(cast, cascade, api):
    response = api("charlie").get(f"{V1}/skp/{cascade.charlie.pk}/submit/")
    assert response.status_code == 405
    assert "GET" in response.json()["detail"]


def test_malformed_json_is_a_400_not_a_500(cast, api):
    response = api("eko").post(f"{V1}/periode/", "{tahun:", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_an_unexpected_error_is_a_json_500_without_a_trace(cast, api, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("ekinerja.plans.selectors.periode_list", boom)
    response = api("eko").get(f"{V1}/periode/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail"} and "secret" not in body["detail"]
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    ("exc", "status", "body"),
    [
        (ValidationError("Satu."), 400, {"detail": "Satu."}),
        (ValidationError(["Satu.", "Dua."]), 400, {"detail": "Satu. Dua."}),
        (
            ValidationError({"tahun": ["Salah."], "__all__": ["Umum."]}),
            400,
            {"detail": "Umum.", "tahun": ["Salah."]},
        ),
        (ValidationError({"tahun": ["Salah."]}), 400, {"detail": "Salah.", "tahun": ["Salah."]}),
        (PermissionDenied("Tidak boleh."), 403, {"detail": "Tidak boleh."}),
        (Http404("Tidak ada."), 404, {"detail": "Tidak ada."}),
        (Http404(), 404, {"detail": "Data tidak ditemukan."}),
        (
            drf.ValidationError({"non_field_errors": ["Umum."], "x": ["Salah."]}),
            400,
            {"detail": "Umum.", "x": ["Salah."]},
        ),
    ],
)
def test_the_handler_maps_service_exceptions(exc, status, body):
    response = exception_handler(exc, {})
    assert response is not None
    assert response.status_code == status
    assert response.data == body
