"""Edge inputs on the execution API (issue 11 §8): dates in year 1 or 9999 and 25-digit
ids are a clear 400, never a server error, and change nothing (the same for the pages:
execution/tests/test_edge_inputs.py). Run on SQLite and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ekinerja.core.models import AuditEvent
from ekinerja.execution.models import Aktivitas
from ekinerja.execution.tests.factories import DAY, exec_world, make_aktivitas

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
def test_api_date_filters_out_of_range_are_a_400(cast, api, world, who, url, field, day):
    r = api(who).get(reverse(url), {field: day})
    assert r.status_code == 400, r.content
    assert r.json()[field] == [RANGE_TEXT]


@pytest.mark.parametrize("bulan", ["0001-01", "9999-12"])
def test_api_month_out_of_range_is_a_400(cast, api, world, bulan):
    r = api("bob").get(reverse("api:ringkasan"), {"bulan": bulan})
    assert r.status_code == 400
    assert r.json()["bulan"] == ["Bulan harus antara Januari 2000 dan Desember 2100."]


@pytest.mark.parametrize("day", FAR)
def test_api_writes_with_a_date_out_of_range_are_a_400(cast, api, pending, day):
    client = api("charlie")
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
def test_api_bulk_decisions_with_a_25_digit_id_are_a_400(cast, api, pending, url, body):
    client = api("bob")
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
def test_api_filters_with_a_25_digit_id_are_a_400(cast, api, world, url, params):
    r = api("bob").get(reverse(url), params)
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
def test_api_bodies_with_a_25_digit_id_are_a_400(cast, api, world, url, body):
    client = api("charlie" if url == "api:aktivitas-list" else "bob")
    before = _state()
    r = client.post(reverse(url), {**body, "tanggal": str(DAY)}, "json")
    assert r.status_code == 400, r.content
    assert _state() == before
