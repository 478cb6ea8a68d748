"""Cuti (rules §9; PP 11/2017, Peraturan BKN 24/2017 and 7/2022): counting in working
days, request errors, and the ledger — carry-over 12 → 18 → 24, cuti bersama, cuti besar,
cancellation, and a holiday added after a leave was approved (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.attendance.domain import leave as lv
from ekinerja.attendance.domain import schedule as s

WIB = s.zone("WIB")
D = dt.date
WED_HOLIDAY = {D(2025, 1, 8): s.Holiday(D(2025, 1, 8), "Libur daerah", s.LOKAL)}
NEW_YEAR = {D(2025, 1, 1): s.Holiday(D(2025, 1, 1), "Tahun Baru")}
SIX_DAY = (s.ScheduleVersion(D(2000, 1, 1), s.SIX_DAY_PATTERN, None),)


def working(holidays=None, versions=()) -> lv.IsWorking:
    def is_working(day: dt.date) -> bool:
        return s.scheduled_day(day, tz=WIB, holidays=holidays, versions=versions).is_working

    return is_working


FIVE_DAY = working()
TAHUNAN = lv.PNS_KINDS[lv.TAHUNAN]
BESAR = lv.PNS_KINDS[lv.BESAR]
SAKIT = lv.PNS_KINDS[lv.SAKIT]


@pytest.mark.parametrize(
    "kind, start, end, is_working, days",
    [
        pytest.param(TAHUNAN, D(2025, 1, 6), D(2025, 1, 10), FIVE_DAY, 5, id="mon-fri"),
        pytest.param(TAHUNAN, D(2025, 1, 6), D(2025, 1, 13), FIVE_DAY, 6, id="weekend-not-counted"),
        pytest.param(TAHUNAN, D(2025, 1, 6), D(2025, 1, 10), working(WED_HOLIDAY), 4,
                     id="holiday-not-counted"),
        pytest.param(TAHUNAN, D(2025, 1, 11), D(2025, 1, 12), FIVE_DAY, 0, id="weekend-only"),
        pytest.param(TAHUNAN, D(2025, 1, 6), D(2025, 1, 13), working(versions=SIX_DAY), 7,
                     id="six-day-schedule-counts-saturday"),
        pytest.param(BESAR, D(2025, 1, 6), D(2025, 1, 13), FIVE_DAY, 8, id="calendar-kind"),
        pytest.param(TAHUNAN, D(2025, 1, 10), D(2025, 1, 6), FIVE_DAY, 0, id="reversed"),
    ],
)  # fmt: skip
def test_length_in_working_days_of_the_schedule(kind, start, end, is_working, days):
    assert lv.length(kind, start, end, is_working) == days


@pytest.mark.parametrize(
    "start, months, end",
    [
        (D(2025, 1, 15), 3, D(2025, 4, 14)),
        (D(2025, 1, 1), 1, D(2025, 1, 31)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 11, 10), 3, D(2026, 2, 9)),
        (D(2025, 3, 1), 36, D(2028, 2, 29)),
    ],
    ids=["3-months", "1-month", "short-february", "leap-february", "over-new-year", "cltn-3y"],
)
def test_months_end(start, months, end):
    assert lv.months_end(start, months) == end


@pytest.mark.parametrize(
    "kind, days, letter, government",
    [
        (SAKIT, 1, False, False),
        (SAKIT, 2, True, False),
        (SAKIT, 14, True, False),
        (SAKIT, 15, True, True),
        (TAHUNAN, 30, False, False),
        (lv.PPPK_KINDS[lv.SAKIT], 2, True, False),
    ],
    ids=["sick-1-day", "sick-2-days", "sick-14-days", "sick-15-days", "tahunan", "pppk-sick"],
)
def test_doctor_letters(kind, days, letter, government):
    assert lv.needs_doctor_letter(kind, days) is letter
    assert lv.needs_government_doctor(kind, days) is government


EXISTING = (lv.Leave(lv.SAKIT, D(2025, 1, 20), D(2025, 1, 22), "S-1"),)
OK: list[str] = []
SERVICE = "%(jenis)s baru dapat diambil setelah masa kerja %(tahun)s tahun."
TOO_LONG = "%(jenis)s paling lama %(batas)s %(satuan)s."
BALANCE = "Sisa cuti tahunan %(sisa)s hari kerja; yang diminta %(hari)s hari kerja."
OVERLAP = "Bertabrakan dengan %(jenis)s %(mulai)s s.d. %(selesai)s."
NO_DAY = "Rentang tanggal ini tidak memuat hari kerja."
REVERSED = "Tanggal selesai sebelum tanggal mulai."
UNKNOWN = "Jenis cuti ini tidak berlaku untuk %(aturan)s."
TIMES = "%(jenis)s hanya dapat diberikan %(kali)s kali."


# (id, rules, kind, start, end, extra keyword arguments, msgids)
REQUESTS = [
    ("tahunan-ok", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 6), D(2025, 1, 10), {}, OK),
    ("reversed", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 10), D(2025, 1, 6), {}, [REVERSED]),
    ("weekend-only", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 11), D(2025, 1, 12), {}, [NO_DAY]),
    ("first-year-no-tahunan", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 6), D(2025, 1, 6),
     {"service_years": 0}, [SERVICE]),
    ("beyond-balance", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 6), D(2025, 1, 10),
     {"balance": 4}, [BALANCE]),
    ("exactly-balance", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 6), D(2025, 1, 10),
     {"balance": 5}, OK),
    ("besar-3-months", lv.PNS_RULES, lv.BESAR, D(2025, 1, 15), D(2025, 4, 14),
     {"service_years": 5}, OK),
    ("besar-over-3-months", lv.PNS_RULES, lv.BESAR, D(2025, 1, 15), D(2025, 4, 15),
     {"service_years": 5}, [TOO_LONG]),
    ("besar-under-5-years", lv.PNS_RULES, lv.BESAR, D(2025, 1, 15), D(2025, 2, 14),
     {"service_years": 4}, [SERVICE]),
    ("alasan-penting-1-month", lv.PNS_RULES, lv.ALASAN_PENTING, D(2025, 1, 6), D(2025, 2, 5), {},
     OK),
    ("alasan-penting-over", lv.PNS_RULES, lv.ALASAN_PENTING, D(2025, 1, 6), D(2025, 2, 6), {},
     [TOO_LONG]),
    ("melahirkan-3-months", lv.PNS_RULES, lv.MELAHIRKAN, D(2025, 2, 1), D(2025, 4, 30), {}, OK),
    ("melahirkan-fourth-child", lv.PNS_RULES, lv.MELAHIRKAN, D(2025, 2, 1), D(2025, 4, 30),
     {"taken_before": 3}, [TIMES]),
    ("overlap", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 22), D(2025, 1, 24),
     {"existing": EXISTING}, [OVERLAP]),
    ("adjacent-no-overlap", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 23), D(2025, 1, 24),
     {"existing": EXISTING}, OK),
    ("pppk-has-no-besar", lv.PPPK_RULES, lv.BESAR, D(2025, 1, 6), D(2025, 1, 10),
     {"service_years": 9}, [UNKNOWN]),
    ("pppk-sick-1-month", lv.PPPK_RULES, lv.SAKIT, D(2025, 1, 6), D(2025, 2, 5), {}, OK),
    ("pppk-sick-over-1-month", lv.PPPK_RULES, lv.SAKIT, D(2025, 1, 6), D(2025, 2, 6), {},
     [TOO_LONG]),
    ("pns-sick-1-year", lv.PNS_RULES, lv.SAKIT, D(2025, 1, 6), D(2026, 1, 5), {}, OK),
    ("several-at-once", lv.PNS_RULES, lv.TAHUNAN, D(2025, 1, 20), D(2025, 1, 24),
     {"service_years": 0, "balance": 2, "existing": EXISTING}, [SERVICE, BALANCE, OVERLAP]),
]  # fmt: skip


@pytest.mark.parametrize(
    "rules, kind, start, end, extra, msgids", [pytest.param(*r[1:], id=r[0]) for r in REQUESTS]
)
def test_request_errors(rules, kind, start, end, extra, msgids):
    kw = {"service_years": 10, "balance": 12, **extra}
    got = lv.request_errors(kind, start, end, rules=rules, is_working=FIVE_DAY, **kw)
    assert [m.msgid for m in got] == msgids


def test_overlap_message_names_the_other_leave():
    (msg,) = lv.request_errors(
        lv.TAHUNAN,
        D(2025, 1, 21),
        D(2025, 1, 21),
        rules=lv.PNS_RULES,
        is_working=FIVE_DAY,
        service_years=3,
        existing=EXISTING,
    )
    assert msg.params == {"jenis": "Cuti Sakit", "mulai": "20-01-2025", "selesai": "22-01-2025"}


# --- the ledger ----------------------------------------------------------------------------


def alloc(year, rules):
    """The year's allocation for someone who has the right (never None then)."""
    entry = lv.allocation(year, rules)
    assert entry is not None
    return entry


def run_years(plan, rules=lv.PNS_RULES):
    """Each year from 2023, (own days used, cuti bersama days off, cuti besar?) in turn:
    allocate, use, consume, void, close. Returns the ledger and each year's entitlement."""
    ledger: list[lv.LedgerEntry] = []
    entitled = []
    for year, (used, bersama, besar) in enumerate(plan, start=2023):
        ledger.append(alloc(year, rules))
        entitled.append(lv.entitlement(ledger, year))
        if used:
            ledger.append(lv.LedgerEntry(year, lv.PAKAI, -used, D(year, 3, 1), f"C-{year}"))
        entry = lv.bersama_entry(year, bersama, ledger, rules, on=D(year, 4, 1))
        if entry:
            ledger.append(entry)
        if besar:
            void = lv.void_entry(year, ledger, on=D(year, 6, 1), ref=f"B-{year}")
            if void:
                ledger.append(void)
        ledger.extend(lv.year_end(year, ledger, rules))
        assert lv.balance(ledger, year) == 0  # every year closes at zero
    return ledger, entitled


# (id, rules, plan from 2023 on, entitlement of each year)
PNS, PPPK = lv.PNS_RULES, lv.PPPK_RULES
CARRY = [
    ("unused-12-18-24-24", PNS, [(0, 0, 0)] * 4, [12, 18, 24, 24]),
    ("used-all", PNS, [(12, 0, 0), (0, 0, 0)], [12, 12]),
    ("left-4-carries-4", PNS, [(8, 0, 0), (0, 0, 0), (0, 0, 0)], [12, 16, 18]),
    ("one-day-used-keeps-18", PNS, [(0, 0, 0), (1, 0, 0), (0, 0, 0)], [12, 18, 18]),
    ("used-after-24-is-18", PNS, [(0, 0, 0), (0, 0, 0), (3, 0, 0), (0, 0, 0)], [12, 18, 24, 18]),
    ("bersama-is-not-own-use", PNS, [(0, 2, 0), (0, 3, 0), (0, 0, 0)], [12, 18, 24]),
    ("bersama-consumes-tahunan", PNS, [(8, 4, 0), (0, 0, 0)], [12, 12]),
    ("besar-voids-the-year", PNS, [(0, 0, 0), (0, 0, 1), (0, 0, 0)], [12, 18, 12]),
    ("pppk-same-caps", PPPK, [(0, 0, 0)] * 3, [12, 18, 24]),
]  # fmt: skip


@pytest.mark.parametrize("rules, plan, entitled", [pytest.param(*r[1:], id=r[0]) for r in CARRY])
def test_year_end_carry_over(rules, plan, entitled):
    assert run_years(plan, rules)[1] == entitled


def test_year_end_entries_say_what_expired_and_what_carried():
    ledger, _ = run_years([(0, 0, 0)])
    assert [(e.year, e.kind, e.days, e.on) for e in ledger] == [
        (2023, lv.ALOKASI, 12, D(2023, 1, 1)),
        (2023, lv.HANGUS, -6, D(2023, 12, 31)),
        (2023, lv.DIBAWA, -6, D(2023, 12, 31)),
        (2024, lv.BAWAAN, 6, D(2024, 1, 1)),
    ]
    assert lv.year_end(2024, [], lv.PNS_RULES) == ()


def test_two_unused_years_need_the_right_in_both():
    """A first-year PNS has no cuti tahunan: their first unused year alone gives 18."""
    ledger = [alloc(2024, lv.PNS_RULES)]
    ledger += lv.year_end(2024, ledger, lv.PNS_RULES)
    assert lv.balance(ledger, 2025) + 12 == 18
    assert lv.allocation(2023, lv.PNS_RULES, eligible=False) is None


@pytest.mark.parametrize(
    "days_off, left, consumes, taken",
    [
        (3, 12, True, 3),
        (3, 2, True, 2),
        (3, 0, True, None),
        (0, 12, True, None),
        (3, 12, False, None),
    ],
    ids=["takes-3", "takes-what-is-left", "never-negative", "no-day-off", "keppres-says-no"],
)
def test_cuti_bersama_consumes_tahunan(days_off, left, consumes, taken):
    rules = lv.LeaveRules("x", lv.PNS_KINDS, bersama_consumes_annual=consumes)
    ledger = [lv.LedgerEntry(2025, lv.ALOKASI, left, D(2025, 1, 1))]
    got = lv.bersama_entry(2025, days_off, ledger, rules, on=D(2025, 4, 1))
    assert (got.days if got else None) == (-taken if taken else None)


def test_cuti_besar_voids_what_is_left():
    ledger = [
        lv.LedgerEntry(2025, lv.ALOKASI, 12, D(2025, 1, 1)),
        lv.LedgerEntry(2025, lv.PAKAI, -5, D(2025, 2, 1), "C-1"),
    ]
    void = lv.void_entry(2025, ledger, on=D(2025, 6, 1), ref="B-1")
    assert void is not None and (void.kind, void.days, void.ref) == (lv.GUGUR, -7, "B-1")
    assert lv.balance([*ledger, void], 2025) == 0
    assert lv.void_entry(2025, [*ledger, void], on=D(2025, 7, 1)) is None
    assert lv.BESAR in lv.PNS_KINDS and lv.PNS_KINDS[lv.BESAR].voids_annual


def test_a_leave_over_new_year_draws_on_each_year():
    leave = lv.Leave(lv.TAHUNAN, D(2024, 12, 30), D(2025, 1, 3), "C-9")
    got = lv.use_entries(leave, working(NEW_YEAR), on=D(2024, 12, 1))
    assert [(e.year, e.kind, e.days, e.ref) for e in got] == [
        (2024, lv.PAKAI, -2, "C-9"),
        (2025, lv.PAKAI, -2, "C-9"),
    ]


def test_cancelling_gives_the_days_back_and_is_not_use():
    leave = lv.Leave(lv.TAHUNAN, D(2025, 1, 6), D(2025, 1, 10), "C-1", 5)
    ledger = [alloc(2025, lv.PNS_RULES), *lv.use_entries(leave, FIVE_DAY, on=D(2025, 1, 2))]
    assert lv.balance(ledger, 2025) == 7 and lv.used_in(ledger, 2025)
    ledger += lv.cancel_entries(leave, ledger, on=D(2025, 1, 3))
    assert lv.balance(ledger, 2025) == 12 and not lv.used_in(ledger, 2025)
    assert lv.cancel_entries(leave, ledger, on=D(2025, 1, 4)) == ()


def test_holiday_added_after_a_leave_was_approved():
    """Issue 13 §2: the leave's counted days drop and the ledger gets a correcting entry."""
    leave = lv.Leave(lv.TAHUNAN, D(2025, 1, 6), D(2025, 1, 10), "C-1", 5)
    ledger = [alloc(2025, lv.PNS_RULES), *lv.use_entries(leave, FIVE_DAY, on=D(2025, 1, 2))]
    assert lv.balance(ledger, 2025) == 7

    got = lv.recount(leave, TAHUNAN, working(WED_HOLIDAY), ledger, on=D(2025, 1, 20))
    assert got.changed and got.leave.counted_days == 4 and got.previous_days == 5
    assert [(e.year, e.kind, e.days, e.ref) for e in got.entries] == [(2025, lv.KOREKSI, 1, "C-1")]
    ledger += got.entries
    assert lv.balance(ledger, 2025) == 8

    again = lv.recount(got.leave, TAHUNAN, working(WED_HOLIDAY), ledger, on=D(2025, 1, 21))
    assert not again.changed and again.entries == ()  # recounting twice changes nothing

    back = lv.recount(got.leave, TAHUNAN, FIVE_DAY, ledger, on=D(2025, 1, 22))
    assert [(e.kind, e.days) for e in back.entries] == [(lv.KOREKSI, -1)]  # holiday removed


def test_recount_of_a_kind_without_balance_only_changes_the_count():
    leave = lv.Leave(lv.ALASAN_PENTING, D(2025, 1, 6), D(2025, 1, 10), "A-1", 5)
    kind = lv.PNS_KINDS[lv.ALASAN_PENTING]
    got = lv.recount(leave, kind, working(WED_HOLIDAY), [], on=D(2025, 1, 20))
    assert got.entries == () and got.leave.counted_days == 5  # calendar days: unchanged
    dispensasi = lv.PNS_KINDS[lv.DISPENSASI]
    got = lv.recount(leave, dispensasi, working(WED_HOLIDAY), [], on=D(2025, 1, 20))
    assert got.entries == () and got.leave.counted_days == 4 and got.changed


def test_kinds_are_data_per_employee_type():
    assert set(lv.PNS_RULES.kinds) >= {
        lv.TAHUNAN, lv.BESAR, lv.SAKIT, lv.MELAHIRKAN, lv.ALASAN_PENTING, lv.BERSAMA, lv.CLTN
    }  # fmt: skip
    assert set(lv.PPPK_RULES.kinds) == {
        lv.TAHUNAN, lv.SAKIT, lv.MELAHIRKAN, lv.BERSAMA, lv.DISPENSASI
    }  # fmt: skip
    assert not lv.PNS_KINDS[lv.CLTN].paid and not lv.PNS_KINDS[lv.TUGAS_BELAJAR].paid
    assert (lv.PNS_RULES.annual_days, lv.PNS_RULES.cap_one_year, lv.PNS_RULES.cap_two_years) == (
        12,
        18,
        24,
    )
