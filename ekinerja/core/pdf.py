"""PDF rendering shared by the apps' official documents (WeasyPrint).

Fonts (ADR 0004): every document is set in Liberation Sans 2.1.5 (SIL OFL 1.1,
metric-compatible with Arial), whose files ship in `core/fonts/`. `render_pdf` gives
every template a base stylesheet with the `@font-face` rules for those files and
Liberation Sans as the font of every element, at the "user" level of the cascade, so
a template that names no font still gets it and a template's own rules still win. The
same document therefore has the same line breaks on every server, whatever fonts the
machine has (or lacks): fontconfig is not asked to find anything. Inline SVG does not
inherit CSS fonts in WeasyPrint: its text names `FONT_FAMILY` itself.

Nothing else is fetched: the URL fetcher answers exactly the shipped font files and
refuses every other URL, so text typed by users can never make the server load a
resource. Documents are otherwise self-contained (inline CSS, inline SVG).

Documents are official and always in Bahasa Indonesia: the template is rendered with
`DOCUMENT_LANGUAGE` active, whatever the reader's language, and the functions that build
a document's context are decorated with `in_document_language` for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from django.template.loader import render_to_string
from django.utils import translation

DOCUMENT_LANGUAGE = "id"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
# The @font-face name of the shipped Liberation Sans: a name no machine font has, so a
# PDF's font list shows that every face came from the project's files.
FONT_FAMILY = "eKinerja Liberation Sans"

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class FontFace:
    filename: str
    weight: int
    style: str

    @property
    def path(self) -> Path:
        return FONT_DIR / self.filename

    @property
    def url(self) -> str:
        return self.path.as_uri()


# The four faces the documents use (regular, bold, italic, bold italic).
FONT_FACES = (
    FontFace("LiberationSans-Regular.ttf", 400, "normal"),
    FontFace("LiberationSans-Bold.ttf", 700, "normal"),
    FontFace("LiberationSans-Italic.ttf", 400, "italic"),
    FontFace("LiberationSans-BoldItalic.ttf", 700, "italic"),
)


def in_document_language(build: Callable[P, R]) -> Callable[P, R]:
    """Decorator for the function that builds a document's context: it runs with the
    documents' language active (and restores the caller's), so labels computed in Python
    are Indonesian like the template, whatever language the caller has active."""

    @wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(DOCUMENT_LANGUAGE):
            return build(*args, **kwargs)

    return wrapper


def base_stylesheet() -> str:
    """The CSS every document gets: the shipped faces and the default font."""
    faces = "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{face.url}"); '
        f"font-weight: {face.weight}; font-style: {face.style}; }}"
        for face in FONT_FACES
    )
    # `*` inherits so that elements the user-agent sheet gives another family (code,
    # pre, kbd…) stay in the shipped font too; author rules still override both.
    return f'{faces}\nhtml {{ font-family: "{FONT_FAMILY}"; }}\n* {{ font-family: inherit; }}\n'


@cache
def _shipped() -> dict[str, FontFace]:
    return {face.url: face for face in FONT_FACES}


@cache
def _font_bytes(face: FontFace) -> bytes:
    return face.path.read_bytes()


def fetch_shipped_font(url: str) -> bytes:
    """The bytes of a shipped font file, for exactly its file URL; any other URL (a
    remote address, another local file, a data: URL, the same file spelled otherwise)
    raises ValueError."""
    face = _shipped().get(url)
    if face is None:
        raise ValueError(f"documents load only their shipped fonts, not {url[:80]}")
    return _font_bytes(face)


def _url_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ShippedFontsOnly(URLFetcher):
        """Answers the shipped font files and nothing else."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            body = fetch_shipped_font(url)
            return URLFetcherResponse(url, body, {"Content-Type": "font/ttf"})

    return ShippedFontsOnly()


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The template rendered with `context` as PDF bytes, in Bahasa Indonesia and the
    shipped fonts."""
    from weasyprint import CSS, HTML  # heavy: imported only when a PDF is made
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _url_fetcher()
    fonts = FontConfiguration()
    base = CSS(string=base_stylesheet(), font_config=fonts, url_fetcher=fetcher)
    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(template, context)
    # User-level stylesheet: below the template's own rules, above the user-agent sheet.
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[base], font_config=fonts)
