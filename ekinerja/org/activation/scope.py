"""Who may issue activation codes for whom:

- the Admin Instansi: anyone of the agency, except holders of the Admin Instansi or
  Auditor role — those only the platform admin resets (core.accounts);
- a Pengelola Kinerja: people in the subtrees of their units who hold no role and
  supervise nobody (a pengelola must not be able to take over their superiors);
- the platform admin: the agency's Admin Instansi and Auditors only (platform.py);
- nobody issues a code for themself (they change their password instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core import accounts
from ekinerja.core.access import require_instansi
from ekinerja.core.models import Role, RoleAssignment
from ekinerja.core.roles import Actor, MemberActor

from .. import selectors
from ..models import Pegawai, UnitKerja


@dataclass(frozen=True)
class IssuerScope:
    """The people an actor may issue codes for: the whole agency, or unit subtrees."""

    actor: MemberActor
    whole_instansi: bool
    unit_paths: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()

    def pegawai_q(self) -> Q:
        if self.whole_instansi:
            return Q()
        q = Q(pk__in=[])
        for p in self.unit_paths:
            q |= Q(unit__path__startswith=p)
        return q

    def covers(self, pegawai: Pegawai) -> bool:
        if self.whole_instansi:
            return True
        path = pegawai.unit.path if pegawai.unit is not None else ""
        return bool(path) and any(path.startswith(p) for p in self.unit_paths)

    def covers_unit(self, unit: UnitKerja) -> bool:
        return self.whole_instansi or any(unit.path.startswith(p) for p in self.unit_paths)


def issuer_scope(actor: Actor | None) -> IssuerScope:
    actor = require_instansi(actor)
    if actor.is_admin:
        return IssuerScope(actor=actor, whole_instansi=True)
    unit_ids = actor.units_for(Role.PENGELOLA)
    if unit_ids:
        paths = tuple(
            UnitKerja.objects.filter(instansi_id=actor.instansi_id, pk__in=unit_ids)
            .order_by("path")
            .values_list("path", flat=True)
        )
        return IssuerScope(
            actor=actor, whole_instansi=False, unit_paths=paths, unit_ids=tuple(unit_ids)
        )
    raise PermissionDenied(
        _(
            "Aktivasi akun pegawai hanya dapat dilakukan oleh Admin Instansi dan Pengelola "
            "Kinerja (untuk unitnya)."
        )
    )


@dataclass(frozen=True)
class _Facts:
    roles: dict[int, set[str]]  # user id → roles held
    supervisors: set[int]  # pegawai ids who are someone's penilai


def _facts(people: Sequence[Pegawai]) -> _Facts:
    """What `refusal` needs about many people, in two queries."""
    user_ids = [p.user_id for p in people if p.user_id]
    roles: dict[int, set[str]] = {}
    for uid, role in RoleAssignment.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "role"
    ):
        roles.setdefault(uid, set()).add(role)
    supervisors: set[int] = set()
    if people:
        supervisors = set(
            Pegawai.objects.filter(
                instansi_id=people[0].instansi_id, atasan_id__in=[p.pk for p in people]
            ).values_list("atasan_id", flat=True)
        )
    return _Facts(roles=roles, supervisors=supervisors)


def refusal(scope: IssuerScope, pegawai: Pegawai, facts: _Facts | None = None) -> str:
    """Why `scope.actor` may not issue a code for `pegawai` ("" when they may)."""
    if pegawai.user_id is None:
        return _(
            "Pegawai ini belum mempunyai akun (akun dibuat dari NIP), sehingga tidak dapat "
            "diaktifkan."
        )
    if not pegawai.aktif:
        return _("Pegawai ini nonaktif. Aktifkan data pegawainya lebih dahulu.")
    if pegawai.user_id == scope.actor.user.pk:
        return _("Untuk akun Anda sendiri, gunakan Ganti kata sandi.")
    facts = facts or _facts([pegawai])
    roles = facts.roles.get(pegawai.user_id, set())
    if roles & set(accounts.PRIVILEGED_ROLES):
        return _(
            "Akun Admin Instansi dan Auditor hanya dapat diatur ulang oleh admin platform "
            "atau oleh pemiliknya sendiri."
        )
    if not scope.whole_instansi:
        if roles:
            return _("Pengelola Kinerja tidak dapat menerbitkan kode untuk pemegang peran.")
        if pegawai.pk in facts.supervisors:
            return _(
                "Pengelola Kinerja tidak dapat menerbitkan kode untuk pejabat penilai; "
                "hubungi Admin Instansi."
            )
    return ""


def refusals(scope: IssuerScope, people: Sequence[Pegawai]) -> dict[int, str]:
    facts = _facts(people)
    return {p.pk: refusal(scope, p, facts) for p in people}


def access_pegawai(*, actor: Actor | None, id: int) -> tuple[IssuerScope, Pegawai]:
    """A person of the actor's agency whose account the actor may manage: another
    agency's person is a 404, outside the actor's units a 403."""
    actor = require_instansi(actor)
    pegawai = (
        Pegawai.objects.select_related("unit", "jabatan", "user")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if pegawai is None:
        raise Http404(_("Data tidak ditemukan."))
    scope = issuer_scope(actor)
    if not scope.covers(pegawai):
        raise PermissionDenied(_("Pegawai ini di luar unit yang Anda kelola."))
    return scope, pegawai


def unit_choices(scope: IssuerScope) -> list[tuple[int, str]]:
    return selectors.unit_choices(
        instansi_id=scope.actor.instansi_id,
        paths=() if scope.whole_instansi else scope.unit_paths,
    )
