"""Working time as data (rules §9): the patterns, Ramadan, holidays, six-day units,
versions by effective date and shifts across midnight (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.attendance.domain import schedule as s

WIB = s.zone("WIB")
D = dt.date


def at(day: str, clock: str, tz: dt.tzinfo = WIB) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day} {clock}").replace(tzinfo=tz)


MALAM = s.Shift("M", "Malam", dt.time(21), dt.time(7))
PAGI = s.Shift("P", "Pagi", dt.time(7), dt.time(14))
PIKET_24 = s.Shift("24", "Piket 24 jam", dt.time(8), dt.time(8))

RAMADAN_2025 = (s.RamadanPeriod(D(2025, 3, 1), D(2025, 3, 30)),)
HOLIDAYS = {
    D(2025, 3, 31): s.Holiday(D(2025, 3, 31), "Idul Fitri 1446 H"),
    D(2025, 4, 2): s.Holiday(D(2025, 4, 2), "Cuti bersama Idul Fitri", s.CUTI_BERSAMA),
    D(2025, 1, 11): s.Holiday(D(2025, 1, 11), "Hari jadi kabupaten", s.LOKAL),  # Saturday
}
SIX_DAY_FROM_15 = (
    s.ScheduleVersion(D(2025, 1, 15), s.SIX_DAY_PATTERN, None),
    s.ScheduleVersion(D(2024, 1, 1), s.DEFAULT_PATTERN),
)


def test_pattern_hours_per_week():
    assert s.DEFAULT_PATTERN.weekly_net_minutes == 37 * 60 + 30  # Perpres 21/2023
    assert s.RAMADAN_PATTERN.weekly_net_minutes == 32 * 60 + 30
    assert s.SIX_DAY_PATTERN.weekly_net_minutes == 37 * 60 + 30


K, L, SH = s.KERJA, s.LIBUR, s.SHIFT
SIX = SIX_DAY_FROM_15
OFF = "rostered off"


def R(day: dt.date, shift: s.Shift | None) -> s.RosterEntry:
    return s.RosterEntry(day, shift)


# (id, day in 2025, versions, roster, kind, source, start, end) in WIB; "+07:00": next day.
SCHEDULED = [
    ("monday-default", "01-06", (), None, K, s.SRC_PATTERN, "07:30", "16:00"),
    ("thursday-default", "01-09", (), None, K, s.SRC_PATTERN, "07:30", "16:00"),
    ("friday-until-1630", "01-10", (), None, K, s.SRC_PATTERN, "07:30", "16:30"),
    ("saturday-off", "01-04", (), None, L, s.SRC_WEEKDAY, None, None),
    ("sunday-off", "01-05", (), None, L, s.SRC_WEEKDAY, None, None),
    ("ramadan-monday", "03-03", (), None, K, s.SRC_RAMADAN, "08:00", "15:00"),
    ("ramadan-friday", "03-07", (), None, K, s.SRC_RAMADAN, "08:00", "15:30"),
    ("ramadan-last-day-sunday", "03-30", (), None, L, s.SRC_WEEKDAY, None, None),
    ("eve-of-ramadan", "02-28", (), None, K, s.SRC_PATTERN, "07:30", "16:30"),
    ("national-holiday-monday", "03-31", (), None, L, s.SRC_HOLIDAY, None, None),
    ("cuti-bersama-wednesday", "04-02", (), None, L, s.SRC_HOLIDAY, None, None),
    ("holiday-on-saturday", "01-11", (), None, L, s.SRC_WEEKDAY, None, None),
    ("six-day-not-yet-in-force", "01-11", SIX, None, L, s.SRC_WEEKDAY, None, None),
    ("six-day-saturday", "01-18", SIX, None, K, s.SRC_PATTERN, "07:30", "13:00"),
    ("eve-of-version", "01-14", SIX, None, K, s.SRC_PATTERN, "07:30", "16:00"),
    ("version-effective-day", "01-15", SIX, None, K, s.SRC_PATTERN, "07:30", "14:30"),
    ("version-no-ramadan-hours", "03-03", SIX, None, K, s.SRC_PATTERN, "07:30", "14:30"),
    ("night-shift-crosses-midnight", "01-06", (), MALAM, SH, s.SRC_SHIFT, "21:00", "+07:00"),
    ("shift-on-saturday", "01-04", (), PAGI, SH, s.SRC_SHIFT, "07:00", "14:00"),
    ("shift-on-holiday", "03-31", (), PAGI, SH, s.SRC_SHIFT, "07:00", "14:00"),
    ("shift-ignores-ramadan", "03-03", (), PAGI, SH, s.SRC_SHIFT, "07:00", "14:00"),
    ("rostered-off-on-monday", "01-06", (), OFF, L, s.SRC_ROSTER_OFF, None, None),
    ("24-hour-duty", "01-06", (), PIKET_24, SH, s.SRC_SHIFT, "08:00", "+08:00"),
]  # fmt: skip


def _d(month_day: str) -> dt.date:
    return dt.date.fromisoformat(f"2025-{month_day}")


def _wib(day: dt.date, clock: str | None) -> dt.datetime | None:
    if clock is None:
        return None
    if clock.startswith("+"):
        day, clock = day + dt.timedelta(days=1), clock[1:]
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=WIB)


@pytest.mark.parametrize(
    "day, versions, roster, kind, source, start, end",
    [pytest.param(*row[1:], id=row[0]) for row in SCHEDULED],
)
def test_scheduled_day(day, versions, roster, kind, source, start, end):
    day = _d(day)
    if roster is not None:
        roster = R(day, None if roster == OFF else roster)
    got = s.scheduled_day(
        day, tz=WIB, versions=versions, ramadan=RAMADAN_2025, holidays=HOLIDAYS, roster=roster
    )
    assert (got.day, got.kind, got.source) == (day, kind, source)
    assert (got.start, got.end) == (_wib(day, start), _wib(day, end))
    assert got.is_working == (kind != s.LIBUR)


@pytest.mark.parametrize(
    "zone_name, offset_hours",
    [("WIB", 7), ("WITA", 8), ("WIT", 9), ("Asia/Makassar", 8)],
)
def test_local_wall_clock_in_each_zone(zone_name, offset_hours):
    tz = s.zone(zone_name)
    got = s.scheduled_day(D(2025, 1, 6), tz=tz)
    assert got.start is not None
    assert got.start.utcoffset() == dt.timedelta(hours=offset_hours)
    assert (got.start.hour, got.start.minute) == (7, 30)
    utc = dt.datetime(2025, 1, 6, 7, 30, tzinfo=dt.UTC) - dt.timedelta(hours=offset_hours)
    assert got.start == utc


def test_holiday_and_version_are_recorded_on_the_day():
    got = s.scheduled_day(D(2025, 3, 31), tz=WIB, versions=SIX_DAY_FROM_15, holidays=HOLIDAYS)
    assert got.holiday == HOLIDAYS[D(2025, 3, 31)]
    assert got.version_from == D(2025, 1, 15)
    assert got.pattern == s.SIX_DAY_PATTERN.name
    default = s.scheduled_day(D(2025, 1, 6), tz=WIB)
    assert default.version_from is None and default.pattern == s.DEFAULT_PATTERN.name


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2023, 12, 31), s.DEFAULT_PATTERN),  # before every version: Perpres default
        (D(2024, 1, 1), s.DEFAULT_PATTERN),
        (D(2025, 1, 14), s.DEFAULT_PATTERN),
        (D(2025, 1, 15), s.SIX_DAY_PATTERN),
        (D(2030, 1, 1), s.SIX_DAY_PATTERN),
    ],
    ids=["before-first", "first", "eve-of-change", "change", "later"],
)
def test_version_on_uses_the_latest_effective_version(day, expected):
    assert s.version_on(day, SIX_DAY_FROM_15).pattern == expected


def test_net_minutes_and_break():
    monday = s.scheduled_day(D(2025, 1, 6), tz=WIB)
    friday = s.scheduled_day(D(2025, 1, 10), tz=WIB)
    night = s.scheduled_day(D(2025, 1, 6), tz=WIB, roster=s.RosterEntry(D(2025, 1, 6), MALAM))
    assert (monday.net_minutes, friday.net_minutes, night.net_minutes) == (450, 450, 600)
    assert s.scheduled_day(D(2025, 1, 4), tz=WIB).net_minutes == 0


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: s.DayHours(dt.time(16), dt.time(7, 30)), id="end-before-start"),
        pytest.param(lambda: s.DayHours(dt.time(8), dt.time(16), dt.time(12)), id="half-break"),
        pytest.param(lambda: s.DayHours(dt.time(8), dt.time(16), dt.time(7), dt.time(9)),
                     id="break-outside"),
        pytest.param(lambda: s.WorkPattern("x", (None,) * 6), id="six-weekdays"),
        pytest.param(lambda: s.RamadanPeriod(D(2025, 3, 30), D(2025, 3, 1)), id="ramadan-reversed"),
        pytest.param(
            lambda: s.scheduled_day(D(2025, 1, 6), tz=WIB, roster=R(D(2025, 1, 7), PAGI)),
            id="roster-of-another-day",
        ),
    ],
)  # fmt: skip
def test_invalid_schedule_data_is_refused(make):
    with pytest.raises(ValueError):
        make()


@pytest.mark.parametrize(
    "day, roster, msgid",
    [
        (D(2025, 1, 6), None, "Jam kerja %(start)s–%(end)s (%(pola)s)."),
        (D(2025, 3, 3), None, "Jam kerja Ramadan %(start)s–%(end)s (%(pola)s)."),
        (D(2025, 3, 31), None, "Hari libur: %(name)s."),
        (D(2025, 1, 4), None, "Bukan hari kerja menurut pola %(pola)s."),
        (D(2025, 1, 6), s.RosterEntry(D(2025, 1, 6), MALAM), "Shift %(shift)s, %(start)s–%(end)s."),
        (D(2025, 1, 6), s.RosterEntry(D(2025, 1, 6), None), "Libur menurut jadwal shift."),
    ],
    ids=["pattern", "ramadan", "holiday", "weekday-off", "shift", "roster-off"],
)
def test_every_day_explains_its_rule(day, roster, msgid):
    got = s.scheduled_day(day, tz=WIB, ramadan=RAMADAN_2025, holidays=HOLIDAYS, roster=roster)
    assert got.explain().msgid == msgid


def test_schedule_range_covers_every_day_with_its_roster():
    inputs = s.ScheduleInputs(
        tz=WIB,
        holidays=HOLIDAYS,
        roster={D(2025, 1, 4): s.RosterEntry(D(2025, 1, 4), MALAM)},
    )
    days = s.schedule_range(D(2025, 1, 1), D(2025, 1, 31), inputs)
    assert len(days) == 31
    assert [d.day for d in days] == [D(2025, 1, 1) + dt.timedelta(n) for n in range(31)]
    assert sum(d.is_working for d in days) == 23 + 1  # 23 weekdays, one Saturday night shift
    assert days[3].kind == s.SHIFT
