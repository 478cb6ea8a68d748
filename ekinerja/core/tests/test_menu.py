"""The menu registry (core.menu) on its own: entries of made-up apps."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from ekinerja.core import menu
from ekinerja.core.menu import Entry, Link


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(menu, "_entries", {})
    monkeypatch.setattr(menu, "_account_links", {})
    monkeypatch.setattr(menu, "_homes", {})


def _actor(*, instansi_id=1, admin=False, platform=False):
    return SimpleNamespace(instansi_id=instansi_id, is_admin=admin, is_platform_admin=platform)


def _admin(actor) -> bool:
    return actor.is_admin


def _url(path: str):
    return lambda actor: path


def test_entries_in_order_sections_without_a_visible_link_dropped(registry):
    menu.register(
        Entry("b", 20, "B", _url("/b/"), sections=((Link("B1", _url("/b1/")),),)),
        Entry("a", 10, "A", _url("/a/")),
        Entry("c", 30, "C", _url("/c/"), sections=((Link("C1", _url("/c1/"), _admin),),)),
        Entry(
            "d",
            40,
            "D",
            _url("/d/"),
            sections=((Link("D1", _url("/d1/")),), (Link("D2", _url("/d2/"), _admin),)),
        ),
        Entry("p", 10, "P", _url("/p/"), audience=menu.PLATFORM),
    )
    menu.register(Entry("a", 10, "A", _url("/a/")))  # again: replaced, not doubled
    shown = menu.menu_for(_actor())
    assert [(e.label, e.url) for e in shown] == [("A", "/a/"), ("B", "/b/"), ("D", "/d/")]
    assert [[link.label for link in s] for s in shown[2].sections] == [["D1"]]
    admin = menu.menu_for(_actor(admin=True))
    assert [e.label for e in admin] == ["A", "B", "C", "D"]
    assert len(admin[3].sections) == 2
    assert [e.label for e in menu.menu_for(_actor(instansi_id=None, platform=True))] == ["P"]
    assert menu.menu_for(_actor(instansi_id=None)) == []


def test_homes_and_account_links(registry):
    with pytest.raises(ImproperlyConfigured):
        menu.home_url(_actor())
    menu.register_home(menu.MEMBERS, _url("/home/"))
    menu.register_home(menu.PLATFORM, _url("/platform/"))
    assert menu.home_url(_actor()) == "/home/"
    assert menu.home_url(_actor(instansi_id=None, platform=True)) == "/platform/"
    menu.register_account_link("z", 20, Link("Z", _url("/z/")))
    menu.register_account_link("y", 10, Link("Y", _url("/y/"), _admin))
    assert [link.label for link in menu.account_links_for(_actor())] == ["Z"]
    assert [link.label for link in menu.account_links_for(_actor(admin=True))] == ["Y", "Z"]
