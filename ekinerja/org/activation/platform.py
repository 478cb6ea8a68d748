"""The platform admin and an agency's Admin Instansi and Auditors: their accounts
(three queries, whatever their number), and resetting one with a code shown once
(never emailed: the login email may be the very thing in question)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.core import accounts, activation
from ekinerja.core.models import ActivationCode, Role, RoleAssignment, User
from ekinerja.core.roles import Actor

from ..models import Pegawai
from .issuing import announce_resets
from .letters import Letter, make_letter


@dataclass
class PrivilegedAccount:
    user: User
    pegawai: Pegawai | None
    roles: list[str]
    active: bool
    code_expires: dt.datetime | None


def privileged_accounts(*, instansi_id: int) -> list[PrivilegedAccount]:
    """The Admin Instansi and Auditors of an agency, for the platform admin: three
    queries, whatever their number."""
    assignments = list(
        RoleAssignment.objects.filter(
            instansi_id=instansi_id, role__in=accounts.PRIVILEGED_ROLES
        ).select_related("user")
    )
    users: dict[int, User] = {}
    roles: dict[int, list[str]] = {}
    for a in assignments:
        users[a.user_id] = a.user
        roles.setdefault(a.user_id, []).append(str(Role(a.role).label))
    people = {
        p.user_id: p
        for p in Pegawai.objects.select_related("unit").filter(
            instansi_id=instansi_id, user_id__in=list(users)
        )
    }
    now = timezone.now()
    expiry: dict[int, dt.datetime] = {}
    for uid, expires in ActivationCode.objects.filter(
        user_id__in=list(users), used_at__isnull=True, voided_at__isnull=True, expires_at__gt=now
    ).values_list("user_id", "expires_at"):
        expiry[uid] = max(expires, expiry.get(uid, expires))
    out = [
        PrivilegedAccount(
            user=u,
            pegawai=people.get(uid),
            roles=sorted(roles[uid]),
            active=u.has_usable_password(),
            code_expires=expiry.get(uid),
        )
        for uid, u in users.items()
    ]
    return sorted(out, key=lambda a: (a.user.get_full_name() or a.user.username).lower())


def require_platform(actor: Actor | None) -> Actor:
    if actor is None or not actor.is_platform_admin or actor.instansi_id is not None:
        raise PermissionDenied(_("Akun Admin Instansi dan Auditor dikelola oleh admin platform."))
    return actor


def privileged_user(*, instansi_id: int, user_id: int) -> User:
    """An Admin Instansi or Auditor of the agency, or a 404."""
    user = User.objects.filter(
        pk=user_id,
        instansi_id=instansi_id,
        pk__in=RoleAssignment.objects.filter(
            instansi_id=instansi_id, role__in=accounts.PRIVILEGED_ROLES
        ).values("user_id"),
    ).first()
    if user is None:
        raise Http404(_("Data tidak ditemukan."))
    return user


def platform_printable(*, user_ids: Iterable[int]) -> dict[int, Pegawai | None]:
    """Of `user_ids`, the agency admins and auditors (whose letters the platform admin
    prints), with their Pegawai record if they have one."""
    ids = set(
        RoleAssignment.objects.filter(
            user_id__in=list(user_ids), role__in=accounts.PRIVILEGED_ROLES
        ).values_list("user_id", flat=True)
    )
    people = {p.user_id: p for p in Pegawai.objects.select_related("unit").filter(user_id__in=ids)}
    return {uid: people.get(uid) for uid in ids}


def platform_issue(*, actor_user: User, user: User, site: str, ip: str | None = None) -> Letter:
    """The platform admin resets an agency admin's or auditor's password: a code shown
    once (never emailed: the login email may be the very thing in question)."""
    with transaction.atomic():
        [issued] = activation.codes_issue(issued_by=actor_user, users=[user], ip=ip)
        announce_resets(actor_user, [issued], {}, emailed=set())
    pegawai = Pegawai.objects.select_related("unit").filter(user=user).first()
    return make_letter(issued.user, pegawai, issued.code, issued.row, site=site)
