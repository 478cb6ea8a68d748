"""Pages for starting an SKP faster (issue 3 item 8): the Admin Instansi's SKP templates
per jabatan, with their RHK and IKI rows edited inline (HTMX), and the owner's two
actions on their SKP: start from an earlier SKP, or from the jabatan's template.

Every view: parse → access (plans.access) → service or read (plans.selectors) →
render the full page, or the fragment for HTMX. Writes are POST-redirect-GET without
HTMX; a refusal is shown next to its field or at the top, and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.org.access import org_scope
from ekinerja.org.models import Jabatan

from .. import domain, selectors
from ..access import (
    access_skp,
    access_skp_template,
    access_skp_template_iki,
    access_skp_template_rhk,
    require_template_admin,
    skp_role,
)
from ..forms.content import IKIForm, RHKForm
from ..forms.templates import SourceForm, TemplateForm
from ..models import SKP, PeriodeKinerja, SKPTemplate, SKPTemplateRHK
from ..services import copying
from ..services import templates as template_services
from ..services.templates import JENIS_JABATAN

GET_POST = require_http_methods(["GET", "POST"])
PAGE_SIZE = 50


def _skp_url(pk: int) -> str:
    """The SKP's page (views/skp.py); its path under "skp/" until the name is there."""
    try:
        return reverse("plans:skp-detail", args=[pk])
    except NoReverseMatch:
        return f"/skp/{pk}/"


def _error(form: forms.Form, e: ValidationError | PermissionDenied) -> None:
    if isinstance(e, ValidationError):
        add_service_errors(form, e)
    else:
        form.add_error(None, str(e))


def _with_targets(rows: list[SKPTemplateRHK]) -> list[SKPTemplateRHK]:
    for r in rows:
        for i in r.iki.all():
            i.target_display = domain.target_text(i)
    return rows


# --- templates: list, create, edit, delete (Admin Instansi) ------------------------------


@require_GET
@login_required
def template_list(request: ActorRequest) -> HttpResponse:
    actor = require_template_admin(request.actor)
    q = request.GET.get("q", "").strip()[:100]
    jenis = request.GET.get("jenis", "")
    jenis = jenis if jenis in JENIS_JABATAN else ""
    page = Paginator(
        selectors.skp_template_list(actor=actor, q=q, jenis=jenis), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    # The pager template reads page.elided; Page has no such field to type.
    page.elided = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    context = {"page": page, "q": q, "jenis": jenis, "jenis_choices": Jabatan.Jenis.choices}
    if is_htmx(request):
        return render(request, "plans/partials/_template_results.html", context)
    return render(request, "plans/template_list.html", context)


@GET_POST
@login_required
def template_create(request: ActorRequest) -> HttpResponse:
    actor = require_template_admin(request.actor)
    form = TemplateForm(request.POST or None, instansi_id=actor.instansi_id)
    if request.method == "POST" and form.is_valid():
        try:
            t = template_services.skp_template_create(actor=actor, **form.service_kwargs())
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            messages.success(
                request, _("Templat “%(n)s” dibuat. Tambahkan RHK dan IKI-nya.") % {"n": t.nama}
            )
            return redirect("plans:template-update", pk=t.pk)
    return render(request, "plans/template_form.html", {"form": form, "t": None})


def _rows_context(t: SKPTemplate, **extra: Any) -> dict[str, Any]:
    return {
        "t": t,
        "rows": _with_targets(selectors.skp_template_rows(template=t)),
        "rhk_form": RHKForm(choices=None, prefix="baru"),
        **extra,
    }


def _rows_response(request: ActorRequest, t: SKPTemplate) -> HttpResponse:
    """After an inline write: the refreshed rows, in place of the whole rows section."""
    response = HttpResponse(
        render_to_string("plans/partials/_template_rows.html", _rows_context(t), request=request)
    )
    response["HX-Retarget"] = "#template-rows"
    response["HX-Reswap"] = "outerHTML"
    return response


@GET_POST
@login_required
def template_update(request: ActorRequest, pk: int) -> HttpResponse:
    """The template's header form and, below it, its RHK and IKI rows."""
    t = access_skp_template(actor=request.actor, id=pk)
    actor = require_template_admin(request.actor)  # passed inside access_skp_template
    if request.method == "GET" and is_htmx(request):
        return render(request, "plans/partials/_template_rows.html", _rows_context(t))
    initial = {
        "nama": t.nama,
        "jabatan": t.jabatan.kode if t.jabatan else "",
        "jenis_jabatan": t.jenis_jabatan,
        "pendekatan": t.pendekatan,
        "keterangan": t.keterangan,
    }
    form = TemplateForm(request.POST or None, initial=initial, instansi_id=actor.instansi_id)
    if request.method == "POST" and form.is_valid():
        try:
            t = template_services.skp_template_update(
                actor=actor, template_id=t.pk, **form.service_kwargs()
            )
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            messages.success(request, _("Templat “%(n)s” disimpan.") % {"n": t.nama})
            return redirect("plans:template-update", pk=t.pk)
    return render(request, "plans/template_form.html", {"form": form, **_rows_context(t)})


@GET_POST
@login_required
def template_delete(request: ActorRequest, pk: int) -> HttpResponse:
    t = access_skp_template(actor=request.actor, id=pk)
    if request.method == "POST":
        template_services.skp_template_delete(actor=request.actor, template_id=t.pk)
        messages.success(request, _("Templat “%(n)s” dihapus.") % {"n": t.nama})
        if is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("plans:template-list")
            return response
        return redirect("plans:template-list")
    return render(
        request,
        "plans/template_confirm_delete.html",
        {
            "t": t,
            "title": _("Hapus templat"),
            "question": _(
                "Hapus templat “%(n)s” beserta semua RHK dan IKI-nya? SKP yang sudah "
                "memakainya tidak berubah."
            )
            % {"n": t.nama},
        },
    )


# --- template rows, inline -----------------------------------------------------------------


def _editor(
    request: ActorRequest,
    *,
    t: SKPTemplate,
    partial: str,
    context: dict[str, Any],
    title: str,
) -> HttpResponse:
    """An inline editor for HTMX, or a page of its own without JavaScript."""
    context = {**context, "t": t, "inline": is_htmx(request), "title": title}
    if context["inline"]:
        return render(request, partial, context)
    return render(request, "plans/template_row_form.html", {**context, "partial": partial})


def _saved(request: ActorRequest, t: SKPTemplate, message: str, anchor: str) -> HttpResponse:
    if is_htmx(request):
        return _rows_response(request, t)
    messages.success(request, message)
    return redirect(reverse("plans:template-update", args=[t.pk]) + anchor)


@GET_POST
@login_required
def template_rhk_add(request: ActorRequest, pk: int) -> HttpResponse:
    t = access_skp_template(actor=request.actor, id=pk)
    form = RHKForm(request.POST or None, choices=None, prefix="baru")
    if request.method == "POST" and form.is_valid():
        try:
            row = template_services.skp_template_rhk_add(
                actor=request.actor,
                template_id=t.pk,
                jenis=form.cleaned_data["jenis"],
                teks=form.cleaned_data["teks"],
            )
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            return _saved(request, t, _("RHK ditambahkan."), f"#trhk-{row.pk}")
    return _editor(
        request,
        t=t,
        partial="plans/partials/_template_rhk_form.html",
        context={"form": form, "action": reverse("plans:template-rhk-add", args=[t.pk])},
        title=_("Tambah RHK templat"),
    )


@GET_POST
@login_required
def template_rhk_update(request: ActorRequest, pk: int) -> HttpResponse:
    row = access_skp_template_rhk(actor=request.actor, id=pk)
    form = RHKForm(
        request.POST or None,
        choices=None,
        prefix=f"rhk{row.pk}",
        initial={"jenis": row.jenis, "teks": row.teks},
    )
    if request.method == "POST" and form.is_valid():
        try:
            template_services.skp_template_rhk_update(
                actor=request.actor,
                rhk_id=row.pk,
                jenis=form.cleaned_data["jenis"],
                teks=form.cleaned_data["teks"],
            )
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            return _saved(request, row.template, _("RHK disimpan."), f"#trhk-{row.pk}")
    return _editor(
        request,
        t=row.template,
        partial="plans/partials/_template_rhk_form.html",
        context={
            "form": form,
            "row": row,
            "action": reverse("plans:template-rhk-update", args=[row.pk]),
        },
        title=_("Ubah RHK templat"),
    )


def _confirm(request: ActorRequest, t: SKPTemplate, question: str, title: str) -> HttpResponse:
    return render(
        request,
        "plans/template_confirm_delete.html",
        {"t": t, "question": question, "title": title},
    )


@GET_POST
@login_required
def template_rhk_delete(request: ActorRequest, pk: int) -> HttpResponse:
    row = access_skp_template_rhk(actor=request.actor, id=pk)
    if request.method == "POST":
        template_services.skp_template_rhk_delete(actor=request.actor, rhk_id=row.pk)
        return _saved(request, row.template, _("RHK dihapus."), "#template-rows")
    return _confirm(
        request,
        row.template,
        _("Hapus RHK “%(r)s” beserta IKI-nya dari templat ini?") % {"r": row.teks[:120]},
        _("Hapus RHK templat"),
    )


@GET_POST
@login_required
def template_iki_add(request: ActorRequest, pk: int) -> HttpResponse:
    rhk = access_skp_template_rhk(actor=request.actor, id=pk)
    t = rhk.template
    form = IKIForm(request.POST or None, pendekatan=t.pendekatan, prefix=f"iki-baru{rhk.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            template_services.skp_template_iki_add(
                actor=request.actor, rhk_id=rhk.pk, **form.service_kwargs()
            )
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            return _saved(request, t, _("IKI ditambahkan."), f"#trhk-{rhk.pk}")
    return _editor(
        request,
        t=t,
        partial="plans/partials/_template_iki_form.html",
        context={
            "form": form,
            "rhk": rhk,
            "action": reverse("plans:template-iki-add", args=[rhk.pk]),
        },
        title=_("Tambah IKI templat"),
    )


@GET_POST
@login_required
def template_iki_update(request: ActorRequest, pk: int) -> HttpResponse:
    row = access_skp_template_iki(actor=request.actor, id=pk)
    t = row.rhk.template
    form = IKIForm(
        request.POST or None,
        pendekatan=t.pendekatan,
        prefix=f"iki{row.pk}",
        initial=IKIForm.initial_for(row),  # type: ignore[arg-type]  # same fields as IKI
    )
    if request.method == "POST" and form.is_valid():
        try:
            template_services.skp_template_iki_update(
                actor=request.actor, iki_id=row.pk, **form.service_kwargs()
            )
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            return _saved(request, t, _("IKI disimpan."), f"#trhk-{row.rhk_id}")
    return _editor(
        request,
        t=t,
        partial="plans/partials/_template_iki_form.html",
        context={
            "form": form,
            "rhk": row.rhk,
            "row": row,
            "action": reverse("plans:template-iki-update", args=[row.pk]),
        },
        title=_("Ubah IKI templat"),
    )


@GET_POST
@login_required
def template_iki_delete(request: ActorRequest, pk: int) -> HttpResponse:
    row = access_skp_template_iki(actor=request.actor, id=pk)
    t = row.rhk.template
    if request.method == "POST":
        template_services.skp_template_iki_delete(actor=request.actor, iki_id=row.pk)
        return _saved(request, t, _("IKI dihapus."), f"#trhk-{row.rhk_id}")
    return _confirm(
        request,
        t,
        _("Hapus IKI “%(i)s” dari templat ini?") % {"i": row.indikator[:120]},
        _("Hapus IKI templat"),
    )


# --- the owner's actions on their SKP ------------------------------------------------------


def _own_skp(actor: MemberActor, pk: int) -> SKP:
    """An SKP of the actor's instansi that the actor owns (404 / 403 otherwise)."""
    skp = access_skp(actor=actor, id=pk)
    if skp_role(actor, skp) != domain.OWNER:
        raise PermissionDenied(_("Hanya pemilik SKP yang dapat mengisi SKP ini."))
    return skp


def _repick_note(request: ActorRequest, n: int) -> None:
    if n:
        messages.warning(
            request,
            _(
                "%(n)s RHK belum terhubung dengan RHK pejabat penilai: RHK atasan tahun lalu "
                "tidak dapat diintervensi lagi. Pilih kembali RHK atasan untuk setiap RHK "
                "sebelum mengajukan SKP."
            )
            % {"n": n},
        )


@GET_POST
@login_required
def skp_copy(request: ActorRequest) -> HttpResponse:
    """A new draft SKP from one of the actor's SKP of an earlier year."""
    actor = require_instansi(request.actor)
    if org_scope(actor).pegawai_id is None:
        raise PermissionDenied(
            _("Akun Anda tidak terhubung dengan data pegawai, sehingga tidak mempunyai SKP.")
        )
    periodes = list(PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id).order_by("-tahun"))
    raw = request.POST.get("periode") or request.GET.get("periode") or ""
    periode = next((p for p in periodes if str(p.pk) == raw), periodes[0] if periodes else None)
    sources = (
        selectors.skp_copy_sources(actor=actor, before=dt.date(periode.tahun, 1, 1))
        if periode
        else []
    )
    form = SourceForm(
        request.POST or None,
        sources=sources,
        periodes=periodes,
        initial={"periode": periode.pk if periode else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            skp = copying.skp_copy_previous(
                actor=actor,
                source_skp_id=form.cleaned_data["source"],
                periode_id=form.cleaned_data["periode"],
            )
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            messages.success(
                request,
                _("SKP tahun %(t)s dibuat sebagai draf dari SKP sebelumnya. Periksa isinya.")
                % {"t": skp.tanggal_mulai.year},
            )
            _repick_note(request, selectors.rhk_needing_intervensi(skp=skp))
            return redirect(_skp_url(skp.pk))
    context = {"form": form, "periode": periode, "sources": sources, "periodes": periodes}
    if is_htmx(request) and request.method == "GET":
        return render(request, "plans/partials/_skp_copy_form.html", context)
    return render(request, "plans/skp_copy.html", context)


@GET_POST
@login_required
def skp_copy_into(request: ActorRequest, pk: int) -> HttpResponse:
    """Fill the actor's open draft from one of their earlier SKP."""
    actor = require_instansi(request.actor)
    skp = _own_skp(actor, pk)
    sources = selectors.skp_copy_sources(actor=actor, before=skp.tanggal_mulai, exclude_id=skp.pk)
    form = SourceForm(request.POST or None, sources=sources)
    editable = domain.is_editable(skp.status)
    if request.method == "POST" and form.is_valid():
        try:
            copied = copying.skp_copy_into(
                actor=actor, skp_id=skp.pk, source_skp_id=form.cleaned_data["source"]
            )
        except (ValidationError, PermissionDenied) as e:
            _error(form, e)
        else:
            messages.success(
                request,
                _("%(r)s RHK dan %(i)s IKI disalin ke SKP ini.")
                % {"r": copied.rhk, "i": copied.iki},
            )
            _repick_note(request, copied.perlu_intervensi)
            return redirect(_skp_url(skp.pk))
    context = {
        "form": form,
        "skp": skp,
        "sources": sources,
        "editable": editable,
        "skp_url": _skp_url(skp.pk),
    }
    return render(request, "plans/skp_copy_into.html", context)


@GET_POST
@login_required
def skp_apply_template(request: ActorRequest, pk: int) -> HttpResponse:
    """The templates of the SKP's jabatan (and of its jenis jabatan), to add to it."""
    actor = require_instansi(request.actor)
    skp = _own_skp(actor, pk)
    skp = SKP.objects.select_related("jabatan", "periode").get(
        instansi_id=actor.instansi_id, pk=skp.pk
    )
    errors: list[str] = []
    if request.method == "POST":
        raw = request.POST.get("template", "")
        try:
            template_id = parse_id(raw)
            if template_id is None:
                raise ValidationError(_("Pilih templat yang akan dipakai."))
            copied = template_services.skp_apply_template(
                actor=actor, skp_id=skp.pk, template_id=template_id
            )
        except (ValidationError, PermissionDenied) as e:
            errors = list(e.messages) if isinstance(e, ValidationError) else [str(e)]
        else:
            messages.success(
                request,
                _("%(r)s RHK dan %(i)s IKI dari templat ditambahkan ke SKP ini.")
                % {"r": copied.rhk, "i": copied.iki},
            )
            if copied.perlu_intervensi:
                messages.warning(
                    request,
                    _("Pilih RHK pejabat penilai yang diintervensi oleh %(n)s RHK baru.")
                    % {"n": copied.perlu_intervensi},
                )
            return redirect(_skp_url(skp.pk))
    templates = selectors.skp_templates_for(skp=skp)
    for t in templates:
        _with_targets(list(t.rhk.all()))
    context = {
        "skp": skp,
        "templates": templates,
        "errors": errors,
        "editable": domain.is_editable(skp.status),
        "skp_url": _skp_url(skp.pk),
    }
    return render(request, "plans/template_apply.html", context, status=200)
