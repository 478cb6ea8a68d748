"""Tenant and object checks for attendance (ADR 0011): the only way a view or the API
gets an attendance row by id. Another agency's row is a 404; the same agency without
the right is a 403 with a message that says why.

Who may do what:
- the Admin Instansi keeps the settings (working time, Ramadan, holidays, shifts and
  roster), the devices and their PINs, the punch imports and the month lock;
- every member of the agency may read its working time and holidays (they are public
  within the agency); the Auditor reads devices, imports and locks as well;
- a person's attendance (punches, days, month) is read by whoever may read the person
  (org.access: the person, their supervisors and unit heads, admin, auditor).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import require_instansi
from ekinerja.core.roles import Actor, MemberActor
from ekinerja.org.access import org_scope, scope_can_read
from ekinerja.org.models import Pegawai

from .models import (
    HariLibur,
    ImporPresensi,
    JadwalKerja,
    KunciBulan,
    Mesin,
    Presensi,
    Shift,
    TitikLokasi,
)


def require_attendance_admin(actor: Actor | None) -> MemberActor:
    """Attendance settings, devices, imports and the month lock are the Admin Instansi's."""
    actor = require_instansi(actor)
    if not actor.is_admin:
        raise PermissionDenied(_("Pengaturan kehadiran dan mesin absensi dikelola Admin Instansi."))
    return actor


def require_attendance_reader(actor: Actor | None) -> MemberActor:
    """Devices, imports, the holding list and locks: the Admin Instansi and the Auditor."""
    actor = require_instansi(actor)
    if not (actor.is_admin or actor.is_auditor):
        raise PermissionDenied(
            _("Data mesin absensi hanya dapat dilihat Admin Instansi dan Auditor.")
        )
    return actor


def _one(qs, actor: Actor, id: int, missing: str):
    found = qs.filter(instansi_id=actor.instansi_id, pk=id).first()
    if found is None:
        raise Http404(missing)
    return found


def access_mesin(*, actor: Actor | None, id: int, for_write: bool = False) -> Mesin:
    actor = require_instansi(actor)
    found = _one(Mesin.objects.select_related("unit"), actor, id, _("Mesin tidak ditemukan."))
    (require_attendance_admin if for_write else require_attendance_reader)(actor)
    return found


def access_impor_presensi(
    *, actor: Actor | None, id: int, for_write: bool = False
) -> ImporPresensi:
    """A punch import batch (without its file content)."""
    actor = require_instansi(actor)
    qs = ImporPresensi.objects.select_related("mesin", "diunggah_oleh").defer("isi")
    found = _one(qs, actor, id, _("Impor presensi tidak ditemukan."))
    (require_attendance_admin if for_write else require_attendance_reader)(actor)
    return found


def access_jadwal_kerja(*, actor: Actor | None, id: int, for_write: bool = False) -> JadwalKerja:
    actor = require_instansi(actor)
    qs = JadwalKerja.objects.select_related("unit")
    found = _one(qs, actor, id, _("Jadwal kerja tidak ditemukan."))
    if for_write:
        require_attendance_admin(actor)
    return found


def access_shift(*, actor: Actor | None, id: int, for_write: bool = False) -> Shift:
    actor = require_instansi(actor)
    found = _one(Shift.objects.select_related("unit"), actor, id, _("Shift tidak ditemukan."))
    if for_write:
        require_attendance_admin(actor)
    return found


def access_hari_libur(*, actor: Actor | None, id: int, for_write: bool = False) -> HariLibur:
    actor = require_instansi(actor)
    found = _one(HariLibur.objects, actor, id, _("Hari libur tidak ditemukan."))
    if for_write:
        require_attendance_admin(actor)
    return found


def access_titik_lokasi(*, actor: Actor | None, id: int, for_write: bool = False) -> TitikLokasi:
    actor = require_instansi(actor)
    qs = TitikLokasi.objects.select_related("unit")
    found = _one(qs, actor, id, _("Titik lokasi tidak ditemukan."))
    if for_write:
        require_attendance_admin(actor)
    return found


def access_kunci_bulan(*, actor: Actor | None, id: int, for_write: bool = False) -> KunciBulan:
    actor = require_instansi(actor)
    qs = KunciBulan.objects.select_related("unit", "dikunci_oleh", "dibuka_oleh")
    found = _one(qs, actor, id, _("Kunci bulan tidak ditemukan."))
    (require_attendance_admin if for_write else require_attendance_reader)(actor)
    return found


def access_pegawai_kehadiran(*, actor: Actor | None, id: int) -> Pegawai:
    """A person whose attendance (days, month, punches) the actor may read."""
    actor = require_instansi(actor)
    qs = Pegawai.objects.select_related("unit", "jabatan")
    found = _one(qs, actor, id, _("Pegawai tidak ditemukan."))
    if not scope_can_read(org_scope(actor), found):
        raise PermissionDenied(_("Anda tidak berwenang melihat kehadiran pegawai ini."))
    return found


def access_presensi(*, actor: Actor | None, id: int) -> Presensi:
    """A raw punch: read by whoever may read its person; a held punch (unknown PIN) by
    the Admin Instansi and the Auditor only. Raw punches are never written."""
    actor = require_instansi(actor)
    qs = Presensi.objects.select_related("mesin", "pegawai", "pegawai__unit")
    found = _one(qs, actor, id, _("Presensi tidak ditemukan."))
    if found.pegawai is None:
        require_attendance_reader(actor)
    elif not scope_can_read(org_scope(actor), found.pegawai):
        raise PermissionDenied(_("Anda tidak berwenang melihat kehadiran pegawai ini."))
    return found
