"""The evaluation documents as PDF downloads (documents.py): whoever may read the
evaluation (access.access_evaluasi); a draft has no predikat yet and is refused with a
page that says so (409)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ekinerja.core.http import ActorRequest
from ekinerja.org.models import Instansi

from .. import documents
from ..access import access_evaluasi
from ..domain import evaluation
from ..models import Evaluasi


def _draft_refusal(request: ActorRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "status": 409,
            "title": _("Dokumen belum tersedia"),
            "message": documents.draft_message(),
        },
        status=409,
    )


def _pdf(request: ActorRequest, evaluasi_id: int, kind: str) -> HttpResponse:
    evaluasi: Evaluasi = access_evaluasi(actor=request.actor, id=evaluasi_id)
    if evaluasi.status == evaluation.EVALUASI_DRAFT or not evaluasi.predikat:
        return _draft_refusal(request)
    instansi = Instansi.objects.get(pk=evaluasi.instansi_id)
    make = documents.evaluasi_pdf if kind == "evaluasi" else documents.dokumen_evaluasi_pdf
    response = HttpResponse(make(evaluasi, instansi), content_type="application/pdf")
    filename = documents.pdf_filename(evaluasi, kind)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def evaluasi_pdf(request: ActorRequest, evaluasi_id: int) -> HttpResponse:
    """The "Evaluasi Kinerja Pegawai" form (A4 landscape)."""
    return _pdf(request, evaluasi_id, "evaluasi")


@require_GET
@login_required
def dokumen_pdf(request: ActorRequest, evaluasi_id: int) -> HttpResponse:
    """The "Dokumen Evaluasi Kinerja Pegawai" with the unit's distribution curve."""
    return _pdf(request, evaluasi_id, "dokumen")
