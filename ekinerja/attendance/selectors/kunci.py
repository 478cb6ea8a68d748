"""Month locks as the services and the TPP read them (issue 13 §9): which months are
locked, for the whole instansi or for an OPD's subtree (a lock on an OPD covers every
person whose unit lies under it)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from ekinerja.core.roles import Actor

from ..access import require_attendance_reader
from ..models import KunciBulan

Month = tuple[int, int]


def month_of(day: dt.date) -> Month:
    return (day.year, day.month)


def month_bounds(tahun: int, bulan: int) -> tuple[dt.date, dt.date]:
    return dt.date(tahun, bulan, 1), dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def months_between(first: dt.date, last: dt.date) -> list[Month]:
    out: list[Month] = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _months_q(months: Iterable[Month]) -> Q:
    q = Q(pk__in=[])
    for y, m in months:
        q |= Q(tahun=y, bulan=m)
    return q


@dataclass
class Locks:
    """The locks in force over some months: months locked for the whole instansi, and
    per month the paths of the OPD locked on their own."""

    whole: set[Month] = field(default_factory=set)
    units: dict[Month, list[str]] = field(default_factory=dict)
    rows: list[KunciBulan] = field(default_factory=list)

    def covers(self, day: dt.date, unit_path: str | None) -> bool:
        """Whether a person's `day` is locked (unit_path: the person's unit)."""
        month = month_of(day)
        if month in self.whole:
            return True
        if not unit_path:
            return False
        return any(unit_path.startswith(p) for p in self.units.get(month, ()))

    def __bool__(self) -> bool:
        return bool(self.whole or self.units)


def locks_for(instansi_id: int, first: dt.date, last: dt.date) -> Locks:
    """The locks in force for the months of `first`..`last`, in one query."""
    locks = Locks()
    rows = (
        KunciBulan.objects.filter(instansi_id=instansi_id, dibuka_pada__isnull=True)
        .filter(_months_q(months_between(first, last)))
        .select_related("unit")
    )
    for row in rows:
        locks.rows.append(row)
        if row.unit is None:
            locks.whole.add((row.tahun, row.bulan))
        else:
            locks.units.setdefault((row.tahun, row.bulan), []).append(row.unit.path)
    return locks


def _overlaps(lock: KunciBulan, unit_path: str | None) -> bool:
    if lock.unit is None or unit_path is None:
        return True
    return unit_path.startswith(lock.unit.path) or lock.unit.path.startswith(unit_path)


def lock_touching(
    instansi_id: int, first: dt.date, last: dt.date, unit_path: str | None = None
) -> KunciBulan | None:
    """A lock in force on a month of `first`..`last` that touches the unit's subtree (or
    any lock, for the whole instansi): what a write over those days must refuse."""
    for row in locks_for(instansi_id, first, last).rows:
        if _overlaps(row, unit_path):
            return row
    return None


def lock_on_dates(
    instansi_id: int, dates: Iterable[dt.date], unit_path: str | None = None
) -> KunciBulan | None:
    """A lock in force on the month of one of `dates` that touches the unit's subtree."""
    months = {month_of(d) for d in dates}
    if not months:
        return None
    first = min(dt.date(y, m, 1) for y, m in months)
    last = max(dt.date(y, m, 1) for y, m in months)
    for row in locks_for(instansi_id, first, last).rows:
        if (row.tahun, row.bulan) in months and _overlaps(row, unit_path):
            return row
    return None


def lock_from(instansi_id: int, day: dt.date, unit_path: str | None = None) -> KunciBulan | None:
    """A lock in force on the month of `day` or any later month that touches the unit's
    subtree: a rule that applies from `day` on would change those locked days."""
    rows = (
        KunciBulan.objects.filter(instansi_id=instansi_id, dibuka_pada__isnull=True)
        .filter(Q(tahun__gt=day.year) | Q(tahun=day.year, bulan__gte=day.month))
        .select_related("unit")
        .order_by("tahun", "bulan", "id")
    )
    return next((row for row in rows if _overlaps(row, unit_path)), None)


def kunci_list(*, actor: Actor, tahun: int | None = None) -> list[KunciBulan]:
    """Every lock of the instansi, reopened ones included (the history), newest first."""
    actor = require_attendance_reader(actor)
    qs = KunciBulan.objects.filter(instansi_id=actor.instansi_id)
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    return list(
        qs.select_related("unit", "dikunci_oleh", "dibuka_oleh").order_by(
            "-tahun", "-bulan", "-dikunci_pada", "-id"
        )
    )
