"""Request body parsers of the API: DRF's JSON and form parsers, with a size limit and
a nesting limit.

DRF reads the body straight from the request stream, so Django's
DATA_UPLOAD_MAX_MEMORY_SIZE never applied: a 25 MB JSON body was read and parsed in
full, and a body nested 100,000 levels deep made `json` raise RecursionError, a 500.
Here a body larger than settings.API_MAX_BODY_BYTES is a 413 (refused from its
Content-Length before it is read, or after reading one byte past the limit), and one
nested deeper than Python's recursion allows is a 400. Uploads (multipart) keep
their own limits (execution.views.bukti.LimitHandler).
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, status
from rest_framework.exceptions import ParseError
from rest_framework.parsers import get_encoding
from rest_framework.utils import json

if TYPE_CHECKING:
    # django-stubs' name for what QueryDict(...) without mutable=True returns.
    from django.http.request import _ImmutableQueryDict


class PayloadTooLarge(exceptions.APIException):
    """413: a request body over settings.API_MAX_BODY_BYTES (read_body), or over
    DATA_UPLOAD_MAX_MEMORY_SIZE (exceptions.exception_handler)."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self, limit: int) -> None:
        size = f"{limit // 2**20} MB" if limit >= 2**20 else f"{max(limit // 1024, 1)} KB"
        super().__init__(
            _("Isi permintaan terlalu besar: paling banyak %(size)s.") % {"size": size}
        )


def _limit() -> int:
    return int(settings.API_MAX_BODY_BYTES)


def read_body(stream: IO[bytes], parser_context: dict[str, Any] | None) -> bytes:
    """The body, or PayloadTooLarge when it is larger than the limit."""
    limit = _limit()
    request = (parser_context or {}).get("request")
    meta = getattr(request, "META", {}) if request is not None else {}
    try:
        declared = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise PayloadTooLarge(limit)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(limit)
    return data


class JSONParser(parsers.JSONParser):
    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Any = None
    ) -> Any:
        encoding = get_encoding(parser_context or {})
        data = read_body(stream, parser_context)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(_("Isi permintaan bukan teks %(encoding)s yang sah.") % {
                "encoding": encoding
            }) from None  # fmt: skip
        parse_constant = json.strict_constant if self.strict else None
        try:
            return json.loads(text, parse_constant=parse_constant)
        except RecursionError:
            raise ParseError(
                _("JSON bertingkat terlalu dalam. Kirim data dengan susunan yang lebih datar.")
            ) from None
        except ValueError as exc:
            raise ParseError(_("JSON tidak dapat dibaca: %(error)s") % {"error": exc}) from None


class FormParser(parsers.FormParser):
    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Any = None
    ) -> _ImmutableQueryDict:
        encoding = get_encoding(parser_context or {})
        return QueryDict(read_body(stream, parser_context), encoding=encoding)
