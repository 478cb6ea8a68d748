"""Tokens for the mobile app, and who the caller is."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ekinerja.core import ratelimit
from ekinerja.core.forms.accounts import LoginForm
from ekinerja.org.access import org_scope

from ..authentication import BearerTokenAuthentication
from ..models import ApiToken
from ..serializers import auth as s
from ..tokens import token_create, token_revoke
from .base import ApiView


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=s.ErrorSerializer, description=description)


ERRORS = {
    400: _error("Isian tidak valid: `detail` dan, per isian yang salah, `<field>: [...]`"),
    401: _error("Belum masuk, atau token tidak berlaku"),
    403: _error("Tidak berwenang"),
    404: _error("Tidak ada, atau milik instansi lain"),
    429: _error("Terlalu banyak percobaan gagal: masuk dikunci sementara"),
}


class TokenView(ApiView):
    """POST: NIP + password → a token, refused and locked out exactly as the login page
    (core.forms.accounts.LoginForm with core.ratelimit, and its audit events). DELETE: revoke
    the token the request carries."""

    def get_authenticators(self) -> list[Any]:
        # Logging in must work whatever stale header or cookie a client still sends.
        if getattr(getattr(self, "request", None), "method", None) == "POST":
            return []
        return [BearerTokenAuthentication()]

    def get_permissions(self) -> list[Any]:
        if getattr(getattr(self, "request", None), "method", None) == "DELETE":
            return [IsAuthenticated()]
        return [AllowAny()]

    @extend_schema(
        operation_id="auth_token_create",
        request=s.TokenRequestSerializer,
        responses={
            201: s.TokenSerializer,
            400: ERRORS[400],
            403: ERRORS[403],
            429: ERRORS[429],
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        shape = s.TokenRequestSerializer(data=request.data)
        shape.is_valid(raise_exception=True)
        data = shape.validated_data
        form = LoginForm(
            request._request, data={"username": data["username"], "password": data["password"]}
        )
        if not form.is_valid():
            errors = form.errors.as_data()
            codes = {e.code for errs in errors.values() for e in errs}
            messages = [str(m) for errs in errors.values() for e in errs for m in e.messages]
            if "locked_out" in codes:
                return Response(
                    {"detail": " ".join(messages)},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(settings.LOGIN_LOCKOUT_MINUTES * 60)},
                )
            return Response({"detail": " ".join(messages)}, status=status.HTTP_400_BAD_REQUEST)
        user = form.get_user()
        ratelimit.clear_failures(form.cleaned_data["username"])
        token, key = token_create(user=user, name=data["name"], ip=self.client_ip())
        body = s.TokenSerializer(
            {
                "token": key,
                "name": token.name,
                "created_at": token.created_at,
                "expires_at": token.expires_at,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="auth_token_destroy",
        request=None,
        responses={204: None, 400: ERRORS[400], 401: ERRORS[401]},
        tags=["auth"],
    )
    def delete(self, request: Request) -> Response:
        token = request.auth
        if not isinstance(token, ApiToken):
            return Response(
                {"detail": _("Kirim token yang akan dicabut di header Authorization: Bearer.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token_revoke(token=token, ip=self.client_ip())
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(ApiView):
    """Who the caller is: their pegawai id is what SKP and activities are made for."""

    @extend_schema(responses={200: s.MeSerializer, 401: ERRORS[401], 403: ERRORS[403]})
    def get(self, request: Request) -> Response:
        actor = self.actor
        user = actor.user
        body = {
            "username": user.get_username(),
            "nama": user.get_full_name() or user.get_username(),
            "instansi_id": actor.instansi_id,
            "pegawai_id": org_scope(actor).pegawai_id,
            "roles": sorted(actor.roles),
        }
        return Response(s.MeSerializer(body).data)
