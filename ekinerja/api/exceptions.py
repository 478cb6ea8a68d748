"""One exception handler for the whole API (settings.REST_FRAMEWORK).

The services raise Django's ValidationError, PermissionDenied and Http404 with messages
a user can act on (CONVENTIONS.md); here they become 400, 403 and 404 with a JSON body:

- 400: `{"detail": "<every message, one sentence after another>", "<field>": ["..."]}`;
  field errors are keyed by the request's field names, the service's names being the
  same (`intervensi`, `target_nilai`, `tahun`, ...).
- 401, 403, 404, 405, 413, 429: `{"detail": "..."}` (413: a body over
  API_MAX_BODY_BYTES, parsers.py, or over DATA_UPLOAD_MAX_MEMORY_SIZE).
- Anything unexpected: a 500 `{"detail": "..."}`, logged, never a stack trace (with
  DEBUG on it propagates to Django's debug page instead).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from .parsers import PayloadTooLarge

logger = logging.getLogger("ekinerja.api")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)
    elif value is not None:
        yield str(value)


def _body(non_field: list[str], fields: dict[str, Any]) -> dict[str, Any]:
    messages = non_field or list(_strings(fields))
    return {"detail": " ".join(messages), **fields}


def _from_django(exc: DjangoValidationError) -> dict[str, Any]:
    if hasattr(exc, "error_dict"):
        fields = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        non_field = fields.pop("__all__", [])
        return _body(non_field, fields)
    return _body([str(m) for m in exc.messages], {})


def _from_drf(detail: Any) -> dict[str, Any]:
    if isinstance(detail, dict):
        fields = dict(detail)
        non_field = [str(m) for m in _strings(fields.pop(api_settings.NON_FIELD_ERRORS_KEY, []))]
        return _body(non_field, fields)
    return _body(list(_strings(detail)), {})


def _message(exc: Exception) -> str | None:
    text = str(exc.args[0]) if exc.args else ""
    return text or None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        set_rollback()
        return Response(_from_django(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):  # DRF reads request.body: Django's own limit
        exc = PayloadTooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_message(exc) or _("Data tidak ditemukan."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(
            _message(exc) or _("Anda tidak berwenang melakukan tindakan ini.")
        )
    if isinstance(exc, exceptions.ValidationError):
        set_rollback()
        return Response(_from_drf(exc.detail), status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is not None or settings.DEBUG:
        return response
    set_rollback()
    view = context.get("view")
    logger.error(
        "Unhandled exception in API view %s",
        type(view).__name__ if view is not None else "?",
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return Response(
        {"detail": _("Terjadi kesalahan pada server. Coba lagi; bila berulang, hubungi admin.")},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
