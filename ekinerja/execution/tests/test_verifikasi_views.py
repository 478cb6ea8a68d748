"""The verification pages: the queue (full page, HTMX partial, filters, bulk decisions,
bounded queries), the rejection page, and a reader's view of one person's month."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from ekinerja.core.clock import local_today
from ekinerja.core.models import Notification
from ekinerja.org.models import Pegawai

from .. import domain
from ..models import Aktivitas, BuktiDukung
from .factories import exec_world, make_aktivitas

pytestmark = pytest.mark.django_db

QUEUE = "execution:verifikasi-queue"
BULK = "execution:verifikasi-bulk"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def today(cast) -> dt.date:
    return local_today(cast.actor("bob"))


def _queue(client, **params):
    return client.get(reverse(QUEUE), params)


# --- the queue: who sees what -----------------------------------------------------------


def test_queue_shows_direct_subordinates_waiting(cast, login, today):
    c = make_aktivitas(cast, "charlie", tanggal=today, uraian="Menyusun notula rapat")
    d = make_aktivitas(cast, "dina", tanggal=today, uraian="Menelaah rancangan perbup")
    own = make_aktivitas(cast, "bob", tanggal=today, uraian="Rapat koordinasi bidang")
    done = make_aktivitas(
        cast, "charlie", tanggal=today, uraian="Sudah beres", status="diverifikasi"
    )
    gita = make_aktivitas(cast, "gita", tanggal=today, uraian="Kota Beta")
    response = _queue(login("bob"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body
    for a in (c, d):
        assert f'name="aktivitas" value="{a.pk}"' in body
    for a in (own, done, gita):
        assert f'id="akt-{a.pk}"' not in body
    assert "2 aktivitas bawahan masih menunggu verifikasi" in body


def test_queue_htmx_partial(cast, login, today):
    make_aktivitas(cast, "charlie", tanggal=today)
    response = login("bob").get(reverse(QUEUE), **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'name="aktivitas"' in body


def test_queue_empty_state_names_who_verifies(cast, login):
    body = _queue(login("charlie")).content.decode()
    assert "Anda tidak mempunyai bawahan langsung" in body
    assert "Bob Santoso" in body


def test_queue_empty_state_without_supervisor(cast, login):
    body = _queue(login("fajar")).content.decode()
    assert "Anda tidak mempunyai bawahan langsung" in body


def test_queue_all_decided(cast, login, today):
    make_aktivitas(cast, "charlie", tanggal=today, status="diverifikasi")
    body = _queue(login("bob")).content.decode()
    assert "Tidak ada yang menunggu verifikasi" in body


# --- filters ----------------------------------------------------------------------------


def test_default_range_is_this_and_previous_month(cast, login, today):
    first_prev = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    inside = make_aktivitas(cast, "charlie", tanggal=first_prev)
    before = make_aktivitas(cast, "charlie", tanggal=first_prev - dt.timedelta(days=1))
    body = _queue(login("bob")).content.decode()
    assert f'id="akt-{inside.pk}"' in body
    assert f'id="akt-{before.pk}"' not in body
    body = _queue(login("bob"), dari=(first_prev - dt.timedelta(days=5)).isoformat()).content
    assert f'id="akt-{before.pk}"'.encode() in body


def test_filters_person_status_rhk_flagged(cast, login):
    world = exec_world(cast)
    day = dt.date(2026, 3, 10)
    rng = {"dari": "2026-03-01", "sampai": "2026-03-31"}
    with_rhk = make_aktivitas(cast, "charlie", tanggal=day, rhk=world.rhk("charlie"))
    no_rhk = make_aktivitas(cast, "charlie", tanggal=day, uraian="Tanpa RHK")
    flagged = make_aktivitas(
        cast, "dina", tanggal=day, ditandai=True, anomali=[domain.ANOMALI_TUMPANG_TINDIH]
    )
    rejected = make_aktivitas(cast, "dina", tanggal=day, status="ditolak", alasan_tolak="Kurang")
    client = login("bob")

    def shown(**params) -> set[int]:
        body = _queue(client, **rng, **params).content.decode()
        return {a.pk for a in (with_rhk, no_rhk, flagged, rejected) if f'id="akt-{a.pk}"' in body}

    assert shown() == {with_rhk.pk, no_rhk.pk, flagged.pk}
    assert shown(pegawai=cast.dina.pk) == {flagged.pk}
    assert shown(rhk=world.rhk("charlie").pk) == {with_rhk.pk}
    assert shown(rhk="tanpa") == {no_rhk.pk, flagged.pk}
    assert shown(ditandai="on") == {flagged.pk}
    assert shown(status="ditolak") == {rejected.pk}
    assert shown(status="semua") == {with_rhk.pk, no_rhk.pk, flagged.pk, rejected.pk}
    body = _queue(client, **rng, ditandai="on").content.decode()
    # The anomaly badge carries the full sentence as its tooltip.
    assert str(domain.ANOMALI_LABELS[domain.ANOMALI_TUMPANG_TINDIH]) in body
    # The RHK filter lists the subordinates' RHK.
    body = _queue(client, **rng).content.decode()
    assert f'<option value="{world.rhk("charlie").pk}"' in body


def test_bad_filters_are_ignored_with_a_note(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    body = _queue(login("bob"), dari="2026-13-45", sampai="kemarin", rhk="x").content.decode()
    assert "Sebagian saringan tidak dipakai" in body
    assert f'id="akt-{a.pk}"' in body
    body = _queue(
        login("bob"), dari=today.isoformat(), sampai=(today - dt.timedelta(days=3)).isoformat()
    ).content.decode()
    assert "Tanggal akhir harus" in body


def test_paged(cast, login, today):
    Aktivitas.objects.bulk_create(
        Aktivitas(
            instansi_id=cast.a.pk, pegawai=cast.charlie, tanggal=today, menit=5, uraian=f"K{i}"
        )
        for i in range(105)
    )
    body = _queue(login("bob")).content.decode()
    assert body.count('name="aktivitas"') == 100
    assert "halaman 1 dari 2" in body
    body = _queue(login("bob"), page=2).content.decode()
    assert body.count('name="aktivitas"') == 5


# --- bounded queries --------------------------------------------------------------------


def _team(cast, n: int, today: dt.date) -> None:
    staff = Pegawai.objects.bulk_create(
        Pegawai(
            instansi=cast.a,
            nama=f"Staf {i:03d}",
            jenis_kelamin="L",
            status="PNS",
            jabatan=cast.jab_pelaksana,
            unit=cast.bidang,
            atasan=cast.bob,
        )
        for i in range(n)
    )
    rows = Aktivitas.objects.bulk_create(
        Aktivitas(
            instansi_id=cast.a.pk,
            pegawai=p,
            tanggal=today - dt.timedelta(days=d),
            menit=60,
            uraian=f"Kegiatan {p.nama} {d}",
            anomali=[domain.ANOMALI_TEKS_BERULANG] if d == 0 else [],
            ditandai=d == 0,
        )
        for p in staff
        for d in range(2)
    )
    BuktiDukung.objects.bulk_create(
        BuktiDukung(
            instansi_id=cast.a.pk,
            pegawai_id=a.pegawai_id,
            aktivitas=a,
            jenis="tautan",
            tautan="https://example.go.id/x",
        )
        for a in rows[::3]
    )


@pytest.mark.parametrize("n", [5, 60])
def test_queue_queries_do_not_grow_with_the_team(
    cast, login, today, n, django_assert_max_num_queries
):
    _team(cast, n, today)
    client = login("bob")
    # The same bound for 5 and for 60 subordinates.
    with django_assert_max_num_queries(16):
        response = _queue(client)
    assert response.status_code == 200
    assert response.content.decode().count('name="aktivitas"') == min(2 * n, 100)
    with django_assert_max_num_queries(16):
        assert _queue(client, status="semua", ditandai="on").status_code == 200


# --- bulk decisions ---------------------------------------------------------------------


def test_bulk_verify_redirects_back_to_the_same_filters(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    b = make_aktivitas(cast, "dina", tanggal=today)
    client = login("bob")
    q = f"pegawai={cast.charlie.pk}&status=diajukan&page=3"
    response = client.post(reverse(BULK), {"aktivitas": [a.pk, b.pk], "aksi": "verifikasi", "q": q})
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse(QUEUE)
    assert parse_qs(target.query) == {"pegawai": [str(cast.charlie.pk)], "status": ["diajukan"]}
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {"diverifikasi"}
    body = client.get(response["Location"]).content.decode()
    assert "2 aktivitas diverifikasi." in body


def test_bulk_reject_htmx_answers_the_partial(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    keep = make_aktivitas(cast, "dina", tanggal=today)
    response = login("bob").post(
        reverse(BULK),
        {"aktivitas": [a.pk], "aksi": "tolak", "alasan": "Tambahkan bukti.", "q": ""},
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "1 aktivitas ditolak" in body
    assert f'id="akt-{keep.pk}"' in body
    a.refresh_from_db()
    assert (a.status, a.alasan_tolak) == ("ditolak", "Tambahkan bukti.")
    assert Notification.objects.get().recipient_id == cast.charlie.user_id


def test_bulk_reject_without_reason_shows_the_error_in_place(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    response = login("bob").post(
        reverse(BULK), {"aktivitas": [a.pk], "aksi": "tolak", "alasan": " "}, **HX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tuliskan alasan penolakan" in body
    # The ticked row stays ticked.
    assert f'value="{a.pk}" id="pilih-{a.pk}" checked' in body
    a.refresh_from_db()
    assert a.status == "diajukan"


def test_bulk_nothing_ticked(cast, login, today):
    make_aktivitas(cast, "charlie", tanggal=today)
    response = login("bob").post(reverse(BULK), {"aksi": "verifikasi"})
    assert response.status_code == 200
    assert "Centang sedikitnya satu aktivitas" in response.content.decode()


def test_bulk_non_subordinate_refused_nothing_changed(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    other = make_aktivitas(cast, "alice", tanggal=today)
    response = login("bob").post(
        reverse(BULK), {"aktivitas": [a.pk, other.pk], "aksi": "verifikasi"}
    )
    assert response.status_code == 403
    assert "bukan milik bawahan langsung Anda" in response.content.decode()
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {"diajukan"}


def test_bulk_outsider_id_not_found(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    g = make_aktivitas(cast, "gita", tanggal=today)
    response = login("bob").post(reverse(BULK), {"aktivitas": [a.pk, g.pk], "aksi": "verifikasi"})
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {"diajukan"}


def test_row_button_verifies_that_row_only(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    b = make_aktivitas(cast, "dina", tanggal=today)
    login("bob").post(reverse(BULK), {"aktivitas": [a.pk, b.pk], "satu": b.pk})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == ("diajukan", "diverifikasi")


def test_bulk_is_post_only(cast, login):
    assert login("bob").get(reverse(BULK)).status_code == 405


# --- rejecting one ----------------------------------------------------------------------


def test_reject_page(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today, uraian="Mengarsip surat keluar")
    url = reverse("execution:aktivitas-reject", args=[a.pk])
    client = login("bob")
    page = client.get(url, {"next": reverse(QUEUE) + "?pegawai=1"})
    assert page.status_code == 200
    assert "Mengarsip surat keluar" in page.content.decode()
    blank = client.post(url, {"alasan": "  "})
    assert blank.status_code == 200
    assert "Tuliskan alasan penolakan" in blank.content.decode()
    done = client.post(url, {"alasan": "Tanggalnya keliru.", "next": reverse(QUEUE) + "?pegawai=1"})
    assert done.status_code == 302
    assert done["Location"] == reverse(QUEUE) + "?pegawai=1"
    a.refresh_from_db()
    assert (a.status, a.alasan_tolak) == ("ditolak", "Tanggalnya keliru.")
    # Decided: the page says so and offers no form.
    again = client.get(url)
    assert "sudah ditolak" in again.content.decode()
    assert client.post(url, {"alasan": "lagi"}).status_code == 200
    a.refresh_from_db()
    assert a.alasan_tolak == "Tanggalnya keliru."


def test_reject_page_next_must_be_local(cast, login, today):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    url = reverse("execution:aktivitas-reject", args=[a.pk])
    done = login("bob").post(url, {"alasan": "x", "next": "https://evil.example/"})
    assert done["Location"] == reverse(QUEUE)


@pytest.mark.parametrize(
    ("who", "status"),
    [("charlie", 403), ("dina", 403), ("alice", 403), ("eko", 403), ("fajar", 403), ("gita", 404)],
)
def test_reject_page_only_the_direct_supervisor(cast, login, today, who, status):
    a = make_aktivitas(cast, "charlie", tanggal=today)
    url = reverse("execution:aktivitas-reject", args=[a.pk])
    assert login(who).get(url).status_code == status
    assert login(who).post(url, {"alasan": "x"}).status_code == status
    a.refresh_from_db()
    assert a.status == "diajukan"


# --- one person's log -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("charlie", 200),
        ("bob", 200),
        ("alice", 200),
        ("eko", 200),
        ("fajar", 200),
        ("dina", 403),
        ("gita", 404),
    ],
)
def test_pegawai_log_readers(cast, login, who, status):
    make_aktivitas(cast, "charlie")
    url = reverse("execution:pegawai-log", args=[cast.charlie.pk])
    assert login(who).get(url, {"bulan": "2026-03"}).status_code == status


def test_pegawai_log_month(cast, login, django_assert_max_num_queries):
    day = dt.date(2026, 3, 10)
    make_aktivitas(
        cast,
        "charlie",
        tanggal=day,
        uraian="Ditolak ini",
        status="ditolak",
        alasan_tolak="Kurang bukti",
        verified_by=cast.bob,
    )
    ok = make_aktivitas(
        cast,
        "charlie",
        tanggal=day + dt.timedelta(days=1),
        uraian="Sudah",
        status="diverifikasi",
        verified_by=cast.bob,
    )
    make_aktivitas(cast, "charlie", tanggal=dt.date(2026, 4, 1), uraian="Bulan lain")
    BuktiDukung.objects.create(
        instansi_id=cast.a.pk,
        pegawai=cast.charlie,
        aktivitas=ok,
        jenis="tautan",
        tautan="https://example.go.id/notulen",
    )
    client = login("bob")
    url = reverse("execution:pegawai-log", args=[cast.charlie.pk])
    with django_assert_max_num_queries(14):
        body = client.get(url, {"bulan": "2026-03"}).content.decode()
    assert "Ditolak ini" in body and "Sudah" in body
    assert "Bulan lain" not in body
    assert "Kurang bukti" in body
    assert "https://example.go.id/notulen" in body
    assert "Maret 2026" in body
    # The supervisor gets the shortcut to the queue for this person.
    assert reverse(QUEUE) + f"?pegawai={cast.charlie.pk}" in body
