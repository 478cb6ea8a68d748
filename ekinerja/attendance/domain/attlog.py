"""Fingerprint and face device logs (rules §9, issue 13 §3): ZKTeco attlog lines from a
downloaded file or from the ADMS push body (`/iclock/cdata?table=ATTLOG`) as device
punches with their raw line, each bad line reported by number in Indonesian, and the
signs of a device clock that is off (punches in the future, before the device was
registered, or jumping back).

An attlog line is tab-separated: PIN, 'YYYY-MM-DD HH:MM:SS' (the device's wall-clock,
no time zone), verify state (0/1/4/5 in/out/overtime-in/overtime-out, 255 undefined),
verify type (fingerprint, face, card …), work code, then fields newer firmware adds
(reserved, mask, temperature), which are kept but not read. Lines whose fields are
separated by runs of spaces (files re-saved by a text editor) are read too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ekinerja.core.msg import Msg, _

from .punches import UNDEFINED, Punch

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_PIN = re.compile(r"[0-9A-Za-z]{1,24}")
_DIGITS = re.compile(r"[0-9]+")
_SPACED = re.compile(r"^\s*(\S+)\s+(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})((?:\s+\S+)*)\s*$")


@dataclass(frozen=True)
class DevicePunch:
    """One attlog record as the device wrote it: `time` is the device's naive local
    wall-clock; `raw` the line as received and `line` its number (1-based)."""

    pin: str
    time: dt.datetime
    state: int = UNDEFINED
    verify: int | None = None
    work_code: str = ""
    extra: tuple[str, ...] = ()
    raw: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str, dt.datetime]:
        """With the device, the unique key of a raw punch (issue 13 §3): importing or
        pushing the same record again changes nothing."""
        return (self.pin, self.time)

    def at(self, tz: dt.tzinfo) -> dt.datetime:
        """The instant, reading the wall-clock in the device's registered zone."""
        return self.time.replace(tzinfo=tz)

    def punch(self, tz: dt.tzinfo, *, source: str = "", ref: str = "") -> Punch:
        return Punch(self.at(tz), self.state, source, ref)


@dataclass(frozen=True)
class LineError:
    """A line that could not be read, by number, with what is wrong (in Indonesian)."""

    line: int
    raw: str
    message: Msg

    def explain(self) -> Msg:
        return _("Baris %(baris)s: %(pesan)s", baris=self.line, pesan=self.message)


@dataclass(frozen=True)
class ParseResult:
    """The punches read (first occurrence of each key), the bad lines, and the lines
    that repeat a key already read in the same file."""

    punches: tuple[DevicePunch, ...]
    errors: tuple[LineError, ...]
    repeated: tuple[DevicePunch, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if _DIGITS.fullmatch(text) else None


def _fields(raw: str) -> list[str] | None:
    if "\t" in raw:
        return [f.strip() for f in raw.split("\t")]
    m = _SPACED.match(raw)
    if m is None:
        return None
    return [m.group(1), m.group(2), *m.group(3).split()]


def parse_attlog_line(raw: str, line: int) -> DevicePunch | LineError | None:
    """One attlog line (rules §9): a DevicePunch, a LineError, or None for a blank line.
    Missing trailing fields default to state 255 (undefined), no verify type, no work
    code."""
    text = raw.rstrip("\r\n")
    if not text.strip():
        return None
    fields = _fields(text)
    if fields is None or len(fields) < 2:
        return LineError(
            line,
            text,
            _(
                "Baris tidak dapat dibaca: kolom harus dipisah tab "
                "(PIN, waktu, status, tipe verifikasi, kode kerja)."
            ),
        )
    pin, when = fields[0], fields[1]
    if not pin:
        return LineError(line, text, _("PIN kosong."))
    if not _PIN.fullmatch(pin):
        return LineError(
            line,
            text,
            _("PIN %(pin)s tidak sah: hanya huruf dan angka, paling panjang 24.", pin=pin),
        )
    try:
        time = dt.datetime.strptime(when, TIME_FORMAT)
    except ValueError:
        return LineError(
            line,
            text,
            _("Waktu %(waktu)s tidak sah: harus berformat YYYY-MM-DD HH:MM:SS.", waktu=when),
        )
    state = UNDEFINED
    if len(fields) > 2 and fields[2] != "":
        parsed = _int(fields[2])
        if parsed is None or parsed > 255:
            return LineError(
                line,
                text,
                _("Status %(nilai)s tidak sah: harus angka 0–255.", nilai=fields[2]),
            )
        state = parsed
    verify = None
    if len(fields) > 3 and fields[3] != "":
        verify = _int(fields[3])
        if verify is None:
            return LineError(
                line,
                text,
                _("Tipe verifikasi %(nilai)s tidak sah: harus angka.", nilai=fields[3]),
            )
    work_code = fields[4] if len(fields) > 4 else ""
    return DevicePunch(pin, time, state, verify, work_code, tuple(fields[5:]), text, line)


def parse_attlog(text: str) -> ParseResult:
    """Every line of an attlog file or push body (rules §9, issue 13 §3). Good lines are
    returned beside the bad ones; the service keeps them only when the admin confirms."""
    if text.startswith("\ufeff"):
        text = text[1:]
    punches: list[DevicePunch] = []
    errors: list[LineError] = []
    repeated: list[DevicePunch] = []
    seen: set[tuple[str, dt.datetime]] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        result = parse_attlog_line(raw, number)
        if result is None:
            continue
        if isinstance(result, LineError):
            errors.append(result)
        elif result.key in seen:
            repeated.append(result)
        else:
            seen.add(result.key)
            punches.append(result)
    return ParseResult(tuple(punches), tuple(errors), tuple(repeated))


ADMS_ATTLOG = "ATTLOG"


def parse_adms_push(table: str, body: str) -> ParseResult | None:
    """The body of an ADMS push (`POST /iclock/cdata?SN=…&table=…`): the ATTLOG table's
    lines are attlog lines; other tables (OPERLOG, ATTPHOTO, user data) are not punches
    and give None (the endpoint acknowledges them and keeps nothing)."""
    if table.strip().upper() != ADMS_ATTLOG:
        return None
    return parse_attlog(body)


# --- a device clock that is off (issue 13 §3) ---------------------------------------------

FUTURE = "masa_depan"
BEFORE_REGISTRATION = "sebelum_registrasi"
JUMP_BACK = "mundur"

DEFAULT_FUTURE_TOLERANCE = dt.timedelta(minutes=5)
DEFAULT_JUMP_BACK = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class ClockFlag:
    """A punch that shows the device's clock is off: `reference` is the instant it was
    compared with (now, the registration, the latest punch before it)."""

    kind: str
    punch: DevicePunch
    at: dt.datetime
    reference: dt.datetime

    def explain(self) -> Msg:
        when = f"{self.punch.time:%Y-%m-%d %H:%M:%S}"
        if self.kind == FUTURE:
            return _(
                "Baris %(baris)s: waktu %(waktu)s di masa depan; jam mesin maju?",
                baris=self.punch.line,
                waktu=when,
            )
        if self.kind == BEFORE_REGISTRATION:
            return _(
                "Baris %(baris)s: waktu %(waktu)s sebelum mesin didaftarkan; jam mesin salah?",
                baris=self.punch.line,
                waktu=when,
            )
        return _(
            "Baris %(baris)s: waktu %(waktu)s mundur dari catatan sebelumnya; jam mesin diubah?",
            baris=self.punch.line,
            waktu=when,
        )


def clock_anomalies(
    punches: Sequence[DevicePunch],
    *,
    tz: dt.tzinfo,
    now: dt.datetime,
    registered_at: dt.datetime | None = None,
    future_tolerance: dt.timedelta = DEFAULT_FUTURE_TOLERANCE,
    jump_back: dt.timedelta = DEFAULT_JUMP_BACK,
) -> tuple[ClockFlag, ...]:
    """Flags for the admin over one device's punches in the order the device recorded
    them (file or push order), never silent acceptance (issue 13 §3):

    - FUTURE: later than `now` + `future_tolerance`;
    - BEFORE_REGISTRATION: earlier than the device's registration;
    - JUMP_BACK: earlier than the latest punch before it by more than `jump_back` (a
      device logs in time order; a clock set back shows as a step back). Punches in the
      future do not move that latest punch, so a clock put right is not flagged again.
    """
    flags: list[ClockFlag] = []
    latest: dt.datetime | None = None
    for p in punches:
        at = p.at(tz)
        future = at > now + future_tolerance
        if future:
            flags.append(ClockFlag(FUTURE, p, at, now))
        if registered_at is not None and at < registered_at:
            flags.append(ClockFlag(BEFORE_REGISTRATION, p, at, registered_at))
        if latest is not None and at < latest - jump_back:
            flags.append(ClockFlag(JUMP_BACK, p, at, latest))
        if not future and (latest is None or at > latest):
            latest = at
    return tuple(flags)
