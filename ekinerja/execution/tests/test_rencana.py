"""Rencana aksi: services (create, update, delete, the penilai's comment) and pages (the
owner's list and forms, the reader's view with the comment form), every refusal with
nothing stored, every permission branch, audit rows and the owner's notification."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from ekinerja.core.models import AuditEvent, Notification
from ekinerja.plans.models import SKP, PeriodeKinerja

from .. import domain
from ..models import BuktiDukung, RencanaAksi
from ..services.rencana import (
    NOTIFY_COMMENTED,
    rencana_aksi_comment,
    rencana_aksi_create,
    rencana_aksi_delete,
    rencana_aksi_update,
)
from .factories import exec_world, make_aktivitas, make_rencana_aksi

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(cast):
    return exec_world(cast)


def _state() -> tuple:
    return (
        list(
            RencanaAksi.objects.order_by("pk").values_list(
                "pk", "periode_ke", "uraian", "target_jumlah", "catatan_penilai"
            )
        ),
        AuditEvent.objects.filter(action__startswith="rencana_aksi.").count(),
    )


def create(cast, world, who="charlie", **kw):
    kw.setdefault("rhk_id", world.rhk("charlie").pk)
    kw.setdefault("periode_ke", 3)
    kw.setdefault("uraian", "Mengagendakan surat masuk Maret")
    return rencana_aksi_create(actor=cast.actor(who), **kw)


# --- services -------------------------------------------------------------------------


def test_owner_plans_a_month(cast, world):
    ra = create(cast, world, target_jumlah=Decimal("120"), target_satuan=" surat ")
    assert (ra.tahun, ra.periode_ke, ra.periodik, ra.urutan) == (2026, 3, domain.BULANAN, 1)
    assert (ra.pegawai_id, ra.target_satuan) == (cast.charlie.pk, "surat")
    assert create(cast, world, uraian="Kedua").urutan == 2
    ids = set(
        AuditEvent.objects.filter(action="rencana_aksi.create").values_list("object_id", flat=True)
    )
    assert str(ra.pk) in ids and len(ids) == 2


def test_quarterly_year_plans_per_quarter(cast, world):
    PeriodeKinerja.objects.filter(pk=world.cascade.periode.pk).update(periodik=domain.TRIWULANAN)
    ra = create(cast, world, periode_ke=2)
    assert (ra.periodik, ra.periode_ke) == (domain.TRIWULANAN, 2)
    before = _state()
    with pytest.raises(ValidationError) as e:
        create(cast, world, periode_ke=5)
    assert "periode_ke" in e.value.message_dict
    assert _state() == before


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"periode_ke": 13}, "periode_ke"),
        ({"periode_ke": 0}, "periode_ke"),
        ({"uraian": "  "}, "uraian"),
        ({"uraian": "x" * 2001}, "uraian"),
        ({"target_jumlah": Decimal("-1")}, "target_jumlah"),
        ({"target_satuan": "x" * 65}, "target_satuan"),
    ],
)
def test_bad_input_is_refused(cast, world, kw, field):
    before = _state()
    with pytest.raises(ValidationError) as e:
        create(cast, world, **kw)
    assert field in e.value.message_dict
    assert _state() == before


def test_a_period_outside_the_skp_is_refused(cast, world):
    SKP.objects.filter(pk=world.cascade.charlie.pk).update(tanggal_mulai=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError) as e:
        create(cast, world, periode_ke=3)
    assert "periode_ke" in e.value.message_dict
    assert create(cast, world, periode_ke=4).periode_ke == 4


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("dina", PermissionDenied),
        ("bob", PermissionDenied),
        ("eko", PermissionDenied),
        ("gita", Http404),
        ("root", PermissionDenied),
    ],
)
def test_only_the_owner_plans_on_an_rhk(cast, world, who, error):
    with pytest.raises(error):
        create(cast, world, who=who)
    assert not RencanaAksi.objects.exists()


def test_owner_updates_and_others_cannot(cast, world):
    ra = create(cast, world)
    rencana_aksi_update(
        actor=cast.actor("charlie"),
        rencana_aksi_id=ra.pk,
        periode_ke=4,
        uraian="Versi baru",
        target_jumlah=Decimal("5"),
        target_satuan="laporan",
    )
    ra.refresh_from_db()
    assert (ra.periode_ke, ra.uraian, ra.target_jumlah) == (4, "Versi baru", Decimal("5"))
    assert AuditEvent.objects.get(action="rencana_aksi.update").changes["periode_ke"] == [3, 4]
    before = _state()
    for who, error in (("bob", PermissionDenied), ("dina", PermissionDenied), ("gita", Http404)):
        with pytest.raises(error):
            rencana_aksi_update(
                actor=cast.actor(who),
                rencana_aksi_id=ra.pk,
                periode_ke=5,
                uraian="x",
                target_jumlah=None,
                target_satuan="",
            )
    assert _state() == before


def test_period_of_a_used_plan_cannot_move(cast, world):
    ra = create(cast, world)
    make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"), rencana_aksi=ra)
    with pytest.raises(ValidationError) as e:
        rencana_aksi_update(
            actor=cast.actor("charlie"),
            rencana_aksi_id=ra.pk,
            periode_ke=4,
            uraian=ra.uraian,
            target_jumlah=None,
            target_satuan="",
        )
    assert "periode_ke" in e.value.message_dict


def test_delete_by_owner_and_refusals(cast, world):
    used = create(cast, world)
    make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"), rencana_aksi=used)
    with_bukti = create(cast, world, uraian="Dengan bukti")
    BuktiDukung.objects.create(
        instansi=cast.a, pegawai=cast.charlie, rencana_aksi=with_bukti, jenis="tautan",
        tautan="https://contoh.go.id/x",
    )  # fmt: skip
    free = create(cast, world, uraian="Bebas")
    before = _state()
    for ra in (used, with_bukti):
        with pytest.raises(ValidationError):
            rencana_aksi_delete(actor=cast.actor("charlie"), rencana_aksi_id=ra.pk)
    for who, error in (("bob", PermissionDenied), ("dina", PermissionDenied), ("gita", Http404)):
        with pytest.raises(error):
            rencana_aksi_delete(actor=cast.actor(who), rencana_aksi_id=free.pk)
    assert _state() == before
    rencana_aksi_delete(actor=cast.actor("charlie"), rencana_aksi_id=free.pk)
    assert not RencanaAksi.objects.filter(pk=free.pk).exists()
    assert AuditEvent.objects.get(action="rencana_aksi.delete").object_id == str(free.pk)


def test_penilai_comments_and_the_owner_is_told(cast, world):
    ra = create(cast, world)
    rencana_aksi_comment(actor=cast.actor("bob"), rencana_aksi_id=ra.pk, catatan=" Tambah target. ")
    ra.refresh_from_db()
    assert (ra.catatan_penilai, ra.catatan_oleh_id) == ("Tambah target.", cast.bob.pk)
    assert ra.catatan_at is not None
    note = Notification.objects.get(kind=NOTIFY_COMMENTED)
    assert note.recipient_id == cast.charlie.user_id and f"#ra-{ra.pk}" in note.url
    assert AuditEvent.objects.filter(action="rencana_aksi.comment").count() == 1
    # clearing the note
    rencana_aksi_comment(actor=cast.actor("bob"), rencana_aksi_id=ra.pk, catatan="")
    ra.refresh_from_db()
    assert (ra.catatan_penilai, ra.catatan_oleh_id, ra.catatan_at) == ("", None, None)
    assert Notification.objects.filter(kind=NOTIFY_COMMENTED).count() == 1


@pytest.mark.parametrize(
    ("who", "error"),
    [("charlie", PermissionDenied), ("alice", PermissionDenied), ("dina", PermissionDenied),
     ("eko", PermissionDenied), ("gita", Http404)],
)  # fmt: skip
def test_only_the_penilai_comments(cast, world, who, error):
    ra = create(cast, world)
    before = _state()
    with pytest.raises(error):
        rencana_aksi_comment(actor=cast.actor(who), rencana_aksi_id=ra.pk, catatan="x")
    assert _state() == before


def test_too_long_comment(cast, world):
    ra = create(cast, world)
    with pytest.raises(ValidationError):
        rencana_aksi_comment(actor=cast.actor("bob"), rencana_aksi_id=ra.pk, catatan="x" * 2001)


# --- pages ----------------------------------------------------------------------------


def test_owner_list_shows_plans_comment_and_bounded_queries(
    cast, world, login, django_assert_max_num_queries
):
    rhk = world.rhk("charlie")
    for i in range(6):
        make_rencana_aksi(cast, "charlie", rhk, ke=1 + i % 3, uraian=f"Rencana {i}")
    ra = make_rencana_aksi(cast, "charlie", rhk, ke=3, uraian="Dikomentari")
    RencanaAksi.objects.filter(pk=ra.pk).update(
        catatan_penilai="Bagus, lanjutkan", catatan_oleh=cast.bob
    )
    client = login("charlie")
    with django_assert_max_num_queries(16):
        r = client.get(reverse("execution:rencana-list"), {"tahun": 2026})
    text = r.content.decode()
    assert r.status_code == 200
    assert "Rencana 5" in text and "Bagus, lanjutkan" in text and "Maret 2026" in text
    assert reverse("execution:rencana-create", args=[rhk.pk]) in text
    assert reverse("execution:rencana-update", args=[ra.pk]) in text


def test_create_page_and_post(cast, world, login):
    rhk = world.rhk("charlie")
    client = login("charlie")
    url = reverse("execution:rencana-create", args=[rhk.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"periode_ke": "3", "uraian": "", "target_jumlah": "abc"})
    assert r.status_code == 200 and not RencanaAksi.objects.exists()
    assert "wajib diisi" in r.content.decode() or "angka" in r.content.decode()
    r = client.post(
        url,
        {
            "periode_ke": "3",
            "uraian": "Menyusun laporan",
            "target_jumlah": "1.250,5",
            "target_satuan": "berkas",
        },
    )
    ra = RencanaAksi.objects.get()
    assert r.status_code == 302 and f"#ra-{ra.pk}" in r["Location"]
    assert ra.target_jumlah == Decimal("1250.5")


def test_update_page_owner_only(cast, world, login):
    ra = make_rencana_aksi(cast, "charlie", world.rhk("charlie"))
    url = reverse("execution:rencana-update", args=[ra.pk])
    assert login("bob").get(url).status_code == 403
    client = login("charlie")
    assert client.get(url).status_code == 200
    r = client.post(
        url, {"periode_ke": "4", "uraian": "Diubah", "target_jumlah": "", "target_satuan": ""}
    )
    assert r.status_code == 302
    ra.refresh_from_db()
    assert (ra.periode_ke, ra.uraian) == (4, "Diubah")


def test_delete_page(cast, world, login):
    ra = make_rencana_aksi(cast, "charlie", world.rhk("charlie"))
    used = make_rencana_aksi(cast, "charlie", world.rhk("charlie"), uraian="Dipakai")
    make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"), rencana_aksi=used)
    client = login("charlie")
    r = client.post(reverse("execution:rencana-delete", args=[ra.pk]), **HX)
    assert r.status_code == 204 and r["HX-Redirect"].startswith(reverse("execution:rencana-list"))
    r = client.post(reverse("execution:rencana-delete", args=[used.pk]), follow=True)
    assert "dipakai oleh 1 aktivitas" in r.content.decode()
    assert list(RencanaAksi.objects.values_list("pk", flat=True)) == [used.pk]
    assert (
        login("dina").post(reverse("execution:rencana-delete", args=[used.pk])).status_code == 403
    )


def test_penilai_view_has_the_comment_form(cast, world, login, django_assert_max_num_queries):
    ra = make_rencana_aksi(cast, "charlie", world.rhk("charlie"))
    url = reverse("execution:rencana-pegawai", args=[cast.charlie.pk])
    comment = reverse("execution:rencana-comment", args=[ra.pk])
    client = login("bob")
    with django_assert_max_num_queries(18):
        r = client.get(url)
    assert r.status_code == 200 and comment in r.content.decode()
    r = login("alice").get(url)
    assert r.status_code == 200 and comment not in r.content.decode()
    assert login("dina").get(url).status_code == 403
    assert login("gita").get(url).status_code == 404
    r = login("bob").post(comment, {"catatan": "Sertakan jadwal."})
    assert r.status_code == 302
    text = login("charlie").get(reverse("execution:rencana-list")).content.decode()
    assert "Sertakan jadwal." in text
    assert login("charlie").post(comment, {"catatan": "x"}).status_code == 403
