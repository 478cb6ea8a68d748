"""Reminders the Admin Instansi schedules (issue 4 item 6): the services (who may, what is
refused, the audit trail), who receives each kind of reminder, the background tasks in
each agency's own time zone, at most one delivery a day, "send now", the management
command, and email only for those who want it.

domain.reminder_due itself is tested in test_domain.py."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.http import Http404

from ekinerja.core.clock import local_today
from ekinerja.core.models import AuditEvent, Notification
from ekinerja.execution import domain, tasks
from ekinerja.execution.models import Pengingat
from ekinerja.execution.selectors.pengingat import recipient_user_ids
from ekinerja.execution.services import pengingat as services

from .factories import make_aktivitas

pytestmark = pytest.mark.django_db

SEMUA = Pengingat.Sasaran.SEMUA
BELUM = Pengingat.Sasaran.BELUM_MENCATAT
ATASAN = Pengingat.Sasaran.ATASAN_ANTREAN
A_STAFF = ("alice", "bob", "charlie", "dina", "eko", "fajar")

# Tuesday 10 March 2026, 08:00 UTC = 15:00 WIB = 16:00 WITA = 17:00 WIT.
TUESDAY_0800Z = "2026-03-10T08:00:00+00:00"


def make_pengingat(cast, *, instansi=None, sasaran=SEMUA, hari=0, jam="15:00", **kw):
    return Pengingat.objects.create(
        instansi=instansi or cast.a,
        nama=kw.pop("nama", "Catat aktivitas"),
        sasaran=sasaran,
        pesan=kw.pop("pesan", "Jangan lupa mencatat aktivitas hari ini."),
        hari=hari,
        jam=dt.time.fromisoformat(jam),
        **kw,
    )


def _users(cast, *who: str) -> set[int]:
    return {cast.user(w).pk for w in who}


def _notified(pengingat: Pengingat) -> list[int]:
    return sorted(
        Notification.objects.filter(kind=f"reminder.{pengingat.sasaran}").values_list(
            "recipient_id", flat=True
        )
    )


def _create_kwargs(**over):
    values = {
        "nama": "Catat aktivitas Anda hari ini",
        "sasaran": BELUM,
        "pesan": "Catat aktivitas Anda hari ini sebelum pulang.",
        "hari": 0,
        "jam": dt.time(15, 0),
    }
    values.update(over)
    return values


# --- services: who may ----------------------------------------------------------------


def test_admin_creates_a_reminder_with_an_audit_row(cast):
    p = services.pengingat_create(actor=cast.actor("eko"), **_create_kwargs(nama="  Catat  "))
    assert (p.instansi_id, p.nama, p.sasaran, p.hari, p.jam, p.aktif) == (
        cast.a.pk,
        "Catat",
        BELUM,
        0,
        dt.time(15, 0),
        True,
    )
    event = AuditEvent.objects.get(action="pengingat.create")
    assert event.actor_id == cast.eko.user_id and event.instansi_id == cast.a.pk
    assert event.changes["sasaran"] == BELUM and event.changes["jam"] == "15:00"


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "fajar", "gita", "root"])
def test_only_the_admin_instansi_keeps_reminders(cast, who):
    with pytest.raises(PermissionDenied):
        services.pengingat_create(actor=cast.actor(who), **_create_kwargs())
    p = make_pengingat(cast)
    with pytest.raises((PermissionDenied, Http404)):
        services.pengingat_update(
            actor=cast.actor(who), pengingat_id=p.pk, aktif=False, **_create_kwargs()
        )
    with pytest.raises((PermissionDenied, Http404)):
        services.pengingat_delete(actor=cast.actor(who), pengingat_id=p.pk)
    with pytest.raises((PermissionDenied, Http404)):
        services.pengingat_send(actor=cast.actor(who), pengingat_id=p.pk)
    assert Pengingat.objects.count() == 1 and not AuditEvent.objects.exists()
    assert not Notification.objects.exists()


def test_another_agencys_reminder_is_not_found(cast):
    theirs = make_pengingat(cast, instansi=cast.b)
    eko = cast.actor("eko")
    with pytest.raises(Http404):
        services.pengingat_update(actor=eko, pengingat_id=theirs.pk, aktif=True, **_create_kwargs())
    with pytest.raises(Http404):
        services.pengingat_delete(actor=eko, pengingat_id=theirs.pk)
    with pytest.raises(Http404):
        services.pengingat_send(actor=eko, pengingat_id=theirs.pk)
    assert Pengingat.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("nama", ""),
        ("nama", "   "),
        ("nama", "x" * 151),
        ("pesan", ""),
        ("pesan", "x" * 501),
        ("sasaran", "pimpinan"),
        ("hari", 32),
        ("hari", -1),
        ("hari", "kapan-kapan"),
        ("jam", None),
        ("jam", "25:00"),
    ],
)
def test_bad_input_is_refused_with_its_field_and_nothing_is_stored(cast, field, value):
    with pytest.raises(ValidationError) as e:
        services.pengingat_create(actor=cast.actor("eko"), **_create_kwargs(**{field: value}))
    assert set(e.value.message_dict) == {field}
    assert not Pengingat.objects.exists() and not AuditEvent.objects.exists()


def test_limits_are_inclusive(cast):
    p = services.pengingat_create(
        actor=cast.actor("eko"), **_create_kwargs(nama="n" * 150, pesan="p" * 500, hari=31)
    )
    assert (len(p.nama), len(p.pesan), p.hari) == (150, 500, 31)
    assert services.pengingat_create(actor=cast.actor("eko"), **_create_kwargs(jam="09:30")).jam


def test_update_records_only_what_changed_and_keeps_the_last_delivery(cast):
    p = make_pengingat(cast, terakhir_dikirim=dt.date(2026, 3, 10), terakhir_jumlah=4)
    services.pengingat_update(
        actor=cast.actor("eko"),
        pengingat_id=p.pk,
        nama=p.nama,
        sasaran=p.sasaran,
        pesan=p.pesan,
        hari=3,
        jam=dt.time(9, 0),
        aktif=False,
    )
    p.refresh_from_db()
    assert (p.hari, p.jam, p.aktif) == (3, dt.time(9, 0), False)
    assert (p.terakhir_dikirim, p.terakhir_jumlah) == (dt.date(2026, 3, 10), 4)
    event = AuditEvent.objects.get(action="pengingat.update")
    assert event.changes == {
        "aktif": [True, False],
        "hari": [0, 3],
        "jam": ["15:00", "09:00"],
    }


def test_update_refused_leaves_the_row_as_it_was(cast):
    p = make_pengingat(cast)
    with pytest.raises(ValidationError):
        services.pengingat_update(
            actor=cast.actor("eko"), pengingat_id=p.pk, aktif=False, **_create_kwargs(hari=40)
        )
    p.refresh_from_db()
    assert (p.hari, p.aktif) == (0, True) and not AuditEvent.objects.exists()


def test_saving_without_changes_writes_no_audit_row(cast):
    p = make_pengingat(cast)
    services.pengingat_update(
        actor=cast.actor("eko"),
        pengingat_id=p.pk,
        nama=p.nama,
        sasaran=p.sasaran,
        pesan=p.pesan,
        hari=p.hari,
        jam=p.jam,
        aktif=p.aktif,
    )
    assert not AuditEvent.objects.exists()


def test_delete_is_audited_with_what_was_deleted(cast):
    p = make_pengingat(cast, nama="Lama")
    services.pengingat_delete(actor=cast.actor("eko"), pengingat_id=p.pk)
    assert not Pengingat.objects.exists()
    event = AuditEvent.objects.get(action="pengingat.delete")
    assert event.object_repr == "Lama" and event.changes["nama"] == "Lama"


# --- recipients -----------------------------------------------------------------------

# Wednesday 11 March 2026; the week began on Monday 9 March.
WEDNESDAY = dt.date(2026, 3, 11)


def _log_week(cast):
    """charlie logged on Monday, dina only last Friday, bob only next Monday (a date
    outside this week); charlie's activity waits for bob, dina's is verified, bob's
    rejected by alice."""
    make_aktivitas(cast, "charlie", tanggal=dt.date(2026, 3, 9))
    make_aktivitas(cast, "dina", tanggal=dt.date(2026, 3, 6), status=domain.DIVERIFIKASI)
    make_aktivitas(cast, "bob", tanggal=dt.date(2026, 3, 16), status=domain.DITOLAK)
    make_aktivitas(cast, "gita", tanggal=dt.date(2026, 3, 9))


@pytest.mark.parametrize(
    ("sasaran", "expected"),
    [
        (SEMUA, A_STAFF),
        (BELUM, ("alice", "bob", "dina", "eko", "fajar")),
        (ATASAN, ("bob",)),
    ],
)
def test_recipients_per_sasaran_in_one_query(cast, django_assert_num_queries, sasaran, expected):
    _log_week(cast)
    with django_assert_num_queries(1):
        got = recipient_user_ids(instansi_id=cast.a.pk, sasaran=sasaran, today=WEDNESDAY)
    assert set(got) == _users(cast, *expected)


def test_recipients_leave_out_inactive_staff_and_logins(cast):
    cast.dina.aktif = False
    cast.dina.save()
    user = cast.fajar.user
    user.is_active = False
    user.save()
    got = recipient_user_ids(instansi_id=cast.a.pk, sasaran=SEMUA, today=WEDNESDAY)
    assert set(got) == _users(cast, "alice", "bob", "charlie", "eko")


def test_a_supervisor_whose_queue_is_empty_gets_no_queue_reminder(cast):
    make_aktivitas(cast, "charlie", status=domain.DIVERIFIKASI)
    make_aktivitas(cast, "bob", status=domain.DIAJUKAN)  # waits for alice
    got = recipient_user_ids(instansi_id=cast.a.pk, sasaran=ATASAN, today=WEDNESDAY)
    assert set(got) == _users(cast, "alice")


def test_the_queue_follows_the_current_supervisor(cast):
    make_aktivitas(cast, "charlie")
    cast.charlie.atasan = cast.alice
    cast.charlie.save()
    got = recipient_user_ids(instansi_id=cast.a.pk, sasaran=ATASAN, today=WEDNESDAY)
    assert set(got) == _users(cast, "alice")


def test_monday_counts_only_monday(cast):
    make_aktivitas(cast, "charlie", tanggal=dt.date(2026, 3, 6))  # last Friday
    got = recipient_user_ids(instansi_id=cast.a.pk, sasaran=BELUM, today=dt.date(2026, 3, 9))
    assert cast.charlie.user_id in got


# --- delivery -------------------------------------------------------------------------


def test_deliver_notifies_links_and_stamps(cast):
    p = make_pengingat(cast, sasaran=ATASAN, pesan="Verifikasi 100% aktivitas bawahan.")
    make_aktivitas(cast, "charlie")
    sent = tasks.deliver_reminder.call(pengingat_id=p.pk, today="2026-03-10")
    assert sent == 1
    n = Notification.objects.get()
    assert (n.recipient_id, n.kind, n.message) == (
        cast.bob.user_id,
        "reminder.atasan_antrean",
        "Verifikasi 100% aktivitas bawahan.",  # the admin's text as written
    )
    assert n.url == tasks.reminder_url(ATASAN)
    assert n.email_subject == "e-Kinerja: Catat aktivitas"
    p.refresh_from_db()
    assert (p.terakhir_dikirim, p.terakhir_jumlah) == (dt.date(2026, 3, 10), 1)
    event = AuditEvent.objects.get(action="pengingat.delivered")
    assert event.actor_id is None and event.changes == {"tanggal": "2026-03-10", "penerima": 1}


@pytest.mark.parametrize(
    ("sasaran", "url_name", "fallback"),
    [
        (SEMUA, "execution:aktivitas-mine", "/kinerja/aktivitas/"),
        (BELUM, "execution:aktivitas-mine", "/kinerja/aktivitas/"),
        (ATASAN, "execution:verifikasi-queue", "/kinerja/verifikasi/"),
    ],
)
def test_the_link_leads_to_the_day_page_or_the_queue(sasaran, url_name, fallback):
    from django.urls import NoReverseMatch, reverse

    try:
        expected = reverse(url_name)
    except NoReverseMatch:
        expected = fallback
    assert tasks.reminder_url(sasaran) == expected


def test_a_second_delivery_the_same_day_sends_nothing(cast, django_assert_max_num_queries):
    p = make_pengingat(cast)
    assert tasks.deliver_reminder.call(pengingat_id=p.pk, today="2026-03-10") == 6
    # savepoint, the claim that finds nothing to change, release
    with django_assert_max_num_queries(3):
        assert tasks.deliver_reminder.call(pengingat_id=p.pk, today="2026-03-10") == 0
    assert Notification.objects.count() == 6
    assert tasks.deliver_reminder.call(pengingat_id=p.pk, today="2026-03-11") == 6


def test_a_switched_off_or_deleted_reminder_is_not_delivered_by_the_schedule(cast):
    p = make_pengingat(cast, aktif=False)
    assert tasks.deliver_reminder.call(pengingat_id=p.pk, today="2026-03-10") == 0
    assert tasks.deliver_reminder.call(pengingat_id=p.pk + 100, today="2026-03-10") == 0
    assert not Notification.objects.exists()


def test_a_big_reminder_goes_in_chunks_with_a_bounded_number_of_queries(
    cast, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(tasks, "CHUNK", 2)
    p = make_pengingat(cast)
    # savepoint, claim, load, recipients, 3 × (users + insert), count, audit, release
    with django_assert_max_num_queries(13):
        assert tasks.deliver_reminder.call(pengingat_id=p.pk, today="2026-03-10") == 6
    assert sorted(_notified(p)) == sorted(_users(cast, *A_STAFF))


def test_email_only_for_those_who_want_it(cast, mailoutbox, django_capture_on_commit_callbacks):
    user = cast.charlie.user
    user.email_notifications = False
    user.save()
    p = make_pengingat(cast, nama="Log harian")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.deliver_reminder.call(pengingat_id=p.pk, today="2026-03-10")
    assert Notification.objects.filter(recipient_id=user.pk).exists()  # in-app still
    to = sorted(m.to[0] for m in mailoutbox)
    assert to == sorted(f"{w}@example.go.id" for w in A_STAFF if w != "charlie")
    assert {m.subject for m in mailoutbox} == {"e-Kinerja: Log harian"}


# --- the schedule, in each agency's time zone ------------------------------------------


def _set_zone(instansi, zona: str) -> None:
    instansi.zona_waktu = zona
    instansi.save(update_fields=["zona_waktu"])


def test_a_wita_agency_at_three_in_the_afternoon(cast):
    _set_zone(cast.a, "Asia/Makassar")  # WITA, UTC+8
    wita = make_pengingat(cast, jam="15:00")
    wib = make_pengingat(cast, instansi=cast.b, jam="15:00")  # Kota Beta stays WIB

    early = tasks.send_due_reminders.call(now="2026-03-10T06:59:00+00:00")  # 14:59 WITA
    assert early == {"checked": 2, "due": 0, "sent": 0}

    at_three = tasks.send_due_reminders.call(now="2026-03-10T07:00:00+00:00")  # 15:00 WITA
    assert at_three["due"] == 1  # 14:00 in WIB: Beta waits
    wita.refresh_from_db()
    wib.refresh_from_db()
    assert (wita.terakhir_dikirim, wita.terakhir_jumlah) == (dt.date(2026, 3, 10), 6)
    assert wib.terakhir_dikirim is None

    later = tasks.send_due_reminders.call(now=TUESDAY_0800Z)  # 15:00 WIB
    assert later["due"] == 1
    wib.refresh_from_db()
    assert (wib.terakhir_dikirim, wib.terakhir_jumlah) == (dt.date(2026, 3, 10), 1)


def test_the_local_date_decides_the_day(cast):
    """Monday 07:00 in WIT is still Sunday in UTC: a working-day reminder goes, stamped
    with the local Monday."""
    _set_zone(cast.a, "Asia/Jayapura")  # WIT, UTC+9
    p = make_pengingat(cast, jam="07:00")
    result = tasks.send_due_reminders.call(now="2026-03-08T22:00:00+00:00")
    assert result["due"] == 1
    p.refresh_from_db()
    assert p.terakhir_dikirim == dt.date(2026, 3, 9)


def test_day_of_month_and_weekends(cast):
    monthly = make_pengingat(cast, hari=10, jam="09:00")
    workday = make_pengingat(cast, hari=0, jam="09:00")
    saturday = tasks.send_due_reminders.call(now="2026-03-14T03:00:00+00:00")
    assert saturday["due"] == 0
    tuesday_10th = tasks.send_due_reminders.call(now="2026-03-10T03:00:00+00:00")
    assert tuesday_10th["due"] == 2
    monthly.refresh_from_db()
    workday.refresh_from_db()
    assert monthly.terakhir_dikirim == workday.terakhir_dikirim == dt.date(2026, 3, 10)


def test_a_rerun_the_same_day_sends_nothing_twice(cast):
    make_pengingat(cast)
    first = tasks.send_due_reminders.call(now=TUESDAY_0800Z)
    again = tasks.send_due_reminders.call(now="2026-03-10T08:15:00+00:00")
    assert (first["due"], again["due"]) == (1, 0)
    assert Notification.objects.count() == 6


def test_switched_off_reminders_and_inactive_agencies_are_skipped(cast):
    make_pengingat(cast, aktif=False)
    make_pengingat(cast, instansi=cast.b)
    cast.b.aktif = False
    cast.b.save(update_fields=["aktif"])
    assert tasks.send_due_reminders.call(now=TUESDAY_0800Z) == {
        "checked": 0,
        "due": 0,
        "sent": 0,
    }


def test_inline_run_reports_what_it_sent(cast):
    make_pengingat(cast)
    result = tasks.send_due_reminders.call(now=TUESDAY_0800Z, inline=True)
    assert result == {"checked": 1, "due": 1, "sent": 6}


def test_the_check_runs_through_the_task_backend(cast):
    make_pengingat(cast)
    result = tasks.send_due_reminders.enqueue(now=TUESDAY_0800Z)
    assert result.status == "SUCCESSFUL", result.errors
    assert result.return_value == {"checked": 1, "due": 1, "sent": 0}  # delivered by its own task
    assert Notification.objects.count() == 6


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        tasks.send_due_reminders.call(now="2026-03-10T08:00:00")


# --- "send now" -----------------------------------------------------------------------


def test_send_now_delivers_after_the_commit_once_a_day(cast, django_capture_on_commit_callbacks):
    p = make_pengingat(cast, aktif=False, hari=27)  # off, and not its day: sent anyway
    eko = cast.actor("eko")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.pengingat_send(actor=eko, pengingat_id=p.pk)
    assert not Notification.objects.exists()  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    p.refresh_from_db()
    assert (p.terakhir_dikirim, p.terakhir_jumlah) == (local_today(eko), 6)
    assert AuditEvent.objects.filter(action="pengingat.send", actor=cast.eko.user).count() == 1
    with pytest.raises(ValidationError, match="sudah dikirim hari ini kepada 6 penerima"):
        services.pengingat_send(actor=eko, pengingat_id=p.pk)
    assert Notification.objects.count() == 6


def test_the_schedule_does_not_repeat_what_was_sent_now(cast, django_capture_on_commit_callbacks):
    p = make_pengingat(cast, jam="00:00")
    with django_capture_on_commit_callbacks(execute=True):
        services.pengingat_send(actor=cast.actor("eko"), pengingat_id=p.pk)
    p.refresh_from_db()
    assert tasks.deliver_reminder.call(pengingat_id=p.pk, today=str(p.terakhir_dikirim)) == 0
    assert Notification.objects.count() == 6


# --- the management command -----------------------------------------------------------


def test_command_now_checks_and_delivers_inline(cast):
    make_pengingat(cast)
    out = StringIO()
    call_command("send_reminders", "--now", "--at", TUESDAY_0800Z, stdout=out)
    assert "diperiksa: 1, jatuh waktu: 1, notifikasi: 6" in out.getvalue()
    assert Notification.objects.count() == 6


def test_command_queues_the_check(cast):
    make_pengingat(cast)
    out = StringIO()
    call_command("send_reminders", "--at", TUESDAY_0800Z, stdout=out)
    assert "antrean" in out.getvalue()
    # Under the test settings the queue runs at once (ImmediateBackend).
    assert Notification.objects.count() == 6


def test_command_without_a_due_reminder_sends_nothing(cast):
    make_pengingat(cast, jam="23:59")
    out = StringIO()
    call_command("send_reminders", "--now", "--at", TUESDAY_0800Z, stdout=out)
    assert "jatuh waktu: 0" in out.getvalue() and not Notification.objects.exists()


@pytest.mark.parametrize("at", ["kemarin", "2026-03-10T08:00:00"])
def test_command_refuses_a_bad_time(db, at):
    with pytest.raises(CommandError):
        call_command("send_reminders", "--now", "--at", at, stdout=StringIO())
