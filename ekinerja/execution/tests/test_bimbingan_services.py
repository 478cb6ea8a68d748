"""Coaching notes (services/umpan_balik.py, bimbingan_*): written by the direct
supervisor for a date not in the future, changed and deleted by their author only;
the pegawai is told; every write is audited; refusals leave nothing behind."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from ekinerja.core.clock import local_today
from ekinerja.core.models import AuditEvent, Notification

from ..models import BimbinganKinerja
from ..services import umpan_balik as services
from .factories import DAY, exec_world, make_bimbingan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    w = exec_world(cast)
    Notification.objects.all().delete()
    return w


def _state() -> tuple:
    return (
        list(
            BimbinganKinerja.objects.order_by("pk").values_list(
                "pk", "tanggal", "topik", "catatan", "tindak_lanjut"
            )
        ),
        AuditEvent.objects.filter(action__startswith="bimbingan").count(),
        Notification.objects.count(),
    )


def _create(cast, by="bob", to="charlie", **kw):
    kw.setdefault("tanggal", DAY)
    kw.setdefault("topik", "Ketepatan waktu")
    kw.setdefault("catatan", "Surat masuk tertunda sehari.")
    return services.bimbingan_create(actor=cast.actor(by), pegawai_id=getattr(cast, to).pk, **kw)


def test_supervisor_records_a_note_and_the_pegawai_is_told(cast, world):
    note = _create(cast, tindak_lanjut=" Agenda pagi hari. ")
    assert (note.pegawai_id, note.pembimbing_id) == (cast.charlie.pk, cast.bob.pk)
    assert note.tindak_lanjut == "Agenda pagi hari."
    event = AuditEvent.objects.get(action="bimbingan.create")
    assert event.object_id == str(note.pk)
    assert event.changes["tanggal"] == str(DAY)
    sent = Notification.objects.get()
    assert sent.recipient == cast.charlie.user and sent.kind == "bimbingan.created"
    assert sent.url == f"{reverse('execution:bimbingan-list')}#bimbingan-{note.pk}"
    assert "Ketepatan waktu" in sent.message


def test_today_is_allowed_tomorrow_is_not(cast, world):
    today = local_today(cast.actor("bob"))
    assert _create(cast, tanggal=today).tanggal == today
    before = _state()
    with pytest.raises(ValidationError) as e:
        _create(cast, tanggal=today + dt.timedelta(days=1))
    assert "masa depan" in e.value.message_dict["tanggal"][0]
    assert _state() == before


def test_blank_fields_are_refused_together(cast, world):
    before = _state()
    with pytest.raises(ValidationError) as e:
        _create(cast, tanggal=None, topik="  ", catatan="")
    assert set(e.value.message_dict) == {"tanggal", "topik", "catatan"}
    with pytest.raises(ValidationError) as e:
        _create(cast, topik="t" * 201, tindak_lanjut="x" * 4001)
    assert set(e.value.message_dict) == {"topik", "tindak_lanjut"}
    assert _state() == before


@pytest.mark.parametrize("who", ["dina", "alice", "eko", "fajar", "charlie"])
def test_non_supervisor_is_refused(cast, world, who):
    before = _state()
    with pytest.raises(PermissionDenied):
        _create(cast, by=who)
    assert _state() == before


def test_outsider_is_404(cast, world):
    with pytest.raises(Http404):
        _create(cast, by="gita")


def test_author_updates_with_an_audited_diff(cast, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    services.bimbingan_update(
        actor=cast.actor("bob"),
        bimbingan_id=note.pk,
        tanggal=DAY,
        topik="Ketepatan waktu agenda surat",
        catatan="Sudah membaik.",
        tindak_lanjut="Pantau sebulan.",
    )
    note.refresh_from_db()
    assert note.catatan == "Sudah membaik."
    event = AuditEvent.objects.get(action="bimbingan.update")
    assert set(event.changes) == {"catatan", "tindak_lanjut"}
    # Sending the same values again changes nothing and records nothing.
    services.bimbingan_update(
        actor=cast.actor("bob"),
        bimbingan_id=note.pk,
        tanggal=DAY,
        topik=note.topik,
        catatan=note.catatan,
        tindak_lanjut=note.tindak_lanjut,
    )
    assert AuditEvent.objects.filter(action="bimbingan.update").count() == 1


def test_update_refuses_a_future_date(cast, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    with pytest.raises(ValidationError):
        services.bimbingan_update(
            actor=cast.actor("bob"),
            bimbingan_id=note.pk,
            tanggal=local_today(cast.actor("bob")) + dt.timedelta(days=3),
            topik="x",
            catatan="y",
        )
    note.refresh_from_db()
    assert note.tanggal == DAY


@pytest.mark.parametrize("who", ["charlie", "alice", "dina", "eko"])
def test_only_the_author_updates_or_deletes(cast, world, who):
    note = make_bimbingan(cast, to="charlie", by="bob")
    before = _state()
    with pytest.raises(PermissionDenied):
        services.bimbingan_update(
            actor=cast.actor(who), bimbingan_id=note.pk, tanggal=DAY, topik="x", catatan="y"
        )
    with pytest.raises(PermissionDenied):
        services.bimbingan_delete(actor=cast.actor(who), bimbingan_id=note.pk)
    assert _state() == before


def test_outsider_update_or_delete_is_404(cast, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    with pytest.raises(Http404):
        services.bimbingan_delete(actor=cast.actor("gita"), bimbingan_id=note.pk)


def test_author_deletes_with_an_audit_row(cast, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    services.bimbingan_delete(actor=cast.actor("bob"), bimbingan_id=note.pk)
    assert not BimbinganKinerja.objects.exists()
    event = AuditEvent.objects.get(action="bimbingan.delete")
    assert event.object_id == str(note.pk) and event.changes["topik"] == note.topik
