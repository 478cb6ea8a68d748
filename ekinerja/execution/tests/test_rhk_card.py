"""execution's buttons on the RHK cards of an approved SKP (execution/rhk_card.py,
registered in ExecutionConfig.ready() through plans.hooks)."""

from __future__ import annotations

import pytest

from ekinerja.plans import hooks
from ekinerja.plans.tests.factories import approved_cascade

from .. import rhk_card

pytestmark = pytest.mark.django_db


def test_execution_registers_its_card_actions_once():
    registered = hooks.rhk_card_actions()
    assert [a for a in registered if a in rhk_card.ACTIONS] == list(rhk_card.ACTIONS)
    rhk_card.register()  # a second ready(): no-op
    assert hooks.rhk_card_actions() == registered


@pytest.mark.parametrize(
    ("owner", "is_owner", "is_penilai", "expected"),
    [
        ("charlie", True, False, ["Bukti dukung"]),
        ("charlie", False, True, ["Bukti dukung", "Beri umpan balik"]),
        ("charlie", False, False, []),  # an admin or auditor reading the SKP
        ("dina", True, False, []),  # a draft: nothing to prove or discuss yet
        ("dina", False, True, []),
    ],
)
def test_who_sees_which_action(cast, owner, is_owner, is_penilai, expected):
    cascade = approved_cascade(cast, leave_draft=("dina",))
    skp = getattr(cascade, owner)
    rhk = cascade.rhk(owner)
    card = hooks.RHKCard(skp=skp, rhk=rhk, is_owner=is_owner, is_penilai=is_penilai)
    links = hooks.rhk_card_links(card)
    ours = [str(link.label) for link in links]
    assert ours == expected
    urls = [link.url for link in links]
    if expected:
        assert urls[0] == f"/kinerja/rhk/{rhk.pk}/bukti/"
    if len(expected) == 2:
        assert urls[1] == f"/kinerja/umpan-balik/baru/?pegawai={skp.pegawai_id}&rhk={rhk.pk}"
