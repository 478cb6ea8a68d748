"""Every branch of the org access checks: own, supervisor, head of unit, role holders,
admin, auditor, peer (403), outsider (404), platform admin (403), writes by non-admins."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ekinerja.core.models import Role, RoleAssignment
from ekinerja.org import access
from ekinerja.org.models import Pegawai, RiwayatJabatan
from ekinerja.org.services.supervisors import pegawai_set_atasan

pytestmark = pytest.mark.django_db


# --- access_pegawai ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("charlie", "charlie"),  # own record
        ("bob", "charlie"),  # direct supervisor, head of the Bidang
        ("alice", "charlie"),  # head of the Dinas above the Bidang
        ("alice", "bob"),
        ("eko", "charlie"),  # Admin Instansi
        ("fajar", "alice"),  # Auditor reads everyone
        ("gita", "gita"),
    ],
)
def test_read_allowed(cast, who, target):
    p = access.access_pegawai(actor=cast.actor(who), id=getattr(cast, target).pk)
    assert p.pk == getattr(cast, target).pk


@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("dina", "charlie"),  # a peer in the same unit
        ("charlie", "bob"),  # staff do not open their supervisor's record
        ("bob", "alice"),  # nor a head his own head's
        ("bob", "eko"),  # another unit
    ],
)
def test_read_refused_in_same_instansi_is_403(cast, who, target):
    with pytest.raises(PermissionDenied) as e:
        access.access_pegawai(actor=cast.actor(who), id=getattr(cast, target).pk)
    assert "tidak berwenang" in str(e.value)


def test_outsider_gets_404_even_for_write(cast):
    for for_write in (False, True):
        with pytest.raises(Http404):
            access.access_pegawai(actor=cast.actor("gita"), id=cast.charlie.pk, for_write=for_write)
    with pytest.raises(Http404):
        access.access_pegawai(actor=cast.actor("eko"), id=cast.gita.pk)


def test_platform_admin_gets_403_with_a_message(cast):
    with pytest.raises(PermissionDenied) as e:
        access.access_pegawai(actor=cast.actor("root"), id=cast.charlie.pk)
    assert "tidak terdaftar pada instansi" in str(e.value)


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "fajar"])
def test_write_by_non_admin_is_403(cast, who):
    with pytest.raises(PermissionDenied) as e:
        access.access_pegawai(actor=cast.actor(who), id=cast.charlie.pk, for_write=True)
    assert "Admin Instansi" in str(e.value)


def test_admin_writes(cast):
    assert access.access_pegawai(actor=cast.actor("eko"), id=cast.charlie.pk, for_write=True)


def test_supervisor_by_override_reads_the_person(cast):
    """dina heads nothing, but an admin made her charlie's penilai."""
    with pytest.raises(PermissionDenied):
        access.access_pegawai(actor=cast.actor("dina"), id=cast.charlie.pk)
    pegawai_set_atasan(
        actor=cast.actor("eko"), pegawai=cast.charlie, atasan=cast.dina, alasan="Kabid cuti"
    )
    assert access.access_pegawai(actor=cast.actor("dina"), id=cast.charlie.pk)


def test_pengelola_of_a_unit_reads_its_staff(cast):
    RoleAssignment.objects.create(
        instansi=cast.a, user=cast.eko.user, role=Role.PENGELOLA, unit=cast.bidang
    )
    RoleAssignment.objects.create(
        instansi=cast.a, user=cast.dina.user, role=Role.PENGELOLA, unit=cast.bidang
    )
    assert access.access_pegawai(actor=cast.actor("dina"), id=cast.charlie.pk)
    with pytest.raises(PermissionDenied):  # not outside the unit
        access.access_pegawai(actor=cast.actor("dina"), id=cast.alice.pk)


def test_plt_head_reads_the_unit(cast):
    RiwayatJabatan.objects.create(
        instansi=cast.a, pegawai=cast.eko, jabatan=cast.jab_kabid, jenis="plt",
        tmt_mulai=dt.date(2025, 1, 1),
    )  # fmt: skip
    RoleAssignment.objects.filter(user=cast.eko.user).delete()
    assert access.access_pegawai(actor=cast.actor("eko"), id=cast.charlie.pk)


def test_scope_can_read_agrees_with_access_pegawai(cast):
    people = ["alice", "bob", "charlie", "dina", "eko", "fajar", "gita"]
    for who in people:
        actor = cast.actor(who)
        scope = access.org_scope(actor)
        for target in people:
            p = Pegawai.objects.select_related("unit").get(pk=getattr(cast, target).pk)
            try:
                access.access_pegawai(actor=actor, id=p.pk)
                allowed = True
            except (PermissionDenied, Http404):
                allowed = False
            assert access.scope_can_read(scope, p) == allowed, (who, target)


# --- the staff list -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "bob", "eko", "fajar"])
def test_pegawai_list_for_those_with_a_team(cast, who):
    assert access.require_pegawai_list(cast.actor(who))


@pytest.mark.parametrize("who", ["charlie", "dina", "gita"])
def test_pegawai_list_refused_without_a_team(cast, who):
    with pytest.raises(PermissionDenied) as e:
        access.require_pegawai_list(cast.actor(who))
    assert "Daftar pegawai" in str(e.value)


def test_pegawai_list_for_a_supervisor_by_override(cast):
    pegawai_set_atasan(
        actor=cast.actor("eko"), pegawai=cast.charlie, atasan=cast.dina, alasan="Kabid cuti"
    )
    assert access.require_pegawai_list(cast.actor("dina"))


def test_pegawai_list_refused_to_platform_admin(cast):
    with pytest.raises(PermissionDenied):
        access.require_pegawai_list(cast.actor("root"))


# --- units and positions -------------------------------------------------------------


@pytest.mark.parametrize("fn", ["access_unit", "access_jabatan"])
def test_every_member_reads_the_org_chart(cast, fn):
    obj_id = cast.bidang.pk if fn == "access_unit" else cast.jab_pelaksana.pk
    for who in ("alice", "bob", "charlie", "dina", "eko", "fajar"):
        assert getattr(access, fn)(actor=cast.actor(who), id=obj_id).pk == obj_id


@pytest.mark.parametrize("fn", ["access_unit", "access_jabatan"])
def test_org_chart_outsider_404_root_403_non_admin_write_403(cast, fn):
    obj_id = cast.bidang.pk if fn == "access_unit" else cast.jab_pelaksana.pk
    check = getattr(access, fn)
    with pytest.raises(Http404):
        check(actor=cast.actor("gita"), id=obj_id)
    with pytest.raises(Http404):  # another agency's object stays a 404 for writes too
        check(actor=cast.actor("gita"), id=obj_id, for_write=True)
    with pytest.raises(PermissionDenied):
        check(actor=cast.actor("root"), id=obj_id)
    for who in ("alice", "bob", "charlie", "fajar"):
        with pytest.raises(PermissionDenied):
            check(actor=cast.actor(who), id=obj_id, for_write=True)
    assert check(actor=cast.actor("eko"), id=obj_id, for_write=True).pk == obj_id


# --- position history and platform admin ----------------------------------------------


def test_access_riwayat(cast):
    rid = RiwayatJabatan.objects.get(pegawai=cast.charlie).pk
    assert access.access_riwayat(actor=cast.actor("eko"), pegawai_id=cast.charlie.pk, id=rid)
    assert access.access_riwayat(actor=cast.actor("bob"), pegawai_id=cast.charlie.pk, id=rid)
    with pytest.raises(PermissionDenied):
        access.access_riwayat(actor=cast.actor("dina"), pegawai_id=cast.charlie.pk, id=rid)
    with pytest.raises(PermissionDenied):
        access.access_riwayat(
            actor=cast.actor("bob"), pegawai_id=cast.charlie.pk, id=rid, for_write=True
        )
    with pytest.raises(Http404):
        access.access_riwayat(actor=cast.actor("gita"), pegawai_id=cast.charlie.pk, id=rid)
    with pytest.raises(Http404):  # a row of someone else, through charlie's URL
        access.access_riwayat(
            actor=cast.actor("eko"),
            pegawai_id=cast.charlie.pk,
            id=RiwayatJabatan.objects.get(pegawai=cast.dina).pk,
        )


def test_require_platform_admin(cast):
    assert access.require_platform_admin(cast.actor("root"))
    for who in ("eko", "gita"):
        with pytest.raises(PermissionDenied):
            access.require_platform_admin(cast.actor(who))
