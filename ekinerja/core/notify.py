"""Notifications: an in-app list per user, and email after the action commits.

Any app's service tells people about something with `notify` (one message to some
users) or `notify_many` (several messages in one go, e.g. a supervisor's bulk approval):
both are called inside the service's transaction, write the in-app rows with one
`bulk_create`, and hand the emails to a background task on commit
(`core.tasks.send_notification_emails`, run by `manage.py db_worker`). Email goes only to
users who kept `User.email_notifications` on and have an address (their login's, else
their Pegawai record's). Sending email never breaks the action that caused it: the task
runs after the commit, and its failures are logged, not raised.

The message is rendered in Indonesian, the language of record (LANGUAGE_CODE), whatever
language the actor happens to browse in: pass it as a gettext_lazy text with named
placeholders and the values in `params`, which are stored with the row.

This module also holds the reads and writes behind the notification pages (the list,
the unread badge, opening one, marking all read, the email preference).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import audit
from .access import require_instansi
from .models import Notification, User
from .roles import Actor

log = logging.getLogger(__name__)

# Notifications per email task: a reminder to a whole province (27,000 staff) becomes
# several small jobs instead of one huge argument list.
EMAIL_BATCH = 500
# The navbar badge counts at most this many, then shows "99+".
BADGE_CAP = 99
PAGE_SIZE = 25

Recipient = User | int | None
Text = str | Promise


@dataclass(frozen=True)
class Note:
    """One message for `notify_many`: the same text to each of `recipients` (users or
    user ids; None is skipped, so `pegawai.user_id` can be passed as it is)."""

    recipients: Iterable[Recipient]
    kind: str
    message: Text
    url: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    email_subject: Text | None = None


# --- sending --------------------------------------------------------------------------


def notify(
    *,
    recipients: Iterable[Recipient],
    kind: str,
    message: Text,
    url: str,
    instansi_id: int,
    email_subject: Text | None = None,
    params: Mapping[str, Any] | None = None,
    email: bool = True,
) -> list[Notification]:
    """Tell `recipients` (users of `instansi_id`) `message`, linking to the local `url`.
    `email=False`: in the app only (the caller has already mailed the person)."""
    note = Note(
        recipients=recipients,
        kind=kind,
        message=message,
        url=url,
        params=params or {},
        email_subject=email_subject,
    )
    return notify_many(instansi_id=instansi_id, notes=[note], email=email)


def notify_many(
    *, instansi_id: int, notes: Iterable[Note], email: bool = True
) -> list[Notification]:
    """Create the in-app rows of all `notes` with one query for the recipients and one
    bulk insert, then queue their emails when the transaction commits.

    Recipients outside `instansi_id` or inactive are skipped: a notification never
    crosses agencies. Duplicate recipients of one note get one row.
    """
    notes = list(notes)
    wanted = {uid for note in notes for uid in _user_ids(note.recipients)}
    if not wanted:
        return []
    wants_email = dict(
        User.objects.filter(pk__in=wanted, instansi_id=instansi_id, is_active=True).values_list(
            "pk", "email_notifications"
        )
    )
    rows: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        for note in notes:
            if note.url and not is_local_url(note.url):
                raise ValueError(f"notification url must be a local path: {note.url!r}")
            params = {k: _plain(v) for k, v in note.params.items()}
            message = _render(note.message, params)
            subject = (
                _render(note.email_subject, params)
                if note.email_subject
                else _("e-Kinerja: %(pesan)s") % {"pesan": Truncator(message).chars(120)}
            )
            for uid in dict.fromkeys(_user_ids(note.recipients)):
                if uid not in wants_email:
                    continue
                rows.append(
                    Notification(
                        instansi_id=instansi_id,
                        recipient_id=uid,
                        kind=note.kind,
                        params=params,
                        message=message,
                        email_subject=subject[:200],
                        url=note.url,
                    )
                )
    created = Notification.objects.bulk_create(rows, batch_size=1000)
    email_ids = [n.pk for n in created if email and wants_email[n.recipient_id]]
    if email_ids:
        # robust: an error while queueing is logged and never reaches the user, whose
        # action has already been committed.
        transaction.on_commit(lambda: enqueue_emails(email_ids), robust=True)
    return created


def enqueue_emails(notification_ids: list[int]) -> None:
    """Queue the email task in batches; a failure is logged, the rest still go."""
    from .tasks import send_notification_emails

    for start in range(0, len(notification_ids), EMAIL_BATCH):
        chunk = notification_ids[start : start + EMAIL_BATCH]
        try:
            send_notification_emails.enqueue(notification_ids=chunk)
        except Exception:
            log.exception("could not queue notification emails %s…", chunk[:5])


def email_address(user: User) -> str:
    """Where a user's notification email goes: the login's own address, else the one on
    their Pegawai record (staff imported from HR data usually have only that)."""
    if user.email:
        return user.email
    try:
        pegawai = user.pegawai
    except User.pegawai.RelatedObjectDoesNotExist:
        return ""
    return (pegawai.email if pegawai is not None else "") or ""


def is_local_url(url: str) -> bool:
    """A path on this site ("/skp/12/"), never another host: no scheme, no "//host",
    no backslash or control-character tricks that browsers read as another host."""
    if not url.startswith("/") or url.startswith(("//", "/\\")):
        return False
    if any(unicodedata.category(ch)[0] == "C" for ch in url):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def _user_ids(recipients: Iterable[Recipient]) -> list[int]:
    out = []
    for r in recipients:
        if r is None:
            continue
        out.append(r.pk if isinstance(r, User) else int(r))
    return out


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def _render(text: Text, params: Mapping[str, Any]) -> str:
    return str(text) % params if params else str(text)


# --- the pages: reads -----------------------------------------------------------------


def notification_list(*, actor: Actor) -> QuerySet[Notification]:
    """The actor's own notifications, newest first; nobody else's."""
    actor = require_instansi(actor)
    return Notification.objects.filter(
        instansi_id=actor.instansi_id, recipient_id=actor.user.pk
    ).order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    """Unread notifications of `user`, counted up to BADGE_CAP + 1 (one indexed query
    whose cost does not grow with a backlog of thousands of reminders)."""
    if not user.is_authenticated or not user.instansi_id:
        return 0
    unread = Notification.objects.filter(
        instansi_id=user.instansi_id, recipient_id=user.pk, read_at__isnull=True
    )
    return unread.values("pk")[: BADGE_CAP + 1].count()


def access_notification(*, actor: Actor, id: int) -> Notification:
    """A notification of the actor's instansi addressed to the actor. Another agency's
    is a 404; a colleague's is a 403."""
    actor = require_instansi(actor)
    found = Notification.objects.filter(instansi_id=actor.instansi_id, pk=id).first()
    if found is None:
        raise Http404(_("Notifikasi tidak ditemukan."))
    if found.recipient_id != actor.user.pk:
        raise PermissionDenied(_("Notifikasi ini ditujukan kepada pengguna lain."))
    return found


# --- the pages: writes ----------------------------------------------------------------


def notification_open(*, actor: Actor, id: int) -> Notification:
    """Mark one notification read (once) and return it."""
    found = access_notification(actor=actor, id=id)
    if found.read_at is None:
        now = timezone.now()
        Notification.objects.filter(
            instansi_id=found.instansi_id, pk=found.pk, read_at__isnull=True
        ).update(read_at=now)
        found.read_at = now
    return found


def notifications_mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    actor = require_instansi(actor)
    return Notification.objects.filter(
        instansi_id=actor.instansi_id, recipient_id=actor.user.pk, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def notification_settings_update(*, actor: Actor, email_notifications: bool) -> User:
    """Switch the actor's notification email on or off (in-app notifications stay)."""
    actor = require_instansi(actor)
    user = User.objects.select_for_update().get(pk=actor.user.pk)
    old = user.email_notifications
    if old != email_notifications:
        user.email_notifications = email_notifications
        user.save(update_fields=["email_notifications"])
        audit.record(
            actor=user,
            action="user.notifications_update",
            obj=user,
            instansi_id=user.instansi_id,
            changes={"email_notifications": [old, email_notifications]},
        )
    actor.user.email_notifications = email_notifications
    return user
