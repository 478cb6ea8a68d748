"""The English catalogue is kept complete (CONVENTIONS.md: UI strings in Bahasa Indonesia
through gettext, with an English translation kept complete)."""

from __future__ import annotations

import ast
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "ekinerja" / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def parse_po(text: str) -> list[dict]:
    """Minimal .po reader: entries with msgctxt/msgid/msgid_plural/msgstr[n] and flags."""
    entries: list[dict] = []
    cur: dict = {"flags": set()}
    key = None

    def flush():
        nonlocal cur
        if "msgid" in cur:
            entries.append(cur)
        cur = {"flags": set()}

    for line in text.splitlines():
        line = line.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,"):
            cur["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            cur[key] += ast.literal_eval(line)
        else:
            key, _, rest = line.partition(" ")
            if key == "msgid" and "msgid" in cur and "msgstr" in "".join(cur):
                flush()
            cur[key] = ast.literal_eval(rest)
    flush()
    return entries


def _entries() -> list[dict]:
    return [e for e in parse_po(PO.read_text(encoding="utf-8")) if e["msgid"]]


def test_every_entry_is_translated_and_not_fuzzy():
    missing = [
        e["msgid"]
        for e in _entries()
        if "fuzzy" in e["flags"] or not (e.get("msgstr") or e.get("msgstr[0]"))
    ]
    assert not missing, f"{len(missing)} untranslated/fuzzy entries, e.g. {missing[:5]}"


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    stale = []
    for e in _entries():
        msgid = e["msgid"] if "msgctxt" not in e else f"{e['msgctxt']}\x04{e['msgid']}"
        want = e.get("msgstr") or e.get("msgstr[0]")
        if "msgid_plural" in e:
            got = catalog._catalog.get((msgid, 0))  # type: ignore[attr-defined]
        else:
            got = catalog._catalog.get(msgid)  # type: ignore[attr-defined]
        if got != want:
            stale.append(e["msgid"])
    assert not stale, f"django.mo is stale (run `make messages`), e.g. {stale[:5]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_string_in_the_source_is_in_the_catalogue(tmp_path):
    """Extract msgids afresh from a copy of the code and compare with the catalogue."""
    work = tmp_path / "ekinerja"
    shutil.copytree(
        ROOT / "ekinerja",
        work,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "static", "tests", "samples"),
    )
    (work / "locale").mkdir()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "en", "--no-location"],
        cwd=work,
        check=True,
        capture_output=True,
        env={**__import__("os").environ, "DEBUG": "1", "PYTHONPATH": str(ROOT)},
    )
    fresh = {
        e["msgid"]
        for e in parse_po((work / "locale/en/LC_MESSAGES/django.po").read_text("utf-8"))
        if e["msgid"]
    }
    known = {e["msgid"] for e in _entries()}
    missing = sorted(fresh - known)
    assert not missing, f"{len(missing)} strings missing from django.po, e.g. {missing[:5]}"
