"""Local time of an instansi: datetimes are stored in UTC, and each agency's day starts
at its own midnight (WIB, WITA or WIT)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from .roles import Actor

DEFAULT_ZONE = "Asia/Jakarta"


def zone_of(actor: Actor) -> ZoneInfo:
    user = actor.user
    return ZoneInfo(user.instansi.zona_waktu if user.instansi is not None else DEFAULT_ZONE)


def local_today(actor: Actor) -> dt.date:
    """Today in the actor's instansi's time zone."""
    return timezone.localdate(timezone=zone_of(actor))


def local_now(actor: Actor) -> dt.datetime:
    return timezone.localtime(timezone=zone_of(actor))
