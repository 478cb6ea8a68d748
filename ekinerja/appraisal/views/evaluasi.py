"""The staff side of the evaluation (issue 5 item 1): "my evaluations" by period, and
one evaluation's page — for the person the realisasi form per IKI (saved one IKI at a
time with HTMX, the capaian shown as soon as it is saved), the evidence of the period
per RHK and the feedback received; for the penilai and other readers the same content
read-only, with the ratings and predikat once rated.

Each page renders in a fixed number of queries whatever the number of periods, RHK, IKI,
activities or feedback threads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ekinerja.core.access import require_instansi
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.numbers import number_text
from ekinerja.execution.access import require_own_pegawai
from ekinerja.execution.domain import hours_text
from ekinerja.plans.models import IKI

from ..access import OWNER, PENILAI, access_evaluasi, evaluasi_role
from ..domain import evaluation
from ..forms.evaluasi import RealisasiForm, realisasi_initial
from ..models import Evaluasi, PeriodePenilaian, RealisasiIKI
from ..selectors.evaluasi import (
    EvaluasiContent,
    IkiRow,
    evaluasi_content,
    with_realisasi_progress,
)
from ..services.realisasi import RealisasiDoubt, evaluasi_realisasi_save, realisasi_refusal

PER_PAGE = 50
DETAIL = "appraisal/evaluasi_detail.html"
ITEM = "appraisal/partials/_realisasi_item.html"


def url_or_blank(name: str, *args: Any) -> str:
    """A page of another part of the appraisal, or "" while it is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# --- my evaluations ---------------------------------------------------------------------


@require_GET
@login_required
def evaluasi_mine(request: ActorRequest) -> HttpResponse:
    """The person's evaluations, newest period first (the year's own evaluation before
    its last month), each with its realisasi progress, status and predikat."""
    actor = require_instansi(request.actor)
    pegawai = require_own_pegawai(actor)
    qs = (
        with_realisasi_progress(
            Evaluasi.objects.filter(instansi_id=actor.instansi_id, pegawai=pegawai)
        )
        .select_related("periode_penilaian", "sumber__periode_penilaian")
        .order_by("-periode_penilaian__tanggal_selesai", "periode_penilaian__tanggal_mulai", "-pk")
    )
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    for ev in page.object_list:
        _decorate_row(ev)
    return render(
        request,
        "appraisal/evaluasi_mine.html",
        {"page": page, "evaluasi_list": page.object_list, "pegawai": pegawai},
    )


def _decorate_row(ev: Evaluasi) -> None:
    """What a row of "my evaluations" shows besides the fields."""
    # realisasi_* come from with_realisasi_progress's annotate(), and penilai_nama is
    # template-only (the SIASN selector annotates a field of that name on other rows).
    total = ev.realisasi_total  # type: ignore[attr-defined]
    ev.persen = round(100 * ev.realisasi_filled / total) if total else 0  # type: ignore[attr-defined]
    ev.jabatan_nama = (ev.snapshot.get("pegawai") or {}).get("jabatan", "")
    ev.penilai_nama = (ev.snapshot.get("penilai") or {}).get("nama", "")  # type: ignore[attr-defined]
    periode = ev.periode_penilaian
    # Whether the person can still type (the annual last_period mode is told on the page).
    ev.can_fill = (
        ev.status == evaluation.EVALUASI_DRAFT and periode.status == PeriodePenilaian.Status.DIBUKA
    )


# --- one evaluation -------------------------------------------------------------------


def _forms_for(content: EvaluasiContent, bound: dict[int, RealisasiForm]) -> None:
    """Give every IKI row its realisasi form (the bound one that failed, else fresh)."""
    for rhk in content.rhk:
        for item in rhk.iki:
            # Template-only attributes of the selector's rows (not their dataclass fields).
            item.form = bound.get(item.iki.pk) or RealisasiForm(  # type: ignore[attr-defined]
                iki=item.iki, initial=realisasi_initial(item.realisasi)
            )


def decorate_content(content: EvaluasiContent) -> EvaluasiContent:
    """What the evaluation partials show besides the fields: the realisasi as typed in
    Indonesian (`12,5`), the hours of verified activities (`7 j 30 m`). Call it before
    rendering `appraisal/partials/_evaluasi_*.html` from another page."""
    # Template-only attributes of the selector's rows (not their dataclass fields).
    for rhk in content.rhk:
        rhk.aktivitas_jam = hours_text(rhk.aktivitas_menit) if rhk.aktivitas_menit else ""  # type: ignore[attr-defined]
        for item in rhk.iki:
            nilai = item.realisasi.nilai if item.realisasi else None
            item.nilai_text = number_text(nilai)  # type: ignore[attr-defined]
    return content


def detail_context(
    request: ActorRequest,
    evaluasi: Evaluasi,
    *,
    bound: dict[int, RealisasiForm] | None = None,
    with_evidence: bool = True,
) -> dict[str, Any]:
    """Everything the evaluation page (and an IKI block after a save) renders."""
    actor = request.actor
    content = evaluasi_content(evaluasi, with_evidence=with_evidence)
    role = evaluasi_role(actor, evaluasi)
    is_owner = role == OWNER
    refusal = (
        realisasi_refusal(evaluasi, mode_tahunan=content.aturan.mode_tahunan) if is_owner else None
    )
    editable = is_owner and refusal is None
    if editable:
        _forms_for(content, bound or {})
    decorate_content(content)
    rated = evaluasi.status in (evaluation.EVALUASI_DINILAI, evaluation.EVALUASI_DITETAPKAN)
    snapshot = evaluasi.snapshot or {}
    return {
        "evaluasi": evaluasi,
        "content": content,
        "periode": evaluasi.periode_penilaian,
        "ident_pegawai": snapshot.get("pegawai") or {},
        "ident_penilai": snapshot.get("penilai") or {},
        "ident_atasan": snapshot.get("atasan_penilai") or {},
        "role": role,
        "is_owner": is_owner,
        "is_penilai": role == PENILAI,
        "editable": editable,
        "refusal": refusal,
        "rated": rated,
        "penilaian_url": (
            url_or_blank("appraisal:penilaian-form", evaluasi.pk)
            if role == PENILAI and not evaluasi.is_locked
            else ""
        ),
        "pdf_url": url_or_blank("appraisal:evaluasi-pdf", evaluasi.pk) if rated else "",
        "dokumen_url": url_or_blank("appraisal:dokumen-pdf", evaluasi.pk) if rated else "",
        "back_url": reverse("appraisal:evaluasi-mine") if is_owner else "",
    }


@require_GET
@login_required
def evaluasi_detail(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    evaluasi = access_evaluasi(actor=actor, id=pk)
    return render(request, DETAIL, detail_context(request, evaluasi))


def _item(content: EvaluasiContent, iki_id: int) -> IkiRow | None:
    return next((i for r in content.rhk for i in r.iki if i.iki.pk == iki_id), None)


def _anchor(evaluasi: Evaluasi, iki_id: int) -> str:
    return f"{reverse('appraisal:evaluasi-detail', args=[evaluasi.pk])}#iki-{iki_id}"


@require_POST
@login_required
def realisasi_save(request: ActorRequest, pk: int, iki_id: int) -> HttpResponse:
    """Save one IKI's realisasi. With HTMX: the IKI's block (with its capaian, or the
    errors next to the fields) and, out of band, the progress counter. Without:
    POST-redirect-GET on success or refusal, the page with the errors otherwise."""
    actor = require_instansi(request.actor)
    evaluasi = access_evaluasi(actor=actor, id=pk, for_write=True)
    htmx = is_htmx(request)
    iki = IKI.objects.filter(
        instansi_id=evaluasi.instansi_id, pk=iki_id, rhk__skp_id=evaluasi.skp_id
    ).first()
    if iki is None:
        raise Http404(_("Indikator ini bukan bagian dari SKP yang dievaluasi."))
    current = RealisasiIKI.objects.filter(
        instansi_id=evaluasi.instansi_id, evaluasi=evaluasi, iki=iki
    ).first()
    form = RealisasiForm(request.POST, iki=iki)
    error = ""
    saved = False
    if form.is_valid():
        try:
            evaluasi_realisasi_save(
                actor=actor,
                evaluasi_id=evaluasi.pk,
                iki_id=iki.pk,
                **form.service_kwargs(current),
            )
        except RealisasiDoubt as e:
            form.doubt = e.text  # read back, with a box to confirm this very number
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                add_service_errors(form, e)
            else:
                error = " ".join(e.messages)
        else:
            saved = True
    if not htmx and (saved or error):
        if saved:
            messages.success(request, _("Realisasi disimpan."))
        else:
            messages.error(request, error)
        return redirect(_anchor(evaluasi, iki.pk))
    # A fresh read: the evaluation may have been rated meanwhile; the capaian and the
    # progress are shown as stored.
    evaluasi.refresh_from_db(fields=["status", "predikat"])
    bound = {} if saved else {iki.pk: form}
    if not htmx:
        return render(request, DETAIL, detail_context(request, evaluasi, bound=bound))
    context = detail_context(request, evaluasi, bound=bound, with_evidence=False)
    context.update(item=_item(context["content"], iki.pk), saved=saved, error=error, oob=True)
    return render(request, ITEM, context)
