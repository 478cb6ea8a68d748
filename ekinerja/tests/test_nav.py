"""The menus: which links a reader sees (the staff list, the penilai's pages) and what
they cost (nothing beyond the scope query every page makes). They come from org's
context processor and lead to pages of org, execution and appraisal."""

from __future__ import annotations

import pytest

from ekinerja.org.access import org_scope
from ekinerja.org.context_processors import nav

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


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "eko"])
def test_the_menus_cost_no_query_beyond_the_actors_scope(cast, rf, who, django_assert_num_queries):
    """Whether the actor has subordinates comes with the scope query every page already
    makes (org.access.org_scope), so the menus add no query."""
    request = rf.get("/org/")
    request.actor = cast.actor(who)
    org_scope(request.actor)
    with django_assert_num_queries(0):
        menus = nav(request)
        subs = menus["nav_has_subordinates"]()
        menus["nav_can_list_pegawai"]()
    assert subs is (who in ("alice", "bob"))
