"""Scoped reads behind the org pages: tree, lists with filters, supervisor chain, totals."""

from __future__ import annotations

import datetime as dt

import pytest

from ekinerja.org import access, selectors
from ekinerja.org.models import Jabatan, Pegawai, RiwayatJabatan
from ekinerja.org.services.riwayat import pegawai_assign_jabatan, riwayat_end

pytestmark = pytest.mark.django_db


def _names(qs) -> list[str]:
    return [p.nama for p in qs]


def test_unit_tree_counts_heads_and_nesting(cast):
    nodes = selectors.unit_tree(actor=cast.actor("charlie")).nodes
    by_kode = {n.unit.kode: n for n in nodes}
    assert [n.unit.kode for n in nodes] == ["PEMKAB", "DINAS", "BIDANG1", "BKPSDM"]
    assert by_kode["BIDANG1"].staff == 3  # bob, charlie, dina
    assert by_kode["DINAS"].staff == 1 and by_kode["DINAS"].staff_total == 4
    assert by_kode["PEMKAB"].staff_total == 5  # fajar has no unit
    dinas_head, bidang_head = by_kode["DINAS"].head, by_kode["BIDANG1"].head
    assert dinas_head is not None and dinas_head.nama == "Alice Wulandari"
    assert bidang_head is not None and bidang_head.nama == "Bob Santoso"
    assert by_kode["BKPSDM"].head is None and by_kode["BKPSDM"].head_jabatan == ""
    # <details> nesting: every opened level is closed exactly once.
    opened = sum(1 for n in nodes if n.has_children)
    closed = sum(len(n.closes) for n in nodes)
    assert opened == closed == 2


def test_unit_tree_shows_plt_when_head_is_vacant(cast):
    admin = cast.actor("eko")
    rid = RiwayatJabatan.objects.get(pegawai=cast.bob).pk
    riwayat_end(
        actor=admin, riwayat=RiwayatJabatan.objects.get(pk=rid), tmt_selesai=dt.date(2025, 1, 31)
    )
    pegawai_assign_jabatan(
        actor=admin, pegawai=cast.dina, jabatan=cast.jab_kabid, jenis="plt",
        tmt_mulai=dt.date(2025, 2, 1),
    )  # fmt: skip
    node = next(n for n in selectors.unit_tree(actor=admin).nodes if n.unit.kode == "BIDANG1")
    assert node.head is not None
    assert node.head.nama == "Dina Lestari" and node.head.jenis == "plt"
    assert str(node.head.jenis_label).startswith("Pelaksana Tugas")


def test_unit_tree_search_keeps_ancestors(cast):
    nodes = selectors.unit_tree(actor=cast.actor("eko"), q="bidang").nodes
    assert [n.unit.kode for n in nodes] == ["PEMKAB", "DINAS", "BIDANG1"]
    assert [n.match for n in nodes] == [False, False, True]
    assert all(n.open for n in nodes)
    assert selectors.unit_tree(actor=cast.actor("eko"), q="tidak-ada").nodes == []


def test_pegawai_list_scoped_and_filtered(cast):
    def names(who, **kw):
        return _names(selectors.pegawai_list(scope=access.org_scope(cast.actor(who)), **kw))

    assert names("bob") == ["Bob Santoso", "Charlie Nugroho", "Dina Lestari"]
    assert "Eko Prasetyo" not in names("alice")
    assert len(names("eko")) == 6
    assert names("eko", q="nugro") == ["Charlie Nugroho"]
    assert names("eko", q="19900520 2015") == ["Charlie Nugroho"]  # NIP prefix, spaces
    assert names("eko", unit=cast.dinas) == ["Alice Wulandari", "Bob Santoso",
                                             "Charlie Nugroho", "Dina Lestari"]  # fmt: skip
    assert names("eko", jenis="fungsional") == ["Dina Lestari"]
    assert names("eko", golongan="IV/a") == ["Bob Santoso"]
    assert names("eko", status="PPPK") == []
    assert names("bob", bawahan=True) == ["Charlie Nugroho", "Dina Lestari"]
    Pegawai.objects.filter(pk=cast.dina.pk).update(aktif=False)
    assert "Dina Lestari" not in names("eko")
    assert "Dina Lestari" in names("eko", include_inactive=True)


def test_supervisor_chain_to_the_top(cast):
    assert [p.nama for p in selectors.supervisor_chain(pegawai=cast.charlie)] == [
        "Bob Santoso",
        "Alice Wulandari",
    ]
    assert selectors.supervisor_chain(pegawai=cast.alice) == []


def test_supervisor_chain_is_bounded_and_stops_at_cycles(cast, django_assert_max_num_queries):
    # A 15-deep chain of bulk-created people: the chain shows 12 with at most 4 queries.
    base = Pegawai.objects.create(
        instansi=cast.a, nama="P0", jenis_kelamin="L", status="NON_ASN"
    )  # fmt: skip
    prev = base
    people = [base]
    for i in range(1, 16):
        p = Pegawai.objects.create(
            instansi=cast.a, nama=f"P{i}", jenis_kelamin="L", status="NON_ASN"
        )  # fmt: skip
        Pegawai.objects.filter(pk=prev.pk).update(atasan=p)
        prev = p
        people.append(p)
    with django_assert_max_num_queries(4):
        chain = selectors.supervisor_chain(pegawai=base)
    assert [p.nama for p in chain] == [f"P{i}" for i in range(1, 13)]
    # Bad data: a cycle P1 → P2 → P1 stops instead of looping.
    Pegawai.objects.filter(pk=people[2].pk).update(atasan=people[1])
    assert [p.nama for p in selectors.supervisor_chain(pegawai=base)] == ["P1", "P2"]


def test_jabatan_list_with_holders(cast):
    rows = list(selectors.jabatan_list(actor=cast.actor("charlie"), unit=cast.bidang))
    assert [j.kode for j in rows] == ["J-KABID", "J-ANALIS", "J-PELAKSANA"]
    assert [h.pegawai.nama for h in rows[0].holders] == ["Bob Santoso"]
    assert [j.kode for j in selectors.jabatan_list(actor=cast.actor("eko"), q="analis")] == [
        "J-ANALIS"
    ]
    assert all(
        j.jenis == "pelaksana"
        for j in selectors.jabatan_list(actor=cast.actor("eko"), jenis="pelaksana")
    )


def test_instansi_totals(cast):
    Jabatan.objects.create(
        instansi=cast.a, unit=cast.bkpsdm, kode="J-KABAN", nama="Kepala BKPSDM",
        jenis="jpt_pratama", is_head=True,
    )  # fmt: skip
    t = selectors.instansi_totals(actor=cast.actor("eko"))
    assert (t.units, t.jabatan, t.pegawai) == (4, 6, 6)
    assert t.by_status == [("PNS", 6)]
    assert t.vacant_heads == 1 and t.vacant_head_list[0].kode == "J-KABAN"
    assert t.without_jabatan == 1  # fajar


def test_unit_choices_indent_and_scope(cast):
    all_units = selectors.unit_choices(instansi_id=cast.a.pk)
    assert [label.strip("\u2003") for _pk, label in all_units] == [
        "Pemerintah Kabupaten Alfa", "Dinas Alfa", "Bidang Satu", "BKPSDM",
    ]  # fmt: skip
    assert all_units[2][1].startswith("\u2003\u2003")
    only = selectors.unit_choices(instansi_id=cast.a.pk, paths=[cast.dinas.path])
    assert [label.strip("\u2003") for _pk, label in only] == ["Dinas Alfa", "Bidang Satu"]
    assert not only[0][1].startswith("\u2003")


def test_instansi_list_has_counts_only(cast):
    rows = {i.kode: i for i in selectors.instansi_list()}
    assert rows["KAB-ALFA"].n_pegawai == 6 and rows["KAB-ALFA"].n_admin == 1
    assert rows["KOTA-BETA"].n_pegawai == 1 and rows["KOTA-BETA"].n_unit == 1


def test_filter_unit_choices_stay_bounded_but_keep_the_chosen_unit(cast):
    """A province has ~20,000 units; a list filter lists only the top levels that fit."""
    from ekinerja.org.domain import unit_path
    from ekinerja.org.models import UnitKerja
    from ekinerja.org.selectors import unit_choices

    deep = []
    for i in range(30):
        u = UnitKerja.objects.create(
            instansi=cast.a, kode=f"SD{i}", nama=f"SD Negeri {i}", parent=cast.bidang
        )
        u.path, u.depth = unit_path(cast.bidang.path, u.pk), cast.bidang.depth + 1
        u.save(update_fields=["path", "depth"])
        deep.append(u)
    everything = unit_choices(instansi_id=cast.a.pk)
    assert len(everything) == 34
    bounded = unit_choices(instansi_id=cast.a.pk, limit=10, include=[deep[7].pk])
    ids = [pk for pk, _label in bounded]
    assert len(ids) == 5  # root, two OPD, the bidang, and the chosen school
    assert deep[7].pk in ids and deep[8].pk not in ids


def test_staff_list_accepts_a_unit_deeper_than_the_filter_lists(login, cast):
    response = login("eko").get(f"/org/pegawai/?unit={cast.bidang.pk}")
    assert response.status_code == 200
    assert "Charlie Nugroho" in response.content.decode()


def test_unit_tree_draws_a_bounded_number_of_units(cast, monkeypatch):
    """A province has ~20,000 units: the tree draws the top levels that fit and says how
    many sub-units wait behind each unit on the last drawn level."""
    from ekinerja.org.domain import unit_path
    from ekinerja.org.models import UnitKerja

    for i in range(30):
        u = UnitKerja.objects.create(
            instansi=cast.a, kode=f"SD{i}", nama=f"SD Negeri {i}", parent=cast.bidang
        )
        u.path, u.depth = unit_path(cast.bidang.path, u.pk), cast.bidang.depth + 1
        u.save(update_fields=["path", "depth"])
    monkeypatch.setattr(selectors, "TREE_MAX_NODES", 10)
    tree = selectors.unit_tree(actor=cast.actor("eko"))
    assert [n.unit.kode for n in tree.nodes] == ["PEMKAB", "DINAS", "BIDANG1", "BKPSDM"]
    bidang = next(n for n in tree.nodes if n.unit.kode == "BIDANG1")
    assert bidang.hidden_children == 30
    # the bidang's own tree: only itself while 31 units do not fit, all of them when they do
    sub = selectors.unit_tree(actor=cast.actor("eko"), root=cast.bidang)
    assert [n.unit for n in sub.nodes] == [cast.bidang]
    monkeypatch.setattr(selectors, "TREE_MAX_NODES", 40)
    sub = selectors.unit_tree(actor=cast.actor("eko"), root=cast.bidang)
    assert len(sub.nodes) == 31 and sub.nodes[0].unit == cast.bidang
    assert sub.nodes[0].hidden_children == 0


def test_unit_tree_search_is_capped(cast, monkeypatch):
    monkeypatch.setattr(selectors, "TREE_MAX_MATCHES", 1)
    tree = selectors.unit_tree(actor=cast.actor("eko"), q="a")
    assert tree.truncated


def test_unit_tree_page_links_to_deeper_levels(login, cast, monkeypatch):
    monkeypatch.setattr(selectors, "TREE_MAX_NODES", 3)
    body = login("bob").get("/org/unit/").content.decode()
    assert f"?root={cast.dinas.pk}" in body
    body = login("bob").get(f"/org/unit/?root={cast.dinas.pk}").content.decode()
    assert "Bidang Satu" in body and "Seluruh struktur" in body
    assert login("gita").get(f"/org/unit/?root={cast.dinas.pk}").status_code == 404
