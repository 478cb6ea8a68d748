"""Planning report pages: the cascade with its gaps, SKP completeness per unit, the team
matrix (Matriks Peran Hasil), the SKP PDF, and the XLSX exports.

Every view: parse → access (cascade.common.report_unit / access.access_skp) → selector →
render the full page, or the results partial when the request comes from HTMX. Reads
only; an export writes an audit event, as org's exports do.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ekinerja.core import audit
from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.org.access import org_scope
from ekinerja.org.domain import nama_lengkap
from ekinerja.org.models import Instansi, Pegawai, UnitKerja
from ekinerja.org.selectors import unit_ancestors, unit_choices

from .. import documents, domain
from ..access import access_skp
from ..cascade.common import GAP_CHOICES, MISSING, gap_label, report_unit, status_css, status_label
from ..cascade.completeness import completeness, completeness_sorted
from ..cascade.export import cascade_rows
from ..cascade.matrix import team_matrix
from ..cascade.staff import staff_without_approved_skp
from ..cascade.tree import CascadeFilters, cascade_tree
from ..models import PeriodeKinerja
from ..selectors import periode_list, skp_is_superseded, skp_with_content

FILTER_UNITS_MAX = 300  # options in the unit <select> (org.views does the same)
STAFF_PAGE = 25
COMPLETENESS_PAGE = 100  # rows of the completeness table per page (the totals are for all)


def _int(raw: str | None) -> int | None:
    return parse_id((raw or "").strip())


def _periode(request: ActorRequest, actor: MemberActor) -> tuple[PeriodeKinerja | None, list]:
    """The periode asked for (another agency's: 404), else this year's, else the newest."""
    periods = list(periode_list(actor=actor))
    pid = _int(request.GET.get("periode"))
    if pid is not None:
        chosen = next((p for p in periods if p.pk == pid), None)
        if chosen is None:
            raise Http404(_("Periode tidak ditemukan."))
        return chosen, periods
    year = timezone.localdate().year
    chosen = next((p for p in periods if p.tahun == year), None)
    chosen = chosen or next((p for p in periods if p.tahun < year), None)
    return chosen or (periods[0] if periods else None), periods


def _units(actor: MemberActor, unit: UnitKerja | None) -> list[tuple[int, str]]:
    scope = org_scope(actor)
    return unit_choices(
        instansi_id=actor.instansi_id,
        paths=() if scope.whole_instansi else scope.unit_paths,
        limit=FILTER_UNITS_MAX,
        include=[unit.pk] if unit is not None else [],
    )


def _trail(actor: MemberActor, unit: UnitKerja | None) -> list[UnitKerja]:
    """The units above `unit` that the actor may open a report on (for a breadcrumb)."""
    if unit is None:
        return []
    scope = org_scope(actor)
    return [
        u
        for u in unit_ancestors(unit=unit)
        if scope.whole_instansi or any(u.path.startswith(p) for p in scope.unit_paths)
    ]


def _filters(request: ActorRequest) -> CascadeFilters:
    gap = request.GET.get("celah", "")
    status = request.GET.get("status", "")
    return CascadeFilters(
        gap=gap if gap in GAP_CHOICES else "",
        status=status if status in (*domain.STATUSES, MISSING) else "",
        q=request.GET.get("q", "")[:100].strip(),
    )


def _report(
    request: ActorRequest,
) -> tuple[MemberActor, UnitKerja | None, PeriodeKinerja | None, dict]:
    actor = require_instansi(request.actor)
    unit = report_unit(actor=actor, unit_id=_int(request.GET.get("unit")))
    periode, periods = _periode(request, actor)
    context = {
        "unit": unit,
        "periode": periode,
        "periods": periods,
        "units": _units(actor, unit),
        "trail": _trail(actor, unit),
        "whole": org_scope(actor).whole_instansi,
    }
    return actor, unit, periode, context


def _status_choices() -> list[tuple[str, str]]:
    return [(s, status_label(s)) for s in domain.STATUSES] + [(MISSING, status_label(None))]


def _record_export(actor: MemberActor, action: str, changes: dict[str, Any]) -> None:
    audit.record(
        actor=actor.user,
        action=action,
        instansi_id=actor.instansi_id,
        changes=changes,
        object_type=action,
        object_repr=str(changes.get("unit") or _("seluruh instansi")),
    )


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=documents.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _slug(unit: UnitKerja | None) -> str:
    if unit is None:
        return "instansi"
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in unit.kode)[:40] or "unit"


# --- cascade ---------------------------------------------------------------------------


@require_GET
@login_required
def cascade_view(request: ActorRequest) -> HttpResponse:
    actor, unit, periode, context = _report(request)
    filters = _filters(request)
    context.update(
        filters=filters,
        gap_choices=[(g, gap_label(g)) for g in GAP_CHOICES],
        status_choices=_status_choices(),
        tree=None,
        staff=None,
    )
    if periode is not None:
        context["tree"] = cascade_tree(
            actor=actor,
            periode=periode,
            unit=unit,
            filters=filters,
            root_id=_int(request.GET.get("root")),
            page=_int(request.GET.get("page")) or 1,
        )
        if filters.shows_staff:
            staff = staff_without_approved_skp(
                actor=actor, periode=periode, unit=unit, q=filters.q, status=filters.status
            )
            page = Paginator(staff, STAFF_PAGE).get_page(request.GET.get("hal"))
            page.object_list = list(page.object_list)
            for p in page.object_list:
                p["nama_lengkap"] = nama_lengkap(p["gelar_depan"], p["nama"], p["gelar_belakang"])
                p["status_label"] = status_label(p["skp_status"])
                p["status_css"] = status_css(p["skp_status"])
                p["nip_display"] = Pegawai(nip=p["nip"]).nip_display
            context["staff"] = page
    if is_htmx(request):
        return render(request, "plans/partials/_cascade_results.html", context)
    return render(request, "plans/cascade.html", context)


@require_GET
@login_required
def cascade_export(request: ActorRequest) -> HttpResponse:
    actor, unit, periode, _context = _report(request)
    if periode is None:
        raise Http404(_("Belum ada periode kinerja."))
    filters = _filters(request)
    rows = cascade_rows(actor=actor, periode=periode, unit=unit, filters=filters)
    staff = None
    if filters.shows_staff:
        staff = staff_without_approved_skp(
            actor=actor, periode=periode, unit=unit, q=filters.q, status=filters.status
        )
    data, n = documents.cascade_xlsx(rows, staff)
    _record_export(
        actor,
        "plans.cascade_export",
        {"periode": periode.tahun, "unit": unit.nama if unit else None, "jumlah": n,
         "saringan": {"celah": filters.gap, "status": filters.status, "q": filters.q}},
    )  # fmt: skip
    return _xlsx(data, f"kaskade-skp-{periode.tahun}-{_slug(unit)}.xlsx")


# --- completeness -------------------------------------------------------------------------


@require_GET
@login_required
def completeness_view(request: ActorRequest) -> HttpResponse:
    actor, unit, periode, context = _report(request)
    how = "persen" if request.GET.get("urut") == "persen" else ""
    context.update(urut=how, data=None, rows=[], rows_page=None)
    if periode is not None:
        data = completeness(actor=actor, periode=periode, unit=unit)
        # A unit may have ~1,000 children (the schools of a Dinas Pendidikan): one page of
        # rows at a time; the totals row stays the whole scope's, the export has every row.
        rows = completeness_sorted(data, how)
        page = Paginator(rows, COMPLETENESS_PAGE).get_page(request.GET.get("page"))
        context.update(data=data, rows=page.object_list, rows_page=page)
    if is_htmx(request):
        return render(request, "plans/partials/_completeness_results.html", context)
    return render(request, "plans/completeness.html", context)


@require_GET
@login_required
def completeness_export(request: ActorRequest) -> HttpResponse:
    actor, unit, periode, _context = _report(request)
    if periode is None:
        raise Http404(_("Belum ada periode kinerja."))
    data = completeness(actor=actor, periode=periode, unit=unit)
    how = "persen" if request.GET.get("urut") == "persen" else ""
    content, n = documents.completeness_xlsx(completeness_sorted(data, how), data.total)
    _record_export(
        actor,
        "plans.completeness_export",
        {"periode": periode.tahun, "unit": unit.nama if unit else None, "jumlah": n},
    )
    return _xlsx(content, f"kelengkapan-skp-{periode.tahun}-{_slug(unit)}.xlsx")


# --- one SKP: team matrix and PDF ------------------------------------------------------


@require_GET
@login_required
def skp_matriks(request: ActorRequest, skp_id: int) -> HttpResponse:
    skp = access_skp(actor=request.actor, id=skp_id)
    matrix = team_matrix(actor=request.actor, skp=skp)
    context = {
        "skp": skp,
        "m": matrix,
        "owner": (skp.snapshot or {}).get("pegawai") or {},
        "superseded": skp_is_superseded(instansi_id=skp.instansi_id, skp_id=skp.pk),
    }
    return render(request, "plans/matriks.html", context)


@require_GET
@login_required
def skp_pdf(request: ActorRequest, skp_id: int) -> HttpResponse:
    skp = access_skp(actor=request.actor, id=skp_id)
    full = skp_with_content(skp.pk, skp.instansi_id)
    instansi = Instansi.objects.get(pk=skp.instansi_id)
    data = documents.skp_pdf(skp=full, instansi=instansi)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.skp_pdf_filename(full)}"'
    return response
