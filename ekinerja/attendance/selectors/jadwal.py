"""Working time as the rules read it (rules §9; ADR 0010): the stored patterns as the
domain's dataclasses, the versions, Ramadan periods and holidays of an instansi loaded
once for a range of days (`load_rules`), and the lists of the settings pages.

A person's version on a day comes from the deepest unit of their unit's path that has
a version in force on that day (a school's six-day week applies to the school's
subtree), else from the instansi's versions, else the Perpres 21/2023 default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from ekinerja.core.access import require_instansi
from ekinerja.core.msg import Msg, _
from ekinerja.core.roles import Actor
from ekinerja.org.models import Instansi, Pegawai, UnitKerja

from ..domain import schedule
from ..models import HariLibur, JadwalKerja, JadwalShift, PeriodeRamadan, Shift

DAY_NAMES = (_("Senin"), _("Selasa"), _("Rabu"), _("Kamis"), _("Jumat"), _("Sabtu"), _("Minggu"))
_KEYS = ("mulai", "selesai", "istirahat_mulai", "istirahat_selesai")


# --- patterns as JSON (JadwalKerja.pola) ----------------------------------------------------


def _hhmm(t: dt.time | None) -> str | None:
    return None if t is None else t.strftime("%H:%M")


def pattern_to_json(pattern: schedule.WorkPattern) -> list[dict[str, Any] | None]:
    """A pattern as stored: seven entries Monday..Sunday, null for a day off."""
    return [
        None
        if h is None
        else {
            "mulai": _hhmm(h.start),
            "selesai": _hhmm(h.end),
            "istirahat_mulai": _hhmm(h.break_start),
            "istirahat_selesai": _hhmm(h.break_end),
        }
        for h in pattern.days
    ]


DEFAULT_POLA = pattern_to_json(schedule.DEFAULT_PATTERN)
DEFAULT_POLA_RAMADAN = pattern_to_json(schedule.RAMADAN_PATTERN)


def _time(value: Any) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(value) from None


def pattern_errors(data: Any) -> list[Msg]:
    """What is wrong with a pattern as the admin entered it (rules §9), one message per
    day: seven days, times as HH:MM, the end after the start, a break with both ends
    inside the working hours. Empty when `pattern_from_json` will read it."""
    if not isinstance(data, list | tuple) or len(data) != 7:
        return [_("Pola jam kerja harus berisi tujuh hari, Senin sampai Minggu.")]
    errors: list[Msg] = []
    for name, day in zip(DAY_NAMES, data, strict=True):
        if day is None:
            continue
        if not isinstance(day, Mapping):
            errors.append(_("%(hari)s: isian jam kerja tidak dapat dibaca.", hari=name))
            continue
        try:
            start, end, b_start, b_end = (_time(day.get(k)) for k in _KEYS)
        except ValueError as e:
            errors.append(_("%(hari)s: jam %(jam)s tidak sah (HH:MM).", hari=name, jam=e.args[0]))
            continue
        if start is None or end is None:
            errors.append(_("%(hari)s: isi jam mulai dan jam selesai.", hari=name))
        elif end <= start:
            errors.append(_("%(hari)s: jam selesai harus setelah jam mulai.", hari=name))
        elif (b_start is None) != (b_end is None):
            errors.append(_("%(hari)s: isi kedua jam istirahat, atau kosongkan.", hari=name))
        elif b_start is not None and b_end is not None and not start <= b_start < b_end <= end:
            errors.append(_("%(hari)s: istirahat harus di dalam jam kerja.", hari=name))
    return errors


def pattern_from_json(data: Any, name: str) -> schedule.WorkPattern:
    """The stored pattern as the domain's WorkPattern (checked by `pattern_errors` when
    it was stored)."""
    days: list[schedule.DayHours | None] = []
    for day in data:
        if day is None:
            days.append(None)
            continue
        start, end, b_start, b_end = (_time(day.get(k)) for k in _KEYS)
        assert start is not None and end is not None
        days.append(schedule.DayHours(start, end, b_start, b_end))
    return schedule.WorkPattern(name, tuple(days))


def version_of(row: JadwalKerja) -> schedule.ScheduleVersion:
    ramadan = None
    if row.pola_ramadan is not None:
        ramadan = pattern_from_json(row.pola_ramadan, f"{row.nama} (Ramadan)")
    return schedule.ScheduleVersion(
        row.berlaku_mulai, pattern_from_json(row.pola, row.nama), ramadan
    )


def shift_of(row: Shift) -> schedule.Shift:
    return schedule.Shift(row.kode, row.nama, row.mulai, row.selesai, row.istirahat_menit)


# --- the rules of an instansi for a range of days --------------------------------------------


@dataclass
class _Scope:
    path: str  # "" for the instansi's own versions
    versions: list[tuple[int, schedule.ScheduleVersion]]  # by effective date


@dataclass
class Rules:
    """What decides the scheduled days of an instansi's people over a range: the zone,
    the versions by scope, Ramadan periods, holidays (domain form and row ids)."""

    instansi_id: int
    tz: ZoneInfo
    scopes: list[_Scope]
    ramadan: tuple[schedule.RamadanPeriod, ...]
    holidays: dict[dt.date, schedule.Holiday]
    holiday_ids: dict[dt.date, int]
    _by_path: dict[str, list[_Scope]] = field(default_factory=dict)

    def scopes_for(self, unit_path: str) -> list[_Scope]:
        """The scopes that apply to a unit, deepest first, the instansi's last."""
        found = self._by_path.get(unit_path)
        if found is None:
            found = [s for s in self.scopes if unit_path.startswith(s.path)]
            found.sort(key=lambda s: len(s.path), reverse=True)
            self._by_path[unit_path] = found
        return found

    def version_on(
        self, day: dt.date, unit_path: str
    ) -> tuple[int | None, schedule.ScheduleVersion | None]:
        """The version (row id, domain version) in force on `day` for a unit; (None,
        None) means the Perpres 21/2023 default."""
        for scope in self.scopes_for(unit_path):
            chosen = None
            for vid, version in scope.versions:
                if version.effective_from > day:
                    break
                chosen = (vid, version)
            if chosen is not None:
                return chosen
        return None, None

    def scheduled(
        self, day: dt.date, unit_path: str, roster: schedule.RosterEntry | None = None
    ) -> tuple[schedule.ScheduledDay, int | None]:
        """The scheduled day (domain.schedule.scheduled_day) and the version row used."""
        vid, version = self.version_on(day, unit_path)
        scheduled = schedule.scheduled_day(
            day,
            tz=self.tz,
            versions=(version,) if version is not None else (),
            ramadan=self.ramadan,
            holidays=self.holidays,
            roster=roster,
        )
        return scheduled, (vid if roster is None else None)


def instansi_zone(instansi_id: int) -> ZoneInfo:
    name = Instansi.objects.filter(pk=instansi_id).values_list("zona_waktu", flat=True).first()
    return ZoneInfo(name or Instansi.ZonaWaktu.WIB)


def load_rules(
    instansi_id: int, first: dt.date, last: dt.date, *, tz: ZoneInfo | None = None
) -> Rules:
    """The instansi's working-time rules for the days `first`..`last`, in four queries
    (zone, versions, Ramadan periods, holidays) whatever the number of people."""
    tz = tz or instansi_zone(instansi_id)
    scopes: dict[str, _Scope] = {}
    rows = (
        JadwalKerja.objects.filter(instansi_id=instansi_id)
        .select_related("unit")
        .order_by("berlaku_mulai", "id")
    )
    for row in rows:
        path = row.unit.path if row.unit is not None else ""
        scopes.setdefault(path, _Scope(path, [])).versions.append((row.pk, version_of(row)))
    ramadan = tuple(
        schedule.RamadanPeriod(p.mulai, p.selesai)
        for p in PeriodeRamadan.objects.filter(
            instansi_id=instansi_id, tahun__gte=first.year - 1, tahun__lte=last.year
        )
    )
    holidays: dict[dt.date, schedule.Holiday] = {}
    ids: dict[dt.date, int] = {}
    for h in HariLibur.objects.filter(instansi_id=instansi_id, tanggal__range=(first, last)):
        holidays[h.tanggal] = schedule.Holiday(h.tanggal, h.nama, h.jenis)
        ids[h.tanggal] = h.pk
    return Rules(instansi_id, tz, list(scopes.values()), ramadan, holidays, ids)


def roster_of(
    instansi_id: int, pegawai_ids: Iterable[int], first: dt.date, last: dt.date
) -> dict[int, dict[dt.date, tuple[schedule.RosterEntry, int | None]]]:
    """{pegawai: {date: (roster entry, shift row id)}} in one query."""
    out: dict[int, dict[dt.date, tuple[schedule.RosterEntry, int | None]]] = {}
    rows = JadwalShift.objects.filter(
        instansi_id=instansi_id, pegawai_id__in=list(pegawai_ids), tanggal__range=(first, last)
    ).select_related("shift")
    for r in rows:
        shift = shift_of(r.shift) if r.shift is not None else None
        out.setdefault(r.pegawai_id, {})[r.tanggal] = (
            schedule.RosterEntry(r.tanggal, shift),
            r.shift_id,
        )
    return out


# --- the settings pages -------------------------------------------------------------------


def jadwal_list(*, actor: Actor) -> list[JadwalKerja]:
    """Every version of the actor's instansi, the instansi's first, newest first."""
    actor = require_instansi(actor)
    return list(
        JadwalKerja.objects.filter(instansi_id=actor.instansi_id)
        .select_related("unit", "dibuat_oleh")
        .order_by("unit__path", "-berlaku_mulai", "-id")
    )


def ramadan_list(*, actor: Actor) -> list[PeriodeRamadan]:
    actor = require_instansi(actor)
    return list(PeriodeRamadan.objects.filter(instansi_id=actor.instansi_id).order_by("-tahun"))


def shift_list(*, actor: Actor, aktif_saja: bool = False) -> list[Shift]:
    actor = require_instansi(actor)
    qs = Shift.objects.filter(instansi_id=actor.instansi_id).select_related("unit")
    if aktif_saja:
        qs = qs.filter(aktif=True)
    return list(qs.order_by("kode", "id"))


@dataclass(frozen=True)
class RosterRow:
    pegawai: Pegawai
    days: dict[dt.date, Shift | None]  # a date absent: the weekly pattern applies


def roster_month(*, actor: Actor, unit: UnitKerja, tahun: int, bulan: int) -> list[RosterRow]:
    """The roster grid of a unit's subtree for a month: one row per active person (by
    name), in two queries."""
    actor = require_instansi(actor)
    first = dt.date(tahun, bulan, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    people = list(
        Pegawai.objects.filter(
            instansi_id=actor.instansi_id, aktif=True, unit__path__startswith=unit.path
        ).order_by("nama", "id")
    )
    grid: dict[int, dict[dt.date, Shift | None]] = {p.pk: {} for p in people}
    rows = JadwalShift.objects.filter(
        instansi_id=actor.instansi_id,
        pegawai__unit__path__startswith=unit.path,
        tanggal__range=(first, last),
    ).select_related("shift")
    for r in rows:
        if r.pegawai_id in grid:
            grid[r.pegawai_id][r.tanggal] = r.shift
    return [RosterRow(p, grid[p.pk]) for p in people]
