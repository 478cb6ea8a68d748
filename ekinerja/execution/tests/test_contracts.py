"""The read contract of execution (execution.selectors.per_rhk; docs/architecture.md
"Read contracts"): a person's verified work and evidence per RHK and period, as the
appraisal (and next the TPP and SAKIP) read them. Table-driven over the cascade of
plans/tests/factories.py: charlie's RHK (and a second one), dina's, gita's in the
other instansi."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.plans.models import RHK, SKP
from ekinerja.plans.tests.factories import make_periode

from .. import domain
from ..models import BuktiDukung
from ..selectors.per_rhk import (
    ON_AKTIVITAS,
    ON_RENCANA_AKSI,
    ON_RHK,
    Evidence,
    VerifiedWork,
    evidence_by_rhk,
    verified_work_by_rhk,
)
from .factories import exec_world, make_aktivitas, make_rencana_aksi

pytestmark = pytest.mark.django_db

D = dt.date
START, END = D(2026, 3, 1), D(2026, 3, 31)  # the period read: March 2026
VER, WAIT, REJ = domain.DIVERIFIKASI, domain.DIAJUKAN, domain.DITOLAK


@pytest.fixture
def world(cast):
    w = exec_world(cast)
    skp = w.cascade.charlie
    w.rhk2 = RHK.objects.create(
        instansi=cast.a, skp=skp, jenis="tambahan", teks="Arsip rapi", urutan=99
    )
    gita_skp = SKP.objects.create(
        instansi=cast.b, pegawai=cast.gita, jabatan=cast.gita.jabatan,
        periode=make_periode(cast, instansi=cast.b),
        tanggal_mulai=D(2026, 1, 1), tanggal_selesai=D(2026, 12, 31), status="disetujui",
    )  # fmt: skip
    w.rhk_gita = RHK.objects.create(instansi=cast.b, skp=gita_skp, jenis="utama", teks="Layanan")
    return w


def _rhk(world, key: str) -> RHK:
    return {
        "charlie": world.rhk("charlie"),
        "charlie-2": world.rhk2,
        "dina": world.rhk("dina"),
        "gita": world.rhk_gita,
    }[key]


# (who, rhk, status, date, minutes) → counted in the RHK's verified work?
WORK = {
    "verified in the period": (("charlie", "charlie", VER, D(2026, 3, 10), 90), True),
    "first day of the period": (("charlie", "charlie", VER, START, 30), True),
    "last day of the period": (("charlie", "charlie", VER, END, 45), True),
    "waiting for verification": (("charlie", "charlie", WAIT, D(2026, 3, 10), 60), False),
    "rejected": (("charlie", "charlie", REJ, D(2026, 3, 10), 60), False),
    "the day before the period": (("charlie", "charlie", VER, D(2026, 2, 28), 60), False),
    "the day after the period": (("charlie", "charlie", VER, D(2026, 4, 1), 60), False),
    "another RHK of the person": (("charlie", "charlie-2", VER, D(2026, 3, 10), 60), False),
    "another person's RHK": (("dina", "dina", VER, D(2026, 3, 10), 60), False),
}


@pytest.mark.parametrize("name", list(WORK))
def test_verified_work_counts_only_verified_activities_of_the_rhk_in_the_period(cast, world, name):
    (who, key, status, tanggal, menit), counted = WORK[name]
    make_aktivitas(
        cast, who, rhk=_rhk(world, key), status=status, tanggal=tanggal, jam=None, menit=menit
    )
    rhk = world.rhk("charlie")
    got = verified_work_by_rhk(
        instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, rhk_ids=[rhk.pk], start=START, end=END
    )
    assert got == (
        {rhk.pk: VerifiedWork(rhk_id=rhk.pk, aktivitas=1, menit=menit)} if counted else {}
    )


def test_verified_work_sums_per_rhk_and_never_reads_another_instansi(cast, world):
    rhk, rhk2 = world.rhk("charlie"), world.rhk2
    for tanggal, menit in ((D(2026, 3, 2), 60), (D(2026, 3, 3), 90)):
        make_aktivitas(cast, "charlie", rhk=rhk, status=VER, tanggal=tanggal, jam=None, menit=menit)
    make_aktivitas(cast, "charlie", rhk=rhk2, status=VER, tanggal=D(2026, 3, 4), jam=None, menit=15)
    make_aktivitas(cast, "gita", rhk=world.rhk_gita, status=VER, tanggal=D(2026, 3, 4))
    got = verified_work_by_rhk(
        instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, rhk_ids=[rhk.pk, rhk2.pk],
        start=START, end=END,
    )  # fmt: skip
    assert got == {
        rhk.pk: VerifiedWork(rhk.pk, 2, 150),
        rhk2.pk: VerifiedWork(rhk2.pk, 1, 15),
    }
    # Another instansi's person and RHK through instansi A's door: nothing.
    assert (
        verified_work_by_rhk(
            instansi_id=cast.a.pk,
            pegawai_id=cast.gita.pk,
            rhk_ids=[world.rhk_gita.pk],
            start=START,
            end=END,
        )  # fmt: skip
        == {}
    )
    assert (
        verified_work_by_rhk(
            instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, rhk_ids=[], start=START, end=END
        )
        == {}
    )


def _bukti(cast, who: str, *, when: dt.datetime, teks: str, **target) -> BuktiDukung:
    pegawai = getattr(cast, who)
    b = BuktiDukung.objects.create(
        instansi_id=pegawai.instansi_id, pegawai=pegawai, jenis="tautan",
        tautan=f"https://contoh.go.id/{teks}", keterangan=teks, **target,
    )  # fmt: skip
    BuktiDukung.objects.filter(pk=b.pk).update(created_at=when)
    return b


def _at(day: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, 2, 0, tzinfo=dt.UTC)


# target of the evidence → listed for charlie's RHK in March, and as what
EVIDENCE = {
    "a verified activity in the period": ("aktivitas", VER, D(2026, 3, 10), ON_AKTIVITAS),
    "a waiting activity in the period": ("aktivitas", WAIT, D(2026, 3, 10), ON_AKTIVITAS),
    "a rejected activity in the period": ("aktivitas", REJ, D(2026, 3, 10), ON_AKTIVITAS),
    "an activity before the period": ("aktivitas", VER, D(2026, 2, 27), None),
    "an activity after the period": ("aktivitas", VER, D(2026, 4, 1), None),
    "a rencana aksi of the RHK (any period)": ("rencana", None, None, ON_RENCANA_AKSI),
    "the RHK's realisation": ("rhk", None, None, ON_RHK),
    "an activity on another RHK": ("aktivitas-2", VER, D(2026, 3, 10), None),
    "another RHK's realisation": ("rhk-2", None, None, None),
}


@pytest.mark.parametrize("name", list(EVIDENCE))
def test_evidence_of_the_rhk_in_the_period(cast, world, name):
    kind, status, tanggal, on = EVIDENCE[name]
    rhk = world.rhk("charlie")
    if kind.startswith("aktivitas"):
        target_rhk = world.rhk2 if kind.endswith("-2") else rhk
        akt = make_aktivitas(cast, "charlie", rhk=target_rhk, status=status, tanggal=tanggal)
        target = {"aktivitas": akt}
    elif kind == "rencana":
        target = {"rencana_aksi": make_rencana_aksi(cast, "charlie", rhk, ke=7)}
    else:
        target = {"rhk": world.rhk2 if kind.endswith("-2") else rhk}
    b = _bukti(cast, "charlie", when=_at(12), teks="laporan", **target)
    got = evidence_by_rhk(
        instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, rhk_ids=[rhk.pk], start=START, end=END
    )
    if on is None:
        assert got == {}
    else:
        assert got == {
            rhk.pk: (
                Evidence(
                    pk=b.pk, rhk_id=rhk.pk, on=on, jenis="tautan", nama_berkas="",
                    ekstensi="", tautan="https://contoh.go.id/laporan", keterangan="laporan",
                    created_at=_at(12),
                ),
            )
        }  # fmt: skip


def test_evidence_is_newest_first_bounded_per_rhk_and_scoped(cast, world):
    rhk, rhk2 = world.rhk("charlie"), world.rhk2
    for day in range(1, 5):
        _bukti(cast, "charlie", when=_at(day), teks=f"r1-{day}", rhk=rhk)
    _bukti(cast, "charlie", when=_at(20), teks="r2", rhk=rhk2)
    _bukti(cast, "dina", when=_at(21), teks="dina", rhk=world.rhk("dina"))
    _bukti(cast, "gita", when=_at(22), teks="gita", rhk=world.rhk_gita)
    got = evidence_by_rhk(
        instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, rhk_ids=[rhk.pk, rhk2.pk],
        start=START, end=END, per_rhk=3,
    )  # fmt: skip
    assert {k: [e.keterangan for e in v] for k, v in got.items()} == {
        rhk.pk: ["r1-4", "r1-3", "r1-2"],
        rhk2.pk: ["r2"],
    }
    assert (
        evidence_by_rhk(
            instansi_id=cast.a.pk,
            pegawai_id=cast.gita.pk,
            rhk_ids=[world.rhk_gita.pk],
            start=START,
            end=END,
        )  # fmt: skip
        == {}
    )


def test_each_read_is_one_query_whatever_the_number_of_rows(cast, world, django_assert_num_queries):
    rhk, rhk2 = world.rhk("charlie"), world.rhk2
    for day in range(2, 12):
        akt = make_aktivitas(
            cast, "charlie", rhk=rhk if day % 2 else rhk2, status=VER, tanggal=D(2026, 3, day)
        )
        _bukti(cast, "charlie", when=_at(day), teks=f"b{day}", aktivitas=akt)
        _bukti(cast, "charlie", when=_at(day), teks=f"r{day}", rhk=rhk)
    ids = [rhk.pk, rhk2.pk]
    with django_assert_num_queries(1):
        verified_work_by_rhk(
            instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, rhk_ids=ids, start=START, end=END
        )
    with django_assert_num_queries(1):
        evidence_by_rhk(
            instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, rhk_ids=ids, start=START, end=END
        )
