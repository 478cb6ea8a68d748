"""Issuing, checking and revoking API tokens (models.ApiToken). These are the API's
own writes, so they follow the service shape: authorise → save → audit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from ekinerja.core import audit
from ekinerja.core.access import require_instansi
from ekinerja.core.models import User
from ekinerja.core.roles import actor_for_user

from .models import ApiToken

PREFIX = "ekn_"
# A phone that is not used for a month must log in again; no token lives past a year.
IDLE = dt.timedelta(days=30)
MAX_AGE = dt.timedelta(days=365)
# last_used_at moves at most this often, so that reads do not write on every request.
TOUCH_EVERY = dt.timedelta(minutes=15)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _expired_q(now: dt.datetime) -> Q:
    return Q(expires_at__lte=now) | Q(last_used_at__lte=now - IDLE)


@transaction.atomic
def token_create(
    *, user: User, name: str = "", ip: str | None = None, now: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for a member of an instansi (a login without one cannot use the API)
    and its key, which is returned only here."""
    instansi_id = require_instansi(actor_for_user(user)).instansi_id  # the user's instansi
    now = now or timezone.now()
    # The user's dead tokens go here, so the table stays small without a clean-up job.
    ApiToken.objects.filter(instansi_id=instansi_id, user=user).filter(_expired_q(now)).delete()
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        instansi_id=instansi_id,
        user=user,
        name=(name or "").strip()[:100],
        key_hash=_hash(key),
        prefix=key[:10],
        auth_hash=user.get_session_auth_hash(),
        last_used_at=now,
        expires_at=now + MAX_AGE,
    )
    audit.record(
        actor=user,
        action="api_token.create",
        obj=token,
        changes={"name": token.name, "expires_at": token.expires_at},
        ip=ip,
    )
    return token, key


def token_authenticate(key: str, *, now: dt.datetime | None = None) -> ApiToken | None:
    """The live token with this key, its user loaded; None for an unknown, revoked,
    expired or idle token, an inactive user, a user moved to another instansi, or a
    password changed since the token was made."""
    if not key.startswith(PREFIX) or len(key) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None:
        return None
    now = now or timezone.now()
    if token.expires_at <= now or token.last_used_at <= now - IDLE:
        return None
    user = token.user
    if not user.is_active or user.instansi_id != token.instansi_id:
        return None
    hashes = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    if not any(constant_time_compare(token.auth_hash, h) for h in hashes):
        return None
    if now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(instansi_id=token.instansi_id, pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


@transaction.atomic
def token_revoke(*, token: ApiToken, ip: str | None = None) -> None:
    """Revoke one token (the phone logs out)."""
    audit.record(
        actor=token.user,
        action="api_token.delete",
        obj=token,
        changes={"name": token.name},
        ip=ip,
    )
    ApiToken.objects.filter(instansi_id=token.instansi_id, pk=token.pk).delete()
