"""Late and early-leave minutes, the TL1–TL4 / PSW1–PSW4 bands and the deduction
tables (rules §9), and a month's deduction with one line per charged day (what the TPP
slip shows, rules §10).

Bands and percentages are data (`DeductionTable`): each agency publishes its own table
in a Perkada or ministerial regulation, and two presets ship with the spec's numbers.
Percentages are `Decimal` and added exactly; the month total is capped, not rounded
(the TPP rounds rupiah, rules §10).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ekinerja.core.msg import Msg, _

# --- whole minutes (rules §9: 07:30:59 → 0, 07:31:00 → 1) -------------------------------


def _whole_minutes(delta: dt.timedelta) -> int:
    seconds = int(delta.total_seconds())
    return seconds // 60 if seconds > 0 else 0


def late_minutes(scheduled_start: dt.datetime, check_in: dt.datetime) -> int:
    """Whole minutes from the scheduled start to the first check-in, rounded down; 0
    when on time or early (rules §9: 07:30:59 → 0, 07:31:00 → 1)."""
    return _whole_minutes(check_in - scheduled_start)


def early_minutes(scheduled_end: dt.datetime, check_out: dt.datetime) -> int:
    """Whole minutes from the last check-out to the scheduled end, rounded down, like
    `late_minutes` (rules §9: 15:59:01 → 0, 15:59:00 → 1 for a 16:00 end)."""
    return _whole_minutes(scheduled_end - check_out)


# --- bands and deduction tables ------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """Minutes `lower`..`upper` (inclusive; `upper` None: and more) are band `level`
    (TL<level> / PSW<level>) and cost `percent` of the base (rules §9)."""

    level: int
    lower: int
    upper: int | None
    percent: Decimal

    def contains(self, minutes: int) -> bool:
        return minutes >= self.lower and (self.upper is None or minutes <= self.upper)


def _check_bands(bands: Sequence[Band], what: str) -> None:
    if not bands:
        raise ValueError(f"{what}: a table needs at least one band")
    if bands[0].lower != 1:
        raise ValueError(f"{what}: the first band starts at 1 minute")
    for prev, nxt in zip(bands, bands[1:], strict=False):
        if prev.upper is None or nxt.lower != prev.upper + 1:
            raise ValueError(f"{what}: bands must follow each other without gap or overlap")
    if bands[-1].upper is not None:
        raise ValueError(f"{what}: the last band must be open-ended")
    if len({b.level for b in bands}) != len(bands):
        raise ValueError(f"{what}: band levels must be distinct")
    if any(b.percent < 0 or (b.upper is not None and b.upper < b.lower) for b in bands):
        raise ValueError(f"{what}: negative percent or empty band")


@dataclass(frozen=True)
class DeductionTable:
    """An agency's attendance deduction table (rules §9): the late (TL) and early-leave
    (PSW) bands, the band a missing check-in or check-out falls into (default: the
    last), the percentage per TK day, and the monthly cap (100% of the base)."""

    name: str
    late: tuple[Band, ...]
    early: tuple[Band, ...]
    absent_percent: Decimal
    missing_level: int | None = None
    monthly_cap: Decimal = Decimal(100)
    source: str = ""

    def __post_init__(self) -> None:
        _check_bands(self.late, "TL")
        _check_bands(self.early, "PSW")
        for bands in (self.late, self.early):
            if self.missing_level is not None and self.missing_level not in {
                b.level for b in bands
            }:
                raise ValueError(f"missing_level {self.missing_level} is not a band level")
        if self.absent_percent < 0 or self.monthly_cap < 0:
            raise ValueError("negative percentage")

    def _missing(self, bands: tuple[Band, ...]) -> Band:
        if self.missing_level is None:
            return bands[-1]
        return next(b for b in bands if b.level == self.missing_level)

    def late_band(self, minutes: int | None) -> Band | None:
        """The TL band of `minutes` late; None (missing check-in) is the missing band;
        0 minutes is no band (rules §9)."""
        return self._missing(self.late) if minutes is None else band_for(minutes, self.late)

    def early_band(self, minutes: int | None) -> Band | None:
        """The PSW band of `minutes` early; None (missing check-out) is the missing band."""
        return self._missing(self.early) if minutes is None else band_for(minutes, self.early)


def band_for(minutes: int, bands: Sequence[Band]) -> Band | None:
    """The band holding `minutes`; none for 0 (on time)."""
    if minutes <= 0:
        return None
    return next(b for b in bands if b.contains(minutes))


def _bands(*rows: tuple[int, int | None, str]) -> tuple[Band, ...]:
    return tuple(
        Band(level, lower, upper, Decimal(pct))
        for level, (lower, upper, pct) in enumerate(rows, start=1)
    )


# Rules §9 default preset: TL/PSW 1–30 0.5%, 31–60 1%, 61–90 1.25%, ≥91 or missing
# 1.5%; TK 5% a day; capped at 100% a month.
_A = _bands((1, 30, "0.5"), (31, 60, "1"), (61, 90, "1.25"), (91, None, "1.5"))
PRESET_A = DeductionTable(
    "Preset A", _A, _A, Decimal(5), source="Spesifikasi aturan §9 (preset bawaan)"
)

# Rules §9 second preset (Permentan 68/2012): 0.5 / 1 / 1.5 / 2%, TK 4% a day.
_B = _bands((1, 30, "0.5"), (31, 60, "1"), (61, 90, "1.5"), (91, None, "2"))
PRESET_B = DeductionTable("Preset B", _B, _B, Decimal(4), source="Permentan 68/2012")

PRESETS = {"A": PRESET_A, "B": PRESET_B}


def late_code(band: Band) -> str:
    return f"TL{band.level}"


def early_code(band: Band) -> str:
    return f"PSW{band.level}"


TK = "TK"


# --- a month's deduction (rules §9, for the TPP slip of rules §10) ----------------------


class ChargeableDay(Protocol):
    """What a month's deduction reads of a day's status (daily.DayResult has it):
    `late_minutes`/`early_minutes` are None when not charged (no work day, leave, DL)
    and `missing_in`/`missing_out` mark a missing check-in or check-out."""

    @property
    def day(self) -> dt.date: ...

    @property
    def absent(self) -> bool: ...

    @property
    def late_minutes(self) -> int | None: ...

    @property
    def early_minutes(self) -> int | None: ...

    @property
    def missing_in(self) -> bool: ...

    @property
    def missing_out(self) -> bool: ...


def _pct(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


@dataclass(frozen=True)
class DeductionLine:
    """One charge of one day: its code (TL2, PSW4, TK), the minutes (None when the
    check-in/out is missing or for TK) and the percentage."""

    day: dt.date
    code: str
    minutes: int | None
    percent: Decimal

    def explain(self) -> Msg:
        pct = _pct(self.percent)
        if self.code == TK:
            return _("Tidak masuk kerja tanpa keterangan (TK): potongan %(pct)s%%.", pct=pct)
        late = self.code.startswith("TL")
        if self.minutes is None:
            if late:
                return _(
                    "Tidak absen masuk (%(code)s): potongan %(pct)s%%.", code=self.code, pct=pct
                )
            return _("Tidak absen pulang (%(code)s): potongan %(pct)s%%.", code=self.code, pct=pct)
        if late:
            return _(
                "Terlambat %(minutes)s menit (%(code)s): potongan %(pct)s%%.",
                minutes=self.minutes,
                code=self.code,
                pct=pct,
            )
        return _(
            "Pulang %(minutes)s menit lebih awal (%(code)s): potongan %(pct)s%%.",
            minutes=self.minutes,
            code=self.code,
            pct=pct,
        )


def day_lines(day: ChargeableDay, table: DeductionTable) -> tuple[DeductionLine, ...]:
    """The charges of one day (rules §9): TK alone for an unexcused absence; otherwise a
    TL line and/or a PSW line (a day can have both); none for a day on time, on leave,
    on DL or off."""
    if day.absent:
        return (DeductionLine(day.day, TK, None, table.absent_percent),)
    lines = []
    if day.missing_in or day.late_minutes is not None:
        minutes = None if day.missing_in else day.late_minutes
        band = table.late_band(minutes)
        if band is not None:
            lines.append(DeductionLine(day.day, late_code(band), minutes, band.percent))
    if day.missing_out or day.early_minutes is not None:
        minutes = None if day.missing_out else day.early_minutes
        band = table.early_band(minutes)
        if band is not None:
            lines.append(DeductionLine(day.day, early_code(band), minutes, band.percent))
    return tuple(lines)


@dataclass(frozen=True)
class MonthDeduction:
    """A month's attendance deduction: every line, their sum and the total after the
    monthly cap (rules §9: at most 100% of the base)."""

    table: str
    lines: tuple[DeductionLine, ...]
    uncapped: Decimal
    total: Decimal
    cap: Decimal

    @property
    def capped(self) -> bool:
        return self.uncapped > self.total

    def explain(self) -> Msg:
        if self.capped:
            return _(
                "Jumlah potongan %(sum)s%%, dibatasi %(cap)s%%.",
                sum=_pct(self.uncapped),
                cap=_pct(self.cap),
            )
        return _("Jumlah potongan %(sum)s%%.", sum=_pct(self.total))

    def count(self, code: str) -> int:
        return sum(1 for line in self.lines if line.code == code)


def month_deduction(days: Iterable[ChargeableDay], table: DeductionTable) -> MonthDeduction:
    """The month's deduction percentage from its days (rules §9): the sum of every day's
    lines, capped at the table's monthly cap; lines in date order."""
    lines = tuple(
        line for day in sorted(days, key=lambda d: d.day) for line in day_lines(day, table)
    )
    uncapped = sum((line.percent for line in lines), Decimal(0))
    return MonthDeduction(
        table.name, lines, uncapped, min(uncapped, table.monthly_cap), table.monthly_cap
    )
