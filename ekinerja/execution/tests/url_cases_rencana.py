"""The rencana aksi pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- execution:rencana-list: one's own plans, for every member of an instansi with a
  staff record; root 403.
- execution:rencana-create (on an RHK) and rencana-update: the owner of the RHK's SKP
  only (the penilai comments, never edits); another agency's RHK or plan 404.
- execution:rencana-pegawai: whoever may read the pegawai's data (the person, the direct
  supervisor, heads of the unit subtree, the Admin Instansi and the Auditor); the rest of
  the agency 403; another agency 404.
- Deleting, commenting and moving what is attached to an RHK (rencana-rhk-move) are
  POST only: GET is 405 for everyone.

Relies on the plans ids (url_cases.py of plans): rhk_charlie, rhk_gita.
"""

from __future__ import annotations

from ekinerja.plans.models import RHK
from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for

from .factories import make_rencana_aksi

POST_ONLY = expect(405, anonymous=405)


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    rhk_charlie = RHK.objects.get(pk=ids["rhk_charlie"])
    ids["rencana_charlie"] = make_rencana_aksi(cast, "charlie", rhk_charlie).pk
    rhk_gita = RHK.objects.get(pk=ids["rhk_gita"])
    ids["rencana_gita"] = make_rencana_aksi(cast, "gita", rhk_gita).pk


def _id(key: str):
    return lambda w: [w.ids[key]]


def _reads(*who: str) -> dict[str, int]:
    return own_object_for(expect(403, **dict.fromkeys(who, 200)))


CASES: list[Case] = [
    Case("execution:rencana-list", members(200)),
    Case("execution:rencana-create", _reads("charlie"), _id("rhk_charlie"), "own"),
    Case("execution:rencana-create", outsider_object(gita=200), _id("rhk_gita"), "outsider"),
    Case("execution:rencana-update", _reads("charlie"), _id("rencana_charlie"), "own"),
    Case("execution:rencana-update", outsider_object(gita=200), _id("rencana_gita"), "outsider"),
    Case("execution:rencana-delete", POST_ONLY, _id("rencana_charlie")),
    Case("execution:rencana-rhk-move", POST_ONLY, _id("rhk_charlie")),
    Case("execution:rencana-comment", POST_ONLY, _id("rencana_charlie")),
    Case(
        "execution:rencana-pegawai",
        _reads("alice", "bob", "charlie", "eko", "fajar"),
        lambda w: [w.cast.charlie.pk],
        "staff",
    ),
    Case(
        "execution:rencana-pegawai",
        outsider_object(gita=200),
        lambda w: [w.cast.gita.pk],
        "outsider",
    ),
]
