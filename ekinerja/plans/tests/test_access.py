"""Who reads and who acts on an SKP: access.access_skp, and the list scope
(selectors.skp_visible_q) agreeing with it for every member of the cast; an RHK or IKI
on its SKP's terms (access_rhk, access_iki); SKP templates for the Admin Instansi."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ekinerja.core.models import Role, RoleAssignment
from ekinerja.plans import selectors
from ekinerja.plans.access import (
    access_iki,
    access_rhk,
    access_skp,
    access_skp_template,
    access_skp_template_iki,
    access_skp_template_rhk,
    can_read_skp,
)
from ekinerja.plans.models import SKP
from ekinerja.plans.services import templates as template_services
from ekinerja.plans.services import workflow

from .factories import approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db

# Who may read whose SKP in the cast (alice → bob → charlie, dina; eko admin; fajar
# auditor): the owner, the penilai and atasan penilai, heads of the unit subtree, the
# Admin Instansi and the Auditor.
READS = {
    "alice": {"alice", "bob", "charlie", "dina"},
    "bob": {"bob", "charlie", "dina"},
    "charlie": {"charlie"},
    "dina": {"dina"},
    "eko": {"alice", "bob", "charlie", "dina"},
    "fajar": {"alice", "bob", "charlie", "dina"},
}
OWNERS = ("alice", "bob", "charlie", "dina")


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast)


@pytest.mark.parametrize("reader", sorted(READS))
def test_read_access_and_list_scope_agree(cast, cascade, reader):
    actor = cast.actor(reader)
    for owner in OWNERS:
        skp = getattr(cascade, owner)
        if owner in READS[reader]:
            assert access_skp(actor=actor, id=skp.pk).pk == skp.pk
        else:
            with pytest.raises(PermissionDenied):
                access_skp(actor=actor, id=skp.pk)
    listed = set(selectors.skp_list(actor=actor).values_list("pegawai__user__username", flat=True))
    assert listed == {getattr(cast, o).user.username for o in READS[reader]}


def test_another_instansi_is_not_found_for_everyone(cast, cascade):
    gita = make_skp(cast, "gita", make_periode(cast, instansi=cast.b))
    for reader in READS:
        with pytest.raises(Http404):
            access_skp(actor=cast.actor(reader), id=gita.pk)
        assert not selectors.skp_list(actor=cast.actor(reader)).filter(pk=gita.pk).exists()
    with pytest.raises(Http404):
        access_skp(actor=cast.actor("gita"), id=cascade.charlie.pk)
    assert access_skp(actor=cast.actor("gita"), id=gita.pk).pk == gita.pk


def test_acting_needs_owner_or_penilai(cast, cascade):
    skp = cascade.charlie
    for who in ("charlie", "bob"):
        assert access_skp(actor=cast.actor(who), id=skp.pk, for_write=True).pk == skp.pk
    for who in ("alice", "dina", "eko", "fajar"):  # readers or not, they do not act
        with pytest.raises(PermissionDenied):
            access_skp(actor=cast.actor(who), id=skp.pk, for_write=True)


def test_pengelola_of_a_unit_reads_its_staff_skp(cast, cascade):
    RoleAssignment.objects.create(
        instansi=cast.a, user=cast.dina.user, role=Role.PENGELOLA, unit=cast.bidang
    )
    actor = cast.actor("dina")
    assert access_skp(actor=actor, id=cascade.charlie.pk).pk == cascade.charlie.pk
    with pytest.raises(PermissionDenied):  # alice's unit is above the bidang
        access_skp(actor=actor, id=cascade.alice.pk)
    assert can_read_skp(actor, SKP.objects.select_related("pegawai__unit").get(pk=cascade.bob.pk))


def test_current_only_leaves_out_superseded_versions(cast, cascade):
    new = workflow.skp_revise(actor=cast.actor("charlie"), skp_id=cascade.charlie.pk)
    mine = selectors.skp_list(actor=cast.actor("charlie"))
    assert set(mine.values_list("pk", flat=True)) == {cascade.charlie.pk, new.pk}
    current = selectors.skp_list(actor=cast.actor("charlie"), current_only=True)
    assert list(current.values_list("pk", flat=True)) == [new.pk]


def test_queue_holds_only_submitted_skp_of_my_subordinates(cast):
    c = approved_cascade(cast, leave_draft=("charlie", "dina"))
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=c.charlie.pk)
    assert [s.pk for s in selectors.penilai_queue(actor=cast.actor("bob"))] == [c.charlie.pk]
    assert list(selectors.penilai_queue(actor=cast.actor("alice"))) == []
    assert list(selectors.penilai_queue(actor=cast.actor("eko"))) == []


# --- RHK and IKI on their SKP's terms ---------------------------------------------------


@pytest.mark.parametrize("reader", sorted(READS))
def test_rhk_and_iki_are_read_by_whoever_reads_their_skp(cast, cascade, reader):
    actor = cast.actor(reader)
    for owner in OWNERS:
        rhk = cascade.rhk(owner)
        iki = rhk.iki.get()
        if owner in READS[reader]:
            assert access_rhk(actor=actor, id=rhk.pk).pk == rhk.pk
            assert access_iki(actor=actor, id=iki.pk).pk == iki.pk
        else:
            with pytest.raises(PermissionDenied):
                access_rhk(actor=actor, id=rhk.pk)
            with pytest.raises(PermissionDenied):
                access_iki(actor=actor, id=iki.pk)


def test_acting_on_rhk_and_iki_needs_owner_or_penilai(cast, cascade):
    rhk = cascade.rhk("charlie")
    iki = rhk.iki.get()
    for who in ("charlie", "bob"):
        actor = cast.actor(who)
        assert access_rhk(actor=actor, id=rhk.pk, for_write=True).skp.pk == cascade.charlie.pk
        assert access_iki(actor=actor, id=iki.pk, for_write=True).rhk.pk == rhk.pk
    for who in ("alice", "dina", "eko", "fajar"):  # readers or not, they do not act
        with pytest.raises(PermissionDenied):
            access_rhk(actor=cast.actor(who), id=rhk.pk, for_write=True)
        with pytest.raises(PermissionDenied):
            access_iki(actor=cast.actor(who), id=iki.pk, for_write=True)


def test_another_instansis_rhk_and_iki_are_not_found(cast, cascade):
    periode_b = make_periode(cast, instansi=cast.b)
    gita = make_skp(cast, "gita", periode_b, rhk=[("utama", "Layanan Beta", None)])
    rhk = gita.rhk.get()
    iki = rhk.iki.get()
    for reader in READS:
        for for_write in (False, True):
            with pytest.raises(Http404):
                access_rhk(actor=cast.actor(reader), id=rhk.pk, for_write=for_write)
            with pytest.raises(Http404):
                access_iki(actor=cast.actor(reader), id=iki.pk, for_write=for_write)
    charlie_rhk = cascade.rhk("charlie")
    with pytest.raises(Http404):
        access_rhk(actor=cast.actor("gita"), id=charlie_rhk.pk)
    with pytest.raises(Http404):
        access_iki(actor=cast.actor("gita"), id=charlie_rhk.iki.get().pk)
    assert access_rhk(actor=cast.actor("gita"), id=rhk.pk, for_write=True).pk == rhk.pk
    assert access_iki(actor=cast.actor("gita"), id=iki.pk, for_write=True).pk == iki.pk


# --- SKP templates: the Admin Instansi's --------------------------------------------------


def test_templates_and_their_rows_are_for_the_admin_only(cast):
    eko = cast.actor("eko")
    t = template_services.skp_template_create(
        actor=eko, nama="Templat", jabatan_id=cast.jab_pelaksana.pk
    )
    r = template_services.skp_template_rhk_add(
        actor=eko, template_id=t.pk, jenis="utama", teks="Arsip"
    )
    i = template_services.skp_template_iki_add(
        actor=eko,
        rhk_id=r.pk,
        aspek="kuantitas",
        indikator="Jumlah arsip",
        target_jenis="angka",
        target_nilai="12",
        satuan="berkas",
    )
    checks = [
        (access_skp_template, t.pk),
        (access_skp_template_rhk, r.pk),
        (access_skp_template_iki, i.pk),
    ]
    assert access_skp_template(actor=eko, id=t.pk, lock=True).pk == t.pk
    assert access_skp_template_rhk(actor=eko, id=r.pk).template.pk == t.pk
    assert access_skp_template_iki(actor=eko, id=i.pk).rhk.template.pk == t.pk
    for who in ("alice", "bob", "charlie", "dina", "fajar"):
        for check, pk in checks:
            with pytest.raises(PermissionDenied):
                check(actor=cast.actor(who), id=pk)
    for check, pk in checks:  # another agency's template is not found, whatever the role
        with pytest.raises(Http404):
            check(actor=cast.actor("gita"), id=pk)
