"""How a NIP is typed: the one spelling the login form, the staff pages, the imports and
the searches all read a NIP (Nomor Induk Pegawai, rules §6) in. What a NIP means (birth
date, TMT, gender) is org's rule (`org.domain.parse_nip`); reading the typed text is
the kernel's, so that the login form in core needs nothing from org.
"""

from __future__ import annotations

_NIP_IGNORED = frozenset(".")  # besides whitespace


def normalize_nip(raw: str) -> str:
    """Spaces (any whitespace, as pasted from a PDF) and the dots some forms add are
    ignored: `19860926 201505 1 001`. Nothing else is changed: a digit of another script
    stays as typed, for `parse_nip` to refuse."""
    return "".join(ch for ch in (raw or "") if not (ch.isspace() or ch in _NIP_IGNORED))
