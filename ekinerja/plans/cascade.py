"""Reads for the planning reports: the cascade tree with its gaps, SKP completeness per
unit, and the team matrix (Matriks Peran Hasil). Reads only.

Every function takes the actor and checks the reporting right itself
(`require_report_access`), so the pages and the benchmark call the same plain functions
(`cascade_tree(actor=, periode=, unit=)`, `completeness(...)`, `team_matrix(...)`).

Which SKP count (PermenPANRB 6/2022 Pasal 5; spec rules §8): for each chain of versions
(SKP.sebelumnya) the one in force, "approved-or-latest": a version is left out once a
newer version of it is approved, and a revision that is not approved yet is left out while
the approved version it revises is still in force (`current_skp`).

Query budget: the tree is built in Python from a fixed number of flat queries (SKP rows,
RHK structure, the texts of what is drawn); completeness is one grouped query; whatever
the size of the instansi, the number of queries does not grow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.numbers import round_half_up
from ekinerja.core.roles import Actor
from ekinerja.org.access import OrgScope, org_scope, require_instansi
from ekinerja.org.domain import nama_lengkap, normalize_nip
from ekinerja.org.models import Pegawai, UnitKerja
from ekinerja.org.selectors import depth_cutoff

from . import domain
from .models import IKI, RHK, SKP, PeriodeKinerja

TREE_MAX_NODES = 400  # RHK drawn at once; deeper levels open from their parent (?root=)
TREE_MAX_MATCHES = 200  # with a filter: matching RHK drawn (with their ancestors)
ROOTS_PER_PAGE = 50  # top RHK per page of the tree
OPEN_DEPTH = 2  # levels shown open when the page loads

GAP_ANY = "celah"
GAP_UNSUPPORTED = "tanpa_dukungan"
GAP_NO_IKI = "tanpa_iki"
GAP_NO_SKP = "tanpa_skp"
GAP_CHOICES = (GAP_ANY, GAP_UNSUPPORTED, GAP_NO_IKI, GAP_NO_SKP)

# Completeness columns, in the order a regional head reads them. A returned SKP is
# counted on its own (not with the drafts): it waits for the pegawai's correction.
MISSING = "belum"
COMPLETENESS_KEYS = (domain.DISETUJUI, domain.DIAJUKAN, domain.DIKEMBALIKAN, domain.DRAFT, MISSING)


def gap_label(kind: str) -> str:
    return {
        GAP_ANY: _("Semua celah"),
        GAP_UNSUPPORTED: _("RHK atasan tanpa dukungan bawahan"),
        GAP_NO_IKI: _("RHK tanpa IKI"),
        GAP_NO_SKP: _("Pegawai tanpa SKP disetujui"),
    }.get(kind, "")


def status_label(status: str | None) -> str:
    if not status:
        return _("Belum ada SKP")
    return str(SKP.Status(status).label)


STATUS_CSS = {
    domain.DISETUJUI: "success",
    domain.DIAJUKAN: "primary",
    domain.DIKEMBALIKAN: "warning",
    domain.DRAFT: "secondary",
}


def status_css(status: str | None) -> str:
    """The Bootstrap colour of a status badge (missing: danger)."""
    return STATUS_CSS.get(status or "", "danger")


# --- who may see the reports -----------------------------------------------------------


def require_report_access(actor: Actor | None, unit: UnitKerja | None) -> OrgScope:
    """The whole instansi: Admin Instansi, Auditor, an instansi-wide Pimpinan. A unit
    subtree: also its heads and the pimpinan and pengelola of the unit or of a unit above
    it (org.access.OrgScope.unit_paths). Anyone else: 403; another agency's unit: 404."""
    actor = require_instansi(actor)
    if unit is not None and unit.instansi_id != actor.instansi_id:
        raise Http404(_("Unit kerja tidak ditemukan."))
    scope = org_scope(actor)
    if scope.whole_instansi:
        return scope
    if unit is not None and any(unit.path.startswith(p) for p in scope.unit_paths):
        return scope
    if unit is None and scope.unit_paths:
        raise PermissionDenied(_("Pilih unit kerja yang Anda pimpin atau kelola."))
    raise PermissionDenied(
        _(
            "Laporan kaskade dan kelengkapan SKP hanya untuk pimpinan unit, pengelola "
            "kinerja, Admin Instansi, dan Auditor."
        )
    )


def report_unit(*, actor: Actor | None, unit_id: int | None) -> UnitKerja | None:
    """The unit a report is about: the one asked for (checked), else the whole instansi
    for those who read it all, else the top unit the actor leads or manages."""
    actor = require_instansi(actor)
    if unit_id is not None:
        unit = UnitKerja.objects.filter(instansi_id=actor.instansi_id, pk=unit_id).first()
        if unit is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        require_report_access(actor, unit)
        return unit
    scope = org_scope(actor)
    if scope.whole_instansi:
        return None
    if scope.unit_paths:
        unit = UnitKerja.objects.filter(
            instansi_id=actor.instansi_id, path=scope.unit_paths[0]
        ).first()
        if unit is not None:
            return unit
    require_report_access(actor, None)  # raises the 403 that says who may
    return None  # pragma: no cover


def _check(actor: Actor | None, periode: PeriodeKinerja, unit: UnitKerja | None) -> Actor:
    scope = require_report_access(actor, unit)
    if periode.instansi_id != scope.actor.instansi_id:
        raise Http404(_("Periode tidak ditemukan."))
    return scope.actor


# --- which SKP are in force ------------------------------------------------------------


def _approved_successor(ref: str) -> Exists:
    return Exists(
        SKP.objects.filter(
            instansi_id=OuterRef("instansi_id"),
            sebelumnya_id=OuterRef(ref),
            status=domain.DISETUJUI,
        )
    )


def current_skp(qs: QuerySet[SKP]) -> QuerySet[SKP]:
    """The version of each SKP chain in force: approved-or-latest (module docstring)."""
    return qs.filter(Q(status=domain.DISETUJUI) | Q(sebelumnya__isnull=True)).exclude(
        _approved_successor("pk")
    )


def _current_rhk(qs: QuerySet[RHK]) -> QuerySet[RHK]:
    return qs.filter(Q(skp__status=domain.DISETUJUI) | Q(skp__sebelumnya__isnull=True)).exclude(
        _approved_successor("skp_id")
    )


def _scoped_skp(actor: Actor, periode: PeriodeKinerja, unit: UnitKerja | None) -> QuerySet[SKP]:
    """SKP of the periode whose pegawai is in the unit's subtree (by the pegawai's unit, as
    access.can_read_skp reads it), versions in force only."""
    qs = SKP.objects.filter(instansi_id=actor.instansi_id, periode_id=periode.pk)
    if unit is not None:
        qs = qs.filter(pegawai__unit__path__startswith=unit.path)
    return current_skp(qs)


def _staff(actor: Actor, unit: UnitKerja | None) -> QuerySet[Pegawai]:
    """Staff expected to write an SKP: active ASN (a non-ASN official such as a regent
    does not), in the unit's subtree."""
    qs = Pegawai.objects.filter(instansi_id=actor.instansi_id, aktif=True).exclude(
        status=Pegawai.Status.NON_ASN
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs


def latest_skp(periode: PeriodeKinerja) -> QuerySet[SKP]:
    """Per pegawai, the one SKP that says where they stand for the periode: of their SKP
    in force, the one that starts last (rules §4: a position change within the year
    opens a new SKP). Written as "no later SKP in force", an anti-join that SQL runs as
    one hashed pass, not as a subquery per person."""
    later = current_skp(
        SKP.objects.filter(
            instansi_id=OuterRef("instansi_id"),
            pegawai_id=OuterRef("pegawai_id"),
            periode_id=periode.pk,
        )
    ).filter(
        Q(tanggal_mulai__gt=OuterRef("tanggal_mulai"))
        | Q(tanggal_mulai=OuterRef("tanggal_mulai"), versi__gt=OuterRef("versi"))
        | Q(tanggal_mulai=OuterRef("tanggal_mulai"), versi=OuterRef("versi"), pk__gt=OuterRef("pk"))
    )
    return current_skp(
        SKP.objects.filter(instansi_id=periode.instansi_id, periode_id=periode.pk)
    ).exclude(Exists(later))


def _latest_of(periode: PeriodeKinerja, column: str) -> Subquery:
    """For a Pegawai row: `column` of their latest SKP (latest_skp); for the rows of one
    page only (a SELECT-list subquery runs for the rows returned)."""
    return Subquery(latest_skp(periode).filter(pegawai_id=OuterRef("pk")).values(column)[:1])


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
    actor: Actor, periode: PeriodeKinerja, unit: UnitKerja | None, *, counts: bool = False
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
        _current_rhk(RHK.objects.filter(parent_scope, instansi_id=iid))
        .order_by()
        .values_list("intervensi_id", flat=True)
        .distinct()
    )
    rows_by_pk = {
        pk: (skp_id, parent, jenis, urutan)
        for pk, skp_id, parent, jenis, urutan in rhk_rows
        if skp_id in owners
    }
    return Forest(owners, rows_by_pk, iki, no_iki, supported)


def _walk(children: dict[int, list[int]], roots: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(rhk id, depth below its root) in tree order; safe against a loop in bad data."""
    seen: set[int] = set()
    stack = [(r, 0) for r in reversed(list(roots))]
    while stack:
        pk, depth = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        yield pk, depth
        kids = children.get(pk)
        if kids:
            stack.extend((c, depth + 1) for c in reversed(kids))


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
    matching RHK (at most TREE_MAX_MATCHES) are drawn with their ancestors. Three queries
    after the access check (SKP, RHK, texts)."""
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
    order = [(pk, d) for pk, d in _walk(forest.children, page_roots) if keep is None or pk in keep]
    cutoff = None
    if keep is None:
        per_depth: dict[int, int] = {}
        for _pk, d in order:
            per_depth[d] = per_depth.get(d, 0) + 1
        cutoff = depth_cutoff(per_depth, TREE_MAX_NODES) if per_depth else 0
        order = [(pk, d) for pk, d in order if d <= cutoff]
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


def _fill_texts(actor: Actor, drawn: list[Node], outside: set[int]) -> dict[int, ParentRef]:
    """One query: the texts of the drawn RHK, and the RHK above the top nodes that are
    not in the tree (with their owner and whether their version was replaced)."""
    ids = {n.rhk_id for n in drawn} | outside
    if not ids:
        return {}
    n_iki = IKI.objects.filter(instansi_id=OuterRef("instansi_id"), rhk_id=OuterRef("pk"))
    rows = (
        RHK.objects.filter(instansi_id=actor.instansi_id, pk__in=ids)
        .annotate(
            stale=_approved_successor("skp_id"),
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
    XLSX export): the same three queries as the tree, texts read in one pass."""
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
            .annotate(stale=_approved_successor("skp_id"))
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


# --- staff without an approved SKP -----------------------------------------------------


def staff_without_approved_skp(
    *,
    actor: Actor | None,
    periode: PeriodeKinerja,
    unit: UnitKerja | None = None,
    q: str = "",
    status: str = "",
) -> QuerySet:
    """Staff in scope whose SKP in force for the periode is not approved (or who have
    none), with that SKP's id and status: a values() queryset in unit then name order,
    for a paginator (count + one page: two queries) or an export."""
    actor = _check(actor, periode, unit)
    latest = latest_skp(periode).filter(pegawai_id=OuterRef("pk"))
    qs = _staff(actor, unit).exclude(Exists(latest.filter(status=domain.DISETUJUI)))
    if status == MISSING:
        qs = qs.exclude(Exists(latest))
    elif status:
        qs = qs.filter(Exists(latest.filter(status=status)))
    qs = qs.annotate(skp_status=_latest_of(periode, "status"), skp_id=_latest_of(periode, "pk"))
    q = (q or "").strip()
    if q:
        digits = normalize_nip(q)
        qs = qs.filter(nip__startswith=digits) if digits.isdigit() else qs.filter(nama__icontains=q)
    # Staff without a unit last, on SQLite as on PostgreSQL.
    return qs.order_by(F("unit__path").asc(nulls_last=True), "nama", "pk").values(
        "pk", "gelar_depan", "nama", "gelar_belakang", "nip", "jabatan__nama", "unit__nama",
        "skp_status", "skp_id",
    )  # fmt: skip


# --- completeness ------------------------------------------------------------------------


@dataclass
class CompletenessRow:
    label: str
    unit: UnitKerja | None = None
    kind: str = "unit"  # unit / direct (staff of the chosen unit itself) / other / total
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COMPLETENESS_KEYS, 0))
    has_children: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def pct(self, key: str) -> Decimal:
        if not self.total:
            return Decimal(0)
        return round_half_up(Decimal(self.counts[key]) * 100 / self.total, 1)

    @property
    def cells(self) -> list[tuple[str, int, Decimal]]:
        return [(k, self.counts[k], self.pct(k)) for k in COMPLETENESS_KEYS]

    @property
    def pct_disetujui(self) -> Decimal:
        return self.pct(domain.DISETUJUI)


@dataclass
class Completeness:
    rows: list[CompletenessRow]
    total: CompletenessRow
    unit: UnitKerja | None


def _top_opds(actor: Actor, unit: UnitKerja | None) -> list[UnitKerja]:
    """The OPD level: OPD units with no OPD above them; without OPDs, the children of
    the single root unit (or the roots)."""
    qs = UnitKerja.objects.filter(instansi_id=actor.instansi_id)
    opds = list(qs.filter(is_opd=True).order_by("path"))
    top: list[UnitKerja] = []
    for u in opds:
        if not any(u.path.startswith(t.path) for t in top):
            top.append(u)
    if top:
        return top
    roots = list(qs.filter(parent__isnull=True).order_by("urutan", "path"))
    if len(roots) == 1:
        return list(qs.filter(parent=roots[0]).order_by("urutan", "path"))
    return roots


def _bucket(paths: list[str], field_name: str) -> Substr | Case | Value:
    """An expression giving, for a row whose unit path is `field_name`, the path of the
    row unit it falls in. Units of one level (the children of a unit) have paths of one
    length: a prefix of that length is the bucket. Otherwise a CASE over the (few) OPD
    paths."""
    if not paths:
        return Value("", output_field=CharField())
    lengths = {len(p) for p in paths}
    if len(lengths) == 1:
        return Substr(field_name, 1, lengths.pop())
    return Case(
        *[When(**{f"{field_name}__startswith": p}, then=Value(p)) for p in paths],
        default=Value(""),
        output_field=CharField(),
    )


def completeness(
    *, actor: Actor | None, periode: PeriodeKinerja, unit: UnitKerja | None = None
) -> Completeness:
    """Per unit, how many staff have their SKP for the periode approved / submitted /
    returned / in draft / missing (the SKP in force; with two in the year, the later).

    Rows: the children of `unit` plus its own staff, or, for the whole instansi, the OPD
    level plus the staff outside any OPD. After the access check: the row units, then two
    grouped counts (staff, and their latest SKP by status), bucketed by path prefix in
    SQL."""
    actor = _check(actor, periode, unit)
    if unit is not None:
        units = list(
            UnitKerja.objects.filter(instansi_id=actor.instansi_id, parent=unit)
            .annotate(sub=Exists(UnitKerja.objects.filter(parent=OuterRef("pk"))))
            .order_by("urutan", "path")
        )
    else:
        units = _top_opds(actor, None)
        children = set(
            UnitKerja.objects.filter(
                instansi_id=actor.instansi_id, parent_id__in=[u.pk for u in units]
            ).values_list("parent_id", flat=True)
        )
        for u in units:
            u.sub = u.pk in children  # type: ignore[attr-defined]
    rows = {
        u.path: CompletenessRow(label=u.nama, unit=u, has_children=bool(u.sub))  # type: ignore[attr-defined]
        for u in units
    }
    if unit is not None:
        other = CompletenessRow(
            label=_("Langsung di %(u)s") % {"u": unit.nama}, unit=unit, kind="direct"
        )
    else:
        other = CompletenessRow(label=_("Di luar OPD / tanpa unit"), kind="other")
    total = CompletenessRow(label=_("Jumlah"), unit=unit, kind="total")
    paths = list(rows)
    # Staff per bucket, and the latest SKP of the same staff per bucket and status: two
    # grouped queries; "missing" is the difference.
    staff = _staff(actor, unit)
    headcount = (
        staff.annotate(bucket=_bucket(paths, "unit__path"))
        .order_by()
        .values_list("bucket")
        .annotate(n=Count("pk"))
    )
    by_status = (
        latest_skp(periode)
        .filter(pegawai__in=staff.values("pk"))
        .annotate(bucket=_bucket(paths, "pegawai__unit__path"))
        .order_by()
        .values_list("bucket", "status")
        .annotate(n=Count("pk"))
    )
    for bucket, n in headcount:
        row = rows.get(bucket or "", other)
        row.counts[MISSING] += n
        total.counts[MISSING] += n
    for bucket, st, n in by_status:
        row = rows.get(bucket or "", other)
        for r in (row, total):
            r.counts[st] += n
            r.counts[MISSING] -= n
    out = list(rows.values())
    if other.total:
        out.append(other)
    return Completeness(rows=out, total=total, unit=unit)


def completeness_sorted(data: Completeness, how: str) -> list[CompletenessRow]:
    """Rows in tree order, or lowest approved share first (`how == "persen"`)."""
    if how == "persen":
        return sorted(data.rows, key=lambda r: (r.total == 0, r.pct_disetujui, r.label))
    return data.rows


# --- the team matrix (Matriks Peran Hasil) ----------------------------------------------


@dataclass
class MatrixColumn:
    pegawai_id: int
    nama: str
    nip: str
    jabatan: str
    skp_id: int | None
    status: str | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def status_css(self) -> str:
        return status_css(self.status)


@dataclass
class MatrixCell:
    rhk_id: int
    teks: str
    jenis: str
    status: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def status_css(self) -> str:
        return status_css(self.status)


@dataclass
class MatrixRow:
    rhk_id: int
    jenis: str
    teks: str
    cells: list[list[MatrixCell]]
    contributors: list[tuple[MatrixColumn, list[MatrixCell]]] = field(default_factory=list)

    @property
    def supporters(self) -> int:
        return sum(1 for c in self.cells if c)

    @property
    def unsupported(self) -> bool:
        return not any(self.cells)


@dataclass
class TeamMatrix:
    skp: SKP
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    unlinked: list[list[MatrixCell]]  # per column: RHK that intervene in none of these

    @property
    def unsupported(self) -> int:
        return sum(1 for r in self.rows if r.unsupported)

    @property
    def any_unlinked(self) -> bool:
        return any(self.unlinked)


def team_matrix(*, actor: Actor | None, skp: SKP) -> TeamMatrix:
    """Matriks Peran Hasil of one supervisor SKP (PermenPANRB 6/2022 Lampiran: who in the
    team contributes which result): rows are its RHK, columns the subordinates (whose SKP
    names this SKP's owner as penilai, plus the current direct subordinates who have none),
    cells the subordinates' RHK in force that intervene in each row.

    The caller checks that the actor may read `skp` (access.access_skp). Three queries."""
    actor = require_instansi(actor)
    if skp.instansi_id != actor.instansi_id:
        raise Http404(_("SKP tidak ditemukan."))
    own = list(
        RHK.objects.filter(instansi_id=actor.instansi_id, skp_id=skp.pk)
        .order_by("-jenis", "urutan", "pk")
        .values_list("pk", "jenis", "teks")
    )
    ids = [pk for pk, _j, _t in own]
    sub_rhk = (
        _current_rhk(RHK.objects.filter(instansi_id=actor.instansi_id))
        .filter(
            Q(intervensi_id__in=ids)
            | Q(skp__penilai_id=skp.pegawai_id, skp__periode_id=skp.periode_id)
        )
        .exclude(skp__pegawai_id=skp.pegawai_id)
        .order_by("skp__pegawai__nama", "-jenis", "urutan", "pk")
        .values_list(
            "pk",
            "jenis",
            "teks",
            "intervensi_id",
            "skp_id",
            "skp__status",
            "skp__pegawai_id",
            "skp__pegawai__gelar_depan",
            "skp__pegawai__nama",
            "skp__pegawai__gelar_belakang",
            "skp__pegawai__nip",
            "skp__jabatan__nama",
        )  # fmt: skip
    )
    columns: dict[int, MatrixColumn] = {}
    cells: list[tuple[int, int | None, MatrixCell]] = []
    for pk, jenis, teks, parent, skp_id, st, pid, gd, nama, gb, nip, jab in sub_rhk:
        if pid not in columns:
            columns[pid] = MatrixColumn(pid, nama_lengkap(gd, nama, gb), nip or "", jab or "",
                                        skp_id, st)  # fmt: skip
        cells.append((pid, parent, MatrixCell(pk, teks, jenis, st)))
    team = (
        Pegawai.objects.filter(instansi_id=actor.instansi_id, atasan_id=skp.pegawai_id, aktif=True)
        .exclude(pk__in=list(columns))
        .annotate(
            skp_status=_latest_of(skp.periode, "status"),
            skp_ref=_latest_of(skp.periode, "pk"),
        )
        .values_list(
            "pk",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "nip",
            "jabatan__nama",
            "skp_status",
            "skp_ref",
        )  # fmt: skip
    )
    for pid, gd, nama, gb, nip, jab, st, ref in team:
        columns[pid] = MatrixColumn(pid, nama_lengkap(gd, nama, gb), nip or "", jab or "", ref, st)
    ordered = sorted(columns.values(), key=lambda c: (c.nama, c.pegawai_id))
    index = {c.pegawai_id: i for i, c in enumerate(ordered)}
    rows = [MatrixRow(pk, jenis, teks, [[] for _c in ordered]) for pk, jenis, teks in own]
    by_rhk = {r.rhk_id: r for r in rows}
    unlinked: list[list[MatrixCell]] = [[] for _c in ordered]
    for pid, parent, cell in cells:
        if parent in by_rhk:
            by_rhk[parent].cells[index[pid]].append(cell)
        else:
            unlinked[index[pid]].append(cell)
    for r in rows:
        r.contributors = [(c, found) for c, found in zip(ordered, r.cells, strict=True) if found]
    return TeamMatrix(skp=skp, columns=ordered, rows=rows, unlinked=unlinked)
