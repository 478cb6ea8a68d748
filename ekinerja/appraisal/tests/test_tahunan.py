"""The annual evaluation (rules §4; services/tahunan.py): `separate` prefills a draft from
the last rated period of the same SKP, `last_period` copies it (status dinilai); a
person with two positions in the year gets one annual evaluation per SKP, each with its
own snapshot and its own source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ekinerja.org.models import Jabatan
from ekinerja.plans.models import SKP

from ..domain import evaluation, ratings
from ..models import AturanPenilaian, Evaluasi, PeriodePenilaian, RealisasiIKI
from ..services.periode import periode_penilaian_open, periode_penilaian_prepare
from ..services.tahunan import annual_prefill, periode_penilaian_sync
from .factories import appraisal_world, open_periode, set_rating, set_realisasi

pytestmark = pytest.mark.django_db

DA, SE, DB = ratings.DI_ATAS, ratings.SESUAI, ratings.DI_BAWAH


@pytest.fixture
def world(cast):
    return appraisal_world(cast)


def _mode(world, mode: str) -> None:
    AturanPenilaian.objects.create(instansi=world.cast.a, tahun=2026, mode_tahunan=mode, versi=3)


def _open_year(world) -> PeriodePenilaian:
    eko = world.cast.actor("eko")
    periode = periode_penilaian_open(
        actor=eko, periode_id=world.cascade.periode.pk, jenis="tahunan", nomor=0
    )
    # What the worker does after the commit (tasks.periode_prepare_task).
    periode_penilaian_prepare(actor=eko, periode_penilaian_id=periode.pk)
    periode.refresh_from_db()
    return periode


def _annual(periode: PeriodePenilaian, pegawai) -> Evaluasi:
    return Evaluasi.objects.get(periode_penilaian=periode, pegawai=pegawai)


def test_separate_prefills_a_draft_from_the_last_rated_period(world):
    set_realisasi(world, "charlie", "13")
    march = set_rating(world, "charlie", DA, SE)
    march.umpan_balik_rhk = {"1": "Rapi"}
    march.save()
    tahunan = _open_year(world)
    ev = _annual(tahunan, world.cast.charlie)
    assert (ev.status, ev.sumber_id) == ("draft", march.pk)
    assert (ev.rating_hasil_kerja, ev.rating_perilaku, ev.predikat) == (DA, SE, ratings.BAIK)
    assert ev.umpan_balik_rhk == {"1": "Rapi"}
    copied = RealisasiIKI.objects.get(evaluasi=ev)
    assert (copied.iki_id, copied.nilai) == (world.iki("charlie").pk, Decimal("13"))
    # Nobody rated in a period: nothing to prefill.
    dina = _annual(tahunan, world.cast.dina)
    assert (dina.status, dina.sumber_id, dina.predikat) == ("draft", None, "")


def test_the_latest_rated_period_is_the_source(world):
    set_rating(world, "charlie", DA, DA)
    april = open_periode(world.cast, world.cascade, nomor=4)
    may = open_periode(world.cast, world.cascade, nomor=5)
    ev_april = Evaluasi.objects.get(periode_penilaian=april, pegawai=world.cast.charlie)
    ev_april.rating_hasil_kerja, ev_april.rating_perilaku = DB, SE
    ev_april.predikat, ev_april.status = ratings.BUTUH_PERBAIKAN, "dinilai"
    ev_april.save()
    assert Evaluasi.objects.filter(periode_penilaian=may, pegawai=world.cast.charlie, predikat="")
    ev = _annual(_open_year(world), world.cast.charlie)
    assert (ev.sumber_id, ev.predikat) == (ev_april.pk, ratings.BUTUH_PERBAIKAN)


def test_separate_never_overwrites_the_penilais_work(world):
    set_rating(world, "charlie", DA, SE)
    tahunan = _open_year(world)
    ev = _annual(tahunan, world.cast.charlie)
    ev.rating_hasil_kerja, ev.predikat, ev.status = SE, ratings.BAIK, "dinilai"
    ev.save()
    set_rating(world, "charlie", DB, DB)  # the last period changes afterwards
    assert annual_prefill(periode=tahunan) == 0
    ev.refresh_from_db()
    assert (ev.rating_hasil_kerja, ev.status) == (SE, "dinilai")


def test_separate_keeps_realisasi_already_entered(world):
    set_realisasi(world, "charlie", "13")
    tahunan = _open_year(world)  # nobody rated yet: nothing prefilled
    ev = _annual(tahunan, world.cast.charlie)
    RealisasiIKI.objects.create(
        instansi=world.cast.a, evaluasi=ev, iki=world.iki("charlie"), nilai=Decimal(20)
    )
    set_rating(world, "charlie", SE, SE)
    created, prefilled = periode_penilaian_sync(
        actor=world.cast.actor("eko"), periode_penilaian_id=tahunan.pk
    )
    assert (created, prefilled) == (0, 1)
    ev.refresh_from_db()
    assert ev.predikat == ratings.BAIK and ev.status == "draft"
    assert list(RealisasiIKI.objects.filter(evaluasi=ev).values_list("nilai", flat=True)) == [
        Decimal(20)
    ]


def test_last_period_copies_and_follows_until_locked(world):
    _mode(world, evaluation.TAHUNAN_PERIODE_TERAKHIR)
    set_realisasi(world, "charlie", "12")
    march = set_rating(world, "charlie", SE, SE)
    march.umpan_balik_perilaku = {"3": "Kompeten"}
    march.catatan_penilai = "Pertahankan."
    march.save()
    tahunan = _open_year(world)
    ev = _annual(tahunan, world.cast.charlie)
    assert (ev.status, ev.predikat, ev.sumber_id, ev.aturan_versi) == (
        "dinilai",
        ratings.BAIK,
        march.pk,
        3,
    )
    assert ev.umpan_balik_perilaku == {"3": "Kompeten"} and ev.catatan_penilai == "Pertahankan."
    assert ev.dinilai_at == march.dinilai_at
    assert RealisasiIKI.objects.filter(evaluasi=ev).count() == 1
    # The last period is re-rated: a sync makes the annual copy follow.
    set_rating(world, "charlie", DA, DA)
    periode_penilaian_sync(actor=world.cast.actor("eko"), periode_penilaian_id=tahunan.pk)
    ev.refresh_from_db()
    assert ev.predikat == ratings.SANGAT_BAIK
    assert RealisasiIKI.objects.filter(evaluasi=ev).count() == 1
    # Once locked by a penetapan it no longer follows.
    Evaluasi.objects.filter(pk=ev.pk).update(status="ditetapkan", ditetapkan_at=timezone.now())
    set_rating(world, "charlie", DB, DB)
    annual_prefill(periode=tahunan)
    ev.refresh_from_db()
    assert (ev.status, ev.predikat) == ("ditetapkan", ratings.SANGAT_BAIK)


def test_annual_prefill_writes_in_bulk(world, django_assert_max_num_queries):
    for who in ("bob", "charlie", "dina"):
        set_realisasi(world, who, "12")
        set_rating(world, who, SE, SE)
    tahunan = _open_year(world)
    Evaluasi.objects.filter(periode_penilaian=tahunan).update(
        sumber=None, predikat="", status="draft", rating_hasil_kerja="", rating_perilaku=""
    )
    RealisasiIKI.objects.filter(evaluasi__periode_penilaian=tahunan).delete()
    with django_assert_max_num_queries(10):
        assert annual_prefill(periode=tahunan) == 3


def test_prefill_follows_earlier_versions_of_a_revised_skp(world):
    """An SKP revised during the year: its earlier version's periods are its own."""
    set_rating(world, "charlie", DA, SE)
    old = world.cascade.charlie
    SKP.objects.filter(pk=old.pk).update(status="disetujui")
    new = SKP.objects.create(
        instansi=world.cast.a,
        pegawai=old.pegawai,
        jabatan=old.jabatan,
        periode=old.periode,
        tanggal_mulai=old.tanggal_mulai,
        tanggal_selesai=old.tanggal_selesai,
        status="disetujui",
        versi=2,
        sebelumnya=old,
        penilai=old.penilai,
        atasan_penilai=old.atasan_penilai,
    )
    ev = _annual(_open_year(world), world.cast.charlie)
    assert ev.skp_id == new.pk
    assert ev.sumber_id == world.evaluasi("charlie").pk and ev.predikat == ratings.BAIK
    # The IKI of the earlier version are not the new SKP's: no realisasi copied.
    assert not RealisasiIKI.objects.filter(evaluasi=ev).exists()


def test_two_positions_in_a_year_give_two_annual_evaluations(world):
    cast = world.cast
    first = world.cascade.charlie
    SKP.objects.filter(pk=first.pk).update(tanggal_selesai=dt.date(2026, 6, 30))
    keuangan = Jabatan.objects.create(
        instansi=cast.a, unit=cast.dinas, parent=cast.jab_kadis, kode="J-KEU",
        nama="Pengelola Keuangan", jenis="pelaksana", kelas=6,
    )  # fmt: skip
    second = SKP.objects.create(
        instansi=cast.a,
        pegawai=cast.charlie,
        jabatan=keuangan,
        periode=first.periode,
        tanggal_mulai=dt.date(2026, 7, 1),
        tanggal_selesai=dt.date(2026, 12, 31),
        status="disetujui",
        penilai=cast.alice,
    )
    march = set_rating(world, "charlie", DA, SE)  # first position
    september = open_periode(cast, world.cascade, nomor=9)
    ev_sept = Evaluasi.objects.get(periode_penilaian=september, pegawai=cast.charlie)
    assert ev_sept.skp_id == second.pk  # the first SKP ended in June
    ev_sept.rating_hasil_kerja, ev_sept.rating_perilaku = SE, DB
    ev_sept.predikat, ev_sept.status = ratings.KURANG, "dinilai"
    ev_sept.save()

    tahunan = _open_year(world)
    annual = {
        ev.skp_id: ev
        for ev in Evaluasi.objects.filter(periode_penilaian=tahunan, pegawai=cast.charlie)
    }
    assert set(annual) == {first.pk, second.pk}
    one, two = annual[first.pk], annual[second.pk]
    assert one.snapshot["pegawai"]["jabatan"] == "Pengadministrasi Umum"
    assert two.snapshot["pegawai"]["jabatan"] == "Pengelola Keuangan"
    assert one.snapshot["penilai"]["nama"] == "Bob Santoso"
    assert two.snapshot["penilai"]["nama"] == "Alice Wulandari"
    assert (one.penilai_id, two.penilai_id) == (cast.bob.pk, cast.alice.pk)
    assert (one.unit_id, two.unit_id) == (cast.bidang.pk, cast.dinas.pk)
    # Each prefilled from the last rated period of its own SKP.
    assert (one.sumber_id, one.predikat) == (march.pk, ratings.BAIK)
    assert (two.sumber_id, two.predikat) == (ev_sept.pk, ratings.KURANG)


def test_prefill_refuses_a_periodic_period(world):
    with pytest.raises(ValueError):
        annual_prefill(periode=world.periode)
