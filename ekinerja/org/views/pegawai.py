"""Staff: the list (filters, scoped by org.access.org_scope), one person's page
(position history, supervisor chain, subordinates, roles) and the Admin Instansi's
forms to add a person and change their data."""

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
from ..forms.filters import PegawaiFilterForm
from ..forms.pegawai import PegawaiCreateForm, PegawaiForm
from ..models import UnitKerja
from ..services import pegawai as pegawai_services
from .common import GET_POST, filter_units, paginate


@require_GET
@login_required
def pegawai_list(request: ActorRequest) -> HttpResponse:
    scope = access.require_pegawai_list(request.actor)
    units = filter_units(request, scope.actor, () if scope.whole_instansi else scope.unit_paths)
    form = PegawaiFilterForm(request.GET or None, units=units)
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        filters = form.filters()
    unit = None
    if "unit" in filters:
        unit = UnitKerja.objects.filter(
            instansi_id=scope.actor.instansi_id, pk=filters["unit"]
        ).first()
    qs = selectors.pegawai_list(
        scope=scope,
        q=filters.get("q", ""),
        unit=unit,
        jenis=filters.get("jenis", ""),
        golongan=filters.get("golongan", ""),
        status=filters.get("status", ""),
        bawahan=bool(filters.get("bawahan")),
        include_inactive=bool(filters.get("nonaktif")),
    )
    context = {
        "form": form,
        "page": paginate(request, qs),
        "filtered": bool(filters),
        "scope": scope,
    }
    if is_htmx(request):
        return render(request, "org/partials/_pegawai_results.html", context)
    return render(request, "org/pegawai_list.html", context)


@require_GET
@login_required
def pegawai_detail(request: ActorRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk)
    scope = access.org_scope(request.actor)
    chain = selectors.supervisor_chain(pegawai=pegawai)
    subordinates = selectors.pegawai_subordinates(pegawai=pegawai)
    more = len(subordinates) > selectors.SUBORDINATES_MAX
    subordinates = subordinates[: selectors.SUBORDINATES_MAX]
    override = None
    if pegawai.atasan_override_id:
        override = next((p for p in chain if p.pk == pegawai.atasan_override_id), None)
    context = {
        "p": pegawai,
        "riwayat": selectors.pegawai_riwayat(pegawai=pegawai),
        "chain": [(a, access.scope_can_read(scope, a)) for a in chain],
        "override": override,
        "subordinates": [(s, access.scope_can_read(scope, s)) for s in subordinates],
        "subordinates_more": more,
        "roles": selectors.pegawai_roles(pegawai=pegawai),
        "is_admin": scope.actor.is_admin,
        "is_self": pegawai.pk == scope.pegawai_id,
        "can_list_subordinates": pegawai.pk == scope.pegawai_id,
        "can_list": scope.has_team,
    }
    return render(request, "org/pegawai_detail.html", context)


IDENTITY = [
    "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir",
    "tanggal_lahir", "status", "golongan", "email", "telepon", "siasn_id", "aktif",
]  # fmt: skip


@GET_POST
@login_required
def pegawai_create(request: ActorRequest) -> HttpResponse:
    actor = access.require_admin(request.actor)
    form = PegawaiCreateForm(
        request.POST or None, initial={"aktif": True}, instansi_id=actor.instansi_id
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            pegawai = pegawai_services.pegawai_create(
                actor=actor,
                jabatan=data.pop("jabatan"),
                tmt_jabatan=data.pop("tmt_jabatan"),
                **data,
            )
        except ValidationError as e:
            add_service_errors(form, e, {"tmt_mulai": "tmt_jabatan"})
        else:
            messages.success(request, _("Pegawai %(n)s ditambahkan.") % {"n": pegawai})
            return redirect("org:pegawai-detail", pk=pegawai.pk)
    return render(request, "org/pegawai_form.html", {"form": form, "p": None})


@GET_POST
@login_required
def pegawai_update(request: ActorRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = access.require_admin(request.actor)  # passed already: for_write
    initial = {f: getattr(pegawai, f) for f in IDENTITY}
    initial["nip"] = pegawai.nip_display
    form = PegawaiForm(
        request.POST or None, initial=initial, instansi_id=actor.instansi_id, pegawai=pegawai
    )
    if request.method == "POST" and form.is_valid():
        try:
            pegawai = pegawai_services.pegawai_update(
                actor=actor, pegawai=pegawai, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, _("Data %(n)s disimpan.") % {"n": pegawai})
            return redirect("org:pegawai-detail", pk=pegawai.pk)
    return render(request, "org/pegawai_form.html", {"form": form, "p": pegawai})
