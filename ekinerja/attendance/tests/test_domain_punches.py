"""Which day a punch belongs to, duplicates, first-in / last-out (rules §9; no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.attendance.domain import punches as p
from ekinerja.attendance.domain import schedule as s

WIB = s.zone("WIB")
MON, TUE, WED = dt.date(2025, 1, 6), dt.date(2025, 1, 7), dt.date(2025, 1, 8)
MALAM = s.Shift("M", "Malam", dt.time(21), dt.time(7))
SORE = s.Shift("S", "Sore", dt.time(14), dt.time(21))
PAGI = s.Shift("P", "Pagi", dt.time(7), dt.time(14))


def at(day: dt.date, clock: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=WIB)


def punch(day: dt.date, clock: str, state: int = p.UNDEFINED) -> p.Punch:
    return p.Punch(at(day, clock), state)


def days(*roster: tuple[dt.date, s.Shift | None | str]) -> tuple[s.ScheduledDay, ...]:
    """Mon–Wed on the default pattern, with roster entries where given."""
    entries = {d: s.RosterEntry(d, sh if isinstance(sh, s.Shift) else None) for d, sh in roster}
    inputs = s.ScheduleInputs(tz=WIB, roster=entries)
    return s.schedule_range(MON - dt.timedelta(days=1), WED, inputs)


NIGHT_THEN_OFF = days((MON, MALAM), (TUE, "off"))
NIGHT_THEN_OFFICE = days((MON, MALAM))  # Tuesday: office hours 07:30–16:00
SORE_THEN_PAGI = days((MON, SORE), (TUE, PAGI))


@pytest.mark.parametrize(
    "sched, day, clock, expected",
    [
        pytest.param(days(), MON, "07:25", MON, id="office-check-in"),
        pytest.param(days(), MON, "03:30", MON, id="window-opens-4h-before-start"),
        pytest.param(days(), MON, "03:29:59", None, id="before-window"),
        pytest.param(days(), MON, "21:59:59", MON, id="window-closes-6h-after-end"),
        pytest.param(days(), MON, "22:00", None, id="after-window"),
        pytest.param(days(), dt.date(2025, 1, 5), "08:00", None, id="sunday-punch-no-day"),
        pytest.param(NIGHT_THEN_OFF, MON, "20:55", MON, id="night-shift-check-in"),
        pytest.param(NIGHT_THEN_OFF, TUE, "00:30", MON, id="after-midnight-belongs-to-shift-start"),
        pytest.param(NIGHT_THEN_OFF, TUE, "07:04", MON, id="night-shift-check-out-next-day"),
        pytest.param(NIGHT_THEN_OFF, TUE, "12:59", MON, id="night-window-end"),
        pytest.param(NIGHT_THEN_OFF, TUE, "13:00", None, id="rostered-off-day-has-no-window"),
        pytest.param(NIGHT_THEN_OFFICE, TUE, "07:14:59", MON, id="overlap-cut-before-midpoint"),
        pytest.param(NIGHT_THEN_OFFICE, TUE, "07:15", TUE, id="overlap-cut-at-midpoint"),
        pytest.param(NIGHT_THEN_OFFICE, TUE, "07:25", TUE, id="next-day-check-in"),
        pytest.param(SORE_THEN_PAGI, TUE, "02:59", MON, id="sore-window-until-0300"),
        pytest.param(SORE_THEN_PAGI, TUE, "03:00", TUE, id="pagi-window-from-0300"),
    ],
)
def test_punch_goes_to_its_attendance_day(sched, day, clock, expected):
    one = punch(day, clock)
    got = p.assign_punches(sched, [one])
    if expected is None:
        assert got.unassigned == (one,) and not got.by_day
    else:
        assert got.on(expected) == (one,) and got.unassigned == ()


def test_assignment_keeps_time_order_per_day():
    ps = [punch(TUE, "06:59"), punch(MON, "21:02"), punch(TUE, "01:00")]
    got = p.assign_punches(NIGHT_THEN_OFF, ps)
    assert [x.at for x in got.on(MON)] == [at(MON, "21:02"), at(TUE, "01:00"), at(TUE, "06:59")]


def test_window_parameters_are_data():
    got = p.assign_punches(
        days(), [punch(MON, "05:00")], before=dt.timedelta(hours=2), after=dt.timedelta(hours=1)
    )
    assert got.unassigned and not got.by_day


IN, OUT, U = p.IN, p.OUT, p.UNDEFINED
OT_IN, OT_OUT, BRK_OUT, BRK_IN = p.OVERTIME_IN, p.OVERTIME_OUT, p.BREAK_OUT, p.BREAK_IN


# (id, punches as (clock, state) on Monday 07:30–16:00, check-in clock, check-out clock)
SELECT = [
    ("in-and-out", [("07:25", IN), ("16:05", OUT)], "07:25", "16:05"),
    ("undefined-first-in-last-out", [("07:25", U), ("12:00", U), ("16:05", U)], "07:25", "16:05"),
    ("lone-undefined-morning-is-in", [("07:40", U)], "07:40", None),
    ("lone-undefined-afternoon-is-out", [("16:05", U)], None, "16:05"),
    ("lone-undefined-at-middle-is-out", [("11:45", U)], None, "11:45"),
    ("lone-undefined-before-middle-is-in", [("11:44:59", U)], "11:44:59", None),
    ("only-out", [("16:05", OUT)], None, "16:05"),
    ("only-in", [("07:25", IN)], "07:25", None),
    ("two-ins-first-wins", [("07:25", IN), ("08:10", IN)], "07:25", None),
    ("two-outs-last-wins", [("07:25", IN), ("15:00", OUT), ("16:10", OUT)], "07:25", "16:10"),
    ("out-before-in-is-not-check-out", [("07:10", OUT), ("07:30", IN)], "07:30", None),
    ("overtime-is-neither", [("07:25", IN), ("17:00", OT_IN), ("20:00", OT_OUT)], "07:25", None),
    ("breaks-are-neither", [("07:25", IN), ("12:00", BRK_OUT), ("13:00", BRK_IN)], "07:25", None),
    ("duplicate-undefined-collapses", [("07:25:00", U), ("07:25:40", U)], "07:25", None),
    ("in-then-out-within-minute", [("07:25", IN), ("07:25:30", OUT)], "07:25", "07:25:30"),
    ("unknown-state-reads-undefined", [("07:25", 9), ("16:01", 9)], "07:25", "16:01"),
    ("no-punches", [], None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    "rows, check_in, check_out", [pytest.param(*r[1:], id=r[0]) for r in SELECT]
)
def test_select_in_out(rows, check_in, check_out):
    monday = s.scheduled_day(MON, tz=WIB)
    got = p.select_in_out(monday, [punch(MON, c, st) for c, st in rows])
    assert (got.check_in.at if got.check_in else None) == (at(MON, check_in) if check_in else None)
    assert (got.check_out.at if got.check_out else None) == (
        at(MON, check_out) if check_out else None
    )
    chosen = {id(got.check_in), id(got.check_out)}
    assert len(got.others) + len(chosen - {id(None)}) == len(rows)


@pytest.mark.parametrize(
    "second, state, duplicate",
    [
        ("07:25:59", IN, True),
        ("07:26:00", IN, False),
        ("07:25:30", U, True),
        ("07:25:30", OUT, False),
    ],
    ids=["59s-same", "60s-same", "undefined-within", "other-state-within"],
)
def test_duplicates_within_a_minute(second, state, duplicate):
    first = punch(MON, "07:25:00", IN)
    new = punch(MON, second, state)
    assert p.is_duplicate(first, new) is duplicate
    kept, dropped = p.collapse_duplicates([new, first])
    assert kept[0] is first
    assert (dropped == (new,)) is duplicate


def test_no_previous_punch_is_never_a_duplicate():
    assert p.is_duplicate(None, punch(MON, "07:25")) is False


def test_a_punch_needs_an_aware_time():
    with pytest.raises(ValueError):
        p.Punch(dt.datetime(2025, 1, 6, 7, 25))
