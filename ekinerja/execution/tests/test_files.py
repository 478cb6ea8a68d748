"""The content checks of evidence files (files.py), table-driven, no database."""

from __future__ import annotations

import io

import pytest

from .. import files
from . import test_bukti_samples as s

MB = 1024 * 1024


def check(name: str, data: bytes, max_bytes: int = 5 * MB, size: int | None = None):
    return files.check_file(
        name=name, size=len(data) if size is None else size, fileobj=io.BytesIO(data),
        max_bytes=max_bytes,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "ext", "ctype"),
    [
        ("laporan.pdf", s.PDF, "pdf", "application/pdf"),
        ("LAPORAN.PDF", s.PDF, "pdf", "application/pdf"),
        ("foto.jpg", s.JPG, "jpg", "image/jpeg"),
        ("foto kegiatan.jpeg", s.JPG, "jpg", "image/jpeg"),
        ("grafik.png", s.PNG, "png", "image/png"),
        ("nota dinas.docx", s.DOCX, "docx", files.CONTENT_TYPES["docx"]),
        ("rekap.xlsx", s.xlsx(), "xlsx", files.CONTENT_TYPES["xlsx"]),
    ],
)
def test_each_accepted_type(name, data, ext, ctype):
    got = check(name, data)
    assert (got.ekstensi, got.content_type, got.ukuran, got.nama) == (ext, ctype, len(data), name)
    assert len(got.sha256) == 64


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        # content of one accepted type under another type's name
        ("foto.jpg", s.PDF, "adalah PDF"),
        ("laporan.pdf", s.PNG, "adalah PNG"),
        ("grafik.png", s.JPG, "adalah JPG"),
        ("rekap.xlsx", s.DOCX, "adalah DOCX"),
        ("nota.docx", s.xlsx(), "adalah XLSX"),
        # not an accepted type at all
        ("setup.pdf", s.EXE, "bukan PDF"),  # a program renamed
        ("catatan.pdf", b"just some text", "bukan PDF"),
        ("foto.png", b"GIF89a" + b"\x00" * 20, "bukan PNG"),
        # a ZIP that is not an Office document
        ("arsip.docx", s.PLAIN_ZIP, "bukan dokumen DOCX atau XLSX"),
        ("broken.xlsx", b"PK\x03\x04garbage", "bukan dokumen DOCX atau XLSX"),
        # macros
        ("makro.xlsx", s.XLSM, "makro"),
        ("makro.xlsm", s.XLSM, "Jenis berkas tidak diterima"),
        # not an accepted name
        ("setup.exe", s.EXE, "Jenis berkas tidak diterima"),
        ("tanpa-akhiran", s.PDF, "Jenis berkas tidak diterima"),
        ("gambar.gif", b"GIF89a", "Jenis berkas tidak diterima"),
    ],
)
def test_content_must_match_the_name(name, data, says):
    with pytest.raises(files.FileRefused) as e:
        check(name, data)
    assert says in e.value.message


def test_macro_content_type_without_vba_part_is_refused():
    data = s.ooxml("xl/workbook.xml", s.XLSM_MAIN)
    with pytest.raises(files.FileRefused, match="makro"):
        check("rekap.xlsx", data)


def test_zip_bomb_is_refused_without_extracting():
    with pytest.raises(files.FileRefused) as e:
        check("bom.docx", s.bomb(), max_bytes=50 * MB)
    assert "mengembang" in e.value.message


def test_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_MEMBERS", 2)
    with pytest.raises(files.FileRefused, match="mengembang"):
        check("a.docx", s.ooxml("word/document.xml", s.DOCX_MAIN, extra={"x": b"1"}))


@pytest.mark.parametrize(
    "name",
    [
        "../x.pdf",
        "a/b.pdf",
        "/etc/passwd.pdf",
        "C:\\x.pdf",
        "C:x.pdf",
        "..\\..\\x.pdf",
        "..",
        "x\x00.pdf",
        "x\n.pdf",
        "laporan\u202efdp.exe",  # right-to-left override disguising .exe
    ],
)
def test_path_like_or_control_names_are_refused(name):
    with pytest.raises(files.FileRefused) as e:
        check(name, s.PDF)
    assert "jalur folder" in e.value.message
    assert "\x00" not in e.value.message


def test_empty_file_is_refused():
    with pytest.raises(files.FileRefused, match="kosong"):
        check("kosong.pdf", b"")


def test_over_the_limit_is_refused_before_reading():
    class Unreadable(io.BytesIO):
        def read(self, *a):  # the size alone decides
            raise AssertionError("read")

    with pytest.raises(files.FileRefused) as e:
        files.check_file(name="x.pdf", size=6 * MB, fileobj=Unreadable(), max_bytes=5 * MB)
    assert "6 MB" in e.value.message and "5 MB" in e.value.message


def test_a_declared_size_that_lies_is_caught_while_reading():
    data = s.PDF + b"\x00" * (2 * files.CHUNK)
    with pytest.raises(files.FileRefused, match="melebihi"):
        check("x.pdf", data, max_bytes=files.CHUNK, size=10)


def test_at_the_limit_is_accepted():
    data = s.PDF + b"\x00" * (1000 - len(s.PDF))
    assert check("x.pdf", data, max_bytes=1000).ukuran == 1000


def test_long_names_keep_their_extension():
    got = check("a" * 300 + ".pdf", s.PDF)
    assert len(got.nama) == files.NAME_MAX_LENGTH and got.nama.endswith(".pdf")


@pytest.mark.parametrize(
    ("size", "text"),
    [(512, "1 KB"), (100 * 1024, "100 KB"), (5 * MB, "5 MB"), (1536 * 1024, "1,5 MB")],
)
def test_size_text(size, text):
    assert files.size_text(size) == text


@pytest.mark.parametrize(
    "url",
    ["https://drive.example.go.id/berkas/1", "http://example.com", "HTTPS://EXAMPLE.COM/a?b=c"],
)
def test_links_accepted(url):
    assert files.clean_link(f"  {url} ") == url


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(1)",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "data:text/html,hi",
        "//example.com/x",
        "example.com",
        "https://",
        "https://exa mple.com",
        "https://example.com/\x00",
        "https://example.com/" + "a" * 500,
    ],
)
def test_links_refused(url):
    with pytest.raises(files.FileRefused):
        files.clean_link(url)
