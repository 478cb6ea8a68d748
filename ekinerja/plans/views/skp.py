"""The pegawai's own SKP, creating one, the SKP page and its workflow buttons (rules §8:
draft → diajukan → disetujui, diajukan → dikembalikan with a reason → draft, revision of
an approved SKP into a new version)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.clock import local_today
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.org.models import Pegawai
from ekinerja.org.selectors import pegawai_for_user

from .. import selectors
from ..forms.skp import ReturnForm, SKPCreateForm
from ..services import creation, workflow
from .common import SECTIONS, detail_context, error_text, form_error

GET_POST = require_http_methods(["GET", "POST"])


# --- SKP saya -------------------------------------------------------------------------


@require_GET
@login_required
def skp_mine(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    me = pegawai_for_user(actor=actor)
    rows = list(selectors.skp_list(actor=actor, pegawai_id=me.pk)) if me else []
    replaced = {r.sebelumnya_id: r for r in rows if r.sebelumnya_id}
    years: dict[int, list[Any]] = {}
    for r in rows:
        r.replaced_by = replaced.get(r.pk)
        years.setdefault(r.periode.tahun, []).append(r)
    context = {
        "me": me,
        "years": sorted(years.items(), reverse=True),
        "n_queue": selectors.penilai_queue(actor=actor).count() if me else 0,
    }
    return render(request, "plans/skp_mine.html", context)


@GET_POST
@login_required
def skp_create(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    me = pegawai_for_user(actor=actor)
    if me is None:
        raise PermissionDenied(
            _("Akun Anda tidak terhubung dengan data pegawai, sehingga tidak dapat membuat SKP.")
        )
    periodes = list(selectors.periode_list(actor=actor))
    year = local_today(actor).year
    default = next((p for p in periodes if p.tahun == year), periodes[0] if periodes else None)
    form = SKPCreateForm(
        request.POST or None,
        periodes=periodes,
        initial={"periode": default.pk if default else None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            skp = creation.skp_create(
                actor=actor,
                pegawai_id=me.pk,
                periode_id=data["periode"],
                pendekatan=data["pendekatan"],
                tanggal_mulai=data["tanggal_mulai"],
                tanggal_selesai=data["tanggal_selesai"],
            )
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
        else:
            messages.success(
                request,
                _("SKP tahun %(t)s dibuat sebagai draf. Tambahkan RHK dan IKI, lalu ajukan.")
                % {"t": skp.tanggal_mulai.year},
            )
            return redirect("plans:skp-detail", pk=skp.pk)
    atasan_penilai = None
    if me.atasan is not None and me.atasan.atasan_id:
        atasan_penilai = (
            Pegawai.objects.select_related("jabatan")
            .filter(instansi_id=actor.instansi_id, pk=me.atasan.atasan_id)
            .first()
        )
    context = {
        "form": form,
        "me": me,
        "penilai": me.atasan,
        "atasan_penilai": atasan_penilai,
        "periodes": periodes,
    }
    return render(request, "plans/skp_create.html", context)


# --- the SKP page ---------------------------------------------------------------------


@require_GET
@login_required
def skp_detail(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    context = detail_context(actor, pk)
    target = request.headers.get("HX-Target", "")
    if is_htmx(request) and target in SECTIONS:
        return render(request, SECTIONS[target], context)
    return render(request, "plans/skp_detail.html", context)


def _refused(
    request: ActorRequest,
    actor: MemberActor,
    pk: int,
    error: ValidationError | PermissionDenied,
    **extra: Any,
) -> HttpResponse:
    """The SKP page again with the refusal in its workflow panel; nothing was written."""
    status = 403 if isinstance(error, PermissionDenied) else 200
    context = detail_context(actor, pk, workflow_errors=error_text(error), **extra)
    return render(request, "plans/skp_detail.html", context, status=status)


@require_POST
@login_required
def skp_submit(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    try:
        skp = workflow.skp_submit(actor=actor, skp_id=pk)
    except (ValidationError, PermissionDenied) as e:
        return _refused(request, actor, pk, e)
    messages.success(
        request,
        _("SKP diajukan kepada %(n)s untuk disetujui.")
        % {"n": (skp.snapshot.get("penilai") or {}).get("nama", "")},
    )
    return redirect("plans:skp-detail", pk=pk)


@require_POST
@login_required
def skp_approve(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    try:
        skp = workflow.skp_approve(actor=actor, skp_id=pk)
    except (ValidationError, PermissionDenied) as e:
        return _refused(request, actor, pk, e)
    messages.success(
        request,
        _("SKP %(n)s disetujui.") % {"n": (skp.snapshot.get("pegawai") or {}).get("nama", "")},
    )
    return redirect("plans:skp-queue")


@require_POST
@login_required
def skp_return(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            skp = workflow.skp_return(actor=actor, skp_id=pk, alasan=form.cleaned_data["alasan"])
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = 403 if isinstance(e, PermissionDenied) else 200
        else:
            messages.success(
                request,
                _("SKP %(n)s dikembalikan dengan alasan yang Anda tuliskan.")
                % {"n": (skp.snapshot.get("pegawai") or {}).get("nama", "")},
            )
            return redirect("plans:skp-queue")
    else:
        status = 200
    context = detail_context(actor, pk, return_form=form)
    return render(request, "plans/skp_detail.html", context, status=status)


@require_POST
@login_required
def skp_revise(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    try:
        new = workflow.skp_revise(actor=actor, skp_id=pk)
    except (ValidationError, PermissionDenied) as e:
        return _refused(request, actor, pk, e)
    messages.success(
        request,
        _(
            "Versi %(v)s dibuat sebagai draf dari SKP yang disetujui. Ubah isinya lalu ajukan "
            "kembali; versi yang disetujui tetap berlaku sampai revisi ini disetujui."
        )
        % {"v": new.versi},
    )
    return redirect("plans:skp-detail", pk=new.pk)
