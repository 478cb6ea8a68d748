"""Object ids from a query string or a form, read in one way everywhere.

`str.isdigit()` is true for "²" and "٣", and a 25-digit number is a valid Python int:
`int(raw) if raw.isdigit()` answered "²" with a ValueError and a 25-digit id with an
OverflowError in SQLite (a bigint error in PostgreSQL), both a 500. An id is ASCII
digits 0-9 only, 1 … the largest bigint, or it is no id.
"""

from __future__ import annotations

from typing import Any

MAX_ID = 2**63 - 1  # BigAutoField: PostgreSQL bigint, SQLite INTEGER
_DIGITS = frozenset("0123456789")


def parse_id(raw: Any) -> int | None:
    """The id in `raw` (a str as sent, or an int), or None when it is not one."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 1 <= raw <= MAX_ID else None
    if not isinstance(raw, str) or not raw or len(raw) > 19 or not set(raw) <= _DIGITS:
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None
