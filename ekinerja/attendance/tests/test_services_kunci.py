"""services.kunci: locking a month computes its days first; a locked month refuses
changes and keeps its days; reopening needs a reason and is audited; the lock history
stays (issue 13 §9)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ekinerja.core.clock import local_today
from ekinerja.core.models import AuditEvent

from ..models import KunciBulan, StatusHarian
from ..services import harian, kunci, libur
from .factories import MONDAY, day_in_out, status

pytestmark = pytest.mark.django_db


def test_lock_computes_the_month_then_refuses_changes(cast):
    eko = cast.actor("eko")
    day_in_out(cast, "charlie", MONDAY, "07:10:00", "16:10:00")
    lock = kunci.kunci_create(actor=eko, tahun=2026, bulan=6)
    staff = 6  # the active people of instansi A
    assert StatusHarian.objects.filter(instansi=cast.a).count() == 30 * staff
    assert status(cast, "charlie", MONDAY).status == "hadir"
    assert status(cast, "dina", MONDAY).status == "tk"
    event = AuditEvent.objects.get(action="kunci_bulan.create")
    assert event.changes["jumlah"] == 30 * staff and event.object_id == str(lock.pk)

    with pytest.raises(ValidationError, match="06-2026 sudah dikunci"):
        libur.libur_create(actor=eko, tanggal=MONDAY, nama="X", jenis="lokal")
    with pytest.raises(ValidationError, match="sudah dikunci"):
        kunci.kunci_create(actor=eko, tahun=2026, bulan=6, unit=cast.dinas)
    day_in_out(cast, "dina", MONDAY, "07:00:00", "16:00:00")
    harian.status_recompute(instansi_id=cast.a.pk, pegawai_ids=None, first=MONDAY, last=MONDAY)
    assert status(cast, "dina", MONDAY).status == "tk"

    with pytest.raises(ValidationError) as e:
        kunci.kunci_reopen(actor=eko, kunci=lock, alasan="salah")
    assert "alasan" in e.value.message_dict
    kunci.kunci_reopen(actor=eko, kunci=lock, alasan="Koreksi alat rusak Bidang Satu")
    reopened = AuditEvent.objects.get(action="kunci_bulan.reopen")
    assert reopened.changes["alasan"] == "Koreksi alat rusak Bidang Satu"
    with pytest.raises(ValidationError, match="sudah dibuka"):
        kunci.kunci_reopen(actor=eko, kunci=lock, alasan="Sekali lagi dibuka")
    harian.status_recompute(instansi_id=cast.a.pk, pegawai_ids=None, first=MONDAY, last=MONDAY)
    assert status(cast, "dina", MONDAY).status == "hadir"
    again = kunci.kunci_create(actor=eko, tahun=2026, bulan=6)
    assert KunciBulan.objects.count() == 2 and again.pk != lock.pk


def test_an_opd_lock_covers_its_subtree(cast):
    eko = cast.actor("eko")
    kunci.kunci_create(actor=eko, tahun=2026, bulan=6, unit=cast.dinas)
    people = {p.pk for p in (cast.alice, cast.bob, cast.charlie, cast.dina)}
    assert set(StatusHarian.objects.values_list("pegawai_id", flat=True)) == people
    kunci.kunci_create(actor=eko, tahun=2026, bulan=6)  # the whole instansi as well
    with pytest.raises(ValidationError, match="OPD"):
        kunci.kunci_create(actor=eko, tahun=2026, bulan=5, unit=cast.bidang)


def test_lock_refusals(cast):
    eko = cast.actor("eko")
    today = local_today(eko)
    with pytest.raises(ValidationError, match="belum berakhir"):
        kunci.kunci_create(actor=eko, tahun=today.year, bulan=today.month)
    with pytest.raises(ValidationError):
        kunci.kunci_create(actor=eko, tahun=2026, bulan=13)
    with pytest.raises(PermissionDenied):
        kunci.kunci_create(actor=cast.actor("fajar"), tahun=2026, bulan=6)
    with pytest.raises(PermissionDenied):
        kunci.kunci_create(actor=cast.actor("gita"), tahun=2026, bulan=6)
    assert not KunciBulan.objects.exists()
    assert not StatusHarian.objects.exists()
