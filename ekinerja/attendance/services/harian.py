"""The daily status (issue 13 §7; rules §9): each person's day computed from the
scheduled day (working-time version, Ramadan, holidays, roster), the punches, and the
approved leave, dinas luar and corrections, by domain.daily.day_status, and stored with
those inputs (StatusHarian), so that every day can be explained and a month reproduced.

`status_recompute` is the one writer. It works in batches of people: per call the
instansi's rules (zone, versions, Ramadan, holidays) and the month locks, then per
batch a fixed number of queries (people, roster, punches, leave, DL, corrections, and
the upsert in chunks), so the queries grow with batches, not with staff or days. A day
in a locked month is never touched. Days after today are not computed; today's is
provisional until its scheduled end.

The incremental entry points say which person-days a change touches: the days of new
punches (and the day before, for a shift that crossed midnight), days of holidays,
every stored day from a schedule's effective date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from django.db import transaction
from django.utils import timezone, translation

from ekinerja.core import audit
from ekinerja.core.msg import Msg
from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai, UnitKerja

from ..access import require_attendance_admin
from ..domain import bands, daily
from ..domain import punches as punch_rules
from ..models import Cuti, DinasLuar, Koreksi, Presensi, StatusHarian
from ..selectors.jadwal import Rules, instansi_zone, load_rules, roster_of
from ..selectors.kunci import Locks, locks_for, month_bounds

BATCH = 500  # people per batch
DAY = dt.timedelta(days=1)
# The deduction table whose minute bands name TL1–TL4 / PSW1–PSW4 (rules §9; both
# presets share the bands, only their percentages differ, which the TPP applies).
TABLE = bands.PRESET_A
UPDATE_FIELDS = [
    "status", "jenis_cuti", "sumber_jadwal", "jadwal_kerja", "shift", "hari_libur",
    "jam_mulai", "jam_selesai", "masuk", "pulang", "menit_terlambat", "menit_pulang_cepat",
    "kode_tl", "kode_psw", "tanpa_masuk", "tanpa_pulang", "sementara", "tabel", "presensi",
    "cuti", "dinas_luar", "koreksi", "penjelasan", "dihitung_pada",
]  # fmt: skip


@dataclass(frozen=True)
class RecomputeResult:
    computed: int  # person-days stored
    locked: int  # person-days left as they were: their month is locked


@cache
def _leave_name(code: str) -> Msg:
    """The kind's label as a Msg, so the explanation is shown in the reader's language."""
    with translation.override(None):
        return Msg(str(Cuti.Jenis(code).label))


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _local_midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)


@dataclass
class _Inputs:
    """What one batch of people brings besides the rules, by person."""

    paths: dict[int, str]
    roster: dict[int, dict[dt.date, Any]]
    punches: dict[int, list[punch_rules.Punch]]
    leave: dict[int, list[tuple[dt.date, dt.date, daily.LeaveOnDay]]]
    permits: dict[int, dict[dt.date, list[daily.HourPermit]]]
    dinas: dict[int, list[tuple[dt.date, dt.date, daily.DinasLuar]]]
    corrections: dict[int, dict[dt.date, list[daily.Correction]]]


def _load_batch(
    instansi_id: int, ids: list[int], first: dt.date, last: dt.date, tz: dt.tzinfo
) -> _Inputs:
    """Seven queries for a batch, whatever its size or the number of days."""
    paths = dict(
        Pegawai.objects.filter(instansi_id=instansi_id, pk__in=ids).values_list("pk", "unit__path")
    )
    inputs = _Inputs(
        {k: v or "" for k, v in paths.items()},
        roster_of(instansi_id, ids, first - DAY, last + DAY),
        {},
        {},
        {},
        {},
        {},
    )
    rows = Presensi.objects.filter(
        instansi_id=instansi_id,
        pegawai_id__in=ids,
        waktu__gte=_local_midnight(first - DAY, tz),
        waktu__lt=_local_midnight(last + 2 * DAY, tz),
    ).values_list("pk", "pegawai_id", "waktu", "status", "sumber")
    for pk, pid, at, state, source in rows:
        inputs.punches.setdefault(pid, []).append(punch_rules.Punch(at, state, source, str(pk)))
    leave_rows = Cuti.objects.filter(
        instansi_id=instansi_id,
        pegawai_id__in=ids,
        status=Cuti.Status.DISETUJUI,
        mulai__lte=last,
        selesai__gte=first,
    ).values_list("pk", "pegawai_id", "jenis", "mulai", "selesai", "jam_mulai", "jam_selesai")
    for pk, pid, jenis, mulai, selesai, jam_mulai, jam_selesai in leave_rows.order_by("pk"):
        if jenis == Cuti.Jenis.IZIN_JAM:
            if jam_mulai is None or jam_selesai is None or jam_selesai <= jam_mulai:
                continue
            for day in _days(max(mulai, first), min(selesai, last)):
                permit = daily.HourPermit(
                    dt.datetime.combine(day, jam_mulai, tzinfo=tz),
                    dt.datetime.combine(day, jam_selesai, tzinfo=tz),
                    str(pk),
                )
                inputs.permits.setdefault(pid, {}).setdefault(day, []).append(permit)
            continue
        name = cast(str, _leave_name(jenis))  # a Msg: translated when shown
        inputs.leave.setdefault(pid, []).append(
            (mulai, selesai, daily.LeaveOnDay(jenis, name, str(pk)))
        )
    dl_rows = DinasLuar.objects.filter(
        instansi_id=instansi_id,
        pegawai_id__in=ids,
        dibatalkan=False,
        mulai__lte=last,
        selesai__gte=first,
    ).values_list("pk", "pegawai_id", "nomor_surat", "tujuan", "mulai", "selesai")
    for pk, pid, nomor, tujuan, mulai, selesai in dl_rows.order_by("pk"):
        inputs.dinas.setdefault(pid, []).append(
            (mulai, selesai, daily.DinasLuar(nomor, tujuan, str(pk)))
        )
    fixes = Koreksi.objects.filter(
        instansi_id=instansi_id,
        pegawai_id__in=ids,
        status=Koreksi.Status.DISETUJUI,
        tanggal__range=(first, last),
    ).values_list("pk", "pegawai_id", "tanggal", "jenis", "jam_masuk", "jam_pulang")
    for pk, pid, tanggal, jenis, masuk, pulang in fixes.order_by("pk"):
        correction = daily.Correction(jenis, masuk, pulang, str(pk))
        inputs.corrections.setdefault(pid, {}).setdefault(tanggal, []).append(correction)
    return inputs


def _covering(spans: Sequence[tuple[dt.date, dt.date, Any]], day: dt.date) -> Any:
    return next((item for start, end, item in spans if start <= day <= end), None)


def _ids(refs: Iterable[str]) -> list[int]:
    return [int(r) for r in refs if r.isdigit()]


def _row(
    instansi_id: int,
    pid: int,
    scheduled: Any,
    version_id: int | None,
    shift_id: int | None,
    holiday_id: int | None,
    result: daily.DayResult,
    leave: daily.LeaveOnDay | None,
    dinas: daily.DinasLuar | None,
    now: dt.datetime,
) -> StatusHarian:
    on_leave = result.status == daily.CUTI
    return StatusHarian(
        instansi_id=instansi_id,
        pegawai_id=pid,
        tanggal=result.day,
        status=result.status,
        jenis_cuti=result.leave.kind if on_leave and result.leave is not None else "",
        sumber_jadwal=scheduled.source,
        jadwal_kerja_id=version_id,
        shift_id=shift_id,
        hari_libur_id=holiday_id if scheduled.holiday is not None else None,
        jam_mulai=scheduled.start,
        jam_selesai=scheduled.end,
        masuk=result.check_in.at if result.check_in else None,
        pulang=result.check_out.at if result.check_out else None,
        menit_terlambat=result.late_minutes,
        menit_pulang_cepat=result.early_minutes,
        kode_tl=result.late_code,
        kode_psw=result.early_code,
        tanpa_masuk=result.missing_in,
        tanpa_pulang=result.missing_out,
        sementara=result.provisional,
        tabel=result.table,
        presensi=_ids(p.ref for p in result.punches),
        cuti_id=int(leave.ref)
        if on_leave and leave is not None and result.leave is leave
        else None,
        dinas_luar_id=(int(dinas.ref) if result.status == daily.DL and dinas is not None else None),
        koreksi=_ids(c.ref for c in result.corrections),
        penjelasan=[m.as_json() for m in result.explanation],
        dihitung_pada=now,
    )


def _compute_person(
    instansi_id: int,
    pid: int,
    rules: Rules,
    inputs: _Inputs,
    locks: Locks,
    wanted: list[dt.date],
    now: dt.datetime,
) -> tuple[list[StatusHarian], int]:
    path = inputs.paths.get(pid, "")
    roster = inputs.roster.get(pid, {})
    first, last = wanted[0], wanted[-1]
    schedule: dict[dt.date, tuple[Any, int | None, int | None]] = {}
    for day in _days(first - DAY, last + DAY):
        entry, shift_id = roster.get(day, (None, None))
        scheduled, version_id = rules.scheduled(day, path, entry)
        schedule[day] = (scheduled, version_id, shift_id)
    assignment = punch_rules.assign_punches(
        [s for s, _v, _s in schedule.values()], inputs.punches.get(pid, [])
    )
    rows: list[StatusHarian] = []
    locked = 0
    for day in wanted:
        if locks.covers(day, path):
            locked += 1
            continue
        scheduled, version_id, shift_id = schedule[day]
        leave = _covering(inputs.leave.get(pid, ()), day)
        dinas = _covering(inputs.dinas.get(pid, ()), day)
        result = daily.day_status(
            scheduled,
            assignment.on(day),
            table=TABLE,
            leave=leave,
            dinas_luar=dinas,
            corrections=inputs.corrections.get(pid, {}).get(day, ()),
            permits=inputs.permits.get(pid, {}).get(day, ()),
            now=now,
        )
        holiday_id = rules.holiday_ids.get(day)
        rows.append(
            _row(
                instansi_id,
                pid,
                scheduled,
                version_id,
                shift_id,
                holiday_id,
                result,
                leave,
                dinas,
                now,
            )  # fmt: skip
        )
    return rows, locked


def status_recompute(
    *,
    instansi_id: int,
    pegawai_ids: Iterable[int] | None,
    first: dt.date,
    last: dt.date,
    only: Collection[dt.date] | None = None,
    now: dt.datetime | None = None,
) -> RecomputeResult:
    """Compute and store the days `first`..`last` (only the dates in `only`, when given)
    of the people `pegawai_ids` (None: every active person of the instansi). Days after
    today (in the instansi's zone) are skipped; days of locked months are left as they
    are. Runs in the caller's transaction (or its own)."""
    now = now or timezone.now()
    rules = load_rules(instansi_id, first - DAY, last + DAY)
    last = min(last, now.astimezone(rules.tz).date())
    if last < first:
        return RecomputeResult(0, 0)
    wanted = [d for d in _days(first, last) if only is None or d in only]
    if not wanted:
        return RecomputeResult(0, 0)
    if pegawai_ids is None:
        ids = list(
            Pegawai.objects.filter(instansi_id=instansi_id, aktif=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    else:
        ids = sorted(set(pegawai_ids))
    locks = locks_for(instansi_id, wanted[0], wanted[-1])
    computed = locked = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            inputs = _load_batch(instansi_id, batch, wanted[0], wanted[-1], rules.tz)
            rows: list[StatusHarian] = []
            for pid in batch:
                if pid not in inputs.paths:
                    continue  # not of this instansi
                person_rows, person_locked = _compute_person(
                    instansi_id, pid, rules, inputs, locks, wanted, now
                )
                rows += person_rows
                locked += person_locked
            StatusHarian.objects.bulk_create(
                rows,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["instansi", "pegawai", "tanggal"],
                update_fields=UPDATE_FIELDS,
            )
            computed += len(rows)
    return RecomputeResult(computed, locked)


# --- what a change touches ------------------------------------------------------------------


def recompute_for_punches(
    *,
    instansi_id: int,
    punches: Iterable[tuple[int | None, dt.datetime]],
    now: dt.datetime | None = None,
) -> RecomputeResult:
    """After new punches (pegawai, instant): the day of each punch and the day before
    (a punch after midnight may belong to a night shift), for the people concerned."""
    punches = [(pid, at) for pid, at in punches if pid is not None]
    if not punches:
        return RecomputeResult(0, 0)
    tz = instansi_zone(instansi_id)
    people: set[int] = set()
    dates: set[dt.date] = set()
    for pid, at in punches:
        if pid is None:
            continue
        day = at.astimezone(tz).date()
        people.add(pid)
        dates.update((day - DAY, day))
    if not people:
        return RecomputeResult(0, 0)
    return status_recompute(
        instansi_id=instansi_id,
        pegawai_ids=people,
        first=min(dates),
        last=max(dates),
        only=dates,
        now=now,
    )


def _clusters(dates: Iterable[dt.date], gap: int = 7) -> list[list[dt.date]]:
    out: list[list[dt.date]] = []
    for day in sorted(set(dates)):
        if out and (day - out[-1][-1]).days <= gap:
            out[-1].append(day)
        else:
            out.append([day])
    return out


def recompute_stored_dates(*, instansi_id: int, dates: Iterable[dt.date]) -> RecomputeResult:
    """The stored days on `dates` (a holiday added or removed after the fact), for the
    people who have one; dates far apart are computed as separate ranges."""
    computed = locked = 0
    for cluster in _clusters(dates):
        ids = (
            StatusHarian.objects.filter(instansi_id=instansi_id, tanggal__in=cluster)
            .values_list("pegawai_id", flat=True)
            .distinct()
        )
        result = status_recompute(
            instansi_id=instansi_id,
            pegawai_ids=list(ids),
            first=cluster[0],
            last=cluster[-1],
            only=set(cluster),
        )
        computed, locked = computed + result.computed, locked + result.locked
    return RecomputeResult(computed, locked)


def recompute_stored_range(
    *, instansi_id: int, first: dt.date, last: dt.date | None = None, unit: UnitKerja | None = None
) -> RecomputeResult:
    """Every stored day from `first` (to `last`, else today) of the people who have one,
    within a unit's subtree when given: after a rule that applies from `first` changed."""
    qs = StatusHarian.objects.filter(instansi_id=instansi_id, tanggal__gte=first)
    if last is not None:
        qs = qs.filter(tanggal__lte=last)
    if unit is not None:
        qs = qs.filter(pegawai__unit__path__startswith=unit.path)
    bounds = qs.order_by("tanggal").values_list("tanggal", flat=True)
    end = qs.order_by("-tanggal").values_list("tanggal", flat=True).first()
    begin = bounds.first()
    if begin is None or end is None:
        return RecomputeResult(0, 0)
    ids = list(qs.values_list("pegawai_id", flat=True).distinct())
    return status_recompute(instansi_id=instansi_id, pegawai_ids=ids, first=begin, last=end)


@transaction.atomic
def status_recompute_month(
    *, actor: Actor, tahun: int, bulan: int, unit: UnitKerja | None = None
) -> RecomputeResult:
    """Compute a whole month for every active person of the instansi (or of a unit's
    subtree), e.g. before locking it (Admin Instansi); locked days stay as they are."""
    actor = require_attendance_admin(actor)
    first, last = month_bounds(tahun, bulan)
    ids = None
    if unit is not None:
        ids = list(
            Pegawai.objects.filter(
                instansi_id=actor.instansi_id, aktif=True, unit__path__startswith=unit.path
            ).values_list("pk", flat=True)
        )
    result = status_recompute(
        instansi_id=actor.instansi_id, pegawai_ids=ids, first=first, last=last
    )
    audit.record(
        actor=actor.user,
        action="status_harian.recompute",
        instansi_id=actor.instansi_id,
        object_type="attendance.statusharian",
        object_repr=f"{bulan:02d}-{tahun}",
        changes={
            "tahun": tahun,
            "bulan": bulan,
            "unit": audit.ref(unit),
            "jumlah": result.computed,
            "terkunci": result.locked,
        },
    )
    return result
