"""Late/early-leave minutes, TL/PSW bands, presets A and B and the month's capped total
(rules §9, the worked examples of rules §10; no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

import pytest

from ekinerja.attendance.domain import bands as b

WIB = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2025, 1, 6, 7, 30, tzinfo=WIB)
END = dt.datetime(2025, 1, 6, 16, 0, tzinfo=WIB)


def clock(text: str) -> dt.datetime:
    return dt.datetime.combine(START.date(), dt.time.fromisoformat(text), tzinfo=WIB)


@pytest.mark.parametrize(
    "check_in, minutes",
    [
        ("07:00:00", 0),
        ("07:30:00", 0),
        ("07:30:59", 0),  # rules §9
        ("07:31:00", 1),  # rules §9
        ("08:00:59", 30),
        ("08:01:00", 31),
        ("08:30:59", 60),
        ("08:31:00", 61),
        ("09:00:59", 90),
        ("09:01:00", 91),
        ("16:00:00", 510),
    ],
)
def test_late_minutes_are_whole_minutes_rounded_down(check_in, minutes):
    assert b.late_minutes(START, clock(check_in)) == minutes


@pytest.mark.parametrize(
    "check_out, minutes",
    [
        ("16:30:00", 0),
        ("16:00:00", 0),
        ("15:59:01", 0),
        ("15:59:00", 1),
        ("15:30:00", 30),
        ("15:29:00", 31),
        ("15:00:00", 60),
        ("14:59:00", 61),
        ("14:30:00", 90),
        ("14:29:00", 91),
    ],
)
def test_early_minutes_likewise(check_out, minutes):
    assert b.early_minutes(END, clock(check_out)) == minutes


# (minutes or None for missing, band level, percent A, percent B)
BOUNDARIES = [
    (0, None, None, None),
    (1, 1, "0.5", "0.5"),
    (30, 1, "0.5", "0.5"),
    (31, 2, "1", "1"),
    (60, 2, "1", "1"),
    (61, 3, "1.25", "1.5"),
    (90, 3, "1.25", "1.5"),
    (91, 4, "1.5", "2"),
    (480, 4, "1.5", "2"),
    (None, 4, "1.5", "2"),
]


@pytest.mark.parametrize(
    "minutes, level, pct_a, pct_b",
    BOUNDARIES,
    ids=[f"{m}-min" if m is not None else "missing" for m, *_ in BOUNDARIES],
)
def test_band_boundaries_of_both_presets(minutes, level, pct_a, pct_b):
    for table, pct in ((b.PRESET_A, pct_a), (b.PRESET_B, pct_b)):
        for band in (table.late_band(minutes), table.early_band(minutes)):
            if level is None:
                assert band is None
            else:
                assert band is not None
                assert (band.level, band.percent) == (level, D(pct))
    if level is not None:
        late, early = b.PRESET_A.late_band(minutes), b.PRESET_A.early_band(minutes)
        assert late is not None and early is not None
        assert b.late_code(late) == f"TL{level}"
        assert b.early_code(early) == f"PSW{level}"


def test_preset_tk_percentages():
    assert (b.PRESET_A.absent_percent, b.PRESET_B.absent_percent) == (D(5), D(4))
    assert b.PRESET_A.monthly_cap == b.PRESET_B.monthly_cap == D(100)


def _band(level, lower, upper, pct="1"):
    return b.Band(level, lower, upper, D(pct))


@pytest.mark.parametrize(
    "late, missing_level",
    [
        pytest.param((), None, id="no-band"),
        pytest.param((_band(1, 0, 30), _band(2, 31, None)), None, id="starts-at-0"),
        pytest.param((_band(1, 1, 30), _band(2, 32, None)), None, id="gap"),
        pytest.param((_band(1, 1, 30), _band(2, 30, None)), None, id="overlap"),
        pytest.param((_band(1, 1, 30), _band(2, 31, 60)), None, id="last-bounded"),
        pytest.param((_band(1, 1, 30), _band(1, 31, None)), None, id="same-level"),
        pytest.param((_band(1, 1, 30, "-1"), _band(2, 31, None)), None, id="negative"),
        pytest.param((_band(1, 1, 30), _band(2, 31, None)), 7, id="unknown-missing-level"),
    ],
)
def test_a_malformed_table_is_refused(late, missing_level):
    with pytest.raises(ValueError):
        b.DeductionTable("x", late, b.PRESET_A.early, D(5), missing_level=missing_level)


def test_any_published_table_is_expressible():
    """Three bands of 45 minutes, a missing check-out counted as the middle band."""
    bands = (_band(1, 1, 45, "0.25"), _band(2, 46, 90, "0.75"), _band(3, 91, None, "1.5"))
    table = b.DeductionTable("Perkada X", bands, bands, D(3), missing_level=2)
    levels = [
        band.level if band else None
        for band in (
            table.late_band(45),
            table.late_band(46),
            table.early_band(None),
            table.late_band(1000),
        )
    ]
    assert levels == [1, 2, 2, 3]


@dataclass(frozen=True)
class Day:
    day: dt.date
    absent: bool = False
    late_minutes: int | None = None
    early_minutes: int | None = None
    missing_in: bool = False
    missing_out: bool = False


def _d(n: int) -> dt.date:
    return dt.date(2025, 1, n)


# Rules §10 worked example: 2× TL1, 1× PSW2, 1× TK → 0.5 + 0.5 + 1 + 5 = 7%.
EXAMPLE = [
    Day(_d(6), late_minutes=5, early_minutes=0),
    Day(_d(7), late_minutes=30, early_minutes=0),
    Day(_d(8), late_minutes=0, early_minutes=45),
    Day(_d(9), absent=True),
    Day(_d(10), late_minutes=0, early_minutes=0),
    Day(_d(11)),  # off: not charged
]


@pytest.mark.parametrize(
    "days, table, uncapped, total",
    [
        pytest.param(EXAMPLE, b.PRESET_A, "7", "7", id="rules-10-example-A"),
        pytest.param(EXAMPLE, b.PRESET_B, "6", "6", id="rules-10-example-B"),
        pytest.param([Day(_d(n), absent=True) for n in range(1, 22)], b.PRESET_A, "105", "100",
                     id="21-TK-capped-A"),
        pytest.param([Day(_d(n), absent=True) for n in range(1, 22)], b.PRESET_B, "84", "84",
                     id="21-TK-B-under-cap"),
        pytest.param([Day(_d(n), absent=True) for n in range(1, 26)], b.PRESET_B, "100", "100",
                     id="25-TK-B-exactly-cap"),
        pytest.param([Day(_d(n), absent=True) for n in range(1, 27)], b.PRESET_B, "104", "100",
                     id="26-TK-B-capped"),
        pytest.param([Day(_d(6), late_minutes=95, missing_out=True)], b.PRESET_A, "3", "3",
                     id="TL4-and-missing-out-A"),
        pytest.param([Day(_d(6), late_minutes=95, missing_out=True)], b.PRESET_B, "4", "4",
                     id="TL4-and-missing-out-B"),
        pytest.param([Day(_d(6), missing_in=True, early_minutes=61)], b.PRESET_A, "2.75", "2.75",
                     id="missing-in-and-PSW3-A"),
        pytest.param([], b.PRESET_A, "0", "0", id="empty-month"),
    ],
)  # fmt: skip
def test_month_total(days, table, uncapped, total):
    got = b.month_deduction(days, table)
    assert (got.uncapped, got.total) == (D(uncapped), D(total))
    assert got.capped == (D(uncapped) > D(total))
    assert sum(line.percent for line in got.lines) == D(uncapped)


def test_month_lines_explain_each_charge_in_date_order():
    got = b.month_deduction(list(reversed(EXAMPLE)), b.PRESET_A)
    assert [(ln.day.day, ln.code, ln.minutes, ln.percent) for ln in got.lines] == [
        (6, "TL1", 5, D("0.5")),
        (7, "TL1", 30, D("0.5")),
        (8, "PSW2", 45, D(1)),
        (9, "TK", None, D(5)),
    ]
    assert [ln.explain().msgid for ln in got.lines] == [
        "Terlambat %(minutes)s menit (%(code)s): potongan %(pct)s%%.",
        "Terlambat %(minutes)s menit (%(code)s): potongan %(pct)s%%.",
        "Pulang %(minutes)s menit lebih awal (%(code)s): potongan %(pct)s%%.",
        "Tidak masuk kerja tanpa keterangan (TK): potongan %(pct)s%%.",
    ]
    assert got.lines[0].explain().params["pct"] == "0,5"
    assert (got.count("TL1"), got.count("PSW2"), got.count("TK")) == (2, 1, 1)
    assert got.explain().msgid == "Jumlah potongan %(sum)s%%."


def test_capped_month_says_so():
    got = b.month_deduction([Day(_d(n), absent=True) for n in range(1, 22)], b.PRESET_A)
    assert got.explain().msgid == "Jumlah potongan %(sum)s%%, dibatasi %(cap)s%%."
    assert got.explain().params == {"sum": "105", "cap": "100"}


def test_missing_lines_say_missing():
    got = b.day_lines(Day(_d(6), missing_in=True, missing_out=True), b.PRESET_A)
    assert [ln.code for ln in got] == ["TL4", "PSW4"]
    assert [ln.explain().msgid for ln in got] == [
        "Tidak absen masuk (%(code)s): potongan %(pct)s%%.",
        "Tidak absen pulang (%(code)s): potongan %(pct)s%%.",
    ]
