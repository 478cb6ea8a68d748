"""The cascade tree with its gaps (`cascade_tree`): the forest of RHK in scope loaded
in flat queries, walked, filtered and drawn a page at a time. Its unbounded rows for the
XLSX export are in `export`, the staff without an approved SKP in `staff`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import MemberActor
from ekinerja.core.nip import normalize_nip
from ekinerja.core.roles import Actor
from ekinerja.org.domain import nama_lengkap
from ekinerja.org.models import Pegawai, UnitKerja

from .. import domain
from ..models import IKI, RHK, SKP, PeriodeKinerja
from ..selectors import skp_in_force_q, skp_superseded_q
from .common import (
    GAP_ANY,
    GAP_NO_IKI,
    GAP_NO_SKP,
    GAP_UNSUPPORTED,
    _check,
    _scoped_skp,
    gap_label,
    status_css,
    status_label,
)

TREE_MAX_NODES = 400  # RHK drawn at once; deeper levels open from their parent (?root=)
TREE_MAX_MATCHES = 200  # with a filter: matching RHK drawn (with their ancestors)
ROOTS_PER_PAGE = 50  # top RHK per page of the tree
OPEN_DEPTH = 2  # levels shown open when the page loads

# --- the cascade tree ------------------------------------------------------------------


@dataclass(slots=True)
class Owner:
    """The SKP an RHK belongs to, and its owner."""

    skp_id: int
    pegawai_id: int
    nama: str
    nip: str
    jabatan: str
    unit: str
    unit_path: str
    status: str
    versi: int
    punya_bawahan: bool
    revisi: str  # status of a revision not approved yet, "" if none
    key: tuple = ()  # sort order: unit, name, SKP

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def status_css(self) -> str:
        return status_css(self.status)

    @property
    def revisi_label(self) -> str:
        return status_label(self.revisi) if self.revisi else ""


@dataclass
class ParentRef:
    """The RHK above a drawn top node when it is not in the tree: outside the unit, or in
    a version that a newer approved version replaced (`stale`)."""

    rhk_id: int
    teks: str
    nama: str
    stale: bool


@dataclass(slots=True)
class Node:
    rhk_id: int
    parent_id: int | None
    jenis: str
    urutan: int
    n_iki: int
    didukung: bool
    owner: Owner
    gaps: tuple[str, ...] = ()
    children: list[int] | tuple[()] = ()  # a list once the node has one (few nodes do)
    teks: str = ""
    # drawing
    depth: int = 0
    has_children: bool = False
    hidden_children: int = 0
    closes: range = range(0)
    open: bool = False
    match: bool = False
    parent_ref: ParentRef | None = None

    @property
    def jenis_label(self) -> str:
        return str(RHK.Jenis(self.jenis).label)

    @property
    def gap_labels(self) -> list[str]:
        return [gap_label(g) for g in self.gaps]


@dataclass(frozen=True)
class CascadeFilters:
    gap: str = ""  # "", or one of GAP_CHOICES
    status: str = ""  # "", or an SKP status
    q: str = ""  # owner name (contains) or NIP (prefix)

    @property
    def active(self) -> bool:
        return bool(self.gap or self.status or self.q.strip())

    @property
    def shows_tree(self) -> bool:
        return self.gap != GAP_NO_SKP

    @property
    def shows_staff(self) -> bool:
        return self.gap in ("", GAP_ANY, GAP_NO_SKP)


@dataclass
class Summary:
    skp: int = 0
    rhk: int = 0
    unsupported: int = 0
    no_iki: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def status_items(self) -> list[tuple[str, int, str]]:
        """(label, count, badge colour) of the statuses present, approved first."""
        order = (domain.DISETUJUI, domain.DIAJUKAN, domain.DIKEMBALIKAN, domain.DRAFT)
        return [
            (status_label(k), self.by_status[k], status_css(k))
            for k in order
            if self.by_status.get(k)
        ]


class Forest:
    """The RHK in scope as flat rows (pk → skp, parent, jenis, urutan) with their
    children and top nodes; a `Node` is made only for an RHK that is drawn or exported
    (27,000 staff have ~135,000 RHK; a page draws at most TREE_MAX_NODES)."""

    def __init__(
        self,
        owners: dict[int, Owner],
        rows: dict[int, tuple[int, int | None, str, int]],
        iki: dict[int, int] | None,
        no_iki: set[int],
        supported: set[int],
    ) -> None:
        self.owners, self.rows, self.iki, self.no_iki = owners, rows, iki, no_iki
        self.supported = supported
        self.children: dict[int, list[int]] = {}
        self.roots: list[int] = []
        self._nodes: dict[int, Node] = {}
        # A supervisor's RHK needs support once their SKP is approved (PermenPANRB 6/2022
        # Pasal 5: every subordinate RHK intervenes in one of the supervisor's).
        self.needs_support = {
            o.skp_id for o in owners.values() if o.status == domain.DISETUJUI and o.punya_bawahan
        }
        for pk, (_skp, parent, _jenis, _urutan) in rows.items():
            if parent is not None and parent in rows:
                self.children.setdefault(parent, []).append(pk)
            else:
                self.roots.append(pk)
        for kids in self.children.values():
            if len(kids) > 1:
                kids.sort(key=self.key)
        self.roots.sort(key=self.key)

    def __contains__(self, pk: object) -> bool:
        return pk in self.rows

    def key(self, pk: int) -> tuple:
        skp_id, _parent, jenis, urutan = self.rows[pk]
        return (*self.owners[skp_id].key, jenis != domain.RHK_UTAMA, urutan, pk)

    def parent(self, pk: int) -> int | None:
        return self.rows[pk][1]

    def owner(self, pk: int) -> Owner:
        return self.owners[self.rows[pk][0]]

    def n_iki(self, pk: int) -> int:
        return self.iki.get(pk, 0) if self.iki is not None else int(pk not in self.no_iki)

    def gaps(self, pk: int) -> tuple[str, ...]:
        unsupported = self.rows[pk][0] in self.needs_support and pk not in self.supported
        no_iki = not self.n_iki(pk)
        if unsupported:
            return (GAP_UNSUPPORTED, GAP_NO_IKI) if no_iki else (GAP_UNSUPPORTED,)
        return (GAP_NO_IKI,) if no_iki else ()

    def node(self, pk: int) -> Node:
        found = self._nodes.get(pk)
        if found is None:
            skp_id, parent, jenis, urutan = self.rows[pk]
            found = self._nodes[pk] = Node(
                rhk_id=pk, parent_id=parent, jenis=jenis, urutan=urutan, n_iki=self.n_iki(pk),
                didukung=pk in self.supported, owner=self.owners[skp_id], gaps=self.gaps(pk),
                children=self.children.get(pk, ()),
            )  # fmt: skip
        return found

    def summary(self) -> Summary:
        summary = Summary(by_status=dict.fromkeys(domain.STATUSES, 0))
        for o in self.owners.values():
            summary.by_status[o.status] = summary.by_status.get(o.status, 0) + 1
        summary.skp, summary.rhk = len(self.owners), len(self.rows)
        for pk, (skp_id, _p, _j, _u) in self.rows.items():
            if skp_id in self.needs_support and pk not in self.supported:
                summary.unsupported += 1
        if self.iki is None:
            summary.no_iki = len(self.no_iki & self.rows.keys())
        else:
            summary.no_iki = sum(1 for pk in self.rows if not self.iki.get(pk))
        return summary


@dataclass
class CascadeTree:
    nodes: list[Node]
    parents: dict[int, ParentRef]
    summary: Summary
    roots_total: int
    page: int
    pages: int
    root: Node | None = None
    trail: list[Node] = field(default_factory=list)
    truncated: bool = False
    filtered: bool = False


def _load(
    actor: MemberActor, periode: PeriodeKinerja, unit: UnitKerja | None, *, counts: bool = False
) -> Forest:
    """The SKP in force in scope and their RHK, assembled into a forest: an RHK is a top
    node when it intervenes in none or in one that is not in scope.

    Six flat queries, none correlated per row (a per-row subplan makes PostgreSQL's
    estimate huge, which on a 27,000-staff instansi also sets off JIT compilation): SKP
    rows, who has subordinates, pending revisions, RHK rows, IKI counts per RHK, and the
    RHK in scope that some RHK in force supports (from inside or outside the scope)."""
    iid = actor.instansi_id
    skp_qs = _scoped_skp(actor, periode, unit)
    skp_ids = skp_qs.order_by().values("pk")
    rows = skp_qs.order_by().values_list(
        "pk", "pegawai_id", "pegawai__gelar_depan", "pegawai__nama", "pegawai__gelar_belakang",
        "pegawai__nip", "jabatan__nama", "jabatan__unit__nama", "pegawai__unit__path", "status",
        "versi",
    )  # fmt: skip
    supervisors = set(
        Pegawai.objects.filter(
            instansi_id=iid, aktif=True, atasan_id__in=skp_qs.order_by().values("pegawai_id")
        )
        .order_by()
        .values_list("atasan_id", flat=True)
        .distinct()
    )
    pending = dict(
        SKP.objects.filter(instansi_id=iid, sebelumnya_id__in=skp_ids)
        .exclude(status=domain.DISETUJUI)
        .order_by()
        .values_list("sebelumnya_id", "status")
    )
    owners: dict[int, Owner] = {}
    for pk, pid, gd, nama, gb, nip, jab, unama, upath, st, versi in rows:
        owners[pk] = Owner(
            skp_id=pk, pegawai_id=pid, nama=nama_lengkap(gd, nama, gb), nip=nip or "",
            jabatan=jab or "", unit=unama or "", unit_path=upath or "", status=st, versi=versi,
            punya_bawahan=pid in supervisors, revisi=pending.get(pk, ""),
            key=(upath or "", nama, pk),
        )  # fmt: skip
    rhk_rows = (
        RHK.objects.filter(instansi_id=iid, skp__in=skp_ids)
        .order_by()
        .values_list("pk", "skp_id", "intervensi_id", "jenis", "urutan")
    )
    # Which RHK of the periode in scope have no IKI (an anti-join that reads the IKI
    # index only); with `counts` (the export), the number of IKI of every RHK instead.
    # The tree counts the IKI of the RHK it draws only (_fill_texts).
    rhk_scope = Q(skp__periode_id=periode.pk)
    if unit is not None:
        rhk_scope &= Q(skp__pegawai__unit__path__startswith=unit.path)
    iki: dict[int, int] | None = None
    no_iki: set[int] = set()
    if counts:
        iki = dict(
            IKI.objects.filter(instansi_id=iid, rhk__in=RHK.objects.filter(rhk_scope).values("pk"))
            .order_by()
            .values_list("rhk_id")
            .annotate(n=Count("pk"))
        )
    else:
        # By rhk_id alone (the RHK is already the instansi's): the FK index answers it.
        has_iki = IKI.objects.filter(rhk_id=OuterRef("pk"))
        no_iki = set(
            RHK.objects.filter(rhk_scope, instansi_id=iid)
            .exclude(Exists(has_iki))
            .order_by()
            .values_list("pk", flat=True)
        )
    # Supporters in force of any RHK whose owner is in scope; intersected with the
    # forest's RHK below, so the parent's own version need not be checked in SQL.
    parent_scope = Q(intervensi__skp__periode_id=periode.pk)
    if unit is not None:
        parent_scope &= Q(intervensi__skp__pegawai__unit__path__startswith=unit.path)
    supported = set(
        RHK.objects.filter(parent_scope, instansi_id=iid)
        .filter(skp_in_force_q("skp__"))
        .order_by()
        .values_list("intervensi_id", flat=True)
        .distinct()
    )
    rows_by_pk: dict[int, tuple[int, int | None, str, int]] = {
        pk: (skp_id, parent, jenis, urutan)
        for pk, skp_id, parent, jenis, urutan in rhk_rows
        if skp_id in owners
    }
    return Forest(owners, rows_by_pk, iki, no_iki, supported)


def _walk(
    children: dict[int, list[int]], roots: Iterable[int], max_depth: int | None = None
) -> Iterator[tuple[int, int]]:
    """(rhk id, depth below its root) in tree order, down to `max_depth` (None: all);
    safe against a loop in bad data."""
    seen: set[int] = set()
    stack = [(r, 0) for r in reversed(list(roots))]
    while stack:
        pk, depth = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        yield pk, depth
        kids = children.get(pk)
        if kids and (max_depth is None or depth < max_depth):
            stack.extend((c, depth + 1) for c in reversed(kids))


def _levels_that_fit(children: dict[int, list[int]], roots: list[int], limit: int) -> int:
    """The deepest level below `roots` such that every node down to it fits in `limit`
    (the top level always shows; as org.selectors.depth_cutoff), counted breadth-first
    and stopping at the first level that would not fit: a page under a large unit does
    not visit the ~100,000 RHK below the levels it draws."""
    seen: set[int] = set(roots)
    level = list(seen)
    total, depth = len(level), 0
    while level:
        below = [c for pk in level for c in children.get(pk, ()) if c not in seen]
        if not below or total + len(below) > limit:
            break
        seen.update(below)
        total += len(below)
        depth += 1
        level = below
    return depth


def _matcher(forest: Forest, filters: CascadeFilters) -> Callable[[int], bool]:
    needle = filters.q.strip().lower()
    digits = normalize_nip(needle) if needle else ""
    by_nip = bool(digits) and digits.isdigit()

    def matches(pk: int) -> bool:
        owner = forest.owner(pk)
        if filters.status and owner.status != filters.status:
            return False
        if filters.gap:
            gaps = forest.gaps(pk)
            if filters.gap == GAP_ANY and not gaps:
                return False
            if filters.gap in (GAP_UNSUPPORTED, GAP_NO_IKI) and filters.gap not in gaps:
                return False
        if needle:
            if by_nip:
                return owner.nip.startswith(digits)
            return needle in owner.nama.lower()
        return True

    return matches


def cascade_tree(
    *,
    actor: Actor | None,
    periode: PeriodeKinerja,
    unit: UnitKerja | None = None,
    filters: CascadeFilters = CascadeFilters(),  # noqa: B008 - frozen, shared safely
    root_id: int | None = None,
    page: int = 1,
) -> CascadeTree:
    """The cascade of the instansi (unit None) or of a unit's subtree for a periode, as a
    flat list in tree order that a template nests (like org's unit tree).

    Bounded whatever the size: top RHK are paged (ROOTS_PER_PAGE); under them, the
    levels that fit in TREE_MAX_NODES are drawn, and a node on the last drawn level says
    how many RHK support it and links to `root_id` (its own subtree). With a filter, the
    matching RHK (at most TREE_MAX_MATCHES) are drawn with their ancestors. Seven queries
    after the access check: the six of `_load`, then the texts and IKI counts of what is
    drawn."""
    actor = _check(actor, periode, unit)
    forest = _load(actor, periode, unit)
    root = None
    trail: list[Node] = []
    roots = forest.roots
    if root_id is not None:
        if root_id not in forest:
            raise Http404(_("RHK tidak ditemukan dalam kaskade ini."))
        root = forest.node(root_id)
        roots = [root_id]
        up = root.parent_id
        while up is not None and up in forest and len(trail) < 50:
            trail.append(forest.node(up))
            up = forest.parent(up)
        trail.reverse()
    matched: set[int] = set()
    keep: set[int] | None = None
    truncated = False
    if filters.active and filters.shows_tree:
        matches = _matcher(forest, filters)
        keep = set()
        for pk, _depth in _walk(forest.children, roots):
            if matches(pk):
                if len(matched) == TREE_MAX_MATCHES:
                    truncated = True
                    break
                matched.add(pk)
                up_id: int | None = pk
                while up_id is not None and up_id in forest and up_id not in keep:
                    keep.add(up_id)
                    up_id = forest.parent(up_id) if up_id != root_id else None
        roots = [r for r in roots if r in keep]
    elif not filters.shows_tree:
        roots = []
    pages = max(1, -(-len(roots) // ROOTS_PER_PAGE))
    page = min(max(1, page), pages)
    page_roots = roots[(page - 1) * ROOTS_PER_PAGE : page * ROOTS_PER_PAGE]
    cutoff = None
    if keep is None:
        # Only the levels that fit in TREE_MAX_NODES are visited (breadth-first count).
        cutoff = _levels_that_fit(forest.children, page_roots, TREE_MAX_NODES)
        order = list(_walk(forest.children, page_roots, cutoff))
    else:
        order = [(pk, d) for pk, d in _walk(forest.children, page_roots) if pk in keep]
    drawn: list[Node] = []
    for pk, d in order:
        node = forest.node(pk)
        node.depth = d
        node.match = pk in matched
        node.open = keep is not None or root is not None or d < OPEN_DEPTH
        if cutoff is not None and d == cutoff:
            node.hidden_children = len(node.children)
        elif keep is not None:
            node.hidden_children = sum(1 for c in node.children if c not in keep)
        drawn.append(node)
    for i, node in enumerate(drawn):
        nxt = drawn[i + 1].depth if i + 1 < len(drawn) else 0
        node.has_children = nxt > node.depth
        node.closes = range(0 if node.has_children else max(0, node.depth - nxt))
    outside = {
        n.parent_id for n in drawn if n.depth == 0 and n.parent_id and n.parent_id not in forest
    }
    parents = _fill_texts(actor, [*drawn, *trail], outside)
    return CascadeTree(
        nodes=drawn, parents=parents, summary=forest.summary(), roots_total=len(roots),
        page=page, pages=pages, root=root, trail=trail, truncated=truncated,
        filtered=filters.active,
    )  # fmt: skip


def _fill_texts(actor: MemberActor, drawn: list[Node], outside: set[int]) -> dict[int, ParentRef]:
    """One query: the texts of the drawn RHK, and the RHK above the top nodes that are
    not in the tree (with their owner and whether their version was replaced)."""
    ids = {n.rhk_id for n in drawn} | outside
    if not ids:
        return {}
    n_iki = IKI.objects.filter(instansi_id=OuterRef("instansi_id"), rhk_id=OuterRef("pk"))
    rows = (
        RHK.objects.filter(instansi_id=actor.instansi_id, pk__in=ids)
        .annotate(
            stale=skp_superseded_q("skp__"),
            n_iki=Subquery(
                n_iki.order_by().values("rhk_id").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
        )
        .order_by()
        .values_list(
            "pk",
            "teks",
            "skp__pegawai__gelar_depan",
            "skp__pegawai__nama",
            "skp__pegawai__gelar_belakang",
            "stale",
            "n_iki",
        )
    )
    texts: dict[int, tuple[str, int]] = {}
    parents: dict[int, ParentRef] = {}
    for pk, teks, gd, nama, gb, stale, count in rows:
        texts[pk] = (teks, count or 0)
        if pk in outside:
            parents[pk] = ParentRef(pk, teks, nama_lengkap(gd, nama, gb), bool(stale))
    for n in drawn:
        n.teks, n.n_iki = texts.get(n.rhk_id, ("", 0))
        if n.parent_id in parents:
            n.parent_ref = parents[n.parent_id]
    return parents
