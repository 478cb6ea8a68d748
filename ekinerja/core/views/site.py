"""The site's root (each reader's start page) and its health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if actor.is_platform_admin and not actor.instansi_id:
        return redirect(reverse("org:instansi-list"))
    return redirect(reverse("org:dashboard"))


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: the process answers (no database query).
    Also the baseline of the load benchmarks (bench/)."""
    return HttpResponse("ok", content_type="text/plain")
