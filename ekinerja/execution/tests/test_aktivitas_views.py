"""The activity log pages over HTTP: the day page (full and HTMX partial, cards and
table, totals, flags, rejection reasons), quick entry with and without HTMX, bad input
shown with nothing stored, editing and deleting only while pending, "copy yesterday",
the week page, one activity's page, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ekinerja.core.models import AuditEvent

from .. import domain
from ..models import Aktivitas, BuktiDukung
from . import test_bukti_samples as samples
from .factories import DAY, exec_world, make_aktivitas, make_rencana_aksi

HX = {"HTTP_HX_REQUEST": "true"}
MINE = reverse("execution:aktivitas-mine")
CREATE = reverse("execution:aktivitas-create")


@pytest.fixture
def world(cast):
    return exec_world(cast)


def _day(day=DAY):
    return {"tanggal": day.isoformat()}


def _post(**kw):
    data = {
        "tanggal": DAY.isoformat(),
        "jam_mulai": "08:00",
        "jam_selesai": "09:30",
        "menit": "",
        "uraian": "Mengagendakan surat masuk",
        "rhk": "",
        "rencana_aksi": "",
        "output_jumlah": "",
        "output_satuan": "",
        "tautan": "",
    }
    data.update(kw)
    return data


def _state():
    return (
        list(
            Aktivitas.objects.order_by("pk").values_list(
                "pk", "tanggal", "menit", "uraian", "status"
            )
        ),
        BuktiDukung.objects.count(),
        AuditEvent.objects.filter(action__startswith="aktivitas.").count(),
    )


# --- the day page ---------------------------------------------------------------------


def test_day_page_shows_entries_totals_flags_and_reasons(
    cast, world, login, django_assert_max_num_queries
):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk, ke=3, uraian="Agenda Maret")
    for i in range(8):
        a = make_aktivitas(
            cast,
            "charlie",
            rhk=rhk,
            jam=(f"{8 + i:02d}:00", f"{8 + i:02d}:45"),
            uraian=f"Kegiatan {i}",
        )
        BuktiDukung.objects.create(
            instansi=cast.a, pegawai=cast.charlie, aktivitas=a, jenis="tautan",
            tautan=f"https://contoh.go.id/{i}",
        )  # fmt: skip
    make_aktivitas(
        cast, "charlie", jam=("16:00", "17:00"), uraian="Ditolak ini", status=domain.DITOLAK,
        alasan_tolak="Uraian terlalu umum", anomali=["tumpang_tindih"], ditandai=True,
    )  # fmt: skip
    make_aktivitas(cast, "dina", uraian="Milik dina")
    client = login("charlie")
    with django_assert_max_num_queries(16):
        r = client.get(MINE, _day())
    text = r.content.decode()
    assert r.status_code == 200 and "<html" in text
    assert "Kegiatan 7" in text and "Milik dina" not in text
    assert "Uraian terlalu umum" in text  # the rejection reason, visible to the owner
    assert str(domain.ANOMALI_LABELS["tumpang_tindih"]) in text
    assert "d-lg-table" in text and "akt-card" in text  # table on wide, cards on small
    assert 'name="rhk"' in text and rhk.teks[:20] in text and "Agenda Maret" in text
    assert f'value="{ra.pk}"' in text
    assert "7 j" in text  # 8 × 45 min + 60 min = 7 h
    # editable entries have actions, the rejected one does not
    rejected = Aktivitas.objects.get(status=domain.DITOLAK)
    assert reverse("execution:aktivitas-update", args=[rejected.pk]) not in text
    editable = Aktivitas.objects.filter(pegawai=cast.charlie, status=domain.DIAJUKAN).first()
    assert reverse("execution:aktivitas-update", args=[editable.pk]) in text
    # the same number of queries with more rows
    for i in range(10):
        make_aktivitas(cast, "charlie", rhk=rhk, jam=None, menit=5, uraian=f"Tambahan {i}")
    with django_assert_max_num_queries(16):
        client.get(MINE, _day())


def test_day_page_htmx_partial(cast, world, login):
    make_aktivitas(cast, "charlie")
    r = login("charlie").get(MINE, _day(), **HX)
    text = r.content.decode()
    assert r.status_code == 200 and "<html" not in text and 'id="aktivitas-day"' in text


def test_day_page_defaults_and_clamps(cast, world, login):
    client = login("charlie")
    assert client.get(MINE, {"tanggal": "bukan-tanggal"}).status_code == 200
    # A future day shows today; a year past the log's (2100) is a 400 (test_edge_inputs).
    r = client.get(MINE, {"tanggal": "2099-01-01"})
    assert r.status_code == 200 and "2099" not in r.content.decode().split("<main")[1][:2000]
    assert client.get(MINE, {"tanggal": "2999-01-01"}).status_code == 400


def test_day_page_refuses_a_login_without_pegawai(cast, login):
    assert login("root").get(MINE).status_code == 403


def test_copy_button_names_the_previous_logged_day(cast, world, login):
    make_aktivitas(cast, "charlie", tanggal=dt.date(2026, 3, 6))
    text = login("charlie").get(MINE, _day(dt.date(2026, 3, 9))).content.decode()
    assert reverse("execution:aktivitas-copy") in text and "Jumat, 6 Maret" in text


# --- quick entry ----------------------------------------------------------------------


def test_quick_entry_without_htmx_redirects(cast, world, login):
    r = login("charlie").post(
        CREATE, _post(rhk=str(world.rhk("charlie").pk), output_jumlah="3", output_satuan="surat")
    )
    assert r.status_code == 302 and r["Location"].endswith(f"?tanggal={DAY.isoformat()}")
    a = Aktivitas.objects.get()
    assert (a.menit, a.rhk_id, a.output_jumlah, a.sumber) == (90, world.rhk("charlie").pk, 3, "web")


def test_quick_entry_with_htmx_returns_the_day_and_an_empty_focused_form(
    cast, world, login, django_assert_max_num_queries
):
    client = login("charlie")
    rhk = world.rhk("charlie")
    with django_assert_max_num_queries(22):
        r = client.post(CREATE, _post(rhk=str(rhk.pk)), **HX)
    text = r.content.decode()
    assert r.status_code == 200 and "<html" not in text
    assert "Mengagendakan surat masuk" in text and "Aktivitas disimpan." in text
    # the next entry starts when this one ended, on the same RHK, with the focus on it
    # written as the placeholder is (08.00), not 09:30 beside a placeholder of 08.00
    assert 'name="jam_mulai" value="09.30"' in text and 'placeholder="08.00"' in text
    assert "autofocus" in text
    assert f'<option value="{rhk.pk}" selected>' in text
    assert 'name="uraian" value=' not in text  # the text is empty again


def test_after_a_save_typing_only_the_minutes_logs_the_next_activity(cast, world, login):
    """The quick entry prefills the start with the last end; a user who types only the
    minutes gets start + minutes (issue 11 §7), whether the prefill says 09.30 or the
    user typed 09:30."""
    client = login("charlie")
    r = client.post(CREATE, _post(jam_mulai="08.00", jam_selesai="09:30"), **HX)
    form = r.content.decode()
    assert 'name="jam_mulai" value="09.30"' in form
    for start, menit, end in (("09.30", "30", "10:00"), ("10:00", "45", "10:45")):
        r = client.post(
            CREATE,
            _post(jam_mulai=start, jam_selesai="", menit=menit, uraian=f"Lanjutan {menit}"),
            **HX,
        )
        assert r.status_code == 200 and "Aktivitas disimpan." in r.content.decode()
        a = Aktivitas.objects.get(uraian=f"Lanjutan {menit}")
        assert (a.jam_mulai.strftime("%H.%M"), a.jam_selesai.strftime("%H:%M"), a.menit) == (
            start.replace(":", "."),
            end,
            int(menit),
        )
    assert 'name="jam_mulai" value="10.45"' in r.content.decode()
    # The list shows the times as the form writes them.
    assert "10.00–10.45" in r.content.decode()


def test_a_start_and_minutes_past_midnight_is_refused(cast, world, login):
    before = _state()
    r = login("charlie").post(CREATE, _post(jam_mulai="23.30", jam_selesai="", menit="45"), **HX)
    assert r.status_code == 200 and "melewati pukul 24.00" in r.content.decode()
    assert _state() == before


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"tanggal": "2099-01-01"}, "tanggal yang akan datang"),
        ({"jam_mulai": "10:00", "jam_selesai": "09:00"}, "Jam selesai harus setelah jam mulai"),
        ({"jam_mulai": "", "jam_selesai": "", "menit": "1441"}, "1.440 menit"),
        ({"uraian": ""}, "Uraian kegiatan wajib diisi"),
        ({"output_jumlah": "tiga"}, "berupa angka"),
    ],
)
def test_quick_entry_bad_input_shows_errors_and_stores_nothing(cast, world, login, kw, message):
    client = login("charlie")
    before = _state()
    r = client.post(CREATE, _post(**kw), **HX)
    assert r.status_code == 200 and message in r.content.decode()
    r = client.post(CREATE, _post(**kw))
    assert r.status_code == 200 and message in r.content.decode() and "<html" in r.content.decode()
    assert _state() == before


def test_quick_entry_refuses_someone_elses_rhk(cast, world, login):
    before = _state()
    r = login("charlie").post(CREATE, _post(rhk=str(world.rhk("dina").pk)), **HX)
    assert r.status_code == 200 and "is-invalid" in r.content.decode()
    assert _state() == before


def test_quick_entry_with_a_file(cast, world, login):
    data = _post()
    data["berkas"] = samples.upload("surat.pdf", samples.PDF)
    r = login("charlie").post(CREATE, data)
    assert r.status_code == 302
    assert BuktiDukung.objects.get().aktivitas_id == Aktivitas.objects.get().pk


def test_quick_entry_with_a_bad_file_stores_nothing(cast, world, login):
    before = _state()
    data = _post()
    data["berkas"] = samples.upload("surat.pdf", samples.EXE)
    r = login("charlie").post(CREATE, data, **HX)
    assert r.status_code == 200 and "is-invalid" in r.content.decode()
    assert _state() == before


def test_create_is_post_only(cast, login):
    assert login("charlie").get(CREATE).status_code == 405


# --- edit and delete ------------------------------------------------------------------


def test_owner_edits_a_pending_activity(cast, world, login):
    a = make_aktivitas(cast, "charlie")
    url = reverse("execution:aktivitas-update", args=[a.pk])
    client = login("charlie")
    r = client.get(url)
    assert r.status_code == 200 and 'value="Mengagendakan surat masuk"' in r.content.decode()
    r = client.post(url, _post(uraian="Diubah", jam_mulai="", jam_selesai="", menit="30"))
    assert r.status_code == 302
    a.refresh_from_db()
    assert (a.uraian, a.menit, a.jam_mulai) == ("Diubah", 30, None)
    r = client.post(url, _post(jam_mulai="10:00", jam_selesai="09:00"))
    assert r.status_code == 200 and "Jam selesai harus setelah jam mulai" in r.content.decode()


@pytest.mark.parametrize("status", [domain.DIVERIFIKASI, domain.DITOLAK])
def test_verified_or_rejected_is_403_with_the_reason(cast, world, login, status):
    a = make_aktivitas(cast, "charlie", status=status)
    client = login("charlie")
    before = _state()
    r = client.get(reverse("execution:aktivitas-update", args=[a.pk]))
    assert r.status_code == 403 and domain.owner_edit_error(status) in r.content.decode()
    r = client.post(reverse("execution:aktivitas-update", args=[a.pk]), _post())
    assert r.status_code == 403
    r = client.post(reverse("execution:aktivitas-delete", args=[a.pk]), _day())
    assert r.status_code == 403
    assert domain.owner_edit_error(status, deleting=True) in r.content.decode()
    assert _state() == before


@pytest.mark.parametrize(("who", "status"), [("dina", 403), ("bob", 403), ("gita", 404)])
def test_others_cannot_edit_or_delete(cast, world, login, who, status):
    a = make_aktivitas(cast, "charlie")
    client = login(who)
    assert client.get(reverse("execution:aktivitas-update", args=[a.pk])).status_code == status
    assert client.post(reverse("execution:aktivitas-delete", args=[a.pk])).status_code == status
    assert Aktivitas.objects.filter(pk=a.pk).exists()


def test_delete_with_and_without_htmx(cast, world, login):
    a = make_aktivitas(cast, "charlie")
    b = make_aktivitas(cast, "charlie", jam=("10:00", "11:00"), uraian="Kedua")
    client = login("charlie")
    r = client.post(reverse("execution:aktivitas-delete", args=[a.pk]), _day(), **HX)
    assert r.status_code == 200 and "Aktivitas dihapus." in r.content.decode()
    assert "Kedua" in r.content.decode()
    r = client.post(reverse("execution:aktivitas-delete", args=[b.pk]), _day())
    assert r.status_code == 302
    assert not Aktivitas.objects.exists()


# --- copy yesterday -------------------------------------------------------------------


def test_copy_previous_day(cast, world, login):
    make_aktivitas(cast, "charlie", tanggal=dt.date(2026, 3, 6), rhk=world.rhk("charlie"))
    client = login("charlie")
    monday = dt.date(2026, 3, 9)
    r = client.post(reverse("execution:aktivitas-copy"), _day(monday), **HX)
    assert r.status_code == 200 and "1 aktivitas disalin" in r.content.decode()
    assert Aktivitas.objects.filter(tanggal=monday, sumber="salin").count() == 1
    # again: nothing new, a message instead
    r = client.post(reverse("execution:aktivitas-copy"), _day(monday), follow=True)
    assert "sudah ada" in r.content.decode()
    assert Aktivitas.objects.filter(tanggal=monday).count() == 1


def test_copy_with_nothing_before(cast, world, login):
    r = login("charlie").post(reverse("execution:aktivitas-copy"), _day(), follow=True)
    assert "Belum ada hari sebelumnya" in r.content.decode()
    assert not Aktivitas.objects.exists()


def test_copy_into_the_future_is_refused(cast, world, login):
    make_aktivitas(cast, "charlie", tanggal=DAY)
    r = login("charlie").post(reverse("execution:aktivitas-copy"), {"tanggal": "2099-01-01"}, **HX)
    assert "tanggal yang akan datang" in r.content.decode()
    assert Aktivitas.objects.count() == 1


# --- the week -------------------------------------------------------------------------


def test_week_page(cast, world, login, django_assert_max_num_queries):
    make_aktivitas(cast, "charlie", tanggal=dt.date(2026, 3, 9), jam=("08:00", "12:00"))
    make_aktivitas(
        cast, "charlie", tanggal=dt.date(2026, 3, 9), jam=("13:00", "14:30"), status="diverifikasi"
    )
    make_aktivitas(
        cast, "charlie", tanggal=dt.date(2026, 3, 11), jam=None, menit=500, status="ditolak"
    )
    make_aktivitas(
        cast, "charlie", tanggal=dt.date(2026, 3, 16), jam=None, menit=30, uraian="Minggu depan"
    )
    client = login("charlie")
    with django_assert_max_num_queries(12):
        r = client.get(reverse("execution:aktivitas-week"), _day(dt.date(2026, 3, 12)))
    text = r.content.decode()
    assert r.status_code == 200
    assert "5 j 30 m" in text and "8 j 20 m" in text  # Monday; Wednesday
    assert "1 diverifikasi" in text and "1 ditolak" in text
    assert "13 j 50 m" in text and "37 j 30 m" in text  # the week (not next Monday) of 5 × 7 j 30 m
    assert f"{MINE}?tanggal=2026-03-09" in text
    assert "?tanggal=2026-03-02" in text and "?tanggal=2026-03-16" in text  # prev / next


def test_week_page_has_no_next_week_after_today(cast, world, login):
    r = login("charlie").get(reverse("execution:aktivitas-week"))
    assert r.status_code == 200 and 'rel="next"' not in r.content.decode()


# --- one activity ---------------------------------------------------------------------


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
def test_detail_page_readers(cast, world, login, who, status):
    a = make_aktivitas(cast, "charlie", status=domain.DITOLAK, alasan_tolak="Tanpa bukti")
    r = login(who).get(reverse("execution:aktivitas-detail", args=[a.pk]))
    assert r.status_code == status
    if status == 200:
        assert "Tanpa bukti" in r.content.decode()
