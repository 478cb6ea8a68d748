"""services.jadwal: working-time versions from an effective date (past days keep theirs),
a unit's own version for its subtree, Ramadan, shifts and the roster; refusals for bad
patterns, locked months and non-admins (issue 13 §1; rules §9; ADR 0010)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ekinerja.core.models import AuditEvent

from ..models import JadwalKerja, JadwalShift, KunciBulan, PeriodeRamadan, Shift
from ..selectors.jadwal import DEFAULT_POLA, load_rules, pattern_errors
from ..services import harian, jadwal
from .factories import MONDAY, at, day_in_out, status

pytestmark = pytest.mark.django_db

TUESDAY = MONDAY + dt.timedelta(days=1)


def _pola(start: str = "08:00", end: str = "16:30") -> list:
    pola = copy.deepcopy(DEFAULT_POLA)
    for day in pola[:5]:
        assert day is not None  # Monday to Friday are working days in the default
        day["mulai"], day["selesai"] = start, end
    return pola


def test_pattern_errors_name_the_day():
    assert pattern_errors(DEFAULT_POLA) == []
    assert pattern_errors([None] * 6)[0].msgid.startswith("Pola jam kerja harus berisi tujuh")
    bad = _pola()
    bad[0]["selesai"] = "07:00"
    bad[4]["istirahat_mulai"] = "25:00"
    bad[2]["istirahat_selesai"] = None
    texts = [str(m) for m in pattern_errors(bad)]
    assert texts == [
        "Senin: jam selesai harus setelah jam mulai.",
        "Rabu: isi kedua jam istirahat, atau kosongkan.",
        "Jumat: jam 25:00 tidak sah (HH:MM).",
    ]


def test_a_new_version_applies_from_its_date_and_past_days_keep_theirs(cast):
    for day in (MONDAY, TUESDAY):
        day_in_out(cast, "charlie", day, "07:50:00", "16:35:00")
    harian.status_recompute(
        instansi_id=cast.a.pk, pegawai_ids=[cast.charlie.pk], first=MONDAY, last=TUESDAY
    )
    assert status(cast, "charlie", TUESDAY).kode_tl == "TL1"
    row = jadwal.jadwal_create(
        actor=cast.actor("eko"), nama="Jam kerja 2026", berlaku_mulai=TUESDAY, pola=_pola()
    )
    assert row.pola_ramadan is not None  # the Ramadan hours of rules §9 by default
    monday, tuesday = status(cast, "charlie", MONDAY), status(cast, "charlie", TUESDAY)
    assert (monday.kode_tl, monday.jadwal_kerja_id) == ("TL1", None)
    assert (tuesday.kode_tl, tuesday.jadwal_kerja_id) == ("", row.pk)
    assert tuesday.jam_mulai == at(TUESDAY, "08:00:00")
    event = AuditEvent.objects.get(action="jadwal_kerja.create")
    assert event.changes["berlaku_mulai"] == str(TUESDAY)


def test_a_unit_version_applies_to_its_subtree_only(cast):
    six = _pola("07:00", "13:00")
    six[5] = {
        "mulai": "07:00",
        "selesai": "12:00",
        "istirahat_mulai": None,
        "istirahat_selesai": None,
    }
    unit_row = jadwal.jadwal_create(
        actor=cast.actor("eko"),
        nama="Enam hari",
        berlaku_mulai=dt.date(2026, 1, 1),
        pola=six,
        unit=cast.dinas,
    )
    rules = load_rules(cast.a.pk, MONDAY, MONDAY + dt.timedelta(days=6))
    saturday = MONDAY + dt.timedelta(days=5)
    in_unit, vid = rules.scheduled(saturday, cast.bidang.path)
    assert in_unit.is_working and vid == unit_row.pk
    elsewhere, vid = rules.scheduled(saturday, cast.bkpsdm.path)
    assert not elsewhere.is_working and vid is None


def test_version_refusals(cast):
    eko = cast.actor("eko")
    with pytest.raises(PermissionDenied):
        jadwal.jadwal_create(actor=cast.actor("bob"), nama="X", berlaku_mulai=MONDAY, pola=_pola())
    with pytest.raises(ValidationError) as e:
        jadwal.jadwal_create(actor=eko, nama="", berlaku_mulai=MONDAY, pola=[None])
    assert set(e.value.message_dict) == {"nama", "pola"}
    jadwal.jadwal_create(actor=eko, nama="A", berlaku_mulai=MONDAY, pola=_pola())
    with pytest.raises(ValidationError, match="Sudah ada versi"):
        jadwal.jadwal_create(actor=eko, nama="B", berlaku_mulai=MONDAY, pola=_pola())
    KunciBulan.objects.create(
        instansi=cast.a, tahun=2026, bulan=7, dikunci_pada=at(MONDAY, "00:00:00")
    )
    # In June, before the locked July: July's days would change if it were reopened.
    with pytest.raises(ValidationError, match="07-2026 sudah dikunci"):
        jadwal.jadwal_create(actor=eko, nama="C", berlaku_mulai=TUESDAY, pola=_pola())
    jadwal.jadwal_create(actor=eko, nama="D", berlaku_mulai=dt.date(2026, 8, 1), pola=_pola())
    assert JadwalKerja.objects.count() == 2


def test_ramadan_period_recomputes_the_days_it_changes(cast):
    day_in_out(cast, "dina", MONDAY, "07:55:00", "15:05:00")
    harian.status_recompute(
        instansi_id=cast.a.pk, pegawai_ids=[cast.dina.pk], first=MONDAY, last=MONDAY
    )
    assert status(cast, "dina", MONDAY).kode_tl == "TL1"
    eko = cast.actor("eko")
    row = jadwal.ramadan_set(actor=eko, tahun=2026, mulai=MONDAY, selesai=MONDAY + dt.timedelta(29))
    ramadan = status(cast, "dina", MONDAY)
    assert (ramadan.sumber_jadwal, ramadan.kode_tl, ramadan.kode_psw) == ("ramadan", "", "")
    jadwal.ramadan_set(actor=eko, tahun=2026, mulai=TUESDAY, selesai=MONDAY + dt.timedelta(29))
    assert status(cast, "dina", MONDAY).kode_tl == "TL1"
    assert PeriodeRamadan.objects.get().pk == row.pk
    assert [e.action for e in AuditEvent.objects.order_by("pk")] == [
        "periode_ramadan.create",
        "periode_ramadan.update",
    ]
    with pytest.raises(ValidationError):
        jadwal.ramadan_set(actor=eko, tahun=2027, mulai=MONDAY, selesai=TUESDAY)


def test_shift_hours_do_not_change_once_used(cast):
    eko = cast.actor("eko")
    night = jadwal.shift_create(
        actor=eko,
        kode="m",
        nama="Malam",
        mulai=dt.time(21),
        selesai=dt.time(7),
        istirahat_menit=60,
    )
    assert night.kode == "M"
    with pytest.raises(ValidationError, match="sudah dipakai"):
        jadwal.shift_create(actor=eko, kode="M", nama="Lagi", mulai=dt.time(7), selesai=dt.time(9))
    with pytest.raises(ValidationError) as e:
        jadwal.shift_create(
            actor=eko,
            kode="X",
            nama="Pendek",
            mulai=dt.time(7),
            selesai=dt.time(8),
            istirahat_menit=60,
        )
    assert "istirahat_menit" in e.value.message_dict
    jadwal.shift_update(
        actor=eko,
        shift=night,
        nama="Malam",
        mulai=dt.time(22),
        selesai=dt.time(7),
        istirahat_menit=60,
    )
    JadwalShift.objects.create(instansi=cast.a, pegawai=cast.dina, tanggal=MONDAY, shift=night)
    with pytest.raises(ValidationError, match="Buat shift baru"):
        jadwal.shift_update(
            actor=eko,
            shift=night,
            nama="Malam",
            mulai=dt.time(21),
            selesai=dt.time(7),
            istirahat_menit=60,
        )
    jadwal.shift_update(
        actor=eko,
        shift=night,
        nama="Jaga malam",
        mulai=dt.time(22),
        selesai=dt.time(7),
        istirahat_menit=60,
        aktif=False,
    )
    with pytest.raises(ValidationError, match="nonaktifkan"):
        jadwal.shift_delete(actor=eko, shift=night)
    spare = jadwal.shift_create(
        actor=eko, kode="P", nama="Pagi", mulai=dt.time(7), selesai=dt.time(14)
    )
    jadwal.shift_delete(actor=eko, shift=spare)
    assert list(Shift.objects.values_list("kode", "nama", "aktif")) == [("M", "Jaga malam", False)]
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "shift.create",
        "shift.update",
        "shift.update",
        "shift.create",
        "shift.delete",
    ]


def test_roster_of_a_month_replaces_and_recomputes(cast):
    eko = cast.actor("eko")
    pagi = jadwal.shift_create(
        actor=eko, kode="P", nama="Pagi", mulai=dt.time(6), selesai=dt.time(14)
    )
    day_in_out(cast, "dina", MONDAY, "05:58:00", "14:01:00")
    n = jadwal.roster_assign(
        actor=eko,
        unit=cast.bidang,
        tahun=2026,
        bulan=6,
        jadwal={cast.dina.pk: {MONDAY: pagi.pk, TUESDAY: None}},
    )
    assert n == 2
    assert status(cast, "dina", MONDAY).status == "hadir"
    assert status(cast, "dina", MONDAY).kode_tl == ""
    assert status(cast, "dina", TUESDAY).status == "libur"
    jadwal.roster_assign(
        actor=eko, unit=cast.bidang, tahun=2026, bulan=6, jadwal={cast.dina.pk: {TUESDAY: pagi.pk}}
    )
    assert list(JadwalShift.objects.values_list("tanggal", flat=True)) == [TUESDAY]
    event = AuditEvent.objects.filter(action="jadwal_shift.assign").order_by("pk").first()
    assert event is not None
    assert event.changes == {"tahun": 2026, "bulan": 6, "pegawai": 1, "jumlah": 2}


def test_roster_refusals(cast):
    eko = cast.actor("eko")
    pagi = jadwal.shift_create(
        actor=eko, kode="P", nama="Pagi", mulai=dt.time(6), selesai=dt.time(14)
    )
    with pytest.raises(ValidationError, match="bukan pegawai aktif"):
        jadwal.roster_assign(
            actor=eko,
            unit=cast.bidang,
            tahun=2026,
            bulan=6,
            jadwal={cast.eko.pk: {MONDAY: pagi.pk}},
        )
    with pytest.raises(ValidationError, match="di dalam bulan"):
        jadwal.roster_assign(
            actor=eko,
            unit=cast.bidang,
            tahun=2026,
            bulan=7,
            jadwal={cast.dina.pk: {MONDAY: pagi.pk}},
        )
    other = Shift.objects.create(
        instansi=cast.b, kode="B", nama="Beta", mulai=dt.time(7), selesai=dt.time(15)
    )
    with pytest.raises(ValidationError, match="shift yang aktif"):
        jadwal.roster_assign(
            actor=eko,
            unit=cast.bidang,
            tahun=2026,
            bulan=6,
            jadwal={cast.dina.pk: {MONDAY: other.pk}},
        )
    KunciBulan.objects.create(
        instansi=cast.a, tahun=2026, bulan=6, unit=cast.dinas, dikunci_pada=at(MONDAY, "00:00:00")
    )
    with pytest.raises(ValidationError, match="sudah dikunci"):
        jadwal.roster_assign(
            actor=eko,
            unit=cast.bidang,
            tahun=2026,
            bulan=6,
            jadwal={cast.dina.pk: {MONDAY: pagi.pk}},
        )
    assert not JadwalShift.objects.exists()
