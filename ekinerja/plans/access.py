"""Tenant and object checks for planning: the only way a view or the API gets an SKP,
an RHK or IKI of an SKP, or an SKP template (with its rows) by id.

Another agency's row is a 404; the same agency without the right is a 403. Which
workflow step an actor may take is decided by the services (domain.can).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope, scope_can_read

from . import domain
from .models import IKI, RHK, SKP, SKPTemplate, SKPTemplateIKI, SKPTemplateRHK


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
    _authorise_skp(actor, skp, for_write=for_write)
    return skp


def _authorise_skp(actor: Actor, skp: SKP, *, for_write: bool) -> None:
    """access_skp's right check, shared by the RHK and IKI of an SKP."""
    if for_write:
        if skp_role(actor, skp) == domain.OTHER:
            raise PermissionDenied(
                _("Hanya pemilik SKP dan pejabat penilainya yang dapat mengubah SKP ini.")
            )
        return
    if not can_read_skp(actor, skp):
        raise PermissionDenied(_("Anda tidak berwenang melihat SKP ini."))


# The SKP of an RHK or IKI, loaded in the same query with what access_skp loads.
_SKP_OF_RHK = ("skp", "skp__pegawai", "skp__pegawai__unit", "skp__periode")


def access_rhk(*, actor: Actor | None, id: int, for_write: bool = False) -> RHK:
    """An RHK (with its intervened RHK and its SKP) of the actor's instansi, on its SKP's
    terms: read by whoever may read the SKP; with `for_write`, only by the SKP's owner or
    penilai (access_skp). The services decide what each of them may change."""
    actor = require_instansi(actor)
    rhk = (
        RHK.objects.select_related("intervensi", *_SKP_OF_RHK)
        .filter(instansi_id=actor.instansi_id, skp__instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if rhk is None:
        raise Http404(_("Data tidak ditemukan."))
    _authorise_skp(actor, rhk.skp, for_write=for_write)
    return rhk


def access_iki(*, actor: Actor | None, id: int, for_write: bool = False) -> IKI:
    """An IKI (with its RHK and SKP) of the actor's instansi, on its SKP's terms, as
    access_rhk."""
    actor = require_instansi(actor)
    iki = (
        IKI.objects.select_related("rhk", *(f"rhk__{f}" for f in _SKP_OF_RHK))
        .filter(instansi_id=actor.instansi_id, rhk__skp__instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if iki is None:
        raise Http404(_("Data tidak ditemukan."))
    _authorise_skp(actor, iki.rhk.skp, for_write=for_write)
    return iki


# --- SKP templates per jabatan (kept by the Admin Instansi) ----------------------------


def require_template_admin(actor: Actor | None) -> MemberActor:
    actor = require_instansi(actor)
    if not actor.is_admin:
        raise PermissionDenied(_("Templat SKP per jabatan dikelola oleh Admin Instansi."))
    return actor


def access_skp_template(*, actor: Actor | None, id: int, lock: bool = False) -> SKPTemplate:
    """A template of the actor's instansi (another agency's: 404), for its Admin
    Instansi (others: 403); with `lock`, locked for the caller's transaction. Owners of
    an SKP see the matching templates through selectors.skp_templates_for instead."""
    actor = require_instansi(actor)
    qs = SKPTemplate.objects.select_related("jabatan", "jabatan__unit")
    if lock:
        qs = qs.select_for_update(of=("self",))
    template = qs.filter(instansi_id=actor.instansi_id, pk=id).first()
    if template is None:
        raise Http404(_("Templat SKP tidak ditemukan."))
    require_template_admin(actor)
    return template


def access_skp_template_rhk(*, actor: Actor | None, id: int) -> SKPTemplateRHK:
    """An RHK row of a template (with the template), on the template's terms."""
    actor = require_instansi(actor)
    row = (
        SKPTemplateRHK.objects.select_related("template")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if row is None:
        raise Http404(_("RHK templat tidak ditemukan."))
    require_template_admin(actor)
    return row


def access_skp_template_iki(*, actor: Actor | None, id: int) -> SKPTemplateIKI:
    """An IKI row of a template (with its RHK row and the template), on the template's
    terms."""
    actor = require_instansi(actor)
    row = (
        SKPTemplateIKI.objects.select_related("rhk", "rhk__template")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if row is None:
        raise Http404(_("IKI templat tidak ditemukan."))
    require_template_admin(actor)
    return row
