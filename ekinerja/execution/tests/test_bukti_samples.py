"""Sample evidence files for the bukti tests (imported by test_files.py and the other
test_bukti*.py modules): real bytes of each accepted type and of the tricks the checks
must catch. The one test below checks that the samples are what they claim."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{ctype}"/>{extra}</Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def ooxml(
    part: str, ctype: str, extra: dict[str, bytes] | None = None, ct_extra: str = ""
) -> bytes:
    ct = _CT.format(part=part, ctype=ctype, extra=ct_extra).encode()
    return _zip({"[Content_Types].xml": ct, part: b"<x/>", **(extra or {})})


DOCX = ooxml("word/document.xml", DOCX_MAIN)
XLSM = ooxml(
    "xl/workbook.xml",
    XLSM_MAIN,
    extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"},
    ct_extra='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
)
PLAIN_ZIP = _zip({"readme.txt": b"hello", "data/a.csv": b"1,2,3"})


# A ZIP that declares far more than it holds: 300 MB of zeros in a few hundred KB.
def _bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml", _CT.format(part="word/document.xml", ctype=DOCX_MAIN, extra="")
        )
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            block = b"\x00" * (1024 * 1024)
            for _ in range(300):
                f.write(block)
    return buf.getvalue()


def xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Realisasi"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_cache: dict[str, bytes] = {}


def bomb() -> bytes:
    if "bomb" not in _cache:
        _cache["bomb"] = _bomb()
    return _cache["bomb"]


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_samples_are_what_they_claim():
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(xlsx()))["Sheet"]["A1"].value == "Realisasi"
    with zipfile.ZipFile(io.BytesIO(bomb())) as z:
        assert sum(i.file_size for i in z.infolist()) > 300 * 1024 * 1024
    assert len(bomb()) < 2 * 1024 * 1024
