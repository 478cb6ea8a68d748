"""Feedback and coaching pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- execution:umpan-balik-list, bimbingan-list: every member of an instansi (their own
  threads and notes); root, who belongs to none, 403.
- execution:umpan-balik-create, bimbingan-create without ?pegawai=: the picker of one's
  direct subordinates — alice (bob) and bob (charlie, dina); everyone else 403.
- execution:umpan-balik-detail: the two people in the thread (charlie, bob) and whoever
  may read charlie's data (alice heads the dinas, eko admin, fajar auditor); dina, a
  colleague, 403; another agency 404.
- execution:bimbingan-update: the note's author (bob) only; another agency 404.
- Replies and deletions are POST only: GET is 405 for everyone.

`build` adds bob's feedback thread to charlie and bob's coaching note for charlie.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import Case, World, expect, members, own_object_for

from .factories import make_bimbingan, make_umpan_balik

POST_ONLY = expect(405, anonymous=405)
SUPERVISORS = expect(403, alice=200, bob=200)


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    ids["umpan_balik_thread"] = make_umpan_balik(cast, to="charlie", by="bob").pk
    ids["umpan_balik_bimbingan"] = make_bimbingan(cast, to="charlie", by="bob").pk


def _id(key: str):
    return lambda w: [w.ids[key]]


CASES: list[Case] = [
    Case("execution:umpan-balik-list", members(200)),
    Case("execution:umpan-balik-create", SUPERVISORS),
    Case(
        "execution:umpan-balik-detail",
        own_object_for(expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200)),
        _id("umpan_balik_thread"),
    ),
    Case("execution:umpan-balik-reply", POST_ONLY, _id("umpan_balik_thread")),
    Case("execution:bimbingan-list", members(200)),
    Case("execution:bimbingan-create", SUPERVISORS),
    Case(
        "execution:bimbingan-update",
        own_object_for(expect(403, bob=200)),
        _id("umpan_balik_bimbingan"),
    ),
    Case("execution:bimbingan-delete", POST_ONLY, _id("umpan_balik_bimbingan")),
]
