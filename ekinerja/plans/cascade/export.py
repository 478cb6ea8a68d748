"""The cascade as rows for the XLSX export (`cascade_rows`): every RHK the filter keeps,
in tree order, unbounded, with the text and owner of the RHK it supports."""

from __future__ import annotations

from dataclasses import dataclass

from ekinerja.core.roles import Actor
from ekinerja.org.domain import nama_lengkap
from ekinerja.org.models import UnitKerja

from ..models import RHK, PeriodeKinerja
from ..selectors import skp_superseded_q
from .common import _check, _scoped_skp
from .tree import CascadeFilters, Node, _load, _matcher, _walk


@dataclass
class ExportRow:
    node: Node
    depth: int
    parent_teks: str
    parent_nama: str
    parent_stale: bool


def cascade_rows(
    *,
    actor: Actor | None,
    periode: PeriodeKinerja,
    unit: UnitKerja | None = None,
    filters: CascadeFilters = CascadeFilters(),  # noqa: B008
) -> list[ExportRow]:
    """Every RHK of the cascade that the filter keeps, in tree order, unbounded (for the
    XLSX export): `_load` with IKI counts, every text in one pass, and the RHK above the
    top rows in chunks of 500 ids (a handful of queries, whatever the size)."""
    actor = _check(actor, periode, unit)
    if not filters.shows_tree:
        return []
    forest = _load(actor, periode, unit, counts=True)
    matches = _matcher(forest, filters)
    order = [(pk, d) for pk, d in _walk(forest.children, forest.roots) if matches(pk)]
    if not order:
        return []
    texts = dict(
        RHK.objects.filter(
            instansi_id=actor.instansi_id, skp__in=_scoped_skp(actor, periode, unit).values("pk")
        ).values_list("pk", "teks")
    )
    outside = {forest.parent(pk) for pk, _d in order} - forest.rows.keys() - {None}
    parents: dict[int, tuple[str, str, bool]] = {}
    ids = sorted(i for i in outside if i is not None)
    for start in range(0, len(ids), 500):  # a bounded IN list per query
        chunk = ids[start : start + 500]
        for pk, teks, gd, nama, gb, stale in (
            RHK.objects.filter(instansi_id=actor.instansi_id, pk__in=chunk)
            .annotate(stale=skp_superseded_q("skp__"))
            .values_list(
                "pk",
                "teks",
                "skp__pegawai__gelar_depan",
                "skp__pegawai__nama",
                "skp__pegawai__gelar_belakang",
                "stale",
            )  # fmt: skip
        ):
            parents[pk] = (teks, nama_lengkap(gd, nama, gb), bool(stale))
    out = []
    for pk, d in order:
        node = forest.node(pk)
        node.teks = texts.get(pk, "")
        pid = node.parent_id
        if pid is None:
            ptext, pnama, stale = "", "", False
        elif pid in forest:
            ptext, pnama, stale = texts.get(pid, ""), forest.owner(pid).nama, False
        else:
            ptext, pnama, stale = parents.get(pid, ("", "", False))
        out.append(ExportRow(node, d, ptext, pnama, stale))
    return out
