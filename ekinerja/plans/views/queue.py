"""The penilai's queue: the submitted SKP of the actor's subordinates, approved or
returned many at once (issue 3 §6), in a number of queries that does not grow with the
rows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ekinerja.core.access import require_instansi
from ekinerja.core.clock import zone_of
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.org.access import org_scope

from .. import selectors
from ..forms.queue import QueueForm
from ..services import workflow
from .common import form_error
from .skp import GET_POST

QUEUE_MAX = 200  # rows on one screen; a penilai has far fewer direct subordinates


@GET_POST
@login_required
def skp_queue(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    scope = org_scope(actor)
    periodes = list(selectors.periode_list(actor=actor))
    periode_id = parse_id(request.GET.get("periode", ""))
    form = QueueForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        ids, aksi = form.skp_ids, form.cleaned_data["aksi"]
        try:
            if aksi == QueueForm.SETUJUI:
                done = workflow.skp_bulk_approve(actor=actor, skp_ids=ids)
                text = ngettext("%(n)s SKP disetujui.", "%(n)s SKP disetujui.", len(done)) % {
                    "n": len(done)
                }
            else:
                done = workflow.skp_bulk_return(
                    actor=actor, skp_ids=ids, alasan=form.cleaned_data["alasan"]
                )
                text = ngettext(
                    "%(n)s SKP dikembalikan dengan alasan yang Anda tuliskan.",
                    "%(n)s SKP dikembalikan dengan alasan yang Anda tuliskan.",
                    len(done),
                ) % {"n": len(done)}
        except (ValidationError, PermissionDenied) as e:
            form_error(form, e)
            status = 403 if isinstance(e, PermissionDenied) else 200
        except Http404:
            form.add_error(
                None,
                _("Sebagian SKP yang dipilih tidak ditemukan. Muat ulang halaman lalu pilih lagi."),
            )
        else:
            messages.success(request, text)
            url = reverse("plans:skp-queue")
            return redirect(f"{url}?periode={periode_id}" if periode_id else url)
    if scope.pegawai_id:
        rows = list(
            selectors.penilai_queue(actor=actor, periode_id=periode_id).annotate(
                n_rhk=Count("rhk", distinct=True), n_iki=Count("rhk__iki")
            )[:QUEUE_MAX]
        )
    else:
        rows = []
    context = {
        "rows": rows,
        "form": form,
        "periodes": periodes,
        "periode_id": periode_id,
        "chosen": set(form.skp_ids),
        "truncated": len(rows) == QUEUE_MAX,
        "zona": zone_of(actor).key,
        "SETUJUI": QueueForm.SETUJUI,
        "KEMBALIKAN": QueueForm.KEMBALIKAN,
    }
    if is_htmx(request) and request.method == "GET":
        return render(request, "plans/partials/_queue_results.html", context)
    return render(request, "plans/skp_queue.html", context, status=status)
