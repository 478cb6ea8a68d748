"""The menus: which links a reader sees (the staff list, the penilai's pages);
they lead to pages of org, execution and appraisal (the apps register them in core.menu;
what they cost is tested in test_menu.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_staff_without_a_team_see_no_staff_list_link(login):
    page = login("charlie").get("/org/").content.decode()
    assert 'href="/org/pegawai/"' not in page
    page = login("bob").get("/org/").content.decode()
    assert 'href="/org/pegawai/"' in page


@pytest.mark.parametrize(
    ("who", "has_subordinates"),
    [("alice", True), ("bob", True), ("charlie", False), ("eko", False), ("fajar", False)],
)
def test_penilai_menus_only_for_people_with_subordinates(login, who, has_subordinates):
    """ "Menilai bawahan" and "Verifikasi aktivitas" lead to the direct subordinates'
    evaluations and activities: an admin, auditor or staff member without any sees
    neither (issue 11 §7)."""
    page = login(who).get("/org/").content.decode()
    assert ('href="/penilaian/menilai/"' in page) is has_subordinates
    assert ('href="/kinerja/verifikasi/"' in page) is has_subordinates
