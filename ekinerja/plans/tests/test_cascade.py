"""The planning reports' selectors (plans/cascade/): the cascade tree and its gaps
(unsupported supervisor RHK, staff without an approved SKP, RHK without IKI), which
versions count, scoping, bounds, completeness on a table of cases, the team matrix, and
query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ekinerja.core.models import Role, RoleAssignment
from ekinerja.org.models import Pegawai
from ekinerja.plans.cascade.common import (
    COMPLETENESS_KEYS,
    GAP_ANY,
    GAP_NO_IKI,
    GAP_NO_SKP,
    GAP_UNSUPPORTED,
    MISSING,
    report_unit,
)
from ekinerja.plans.cascade.completeness import completeness, completeness_sorted
from ekinerja.plans.cascade.export import cascade_rows
from ekinerja.plans.cascade.matrix import team_matrix
from ekinerja.plans.cascade.staff import staff_without_approved_skp
from ekinerja.plans.cascade.tree import CascadeFilters, cascade_tree
from ekinerja.plans.models import IKI, RHK, SKP
from ekinerja.plans.services import creation, editing, workflow

from .factories import approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db


@pytest.fixture
def c(cast):
    return approved_cascade(cast)


def _tree(cast, who="eko", **kw):
    c_periode = kw.pop("periode", None) or make_periode(cast)
    return cascade_tree(actor=cast.actor(who), periode=c_periode, **kw)


def _shape(tree) -> list[tuple[int, str, str]]:
    return [(n.depth, n.owner.nama.split()[0], n.teks) for n in tree.nodes]


# --- the tree ------------------------------------------------------------------------


def test_whole_instansi_tree_from_the_head_down_to_staff(cast, c):
    tree = _tree(cast)
    assert _shape(tree) == [
        (0, "Alice", "Meningkatnya kualitas layanan Dinas Alfa"),
        (1, "Bob", "Layanan Bidang Satu tepat waktu"),
        (2, "Charlie", "Surat masuk teragenda"),
        (2, "Dina", "Kajian kebijakan layanan"),
        (0, "Alice", "Terwujudnya tata kelola keuangan yang akuntabel"),
    ]
    bob = tree.nodes[1]
    assert bob.owner.jabatan == "Kepala Bidang Satu" and bob.owner.unit == "Bidang Satu"
    assert bob.owner.status == "disetujui" and bob.n_iki == 1
    assert tree.summary.skp == 4 and tree.summary.rhk == 5
    assert tree.summary.by_status["disetujui"] == 4
    # <details> nesting: alice's first RHK opens, dina's closes two levels.
    assert [n.has_children for n in tree.nodes] == [True, True, False, False, False]
    assert [len(n.closes) for n in tree.nodes] == [0, 0, 0, 2, 0]


def test_gap_supervisor_rhk_that_no_subordinate_supports(cast, c):
    tree = _tree(cast)
    gaps = {n.teks: n.gaps for n in tree.nodes}
    assert gaps["Terwujudnya tata kelola keuangan yang akuntabel"] == (GAP_UNSUPPORTED,)
    assert gaps["Meningkatnya kualitas layanan Dinas Alfa"] == ()
    assert gaps["Layanan Bidang Satu tepat waktu"] == ()
    # Staff without subordinates have nobody to support them: no gap.
    assert gaps["Surat masuk teragenda"] == () and gaps["Kajian kebijakan layanan"] == ()
    assert tree.summary.unsupported == 1


def test_gap_rhk_without_iki(cast):
    c = approved_cascade(cast, leave_draft=("dina",))
    editing.rhk_add(
        actor=cast.actor("dina"),
        skp_id=c.dina.pk,
        jenis="tambahan",
        teks="Notula rapat koordinasi",
        intervensi_id=c.rhk("bob").pk,
    )
    tree = _tree(cast)
    node = next(n for n in tree.nodes if n.teks == "Notula rapat koordinasi")
    assert node.gaps == (GAP_NO_IKI,) and node.n_iki == 0
    assert node.owner.status == "draft"
    assert tree.summary.no_iki == 1


def test_a_draft_supervisor_is_not_yet_a_gap(cast):
    c = approved_cascade(cast)
    SKP.objects.filter(pk=c.alice.pk).update(status="draft")
    tree = _tree(cast)
    assert tree.summary.unsupported == 0


def test_gap_staff_without_an_approved_skp(cast):
    c = approved_cascade(cast, leave_draft=("dina",))
    rows = list(staff_without_approved_skp(actor=cast.actor("eko"), periode=c.periode))
    found = {r["nama"]: (r["skp_status"], r["skp_id"]) for r in rows}
    assert found == {
        "Dina Lestari": ("draft", c.dina.pk),
        "Eko Prasetyo": (None, None),
        "Fajar Hidayat": (None, None),
    }
    only_missing = staff_without_approved_skp(
        actor=cast.actor("eko"), periode=c.periode, status=MISSING
    )
    assert [r["nama"] for r in only_missing] == ["Eko Prasetyo", "Fajar Hidayat"]  # no unit last
    in_bidang = staff_without_approved_skp(
        actor=cast.actor("bob"), periode=c.periode, unit=cast.bidang
    )
    assert [r["nama"] for r in in_bidang] == ["Dina Lestari"]
    by_nip = staff_without_approved_skp(actor=cast.actor("eko"), periode=c.periode, q="1988 1111")
    assert [r["nama"] for r in by_nip] == ["Eko Prasetyo"]


def test_a_non_asn_official_is_not_expected_to_write_an_skp(cast, c):
    Pegawai.objects.filter(pk=cast.fajar.pk).update(status=Pegawai.Status.NON_ASN)
    rows = staff_without_approved_skp(actor=cast.actor("eko"), periode=c.periode)
    assert [r["nama"] for r in rows] == ["Eko Prasetyo"]


# --- versions ----------------------------------------------------------------------------


def test_a_pending_revision_is_left_out_while_the_approved_version_holds(cast, c):
    v2 = workflow.skp_revise(actor=cast.actor("bob"), skp_id=c.bob.pk)
    tree = _tree(cast)
    bob = [n for n in tree.nodes if n.owner.nama == "Bob Santoso"]
    assert [n.owner.skp_id for n in bob] == [c.bob.pk]
    assert bob[0].owner.revisi == "draft" and bob[0].owner.revisi_label == "Draf"
    assert v2.pk not in {n.owner.skp_id for n in tree.nodes}
    assert tree.summary.skp == 4


def _revise_replacing_the_rhk(cast, c) -> SKP:
    """bob's revision drops his RHK and types a new one, then alice approves it: the
    dropped RHK has no successor, so charlie's and dina's links stay on version 1
    (an RHK the revision keeps takes its links along: test_services)."""
    bob = cast.actor("bob")
    v2 = workflow.skp_revise(actor=bob, skp_id=c.bob.pk)
    editing.rhk_delete(actor=bob, rhk_id=v2.rhk.get().pk)
    rhk = editing.rhk_add(
        actor=bob, skp_id=v2.pk, jenis="utama", teks="Layanan Bidang Satu tepat waktu",
        intervensi_id=c.rhk("alice").pk,
    )  # fmt: skip
    editing.iki_add(
        actor=bob, rhk_id=rhk.pk, aspek="kuantitas", indikator="Layanan", target_jenis="angka",
        target_nilai="10", satuan="layanan",
    )  # fmt: skip
    workflow.skp_submit(actor=bob, skp_id=v2.pk)
    workflow.skp_approve(actor=cast.actor("alice"), skp_id=v2.pk)
    return v2


def test_a_superseded_version_is_left_out_and_stale_links_show(cast, c):
    v2 = _revise_replacing_the_rhk(cast, c)
    tree = _tree(cast)
    skp_ids = {n.owner.skp_id for n in tree.nodes}
    assert c.bob.pk not in skp_ids and v2.pk in skp_ids
    assert tree.summary.skp == 4
    by_text = {(n.owner.nama, n.teks): n for n in tree.nodes}
    # Charlie and dina still intervene in version 1's dropped RHK: they surface as top
    # nodes pointing at a replaced version, and bob's new RHK has no support.
    charlie = by_text[("Charlie Nugroho", "Surat masuk teragenda")]
    assert charlie.depth == 0 and charlie.parent_ref.stale
    assert charlie.parent_ref.nama == "Bob Santoso"
    assert by_text[("Bob Santoso", "Layanan Bidang Satu tepat waktu")].gaps == (GAP_UNSUPPORTED,)


# --- scoping ------------------------------------------------------------------------------


def test_a_head_sees_their_unit_subtree(cast, c):
    unit = report_unit(actor=cast.actor("bob"), unit_id=None)
    assert unit == cast.bidang
    tree = cascade_tree(actor=cast.actor("bob"), periode=c.periode, unit=unit)
    assert [n.owner.nama.split()[0] for n in tree.nodes] == ["Bob", "Charlie", "Dina"]
    top = tree.nodes[0]
    assert top.parent_ref is not None
    assert top.depth == 0 and top.parent_ref.teks == "Meningkatnya kualitas layanan Dinas Alfa"
    assert top.parent_ref.nama == "Alice Wulandari" and not top.parent_ref.stale
    alice = report_unit(actor=cast.actor("alice"), unit_id=None)
    assert alice == cast.dinas
    assert report_unit(actor=cast.actor("eko"), unit_id=None) is None


@pytest.mark.parametrize(
    ("who", "unit", "exc"),
    [
        ("charlie", None, PermissionDenied),  # staff: no team
        ("dina", "bidang", PermissionDenied),
        ("bob", "dinas", PermissionDenied),  # above his unit
        ("bob", "bkpsdm", PermissionDenied),  # beside it
        ("gita", "bidang", Http404),  # another agency's unit
        ("eko", "gita", Http404),
        ("root", None, PermissionDenied),
    ],
)
def test_reports_refused_outside_the_scope(cast, c, who, unit, exc):
    unit_id = {
        None: None,
        "bidang": cast.bidang.pk,
        "dinas": cast.dinas.pk,
        "bkpsdm": cast.bkpsdm.pk,
        "gita": cast.gita.unit_id,
    }[unit]
    with pytest.raises(exc):
        report_unit(actor=cast.actor(who), unit_id=unit_id)


def test_selectors_check_the_scope_themselves(cast, c):
    with pytest.raises(PermissionDenied):
        cascade_tree(actor=cast.actor("bob"), periode=c.periode, unit=cast.dinas)
    with pytest.raises(PermissionDenied):
        completeness(actor=cast.actor("charlie"), periode=c.periode, unit=cast.bidang)
    with pytest.raises(PermissionDenied):
        cascade_tree(actor=cast.actor("bob"), periode=c.periode, unit=None)
    other = make_periode(cast, instansi=cast.b)
    with pytest.raises(Http404):
        cascade_tree(actor=cast.actor("eko"), periode=other)


def test_a_unit_pengelola_and_an_instansi_pimpinan(cast, c):
    RoleAssignment.objects.create(
        instansi=cast.a, user=cast.charlie.user, role=Role.PENGELOLA, unit=cast.bidang
    )
    RoleAssignment.objects.create(instansi=cast.a, user=cast.dina.user, role=Role.PIMPINAN)
    assert report_unit(actor=cast.actor("charlie"), unit_id=None) == cast.bidang
    assert report_unit(actor=cast.actor("dina"), unit_id=None) is None


# --- filters and bounds ------------------------------------------------------------------


def test_search_keeps_matches_and_their_ancestors(cast, c):
    tree = _tree(cast, filters=CascadeFilters(q="charlie"))
    assert [(n.owner.nama.split()[0], n.match) for n in tree.nodes] == [
        ("Alice", False),
        ("Bob", False),
        ("Charlie", True),
    ]
    assert tree.nodes[1].hidden_children == 1  # dina, not matching
    by_nip = _tree(cast, filters=CascadeFilters(q="19950707"))
    assert [n.owner.nama.split()[0] for n in by_nip.nodes if n.match] == ["Dina"]


def test_gap_and_status_filters(cast):
    approved_cascade(cast, leave_draft=("dina",))
    only_gap = _tree(cast, filters=CascadeFilters(gap=GAP_UNSUPPORTED))
    assert [n.teks for n in only_gap.nodes if n.match] == [
        "Terwujudnya tata kelola keuangan yang akuntabel"
    ]
    drafts = _tree(cast, filters=CascadeFilters(status="draft"))
    assert [n.owner.nama.split()[0] for n in drafts.nodes if n.match] == ["Dina"]
    nothing = _tree(cast, filters=CascadeFilters(gap=GAP_NO_IKI))
    assert nothing.nodes == [] and nothing.filtered
    any_gap = _tree(cast, filters=CascadeFilters(gap=GAP_ANY))
    assert sum(n.match for n in any_gap.nodes) == 1
    staff_only = _tree(cast, filters=CascadeFilters(gap=GAP_NO_SKP))
    assert staff_only.nodes == []


def test_root_opens_one_subtree_with_its_trail(cast, c):
    bob_rhk = c.rhk("bob")
    tree = _tree(cast, root_id=bob_rhk.pk)
    assert [n.owner.nama.split()[0] for n in tree.nodes] == ["Bob", "Charlie", "Dina"]
    assert [t.teks for t in tree.trail] == ["Meningkatnya kualitas layanan Dinas Alfa"]
    with pytest.raises(Http404):
        _tree(cast, root_id=999999)
    with pytest.raises(Http404):  # in the instansi, but outside bob's unit
        cascade_tree(
            actor=cast.actor("bob"),
            periode=c.periode,
            unit=cast.bidang,
            root_id=c.rhk("alice").pk,
        )


def test_drawing_is_bounded_by_levels_and_pages(cast, c, monkeypatch):
    monkeypatch.setattr("ekinerja.plans.cascade.tree.TREE_MAX_NODES", 3)
    tree = _tree(cast)
    # Levels: 2 top RHK, 1 (bob), 2 (staff): the staff level does not fit.
    assert [n.owner.nama.split()[0] for n in tree.nodes] == ["Alice", "Bob", "Alice"]
    bob = tree.nodes[1]
    assert bob.hidden_children == 2 and not bob.has_children
    monkeypatch.setattr("ekinerja.plans.cascade.tree.ROOTS_PER_PAGE", 1)
    first, second = _tree(cast, page=1), _tree(cast, page=2)
    assert first.pages == 2 and first.roots_total == 2
    assert second.nodes[0].teks == "Terwujudnya tata kelola keuangan yang akuntabel"
    assert _tree(cast, page=99).page == 2


def test_export_rows_are_unbounded_and_carry_the_parent(cast, c, monkeypatch):
    monkeypatch.setattr("ekinerja.plans.cascade.tree.TREE_MAX_NODES", 1)
    rows = cascade_rows(actor=cast.actor("eko"), periode=c.periode)
    assert len(rows) == 5
    charlie = next(r for r in rows if r.node.owner.nama == "Charlie Nugroho")
    assert charlie.depth == 2 and charlie.parent_teks == "Layanan Bidang Satu tepat waktu"
    assert charlie.parent_nama == "Bob Santoso"
    gaps = cascade_rows(
        actor=cast.actor("eko"), periode=c.periode, filters=CascadeFilters(gap=GAP_UNSUPPORTED)
    )
    assert [r.node.teks for r in gaps] == ["Terwujudnya tata kelola keuangan yang akuntabel"]
    in_unit = cascade_rows(actor=cast.actor("bob"), periode=c.periode, unit=cast.bidang)
    assert in_unit[0].parent_nama == "Alice Wulandari"


# --- completeness --------------------------------------------------------------------------


def _dina(cast, c, state: str) -> None:
    """Move dina's draft SKP to `state` through the services."""
    if state in ("diajukan", "dikembalikan", "disetujui"):
        workflow.skp_submit(actor=cast.actor("dina"), skp_id=c.dina.pk)
    if state == "dikembalikan":
        workflow.skp_return(actor=cast.actor("bob"), skp_id=c.dina.pk, alasan="Perbaiki IKI.")
    if state == "disetujui":
        workflow.skp_approve(actor=cast.actor("bob"), skp_id=c.dina.pk)
    if state == "none":
        SKP.objects.filter(pk=c.dina.pk).delete()


@pytest.mark.parametrize(
    ("dina", "expected"),
    [
        # dina's state → Dinas Alfa row (alice, bob, charlie approved + dina) and shares
        ("disetujui", {"disetujui": 4}),
        ("draft", {"disetujui": 3, "draft": 1}),
        ("diajukan", {"disetujui": 3, "diajukan": 1}),
        ("dikembalikan", {"disetujui": 3, "dikembalikan": 1}),
        ("none", {"disetujui": 3, "belum": 1}),
    ],
)
def test_completeness_per_opd(cast, dina, expected):
    c = approved_cascade(cast, leave_draft=("dina",))
    if dina == "none":
        RHK.objects.filter(skp=c.dina).delete()
    _dina(cast, c, dina)
    data = completeness(actor=cast.actor("eko"), periode=c.periode)
    rows = {r.label: r for r in data.rows}
    assert list(rows) == ["Dinas Alfa", "BKPSDM", "Di luar OPD / tanpa unit"]
    want = dict.fromkeys(COMPLETENESS_KEYS, 0) | expected
    assert rows["Dinas Alfa"].counts == want
    assert rows["Dinas Alfa"].total == 4
    assert rows["BKPSDM"].counts["belum"] == 1 and rows["BKPSDM"].pct("belum") == 100
    assert rows["Di luar OPD / tanpa unit"].counts["belum"] == 1  # fajar: no unit
    assert data.total.total == 6
    assert data.total.counts["disetujui"] == expected["disetujui"]
    assert rows["Dinas Alfa"].pct("disetujui") == {4: 100, 3: 75}[expected["disetujui"]]
    assert rows["Dinas Alfa"].has_children


def test_completeness_drills_down_with_the_unit_own_staff(cast):
    c = approved_cascade(cast, leave_draft=("dina",))
    data = completeness(actor=cast.actor("alice"), periode=c.periode, unit=cast.dinas)
    rows = {r.label: r for r in data.rows}
    assert list(rows) == ["Bidang Satu", "Langsung di Dinas Alfa"]
    assert rows["Bidang Satu"].counts["disetujui"] == 2 and rows["Bidang Satu"].counts["draft"] == 1
    assert str(rows["Bidang Satu"].pct("disetujui")) == "66.7"
    assert rows["Langsung di Dinas Alfa"].counts["disetujui"] == 1  # alice
    assert data.total.total == 4 and not rows["Bidang Satu"].has_children
    leaf = completeness(actor=cast.actor("bob"), periode=c.periode, unit=cast.bidang)
    assert [r.label for r in leaf.rows] == ["Langsung di Bidang Satu"]
    assert leaf.total.total == 3


def test_completeness_counts_the_version_in_force_and_the_later_position(cast, c):
    workflow.skp_revise(actor=cast.actor("bob"), skp_id=c.bob.pk)  # a v2 draft
    data = completeness(actor=cast.actor("eko"), periode=c.periode, unit=cast.dinas)
    assert data.total.counts["disetujui"] == 4  # bob's approved v1 still holds
    # charlie moves to another position in July: a new draft SKP, the one that counts.
    creation.skp_create(
        actor=cast.actor("eko"),
        pegawai_id=cast.charlie.pk,
        periode_id=c.periode.pk,
        jabatan_id=cast.jab_fungsional.pk,
        tanggal_mulai=dt.date(2026, 7, 1),
        tanggal_selesai=dt.date(2026, 12, 31),
    )
    data = completeness(actor=cast.actor("eko"), periode=c.periode, unit=cast.dinas)
    assert data.total.counts == {"disetujui": 3, "diajukan": 0, "dikembalikan": 0,
                                 "draft": 1, "belum": 0}  # fmt: skip


def test_completeness_sorted_by_lowest_share(cast, c):
    data = completeness(actor=cast.actor("eko"), periode=c.periode)
    rows = completeness_sorted(data, "persen")
    assert rows[0].pct_disetujui == 0 and rows[-1].label == "Dinas Alfa"


# --- team matrix ---------------------------------------------------------------------------


def test_team_matrix_of_a_supervisor(cast, c):
    Pegawai.objects.create(
        instansi=cast.a, nama="Hana Baru", jenis_kelamin="P", status="PNS",
        jabatan=cast.jab_pelaksana, unit=cast.bidang, atasan=cast.bob,
    )  # fmt: skip
    m = team_matrix(actor=cast.actor("bob"), skp=c.bob)
    assert [col.nama for col in m.columns] == ["Charlie Nugroho", "Dina Lestari", "Hana Baru"]
    assert m.columns[2].skp_id is None and m.columns[2].status_label == "Belum ada SKP"
    (row,) = m.rows
    assert [[x.teks for x in cell] for cell in row.cells] == [
        ["Surat masuk teragenda"],
        ["Kajian kebijakan layanan"],
        [],
    ]
    assert row.supporters == 2 and not row.unsupported and not m.any_unlinked
    assert [col.nama for col, _cells in row.contributors] == ["Charlie Nugroho", "Dina Lestari"]
    top = team_matrix(actor=cast.actor("alice"), skp=c.alice)
    assert [col.nama for col in top.columns] == ["Bob Santoso"]
    assert [r.unsupported for r in top.rows] == [False, True] and top.unsupported == 1


def test_team_matrix_shows_links_to_a_replaced_version(cast, c):
    bob = cast.actor("bob")
    v2 = _revise_replacing_the_rhk(cast, c)
    m = team_matrix(actor=bob, skp=SKP.objects.get(pk=v2.pk))
    assert m.rows[0].unsupported
    assert [[x.teks for x in cell] for cell in m.unlinked] == [
        ["Surat masuk teragenda"],
        ["Kajian kebijakan layanan"],
    ]


def test_team_matrix_of_another_agency_is_404(cast, c):
    gita = make_skp(cast, "gita", make_periode(cast, instansi=cast.b), rhk=[("utama", "X", None)])
    with pytest.raises(Http404):
        team_matrix(actor=cast.actor("eko"), skp=gita)


# --- query counts ----------------------------------------------------------------------


def _more_staff(cast, c, n: int) -> None:
    """n more approved staff under bob, each with 3 RHK of 3 IKI (bulk, no services)."""
    parent = c.rhk("bob")
    people = Pegawai.objects.bulk_create(
        Pegawai(
            instansi=cast.a, nama=f"Staf {i:03d}", jenis_kelamin="L", status="PNS",
            nip=f"19900101201501{1 if i % 2 else 2}{i:03d}"[:18], jabatan=cast.jab_pelaksana,
            unit=cast.bidang, atasan=cast.bob,
        )
        for i in range(1, n + 1)
    )  # fmt: skip
    skps = SKP.objects.bulk_create(
        SKP(
            instansi=cast.a, pegawai=p, jabatan=cast.jab_pelaksana, periode=c.periode,
            tanggal_mulai=dt.date(2026, 1, 1), tanggal_selesai=dt.date(2026, 12, 31),
            status="disetujui", penilai=cast.bob, approved_at=timezone.now(),
        )
        for p in people
    )  # fmt: skip
    rhks = RHK.objects.bulk_create(
        RHK(instansi=cast.a, skp=s, jenis="utama", teks=f"RHK {s.pk}-{k}", intervensi=parent)
        for s in skps
        for k in range(3)
    )
    IKI.objects.bulk_create(
        IKI(instansi=cast.a, rhk=r, aspek="kuantitas", indikator="Jumlah", target_jenis="angka",
            target_nilai=1, satuan="dokumen")
        for r in rhks
        for _k in range(3)
    )  # fmt: skip


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_rows(cast, c, django_assert_max_num_queries):
    def run():
        actor = cast.actor("alice")  # a fresh actor: its org scope is computed again
        cascade_tree(actor=actor, periode=c.periode, unit=cast.dinas)
        cascade_rows(actor=actor, periode=c.periode, unit=cast.dinas)
        completeness(actor=actor, periode=c.periode, unit=cast.dinas)
        list(staff_without_approved_skp(actor=actor, periode=c.periode, unit=cast.dinas))
        team_matrix(actor=actor, skp=c.bob)

    before = _count(run)
    _more_staff(cast, c, 40)
    with django_assert_max_num_queries(before):
        run()
    tree = cascade_tree(actor=cast.actor("alice"), periode=c.periode, unit=cast.dinas)
    assert tree.summary.skp == 44 and tree.summary.rhk == 5 + 120
