"""Edge inputs on the pages (issue 11 §8): ids of 25 digits and digits Python's
`str.isdigit` accepts but `int` does not (superscripts) in query strings and in the
bulk actions' id lists, and a NUL byte in every search box, are answered with the page
or a message in the user's language, never a 500. Run on PostgreSQL too (NUL bytes
and bigint overflow differ there)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import translation

from ekinerja.appraisal.tests.factories import appraisal_world
from ekinerja.core.ids import MAX_ID, parse_id

pytestmark = pytest.mark.django_db

BIG = "1234567890123456789012345"  # 25 digits
ODD_DIGITS = ["\u00b2", "1\u00b3", "\u0663", "\uff11", BIG, "-1", "0", " 7", "1e3"]


@pytest.fixture
def w(cast):
    return appraisal_world(cast)


def _query_cases(w) -> list[tuple[str, str, str]]:
    """(who, url, query parameter) of the plans and appraisal pages that read an id
    (or a year) from the query string."""
    return [
        ("bob", reverse("plans:skp-queue"), "periode"),
        ("eko", reverse("plans:cascade"), "periode"),
        ("eko", reverse("plans:cascade"), "unit"),
        ("eko", reverse("plans:completeness"), "unit"),
        ("eko", reverse("appraisal:laporan"), "periode"),
        ("eko", reverse("appraisal:siasn-export"), "periode"),
        ("eko", reverse("appraisal:angka-kredit"), "tahun"),
        ("eko", reverse("appraisal:unit-list"), "periode"),
        ("bob", reverse("appraisal:penilaian-list"), "periode"),
        ("bob", reverse("appraisal:penilaian-list"), "t"),
        ("eko", reverse("org:pegawai-list"), "unit"),
        ("eko", reverse("org:jabatan-list"), "unit"),
        ("eko", reverse("org:unit-tree"), "root"),
        ("eko", reverse("org:aktivasi-list"), "unit"),
        ("eko", reverse("execution:ringkasan"), "unit"),
        ("charlie", reverse("execution:bukti-upload"), "aktivitas"),
        ("charlie", reverse("execution:bukti-upload"), "rhk"),
    ]


def test_query_ids_never_500(w, client):
    wrong = []
    for who, url, param in _query_cases(w):
        client.force_login(w.cast.user(who))
        for value in ODD_DIGITS:
            status = client.get(url, {param: value}).status_code
            if status not in (200, 302, 404):
                wrong.append((url, param, value, status))
    assert wrong == []


def test_posted_ids_never_500(w, client):
    """Ids sent in a form's field: a role to revoke, a unit to activate, an RHK to move
    attachments to."""
    cast = w.cast
    rhk = w.cascade.charlie.rhk.order_by("pk").first()
    cases = [
        ("eko", reverse("org:pegawai-roles", args=[cast.charlie.pk]), {"aksi": "cabut"}, "peran"),
        ("eko", reverse("org:aktivasi-unit"), {}, "unit"),
        ("charlie", reverse("execution:rencana-rhk-move", args=[rhk.pk]), {}, "ke"),
    ]
    wrong = []
    for who, url, data, field in cases:
        client.force_login(cast.user(who))
        for value in ODD_DIGITS:
            status = client.post(url, {**data, field: value}).status_code
            if status not in (200, 302, 400, 403, 404):
                wrong.append((url, field, value, status))
    assert wrong == []


@pytest.mark.parametrize("aksi", ["setujui", "kembalikan"])
@pytest.mark.parametrize("bad", ODD_DIGITS)
def test_skp_queue_bulk_action_refuses_odd_ids_with_a_message(cast, login, aksi, bad):
    from ekinerja.plans.services.workflow import skp_submit
    from ekinerja.plans.tests.factories import approved_cascade

    skp = approved_cascade(cast, leave_draft=("charlie",)).charlie
    skp_submit(actor=cast.actor("charlie"), skp_id=skp.pk)
    response = login("bob").post(
        reverse("plans:skp-queue"),
        {"aksi": aksi, "alasan": "Perbaiki target.", "skp": [str(skp.pk), bad]},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sebagian SKP yang dipilih tidak ditemukan" in body
    skp.refresh_from_db()
    assert skp.status == "diajukan"  # nothing half-done


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        (BIG, None),
        ("0", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("\u00b2", None),
        ("\u0663", None),
        ("\uff11", None),
        (" 7", None),
        ("7\x00", None),
        (7, 7),
    ],
)
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected


# --- NUL bytes (PostgreSQL refuses them in text) ------------------------------------------

NUL = "Rapat\x00 OR 1=1"


def _search_boxes(cast) -> list[tuple[str, str, str]]:
    """(who, url, parameter) of every search box and text filter of the pages."""
    return [
        ("eko", reverse("org:unit-tree"), "q"),
        ("eko", reverse("org:pegawai-list"), "q"),
        ("eko", reverse("org:jabatan-list"), "q"),
        ("eko", reverse("org:pegawai-search"), "q"),
        ("eko", reverse("org:jabatan-search"), "q"),
        ("eko", reverse("plans:cascade"), "q"),
        ("eko", reverse("plans:template-list"), "q"),
        ("bob", reverse("appraisal:penilaian-list"), "q"),
        ("eko", reverse("core:audit-list"), "q"),
        ("bob", reverse("execution:verifikasi-queue"), "q"),
        ("bob", reverse("execution:ringkasan"), "bulan"),
    ]


def test_a_nul_byte_in_a_search_box_is_a_400_in_the_users_language(w, client):
    wrong = []
    for who, url, param in _search_boxes(w.cast):
        client.force_login(w.cast.user(who))
        response = client.get(url, {param: NUL})
        body = response.content.decode()
        if response.status_code != 400 or "karakter NUL" not in body:
            wrong.append((url, param, response.status_code))
    assert wrong == []
    client.cookies["django_language"] = "en"
    with translation.override("id"):  # the middleware's language ends with the test
        response = client.get(reverse("org:pegawai-list"), {"q": NUL})
    assert response.status_code == 400 and "NUL character" in response.content.decode()


def test_a_nul_byte_in_a_posted_form_is_a_400(w, client):
    client.force_login(w.cast.user("bob"))
    response = client.post(
        reverse("execution:verifikasi-bulk"),
        urlencode({"q": NUL, "aksi": "setujui"}),
        content_type="application/x-www-form-urlencoded",  # what a browser's form sends
    )
    assert response.status_code == 400 and "karakter NUL" in response.content.decode()


def test_a_nul_byte_in_the_api_is_a_json_400(w, api_client):
    response = api_client.get("/api/v1/skp/", {"status": NUL})
    assert response.status_code == 400 and response.json()["detail"]
    rhk = w.cascade.rhk("charlie")
    response = api_client.patch(f"/api/v1/rhk/{rhk.pk}/", {"teks": NUL}, format="json")
    assert response.status_code in (400, 403) and response.json()["detail"]


@pytest.fixture
def api_client(w):
    from rest_framework.test import APIClient

    from ekinerja.api.tokens import token_create

    client = APIClient()
    _token, key = token_create(user=w.cast.user("charlie"))
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


@pytest.mark.parametrize("bad", ["abc", *ODD_DIGITS])
def test_opening_a_period_with_an_odd_year_id_is_a_message(w, login, bad):
    response = login("eko").post(
        reverse("appraisal:periode-list"), {"periode": bad, "pilihan": "bulanan-4"}
    )
    assert response.status_code == 302  # back to the list, with the message
    page = login("eko").get(response["Location"]).content.decode()
    assert "Tahun kinerja tidak ditemukan" in page
