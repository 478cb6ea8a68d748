"""The daily status of one person on one day (rules §9, issue 13 §7) from the scheduled
day, the day's punches, leave, dinas luar, hour permits and approved corrections: hadir
(with TL/PSW minutes and bands; a day can be both), TK, cuti (with its kind), DL or
libur. The result carries its inputs and an explanation line by line, so that every day
of a month can be explained and the month recomputed to the same figures.

Precedence, first match wins:

1. **libur** — the schedule says the day is off (weekday without hours, a holiday, a
   rostered day off). A leave or DL spanning it does not make it a leave day: leave is
   counted in working days (PP 11/2017; rules §9 "a day with an approved leave, DL or
   holiday has no deduction").
2. **cuti** — an approved leave covers the day (PP 11/2017, Peraturan BKN 24/2017); it
   is the person's own approved absence, so it wins over a DL booked the same day (the
   services refuse such overlaps; the order only makes a conflict deterministic).
3. **DL** — a surat tugas for dinas luar covers the day; punches at the destination
   are kept but do not make TL/PSW.
4. **an approved correction of kind DL or sakit** turns the day into DL / cuti sakit.
5. **punches** — the first check-in and last check-out (`punches.select_in_out`); an
   approved correction for a forgotten punch or a broken device supplies the time of
   the side it covers and wins over a punch on that side (the supervisor approved it
   with evidence); the raw punches stay in the result. No check-in and no check-out at
   all: TK (rules §9: a whole work day with no record and no leave/DL).

Hour permits (izin jam) move the reference of lateness to the permit's end when the
permit covers the scheduled start, and the reference of early leave to its start when
it covers the scheduled end. A day that has not ended (`now` before the scheduled end)
is provisional: no PSW and no TK yet ("belum absen" on today's board).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ekinerja.core.msg import Msg, _

from .bands import PRESET_A, DeductionTable, early_code, early_minutes, late_code, late_minutes
from .punches import IN, OUT, Punch, select_in_out
from .schedule import ScheduledDay

HADIR = "hadir"
TK = "tk"
CUTI = "cuti"
DL = "dl"
LIBUR = "libur"
BELUM = "belum"  # today, not yet checked in

STATUS_LABELS = {
    HADIR: _("Hadir"),
    TK: _("Tanpa keterangan (TK)"),
    CUTI: _("Cuti"),
    DL: _("Dinas luar (DL)"),
    LIBUR: _("Libur"),
    BELUM: _("Belum absen"),
}


# --- the inputs besides the schedule and the punches --------------------------------------


@dataclass(frozen=True)
class LeaveOnDay:
    """An approved leave covering the day: its kind (leave.TAHUNAN …) and name."""

    kind: str
    name: str = ""
    ref: str = ""


@dataclass(frozen=True)
class DinasLuar:
    """A surat tugas for dinas luar covering the day (issue 13 §5)."""

    number: str = ""
    destination: str = ""
    ref: str = ""


@dataclass(frozen=True)
class HourPermit:
    """An approved izin for hours of the day (issue 13 §6), aware start and end."""

    start: dt.datetime
    end: dt.datetime
    ref: str = ""

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("a permit must end after it starts")


LUPA_ABSEN = "lupa_absen"
ALAT_RUSAK = "alat_rusak"
KOREKSI_DL = "dl"
KOREKSI_SAKIT = "sakit"
CORRECTION_LABELS = {
    LUPA_ABSEN: _("Lupa absen"),
    ALAT_RUSAK: _("Alat rusak"),
    KOREKSI_DL: _("Dinas luar"),
    KOREKSI_SAKIT: _("Sakit"),
}


@dataclass(frozen=True)
class Correction:
    """An approved correction (issue 13 §8): a forgotten punch or a broken device gives
    the time of the check-in and/or check-out; DL or sakit excuses the whole day. Raw
    punches are never edited; the correction lives beside them (rules §9)."""

    kind: str
    check_in: dt.datetime | None = None
    check_out: dt.datetime | None = None
    ref: str = ""

    def __post_init__(self) -> None:
        if self.kind not in CORRECTION_LABELS:
            raise ValueError(f"unknown correction kind {self.kind!r}")
        if self.kind in (LUPA_ABSEN, ALAT_RUSAK) and not (self.check_in or self.check_out):
            raise ValueError("a correction of a punch needs a check-in or check-out time")

    @property
    def whole_day(self) -> bool:
        return self.kind in (KOREKSI_DL, KOREKSI_SAKIT)


# --- the result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayResult:
    """The status of one day with what produced it. `late_minutes`/`early_minutes` are
    None when the side is not charged (no work, leave, DL, missing, not ended);
    `missing_in`/`missing_out` mark a missing check-in/check-out on a day present.
    `late_code`/`early_code` are the bands (TL2, PSW4) of `table`."""

    day: dt.date
    status: str
    scheduled: ScheduledDay
    table: str
    check_in: Punch | None = None
    check_out: Punch | None = None
    late_minutes: int | None = None
    early_minutes: int | None = None
    missing_in: bool = False
    missing_out: bool = False
    late_code: str = ""
    early_code: str = ""
    leave: LeaveOnDay | None = None
    dinas_luar: DinasLuar | None = None
    corrections: tuple[Correction, ...] = ()
    permits: tuple[HourPermit, ...] = ()
    punches: tuple[Punch, ...] = ()
    provisional: bool = False
    explanation: tuple[Msg, ...] = field(default=())

    @property
    def absent(self) -> bool:
        """An unexcused absence (TK), for the deduction and PP 94/2021."""
        return self.status == TK

    @property
    def codes(self) -> tuple[str, ...]:
        """What the month calendar shows: ("TL1", "PSW2"), ("H",), ("TK",), ("C",) …"""
        if self.status == HADIR:
            codes = tuple(c for c in (self.late_code, self.early_code) if c)
            return codes or ("H",)
        return {TK: ("TK",), CUTI: ("C",), DL: ("DL",), LIBUR: ("L",), BELUM: ("-",)}[self.status]


def _clock(at: dt.datetime, day: ScheduledDay) -> str:
    local = at.astimezone(day.start.tzinfo) if day.start is not None else at
    if local.date() != day.day:
        return f"{local:%H:%M:%S} ({local:%d-%m-%Y})"
    return f"{local:%H:%M:%S}"


def _late_reference(scheduled: ScheduledDay, permits: Sequence[HourPermit]) -> dt.datetime:
    assert scheduled.start is not None
    ref = scheduled.start
    for p in permits:
        if p.start <= scheduled.start < p.end:
            ref = max(ref, p.end)
    return ref


def _early_reference(scheduled: ScheduledDay, permits: Sequence[HourPermit]) -> dt.datetime:
    assert scheduled.end is not None
    ref = scheduled.end
    for p in permits:
        if p.start < scheduled.end <= p.end:
            ref = min(ref, p.start)
    return ref


def day_status(
    scheduled: ScheduledDay,
    punches: Sequence[Punch] = (),
    *,
    table: DeductionTable = PRESET_A,
    leave: LeaveOnDay | None = None,
    dinas_luar: DinasLuar | None = None,
    corrections: Sequence[Correction] = (),
    permits: Sequence[HourPermit] = (),
    now: dt.datetime | None = None,
) -> DayResult:
    """The status of one person's day (rules §9; precedence in the module docstring).
    `punches` are the day's punches (`punches.assign_punches`); `now`, when given, is
    the moment of computing (today's board)."""
    why: list[Msg] = [scheduled.explain()]
    # The inputs, kept on every result; the status and its figures are set below.
    base = DayResult(
        day=scheduled.day,
        status=LIBUR,
        scheduled=scheduled,
        table=table.name,
        leave=leave,
        dinas_luar=dinas_luar,
        corrections=tuple(corrections),
        permits=tuple(permits),
        punches=tuple(sorted(punches, key=lambda p: p.at)),
    )
    if not scheduled.is_working or scheduled.start is None or scheduled.end is None:
        return replace(base, explanation=tuple(why))
    if leave is not None:
        why.append(_("Cuti: %(jenis)s.", jenis=leave.name or leave.kind))
        return replace(base, status=CUTI, explanation=tuple(why))
    if dinas_luar is not None:
        why.append(_("Dinas luar, surat tugas %(nomor)s.", nomor=dinas_luar.number or "-"))
        return replace(base, status=DL, explanation=tuple(why))
    whole = [c for c in corrections if c.whole_day]
    if whole:
        c = whole[-1]
        why.append(_("Koreksi disetujui: %(jenis)s.", jenis=CORRECTION_LABELS[c.kind]))
        if c.kind == KOREKSI_DL:
            return replace(base, status=DL, explanation=tuple(why))
        sick = LeaveOnDay(KOREKSI_SAKIT, "Cuti Sakit", c.ref)
        return replace(base, status=CUTI, leave=sick, explanation=tuple(why))

    chosen = select_in_out(scheduled, punches)
    check_in, check_out = chosen.check_in, chosen.check_out
    for c in corrections:
        label = CORRECTION_LABELS[c.kind]
        if c.check_in is not None:
            check_in = Punch(c.check_in, IN, "koreksi", c.ref)
            why.append(
                _(
                    "Jam masuk dari koreksi (%(jenis)s): %(jam)s.",
                    jenis=label,
                    jam=_clock(c.check_in, scheduled),
                )
            )
        if c.check_out is not None:
            check_out = Punch(c.check_out, OUT, "koreksi", c.ref)
            why.append(
                _(
                    "Jam pulang dari koreksi (%(jenis)s): %(jam)s.",
                    jenis=label,
                    jam=_clock(c.check_out, scheduled),
                )
            )
    is_open = now is not None and now < scheduled.end
    if check_in is None and check_out is None:
        if is_open:
            why.append(_("Belum ada absen hari ini."))
            return replace(base, status=BELUM, provisional=True, explanation=tuple(why))
        why.append(_("Tidak ada absen, cuti, dinas luar atau koreksi: tidak masuk kerja (TK)."))
        return replace(base, status=TK, explanation=tuple(why))

    for p in permits:
        why.append(
            _(
                "Izin %(mulai)s–%(selesai)s.",
                mulai=_clock(p.start, scheduled),
                selesai=_clock(p.end, scheduled),
            )
        )
    late = early = None
    late_c = early_c = ""
    if check_in is not None:
        late = late_minutes(_late_reference(scheduled, permits), check_in.at)
        band = table.late_band(late)
        late_c = late_code(band) if band else ""
        if band:
            why.append(
                _(
                    "Masuk %(jam)s: terlambat %(menit)s menit (%(kode)s).",
                    jam=_clock(check_in.at, scheduled),
                    menit=late,
                    kode=late_c,
                )
            )
        else:
            why.append(_("Masuk %(jam)s: tepat waktu.", jam=_clock(check_in.at, scheduled)))
    else:
        band = table.late_band(None)
        late_c = late_code(band) if band else ""
        why.append(_("Tidak ada absen masuk (%(kode)s).", kode=late_c))
    if is_open:
        why.append(_("Hari kerja belum selesai: pulang cepat belum dihitung."))
    elif check_out is not None:
        early = early_minutes(_early_reference(scheduled, permits), check_out.at)
        band = table.early_band(early)
        early_c = early_code(band) if band else ""
        if band:
            why.append(
                _(
                    "Pulang %(jam)s: %(menit)s menit lebih awal (%(kode)s).",
                    jam=_clock(check_out.at, scheduled),
                    menit=early,
                    kode=early_c,
                )
            )
        else:
            why.append(_("Pulang %(jam)s: sesuai jam kerja.", jam=_clock(check_out.at, scheduled)))
    else:
        band = table.early_band(None)
        early_c = early_code(band) if band else ""
        why.append(_("Tidak ada absen pulang (%(kode)s).", kode=early_c))
    return replace(
        base,
        status=HADIR,
        check_in=check_in,
        check_out=check_out,
        late_minutes=late,
        early_minutes=early,
        missing_in=check_in is None,
        missing_out=check_out is None and not is_open,
        late_code=late_c,
        early_code=early_c,
        provisional=is_open,
        explanation=tuple(why),
    )


# --- a month's recap (issue 13 §10) ----------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Counts of a set of days: per status, per leave kind, per TL/PSW band with the
    minutes of that band (missing check-in/out adds no minutes)."""

    statuses: dict[str, int]
    leave_kinds: dict[str, int]
    bands: dict[str, int]
    band_minutes: dict[str, int]

    @property
    def tk(self) -> int:
        return self.statuses.get(TK, 0)


def summarize(results: Iterable[DayResult]) -> Summary:
    """The recap of a person's or a unit's days (issue 13 §10)."""
    statuses: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    for r in results:
        statuses[r.status] += 1
        if r.status == CUTI and r.leave is not None:
            kinds[r.leave.kind] += 1
        for code, m in ((r.late_code, r.late_minutes), (r.early_code, r.early_minutes)):
            if code:
                bands[code] += 1
                minutes[code] += m or 0
    return Summary(dict(statuses), dict(kinds), dict(bands), dict(minutes))
