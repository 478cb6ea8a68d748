"""Scoped reads for organisation pages: every query is limited to the actor's instansi
and, for people, to what `org_scope` allows. Counts come from aggregate queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from ekinerja.core.models import RoleAssignment
from ekinerja.core.nip import normalize_nip
from ekinerja.core.roles import MemberActor

from . import domain
from .access import OrgScope
from .models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja

PAGE_SIZE = 25
CHAIN_MAX = 12  # supervisor chain shown on a staff page (a deeper chain is bad data)
SUBORDINATES_MAX = 100


# --- units ---------------------------------------------------------------------------


def depth_cutoff(per_depth: dict[int, int], limit: int) -> int:
    """Given units per level, the deepest level such that every unit down to it fits in
    `limit` (the top level always shows). Keeps trees and pickers bounded for a
    province's ~20,000 units."""
    levels = sorted(per_depth)
    max_depth, total = levels[0], 0
    for d in levels:
        if total + per_depth[d] > limit and d > levels[0]:
            break
        total += per_depth[d]
        max_depth = d
    return max_depth


def unit_choices(
    *,
    instansi_id: int,
    paths: Iterable[str] = (),
    limit: int | None = None,
    include: Iterable[int] = (),
) -> list[tuple[int, str]]:
    """(id, indented name) of the instansi's units in tree order, for a <select>.

    `paths` limits the list to those subtrees (empty: every unit). With `limit`, only the
    top levels that fit are listed (a province has ~20,000 units: a filter must not send
    them all to a phone), plus the units in `include` (e.g. the one already chosen); any
    deeper unit is still reachable through the tree ("Lihat pegawai" on its page)."""
    qs = UnitKerja.objects.filter(instansi_id=instansi_id)
    paths = tuple(paths)
    if paths:
        q = Q()
        for p in paths:
            q |= Q(path__startswith=p)
        qs = qs.filter(q)
    if limit is not None:
        # Count per level in SQL, then fetch only the levels that fit (+ `include`).
        per_depth = dict(qs.order_by().values_list("depth").annotate(n=Count("pk")))
        if sum(per_depth.values()) > limit:
            cutoff = depth_cutoff(per_depth, limit)
            qs = qs.filter(Q(depth__lte=cutoff) | Q(pk__in=list(include)))
    rows = list(qs.order_by("path").values_list("pk", "nama", "depth"))
    if not rows:
        return []
    top = min(d for _pk, _n, d in rows)
    indent = "\u2003"  # em space: indentation that survives inside <option>
    return [(pk, indent * (d - top) + nama) for pk, nama, d in rows]


@dataclass
class HeadHolder:
    pegawai_id: int
    nama: str
    jenis: str  # definitif / plt / plh

    @property
    def jenis_label(self) -> str:
        return str(RiwayatJabatan.Jenis(self.jenis).label) if self.jenis != "definitif" else ""


@dataclass
class TreeNode:
    unit: UnitKerja
    depth: int  # relative to the shallowest unit shown
    staff: int
    staff_total: int = 0
    head_jabatan: str = ""
    head_jabatan_id: int | None = None
    head: HeadHolder | None = None
    has_children: bool = False
    closes: range = field(default_factory=lambda: range(0))
    open: bool = False
    match: bool = False
    hidden_children: int = 0  # sub-units not drawn here (open the unit's own tree)


def unit_heads(*, instansi_id: int, unit_ids: Iterable[int] | None = None) -> dict[int, tuple]:
    """unit id → (head jabatan id, head jabatan name, HeadHolder or None): two queries.

    The holder is the one who acts in the position (definitive, else Plt, else Plh), by
    the same rule that derives supervisors (domain.acting_holders)."""
    jq = Jabatan.objects.filter(instansi_id=instansi_id, is_head=True, aktif=True)
    if unit_ids is not None:
        jq = jq.filter(unit_id__in=list(unit_ids))
    heads: dict[int, tuple] = {}
    jab_unit: dict[int, int] = {}
    for jid, uid, nama in jq.order_by("kode").values_list("pk", "unit_id", "nama"):
        if uid not in heads:
            heads[uid] = (jid, nama, None)
            jab_unit[jid] = uid
    rows = RiwayatJabatan.objects.filter(
        instansi_id=instansi_id, jabatan_id__in=list(jab_unit), tmt_selesai__isnull=True
    ).values_list(
        "jabatan_id", "jenis", "tmt_mulai", "pegawai_id",
        "pegawai__gelar_depan", "pegawai__nama", "pegawai__gelar_belakang",
    )  # fmt: skip
    people: dict[tuple[int, int], HeadHolder] = {}
    holdings = []
    for jid, jenis, tmt, pid, gd, nama, gb in rows:
        holdings.append(domain.Holding(pegawai_id=pid, jabatan_id=jid, jenis=jenis, since=tmt))
        people.setdefault((jid, pid), HeadHolder(pid, domain.nama_lengkap(gd, nama, gb), jenis))
    for jid, pid in domain.acting_holders(holdings).items():
        uid = jab_unit[jid]
        heads[uid] = (heads[uid][0], heads[uid][1], people[(jid, pid)])
    return heads


TREE_MAX_NODES = 400  # units drawn at once; deeper levels open from their parent
TREE_MAX_MATCHES = 200


@dataclass
class UnitTree:
    nodes: list[TreeNode]
    root: UnitKerja | None = None
    truncated: bool = False  # a search matched more units than are drawn


def unit_tree(
    *, actor: MemberActor, q: str = "", root: UnitKerja | None = None, open_depth: int = 1
) -> UnitTree:
    """The instansi's unit tree (or `root`'s subtree) in path order, as a flat list that a
    template nests.

    Three queries whatever the size: units with their staff count, head positions, and
    the people acting in them. At most TREE_MAX_NODES units are drawn: the top levels
    that fit; a unit whose children are not drawn says how many it has. With `q`, only
    matching units (at most TREE_MAX_MATCHES) and their ancestors."""
    qs = UnitKerja.objects.filter(instansi_id=actor.instansi_id)
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    units = list(
        qs.annotate(staff=Count("pegawai", filter=Q(pegawai__aktif=True))).order_by("path")
    )
    if not units:
        return UnitTree(nodes=[], root=root)
    by_path = {u.path: u for u in units}
    totals: dict[str, int] = dict.fromkeys(by_path, 0)
    children: dict[str, int] = dict.fromkeys(by_path, 0)
    for u in units:
        # Add this unit's staff to itself and each ancestor (path prefixes).
        parts = u.path.split(".")[:-1]
        for i in range(1, len(parts) + 1):
            prefix = ".".join(parts[:i]) + "."
            if prefix in totals:
                totals[prefix] += u.staff
        parent_path = ".".join(parts[:-1]) + "." if len(parts) > 1 else ""
        if parent_path in children:
            children[parent_path] += 1
    keep: set[str] | None = None
    matched: set[str] = set()
    truncated = False
    needle = q.strip().lower()
    if needle:
        keep = set()
        for u in units:
            if any(needle in t.lower() for t in (u.nama, u.kode, u.singkatan)):
                if len(matched) == TREE_MAX_MATCHES:
                    truncated = True
                    break
                matched.add(u.path)
                parts = u.path.split(".")[:-1]
                for i in range(1, len(parts) + 1):
                    keep.add(".".join(parts[:i]) + ".")
        shown = [u for u in units if u.path in keep]
    else:
        levels: dict[int, int] = {}
        for u in units:
            levels[u.depth] = levels.get(u.depth, 0) + 1
        cutoff = depth_cutoff(levels, TREE_MAX_NODES)
        shown = [u for u in units if u.depth <= cutoff]
    if not shown:
        return UnitTree(nodes=[], root=root, truncated=truncated)
    heads = unit_heads(instansi_id=actor.instansi_id, unit_ids=[u.pk for u in shown])
    top = min(u.depth for u in shown)
    nodes: list[TreeNode] = []
    for u in shown:
        jid, jnama, holder = heads.get(u.pk, (None, "", None))
        nodes.append(
            TreeNode(
                unit=u,
                depth=u.depth - top,
                staff=u.staff,
                staff_total=totals[u.path],
                head_jabatan=jnama,
                head_jabatan_id=jid,
                head=holder,
                open=bool(needle) or u.depth - top < open_depth,
                match=u.path in matched,
            )
        )
    if not needle:
        # Levels are cut whole: a unit on the last drawn level has none of its children shown.
        for node in nodes:
            if node.unit.depth == cutoff:
                node.hidden_children = children[node.unit.path]
    # Nesting for <details>: a node has children when the next shown node is deeper;
    # after a node, close as many levels as the depth falls to the next node.
    for i, node in enumerate(nodes):
        nxt = nodes[i + 1].depth if i + 1 < len(nodes) else 0
        node.has_children = nxt > node.depth
        if not node.has_children:
            node.closes = range(max(0, node.depth - nxt))
    return UnitTree(nodes=nodes, root=root, truncated=truncated)


def unit_children(*, unit: UnitKerja) -> list[UnitKerja]:
    return list(
        UnitKerja.objects.filter(instansi_id=unit.instansi_id, parent=unit)
        .annotate(staff=Count("pegawai", filter=Q(pegawai__aktif=True)))
        .order_by("urutan", "path")
    )


def unit_ancestors(*, unit: UnitKerja) -> list[UnitKerja]:
    """Root → parent, from the materialised path (one query)."""
    ids = [int(x) for x in unit.path.split(".")[:-1] if x]
    ids = [i for i in ids if i != unit.pk]
    return list(UnitKerja.objects.filter(instansi_id=unit.instansi_id, pk__in=ids).order_by("path"))


# --- jabatan --------------------------------------------------------------------------


def _open_holders() -> Prefetch:
    return Prefetch(
        "riwayat",
        queryset=RiwayatJabatan.objects.filter(tmt_selesai__isnull=True)
        .select_related("pegawai")
        .order_by("jenis", "tmt_mulai"),
        to_attr="holders",
    )


def jabatan_list(
    *,
    actor: MemberActor,
    unit: UnitKerja | None = None,
    jenis: str = "",
    q: str = "",
) -> QuerySet[Jabatan]:
    """Positions of the instansi with their current holders (prefetched per page)."""
    qs = Jabatan.objects.filter(instansi_id=actor.instansi_id).select_related("unit", "parent")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if jenis:
        qs = qs.filter(jenis=jenis)
    q = q.strip()
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q))
    return qs.order_by("unit__path", "-is_head", "kode", "pk").prefetch_related(_open_holders())


def jabatan_children(*, jabatan: Jabatan) -> list[Jabatan]:
    return list(
        Jabatan.objects.filter(instansi_id=jabatan.instansi_id, parent=jabatan)
        .select_related("unit")
        .order_by("unit__path", "-is_head", "kode")
        .prefetch_related(_open_holders())
    )


def jabatan_history(*, jabatan: Jabatan, limit: int = 20) -> list[RiwayatJabatan]:
    """Everyone who held the position, current first, newest first."""
    return list(
        RiwayatJabatan.objects.filter(instansi_id=jabatan.instansi_id, jabatan=jabatan)
        .select_related("pegawai")
        .order_by("-tmt_mulai", "-pk")[:limit]
    )


def unit_jabatan(*, unit: UnitKerja) -> list[Jabatan]:
    return list(
        Jabatan.objects.filter(instansi_id=unit.instansi_id, unit=unit)
        .order_by("-is_head", "kode")
        .prefetch_related(_open_holders())
    )


# --- pegawai ----------------------------------------------------------------------------


def pegawai_list(
    *,
    scope: OrgScope,
    q: str = "",
    unit: UnitKerja | None = None,
    jenis: str = "",
    golongan: str = "",
    status: str = "",
    bawahan: bool = False,
    include_inactive: bool = False,
) -> QuerySet[Pegawai]:
    """Staff the actor may read. `q` is a name (contains) or a NIP (digits, spaces
    allowed: prefix of the normalised NIP). A unit includes its whole subtree."""
    qs = Pegawai.objects.filter(instansi_id=scope.actor.instansi_id).filter(scope.pegawai_q())
    if not include_inactive:
        qs = qs.filter(aktif=True)
    q = (q or "").strip()
    if q:
        digits = normalize_nip(q)
        qs = qs.filter(nip__startswith=digits) if digits.isdigit() else qs.filter(nama__icontains=q)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if jenis:
        qs = qs.filter(jabatan__jenis=jenis)
    if golongan:
        qs = qs.filter(golongan=golongan)
    if status:
        qs = qs.filter(status=status)
    if bawahan:
        qs = qs.filter(atasan_id=scope.pegawai_id) if scope.pegawai_id else qs.none()
    return qs.select_related("unit", "jabatan", "atasan").order_by("nama", "pk")


def pegawai_search(*, scope: OrgScope, q: str, limit: int = 10) -> list[Pegawai]:
    """A few people for a picker: by NIP prefix or name."""
    q = (q or "").strip()
    if len(q) < 2:
        return []
    return list(pegawai_list(scope=scope, q=q)[:limit])


def jabatan_search(*, actor: MemberActor, q: str, limit: int = 10) -> list[Jabatan]:
    q = (q or "").strip()
    if len(q) < 2:
        return []
    return list(
        Jabatan.objects.filter(instansi_id=actor.instansi_id, aktif=True)
        .filter(Q(nama__icontains=q) | Q(kode__icontains=q))
        .select_related("unit")
        .order_by("unit__path", "-is_head", "kode")[:limit]
    )


def supervisor_chain(*, pegawai: Pegawai, max_depth: int = CHAIN_MAX) -> list[Pegawai]:
    """[direct atasan, their atasan, …, top]. Ids are collected four levels per query
    (joins on atasan), so a chain of 12 costs at most 3 small queries plus one to load."""
    levels = 4
    lookups = ["atasan_id"] + ["__".join(["atasan"] * i) + "__atasan_id" for i in range(1, levels)]
    ids: list[int] = []
    node: int | None = pegawai.pk
    seen = {pegawai.pk}
    while node is not None and len(ids) < max_depth:
        row = (
            Pegawai.objects.filter(instansi_id=pegawai.instansi_id, pk=node)
            .values_list(*lookups)
            .first()
        )
        node = None
        for nxt in row or ():
            if nxt is None or nxt in seen or len(ids) >= max_depth:
                node = None
                break
            ids.append(nxt)
            seen.add(nxt)
            node = nxt
    if not ids:
        return []
    by_id = Pegawai.objects.filter(instansi_id=pegawai.instansi_id, pk__in=ids).select_related(
        "jabatan", "unit"
    )
    found = {p.pk: p for p in by_id}
    return [found[i] for i in ids if i in found]


def pegawai_riwayat(*, pegawai: Pegawai) -> list[RiwayatJabatan]:
    """Position history: current rows first, then newest first."""
    return list(
        RiwayatJabatan.objects.filter(instansi_id=pegawai.instansi_id, pegawai=pegawai)
        .select_related("jabatan", "jabatan__unit")
        .order_by(F("tmt_selesai").desc(nulls_first=True), "-tmt_mulai", "-pk")
    )


def pegawai_subordinates(*, pegawai: Pegawai, limit: int = SUBORDINATES_MAX) -> list[Pegawai]:
    return list(
        Pegawai.objects.filter(instansi_id=pegawai.instansi_id, atasan=pegawai, aktif=True)
        .select_related("jabatan", "unit")
        .order_by("nama", "pk")[: limit + 1]
    )


def pegawai_roles(*, pegawai: Pegawai) -> list[RoleAssignment]:
    if not pegawai.user_id:
        return []
    return list(
        RoleAssignment.objects.filter(instansi_id=pegawai.instansi_id, user_id=pegawai.user_id)
        .select_related("unit")
        .order_by("role", "unit__path")
    )


def pegawai_for_user(*, actor: MemberActor) -> Pegawai | None:
    return (
        Pegawai.objects.filter(instansi_id=actor.instansi_id, user_id=actor.user.pk)
        .select_related("jabatan", "unit", "atasan", "atasan__jabatan")
        .first()
    )


# --- dashboard ------------------------------------------------------------------------


@dataclass
class InstansiTotals:
    units: int
    jabatan: int
    pegawai: int
    by_status: list[tuple[str, int]]
    vacant_heads: int
    without_jabatan: int
    vacant_head_list: list[Jabatan]


def instansi_totals(*, actor: MemberActor) -> InstansiTotals:
    """Counts for an admin's or auditor's overview: aggregate queries only."""
    iid = actor.instansi_id
    units = UnitKerja.objects.filter(instansi_id=iid, aktif=True).count()
    jabatan = Jabatan.objects.filter(instansi_id=iid, aktif=True).count()
    status_rows = (
        Pegawai.objects.filter(instansi_id=iid, aktif=True)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    labels = dict(Pegawai.Status.choices)
    by_status = [(str(labels.get(s, s)), n) for s, n in status_rows]
    holder = RiwayatJabatan.objects.filter(jabatan_id=OuterRef("pk"), tmt_selesai__isnull=True)
    vacant = (
        Jabatan.objects.filter(instansi_id=iid, aktif=True, is_head=True)
        .filter(~Exists(holder))
        .select_related("unit")
        .order_by("unit__path")
    )
    vacant_list = list(vacant[:10])
    vacant_count = len(vacant_list) if len(vacant_list) < 10 else vacant.count()
    without = Pegawai.objects.filter(instansi_id=iid, aktif=True, jabatan__isnull=True).count()
    return InstansiTotals(
        units=units,
        jabatan=jabatan,
        pegawai=sum(n for _s, n in by_status),
        by_status=by_status,
        vacant_heads=vacant_count,
        without_jabatan=without,
        vacant_head_list=vacant_list,
    )


def instansi_list() -> list[Instansi]:
    """Agencies with counts only (a platform admin sees no personal data)."""
    instansi = list(Instansi.objects.order_by("nama"))
    staff = dict(
        Pegawai.objects.values_list("instansi_id").annotate(n=Count("pk")).order_by("instansi_id")
    )
    units = dict(
        UnitKerja.objects.values_list("instansi_id").annotate(n=Count("pk")).order_by("instansi_id")
    )
    admins = dict(
        RoleAssignment.objects.filter(role="admin")
        .values_list("instansi_id")
        .annotate(n=Count("pk"))
        .order_by("instansi_id")
    )
    for i in instansi:
        i.n_pegawai = staff.get(i.pk, 0)
        i.n_unit = units.get(i.pk, 0)
        i.n_admin = admins.get(i.pk, 0)
    return instansi
