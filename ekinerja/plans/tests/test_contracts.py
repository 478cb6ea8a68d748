"""The read contract of plans (plans.selectors, docs/architecture.md "Read contracts"):
which SKP version is in force for a person on a date, which versions are replaced or the
newest, and a person's latest SKP of a year. Table-driven: each case is a person's SKP
rows (written directly: any status, any date) and what every reader must get."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db.models import Exists, OuterRef

from ekinerja.org.models import Pegawai
from ekinerja.plans import domain
from ekinerja.plans.models import RHK, SKP
from ekinerja.plans.selectors import (
    latest_skp,
    skp_in_force,
    skp_in_force_q,
    skp_is_superseded,
    skp_latest,
    skp_latest_version_q,
    skp_superseded_q,
)

from .factories import make_periode

pytestmark = pytest.mark.django_db

D = dt.date
JAN1, DEC31 = D(2026, 1, 1), D(2026, 12, 31)
DAY = D(2026, 3, 10)
DRAFT, DIAJUKAN, DIKEMBALIKAN, DISETUJUI = (
    domain.DRAFT,
    domain.DIAJUKAN,
    domain.DIKEMBALIKAN,
    domain.DISETUJUI,
)


@dataclass(frozen=True)
class Row:
    """One SKP version of charlie: `revises` names the version it revises."""

    name: str
    status: str
    start: dt.date = JAN1
    end: dt.date = DEC31
    revises: str | None = None
    jabatan: str | None = None  # a position of the cast; None: the person's own


@dataclass(frozen=True)
class Case:
    rows: tuple[Row, ...]
    # (date, in force, approved in force): names or None
    on: tuple[tuple[dt.date, str | None, str | None], ...]
    latest: str | None
    superseded: frozenset[str]
    newest: frozenset[str]


CASES = {
    "draft only": Case(
        rows=(Row("v1", DRAFT),),
        on=((DAY, "v1", None),),
        latest="v1",
        superseded=frozenset(),
        newest=frozenset({"v1"}),
    ),
    "submitted only": Case(
        rows=(Row("v1", DIAJUKAN),),
        on=((DAY, "v1", None),),
        latest="v1",
        superseded=frozenset(),
        newest=frozenset({"v1"}),
    ),
    "approved": Case(
        rows=(Row("v1", DISETUJUI),),
        on=((DAY, "v1", "v1"),),
        latest="v1",
        superseded=frozenset(),
        newest=frozenset({"v1"}),
    ),
    "approved, revision draft": Case(
        rows=(Row("v1", DISETUJUI), Row("v2", DRAFT, revises="v1")),
        on=((DAY, "v1", "v1"),),
        latest="v1",
        superseded=frozenset(),
        newest=frozenset({"v2"}),
    ),
    "approved, revision returned": Case(
        rows=(Row("v1", DISETUJUI), Row("v2", DIKEMBALIKAN, revises="v1")),
        on=((DAY, "v1", "v1"),),
        latest="v1",
        superseded=frozenset(),
        newest=frozenset({"v2"}),
    ),
    "approved, revision approved": Case(
        rows=(Row("v1", DISETUJUI), Row("v2", DISETUJUI, revises="v1")),
        on=((DAY, "v2", "v2"),),
        latest="v2",
        superseded=frozenset({"v1"}),
        newest=frozenset({"v2"}),
    ),
    "revision approved, second revision submitted": Case(
        rows=(
            Row("v1", DISETUJUI),
            Row("v2", DISETUJUI, revises="v1"),
            Row("v3", DIAJUKAN, revises="v2"),
        ),
        on=((DAY, "v2", "v2"),),
        latest="v2",
        superseded=frozenset({"v1"}),
        newest=frozenset({"v3"}),
    ),
    "two positions in the year (rules §4)": Case(
        rows=(
            Row("pelaksana", DISETUJUI, JAN1, D(2026, 6, 30)),
            Row("analis", DRAFT, D(2026, 7, 1), DEC31, jabatan="jab_fungsional"),
        ),
        on=(
            (DAY, "pelaksana", "pelaksana"),
            (D(2026, 6, 30), "pelaksana", "pelaksana"),
            (D(2026, 7, 1), "analis", None),
        ),
        latest="analis",
        superseded=frozenset(),
        newest=frozenset({"pelaksana", "analis"}),
    ),
    "dates before and after the SKP": Case(
        rows=(Row("v1", DISETUJUI, D(2026, 2, 1), D(2026, 11, 30)),),
        on=(
            (D(2026, 1, 31), None, None),
            (D(2026, 2, 1), "v1", "v1"),
            (D(2026, 11, 30), "v1", "v1"),
            (D(2026, 12, 1), None, None),
        ),
        latest="v1",
        superseded=frozenset(),
        newest=frozenset({"v1"}),
    ),
}


def _build(cast, rows: tuple[Row, ...], who: str = "charlie") -> dict[str, SKP]:
    pegawai = getattr(cast, who)
    periode = make_periode(cast, instansi=pegawai.instansi)
    made: dict[str, SKP] = {}
    for row in rows:
        before = made.get(row.revises) if row.revises else None
        made[row.name] = SKP.objects.create(
            instansi=pegawai.instansi,
            pegawai=pegawai,
            jabatan=getattr(cast, row.jabatan) if row.jabatan else pegawai.jabatan,
            periode=periode,
            tanggal_mulai=row.start,
            tanggal_selesai=row.end,
            status=row.status,
            versi=before.versi + 1 if before else 1,
            sebelumnya=before,
            penilai=pegawai.atasan,
        )
    return made


def _names(made: dict[str, SKP], pks) -> set[str]:
    by_pk = {s.pk: name for name, s in made.items()}
    return {by_pk[pk] for pk in pks}


@pytest.mark.parametrize("name", list(CASES))
def test_in_force_on_a_date(cast, name):
    case = CASES[name]
    made = _build(cast, case.rows)
    for on, expected, expected_approved in case.on:
        got = skp_in_force(instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, on=on)
        assert (got and _names(made, [got.pk])) == ({expected} if expected else None), on
        got = skp_in_force(instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, on=on, approved=True)
        assert (got and _names(made, [got.pk])) == (
            {expected_approved} if expected_approved else None
        ), on
        # The same rule as a filter inside another query (here: RHK of the SKP in force).
        in_query = SKP.objects.filter(pegawai=cast.charlie).filter(skp_in_force_q(start=on, end=on))
        assert _names(made, in_query.values_list("pk", flat=True)) == (
            {expected} if expected else set()
        )


@pytest.mark.parametrize("name", list(CASES))
def test_latest_superseded_and_newest(cast, name):
    case = CASES[name]
    made = _build(cast, case.rows)
    periode = make_periode(cast)
    latest = skp_latest(periode=periode, pegawai_id=cast.charlie.pk)
    assert (latest and _names(made, [latest.pk])) == ({case.latest} if case.latest else None)
    assert _names(made, latest_skp(periode).values_list("pk", flat=True)) == {case.latest}
    mine = SKP.objects.filter(pegawai=cast.charlie)
    assert _names(made, mine.filter(skp_superseded_q()).values_list("pk", flat=True)) == set(
        case.superseded
    )
    assert {
        n for n, s in made.items() if skp_is_superseded(instansi_id=cast.a.pk, skp_id=s.pk)
    } == (set(case.superseded))
    assert _names(made, mine.filter(skp_latest_version_q()).values_list("pk", flat=True)) == set(
        case.newest
    )


def test_every_chain_has_exactly_one_version_in_force(cast):
    made = _build(cast, CASES["revision approved, second revision submitted"].rows)
    in_force = SKP.objects.filter(pegawai=cast.charlie).filter(skp_in_force_q())
    assert _names(made, in_force.values_list("pk", flat=True)) == {"v2"}


def test_the_rule_reads_through_a_relation(cast):
    """With a prefix the rule filters rows that reach an SKP (RHK → skp__), as the
    activity log, the cascade and the intervention choices use it."""
    made = _build(cast, CASES["approved, revision approved"].rows)
    for name, skp in made.items():
        RHK.objects.create(instansi=cast.a, skp=skp, jenis="utama", teks=f"RHK {name}")
    rhk = RHK.objects.filter(skp__pegawai=cast.charlie)
    assert list(rhk.filter(skp_in_force_q("skp__")).values_list("teks", flat=True)) == ["RHK v2"]
    assert list(rhk.filter(skp_superseded_q("skp__")).values_list("teks", flat=True)) == ["RHK v1"]
    annotated = dict(rhk.annotate(berlaku=skp_in_force_q("skp__")).values_list("teks", "berlaku"))
    assert annotated == {"RHK v1": False, "RHK v2": True}


def test_another_instansi_is_never_read(cast):
    _build(cast, CASES["approved"].rows)
    theirs = _build(cast, CASES["approved"].rows, who="gita")["v1"]
    assert skp_in_force(instansi_id=cast.a.pk, pegawai_id=cast.gita.pk, on=DAY) is None
    assert skp_in_force(instansi_id=cast.b.pk, pegawai_id=cast.gita.pk, on=DAY) == theirs
    assert skp_in_force(instansi_id=cast.b.pk, pegawai_id=cast.charlie.pk, on=DAY) is None
    periode_a = make_periode(cast)
    assert cast.gita.pk not in set(latest_skp(periode_a).values_list("pegawai_id", flat=True))
    assert skp_latest(periode=periode_a, pegawai_id=cast.gita.pk) is None
    assert skp_is_superseded(instansi_id=cast.a.pk, skp_id=theirs.pk) is False


def test_reads_are_one_query_whatever_the_number_of_people(cast, django_assert_num_queries):
    for who in ("alice", "bob", "charlie", "dina"):
        _build(cast, CASES["approved, revision approved"].rows, who=who)
    periode = make_periode(cast)
    with django_assert_num_queries(1):
        skp_in_force(instansi_id=cast.a.pk, pegawai_id=cast.dina.pk, on=DAY)
    with django_assert_num_queries(1):
        rows = list(
            Pegawai.objects.filter(instansi=cast.a)
            .filter(Exists(latest_skp(periode).filter(pegawai_id=OuterRef("pk"))))
            .values_list("pk", flat=True)
        )
    assert set(rows) == {cast.alice.pk, cast.bob.pk, cast.charlie.pk, cast.dina.pk}
