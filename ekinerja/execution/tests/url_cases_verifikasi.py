"""Verification and the monthly summaries in the URL × role walk
(ekinerja/tests/test_url_matrix.py).

Policy:
- execution:verifikasi-queue: every member of an instansi (their own queue: a person
  without subordinates sees who verifies them); root, who belongs to none, 403.
- execution:verifikasi-bulk: POST only, 405 for a GET.
- execution:aktivitas-reject: the owner's direct supervisor only (bob for charlie);
  everyone else of the agency 403, even those who may read the activity; another
  agency's activity 404.
- execution:pegawai-log and ringkasan-pegawai: whoever may read the person's log (the
  person, the direct supervisor, heads of the unit subtree, Admin Instansi, Auditor);
  the rest of the agency 403; another agency's person 404.
- execution:ringkasan: those with a team (alice, bob as heads; eko and fajar, who pick a
  unit); staff without a team are sent to their own summary (302); root 403.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for

from .. import domain
from .factories import make_aktivitas

POST_ONLY = expect(405, anonymous=405)
READERS_OF_CHARLIE = own_object_for(
    expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200)
)


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    ids["verifikasi_aktivitas_charlie"] = make_aktivitas(cast, "charlie").pk
    ids["verifikasi_aktivitas_charlie_verified"] = make_aktivitas(
        cast, "charlie", status=domain.DIVERIFIKASI
    ).pk
    ids["verifikasi_aktivitas_gita"] = make_aktivitas(cast, "gita").pk


def _id(key: str):
    return lambda w: [w.ids[key]]


def _pegawai(who: str):
    return lambda w: [getattr(w.cast, who).pk]


CASES: list[Case] = [
    Case("execution:verifikasi-queue", members(200)),
    Case("execution:verifikasi-bulk", POST_ONLY),
    Case(
        "execution:aktivitas-reject",
        own_object_for(expect(403, bob=200)),
        _id("verifikasi_aktivitas_charlie"),
        "waiting",
    ),
    # A decided activity: the page opens for the supervisor and says it is decided.
    Case(
        "execution:aktivitas-reject",
        own_object_for(expect(403, bob=200)),
        _id("verifikasi_aktivitas_charlie_verified"),
        "decided",
    ),
    Case(
        "execution:aktivitas-reject",
        outsider_object(gita=403),  # gita has no supervisor in her agency's cast
        _id("verifikasi_aktivitas_gita"),
        "outsider",
    ),
    Case("execution:pegawai-log", READERS_OF_CHARLIE, _pegawai("charlie"), "staff"),
    Case("execution:pegawai-log", outsider_object(gita=200), _pegawai("gita"), "outsider"),
    Case(
        "execution:ringkasan",
        expect(403, alice=200, bob=200, charlie=302, dina=302, eko=200, fajar=200, gita=302),
    ),
    Case("execution:ringkasan-pegawai", READERS_OF_CHARLIE, _pegawai("charlie"), "staff"),
    Case("execution:ringkasan-pegawai", outsider_object(gita=200), _pegawai("gita"), "outsider"),
]
