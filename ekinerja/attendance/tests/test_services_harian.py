"""services.harian: the daily status computed from the stored inputs and stored with
them (issue 13 §7; rules §9): bands, TK, leave, DL, corrections, a shift across
midnight, today's provisional day, locked months left alone, and queries that grow
with batches, not with staff or days."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.db import connection

from ekinerja.core.models import AuditEvent
from ekinerja.core.msg import Msg
from ekinerja.org.models import Pegawai

from ..models import DinasLuar, JadwalShift, KunciBulan, Presensi, Shift, StatusHarian
from ..services import harian
from .factories import (
    FRIDAY,
    MONDAY,
    at,
    day_in_out,
    make_cuti,
    make_koreksi,
    make_punch,
    status,
)

pytestmark = pytest.mark.django_db

SUNDAY = MONDAY + dt.timedelta(days=6)


def _run(cast, *who, first=MONDAY, last=SUNDAY):
    ids = [getattr(cast, w).pk for w in who] if who else None
    return harian.status_recompute(instansi_id=cast.a.pk, pegawai_ids=ids, first=first, last=last)


def test_a_week_of_statuses_with_their_inputs(cast):
    day_in_out(cast, "charlie", MONDAY, "07:25:00", "16:05:00")
    day_in_out(cast, "dina", MONDAY, "07:45:10", "15:00:00")
    result = _run(cast, "charlie", "dina", "bob")
    assert result == harian.RecomputeResult(computed=21, locked=0)

    on_time = status(cast, "charlie", MONDAY)
    assert on_time.status == "hadir"
    assert (on_time.kode_tl, on_time.kode_psw) == ("", "")
    assert on_time.menit_terlambat == 0 and on_time.menit_pulang_cepat == 0
    assert on_time.masuk == at(MONDAY, "07:25:00")
    assert on_time.jam_mulai == at(MONDAY, "07:30:00")
    assert on_time.sumber_jadwal == "pola" and on_time.jadwal_kerja_id is None
    assert len(on_time.presensi) == 2
    assert on_time.tabel == "Preset A"

    late = status(cast, "dina", MONDAY)
    assert (late.kode_tl, late.menit_terlambat) == ("TL1", 15)
    assert (late.kode_psw, late.menit_pulang_cepat) == ("PSW2", 60)
    texts = [str(Msg.from_json(m)) for m in late.penjelasan]
    assert "Masuk 07:45:10: terlambat 15 menit (TL1)." in texts

    assert status(cast, "bob", MONDAY).status == "tk"
    assert status(cast, "charlie", SUNDAY).status == "libur"
    assert status(cast, "charlie", SUNDAY).sumber_jadwal == "pola_libur"


def test_the_explanation_is_stored_as_message_ids_and_renders_in_english(cast):
    _run(cast, "bob", first=MONDAY, last=MONDAY)
    row = status(cast, "bob", MONDAY)
    assert row.penjelasan[-1]["msgid"].startswith("Tidak ada absen, cuti")
    from django.utils import translation

    with translation.override("en"):
        text = str(Msg.from_json(row.penjelasan[-1]))
    assert "Tidak ada" not in text


def test_leave_dl_and_corrections_excuse_the_day(cast):
    cuti = make_cuti(cast, "charlie", MONDAY, MONDAY + dt.timedelta(days=1))
    make_cuti(cast, "dina", MONDAY, MONDAY, status="diajukan")  # not approved: no effect
    dl = DinasLuar.objects.create(
        instansi=cast.a,
        pegawai=cast.bob,
        nomor_surat="094/12/2026",
        tanggal_surat=MONDAY,
        tujuan="Jakarta",
        mulai=MONDAY,
        selesai=MONDAY,
    )
    fix = make_koreksi(cast, "alice", MONDAY, "lupa_absen", jam_masuk=at(MONDAY, "07:20:00"))
    make_punch(cast, "alice", at(MONDAY, "16:10:00"), state=1)
    _run(cast, "charlie", "dina", "bob", "alice", first=MONDAY, last=MONDAY)

    on_leave = status(cast, "charlie", MONDAY)
    assert (on_leave.status, on_leave.jenis_cuti, on_leave.cuti_id) == ("cuti", "tahunan", cuti.pk)
    assert status(cast, "dina", MONDAY).status == "tk"
    on_dl = status(cast, "bob", MONDAY)
    assert (on_dl.status, on_dl.dinas_luar_id) == ("dl", dl.pk)
    fixed = status(cast, "alice", MONDAY)
    assert fixed.status == "hadir" and fixed.kode_tl == "" and fixed.koreksi == [fix.pk]
    assert fixed.masuk == at(MONDAY, "07:20:00")


def test_a_night_shift_counts_on_its_start_date(cast):
    night = Shift.objects.create(
        instansi=cast.a, kode="M", nama="Malam", mulai=dt.time(21), selesai=dt.time(7)
    )
    JadwalShift.objects.create(instansi=cast.a, pegawai=cast.dina, tanggal=MONDAY, shift=night)
    JadwalShift.objects.create(instansi=cast.a, pegawai=cast.dina, tanggal=MONDAY + dt.timedelta(1))
    make_punch(cast, "dina", at(MONDAY, "20:55:00"))
    make_punch(cast, "dina", at(MONDAY + dt.timedelta(days=1), "07:02:00"))
    _run(cast, "dina", first=MONDAY, last=MONDAY + dt.timedelta(days=1))
    row = status(cast, "dina", MONDAY)
    assert (row.status, row.shift_id, row.sumber_jadwal) == ("hadir", night.pk, "shift")
    assert (row.kode_tl, row.kode_psw) == ("", "")
    assert row.pulang == at(MONDAY + dt.timedelta(days=1), "07:02:00")
    assert status(cast, "dina", MONDAY + dt.timedelta(days=1)).status == "libur"


def test_future_days_are_not_computed_and_today_is_provisional(cast):
    now = at(MONDAY, "10:00:00")
    make_punch(cast, "charlie", at(MONDAY, "07:29:00"), state=0)
    result = harian.status_recompute(
        instansi_id=cast.a.pk,
        pegawai_ids=[cast.charlie.pk, cast.dina.pk],
        first=MONDAY,
        last=FRIDAY,
        now=now,
    )
    assert result.computed == 2
    assert status(cast, "charlie", MONDAY).sementara is True
    assert status(cast, "charlie", MONDAY).kode_psw == ""
    assert status(cast, "dina", MONDAY).status == "belum"


def test_a_locked_month_is_left_as_it_is(cast):
    _run(cast, "charlie", first=MONDAY, last=MONDAY)
    before = status(cast, "charlie", MONDAY)
    assert before.status == "tk"
    KunciBulan.objects.create(
        instansi=cast.a, tahun=2026, bulan=6, dikunci_pada=at(MONDAY, "00:00:00")
    )
    day_in_out(cast, "charlie", MONDAY, "07:00:00", "16:30:00")
    result = _run(cast, "charlie", first=MONDAY, last=MONDAY)
    assert result == harian.RecomputeResult(0, 1)
    assert status(cast, "charlie", MONDAY).status == "tk"
    # An OPD lock covers the people of its subtree only.
    KunciBulan.objects.all().delete()
    KunciBulan.objects.create(
        instansi=cast.a, tahun=2026, bulan=6, unit=cast.bkpsdm, dikunci_pada=at(MONDAY, "00:00:00")
    )
    result = _run(cast, "charlie", "eko", first=MONDAY, last=MONDAY)
    assert result == harian.RecomputeResult(1, 1)
    assert status(cast, "charlie", MONDAY).status == "hadir"


def test_recompute_after_a_punch_touches_that_day_and_the_day_before(cast):
    _run(cast, "charlie", first=MONDAY, last=FRIDAY)
    punch = make_punch(cast, "charlie", at(MONDAY + dt.timedelta(days=2), "07:40:00"), state=0)
    result = harian.recompute_for_punches(
        instansi_id=cast.a.pk, punches=[(punch.pegawai_id, punch.waktu)]
    )
    assert result.computed == 2
    assert status(cast, "charlie", MONDAY + dt.timedelta(days=2)).kode_tl == "TL1"


def test_another_instansi_person_is_not_computed(cast):
    result = harian.status_recompute(
        instansi_id=cast.a.pk, pegawai_ids=[cast.gita.pk], first=MONDAY, last=MONDAY
    )
    assert result.computed == 0
    assert not StatusHarian.objects.exists()


def test_month_recompute_by_the_admin_is_audited(cast):
    result = harian.status_recompute_month(actor=cast.actor("eko"), tahun=2026, bulan=5)
    assert result.computed == 31 * Pegawai.objects.filter(instansi=cast.a, aktif=True).count()
    event = AuditEvent.objects.get(action="status_harian.recompute")
    assert event.changes["bulan"] == 5 and event.changes["jumlah"] == result.computed


def test_queries_grow_with_batches_not_with_staff(cast, django_assert_max_num_queries):
    unit = cast.bidang
    Pegawai.objects.bulk_create(
        [
            Pegawai(instansi=cast.a, nama=f"Staf {i}", jenis_kelamin="L", status="PNS", unit=unit)
            for i in range(120)
        ]
    )
    ids = list(Pegawai.objects.filter(instansi=cast.a).values_list("pk", flat=True))
    Presensi.objects.bulk_create(
        [
            Presensi(
                instansi=cast.a,
                pegawai_id=pid,
                waktu=at(MONDAY + dt.timedelta(days=d), t),
                sumber="ponsel",
            )
            for pid in ids[:40]
            for d in range(5)
            for t in ("07:2%s:00" % (pid % 10), "16:0%s:00" % (pid % 10))
        ]
    )
    fields = [
        StatusHarian._meta.get_field(f)
        for f in ["instansi", "pegawai", "tanggal", *harian.UPDATE_FIELDS]
    ]
    # Rows per INSERT: 1000, or fewer where the backend caps query parameters (SQLite).
    per_insert = min(1000, connection.ops.bulk_batch_size(fields, [None] * 1000))
    batches = 3  # 120 + 6 people, 50 a batch
    inserts = sum(math.ceil(n * 7 / per_insert) for n in (50, 50, len(ids) - 100))
    harian.BATCH, old = 50, harian.BATCH
    try:
        # rules (4) + locks (1) + a savepoint (2); per batch: people, roster, punches,
        # leave, DL, corrections (6); and the upserts
        with django_assert_max_num_queries(7 + batches * 6 + inserts):
            result = harian.status_recompute(
                instansi_id=cast.a.pk, pegawai_ids=ids, first=MONDAY, last=SUNDAY
            )
    finally:
        harian.BATCH = old
    assert result.computed == len(ids) * 7
    assert StatusHarian.objects.filter(status="hadir").count() == 40 * 5
