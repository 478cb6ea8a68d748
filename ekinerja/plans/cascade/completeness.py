"""SKP completeness per unit (`completeness`): staff counted by the status of their
latest SKP in force, bucketed by unit path prefix in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from ekinerja.core.access import MemberActor
from ekinerja.core.numbers import round_half_up
from ekinerja.core.roles import Actor
from ekinerja.org.models import UnitKerja

from .. import domain
from ..models import PeriodeKinerja
from ..selectors import latest_skp
from .common import (
    COMPLETENESS_KEYS,
    MISSING,
    _check,
    _staff,
)

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

    @cached_property
    def cells(self) -> list[tuple[str, int, Decimal]]:
        """(status, count, percent) per column; read twice per drawn row (bar and cells),
        so computed once, when the counts are final."""
        return [(k, self.counts[k], self.pct(k)) for k in COMPLETENESS_KEYS]

    @property
    def pct_disetujui(self) -> Decimal:
        return self.pct(domain.DISETUJUI)


@dataclass
class Completeness:
    rows: list[CompletenessRow]
    total: CompletenessRow
    unit: UnitKerja | None


def _top_opds(actor: MemberActor, unit: UnitKerja | None) -> list[UnitKerja]:
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
    units: list[UnitKerja]
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
        # `sub` as the annotate() above gives it; UnitKerja (org) declares no such field.
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
