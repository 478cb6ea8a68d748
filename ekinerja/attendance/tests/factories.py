"""Test data for attendance on the shared cast (ekinerja/conftest.py): a device of
Bidang Satu, punches written directly (any source), approved leave and corrections.
Tests of a service call the service; these only set the scene.

The reference week is 8–12 June 2026 (Monday–Friday, no national holiday), in WIB.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ekinerja.conftest import Cast

from ..models import Cuti, Koreksi, Mesin, Presensi, StatusHarian

WIB = ZoneInfo("Asia/Jakarta")
UTC = dt.UTC
MONDAY = dt.date(2026, 6, 8)
FRIDAY = dt.date(2026, 6, 12)
REGISTERED = dt.datetime(2026, 1, 1, tzinfo=UTC)


def at(day: dt.date, hhmmss: str, tz: dt.tzinfo = WIB) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmmss), tzinfo=tz)


def make_mesin(cast: Cast, serial: str = "SNALFA001", *, unit=None, instansi=None, **kw) -> Mesin:
    unit = unit or cast.bidang
    return Mesin.objects.create(
        instansi=instansi or unit.instansi,
        unit=unit,
        nomor_seri=serial,
        nama=kw.pop("nama", "Lobi Bidang Satu"),
        zona_waktu=kw.pop("zona_waktu", "Asia/Jakarta"),
        terdaftar_pada=kw.pop("terdaftar_pada", REGISTERED),
        **kw,
    )


def make_punch(
    cast: Cast, who: str, when: dt.datetime, *, mesin: Mesin | None = None, state: int = 255
) -> Presensi:
    pegawai = getattr(cast, who)
    return Presensi.objects.create(
        instansi_id=pegawai.instansi_id,
        mesin=mesin,
        pin=pegawai.nip if mesin else "",
        pegawai=pegawai,
        waktu=when,
        status=state,
        sumber=Presensi.Sumber.ADMS if mesin else Presensi.Sumber.PONSEL,
    )


def day_in_out(cast: Cast, who: str, day: dt.date, masuk: str, pulang: str, **kw) -> None:
    make_punch(cast, who, at(day, masuk), state=0, **kw)
    make_punch(cast, who, at(day, pulang), state=1, **kw)


def make_cuti(
    cast: Cast,
    who: str,
    mulai: dt.date,
    selesai: dt.date,
    jenis: str = "tahunan",
    status: str = Cuti.Status.DISETUJUI,
    **kw,
) -> Cuti:
    pegawai = getattr(cast, who)
    return Cuti.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        jenis=jenis,
        mulai=mulai,
        selesai=selesai,
        status=status,
        **kw,
    )


def make_koreksi(cast: Cast, who: str, tanggal: dt.date, jenis: str, **kw) -> Koreksi:
    pegawai = getattr(cast, who)
    return Koreksi.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        tanggal=tanggal,
        jenis=jenis,
        alasan="Mesin mati",
        status=kw.pop("status", Koreksi.Status.DISETUJUI),
        **kw,
    )


def status(cast: Cast, who: str, day: dt.date) -> StatusHarian:
    return StatusHarian.objects.get(instansi_id=cast.a.pk, pegawai=getattr(cast, who), tanggal=day)


def attlog_text(*lines: tuple[str, str, int]) -> bytes:
    """An attlog file: (PIN, 'YYYY-MM-DD HH:MM:SS', state) per line, tab-separated."""
    return "".join(f"{pin}\t{when}\t{state}\t1\t0\t0\n" for pin, when, state in lines).encode()
