"""API access tokens for the mobile app (docs/api.md).

A token is shown once, when it is made; only its SHA-256 is stored, so a copy of the
database does not hand out working tokens. A token dies when it is revoked, when it has
been idle or old for too long (tokens.py), or when the password changes (it keeps the
user's session auth hash of when it was made, as Django does for sessions).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ekinerja.core.models import InstansiScoped


class ApiToken(InstansiScoped):
    # PROTECT: core does not know the tokens of a login, so deleting the login must not
    # silently take them (and the trail of their use) along; revoke them first
    # (tokens.token_revoke, audited). Logins are deactivated, not deleted, in practice.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("pengguna"),
    )
    name = models.CharField(_("nama perangkat"), max_length=100, blank=True)
    # The lookup happens before the instansi is known (the token is all a request
    # carries), so this unique key cannot start with instansi.
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("awalan token"), max_length=12, editable=False)
    auth_hash = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"))
    expires_at = models.DateTimeField(_("berlaku sampai"))

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["instansi", "user"], name="apitoken_instansi_user")]

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}".strip()
