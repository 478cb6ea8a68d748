"""The reminder pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy: reminders are kept by the Admin Instansi (eko) alone: list, form and edit are
200 for eko and 403 for the rest of the agency; another agency's reminder is a 404 for
members of A (gita, no admin in her own agency, gets 403 on it); delete and "send now"
are POST only (GET 405 for everyone).
"""

from __future__ import annotations

import datetime as dt

from ekinerja.tests.url_policy import (
    ADMIN_ONLY,
    ADMIN_WRITES_A_OBJECT,
    Case,
    World,
    expect,
    outsider_object,
)

from ..models import Pengingat

POST_ONLY = expect(405, anonymous=405)


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    for key, instansi in (("pengingat_a", cast.a), ("pengingat_b", cast.b)):
        ids[key] = Pengingat.objects.create(
            instansi=instansi,
            nama="Catat aktivitas",
            sasaran=Pengingat.Sasaran.BELUM_MENCATAT,
            pesan="Catat aktivitas Anda hari ini.",
            hari=0,
            jam=dt.time(15, 0),
        ).pk


def _id(key: str):
    return lambda w: [w.ids[key]]


CASES: list[Case] = [
    Case("execution:pengingat-list", ADMIN_ONLY),
    Case("execution:pengingat-create", ADMIN_ONLY),
    Case("execution:pengingat-update", ADMIN_WRITES_A_OBJECT, _id("pengingat_a"), "own"),
    Case("execution:pengingat-update", outsider_object(gita=403), _id("pengingat_b"), "outsider"),
    Case("execution:pengingat-delete", POST_ONLY, _id("pengingat_a")),
    Case("execution:pengingat-send", POST_ONLY, _id("pengingat_a")),
]
