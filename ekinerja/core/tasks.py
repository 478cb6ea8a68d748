"""Background jobs of the core app (django-tasks; the database backend by default, run by
`manage.py db_worker`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from . import siteurl
from .models import Notification
from .notify import email_address

log = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    """Links in an email need the site's address; without SITE_URL the path is given
    (and a warning is logged once: core.siteurl)."""
    return siteurl.absolute(path)


@task()
def send_notification_emails(*, notification_ids: list[int]) -> dict[str, int]:
    """Email the given notifications to recipients who want email and have an address.

    The preference is checked again here, so switching email off stops what is already
    queued. A sent notification is stamped `emailed_at` and never sent twice. A mail
    server that refuses one message is logged and the others still go; nothing here
    can undo or fail the action that caused the notification.
    """
    rows = list(
        Notification.objects.filter(
            pk__in=notification_ids,
            emailed_at__isnull=True,
            recipient__is_active=True,
            recipient__email_notifications=True,
        )
        .select_related("recipient", "recipient__pegawai")
        .order_by("pk")
    )
    outgoing: list[tuple[int, EmailMessage]] = []
    with translation.override(settings.LANGUAGE_CODE):
        settings_url = _absolute(reverse("core:notification-settings"))
        for n in rows:
            address = email_address(n.recipient)
            if not address:
                continue
            body = render_to_string(
                "core/email/notification.txt",
                {"n": n, "link": _absolute(n.url), "settings_url": settings_url},
            )
            subject = n.email_subject or n.message[:120]
            outgoing.append((n.pk, EmailMessage(subject, body, to=[address])))
    result = {"sent": 0, "failed": 0, "skipped": len(notification_ids) - len(outgoing)}
    if not outgoing:
        return result
    try:
        connection = get_connection()
        connection.open()
    except Exception:
        log.exception("notification emails: cannot reach the mail server")
        result["failed"] = len(outgoing)
        return result
    sent: list[int] = []
    try:
        for pk, message in outgoing:
            message.connection = connection
            try:
                if message.send():
                    sent.append(pk)
            except Exception:
                log.exception("notification %s: email not sent", pk)
    finally:
        try:
            connection.close()
        except Exception:
            log.exception("notification emails: closing the mail connection failed")
    Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
    result["sent"] = len(sent)
    result["failed"] = len(outgoing) - len(sent)
    return result
