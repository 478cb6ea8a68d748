"""Hooks of the kernel: registries through which an app answers a question that apps
below it, or beside it, ask without importing it. The same idea as org/hooks.py and
plans/hooks.py (explicit registries, not signals: CONVENTIONS.md keeps logic out of
signals): a provider is registered once, in its app's AppConfig.ready(), and
registering it again is a no-op.

--- The day status (issue 12 item 5) ---------------------------------------------------

What kind of day a date is for a pegawai: a holiday, a leave day, or (no answer) a
working day. Holidays and leave belong to the attendance app (CONVENTIONS: attendance
← org), while the activity log of execution flags activities on such days for the
supervisor (execution.domain.ANOMALI_HARI_LIBUR / ANOMALI_CUTI). Neither may import the
other, so the question lives here, in core, which both import:

    from ekinerja.core import hooks
    hooks.register_day_status(my_provider)  # attendance, in AttendanceConfig.ready()
    hooks.day_status(instansi_id=…, pegawai_id=…, dates=…)  # execution

A provider is `(instansi_id, pegawai_id, dates) -> {date: HARI_LIBUR | HARI_CUTI}` and
answers for all the dates in one or two queries. With no provider registered (today),
no day is a holiday or a leave day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

# What a day-status provider may say about a day.
HARI_LIBUR = "libur"
HARI_CUTI = "cuti"

DayStatusProvider = Callable[[int, int, list[dt.date]], dict[dt.date, str]]

_day_status_providers: list[DayStatusProvider] = []


def register_day_status(provider: DayStatusProvider) -> DayStatusProvider:
    """Register `provider` once. Returns it, so it works as a decorator."""
    if provider not in _day_status_providers:
        _day_status_providers.append(provider)
    return provider


def unregister_day_status(provider: DayStatusProvider) -> None:
    if provider in _day_status_providers:
        _day_status_providers.remove(provider)


def day_status_providers() -> tuple[DayStatusProvider, ...]:
    return tuple(_day_status_providers)


def day_status(
    *, instansi_id: int, pegawai_id: int, dates: Iterable[dt.date]
) -> dict[dt.date, str]:
    """{date: HARI_LIBUR or HARI_CUTI} for the dates that are not working days; a holiday
    wins over leave when two providers disagree."""
    wanted = sorted(set(dates))
    out: dict[dt.date, str] = {}
    if not wanted:
        return out
    for provider in tuple(_day_status_providers):
        for day, status in provider(instansi_id, pegawai_id, wanted).items():
            if status == HARI_LIBUR or day not in out:
                out[day] = status
    return out
