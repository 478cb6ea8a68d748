"""Inline editors of an SKP's content: RHK and IKI (the owner, while draft or returned),
the ekspektasi khusus pimpinan (the penilai, before approval) and the lampiran (the
owner). Each editor is a partial swapped in place by HTMX, or a page of its own without
JavaScript; a sent form answers with the refreshed section (HTMX) or redirects to the
SKP page (POST-redirect-GET). A service's refusal is shown on the form and nothing is
written."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest

from .. import domain, selectors
from ..access import access_iki, access_rhk, access_skp, skp_role
from ..forms.content import EkspektasiForm, IKIForm, LampiranForm, RHKForm
from ..models import SKP, Lampiran, PerilakuEkspektasi
from ..services import editing
from .common import (
    editor_response,
    form_error,
    is_top,
    require_owner_edit,
    section_response,
)
from .skp import GET_POST


def _detail(pk: int, anchor: str) -> str:
    return f"{reverse('plans:skp-detail', args=[pk])}#{anchor}"


def _status(error: ValidationError | PermissionDenied) -> int:
    return 403 if isinstance(error, PermissionDenied) else 200


def _choices(skp: SKP) -> list | None:
    """The RHK this SKP may intervene in, or None at the top of the cascade."""
    return None if is_top(skp) else selectors.intervensi_choices(skp)


def _saved(
    request: ActorRequest, actor: MemberActor, skp_id: int, section: str, anchor: str, message: str
) -> HttpResponse:
    if is_htmx(request):
        return section_response(request, actor, skp_id, section)
    messages.success(request, message)
    return redirect(_detail(skp_id, anchor))


def _editor(
    request: ActorRequest,
    template: str,
    title: str,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    response = editor_response(
        request, template=template, context=context, inline=is_htmx(request), title=title
    )
    response.status_code = status
    return response


# --- RHK ------------------------------------------------------------------------------


@GET_POST
@login_required
def rhk_create(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    skp = access_skp(actor=actor, id=pk, for_write=True)
    if request.method == "GET":
        require_owner_edit(actor, skp)
    jenis = request.GET.get("jenis", domain.RHK_UTAMA)
    form = RHKForm(
        request.POST or None,
        choices=_choices(skp),
        initial={"jenis": jenis if jenis in domain.JENIS_RHK else domain.RHK_UTAMA},
        auto_id="rhk-new-%s",
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            rhk = editing.rhk_add(actor=actor, skp_id=skp.pk, **form.service_kwargs())
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = _status(e)
        else:
            return _saved(
                request, actor, skp.pk, "rhk-section", f"rhk-{rhk.pk}", _("RHK ditambahkan.")
            )
    return _editor(
        request,
        "plans/partials/_rhk_form.html",
        _("Tambah RHK"),
        status,
        form=form,
        skp=skp,
        action=reverse("plans:rhk-create", args=[skp.pk]),
        key="new",
        anchor="rhk-section",
    )


@GET_POST
@login_required
def rhk_update(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    rhk = access_rhk(actor=actor, id=pk, for_write=True)
    skp = rhk.skp
    if request.method == "GET":
        require_owner_edit(actor, skp)
    form = RHKForm(
        request.POST or None,
        choices=_choices(skp),
        initial={"jenis": rhk.jenis, "teks": rhk.teks, "intervensi": rhk.intervensi_id},
        auto_id=f"rhk-{rhk.pk}-%s",
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            editing.rhk_update(actor=actor, rhk_id=rhk.pk, **form.service_kwargs())
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = _status(e)
        else:
            return _saved(
                request, actor, skp.pk, "rhk-section", f"rhk-{rhk.pk}", _("RHK disimpan.")
            )
    return _editor(
        request,
        "plans/partials/_rhk_form.html",
        _("Ubah RHK"),
        status,
        form=form,
        skp=skp,
        rhk=rhk,
        action=reverse("plans:rhk-update", args=[rhk.pk]),
        key=rhk.pk,
        anchor=f"rhk-{rhk.pk}",
    )


@require_POST
@login_required
def rhk_delete(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    rhk = access_rhk(actor=actor, id=pk, for_write=True)
    try:
        editing.rhk_delete(actor=actor, rhk_id=rhk.pk)
    except ValidationError as e:
        if is_htmx(request):
            return section_response(
                request, actor, rhk.skp_id, "rhk-section", section_errors=e.messages
            )
        for m in e.messages:
            messages.error(request, m)
        return redirect(_detail(rhk.skp_id, f"rhk-{rhk.pk}"))
    return _saved(request, actor, rhk.skp_id, "rhk-section", "rhk-section", _("RHK dihapus."))


# --- IKI ------------------------------------------------------------------------------


@GET_POST
@login_required
def iki_create(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    rhk = access_rhk(actor=actor, id=pk, for_write=True)
    if request.method == "GET":
        require_owner_edit(actor, rhk.skp)
    form = IKIForm(
        request.POST or None,
        pendekatan=rhk.skp.pendekatan,
        arah=True,
        auto_id=f"iki-new-{rhk.pk}-%s",
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            editing.iki_add(actor=actor, rhk_id=rhk.pk, **form.service_kwargs())
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = _status(e)
        else:
            return _saved(
                request, actor, rhk.skp_id, "rhk-section", f"rhk-{rhk.pk}", _("IKI ditambahkan.")
            )
    return _editor(
        request,
        "plans/partials/_iki_form.html",
        _("Tambah IKI"),
        status,
        form=form,
        skp=rhk.skp,
        rhk=rhk,
        action=reverse("plans:iki-create", args=[rhk.pk]),
        key=f"new-{rhk.pk}",
        anchor=f"rhk-{rhk.pk}",
    )


@GET_POST
@login_required
def iki_update(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    iki = access_iki(actor=actor, id=pk, for_write=True)
    skp = iki.rhk.skp
    if request.method == "GET":
        require_owner_edit(actor, skp)
    form = IKIForm(
        request.POST or None,
        pendekatan=skp.pendekatan,
        arah=True,
        initial=IKIForm.initial_for(iki),
        auto_id=f"iki-{iki.pk}-%s",
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            editing.iki_update(actor=actor, iki_id=iki.pk, **form.service_kwargs())
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = _status(e)
        else:
            return _saved(
                request, actor, skp.pk, "rhk-section", f"iki-{iki.pk}", _("IKI disimpan.")
            )
    return _editor(
        request,
        "plans/partials/_iki_form.html",
        _("Ubah IKI"),
        status,
        form=form,
        skp=skp,
        rhk=iki.rhk,
        iki=iki,
        action=reverse("plans:iki-update", args=[iki.pk]),
        key=iki.pk,
        anchor=f"iki-{iki.pk}",
    )


@require_POST
@login_required
def iki_delete(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    iki = access_iki(actor=actor, id=pk, for_write=True)
    skp_id = iki.rhk.skp_id
    try:
        editing.iki_delete(actor=actor, iki_id=iki.pk)
    except ValidationError as e:
        if is_htmx(request):
            return section_response(
                request, actor, skp_id, "rhk-section", section_errors=e.messages
            )
        for m in e.messages:
            messages.error(request, m)
        return redirect(_detail(skp_id, f"iki-{iki.pk}"))
    return _saved(request, actor, skp_id, "rhk-section", f"rhk-{iki.rhk_id}", _("IKI dihapus."))


# --- perilaku kerja and lampiran --------------------------------------------------------


@GET_POST
@login_required
def ekspektasi_update(request: ActorRequest, pk: int) -> HttpResponse:
    """The penilai writes the seven "ekspektasi khusus pimpinan" at once (rules §7, §8)."""
    actor = require_instansi(request.actor)
    skp = access_skp(actor=actor, id=pk, for_write=True)
    if skp_role(actor, skp) != domain.PENILAI:
        raise PermissionDenied(
            _("Ekspektasi khusus pimpinan hanya dituliskan oleh pejabat penilai SKP ini.")
        )
    if request.method == "GET" and skp.status == domain.DISETUJUI:
        raise PermissionDenied(
            _("SKP sudah disetujui; ekspektasi hanya dapat diubah melalui revisi SKP.")
        )
    current = dict(
        PerilakuEkspektasi.objects.filter(instansi_id=skp.instansi_id, skp=skp).values_list(
            "nilai", "ekspektasi"
        )
    )
    form = EkspektasiForm(
        request.POST or None, initial={f"nilai_{n}": v for n, v in current.items()}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        changed = {n: v for n, v in form.values().items() if v.strip() != current.get(n, "")}
        try:
            # All seven or none: one refusal leaves every value as it was.
            with transaction.atomic():
                for nilai, text in changed.items():
                    editing.ekspektasi_set(actor=actor, skp_id=skp.pk, nilai=nilai, ekspektasi=text)
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = _status(e)
        else:
            return _saved(
                request,
                actor,
                skp.pk,
                "perilaku-section",
                "perilaku-section",
                _("Ekspektasi khusus pimpinan disimpan."),
            )
    return _editor(
        request,
        "plans/partials/_perilaku_form.html",
        _("Ekspektasi khusus pimpinan"),
        status,
        form=form,
        skp=skp,
        action=reverse("plans:ekspektasi-update", args=[skp.pk]),
        anchor="perilaku-section",
    )


@GET_POST
@login_required
def lampiran_update(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    skp = access_skp(actor=actor, id=pk, for_write=True)
    if request.method == "GET":
        require_owner_edit(actor, skp)
    lampiran = Lampiran.objects.filter(instansi_id=skp.instansi_id, skp=skp).first()
    initial = {f: getattr(lampiran, f) for f in LampiranForm.base_fields} if lampiran else {}
    form = LampiranForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            editing.lampiran_set(actor=actor, skp_id=skp.pk, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = _status(e)
        else:
            return _saved(
                request,
                actor,
                skp.pk,
                "lampiran-section",
                "lampiran-section",
                _("Lampiran disimpan."),
            )
    return _editor(
        request,
        "plans/partials/_lampiran_form.html",
        _("Lampiran SKP"),
        status,
        form=form,
        skp=skp,
        action=reverse("plans:lampiran-update", args=[skp.pk]),
        anchor="lampiran-section",
    )
