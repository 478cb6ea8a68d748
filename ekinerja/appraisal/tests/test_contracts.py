"""The read contract of appraisal (appraisal.selectors.final; docs/architecture.md
"Read contracts"): the final predikat per person and period, only after penetapan, with
the rule-set versions, as the TPP will read it. On the appraisal world
(tests/factories.py): March 2026, Dinas Alfa's curve counts bob, charlie and dina;
alice heads it and is counted in no curve."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ekinerja.appraisal.models import AturanPenilaian, Evaluasi, Penetapan, PeriodePenilaian
from ekinerja.plans.models import SKP, PeriodeKinerja

from ..domain import evaluation, ratings
from ..selectors.final import (
    FinalPredikat,
    final_predikat,
    final_predikat_for_month,
    periode_for_month,
)
from ..services.penetapan import penetapan_create, penetapan_reopen
from .factories import appraisal_world, set_predikat_organisasi, set_rating

pytestmark = pytest.mark.django_db

DA, SE, DB = ratings.DI_ATAS, ratings.SESUAI, ratings.DI_BAWAH
TEAM = {"bob": (SE, SE), "charlie": (DA, SE), "dina": (DB, SE)}  # Baik, Baik, Butuh Perbaikan
EVERYONE = ("alice", "bob", "charlie", "dina", "eko", "gita")


def _rated(cast, *, alice: bool = False):
    w = appraisal_world(cast)
    for who, (hk, pk) in TEAM.items():
        set_rating(w, who, hk, pk)
    if alice:
        # A head's rating hasil kerja is her unit's organisation predikat (Baik: sesuai).
        set_rating(w, "alice", SE, DA)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    return w


def _tetapkan(w) -> Penetapan:
    return penetapan_create(
        actor=w.cast.actor("alice"), unit_id=w.cast.dinas.pk, periode_penilaian_id=w.periode.pk
    )


def _ids(cast, names=EVERYONE) -> list[int]:
    return [getattr(cast, n).pk for n in names]


def _final(w, instansi=None) -> dict[int, FinalPredikat]:
    return final_predikat(
        instansi_id=(instansi or w.cast.a).pk,
        periode_penilaian_id=w.periode.pk,
        pegawai_ids=_ids(w.cast),
    )


def _who(cast, result: dict[int, FinalPredikat]) -> dict[str, str]:
    names = {getattr(cast, n).pk: n for n in EVERYONE}
    return {names[pk]: f.predikat for pk, f in result.items()}


def test_rated_but_not_ditetapkan_is_absent(cast):
    w = _rated(cast, alice=True)
    assert _final(w) == {}


def test_ditetapkan_is_present_with_its_period_ratings_and_rule_versions(cast):
    AturanPenilaian.objects.create(instansi=cast.a, tahun=2026, versi=4)
    w = _rated(cast)
    Evaluasi.objects.filter(pk=w.evaluasi("charlie").pk).update(aturan_versi=3)
    p = _tetapkan(w)
    got = _final(w)
    # alice (outside the curve, unrated) stays open; eko has no SKP; gita is of instansi B.
    assert _who(cast, got) == {
        "bob": ratings.BAIK,
        "charlie": ratings.BAIK,
        "dina": "butuh_perbaikan",
    }
    ev = w.evaluasi("charlie")
    assert got[cast.charlie.pk] == FinalPredikat(
        pegawai_id=cast.charlie.pk,
        evaluasi_id=ev.pk,
        skp_id=w.cascade.charlie.pk,
        jabatan_id=cast.jab_pelaksana.pk,
        periode_penilaian_id=w.periode.pk,
        jenis=evaluation.JENIS_BULANAN,
        nomor=3,
        tanggal_mulai=dt.date(2026, 3, 1),
        tanggal_selesai=dt.date(2026, 3, 31),
        predikat=ratings.BAIK,
        predikat_label="Baik",
        rating_hasil_kerja=DA,
        rating_perilaku=SE,
        aturan_versi=3,
        penetapan_aturan_versi=4,
        penetapan_id=p.pk,
        ditetapkan_at=p.ditetapkan_at,
        ditetapkan_oleh_id=cast.alice.user_id,
    )
    assert got[cast.dina.pk].predikat_label == "Butuh Perbaikan"
    # Everyone evaluated in the period when no list is given.
    everyone = final_predikat(instansi_id=cast.a.pk, periode_penilaian_id=w.periode.pk)
    assert everyone == got


def test_a_unit_head_rated_outside_the_curve_is_locked_with_it(cast):
    w = _rated(cast, alice=True)
    _tetapkan(w)
    assert _who(cast, _final(w))["alice"] == ratings.BAIK


def test_a_reopened_penetapan_is_not_final_any_more(cast):
    w = _rated(cast)
    p = _tetapkan(w)
    penetapan_reopen(actor=cast.actor("eko"), penetapan_id=p.pk, alasan="Koreksi penilaian dina")
    assert _final(w) == {}
    again = _tetapkan(w)
    assert {f.penetapan_id for f in _final(w).values()} == {again.pk}


def test_another_instansi_is_never_read(cast):
    w = _rated(cast)
    _tetapkan(w)
    assert cast.gita.pk not in _final(w)
    assert _final(w, instansi=cast.b) == {}
    assert final_predikat(instansi_id=cast.b.pk, periode_penilaian_id=w.periode.pk) == {}


def test_two_evaluations_in_the_period_the_later_skp_decides(cast):
    """charlie moved to another position on 16 March (rules §4): the evaluation of the
    SKP that starts last counts; while it is not final, charlie is absent."""
    w = _rated(cast)
    _tetapkan(w)
    first = w.evaluasi("charlie")
    later_skp = SKP.objects.create(
        instansi=cast.a, pegawai=cast.charlie, jabatan=cast.jab_fungsional,
        periode=w.cascade.periode, tanggal_mulai=dt.date(2026, 3, 16),
        tanggal_selesai=dt.date(2026, 12, 31), status="disetujui", penilai=cast.bob,
    )  # fmt: skip
    SKP.objects.filter(pk=first.skp_id).update(tanggal_selesai=dt.date(2026, 3, 15))
    later = Evaluasi.objects.create(
        instansi=cast.a, skp=later_skp, periode_penilaian=w.periode, pegawai=cast.charlie,
        penilai=cast.bob, jabatan=cast.jab_fungsional, unit=cast.bidang, unit_kurva=cast.dinas,
        snapshot=first.snapshot,
    )  # fmt: skip
    assert cast.charlie.pk not in _final(w)
    Evaluasi.objects.filter(pk=later.pk).update(
        status=evaluation.EVALUASI_DITETAPKAN, predikat=ratings.SANGAT_BAIK,
        rating_hasil_kerja=DA, rating_perilaku=DA, ditetapkan_at=timezone.now(),
    )  # fmt: skip
    got = _final(w)[cast.charlie.pk]
    assert (got.evaluasi_id, got.skp_id, got.predikat) == (
        later.pk,
        later_skp.pk,
        ratings.SANGAT_BAIK,
    )
    assert got.jabatan_id == cast.jab_fungsional.pk


def test_the_month_finds_its_period(cast):
    w = _rated(cast)
    _tetapkan(w)
    assert periode_for_month(instansi_id=cast.a.pk, tahun=2026, bulan=3) == w.periode
    assert periode_for_month(instansi_id=cast.a.pk, tahun=2026, bulan=4) is None
    assert periode_for_month(instansi_id=cast.b.pk, tahun=2026, bulan=3) is None
    by_month = final_predikat_for_month(
        instansi_id=cast.a.pk, tahun=2026, bulan=3, pegawai_ids=_ids(cast)
    )
    assert by_month == _final(w)
    assert final_predikat_for_month(instansi_id=cast.a.pk, tahun=2026, bulan=4) == {}


def test_a_quarterly_year_gives_the_quarter_never_the_year(cast):
    year = PeriodeKinerja.objects.create(instansi=cast.a, tahun=2027, periodik="triwulanan")
    made = {}
    for jenis, nomor in ((evaluation.JENIS_TRIWULANAN, 2), (evaluation.JENIS_TAHUNAN, 0)):
        mulai, selesai = evaluation.period_bounds(jenis, nomor, 2027)
        made[jenis] = PeriodePenilaian.objects.create(
            instansi=cast.a, periode=year, jenis=jenis, nomor=nomor,
            tanggal_mulai=mulai, tanggal_selesai=selesai,
        )  # fmt: skip
    for bulan in (4, 5, 6):
        got = periode_for_month(instansi_id=cast.a.pk, tahun=2027, bulan=bulan)
        assert got == made[evaluation.JENIS_TRIWULANAN]
    assert periode_for_month(instansi_id=cast.a.pk, tahun=2027, bulan=7) is None


def test_two_queries_whatever_the_number_of_people(cast, django_assert_max_num_queries):
    w = _rated(cast, alice=True)
    _tetapkan(w)
    with django_assert_max_num_queries(2):
        one = final_predikat(
            instansi_id=cast.a.pk, periode_penilaian_id=w.periode.pk, pegawai_ids=[cast.dina.pk]
        )
    with django_assert_max_num_queries(2):
        four = _final(w)
    with django_assert_max_num_queries(3):
        final_predikat_for_month(instansi_id=cast.a.pk, tahun=2026, bulan=3)
    assert len(one) == 1 and len(four) == 4


def test_a_month_opened_beside_its_quarter_wins(cast):
    """One periodic kind per year is opened (services.periode); should the year's kind
    have changed after a quarter was opened, the month itself is the month's period."""
    year = PeriodeKinerja.objects.create(instansi=cast.a, tahun=2027, periodik="bulanan")
    made = {}
    for jenis, nomor in ((evaluation.JENIS_TRIWULANAN, 1), (evaluation.JENIS_BULANAN, 2)):
        mulai, selesai = evaluation.period_bounds(jenis, nomor, 2027)
        made[jenis] = PeriodePenilaian.objects.create(
            instansi=cast.a, periode=year, jenis=jenis, nomor=nomor,
            tanggal_mulai=mulai, tanggal_selesai=selesai,
        )  # fmt: skip
    assert periode_for_month(instansi_id=cast.a.pk, tahun=2027, bulan=2) == made["bulanan"]
    assert periode_for_month(instansi_id=cast.a.pk, tahun=2027, bulan=1) == made["triwulanan"]
