"""Security headers (issue 11 §8): a Content-Security-Policy on HTML pages that allows
only this site's own files and no inline script, and `Cache-Control: no-store` on what a
logged-in user is sent. The URL × role walk (test_url_matrix.py) checks the CSP on every
HTML page; here: the policy itself, the templates it relies on, and the caching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from ekinerja.api.tokens import token_create

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
# <script> without src= (an inline script), apart from data blocks that never run.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"
)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def _directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_the_policy_allows_only_this_sites_scripts():
    for policy in (settings.CONTENT_SECURITY_POLICY, settings.CONTENT_SECURITY_POLICY_API_DOCS):
        d = _directives(policy)
        assert d["default-src"] == ["'self'"]
        assert d["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no CDN
        assert d["object-src"] == ["'none'"] and d["frame-ancestors"] == ["'none'"]
        assert d["base-uri"] == ["'self'"] and d["form-action"] == ["'self'"]
        assert not any(src.startswith("http") for srcs in d.values() for src in srcs)


def test_no_template_holds_an_inline_script_or_handler():
    """What the CSP would block: inline <script>, on…= attributes, javascript: URLs and
    htmx's hx-on (which htmx evaluates)."""
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, SCRIPT_URL, re.compile(r"\bhx-on")):
            found += [
                f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in pattern.finditer(text)
            ]
    assert found == []


def test_html_pages_carry_the_policy_and_no_store_when_logged_in(cast, client):
    page = client.get(reverse("login"))
    assert page["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    client.force_login(cast.user("charlie"))
    page = client.get(reverse("org:dashboard"))
    assert page.status_code == 200
    assert page["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    # An error page too, and an HTMX partial.
    missing = client.get("/org/unit/999999999/")
    assert missing.status_code == 404 and "Content-Security-Policy" in missing
    assert "no-store" in missing["Cache-Control"]
    partial = client.get(reverse("core:notification-badge"), headers={"HX-Request": "true"})
    assert "no-store" in partial["Cache-Control"]


def test_downloads_of_a_logged_in_user_are_not_stored(cast, client):
    client.force_login(cast.user("eko"))
    export = client.get(reverse("org:export", args=["pegawai"]))
    assert export.status_code == 200
    assert "no-store" in export["Cache-Control"]
    assert "Content-Security-Policy" not in export  # not HTML


def test_api_answers_to_a_token_are_not_stored(cast):
    api = APIClient()
    _token, key = token_create(user=cast.user("charlie"))
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = api.get("/api/v1/me/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_api_docs_have_their_own_policy_and_no_inline_script(client):
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    assert page["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY_API_DOCS
    assert not INLINE_SCRIPT.search(page.content.decode())
    script = client.get(reverse("api:docs"), {"script": ""})
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_static_files_keep_their_caching(cast, client):
    client.force_login(cast.user("charlie"))
    response = client.get(settings.STATIC_URL + "js/ekinerja.js")
    assert "no-store" not in response.get("Cache-Control", "")
