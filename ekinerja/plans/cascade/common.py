"""Shared by the planning reports: who may see them (`require_report_access`,
`report_unit`), the SKP of a report's scope in force (`_scoped_skp`; the rule is
plans.selectors.skp_in_force_q), the gap and status vocabulary."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import (
    OuterRef,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.roles import Actor
from ekinerja.org.access import OrgScope, org_scope
from ekinerja.org.models import Pegawai, UnitKerja

from .. import domain
from ..models import SKP, PeriodeKinerja
from ..selectors import latest_skp, skp_in_force_q

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


def _check(actor: Actor | None, periode: PeriodeKinerja, unit: UnitKerja | None) -> MemberActor:
    scope = require_report_access(actor, unit)
    if periode.instansi_id != scope.actor.instansi_id:
        raise Http404(_("Periode tidak ditemukan."))
    return scope.actor


# --- which SKP are in force (plans.selectors is the rule) -------------------------------


def _scoped_skp(
    actor: MemberActor, periode: PeriodeKinerja, unit: UnitKerja | None
) -> QuerySet[SKP]:
    """SKP of the periode whose pegawai is in the unit's subtree (by the pegawai's unit, as
    access.can_read_skp reads it), versions in force only (selectors.skp_in_force_q)."""
    qs = SKP.objects.filter(instansi_id=actor.instansi_id, periode_id=periode.pk)
    if unit is not None:
        qs = qs.filter(pegawai__unit__path__startswith=unit.path)
    return qs.filter(skp_in_force_q())


def _staff(actor: MemberActor, unit: UnitKerja | None) -> QuerySet[Pegawai]:
    """Staff expected to write an SKP: active ASN (a non-ASN official such as a regent
    does not), in the unit's subtree."""
    qs = Pegawai.objects.filter(instansi_id=actor.instansi_id, aktif=True).exclude(
        status=Pegawai.Status.NON_ASN
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs


def _latest_of(periode: PeriodeKinerja, column: str) -> Subquery:
    """For a Pegawai row: `column` of their latest SKP (selectors.latest_skp); for the rows of one
    page only (a SELECT-list subquery runs for the rows returned)."""
    return Subquery(latest_skp(periode).filter(pegawai_id=OuterRef("pk")).values(column)[:1])
