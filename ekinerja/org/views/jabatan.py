"""Positions: the filtered list, one position with its holders now and before, and the
Admin Instansi's position form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest

from .. import access, selectors
from ..forms.filters import JabatanFilterForm
from ..forms.jabatan import JabatanForm
from ..models import Jabatan, UnitKerja
from ..services import jabatan as jabatan_services
from .common import GET_POST, filter_units, paginate, unit_choices


@require_GET
@login_required
def jabatan_list(request: ActorRequest) -> HttpResponse:
    actor = access.require_instansi(request.actor)
    form = JabatanFilterForm(request.GET or None, units=filter_units(request, actor))
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        filters = form.filters()
    unit = None
    if "unit" in filters:
        unit = UnitKerja.objects.filter(instansi_id=actor.instansi_id, pk=filters["unit"]).first()
    qs = selectors.jabatan_list(
        actor=actor, unit=unit, jenis=filters.get("jenis", ""), q=filters.get("q", "")
    )
    context = {"form": form, "page": paginate(request, qs), "filtered": bool(filters)}
    if is_htmx(request):
        return render(request, "org/partials/_jabatan_results.html", context)
    return render(request, "org/jabatan_list.html", context)


@require_GET
@login_required
def jabatan_detail(request: ActorRequest, pk: int) -> HttpResponse:
    jabatan = access.access_jabatan(actor=request.actor, id=pk)
    history = selectors.jabatan_history(jabatan=jabatan)
    context = {
        "jabatan": jabatan,
        "current": [r for r in history if r.tmt_selesai is None],
        "past": [r for r in history if r.tmt_selesai is not None],
        "children": selectors.jabatan_children(jabatan=jabatan),
    }
    return render(request, "org/jabatan_detail.html", context)


JABATAN_FIELDS = ["unit", "kode", "nama", "jenis", "jenjang", "eselon", "kelas", "parent"]


def _jabatan_form_save(request: ActorRequest, jabatan: Jabatan | None) -> HttpResponse:
    actor = access.require_admin(request.actor)
    if jabatan is not None:
        initial = {f: getattr(jabatan, f) for f in JABATAN_FIELDS if f not in ("unit", "parent")}
        initial.update(
            unit=jabatan.unit_id,
            parent=jabatan.parent.kode if jabatan.parent is not None else "",
            is_head=jabatan.is_head,
            aktif=jabatan.aktif,
        )
    else:
        initial = {"unit": request.GET.get("unit", ""), "aktif": True}
    form = JabatanForm(
        request.POST or None,
        initial=initial,
        units=unit_choices(actor),
        instansi_id=actor.instansi_id,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if jabatan is None:
                jabatan = jabatan_services.jabatan_create(actor=actor, **data)
                msg = _("Jabatan %(j)s ditambahkan.")
            else:
                jabatan = jabatan_services.jabatan_update(actor=actor, jabatan=jabatan, **data)
                msg = _("Jabatan %(j)s disimpan.")
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, msg % {"j": jabatan.nama})
            return redirect("org:jabatan-detail", pk=jabatan.pk)
    return render(request, "org/jabatan_form.html", {"form": form, "jabatan": jabatan})


@GET_POST
@login_required
def jabatan_create(request: ActorRequest) -> HttpResponse:
    return _jabatan_form_save(request, None)


@GET_POST
@login_required
def jabatan_update(request: ActorRequest, pk: int) -> HttpResponse:
    jabatan = access.access_jabatan(actor=request.actor, id=pk, for_write=True)
    return _jabatan_form_save(request, jabatan)
