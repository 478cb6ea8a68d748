"""Every PDF document is set in the fonts the project ships (ADR 0004), never in whatever
the machine happens to have: `pdffonts` lists only the shipped faces, all embedded.

The documents are found in the code, not listed by hand: every template passed to
`core.pdf.render_pdf` anywhere in ekinerja/ is rendered here, with realistic data for the
documents below and with an empty context for any other (so a new document is covered
the day it is written; give it realistic data here when its labels need them).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from ekinerja.core import pdf

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]  # ekinerja/


def _pdfffonts_or_skip() -> str:
    path = shutil.which("pdffonts")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("pdffonts (poppler-utils) is required in CI: .ci/run installs it")
        pytest.skip("poppler-utils (pdffonts) is not installed")
    return path


def render_pdf_templates() -> dict[str, list[str]]:
    """{template: [where it is rendered]} for every `render_pdf(...)` call in ekinerja/
    (tests excluded). A template name that is not a string literal is listed under ''
    so that the test below fails: this scan must be able to see every document."""
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "tests" in rel.parts or "migrations" in rel.parts or path.name == "pdf.py":
            continue
        source = path.read_text()
        if "render_pdf" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "render_pdf":
                continue
            arg = node.args[0] if node.args else None
            for kw in node.keywords:
                if kw.arg == "template":
                    arg = kw.value
            template = arg.value if isinstance(arg, ast.Constant) else ""
            found.setdefault(template if isinstance(template, str) else "", []).append(
                f"{rel}:{node.lineno}"
            )
    return found


TEMPLATES = render_pdf_templates()


def shipped_font_names() -> set[str]:
    """What WeasyPrint calls the shipped faces in a PDF: the @font-face family (a name
    only the project's files carry, so a font of the machine cannot pass for one) and
    the style."""
    family = pdf.FONT_FAMILY.replace(" ", "-")
    return {family + style for style in ("", "-Bold", "-Italic", "-Bold-Italic")}


def embedded_fonts(document: bytes, tmp_path: Path) -> list[dict[str, str]]:
    """pdffonts' table as rows {name, emb}; the subset tag (ABCDEF+) removed. A row is
    `name type… encoding emb sub uni object-id generation`; WeasyPrint's font names have
    no spaces, and a long one pushes the other columns right."""
    path = tmp_path / "document.pdf"
    path.write_bytes(document)
    out = subprocess.run(
        [_pdfffonts_or_skip(), str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    header, dashes, *rows = out
    assert header.split()[:2] == ["name", "type"] and set(dashes) <= {"-", " "}, out
    fonts = []
    for row in rows:
        cells = row.split()
        fonts.append({"name": cells[0].split("+", 1)[-1], "emb": cells[-5]})
    return fonts


def assert_only_shipped_fonts(document: bytes, tmp_path: Path) -> list[str]:
    assert document.startswith(b"%PDF")
    fonts = embedded_fonts(document, tmp_path)
    assert fonts, "the document has no text"
    assert len(pdf.FONT_FACES) == len(shipped_font_names())
    shipped = shipped_font_names()
    foreign = [f["name"] for f in fonts if f["name"] not in shipped]
    assert not foreign, f"fonts from the machine, not shipped: {foreign}"
    assert all(f["emb"] == "yes" for f in fonts), fonts
    return sorted({f["name"] for f in fonts})


def named_font_families(html: str) -> set[str]:
    """Every family named in `html` by a CSS `font-family` declaration or an SVG
    `font-family` attribute."""
    css = re.findall(r"font-family\s*:\s*((?:\"[^\"]*\"|'[^']*'|[^;}{\"'<>])+)", html)
    attributes = re.findall(r"font-family=(?:\"([^\"]*)\"|'([^']*)')", html)
    values = css + [a or b for a, b in attributes]
    return {f.strip().strip("\"'") for v in values for f in v.split(",") if f.strip()}


# --- realistic documents ------------------------------------------------------------------


def _skp(cast) -> list[bytes]:
    from ekinerja.plans.documents import skp_pdf
    from ekinerja.plans.tests.factories import approved_cascade

    # dina's SKP left as a draft: the DRAF watermark, empty (italic) lampiran lines.
    c = approved_cascade(cast, leave_draft=("dina",))
    return [skp_pdf(skp=c.dina, instansi=cast.a), skp_pdf(skp=c.bob, instansi=cast.a)]


def _rated(cast):
    from ekinerja.appraisal.domain import ratings
    from ekinerja.appraisal.tests.factories import (
        appraisal_world,
        set_predikat_organisasi,
        set_rating,
        set_realisasi,
    )
    from ekinerja.appraisal.tests.test_documents import enrich

    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    set_realisasi(w, "charlie", "13.5")
    set_rating(w, "charlie", ratings.DI_ATAS, ratings.SESUAI)
    set_rating(w, "dina", ratings.SESUAI, ratings.SESUAI)
    ev = enrich(w, "bob")
    set_rating(w, "bob", ratings.SESUAI, ratings.SESUAI)  # 3 Baik: a failing curve rule is printed
    ev.refresh_from_db()
    return ev


def _evaluasi(cast) -> list[bytes]:
    from ekinerja.appraisal.documents import evaluasi_pdf

    return [evaluasi_pdf(_rated(cast), cast.a)]


def _dokumen(cast) -> list[bytes]:
    from ekinerja.appraisal.documents import dokumen_evaluasi_pdf

    return [dokumen_evaluasi_pdf(_rated(cast), cast.a)]


def _aktivasi(cast) -> list[bytes]:
    from ekinerja.org.activation.issuing import issue
    from ekinerja.org.activation.scope import issuer_scope

    scope = issuer_scope(cast.actor("eko"))
    result = issue(
        scope=scope, people=[cast.charlie, cast.dina], by_email=False, site="https://x.test"
    )
    return [pdf.render_pdf("org/aktivasi_surat.html", {"letters": result.letters})]


REALISTIC: dict[str, Callable[..., list[bytes]]] = {
    "org/aktivasi_surat.html": _aktivasi,
    "plans/skp_pdf.html": _skp,
    "appraisal/evaluasi_pdf.html": _evaluasi,
    "appraisal/dokumen_evaluasi_pdf.html": _dokumen,
}


def test_the_scan_sees_every_document():
    assert "" not in TEMPLATES, (
        f"render_pdf called with a template name that is not a literal at {TEMPLATES.get('')}:"
        " write the name as a string so this test can render it"
    )
    assert set(REALISTIC) <= set(TEMPLATES), "a realistic case for a document that is gone"


@pytest.mark.parametrize("template", sorted(t for t in TEMPLATES if t))
def test_every_document_is_set_only_in_the_shipped_fonts(template, cast, tmp_path, monkeypatch):
    rendered: list[str] = []

    def recording_render(*args, **kwargs):
        rendered.append(render_to_string(*args, **kwargs))
        return rendered[-1]

    monkeypatch.setattr(pdf, "render_to_string", recording_render)
    build = REALISTIC.get(template)
    documents = build(cast) if build else [pdf.render_pdf(template, {})]
    for document in documents:
        names = assert_only_shipped_fonts(document, tmp_path)
        family = pdf.FONT_FAMILY.replace(" ", "-")
        assert family in names and f"{family}-Bold" in names
    # No fallback list (Arial, DejaVu Sans, sans-serif…) in the CSS or the inline SVG: a
    # glyph missing from the shipped font would otherwise come from the machine's fonts.
    assert rendered
    for html in rendered:
        assert named_font_families(html) <= {pdf.FONT_FAMILY, "inherit"}


def test_the_base_stylesheet_gives_a_template_without_fonts_the_shipped_one(tmp_path, settings):
    """A template that names no font (and uses elements the user-agent sheet sets in
    monospace) still gets the shipped faces, bold and italic included."""
    template_dir = tmp_path / "templates"
    (template_dir / "probe").mkdir(parents=True)
    (template_dir / "probe" / "plain.html").write_text(
        "<!DOCTYPE html><html><body><p>Surat aktivasi akun</p><p><b>Kode</b> "
        "<i>berlaku</i> <b><i>sekali</i></b> <code>AB12-CD34</code></p></body></html>"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(template_dir)]},
        *settings.TEMPLATES[1:],
    ]
    names = assert_only_shipped_fonts(pdf.render_pdf("probe/plain.html", {}), tmp_path)
    assert names == sorted(shipped_font_names())


def test_the_fonts_and_their_licence_are_package_data():
    """An installed copy (a wheel) has the font files, or every document would fall back
    to the machine's fonts."""
    import tomllib
    from fnmatch import fnmatch

    config = tomllib.loads((ROOT.parent / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    files = [face.path for face in pdf.FONT_FACES] + [pdf.FONT_DIR / "LICENSE"]
    for path in files:
        assert path.is_file(), path
        relative = path.relative_to(pdf.FONT_DIR.parent).as_posix()  # fonts/…
        assert any(fnmatch(relative, pattern) for pattern in patterns), relative
