"""Performance years of the instansi (rules §4, issue 3 §1): the Admin Instansi sets the
periodic evaluation (monthly or quarterly) and when planning opens and closes; the
Auditor reads them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.http import ActorRequest
from ekinerja.org.access import require_admin

from .. import domain, selectors
from ..forms.periode import PeriodeForm
from ..models import PeriodeKinerja
from ..services import periode as periode_services
from .common import form_error
from .skp import GET_POST, local_today


def _periode(actor: MemberActor, pk: int) -> PeriodeKinerja:
    """A periode of the actor's instansi; another agency's is a 404."""
    actor = require_instansi(actor)
    periode = PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id, pk=pk).first()
    if periode is None:
        raise Http404(_("Periode kinerja tidak ditemukan."))
    return periode


@require_GET
@login_required
def periode_list(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    if not (actor.is_admin or actor.is_auditor):
        raise PermissionDenied(
            _("Periode kinerja dikelola oleh Admin Instansi dan dapat dibaca oleh Auditor.")
        )
    today = local_today(actor)
    rows = list(selectors.periode_list(actor=actor).annotate(n_skp=Count("skp")))
    for p in rows:
        p.window_open = not domain.planning_window_error(
            today=today,
            tahun=p.tahun,
            dibuka=p.perencanaan_mulai,
            ditutup=p.perencanaan_selesai,
            is_admin=False,
        )
        p.window_set = bool(p.perencanaan_mulai or p.perencanaan_selesai)
        p.not_yet = bool(p.perencanaan_mulai and today < p.perencanaan_mulai)
    return render(request, "plans/periode_list.html", {"rows": rows, "today": today})


def _save(request: ActorRequest, periode: PeriodeKinerja | None) -> HttpResponse:
    actor = require_admin(request.actor)
    initial = (
        {f: getattr(periode, f) for f in PeriodeForm.base_fields}
        if periode
        else {"tahun": local_today(actor).year, "periodik": domain.PERIODIK_DEFAULT}
    )
    form = PeriodeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if periode is None:
                periode = periode_services.periode_create(actor=actor, **form.cleaned_data)
                text = _("Periode kinerja %(t)s ditambahkan.")
            else:
                periode = periode_services.periode_update(
                    actor=actor, periode_id=periode.pk, **form.cleaned_data
                )
                text = _("Periode kinerja %(t)s disimpan.")
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
        else:
            messages.success(request, text % {"t": periode.tahun})
            return redirect("plans:periode-list")
    return render(request, "plans/periode_form.html", {"form": form, "periode": periode})


@GET_POST
@login_required
def periode_create(request: ActorRequest) -> HttpResponse:
    return _save(request, None)


@GET_POST
@login_required
def periode_update(request: ActorRequest, pk: int) -> HttpResponse:
    periode = _periode(request.actor, pk)
    return _save(request, periode)
