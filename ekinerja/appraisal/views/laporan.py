"""The appraisal reports (issue 5): an index with the period picker, the SIASN export
(rules §13: a page with what is incomplete and why, the SIASN file streamed, a "with
names" table for Excel; issue 11 §5), angka kredit of functional staff (rules §5) with its CSV/XLSX
export, rater analytics and the fill rate per unit.

All are instansi-wide: Admin Instansi, Auditor and an instansi-wide Pimpinan
(access.require_appraisal_reader). Pages are paged (PAGE_SIZE rows) and their queries
are a fixed number whatever the agency's size."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ekinerja.core import audit
from ekinerja.core.clock import local_today
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.core.roles import MemberActor

from .. import exports
from ..access import access_periode_penilaian, require_appraisal_reader
from ..domain import ratings
from ..models import PeriodePenilaian
from ..selectors import laporan as sel
from ..selectors import siasn as siasn_sel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _record_export(actor: MemberActor, action: str, changes: dict[str, Any], label: str) -> None:
    audit.record(
        actor=actor.user,
        action=action,
        instansi_id=actor.instansi_id,
        changes=changes,
        object_type=action,
        object_repr=label,
    )


def _period_context(request: ActorRequest, actor: MemberActor) -> dict[str, Any]:
    choices = sel.periods(instansi_id=actor.instansi_id)
    periode = sel.pick_periode(
        instansi_id=actor.instansi_id, raw=request.GET.get("periode"), choices=choices
    )
    return {"periods": choices, "periode": periode}


def _page(request: ActorRequest, qs: Any) -> Any:
    page = Paginator(qs, sel.PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


@require_GET
@login_required
def laporan(request: ActorRequest) -> HttpResponse:
    actor = require_appraisal_reader(request.actor)
    context = _period_context(request, actor)
    periode = context["periode"]
    context.update(
        years=sel.angka_kredit_years(instansi_id=actor.instansi_id),
        rated=(
            sel.rated_evaluations(instansi_id=actor.instansi_id, periode=periode).count()
            if periode
            else 0
        ),
        siasn_record=siasn_record_name(periode),
    )
    return render(request, "appraisal/laporan_index.html", context)


# --- SIASN --------------------------------------------------------------------------------

SIASN_FORMATS = ("json", "csv", "xlsx")


def siasn_record_name(periode: PeriodePenilaian | None) -> str:
    if periode is None:
        return ""
    return "skp22/save" if periode.is_tahunan else "kinerjaperiodik/save"


@require_GET
@login_required
def siasn(request: ActorRequest) -> HttpResponse:
    """?periode=: the SIASN export page: how many rated evaluations make complete SIASN
    records, the downloads, and the incomplete ones by name with why (paged; HTMX pages
    the list)."""
    actor = require_appraisal_reader(request.actor)
    context = _period_context(request, actor)
    periode: PeriodePenilaian | None = context["periode"]
    context.update(
        summary=None,
        page=None,
        rows=[],
        siasn_record=siasn_record_name(periode),
        can_edit=actor.is_admin,
        status=siasn_sel.reference_status(instansi_id=actor.instansi_id)
        if actor.is_admin
        else None,
    )
    if periode is not None:
        summary = siasn_sel.siasn_summary(instansi_id=actor.instansi_id, periode=periode)
        context["summary"] = summary
        if summary.tidak_lengkap:
            paginator = Paginator(
                siasn_sel.incomplete_rows(instansi_id=actor.instansi_id, periode=periode),
                sel.PAGE_SIZE,
            )
            paginator.count = summary.tidak_lengkap  # known: no second COUNT over the period
            page = paginator.get_page(request.GET.get("page"))
            page.object_list = [siasn_sel.incomplete_row(v) for v in page.object_list]
            context.update(page=page, rows=page.object_list)
    if is_htmx(request) and request.GET.get("page"):
        return render(request, "appraisal/partials/_siasn_tidak_lengkap.html", context)
    return render(request, "appraisal/siasn_export.html", context)


@require_GET
@login_required
def siasn_export(request: ActorRequest) -> HttpResponseBase:
    """?periode=<id>&format=json|csv|xlsx: `json` is the SIASN file, the period's complete
    records exactly as SIASN takes them (streamed); `csv` and `xlsx` the "with names"
    table of every rated evaluation, complete or not. The response says how many were
    left out (X-SIASN-Tidak-Lengkap); the download is audited."""
    actor = require_appraisal_reader(request.actor)
    periode_id = parse_id(request.GET.get("periode", ""))
    if periode_id is None:
        messages.info(request, _("Pilih periode penilaian yang akan diekspor ke SIASN."))
        return redirect("appraisal:siasn")
    periode = access_periode_penilaian(actor=actor, id=periode_id)
    fmt = request.GET.get("format", "json")
    if fmt not in SIASN_FORMATS:
        fmt = "json"
    return exports.siasn_response(
        actor, periode, fmt, base_url=request.build_absolute_uri("/").rstrip("/")
    )


# --- angka kredit -------------------------------------------------------------------------


def _tahun(request: ActorRequest, actor: MemberActor, years: list[int]) -> int:
    tahun = parse_id(request.GET.get("tahun", ""))
    if tahun is not None and 2000 <= tahun <= 2100:
        return tahun
    return years[0] if years else local_today(actor).year


@require_GET
@login_required
def angka_kredit(request: ActorRequest) -> HttpResponseBase:
    """?tahun=: functional staff's angka kredit from their annual predikat (rules §5);
    &format=csv|xlsx downloads every row."""
    actor = require_appraisal_reader(request.actor)
    years = sel.angka_kredit_years(instansi_id=actor.instansi_id)
    tahun = _tahun(request, actor, years)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        rows = sel.angka_kredit_rows(instansi_id=actor.instansi_id, tahun=tahun)
        _record_export(
            actor, "appraisal.angka_kredit_export", {"tahun": tahun, "format": fmt}, str(tahun)
        )
        name = f"angka-kredit-{tahun}.{fmt}"
        if fmt == "csv":
            response: HttpResponseBase = StreamingHttpResponse(
                exports.angka_kredit_csv(rows), content_type="text/csv; charset=utf-8"
            )
        else:
            data, _n = exports.angka_kredit_xlsx(rows, tahun)
            response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    qs = sel.angka_kredit_queryset(instansi_id=actor.instansi_id, tahun=tahun)
    page = _page(request, qs)
    page.object_list = [sel.angka_kredit_row(v, tahun) for v in page.object_list]
    context = {
        "years": sorted(set(years) | {tahun}, reverse=True),
        "tahun": tahun,
        "page": page,
        "rows": page.object_list,
        "has_annual": tahun in years,
    }
    if is_htmx(request):
        return render(request, "appraisal/partials/_laporan_angka_kredit.html", context)
    return render(request, "appraisal/laporan_angka_kredit.html", context)


# --- rater analytics ---------------------------------------------------------------------


@require_GET
@login_required
def analitik_penilai(request: ActorRequest) -> HttpResponse:
    """?periode=&urut=longgar|jumlah|nama: per penilai, the share of each rating and
    predikat against the instansi's, with a flag where a penilai looks lenient."""
    actor = require_appraisal_reader(request.actor)
    context = _period_context(request, actor)
    periode: PeriodePenilaian | None = context["periode"]
    urut = request.GET.get("urut", "longgar")
    if urut not in sel.RATER_ORDER:
        urut = "longgar"
    context.update(urut=urut, page=None, rows=[], instansi=None)
    if periode is not None:
        data = sel.rater_analytics(instansi_id=actor.instansi_id, periode=periode, urut=urut)
        page = _page(request, data.queryset)
        page.object_list = sel.rater_rows(page.object_list, data.instansi)
        context.update(
            page=page,
            rows=page.object_list,
            instansi=data.instansi,
            instansi_cells=data.instansi.cells(),
            rating_labels=[_("Di Atas"), _("Sesuai"), _("Di Bawah")],
            predikat_labels=[ratings.PREDIKAT_LABELS[p] for p in ratings.PREDIKAT],
            lenient_factor=sel.LENIENT_FACTOR,
            lenient_min_n=sel.LENIENT_MIN_N,
        )
    if is_htmx(request):
        return render(request, "appraisal/partials/_laporan_penilai.html", context)
    return render(request, "appraisal/laporan_penilai.html", context)


# --- fill rate ---------------------------------------------------------------------------


@require_GET
@login_required
def pengisian(request: ActorRequest) -> HttpResponse:
    """?periode=: per unit whose penetapan locks the evaluations, how many evaluations
    have realisasi entered, are rated and are locked."""
    actor = require_appraisal_reader(request.actor)
    context = _period_context(request, actor)
    periode = context["periode"]
    context.update(page=None, rows=[], total=None)
    if periode is not None:
        data = sel.fill_rate(instansi_id=actor.instansi_id, periode=periode)
        page = _page(request, data.queryset)
        page.object_list = [sel.fill_row(v) for v in page.object_list]
        context.update(page=page, rows=page.object_list, total=data.total)
    if is_htmx(request):
        return render(request, "appraisal/partials/_laporan_pengisian.html", context)
    return render(request, "appraisal/laporan_pengisian.html", context)
