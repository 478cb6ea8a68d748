"""Selectors of attendance: devices online/offline, the holding list, a person's month,
the locked month per person (the TPP's read contract, locked months only), the
day-status provider for execution, the settings lists — each with a number of queries
that does not grow with people, days or devices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from ekinerja.core.msg import Msg
from ekinerja.org.models import Pegawai

from ..models import HariLibur, JadwalShift, KunciBulan, Presensi, StatusHarian
from ..selectors import harian as sel
from ..selectors import jadwal as jadwal_sel
from ..selectors import libur as libur_sel
from ..selectors import mesin as mesin_sel
from ..services import harian, kunci
from .factories import MONDAY, at, day_in_out, make_cuti, make_mesin

pytestmark = pytest.mark.django_db

NOW = at(MONDAY, "12:00:00")


def _staff(cast, n: int) -> list[int]:
    Pegawai.objects.bulk_create(
        Pegawai(
            instansi=cast.a, nama=f"Staf {i:03d}", jenis_kelamin="P", status="PNS", unit=cast.bidang
        )
        for i in range(n)
    )
    return list(
        Pegawai.objects.filter(instansi=cast.a, nama__startswith="Staf").values_list(
            "pk", flat=True
        )
    )


# --- devices ---------------------------------------------------------------------------------


def test_devices_online_offline_and_flags(cast, django_assert_max_num_queries):
    recent = make_mesin(
        cast,
        "SN1",
        nama="A",
        batas_offline_menit=60,
        terakhir_terlihat=NOW - dt.timedelta(minutes=10),
    )
    silent = make_mesin(cast, "SN2", nama="B", terakhir_terlihat=NOW - dt.timedelta(days=2))
    make_mesin(cast, "SN3", nama="C")
    for i in range(20):
        make_mesin(cast, f"SNX{i:02d}", nama=f"X{i:02d}")
    make_mesin(cast, "SNB", unit=cast.gita.unit)
    Presensi.objects.create(
        instansi=cast.a,
        mesin=silent,
        pin="1",
        waktu=NOW,
        sumber="adms",
        tanda=["masa_depan"],
        ditandai=True,
    )
    fajar = cast.actor("fajar")
    with django_assert_max_num_queries(2):
        rows = mesin_sel.mesin_list(actor=fajar, now=NOW)
    assert [r.mesin.nomor_seri for r in rows[:3]] == ["SN1", "SN2", "SN3"]
    assert len(rows) == 23
    assert (rows[0].online, rows[0].diam_menit, rows[0].ditandai) == (True, 10, 0)
    assert (rows[1].online, rows[1].diam_menit, rows[1].ditandai) == (False, 2880, 1)
    assert (rows[2].online, rows[2].diam_menit) == (False, None)
    assert recent.pk == rows[0].mesin.pk
    with pytest.raises(PermissionDenied):
        mesin_sel.mesin_list(actor=cast.actor("bob"))


def test_holding_list_groups_unknown_pins(cast, django_assert_max_num_queries):
    m = make_mesin(cast)
    for h in range(7, 12):
        Presensi.objects.create(
            instansi=cast.a, mesin=m, pin="77", waktu=at(MONDAY, f"{h:02d}:00:00"), sumber="adms"
        )
    Presensi.objects.create(instansi=cast.a, mesin=m, pin="78", waktu=NOW, sumber="adms")
    Presensi.objects.create(
        instansi=cast.a, mesin=m, pin="79", pegawai=cast.dina, waktu=NOW, sumber="adms"
    )
    eko = cast.actor("eko")
    with django_assert_max_num_queries(1):
        rows = mesin_sel.held_pins(actor=eko)
    assert [(r.pin, r.jumlah, r.mesin_nama) for r in rows] == [("77", 5, m.nama), ("78", 1, m.nama)]
    assert (rows[0].pertama, rows[0].terakhir) == (at(MONDAY, "07:00:00"), at(MONDAY, "11:00:00"))


# --- a person's month and the locked month -------------------------------------------------


def test_person_month_lists_every_day_with_its_explanation(cast, django_assert_max_num_queries):
    day_in_out(cast, "dina", MONDAY, "07:45:00", "16:00:00")
    harian.status_recompute(
        instansi_id=cast.a.pk,
        pegawai_ids=[cast.dina.pk],
        first=dt.date(2026, 6, 1),
        last=dt.date(2026, 6, 14),
    )
    dina = Pegawai.objects.select_related("unit").get(pk=cast.dina.pk)
    with django_assert_max_num_queries(2):
        month = sel.person_month(pegawai=dina, tahun=2026, bulan=6)
    assert len(month.days) == 30 and not month.locked
    monday = month.days[MONDAY.day - 1]
    assert monday.codes == ("TL1",)
    assert "Masuk 07:45:00: terlambat 15 menit (TL1)." in [str(m) for m in monday.penjelasan]
    assert all(isinstance(m, Msg) for m in monday.penjelasan)
    assert month.days[5].codes == ("L",) and month.days[20].row is None
    assert month.summary.statuses == {"hadir": 1, "tk": 9, "libur": 4}
    assert month.summary.bands == {"TL1": 1} and month.summary.band_minutes == {"TL1": 15}


def test_locked_month_answers_for_locked_months_only(cast, django_assert_max_num_queries):
    assert sel.locked_month(instansi_id=cast.a.pk, tahun=2026, bulan=6) == {}
    day_in_out(cast, "charlie", MONDAY, "08:15:00", "15:20:00")
    make_cuti(cast, "dina", MONDAY, MONDAY + dt.timedelta(days=1), jenis="sakit")
    kunci.kunci_create(actor=cast.actor("eko"), tahun=2026, bulan=6, unit=cast.dinas)
    ids = [cast.charlie.pk, cast.dina.pk, cast.eko.pk]
    with django_assert_max_num_queries(3):
        months = sel.locked_month(instansi_id=cast.a.pk, tahun=2026, bulan=6, pegawai_ids=ids)
    assert set(months) == {cast.charlie.pk, cast.dina.pk}  # eko's BKPSDM is not locked
    charlie = months[cast.charlie.pk]
    assert charlie.kunci.unit_id == cast.dinas.pk
    assert (charlie.hadir, charlie.tk, charlie.dl) == (1, 21, 0)
    assert charlie.bands == {"TL2": (1, 45), "PSW2": (1, 40)}
    assert months[cast.dina.pk].cuti == {"sakit": 2}
    assert len(charlie.days) == 30 and charlie.days[0].tanggal == dt.date(2026, 6, 1)
    assert sel.locked_month(instansi_id=cast.a.pk, tahun=2026, bulan=5) == {}


def test_locked_month_queries_do_not_grow_with_staff(cast, django_assert_max_num_queries):
    ids = _staff(cast, 150)
    KunciBulan.objects.create(instansi=cast.a, tahun=2026, bulan=6, dikunci_pada=NOW)
    rows = [
        StatusHarian(
            instansi=cast.a,
            pegawai_id=pid,
            tanggal=dt.date(2026, 6, d),
            status="tk",
            sumber_jadwal="pola",
            dihitung_pada=NOW,
        )
        for pid in ids
        for d in range(1, 31)
    ]
    StatusHarian.objects.bulk_create(rows, batch_size=2000)
    with django_assert_max_num_queries(3):
        months = sel.locked_month(instansi_id=cast.a.pk, tahun=2026, bulan=6)
    assert len(months) == Pegawai.objects.filter(instansi=cast.a).count()
    assert all(months[pid].tk == 30 for pid in ids)


# --- the day-status hook -------------------------------------------------------------------


def test_day_status_provider(cast, django_assert_max_num_queries):
    HariLibur.objects.create(instansi=cast.a, tanggal=MONDAY, nama="Hari jadi", jenis="lokal")
    make_cuti(cast, "dina", MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2))
    make_cuti(
        cast,
        "dina",
        MONDAY + dt.timedelta(days=3),
        MONDAY + dt.timedelta(days=3),
        status="diajukan",
    )
    JadwalShift.objects.create(instansi=cast.a, pegawai=cast.dina, tanggal=MONDAY + dt.timedelta(4))
    dates = [MONDAY + dt.timedelta(days=i) for i in range(-14, 14)]
    with django_assert_max_num_queries(8):
        answer = sel.day_status_provider(cast.a.pk, cast.dina.pk, dates)
    week = {d: answer.get(d) for d in dates if MONDAY <= d <= MONDAY + dt.timedelta(days=6)}
    assert list(week.values()) == ["libur", "cuti", "cuti", None, "libur", "libur", "libur"]
    assert sel.day_status_provider(cast.a.pk, cast.gita.pk, dates) == {}
    assert sel.day_status_provider(cast.a.pk, cast.dina.pk, []) == {}


# --- settings lists ------------------------------------------------------------------------


def test_settings_lists_are_scoped(cast, django_assert_max_num_queries):
    HariLibur.objects.create(instansi=cast.a, tanggal=MONDAY, nama="Hari jadi", jenis="lokal")
    HariLibur.objects.create(instansi=cast.b, tanggal=MONDAY, nama="Hari jadi Beta", jenis="lokal")
    dina_actor, eko = cast.actor("dina"), cast.actor("eko")
    with django_assert_max_num_queries(1):
        assert [h.nama for h in libur_sel.libur_list(actor=dina_actor, tahun=2026)] == ["Hari jadi"]
    JadwalShift.objects.create(instansi=cast.a, pegawai=cast.dina, tanggal=MONDAY)
    _staff(cast, 30)
    with django_assert_max_num_queries(2):
        grid = jadwal_sel.roster_month(actor=eko, unit=cast.bidang, tahun=2026, bulan=6)
    assert len(grid) == 33
    dina = next(r for r in grid if r.pegawai.pk == cast.dina.pk)
    assert dina.days == {MONDAY: None}
    assert jadwal_sel.jadwal_list(actor=cast.actor("gita")) == []
