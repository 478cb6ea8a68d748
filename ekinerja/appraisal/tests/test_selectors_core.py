"""The curve status of a unit (rules §2) and the content of one evaluation (rules §1,
§3; evidence from issue 4), in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.appraisal.domain import ratings, ruleset
from ekinerja.appraisal.models import AturanPenilaian, Evaluasi
from ekinerja.appraisal.selectors.evaluasi import evaluasi_content
from ekinerja.appraisal.selectors.kurva import aturan_for, curve_status
from ekinerja.execution.models import UmpanBalik
from ekinerja.execution.tests.factories import make_aktivitas, make_umpan_balik
from ekinerja.plans.models import IKI

from .factories import appraisal_world, set_predikat_organisasi, set_rating, set_realisasi

pytestmark = pytest.mark.django_db


def test_the_curve_counts_the_unit_but_not_its_own_head(cast):
    w = appraisal_world(cast)
    set_rating(w, "alice", ratings.DI_ATAS, ratings.DI_ATAS)  # the Kepala Dinas: rated one level up
    set_rating(w, "bob", ratings.DI_ATAS, ratings.DI_ATAS)
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    s = curve_status(periode=w.periode, unit=cast.dinas)
    assert s.counts[ratings.SANGAT_BAIK] == 1 and s.counts[ratings.BAIK] == 1
    assert s.n == 2 and s.belum_dinilai == 1 and s.jumlah_evaluasi == 4
    assert s.check is None and s.needs_predikat_organisasi and not s.ok


@pytest.mark.parametrize(
    "org, pairs, ok",
    [
        # n = 3: Baik allows floor(0.7·3) = 2 Baik and needs 1 BP or Kurang.
        (
            ratings.ORG_BAIK,
            [(ratings.SESUAI, ratings.SESUAI)] * 2 + [(ratings.DI_BAWAH, ratings.SESUAI)],
            True,
        ),
        (ratings.ORG_BAIK, [(ratings.SESUAI, ratings.SESUAI)] * 3, False),
        # Istimewa allows floor(0.7·3) = 2 Sangat Baik.
        (
            ratings.ISTIMEWA,
            [(ratings.DI_ATAS, ratings.DI_ATAS)] * 2 + [(ratings.SESUAI, ratings.SESUAI)],
            True,
        ),
        (ratings.ISTIMEWA, [(ratings.DI_ATAS, ratings.DI_ATAS)] * 3, False),
    ],
)
def test_curve_status_checks_against_the_org_predikat(cast, org, pairs, ok):
    w = appraisal_world(cast)
    for who, (hk, pk) in zip(("bob", "charlie", "dina"), pairs, strict=True):
        set_rating(w, who, hk, pk)
    set_predikat_organisasi(w, cast.dinas, org)
    s = curve_status(periode=w.periode, unit=cast.dinas)
    assert s.check is not None and s.check.ok is ok
    assert s.ok is ok  # everybody counted is rated


def test_counts_override_previews_without_writing(cast):
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    s = curve_status(
        periode=w.periode,
        unit=cast.dinas,
        counts_override={ratings.BAIK: 3},
    )
    assert s.check is not None
    assert s.counts == {ratings.BAIK: 3} and not s.check.ok
    assert not Evaluasi.objects.exclude(predikat="").exists()


def test_curve_status_runs_four_queries_whatever_the_size(cast, django_assert_num_queries):
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    with django_assert_num_queries(4):
        curve_status(periode=w.periode, unit=cast.dinas)


def test_the_rule_set_of_a_year_is_data(cast):
    assert aturan_for(instansi_id=cast.a.pk, tahun=2026) == ruleset.DEFAULT_ATURAN
    AturanPenilaian.objects.create(
        instansi=cast.a,
        tahun=2026,
        ambang_di_atas=120,
        kurva={ratings.ISTIMEWA: [{"predikat": [ratings.SANGAT_BAIK], "op": "le", "share": "0.5"}]},
        versi=3,
    )
    a = aturan_for(instansi_id=cast.a.pk, tahun=2026)
    assert a.versi == 3 and a.suggestion.above == 120
    assert a.curve[ratings.ISTIMEWA][0].limit(10) == 5
    assert aturan_for(instansi_id=cast.a.pk, tahun=2027) == ruleset.DEFAULT_ATURAN


@pytest.mark.parametrize(
    "realisasi, rhk_rating, saran",
    [
        ("14", ratings.DI_ATAS, ratings.DI_ATAS),
        ("12", ratings.SESUAI, ratings.SESUAI),
        ("6", ratings.DI_BAWAH, ratings.DI_BAWAH),
    ],
)
def test_content_suggests_the_rating_from_capaian(cast, realisasi, rhk_rating, saran):
    w = appraisal_world(cast)
    set_realisasi(w, "charlie", realisasi)  # target 12
    ev = w.evaluasi("charlie")
    c = evaluasi_content(ev)
    assert [r.rating for r in c.rhk] == [rhk_rating]
    assert c.saran_hasil_kerja == saran
    assert c.realisasi_filled == 1 == c.realisasi_total


def test_content_shows_the_periods_verified_activities_and_feedback(cast):
    w = appraisal_world(cast)
    rhk = w.cascade.rhk("charlie")
    make_aktivitas(cast, "charlie", rhk=rhk, status="diverifikasi", tanggal=dt.date(2026, 3, 10))
    make_aktivitas(cast, "charlie", rhk=rhk, status="diajukan", tanggal=dt.date(2026, 3, 11))
    make_aktivitas(cast, "charlie", rhk=rhk, status="diverifikasi", tanggal=dt.date(2026, 4, 1))
    fb = make_umpan_balik(cast, to="charlie", by="bob", rhk=rhk, teks="Agenda rapi.")
    UmpanBalik.objects.filter(pk=fb.pk).update(
        created_at=dt.datetime(2026, 3, 12, 3, tzinfo=dt.UTC)
    )
    c = evaluasi_content(w.evaluasi("charlie"))
    row = c.rhk[0]
    assert row.aktivitas_count == 1 and row.aktivitas_menit == 90
    assert row.umpan_balik is not None
    assert [t.teks for t in row.umpan_balik.threads] == ["Agenda rapi."]
    assert [p.nomor for p in c.perilaku] == [1, 2, 3, 4, 5, 6, 7]
    assert c.perilaku[0].nama == "Berorientasi Pelayanan"


def test_a_unit_head_gets_the_org_predikats_rating(cast):
    w = appraisal_world(cast)
    c = evaluasi_content(w.evaluasi("bob"))
    assert c.head_rating is None  # no organisation predikat for Bidang Satu yet
    set_predikat_organisasi(w, cast.bidang, ratings.ISTIMEWA)
    c = evaluasi_content(w.evaluasi("bob"))
    assert c.predikat_organisasi is not None
    assert c.head_rating == ratings.DI_ATAS and c.predikat_organisasi.unit == cast.bidang
    assert evaluasi_content(w.evaluasi("charlie")).head_rating is None


def test_content_queries_do_not_grow_with_rhk(cast, django_assert_max_num_queries):
    w = appraisal_world(cast)
    ev = Evaluasi.objects.select_related("periode_penilaian", "pegawai").get(
        pk=w.evaluasi("charlie").pk
    )
    with django_assert_max_num_queries(14) as ctx:
        evaluasi_content(ev)
    first = len(ctx.captured_queries)
    rhk = w.cascade.rhk("charlie")
    for i in range(5):
        IKI.objects.create(
            instansi=cast.a, rhk=rhk, aspek="kualitas", indikator=f"Mutu {i}",
            target_jenis="angka", target_nilai=100, satuan="persen",
        )  # fmt: skip
    with django_assert_max_num_queries(first):
        evaluasi_content(ev)


def test_opening_a_period_runs_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    """evaluasi_sync snapshots the person, the penilai and the atasan penilai from one
    joined query: no query per SKP (27,000 SKP would otherwise cost ~100,000)."""
    from ekinerja.appraisal.services.periode import evaluasi_sync

    w = appraisal_world(cast)
    Evaluasi.objects.all().delete()
    with django_assert_max_num_queries(6):
        assert evaluasi_sync(periode=w.periode) == 4
    ev = w.evaluasi("charlie")
    assert ev.snapshot["penilai"]["nama"] == "Bob Santoso"
    assert ev.snapshot["atasan_penilai"]["unit"] == "Dinas Alfa"
