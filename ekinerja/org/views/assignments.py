"""What an Admin Instansi assigns to a person: a position (definitif, Plt, Plh) and
its end, the pejabat penilai (an override of the org chart), and roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ekinerja.core.formtools import add_service_errors
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.core.models import Role, RoleAssignment

from .. import access, domain, selectors
from ..forms.assignments import PegawaiAtasanForm, PegawaiMoveForm, RiwayatEndForm, RoleAssignForm
from ..models import Pegawai, RiwayatJabatan
from ..services import riwayat as riwayat_services
from ..services import roles as role_services
from ..services import supervisors as supervisor_services
from .common import GET_POST, unit_choices


@GET_POST
@login_required
def pegawai_move(request: ActorRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = access.require_admin(request.actor)  # passed already: for_write
    form = PegawaiMoveForm(request.POST or None, instansi_id=actor.instansi_id)
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
def pegawai_atasan(request: ActorRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = access.require_admin(request.actor)  # passed already: for_write
    current_override = (
        Pegawai.objects.filter(instansi_id=actor.instansi_id, pk=pegawai.atasan_override_id)
        .select_related("jabatan")
        .first()
        if pegawai.atasan_override_id
        else None
    )
    initial = {
        "pilihan": PegawaiAtasanForm.OVERRIDE,
        "atasan": current_override.nip if current_override else "",
        "alasan": pegawai.atasan_override_alasan,
    }
    form = PegawaiAtasanForm(
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
def pegawai_roles(request: ActorRequest, pk: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    actor = access.require_admin(request.actor)  # passed already: for_write
    form = RoleAssignForm(
        request.POST if request.POST.get("aksi") == "tambah" else None,
        units=unit_choices(actor),
        instansi_id=actor.instansi_id,
    )
    if request.method == "POST" and pegawai.user_id is None:
        raise PermissionDenied(
            _("Pegawai ini belum mempunyai akun, sehingga tidak dapat diberi peran.")
        )
    if request.method == "POST" and request.POST.get("aksi") == "cabut":
        rid = request.POST.get("peran", "")
        assert pegawai.user_id is not None  # a POST without an account was refused above
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
        assert pegawai.user is not None  # a POST without an account was refused above
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
def riwayat_end(request: ActorRequest, pk: int, rid: int) -> HttpResponse:
    pegawai = access.access_pegawai(actor=request.actor, id=pk, for_write=True)
    riwayat = access.access_riwayat(
        actor=request.actor, pegawai_id=pegawai.pk, id=rid, for_write=True
    )
    form = RiwayatEndForm(request.POST or None)
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
