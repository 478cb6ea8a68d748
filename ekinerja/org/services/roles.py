"""Writes of the explicit roles (RoleAssignment): Pengelola Kinerja of a unit,
Pimpinan, Admin Instansi, Auditor. The agency keeps at least one Admin Instansi."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.models import Role, RoleAssignment, User
from ekinerja.core.roles import Actor

from ..access import require_admin
from ..models import UnitKerja

ROLES_WITH_UNIT = {Role.PENGELOLA}  # always limited to a unit subtree
ROLES_WITHOUT_UNIT = {Role.ADMIN, Role.AUDITOR}  # always the whole instansi


@transaction.atomic
def role_assign(
    *, actor: Actor, user: User, role: str, unit: UnitKerja | None = None
) -> RoleAssignment:
    """Grant a role: Pengelola Kinerja of a unit, Pimpinan (of a unit or the whole
    instansi), Admin Instansi, Auditor."""
    actor = require_admin(actor)
    if user.instansi_id != actor.instansi_id:
        raise ValidationError(_("Pengguna harus dari instansi yang sama."))
    if role not in Role.values:
        raise ValidationError({"role": [_("Peran tidak dikenal.")]})
    if unit is not None and unit.instansi_id != actor.instansi_id:
        raise ValidationError({"unit": [_("Unit harus dari instansi yang sama.")]})
    if role in ROLES_WITH_UNIT and unit is None:
        raise ValidationError({"unit": [_("Pengelola Kinerja harus ditetapkan untuk satu unit.")]})
    if role in ROLES_WITHOUT_UNIT:
        unit = None
    exists = RoleAssignment.objects.filter(
        instansi_id=actor.instansi_id, user=user, role=role, unit=unit
    ).exists()
    if exists:
        raise ValidationError({"role": [_("Pegawai ini sudah memegang peran tersebut.")]})
    assignment = RoleAssignment.objects.create(
        instansi_id=actor.instansi_id, user=user, role=role, unit=unit
    )
    audit.record(
        actor=actor.user,
        action="role.assign",
        obj=user,
        instansi_id=actor.instansi_id,
        changes={
            "peran": [None, str(Role(role).label)],
            "unit": [None, str(unit) if unit else None],
        },
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: Actor, assignment: RoleAssignment) -> None:
    """Take a role back. The agency keeps at least one Admin Instansi."""
    actor = require_admin(actor)
    locked = (
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("user", "unit")
        .filter(instansi_id=actor.instansi_id, pk=assignment.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("Peran ini sudah tidak ada."))
    assignment = locked
    if (
        assignment.role == Role.ADMIN
        and not RoleAssignment.objects.filter(instansi_id=actor.instansi_id, role=Role.ADMIN)
        .exclude(pk=assignment.pk)
        .exists()
    ):
        raise ValidationError(
            _("Admin Instansi terakhir tidak dapat dicabut; tetapkan admin lain lebih dahulu.")
        )
    audit.record(
        actor=actor.user,
        action="role.revoke",
        obj=assignment.user,
        instansi_id=actor.instansi_id,
        changes={
            "peran": [str(Role(assignment.role).label), None],
            "unit": [str(assignment.unit) if assignment.unit else None, None],
        },
    )
    assignment.delete()
