"""The daily status (rules §9, issue 13 §7): every band boundary on a normal day, Friday,
Ramadan, a six-day unit, a version change, a night shift across midnight, precedence,
corrections, hour permits, today's board and a month (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from ekinerja.attendance.domain import bands as b
from ekinerja.attendance.domain import daily as d
from ekinerja.attendance.domain import punches as p
from ekinerja.attendance.domain import schedule as s

WIB = s.zone("WIB")
MON, TUE, FRI, SAT = (dt.date(2025, 1, n) for n in (6, 7, 10, 18))
RAMADAN = (s.RamadanPeriod(dt.date(2025, 3, 1), dt.date(2025, 3, 30)),)
RAMADAN_MON, RAMADAN_FRI = dt.date(2025, 3, 3), dt.date(2025, 3, 7)
SIX_FROM_15 = (s.ScheduleVersion(dt.date(2025, 1, 15), s.SIX_DAY_PATTERN, None),)
HOLIDAY = {MON: s.Holiday(MON, "Libur daerah", s.LOKAL)}
MALAM = s.Shift("M", "Malam", dt.time(21), dt.time(7))


def at(day: dt.date, clock: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=WIB)


def sched(day: dt.date, **kw) -> s.ScheduledDay:
    return s.scheduled_day(day, tz=WIB, ramadan=RAMADAN, **kw)


def status(day, rows, **kw):
    """The status of `day` with punches (clock, state) on that day."""
    sched_kw = {k: kw.pop(k) for k in ("versions", "holidays", "roster") if k in kw}
    ps = [p.Punch(at(day, c), st) for c, st in rows]
    return d.day_status(sched(day, **sched_kw), ps, **kw)


IN, OUT, U = p.IN, p.OUT, p.UNDEFINED

# (id, day, punches, late minutes, TL code, early minutes, PSW code)
BOUNDARY = [
    ("on-time", MON, [("07:30:59", IN), ("16:00", OUT)], 0, "", 0, ""),
    ("1-min-late", MON, [("07:31:00", IN), ("16:00", OUT)], 1, "TL1", 0, ""),
    ("30-min-late", MON, [("08:00:59", IN), ("16:00", OUT)], 30, "TL1", 0, ""),
    ("31-min-late", MON, [("08:01:00", IN), ("16:00", OUT)], 31, "TL2", 0, ""),
    ("60-min-late", MON, [("08:30:59", IN), ("16:00", OUT)], 60, "TL2", 0, ""),
    ("61-min-late", MON, [("08:31:00", IN), ("16:00", OUT)], 61, "TL3", 0, ""),
    ("90-min-late", MON, [("09:00:59", IN), ("16:00", OUT)], 90, "TL3", 0, ""),
    ("91-min-late", MON, [("09:01:00", IN), ("16:00", OUT)], 91, "TL4", 0, ""),
    ("0-min-early", MON, [("07:30", IN), ("15:59:01", OUT)], 0, "", 0, ""),
    ("1-min-early", MON, [("07:30", IN), ("15:59:00", OUT)], 0, "", 1, "PSW1"),
    ("30-min-early", MON, [("07:30", IN), ("15:30", OUT)], 0, "", 30, "PSW1"),
    ("31-min-early", MON, [("07:30", IN), ("15:29", OUT)], 0, "", 31, "PSW2"),
    ("60-min-early", MON, [("07:30", IN), ("15:00", OUT)], 0, "", 60, "PSW2"),
    ("61-min-early", MON, [("07:30", IN), ("14:59", OUT)], 0, "", 61, "PSW3"),
    ("90-min-early", MON, [("07:30", IN), ("14:30", OUT)], 0, "", 90, "PSW3"),
    ("91-min-early", MON, [("07:30", IN), ("14:29", OUT)], 0, "", 91, "PSW4"),
    ("missing-check-out", MON, [("07:30", IN)], 0, "", None, "PSW4"),
    ("missing-check-in", MON, [("16:00", OUT)], None, "TL4", 0, ""),
    ("both-TL-and-PSW", MON, [("08:05", IN), ("15:50", OUT)], 35, "TL2", 10, "PSW1"),
    ("undefined-first-last", MON, [("07:45", U), ("12:00", U), ("16:00", U)], 15, "TL1", 0, ""),
    ("friday-ends-1630", FRI, [("07:30", IN), ("16:15", OUT)], 0, "", 15, "PSW1"),
    ("friday-1630-on-time", FRI, [("07:30", IN), ("16:30", OUT)], 0, "", 0, ""),
    ("ramadan-0800-59", RAMADAN_MON, [("08:00:59", IN), ("15:00", OUT)], 0, "", 0, ""),
    ("ramadan-0801", RAMADAN_MON, [("08:01:00", IN), ("15:00", OUT)], 1, "TL1", 0, ""),
    ("ramadan-leave-1459", RAMADAN_MON, [("08:00", IN), ("14:59", OUT)], 0, "", 1, "PSW1"),
    ("ramadan-friday-1529", RAMADAN_FRI, [("08:00", IN), ("15:29", OUT)], 0, "", 1, "PSW1"),
    ("ramadan-friday-1530", RAMADAN_FRI, [("08:00", IN), ("15:30", OUT)], 0, "", 0, ""),
]  # fmt: skip


@pytest.mark.parametrize(
    "day, rows, late, tl, early, psw", [pytest.param(*r[1:], id=r[0]) for r in BOUNDARY]
)
def test_band_boundaries(day, rows, late, tl, early, psw):
    got = status(day, rows)
    assert got.status == d.HADIR
    assert (got.late_minutes, got.late_code, got.early_minutes, got.early_code) == (
        late,
        tl,
        early,
        psw,
    )
    assert got.missing_in == (late is None)
    assert got.missing_out == (early is None)
    assert got.codes == (tuple(c for c in (tl, psw) if c) or ("H",))


def test_no_record_is_tk():
    got = status(MON, [])
    assert got.status == d.TK and got.absent and got.codes == ("TK",)
    assert got.explanation[-1].msgid.endswith("tidak masuk kerja (TK).")


@pytest.mark.parametrize(
    "versions, day, rows, result, codes",
    [
        pytest.param((), SAT, [("07:45", IN)], d.LIBUR, ("L",), id="saturday-off-by-default"),
        pytest.param(SIX_FROM_15, SAT, [("07:45", IN), ("13:00", OUT)], d.HADIR, ("TL1",),
                     id="six-day-saturday"),
        pytest.param(SIX_FROM_15, SAT, [], d.TK, ("TK",), id="six-day-saturday-absent"),
        pytest.param(SIX_FROM_15, dt.date(2025, 1, 14), [("07:30", IN), ("14:30", OUT)],
                     d.HADIR, ("PSW3",), id="before-version-ends-1600"),
        pytest.param(SIX_FROM_15, dt.date(2025, 1, 15), [("07:30", IN), ("14:30", OUT)],
                     d.HADIR, ("H",), id="from-version-ends-1430"),
    ],
)  # fmt: skip
def test_six_day_unit_and_version_change(versions, day, rows, result, codes):
    got = status(day, rows, versions=versions)
    assert (got.status, got.codes) == (result, codes)


def test_night_shift_across_midnight():
    roster = {MON: s.RosterEntry(MON, MALAM), TUE: s.RosterEntry(TUE, None)}
    days = s.schedule_range(MON, TUE, s.ScheduleInputs(tz=WIB, roster=roster))
    raw = [
        p.Punch(at(MON, "21:05"), U),
        p.Punch(at(TUE, "02:00"), U),  # a round in the night
        p.Punch(at(TUE, "06:30"), U),  # after midnight: Monday's shift
    ]
    assigned = p.assign_punches(days, raw)
    assert assigned.on(MON) == tuple(raw) and assigned.on(TUE) == ()
    monday = d.day_status(days[0], assigned.on(MON))
    assert (monday.status, monday.late_minutes, monday.early_minutes) == (d.HADIR, 5, 30)
    assert monday.codes == ("TL1", "PSW1")
    assert monday.check_out is not None and monday.check_out.at == at(TUE, "06:30")
    # the check-out time carries its date, as it is not the attendance date
    assert "(07-01-2025)" in str(monday.explanation[-1].params["jam"])
    assert d.day_status(days[1], assigned.on(TUE)).status == d.LIBUR


LEAVE = d.LeaveOnDay("tahunan", "Cuti Tahunan", "C-1")
DINAS = d.DinasLuar("090/12/2025", "Jakarta", "ST-1")
SICK = d.Correction(d.KOREKSI_SAKIT, ref="K-1")
DL_CORR = d.Correction(d.KOREKSI_DL, ref="K-2")
LATE_PUNCHES = [("09:30", IN)]


# (id, inputs besides Monday's late punch, status, leave kind on the result)
PRECEDENCE = [
    ("holiday-beats-leave", {"holidays": HOLIDAY, "leave": LEAVE}, d.LIBUR, "tahunan"),
    ("holiday-beats-dl", {"holidays": HOLIDAY, "dinas_luar": DINAS}, d.LIBUR, None),
    ("leave-beats-punches", {"leave": LEAVE}, d.CUTI, "tahunan"),
    ("leave-beats-dl", {"leave": LEAVE, "dinas_luar": DINAS}, d.CUTI, "tahunan"),
    ("dl-beats-punches", {"dinas_luar": DINAS}, d.DL, None),
    ("dl-correction", {"corrections": [DL_CORR]}, d.DL, None),
    ("sick-correction", {"corrections": [SICK]}, d.CUTI, d.KOREKSI_SAKIT),
    ("dl-beats-correction", {"dinas_luar": DINAS, "corrections": [SICK]}, d.DL, None),
]


@pytest.mark.parametrize(
    "kw, result, leave_kind", [pytest.param(*r[1:], id=r[0]) for r in PRECEDENCE]
)
def test_precedence(kw, result, leave_kind):
    got = status(MON, LATE_PUNCHES, **kw)
    assert got.status == result
    assert got.late_code == "" and got.early_code == "" and not got.absent
    assert (got.leave.kind if got.leave else None) == leave_kind
    assert len(got.punches) == 1  # the punches stay with the day, uncharged
    # no deduction on a day of leave, DL or holiday (rules §9)
    assert b.day_lines(got, b.PRESET_A) == ()


def _corr(kind, check_in=None, check_out=None):
    return d.Correction(
        kind,
        at(MON, check_in) if check_in else None,
        at(MON, check_out) if check_out else None,
        ref="K",
    )


@pytest.mark.parametrize(
    "rows, corrections, codes, late, early",
    [
        pytest.param([("07:25", IN)], [_corr(d.LUPA_ABSEN, check_out="16:05")], ("H",), 0, 0,
                     id="forgotten-check-out"),
        pytest.param([], [_corr(d.ALAT_RUSAK, "07:20", "16:02")], ("H",), 0, 0,
                     id="broken-device-both"),
        pytest.param([("16:05", OUT)], [_corr(d.LUPA_ABSEN, check_in="07:40")], ("TL1",), 10, 0,
                     id="forgotten-check-in-still-late"),
        pytest.param([("08:10", IN), ("16:00", OUT)], [_corr(d.ALAT_RUSAK, check_in="07:25")],
                     ("H",), 0, 0, id="correction-wins-over-punch"),
        pytest.param([], [_corr(d.LUPA_ABSEN, check_in="07:25")], ("PSW4",), 0, None,
                     id="one-side-corrected-other-missing"),
    ],
)  # fmt: skip
def test_approved_corrections(rows, corrections, codes, late, early):
    got = status(MON, rows, corrections=corrections)
    assert got.status == d.HADIR
    assert (got.codes, got.late_minutes, got.early_minutes) == (codes, late, early)
    assert got.corrections == tuple(corrections)


def test_correction_refuses_a_punch_correction_without_time():
    with pytest.raises(ValueError):
        d.Correction(d.LUPA_ABSEN)
    with pytest.raises(ValueError):
        d.Correction("lainnya", at(MON, "07:30"))


@pytest.mark.parametrize(
    "permit, rows, codes, late, early",
    [
        pytest.param(("07:30", "09:00"), [("08:55", IN), ("16:00", OUT)], ("H",), 0, 0,
                     id="permit-covers-start"),
        pytest.param(("07:00", "09:00"), [("09:05", IN), ("16:00", OUT)], ("TL1",), 5, 0,
                     id="late-after-permit-end"),
        pytest.param(("14:00", "16:00"), [("07:30", IN), ("14:10", OUT)], ("H",), 0, 0,
                     id="permit-covers-end"),
        pytest.param(("14:00", "16:00"), [("07:30", IN), ("13:50", OUT)], ("PSW1",), 0, 10,
                     id="left-before-permit"),
        pytest.param(("10:00", "12:00"), [("07:45", IN), ("16:00", OUT)], ("TL1",), 15, 0,
                     id="midday-permit-changes-nothing"),
    ],
)  # fmt: skip
def test_hour_permits(permit, rows, codes, late, early):
    hp = d.HourPermit(at(MON, permit[0]), at(MON, permit[1]), "I-1")
    got = status(MON, rows, permits=[hp])
    assert (got.codes, got.late_minutes, got.early_minutes) == (codes, late, early)


@pytest.mark.parametrize(
    "now, rows, result, codes, provisional",
    [
        pytest.param("10:00", [], d.BELUM, ("-",), True, id="not-yet-in"),
        pytest.param("10:00", [("07:45", IN)], d.HADIR, ("TL1",), True, id="in-late-day-open"),
        pytest.param("15:59:59", [("07:30", IN)], d.HADIR, ("H",), True, id="no-psw-before-end"),
        pytest.param("16:00", [("07:30", IN)], d.HADIR, ("PSW4",), False, id="missing-out-at-end"),
        pytest.param("16:00", [], d.TK, ("TK",), False, id="tk-at-end"),
    ],
)  # fmt: skip
def test_today_is_provisional_until_the_scheduled_end(now, rows, result, codes, provisional):
    got = status(MON, rows, now=at(MON, now))
    assert (got.status, got.codes, got.provisional) == (result, codes, provisional)


def test_every_day_explains_itself():
    got = status(MON, [("08:05", IN), ("15:50", OUT)])
    assert [m.msgid for m in got.explanation] == [
        "Jam kerja %(start)s–%(end)s (%(pola)s).",
        "Masuk %(jam)s: terlambat %(menit)s menit (%(kode)s).",
        "Pulang %(jam)s: %(menit)s menit lebih awal (%(kode)s).",
    ]
    assert got.explanation[1].params == {"jam": "08:05:00", "menit": 35, "kode": "TL2"}
    assert got.table == b.PRESET_A.name and got.scheduled.day == MON


def test_preset_b_changes_percent_not_bands():
    got = status(MON, [("09:10", IN)], table=b.PRESET_B)
    assert got.codes == ("TL4", "PSW4")
    assert b.month_deduction([got], b.PRESET_B).total == D(4)
    assert b.month_deduction([got], b.PRESET_A).total == D(3)


def test_a_month_of_days_gives_the_rules_10_example():
    """Rules §10: 2× TL1, 1× PSW2, 1× TK in January 2025 → 7% (preset A)."""
    inputs = s.ScheduleInputs(
        tz=WIB, holidays={dt.date(2025, 1, 1): s.Holiday(dt.date(2025, 1, 1), "Tahun Baru")}
    )
    days = s.schedule_range(dt.date(2025, 1, 1), dt.date(2025, 1, 31), inputs)
    special = {
        dt.date(2025, 1, 6): [("07:40", IN), ("16:00", OUT)],  # TL1
        dt.date(2025, 1, 7): [("08:00", IN), ("16:00", OUT)],  # TL1 (30 min)
        dt.date(2025, 1, 8): [("07:30", IN), ("15:15", OUT)],  # PSW2 (45 min)
        dt.date(2025, 1, 9): [],  # TK
    }
    results = []
    for day in days:
        rows = special.get(day.day, [("07:25", IN), ("16:35", OUT)])
        results.append(d.day_status(day, [p.Punch(at(day.day, c), st) for c, st in rows]))
    month = b.month_deduction(results, b.PRESET_A)
    assert month.total == D(7)
    summary = d.summarize(results)
    assert summary.tk == 1
    assert summary.statuses == {d.LIBUR: 9, d.HADIR: 21, d.TK: 1}
    assert summary.bands == {"TL1": 2, "PSW2": 1}
    assert summary.band_minutes == {"TL1": 40, "PSW2": 45}


def test_summary_counts_leave_by_kind():
    results = [
        status(MON, [], leave=LEAVE),
        status(TUE, [], leave=LEAVE),
        status(FRI, [], corrections=[SICK]),
    ]
    assert d.summarize(results).leave_kinds == {"tahunan": 2, d.KOREKSI_SAKIT: 1}


def test_every_status_and_correction_has_a_label():
    assert set(d.STATUS_LABELS) == {d.HADIR, d.TK, d.CUTI, d.DL, d.LIBUR, d.BELUM}
    assert set(d.CORRECTION_LABELS) == {d.LUPA_ABSEN, d.ALAT_RUSAK, d.KOREKSI_DL, d.KOREKSI_SAKIT}
    # Msgs render when shown; the correction's label is a parameter of its explanation line
    got = status(MON, [], corrections=[DL_CORR])
    assert got.explanation[-1].params["jenis"] == d.CORRECTION_LABELS[d.KOREKSI_DL]
    assert str(d.STATUS_LABELS[d.BELUM]) in ("Belum absen", "Not checked in yet")
