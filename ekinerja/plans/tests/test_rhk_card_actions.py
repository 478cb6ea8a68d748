"""Buttons other apps add to the RHK cards of the SKP page (plans.hooks): plans renders
what is registered and visible, and names none of those apps' pages itself."""

from __future__ import annotations

import re

import pytest

from ekinerja.plans import hooks

from .factories import approved_cascade

pytestmark = pytest.mark.django_db


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast, leave_draft=("dina",))


@pytest.fixture
def actions(monkeypatch):
    """Only the made-up actions of the test are registered."""
    monkeypatch.setattr(hooks, "_rhk_card_actions", {})


def _card_buttons(page: str) -> list[str]:
    cards = "".join(re.findall(r'<article id="rhk-.*?</article>', page, re.S))
    return [line.strip() for line in cards.splitlines() if "btn-outline-secondary" in line]


def test_the_card_renders_the_visible_actions_in_order(cast, login, cascade, actions):
    seen = []

    def visible_to_the_penilai(card: hooks.RHKCard) -> bool:
        seen.append((card.skp.pk, card.rhk.pk, card.is_owner, card.is_penilai))
        return card.is_penilai

    hooks.register_rhk_card_action(
        hooks.RHKCardAction("b", "Kedua", lambda c: f"/b/{c.rhk.pk}/?x=1&y=2", lambda c: True)
    )
    hooks.register_rhk_card_action(
        hooks.RHKCardAction("a", "Khusus penilai", lambda c: "/a/", visible_to_the_penilai)
    )
    hooks.register_rhk_card_action(  # the same key again: replaced, not doubled
        hooks.RHKCardAction("b", "Pertama", lambda c: f"/b/{c.rhk.pk}/?x=1&y=2", lambda c: True)
    )
    rhk = cascade.rhk("charlie")
    page = login("bob").get(f"/skp/{cascade.charlie.pk}/").content.decode()
    assert _card_buttons(page) == [
        f'<a class="btn btn-sm btn-outline-secondary" href="/b/{rhk.pk}/?x=1&amp;y=2">Pertama'
        '<span class="visually-hidden"> RHK 1</span></a>',
        '<a class="btn btn-sm btn-outline-secondary" href="/a/">Khusus penilai'
        '<span class="visually-hidden"> RHK 1</span></a>',
    ]
    assert seen == [(cascade.charlie.pk, rhk.pk, False, True)]
    page = login("charlie").get(f"/skp/{cascade.charlie.pk}/").content.decode()
    assert [b.split(">")[1] for b in _card_buttons(page)] == [
        'Pertama<span class="visually-hidden"'
    ]


def test_without_actions_the_card_has_no_action_row(cast, login, cascade, actions):
    page = login("bob").get(f"/skp/{cascade.charlie.pk}/").content.decode()
    assert _card_buttons(page) == []
    assert '<article id="rhk-' in page and "mt-2 ps-sm-3 d-flex" not in page
