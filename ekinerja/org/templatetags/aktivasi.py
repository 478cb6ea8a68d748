"""`{% aktivasi_panel p %}`: the account card on a staff page, for whoever may issue
activation codes for that person (org.activation); nothing for anyone else."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import PermissionDenied

from ..activation import scope as issuers
from ..activation import status as activation_status
from ..models import Pegawai

register = template.Library()


@register.inclusion_tag("org/partials/_aktivasi_panel.html", takes_context=True)
def aktivasi_panel(context: dict[str, Any], pegawai: Pegawai) -> dict[str, Any]:
    request = context.get("request")
    actor = getattr(request, "actor", None)
    if actor is None or not actor.instansi_id or not (actor.is_admin or actor.roles):
        return {"show": False}
    try:
        scope = issuers.issuer_scope(actor)
    except PermissionDenied:
        return {"show": False}
    if not scope.covers(pegawai):
        return {"show": False}
    status, expires = activation_status.pegawai_status(pegawai)
    return {
        "show": True,
        "p": pegawai,
        "status": status,
        "status_label": activation_status.Status.LABELS[status],
        "expires": expires,
        "reason": issuers.refusal(scope, pegawai),
    }
