"""The distribution curve while ratings are still being entered, and small curves
(rules §2; issue 11 §6): limits come from everyone the curve covers (n = rated + not
yet rated), a rule is passed, failed or not yet decidable, and a curve that no rating
of its n people could satisfy does not block penetapan. No database."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal as D

import pytest

from ekinerja.appraisal.domain import distribution, ratings

SB, B, BP, K, SK = (
    ratings.SANGAT_BAIK,
    ratings.BAIK,
    ratings.BUTUH_PERBAIKAN,
    ratings.KURANG,
    ratings.SANGAT_KURANG,
)
PASS, FAIL, OPEN = distribution.RULE_PASS, distribution.RULE_FAIL, distribution.RULE_OPEN


def test_one_baik_of_31_is_not_a_failure():
    """The walk's report: after one "Baik" of 31 the panel said "Baik paling banyak 0
    orang" (the limit taken from the one person rated)."""
    check = distribution.check_curve({B: 1}, ratings.ORG_BAIK, belum=30)
    assert check.n == 31
    baik, bp_k = check.results
    assert (baik.limit, baik.count, baik.state) == (21, 1, OPEN)
    assert (bp_k.limit, bp_k.count, bp_k.state) == (1, 0, OPEN)
    assert not check.failed and not check.ok and check.undecided == check.results
    assert baik.text() == (
        "Baik paling banyak 21 orang: sejauh ini 1 orang; dari 30 orang yang belum dinilai "
        "paling banyak 20 orang lagi boleh mendapat predikat ini."
    )
    assert bp_k.text() == (
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: sejauh ini 0 orang; "
        "perlu 1 orang lagi dari 30 orang yang belum dinilai."
    )


# (organisation predikat, rated counts, not yet rated, state of each rule in the order of
# DEFAULT_CURVE). n = 10 throughout: the spec's examples, then the same curves part-rated.
CASES = [
    # rules §2 worked examples, everybody rated: only pass or fail.
    (ratings.ISTIMEWA, {SB: 7, B: 3}, 0, [PASS]),
    (ratings.ISTIMEWA, {SB: 8, B: 2}, 0, [FAIL]),
    (ratings.ORG_BAIK, {B: 7, SB: 2, BP: 1}, 0, [PASS, PASS]),
    (ratings.ORG_BAIK, {B: 7, SB: 3}, 0, [PASS, FAIL]),
    (ratings.ORG_KURANG, {K: 6, BP: 1, SB: 1, B: 2}, 0, [PASS, PASS, PASS]),
    # Part-rated: a "≤" rule already past its limit is failed whatever the rest get.
    (ratings.ISTIMEWA, {SB: 8}, 2, [FAIL]),
    # … at its limit, or below it with more unrated than room left: not yet decidable.
    (ratings.ISTIMEWA, {SB: 7}, 3, [OPEN]),
    (ratings.ISTIMEWA, {SB: 5, B: 2}, 3, [OPEN]),
    # … with room for every unrated person: passed.
    (ratings.ISTIMEWA, {SB: 2, B: 5}, 3, [PASS]),
    (ratings.ORG_BAIK, {B: 7, BP: 1}, 2, [OPEN, PASS]),
    (ratings.ORG_BAIK, {B: 8}, 2, [FAIL, OPEN]),
    (ratings.ORG_KURANG, {K: 6, BP: 1}, 3, [PASS, PASS, OPEN]),
    (ratings.ORG_KURANG, {K: 3, B: 2}, 5, [OPEN, OPEN, OPEN]),
    (ratings.ORG_KURANG, {K: 6, BP: 1, SB: 2}, 1, [PASS, PASS, FAIL]),
    # A "≥" rule the unrated can no longer reach: failed.
    (ratings.ORG_KURANG, {K: 1, B: 6}, 3, [FAIL, OPEN, OPEN]),
    (ratings.ORG_BUTUH_PERBAIKAN, {BP: 2, B: 5}, 3, [FAIL, OPEN]),
    (ratings.ORG_BUTUH_PERBAIKAN, {BP: 5, B: 2}, 3, [OPEN, OPEN]),
    (ratings.ORG_SANGAT_KURANG, {SK: 6, K: 1}, 3, [PASS, PASS, OPEN]),
    (ratings.ORG_SANGAT_KURANG, {SK: 6, K: 1, SB: 1}, 2, [PASS, PASS, FAIL]),
]


@pytest.mark.parametrize("organisasi, counts, belum, states", CASES)
def test_rule_states_with_n_of_everyone_covered(organisasi, counts, belum, states):
    check = distribution.check_curve(counts, organisasi, belum=belum)
    assert check.n == 10
    assert [r.state for r in check.results] == states
    assert check.ok is all(s == PASS for s in states)
    assert check.failed is any(s == FAIL for s in states)


def test_everybody_rated_is_the_old_check():
    """With nobody left to rate, the limits, counts and failures are those of the
    complete curve (rules §2's counting)."""
    check = distribution.check_curve({B: 7, SB: 3}, ratings.ORG_BAIK)
    [failure] = check.failures
    assert failure.off_by == 1 and failure.state == FAIL
    assert failure.text() == (
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: ada 0 orang, kurang 1 orang."
    )


def test_a_decided_failure_while_others_are_unrated_says_by_how_many():
    failure = distribution.check_curve({SB: 9}, ratings.ISTIMEWA, belum=1).failures[0]
    assert failure.text() == "Sangat Baik paling banyak 7 orang: ada 9 orang, kelebihan 2 orang."


# --- small curves: satisfiable(rules, n) ---------------------------------------------------


@pytest.mark.parametrize(
    "organisasi, n, expected",
    [
        # rules §2: ≥ 60% Kurang and ≥ 10% Butuh Perbaikan need more people than there are.
        (ratings.ORG_KURANG, 1, False),
        (ratings.ORG_KURANG, 2, False),
        (ratings.ORG_KURANG, 3, True),
        (ratings.ORG_KURANG, 10, True),
        (ratings.ORG_SANGAT_KURANG, 1, False),
        (ratings.ORG_SANGAT_KURANG, 2, False),
        (ratings.ORG_SANGAT_KURANG, 3, True),
        # Strict, but some rating of n people satisfies them: they still apply.
        (ratings.ORG_BAIK, 1, True),
        (ratings.ORG_BAIK, 2, True),
        (ratings.ORG_BUTUH_PERBAIKAN, 1, True),
        (ratings.ISTIMEWA, 1, True),
        (ratings.ISTIMEWA, 1000, True),
        (ratings.ORG_KURANG, 997, True),
    ],
)
def test_satisfiable_default_curves(organisasi, n, expected):
    assert distribution.satisfiable(distribution.DEFAULT_CURVE[organisasi], n) is expected


def _rule(predikat, op, share=None, people=None):
    return distribution.CurveRule(tuple(predikat), op, None if share is None else D(share), people)


def test_satisfiable_configured_curves():
    contradictory = (
        _rule([SB], distribution.AT_LEAST, "0.5"),
        _rule([SB], distribution.AT_MOST, "0.4"),
    )
    assert not any(distribution.satisfiable(contradictory, n) for n in (1, 2, 10, 500))
    # Everybody Sangat Kurang: as strict as a curve gets, yet satisfiable.
    strict = (
        _rule([SB, B, BP, K], distribution.AT_MOST, "0"),
        _rule([SK], distribution.AT_LEAST, "1"),
    )
    assert all(distribution.satisfiable(strict, n) for n in (1, 2, 10, 500))
    # Overlapping sets (not nested, not disjoint).
    overlap = (
        _rule([SB, B], distribution.AT_LEAST, people=2),
        _rule([B, BP], distribution.AT_MOST, people=0),
        _rule([BP, SB], distribution.AT_MOST, people=1),
    )
    assert not distribution.satisfiable(overlap, 5)
    assert not distribution.satisfiable((), -1) and distribution.satisfiable((), 0)


def _distributions(n: int):
    """Every way to give n people the five predikat (stars and bars)."""
    for bars in itertools.combinations(range(n + 4), 4):
        edges = (-1, *bars, n + 4)
        yield dict(
            zip(ratings.PREDIKAT, (b - a - 1 for a, b in itertools.pairwise(edges)), strict=True)
        )


def _brute_force(rules, n) -> bool:
    for counts in _distributions(n):
        results = [
            distribution.CurveResult(r, sum(counts[p] for p in r.predikat), r.limit(n))
            for r in rules
        ]
        if all(r.ok for r in results):
            return True
    return False


def test_satisfiable_agrees_with_trying_every_rating():
    """Random curves (any sets of predikat, ≤ and ≥, shares and head counts) against an
    exhaustive search over every distribution of up to 7 people."""
    rng = random.Random(11)
    for _case in range(150):
        rules = tuple(
            _rule(
                rng.sample(ratings.PREDIKAT, rng.randint(1, 3)),
                rng.choice([distribution.AT_MOST, distribution.AT_LEAST]),
                **(
                    {"share": rng.choice(["0", "0.1", "0.3", "0.5", "0.6", "0.7", "1"])}
                    if rng.random() < 0.7
                    else {"people": rng.randint(0, 3)}
                ),
            )
            for _r in range(rng.randint(1, 4))
        )
        for n in range(0, 8):
            assert distribution.satisfiable(rules, n) is _brute_force(rules, n), (rules, n)


def test_an_unsatisfiable_curve_does_not_block_and_says_why():
    check = distribution.check_curve({K: 1, B: 1}, ratings.ORG_KURANG)
    assert check.failed and not check.satisfiable and not check.blocks
    assert check.unsatisfiable_text() == (
        "Tidak ada susunan predikat bagi 2 orang yang memenuhi semua ketentuan kurva "
        "predikat organisasi Kurang (Kurang/Misconduct paling sedikit 2 orang; Butuh "
        "Perbaikan paling sedikit 1 orang; Sangat Baik paling banyak 0 orang). Kurva ini "
        "tidak berlaku untuk unit sekecil ini dan tidak menghalangi penetapan."
    )
    # A satisfiable curve that fails still blocks, however strict.
    strict = distribution.check_curve({B: 7, SB: 3}, ratings.ORG_BAIK)
    assert strict.failed and strict.satisfiable and strict.blocks
    assert strict.unsatisfiable_text() == ""


def test_satisfiable_is_quick_for_large_curves():
    """The panel calls it on every render: a few thousand people, configured overlaps."""
    import time

    rules = (
        _rule([SB, B], distribution.AT_LEAST, "0.55"),
        _rule([B, BP], distribution.AT_MOST, "0.3"),
        _rule([BP, SB], distribution.AT_MOST, "0.2"),
        _rule([K, SK], distribution.AT_LEAST, "0.1"),
    )
    distribution.satisfiable.cache_clear()
    start = time.perf_counter()
    for n in (1999, 2500, 4999):
        distribution.satisfiable(rules, n)
    assert time.perf_counter() - start < 1.0
