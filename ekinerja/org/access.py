"""Tenant and object checks for organisation data: the only way a view gets a row by id.

Another agency's object is a 404; the same agency without the right is a 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import require_instansi
from ekinerja.core.models import Role
from ekinerja.core.roles import Actor, MemberActor

from .models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja


@dataclass(frozen=True)
class OrgScope:
    """What part of the instansi's people an actor may read."""

    actor: MemberActor
    pegawai_id: int | None
    whole_instansi: bool
    unit_paths: tuple[str, ...]  # subtrees: units headed, pimpinan and pengelola units
    headed_unit_ids: tuple[int, ...]
    # Someone has this actor as direct supervisor (Pegawai.atasan): the penilai's pages.
    has_subordinates: bool = False

    @property
    def has_team(self) -> bool:
        return self.whole_instansi or bool(self.unit_paths)

    @property
    def may_list_pegawai(self) -> bool:
        """A team or a direct subordinate: the staff list (require_pegawai_list) and the
        team pages of the menus."""
        return self.has_team or self.has_subordinates

    def pegawai_q(self) -> Q:
        """Rows of Pegawai this actor may read (already limited to the instansi)."""
        if self.whole_instansi:
            return Q()
        q = Q(pk=self.pegawai_id) if self.pegawai_id else Q(pk__in=[])
        if self.pegawai_id:
            q |= Q(atasan_id=self.pegawai_id)
        for p in self.unit_paths:
            q |= Q(unit__path__startswith=p)
        return q


def require_admin(actor: Actor | None) -> MemberActor:
    actor = require_instansi(actor)
    if not actor.is_admin:
        raise PermissionDenied(_("Hanya Admin Instansi yang dapat mengubah data ini."))
    return actor


def org_scope(actor: Actor | None) -> OrgScope:
    """The actor's reading scope; computed once per actor (an actor lives for one request)."""
    actor = require_instansi(actor)
    cached = actor.__dict__.get("_org_scope")
    if cached is not None:
        return cached
    scope = _compute_org_scope(actor)
    object.__setattr__(actor, "_org_scope", scope)  # Actor is frozen; this is a memo only
    return scope


def _compute_org_scope(actor: MemberActor) -> OrgScope:
    # One query for the person and whether anyone reports to them (the menus ask).
    subordinate = Pegawai.objects.filter(instansi_id=actor.instansi_id, atasan_id=OuterRef("pk"))
    pegawai_id, has_subordinates = (
        Pegawai.objects.filter(instansi_id=actor.instansi_id, user_id=actor.user.pk)
        .annotate(has_subordinates=Exists(subordinate))
        .values_list("pk", "has_subordinates")
        .first()
    ) or (None, False)
    whole = actor.reads_whole_instansi
    headed: list[int] = []
    unit_ids: set[int] = set(actor.units_for(Role.PENGELOLA)) | set(actor.units_for(Role.PIMPINAN))
    if pegawai_id and not whole:
        headed = list(
            RiwayatJabatan.objects.filter(
                instansi_id=actor.instansi_id,
                pegawai_id=pegawai_id,
                tmt_selesai__isnull=True,
                jabatan__is_head=True,
            ).values_list("jabatan__unit_id", flat=True)
        )
        unit_ids |= set(headed)
    paths: tuple[str, ...] = ()
    if unit_ids and not whole:
        paths = tuple(
            UnitKerja.objects.filter(instansi_id=actor.instansi_id, pk__in=unit_ids)
            .order_by("path")
            .values_list("path", flat=True)
        )
    return OrgScope(
        actor=actor,
        pegawai_id=pegawai_id,
        whole_instansi=whole,
        unit_paths=paths,
        headed_unit_ids=tuple(headed),
        has_subordinates=bool(has_subordinates),
    )


def _get_scoped(qs, actor: MemberActor, pk: int):
    obj = qs.filter(instansi_id=actor.instansi_id, pk=pk).first()
    if obj is None:
        raise Http404(_("Data tidak ditemukan."))
    return obj


def access_pegawai(*, actor: Actor | None, id: int, for_write: bool = False) -> Pegawai:
    actor = require_instansi(actor)
    pegawai = _get_scoped(Pegawai.objects.select_related("unit", "jabatan"), actor, id)
    if for_write:
        require_admin(actor)
        return pegawai
    scope = org_scope(actor)
    if scope.whole_instansi or pegawai.pk == scope.pegawai_id:
        return pegawai
    if pegawai.atasan_id and pegawai.atasan_id == scope.pegawai_id:
        return pegawai
    unit_path = pegawai.unit.path if pegawai.unit is not None else None
    if unit_path and any(unit_path.startswith(p) for p in scope.unit_paths):
        return pegawai
    raise PermissionDenied(_("Anda tidak berwenang melihat data pegawai ini."))


def access_unit(*, actor: Actor | None, id: int, for_write: bool = False) -> UnitKerja:
    """Every member of an instansi may read its org chart; only admins change it."""
    actor = require_instansi(actor)
    unit = _get_scoped(UnitKerja.objects, actor, id)
    if for_write:
        require_admin(actor)
    return unit


def access_jabatan(*, actor: Actor | None, id: int, for_write: bool = False) -> Jabatan:
    actor = require_instansi(actor)
    jabatan = _get_scoped(Jabatan.objects.select_related("unit", "parent"), actor, id)
    if for_write:
        require_admin(actor)
    return jabatan


# --- helpers for the org pages --------------------------------------------------------


def require_platform_admin(actor: Actor | None) -> Actor:
    """Agencies are created by the platform admin, who belongs to no instansi."""
    if actor is None:
        raise PermissionDenied(_("Silakan masuk terlebih dahulu."))
    if not actor.is_platform_admin:
        raise PermissionDenied(_("Hanya admin platform yang dapat mengelola daftar instansi."))
    return actor


def scope_can_read(scope: OrgScope, pegawai: Pegawai) -> bool:
    """The rule of access_pegawai without a query (`pegawai.unit` must be loaded).

    Pages use it to decide which names link to a detail page the viewer may open."""
    if pegawai.instansi_id != scope.actor.instansi_id:
        return False
    if scope.whole_instansi or pegawai.pk == scope.pegawai_id:
        return True
    if scope.pegawai_id and pegawai.atasan_id == scope.pegawai_id:
        return True
    unit_path = pegawai.unit.path if pegawai.unit is not None else None
    return bool(unit_path and any(unit_path.startswith(p) for p in scope.unit_paths))


def require_pegawai_list(actor: Actor | None) -> OrgScope:
    """The staff list is for those with a team: the whole instansi (admin, auditor,
    instansi-wide pimpinan), a unit subtree (head, pimpinan, pengelola), or at least one
    direct subordinate (e.g. through an admin's override of the penilai)."""
    scope = org_scope(actor)
    if scope.may_list_pegawai:
        return scope
    raise PermissionDenied(
        _(
            "Daftar pegawai hanya untuk pimpinan unit, atasan langsung, pengelola kinerja, "
            "Admin Instansi, dan Auditor."
        )
    )


def access_riwayat(
    *, actor: Actor | None, pegawai_id: int, id: int, for_write: bool = False
) -> RiwayatJabatan:
    """A position-history row of a person of the actor's instansi."""
    actor = require_instansi(actor)
    riwayat = (
        RiwayatJabatan.objects.select_related("jabatan", "jabatan__unit", "pegawai")
        .filter(instansi_id=actor.instansi_id, pegawai_id=pegawai_id, pk=id)
        .first()
    )
    if riwayat is None:
        raise Http404(_("Data tidak ditemukan."))
    if for_write:
        require_admin(actor)
    else:
        access_pegawai(actor=actor, id=pegawai_id)
    return riwayat
