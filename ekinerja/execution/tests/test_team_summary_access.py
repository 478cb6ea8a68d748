"""access.access_team_summary: the one gate of the team summary, which the page
(views.ringkasan) and the API (RingkasanView) both call — who reads a team, of whom,
and what another agency's or an unreadable unit gives."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..access import BAWAHAN, access_team_summary

pytestmark = pytest.mark.django_db


def test_staff_without_a_team_get_no_cakupan(cast):
    tim = access_team_summary(actor=cast.actor("dina"), unit="")
    assert tim.cakupan is None and tim.scope.pegawai_id == cast.dina.pk


def test_a_supervisor_reads_their_direct_subordinates_or_their_bidang(cast):
    tim = access_team_summary(actor=cast.actor("bob"), unit=BAWAHAN)
    assert tim.has_subordinates and tim.cakupan is not None
    assert (tim.cakupan.value, tim.cakupan.atasan_id) == (BAWAHAN, cast.bob.pk)
    own = access_team_summary(actor=cast.actor("bob"), unit="")
    assert own.cakupan is not None
    assert own.cakupan.unit == cast.bidang  # the unit he heads comes first


def test_the_admin_reads_any_unit_of_the_agency(cast):
    tim = access_team_summary(actor=cast.actor("eko"), unit=str(cast.bkpsdm.pk))
    assert tim.cakupan is not None
    assert tim.cakupan.unit == cast.bkpsdm and not tim.has_subordinates


def test_a_unit_outside_the_scope_is_403_and_another_agencys_404(cast):
    with pytest.raises(PermissionDenied):
        access_team_summary(actor=cast.actor("bob"), unit=str(cast.bkpsdm.pk))
    with pytest.raises(Http404):
        access_team_summary(actor=cast.actor("bob"), unit=str(cast.gita.unit_id))
    with pytest.raises(PermissionDenied):
        access_team_summary(actor=cast.actor("root"), unit="")
