"""The organisation pages of the appraisal (rules §2; issue 5 items 3 and 4): the units
an actor manages for a period with their curve at a glance, one unit's page (the live
panel, its organisation predikat, the people, penetapan and its history), and the
Admin Instansi's reopening of a penetapan.

Views are thin: access → selector/service → render. HTMX swaps the side column (panel,
organisation predikat, penetapan) in place; without JavaScript every form works with
POST-redirect-GET, and a refusal is shown in place on the full page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core.access import require_instansi
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.core.roles import MemberActor
from ekinerja.org.access import org_scope
from ekinerja.org.models import UnitKerja

from .. import access
from ..domain import evaluation, ratings
from ..domain.penetapan import penetapan_refusals
from ..forms.unit import PredikatOrganisasiForm, ReopenForm
from ..models import Evaluasi, Penetapan, PeriodePenilaian
from ..selectors import unit as sel
from ..selectors.kurva import curve_status
from ..services import penetapan as services

SIDE = "appraisal/partials/_unit_side.html"


def _url_or_empty(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _detail_url(unit_id: int, periode_id: int) -> str:
    return reverse("appraisal:unit-detail", args=[unit_id, periode_id])


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, msgs in error.message_dict.items():
            for m in msgs:
                form.add_error(name if name in form.fields else None, m)
    else:
        for m in error.messages:
            form.add_error(None, m)


# --- the unit list ---------------------------------------------------------------------


@require_GET
@login_required
def unit_list(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    periodes = sel.periode_choices(instansi_id=actor.instansi_id)
    periode = None
    periode_id = parse_id(request.GET.get("periode", ""))
    if periode_id is not None:
        periode = next((p for p in periodes if p.pk == periode_id), None)
        if periode is None:
            periode = access.access_periode_penilaian(actor=actor, id=periode_id)
    if periode is None:
        periode = sel.default_periode(periodes)
    page, us = sel.unit_page(actor=actor, periode=periode, page_number=request.GET.get("page"))
    # For the template's pager: Django's Page has no such attribute.
    page.elided = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    context = {
        "periodes": periodes,
        "periode": periode,
        "page": page,
        "rows": page.object_list,
        "is_admin": actor.is_admin,
        "reads_all": us.unit_ids is None,
        "periode_url": _url_or_empty("appraisal:periode-list"),
    }
    return render(request, "appraisal/unit_list.html", context)


# --- one unit --------------------------------------------------------------------------


def _unit_and_periode(actor: MemberActor, unit_id: int, periode_id: int, *, manage: bool = False):
    unit = access.access_unit_kurva(actor=actor, id=unit_id, manage=manage)
    periode = access.access_periode_penilaian(actor=actor, id=periode_id)
    return unit, periode


def side_context(
    actor: MemberActor,
    unit: UnitKerja,
    periode: PeriodePenilaian,
    *,
    po_form: PredikatOrganisasiForm | None = None,
    penetapan_errors: list[str] | None = None,
    notice: str = "",
) -> dict[str, Any]:
    """The side column: the live panel (4 queries), the organisation predikat with who
    set it (≤ 1), the rights (≤ 3) and, for those who manage the unit, why penetapan
    cannot go ahead now (≤ 3)."""
    kurva = curve_status(periode=periode, unit=unit)
    can_manage = access.can_manage_unit(actor, unit)
    can_set = access.can_set_predikat_organisasi(actor, unit)
    is_open = periode.status == PeriodePenilaian.Status.DIBUKA
    po = kurva.predikat_organisasi
    if po_form is None:
        po_form = PredikatOrganisasiForm(
            initial={"predikat": po.predikat, "catatan": po.catatan} if po else None
        )
    blockers = (
        penetapan_refusals(sel.penetapan_facts(kurva)) if can_manage and not kurva.penetapan else []
    )
    return {
        "unit": unit,
        "periode": periode,
        "kurva": kurva,
        "po": po,
        "po_setter": po.ditetapkan_oleh if po and po.ditetapkan_oleh_id else None,
        "po_form": po_form,
        "can_manage": can_manage,
        "can_set": can_set and is_open and not kurva.penetapan,
        "can_set_closed_reason": (
            ""
            if not can_set
            else _("Periode sudah ditutup.")
            if not is_open
            else _("Penetapan berlaku; buka kembali penetapan untuk mengubahnya.")
            if kurva.penetapan
            else ""
        ),
        "is_open": is_open,
        "blockers": blockers,
        "penetapan_errors": penetapan_errors or [],
        "can_reopen": actor.is_admin and kurva.penetapan is not None,
        "notice": notice,
    }


def detail_context(
    request: ActorRequest,
    actor: MemberActor,
    unit: UnitKerja,
    periode: PeriodePenilaian,
    **side: Any,
) -> dict[str, Any]:
    """The whole page: the side column, the people (COUNT + SELECT of a page of 100),
    the penetapan history (1) and the period switcher (1)."""
    context = side_context(actor, unit, periode, **side)
    everyone = sel.sees_everyone(actor, unit)
    status = request.GET.get("status", "")
    status = status if status in sel.STATUS_FILTERS else ""
    qs = sel.unit_people(actor=actor, unit=unit, periode=periode, everyone=everyone, status=status)
    page = Paginator(qs, sel.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    for e in rows:
        # Template-only, like the pager's `elided` below.
        e.url = _url_or_empty("appraisal:evaluasi-detail", e.pk)  # type: ignore[attr-defined]
    page.object_list = rows
    # For the template's pager: Django's Page has no such attribute.
    page.elided = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    context.update(
        {
            "page": page,
            "rows": rows,
            "everyone": everyone,
            "status_filter": status,
            "status_choices": [
                ("", _("Semua")),
                (evaluation.EVALUASI_DRAFT, _("Belum dinilai")),
                (evaluation.EVALUASI_DINILAI, _("Dinilai")),
                (evaluation.EVALUASI_DITETAPKAN, _("Ditetapkan")),
            ],
            "history": _labelled(sel.penetapan_history(unit=unit, periode=periode)),
            "periodes": sel.periode_choices(instansi_id=actor.instansi_id),
            "list_url": f"{reverse('appraisal:unit-list')}?periode={periode.pk}",
            "penilaian_url": _url_or_empty("appraisal:penilaian-list"),
            "rates_here": _rates_here(actor, unit, periode),
        }
    )
    return context


def _rates_here(actor: MemberActor, unit: UnitKerja, periode: PeriodePenilaian) -> bool:
    """Whether the actor rates someone in this unit's curve (a link to their form)."""
    me = org_scope(actor).pegawai_id
    return bool(me) and (
        Evaluasi.objects.filter(
            instansi_id=actor.instansi_id,
            periode_penilaian=periode,
            unit_kurva=unit,
            penilai_id=me,
        ).exists()
    )


@require_GET
@login_required
def unit_detail(request: ActorRequest, unit_id: int, periode_id: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    unit, periode = _unit_and_periode(actor, unit_id, periode_id)
    if is_htmx(request) and request.GET.get("bagian") == "samping":
        return render(request, SIDE, side_context(actor, unit, periode))
    return render(
        request, "appraisal/unit_detail.html", detail_context(request, actor, unit, periode)
    )


def _refused(
    request: ActorRequest,
    actor: MemberActor,
    unit: UnitKerja,
    periode: PeriodePenilaian,
    **side: Any,
) -> HttpResponse:
    """A refusal shown in place: the side column for htmx (which swaps only 2xx
    answers), else the full page."""
    if is_htmx(request):
        return render(request, SIDE, side_context(actor, unit, periode, **side))
    context = detail_context(request, actor, unit, periode, **side)
    return render(request, "appraisal/unit_detail.html", context)


@require_POST
@login_required
def predikat_organisasi_set(request: ActorRequest, unit_id: int, periode_id: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    unit, periode = _unit_and_periode(actor, unit_id, periode_id)
    form = PredikatOrganisasiForm(request.POST)
    if form.is_valid():
        try:
            po = services.predikat_organisasi_set(
                actor=actor,
                unit_id=unit.pk,
                periode_penilaian_id=periode.pk,
                predikat=form.cleaned_data["predikat"],
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as e:
            _attach(form, e)
        except PermissionDenied as e:
            form.add_error(None, str(e))
        else:
            text = _("Predikat kinerja organisasi %(unit)s periode %(periode)s: %(p)s.") % {
                "unit": unit.nama,
                "periode": periode,
                "p": po.get_predikat_display(),
            }
            if is_htmx(request):
                return render(request, SIDE, side_context(actor, unit, periode, notice=text))
            messages.success(request, text)
            return redirect(_detail_url(unit.pk, periode.pk))
    return _refused(request, actor, unit, periode, po_form=form)


@require_POST
@login_required
def penetapan_create(request: ActorRequest, unit_id: int, periode_id: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    unit, periode = _unit_and_periode(actor, unit_id, periode_id, manage=True)
    try:
        penetapan = services.penetapan_create(
            actor=actor, unit_id=unit.pk, periode_penilaian_id=periode.pk
        )
    except ValidationError as e:
        return _refused(request, actor, unit, periode, penetapan_errors=e.messages)
    text = _(
        "Predikat %(n)s evaluasi di %(unit)s periode %(periode)s telah ditetapkan dan dikunci."
    ) % {"n": penetapan.jumlah_evaluasi, "unit": unit.nama, "periode": periode}
    messages.success(request, text)
    url = _detail_url(unit.pk, periode.pk)
    if is_htmx(request):
        # Every row of the page changed status: load the whole page again.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- reopening -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def penetapan_reopen(request: ActorRequest, pk: int) -> HttpResponse:
    """The Admin Instansi reopens a penetapan with a reason (audited)."""
    actor = require_instansi(request.actor)
    penetapan = (
        Penetapan.objects.select_related(
            "unit", "periode_penilaian", "ditetapkan_oleh", "dibuka_oleh"
        )
        .filter(instansi_id=actor.instansi_id, pk=pk)
        .first()
    )
    if penetapan is None:
        raise Http404(_("Penetapan tidak ditemukan."))
    access.require_appraisal_admin(actor)
    back = _detail_url(penetapan.unit_id, penetapan.periode_penilaian_id)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.penetapan_reopen(
                actor=actor, penetapan_id=penetapan.pk, alasan=form.cleaned_data["alasan"]
            )
        except ValidationError as e:
            _attach(form, e)
        else:
            messages.success(
                request,
                _(
                    "Penetapan %(unit)s periode %(periode)s dibuka kembali; evaluasinya dapat "
                    "diubah lagi."
                )
                % {"unit": penetapan.unit.nama, "periode": penetapan.periode_penilaian},
            )
            return redirect(back)
    context = {
        "p": penetapan,
        "form": form,
        "back": back,
        "in_force": penetapan.status == Penetapan.Status.DITETAPKAN,
        "jumlah_dinilai": Evaluasi.objects.filter(
            instansi_id=actor.instansi_id,
            periode_penilaian_id=penetapan.periode_penilaian_id,
            unit_kurva_id=penetapan.unit_id,
            status=evaluation.EVALUASI_DITETAPKAN,
        ).count(),
        "jumlah_rows": _jumlah_rows(penetapan),
        "po_label": ratings.PREDIKAT_ORGANISASI_LABELS.get(penetapan.predikat_organisasi, ""),
    }
    return render(request, "appraisal/penetapan_reopen.html", context)


def _labelled(history: list[Penetapan]) -> list[Penetapan]:
    for h in history:
        # Template-only: the history lists the label, not the code.
        h.po_label = ratings.PREDIKAT_ORGANISASI_LABELS.get(  # type: ignore[attr-defined]
            h.predikat_organisasi, ""
        )
    return history


def _jumlah_rows(penetapan: Penetapan) -> list[tuple[str, int]]:
    counts = penetapan.jumlah or {}
    return [(ratings.PREDIKAT_LABELS[p], int(counts.get(p, 0))) for p in ratings.PREDIKAT]
