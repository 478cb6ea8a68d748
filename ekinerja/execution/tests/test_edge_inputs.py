"""Edge inputs on the activity pages and the execution API (issue 11 §8): dates in year
1 or 9999 and 25-digit ids are a clear 400 or a form error, never a server error, and
change nothing. Run on SQLite and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ekinerja.api.tokens import token_create
from ekinerja.core.clock import local_today
from ekinerja.core.models import AuditEvent

from ..models import Aktivitas
from .factories import DAY, exec_world, make_aktivitas

HX = {"HTTP_HX_REQUEST": "true"}
FAR = ["0001-01-01", "9999-12-31"]
BIG = "9" * 25
RANGE_TEXT = "Tanggal harus antara 1 Januari 2000 dan 31 Desember 2100."


@pytest.fixture
def world(cast):
    return exec_world(cast)


@pytest.fixture
def pending(cast, world):
    return make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"), tanggal=DAY)


def _state():
    return (
        list(Aktivitas.objects.order_by("pk").values_list("pk", "tanggal", "status", "menit")),
        AuditEvent.objects.count(),
    )


def _api(cast, who):
    client = APIClient()
    _token, key = token_create(user=cast.user(who))
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


# --- the pages --------------------------------------------------------------------------


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize("name", ["execution:aktivitas-mine", "execution:aktivitas-week"])
def test_the_day_and_week_pages_answer_400_for_a_date_out_of_range(cast, login, name, day):
    client = login("charlie")
    for extra in ({}, HX):
        r = client.get(reverse(name), {"tanggal": day}, **extra)
        assert r.status_code == 400
        assert RANGE_TEXT in r.content.decode()


@pytest.mark.parametrize("bulan", ["0001-01", "9999-12"])
@pytest.mark.parametrize("page", ["ringkasan", "ringkasan-pegawai", "pegawai-log"])
def test_the_month_views_answer_400_for_a_month_out_of_range(cast, world, login, page, bulan):
    args = [] if page == "ringkasan" else [cast.charlie.pk]
    r = login("bob").get(reverse(f"execution:{page}", args=args), {"bulan": bulan})
    assert r.status_code == 400
    assert "Bulan harus antara Januari 2000 dan Desember 2100." in r.content.decode()


@pytest.mark.parametrize("day", FAR)
def test_logging_a_day_out_of_range_is_a_form_error(cast, world, login, day):
    client = login("charlie")
    before = _state()
    for extra in ({}, HX):
        r = client.post(
            reverse("execution:aktivitas-create"),
            {"tanggal": day, "uraian": "Rapat", "menit": "30"},
            **extra,
        )
        assert r.status_code == 200 and RANGE_TEXT in r.content.decode()
    assert _state() == before


@pytest.mark.parametrize("day", FAR)
def test_moving_an_activity_out_of_range_is_a_form_error(cast, pending, login, day):
    before = _state()
    r = login("charlie").post(
        reverse("execution:aktivitas-update", args=[pending.pk]),
        {"tanggal": day, "uraian": "Rapat", "menit": "30"},
    )
    assert r.status_code == 200 and RANGE_TEXT in r.content.decode()
    assert _state() == before


@pytest.mark.parametrize("day", FAR)
def test_copying_into_a_day_out_of_range_is_refused(cast, pending, login, day):
    client = login("charlie")
    before = _state()
    r = client.post(reverse("execution:aktivitas-copy"), {"tanggal": day}, **HX)
    assert r.status_code == 200 and RANGE_TEXT in r.content.decode()
    r = client.post(reverse("execution:aktivitas-copy"), {"tanggal": day}, follow=True)
    assert RANGE_TEXT in r.content.decode()
    assert _state() == before


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize("field", ["dari", "sampai"])
def test_the_queue_ignores_a_date_out_of_range_with_a_note(cast, world, login, field, day):
    today = local_today(cast.actor("bob"))
    waiting = make_aktivitas(cast, "charlie", tanggal=today)
    r = login("bob").get(reverse("execution:verifikasi-queue"), {field: day})
    assert r.status_code == 200
    assert RANGE_TEXT in r.content.decode()
    assert f'id="akt-{waiting.pk}"' in r.content.decode()  # the default range still shows


def test_the_queue_ignores_a_25_digit_rhk_with_a_note(cast, pending, login):
    r = login("bob").get(reverse("execution:verifikasi-queue"), {"rhk": BIG})
    assert r.status_code == 200 and "Pilihan RHK tidak dikenali." in r.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"aksi": "verifikasi", "aktivitas": [BIG]},
        {"aksi": "tolak", "alasan": "Perbaiki.", "aktivitas": [BIG]},
        {"aksi": "verifikasi", "aktivitas": ["{pk}", BIG]},
        {"satu": BIG},
    ],
)
def test_a_bulk_decision_with_a_25_digit_id_is_a_400(cast, pending, login, data):
    data = {k: [v.format(pk=pending.pk) for v in vs] if isinstance(vs, list) else vs
            for k, vs in data.items()}  # fmt: skip
    client = login("bob")
    before = _state()
    r = client.post(reverse("execution:verifikasi-bulk"), data)
    assert r.status_code == 400
    assert "Pilihan aktivitas tidak dikenali" in r.content.decode()
    # htmx swaps only 2xx answers: the same refusal in place.
    r = client.post(reverse("execution:verifikasi-bulk"), data, **HX)
    assert r.status_code == 200 and "Pilihan aktivitas tidak dikenali" in r.content.decode()
    assert _state() == before


def test_moving_what_is_attached_to_a_25_digit_rhk(cast, world, login):
    r = login("charlie").post(
        reverse("execution:rencana-rhk-move", args=[world.rhk("charlie").pk]), {"ke": BIG}
    )
    assert r.status_code == 302


# --- the API ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", FAR)
@pytest.mark.parametrize(
    ("who", "url", "field"),
    [
        ("charlie", "api:aktivitas-list", "dari"),
        ("charlie", "api:aktivitas-list", "sampai"),
        ("bob", "api:verifikasi-queue", "dari"),
        ("bob", "api:verifikasi-queue", "sampai"),
    ],
)
def test_api_date_filters_out_of_range_are_a_400(cast, world, who, url, field, day):
    r = _api(cast, who).get(reverse(url), {field: day})
    assert r.status_code == 400, r.content
    assert r.json()[field] == [RANGE_TEXT]


@pytest.mark.parametrize("bulan", ["0001-01", "9999-12"])
def test_api_month_out_of_range_is_a_400(cast, world, bulan):
    r = _api(cast, "bob").get(reverse("api:ringkasan"), {"bulan": bulan})
    assert r.status_code == 400
    assert r.json()["bulan"] == ["Bulan harus antara Januari 2000 dan Desember 2100."]


@pytest.mark.parametrize("day", FAR)
def test_api_writes_with_a_date_out_of_range_are_a_400(cast, pending, day):
    client = _api(cast, "charlie")
    before = _state()
    r = client.post(
        reverse("api:aktivitas-list"), {"tanggal": day, "uraian": "Rapat", "menit": 30}, "json"
    )
    assert r.status_code == 400 and r.json()["tanggal"] == [RANGE_TEXT]
    r = client.patch(reverse("api:aktivitas-detail", args=[pending.pk]), {"tanggal": day}, "json")
    assert r.status_code == 400 and r.json()["tanggal"] == [RANGE_TEXT]
    r = client.post(reverse("api:aktivitas-salin"), {"dari": DAY, "ke": day}, "json")
    assert r.status_code == 400 and r.json()["ke"] == [RANGE_TEXT]
    assert _state() == before


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("api:verifikasi-verify", {"ids": [int(BIG)]}),
        ("api:verifikasi-reject", {"ids": [int(BIG)], "alasan": "Perbaiki."}),
    ],
)
def test_api_bulk_decisions_with_a_25_digit_id_are_a_400(cast, pending, url, body):
    client = _api(cast, "bob")
    before = _state()
    r = client.post(reverse(url), {**body, "ids": [pending.pk, *body["ids"]]}, "json")
    assert r.status_code == 400
    assert "ids" in r.json()
    assert _state() == before


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("api:verifikasi-queue", {"rhk": BIG}),
        ("api:verifikasi-queue", {"pegawai": BIG}),
        ("api:ringkasan", {"unit": BIG}),
        ("api:umpan-balik-list", {"pegawai": BIG}),
        ("api:bimbingan-list", {"pegawai": BIG}),
    ],
)
def test_api_filters_with_a_25_digit_id_are_a_400(cast, world, url, params):
    r = _api(cast, "bob").get(reverse(url), params)
    assert r.status_code == 400, r.content
    assert list(params) == [k for k in r.json() if k != "detail"]


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("api:aktivitas-list", {"tanggal": DAY, "uraian": "x", "menit": 30, "rhk": BIG}),
        ("api:aktivitas-list", {"tanggal": DAY, "uraian": "x", "menit": 30, "rencana_aksi": BIG}),
        ("api:umpan-balik-list", {"pegawai": BIG, "topik": "umum", "teks": "x"}),
        ("api:bimbingan-list", {"pegawai": BIG, "tanggal": DAY, "topik": "x", "catatan": "y"}),
    ],
)
def test_api_bodies_with_a_25_digit_id_are_a_400(cast, world, url, body):
    client = _api(cast, "charlie" if url == "api:aktivitas-list" else "bob")
    before = _state()
    r = client.post(reverse(url), {**body, "tanggal": str(DAY)}, "json")
    assert r.status_code == 400, r.content
    assert _state() == before
