"""Holidays as the settings page and the month calendar read them (rules §9)."""

from __future__ import annotations

import datetime as dt

from ekinerja.core.access import require_instansi
from ekinerja.core.roles import Actor

from ..models import HariLibur


def libur_list(*, actor: Actor, tahun: int) -> list[HariLibur]:
    """The instansi's holidays of a year, by date; one query."""
    actor = require_instansi(actor)
    return list(
        HariLibur.objects.filter(
            instansi_id=actor.instansi_id,
            tanggal__range=(dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)),
        ).order_by("tanggal")
    )
