"""The attendance hook: what the activity log asks about a pegawai's days.

Activities on a holiday or during leave are flagged for the supervisor
(domain.ANOMALI_HARI_LIBUR / ANOMALI_CUTI). Holidays and leave live in the attendance
app, which comes after execution in the dependency order (CONVENTIONS: attendance ←
org), so execution cannot import it. Instead attendance registers a provider here in
its AppConfig.ready():

    from ekinerja.execution import hooks
    hooks.register_day_status(my_provider)

A provider is `(instansi_id, pegawai_id, dates) -> {date: domain.HARI_LIBUR |
domain.HARI_CUTI}` and answers for all the dates in one or two queries. With no
provider registered (today), no day is a holiday or a leave day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from . import domain

DayStatusProvider = Callable[[int, int, list[dt.date]], dict[dt.date, str]]

_providers: list[DayStatusProvider] = []


def register_day_status(provider: DayStatusProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister_day_status(provider: DayStatusProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def day_status(
    *, instansi_id: int, pegawai_id: int, dates: Iterable[dt.date]
) -> dict[dt.date, str]:
    """{date: HARI_LIBUR or HARI_CUTI} for the dates that are not working days; a holiday
    wins over leave when two providers disagree."""
    wanted = sorted(set(dates))
    out: dict[dt.date, str] = {}
    if not wanted:
        return out
    for provider in _providers:
        for day, status in provider(instansi_id, pegawai_id, wanted).items():
            if status == domain.HARI_LIBUR or day not in out:
                out[day] = status
    return out
