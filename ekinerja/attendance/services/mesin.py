"""Devices and their PINs (issue 13 §3), kept by the Admin Instansi: register, change and
deactivate a fingerprint/face device of a unit; map a device PIN to a person (a PIN
without a row is read as a NIP); and, when a PIN that was unknown is mapped, give the
punches held under it their person — the one change ever made to a raw punch, audited,
after which the days concerned are recomputed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor
from ekinerja.org.models import Instansi, Pegawai, UnitKerja

from ..access import require_attendance_admin
from ..models import Mesin, PinPegawai, Presensi
from ..selectors.jadwal import instansi_zone
from . import harian

_SERIAL = re.compile(r"[A-Za-z0-9_-]{3,64}")
_PIN = re.compile(r"[0-9A-Za-z]{1,24}")  # domain.attlog: what a device writes
FIELDS = ("unit", "nomor_seri", "nama", "zona_waktu", "terdaftar_pada", "batas_offline_menit",
          "aktif")  # fmt: skip


def _serial_taken(nomor_seri: str, exclude: int | None) -> bool:
    """Whether another device (not `exclude`) has this serial, in any instansi."""
    others = Mesin.objects.filter(nomor_seri=nomor_seri)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return others.exists()


def _errors(
    actor: Actor,
    *,
    unit: UnitKerja,
    nomor_seri: str,
    nama: str,
    zona_waktu: str,
    batas_offline_menit: int,
    exclude: int | None = None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if unit.instansi_id != actor.instansi_id:
        errors["unit"] = [_("Pilih unit kerja instansi Anda.")]
    if not _SERIAL.fullmatch(nomor_seri):
        errors["nomor_seri"] = [
            _("Nomor seri: 3–64 huruf, angka, - atau _, seperti tertera pada mesin.")
        ]
    elif _serial_taken(nomor_seri, exclude):
        # Unique across the platform (ADMS authenticates by serial); whose it is stays unsaid.
        errors["nomor_seri"] = [_("Nomor seri ini sudah terdaftar.")]
    if not nama:
        errors["nama"] = [_("Isi nama atau lokasi mesin.")]
    if zona_waktu not in Instansi.ZonaWaktu.values:
        errors["zona_waktu"] = [_("Pilih zona waktu WIB, WITA, atau WIT.")]
    if not 5 <= batas_offline_menit <= 43200:
        errors["batas_offline_menit"] = [_("Batas offline antara 5 menit dan 30 hari.")]
    return errors


def _snapshot(mesin: Mesin) -> dict[str, Any]:
    return audit.snapshot(mesin, FIELDS)


@transaction.atomic
def mesin_register(
    *,
    actor: Actor,
    unit: UnitKerja,
    nomor_seri: str,
    nama: str,
    zona_waktu: str | None = None,
    terdaftar_pada: dt.datetime | None = None,
    batas_offline_menit: int = 1440,
) -> Mesin:
    """Register a device of a unit. `terdaftar_pada` (default now) is when it started
    recording for the instansi: punches before it are flagged (a wrong clock); the zone
    defaults to the instansi's."""
    actor = require_attendance_admin(actor)
    nomor_seri, nama = (nomor_seri or "").strip(), (nama or "").strip()
    zona_waktu = zona_waktu or instansi_zone(actor.instansi_id).key
    errors = _errors(
        actor, unit=unit, nomor_seri=nomor_seri, nama=nama, zona_waktu=zona_waktu,
        batas_offline_menit=batas_offline_menit,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    mesin = Mesin.objects.create(
        instansi_id=actor.instansi_id, unit=unit, nomor_seri=nomor_seri, nama=nama,
        zona_waktu=zona_waktu, terdaftar_pada=terdaftar_pada or timezone.now(),
        batas_offline_menit=batas_offline_menit,
    )  # fmt: skip
    audit.record(actor=actor.user, action="mesin.create", obj=mesin, changes=_snapshot(mesin))
    return mesin


@transaction.atomic
def mesin_update(
    *,
    actor: Actor,
    mesin: Mesin,
    unit: UnitKerja,
    nomor_seri: str,
    nama: str,
    zona_waktu: str,
    terdaftar_pada: dt.datetime,
    batas_offline_menit: int,
    aktif: bool = True,
) -> Mesin:
    """Change a device. Punches already stored keep their instants: a new zone applies
    to what the device sends from now on."""
    actor = require_attendance_admin(actor)
    row = Mesin.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=mesin.pk)
    nomor_seri, nama = (nomor_seri or "").strip(), (nama or "").strip()
    errors = _errors(
        actor, unit=unit, nomor_seri=nomor_seri, nama=nama, zona_waktu=zona_waktu,
        batas_offline_menit=batas_offline_menit, exclude=row.pk,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    before = _snapshot(row)
    row.unit, row.nomor_seri, row.nama, row.zona_waktu = unit, nomor_seri, nama, zona_waktu
    row.terdaftar_pada, row.batas_offline_menit, row.aktif = (
        terdaftar_pada,
        batas_offline_menit,
        aktif,
    )
    row.save()
    changes = audit.diff(before, _snapshot(row))
    if changes:
        audit.record(actor=actor.user, action="mesin.update", obj=row, changes=changes)
    return row


@transaction.atomic
def mesin_deactivate(*, actor: Actor, mesin: Mesin) -> Mesin:
    """Take a device out of use: its pushes are refused from now on; its punches stay."""
    actor = require_attendance_admin(actor)
    row = Mesin.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=mesin.pk)
    if row.aktif:
        row.aktif = False
        row.save(update_fields=["aktif"])
        audit.record(
            actor=actor.user, action="mesin.deactivate", obj=row, changes={"aktif": [True, False]}
        )
    return row


# --- PINs -----------------------------------------------------------------------------------


@transaction.atomic
def pin_set(*, actor: Actor, pin: str, pegawai: Pegawai) -> PinPegawai:
    """Map a device PIN to a person (a PIN used by someone else moves to this person).
    Punches held under this PIN with no person are given this person (audited as
    `presensi.map_pin` with their number) and their days recomputed; punches already
    given to someone keep theirs (raw punches are never rewritten)."""
    actor = require_attendance_admin(actor)
    pin = (pin or "").strip()
    if not _PIN.fullmatch(pin):
        raise ValidationError({"pin": [_("PIN: huruf dan angka, paling panjang 24.")]})
    if pegawai.instansi_id != actor.instansi_id:
        raise ValidationError({"pegawai": [_("Pilih pegawai instansi Anda.")]})
    row = (
        PinPegawai.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pin=pin)
        .first()
    )
    before = audit.snapshot(row, ("pin", "pegawai")) if row else {}
    if row is None:
        row = PinPegawai.objects.create(instansi_id=actor.instansi_id, pin=pin, pegawai=pegawai)
    elif row.pegawai_id != pegawai.pk:
        row.pegawai = pegawai
        row.save(update_fields=["pegawai"])
    changes = audit.diff(before, audit.snapshot(row, ("pin", "pegawai")))
    if changes:
        audit.record(actor=actor.user, action="pin.set", obj=row, changes=changes)
    held = Presensi.objects.filter(instansi_id=actor.instansi_id, pin=pin, pegawai__isnull=True)
    instants = list(held.values_list("waktu", flat=True))
    if instants:
        count = held.update(pegawai=pegawai)
        audit.record(
            actor=actor.user,
            action="presensi.map_pin",
            obj=pegawai,
            changes={"pin": pin, "jumlah": count},
        )
        harian.recompute_for_punches(
            instansi_id=actor.instansi_id, punches=[(pegawai.pk, at) for at in instants]
        )
    return row


@transaction.atomic
def pin_unset(*, actor: Actor, pin: PinPegawai) -> None:
    """Remove a PIN's mapping: from now on that PIN is read as a NIP again, or held.
    Punches already given to the person keep theirs."""
    actor = require_attendance_admin(actor)
    row = PinPegawai.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=pin.pk)
    audit.record(
        actor=actor.user,
        action="pin.unset",
        obj=row,
        changes=audit.snapshot(row, ("pin", "pegawai")),
    )
    row.delete()
