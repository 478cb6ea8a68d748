"""Tiny valid evidence files for the demo, made in code (no binary fixtures): a
one-page PDF with a line of text and a small PNG bar chart. Both pass a check by
content (the PDF's `%PDF-` header and cross-reference table, the PNG's signature and
CRC-checked chunks)."""

from __future__ import annotations

import random
import struct
import zlib


def tiny_pdf(title: str) -> bytes:
    """A valid one-page PDF with a line of text (correct xref offsets)."""
    safe = title.encode("latin-1", "replace").replace(b"\\", b"").replace(b"(", b"[")
    safe = safe.replace(b")", b"]")
    stream = b"BT /F1 14 Tf 56 780 Td (" + safe + b") Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        b"<< /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def tiny_png(seed: int, width: int = 64, height: int = 40) -> bytes:
    """A valid RGB PNG: a small bar chart on white (a "photo" of a dashboard)."""
    rng = random.Random(seed)
    bars = [rng.randint(6, height - 4) for _ in range(6)]
    colour = bytes(rng.choice(((13, 110, 253), (25, 135, 84), (220, 53, 69), (255, 193, 7))))
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            b = x // (width // 6) if x // (width // 6) < 6 else 5
            inside = x % (width // 6) > 1 and height - y <= bars[b]
            raw += colour if inside else b"\xff\xff\xff"

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )
