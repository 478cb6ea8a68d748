"""The stored daily status as its readers see it (issue 13 §7, §9, §11):

- `person_month`: a person's month, day by day, each day with its explanation (the
  month calendar);
- `locked_month`: the read contract of the TPP, "the locked attendance month per
  person" — counts of hadir, TL/PSW per band with their minutes, TK, cuti per kind,
  DL, and the day list with explanations — answered only for locked months;
- `day_status_provider`: which of a person's dates are days off or leave, for
  execution's anomaly flags (registered through the day-status hook).

Explanations are stored as Msg JSON and returned as Msg, rendered in the reader's
language when shown. Each reader is a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from ekinerja.core.msg import Msg
from ekinerja.org.models import Pegawai

from ..domain import daily
from ..models import Cuti, KunciBulan, StatusHarian
from .jadwal import load_rules, roster_of
from .kunci import locks_for, month_bounds

CODES = {daily.TK: "TK", daily.CUTI: "C", daily.DL: "DL", daily.LIBUR: "L", daily.BELUM: "-"}


def explanation(row: StatusHarian) -> list[Msg | str]:
    return [Msg.from_json(m) for m in row.penjelasan or []]


def codes(row: StatusHarian) -> tuple[str, ...]:
    """What the month calendar shows for a day (as domain.daily.DayResult.codes)."""
    if row.status == daily.HADIR:
        return tuple(c for c in (row.kode_tl, row.kode_psw) if c) or ("H",)
    return (CODES.get(row.status, "?"),)


@dataclass(frozen=True)
class Day:
    tanggal: dt.date
    row: StatusHarian | None  # None: not computed (a future day)

    @property
    def codes(self) -> tuple[str, ...]:
        return codes(self.row) if self.row is not None else ()

    @property
    def penjelasan(self) -> list[Msg | str]:
        return explanation(self.row) if self.row is not None else []


@dataclass(frozen=True)
class _Stored:
    """A stored day in the shape domain.daily.summarize reads."""

    status: str
    leave: daily.LeaveOnDay | None
    late_code: str
    late_minutes: int | None
    early_code: str
    early_minutes: int | None


def summary(rows: Iterable[StatusHarian]) -> daily.Summary:
    """The domain's recap (daily.summarize) of stored days."""
    stored = [
        _Stored(
            r.status,
            daily.LeaveOnDay(r.jenis_cuti) if r.jenis_cuti else None,
            r.kode_tl,
            r.menit_terlambat,
            r.kode_psw,
            r.menit_pulang_cepat,
        )
        for r in rows
    ]
    return daily.summarize(cast(list[daily.DayResult], stored))


@dataclass(frozen=True)
class PersonMonth:
    pegawai: Pegawai
    tahun: int
    bulan: int
    days: list[Day]
    summary: daily.Summary
    locked: bool


def _month_rows(instansi_id: int, first: dt.date, last: dt.date, **filters: Any):
    return StatusHarian.objects.filter(
        instansi_id=instansi_id, tanggal__range=(first, last), **filters
    ).order_by("tanggal")


def person_month(*, pegawai: Pegawai, tahun: int, bulan: int) -> PersonMonth:
    """A person's month, every calendar day (None where not computed yet), two queries.
    The caller got `pegawai` through access.access_pegawai_kehadiran (unit loaded)."""
    first, last = month_bounds(tahun, bulan)
    rows = {r.tanggal: r for r in _month_rows(pegawai.instansi_id, first, last, pegawai=pegawai)}
    days = [Day(first + dt.timedelta(days=i), None) for i in range((last - first).days + 1)]
    days = [Day(d.tanggal, rows.get(d.tanggal)) for d in days]
    locks = locks_for(pegawai.instansi_id, first, last)
    path = pegawai.unit.path if pegawai.unit is not None else None
    return PersonMonth(
        pegawai, tahun, bulan, days, summary(rows.values()), locks.covers(first, path)
    )


# --- the TPP's read contract ----------------------------------------------------------------


@dataclass(frozen=True)
class LockedMonth:
    """One person's locked month: the lock it stands under, the counts (statuses,
    cuti per kind, TL/PSW per band with minutes) and the days with explanations."""

    pegawai_id: int
    tahun: int
    bulan: int
    kunci: KunciBulan
    summary: daily.Summary
    days: list[StatusHarian]

    @property
    def hadir(self) -> int:
        return self.summary.statuses.get(daily.HADIR, 0)

    @property
    def tk(self) -> int:
        return self.summary.statuses.get(daily.TK, 0)

    @property
    def dl(self) -> int:
        return self.summary.statuses.get(daily.DL, 0)

    @property
    def cuti(self) -> dict[str, int]:
        return self.summary.leave_kinds

    @property
    def bands(self) -> dict[str, tuple[int, int]]:
        """{TL1: (days, minutes), PSW4: (days, minutes), …}"""
        s = self.summary
        return {code: (n, s.band_minutes.get(code, 0)) for code, n in s.bands.items()}


def locked_month(
    *, instansi_id: int, tahun: int, bulan: int, pegawai_ids: Iterable[int] | None = None
) -> dict[int, LockedMonth]:
    """The locked attendance month per person (issue 13 §9; read by the TPP): only the
    people whose month is locked (for the instansi, or for the OPD their unit lies in)
    are answered; anyone else is absent from the result. Three queries."""
    first, last = month_bounds(tahun, bulan)
    locks = locks_for(instansi_id, first, last)
    if not locks:
        return {}
    people = Pegawai.objects.filter(instansi_id=instansi_id)
    if pegawai_ids is not None:
        people = people.filter(pk__in=list(pegawai_ids))
    paths = dict(people.values_list("pk", "unit__path"))
    covered = {pid for pid, path in paths.items() if locks.covers(first, path)}
    by_person: dict[int, list[StatusHarian]] = {pid: [] for pid in covered}
    rows = _month_rows(instansi_id, first, last)
    if pegawai_ids is not None:
        rows = rows.filter(pegawai_id__in=covered)
    for row in rows:
        if row.pegawai_id in by_person:
            by_person[row.pegawai_id].append(row)

    def lock_of(path: str | None) -> KunciBulan:
        whole = [k for k in locks.rows if k.unit is None]
        if whole:
            return whole[0]
        return next(k for k in locks.rows if path and k.unit and path.startswith(k.unit.path))

    return {
        pid: LockedMonth(pid, tahun, bulan, lock_of(paths[pid]), summary(days), days)
        for pid, days in by_person.items()
    }


# --- the day-status hook for execution --------------------------------------------------------


def day_status_provider(
    instansi_id: int, pegawai_id: int, dates: list[dt.date]
) -> dict[dt.date, str]:
    """{date: "libur" | "cuti"} for a person's dates that are not working days (a
    holiday, a weekday without hours, a rostered day off) or are covered by approved
    leave; the anomaly flags of execution ask it. Eight queries whatever the dates."""
    if not dates:
        return {}
    found = (
        Pegawai.objects.filter(instansi_id=instansi_id, pk=pegawai_id)
        .values_list("pk", "unit__path")
        .first()
    )
    if found is None:
        return {}
    path = found[1]
    first, last = min(dates), max(dates)
    rules = load_rules(instansi_id, first, last)
    roster = roster_of(instansi_id, [pegawai_id], first, last).get(pegawai_id, {})
    leave = list(
        Cuti.objects.filter(
            instansi_id=instansi_id,
            pegawai_id=pegawai_id,
            status=Cuti.Status.DISETUJUI,
            mulai__lte=last,
            selesai__gte=first,
        )
        .exclude(jenis=Cuti.Jenis.IZIN_JAM)
        .values_list("mulai", "selesai")
    )
    out: dict[dt.date, str] = {}
    for day in set(dates):
        entry = roster.get(day, (None, None))[0]
        scheduled, _version = rules.scheduled(day, path or "", entry)
        if not scheduled.is_working:
            out[day] = daily.LIBUR
        elif any(start <= day <= end for start, end in leave):
            out[day] = daily.CUTI
    return out
