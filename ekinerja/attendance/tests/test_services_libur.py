"""services.libur: national holidays from the `holidays` package loaded once (again adds
nothing), cuti bersama and local holidays by hand, and a holiday added or removed after
the fact recomputes the days it falls on (issue 13 §2); locked months refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ekinerja.core.models import AuditEvent

from ..models import HariLibur, KunciBulan
from ..services import harian, libur
from .factories import MONDAY, at, make_cuti, status

pytestmark = pytest.mark.django_db


def test_national_holidays_in_indonesian():
    days = libur.national_holidays(2026)
    assert days[dt.date(2026, 8, 17)] == (
        "Hari Kemerdekaan Republik Indonesia",
        HariLibur.Jenis.NASIONAL,
    )
    with_joint = libur.national_holidays(2025, cuti_bersama=True)
    assert with_joint[dt.date(2025, 4, 2)][1] == HariLibur.Jenis.CUTI_BERSAMA


def test_loading_twice_adds_nothing_and_keeps_a_local_holiday(cast):
    eko = cast.actor("eko")
    local = libur.libur_create(
        actor=eko, tanggal=dt.date(2026, 8, 17), nama="Hari jadi", jenis="lokal"
    )
    first = libur.libur_load_national(actor=eko, tahun=2026)
    assert first.present == 1 and first.added == len(libur.national_holidays(2026)) - 1
    again = libur.libur_load_national(actor=eko, tahun=2026)
    assert again.added == 0
    assert HariLibur.objects.get(tanggal=dt.date(2026, 8, 17)).pk == local.pk
    assert HariLibur.objects.filter(dari_paket=True, jenis="nasional").count() == first.added
    events = AuditEvent.objects.filter(action="hari_libur.load").order_by("pk")
    assert [e.changes["jumlah"] for e in events] == [first.added, 0]
    with pytest.raises(PermissionDenied):
        libur.libur_load_national(actor=cast.actor("fajar"), tahun=2026)


def test_a_holiday_added_after_the_fact_recomputes_the_day(cast):
    harian.status_recompute(
        instansi_id=cast.a.pk,
        pegawai_ids=[cast.charlie.pk, cast.dina.pk],
        first=MONDAY,
        last=MONDAY + dt.timedelta(days=4),
    )
    assert status(cast, "charlie", MONDAY).status == "tk"
    make_cuti(cast, "dina", MONDAY, MONDAY)
    harian.status_recompute(
        instansi_id=cast.a.pk, pegawai_ids=[cast.dina.pk], first=MONDAY, last=MONDAY
    )
    assert status(cast, "dina", MONDAY).status == "cuti"
    row = libur.libur_create(
        actor=cast.actor("eko"), tanggal=MONDAY, nama="Cuti bersama", jenis="cuti_bersama"
    )
    for who in ("charlie", "dina"):
        day = status(cast, who, MONDAY)
        assert (day.status, day.sumber_jadwal, day.hari_libur_id) == ("libur", "hari_libur", row.pk)
    assert status(cast, "charlie", MONDAY + dt.timedelta(days=1)).status == "tk"
    libur.libur_delete(actor=cast.actor("eko"), libur=row)
    assert status(cast, "charlie", MONDAY).status == "tk"
    assert status(cast, "dina", MONDAY).status == "cuti"
    assert [e.action for e in AuditEvent.objects.order_by("pk")] == [
        "hari_libur.create",
        "hari_libur.delete",
    ]


def test_refusals(cast):
    eko = cast.actor("eko")
    with pytest.raises(ValidationError) as e:
        libur.libur_create(actor=eko, tanggal=MONDAY, nama=" ", jenis="bebas")
    assert set(e.value.message_dict) == {"nama", "jenis"}
    libur.libur_create(actor=eko, tanggal=MONDAY, nama="Hari jadi", jenis="lokal")
    with pytest.raises(ValidationError, match="sudah tercatat"):
        libur.libur_create(actor=eko, tanggal=MONDAY, nama="Lagi", jenis="lokal")
    KunciBulan.objects.create(
        instansi=cast.a, tahun=2026, bulan=5, dikunci_pada=at(MONDAY, "00:00:00")
    )
    with pytest.raises(ValidationError, match="05-2026 sudah dikunci"):
        libur.libur_create(actor=eko, tanggal=dt.date(2026, 5, 4), nama="X", jenis="lokal")
    with pytest.raises(ValidationError, match="05-2026 sudah dikunci"):
        libur.libur_load_national(actor=eko, tahun=2026)
    assert HariLibur.objects.count() == 1
    with pytest.raises(PermissionDenied):
        libur.libur_create(actor=cast.actor("bob"), tanggal=MONDAY, nama="X", jenis="lokal")
