"""The SKP pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- plans:skp-mine, skp-create, skp-queue: every member of an instansi (their own SKP,
  their own queue); root, who belongs to none, 403.
- plans:skp-detail: whoever may read the SKP (access.can_read_skp): the owner, the
  penilai and atasan penilai, heads of the pegawai's unit subtree, the Admin Instansi
  and the Auditor; the rest of the agency 403; another agency 404.
- Editors (rhk/iki create and update, lampiran): the owner only, and only while the SKP
  is a draft or returned: an approved SKP's editors are 403 for everyone. The ekspektasi
  editor: the penilai only, before approval.
- Workflow actions and deletions are POST only: GET is 405 for everyone.
- plans:periode-list: Admin Instansi and Auditor; create and update: Admin Instansi.

`build` adds, in a year no other module uses, drafts that can still be edited: alice's
(top of the cascade, with an RHK and an IKI) and charlie's (penilai bob), next to the
approved cascade of url_cases.py.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import (
    ADMIN_AND_AUDITOR,
    ADMIN_ONLY,
    ADMIN_WRITES_A_OBJECT,
    Case,
    World,
    expect,
    members,
    outsider_object,
    own_object_for,
)

from .factories import make_periode, make_skp

DRAFT_YEAR = 2031

POST_ONLY = expect(405, anonymous=405)
NOBODY = own_object_for(expect(403))  # an approved SKP: no editor opens
ALICE_ONLY = own_object_for(expect(403, alice=200))
CHARLIE_ONLY = own_object_for(expect(403, charlie=200))
BOB_ONLY = own_object_for(expect(403, bob=200))


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    periode = make_periode(cast, DRAFT_YEAR)
    alice = make_skp(cast, "alice", periode, rhk=[("utama", "Sasaran dari PK 2031", None)])
    rhk = alice.rhk.get()
    ids["pages_skp_alice_draft"] = alice.pk
    ids["pages_rhk_alice_draft"] = rhk.pk
    ids["pages_iki_alice_draft"] = rhk.iki.get().pk
    ids["pages_skp_charlie_draft"] = make_skp(cast, "charlie", periode).pk


def _id(key: str):
    return lambda w: [w.ids[key]]


def _reads(*who: str) -> dict[str, int]:
    return own_object_for(expect(403, **dict.fromkeys(who, 200)))


CASES: list[Case] = [
    Case("plans:skp-mine", members(200)),
    Case("plans:skp-create", members(200)),
    Case("plans:skp-queue", members(200)),
    # --- the SKP page: reading rights --------------------------------------------------
    Case(
        "plans:skp-detail",
        _reads("alice", "bob", "charlie", "eko", "fajar"),
        _id("skp_charlie"),
        "staff",
    ),
    Case(
        "plans:skp-detail", _reads("alice", "bob", "dina", "eko", "fajar"), _id("skp_dina"), "dina"
    ),
    Case("plans:skp-detail", _reads("alice", "bob", "eko", "fajar"), _id("skp_bob"), "supervisor"),
    Case("plans:skp-detail", _reads("alice", "eko", "fajar"), _id("skp_alice"), "head"),
    Case("plans:skp-detail", outsider_object(gita=200), _id("skp_gita"), "outsider"),
    # --- workflow and deletions: POST only ---------------------------------------------
    *[
        Case(name, POST_ONLY, _id(key))
        for name, key in [
            ("plans:skp-submit", "skp_charlie"),
            ("plans:skp-approve", "skp_charlie"),
            ("plans:skp-return", "skp_charlie"),
            ("plans:skp-revise", "skp_charlie"),
            ("plans:rhk-delete", "rhk_charlie"),
            ("plans:iki-delete", "iki_charlie"),
        ]
    ],
    # --- editors -----------------------------------------------------------------------
    Case("plans:rhk-create", NOBODY, _id("skp_charlie"), "approved"),
    Case("plans:rhk-create", ALICE_ONLY, _id("pages_skp_alice_draft"), "draft-top"),
    Case("plans:rhk-create", CHARLIE_ONLY, _id("pages_skp_charlie_draft"), "draft-staff"),
    Case("plans:rhk-create", outsider_object(gita=200), _id("skp_gita"), "outsider"),
    Case("plans:rhk-update", NOBODY, _id("rhk_charlie"), "approved"),
    Case("plans:rhk-update", ALICE_ONLY, _id("pages_rhk_alice_draft"), "draft"),
    Case("plans:rhk-update", outsider_object(gita=200), _id("rhk_gita"), "outsider"),
    Case("plans:iki-create", NOBODY, _id("rhk_charlie"), "approved"),
    Case("plans:iki-create", ALICE_ONLY, _id("pages_rhk_alice_draft"), "draft"),
    Case("plans:iki-create", outsider_object(gita=200), _id("rhk_gita"), "outsider"),
    Case("plans:iki-update", NOBODY, _id("iki_charlie"), "approved"),
    Case("plans:iki-update", ALICE_ONLY, _id("pages_iki_alice_draft"), "draft"),
    Case("plans:iki-update", outsider_object(gita=200), _id("iki_gita"), "outsider"),
    Case("plans:lampiran-update", NOBODY, _id("skp_charlie"), "approved"),
    Case("plans:lampiran-update", ALICE_ONLY, _id("pages_skp_alice_draft"), "draft"),
    Case("plans:lampiran-update", outsider_object(gita=200), _id("skp_gita"), "outsider"),
    Case("plans:ekspektasi-update", NOBODY, _id("skp_charlie"), "approved"),
    Case("plans:ekspektasi-update", BOB_ONLY, _id("pages_skp_charlie_draft"), "draft"),
    # gita owns her SKP and has no penilai: nobody writes its expectations.
    Case("plans:ekspektasi-update", outsider_object(gita=403), _id("skp_gita"), "outsider"),
    # --- periods -------------------------------------------------------------------------
    Case("plans:periode-list", ADMIN_AND_AUDITOR),
    Case("plans:periode-create", ADMIN_ONLY),
    Case("plans:periode-update", ADMIN_WRITES_A_OBJECT, _id("periode_a"), "own"),
    Case("plans:periode-update", outsider_object(gita=403), _id("periode_b"), "outsider"),
]
