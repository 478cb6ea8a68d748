"""A realisasi that makes the capaian absurd asks for confirmation (issue 11 §6): the
thresholds are data (domain.achievement.RealisasiDoubtRules), the number is shown as read, with its
Indonesian words. No database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ekinerja.appraisal.domain import achievement

CAPAIAN, PERSEN = achievement.DOUBT_CAPAIAN, achievement.DOUBT_PERSEN


@pytest.mark.parametrize(
    "nilai, capaian, satuan, doubts",
    [
        # The walk: `65.722` read, correctly for Indonesian, as 65 722 against a target
        # of 62,26 → capaian 105.560,6%.
        (D(65722), D("105560.6"), "dokumen", (CAPAIAN,)),
        # 150 on a "persen" IKI (target 90: capaian 166,7%, below the capaian threshold).
        (D(150), D("166.7"), "persen", (PERSEN,)),
        (D(150), D("166.7"), "%", (PERSEN,)),
        (D(150), D("166.7"), " Persen ", (PERSEN,)),
        (D(150), D(250), "persen", (CAPAIAN, PERSEN)),
        # At the thresholds: no question.
        (D(100), D(200), "persen", ()),
        (D("99.5"), D("110.6"), "persen", ()),
        (D(240), D(200), "dokumen", ()),
        (D(12), None, "dokumen", ()),  # target 0: no capaian, nothing to doubt
        (D(0), D(0), "persen", ()),
    ],
)
def test_realisasi_doubts(nilai, capaian, satuan, doubts):
    assert achievement.realisasi_doubts(nilai=nilai, capaian=capaian, satuan=satuan) == doubts


def test_thresholds_are_data():
    lenient = achievement.RealisasiDoubtRules(capaian_max=D(1000), persen_max=D(200))
    assert (
        achievement.realisasi_doubts(nilai=D(150), capaian=D(500), satuan="persen", rules=lenient)
        == ()
    )
    strict = achievement.RealisasiDoubtRules(capaian_max=D(120))
    assert achievement.realisasi_doubts(
        nilai=D(13), capaian=D(130), satuan="laporan", rules=strict
    ) == (CAPAIAN,)


@pytest.mark.parametrize(
    "value, words",
    [
        (D(0), "nol"),
        (D(1), "satu"),
        (D(10), "sepuluh"),
        (D(11), "sebelas"),
        (D(12), "dua belas"),
        (D(19), "sembilan belas"),
        (D(20), "dua puluh"),
        (D(100), "seratus"),
        (D(150), "seratus lima puluh"),
        (D(111), "seratus sebelas"),
        (D(999), "sembilan ratus sembilan puluh sembilan"),
        (D(1000), "seribu"),
        (D(1001), "seribu satu"),
        (D(65722), "enam puluh lima ribu tujuh ratus dua puluh dua"),
        (D(100000), "seratus ribu"),
        (D(1100000), "satu juta seratus ribu"),
        (D(2000000000), "dua miliar"),
        (D(12000000000000), "dua belas triliun"),
        (D("12.5"), "dua belas koma lima"),
        (D("0.25"), "nol koma dua lima"),
        (D("65.7220"), "enam puluh lima koma tujuh dua dua"),
    ],
)
def test_terbilang(value, words):
    assert achievement.terbilang(value) == words


@pytest.mark.parametrize(
    "value, text", [(D(65722), "65.722"), (D("12.5000"), "12,5"), (D("1234.05"), "1.234,05")]
)
def test_number_as_read(value, text):
    assert achievement.number_id(value) == text


def test_the_confirmation_says_the_number_as_read_and_the_capaian():
    text = achievement.realisasi_doubt_text(
        nilai=D(65722),
        capaian=D("105560.6"),
        satuan="dokumen",
        doubts=(CAPAIAN,),
        words=True,
    )
    assert text == (
        "Anda mengisi 65.722 (enam puluh lima ribu tujuh ratus dua puluh dua) dokumen. "
        "Capaiannya menjadi 105.560,6%, lebih dari 200,0%. Tanda titik dibaca sebagai "
        "pemisah ribuan; untuk pecahan gunakan koma, mis. 65,722."
    )
    persen = achievement.realisasi_doubt_text(
        nilai=D(150), capaian=D("166.7"), satuan="persen", doubts=(PERSEN,), words=False
    )
    assert persen == (
        "Anda mengisi 150 persen. Capaiannya menjadi 166,7%. Nilai persen biasanya paling "
        "tinggi 100."
    )
