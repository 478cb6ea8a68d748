"""PDF rendering shared by the apps' official documents (WeasyPrint).

Documents are self-contained templates (inline CSS, inline SVG): the URL fetcher
refuses every URL, so text typed by users can never make the server load a resource.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"external resources are not loaded in documents: {url[:80]}")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The template rendered with `context` as PDF bytes (in the active language)."""
    from weasyprint import HTML  # heavy: imported only when a PDF is made

    return HTML(string=render_to_string(template, context), url_fetcher=no_fetch).write_pdf()
