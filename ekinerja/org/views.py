"""Pages of the organisation app: unit tree, positions, staff, supervisors, roles.

Every view: parse → access (org.access) → service/selector → render the full page, or
the results partial when the request comes from HTMX. Writes are POST-redirect-GET with a
success message; a service's ValidationError is shown on the form, never as a 500.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ekinerja.core.forms.common import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.ids import parse_id
from ekinerja.core.models import Role, RoleAssignment

from . import access, domain, forms, selectors
from .models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from .services import instansi as instansi_services
from .services import jabatan as jabatan_services
from .services import pegawai as pegawai_services
from .services import riwayat as riwayat_services
from .services import roles as role_services
from .services import supervisors as supervisor_services
from .services import units as unit_services

GET_POST = require_http_methods(["GET", "POST"])


def _page(request: HttpRequest, qs: Any) -> Any:
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    page.elided = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page


def _units(actor: Any, paths: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    return selectors.unit_choices(instansi_id=actor.instansi_id, paths=paths)


FILTER_UNITS_MAX = 300  # options in a list filter's unit <select>


def _filter_units(request: HttpRequest, actor: Any, paths: tuple[str, ...] = ()) -> list:
    """Units for a list filter: the top levels only, plus the unit asked for in the URL."""
    chosen = request.GET.get("unit", "")
    return selectors.unit_choices(
        instansi_id=actor.instansi_id,
        paths=paths,
        limit=FILTER_UNITS_MAX,
        include=[i] if (i := parse_id(chosen)) else [],
    )


# --- dashboard ------------------------------------------------------------------------


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = access.org_scope(request.actor)
    me = selectors.pegawai_for_user(actor=scope.actor)
    n_bawahan = (
        Pegawai.objects.filter(instansi_id=scope.actor.instansi_id, atasan=me, aktif=True).count()
        if me
        else 0
    )
    context = {
        "me": me,
        "n_bawahan": n_bawahan,
        "scope": scope,
        "can_list": scope.has_team or n_bawahan > 0,
        "totals": selectors.instansi_totals(actor=scope.actor) if scope.whole_instansi else None,
    }
    return render(request, "org/dashboard.html", context)


# --- instansi (platform admin) -----------------------------------------------------------


@require_GET
@login_required
def instansi_list(request: HttpRequest) -> HttpResponse:
    access.require_platform_admin(request.actor)
    return render(request, "org/instansi_list.html", {"rows": selectors.instansi_list()})


@GET_POST
@login_required
def instansi_create(request: HttpRequest) -> HttpResponse:
    actor = access.require_platform_admin(request.actor)
    form = forms.InstansiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        admin = {k: data.pop(k) for k in ("admin_username", "admin_password", "admin_email")}
        try:
            instansi, user = instansi_services.instansi_create_with_admin(
                actor=actor.user, **admin, **data
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("Instansi %(i)s dibuat dengan Admin Instansi %(u)s.")
                % {"i": instansi.nama, "u": user.username},
            )
            return redirect("org:instansi-list")
    return render(request, "org/instansi_create.html", {"form": form})


# --- unit kerja -----------------------------------------------------------------------


@require_GET
@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
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
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
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


def _unit_form_save(request: HttpRequest, unit: UnitKerja | None) -> HttpResponse:
    actor = access.require_admin(request.actor)
    units = _units(actor)
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
    form = forms.UnitForm(request.POST or None, initial=initial, units=units)
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
def unit_create(request: HttpRequest) -> HttpResponse:
    return _unit_form_save(request, None)


@GET_POST
@login_required
def unit_update(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.access_unit(actor=request.actor, id=pk, for_write=True)
    return _unit_form_save(request, unit)


# --- jabatan --------------------------------------------------------------------------


@require_GET
@login_required
def jabatan_list(request: HttpRequest) -> HttpResponse:
    actor = access.require_instansi(request.actor)
    form = forms.JabatanFilterForm(request.GET or None, units=_filter_units(request, actor))
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
    context = {"form": form, "page": _page(request, qs), "filtered": bool(filters)}
    if is_htmx(request):
        return render(request, "org/partials/_jabatan_results.html", context)
    return render(request, "org/jabatan_list.html", context)


@require_GET
@login_required
def jabatan_detail(request: HttpRequest, pk: int) -> HttpResponse:
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


def _jabatan_form_save(request: HttpRequest, jabatan: Jabatan | None) -> HttpResponse:
    actor = access.require_admin(request.actor)
    if jabatan is not None:
        initial = {f: getattr(jabatan, f) for f in JABATAN_FIELDS if f not in ("unit", "parent")}
        initial.update(
            unit=jabatan.unit_id,
            parent=jabatan.parent.kode if jabatan.parent_id else "",
            is_head=jabatan.is_head,
            aktif=jabatan.aktif,
        )
    else:
        initial = {"unit": request.GET.get("unit", ""), "aktif": True}
    form = forms.JabatanForm(
        request.POST or None, initial=initial, units=_units(actor), instansi_id=actor.instansi_id
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
def jabatan_create(request: HttpRequest) -> HttpResponse:
    return _jabatan_form_save(request, None)


@GET_POST
@login_required
def jabatan_update(request: HttpRequest, pk: int) -> HttpResponse:
    jabatan = access.access_jabatan(actor=request.actor, id=pk, for_write=True)
    return _jabatan_form_save(request, jabatan)


# --- pegawai: list and detail ---------------------------------------------------------


@require_GET
@login_required
def pegawai_list(request: HttpRequest) -> HttpResponse:
    scope = access.require_pegawai_list(request.actor)
    units = _filter_units(request, scope.actor, () if scope.whole_instansi else scope.unit_paths)
    form = forms.PegawaiFilterForm(request.GET or None, units=units)
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
        "page": _page(request, qs),
        "filtered": bool(filters),
        "scope": scope,
    }
    if is_htmx(request):
        return render(request, "org/partials/_pegawai_results.html", context)
    return render(request, "org/pegawai_list.html", context)


@require_GET
@login_required
def pegawai_detail(request: HttpRequest, pk: int) -> HttpResponse:
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


# --- pegawai: writes ------------------------------------------------------------------

IDENTITY = [
    "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir",
    "tanggal_lahir", "status", "golongan", "email", "telepon", "siasn_id", "aktif",
]  # fmt: skip


@GET_POST
@login_required
def pegawai_create(request: HttpRequest) -> HttpResponse:
    actor = access.require_admin(request.actor)
    form = forms.PegawaiCreateForm(
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
def pegawai_update(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = request.actor
    initial = {f: getattr(pegawai, f) for f in IDENTITY}
    initial["nip"] = pegawai.nip_display
    form = forms.PegawaiForm(
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


@GET_POST
@login_required
def pegawai_move(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = request.actor
    form = forms.PegawaiMoveForm(request.POST or None, instansi_id=actor.instansi_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            riwayat_services.pegawai_assign_jabatan(
                actor=actor,
                pegawai=pegawai,
                jabatan=data["jabatan"],
                jenis=data["jenis"],
                tmt_mulai=data["tmt_mulai"],
                nomor_sk=data["nomor_sk"],
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("%(n)s ditugaskan sebagai %(j)s (%(k)s).")
                % {
                    "n": pegawai,
                    "j": data["jabatan"].nama,
                    "k": RiwayatJabatan.Jenis(data["jenis"]).label,
                },
            )
            return redirect("org:pegawai-detail", pk=pegawai.pk)
    return render(request, "org/pegawai_move.html", {"form": form, "p": pegawai})


@GET_POST
@login_required
def pegawai_atasan(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = request.actor
    current_override = (
        Pegawai.objects.filter(instansi_id=actor.instansi_id, pk=pegawai.atasan_override_id)
        .select_related("jabatan")
        .first()
        if pegawai.atasan_override_id
        else None
    )
    initial = {
        "pilihan": forms.PegawaiAtasanForm.OVERRIDE,
        "atasan": current_override.nip if current_override else "",
        "alasan": pegawai.atasan_override_alasan,
    }
    form = forms.PegawaiAtasanForm(
        request.POST or None, initial=initial, instansi_id=actor.instansi_id, pegawai=pegawai
    )
    if request.method == "POST" and form.is_valid():
        atasan = form.cleaned_data["atasan_obj"]
        try:
            pegawai = supervisor_services.pegawai_set_atasan(
                actor=actor,
                pegawai=pegawai,
                atasan=atasan,
                alasan=form.cleaned_data.get("alasan", ""),
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            if atasan is None:
                msg = _("Pejabat penilai %(n)s kembali mengikuti struktur organisasi.")
            else:
                msg = _("Pejabat penilai %(n)s diganti.")
            messages.success(request, msg % {"n": pegawai})
            return redirect("org:pegawai-detail", pk=pegawai.pk)
    atasan_now = (
        Pegawai.objects.filter(instansi_id=actor.instansi_id, pk=pegawai.atasan_id)
        .select_related("jabatan")
        .first()
        if pegawai.atasan_id
        else None
    )
    context = {
        "form": form,
        "p": pegawai,
        "atasan_now": atasan_now,
        "current_override": current_override,
    }
    return render(request, "org/pegawai_atasan.html", context)


@GET_POST
@login_required
def pegawai_roles(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = request.actor
    form = forms.RoleAssignForm(
        request.POST if request.POST.get("aksi") == "tambah" else None,
        units=_units(actor),
        instansi_id=actor.instansi_id,
    )
    if request.method == "POST" and pegawai.user_id is None:
        raise PermissionDenied(
            _("Pegawai ini belum mempunyai akun, sehingga tidak dapat diberi peran.")
        )
    if request.method == "POST" and request.POST.get("aksi") == "cabut":
        rid = request.POST.get("peran", "")
        assignment = RoleAssignment.objects.filter(
            instansi_id=actor.instansi_id,
            user_id=pegawai.user_id,
            pk=parse_id(rid) or 0,
        ).first()
        if assignment is None:
            messages.error(request, _("Peran ini sudah tidak ada."))
        else:
            try:
                role_services.role_revoke(actor=actor, assignment=assignment)
            except ValidationError as e:
                messages.error(request, " ".join(e.messages))
            else:
                messages.success(
                    request,
                    domain.single_period(
                        _("Peran %(r)s dicabut dari %(n)s.")
                        % {"r": assignment.get_role_display(), "n": pegawai}
                    ),
                )
        return redirect("org:pegawai-roles", pk=pegawai.pk)
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            role_services.role_assign(
                actor=actor,
                user=pegawai.user,
                role=form.cleaned_data["role"],
                unit=form.cleaned_data["unit"],
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                domain.single_period(
                    _("Peran %(r)s diberikan kepada %(n)s.")
                    % {"r": Role(form.cleaned_data["role"]).label, "n": pegawai}
                ),
            )
            return redirect("org:pegawai-roles", pk=pegawai.pk)
    context = {"form": form, "p": pegawai, "roles": selectors.pegawai_roles(pegawai=pegawai)}
    return render(request, "org/pegawai_roles.html", context)


@GET_POST
@login_required
def riwayat_end(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    riwayat = access.access_riwayat(
        actor=request.actor, pegawai_id=pegawai.pk, id=rid, for_write=True
    )
    form = forms.RiwayatEndForm(request.POST or None)
    if riwayat.tmt_selesai is not None:
        messages.info(request, _("Jabatan ini sudah berakhir."))
        return redirect("org:pegawai-detail", pk=pegawai.pk)
    if request.method == "POST" and form.is_valid():
        try:
            riwayat_services.riwayat_end(
                actor=request.actor, riwayat=riwayat, tmt_selesai=form.cleaned_data["tmt_selesai"]
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("%(k)s %(j)s untuk %(n)s diakhiri.")
                % {"k": riwayat.get_jenis_display(), "j": riwayat.jabatan.nama, "n": pegawai},
            )
            return redirect("org:pegawai-detail", pk=pegawai.pk)
    return render(request, "org/riwayat_end.html", {"form": form, "p": pegawai, "r": riwayat})


# --- pickers (HTMX autocomplete for admin forms) --------------------------------------

_FIELD_RE = re.compile(r"^[a-z_]{1,30}$")


def _picker(request: HttpRequest, kind: str) -> HttpResponse:
    field = request.GET.get("field", "q")
    if not _FIELD_RE.match(field):
        return HttpResponseBadRequest(_("Permintaan tidak valid."))
    url = reverse("org:jabatan-search" if kind == "jabatan" else "org:pegawai-search")
    pick = request.GET.get("pick")
    actor = request.actor
    if pick is not None:
        chosen = None
        if kind == "jabatan":
            chosen = (
                Jabatan.objects.filter(instansi_id=actor.instansi_id, kode=pick)
                .select_related("unit")
                .first()
            )
        else:
            chosen = (
                Pegawai.objects.filter(instansi_id=actor.instansi_id, nip=pick)
                .select_related("jabatan")
                .first()
            )
        return render(
            request,
            "org/partials/_picker.html",
            {
                "name": field,
                "value": pick,
                "chosen": chosen,
                "kind": kind,
                "pick_missing": chosen is None,
            },
        )
    q = request.GET.get(field, "")[:100]
    if kind == "jabatan":
        items = selectors.jabatan_search(actor=actor, q=q)
    else:
        items = selectors.pegawai_search(scope=access.org_scope(actor), q=q)
    return render(
        request,
        "org/partials/_picker_results.html",
        {"name": field, "items": items, "kind": kind, "url": url, "q": q},
    )


@require_GET
@login_required
def jabatan_search(request: HttpRequest) -> HttpResponse:
    access.require_admin(request.actor)
    return _picker(request, "jabatan")


@require_GET
@login_required
def pegawai_search(request: HttpRequest) -> HttpResponse:
    access.require_admin(request.actor)
    return _picker(request, "pegawai")


@require_GET
@login_required
def pegawai_nip_check(request: HttpRequest) -> HttpResponse:
    """The staff form's NIP, read while it is typed (HTMX): what it says (status,
    gender, birth date, TMT), or what is wrong with it."""
    actor = access.require_admin(request.actor)
    pid = request.GET.get("pegawai", "")
    pegawai = None
    if pid:
        if not re.fullmatch(r"[0-9]{1,12}", pid):  # ASCII: int("²") fails, "²".isdigit() not
            return HttpResponseBadRequest(_("Permintaan tidak valid."))
        pegawai = access.access_pegawai(actor=actor, id=int(pid), for_write=True)
    _nip, info, error = forms.nip_feedback(
        instansi_id=actor.instansi_id, raw=request.GET.get("nip", "")[:40], pegawai=pegawai
    )
    return render(request, "org/partials/_nip_info.html", {"info": info, "error": error})


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("instansi/", instansi_list, name="instansi-list"),
    path("instansi/tambah/", instansi_create, name="instansi-create"),
    path("unit/", unit_tree, name="unit-tree"),
    path("unit/tambah/", unit_create, name="unit-create"),
    path("unit/<int:pk>/", unit_detail, name="unit-detail"),
    path("unit/<int:pk>/ubah/", unit_update, name="unit-update"),
    path("jabatan/", jabatan_list, name="jabatan-list"),
    path("jabatan/tambah/", jabatan_create, name="jabatan-create"),
    path("jabatan/cari/", jabatan_search, name="jabatan-search"),
    path("jabatan/<int:pk>/", jabatan_detail, name="jabatan-detail"),
    path("jabatan/<int:pk>/ubah/", jabatan_update, name="jabatan-update"),
    path("pegawai/", pegawai_list, name="pegawai-list"),
    path("pegawai/tambah/", pegawai_create, name="pegawai-create"),
    path("pegawai/cari/", pegawai_search, name="pegawai-search"),
    path("pegawai/cek-nip/", pegawai_nip_check, name="pegawai-nip-check"),
    path("pegawai/<int:pk>/", pegawai_detail, name="pegawai-detail"),
    path("pegawai/<int:pk>/ubah/", pegawai_update, name="pegawai-update"),
    path("pegawai/<int:pk>/jabatan/", pegawai_move, name="pegawai-move"),
    path("pegawai/<int:pk>/atasan/", pegawai_atasan, name="pegawai-atasan"),
    path("pegawai/<int:pk>/peran/", pegawai_roles, name="pegawai-roles"),
    path("pegawai/<int:pk>/riwayat/<int:rid>/selesai/", riwayat_end, name="riwayat-end"),
]
