"""Writes of the agencies themselves, by the platform admin: a new instansi, alone or
with its first Admin Instansi login."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.models import Role, RoleAssignment, User

from ..models import Instansi


@transaction.atomic
def instansi_create(*, actor: User, **fields: Any) -> Instansi:
    if not actor.is_platform_admin:
        raise ValidationError(_("Hanya admin platform yang dapat membuat instansi."))
    instansi = Instansi(**fields)
    instansi.full_clean()
    instansi.save()
    audit.record(
        actor=actor, action="instansi.create", obj=instansi, instansi_id=instansi.pk, changes=fields
    )
    return instansi


@transaction.atomic
def instansi_create_with_admin(
    *,
    actor: User,
    admin_username: str,
    admin_password: str = "",
    admin_email: str = "",
    **fields: Any,
) -> tuple[Instansi, User]:
    """A new agency and its first Admin Instansi login, in one transaction.

    The login gets either a temporary password (to be changed) or no usable password
    and an email address, through which the admin sets one with the reset link."""
    if not actor.is_platform_admin:
        raise ValidationError(_("Hanya admin platform yang dapat membuat instansi."))
    username = (admin_username or "").strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["admin_username"] = [_("Nama pengguna admin wajib diisi.")]
    elif User.objects.filter(username__iexact=username).exists():
        errors["admin_username"] = [_("Nama pengguna %(u)s sudah dipakai.") % {"u": username}]
    if not admin_password and not admin_email:
        errors["admin_password"] = [
            _("Isi kata sandi sementara, atau email agar admin dapat mengatur kata sandinya.")
        ]
    if errors:
        raise ValidationError(errors)
    instansi = instansi_create(actor=actor, **fields)
    user = User(username=username, email=admin_email, instansi=instansi)
    if admin_password:
        try:
            password_validation.validate_password(admin_password, user)
        except ValidationError as e:
            raise ValidationError({"admin_password": e.messages}) from None
        user.set_password(admin_password)
        # Chosen by the platform admin, not by the owner: changed at the first login
        # (core.middleware.PasswordChangeRequiredMiddleware).
        user.must_change_password = True
    else:
        user.set_unusable_password()
    user.save()
    RoleAssignment.objects.create(instansi=instansi, user=user, role=Role.ADMIN)
    audit.record(
        actor=actor,
        action="role.assign",
        obj=user,
        instansi_id=instansi.pk,
        changes={"peran": [None, str(Role.ADMIN.label)], "unit": [None, None]},
    )
    return instansi, user
