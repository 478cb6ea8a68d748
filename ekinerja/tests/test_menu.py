"""The navigation bar the apps register (core.menu), as the cast sees it: who sees
which entry, and what it costs."""

from __future__ import annotations

import pytest

from ekinerja.core import menu
from ekinerja.org.access import org_scope

pytestmark = pytest.mark.django_db


def _labels(entries: list[menu.ShownEntry]) -> list[str]:
    return [str(e.label) for e in entries]


def _links(entries: list[menu.ShownEntry]) -> set[str]:
    return {link.url for e in entries for s in e.sections for link in s} | {
        e.url for e in entries if not e.sections
    }


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "eko"])
def test_the_menus_cost_no_query_beyond_the_actors_scope(cast, who, django_assert_num_queries):
    """Whether the actor has a team or subordinates comes with the scope query every page
    already makes (org.access.org_scope), so the menus add no query."""
    actor = cast.actor(who)
    org_scope(actor)
    with django_assert_num_queries(0):
        shown = menu.menu_for(actor)
    assert ("/penilaian/menilai/" in _links(shown)) is (who in ("alice", "bob"))
    assert ("/org/pegawai/" in _links(shown)) is (who != "charlie")


def test_the_order_of_the_bar(cast):
    assert _labels(menu.menu_for(cast.actor("eko"))) == [
        "Beranda",
        "Unit kerja",
        "Jabatan",
        "Pegawai",
        "SKP",
        "Kinerja harian",
        "Penilaian",
        "Impor",
        "Jejak audit",
    ]
    assert _labels(menu.menu_for(cast.actor("charlie"))) == [
        "Beranda",
        "Unit kerja",
        "Jabatan",
        "SKP",
        "Kinerja harian",
        "Penilaian",
    ]
    assert _labels(menu.menu_for(cast.actor("root"))) == ["Instansi", "Kunci masuk"]
    assert menu.menu_for(None) == []


def test_dividers_separate_the_sections_someone_sees(cast):
    def sections(who: str, label: str) -> list[list[str]]:
        entry = next(e for e in menu.menu_for(cast.actor(who)) if str(e.label) == label)
        return [[str(link.label) for link in s] for s in entry.sections]

    assert sections("charlie", "Kinerja harian") == [
        [
            "Aktivitas hari ini",
            "Aktivitas minggu ini",
            "Rencana aksi",
            "Umpan balik",
            "Bimbingan kinerja",
        ]
    ]
    assert sections("bob", "Kinerja harian")[1] == ["Verifikasi aktivitas", "Ringkasan bulanan"]
    assert sections("fajar", "SKP") == [
        ["SKP saya", "Persetujuan SKP", "Kaskade kinerja", "Kelengkapan SKP"],
        ["Periode kinerja"],
    ]


def test_home_and_profile_links(cast):
    eko, root = cast.actor("eko"), cast.actor("root")
    assert menu.home_url(eko) == "/org/"
    assert menu.home_url(root) == "/org/instansi/"
    assert [link.url for link in menu.account_links_for(eko)] == [f"/org/pegawai/{cast.eko.pk}/"]
    assert menu.account_links_for(root) == []
