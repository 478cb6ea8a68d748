"""Edge inputs on the activity pages (issue 11 §8): dates in year 1 or 9999 and 25-digit
ids are a clear 400 or a form error, never a server error, and change nothing (the same
for the API: api/tests/test_edge_inputs_execution.py). Run on SQLite and PostgreSQL
(DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
