"""Reads for the organisation pages (rules §2): which units an actor sees for a period
with their curve at a glance, the people of one unit, the penetapan history, and the facts
a penetapan is judged on (`penetapan_facts`, for domain.penetapan.penetapan_refusals:
shared by the page and services.penetapan).

Every read is scoped by instansi and answers in a fixed number of queries whatever the
number of units or people: counts are SQL aggregates, lists are paged."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from ekinerja.core.models import Role
from ekinerja.core.roles import MemberActor
from ekinerja.org.access import org_scope
from ekinerja.org.models import Pegawai, UnitKerja

from .. import access
from ..domain import distribution, evaluation, penetapan, ratings
from ..models import Evaluasi, Penetapan, PeriodePenilaian, PredikatOrganisasi
from .kurva import CurveCounts, CurveStatus, aturan_for, counting

PAGE_SIZE = 100
# How many periods the picker offers (three years of months and their annual ones).
PERIODE_CHOICES = 40

STATUS_FILTERS = (
    evaluation.EVALUASI_DRAFT,
    evaluation.EVALUASI_DINILAI,
    evaluation.EVALUASI_DITETAPKAN,
)

CURVE_OK = "ok"
CURVE_FAILED = "gagal"
CURVE_OPEN = "terbuka"
CURVE_NOT_APPLICABLE = "tidak_berlaku"


# --- periods ---------------------------------------------------------------------------


def periode_choices(*, instansi_id: int) -> list[PeriodePenilaian]:
    """The instansi's evaluation periods, newest first (one query)."""
    return list(
        PeriodePenilaian.objects.filter(instansi_id=instansi_id).order_by(
            "-tanggal_mulai", "-tanggal_selesai"
        )[:PERIODE_CHOICES]
    )


def default_periode(periodes: list[PeriodePenilaian]) -> PeriodePenilaian | None:
    """The newest open month or quarter, else the newest open period, else the newest."""
    for p in periodes:
        if p.status == PeriodePenilaian.Status.DIBUKA and not p.is_tahunan:
            return p
    for p in periodes:
        if p.status == PeriodePenilaian.Status.DIBUKA:
            return p
    return periodes[0] if periodes else None


# --- the unit list ---------------------------------------------------------------------


@dataclass
class UnitRow:
    """One unit of the list with its curve for the period."""

    unit: UnitKerja
    jumlah_evaluasi: int = 0
    dihitung: int = 0
    dinilai: int = 0
    predikat_organisasi: str = ""
    check: distribution.CurveCheck | None = None
    penetapan: Penetapan | None = None
    can_manage: bool = False
    can_set_predikat: bool = False

    @property
    def belum(self) -> int:
        return self.dihitung - self.dinilai

    @property
    def predikat_organisasi_label(self) -> str:
        return ratings.PREDIKAT_ORGANISASI_LABELS.get(self.predikat_organisasi, "")

    @property
    def curve_ok(self) -> bool | None:
        """True/False once the curve is decided; None while it cannot be checked (no
        org predikat, nobody counted) or is not decided yet (people still unrated)."""
        state = self.curve_state
        if state in (CURVE_OK, CURVE_NOT_APPLICABLE):
            return True
        if state == CURVE_FAILED:
            return False
        return None

    @property
    def curve_state(self) -> str:
        """Empty (cannot be checked), CURVE_OK, CURVE_FAILED (decided, blocks),
        CURVE_OPEN (the unrated decide it), CURVE_NOT_APPLICABLE (a small curve no rating
        satisfies, rules §2)."""
        check = self.check
        if check is None:
            return ""
        if not check.satisfiable:
            return CURVE_NOT_APPLICABLE
        if check.ok:
            return CURVE_OK
        return CURVE_FAILED if check.failed else CURVE_OPEN


@dataclass(frozen=True)
class UnitScope:
    """The units an actor sees in the list, and what they may do with each."""

    unit_ids: frozenset[int] | None  # None: every marked unit of the instansi
    managed: frozenset[int]
    settable: frozenset[int]
    manages_all: bool = False


def _paths_of(instansi_id: int, ids) -> list[str]:
    if not ids:
        return []
    return list(
        UnitKerja.objects.filter(instansi_id=instansi_id, pk__in=list(ids)).values_list(
            "path", flat=True
        )
    )


def unit_scope(*, actor: MemberActor, periode: PeriodePenilaian | None) -> UnitScope:
    """Admin Instansi: every marked unit, may do everything. Whole-instansi readers
    (Auditor, Pimpinan): every marked unit, read only. Others: the marked units they
    manage (units they head, pengelola subtrees), the units whose organisation predikat
    they set (marked units below a unit they head, and units headed by their direct
    subordinates), and the units of the people they rate this period. A bounded number
    of queries."""
    scope = org_scope(actor)
    if actor.is_admin:
        return UnitScope(None, frozenset(), frozenset(), manages_all=True)
    if scope.whole_instansi:
        return UnitScope(None, frozenset(), frozenset())
    instansi_id = actor.instansi_id
    headed_paths = _paths_of(instansi_id, scope.headed_unit_ids)
    pengelola_paths = _paths_of(instansi_id, actor.units_for(Role.PENGELOLA))
    managed_q = Q(pk__in=list(scope.headed_unit_ids))
    below_q = Q(pk__in=[])
    for p in pengelola_paths:
        managed_q |= Q(path__startswith=p)
    for p in headed_paths:
        below_q |= Q(path__startswith=p) & ~Q(path=p)
    rows = UnitKerja.objects.filter(instansi_id=instansi_id, is_opd=True).filter(
        managed_q | below_q
    )
    managed: set[int] = set()
    settable: set[int] = set()
    for pk, path in rows.values_list("pk", "path"):
        if pk in scope.headed_unit_ids or any(path.startswith(p) for p in pengelola_paths):
            managed.add(pk)
        if any(path.startswith(p) and path != p for p in headed_paths):
            settable.add(pk)
    if scope.pegawai_id:
        # The head one level up: the units headed by my direct subordinates.
        settable |= set(
            Pegawai.objects.filter(
                instansi_id=instansi_id,
                atasan_id=scope.pegawai_id,
                aktif=True,
                jabatan__is_head=True,
            ).values_list("jabatan__unit_id", flat=True)
        )
    ids = managed | settable
    if scope.pegawai_id and periode is not None:
        ids |= set(
            Evaluasi.objects.filter(
                instansi_id=instansi_id, periode_penilaian=periode, penilai_id=scope.pegawai_id
            )
            .values_list("unit_kurva_id", flat=True)
            .distinct()
        )
    return UnitScope(frozenset(ids), frozenset(managed), frozenset(settable))


def unit_page(
    *, actor: MemberActor, periode: PeriodePenilaian | None, page_number: str | int | None = 1
) -> tuple[Page, UnitScope]:
    """A page of the actor's units (tree order) for the period, each a UnitRow with its
    counts, organisation predikat, curve check and penetapan: the scope (≤ 5 queries),
    COUNT + SELECT of the page, then 4 queries for the whole page."""
    us = unit_scope(actor=actor, periode=periode)
    qs = UnitKerja.objects.filter(instansi_id=actor.instansi_id).order_by("path")
    qs = qs.filter(is_opd=True) if us.unit_ids is None else qs.filter(pk__in=list(us.unit_ids))
    # A page of units whose object_list becomes their UnitRows below.
    page: Page[Any] = Paginator(qs, PAGE_SIZE).get_page(page_number)
    units: list[UnitKerja] = list(page.object_list)
    rows = [
        UnitRow(
            unit=u,
            can_manage=us.manages_all or u.pk in us.managed,
            can_set_predikat=us.manages_all or u.pk in us.settable,
        )
        for u in units
    ]
    page.object_list = rows
    if periode is None or not units:
        return page, us
    ids = [u.pk for u in units]
    agg = (
        Evaluasi.objects.filter(
            instansi_id=actor.instansi_id, periode_penilaian=periode, unit_kurva_id__in=ids
        )
        .values("unit_kurva_id")
        .annotate(**counting())
        .order_by()
    )
    by_unit = {r["unit_kurva_id"]: r for r in agg}
    po = dict(
        PredikatOrganisasi.objects.filter(
            instansi_id=actor.instansi_id, periode_penilaian=periode, unit_id__in=ids
        ).values_list("unit_id", "predikat")
    )
    in_force = {
        p.unit_id: p
        for p in Penetapan.objects.filter(
            instansi_id=actor.instansi_id,
            periode_penilaian=periode,
            unit_id__in=ids,
            status=Penetapan.Status.DITETAPKAN,
        )
    }
    aturan = aturan_for(instansi_id=actor.instansi_id, tahun=periode.tanggal_mulai.year)
    for row in rows:
        r = by_unit.get(row.unit.pk)
        row.predikat_organisasi = po.get(row.unit.pk, "")
        row.penetapan = in_force.get(row.unit.pk)
        if r is None:
            continue
        numbers = CurveCounts.from_row(r)
        rated = sum(numbers.counts.values())
        row.jumlah_evaluasi = numbers.total
        row.dihitung, row.dinilai = rated + numbers.belum, rated
        if row.predikat_organisasi and row.dihitung:
            row.check = distribution.check_curve(
                numbers.counts, row.predikat_organisasi, aturan.curve, belum=numbers.belum
            )
    return page, us


# --- one unit --------------------------------------------------------------------------


def sees_everyone(actor: MemberActor, unit: UnitKerja) -> bool:
    """Who sees every person of a unit's curve with their predikat: those who manage the
    unit, set its organisation predikat, or read its subtree or the whole instansi. A
    penilai who may see the panel only because they rate someone there sees only the
    people they rate."""
    scope = org_scope(actor)
    if scope.whole_instansi or access.can_manage_unit(actor, unit):
        return True
    if any(unit.path.startswith(p) for p in scope.unit_paths):
        return True
    return access.can_set_predikat_organisasi(actor, unit)


def unit_people(
    *,
    actor: MemberActor,
    unit: UnitKerja,
    periode: PeriodePenilaian,
    everyone: bool,
    status: str = "",
) -> QuerySet[Evaluasi]:
    """The evaluations the unit's penetapan locks (counted people first, by name), with
    what the table renders loaded; only the actor's own ratees unless `everyone`."""
    qs = Evaluasi.objects.filter(
        instansi_id=actor.instansi_id, periode_penilaian=periode, unit_kurva=unit
    )
    if not everyone:
        qs = qs.filter(penilai_id=org_scope(actor).pegawai_id or 0)
    if status in STATUS_FILTERS:
        qs = qs.filter(status=status)
    return qs.select_related(
        "pegawai", "penilai", "jabatan", "unit", "sumber__periode_penilaian"
    ).order_by("-dalam_kurva", "pegawai__nama", "pk")


def penetapan_history(*, unit: UnitKerja, periode: PeriodePenilaian) -> list[Penetapan]:
    """Every penetapan of the unit for the period, newest first, with who did and
    reopened it (one query)."""
    return list(
        Penetapan.objects.filter(
            instansi_id=unit.instansi_id, unit=unit, periode_penilaian=periode
        ).select_related("ditetapkan_oleh", "dibuka_oleh")
    )


def predikat_organisasi_of(*, unit: UnitKerja, periode: PeriodePenilaian):
    """The unit's organisation predikat for the period with who set it (one query)."""
    return (
        PredikatOrganisasi.objects.filter(
            instansi_id=unit.instansi_id, unit=unit, periode_penilaian=periode
        )
        .select_related("ditetapkan_oleh")
        .first()
    )


# --- the facts penetapan is judged on --------------------------------------------------


def penetapan_facts(status: CurveStatus) -> penetapan.PenetapanFacts:
    """What domain.penetapan.penetapan_refusals judges, for the unit and period of
    `status` (selectors.kurva.curve_status): nothing more with a penetapan in force or
    no evaluation, else at most 3 more queries (the rated and unrated counts, the first
    unrated names, the rated unit heads with their own unit's organisation predikat)."""
    unit, periode = status.unit, status.periode
    po = status.predikat_organisasi
    facts = penetapan.PenetapanFacts(
        unit=unit.nama,
        periode=str(periode),
        ditetapkan=status.penetapan is not None,
        jumlah_evaluasi=status.jumlah_evaluasi,
        dihitung=status.dihitung,
        n=status.n,
        predikat_organisasi=po.predikat if po is not None else None,
        check=status.check,
        head_rating=status.aturan.head_rating,
    )
    if facts.ditetapkan or facts.jumlah_evaluasi == 0:
        return facts
    base = Evaluasi.objects.filter(
        instansi_id=periode.instansi_id, periode_penilaian=periode, unit_kurva=unit
    )
    draft = Q(status=evaluation.EVALUASI_DRAFT)
    agg = base.aggregate(
        belum=Count("pk", filter=Q(dalam_kurva=True) & draft),
        dinilai=Count("pk", filter=~draft),
    )
    belum = agg["belum"] or 0
    names: tuple[str | None, ...] = ()
    if belum:
        names = tuple(
            base.filter(dalam_kurva=True, status=evaluation.EVALUASI_DRAFT)
            .order_by("pegawai__nama", "pk")
            .values_list("pegawai__nama", flat=True)[: penetapan.LISTED]
        )
    return dataclasses.replace(
        facts,
        belum=belum,
        belum_nama=names,
        dinilai=agg["dinilai"] or 0,
        heads=_rated_heads(base, periode),
    )


def _rated_heads(
    base: QuerySet[Evaluasi], periode: PeriodePenilaian
) -> tuple[penetapan.RatedHead, ...]:
    """The rated unit heads of `base` whose own unit has an organisation predikat for
    the period, by name (one query)."""
    po = PredikatOrganisasi.objects.filter(
        instansi_id=periode.instansi_id,
        periode_penilaian=periode,
        unit_id=OuterRef("kepala_unit_id"),
    ).values("predikat")[:1]
    rows = (
        base.filter(kepala_unit__isnull=False)
        .exclude(status=evaluation.EVALUASI_DRAFT)
        .annotate(po=Subquery(po))
        .filter(po__isnull=False)
        .values_list("pegawai__nama", "kepala_unit__nama", "rating_hasil_kerja", "po")
        .order_by("pegawai__nama")
    )
    return tuple(penetapan.RatedHead(*row) for row in rows)
