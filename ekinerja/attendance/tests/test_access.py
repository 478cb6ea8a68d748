"""access.py: every attendance row by id (ADR 0011): another agency's row is a 404
(its existence not revealed), the same agency without the right a 403, and the right
people get it — the outsider, staff, supervisor, auditor and admin of the cast."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .. import access
from ..models import HariLibur, ImporPresensi, JadwalKerja, KunciBulan, Presensi, Shift, TitikLokasi
from ..selectors.jadwal import DEFAULT_POLA
from .factories import MONDAY, at, make_mesin

pytestmark = pytest.mark.django_db

ALLOW, DENY, MISSING = "allow", "403", "404"


@pytest.fixture
def rows(cast):
    m = make_mesin(cast)
    return {
        "mesin": m,
        "impor": ImporPresensi.objects.create(
            instansi=cast.a, mesin=m, nama_berkas="a.dat", format="attlog", sha256="0" * 64
        ),
        "jadwal": JadwalKerja.objects.create(
            instansi=cast.a, nama="J", berlaku_mulai=MONDAY, pola=DEFAULT_POLA
        ),
        "shift": Shift.objects.create(
            instansi=cast.a, kode="P", nama="Pagi", mulai=dt.time(7), selesai=dt.time(14)
        ),
        "libur": HariLibur.objects.create(
            instansi=cast.a, tanggal=MONDAY, nama="Hari jadi", jenis="lokal"
        ),
        "titik": TitikLokasi.objects.create(
            instansi=cast.a,
            unit=cast.bidang,
            nama="Kantor",
            lintang=-6.2,
            bujur=106.8,
            radius_m=100,
        ),
        "kunci": KunciBulan.objects.create(
            instansi=cast.a, tahun=2026, bulan=5, dikunci_pada=at(MONDAY, "00:00:00")
        ),
        "punch": Presensi.objects.create(
            instansi=cast.a,
            mesin=m,
            pin="1",
            pegawai=cast.charlie,
            waktu=at(MONDAY, "07:00:00"),
            sumber="adms",
        ),
        "held": Presensi.objects.create(
            instansi=cast.a, mesin=m, pin="99", waktu=at(MONDAY, "07:00:00"), sumber="adms"
        ),
    }


def _check(fn, actor, expected, **kwargs):
    if expected == MISSING:
        with pytest.raises(Http404):
            fn(actor=actor, **kwargs)
    elif expected == DENY:
        with pytest.raises(PermissionDenied):
            fn(actor=actor, **kwargs)
    else:
        assert fn(actor=actor, **kwargs).pk == kwargs["id"]


# who: gita (other agency), charlie (staff), bob (his supervisor), fajar (auditor), eko (admin)
CASES = [
    # function, row, for_write, gita, charlie, bob, fajar, eko
    (access.access_mesin, "mesin", False, MISSING, DENY, DENY, ALLOW, ALLOW),
    (access.access_mesin, "mesin", True, MISSING, DENY, DENY, DENY, ALLOW),
    (access.access_impor_presensi, "impor", False, MISSING, DENY, DENY, ALLOW, ALLOW),
    (access.access_impor_presensi, "impor", True, MISSING, DENY, DENY, DENY, ALLOW),
    (access.access_jadwal_kerja, "jadwal", False, MISSING, ALLOW, ALLOW, ALLOW, ALLOW),
    (access.access_jadwal_kerja, "jadwal", True, MISSING, DENY, DENY, DENY, ALLOW),
    (access.access_shift, "shift", False, MISSING, ALLOW, ALLOW, ALLOW, ALLOW),
    (access.access_shift, "shift", True, MISSING, DENY, DENY, DENY, ALLOW),
    (access.access_hari_libur, "libur", False, MISSING, ALLOW, ALLOW, ALLOW, ALLOW),
    (access.access_hari_libur, "libur", True, MISSING, DENY, DENY, DENY, ALLOW),
    (access.access_titik_lokasi, "titik", False, MISSING, ALLOW, ALLOW, ALLOW, ALLOW),
    (access.access_titik_lokasi, "titik", True, MISSING, DENY, DENY, DENY, ALLOW),
    (access.access_kunci_bulan, "kunci", False, MISSING, DENY, DENY, ALLOW, ALLOW),
    (access.access_kunci_bulan, "kunci", True, MISSING, DENY, DENY, DENY, ALLOW),
    (access.access_presensi, "punch", None, MISSING, ALLOW, ALLOW, ALLOW, ALLOW),
    (access.access_presensi, "held", None, MISSING, DENY, DENY, ALLOW, ALLOW),
]
WHO = ("gita", "charlie", "bob", "fajar", "eko")


@pytest.mark.parametrize(("fn", "row", "for_write", *WHO), CASES)
def test_access_by_role(cast, rows, fn, row, for_write, gita, charlie, bob, fajar, eko):
    kwargs = {"id": rows[row].pk}
    if for_write is not None:
        kwargs["for_write"] = for_write
    for who, expected in zip(WHO, (gita, charlie, bob, fajar, eko), strict=True):
        _check(fn, cast.actor(who), expected, **kwargs)


def test_a_persons_attendance(cast):
    cases = {
        # pegawai → who may read their attendance among the cast
        "charlie": {
            "charlie": ALLOW,
            "dina": DENY,
            "bob": ALLOW,
            "alice": ALLOW,
            "eko": ALLOW,
            "fajar": ALLOW,
            "gita": MISSING,
        },
        "alice": {"charlie": DENY, "bob": DENY, "alice": ALLOW, "eko": ALLOW, "gita": MISSING},
    }
    for whose, expected in cases.items():
        for who, outcome in expected.items():
            _check(
                access.access_pegawai_kehadiran,
                cast.actor(who),
                outcome,
                id=getattr(cast, whose).pk,
            )


def test_the_platform_admin_and_anonymous_get_nothing(cast, rows):
    for actor in (cast.actor("root"), None):
        with pytest.raises(PermissionDenied):
            access.access_mesin(actor=actor, id=rows["mesin"].pk)
        with pytest.raises(PermissionDenied):
            access.access_pegawai_kehadiran(actor=actor, id=cast.charlie.pk)
