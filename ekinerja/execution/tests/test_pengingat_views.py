"""The reminder pages over HTTP: the Admin Instansi's list, form (with presets), delete
and "send now"; full pages and HTMX partials, refusals for everyone else, bad input
shown next to its field with nothing stored, and query counts that do not grow with the
number of reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ekinerja.core.models import AuditEvent, Notification
from ekinerja.execution.models import Pengingat

from .test_pengingat import ATASAN, BELUM, make_pengingat

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
LIST = "execution:pengingat-list"


def _text(response) -> str:
    return response.content.decode()


def _form(**over) -> dict[str, str]:
    data = {
        "nama": "Catat aktivitas Anda hari ini",
        "sasaran": BELUM,
        "pesan": "Catat aktivitas Anda hari ini sebelum pulang.",
        "hari": "0",
        "jam": "15:00",
        "aktif": "on",
    }
    data.update(over)
    return data


# --- the list -------------------------------------------------------------------------


def test_list_shows_schedule_last_delivery_and_send_button(cast, login):
    make_pengingat(
        cast,
        nama="Catat harian",
        terakhir_dikirim=dt.date(2026, 3, 10),
        terakhir_jumlah=1234,
    )
    make_pengingat(cast, nama="Verifikasi tanggal 5", sasaran=ATASAN, hari=3, jam="09:00")
    make_pengingat(cast, instansi=cast.b, nama="Milik Kota Beta")
    page = _text(login("eko").get(reverse(LIST)))
    assert "Catat harian" in page and "Verifikasi tanggal 5" in page
    assert "Milik Kota Beta" not in page
    assert "Setiap hari kerja (Senin–Jumat), pukul 15.00" in page
    assert "Tanggal 3 setiap bulan, pukul 09.00" in page
    assert "10 Maret 2026" in page and "1234 penerima" in page
    assert "belum pernah" in page
    assert page.count("Kirim sekarang") == 2
    assert "WIB (UTC+7)" in page
    assert "<html" in page


def test_list_htmx_is_the_partial(cast, login):
    make_pengingat(cast, nama="Catat harian")
    page = _text(login("eko").get(reverse(LIST), **HX))
    assert "<html" not in page and 'id="pengingat-list"' in page and "Catat harian" in page


def test_empty_list_offers_the_presets(cast, login):
    page = _text(login("eko").get(reverse(LIST)))
    assert "?preset=catat" in page and "?preset=verifikasi" in page


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "fajar", "gita"])
def test_list_is_for_the_admin_only(cast, login, who):
    assert login(who).get(reverse(LIST)).status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(reverse(LIST))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_list_query_count_does_not_grow(cast, login, django_assert_max_num_queries):
    client = login("eko")
    make_pengingat(cast)
    client.get(reverse(LIST))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse(LIST))
    for i in range(15):
        make_pengingat(cast, nama=f"Pengingat {i}", hari=i + 1)
    with django_assert_max_num_queries(len(one)):
        assert client.get(reverse(LIST)).status_code == 200
    assert len(one) <= 8


# --- the form -------------------------------------------------------------------------


def test_create_form_with_a_preset(cast, login, django_assert_max_num_queries):
    client = login("eko")
    with django_assert_max_num_queries(8):
        page = _text(client.get(reverse("execution:pengingat-create") + "?preset=verifikasi"))
    assert "Verifikasi aktivitas bawahan paling lambat tanggal 5" in page
    assert f'value="{ATASAN}" selected' in page
    assert 'value="3" selected' in page and 'value="09:00"' in page
    assert "Waktu setempat instansi, WIB (UTC+7)." in page


def test_create_saves_and_redirects(cast, login):
    client = login("eko")
    response = client.post(reverse("execution:pengingat-create"), _form())
    assert response.status_code == 302 and response["Location"] == reverse(LIST)
    p = Pengingat.objects.get()
    assert (p.instansi_id, p.sasaran, p.hari, p.jam, p.aktif) == (
        cast.a.pk,
        BELUM,
        0,
        dt.time(15, 0),
        True,
    )
    page = _text(client.get(reverse(LIST)))
    assert "ditambahkan" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pesan", "   ", "Bidang ini harus diisi"),
        ("nama", "", "Bidang ini harus diisi"),
        ("hari", "40", "40 bukan salah satu dari pilihan"),
        ("jam", "jam tiga", "Tulis jam seperti 15:00"),
        ("pesan", "x" * 501, "500"),
    ],
)
def test_bad_input_is_shown_and_nothing_stored(cast, login, field, value, message):
    response = login("eko").post(reverse("execution:pengingat-create"), _form(**{field: value}))
    assert response.status_code == 200
    page = _text(response)
    assert message in page and "is-invalid" in page
    assert not Pengingat.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize("who", ["bob", "fajar", "gita"])
def test_others_cannot_create(cast, login, who):
    client = login(who)
    assert client.get(reverse("execution:pengingat-create")).status_code == 403
    assert client.post(reverse("execution:pengingat-create"), _form()).status_code == 403
    assert not Pengingat.objects.exists()


def test_update_prefills_and_saves(cast, login):
    p = make_pengingat(cast, nama="Lama", hari=5, jam="08:30")
    client = login("eko")
    url = reverse("execution:pengingat-update", args=[p.pk])
    page = _text(client.get(url))
    assert 'value="Lama"' in page and 'value="08:30"' in page and "Mulai dari contoh" not in page
    response = client.post(url, _form(nama="Baru", hari="31", jam="13:00", aktif=""))
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.nama, p.hari, p.jam, p.aktif) == ("Baru", 31, dt.time(13, 0), False)


def test_update_of_another_agencys_reminder_is_404(cast, login):
    theirs = make_pengingat(cast, instansi=cast.b)
    url = reverse("execution:pengingat-update", args=[theirs.pk])
    assert login("eko").get(url).status_code == 404
    assert login("eko").post(url, _form()).status_code == 404


# --- delete and send now --------------------------------------------------------------


def test_delete_redirects_and_htmx_returns_the_list(cast, login):
    a, b = make_pengingat(cast, nama="Satu"), make_pengingat(cast, nama="Dua")
    client = login("eko")
    response = client.post(reverse("execution:pengingat-delete", args=[a.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(LIST)
    response = client.post(reverse("execution:pengingat-delete", args=[b.pk]), **HX)
    page = _text(response)
    assert "<html" not in page and "“Dua” dihapus" in page
    assert not Pengingat.objects.exists()


def test_delete_and_send_are_post_only_and_admin_only(cast, login):
    p = make_pengingat(cast)
    for name in ("execution:pengingat-delete", "execution:pengingat-send"):
        url = reverse(name, args=[p.pk])
        assert login("eko").get(url).status_code == 405
        assert login("bob").post(url).status_code == 403
    theirs = make_pengingat(cast, instansi=cast.b)
    assert login("eko").post(reverse("execution:pengingat-send", args=[theirs.pk])).status_code == (
        404
    )
    assert Pengingat.objects.count() == 2 and not Notification.objects.exists()


def test_send_now_from_the_list(cast, login, django_capture_on_commit_callbacks):
    p = make_pengingat(cast, nama="Catat harian")
    client = login("eko")
    url = reverse("execution:pengingat-send", args=[p.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, **HX)
    page = _text(response)
    assert "sedang dikirim kepada semua pegawai" in page and "<html" not in page
    assert Notification.objects.filter(kind="reminder.semua").count() == 6
    p.refresh_from_db()
    assert p.terakhir_jumlah == 6
    # Sent today: the button is off, and a second post is refused with a message.
    assert "disabled" in _text(client.get(reverse(LIST)))
    response = client.post(url, follow=True)
    assert "sudah dikirim hari ini kepada 6 penerima" in _text(response)
    assert Notification.objects.count() == 6
