"""One-time activation and reset codes: how a person without a usable password (new
staff from an import or "Tambah pegawai", or someone whose password an admin reset)
comes to set one.

A code is ten characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed
as `ABCDE-FGHJK` so that it can be typed from a paper letter; about 49 bits, and
attempts are throttled like logins (core.ratelimit). Only an HMAC of the code (keyed
with SECRET_KEY) is stored: a copy of the database activates nobody. Issuing a code
voids the person's older codes and their current password (a reset must lock out
whoever may know the old one), and marks the account "must change password"; the code
is live until it is used to set a password, replaced, or `ACTIVATION_CODE_DAYS` pass.

Who may issue codes for whom is decided by the caller (org.activation for the Admin
Instansi and the Pengelola Kinerja; the platform admin for the agency's admins and
auditors); this module only does it and audits it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from . import audit, ratelimit
from .models import ActivationCode, AuditEvent, User

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10
GROUP = 5
HMAC_SALT = "ekinerja.core.activation.code"


# --- the code itself ------------------------------------------------------------------


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return format_code(raw)


def format_code(code: str) -> str:
    raw = normalize_code(code)
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalize_code(raw: str) -> str:
    """What the person typed, as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isascii() and ch.isalnum())[:64]


def looks_like_code(raw: str) -> bool:
    code = normalize_code(raw)
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def code_hash(code: str) -> str:
    return salted_hmac(HMAC_SALT, normalize_code(code), algorithm="sha256").hexdigest()


def expiry_from(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(days=settings.ACTIVATION_CODE_DAYS)


# --- issuing --------------------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    """A code just issued: the only moment its text exists outside the owner's hands."""

    user: User
    code: str
    row: ActivationCode


def _event(
    *,
    actor: User | None,
    action: str,
    user: User,
    changes: dict,
    ip: str | None = None,
    label: str = "",
) -> AuditEvent:
    return AuditEvent(
        instansi_id=user.instansi_id,
        actor=actor,
        actor_label=label[:200],
        action=action,
        object_type=User._meta.label_lower,
        object_id=str(user.pk),
        object_repr=str(user)[:255],
        changes=changes,
        ip=ip,
    )


@transaction.atomic
def codes_issue(
    *,
    issued_by: User,
    users: Sequence[User],
    delivery: str = ActivationCode.Delivery.LETTER,
    ip: str | None = None,
    now: dt.datetime | None = None,
) -> list[Issued]:
    """A new code for each of `users`, in one transaction and a fixed number of
    queries: older codes are voided, current passwords stop working, and each issuance
    is one audit event (`auth.activation_issue`, or `auth.reset_issue` for an account
    that had been activated)."""
    now = now or timezone.now()
    ids = [u.pk for u in users]
    if not ids:
        return []
    locked = list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    voided = dict.fromkeys(ids, 0)
    was_reset: set[int] = set()
    live = ActivationCode.objects.filter(
        user_id__in=ids, used_at__isnull=True, voided_at__isnull=True
    )
    for uid, old_purpose in live.values_list("user_id", "purpose"):
        voided[uid] += 1
        if old_purpose == ActivationCode.Purpose.RESET:
            was_reset.add(uid)
    live.update(voided_at=now)
    expires = expiry_from(now)
    label = issued_by.get_full_name() or issued_by.get_username()
    issued: list[Issued] = []
    events: list[AuditEvent] = []
    rows: list[ActivationCode] = []
    for user in locked:
        purpose = (
            ActivationCode.Purpose.RESET
            if user.has_usable_password() or user.last_login or user.pk in was_reset
            else ActivationCode.Purpose.ACTIVATION
        )
        # A reset ends the old password at once (and with it the sessions Django signs
        # with it): whoever may know it can no longer use it.
        user.password = make_password(None)
        user.must_change_password = True
        code = new_code()
        # Codes go to accounts of an agency (the callers pick them by instansi); one
        # without would fail the NOT NULL column here, as it always did.
        row = ActivationCode(
            instansi_id=cast(int, user.instansi_id),
            user=user,
            purpose=purpose,
            delivery=delivery,
            code_hash=code_hash(code),
            issued_by=issued_by,
            expires_at=expires,
        )
        rows.append(row)
        issued.append(Issued(user=user, code=code, row=row))
        events.append(
            _event(
                actor=issued_by,
                action=(
                    "auth.reset_issue"
                    if purpose == ActivationCode.Purpose.RESET
                    else "auth.activation_issue"
                ),
                user=user,
                changes={
                    "cara": str(ActivationCode.Delivery(delivery).label),
                    "berlaku_sampai": expires.isoformat(timespec="minutes"),
                    "kode_lama_dibatalkan": voided[user.pk],
                },
                ip=ip,
                label=label,
            )
        )
    User.objects.bulk_update(locked, ["password", "must_change_password"], batch_size=500)
    ActivationCode.objects.bulk_create(rows, batch_size=500)
    audit.bulk_record(events)
    return issued


def code_issue(
    *,
    issued_by: User,
    user: User,
    delivery: str = ActivationCode.Delivery.LETTER,
    ip: str | None = None,
) -> Issued:
    return codes_issue(issued_by=issued_by, users=[user], delivery=delivery, ip=ip)[0]


# --- checking and using ---------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """The outcome of checking a NIP + code. `reason` is for the audit trail only: the
    person is told the same thing whatever it is."""

    user: User | None
    row: ActivationCode | None
    reason: str  # "ok", "unknown", "wrong", "expired", "used"

    @property
    def ok(self) -> bool:
        return self.reason == "ok"


def code_match(username: str, code: str, *, now: dt.datetime | None = None) -> Match:
    """Check a code for an account, doing the same work whether or not it exists."""
    now = now or timezone.now()
    digest = code_hash(code)
    name = (username or "").strip()[:150]
    rows = list(
        ActivationCode.objects.select_related("user")
        .filter(user__username=name, user__is_active=True)
        .order_by("-issued_at", "-id")[:10]
    )
    hit = next((r for r in rows if constant_time_compare(r.code_hash, digest)), None)
    if hit is None:
        user = rows[0].user if rows else None
        return Match(user=user, row=None, reason="wrong" if rows else "unknown")
    if hit.used_at or hit.voided_at:
        return Match(user=hit.user, row=hit, reason="used")
    if hit.expires_at <= now:
        return Match(user=hit.user, row=hit, reason="expired")
    return Match(user=hit.user, row=hit, reason="ok")


def live_code(user: User, *, now: dt.datetime | None = None) -> ActivationCode | None:
    now = now or timezone.now()
    return (
        ActivationCode.objects.filter(
            user=user, used_at__isnull=True, voided_at__isnull=True, expires_at__gt=now
        )
        .order_by("-issued_at")
        .first()
    )


@transaction.atomic
def password_set_with_code(
    *, user: User, new_password: str, ip: str | None = None, now: dt.datetime | None = None
) -> User:
    """The owner chose a password after proving a live code (on the activation page, or
    on the forced page after logging in with the code): the code is used up, any other
    is voided, the account's failed logins are forgotten, and it is audited."""
    now = now or timezone.now()
    user = User.objects.select_for_update().get(pk=user.pk)
    row = live_code(user, now=now)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    open_codes = ActivationCode.objects.filter(
        user=user, used_at__isnull=True, voided_at__isnull=True
    )
    if row is not None:
        ActivationCode.objects.filter(instansi_id=row.instansi_id, pk=row.pk).update(used_at=now)
        open_codes = open_codes.exclude(pk=row.pk)
    open_codes.update(voided_at=now)
    ratelimit.clear_failures(user.get_username())
    audit.record(
        actor=user,
        action="auth.activation_use" if row is not None else "auth.password_change",
        obj=user,
        instansi_id=user.instansi_id,
        changes={"keperluan": str(row.get_purpose_display())} if row is not None else {},
        ip=ip,
    )
    return user


def codes_void(*, user: User, now: dt.datetime | None = None) -> int:
    """The owner set a password another way (e.g. the email link): open codes die."""
    now = now or timezone.now()
    return ActivationCode.objects.filter(
        user=user, used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)


def codes_expire(*, now: dt.datetime | None = None, instansi_id: int | None = None) -> int:
    """Record (once) the expiry of codes whose time ran out unused: one audit event each
    (`auth.activation_expire`). Run daily by `manage.py expire_activation_codes`, and
    before codes are issued for an agency."""
    now = now or timezone.now()
    due = ActivationCode.objects.filter(
        expires_at__lte=now,
        used_at__isnull=True,
        voided_at__isnull=True,
        expired_at__isnull=True,
    )
    if instansi_id is not None:
        due = due.filter(instansi_id=instansi_id)
    total = 0
    while True:
        batch = list(due.select_related("user").order_by("pk")[:1000])
        if not batch:
            return total
        with transaction.atomic():
            ActivationCode.objects.filter(
                instansi_id__in={r.instansi_id for r in batch}, pk__in=[r.pk for r in batch]
            ).update(expired_at=now)
            audit.bulk_record(
                [
                    _event(
                        actor=None,
                        action="auth.activation_expire",
                        user=r.user,
                        changes={
                            "keperluan": str(r.get_purpose_display()),
                            "berlaku_sampai": r.expires_at.isoformat(timespec="minutes"),
                        },
                    )
                    for r in batch
                ]
            )
        total += len(batch)


def users_with_live_codes(user_ids: Iterable[int], *, now: dt.datetime | None = None) -> set[int]:
    now = now or timezone.now()
    return set(
        ActivationCode.objects.filter(
            user_id__in=list(user_ids),
            used_at__isnull=True,
            voided_at__isnull=True,
            expires_at__gt=now,
        ).values_list("user_id", flat=True)
    )


def code_matches_row(row: ActivationCode, code: str) -> bool:
    return constant_time_compare(row.code_hash, code_hash(code))
