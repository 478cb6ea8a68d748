"""The API's URLs in the URL × role walk (ekinerja/tests/test_url_matrix.py), GET as
each member of the cast over a session.

The objects are the ones ekinerja/plans/tests/url_cases.py builds into `world.ids`
(that module's `build` runs before this one's cases are walked). An API answers an
anonymous caller 401 (a Bearer challenge), never a redirect to the login page; a write-
only URL answers GET with 405 once the caller is a member, before any lookup, so an
outsider learns nothing from it.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import Case, expect, members, outsider_object, own_object_for


def _api(expected: dict[str, int]) -> dict[str, int]:
    return {**expected, "anonymous": 401}


MEMBERS = _api(members(200))
WRITE_ONLY = _api(members(405))
# charlie's SKP: charlie, his penilai bob, atasan penilai alice, the admin and auditor.
SKP_READERS = _api(own_object_for(expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200)))
OUTSIDER = _api(outsider_object(gita=200))


def _ids(*keys: str):
    return lambda w: [w.ids[k] if isinstance(k, str) and k in w.ids else k for k in keys]


def _read_cases(name: str, own: tuple, outsider: tuple) -> list[Case]:
    return [
        Case(name, SKP_READERS, _ids(*own), "own"),
        Case(name, OUTSIDER, _ids(*outsider), "outsider"),
    ]


CASES: list[Case] = [
    Case("api:token", expect(405, anonymous=405)),  # POST and DELETE only
    Case("api:schema", expect(200, anonymous=200)),  # the API's shape is public (AGPL)
    Case("api:docs", expect(200, anonymous=200)),
    Case("api:me", MEMBERS),
    Case("api:periode-list", MEMBERS),
    Case("api:skp-list", MEMBERS),  # scoped by skp_list: gita sees only instansi B's
    Case("api:skp-queue", MEMBERS),
    Case("api:skp-bulk-approve", WRITE_ONLY),
    Case("api:skp-bulk-return", WRITE_ONLY),
    *_read_cases("api:skp-detail", ("skp_charlie",), ("skp_gita",)),
    *_read_cases("api:skp-intervensi", ("skp_charlie",), ("skp_gita",)),
    *_read_cases("api:lampiran-detail", ("skp_charlie",), ("skp_gita",)),
    *_read_cases("api:ekspektasi-detail", ("skp_charlie", 1), ("skp_gita", 1)),
    *_read_cases("api:rhk-detail", ("rhk_charlie",), ("rhk_gita",)),
    *_read_cases("api:iki-detail", ("iki_charlie",), ("iki_gita",)),
    *[
        Case(name, WRITE_ONLY, _ids(key), "own")
        for name, key in (
            ("api:skp-submit", "skp_charlie"),
            ("api:skp-approve", "skp_charlie"),
            ("api:skp-return", "skp_charlie"),
            ("api:skp-revise", "skp_charlie"),
            ("api:rhk-create", "skp_charlie"),
            ("api:iki-create", "rhk_charlie"),
        )
    ],
]
