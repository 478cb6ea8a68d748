"""The site's root (each reader's start page) and its health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from .. import menu
from ..http import ActorRequest


@login_required
def home(request: ActorRequest) -> HttpResponse:
    # The apps above core register the home pages (core.menu.register_home).
    return redirect(menu.home_url(request.actor))


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and uptime checks: the process answers (no database query).
    Also the baseline of the load benchmarks (bench/)."""
    return HttpResponse("ok", content_type="text/plain")
