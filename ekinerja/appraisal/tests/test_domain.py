"""The appraisal rules against every worked example of spec rules §1–§5 (no database)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ekinerja.appraisal.domain import achievement, angka_kredit, distribution, evaluation, ratings

# --- §1 the matrix: all nine cells --------------------------------------------------------


@pytest.mark.parametrize(
    "hk, pk, predikat",
    [
        (ratings.DI_ATAS, ratings.DI_BAWAH, ratings.KURANG),
        (ratings.DI_ATAS, ratings.SESUAI, ratings.BAIK),
        (ratings.DI_ATAS, ratings.DI_ATAS, ratings.SANGAT_BAIK),
        (ratings.SESUAI, ratings.DI_BAWAH, ratings.KURANG),
        (ratings.SESUAI, ratings.SESUAI, ratings.BAIK),
        (ratings.SESUAI, ratings.DI_ATAS, ratings.BAIK),
        (ratings.DI_BAWAH, ratings.DI_BAWAH, ratings.SANGAT_KURANG),
        (ratings.DI_BAWAH, ratings.SESUAI, ratings.BUTUH_PERBAIKAN),
        (ratings.DI_BAWAH, ratings.DI_ATAS, ratings.BUTUH_PERBAIKAN),
    ],
)
def test_matrix(hk, pk, predikat):
    assert ratings.predikat_from_ratings(hk, pk) == predikat


def test_matrix_refuses_unknown_ratings():
    with pytest.raises(ValueError):
        ratings.predikat_from_ratings("istimewa", ratings.SESUAI)


def test_predikat_order_and_names():
    assert [ratings.PREDIKAT_LABELS[p] for p in ratings.PREDIKAT] == [
        "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang",
    ]  # fmt: skip


# --- §1 the suggested rating hasil kerja -----------------------------------------------------


@pytest.mark.parametrize(
    "capaian, rating",
    [
        ([D(115), D(110)], ratings.DI_ATAS),
        ([D(120), D(109)], ratings.SESUAI),
        ([D(100)], ratings.SESUAI),
        ([D(130), D("99.9")], ratings.DI_BAWAH),
        ([None, D(111)], ratings.DI_ATAS),  # an undefined capaian (target 0) is left out
        ([None], None),
        ([], None),
    ],
)
def test_rhk_rating(capaian, rating):
    assert achievement.rhk_rating(capaian) == rating


U, T = True, False  # utama, tambahan


@pytest.mark.parametrize(
    "rhk, suggestion",
    [
        ([(U, ratings.DI_ATAS), (U, ratings.DI_ATAS), (T, ratings.SESUAI)], ratings.DI_ATAS),
        (
            [(U, ratings.DI_ATAS), (U, ratings.DI_ATAS), (T, ratings.DI_BAWAH)],
            ratings.DI_ATAS,
        ),  # a tambahan below
        (
            [
                (U, ratings.DI_ATAS),
                (U, ratings.DI_ATAS),
                (U, ratings.SESUAI),
                (U, ratings.DI_BAWAH),
            ],
            ratings.SESUAI,
        ),
        (
            [(U, ratings.SESUAI), (U, ratings.SESUAI), (U, ratings.SESUAI), (U, ratings.SESUAI)],
            ratings.SESUAI,
        ),
        (
            [(U, ratings.SESUAI), (U, ratings.DI_BAWAH)],
            ratings.DI_BAWAH,
        ),  # half the utama below: not small
        ([(U, ratings.DI_BAWAH), (U, ratings.DI_BAWAH), (T, ratings.DI_ATAS)], ratings.DI_BAWAH),
        ([(U, None)], None),
    ],
)
def test_suggested_rating_hasil_kerja(rhk, suggestion):
    assert achievement.suggest_rating_hasil_kerja(rhk) == suggestion


@pytest.mark.parametrize(
    "organisasi, rating",
    [
        (ratings.ISTIMEWA, ratings.DI_ATAS),
        (ratings.ORG_BAIK, ratings.SESUAI),
        (ratings.ORG_BUTUH_PERBAIKAN, ratings.DI_BAWAH),
        (ratings.ORG_KURANG, ratings.DI_BAWAH),
        (ratings.ORG_SANGAT_KURANG, ratings.DI_BAWAH),
    ],
)
def test_head_gets_the_organisation_predikat(organisasi, rating):
    assert ratings.head_rating_hasil_kerja(organisasi) == rating


# --- §2 organisation predikat suggestion and the curve ------------------------------------


@pytest.mark.parametrize(
    "average, predikat",
    [
        (D(110), ratings.ISTIMEWA),
        (D("109.9"), ratings.ORG_BAIK),
        (D(100), ratings.ORG_BAIK),
        (D(80), ratings.ORG_BUTUH_PERBAIKAN),
        (D(60), ratings.ORG_KURANG),
        (D("59.9"), ratings.ORG_SANGAT_KURANG),
    ],
)
def test_suggested_organisation_predikat(average, predikat):
    assert ratings.suggest_predikat_organisasi(average) == predikat


SB, B, BP, K, SK = (
    ratings.SANGAT_BAIK,
    ratings.BAIK,
    ratings.BUTUH_PERBAIKAN,
    ratings.KURANG,
    ratings.SANGAT_KURANG,
)


@pytest.mark.parametrize(
    "organisasi, counts, ok",
    [
        (ratings.ISTIMEWA, {SB: 7, B: 3}, True),
        (ratings.ISTIMEWA, {SB: 8, B: 2}, False),
        (ratings.ORG_BAIK, {B: 7, SB: 2, BP: 1}, True),
        (ratings.ORG_BAIK, {B: 7, SB: 3}, False),
        (ratings.ORG_KURANG, {K: 6, BP: 1, SB: 1, B: 2}, True),
    ],
)
def test_curve_examples_n10(organisasi, counts, ok):
    assert distribution.check_curve(counts, organisasi).ok is ok


def test_a_failure_says_which_rule_and_by_how_many():
    check = distribution.check_curve({B: 7, SB: 3}, ratings.ORG_BAIK)
    [failure] = check.failures
    assert failure.off_by == 1
    assert failure.text() == (
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: ada 0 orang, kurang 1 orang."
    )
    too_many = distribution.check_curve({SB: 8, B: 2}, ratings.ISTIMEWA).failures[0]
    assert too_many.text() == "Sangat Baik paling banyak 7 orang: ada 8 orang, kelebihan 1 orang."


# "≤ p%" allows floor(p·n) people, "≥ p%" needs ceil(p·n) (rules §2), per rule in the
# order of DEFAULT_CURVE, for n = 3, 10, 57 and 250.
LIMITS = {
    ratings.ISTIMEWA: {3: [2], 10: [7], 57: [39], 250: [175]},
    ratings.ORG_BAIK: {3: [2, 1], 10: [7, 1], 57: [39, 1], 250: [175, 1]},
    ratings.ORG_BUTUH_PERBAIKAN: {3: [2, 0], 10: [6, 1], 57: [35, 5], 250: [150, 25]},
    ratings.ORG_KURANG: {3: [2, 1, 0], 10: [6, 1, 1], 57: [35, 6, 5], 250: [150, 25, 25]},
    ratings.ORG_SANGAT_KURANG: {3: [2, 1, 0], 10: [6, 1, 0], 57: [35, 6, 0], 250: [150, 25, 0]},
}
CASES = [(org, n, limits) for org, by_n in LIMITS.items() for n, limits in by_n.items()]


@pytest.mark.parametrize("organisasi, n, limits", CASES)
def test_curve_limits(organisasi, n, limits):
    assert [rule.limit(n) for rule in distribution.DEFAULT_CURVE[organisasi]] == limits


# A distribution of n people that meets every rule of each organisation predikat exactly
# at its limits, the rest in a predikat no rule of that curve counts.
FILLER = {
    ratings.ISTIMEWA: B,
    ratings.ORG_BAIK: SB,
    ratings.ORG_BUTUH_PERBAIKAN: B,
    ratings.ORG_KURANG: B,
    ratings.ORG_SANGAT_KURANG: B,
}


def _at_limits(organisasi: str, n: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rule in distribution.DEFAULT_CURVE[organisasi]:
        counts[rule.predikat[0]] = counts.get(rule.predikat[0], 0) + rule.limit(n)
    counts[FILLER[organisasi]] = n - sum(counts.values())
    assert counts[FILLER[organisasi]] >= 0
    return counts


@pytest.mark.parametrize("organisasi, n, limits", CASES)
def test_curve_holds_at_its_limits_and_fails_one_person_past_them(organisasi, n, limits):
    counts = _at_limits(organisasi, n)
    assert distribution.check_curve(counts, organisasi).ok, counts
    for i, rule in enumerate(distribution.DEFAULT_CURVE[organisasi]):
        moved = dict(counts)
        head = rule.predikat[0]
        step = 1 if rule.op == distribution.AT_MOST else -1
        if step < 0 and moved[head] == 0:
            continue  # a rule needing nobody cannot be failed from below
        moved[head] += step
        moved[FILLER[organisasi]] -= step
        if moved[FILLER[organisasi]] < 0:
            continue  # no room to move one person past this limit at this n
        result = distribution.check_curve(moved, organisasi).results[i]
        assert not result.ok and result.off_by == 1, (organisasi, n, rule, moved)


# --- §3 capaian -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"realisasi": D(92), "target": D(80)}, D(115)),
        ({"realisasi": D(9), "target": D(10), "arah": achievement.LEBIH_RENDAH}, D(110)),
        ({"realisasi": D(12), "target": D(10), "arah": achievement.LEBIH_RENDAH}, D(80)),
        ({"realisasi": D(25), "target": D(10), "arah": achievement.LEBIH_RENDAH}, D(0)),
        ({"realisasi": D(5), "target": D(0)}, None),
        ({"realisasi": D(85), "target_min": D(80), "target_maks": D(90)}, D(100)),
        ({"realisasi": D(99), "target_min": D(80), "target_maks": D(90)}, D(110)),
        ({"realisasi": D(72), "target_min": D(80), "target_maks": D(90)}, D(90)),
    ],
)
def test_capaian(kwargs, expected):
    assert achievement.capaian(**kwargs) == expected


@pytest.mark.parametrize(
    "value, text", [(D(115), "115,0%"), (D("104.96"), "105,0%"), (D("87.5"), "87,5%"), (None, "—")]
)
def test_capaian_text(value, text):
    assert achievement.capaian_text(value) == text


# --- §4 annual predikat --------------------------------------------------------------------


def test_annual_predikat_modes():
    assert evaluation.annual_predikat(evaluation.TAHUNAN_TERPISAH, last_period=B, separate=SB) == SB
    assert (
        evaluation.annual_predikat(evaluation.TAHUNAN_PERIODE_TERAKHIR, last_period=B, separate=SB)
        == B
    )


# --- §5 angka kredit -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "jenjang, predikat, months, ak",
    [
        ("ahli_muda", B, 12, D("25.000")),
        ("ahli_muda", SB, 12, D("37.500")),
        ("ahli_pertama", BP, 6, D("4.688")),
        ("penyelia", SK, 12, D("6.250")),
        ("pemula", K, 3, D("0.469")),
    ],
)
def test_angka_kredit(jenjang, predikat, months, ak):
    assert angka_kredit.angka_kredit(jenjang, predikat, months) == ak
    assert str(angka_kredit.angka_kredit(jenjang, predikat, months)) == str(ak)


def test_angka_kredit_refuses_more_than_a_year():
    with pytest.raises(ValueError):
        angka_kredit.angka_kredit("ahli_muda", B, 13)
