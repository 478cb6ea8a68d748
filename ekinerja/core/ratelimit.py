"""Login throttling: too many failures for a username (or from one address) locks
logins out for a while. Stored in the database so it holds across app processes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from .models import LoginFailure


def _since(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked_out(username: str, ip: str | None, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    since = _since(now)
    if username.strip() and failures_for(username, now=now) >= settings.LOGIN_MAX_FAILURES:
        return True
    return bool(
        ip
        and LoginFailure.objects.filter(ip=ip, created_at__gte=since).count()
        >= settings.LOGIN_MAX_FAILURES_PER_IP
    )


def failures_for(username: str, *, now: dt.datetime | None = None) -> int:
    """Failures for a username inside the current lock-out window."""
    since = _since(now or timezone.now())
    return LoginFailure.objects.filter(
        username=username.strip().lower(), created_at__gte=since
    ).count()


def record_failure(username: str, ip: str | None, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    # Rows older than a day can no longer lock anyone out: drop them here (an indexed
    # range delete) so the table stays small without a separate clean-up job.
    LoginFailure.objects.filter(created_at__lt=now - dt.timedelta(days=1)).delete()
    LoginFailure.objects.create(username=username.strip().lower()[:150], ip=ip)


def clear_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.strip().lower()).delete()


def client_ip(request: HttpRequest) -> str | None:
    # Behind nginx the real address is the first X-Forwarded-For hop; trust it only
    # when deployed behind our proxy (docs/deploy.md).
    if settings.BEHIND_PROXY:
        fwd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if fwd:
            return fwd.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")
