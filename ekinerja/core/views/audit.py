"""The audit trail browser (Admin Instansi and Auditor): the filtered list and one
event, times in the agency's time zone, every code labelled."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import access, selectors
from ..forms.audit import AuditFilterForm
from ..htmx import is_htmx
from ..http import ActorRequest
from .common import reader_zone


@require_GET
@login_required
def audit_list(request: ActorRequest) -> HttpResponse:
    actor = access.require_audit_reader(request.actor)
    tz, tz_label = reader_zone(request)
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types())
    filters: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # invalid fields are shown with their error and left out
        filters = form.filters()
    events = selectors.audit_event_list(actor=actor, tz=tz, **filters)
    page = Paginator(events, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "event": ev,
            "label": selectors.action_label(ev.action, ev.object_type),
            "object_type": selectors.object_type_label(ev.object_type),
            "changes": selectors.change_rows(ev, tz),
        }
        for ev in page.object_list
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "tz_name": tz.key,
        "tz_label": tz_label,
        "action_suggestions": selectors.action_suggestions(),
        "filtered": bool(filters),
    }
    template = "core/partials/_audit_results.html" if is_htmx(request) else "core/audit_list.html"
    return render(request, template, context)


@require_GET
@login_required
def audit_detail(request: ActorRequest, pk: int) -> HttpResponse:
    event = access.access_audit_event(actor=request.actor, id=pk)
    tz, tz_label = reader_zone(request)
    return render(
        request,
        "core/audit_detail.html",
        {
            "event": event,
            "label": selectors.action_label(event.action, event.object_type),
            "object_type": selectors.object_type_label(event.object_type),
            "changes": selectors.change_rows(event, tz),
            "tz_name": tz.key,
            "tz_label": tz_label,
        },
    )
