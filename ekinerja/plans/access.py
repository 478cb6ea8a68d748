"""Tenant and object checks for SKP: the only way a view or the API gets an SKP by id.

Another agency's SKP is a 404; the same agency without the right is a 403. Which
workflow step an actor may take is decided by the services (domain.can).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope, require_instansi, scope_can_read

from . import domain
from .models import SKP


def skp_role(actor: Actor, skp: SKP) -> str:
    """owner / penilai / other for this actor on this SKP (domain.role_for)."""
    me = org_scope(actor).pegawai_id
    return domain.role_for(
        is_owner=me is not None and skp.pegawai_id == me,
        is_penilai=me is not None and skp.penilai_id == me,
    )


def can_read_skp(actor: Actor, skp: SKP) -> bool:
    """Owner, penilai and atasan penilai named on the SKP; Admin Instansi, Auditor and an
    instansi-wide Pimpinan; heads, pimpinan and pengelola of the pegawai's unit subtree
    and their current direct supervisor (org.access.scope_can_read). `skp.pegawai.unit`
    should be loaded."""
    if skp.instansi_id != actor.instansi_id:
        return False
    scope = org_scope(actor)
    me = scope.pegawai_id
    if me is not None and me in (skp.pegawai_id, skp.penilai_id, skp.atasan_penilai_id):
        return True
    return scope_can_read(scope, skp.pegawai)


def access_skp(*, actor: Actor | None, id: int, for_write: bool = False) -> SKP:
    """An SKP of the actor's instansi that the actor may read; with `for_write`, one the
    actor may act on at all (its owner or its penilai)."""
    actor = require_instansi(actor)
    skp = (
        SKP.objects.select_related("pegawai", "pegawai__unit", "periode")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if skp is None:
        raise Http404(_("SKP tidak ditemukan."))
    if for_write:
        if skp_role(actor, skp) == domain.OTHER:
            raise PermissionDenied(
                _("Hanya pemilik SKP dan pejabat penilainya yang dapat mengubah SKP ini.")
            )
        return skp
    if not can_read_skp(actor, skp):
        raise PermissionDenied(_("Anda tidak berwenang melihat SKP ini."))
    return skp
