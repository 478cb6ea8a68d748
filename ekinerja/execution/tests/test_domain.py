"""Pure rules of execution (domain.py), table-driven, no database: the activity's limits,
the anomaly flags of a day, the periods of a rencana aksi, reminders, and the small
helpers of the activity log."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.core import hooks as core_hooks
from ekinerja.execution import domain
from ekinerja.execution.domain import AktivitasInput, DayEntry

D = dt.date
T = dt.time.fromisoformat
TODAY = D(2026, 3, 10)


def _in(tanggal=TODAY, mulai=None, selesai=None, menit=None, uraian="Rapat"):
    return AktivitasInput(
        tanggal, T(mulai) if mulai else None, T(selesai) if selesai else None, menit, uraian
    )


@pytest.mark.parametrize(
    ("data", "skp", "minutes", "fields"),
    [
        (_in(mulai="08:00", selesai="09:30"), None, 90, set()),
        (_in(menit=45), None, 45, set()),
        (_in(menit=1440), None, 1440, set()),
        (_in(tanggal=D(2026, 3, 11), menit=30), None, 30, {"tanggal"}),  # future
        (_in(mulai="10:00", selesai="09:00"), None, -60, {"jam_selesai"}),  # end before start
        (_in(mulai="10:00", selesai="10:00"), None, 0, {"jam_selesai"}),  # zero length
        (_in(mulai="10:00"), None, 0, {"jam_selesai"}),  # only one time, no duration
        (_in(selesai="10:00"), None, 0, {"jam_mulai"}),
        # one time and the duration: the other time follows (the quick entry's prefilled
        # start plus the minutes typed)
        (_in(mulai="10:00", menit=45), None, 45, set()),
        (_in(selesai="10:00", menit=30), None, 30, set()),
        (_in(mulai="23:30", menit=29), None, 29, set()),
        (_in(mulai="23:30", menit=30), None, 30, {"menit"}),  # would end at midnight
        (_in(selesai="00:30", menit=31), None, 31, {"menit"}),  # would start the day before
        (_in(mulai="10:00", menit=0), None, 0, {"menit"}),
        # the log starts in 2000 (as the performance years do)
        (_in(tanggal=D(1999, 12, 31), menit=30), None, 30, {"tanggal"}),
        (_in(tanggal=D(1, 1, 1), menit=30), None, 30, {"tanggal"}),
        (_in(), None, 0, {"menit"}),  # neither times nor minutes
        (_in(menit=1441), None, 1441, {"menit"}),  # over 24 h
        (_in(menit=0), None, 0, {"menit"}),
        (_in(menit=-5), None, -5, {"menit"}),
        (_in(menit=30, uraian="   "), None, 30, {"uraian"}),  # missing text
        (_in(menit=30, uraian="x" * 2001), None, 30, {"uraian"}),
        # inside / outside the SKP of the chosen RHK
        (_in(menit=30), (D(2026, 1, 1), D(2026, 12, 31)), 30, set()),
        (_in(menit=30), (D(2026, 4, 1), D(2026, 12, 31)), 30, {"tanggal"}),
        (_in(menit=30), (D(2026, 1, 1), D(2026, 3, 9)), 30, {"tanggal"}),
        # several problems at once
        (
            _in(tanggal=D(2027, 1, 1), menit=2000, uraian=""),
            None,
            2000,
            {"tanggal", "menit", "uraian"},
        ),
    ],
)
def test_clean_aktivitas(data, skp, minutes, fields):
    got, errors = domain.clean_aktivitas(
        data, today=TODAY, skp_from=skp[0] if skp else None, skp_to=skp[1] if skp else None
    )
    assert set(errors) == fields
    if not fields or fields == {"uraian"}:
        assert got == minutes
    for message in errors.values():
        assert message and isinstance(message, str)


@pytest.mark.parametrize(
    ("data", "times"),
    [
        (_in(mulai="08:00", selesai="09:30"), ("08:00", "09:30")),
        (_in(mulai="08:00", selesai="09:30", menit=5), ("08:00", "09:30")),
        (_in(mulai="09:30", menit=45), ("09:30", "10:15")),
        (_in(selesai="12:00", menit=90), ("10:30", "12:00")),
        (_in(menit=45), (None, None)),
        (_in(mulai="09:30"), (None, None)),
    ],
)
def test_activity_times(data, times):
    """What is stored: both times when both are known or follow from one and the
    duration; neither for a duration alone."""
    got = domain.activity_times(data)
    assert tuple(t.strftime("%H:%M") if t else None for t in got) == times


def test_clean_aktivitas_times_win_over_minutes():
    got, errors = domain.clean_aktivitas(
        _in(mulai="08:00", selesai="08:30", menit=300), today=TODAY, skp_from=None, skp_to=None
    )
    assert (got, errors) == (30, {})


def _e(i, mulai=None, selesai=None, menit=60, kunci=""):
    start, end = (T(mulai) if mulai else None), (T(selesai) if selesai else None)
    if start and end:
        menit = domain.minutes_between(start, end)
    return DayEntry(i, start, end, menit, kunci)


@pytest.mark.parametrize(
    ("entries", "kwargs", "expected"),
    [
        # no problem
        ([_e(1, "08:00", "09:00"), _e(2, "09:30", "10:00")], {}, {1: [], 2: []}),
        # touching ends are not an overlap
        ([_e(1, "08:00", "09:00"), _e(2, "09:00", "10:00")], {}, {1: [], 2: []}),
        # overlap flags both
        (
            [_e(1, "08:00", "09:30"), _e(2, "09:00", "10:00"), _e(3, "11:00", "12:00")],
            {},
            {1: ["tumpang_tindih"], 2: ["tumpang_tindih"], 3: []},
        ),
        # one long activity containing two others
        (
            [_e(1, "08:00", "12:00"), _e(2, "09:00", "09:30"), _e(3, "10:00", "10:30")],
            {},
            {1: ["tumpang_tindih"], 2: ["tumpang_tindih"], 3: ["tumpang_tindih"]},
        ),
        # minutes-only entries never overlap
        ([_e(1, menit=60), _e(2, menit=60)], {}, {1: [], 2: []}),
        # over the working minutes: every entry of the day
        (
            [_e(1, menit=300), _e(2, menit=200)],
            {"menit_kerja_harian": 450},
            {1: ["melebihi_jam_kerja"], 2: ["melebihi_jam_kerja"]},
        ),
        # exactly the working minutes is fine
        ([_e(1, menit=450)], {"menit_kerja_harian": 450}, {1: []}),
        # holiday / leave
        ([_e(1, menit=30)], {"day_status": core_hooks.HARI_LIBUR}, {1: ["hari_libur"]}),
        ([_e(1, menit=30)], {"day_status": core_hooks.HARI_CUTI}, {1: ["cuti"]}),
        # repeated text: at the threshold flags, below does not
        (
            [_e(1, menit=30, kunci="k"), _e(2, menit=30, kunci="j")],
            {"repeat_days": {"k": 5, "j": 4}, "batas_teks_berulang": 5},
            {1: ["teks_berulang"], 2: []},
        ),
        # everything at once
        (
            [_e(1, "08:00", "16:00", kunci="k"), _e(2, "15:00", "17:00")],
            {"day_status": core_hooks.HARI_LIBUR, "repeat_days": {"k": 9}},
            {
                1: ["tumpang_tindih", "melebihi_jam_kerja", "hari_libur", "teks_berulang"],
                2: ["tumpang_tindih", "melebihi_jam_kerja", "hari_libur"],
            },
        ),
        ([], {}, {}),
    ],
)
def test_day_anomalies(entries, kwargs, expected):
    kwargs = {"menit_kerja_harian": 450, **kwargs}
    assert domain.day_anomalies(entries, **kwargs) == expected


def test_every_anomaly_has_a_label():
    for code in (
        domain.ANOMALI_TUMPANG_TINDIH,
        domain.ANOMALI_MELEBIHI_JAM_KERJA,
        domain.ANOMALI_HARI_LIBUR,
        domain.ANOMALI_CUTI,
        domain.ANOMALI_TEKS_BERULANG,
    ):
        assert str(domain.ANOMALI_LABELS[code])


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Rapat koordinasi", "rapat  koordinasi.", True),
        ("Rapat koordinasi", "RAPAT KOORDINASI!", True),
        ("Rapat koordinasi", "Rapat evaluasi", False),
    ],
)
def test_text_key(a, b, same):
    assert (domain.text_key(a) == domain.text_key(b)) is same
    assert domain.text_key("  ...  ") == ""


def test_repeat_counts_window():
    day = D(2026, 3, 31)
    pairs = [
        ("k", D(2026, 3, 31)),
        ("k", D(2026, 3, 31)),  # the same day twice counts once
        ("k", D(2026, 3, 2)),  # first day of the 30-day window
        ("k", D(2026, 3, 1)),  # outside
        ("j", D(2026, 4, 1)),  # after the day
        ("", D(2026, 3, 31)),  # empty text never counts
    ]
    assert domain.repeat_window(day) == (D(2026, 3, 2), day)
    assert domain.repeat_counts(pairs, day) == {"k": 2}


@pytest.mark.parametrize(
    ("day", "periodik", "ke"),
    [
        (D(2026, 1, 1), domain.BULANAN, 1),
        (D(2026, 12, 31), domain.BULANAN, 12),
        (D(2026, 3, 31), domain.TRIWULANAN, 1),
        (D(2026, 4, 1), domain.TRIWULANAN, 2),
        (D(2026, 12, 31), domain.TRIWULANAN, 4),
    ],
)
def test_period_of(day, periodik, ke):
    assert domain.period_of(day, periodik) == ke
    first, last = domain.period_range(day.year, periodik, ke)
    assert first <= day <= last


@pytest.mark.parametrize(
    ("periodik", "ke", "first", "last", "label"),
    [
        (domain.BULANAN, 2, D(2028, 2, 1), D(2028, 2, 29), "Februari 2028"),  # leap year
        (domain.BULANAN, 2, D(2026, 2, 1), D(2026, 2, 28), "Februari 2026"),
        (domain.TRIWULANAN, 1, D(2026, 1, 1), D(2026, 3, 31), "Triwulan I 2026"),
        (domain.TRIWULANAN, 4, D(2026, 10, 1), D(2026, 12, 31), "Triwulan IV 2026"),
    ],
)
def test_period_range_and_label(periodik, ke, first, last, label):
    year = first.year
    assert domain.period_range(year, periodik, ke) == (first, last)
    assert domain.period_label(year, periodik, ke) == label


def test_period_count():
    assert domain.period_count(domain.BULANAN) == 12
    assert domain.period_count(domain.TRIWULANAN) == 4


@pytest.mark.parametrize(
    ("hari", "jam", "terakhir", "now", "due"),
    [
        (5, "09:00", None, dt.datetime(2026, 3, 5, 9, 0), True),
        (5, "09:00", None, dt.datetime(2026, 3, 5, 8, 59), False),  # too early
        (5, "09:00", D(2026, 3, 5), dt.datetime(2026, 3, 5, 10), False),  # sent today
        (5, "09:00", D(2026, 2, 5), dt.datetime(2026, 3, 5, 10), True),  # sent last month
        (5, "09:00", None, dt.datetime(2026, 3, 6, 10), False),  # another day
        (31, "16:00", None, dt.datetime(2026, 2, 28, 16), True),  # past the end: last day
        (31, "16:00", None, dt.datetime(2026, 2, 27, 16), False),
        (0, "16:00", None, dt.datetime(2026, 3, 6, 16), True),  # every working day: Friday
        (0, "16:00", None, dt.datetime(2026, 3, 7, 16), False),  # Saturday
    ],
)
def test_reminder_due(hari, jam, terakhir, now, due):
    assert domain.reminder_due(hari=hari, jam=T(jam), terakhir=terakhir, now_local=now) is due


def test_week_days_and_previous_day():
    days = domain.week_days(D(2026, 3, 12))  # a Thursday
    assert days[0] == D(2026, 3, 9) and days[-1] == D(2026, 3, 15)
    assert [d.weekday() for d in days] == list(range(7))
    logged = [D(2026, 3, 6), D(2026, 3, 2), D(2026, 3, 10)]
    assert domain.previous_day_with(logged, D(2026, 3, 9)) == D(2026, 3, 6)  # after a weekend
    assert domain.previous_day_with(logged, D(2026, 3, 2)) is None


def test_day_totals():
    days = domain.week_days(D(2026, 3, 10))
    rows = [
        (D(2026, 3, 9), domain.DIVERIFIKASI, 300, False),
        (D(2026, 3, 9), domain.DITOLAK, 200, True),
        (D(2026, 3, 10), domain.DIAJUKAN, 60, False),
        (D(2026, 3, 20), domain.DIAJUKAN, 60, False),  # outside the week: ignored
    ]
    totals = domain.day_totals(rows, days, 450)
    assert [t.tanggal for t in totals] == days
    monday, tuesday = totals[0], totals[1]
    assert (monday.jumlah, monday.menit, monday.diverifikasi, monday.ditolak, monday.ditandai) == (
        2,
        500,
        1,
        1,
        1,
    )
    assert monday.lebih and monday.persen == 100
    assert (tuesday.jumlah, tuesday.persen, tuesday.lebih) == (1, 13, False)
    assert totals[2].jumlah == 0


@pytest.mark.parametrize(
    ("status", "editable", "deleting_message"),
    [
        (domain.DIAJUKAN, True, ""),
        (domain.DIVERIFIKASI, False, "diverifikasi"),
        (domain.DITOLAK, False, "ditolak"),
    ],
)
def test_owner_edit_rules(status, editable, deleting_message):
    assert domain.owner_can_edit(status) is editable
    assert bool(domain.owner_edit_error(status)) is not editable
    assert deleting_message in domain.owner_edit_error(status, deleting=True)


def test_copy_key_and_hours_text():
    assert domain.copy_key(T("08:00"), T("09:00"), 60, "k") == domain.copy_key(
        T("08:00"), T("09:00"), 60, "k"
    )
    assert domain.hours_text(450) == "7 j 30 m"
    assert domain.hours_text(45) == "45 m"
    assert domain.hours_text(120) == "2 j"


@pytest.mark.parametrize(
    ("day", "error"),
    [
        (TODAY, ""),
        (D(2000, 1, 1), ""),
        (TODAY + dt.timedelta(days=1), "ke depan"),
        (D(1999, 12, 31), "Tanggal harus antara 1 Januari 2000 dan 31 Desember 2100."),
    ],
)
def test_past_day_error_refuses_the_future_with_the_callers_sentence(day, error):
    """The one "not in the future" rule of the log (activities, copying a day, coaching
    notes): the caller's sentence after today, the log's years otherwise."""
    assert domain.past_day_error(day, today=TODAY, future="ke depan") == error


@pytest.mark.parametrize(
    ("year", "month", "by", "expected"),
    [(2026, 1, -1, (2025, 12)), (2026, 12, 1, (2027, 1)), (2026, 5, 0, (2026, 5))],
)
def test_shift_month(year, month, by, expected):
    assert domain.shift_month(year, month, by) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 3, 15), (dt.date(2026, 2, 1), dt.date(2026, 3, 15))),
        (dt.date(2026, 1, 2), (dt.date(2025, 12, 1), dt.date(2026, 1, 2))),
    ],
)
def test_the_queue_defaults_to_the_previous_month_and_this_one(today, expected):
    assert domain.default_range(today) == expected
