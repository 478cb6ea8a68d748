"""Punches and the attendance day they belong to (rules §9): the verify states, which
scheduled day a punch counts for (a shift's attendance date is its start date, so a
punch after midnight belongs to the shift that started the day before), duplicates
within a minute, and the first check-in / last check-out of a day.

A punch here is already an instant (aware datetime): a device's wall-clock time has
been read in the device's registered zone, a phone check-in carries the server's time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .schedule import ScheduledDay

# --- verify states (ZKTeco attlog; rules §9) ----------------------------------------------

IN = 0
OUT = 1
BREAK_OUT = 2
BREAK_IN = 3
OVERTIME_IN = 4
OVERTIME_OUT = 5
UNDEFINED = 255

# States that never make a check-in or check-out: breaks and overtime. Any other value
# than these and IN/OUT (255, or a code a device invents) is read as undefined.
_NOT_ATTENDANCE = frozenset({BREAK_OUT, BREAK_IN, OVERTIME_IN, OVERTIME_OUT})


def reads_as_undefined(state: int) -> bool:
    """255 is undefined (rules §9); so is any state outside 0–5."""
    return state not in (IN, OUT) and state not in _NOT_ATTENDANCE


@dataclass(frozen=True)
class Punch:
    """One punch as an instant: `source` says where it came from (a device serial, the
    phone, an approved correction) and `ref` identifies the stored raw record."""

    at: dt.datetime
    state: int = UNDEFINED
    source: str = ""
    ref: str = ""

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("a punch needs an aware datetime (read in the device's zone)")

    @property
    def undefined(self) -> bool:
        return reads_as_undefined(self.state)


# --- duplicates within a minute ---------------------------------------------------------

DUPLICATE_WITHIN = dt.timedelta(minutes=1)


def _same_kind(a: Punch, b: Punch) -> bool:
    return a.state == b.state or a.undefined or b.undefined


def is_duplicate(
    previous: Punch | None, new: Punch, within: dt.timedelta = DUPLICATE_WITHIN
) -> bool:
    """A second press within a minute of the previous one of the same kind (or of an
    undefined state) adds nothing (issue 13: two check-ins within a minute)."""
    if previous is None:
        return False
    return abs(new.at - previous.at) < within and _same_kind(previous, new)


def collapse_duplicates(
    punches: Sequence[Punch], within: dt.timedelta = DUPLICATE_WITHIN
) -> tuple[tuple[Punch, ...], tuple[Punch, ...]]:
    """(kept, dropped), in time order: a punch less than `within` after the last kept
    one of the same kind is dropped, the earliest of a burst is kept."""
    kept: list[Punch] = []
    dropped: list[Punch] = []
    for p in sorted(punches, key=lambda p: p.at):
        if kept and is_duplicate(kept[-1], p, within):
            dropped.append(p)
        else:
            kept.append(p)
    return tuple(kept), tuple(dropped)


# --- which day a punch belongs to -------------------------------------------------------

# A punch counts for a scheduled working day when it falls in
#   [start − BEFORE, end + AFTER)
# of that day's scheduled hours; a shift's window is anchored on its start date, so a
# punch after midnight inside the window of a shift that started the day before belongs
# to that day. Where two days' windows overlap (a night shift followed by an early
# shift) they are cut at the midpoint between the first's end and the second's start.
DEFAULT_BEFORE = dt.timedelta(hours=4)
DEFAULT_AFTER = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Window:
    day: dt.date
    start: dt.datetime  # inclusive
    end: dt.datetime  # exclusive


def windows(
    days: Sequence[ScheduledDay],
    *,
    before: dt.timedelta = DEFAULT_BEFORE,
    after: dt.timedelta = DEFAULT_AFTER,
) -> tuple[Window, ...]:
    """The punch windows of the working days among `days`, in order, never overlapping
    (see above). Days off have no window: punches then belong to no day."""
    working = sorted(
        (d for d in days if d.is_working and d.start is not None and d.end is not None),
        key=lambda d: d.day,
    )
    result: list[Window] = []
    for d in working:
        assert d.start is not None and d.end is not None
        result.append(Window(d.day, d.start - before, d.end + after))
    for i in range(len(result) - 1):
        first, second = result[i], result[i + 1]
        if first.end > second.start:
            end_first = working[i].end
            start_second = working[i + 1].start
            assert end_first is not None and start_second is not None
            cut = (
                end_first + (start_second - end_first) / 2
                if end_first <= start_second
                else start_second
            )
            result[i] = Window(first.day, first.start, cut)
            result[i + 1] = Window(second.day, cut, second.end)
    return tuple(result)


@dataclass(frozen=True)
class Assignment:
    """Punches per attendance date (time order) and the punches of no working day."""

    by_day: Mapping[dt.date, tuple[Punch, ...]]
    unassigned: tuple[Punch, ...]

    def on(self, day: dt.date) -> tuple[Punch, ...]:
        return self.by_day.get(day, ())


def assign_punches(
    days: Sequence[ScheduledDay],
    punches: Sequence[Punch],
    *,
    before: dt.timedelta = DEFAULT_BEFORE,
    after: dt.timedelta = DEFAULT_AFTER,
) -> Assignment:
    """Each punch to the scheduled day whose window holds it (rules §9: a shift's
    attendance date is its start date). The caller passes the scheduled days around the
    punches (include the day before the first, so an after-midnight punch finds its
    shift)."""
    wins = windows(days, before=before, after=after)
    by_day: dict[dt.date, list[Punch]] = {}
    unassigned: list[Punch] = []
    for p in sorted(punches, key=lambda p: p.at):
        for w in wins:
            if w.start <= p.at < w.end:
                by_day.setdefault(w.day, []).append(p)
                break
        else:
            unassigned.append(p)
    return Assignment({d: tuple(ps) for d, ps in by_day.items()}, tuple(unassigned))


# --- first check-in, last check-out -------------------------------------------------------


@dataclass(frozen=True)
class InOut:
    """The day's check-in and check-out; `others` are the punches that were neither
    (breaks, overtime, duplicates, punches in between), kept for the explanation."""

    check_in: Punch | None
    check_out: Punch | None
    others: tuple[Punch, ...] = ()


def select_in_out(scheduled: ScheduledDay, punches: Sequence[Punch]) -> InOut:
    """The first check-in and the last check-out of a day (rules §9):

    - break (2, 3) and overtime (4, 5) punches are neither;
    - duplicates within a minute are collapsed first (`collapse_duplicates`);
    - the check-in is the earliest IN or undefined punch, the check-out the latest OUT
      or undefined punch after the check-in (255 read as first-in/last-out);
    - a lone undefined punch is a check-in before the middle of the scheduled hours
      and a check-out from the middle on (a forgotten morning punch is not read as an
      afternoon arrival).
    """
    kept, dropped = collapse_duplicates(punches)
    relevant = [p for p in kept if p.state not in _NOT_ATTENDANCE]
    others = [p for p in kept if p.state in _NOT_ATTENDANCE] + list(dropped)
    if len(relevant) == 1 and relevant[0].undefined:
        only = relevant[0]
        if scheduled.start is not None and scheduled.end is not None:
            middle = scheduled.start + (scheduled.end - scheduled.start) / 2
            if only.at >= middle:
                return InOut(None, only, _sorted(others))
        return InOut(only, None, _sorted(others))
    ins = [p for p in relevant if p.state == IN or p.undefined]
    check_in = ins[0] if ins else None
    outs = [
        p
        for p in relevant
        if (p.state == OUT or p.undefined)
        and p is not check_in
        and (check_in is None or p.at > check_in.at)
    ]
    check_out = outs[-1] if outs else None
    chosen = {id(check_in), id(check_out)}
    others += [p for p in relevant if id(p) not in chosen]
    return InOut(check_in, check_out, _sorted(others))


def _sorted(punches: list[Punch]) -> tuple[Punch, ...]:
    return tuple(sorted(punches, key=lambda p: p.at))
