"""Throttling of logins (and of password-reset requests), stored in the database so it
holds across app processes and restarts (docs/decisions/0005).

A failed login counts against the pair *account + address* — or, when the browser
carries a trusted-device cookie for that account (it logged in to it before), against
*account + that browser* only. After `LOGIN_MAX_FAILURES` free failures each further one
makes the pair wait, one minute at first and doubling up to `LOGIN_LOCKOUT_MINUTES`. So:

- knowing someone's NIP no longer locks them out: the owner at another address, or in
  a browser they have used before, still gets in with the right password;
- an address that sprays many accounts (`LOGIN_MAX_FAILURES_PER_IP` failures in an
  hour) is slowed down the same way, except for browsers known to the account being
  tried — a whole office behind one gateway keeps working;
- an account attacked from many addresses (`LOGIN_MAX_FAILURES_PER_ACCOUNT` failures in
  a day) gives each address only one free failure, while an address that has not
  failed still gets in with the right password.
Admins see and lift locks on the "Kunci masuk" page (core.views.locks).
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.core import signing
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import LoginFailure

# Failures older than this no longer count (and are pruned).
FAILURE_WINDOW = dt.timedelta(hours=24)
# An address's failures across accounts are counted over this window.
ADDRESS_WINDOW = dt.timedelta(hours=1)
# Password-reset requests are counted over this window.
RESET_WINDOW = dt.timedelta(hours=1)

DEVICE_COOKIE = "ekinerja_perangkat"
DEVICE_SALT = "ekinerja.core.ratelimit.device"
DEVICE_MAX_AGE = 400 * 24 * 60 * 60  # about a year; browsers cap cookies at 400 days
DEVICE_MAX_ACCOUNTS = 10  # a shared office computer remembers this many accounts


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may go ahead now, and if not, how long to wait."""

    wait_seconds: int = 0

    @property
    def allowed(self) -> bool:
        return self.wait_seconds <= 0

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.wait_seconds / 60))


def delay_seconds(failures: int, *, free: int, cap_minutes: int) -> int:
    """The wait after `failures` failures of which `free` cost nothing: 1 minute after
    the first paid failure, doubling each time, never more than `cap_minutes`."""
    if failures < free:
        return 0
    return min(60 * 2 ** min(failures - free, 20), cap_minutes * 60)


def normalize(username: str) -> str:
    return username.strip().lower()[:254]


def _remaining(delay: int, last: dt.datetime | None, now: dt.datetime) -> int:
    if not delay or last is None:
        return 0
    return max(0, math.ceil((last + dt.timedelta(seconds=delay) - now).total_seconds()))


def _logins(now: dt.datetime) -> QuerySet[LoginFailure]:
    return LoginFailure.objects.filter(
        scope=LoginFailure.Scope.LOGIN, created_at__gte=now - FAILURE_WINDOW
    )


def check(
    username: str, ip: str | None, device: str = "", *, now: dt.datetime | None = None
) -> Verdict:
    """May `username` try to log in from `ip` (in the browser `device`) now?"""
    now = now or timezone.now()
    name = normalize(username)
    cap = settings.LOGIN_LOCKOUT_MINUTES
    free = settings.LOGIN_MAX_FAILURES
    if name and device:
        row = (
            _logins(now)
            .filter(username=name, device=device)
            .aggregate(n=Count("id"), last=Max("created_at"))
        )
        wait = delay_seconds(row["n"], free=free, cap_minutes=cap)
        return Verdict(_remaining(wait, row["last"], now))
    waits = [0]
    if name:
        pair = Q(ip=ip) if ip else Q(ip__isnull=True)
        row = (
            _logins(now)
            .filter(username=name, device="")
            .aggregate(
                total=Count("id"),
                n=Count("id", filter=pair),
                last=Max("created_at", filter=pair),
            )
        )
        if row["total"] >= settings.LOGIN_MAX_FAILURES_PER_ACCOUNT:
            free = 1
        wait = delay_seconds(row["n"], free=free, cap_minutes=cap)
        waits.append(_remaining(wait, row["last"], now))
    if ip:
        row = (
            _logins(now)
            .filter(ip=ip, device="", created_at__gte=now - ADDRESS_WINDOW)
            .aggregate(n=Count("id"), last=Max("created_at"))
        )
        wait = delay_seconds(row["n"], free=settings.LOGIN_MAX_FAILURES_PER_IP, cap_minutes=cap)
        waits.append(_remaining(wait, row["last"], now))
    return Verdict(max(waits))


def _prune(now: dt.datetime) -> None:
    # Rows older than the window can no longer slow anyone down: drop them here (an
    # indexed range delete) so the table stays small without a separate clean-up job.
    LoginFailure.objects.filter(created_at__lt=now - FAILURE_WINDOW).delete()


def record_failure(
    username: str, ip: str | None, device: str = "", *, now: dt.datetime | None = None
) -> Verdict:
    """Count one failed login; returns the wait it leaves behind."""
    now = now or timezone.now()
    _prune(now)
    row = LoginFailure.objects.create(username=normalize(username), ip=ip, device=device)
    return check(username, ip, device, now=max(now, row.created_at))


def clear_failures(username: str) -> None:
    """A successful login (or a new password) wipes the account's failures."""
    LoginFailure.objects.filter(
        scope=LoginFailure.Scope.LOGIN, username=normalize(username)
    ).delete()


def failures_for(username: str, *, now: dt.datetime | None = None) -> int:
    """Failures for a username inside the window, from every address."""
    return _logins(now or timezone.now()).filter(username=normalize(username)).count()


# --- password-reset requests ----------------------------------------------------------


def reset_request_allowed(email: str, ip: str | None, *, now: dt.datetime | None = None) -> bool:
    """Record a password-reset request and say whether it may send mail: at most
    `PASSWORD_RESET_MAX_PER_EMAIL` per address typed and `PASSWORD_RESET_MAX_PER_IP` per
    client address within an hour. Every request counts, sent or not."""
    now = now or timezone.now()
    name = normalize(email)
    since = now - RESET_WINDOW
    recent = LoginFailure.objects.filter(scope=LoginFailure.Scope.RESET, created_at__gte=since)
    row = recent.aggregate(
        by_email=Count("id", filter=Q(username=name)),
        by_ip=Count("id", filter=Q(ip=ip) if ip else Q(ip__isnull=True)),
    )
    _prune(now)
    LoginFailure.objects.create(scope=LoginFailure.Scope.RESET, username=name, ip=ip)
    return (
        row["by_email"] < settings.PASSWORD_RESET_MAX_PER_EMAIL
        and row["by_ip"] < settings.PASSWORD_RESET_MAX_PER_IP
    )


# --- the trusted-device cookie --------------------------------------------------------


def _device_payload(request: HttpRequest) -> dict | None:
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("d"), str):
        return None
    if not isinstance(data.get("u"), list):
        return None
    return data


def device_for(request: HttpRequest | None, username: str) -> str:
    """The browser's device id if it has logged in to `username` before, else ""."""
    if request is None:
        return ""
    data = _device_payload(request)
    if data is None or normalize(username) not in data["u"]:
        return ""
    return data["d"][:32]


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a successful login: this browser is now known to `username`."""
    data = _device_payload(request) or {"d": secrets.token_hex(16), "u": []}
    name = normalize(username)
    accounts = [u for u in data["u"] if u != name][-(DEVICE_MAX_ACCOUNTS - 1) :] + [name]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps({"d": data["d"], "u": accounts}, salt=DEVICE_SALT, compress=True),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def client_ip(request: HttpRequest) -> str | None:
    # Behind nginx the real address is the first X-Forwarded-For hop; trust it only
    # when deployed behind our proxy (docs/deploy.md).
    if settings.BEHIND_PROXY:
        fwd = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if fwd:
            return fwd.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


# --- who is slowed down now (the "Kunci masuk" page) ----------------------------------


@dataclass(frozen=True)
class AccountLock:
    """Failures of one account from one address (or one known browser)."""

    username: str
    ip: str | None
    device: str
    failures: int
    last: dt.datetime
    wait_seconds: int

    @property
    def wait_minutes(self) -> int:
        return Verdict(self.wait_seconds).minutes


@dataclass(frozen=True)
class AddressLock:
    ip: str
    failures: int
    last: dt.datetime
    wait_seconds: int

    @property
    def wait_minutes(self) -> int:
        return Verdict(self.wait_seconds).minutes


LOCKS_SHOWN = 300


def account_locks(
    *, usernames: QuerySet | None = None, now: dt.datetime | None = None
) -> list[AccountLock]:
    """Account + address (or browser) pairs that wait now or will on their next
    failure, newest first; `usernames` (a values() queryset) limits them to one
    agency's accounts. One query."""
    now = now or timezone.now()
    qs = _logins(now)
    if usernames is not None:
        qs = qs.filter(username__in=usernames)
    groups = list(
        qs.values("username", "ip", "device")
        .annotate(n=Count("id"), last=Max("created_at"))
        .order_by("-last")[: LOCKS_SHOWN * 4]
    )
    totals: dict[str, int] = {}
    for g in groups:
        if not g["device"]:
            totals[g["username"]] = totals.get(g["username"], 0) + g["n"]
    cap = settings.LOGIN_LOCKOUT_MINUTES
    out = []
    for g in groups:
        free = settings.LOGIN_MAX_FAILURES
        if not g["device"] and totals[g["username"]] >= settings.LOGIN_MAX_FAILURES_PER_ACCOUNT:
            free = 1
        if g["n"] < free:
            continue
        wait = _remaining(delay_seconds(g["n"], free=free, cap_minutes=cap), g["last"], now)
        out.append(
            AccountLock(
                username=g["username"],
                ip=g["ip"],
                device=g["device"],
                failures=g["n"],
                last=g["last"],
                wait_seconds=wait,
            )
        )
    return out[:LOCKS_SHOWN]


def address_locks(
    *, usernames: QuerySet | None = None, now: dt.datetime | None = None
) -> list[AddressLock]:
    """Addresses slowed down for browsers unknown to the account tried; `usernames`
    limits them to addresses that failed on one agency's accounts. One query."""
    now = now or timezone.now()
    qs = _logins(now).filter(device="", ip__isnull=False, created_at__gte=now - ADDRESS_WINDOW)
    if usernames is not None:
        qs = qs.filter(ip__in=_logins(now).filter(username__in=usernames).values("ip"))
    rows = (
        qs.values("ip")
        .annotate(n=Count("id"), last=Max("created_at"))
        .filter(n__gte=settings.LOGIN_MAX_FAILURES_PER_IP)
        .order_by("-last")[:LOCKS_SHOWN]
    )
    cap = settings.LOGIN_LOCKOUT_MINUTES
    return [
        AddressLock(
            ip=cast(str, r["ip"]),  # ip__isnull=False above
            failures=r["n"],
            last=r["last"],
            wait_seconds=_remaining(
                delay_seconds(r["n"], free=settings.LOGIN_MAX_FAILURES_PER_IP, cap_minutes=cap),
                r["last"],
                now,
            ),
        )
        for r in rows
    ]


def lift_account(username: str) -> int:
    deleted, _ = LoginFailure.objects.filter(
        scope=LoginFailure.Scope.LOGIN, username=normalize(username)
    ).delete()
    return deleted


def lift_address(ip: str) -> int:
    deleted, _ = LoginFailure.objects.filter(
        scope=LoginFailure.Scope.LOGIN, ip=ip, device=""
    ).delete()
    return deleted
