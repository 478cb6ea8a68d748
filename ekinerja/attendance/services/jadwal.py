"""Working time as versioned data (issue 13 §1; rules §9; ADR 0010), kept by the Admin
Instansi: schedule versions from an effective date (never edited: a change is a new
version), the Ramadan period of a year, shifts, and the roster of a unit's month.

A write that changes how past days are scheduled recomputes the days already stored
(services.harian) in the same transaction; a write that would change a day of a locked
month is refused, naming the month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.clock import local_today
from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai, UnitKerja

from ..access import require_attendance_admin
from ..models import JadwalKerja, JadwalShift, PeriodeRamadan, Shift
from ..selectors.jadwal import DEFAULT_POLA_RAMADAN, pattern_errors
from ..selectors.kunci import lock_from, lock_on_dates, lock_touching, month_bounds
from . import harian
from .kunci import locked_error

_KODE = re.compile(r"[A-Za-z0-9_-]{1,16}")
KEEP = object()  # jadwal_create(pola_ramadan=KEEP): the Ramadan hours of rules §9


def _own_unit(actor: Actor, unit: UnitKerja | None) -> None:
    if unit is not None and unit.instansi_id != actor.instansi_id:
        raise ValidationError({"unit": [_("Pilih unit kerja instansi Anda.")]})


# --- schedule versions ------------------------------------------------------------------------


@transaction.atomic
def jadwal_create(
    *,
    actor: Actor,
    nama: str,
    berlaku_mulai: dt.date,
    pola: list[Any],
    pola_ramadan: Any = KEEP,
    unit: UnitKerja | None = None,
) -> JadwalKerja:
    """A new version of the working hours of the instansi (or of a unit's subtree) from
    `berlaku_mulai`. Refused when the date falls in or before a locked month of that
    scope (those locked days would change if reopened). Days already computed from that
    date on are recomputed."""
    actor = require_attendance_admin(actor)
    _own_unit(actor, unit)
    nama = (nama or "").strip()
    errors: dict[str, list[str]] = {}
    if not nama:
        errors["nama"] = [_("Isi nama jadwal kerja.")]
    if problems := pattern_errors(pola):
        errors["pola"] = [str(m) for m in problems]
    ramadan = DEFAULT_POLA_RAMADAN if pola_ramadan is KEEP else pola_ramadan
    if ramadan is not None and (problems := pattern_errors(ramadan)):
        errors["pola_ramadan"] = [str(m) for m in problems]
    if errors:
        raise ValidationError(errors)
    same = JadwalKerja.objects.filter(
        instansi_id=actor.instansi_id, unit=unit, berlaku_mulai=berlaku_mulai
    )
    if same.exists():
        raise ValidationError(
            {"berlaku_mulai": [_("Sudah ada versi jadwal yang berlaku mulai tanggal ini.")]}
        )
    if lock := lock_from(actor.instansi_id, berlaku_mulai, unit.path if unit else None):
        raise locked_error(lock)
    row = JadwalKerja.objects.create(
        instansi_id=actor.instansi_id,
        unit=unit,
        nama=nama,
        berlaku_mulai=berlaku_mulai,
        pola=pola,
        pola_ramadan=ramadan,
        dibuat_oleh=actor.user,
    )
    audit.record(
        actor=actor.user,
        action="jadwal_kerja.create",
        obj=row,
        changes=audit.snapshot(row, ("unit", "nama", "berlaku_mulai", "pola", "pola_ramadan")),
    )
    if berlaku_mulai <= local_today(actor):
        harian.recompute_stored_range(instansi_id=actor.instansi_id, first=berlaku_mulai, unit=unit)
    return row


# --- Ramadan ----------------------------------------------------------------------------------


@transaction.atomic
def ramadan_set(*, actor: Actor, tahun: int, mulai: dt.date, selesai: dt.date) -> PeriodeRamadan:
    """Set the Ramadan period of `tahun` (from the year's MenPANRB circular): created or
    changed; the days it adds or removes are recomputed, unless one is in a locked
    month (refused)."""
    actor = require_attendance_admin(actor)
    if selesai < mulai:
        raise ValidationError({"selesai": [_("Tanggal selesai sebelum tanggal mulai.")]})
    if mulai.year != tahun or (selesai - mulai).days > 31:
        raise ValidationError(
            {
                "mulai": [
                    _("Periode Ramadan dimulai pada tahun yang dipilih dan paling lama 31 hari.")
                ]
            }
        )
    row = (
        PeriodeRamadan.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, tahun=tahun)
        .first()
    )
    before = audit.snapshot(row, ("mulai", "selesai")) if row else {}
    changed = {mulai + dt.timedelta(days=i) for i in range((selesai - mulai).days + 1)}
    if row is not None:
        old = {row.mulai + dt.timedelta(days=i) for i in range((row.selesai - row.mulai).days + 1)}
        changed ^= old
    if lock := lock_on_dates(actor.instansi_id, changed):
        raise locked_error(lock)
    if row is None:
        row = PeriodeRamadan.objects.create(
            instansi_id=actor.instansi_id, tahun=tahun, mulai=mulai, selesai=selesai
        )
        action = "periode_ramadan.create"
    else:
        row.mulai, row.selesai = mulai, selesai
        row.save(update_fields=["mulai", "selesai"])
        action = "periode_ramadan.update"
    changes = audit.diff(before, audit.snapshot(row, ("mulai", "selesai")))
    if changes:
        audit.record(actor=actor.user, action=action, obj=row, changes=changes)
    if changed:
        harian.recompute_stored_dates(instansi_id=actor.instansi_id, dates=changed)
    return row


# --- shifts -----------------------------------------------------------------------------------

SHIFT_FIELDS = ("kode", "nama", "mulai", "selesai", "istirahat_menit", "unit", "aktif")


def _shift_errors(
    actor: Actor, kode: str, nama: str, mulai: dt.time, selesai: dt.time, istirahat: int
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not _KODE.fullmatch(kode):
        errors["kode"] = [_("Kode shift: huruf, angka, - atau _, paling panjang 16.")]
    if not nama:
        errors["nama"] = [_("Isi nama shift.")]
    length = (
        dt.datetime.combine(dt.date.min, selesai) - dt.datetime.combine(dt.date.min, mulai)
    ).total_seconds() // 60
    if length <= 0:
        length += 24 * 60  # ends the next day (an end equal to the start: 24 hours)
    if not 0 <= istirahat < length:
        errors["istirahat_menit"] = [_("Istirahat harus lebih pendek dari lama shift.")]
    return errors


def _shift_snapshot(shift: Shift) -> dict[str, Any]:
    out = audit.snapshot(shift, SHIFT_FIELDS)
    for name in ("mulai", "selesai"):
        out[name] = getattr(shift, name).strftime("%H:%M")
    return out


@transaction.atomic
def shift_create(
    *,
    actor: Actor,
    kode: str,
    nama: str,
    mulai: dt.time,
    selesai: dt.time,
    istirahat_menit: int = 0,
    unit: UnitKerja | None = None,
) -> Shift:
    """A shift (RSUD, Damkar, Satpol PP). An end at or before the start ends the next
    day: the attendance date of the shift is its start date (rules §9)."""
    actor = require_attendance_admin(actor)
    _own_unit(actor, unit)
    kode, nama = (kode or "").strip().upper(), (nama or "").strip()
    errors = _shift_errors(actor, kode, nama, mulai, selesai, istirahat_menit)
    if (
        "kode" not in errors
        and Shift.objects.filter(instansi_id=actor.instansi_id, kode=kode).exists()
    ):
        errors["kode"] = [_("Kode shift ini sudah dipakai.")]
    if errors:
        raise ValidationError(errors)
    shift = Shift.objects.create(
        instansi_id=actor.instansi_id, unit=unit, kode=kode, nama=nama, mulai=mulai,
        selesai=selesai, istirahat_menit=istirahat_menit,
    )  # fmt: skip
    audit.record(actor=actor.user, action="shift.create", obj=shift, changes=_shift_snapshot(shift))
    return shift


@transaction.atomic
def shift_update(
    *,
    actor: Actor,
    shift: Shift,
    nama: str,
    mulai: dt.time,
    selesai: dt.time,
    istirahat_menit: int,
    unit: UnitKerja | None = None,
    aktif: bool = True,
) -> Shift:
    """Change a shift. Its hours and break stay as they are once a roster used it on a
    day up to today (those days were computed with them): make a new shift instead."""
    actor = require_attendance_admin(actor)
    _own_unit(actor, unit)
    shift = Shift.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=shift.pk)
    nama = (nama or "").strip()
    errors = _shift_errors(actor, shift.kode, nama, mulai, selesai, istirahat_menit)
    if errors:
        raise ValidationError(errors)
    hours_change = (mulai, selesai, istirahat_menit) != (
        shift.mulai,
        shift.selesai,
        shift.istirahat_menit,
    )
    used = JadwalShift.objects.filter(
        instansi_id=actor.instansi_id, shift=shift, tanggal__lte=local_today(actor)
    )
    if hours_change and used.exists():
        raise ValidationError(
            _(
                "Jam shift ini sudah dipakai pada jadwal yang lalu, sehingga tidak dapat "
                "diubah. Buat shift baru dengan jam yang baru."
            )
        )
    before = _shift_snapshot(shift)
    shift.nama, shift.mulai, shift.selesai = nama, mulai, selesai
    shift.istirahat_menit, shift.unit, shift.aktif = istirahat_menit, unit, aktif
    shift.save()
    changes = audit.diff(before, _shift_snapshot(shift))
    if changes:
        audit.record(actor=actor.user, action="shift.update", obj=shift, changes=changes)
    return shift


@transaction.atomic
def shift_delete(*, actor: Actor, shift: Shift) -> None:
    """Delete a shift no roster uses; a used one can only be deactivated."""
    actor = require_attendance_admin(actor)
    shift = Shift.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=shift.pk)
    if JadwalShift.objects.filter(instansi_id=actor.instansi_id, shift=shift).exists():
        raise ValidationError(
            _(
                "Shift ini dipakai dalam jadwal shift, sehingga tidak dapat dihapus; "
                "nonaktifkan saja."
            )
        )
    audit.record(actor=actor.user, action="shift.delete", obj=shift, changes=_shift_snapshot(shift))
    shift.delete()


# --- the roster -------------------------------------------------------------------------------


@transaction.atomic
def roster_assign(
    *,
    actor: Actor,
    unit: UnitKerja,
    tahun: int,
    bulan: int,
    jadwal: Mapping[int, Mapping[dt.date, int | None]],
) -> int:
    """Set the roster of a month for people of a unit's subtree, all or nothing:
    `jadwal` is {pegawai id: {date: shift id, or None for a rostered day off}}; a date
    left out follows the weekly pattern. Each listed person's roster of the month is
    replaced. Refused for a locked month; days already computed are recomputed.
    Returns the number of roster entries stored."""
    actor = require_attendance_admin(actor)
    _own_unit(actor, unit)
    first, last = month_bounds(tahun, bulan)
    people = set(
        Pegawai.objects.filter(
            instansi_id=actor.instansi_id,
            pk__in=list(jadwal),
            aktif=True,
            unit__path__startswith=unit.path,
        ).values_list("pk", flat=True)
    )
    if outsiders := [pid for pid in jadwal if pid not in people]:
        raise ValidationError(
            _("%(n)s pegawai yang dijadwalkan bukan pegawai aktif unit kerja ini.")
            % {"n": len(outsiders)}
        )
    shift_ids = {s for days in jadwal.values() for s in days.values() if s is not None}
    known = set(
        Shift.objects.filter(instansi_id=actor.instansi_id, pk__in=shift_ids, aktif=True)
        .values_list("pk", flat=True)
    )  # fmt: skip
    if shift_ids - known:
        raise ValidationError(_("Pilih shift yang aktif dari instansi Anda."))
    if any(not first <= day <= last for days in jadwal.values() for day in days):
        raise ValidationError(_("Semua tanggal jadwal harus di dalam bulan yang dipilih."))
    if lock := lock_touching(actor.instansi_id, first, last, unit.path):
        raise locked_error(lock)
    JadwalShift.objects.filter(
        instansi_id=actor.instansi_id, pegawai_id__in=people, tanggal__range=(first, last)
    ).delete()
    rows = [
        JadwalShift(instansi_id=actor.instansi_id, pegawai_id=pid, tanggal=day, shift_id=sid)
        for pid, days in jadwal.items()
        for day, sid in days.items()
    ]
    JadwalShift.objects.bulk_create(rows, batch_size=2000)
    audit.record(
        actor=actor.user,
        action="jadwal_shift.assign",
        obj=unit,
        changes={"tahun": tahun, "bulan": bulan, "pegawai": len(people), "jumlah": len(rows)},
    )
    if people:
        harian.status_recompute(
            instansi_id=actor.instansi_id, pegawai_ids=people, first=first, last=last
        )
    return len(rows)
