"""Pages for activating staff accounts (org.activation): the issuing list with the
per-unit form, one person's page (from the staff page), the result page that shows
the codes once, the letters as PDF, and the platform admin's page for an agency's
Admin Instansi and Auditors.

The result page is the only place a code is ever shown, so it is rendered in answer
to the POST (no redirect: the codes are not stored to show them again) and never
cached; a one-time form token keeps a reload from issuing yet another code.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core import accounts, ratelimit, siteurl
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.core.pdf import render_pdf

from ..access import require_platform_admin
from ..activation import issuing, platform
from ..activation import letters as activation_letters
from ..activation import scope as issuers
from ..activation import status as activation_status
from ..forms.activation import ActivationFilterForm, UnitIssueForm
from ..models import Instansi, UnitKerja

GET_POST = require_http_methods(["GET", "POST"])
NONCES_KEPT = 50


# --- helpers --------------------------------------------------------------------------


def _nonce() -> str:
    return secrets.token_urlsafe(16)


def _nonce_spent(request: HttpRequest) -> bool:
    """True if this form was already submitted (a reload of the result page); else
    remember it. Without a token the request goes ahead (nothing to compare)."""
    token = request.POST.get("nonce", "")[:64]
    if not token:
        return False
    used: list[str] = request.session.get("aktivasi_nonces", [])
    if token in used:
        return True
    request.session["aktivasi_nonces"] = [*used, token][-NONCES_KEPT:]
    return False


def _site(request: HttpRequest) -> str:
    """The address letters and emails give: SITE_URL, else the one the admin uses."""
    return siteurl.base() or request.build_absolute_uri("/").rstrip("/")


def _result(request: HttpRequest, result: issuing.Result, back: str, **extra: Any):
    response = render(
        request,
        "org/aktivasi_hasil.html",
        {"result": result, "back": back, **extra},
    )
    response["Cache-Control"] = "no-store"
    return response


# --- the issuing list -----------------------------------------------------------------


@require_GET
@login_required
def aktivasi_list(request: ActorRequest) -> HttpResponse:
    scope = issuers.issuer_scope(request.actor)
    units = issuers.unit_choices(scope)
    form = ActivationFilterForm(request.GET or None, units=units)
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        filters = form.filters()
    unit = None
    if "unit" in filters:
        unit = UnitKerja.objects.filter(
            instansi_id=scope.actor.instansi_id, pk=filters["unit"]
        ).first()
    qs = activation_status.activation_list(
        scope=scope, q=filters.get("q", ""), unit=unit, status=filters.get("status", "")
    )
    page = Paginator(qs, activation_status.PAGE_SIZE).get_page(request.GET.get("page"))
    # The pager template reads page.elided; Page has no such field to type.
    page.elided = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "labels": activation_status.Status.LABELS,
    }
    if is_htmx(request):
        return render(request, "org/partials/_aktivasi_results.html", context)
    counts = activation_status.status_counts(scope=scope)
    context.update(
        counts=[(k, label, counts[k]) for k, label in activation_status.Status.CHOICES],
        unit_form=UnitIssueForm(units=units),
        nonce=_nonce(),
        scope=scope,
        batch_max=issuing.UNIT_BATCH_MAX,
    )
    return render(request, "org/aktivasi_list.html", context)


# --- one person -----------------------------------------------------------------------


@GET_POST
@never_cache
@login_required
def aktivasi_pegawai(request: ActorRequest, pk: int) -> HttpResponse:
    scope, pegawai = issuers.access_pegawai(actor=request.actor, id=pk)
    reason = issuers.refusal(scope, pegawai)
    address = issuing.email_address(pegawai) if not reason else ""
    if request.method == "POST":
        if reason:
            raise PermissionDenied(reason)
        if _nonce_spent(request):
            messages.info(
                request,
                _("Kode untuk permintaan ini sudah diterbitkan. Terbitkan lagi bila perlu."),
            )
            return redirect("org:aktivasi-pegawai", pk=pegawai.pk)
        result = issuing.issue(
            scope=scope,
            people=[pegawai],
            by_email=request.POST.get("cara") == "email" and bool(address),
            site=_site(request),
            ip=ratelimit.client_ip(request),
        )
        return _result(request, result, back=reverse("org:pegawai-detail", args=[pegawai.pk]))
    status, expires = activation_status.pegawai_status(pegawai)
    context = {
        "p": pegawai,
        "reason": reason,
        "status": status,
        "status_label": activation_status.Status.LABELS[status],
        "expires": expires,
        "address": address,
        "nonce": _nonce(),
    }
    return render(request, "org/aktivasi_pegawai.html", context)


# --- a whole unit ---------------------------------------------------------------------


@require_POST
@never_cache
@login_required
def aktivasi_unit(request: ActorRequest) -> HttpResponse:
    scope = issuers.issuer_scope(request.actor)
    unit_id = parse_id(request.POST.get("unit", ""))
    unit = (
        UnitKerja.objects.filter(instansi_id=scope.actor.instansi_id, pk=unit_id).first()
        if unit_id
        else None
    )
    if unit is None:
        raise Http404(_("Data tidak ditemukan."))
    if not scope.covers_unit(unit):
        raise PermissionDenied(_("Unit ini di luar unit yang Anda kelola."))
    if _nonce_spent(request):
        messages.info(request, _("Kode untuk permintaan ini sudah diterbitkan."))
        return redirect("org:aktivasi-list")
    try:
        people, skipped = issuing.unit_candidates(
            scope=scope, unit=unit, include_pending=bool(request.POST.get("termasuk_menunggu"))
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("org:aktivasi-list")
    if not people:
        messages.info(
            request,
            _("Tidak ada pegawai di %(unit)s yang perlu diterbitkan kodenya.") % {"unit": unit},
        )
    result = issuing.issue(
        scope=scope,
        people=people,
        by_email=request.POST.get("cara") == "email",
        site=_site(request),
        ip=ratelimit.client_ip(request),
    )
    return _result(request, result, back="", unit=unit, skipped=skipped)


# --- the letters ----------------------------------------------------------------------


def _pairs(request: HttpRequest) -> list[tuple[int, str]]:
    users, codes = request.POST.getlist("u"), request.POST.getlist("k")
    if not users or len(users) != len(codes) or len(users) > issuing.UNIT_BATCH_MAX:
        return []
    out = []
    for uid, code in zip(users, codes, strict=True):
        user_id = parse_id(uid)
        if user_id is None:
            return []
        out.append((user_id, code[:40]))
    return out


@require_POST
@never_cache
@login_required
def aktivasi_surat(request: ActorRequest) -> HttpResponse:
    """The activation letters (PDF) for codes the reader has just issued: every code
    must still be the live code of someone the reader may issue codes for."""
    actor = request.actor
    pairs = _pairs(request)
    if actor is not None and actor.is_platform_admin and actor.instansi_id is None:
        allowed = platform.platform_printable(user_ids=[uid for uid, _c in pairs])
    else:
        scope = issuers.issuer_scope(actor)
        allowed = activation_letters.printable_for(scope=scope, user_ids=[uid for uid, _c in pairs])
    letters, refused = activation_letters.letters_verified(
        pairs=pairs, allowed=allowed, site=_site(request)
    )
    if not pairs or refused or not letters:
        return render(
            request,
            "core/error.html",
            {
                "status": 400,
                "title": _("Surat tidak dapat dicetak"),
                "message": _(
                    "Kode pada permintaan ini tidak berlaku lagi (sudah dipakai, diganti, "
                    "atau kedaluwarsa). Terbitkan kode baru untuk mencetak suratnya."
                ),
            },
            status=400,
        )
    with translation.override(settings.LANGUAGE_CODE):  # an official document: Indonesian
        pdf = render_pdf("org/aktivasi_surat.html", {"letters": letters})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="surat-aktivasi.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- the platform admin: an agency's admins and auditors ------------------------------


@GET_POST
@never_cache
@login_required
def instansi_akun(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_platform_admin(request.actor)
    instansi = Instansi.objects.filter(pk=pk).first()
    if instansi is None:
        raise Http404(_("Data tidak ditemukan."))
    if request.method == "POST":
        user_id = parse_id(request.POST.get("user", ""))
        if user_id is None:
            raise Http404(_("Data tidak ditemukan."))
        user = platform.privileged_user(instansi_id=instansi.pk, user_id=user_id)
        if request.POST.get("aksi") == "email":
            email = request.POST.get("email", "").strip()
            field = forms.EmailField(max_length=254)
            try:
                email = field.clean(email)
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
                return redirect("org:instansi-akun", pk=instansi.pk)
            accounts.login_email_change(
                actor=actor.user, user=user, email=email, ip=ratelimit.client_ip(request)
            )
            messages.success(request, _("Email login %(u)s diubah.") % {"u": user})
            return redirect("org:instansi-akun", pk=instansi.pk)
        if _nonce_spent(request):
            messages.info(request, _("Kode untuk permintaan ini sudah diterbitkan."))
            return redirect("org:instansi-akun", pk=instansi.pk)
        letter = platform.platform_issue(
            actor_user=actor.user, user=user, site=_site(request), ip=ratelimit.client_ip(request)
        )
        result = issuing.Result(letters=[letter])
        return _result(request, result, back="", instansi=instansi)
    context = {
        "instansi": instansi,
        "accounts": platform.privileged_accounts(instansi_id=instansi.pk),
        "nonce": _nonce(),
    }
    return render(request, "org/instansi_akun.html", context)
