"""Where a page may send the user back to: only a URL of this site (a `?next=` that
points elsewhere is ignored, never followed — no open redirect)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, raw: str) -> str | None:
    """`raw` when it is a URL of this host (and HTTPS when the request is), else None."""
    if raw and url_has_allowed_host_and_scheme(
        raw, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return raw
    return None
