"""The tenant gate every app starts from, and who may read the audit trail.

- `require_instansi`: the one tenancy gate (a logged-in member of an instansi), used by
  every view, API permission and service of agency data, whatever the app;
- the audit trail is read by the Admin Instansi and the Auditor of the agency: another
  agency's event is a 404; the same agency without the right is a 403.
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import AuditEvent
from .roles import Actor, MemberActor


def require_instansi(actor: Actor | None) -> MemberActor:
    """The actor, if logged in and a member of an instansi; else a 403 that says why.

    The one tenancy gate: every view of agency data starts here."""
    if actor is None:
        raise PermissionDenied(_("Silakan masuk terlebih dahulu."))
    if actor.instansi_id is None:
        raise PermissionDenied(
            _(
                "Akun ini tidak terdaftar pada instansi mana pun, sehingga tidak dapat "
                "membuka data instansi."
            )
        )
    return cast("MemberActor", actor)


def require_audit_reader(actor: Actor | None) -> MemberActor:
    actor = require_instansi(actor)
    if not (actor.is_admin or actor.is_auditor):
        raise PermissionDenied(_("Jejak audit hanya dapat dibuka oleh Admin Instansi dan Auditor."))
    return actor


def access_audit_event(*, actor: Actor | None, id: int, for_write: bool = False) -> AuditEvent:
    """An event of the actor's own instansi. Events are never changed, only read."""
    actor = require_instansi(actor)
    event = (
        AuditEvent.objects.select_related("actor", "instansi")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if event is None:
        raise Http404(_("Data tidak ditemukan."))
    require_audit_reader(actor)
    if for_write:
        raise PermissionDenied(_("Jejak audit tidak dapat diubah."))
    return event
