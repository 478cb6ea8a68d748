"""Background jobs of execution and coaching: the reminders the Admin Instansi schedules
(issue 4 item 6), on django-tasks (the database backend by default, run by `manage.py
db_worker`).

django-tasks has no scheduler, so something outside has to start the check:
`manage.py send_reminders`, run every 15 minutes by cron or a systemd timer, queues
`send_due_reminders`; it looks at every active reminder in its agency's local time
(Instansi.zona_waktu: WIB, WITA or WIT) and queues one `deliver_reminder` per reminder
that is due (domain.reminder_due). docs/deploy.md, "Background worker and reminders".

A reminder reaches each recipient at most once a day: `deliver_reminder` first claims
the reminder for the day with a conditional UPDATE (… WHERE terakhir_dikirim is not
today). Two workers, a check that ran twice, or "send now" racing the schedule: only the
one whose UPDATE changed the row sends; the others find nothing to claim. The claim,
the notifications and the count commit together, so a delivery that fails midway is
rolled back and tried again by the next check.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ekinerja.core import audit
from ekinerja.core.clock import DEFAULT_ZONE
from ekinerja.core.notify import Note, notify_many

from . import domain
from .models import Pengingat
from .selectors.pengingat import recipient_user_ids

log = logging.getLogger(__name__)

# Recipients per notify_many call: bounds the size of each IN (…) list and bulk insert
# for a province-wide reminder (27,000 staff); emails are batched again by core.notify.
CHUNK = 1000

# Where a reminder's notification leads: the staff member's day page, or the
# supervisor's verification queue.
_TARGET: dict[str, tuple[str, str]] = {
    Pengingat.Sasaran.SEMUA: ("execution:aktivitas-mine", "/kinerja/aktivitas/"),
    Pengingat.Sasaran.BELUM_MENCATAT: ("execution:aktivitas-mine", "/kinerja/aktivitas/"),
    Pengingat.Sasaran.ATASAN_ANTREAN: ("execution:verifikasi-queue", "/kinerja/verifikasi/"),
}


def reminder_url(sasaran: str) -> str:
    name, fallback = _TARGET[sasaran]
    try:
        return reverse(name)
    except NoReverseMatch:
        # The page is not installed (a partial deployment): the known path still works
        # as a link once it is.
        return fallback


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ValueError, KeyError):
        return ZoneInfo(DEFAULT_ZONE)


@task()
def send_due_reminders(*, now: str | None = None, inline: bool = False) -> dict[str, int]:
    """Queue the delivery of every active reminder that is due now in its agency's time
    zone. `now` (an ISO datetime with offset) replaces the clock, for tests and
    catch-up runs; `inline` delivers here instead of queueing (`send_reminders --now`)."""
    moment = dt.datetime.fromisoformat(now) if now else timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("send_due_reminders: `now` needs a UTC offset")
    rows = (
        Pengingat.objects.filter(aktif=True, instansi__aktif=True)
        .values_list("pk", "hari", "jam", "terakhir_dikirim", "instansi__zona_waktu")
        .order_by("pk")
    )
    result = {"checked": 0, "due": 0, "sent": 0}
    for pk, hari, jam, terakhir, zona in rows.iterator(chunk_size=500):
        result["checked"] += 1
        local = moment.astimezone(_zone(zona))
        if not domain.reminder_due(hari=hari, jam=jam, terakhir=terakhir, now_local=local):
            continue
        result["due"] += 1
        kwargs = {"pengingat_id": pk, "today": local.date().isoformat()}
        if inline:
            result["sent"] += deliver_reminder.call(**kwargs)
        else:
            deliver_reminder.enqueue(**kwargs)
    return result


@task()
def deliver_reminder(*, pengingat_id: int, today: str, only_active: bool = True) -> int:
    """Send one reminder for the local date `today` (ISO), once: claim it, resolve its
    recipients in one query, write the in-app notifications in chunks (their emails go
    through core.notify's batched task, to those who want email), stamp the count.
    Returns how many were notified (0 when another run already sent it today)."""
    day = dt.date.fromisoformat(today)
    with transaction.atomic():
        claim = Pengingat.objects.filter(pk=pengingat_id).exclude(terakhir_dikirim=day)
        if only_active:
            claim = claim.filter(aktif=True)
        if not claim.update(terakhir_dikirim=day, terakhir_jumlah=0):
            return 0
        pengingat = Pengingat.objects.get(pk=pengingat_id)
        user_ids = recipient_user_ids(
            instansi_id=pengingat.instansi_id, sasaran=pengingat.sasaran, today=day
        )
        url = reminder_url(pengingat.sasaran)
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("e-Kinerja: %(nama)s") % {"nama": pengingat.nama}
        sent = 0
        for start in range(0, len(user_ids), CHUNK):
            # No params: the admin's text is stored as written (a "%" in it is no
            # placeholder).
            note = Note(
                recipients=user_ids[start : start + CHUNK],
                kind=f"reminder.{pengingat.sasaran}",
                message=pengingat.pesan,
                url=url,
                email_subject=subject,
            )
            sent += len(notify_many(instansi_id=pengingat.instansi_id, notes=[note]))
        Pengingat.objects.filter(pk=pengingat.pk).update(terakhir_jumlah=sent)
        pengingat.terakhir_jumlah = sent
        audit.record(
            actor=None,
            action="pengingat.delivered",
            obj=pengingat,
            changes={"tanggal": today, "penerima": sent},
        )
    log.info("reminder %s delivered to %s on %s", pengingat_id, sent, today)
    return sent
