"""Why a penetapan is refused (rules §1, §2): domain.penetapan.penetapan_refusals over
the facts the selector gathers — every reason, in order, with the same sentences the
page and the service show. No database."""

from __future__ import annotations

import dataclasses

import pytest

from ekinerja.appraisal.domain import distribution, ratings
from ekinerja.appraisal.domain.penetapan import (
    LISTED,
    PenetapanFacts,
    RatedHead,
    penetapan_refusals,
)

B, BP, K = ratings.BAIK, ratings.BUTUH_PERBAIKAN, ratings.KURANG

# Dinas Alfa, three people rated Baik under organisation predikat Baik: Baik ≤ 2 fails.
FAILING = PenetapanFacts(
    unit="Dinas Alfa",
    periode="Januari 2025",
    ditetapkan=False,
    jumlah_evaluasi=3,
    dihitung=3,
    n=3,
    dinilai=3,
    predikat_organisasi=ratings.ORG_BAIK,
    check=distribution.check_curve({B: 3}, ratings.ORG_BAIK),
    head_rating=ratings.DEFAULT_HEAD_RATING,
)
PASSING = dataclasses.replace(
    FAILING, check=distribution.check_curve({B: 2, BP: 1}, ratings.ORG_BAIK)
)


def test_a_curve_that_holds_with_everybody_rated_is_not_refused():
    assert penetapan_refusals(PASSING) == []


def test_a_penetapan_in_force_is_the_only_reason():
    facts = dataclasses.replace(FAILING, ditetapkan=True)
    assert penetapan_refusals(facts) == [
        "Distribusi predikat Dinas Alfa periode Januari 2025 sudah ditetapkan. Perubahan "
        "hanya melalui pembukaan kembali oleh Admin Instansi."
    ]


def test_no_evaluation_is_the_only_reason():
    facts = PenetapanFacts(
        unit="Dinas Alfa", periode="Januari 2025", ditetapkan=False, jumlah_evaluasi=0
    )
    assert penetapan_refusals(facts) == [
        "Belum ada evaluasi kinerja di Dinas Alfa untuk periode Januari 2025."
    ]


def test_the_curve_names_each_failing_rule_and_by_how_many():
    assert penetapan_refusals(FAILING) == [
        "Kurva distribusi untuk predikat organisasi Baik tidak terpenuhi: Baik paling banyak "
        "2 orang: ada 3 orang, kelebihan 1 orang. Butuh Perbaikan + Kurang/Misconduct paling "
        "sedikit 1 orang: ada 0 orang, kurang 1 orang."
    ]


def test_unrated_people_are_named_up_to_listed_then_counted():
    names = tuple(f"Pegawai {i:02d}" for i in range(LISTED)) + (None,)
    facts = dataclasses.replace(
        PASSING, belum=LISTED + 3, belum_nama=names, dihitung=3 + LISTED + 3
    )
    (reason,) = penetapan_refusals(facts)
    listed = ", ".join(f"Pegawai {i:02d}" for i in range(LISTED))
    assert reason == (
        f"{LISTED + 3} pegawai belum dinilai oleh pejabat penilainya: {listed}, dan 3 orang "
        "lainnya."
    )
    one = dataclasses.replace(facts, belum=1, belum_nama=(None,))
    assert penetapan_refusals(one) == [
        "1 pegawai belum dinilai oleh pejabat penilainya: (tanpa nama)."
    ]


def test_nobody_rated_and_no_organisation_predikat():
    facts = dataclasses.replace(
        FAILING, dinilai=0, n=0, predikat_organisasi=None, check=None, dihitung=0
    )
    assert penetapan_refusals(facts) == ["Belum ada pegawai yang dinilai di unit ini."]
    counted = dataclasses.replace(facts, dihitung=3)
    assert penetapan_refusals(counted) == [
        "Belum ada pegawai yang dinilai di unit ini.",
        "Predikat kinerja organisasi Dinas Alfa untuk periode Januari 2025 belum ditetapkan "
        "oleh pimpinan satu tingkat di atasnya; kurva distribusi tidak dapat diperiksa.",
    ]


def test_a_small_curve_no_rating_can_satisfy_does_not_block():
    check = distribution.check_curve({B: 2}, ratings.ORG_KURANG)
    assert check.failed and not check.satisfiable
    facts = dataclasses.replace(
        PASSING, predikat_organisasi=ratings.ORG_KURANG, check=check, n=2, dihitung=2
    )
    assert penetapan_refusals(facts) == []


def test_rules_still_open_are_left_to_the_unrated_reason():
    check = distribution.check_curve({B: 1}, ratings.ORG_BAIK, belum=2)
    assert not check.failures
    facts = dataclasses.replace(
        PASSING, check=check, n=1, belum=2, belum_nama=("Charlie", "Dina"), dihitung=3
    )
    assert penetapan_refusals(facts) == [
        "2 pegawai belum dinilai oleh pejabat penilainya: Charlie, Dina."
    ]


@pytest.mark.parametrize(
    ("po", "hk", "refused"),
    [
        (ratings.ORG_BAIK, ratings.SESUAI, False),
        (ratings.ORG_BAIK, ratings.DI_ATAS, True),
        (ratings.ORG_KURANG, ratings.DI_BAWAH, False),
        (ratings.ISTIMEWA, ratings.SESUAI, True),
    ],
)
def test_a_unit_head_rated_against_their_units_predikat(po, hk, refused):
    head = RatedHead(nama="Bob", unit="Bidang Satu", rating_hasil_kerja=hk, predikat_organisasi=po)
    reasons = penetapan_refusals(dataclasses.replace(PASSING, heads=(head,)))
    if not refused:
        assert reasons == []
        return
    expected = ratings.RATING_LABELS[ratings.DEFAULT_HEAD_RATING[po]]
    assert reasons == [
        f"Bob mengepalai Bidang Satu (predikat organisasi "
        f"{ratings.PREDIKAT_ORGANISASI_LABELS[po]}): rating hasil kerjanya harus {expected}, "
        f"bukan {ratings.RATING_LABELS[hk]}."
    ]


def test_every_reason_comes_in_order():
    head = RatedHead(
        nama="Bob",
        unit="Bidang Satu",
        rating_hasil_kerja="",
        predikat_organisasi=ratings.ORG_BAIK,
    )
    check = distribution.check_curve({B: 3}, ratings.ORG_BAIK, belum=1)
    facts = dataclasses.replace(
        FAILING, check=check, belum=1, belum_nama=("Dina",), dihitung=4, heads=(head,)
    )
    reasons = penetapan_refusals(facts)
    assert [r.split(" ")[0] for r in reasons] == ["1", "Kurva", "Bob"]
    assert reasons[2].endswith("harus Sesuai Ekspektasi, bukan —.")
