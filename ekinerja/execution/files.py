"""Checks of an evidence file (bukti dukung) by its content, not only by its name
(issue 4 item 3 and "Bad input"). Pure: no ORM, no storage, no request; the caller
passes the name, the size and a readable, seekable file.

Accepted: PDF, JPG, PNG, DOCX and XLSX. The type is detected from the bytes — the
magic number of PDF/JPEG/PNG; for DOCX/XLSX an Office Open XML package (ECMA-376 Part 2:
a ZIP holding `[Content_Types].xml` and the main part `word/document.xml` or
`xl/workbook.xml` with the non-macro content type) — and must match the extension.
Macro-enabled packages (vbaProject.bin, `macroEnabled` content types) are refused, and
so is a ZIP whose declared sizes describe a decompression bomb; no member is ever
extracted, and what is read is bounded.

The last part of the module moves files over HTTP for the evidence pages and the API
alike: `LimitHandler`, the upload handler that stops storing a file once it passes the
agency's limit, and `bukti_file_response`, the stored file of an (already access-checked)
bukti dukung as a sandboxed attachment.
"""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _

from .storage import bukti_storage

if TYPE_CHECKING:
    from .models import BuktiDukung

PDF = "pdf"
JPG = "jpg"
PNG = "png"
DOCX = "docx"
XLSX = "xlsx"

CONTENT_TYPES = {
    PDF: "application/pdf",
    JPG: "image/jpeg",
    PNG: "image/png",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Extensions people use for each type.
EXTENSIONS = {"pdf": PDF, "jpg": JPG, "jpeg": JPG, "png": PNG, "docx": DOCX, "xlsx": XLSX}
LABELS = {PDF: "PDF", JPG: "JPG", PNG: "PNG", DOCX: "DOCX", XLSX: "XLSX"}

# The main part of each package and its (non-macro) content type, ECMA-376 Part 1 §11-12.
_OOXML_MAIN = {
    DOCX: (
        "word/document.xml",
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    XLSX: (
        "xl/workbook.xml",
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}

# Bounds of the ZIP check: real Office files have tens to a few thousand parts and
# compress XML some 5-30 times; a bomb declares gigabytes from kilobytes.
ZIP_MAX_MEMBERS = 5000
ZIP_MAX_UNCOMPRESSED = 256 * 1024 * 1024
ZIP_MAX_RATIO = 200
CONTENT_TYPES_MAX_BYTES = 512 * 1024
NAME_MAX_LENGTH = 150
CHUNK = 64 * 1024

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZIP_SIGNATURE = b"PK\x03\x04"


class FileRefused(ValueError):
    """A file that is not accepted; `message` says why in words a user can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    nama: str  # the display name (never a path)
    ekstensi: str  # one of CONTENT_TYPES
    content_type: str
    ukuran: int
    sha256: str


def allowed_text() -> str:
    return ", ".join(LABELS.values())


def size_text(size: int) -> str:
    """`512 KB`, `5 MB`, `1,5 MB` — how a limit or a file size is shown."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    mb = size / (1024 * 1024)
    text = f"{mb:.1f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} MB"


# --- the name -------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """The uploaded name as it will be shown, or FileRefused for a name that is a path
    (`../x.pdf`, `a/b.pdf`, `C:\\x.pdf`) or holds control or direction-override
    characters (which can disguise an extension)."""
    name = (name or "").strip()
    if not name:
        raise FileRefused(_("Berkas tidak mempunyai nama."))
    bad_char = any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name)
    if bad_char or any(c in name for c in "/\\:") or name in (".", "..") or name.startswith(".."):
        raise FileRefused(
            _(
                "Nama berkas “%(nama)s” tidak diterima: nama tidak boleh berisi jalur folder "
                "(/, \\, :) atau karakter kendali. Ganti nama berkasnya, lalu unggah lagi."
            )
            % {"nama": _printable(name)}
        )
    if len(name) > NAME_MAX_LENGTH:
        stem, dot, ext = name.rpartition(".")
        keep = NAME_MAX_LENGTH - len(ext) - 1 if dot and len(ext) <= 8 else NAME_MAX_LENGTH
        name = f"{stem[:keep]}.{ext}" if dot and len(ext) <= 8 else name[:keep]
    return name


def _printable(name: str) -> str:
    shown = "".join(c if unicodedata.category(c)[0] != "C" else "?" for c in name)
    return shown[:80]


def extension_of(name: str) -> str:
    """The accepted type the name claims (`jpeg` is `jpg`), or FileRefused."""
    _stem, dot, ext = name.rpartition(".")
    kind = EXTENSIONS.get(ext.lower()) if dot else None
    if kind is None:
        raise FileRefused(
            _("Jenis berkas tidak diterima. Unggah berkas %(jenis)s.") % {"jenis": allowed_text()}
        )
    return kind


# --- the content ----------------------------------------------------------------------


def sniff(head: bytes) -> str | None:
    """The type the first bytes show: PDF, JPG, PNG, or "zip" (to be checked further)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPG
    if head.startswith(_PNG_SIGNATURE):
        return PNG
    if head.startswith(_ZIP_SIGNATURE):
        return "zip"
    return None


def ooxml_kind(fileobj: IO[bytes], size: int) -> str:
    """DOCX or XLSX for a valid, macro-free Office Open XML package; FileRefused
    otherwise. Reads the central directory and `[Content_Types].xml` only (bounded)."""
    not_office = FileRefused(
        _(
            "Isi berkas bukan dokumen DOCX atau XLSX yang sah (hanya arsip ZIP biasa atau "
            "berkas rusak)."
        )
    )
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if len(members) > ZIP_MAX_MEMBERS:
                raise _bomb()
            declared = sum(m.file_size for m in members)
            if declared > ZIP_MAX_UNCOMPRESSED or declared > max(size, 1) * ZIP_MAX_RATIO:
                raise _bomb()
            names = {m.filename for m in members}
            if any(n.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for n in names):
                raise _macro()
            if "[Content_Types].xml" not in names:
                raise not_office
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                raise _bomb()
            with archive.open(info) as f:
                types = f.read(CONTENT_TYPES_MAX_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise not_office from None
    except RuntimeError:  # an encrypted member
        raise not_office from None
    if len(types) > CONTENT_TYPES_MAX_BYTES:
        raise _bomb()
    lowered = types.lower()
    if b"macroenabled" in lowered or b"vbaproject" in lowered:
        raise _macro()
    for kind, (part, main_type) in _OOXML_MAIN.items():
        if part in names and main_type in types:
            return kind
    raise not_office


def _bomb() -> FileRefused:
    return FileRefused(
        _("Berkas arsip ini tidak wajar (isinya mengembang terlalu besar) dan ditolak.")
    )


def _macro() -> FileRefused:
    return FileRefused(
        _(
            "Dokumen yang berisi makro (mis. DOCM/XLSM) tidak diterima. Simpan ulang sebagai "
            "DOCX atau XLSX tanpa makro, lalu unggah lagi."
        )
    )


def check_file(*, name: str, size: int, fileobj: IO[bytes], max_bytes: int) -> CheckedFile:
    """An uploaded file accepted as evidence, or FileRefused.

    The cheap checks come first — the name, then the declared size against the limit —
    so a file over the limit is refused before its content is read; the content is then
    read once, in chunks, never past `max_bytes` (a declared size may lie)."""
    nama = clean_name(name)
    claimed = extension_of(nama)
    if size <= 0:
        raise FileRefused(_("Berkas kosong (0 bita). Pilih berkas yang berisi."))
    if size > max_bytes:
        raise _too_big(size, max_bytes)
    fileobj.seek(0)
    head = fileobj.read(16)
    found = sniff(head)
    if found == "zip":
        fileobj.seek(0)
        found = ooxml_kind(fileobj, size)
    if found is None:
        raise FileRefused(
            _(
                "Isi berkas “%(nama)s” bukan %(jenis)s, walaupun namanya berakhiran .%(ext)s. "
                "Hanya berkas %(semua)s yang diterima."
            )
            % {
                "nama": nama,
                "jenis": LABELS[claimed],
                "ext": nama.rpartition(".")[2],
                "semua": allowed_text(),
            }
        )
    if found != claimed:
        raise FileRefused(
            _(
                "Isi berkas “%(nama)s” adalah %(isi)s, tidak sesuai dengan namanya "
                "(.%(ext)s). Periksa berkasnya atau ganti akhiran namanya."
            )
            % {"nama": nama, "isi": LABELS[found], "ext": nama.rpartition(".")[2]}
        )
    digest, read = _hash(fileobj, max_bytes)
    if read == 0:
        raise FileRefused(_("Berkas kosong (0 bita). Pilih berkas yang berisi."))
    if read > max_bytes:
        raise _too_big(read, max_bytes)
    fileobj.seek(0)
    return CheckedFile(
        nama=nama, ekstensi=found, content_type=CONTENT_TYPES[found], ukuran=read, sha256=digest
    )


def _hash(fileobj: IO[bytes], max_bytes: int) -> tuple[str, int]:
    """The SHA-256 of the file and its real length, reading at most one chunk past the
    limit."""
    fileobj.seek(0)
    h, read = hashlib.sha256(), 0
    while read <= max_bytes:
        chunk = fileobj.read(CHUNK)
        if not chunk:
            break
        h.update(chunk)
        read += len(chunk)
    return h.hexdigest(), read


def _too_big(size: int, max_bytes: int) -> FileRefused:
    return FileRefused(
        _(
            "Berkas berukuran %(ukuran)s melebihi batas %(batas)s yang ditetapkan instansi. "
            "Perkecil berkasnya (mis. kompres PDF atau gambar), lalu unggah lagi."
        )
        % {"ukuran": size_text(size), "batas": size_text(max_bytes)}
    )


# --- links ----------------------------------------------------------------------------

LINK_MAX_LENGTH = 500


def clean_link(url: str) -> str:
    """A link accepted as evidence: an absolute http(s) URL with a host, no spaces or
    control characters, at most 500 characters; FileRefused otherwise."""
    url = (url or "").strip()
    if not url:
        raise FileRefused(_("Isi tautan bukti dukung."))
    bad = any(unicodedata.category(c)[0] == "C" or c.isspace() for c in url)
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (
        bad
        or parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or len(url) > LINK_MAX_LENGTH
    ):
        raise FileRefused(
            _(
                "Tautan harus alamat web lengkap yang diawali http:// atau https:// "
                "(paling banyak 500 karakter)."
            )
        )
    return url


# --- over HTTP: the upload limit and the download -------------------------------------


class LimitHandler(FileUploadHandler):
    """First of the upload handlers: passes the data on until a file passes `limit`
    bytes, then skips that file (the handlers after it drop what they held) and
    remembers its size for the message."""

    def __init__(self, limit: int, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_big = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        end = start + len(raw_data)
        if end > self.limit:
            self.too_big = max(self.too_big, end)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def bukti_file_response(bukti: BuktiDukung) -> FileResponse:
    """The stored file of `bukti` (already access-checked) as a sandboxed attachment;
    shared by the download page and the API's."""
    if bukti.jenis != bukti.Jenis.BERKAS or not bukti.berkas.name:
        raise Http404(_("Bukti dukung ini berupa tautan, bukan berkas."))
    try:
        handle = bukti_storage().open(bukti.berkas.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Berkas bukti dukung tidak ditemukan di penyimpanan.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=bukti.nama_berkas or f"bukti.{bukti.ekstensi or 'bin'}",
        content_type=bukti.content_type or CONTENT_TYPES.get(bukti.ekstensi),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
