"""Opening a period runs in the background with progress, and cannot be started twice
(issue 11 §6 and §8): the period is created "sedang disiapkan", the worker creates its
evaluations a batch at a time and the page shows how far it is (polling while it
runs); a second start — a double submit, or two admins at the same moment on
PostgreSQL — gets a clear refusal, never a 500 or a second period; a preparation that
stopped shows why and can be started again, continuing where it stopped."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from ekinerja.core.models import AuditEvent

from ..domain import ratings
from ..models import Evaluasi, PeriodePenilaian
from ..services import periode as periode_services
from ..services.penilaian import evaluasi_rate
from ..services.periode import (
    periode_penilaian_open,
    periode_penilaian_prepare,
    periode_penilaian_retry,
)
from ..tasks import periode_prepare_task
from .factories import appraisal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, monkeypatch):
    monkeypatch.setattr(periode_services, "local_today", lambda actor: dt.date(2026, 5, 2))
    return appraisal_world(cast)


def _open(world, nomor: int = 4) -> PeriodePenilaian:
    return periode_penilaian_open(
        actor=world.cast.actor("eko"),
        periode_id=world.cascade.periode.pk,
        jenis="bulanan",
        nomor=nomor,
    )


def test_the_evaluations_are_made_a_batch_at_a_time_with_progress(world, monkeypatch):
    periode = _open(world)
    seen = []
    real_sync = periode_services.evaluasi_sync

    def watching(**kwargs):
        row = PeriodePenilaian.objects.get(pk=periode.pk)
        seen.append((row.status, row.persiapan_selesai, row.persiapan_total))
        return real_sync(**kwargs)

    monkeypatch.setattr(periode_services, "evaluasi_sync", watching)
    created, prefilled = periode_penilaian_prepare(
        actor=world.cast.actor("eko"), periode_penilaian_id=periode.pk, batch=1
    )
    assert (created, prefilled) == (4, 0)
    assert seen == [("disiapkan", n, 4) for n in range(4)]
    periode.refresh_from_db()
    assert (periode.status, periode.persiapan_selesai, periode.persiapan_total) == (
        "dibuka",
        4,
        4,
    )
    # Running again (a retried job) changes nothing.
    assert periode_penilaian_prepare(
        actor=world.cast.actor("eko"), periode_penilaian_id=periode.pk
    ) == (0, 0)


def test_a_second_start_is_refused_while_it_is_being_prepared(world):
    periode = _open(world)
    with pytest.raises(ValidationError) as e:
        _open(world)
    assert e.value.messages == ["Periode April 2026 sedang disiapkan; tunggu sampai selesai."]
    PeriodePenilaian.objects.filter(pk=periode.pk).update(
        persiapan_total=1400, persiapan_selesai=600
    )
    with pytest.raises(ValidationError) as e:
        _open(world)
    assert e.value.messages == [
        "Periode April 2026 sedang disiapkan (600 dari 1400 evaluasi dibuat); tunggu sampai "
        "selesai."
    ]
    assert PeriodePenilaian.objects.filter(nomor=4).count() == 1
    assert AuditEvent.objects.filter(action="periode_penilaian.open").count() == 1


def test_a_period_being_prepared_is_neither_closed_nor_opened_by_hand(world):
    periode = _open(world)
    eko = world.cast.actor("eko")
    for status in ("ditutup", "dibuka"):
        with pytest.raises(ValidationError, match="sedang disiapkan"):
            periode_services.periode_penilaian_set_status(
                actor=eko, periode_penilaian_id=periode.pk, status=status
            )
    with pytest.raises(ValidationError, match="Status periode tidak sah"):
        periode_services.periode_penilaian_set_status(
            actor=eko, periode_penilaian_id=world.periode.pk, status="disiapkan"
        )
    periode.refresh_from_db()
    assert periode.status == "disiapkan"


def test_nothing_is_entered_or_rated_while_the_period_is_prepared(world):
    periode = _open(world)
    periode_services.evaluasi_sync(periode=periode)  # part of the work done
    ev = Evaluasi.objects.get(periode_penilaian=periode, pegawai=world.cast.charlie)
    with pytest.raises(ValidationError, match="masih disiapkan"):
        periode_services.require_open(ev.periode_penilaian)
    with pytest.raises(ValidationError, match="April 2026 masih disiapkan"):
        evaluasi_rate(
            actor=world.cast.actor("bob"),
            evaluasi_id=ev.pk,
            rating_hasil_kerja=ratings.SESUAI,
            rating_perilaku=ratings.SESUAI,
        )


def test_the_page_shows_the_progress_polls_and_refuses_a_double_submit(world, login):
    client = login("eko")
    url = reverse("appraisal:periode-list")
    data = {"periode": world.cascade.periode.pk, "pilihan": "bulanan:4"}
    first = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Periode April 2026 sedang disiapkan: evaluasinya dibuat di latar belakang." in first
    assert 'hx-trigger="every 2s"' in first and "sedang disiapkan" in first
    assert "0 dari 0 evaluasi dibuat" in first
    # The same form sent again (a double click on a slow page; the select still offers it).
    second = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Periode April 2026 sedang disiapkan; tunggu sampai selesai." in second
    assert PeriodePenilaian.objects.filter(nomor=4).count() == 1
    # Half-way: the poll shows how far it is.
    PeriodePenilaian.objects.filter(nomor=4).update(persiapan_total=1400, persiapan_selesai=600)
    poll = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "600 dari 1400 evaluasi dibuat" in poll and 'aria-valuenow="43"' in poll
    # Done: the page stops polling.
    periode = PeriodePenilaian.objects.get(nomor=4)
    periode_penilaian_prepare(actor=world.cast.actor("eko"), periode_penilaian_id=periode.pk)
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' not in done


def test_a_preparation_that_fails_says_so_and_can_be_started_again(
    world, login, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(periode_services, "evaluasi_sync", broken)
    with django_capture_on_commit_callbacks(execute=True):
        periode = _open(world)
    periode.refresh_from_db()
    assert periode.status == "disiapkan" and "kesalahan sistem" in periode.galat_persiapan
    client = login("eko")
    page = client.get(reverse("appraisal:periode-list")).content.decode()
    retry_url = reverse("appraisal:periode-retry", args=[periode.pk])
    assert "Persiapan terhenti karena kesalahan sistem" in page and retry_url in page
    assert 'hx-trigger="every 2s"' not in page  # nothing moves: no polling
    # Only the admin of the agency may start it again.
    assert login("bob").post(retry_url).status_code == 403
    assert login("gita").post(retry_url).status_code in (403, 404)
    monkeypatch.undo()
    monkeypatch.setattr(periode_services, "local_today", lambda actor: dt.date(2026, 5, 2))
    client = login("eko")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url, follow=True)
    assert "Persiapan periode April 2026 dilanjutkan." in response.content.decode()
    periode.refresh_from_db()
    assert (periode.status, periode.galat_persiapan) == ("dibuka", "")
    assert Evaluasi.objects.filter(periode_penilaian=periode).count() == 4
    assert AuditEvent.objects.filter(action="periode_penilaian.retry").count() == 1


def test_a_running_preparation_cannot_be_started_twice(world):
    periode = _open(world)
    with pytest.raises(ValidationError, match="sedang disiapkan"):
        periode_penilaian_retry(actor=world.cast.actor("eko"), periode_penilaian_id=periode.pk)
    # Stalled for more than ten minutes (a worker that died): it may.
    assert periode.persiapan_at is not None
    PeriodePenilaian.objects.filter(pk=periode.pk).update(
        persiapan_at=periode.persiapan_at - dt.timedelta(minutes=11)
    )
    periode_penilaian_retry(actor=world.cast.actor("eko"), periode_penilaian_id=periode.pk)


def test_the_task_does_nothing_for_a_period_already_open(world):
    result = periode_prepare_task.call(
        periode_penilaian_id=world.periode.pk, user_id=world.cast.user("eko").pk
    )
    assert "0 evaluations created" in result


# --- two admins at the same moment (PostgreSQL) --------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_opens_give_one_period_and_a_clear_refusal(world):
    """§8: opening the same period twice at once answered 500 on PostgreSQL. Two
    connections start together; the second waits on the year's row lock and is then
    refused with the usual message."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent connections: PostgreSQL only")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def admin_opens() -> None:
        try:
            barrier.wait(timeout=10)
            periode_penilaian_open(
                actor=world.cast.actor("eko"),
                periode_id=world.cascade.periode.pk,
                jenis="bulanan",
                nomor=4,
            )
            outcomes.append("opened")
        except ValidationError as e:
            outcomes.append(" ".join(e.messages))
        except Exception as e:  # pragma: no cover - what the test guards against
            outcomes.append(f"{type(e).__name__}: {e}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=admin_opens) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == sorted(
        ["opened", "Periode April 2026 sedang disiapkan; tunggu sampai selesai."]
    ) or sorted(outcomes) == sorted(["opened", "Periode April 2026 sudah dibuka."])
    assert PeriodePenilaian.objects.filter(nomor=4).count() == 1
