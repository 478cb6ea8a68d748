"""core.pdf: a document loads its shipped fonts and nothing else (ADR 0004)."""

from __future__ import annotations

import pytest

from ekinerja.core import pdf

FONT_URLS = [face.url for face in pdf.FONT_FACES]


@pytest.mark.parametrize("face", pdf.FONT_FACES, ids=lambda f: f.filename)
def test_the_fetcher_answers_each_shipped_font_file(face):
    assert pdf.fetch_shipped_font(face.url) == face.path.read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.invalid/font.ttf",
        "file:///etc/passwd",
        (pdf.FONT_DIR / "LICENSE").as_uri(),  # beside the fonts, not a font
        FONT_URLS[0] + "?x=1",
        FONT_URLS[0].replace("/fonts/", "/fonts/../fonts/"),
        FONT_URLS[0].upper(),
        "data:font/ttf;base64,AAAA",
        "LiberationSans-Regular.ttf",
    ],
)
def test_the_fetcher_refuses_every_other_url(url):
    with pytest.raises(ValueError):
        pdf.fetch_shipped_font(url)


def test_a_document_loads_nothing_but_its_fonts(tmp_path, settings, monkeypatch):
    """Whatever a template (or text that escaped into it) points at — an image, a
    stylesheet, a font, a local file — only the shipped font files are read."""
    asked: list[str] = []
    served: list[str] = []
    real = pdf.fetch_shipped_font

    def spy(url: str) -> bytes:
        asked.append(url)
        body = real(url)
        served.append(url)
        return body

    monkeypatch.setattr(pdf, "fetch_shipped_font", spy)
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "hostile.html").write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:9/a.css">'
        "<style>@import url(file:///etc/hostname);"
        '@font-face { font-family: X; src: url("file:///etc/passwd"); }'
        "body { background: url(http://127.0.0.1:9/bg.png); }</style></head>"
        '<body><p style="font-family: X">Teks</p><img src="file:///etc/hostname">'
        '<img src="http://127.0.0.1:9/p.png"></body></html>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    document = pdf.render_pdf("probe/hostile.html", {})
    assert document.startswith(b"%PDF")
    assert len(asked) > len(served)  # the hostile URLs were asked for, and refused
    assert set(served) <= set(FONT_URLS)
    assert "file:///etc/hostname" in asked and "http://127.0.0.1:9/p.png" in asked
