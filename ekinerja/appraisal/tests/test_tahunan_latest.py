"""The annual evaluation follows the latest rated period (issue 11 §6): opened before
December was rated, it showed "Belum dinilai" beside a predikat copied from November,
and kept November's after December was rated. Now an unconfirmed prefill follows the
latest rated period as soon as it is rated, realisasi the person typed is kept, and
every page says the predikat is prefilled, from which period, and not rated yet."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ..domain import evaluation, ratings
from ..models import Evaluasi, RealisasiIKI
from ..services.penilaian import evaluasi_rate
from ..services.tahunan import annual_prefill
from .factories import appraisal_world, open_periode, set_rating, set_realisasi

pytestmark = pytest.mark.django_db

DA, SE, DB = ratings.DI_ATAS, ratings.SESUAI, ratings.DI_BAWAH


@pytest.fixture
def world(cast):
    return appraisal_world(cast)


def _year(world):
    tahunan = open_periode(world.cast, world.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    annual_prefill(periode=tahunan)
    return tahunan


def _annual(tahunan, who) -> Evaluasi:
    return Evaluasi.objects.get(periode_penilaian=tahunan, pegawai=who)


def _rate_in(world, periode, who, hk, pk) -> Evaluasi:
    """The penilai rates `who` in `periode` through the service (bob rates charlie)."""
    ev = Evaluasi.objects.get(periode_penilaian=periode, pegawai=getattr(world.cast, who))
    return evaluasi_rate(
        actor=world.cast.actor("bob"),
        evaluasi_id=ev.pk,
        rating_hasil_kerja=hk,
        rating_perilaku=pk,
    )


def test_a_period_rated_after_the_year_was_opened_becomes_the_source(world):
    set_realisasi(world, "charlie", "12")
    march = set_rating(world, "charlie", SE, SE)
    april = open_periode(world.cast, world.cascade, nomor=4)  # open, not rated yet
    tahunan = _year(world)
    ev = _annual(tahunan, world.cast.charlie)
    assert (ev.sumber_id, ev.predikat, ev.status) == (march.pk, ratings.BAIK, "draft")
    # April's realisasi, then its rating: the annual draft follows at once.
    ev_april = Evaluasi.objects.get(periode_penilaian=april, pegawai=world.cast.charlie)
    RealisasiIKI.objects.create(
        instansi=world.cast.a,
        evaluasi=ev_april,
        iki=world.iki("charlie"),
        nilai=Decimal(15),
        capaian=Decimal(125),
    )
    _rate_in(world, april, "charlie", DA, DA)
    ev.refresh_from_db()
    assert (ev.sumber_id, ev.predikat, ev.status) == (ev_april.pk, ratings.SANGAT_BAIK, "draft")
    assert (ev.rating_hasil_kerja, ev.rating_perilaku) == (DA, DA)
    # The realisasi was March's untouched copy: it becomes April's.
    assert list(RealisasiIKI.objects.filter(evaluasi=ev).values_list("nilai", flat=True)) == [
        Decimal(15)
    ]


def test_realisasi_the_person_typed_in_the_annual_evaluation_is_kept(world):
    set_realisasi(world, "charlie", "12")
    set_rating(world, "charlie", SE, SE)
    april = open_periode(world.cast, world.cascade, nomor=4)
    tahunan = _year(world)
    ev = _annual(tahunan, world.cast.charlie)
    RealisasiIKI.objects.filter(evaluasi=ev).update(nilai=Decimal(20))  # typed by charlie
    _rate_in(world, april, "charlie", DB, SE)
    ev.refresh_from_db()
    assert ev.predikat == ratings.BUTUH_PERBAIKAN
    assert list(RealisasiIKI.objects.filter(evaluasi=ev).values_list("nilai", flat=True)) == [
        Decimal(20)
    ]


def test_a_rated_annual_evaluation_no_longer_follows(world):
    set_rating(world, "charlie", SE, SE)
    april = open_periode(world.cast, world.cascade, nomor=4)
    tahunan = _year(world)
    ev = _annual(tahunan, world.cast.charlie)
    _rate_in(world, tahunan, "charlie", DA, SE)  # the penilai confirms the year
    _rate_in(world, april, "charlie", DB, DB)
    ev.refresh_from_db()
    assert (ev.status, ev.predikat) == ("dinilai", ratings.BAIK)


def test_only_the_rated_persons_annual_evaluation_is_touched(world, django_assert_max_num_queries):
    for who in ("charlie", "dina"):
        set_rating(world, who, SE, SE)
    april = open_periode(world.cast, world.cascade, nomor=4)
    tahunan = _year(world)
    dina_before = _annual(tahunan, world.cast.dina).updated_at
    with django_assert_max_num_queries(28):  # 17 + the one annual prefill
        _rate_in(world, april, "charlie", DA, DA)
    assert _annual(tahunan, world.cast.dina).updated_at == dina_before
    assert _annual(tahunan, world.cast.charlie).predikat == ratings.SANGAT_BAIK


def test_the_pages_say_the_predikat_is_prefilled_and_from_which_period(world, login):
    set_rating(world, "charlie", SE, SE)
    tahunan = _year(world)
    body = login("charlie").get(reverse("appraisal:evaluasi-mine")).content.decode()
    row = body[body.index("Tahunan 2026") :]
    row = row[: row.index("</tr>")]
    assert "Diisi awal dari Maret 2026" in row and "belum dinilai" in row
    assert "usulan" in row
    ev = _annual(tahunan, world.cast.charlie)
    body = login("bob").get(reverse("appraisal:penilaian-list"), {"periode": tahunan.pk})
    row = body.content.decode()
    row = row[row.index(f'id="penilaian-row-{ev.pk}"') :]
    assert "Diisi awal dari Maret 2026" in row[: row.index("</form>")]
