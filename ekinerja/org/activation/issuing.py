"""Issuing codes: for people one by one or for a whole unit, by email where the person
has an address, else as letters to print; the codes are committed first, then the
emails go out, and a person whose email fails gets a letter instead. A reset is
announced to the owner (core.activation does the codes themselves)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import accounts, activation, notify
from ekinerja.core.models import ActivationCode, User

from ..models import Pegawai, UnitKerja
from .letters import Letter, letters_for, make_letter
from .scope import IssuerScope, refusals
from .status import Status, activation_list

log = logging.getLogger(__name__)

# A unit's letters are one PDF: beyond this many people, choose a smaller unit.
UNIT_BATCH_MAX = 500


@dataclass
class Result:
    letters: list[Letter] = field(default_factory=list)
    emailed: list[Pegawai] = field(default_factory=list)
    email_failed: list[Pegawai] = field(default_factory=list)


def email_address(pegawai: Pegawai) -> str:
    """Where a code may be emailed: the login's address, else the HR record's."""
    user = pegawai.user
    return (user.email if user else "") or pegawai.email or ""


def _users(people: list[Pegawai]) -> list[User]:
    """Their accounts: `refusals` has already turned away anyone without one."""
    return cast(list[User], [p.user for p in people])


def issue(
    *,
    scope: IssuerScope,
    people: Sequence[Pegawai],
    by_email: bool,
    site: str,
    ip: str | None = None,
) -> Result:
    """Issue codes for `people`, by email for those with an address when `by_email`,
    else as letters. Refused (PermissionDenied) if `scope.actor` may not issue for one
    of them. The codes are committed first; then the emails go out, and a person whose
    email fails gets a letter instead. Resets are announced to the owner (in the app,
    and by email when the code itself is not emailed)."""
    for p in people:
        if not scope.covers(p):
            raise PermissionDenied(_("Pegawai ini di luar unit yang Anda kelola."))
    reasons = refusals(scope, people)
    refused = next((r for r in reasons.values() if r), "")
    if refused:
        raise PermissionDenied(refused)
    actor_user = scope.actor.user
    result = Result()
    by_user = {p.user_id: p for p in people if p.user_id}
    mail_ids = {p.pk for p in people if by_email and email_address(p)}
    mail_group = [p for p in people if p.pk in mail_ids]
    letter_group = [p for p in people if p.pk not in mail_ids]
    with transaction.atomic():
        instansi_id = people[0].instansi_id if people else None
        if instansi_id:
            activation.codes_expire(instansi_id=instansi_id)
        letters = activation.codes_issue(
            issued_by=actor_user,
            users=_users(letter_group),
            delivery=ActivationCode.Delivery.LETTER,
            ip=ip,
        )
        mails = activation.codes_issue(
            issued_by=actor_user,
            users=_users(mail_group),
            delivery=ActivationCode.Delivery.EMAIL,
            ip=ip,
        )
        announce_resets(actor_user, [*letters, *mails], by_user, emailed={i.user.pk for i in mails})
    result.letters = letters_for(letters, by_user, site)
    sent, failed = _send_codes(mails, by_user, site)
    result.emailed = [by_user[i.user.pk] for i in sent]
    if failed:
        ActivationCode.objects.filter(
            instansi_id__in={i.row.instansi_id for i in failed},
            pk__in=[i.row.pk for i in failed],
        ).update(delivery=ActivationCode.Delivery.LETTER)
        result.email_failed = [by_user[i.user.pk] for i in failed]
        result.letters += letters_for(failed, by_user, site)
    result.letters.sort(key=lambda letter: (letter.nama.lower(), letter.user_id))
    return result


def announce_resets(
    actor_user: User,
    issued: list[activation.Issued],
    by_user: dict[int, Pegawai],
    *,
    emailed: set[int],
) -> None:
    resets = [i for i in issued if i.row.purpose == ActivationCode.Purpose.RESET]
    if not resets:
        return
    who = actor_user.get_full_name() or actor_user.get_username()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Kata sandi e-Kinerja Anda diatur ulang")
        for i in resets:
            if i.user.pk in emailed:
                continue
            body = _(
                "%(oleh)s menerbitkan kode untuk mengatur ulang kata sandi akun e-Kinerja "
                "Anda (%(akun)s). Kata sandi lama tidak berlaku lagi; kode baru disampaikan "
                "kepada Anda dalam surat. Jika Anda tidak memintanya, segera hubungi admin "
                "kepegawaian instansi Anda."
            ) % {"oleh": who, "akun": i.user.get_username()}
            accounts.send_security_notice(
                user=i.user,
                subject=subject,
                body=body,
                to=accounts.notice_addresses(i.user),
                link=reverse("account_activate"),
            )
    by_instansi: dict[int, list[int]] = {}
    for i in resets:
        if i.user.instansi_id:
            by_instansi.setdefault(i.user.instansi_id, []).append(i.user.pk)
    for instansi_id, user_ids in by_instansi.items():
        notify.notify(
            recipients=user_ids,
            kind="akun.sandi_diatur_ulang",
            message=gettext_lazy(
                "%(oleh)s mengatur ulang kata sandi akun Anda dan menerbitkan kode baru."
            ),
            params={"oleh": who},
            url="",
            instansi_id=instansi_id,
            email=False,
        )


def _send_codes(
    issued: list[activation.Issued], by_user: dict[int, Pegawai], site: str
) -> tuple[list[activation.Issued], list[activation.Issued]]:
    """Email each code, on one connection; (sent, failed). Sent after the codes are
    committed, so that a mail server that is down leaves them as letters to print."""
    if not issued:
        return [], []
    sent: list[activation.Issued] = []
    failed: list[activation.Issued] = []
    cache: dict[int | None, dict] = {}
    try:
        connection = get_connection()
        connection.open()
    except Exception:
        log.exception("activation emails: cannot reach the mail server")
        return [], list(issued)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            for i in issued:
                pegawai = by_user[i.user.pk]
                try:
                    message = EmailMessage(
                        _("Kode aktivasi akun e-Kinerja"),
                        render_to_string(
                            "org/email/aktivasi.txt",
                            {
                                "letter": make_letter(
                                    i.user, pegawai, i.code, i.row, site=site, cache=cache
                                )
                            },
                        ),
                        to=[email_address(pegawai)],
                        connection=connection,
                    )
                    if message.send():
                        sent.append(i)
                    else:
                        failed.append(i)
                except Exception:
                    log.exception("activation email to user %s not sent", i.user.pk)
                    failed.append(i)
    finally:
        try:
            connection.close()
        except Exception:
            log.exception("activation emails: closing the mail connection failed")
    return sent, failed


def unit_candidates(
    *, scope: IssuerScope, unit: UnitKerja, include_pending: bool
) -> tuple[list[Pegawai], list[tuple[Pegawai, str]]]:
    """People of `unit`'s subtree whose accounts are not activated: never issued or
    expired, and, when asked, those whose code still waits (their code is replaced).
    Returns (to issue for, (person, why not) for the others not activated)."""
    wanted = [Status.BELUM, Status.KEDALUWARSA] + ([Status.MENUNGGU] if include_pending else [])
    people = list(
        activation_list(scope=scope, unit=unit).filter(akun_status__in=wanted)[: UNIT_BATCH_MAX + 1]
    )
    if len(people) > UNIT_BATCH_MAX:
        raise ValidationError(
            _(
                "Unit ini mempunyai lebih dari %(n)s pegawai yang belum aktif. Pilih unit "
                "yang lebih kecil agar surat aktivasinya dapat dicetak."
            )
            % {"n": UNIT_BATCH_MAX}
        )
    reasons = refusals(scope, people)
    return (
        [p for p in people if not reasons[p.pk]],
        [(p, reasons[p.pk]) for p in people if reasons[p.pk]],
    )
