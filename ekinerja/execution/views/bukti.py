"""Evidence pages (issue 4 item 3): upload a file or a link for an activity, a rencana
aksi or an RHK (?aktivitas= / ?rencana= / ?rhk=), download a file, delete, the evidence
of an RHK realisation, and the agency's execution settings (Admin Instansi).

The upload reads the request body only after the actor is known to own the target, and
through an upload handler that stops storing a file as soon as it passes the agency's
limit: a file over the limit gets a message on the form, never a stack trace, and never
reaches the disk.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.core.redirects import safe_next

from .. import files
from ..access import access_bukti, require_execution_admin
from ..forms.bukti import BuktiForm, PengaturanForm
from ..selectors import bukti as sel
from ..selectors.pengaturan import pengaturan
from ..services import bukti as svc
from ..services.pengaturan import pengaturan_update

GET_POST = require_http_methods(["GET", "POST"])
PARAMS = {"aktivitas": "aktivitas_id", "rencana": "rencana_aksi_id", "rhk": "rhk_id"}


def _ids(request: ActorRequest) -> dict[str, int]:
    """The one target of the query string, as the service's keyword."""
    out: dict[str, int] = {}
    for param, kw in PARAMS.items():
        raw = request.GET.get(param)
        if raw is None:
            continue
        value = parse_id(raw)
        if value is None:
            raise Http404(_("Sasaran bukti dukung tidak ditemukan."))
        out[kw] = value
    if len(out) != 1:
        raise Http404(_("Pilih satu aktivitas, rencana aksi atau RHK untuk bukti dukungnya."))
    return out


def _reverse(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # a page another part of the app has not added yet
        return None


def target_page(target: sel.Target) -> str | None:
    """Where the thing the evidence supports is shown."""
    if target.kind == sel.AKTIVITAS:
        return _reverse("execution:aktivitas-detail", target.pk)
    if target.kind == sel.RENCANA_AKSI:
        return _reverse("execution:rencana-list")
    return _reverse("execution:bukti-rhk", target.pk)


def upload_url(target: sel.Target) -> str:
    return f"{reverse('execution:bukti-upload')}?{target.param}={target.pk}"


def _next(request: ActorRequest) -> str | None:
    return safe_next(request, request.POST.get("next") or request.GET.get("next") or "")


def panel_context(
    actor: MemberActor, target: sel.Target, form: BuktiForm | None = None, **extra: Any
) -> dict[str, Any]:
    """The evidence panel of one thing: its list, and the upload form for its owner
    while it is open."""
    limit = svc.max_bytes(actor.instansi_id)
    owner_open = target.is_owner(actor) and target.is_open
    if form is None and owner_open:
        form = BuktiForm(
            limit_text=files.size_text(limit), limit=limit, auto_id=f"bukti-{target.param}-%s"
        )
    return {
        "target": target,
        "bukti_list": sel.bukti_list(instansi_id=actor.instansi_id, target=target),
        "can_delete": owner_open,
        "form": form if owner_open else None,
        "upload_url": upload_url(target),
        "panel_id": f"bukti-panel-{target.param}-{target.pk}",
        "limit_text": files.size_text(limit),
        **extra,
    }


# --- upload ---------------------------------------------------------------------------


@csrf_exempt  # the CSRF check runs in _upload, after the limit handler is in place
@GET_POST
@login_required
def bukti_upload(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    target = sel.target_for(actor=actor, for_write=True, **_ids(request))
    handler = None
    if request.method == "POST":
        # Django documents this order: replace the handlers before anything reads
        # request.POST (the CSRF check would), hence csrf_exempt + csrf_protect.
        handler = files.LimitHandler(svc.max_bytes(actor.instansi_id), request)
        request.upload_handlers.insert(0, handler)
    return _upload(request, actor, target, handler)


@csrf_protect
def _upload(
    request: ActorRequest,
    actor: MemberActor,
    target: sel.Target,
    handler: files.LimitHandler | None,
) -> HttpResponse:
    if target.closed:
        raise PermissionDenied(target.closed)
    limit = svc.max_bytes(actor.instansi_id)
    limit_text = files.size_text(limit)
    if request.method == "GET":
        return _upload_response(request, actor, target, None)
    form = BuktiForm(
        request.POST,
        request.FILES,
        limit_text=limit_text,
        limit=limit,
        auto_id=f"bukti-{target.param}-%s",
    )
    if handler is not None and handler.too_big:
        form.is_valid()
        form.errors.clear()
        form.add_error(
            "berkas",
            _(
                "Berkas melebihi batas %(batas)s yang ditetapkan instansi sehingga tidak "
                "disimpan. Perkecil berkasnya (mis. kompres PDF atau gambar), lalu unggah lagi."
            )
            % {"batas": limit_text},
        )
        return _upload_response(request, actor, target, form)
    if form.is_valid():
        ids = {PARAMS[target.param]: target.pk}
        keterangan = form.cleaned_data["keterangan"]
        try:
            if form.cleaned_data.get("berkas"):
                svc.bukti_add_file(
                    actor=actor, berkas=form.cleaned_data["berkas"], keterangan=keterangan, **ids
                )
            else:
                svc.bukti_add_link(
                    actor=actor, tautan=form.cleaned_data["tautan"], keterangan=keterangan, **ids
                )
        except ValidationError as e:
            add_service_errors(form, e)
        except PermissionDenied as e:
            form.add_error(None, str(e))
        else:
            done = _("Bukti dukung disimpan.")
            if is_htmx(request):
                return _upload_response(request, actor, target, None, saved=done)
            messages.success(request, done)
            return redirect(_next(request) or upload_url(target))
    return _upload_response(request, actor, target, form)


def _upload_response(
    request: ActorRequest,
    actor: MemberActor,
    target: sel.Target,
    form: BuktiForm | None,
    **extra: Any,
) -> HttpResponse:
    context = panel_context(actor, target, form, **extra)
    if is_htmx(request):
        return render(request, "execution/partials/_bukti_panel.html", context)
    context["back_url"] = target_page(target)
    context["next"] = _next(request) or ""
    return render(request, "execution/bukti_upload.html", context)


# --- download and delete --------------------------------------------------------------


@require_GET
@login_required
def bukti_download(request: ActorRequest, pk: int) -> FileResponse:
    """The file, to whoever may read it (access_bukti), as an attachment that a browser
    neither renders in the app's origin nor sniffs, and shared caches do not keep."""
    actor = require_instansi(request.actor)
    return files.bukti_file_response(access_bukti(actor=actor, id=pk))


@require_POST
@login_required
def bukti_delete(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    bukti = access_bukti(actor=actor, id=pk, for_write=True)
    back = _next(request) or _back_of(bukti)
    try:
        svc.bukti_delete(actor=actor, bukti_id=bukti.pk)
    except (ValidationError, PermissionDenied) as e:
        text = " ".join(e.messages) if isinstance(e, ValidationError) else str(e)
        if is_htmx(request):
            return render(
                request,
                "execution/partials/_bukti_item.html",
                {"b": bukti, "can_delete": False, "error": text},
            )
        messages.error(request, text)
        return redirect(back)
    if is_htmx(request):
        return HttpResponse("")  # the item's <li> is swapped out
    messages.success(request, _("Bukti dukung dihapus."))
    return redirect(back)


def _back_of(bukti: Any) -> str:
    if bukti.aktivitas_id:
        return f"{reverse('execution:bukti-upload')}?aktivitas={bukti.aktivitas_id}"
    if bukti.rencana_aksi_id:
        return f"{reverse('execution:bukti-upload')}?rencana={bukti.rencana_aksi_id}"
    return reverse("execution:bukti-rhk", args=[bukti.rhk_id])


# --- the evidence of an RHK realisation -----------------------------------------------


@require_GET
@login_required
def bukti_rhk(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    target = sel.target_for(actor=actor, rhk_id=pk)
    evidence = sel.rhk_evidence(instansi_id=actor.instansi_id, rhk_id=target.pk)
    context = panel_context(actor, target)
    context.update(
        evidence=evidence,
        rhk=target.obj,
        skp=target.obj.skp,  # type: ignore[union-attr]
        skp_url=_reverse("plans:skp-detail", target.obj.skp_id),  # type: ignore[union-attr]
    )
    return render(request, "execution/bukti_rhk.html", context)


# --- the agency's settings ------------------------------------------------------------


@GET_POST
@login_required
def pengaturan_edit(request: ActorRequest) -> HttpResponse:
    actor = require_execution_admin(request.actor)
    current = pengaturan(actor.instansi_id)
    initial = {
        "maks_unggah_kb": current.maks_unggah_kb,
        "menit_kerja_harian": current.menit_kerja_harian,
        "batas_teks_berulang": current.batas_teks_berulang,
    }
    form = PengaturanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pengaturan_update(actor=actor, **form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Pengaturan pelaksanaan kinerja disimpan."))
            return redirect("execution:pengaturan")
    return render(
        request,
        "execution/pengaturan.html",
        {
            "form": form,
            "current": current,
            "limit_text": files.size_text(current.maks_unggah_kb * 1024),
        },
    )
