"""Test data for execution and coaching, on the shared cast and the approved cascade
(plans/tests/factories.py): alice → bob → charlie, dina, each with an approved SKP for
2026 whose RHK intervene one level up.

Rows are written directly (fast, any status); tests of a service call the service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ekinerja.conftest import Cast
from ekinerja.plans.tests.factories import Cascade, approved_cascade

from .. import domain
from ..models import Aktivitas, BimbinganKinerja, RencanaAksi, UmpanBalik

# A weekday inside the cascade's year, safely in the past.
DAY = dt.date(2026, 3, 10)


@dataclass
class ExecWorld:
    cast: Cast
    cascade: Cascade

    def rhk(self, who: str):
        return self.cascade.rhk(who)


def exec_world(cast: Cast) -> ExecWorld:
    return ExecWorld(cast=cast, cascade=approved_cascade(cast))


def make_aktivitas(
    cast: Cast,
    who: str,
    *,
    rhk=None,
    tanggal: dt.date = DAY,
    jam: tuple[str, str] | None = ("08:00", "09:30"),
    menit: int | None = None,
    uraian: str = "Mengagendakan surat masuk",
    status: str = domain.DIAJUKAN,
    **extra,
) -> Aktivitas:
    pegawai = getattr(cast, who)
    start = end = None
    if jam:
        start, end = (dt.time.fromisoformat(t) for t in jam)
        menit = domain.minutes_between(start, end)
    return Aktivitas.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        tanggal=tanggal,
        jam_mulai=start,
        jam_selesai=end,
        menit=menit or 60,
        uraian=uraian,
        uraian_kunci=domain.text_key(uraian),
        rhk=rhk,
        status=status,
        **extra,
    )


def make_rencana_aksi(
    cast: Cast, who: str, rhk, *, ke: int = 3, uraian: str = "Menyusun draf"
) -> RencanaAksi:
    pegawai = getattr(cast, who)
    return RencanaAksi.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        rhk=rhk,
        tahun=2026,
        periode_ke=ke,
        periodik=domain.BULANAN,
        uraian=uraian,
    )


def make_umpan_balik(
    cast: Cast, *, to: str, by: str, teks: str = "Pertahankan.", rhk=None
) -> UmpanBalik:
    pegawai, penulis = getattr(cast, to), getattr(cast, by)
    return UmpanBalik.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        penulis=penulis,
        topik="rhk" if rhk else "umum",
        rhk=rhk,
        teks=teks,
    )


def make_bimbingan(cast: Cast, *, to: str, by: str) -> BimbinganKinerja:
    pegawai, pembimbing = getattr(cast, to), getattr(cast, by)
    return BimbinganKinerja.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        pembimbing=pembimbing,
        tanggal=DAY,
        topik="Ketepatan waktu agenda surat",
        catatan="Surat masuk sering tertunda satu hari.",
    )
