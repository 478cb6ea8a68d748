"""How an API request proves who it is: `Authorization: Bearer <token>` for the mobile
app (tokens.py), or the browser's session with CSRF enforced (DRF)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .tokens import token_authenticate


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Header Authorization harus berbentuk: Bearer <token>.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            key = ""
        token = token_authenticate(key) if key else None
        if token is None:
            raise exceptions.AuthenticationFailed(
                _(
                    "Token tidak berlaku: salah, sudah dicabut, kedaluwarsa, atau kata sandi "
                    "sudah diganti. Minta token baru dengan masuk kembali."
                )
            )
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Makes an unauthenticated request a 401 with a challenge, not a 403.
        return f'{self.keyword} realm="api"'
