"""The SIASN reference pages (rules §13; issue 11 §5), Admin Instansi only: SIASN's
golongan ids, koefisienId per jenjang × predikat, and the SIASN person ids of the staff.
Each table is edited in place or imported from SIASN's own export (CSV, XLSX or JSON);
an import shows what it did (or, for a file with wrong rows, why it did nothing) on the
page the POST redirects to."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.roles import MemberActor
from ekinerja.org.domain import nama_lengkap

from ..access import require_appraisal_admin
from ..domain import angka_kredit, ratings
from ..forms.siasn import GolonganForm, ImportForm, KoefisienForm
from ..selectors import siasn as sel
from ..services import siasn as services

GET_POST = require_http_methods(["GET", "POST"])
SESSION_KEY = "appraisal_siasn_report"
PAGE_SIZE = 100


def _report(request: ActorRequest, kind: str) -> dict[str, Any] | None:
    report = request.session.get(SESSION_KEY)
    if not report or report.get("kind") != kind:
        return None
    del request.session[SESSION_KEY]
    if kind == services.PEGAWAI and report["applied"]:
        report["people"] = [
            (_("ID diganti"), report["diganti"]),
            (_("Sudah mempunyai ID lain, tidak diganti"), report["bentrok"]),
            (_("ID sudah dipakai pegawai lain, tidak diisi"), report["dipakai"]),
            (_("ID diisi"), report["diisi"]),
        ]
    return report


def _import(
    request: ActorRequest, actor: MemberActor, kind: str, form: ImportForm, url: str
) -> HttpResponse | None:
    """Run the upload; on success store the report and redirect (None: show the form)."""
    if not form.is_valid():
        return None
    upload = form.cleaned_data["berkas"]
    try:
        report = services.siasn_reference_import(
            actor=actor,
            kind=kind,
            filename=upload.name,
            data=upload.read(),
            replace=bool(form.cleaned_data.get("ganti")),
        )
    except ValidationError as e:
        for m in e.messages:
            form.add_error("berkas", m)
        return None
    request.session[SESSION_KEY] = report.as_session()
    if report.applied:
        messages.success(request, _("Berkas %(nama)s diimpor.") % {"nama": report.filename})
    else:
        messages.error(
            request,
            _("Berkas %(nama)s tidak diimpor: %(n)s baris salah. Tidak ada yang diubah.")
            % {"nama": report.filename, "n": report.as_session()["error_count"]},
        )
    return redirect(url)


def _action(request: ActorRequest) -> str:
    return "impor" if request.method == "POST" and "impor" in request.POST else "simpan"


def _table_page(
    request: ActorRequest,
    *,
    kind: str,
    form_class: Any,
    current: dict,
    update: Any,
    url: str,
    template: str,
    extra: dict[str, Any],
) -> HttpResponse:
    """A SIASN reference table: edited in place ("simpan") or imported from SIASN's own
    export ("impor"); both go through the services and come back here."""
    actor = require_appraisal_admin(request.actor)
    posting = request.method == "POST"
    action = _action(request)
    form = form_class(request.POST if posting and action == "simpan" else None, current=current)
    upload = ImportForm(
        request.POST if posting and action == "impor" else None,
        request.FILES if posting and action == "impor" else None,
    )
    if posting and action == "impor":
        done = _import(request, actor, kind, upload, url)
        if done is not None:
            return done
    elif posting and form.is_valid():
        try:
            changes = update(actor=actor, values=form.values())
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            _saved(request, changes)
            return redirect(url)
    context = {"form": form, "upload": upload, "report": _report(request, kind)}
    return render(request, template, {**context, "stored": len(current), **extra})


@GET_POST
@login_required
def golongan(request: ActorRequest) -> HttpResponse:
    """SIASN's id of each golongan (golonganPns; PPPK golongan where SIASN has them)."""
    actor = require_appraisal_admin(request.actor)
    return _table_page(
        request,
        kind=services.GOLONGAN,
        form_class=GolonganForm,
        current=sel.golongan_map(instansi_id=actor.instansi_id),
        update=services.siasn_golongan_update,
        url="appraisal:siasn-golongan",
        template="appraisal/siasn_golongan.html",
        extra={},
    )


@GET_POST
@login_required
def koefisien(request: ActorRequest) -> HttpResponse:
    """SIASN's koefisienId for each jenjang × predikat (rules §5, §13)."""
    actor = require_appraisal_admin(request.actor)
    return _table_page(
        request,
        kind=services.KOEFISIEN,
        form_class=KoefisienForm,
        current=sel.koefisien_map(instansi_id=actor.instansi_id),
        update=services.siasn_koefisien_update,
        url="appraisal:siasn-koefisien",
        template="appraisal/siasn_koefisien.html",
        extra={
            "cells": sel.KOEFISIEN_CELLS,
            "columns": [
                (ratings.PREDIKAT_LABELS[p], int(angka_kredit.MULTIPLIER[p] * 100))
                for p in ratings.PREDIKAT
            ],
        },
    )


def _saved(request: ActorRequest, changes: dict[str, list]) -> None:
    if changes:
        messages.success(request, _("%(n)s isian disimpan.") % {"n": len(changes)})
    else:
        messages.info(request, _("Tidak ada perubahan."))


@GET_POST
@login_required
def pegawai(request: ActorRequest) -> HttpResponse:
    """The SIASN person ids: how many active ASN still lack one, the list of them (paged,
    each with a link to their data), and the import of SIASN's list by NIP."""
    actor = require_appraisal_admin(request.actor)
    posting = request.method == "POST"
    upload = ImportForm(
        request.POST if posting else None,
        request.FILES if posting else None,
        with_replace=True,
    )
    if posting:
        done = _import(request, actor, services.PEGAWAI, upload, "appraisal:siasn-pegawai")
        if done is not None:
            return done
    page = Paginator(sel.people_without_id(instansi_id=actor.instansi_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = [
        {**v, "nama_lengkap": nama_lengkap(v["gelar_depan"], v["nama"], v["gelar_belakang"])}
        for v in page.object_list
    ]
    context = {
        "upload": upload,
        "report": _report(request, services.PEGAWAI),
        "status": sel.reference_status(instansi_id=actor.instansi_id),
        "page": page,
        "rows": page.object_list,
    }
    if is_htmx(request) and request.GET.get("page"):
        return render(request, "appraisal/partials/_siasn_tanpa_id.html", context)
    return render(request, "appraisal/siasn_pegawai.html", context)
