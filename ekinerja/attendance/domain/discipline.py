"""Unexcused absence against the discipline thresholds of PP 94/2021 (rules §9): the
year's TK days (and, where the agency turns it on, late/early minutes converted to
days) give the sanction the regulation sets, and ten consecutive working days of TK
give dismissal. The result is a recommendation listed for the BKPSDM; the system never
imposes a sanction (a hukuman disiplin is decided by the authorised official after an
examination, PP 94/2021).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ekinerja.core.msg import Msg, _

from .daily import LIBUR, TK

RINGAN = "ringan"
SEDANG = "sedang"
BERAT = "berat"


@dataclass(frozen=True)
class Step:
    """Days `lower`..`upper` (inclusive; None: and more) of unexcused absence in a year
    give the sanction `name` (the regulation's words), of `level`."""

    lower: int
    upper: int | None
    code: str
    name: str
    level: str
    source: str

    def contains(self, days: int) -> bool:
        return days >= self.lower and (self.upper is None or days <= self.upper)


def _tukin(months: int) -> str:
    return f"Pemotongan tunjangan kinerja sebesar 25% selama {months} bulan"


PP94_STEPS = (
    Step(3, 3, "teguran_lisan", "Teguran lisan", RINGAN, "PP 94/2021 Pasal 9"),
    Step(4, 6, "teguran_tertulis", "Teguran tertulis", RINGAN, "PP 94/2021 Pasal 9"),
    Step(7, 10, "pernyataan_tidak_puas", "Pernyataan tidak puas secara tertulis", RINGAN,
         "PP 94/2021 Pasal 9"),
    Step(11, 13, "potongan_tukin_6", _tukin(6), SEDANG, "PP 94/2021 Pasal 10"),
    Step(14, 16, "potongan_tukin_9", _tukin(9), SEDANG, "PP 94/2021 Pasal 10"),
    Step(17, 20, "potongan_tukin_12", _tukin(12), SEDANG, "PP 94/2021 Pasal 10"),
    Step(21, 24, "penurunan_jabatan", "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
         BERAT, "PP 94/2021 Pasal 11 ayat (2) huruf d angka 1"),
    Step(25, 27, "pembebasan_jabatan",
         "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan", BERAT,
         "PP 94/2021 Pasal 11 ayat (2) huruf d angka 2"),
    Step(28, None, "pemberhentian",
         "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS", BERAT,
         "PP 94/2021 Pasal 11 ayat (2) huruf d angka 3"),
)  # fmt: skip

# Ten consecutive working days of TK: dismissal, and the salary stops from the next
# month (PP 94/2021 Pasal 11 ayat (2) huruf d angka 4, Pasal 15 ayat (2)).
RUN_DISMISSAL = Step(
    10,
    None,
    "pemberhentian_berturut",
    "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS",
    BERAT,
    "PP 94/2021 Pasal 11 ayat (2) huruf d angka 4; Pasal 15 ayat (2)",
)


@dataclass(frozen=True)
class DisciplineRules:
    """The thresholds as data: the steps by days a year, the run of consecutive working
    days that gives dismissal, and optionally how many minutes of lateness and early
    leave count as one day of absence (Peraturan BKN 6/2022 converts 7.5 hours to a day;
    off by default, as rules §9 counts TK days only)."""

    steps: tuple[Step, ...] = PP94_STEPS
    run: Step = RUN_DISMISSAL
    minutes_per_day: int | None = None


PP94 = DisciplineRules()


class _Day(Protocol):
    @property
    def day(self) -> dt.date: ...

    @property
    def status(self) -> str: ...


def longest_tk_run(days: Iterable[_Day]) -> tuple[dt.date, ...]:
    """The longest run of TK on consecutive working days (PP 94/2021 "secara terus
    menerus"): days off (weekends, holidays, rostered days off) neither count nor break
    it; any working day that is not TK (present, cuti, DL) breaks it."""
    best: list[dt.date] = []
    run: list[dt.date] = []
    for d in sorted(days, key=lambda d: d.day):
        if d.status == LIBUR:
            continue
        if d.status == TK:
            run.append(d.day)
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    return tuple(best)


@dataclass(frozen=True)
class Recommendation:
    """A person's year against PP 94/2021: the TK days, the days converted from minutes,
    the step their total reaches, and the longest run of TK with whether it reaches the
    dismissal run. A recommendation for the BKPSDM, never a sanction."""

    tk_days: int
    converted_days: int
    step: Step | None
    run: tuple[dt.date, ...]
    run_step: Step | None

    @property
    def total_days(self) -> int:
        return self.tk_days + self.converted_days

    @property
    def any(self) -> bool:
        return self.step is not None or self.run_step is not None

    def explain(self) -> tuple[Msg, ...]:
        lines: list[Msg] = []
        if self.step is not None:
            lines.append(
                _(
                    "%(hari)s hari tidak masuk kerja tanpa alasan yang sah dalam setahun: "
                    "%(hukuman)s (%(dasar)s).",
                    hari=self.total_days,
                    hukuman=self.step.name,
                    dasar=self.step.source,
                )
            )
        if self.run_step is not None:
            lines.append(
                _(
                    "%(hari)s hari kerja berturut-turut tidak masuk (%(mulai)s s.d. "
                    "%(selesai)s): %(hukuman)s (%(dasar)s).",
                    hari=len(self.run),
                    mulai=f"{self.run[0]:%d-%m-%Y}",
                    selesai=f"{self.run[-1]:%d-%m-%Y}",
                    hukuman=self.run_step.name,
                    dasar=self.run_step.source,
                )
            )
        if not lines:
            return (_("Belum mencapai batas hukuman disiplin."),)
        lines.append(
            _("Rekomendasi untuk BKPSDM; hukuman disiplin dijatuhkan oleh pejabat yang berwenang.")
        )
        return tuple(lines)


def recommend(
    tk_days: int,
    run: tuple[dt.date, ...] = (),
    *,
    late_early_minutes: int = 0,
    rules: DisciplineRules = PP94,
) -> Recommendation:
    """The PP 94/2021 recommendation for a year's TK days, its longest TK run and, when
    the rules convert them, the year's late/early minutes (whole days only)."""
    converted = 0
    if rules.minutes_per_day:
        converted = late_early_minutes // rules.minutes_per_day
    total = tk_days + converted
    step = next((s for s in rules.steps if s.contains(total)), None)
    run_step = rules.run if rules.run.contains(len(run)) else None
    return Recommendation(tk_days, converted, step, run, run_step)


def recommend_for_year(
    days: Iterable[_Day], *, late_early_minutes: int = 0, rules: DisciplineRules = PP94
) -> Recommendation:
    """`recommend` from a person's day statuses of one year (daily.DayResult)."""
    days = list(days)
    tk = sum(1 for d in days if d.status == TK)
    return recommend(tk, longest_tk_run(days), late_early_minutes=late_early_minutes, rules=rules)
