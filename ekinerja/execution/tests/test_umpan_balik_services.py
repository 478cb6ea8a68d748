"""Feedback threads (services/umpan_balik.py): who opens and replies, what a topic
needs, the refusals of issue 4 (someone else's RHK, a non-supervisor, an outsider, a
colleague replying), nothing written on a refusal, audit rows and notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from ekinerja.core.models import AuditEvent, Notification
from ekinerja.org.models import Pegawai
from ekinerja.plans.models import SKP

from ..models import UmpanBalik
from ..services import umpan_balik as services
from .factories import DAY, exec_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    w = exec_world(cast)
    Notification.objects.all().delete()
    return w


def _state() -> tuple:
    return (
        list(UmpanBalik.objects.order_by("pk").values_list("pk", "teks", "last_at")),
        AuditEvent.objects.filter(action__startswith="umpan_balik").count(),
        Notification.objects.count(),
    )


def _create(cast, by="bob", to="charlie", **kw):
    kw.setdefault("topik", "umum")
    kw.setdefault("teks", "Laporan minggu ini rapi.")
    return services.umpan_balik_create(actor=cast.actor(by), pegawai_id=getattr(cast, to).pk, **kw)


# --- opening a thread -------------------------------------------------------------------


def test_supervisor_opens_thread_on_rhk(cast, world):
    rhk = world.rhk("charlie")
    thread = _create(cast, topik="rhk", rhk_id=rhk.pk, teks="  Agenda surat tepat waktu.  ")
    assert thread.pegawai_id == cast.charlie.pk
    assert thread.penulis_id == cast.bob.pk
    assert thread.rhk_id == rhk.pk and thread.nilai_berakhlak is None
    assert thread.teks == "Agenda surat tepat waktu."
    assert thread.induk_id is None and thread.last_at is not None
    event = AuditEvent.objects.get(action="umpan_balik.create")
    assert event.object_id == str(thread.pk) and event.actor == cast.bob.user
    assert event.changes["topik"] == "rhk"
    note = Notification.objects.get()
    assert note.recipient == cast.charlie.user
    assert note.kind == "umpan_balik.received"
    assert note.url == reverse("execution:umpan-balik-detail", args=[thread.pk])
    assert "Bob Santoso" in note.message and rhk.teks in note.message


def test_perilaku_thread_keeps_the_value_and_drops_an_rhk(cast, world):
    thread = _create(cast, topik="perilaku", nilai_berakhlak=3, rhk_id=world.rhk("charlie").pk)
    assert thread.nilai_berakhlak == 3 and thread.rhk_id is None
    assert services.topik_label(thread) == "Perilaku kerja: Kompeten"
    assert "Kompeten" in Notification.objects.get().message


def test_general_thread_stores_neither(cast, world):
    thread = _create(cast, topik="umum", rhk_id=world.rhk("charlie").pk, nilai_berakhlak=2)
    assert thread.rhk_id is None and thread.nilai_berakhlak is None


def test_head_supervises_bob(cast, world):
    thread = _create(cast, by="alice", to="bob")
    assert thread.pegawai_id == cast.bob.pk


@pytest.mark.parametrize("who", ["dina", "alice", "eko", "fajar", "charlie"])
def test_non_supervisor_is_refused(cast, world, who):
    before = _state()
    with pytest.raises(PermissionDenied, match="atasan langsung"):
        _create(cast, by=who, to="charlie")
    assert _state() == before


def test_outsider_gets_404(cast, world):
    before = _state()
    with pytest.raises(Http404):
        _create(cast, by="gita", to="charlie")
    assert _state() == before


def test_unknown_pegawai_is_404(cast, world):
    with pytest.raises(Http404):
        services.umpan_balik_create(
            actor=cast.actor("bob"), pegawai_id=999_999, topik="umum", teks="x"
        )


def test_rhk_of_someone_else_is_refused(cast, world):
    before = _state()
    with pytest.raises(ValidationError) as e:
        _create(cast, topik="rhk", rhk_id=world.rhk("dina").pk)
    assert "bukan bagian dari SKP" in e.value.message_dict["rhk"][0]
    with pytest.raises(ValidationError):
        _create(cast, topik="rhk", rhk_id=world.rhk("bob").pk)
    assert _state() == before


def test_rhk_of_another_instansi_is_refused(cast, world):
    from ekinerja.plans.tests.factories import make_periode, make_skp

    gita = make_skp(cast, "gita", make_periode(cast, instansi=cast.b), rhk=[("utama", "X", None)])
    with pytest.raises(ValidationError) as e:
        _create(cast, topik="rhk", rhk_id=gita.rhk.get().pk)
    assert "rhk" in e.value.message_dict


def test_rhk_topic_needs_an_rhk(cast, world):
    with pytest.raises(ValidationError) as e:
        _create(cast, topik="rhk")
    assert e.value.message_dict["rhk"] == ["Pilih RHK yang diberi umpan balik."]


@pytest.mark.parametrize("nilai", [None, 0, 8, -1])
def test_bad_berakhlak_value_is_refused(cast, world, nilai):
    before = _state()
    with pytest.raises(ValidationError) as e:
        _create(cast, topik="perilaku", nilai_berakhlak=nilai)
    assert "nilai_berakhlak" in e.value.message_dict
    assert _state() == before


def test_unknown_topic_is_refused(cast, world):
    with pytest.raises(ValidationError) as e:
        _create(cast, topik="gaji")
    assert "topik" in e.value.message_dict


@pytest.mark.parametrize("teks", ["", "   \n ", "x" * 4001])
def test_bad_text_is_refused(cast, world, teks):
    before = _state()
    with pytest.raises(ValidationError) as e:
        _create(cast, teks=teks)
    assert "teks" in e.value.message_dict
    assert _state() == before


def test_text_of_4000_characters_is_accepted(cast, world):
    assert len(_create(cast, teks="x" * 4000).teks) == 4000


def test_acting_penilai_on_current_skp_may_open(cast, world, monkeypatch):
    """dina named penilai on charlie's SKP (an acting head) gives feedback; once the
    SKP is no longer in force, she cannot."""
    SKP.objects.filter(pk=world.cascade.charlie.pk).update(penilai=cast.dina)
    monkeypatch.setattr(services, "local_today", lambda actor: DAY)
    thread = _create(cast, by="dina", to="charlie")
    assert thread.penulis_id == cast.dina.pk
    monkeypatch.setattr(services, "local_today", lambda actor: dt.date(2027, 2, 1))
    with pytest.raises(PermissionDenied):
        _create(cast, by="dina", to="charlie")


# --- replies ----------------------------------------------------------------------------


def test_pegawai_replies_and_the_author_is_told(cast, world):
    thread = _create(cast)
    Notification.objects.all().delete()
    reply = services.umpan_balik_reply(
        actor=cast.actor("charlie"), thread_id=thread.pk, teks="Siap, Pak."
    )
    assert reply.induk_id == thread.pk and reply.penulis_id == cast.charlie.pk
    assert reply.pegawai_id == cast.charlie.pk
    thread.refresh_from_db()
    assert thread.last_at == reply.created_at
    note = Notification.objects.get()
    assert note.recipient == cast.bob.user and note.kind == "umpan_balik.received"
    assert note.url == reverse("execution:umpan-balik-detail", args=[thread.pk])
    assert "Charlie Nugroho membalas" in note.message
    event = AuditEvent.objects.get(action="umpan_balik.reply")
    assert event.object_id == str(reply.pk) and event.changes["thread"] == thread.pk


def test_author_replies_and_the_pegawai_is_told(cast, world):
    thread = _create(cast)
    Notification.objects.all().delete()
    services.umpan_balik_reply(actor=cast.actor("bob"), thread_id=thread.pk, teks="Tambahan.")
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [
        cast.charlie.user_id
    ]


def test_new_supervisor_replies_and_both_others_are_told(cast, world):
    thread = _create(cast)
    Pegawai.objects.filter(pk=cast.charlie.pk).update(atasan=cast.alice)
    Notification.objects.all().delete()
    services.umpan_balik_reply(actor=cast.actor("alice"), thread_id=thread.pk, teks="Lanjutkan.")
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        cast.charlie.user_id,
        cast.bob.user_id,
    }
    # … and the new supervisor is among those told of the pegawai's next reply.
    Notification.objects.all().delete()
    services.umpan_balik_reply(actor=cast.actor("charlie"), thread_id=thread.pk, teks="Baik.")
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        cast.alice.user_id,
        cast.bob.user_id,
    }


@pytest.mark.parametrize("who", ["dina", "alice", "eko", "fajar"])
def test_reply_by_a_colleague_or_reader_is_refused(cast, world, who):
    thread = _create(cast)
    before = _state()
    with pytest.raises(PermissionDenied):
        services.umpan_balik_reply(actor=cast.actor(who), thread_id=thread.pk, teks="Ikut.")
    assert _state() == before


def test_reply_by_outsider_is_404(cast, world):
    thread = _create(cast)
    with pytest.raises(Http404):
        services.umpan_balik_reply(actor=cast.actor("gita"), thread_id=thread.pk, teks="Halo")


def test_reply_to_a_reply_is_404(cast, world):
    thread = _create(cast)
    reply = services.umpan_balik_reply(actor=cast.actor("charlie"), thread_id=thread.pk, teks="Ya")
    with pytest.raises(Http404):
        services.umpan_balik_reply(actor=cast.actor("bob"), thread_id=reply.pk, teks="Oke")


@pytest.mark.parametrize("teks", ["", "  ", "y" * 4001])
def test_blank_or_long_reply_is_refused(cast, world, teks):
    thread = _create(cast)
    before = _state()
    with pytest.raises(ValidationError) as e:
        services.umpan_balik_reply(actor=cast.actor("charlie"), thread_id=thread.pk, teks=teks)
    assert "teks" in e.value.message_dict
    assert _state() == before
