"""The unit tree (search-as-you-type, a subtree opened on demand), one unit, and the
Admin Instansi's unit form (a unit cannot move under itself)."""

from __future__ import annotations

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
from ekinerja.core.ids import parse_id

from .. import access, selectors
from ..forms.units import UnitForm
from ..models import Pegawai, UnitKerja
from ..services import units as unit_services
from .common import GET_POST, unit_choices


@require_GET
@login_required
def unit_tree(request: ActorRequest) -> HttpResponse:
    actor = access.require_instansi(request.actor)
    q = request.GET.get("q", "")[:100]
    root_id = request.GET.get("root", "")
    root = access.access_unit(actor=actor, id=i) if (i := parse_id(root_id)) else None
    tree = selectors.unit_tree(actor=actor, q=q, root=root)
    context = {"nodes": tree.nodes, "tree": tree, "q": q}
    if is_htmx(request):
        return render(request, "org/partials/_unit_tree.html", context)
    return render(request, "org/unit_tree.html", context)


@require_GET
@login_required
def unit_detail(request: ActorRequest, pk: int) -> HttpResponse:
    unit = access.access_unit(actor=request.actor, id=pk)
    context = {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit=unit),
        "jabatan": selectors.unit_jabatan(unit=unit),
        "children": selectors.unit_children(unit=unit),
        "staff": Pegawai.objects.filter(
            instansi_id=unit.instansi_id, unit__path__startswith=unit.path, aktif=True
        ).count(),
    }
    return render(request, "org/unit_detail.html", context)


def _unit_form_save(request: ActorRequest, unit: UnitKerja | None) -> HttpResponse:
    actor = access.require_admin(request.actor)
    units = unit_choices(actor)
    if unit is not None:
        # A unit cannot move under itself: leave its subtree out of the choices.
        inside = set(
            UnitKerja.objects.filter(
                instansi_id=actor.instansi_id, path__startswith=unit.path
            ).values_list("pk", flat=True)
        )
        units = [(pk, label) for pk, label in units if pk not in inside]
        initial = {
            "parent": unit.parent_id or "",
            **{f: getattr(unit, f) for f in ("kode", "nama", "singkatan", "is_opd", "urutan")},
            "aktif": unit.aktif,
        }
    else:
        initial = {"parent": request.GET.get("parent", ""), "aktif": True, "urutan": 0}
    form = UnitForm(request.POST or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        pid = data.pop("parent")
        data["parent"] = (
            UnitKerja.objects.filter(instansi_id=actor.instansi_id, pk=pid).first()
            if pid not in (None, "")
            else None
        )
        data["urutan"] = data.get("urutan") or 0
        try:
            if unit is None:
                unit = unit_services.unit_create(actor=actor, **data)
                msg = _("Unit %(u)s ditambahkan.")
            else:
                unit = unit_services.unit_update(actor=actor, unit=unit, **data)
                msg = _("Unit %(u)s disimpan.")
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, msg % {"u": unit.nama})
            return redirect("org:unit-detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit})


@GET_POST
@login_required
def unit_create(request: ActorRequest) -> HttpResponse:
    return _unit_form_save(request, None)


@GET_POST
@login_required
def unit_update(request: ActorRequest, pk: int) -> HttpResponse:
    unit = access.access_unit(actor=request.actor, id=pk, for_write=True)
    return _unit_form_save(request, unit)
