"""The appraisal's input (selectors/umpan_balik.py): a pegawai's feedback grouped by
RHK, BerAKHLAK value and general, with replies, filtered by local dates, in a fixed
number of queries; coaching notes of a period; and the list reads of the pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ..models import UmpanBalik
from ..selectors import umpan_balik as sel
from ..services import umpan_balik as services
from .factories import DAY, exec_world, make_bimbingan, make_umpan_balik

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def world(cast):
    return exec_world(cast)


def _thread(cast, **kw):
    kw.setdefault("teks", "Umpan balik.")
    return services.umpan_balik_create(actor=cast.actor("bob"), pegawai_id=cast.charlie.pk, **kw)


def _reply(cast, thread, who, teks):
    return services.umpan_balik_reply(actor=cast.actor(who), thread_id=thread.pk, teks=teks)


def _at(thread, when: dt.datetime) -> None:
    UmpanBalik.objects.filter(pk=thread.pk).update(created_at=when)


def test_groups_rhk_then_values_then_general(cast, world):
    rhk = world.rhk("charlie")
    umum = _thread(cast, topik="umum", teks="Umum")
    k3 = _thread(cast, topik="perilaku", nilai_berakhlak=3, teks="Kompeten")
    k1 = _thread(cast, topik="perilaku", nilai_berakhlak=1, teks="Pelayanan")
    r1 = _thread(cast, topik="rhk", rhk_id=rhk.pk, teks="RHK satu")
    r2 = _thread(cast, topik="rhk", rhk_id=rhk.pk, teks="RHK dua")
    _reply(cast, r1, "charlie", "Siap")
    _reply(cast, r1, "bob", "Bagus")
    # Someone else's feedback never appears.
    make_umpan_balik(cast, to="dina", by="bob", teks="Untuk Dina")

    groups = sel.umpan_balik_for(pegawai=cast.charlie)

    assert [(g.topik, g.label) for g in groups] == [
        ("rhk", rhk.teks),
        ("perilaku", "Berorientasi Pelayanan"),
        ("perilaku", "Kompeten"),
        ("umum", "Umum"),
    ]
    assert groups[0].rhk == rhk
    assert [t.pk for t in groups[0].threads] == [r1.pk, r2.pk]
    assert [m.teks for m in groups[0].threads[0].replies] == ["Siap", "Bagus"]
    assert groups[0].threads[0].replies[0].penulis == cast.charlie
    assert groups[0].threads[1].replies == []
    assert [t.pk for t in groups[1].threads] == [k1.pk]
    assert groups[1].nilai_berakhlak == 1
    assert [t.pk for t in groups[2].threads] == [k3.pk]
    assert [t.pk for t in groups[3].threads] == [umum.pk]


def test_no_feedback_is_no_group(cast, world):
    assert sel.umpan_balik_for(pegawai=cast.charlie) == []


def test_thread_whose_rhk_is_gone_counts_as_general(cast, world):
    t = _thread(cast, topik="rhk", rhk_id=world.rhk("charlie").pk)
    UmpanBalik.objects.filter(pk=t.pk).update(rhk=None)
    [group] = sel.umpan_balik_for(pegawai=cast.charlie)
    assert group.topik == "umum" and group.threads[0].pk == t.pk


def test_date_filter_uses_local_days(cast, world):
    """Threads are filtered by the local day they were opened (the instansi's zone):
    23:30 WIB on 9 March is 9 March, though 16:30 UTC."""
    late = _thread(cast, topik="umum", teks="late")
    early = _thread(cast, topik="umum", teks="early")
    after = _thread(cast, topik="umum", teks="after")
    _at(late, dt.datetime(2026, 3, 9, 23, 30, tzinfo=WIB))
    _at(early, dt.datetime(2026, 3, 10, 0, 5, tzinfo=WIB))
    _at(after, dt.datetime(2026, 4, 1, 9, 0, tzinfo=WIB))

    def texts(**kw):
        return [t.teks for g in sel.umpan_balik_for(pegawai=cast.charlie, **kw) for t in g.threads]

    assert texts(sampai=dt.date(2026, 3, 9)) == ["late"]
    assert texts(dari=dt.date(2026, 3, 10), sampai=dt.date(2026, 3, 31)) == ["early"]
    assert texts(dari=dt.date(2026, 3, 10)) == ["early", "after"]
    assert texts() == ["late", "early", "after"]


@pytest.mark.parametrize("n", [1, 6])
def test_query_count_does_not_grow(cast, world, django_assert_max_num_queries, n):
    rhk = world.rhk("charlie")
    for i in range(n):
        t = _thread(cast, topik="rhk", rhk_id=rhk.pk)
        p = _thread(cast, topik="perilaku", nilai_berakhlak=1 + i % 7)
        _reply(cast, t, "charlie", f"balas {i}")
        _reply(cast, p, "bob", f"tambah {i}")
    with django_assert_max_num_queries(3):
        groups = sel.umpan_balik_for(
            pegawai=cast.charlie, dari=dt.date(2026, 1, 1), sampai=dt.date(2026, 12, 31)
        )
        for g in groups:
            for t in g.threads:
                _ = [m.penulis.nama for m in t.replies], t.penulis.nama, g.label


def test_bimbingan_for_period_oldest_first(cast, world, django_assert_max_num_queries):
    a = make_bimbingan(cast, to="charlie", by="bob")
    b = make_bimbingan(cast, to="charlie", by="bob")
    type(b).objects.filter(pk=b.pk).update(tanggal=DAY - dt.timedelta(days=30))
    c = make_bimbingan(cast, to="charlie", by="bob")
    type(c).objects.filter(pk=c.pk).update(tanggal=DAY + dt.timedelta(days=60))
    make_bimbingan(cast, to="dina", by="bob")
    with django_assert_max_num_queries(1):
        rows = sel.bimbingan_for(pegawai=cast.charlie)
        assert [r.pembimbing.nama for r in rows] == ["Bob Santoso"] * 3
    assert [r.pk for r in rows] == [b.pk, a.pk, c.pk]
    got = sel.bimbingan_for(pegawai=cast.charlie, dari=DAY, sampai=DAY + dt.timedelta(days=59))
    assert [r.pk for r in got] == [a.pk]
    assert [r.pk for r in sel.bimbingan_for(pegawai=cast.charlie, sampai=DAY)] == [b.pk, a.pk]


def test_thread_list_directions(cast, world):
    to_charlie = _thread(cast, topik="umum")
    to_bob = services.umpan_balik_create(
        actor=cast.actor("alice"), pegawai_id=cast.bob.pk, topik="umum", teks="Untuk Bob"
    )
    _reply(cast, to_charlie, "charlie", "Siap")  # newest activity
    a = cast.a.pk

    def pks(who, arah):
        return [t.pk for t in sel.thread_list(instansi_id=a, pegawai_id=who.pk, arah=arah)]

    assert pks(cast.bob, sel.ARAH_SEMUA) == [to_charlie.pk, to_bob.pk]
    assert pks(cast.bob, sel.ARAH_DITERIMA) == [to_bob.pk]
    assert pks(cast.bob, sel.ARAH_DIBERIKAN) == [to_charlie.pk]
    assert pks(cast.charlie, sel.ARAH_SEMUA) == [to_charlie.pk]
    assert pks(cast.dina, sel.ARAH_SEMUA) == []
    assert pks(cast.alice, sel.ARAH_DIBERIKAN) == [to_bob.pk]
    rows = list(sel.thread_list(instansi_id=a, pegawai_id=cast.bob.pk))
    assert rows[0].n_balasan == 1 and rows[1].n_balasan == 0
    assert list(sel.thread_list(instansi_id=a, pegawai_id=None)) == []
