"""services.verifikasi: verify and reject, one or many, all or nothing; only the direct
supervisor; audit rows; the owner's notification (issue 4 item 4 and "Bad input")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ekinerja.core.models import AuditEvent, Notification

from .. import domain
from ..models import Aktivitas
from ..services.verifikasi import MAX_BATCH, aktivitas_reject, aktivitas_verify
from .factories import DAY, make_aktivitas

pytestmark = pytest.mark.django_db


def _statuses(*rows: Aktivitas) -> list[str]:
    return [Aktivitas.objects.get(pk=a.pk).status for a in rows]


def test_verify_many(cast, django_assert_max_num_queries):
    rows = [make_aktivitas(cast, w) for w in ("charlie", "dina", "charlie")]
    bob = cast.actor("bob")
    with django_assert_max_num_queries(9):
        n = aktivitas_verify(actor=bob, aktivitas_ids=[a.pk for a in rows])
    assert n == 3
    for a in rows:
        a.refresh_from_db()
        assert a.status == domain.DIVERIFIKASI
        assert a.verified_by_id == cast.bob.pk
        assert a.verified_at is not None
        assert a.alasan_tolak == ""
    events = AuditEvent.objects.filter(action="aktivitas.verify").order_by("object_id")
    assert [e.object_id for e in events] == sorted(str(a.pk) for a in rows)
    assert events[0].changes == {"status": ["diajukan", "diverifikasi"]}
    assert events[0].actor_id == cast.bob.user_id
    # Verifying tells nobody: only rejections need the owner's action.
    assert not Notification.objects.exists()


def test_reject_one_sets_reason_audits_and_notifies_owner(cast, client):
    a = make_aktivitas(cast, "charlie")
    n = aktivitas_reject(
        actor=cast.actor("bob"), aktivitas_ids=[a.pk], alasan="  Lampirkan notulen rapat.  "
    )
    assert n == 1
    a.refresh_from_db()
    assert a.status == domain.DITOLAK
    assert a.alasan_tolak == "Lampirkan notulen rapat."
    assert a.verified_by_id == cast.bob.pk
    event = AuditEvent.objects.get(action="aktivitas.reject")
    assert event.object_id == str(a.pk)
    assert event.changes["alasan_tolak"] == ["", "Lampirkan notulen rapat."]
    note = Notification.objects.get()
    assert note.recipient_id == cast.charlie.user_id
    assert note.kind == "aktivitas.rejected"
    assert "Lampirkan notulen rapat." in note.message
    assert domain.tanggal_text(DAY) in note.message
    assert "Bob Santoso" in note.message
    assert note.url.endswith(f"?tanggal={DAY.isoformat()}")
    # The owner sees it in their notifications.
    client.force_login(cast.charlie.user)
    page = client.get(note_list_url())
    assert page.status_code == 200
    assert "Lampirkan notulen rapat." in page.content.decode()


def note_list_url() -> str:
    from django.urls import reverse

    return reverse("core:notification-list")


def test_reject_batch_notifies_each_owner_once(cast):
    c1 = make_aktivitas(cast, "charlie", tanggal=DAY)
    c2 = make_aktivitas(cast, "charlie", tanggal=DAY + dt.timedelta(days=1))
    d1 = make_aktivitas(cast, "dina")
    n = aktivitas_reject(
        actor=cast.actor("bob"), aktivitas_ids=[c1.pk, c2.pk, d1.pk], alasan="Uraian terlalu umum."
    )
    assert n == 3
    notes = {x.recipient_id: x for x in Notification.objects.all()}
    assert set(notes) == {cast.charlie.user_id, cast.dina.user_id}
    charlie = notes[cast.charlie.user_id]
    assert charlie.params["n"] == 2
    assert domain.tanggal_text(DAY) in charlie.message
    assert domain.tanggal_text(DAY + dt.timedelta(days=1)) in charlie.message
    # The link opens the first rejected day.
    assert charlie.url.endswith(f"?tanggal={DAY.isoformat()}")
    assert AuditEvent.objects.filter(action="aktivitas.reject").count() == 3


def test_non_subordinate_in_batch_refuses_everything(cast):
    mine = make_aktivitas(cast, "charlie")
    theirs = make_aktivitas(cast, "bob")  # bob's own: alice verifies it, not bob
    with pytest.raises(PermissionDenied) as e:
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[mine.pk, theirs.pk])
    assert "Tidak ada yang diubah" in str(e.value)
    assert _statuses(mine, theirs) == [domain.DIAJUKAN, domain.DIAJUKAN]
    assert not AuditEvent.objects.filter(action__startswith="aktivitas.").exists()


@pytest.mark.parametrize(
    ("who", "owner"),
    [
        ("alice", "charlie"),  # the head two levels up: not the direct supervisor
        ("dina", "charlie"),  # a colleague
        ("eko", "charlie"),  # the Admin Instansi
        ("fajar", "charlie"),  # the Auditor
        ("charlie", "dina"),
    ],
)
def test_only_the_direct_supervisor_decides(cast, who, owner):
    a = make_aktivitas(cast, owner)
    with pytest.raises(PermissionDenied) as e:
        aktivitas_verify(actor=cast.actor(who), aktivitas_ids=[a.pk])
    assert "bukan milik bawahan langsung Anda" in str(e.value)
    with pytest.raises(PermissionDenied):
        aktivitas_reject(actor=cast.actor(who), aktivitas_ids=[a.pk], alasan="x")
    assert _statuses(a) == [domain.DIAJUKAN]


def test_message_counts_the_ones_not_theirs(cast):
    ok = make_aktivitas(cast, "charlie")
    others = [make_aktivitas(cast, "alice", tanggal=DAY - dt.timedelta(days=i)) for i in range(2)]
    with pytest.raises(PermissionDenied) as e:
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[ok.pk] + [o.pk for o in others])
    assert str(e.value).startswith("2 aktivitas")


def test_supervisor_of_bob_verifies_bob(cast):
    a = make_aktivitas(cast, "bob")
    assert aktivitas_verify(actor=cast.actor("alice"), aktivitas_ids=[a.pk]) == 1


def test_own_activity_refused(cast):
    a = make_aktivitas(cast, "bob")
    with pytest.raises(PermissionDenied) as e:
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[a.pk])
    assert "sendiri" in str(e.value)


def test_outsider_ids_are_not_found(cast):
    mine = make_aktivitas(cast, "charlie")
    outsider = make_aktivitas(cast, "gita")
    with pytest.raises(Http404):
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[mine.pk, outsider.pk])
    with pytest.raises(Http404):
        aktivitas_reject(actor=cast.actor("gita"), aktivitas_ids=[mine.pk], alasan="x")
    assert _statuses(mine, outsider) == [domain.DIAJUKAN, domain.DIAJUKAN]


def test_deleted_id_is_not_found(cast):
    a = make_aktivitas(cast, "charlie")
    gone = make_aktivitas(cast, "dina")
    gone_pk = gone.pk
    gone.delete()
    with pytest.raises(Http404):
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[a.pk, gone_pk])
    assert _statuses(a) == [domain.DIAJUKAN]


@pytest.mark.parametrize("status", [domain.DIVERIFIKASI, domain.DITOLAK])
def test_already_decided_refused(cast, status):
    a = make_aktivitas(cast, "charlie", status=status)
    with pytest.raises(ValidationError) as e:
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[a.pk])
    assert e.value.messages == [domain.verify_error(status)]
    with pytest.raises(ValidationError):
        aktivitas_reject(actor=cast.actor("bob"), aktivitas_ids=[a.pk], alasan="x")
    assert _statuses(a) == [status]


def test_decided_one_in_a_batch_refuses_the_batch_and_names_it(cast):
    waiting = make_aktivitas(cast, "charlie")
    done = make_aktivitas(cast, "dina", status=domain.DIVERIFIKASI)
    with pytest.raises(ValidationError) as e:
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[waiting.pk, done.pk])
    text = " ".join(e.value.messages)
    assert "1 aktivitas yang dipilih sudah diputuskan" in text
    assert "Dina Lestari" in text
    assert _statuses(waiting, done) == [domain.DIAJUKAN, domain.DIVERIFIKASI]


@pytest.mark.parametrize("alasan", ["", "   ", "\n"])
def test_reject_needs_a_reason(cast, alasan):
    a = make_aktivitas(cast, "charlie")
    with pytest.raises(ValidationError) as e:
        aktivitas_reject(actor=cast.actor("bob"), aktivitas_ids=[a.pk], alasan=alasan)
    assert "alasan" in e.value.message_dict
    assert _statuses(a) == [domain.DIAJUKAN]
    assert not Notification.objects.exists()


def test_reject_reason_at_most_1000(cast):
    a = make_aktivitas(cast, "charlie")
    with pytest.raises(ValidationError) as e:
        aktivitas_reject(actor=cast.actor("bob"), aktivitas_ids=[a.pk], alasan="x" * 1001)
    assert "1000" in e.value.message_dict["alasan"][0]
    assert aktivitas_reject(actor=cast.actor("bob"), aktivitas_ids=[a.pk], alasan="x" * 1000) == 1


def test_empty_and_oversized_batches(cast):
    with pytest.raises(ValidationError):
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=[])
    with pytest.raises(ValidationError) as e:
        aktivitas_verify(actor=cast.actor("bob"), aktivitas_ids=range(1, MAX_BATCH + 2))
    assert str(MAX_BATCH) in e.value.messages[0]


def test_login_without_pegawai_refused(cast):
    a = make_aktivitas(cast, "charlie")
    with pytest.raises(PermissionDenied):
        aktivitas_verify(actor=cast.actor("root"), aktivitas_ids=[a.pk])


def test_batch_of_500_in_bounded_queries(cast, django_assert_max_num_queries):
    base = make_aktivitas(cast, "charlie")
    rows = [
        Aktivitas(
            instansi_id=base.instansi_id,
            pegawai_id=(cast.charlie if i % 2 else cast.dina).pk,
            tanggal=DAY - dt.timedelta(days=i % 60),
            menit=30,
            uraian=f"Kegiatan {i}",
        )
        for i in range(MAX_BATCH - 1)
    ]
    ids = [base.pk] + [a.pk for a in Aktivitas.objects.bulk_create(rows)]
    bob = cast.actor("bob")
    # SQLite splits the audit insert by its 999-variable limit (6 statements for 500
    # rows); PostgreSQL sends one. Either way the count does not grow with the batch
    # beyond that.
    with django_assert_max_num_queries(16):
        n = aktivitas_reject(actor=bob, aktivitas_ids=ids, alasan="Periksa lagi.")
    assert n == MAX_BATCH
    assert Aktivitas.objects.filter(status=domain.DITOLAK).count() == MAX_BATCH
    assert AuditEvent.objects.filter(action="aktivitas.reject").count() == MAX_BATCH
    assert Notification.objects.count() == 2
