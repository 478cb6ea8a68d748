"""Rencana aksi pages (issue 4 item 1): the owner's plans of a year per RHK and period
(create, edit, delete), and a reader's view of one person's plans where the penilai of
the SKP comments on each plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ekinerja.core.access import require_instansi
from ekinerja.core.clock import local_today
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.org.models import Pegawai
from ekinerja.plans.models import RHK, SKP
from ekinerja.plans.services.removal import join_counted

from ..access import access_pegawai_log, me, require_own_pegawai
from ..forms.aktivitas import CatatanForm, RencanaAksiForm, rencana_initial
from ..models import RencanaAksi
from ..selectors import rencana as sel
from ..services import rencana as services
from .aktivitas import bukti_partial, bukti_upload_url

GET_POST = require_http_methods(["GET", "POST"])


def list_url(tahun: int, anchor: str = "") -> str:
    url = f"{reverse('execution:rencana-list')}?tahun={tahun}"
    return f"{url}#{anchor}" if anchor else url


def _year(request: ActorRequest, years: list[int], today: dt.date) -> int:
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = 0
    if tahun in years:
        return tahun
    if today.year in years:
        return today.year
    return years[0] if years else today.year


def _overview(pegawai: Pegawai, request: ActorRequest, today: dt.date) -> dict[str, Any]:
    years = sel.rencana_years(pegawai=pegawai)
    tahun = _year(request, years, today)
    return {
        "pegawai": pegawai,
        "years": years,
        "tahun": tahun,
        "plans": sel.rencana_overview(pegawai=pegawai, tahun=tahun),
        "bukti_partial": bukti_partial(),
    }


@require_http_methods(["GET"])
@login_required
def rencana_list(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    pegawai = require_own_pegawai(actor)
    context = _overview(pegawai, request, local_today(actor))
    context.update(is_owner=True, penilai_skp=set(), bukti_upload=bukti_upload_url())
    return render(request, "execution/rencana_list.html", context)


@require_http_methods(["GET"])
@login_required
def rencana_pegawai(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    pegawai = access_pegawai_log(actor=actor, id=pk)
    context = _overview(pegawai, request, local_today(actor))
    mine = me(actor)
    context.update(
        is_owner=pegawai.pk == mine,
        penilai_skp={p.skp.pk for p in context["plans"] if mine and p.skp.penilai_id == mine},
    )
    return render(request, "execution/rencana_pegawai.html", context)


def _form_page(request: ActorRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "execution/rencana_form.html", context, status=status)


@GET_POST
@login_required
def rencana_create(request: ActorRequest, rhk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    try:
        _pegawai, found = sel.rhk_for_planning(actor=actor, rhk_id=rhk)
    except ValidationError as e:
        raise PermissionDenied(" ".join(e.messages)) from e
    periods = sel.period_choices(found.skp)
    today = local_today(actor)
    initial_ke = next(
        (
            ke
            for ke, _label in periods
            if today.year == found.skp.periode.tahun and ke == today.month
        ),
        periods[0][0] if periods else 1,
    )
    form = RencanaAksiForm(
        request.POST or None, periods=periods, initial={"periode_ke": initial_ke}
    )
    if request.method == "POST" and form.is_valid():
        try:
            ra = services.rencana_aksi_create(actor=actor, rhk_id=found.pk, **form.service_kwargs())
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Rencana aksi ditambahkan."))
            return redirect(list_url(ra.tahun, f"ra-{ra.pk}"))
    return _form_page(
        request,
        {
            "form": form,
            "rhk": found,
            "title": _("Tambah rencana aksi"),
            "back": list_url(found.skp.periode.tahun, f"rhk-{found.pk}"),
        },
    )


@GET_POST
@login_required
def rencana_update(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    ra = sel.owned_rencana(actor=actor, rencana_aksi_id=pk)
    skp = SKP.objects.select_related("periode").get(instansi_id=ra.instansi_id, pk=ra.rhk.skp_id)
    periods = sel.period_choices(skp)
    form = RencanaAksiForm(request.POST or None, periods=periods, initial=rencana_initial(ra))
    if request.method == "POST" and form.is_valid():
        try:
            services.rencana_aksi_update(
                actor=actor, rencana_aksi_id=ra.pk, **form.service_kwargs()
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Rencana aksi disimpan."))
            return redirect(list_url(ra.tahun, f"ra-{ra.pk}"))
    return _form_page(
        request,
        {
            "form": form,
            "rhk": ra.rhk,
            "rencana": ra,
            "title": _("Ubah rencana aksi"),
            "back": list_url(ra.tahun, f"ra-{ra.pk}"),
        },
    )


@require_POST
@login_required
def rencana_delete(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    ra = sel.owned_rencana(actor=actor, rencana_aksi_id=pk)
    tahun, rhk_id = ra.tahun, ra.rhk_id
    try:
        services.rencana_aksi_delete(actor=actor, rencana_aksi_id=ra.pk)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return _go(request, list_url(tahun, f"ra-{pk}"))
    messages.success(request, _("Rencana aksi dihapus."))
    return _go(request, list_url(tahun, f"rhk-{rhk_id}"))


@require_POST
@login_required
def rencana_rhk_move(request: ActorRequest, rhk: int) -> HttpResponse:
    """Move what is attached to one RHK of the owner's SKP to another RHK of it (issue
    11 §4), so that the first can be deleted from the SKP without losing any of it."""
    actor = require_instansi(request.actor)
    ke = parse_id(request.POST.get("ke", "")) or 0
    try:
        moved = services.rhk_attachments_move(actor=actor, dari_rhk_id=rhk, ke_rhk_id=ke)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        tahun = (
            RHK.objects.filter(instansi_id=actor.instansi_id, pk=rhk)
            .values_list("skp__periode__tahun", flat=True)
            .first()
        )
        return _go(request, list_url(tahun or local_today(actor).year, f"rhk-{rhk}"))
    target = RHK.objects.select_related("skp__periode").get(instansi_id=actor.instansi_id, pk=ke)
    messages.success(
        request,
        _("%(daftar)s dipindahkan ke RHK “%(rhk)s”. RHK sebelumnya kini dapat dihapus dari SKP.")
        % {
            "daftar": join_counted([text for _n, text in sel.attached_texts(moved)]),
            "rhk": target.teks[:120],
        },
    )
    return _go(request, list_url(target.skp.periode.tahun, f"rhk-{target.pk}"))


def _go(request: ActorRequest, url: str) -> HttpResponse:
    """Back to the page: a redirect, or HX-Redirect when the form was sent by HTMX (which
    only added the confirmation)."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@require_POST
@login_required
def rencana_comment(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    form = CatatanForm(request.POST)
    catatan = form.data.get("catatan", "")
    try:
        ra: RencanaAksi = services.rencana_aksi_comment(
            actor=actor, rencana_aksi_id=pk, catatan=catatan
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        found = RencanaAksi.objects.filter(instansi_id=actor.instansi_id, pk=pk).first()
        if found is None:
            return redirect("execution:rencana-list")
        return redirect(
            f"{reverse('execution:rencana-pegawai', args=[found.pegawai_id])}"
            f"?tahun={found.tahun}#ra-{pk}"
        )
    messages.success(
        request, _("Catatan disimpan.") if ra.catatan_penilai else _("Catatan dihapus.")
    )
    return redirect(
        f"{reverse('execution:rencana-pegawai', args=[ra.pegawai_id])}?tahun={ra.tahun}#ra-{ra.pk}"
    )
