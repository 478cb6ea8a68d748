"""The audit pages after real services wrote the events that used to break them (issue
11 §3 and §8): opening an evaluation period (the `evaluasi` key names a reverse
relation of the period) and a staff member deleting their own activity (`bukti`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from ekinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _pages(login, event: AuditEvent) -> tuple[str, str]:
    client = login("fajar")  # the auditor
    listing = client.get(reverse("core:audit-list"))
    detail = client.get(reverse("core:audit-detail", args=[event.pk]))
    assert (listing.status_code, detail.status_code) == (200, 200)
    return listing.content.decode(), detail.content.decode()


def test_opening_and_syncing_a_period_show_in_the_audit_trail(
    cast, login, monkeypatch, django_capture_on_commit_callbacks
):
    from ekinerja.appraisal.services import periode as periode_services
    from ekinerja.appraisal.services.tahunan import periode_penilaian_sync
    from ekinerja.appraisal.tests.factories import appraisal_world

    world = appraisal_world(cast)
    monkeypatch.setattr(periode_services, "local_today", lambda actor: dt.date(2026, 5, 2))
    with django_capture_on_commit_callbacks(execute=True):  # the preparation task
        periode = periode_services.periode_penilaian_open(
            actor=cast.actor("eko"), periode_id=world.cascade.periode.pk, jenis="bulanan", nomor=4
        )
    opened = AuditEvent.objects.get(action="periode_penilaian.open", object_id=str(periode.pk))
    listing, detail = _pages(login, opened)
    assert "Periode penilaian dibuka" in listing and "Periode penilaian dibuka" in detail
    prepared = AuditEvent.objects.get(action="periode_penilaian.status", object_id=str(periode.pk))
    listing, detail = _pages(login, prepared)
    assert "Evaluasi baru" in detail
    english = Client()
    english.force_login(cast.fajar.user)
    english.cookies["django_language"] = "en"
    body = english.get(reverse("core:audit-detail", args=[prepared.pk])).content.decode()
    assert "New evaluations" in body

    periode_penilaian_sync(actor=cast.actor("eko"), periode_penilaian_id=periode.pk)
    synced = AuditEvent.objects.filter(action="periode_penilaian.sync").latest("pk")
    listing, detail = _pages(login, synced)
    assert "Evaluasi disinkronkan" in listing and "Evaluasi disinkronkan" in detail


def test_an_event_written_before_with_a_reverse_relation_key_still_renders(cast, login):
    """Periods opened before the preparation task wrote `evaluasi` (a reverse relation
    of the period) as a key; such events stay in the trail and must render."""
    from ekinerja.appraisal.tests.factories import appraisal_world
    from ekinerja.core import audit

    world = appraisal_world(cast)
    event = audit.record(
        actor=cast.eko.user,
        action="periode_penilaian.open",
        obj=world.periode,
        changes={"periode": str(world.periode), "evaluasi": 4},
    )
    listing, detail = _pages(login, event)
    assert "Evaluasi dibuat" in detail


def test_a_staff_member_deleting_their_activity_shows_in_the_audit_trail(cast, login):
    from ekinerja.execution.services.aktivitas import aktivitas_create, aktivitas_delete

    charlie = cast.actor("charlie")
    aktivitas = aktivitas_create(
        actor=charlie,
        tanggal=dt.date(2026, 3, 2),
        uraian="Mengagendakan surat masuk",
        jam_mulai=dt.time(8, 0),
        jam_selesai=dt.time(9, 30),
    )
    aktivitas_delete(actor=charlie, aktivitas_id=aktivitas.pk)
    deleted = AuditEvent.objects.get(action="aktivitas.delete")
    assert "bukti" in deleted.changes
    listing, detail = _pages(login, deleted)
    assert "Aktivitas dihapus" in listing and "Bukti dukung" in detail
