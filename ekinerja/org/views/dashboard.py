"""The organisation app's landing page: the reader, their direct subordinates, and the
agency's totals for those who see the whole agency."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ekinerja.core.http import ActorRequest

from .. import access, selectors
from ..models import Pegawai


@require_GET
@login_required
def dashboard(request: ActorRequest) -> HttpResponse:
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
