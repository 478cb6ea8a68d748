"""Absolute links for emails and printed letters, from the `SITE_URL` setting.

An email is read outside the browser, so a link in it needs the site's address. When
SITE_URL is not set a link stays a path ("/penilaian/saya/") — still readable, but not
clickable — and a warning is logged once per process so that operators notice
(docs/deploy.md)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest

log = logging.getLogger(__name__)
_warned = False


def base() -> str:
    """SITE_URL without a trailing slash, or "" when it is not set."""
    return (getattr(settings, "SITE_URL", "") or "").rstrip("/")


def absolute(path: str) -> str:
    """`path` on this site as an absolute URL, or the path itself without SITE_URL."""
    global _warned
    if not path:
        return path
    site = base()
    if site:
        return f"{site}{path}" if path.startswith("/") else path
    if not _warned:
        _warned = True
        log.warning(
            "SITE_URL is not set: links in emails are paths such as %s, not clickable "
            "links. Set SITE_URL to the public address, e.g. https://kinerja.contohkab.go.id "
            "(docs/deploy.md).",
            path,
        )
    return path


def for_request(request: HttpRequest | None, path: str) -> str:
    """An absolute URL for a page printed or shown now: SITE_URL when set, else the
    address the request came in on (its host is checked against ALLOWED_HOSTS)."""
    if base() or request is None:
        return absolute(path)
    return request.build_absolute_uri(path)
