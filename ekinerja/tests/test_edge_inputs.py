"""Edge inputs on the pages (issue 11 §8): ids of 25 digits and digits Python's
`str.isdigit` accepts but `int` does not (superscripts) in query strings and in the
bulk actions' id lists, and a NUL byte in every search box, are answered with the page
or a message in the user's language, never a 500. Run on PostgreSQL too (NUL bytes
and bigint overflow differ there)."""

from __future__ import annotations

import pytest
from django.urls import reverse

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


@pytest.mark.parametrize("aksi", ["setujui", "kembalikan"])
@pytest.mark.parametrize("bad", ODD_DIGITS)
def test_skp_queue_bulk_action_refuses_odd_ids_with_a_message(cast, login, aksi, bad):
    from ekinerja.plans.services import skp_submit
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
