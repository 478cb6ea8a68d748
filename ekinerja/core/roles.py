"""The acting user and the roles they hold, built once per request.

Rights that come from the org chart (supervisor, head of a unit) are resolved by
`ekinerja.org.access`, which extends this with the actor's place in the chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from .models import Role, RoleAssignment, User


@dataclass(frozen=True)
class Actor:
    user: User
    instansi_id: int | None
    roles: frozenset[str] = frozenset()
    # role -> unit ids the role is limited to; None in the tuple means "whole instansi"
    role_units: dict[str, tuple[int | None, ...]] = field(default_factory=dict)

    @property
    def is_platform_admin(self) -> bool:
        return bool(self.user.is_platform_admin)

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def is_auditor(self) -> bool:
        return Role.AUDITOR in self.roles

    @property
    def reads_whole_instansi(self) -> bool:
        """Admin Instansi, Auditor and an instansi-wide Pimpinan see every record."""
        return (
            self.is_admin
            or self.is_auditor
            or (Role.PIMPINAN in self.roles and None in self.role_units.get(Role.PIMPINAN, ()))
        )

    def units_for(self, role: str) -> tuple[int, ...]:
        return tuple(u for u in self.role_units.get(role, ()) if u is not None)


if TYPE_CHECKING:

    class MemberActor(Actor):
        """An actor who belongs to an instansi: what `core.access.require_instansi`
        returns. For the type checker only (at run time it is the same Actor object, so
        what is memoised on it stays): after the tenant gate, `instansi_id` is an int."""

        instansi_id: int

else:
    MemberActor = Actor


def actor_for_user(user: User | AnonymousUser) -> Actor | None:
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    role_units: dict[str, list[int | None]] = {}
    if user.instansi_id:
        rows = RoleAssignment.objects.filter(instansi_id=user.instansi_id, user=user).values_list(
            "role", "unit_id"
        )
        for role, unit_id in rows:
            role_units.setdefault(role, []).append(unit_id)
    return Actor(
        user=user,
        instansi_id=user.instansi_id,
        roles=frozenset(role_units),
        role_units={k: tuple(v) for k, v in role_units.items()},
    )
