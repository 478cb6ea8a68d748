"""What every API view shares: the response language, the actor, JSON errors, and
parsing a request with a serializer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.views import APIView

from ekinerja.core import ratelimit
from ekinerja.core.roles import MemberActor

from ..i18n import api_language


class ApiView(APIView):
    """Language per i18n.api_language; `self.actor` is set by the member permission
    (permissions.IsInstansiMember), after the tenant gate."""

    actor: MemberActor

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Activated for the rest of the request: DRF renders the body after dispatch.
        lang = api_language(request)
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = lang
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    # DRF hands its own Request here, not Django's (DRF's APIView stub ignores the same).
    def http_method_not_allowed(  # type: ignore[override]
        self, request: Request, *args: Any, **kwargs: Any
    ) -> Any:
        raise exceptions.MethodNotAllowed(
            str(request.method),
            detail=_("Metode %(method)s tidak dapat dipakai pada alamat ini.")
            % {"method": request.method},
        )

    def client_ip(self) -> str | None:
        return ratelimit.client_ip(self.request._request)


class ApiGenericView(ApiView, GenericAPIView):
    pass


def parse(serializer_class: type, data: Any, **kwargs: Any) -> dict[str, Any]:
    """The request's data checked by a serializer (a 400 naming each field otherwise)."""
    shape = serializer_class(data=data, **kwargs)
    shape.is_valid(raise_exception=True)
    return dict(shape.validated_data)


def sent(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the request carried (a PATCH leaves out what it does not change;
    DRF would otherwise fill in the declared defaults)."""
    return {k: v for k, v in data.items() if k in request.data}
