"""ZKTeco attlog lines and ADMS push bodies, bad lines by number, and device clock
anomalies (rules §9, issue 13 §3; no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.attendance.domain import attlog as a
from ekinerja.attendance.domain import punches as p
from ekinerja.attendance.domain import schedule as s

T = "\t"
WHEN = dt.datetime(2025, 1, 6, 7, 25, 13)


@pytest.mark.parametrize(
    "raw, pin, time, state, verify, work_code, extra",
    [
        pytest.param(T.join(["1", "2025-01-06 07:25:13", "0", "1", "0", "0"]),
                     "1", WHEN, p.IN, 1, "0", ("0",), id="usb-attlog"),
        pytest.param(T.join(["     123", "2025-01-06 07:25:13", "255", "15", "0", "0", "0"]),
                     "123", WHEN, p.UNDEFINED, 15, "0", ("0", "0"), id="padded-pin-verify-255"),
        pytest.param(T.join(["7", "2025-01-06 07:25:13", "1", "15", "", "0", "0", "0", "36.5"]),
                     "7", WHEN, p.OUT, 15, "", ("0", "0", "0", "36.5"), id="adms-extra-fields"),
        pytest.param(T.join(["7", "2025-01-06 07:25:13"]),
                     "7", WHEN, p.UNDEFINED, None, "", (), id="pin-and-time-only"),
        pytest.param(T.join(["7", "2025-01-06 07:25:13", "4", "1", "0"]),
                     "7", WHEN, p.OVERTIME_IN, 1, "0", (), id="overtime-in"),
        pytest.param("  42   2025-01-06 07:25:13   5  1  0  0",
                     "42", WHEN, p.OVERTIME_OUT, 1, "0", ("0",), id="space-separated"),
        pytest.param(T.join(["A12", "2025-01-06 07:25:13", "0", "1", "0"]) + "\r\n",
                     "A12", WHEN, p.IN, 1, "0", (), id="alphanumeric-pin-crlf"),
    ],
)  # fmt: skip
def test_good_lines(raw, pin, time, state, verify, work_code, extra):
    got = a.parse_attlog_line(raw, 3)
    assert isinstance(got, a.DevicePunch)
    assert (got.pin, got.time, got.state, got.verify, got.work_code, got.extra) == (
        pin,
        time,
        state,
        verify,
        work_code,
        extra,
    )
    assert got.raw == raw.rstrip("\r\n") and got.line == 3
    assert got.key == (pin, time)


BAD_PIN = "PIN %(pin)s tidak sah: hanya huruf dan angka, paling panjang 24."


@pytest.mark.parametrize(
    "raw, msgid",
    [
        pytest.param("sampah", "Baris tidak dapat dibaca: kolom harus dipisah tab "
                     "(PIN, waktu, status, tipe verifikasi, kode kerja).", id="not-a-line"),
        pytest.param("1,2025-01-06 07:25:13,0", "Baris tidak dapat dibaca: kolom harus dipisah tab "
                     "(PIN, waktu, status, tipe verifikasi, kode kerja).", id="csv-line"),
        pytest.param(T.join(["", "2025-01-06 07:25:13", "0"]), "PIN kosong.", id="empty-pin"),
        pytest.param(T.join(["12-3", "2025-01-06 07:25:13", "0"]),
                     BAD_PIN, id="bad-pin"),
        pytest.param(T.join(["1" * 25, "2025-01-06 07:25:13", "0"]),
                     BAD_PIN, id="pin-too-long"),
        pytest.param(T.join(["1", "06/01/2025 07:25", "0"]),
                     "Waktu %(waktu)s tidak sah: harus berformat YYYY-MM-DD HH:MM:SS.",
                     id="other-date-format"),
        pytest.param(T.join(["1", "2025-02-30 07:25:13", "0"]),
                     "Waktu %(waktu)s tidak sah: harus berformat YYYY-MM-DD HH:MM:SS.",
                     id="impossible-date"),
        pytest.param(T.join(["1", "2025-01-06 07:25:13", "X"]),
                     "Status %(nilai)s tidak sah: harus angka 0–255.", id="state-not-a-number"),
        pytest.param(T.join(["1", "2025-01-06 07:25:13", "256"]),
                     "Status %(nilai)s tidak sah: harus angka 0–255.", id="state-256"),
        pytest.param(T.join(["1", "2025-01-06 07:25:13", "-1"]),
                     "Status %(nilai)s tidak sah: harus angka 0–255.", id="state-negative"),
        pytest.param(T.join(["1", "2025-01-06 07:25:13", "0", "jari"]),
                     "Tipe verifikasi %(nilai)s tidak sah: harus angka.", id="verify-not-a-number"),
    ],
)  # fmt: skip
def test_bad_lines_are_reported_in_indonesian(raw, msgid):
    got = a.parse_attlog_line(raw, 9)
    assert isinstance(got, a.LineError)
    assert (got.line, got.raw, got.message.msgid) == (9, raw, msgid)
    assert got.explain().msgid == "Baris %(baris)s: %(pesan)s"
    assert got.explain().params == {"baris": 9, "pesan": got.message}


@pytest.mark.parametrize("raw", ["", "   ", "\r\n", "\t"])
def test_blank_lines_are_skipped(raw):
    assert a.parse_attlog_line(raw, 1) is None


FILE = "\ufeff" + "\r\n".join(
    [
        T.join(["1", "2025-01-06 07:25:13", "0", "1", "0", "0"]),
        "",
        T.join(["2", "2025-01-06 07:31:00", "255", "1", "0", "0"]),
        "rusak",
        T.join(["1", "2025-01-06 07:25:13", "0", "1", "0", "0"]),  # the same punch again
        T.join(["1", "2025-01-06 16:05:00", "1", "1", "0", "0"]),
        T.join(["3", "2025-13-01 07:00:00", "0", "1", "0", "0"]),
    ]
)


def test_a_file_keeps_good_lines_and_numbers_bad_ones():
    got = a.parse_attlog(FILE)
    assert [(x.line, x.pin) for x in got.punches] == [(1, "1"), (3, "2"), (6, "1")]
    assert [e.line for e in got.errors] == [4, 7]
    assert [x.line for x in got.repeated] == [5]
    assert not got.ok
    assert a.parse_attlog(FILE.replace("rusak", "").replace("2025-13-01", "2025-01-07")).ok


def test_adms_push_reads_attlog_table_only():
    body = T.join(["1", "2025-01-06 07:25:13", "0", "1", "0", "0", "0", "0", "0"]) + "\n"
    got = a.parse_adms_push("ATTLOG", body)
    assert got is not None and len(got.punches) == 1 and got.ok
    assert a.parse_adms_push("attlog", body) == got
    assert a.parse_adms_push("OPERLOG", "OPLOG 4\t0\t2025-01-06 07:25:13\t0\t0\t0\t0") is None
    assert a.parse_adms_push("ATTPHOTO", "PIN=1") is None


def test_device_time_is_read_in_the_device_zone():
    wita = s.zone("WITA")
    got = a.parse_attlog_line(T.join(["1", "2025-01-06 07:25:13", "255"]), 1)
    assert isinstance(got, a.DevicePunch)
    punch = got.punch(wita, source="SN1", ref="42")
    assert punch.at == dt.datetime(2025, 1, 5, 23, 25, 13, tzinfo=dt.UTC)
    assert (punch.state, punch.source, punch.ref, punch.undefined) == (255, "SN1", "42", True)


def test_verify_255_reads_as_first_in_last_out():
    wib = s.zone("WIB")
    lines = [
        T.join(["1", "2025-01-06 07:29:00", "255"]),
        T.join(["1", "2025-01-06 12:00:00", "255"]),
        T.join(["1", "2025-01-06 16:01:00", "255"]),
    ]
    punches = [x.punch(wib) for x in a.parse_attlog("\n".join(lines)).punches]
    chosen = p.select_in_out(s.scheduled_day(dt.date(2025, 1, 6), tz=wib), punches)
    assert chosen.check_in is punches[0] and chosen.check_out is punches[2]


WIB = s.zone("WIB")
NOW = dt.datetime(2025, 1, 6, 12, 0, tzinfo=WIB)
REGISTERED = dt.datetime(2025, 1, 1, 8, 0, tzinfo=WIB)


def _seq(*times: str) -> list[a.DevicePunch]:
    return [
        a.DevicePunch("1", dt.datetime.fromisoformat(t), line=n) for n, t in enumerate(times, 1)
    ]


@pytest.mark.parametrize(
    "times, flags",
    [
        pytest.param(["2025-01-06 07:00", "2025-01-06 07:10", "2025-01-06 12:05"], [],
                     id="normal-up-to-tolerance"),
        pytest.param(["2025-01-06 07:00", "2025-01-06 12:05:01"], [(2, a.FUTURE)],
                     id="future-beyond-tolerance"),
        pytest.param(["2025-01-01 07:59:59", "2025-01-01 08:00"], [(1, a.BEFORE_REGISTRATION)],
                     id="before-registration"),
        pytest.param(["2025-01-06 07:30", "2025-01-06 07:20"], [],
                     id="back-10-min-tolerated"),
        pytest.param(["2025-01-06 07:30", "2025-01-06 07:19:59"], [(2, a.JUMP_BACK)],
                     id="back-over-10-min"),
        pytest.param(["2025-01-06 07:30", "2000-01-01 00:00", "2000-01-01 00:05"],
                     [(2, a.BEFORE_REGISTRATION), (2, a.JUMP_BACK),
                      (3, a.BEFORE_REGISTRATION), (3, a.JUMP_BACK)], id="clock-reset-to-2000"),
        pytest.param(["2025-01-06 07:30", "2026-01-06 07:31", "2025-01-06 07:32"], [(2, a.FUTURE)],
                     id="future-does-not-flag-the-next"),
    ],
)  # fmt: skip
def test_clock_anomalies(times, flags):
    got = a.clock_anomalies(_seq(*times), tz=WIB, now=NOW, registered_at=REGISTERED)
    assert [(f.punch.line, f.kind) for f in got] == flags
    for f in got:
        assert f.explain().params["baris"] == f.punch.line


def test_clock_thresholds_are_data():
    seq = _seq("2025-01-06 07:30", "2025-01-06 07:25")
    got = a.clock_anomalies(seq, tz=WIB, now=NOW, jump_back=dt.timedelta(minutes=1))
    assert [f.kind for f in got] == [a.JUMP_BACK]
    assert a.clock_anomalies(_seq("2025-01-06 12:01"), tz=WIB, now=NOW) == ()
    late = a.clock_anomalies(
        _seq("2025-01-06 12:01"), tz=WIB, now=NOW, future_tolerance=dt.timedelta(0)
    )
    assert [f.kind for f in late] == [a.FUTURE]
