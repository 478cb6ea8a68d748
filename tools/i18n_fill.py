"""Write English translations into the catalogue and drop their fuzzy flags.

    .venv/bin/python tools/i18n_fill.py /tmp/missing.json

The JSON maps msgid → English (a list [singular, plural] for plural entries), as
tools/i18n_missing.py writes it. Then compile: `make messages` or
`cd ekinerja && ../.venv/bin/python ../manage.py compilemessages -l en`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from i18n_missing import PO, entries


def quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def main(path: str) -> None:
    wanted: dict[str, object] = json.loads(Path(path).read_text(encoding="utf-8"))
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    done = 0
    for i, block in enumerate(blocks):
        parsed = list(entries(block))
        if not parsed:
            continue
        _flags, msgid, plural, _strs = parsed[0]
        value = wanted.get(msgid)
        if not value:
            continue
        head = []
        for line in block.splitlines():
            if line.startswith("msgstr"):
                break
            if line.startswith("#,"):
                rest = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
                rest = [f for f in rest if f]
                if rest:
                    head.append("#, " + ", ".join(rest))
                continue
            if line.startswith("#| "):
                continue  # the previous msgid of a fuzzy match
            head.append(line)
        if plural:
            one, many = value if isinstance(value, list) else (value, value)
            tail = [f"msgstr[0] {quote(one)}", f"msgstr[1] {quote(many)}"]
        else:
            tail = [f"msgstr {quote(str(value))}"]
        blocks[i] = "\n".join(head + tail)
        done += 1
    PO.write_text("\n\n".join(blocks), encoding="utf-8")
    print(f"filled {done} of {len(wanted)}")


if __name__ == "__main__":
    main(sys.argv[1])
