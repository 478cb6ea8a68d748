"""The platform admin's pages of agencies: the list, and a new agency with its first
Admin Instansi (their accounts: views/activation.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ekinerja.core.formtools import add_service_errors
from ekinerja.core.http import ActorRequest

from .. import access, selectors
from ..forms.instansi import InstansiForm
from ..services import instansi as instansi_services
from .common import GET_POST


@require_GET
@login_required
def instansi_list(request: ActorRequest) -> HttpResponse:
    access.require_platform_admin(request.actor)
    return render(request, "org/instansi_list.html", {"rows": selectors.instansi_list()})


@GET_POST
@login_required
def instansi_create(request: ActorRequest) -> HttpResponse:
    actor = access.require_platform_admin(request.actor)
    form = InstansiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        admin = {k: data.pop(k) for k in ("admin_username", "admin_password", "admin_email")}
        try:
            instansi, user = instansi_services.instansi_create_with_admin(
                actor=actor.user, **admin, **data
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(
                request,
                _("Instansi %(i)s dibuat dengan Admin Instansi %(u)s.")
                % {"i": instansi.nama, "u": user.username},
            )
            return redirect("org:instansi-list")
    return render(request, "org/instansi_create.html", {"form": form})
