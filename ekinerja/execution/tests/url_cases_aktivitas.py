"""The activity log pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- execution:aktivitas-mine and aktivitas-week: one's own log, for every member of an
  instansi with a staff record (the whole cast); root, who belongs to none, 403.
- execution:aktivitas-update: the owner only, and only while the activity waits for
  verification (a verified one is 403 for everyone); another agency's activity 404.
- execution:aktivitas-detail: whoever may read the pegawai's log (the owner, the direct
  supervisor, heads of the unit subtree, the Admin Instansi and the Auditor); the rest
  of the agency 403; another agency 404.
- Writes (create, delete, copy) are POST only: GET is 405 for everyone.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for

from .. import domain
from .factories import make_aktivitas

POST_ONLY = expect(405, anonymous=405)


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    ids["aktivitas_charlie"] = make_aktivitas(cast, "charlie").pk
    ids["aktivitas_charlie_verified"] = make_aktivitas(
        cast, "charlie", jam=("10:00", "11:00"), status=domain.DIVERIFIKASI
    ).pk
    ids["aktivitas_gita"] = make_aktivitas(cast, "gita").pk


def _id(key: str):
    return lambda w: [w.ids[key]]


def _reads(*who: str) -> dict[str, int]:
    return own_object_for(expect(403, **dict.fromkeys(who, 200)))


CASES: list[Case] = [
    Case("execution:aktivitas-mine", members(200)),
    Case("execution:aktivitas-week", members(200)),
    Case("execution:aktivitas-create", POST_ONLY),
    Case("execution:aktivitas-copy", POST_ONLY),
    Case("execution:aktivitas-delete", POST_ONLY, _id("aktivitas_charlie")),
    Case("execution:aktivitas-update", _reads("charlie"), _id("aktivitas_charlie"), "pending"),
    Case(
        "execution:aktivitas-update",
        own_object_for(expect(403)),
        _id("aktivitas_charlie_verified"),
        "verified",
    ),
    Case(
        "execution:aktivitas-update",
        outsider_object(gita=200),
        _id("aktivitas_gita"),
        "outsider",
    ),
    Case(
        "execution:aktivitas-detail",
        _reads("alice", "bob", "charlie", "eko", "fajar"),
        _id("aktivitas_charlie"),
        "staff",
    ),
    Case(
        "execution:aktivitas-detail",
        outsider_object(gita=200),
        _id("aktivitas_gita"),
        "outsider",
    ),
]
