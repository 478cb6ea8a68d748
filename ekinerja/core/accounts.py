"""Changes to a login's credentials and email, and the notices that tell its owner.

The Admin Instansi and the Auditor are *privileged*: their password, activation code
and login email change only through the platform admin or the owner themself (issue 11
§8). An Admin Instansi who edits such a person's Pegawai record changes the HR data
only; the login's email, which "Lupa kata sandi" writes to, stays as the owner set it.
Every change tells the owner, by email where there is an address, and is audited.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, notify, siteurl
from .models import Role, RoleAssignment, User

log = logging.getLogger(__name__)

PRIVILEGED_ROLES = (Role.ADMIN, Role.AUDITOR)


def is_privileged(user: User | int) -> bool:
    """Does `user` (or the user with this id) hold a role whose account only the
    platform admin or the owner may reset: Admin Instansi or Auditor?"""
    uid = user.pk if isinstance(user, User) else user
    return RoleAssignment.objects.filter(user_id=uid, role__in=PRIVILEGED_ROLES).exists()


def privileged_user_ids(user_ids: Iterable[int]) -> set[int]:
    return set(
        RoleAssignment.objects.filter(
            user_id__in=list(user_ids), role__in=PRIVILEGED_ROLES
        ).values_list("user_id", flat=True)
    )


def notice_addresses(user: User) -> list[str]:
    """Where a security notice to `user` goes: the login's own email; for people who
    are not privileged, else the email of their Pegawai record."""
    if user.email:
        return [user.email]
    if is_privileged(user):
        return []
    address = notify.email_address(user)
    return [address] if address else []


def send_security_notice(
    *, user: User, subject: str, body: str, to: Iterable[str], link: str = ""
) -> None:
    """Email a notice about the owner's account after the transaction commits, whatever
    their notification preference: it is about the account, not about the work. A mail
    server that is down is logged; it never undoes the change."""
    addresses = sorted({a for a in to if a})
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "core/email/security_notice.txt",
            {"user": user, "body": body, "link": siteurl.absolute(link) if link else ""},
        )

    def _send() -> None:
        try:
            connection = get_connection()
            for address in addresses:
                EmailMessage(subject, text, to=[address], connection=connection).send()
        except Exception:
            log.exception("security notice to user %s not sent", user.pk)

    transaction.on_commit(_send, robust=True)


@transaction.atomic
def login_email_change(*, actor: User, user: User, email: str, ip: str | None = None) -> User:
    """Set the email of `user`'s login: by the owner (who confirmed with their
    password) or by the platform admin. The old and the new address are told."""
    if actor.pk != user.pk and not actor.is_platform_admin:
        raise PermissionDenied(
            _("Email login hanya dapat diubah oleh pemilik akun atau admin platform.")
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    old = user.email
    if old == email:
        return user
    user.email = email
    user.save(update_fields=["email"])
    audit.record(
        actor=actor,
        action="auth.email_change",
        obj=user,
        instansi_id=user.instansi_id,
        changes={"email": [old, email]},
        ip=ip,
    )
    with translation.override(settings.LANGUAGE_CODE):
        who = actor.get_full_name() or actor.get_username()
        subject = _("Email login e-Kinerja Anda diubah")
        body = _(
            "Email login akun e-Kinerja Anda (%(akun)s) diubah dari %(lama)s menjadi "
            "%(baru)s oleh %(oleh)s. Tautan atur ulang kata sandi kini dikirim ke alamat "
            "baru. Jika perubahan ini bukan atas sepengetahuan Anda, segera hubungi admin "
            "platform atau Admin Instansi Anda."
        ) % {"akun": user.get_username(), "lama": old or "—", "baru": email, "oleh": who}
    send_security_notice(
        user=user, subject=subject, body=body, to=[old, email], link=reverse("login")
    )
    if user.instansi_id:
        notify.notify(
            recipients=[user],
            kind="akun.email_diubah",
            message=gettext_lazy("Email login Anda diubah menjadi %(baru)s oleh %(oleh)s."),
            params={"baru": email, "oleh": who},
            url="",
            instansi_id=user.instansi_id,
            email=False,
        )
    return user
