"""The HTMX helpers of the admin forms: the position and staff pickers
(search-as-you-type, then the one chosen) and the NIP read while it is typed."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ekinerja.core.http import ActorRequest
from ekinerja.core.roles import MemberActor

from .. import access, selectors
from ..forms.pegawai import nip_feedback
from ..models import Jabatan, Pegawai

_FIELD_RE = re.compile(r"^[a-z_]{1,30}$")


def _picker(request: ActorRequest, kind: str, actor: MemberActor) -> HttpResponse:
    field = request.GET.get("field", "q")
    if not _FIELD_RE.match(field):
        return HttpResponseBadRequest(_("Permintaan tidak valid."))
    url = reverse("org:jabatan-search" if kind == "jabatan" else "org:pegawai-search")
    pick = request.GET.get("pick")
    if pick is not None:
        chosen: Jabatan | Pegawai | None = None
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
    items: list[Jabatan] | list[Pegawai]
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
def jabatan_search(request: ActorRequest) -> HttpResponse:
    actor = access.require_admin(request.actor)
    return _picker(request, "jabatan", actor)


@require_GET
@login_required
def pegawai_search(request: ActorRequest) -> HttpResponse:
    actor = access.require_admin(request.actor)
    return _picker(request, "pegawai", actor)


@require_GET
@login_required
def pegawai_nip_check(request: ActorRequest) -> HttpResponse:
    """The staff form's NIP, read while it is typed (HTMX): what it says (status,
    gender, birth date, TMT), or what is wrong with it."""
    actor = access.require_admin(request.actor)
    pid = request.GET.get("pegawai", "")
    pegawai = None
    if pid:
        if not re.fullmatch(r"[0-9]{1,12}", pid):  # ASCII: int("²") fails, "²".isdigit() not
            return HttpResponseBadRequest(_("Permintaan tidak valid."))
        pegawai = access.access_pegawai(actor=actor, id=int(pid), for_write=True)
    _nip, info, error = nip_feedback(
        instansi_id=actor.instansi_id, raw=request.GET.get("nip", "")[:40], pegawai=pegawai
    )
    return render(request, "org/partials/_nip_info.html", {"info": info, "error": error})
