"""Rules added for the evaluation itself: period bounds and labels (rules §4), which
curve covers a person (rules §2), the rule set as data, the unit head's rating check
(rules §1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ekinerja.appraisal.domain import distribution, evaluation, ratings, ruleset, siasn


@pytest.mark.parametrize(
    "jenis, nomor, tahun, start, end, label",
    [
        (evaluation.JENIS_BULANAN, 1, 2026, "2026-01-01", "2026-01-31", "Januari 2026"),
        (evaluation.JENIS_BULANAN, 2, 2024, "2024-02-01", "2024-02-29", "Februari 2024"),
        (evaluation.JENIS_BULANAN, 12, 2026, "2026-12-01", "2026-12-31", "Desember 2026"),
        (evaluation.JENIS_TRIWULANAN, 1, 2026, "2026-01-01", "2026-03-31", "Triwulan I 2026"),
        (evaluation.JENIS_TRIWULANAN, 4, 2026, "2026-10-01", "2026-12-31", "Triwulan IV 2026"),
        (evaluation.JENIS_TAHUNAN, 0, 2026, "2026-01-01", "2026-12-31", "Tahunan 2026"),
    ],
)
def test_period_bounds_and_label(jenis, nomor, tahun, start, end, label):
    assert evaluation.period_bounds(jenis, nomor, tahun) == (
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
    )
    assert evaluation.period_label(jenis, nomor, tahun) == label


@pytest.mark.parametrize(
    "jenis, nomor",
    [
        (evaluation.JENIS_BULANAN, 0),
        (evaluation.JENIS_BULANAN, 13),
        (evaluation.JENIS_TRIWULANAN, 5),
        ("x", 1),
    ],
)
def test_period_bounds_refuses_nonsense(jenis, nomor):
    with pytest.raises(ValueError):
        evaluation.period_bounds(jenis, nomor, 2026)


def test_a_period_opens_once_it_has_begun():
    assert evaluation.open_period_error(dt.date(2026, 3, 1), dt.date(2026, 3, 1)) is None
    assert evaluation.open_period_error(dt.date(2026, 3, 1), dt.date(2026, 11, 5)) is None
    error = evaluation.open_period_error(dt.date(2026, 12, 1), dt.date(2026, 11, 30))
    assert error is not None and "belum dimulai" in error


def test_the_openable_periods_are_those_begun_and_not_opened_yet():
    M, Q, Y = evaluation.JENIS_BULANAN, evaluation.JENIS_TRIWULANAN, evaluation.JENIS_TAHUNAN
    today = dt.date(2026, 3, 1)
    assert evaluation.openable_periods(2026, M, set(), today) == [(M, 1), (M, 2), (M, 3), (Y, 0)]
    assert evaluation.openable_periods(2026, M, {(M, 2), (Y, 0)}, today) == [(M, 1), (M, 3)]
    assert evaluation.openable_periods(2026, Q, set(), dt.date(2026, 7, 1)) == [
        (Q, 1),
        (Q, 2),
        (Q, 3),
        (Y, 0),
    ]
    assert evaluation.openable_periods(2027, Q, set(), today) == []


def test_ancestry_from_path():
    assert distribution.ancestry_from_path("00000001.00000007.00000012.") == (12, 7, 1)
    assert distribution.ancestry_from_path("00000001.") == (1,)


# Tree: 1 Pemkab (root) → 2 Dinas (marked) → 3 Bidang → 4 Seksi; 1 → 5 Setda (marked)
# → 6 Bagian (marked). Rules §2: a curve covers everyone under a marked unit not under a
# lower marked unit, heads of sub-units included, the unit's own head excluded.
@pytest.mark.parametrize(
    "who, ancestry, marked, heads, expected",
    [
        ("staff of a bidang", (3, 2, 1), {2}, None, (2, True)),
        ("head of a bidang (sub-unit head counts)", (3, 2, 1), {2}, 3, (2, True)),
        ("staff of a seksi, two levels down", (4, 3, 2, 1), {2}, None, (2, True)),
        ("staff directly in the dinas", (2, 1), {2}, None, (2, True)),
        ("head of the dinas, nothing marked above", (2, 1), {2}, 2, (2, False)),
        ("head of a marked bagian under a marked setda", (6, 5, 1), {5, 6}, 6, (5, True)),
        ("staff of the marked bagian", (6, 5, 1), {5, 6}, None, (6, True)),
        ("root staff, nothing marked", (1,), {2}, None, (1, False)),
        ("root marked: dinas head counts there", (2, 1), {1, 2}, 2, (1, True)),
    ],
)
def test_curve_unit(who, ancestry, marked, heads, expected):
    assert distribution.curve_unit(ancestry, frozenset(marked), heads) == expected, who


def test_curve_from_data_round_trips_and_overrides_one_predikat():
    data = ruleset.curve_to_data(distribution.DEFAULT_CURVE)
    assert ruleset.curve_from_data(data) == dict(distribution.DEFAULT_CURVE)
    custom = ruleset.curve_from_data(
        {
            ratings.ISTIMEWA: [
                {"predikat": [ratings.SANGAT_BAIK], "op": distribution.AT_MOST, "share": "0.5"}
            ]
        }
    )
    assert custom[ratings.ISTIMEWA][0].limit(10) == 5
    assert custom[ratings.ORG_BAIK] == distribution.DEFAULT_CURVE[ratings.ORG_BAIK]


@pytest.mark.parametrize(
    "bad",
    [
        {"luar_biasa": []},
        {ratings.ISTIMEWA: [{"predikat": ["hebat"], "op": "le", "share": "0.7"}]},
        {ratings.ISTIMEWA: [{"predikat": [ratings.BAIK], "op": "lt", "share": "0.7"}]},
        {ratings.ISTIMEWA: [{"predikat": [ratings.BAIK], "op": "le", "share": "0.7", "people": 1}]},
        {ratings.ISTIMEWA: [{"predikat": [ratings.BAIK], "op": "le"}]},
        {ratings.ISTIMEWA: [{"predikat": [ratings.BAIK], "op": "le", "share": "1.5"}]},
    ],
)
def test_curve_from_data_refuses_malformed_rules(bad):
    with pytest.raises(ValueError):
        ruleset.curve_from_data(bad)


@pytest.mark.parametrize(
    "hk, pk, head, fields",
    [
        (ratings.DI_ATAS, ratings.SESUAI, None, set()),
        ("", ratings.SESUAI, None, {"rating_hasil_kerja"}),
        (ratings.SESUAI, "x", None, {"rating_perilaku"}),
        (ratings.SESUAI, ratings.SESUAI, ratings.SESUAI, set()),
        (ratings.DI_ATAS, ratings.SESUAI, ratings.SESUAI, {"rating_hasil_kerja"}),
    ],
)
def test_rating_errors(hk, pk, head, fields):
    assert set(ratings.rating_errors(hasil_kerja=hk, perilaku=pk, head_rating=head)) == fields


def test_siasn_codes_follow_rules_13():
    assert siasn.SIASN_RATING == {ratings.DI_ATAS: 1, ratings.SESUAI: 2, ratings.DI_BAWAH: 3}
    assert [siasn.SIASN_KUADRAN[p] for p in ratings.PREDIKAT] == [1, 2, 3, 4, 5]
    assert siasn.SIASN_PERIODIK == {evaluation.JENIS_BULANAN: 1, evaluation.JENIS_TRIWULANAN: 2}


def test_default_rule_set_is_the_spec():
    a = ruleset.DEFAULT_ATURAN
    assert a.mode_tahunan == evaluation.TAHUNAN_TERPISAH
    assert a.suggestion.above == Decimal(110) and a.suggestion.meets == Decimal(100)
    assert a.head_rating[ratings.ISTIMEWA] == ratings.DI_ATAS
    assert a.curve[ratings.ORG_BAIK] == distribution.DEFAULT_CURVE[ratings.ORG_BAIK]
