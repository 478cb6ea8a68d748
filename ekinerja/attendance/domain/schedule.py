"""Working time as data (rules §9, Perpres 21/2023): the weekly patterns (the Perpres
default, Ramadan hours, a unit's six-day week), shifts assigned per person per day
(which may cross midnight), holidays, schedule versions by effective date, and the one
function that says what a person's day was scheduled to be (`scheduled_day`).

Times are the instansi's local wall-clock (WIB, WITA or WIT): the caller passes the
zone and every datetime returned is aware in it. Indonesia has no daylight saving, so a
local wall-clock time maps to exactly one instant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ekinerja.core.msg import Msg, _

# --- time zones (Keppres 41/1987: WIB, WITA, WIT) ---------------------------------------

ZONES: Mapping[str, str] = {
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
}


def zone(name: str) -> ZoneInfo:
    """The zone of an instansi, given as WIB/WITA/WIT or an IANA name (Keppres 41/1987)."""
    return ZoneInfo(ZONES.get(name.upper(), name))


# --- a day's hours and a weekly pattern (Perpres 21/2023) -------------------------------


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class DayHours:
    """The hours of one working day of a pattern: start to end on the same calendar day,
    with an optional break (Perpres 21/2023 counts the 37.5 hours net of breaks). A
    schedule that crosses midnight is a `Shift`, not a pattern day."""

    start: dt.time
    end: dt.time
    break_start: dt.time | None = None
    break_end: dt.time | None = None

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"a pattern day must end after it starts: {self.start}–{self.end}")
        if (self.break_start is None) != (self.break_end is None):
            raise ValueError("a break needs both a start and an end")
        if self.break_start is not None and self.break_end is not None:
            if not self.start <= self.break_start < self.break_end <= self.end:
                raise ValueError("the break must lie inside the working hours")

    @property
    def break_minutes(self) -> int:
        if self.break_start is None or self.break_end is None:
            return 0
        return _minutes(self.break_end) - _minutes(self.break_start)

    @property
    def net_minutes(self) -> int:
        """Minutes of work, breaks excluded (Perpres 21/2023)."""
        return _minutes(self.end) - _minutes(self.start) - self.break_minutes


MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


@dataclass(frozen=True)
class WorkPattern:
    """A weekly pattern: for each weekday (Monday = 0) its hours, or None when it is not
    a working day. Agencies publish their own (Perpres 21/2023 lets them set the days and
    hours within 37.5 net hours a week); the defaults below are the spec's (rules §9)."""

    name: str
    days: tuple[DayHours | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError(f"a pattern has 7 weekdays, not {len(self.days)}")

    def hours_on(self, day: dt.date) -> DayHours | None:
        return self.days[day.weekday()]

    @property
    def weekly_net_minutes(self) -> int:
        return sum(h.net_minutes for h in self.days if h is not None)


def _t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _hours(start: str, end: str, brk: tuple[str, str] | None = None) -> DayHours:
    if brk is None:
        return DayHours(_t(start), _t(end))
    return DayHours(_t(start), _t(end), _t(brk[0]), _t(brk[1]))


# Perpres 21/2023 (rules §9): five days, 37.5 h net. Mon–Thu 07:30–16:00 with an hour's
# break; Friday 07:30–16:30 with 90 minutes for Friday prayers; 4 × 7.5 h + 7.5 h.
_MON_THU = _hours("07:30", "16:00", ("12:00", "13:00"))
_FRI = _hours("07:30", "16:30", ("11:30", "13:00"))
DEFAULT_PATTERN = WorkPattern(
    "Perpres 21/2023 (5 hari)", (_MON_THU, _MON_THU, _MON_THU, _MON_THU, _FRI, None, None)
)

# Ramadan (rules §9; the MenPANRB circular of each year): Mon–Thu 08:00–15:00, Fri
# 08:00–15:30, with shorter breaks: 4 × 6.5 h + 6.5 h = 32.5 h net.
_R_MON_THU = _hours("08:00", "15:00", ("12:00", "12:30"))
_R_FRI = _hours("08:00", "15:30", ("11:30", "12:30"))
RAMADAN_PATTERN = WorkPattern(
    "Ramadan (5 hari)", (_R_MON_THU, _R_MON_THU, _R_MON_THU, _R_MON_THU, _R_FRI, None, None)
)

# An example six-day week (schools, puskesmas) with the same 37.5 h net: Mon–Thu
# 07:30–14:30, Fri 07:30–11:30, Sat 07:30–13:00. An agency enters its own as data.
_S_MON_THU = _hours("07:30", "14:30")
SIX_DAY_PATTERN = WorkPattern(
    "Contoh 6 hari kerja",
    (
        _S_MON_THU,
        _S_MON_THU,
        _S_MON_THU,
        _S_MON_THU,
        _hours("07:30", "11:30"),
        _hours("07:30", "13:00"),
        None,
    ),
)


# --- holidays and Ramadan periods (rules §9: per-year data) -----------------------------

NASIONAL = "nasional"
CUTI_BERSAMA = "cuti_bersama"
LOKAL = "lokal"


@dataclass(frozen=True)
class Holiday:
    """A national holiday, a cuti bersama day (Keputusan Presiden / SKB of the year) or a
    local holiday the admin entered (rules §9)."""

    day: dt.date
    name: str
    kind: str = NASIONAL


@dataclass(frozen=True)
class RamadanPeriod:
    """The Ramadan hours of one year, first and last day inclusive, as the admin enters
    them from the year's MenPANRB circular (rules §9)."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("Ramadan ends before it starts")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


def in_ramadan(day: dt.date, periods: Sequence[RamadanPeriod]) -> bool:
    return any(day in p for p in periods)


# --- schedule versions (a change applies from its effective date) -----------------------


@dataclass(frozen=True)
class ScheduleVersion:
    """The pattern of an instansi or unit from `effective_from` until the next version.
    `ramadan_pattern` None means Ramadan does not change these hours."""

    effective_from: dt.date
    pattern: WorkPattern
    ramadan_pattern: WorkPattern | None = RAMADAN_PATTERN


# The spec's default (rules §9), in force from the beginning of time.
DEFAULT_VERSION = ScheduleVersion(dt.date.min, DEFAULT_PATTERN, RAMADAN_PATTERN)


def version_on(day: dt.date, versions: Sequence[ScheduleVersion]) -> ScheduleVersion:
    """The version in force on `day`: the latest one whose effective date is not after
    it, so a change applies from its effective date and earlier days keep theirs. Before
    the first version (or with none) the Perpres 21/2023 default applies (rules §9)."""
    current = DEFAULT_VERSION
    for v in sorted(versions, key=lambda v: v.effective_from):
        if v.effective_from <= day:
            current = v
    return current


# --- shifts (rules §9: assigned per person per day, may cross midnight) -----------------


@dataclass(frozen=True)
class Shift:
    """A named shift (RSUD, Damkar, Satpol PP). An end at or before the start means the
    shift ends the next day (an end equal to the start: a 24-hour duty)."""

    code: str
    name: str
    start: dt.time
    end: dt.time
    break_minutes: int = 0

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def window(self, day: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
        """Start and end of the shift that starts on `day` (its attendance date)."""
        start = dt.datetime.combine(day, self.start, tzinfo=tz)
        end_day = day + dt.timedelta(days=1) if self.crosses_midnight else day
        return start, dt.datetime.combine(end_day, self.end, tzinfo=tz)


@dataclass(frozen=True)
class RosterEntry:
    """One person's roster for one day: a shift, or None for a rostered day off."""

    day: dt.date
    shift: Shift | None


# --- the scheduled day ---------------------------------------------------------------------

KERJA = "kerja"
LIBUR = "libur"
SHIFT = "shift"

# Which rule decided the day (stored with the day's status so it can be explained).
SRC_SHIFT = "shift"
SRC_ROSTER_OFF = "roster_libur"
SRC_HOLIDAY = "hari_libur"
SRC_WEEKDAY = "pola_libur"
SRC_PATTERN = "pola"
SRC_RAMADAN = "ramadan"


@dataclass(frozen=True)
class ScheduledDay:
    """What a person's `day` was scheduled to be: `kind` KERJA/SHIFT with aware start
    and end (a shift's end may fall on the next day), or LIBUR. `source` names the rule
    that decided it; `pattern`, `version_from`, `holiday` and `shift_code` say which
    data it came from."""

    day: dt.date
    kind: str
    source: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    break_minutes: int = 0
    pattern: str = ""
    version_from: dt.date | None = None
    holiday: Holiday | None = None
    shift_code: str = ""

    @property
    def is_working(self) -> bool:
        return self.kind != LIBUR

    @property
    def net_minutes(self) -> int:
        if self.start is None or self.end is None:
            return 0
        return int((self.end - self.start).total_seconds() // 60) - self.break_minutes

    def explain(self) -> Msg:
        """The rule that decided the day, in words for the month calendar."""
        hours = {}
        if self.start is not None and self.end is not None:
            hours = {"start": f"{self.start:%H:%M}", "end": f"{self.end:%H:%M}"}
        if self.source == SRC_SHIFT:
            return _("Shift %(shift)s, %(start)s–%(end)s.", shift=self.shift_code, **hours)
        if self.source == SRC_ROSTER_OFF:
            return _("Libur menurut jadwal shift.")
        if self.source == SRC_HOLIDAY and self.holiday is not None:
            return _("Hari libur: %(name)s.", name=self.holiday.name)
        if self.source == SRC_WEEKDAY:
            return _("Bukan hari kerja menurut pola %(pola)s.", pola=self.pattern)
        if self.source == SRC_RAMADAN:
            return _("Jam kerja Ramadan %(start)s–%(end)s (%(pola)s).", pola=self.pattern, **hours)
        return _("Jam kerja %(start)s–%(end)s (%(pola)s).", pola=self.pattern, **hours)


def scheduled_day(
    day: dt.date,
    *,
    tz: dt.tzinfo,
    versions: Sequence[ScheduleVersion] = (),
    ramadan: Sequence[RamadanPeriod] = (),
    holidays: Mapping[dt.date, Holiday] | None = None,
    roster: RosterEntry | None = None,
) -> ScheduledDay:
    """The scheduled day of one person (rules §9, Perpres 21/2023). Precedence:

    1. a roster entry for the day: its shift (SHIFT, even on a holiday: a roster is
       drawn up knowing the holidays, and hospitals and fire brigades work through
       them) or a rostered day off (LIBUR);
    2. a holiday (national, cuti bersama, local) on a working day of the pattern: LIBUR;
    3. the version in force on the day (`version_on`): its Ramadan pattern inside a
       Ramadan period, else its pattern; a weekday without hours is LIBUR.
    """
    holiday = (holidays or {}).get(day)
    if roster is not None:
        if roster.day != day:
            raise ValueError(f"roster entry for {roster.day} used for {day}")
        if roster.shift is None:
            return ScheduledDay(day, LIBUR, SRC_ROSTER_OFF, holiday=holiday)
        start, end = roster.shift.window(day, tz)
        return ScheduledDay(
            day,
            SHIFT,
            SRC_SHIFT,
            start,
            end,
            roster.shift.break_minutes,
            pattern=roster.shift.name,
            holiday=holiday,
            shift_code=roster.shift.code,
        )
    version = version_on(day, versions)
    pattern, source = version.pattern, SRC_PATTERN
    if version.ramadan_pattern is not None and in_ramadan(day, ramadan):
        pattern, source = version.ramadan_pattern, SRC_RAMADAN
    since = None if version.effective_from == dt.date.min else version.effective_from
    hours = pattern.hours_on(day)
    if hours is None:
        return ScheduledDay(
            day, LIBUR, SRC_WEEKDAY, pattern=pattern.name, version_from=since, holiday=holiday
        )
    if holiday is not None:
        return ScheduledDay(
            day, LIBUR, SRC_HOLIDAY, pattern=pattern.name, version_from=since, holiday=holiday
        )
    return ScheduledDay(
        day,
        KERJA,
        source,
        dt.datetime.combine(day, hours.start, tzinfo=tz),
        dt.datetime.combine(day, hours.end, tzinfo=tz),
        hours.break_minutes,
        pattern=pattern.name,
        version_from=since,
    )


@dataclass(frozen=True)
class ScheduleInputs:
    """Everything `schedule_range` needs besides the dates, as the service loads it."""

    tz: dt.tzinfo
    versions: Sequence[ScheduleVersion] = ()
    ramadan: Sequence[RamadanPeriod] = ()
    holidays: Mapping[dt.date, Holiday] = field(default_factory=dict)
    roster: Mapping[dt.date, RosterEntry] = field(default_factory=dict)


def schedule_range(
    first: dt.date, last: dt.date, inputs: ScheduleInputs
) -> tuple[ScheduledDay, ...]:
    """`scheduled_day` for every date from `first` to `last` inclusive (rules §9)."""
    days = []
    day = first
    while day <= last:
        days.append(
            scheduled_day(
                day,
                tz=inputs.tz,
                versions=inputs.versions,
                ramadan=inputs.ramadan,
                holidays=inputs.holidays,
                roster=inputs.roster.get(day),
            )
        )
        day += dt.timedelta(days=1)
    return tuple(days)
