"""List the English catalogue's untranslated or fuzzy entries as JSON.

    .venv/bin/python tools/i18n_missing.py > /tmp/missing.json

Writes {msgid: ""} (plural entries as {msgid: ["", ""]}, keyed by the singular); fill
in the English and apply with tools/i18n_fill.py. Run `make messages` first so that the
catalogue holds every string of the source.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "ekinerja/locale/en/LC_MESSAGES/django.po"


def entries(text: str):
    """(flags, msgid, msgid_plural, msgstrs) for each entry of a .po file."""
    for block in text.split("\n\n"):
        flags, fields, current = "", {}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags = line
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[")):
                key, _, rest = line.partition(" ")
                current = key
                fields[key] = json.loads(rest)
            elif line.startswith('"') and current:
                fields[current] += json.loads(line)
        if "msgid" in fields and fields["msgid"]:
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            yield flags, fields["msgid"], fields.get("msgid_plural"), strs


def main() -> None:
    out: dict[str, object] = {}
    for flags, msgid, plural, strs in entries(PO.read_text(encoding="utf-8")):
        if "fuzzy" in flags or any(not s for s in strs):
            out[msgid] = ["", ""] if plural else ""
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print(f"{len(out)} entries to translate", file=sys.stderr)


if __name__ == "__main__":
    main()
