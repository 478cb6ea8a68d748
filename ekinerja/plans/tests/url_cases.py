"""Planning objects for the URL × role walk (ekinerja/tests/test_url_matrix.py).

`build` makes the cast's approved cascade in instansi A (factories.approved_cascade)
and one SKP of gita in instansi B; the pages' cases live in the sibling
`url_cases_*.py` modules and read these ids from `world.ids`:
periode_a, periode_b, skp_alice, skp_bob, skp_charlie, skp_dina, skp_gita,
rhk_charlie, iki_charlie, rhk_gita, iki_gita.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import Case, World

from .factories import approved_cascade, make_periode, make_skp

CASES: list[Case] = []


def build(world: World) -> None:
    cast = world.cast
    c = approved_cascade(cast)
    ids = world.ids
    ids["periode_a"] = c.periode.pk
    for who in ("alice", "bob", "charlie", "dina"):
        ids[f"skp_{who}"] = getattr(c, who).pk
    rhk = c.rhk("charlie")
    ids["rhk_charlie"] = rhk.pk
    iki = rhk.iki.first()
    assert iki is not None
    ids["iki_charlie"] = iki.pk
    periode_b = make_periode(cast, instansi=cast.b)
    gita = make_skp(cast, "gita", periode_b, rhk=[("utama", "Layanan Kota Beta", None)])
    ids["periode_b"] = periode_b.pk
    ids["skp_gita"] = gita.pk
    rhk_g = gita.rhk.first()
    assert rhk_g is not None
    iki_g = rhk_g.iki.first()
    assert iki_g is not None
    ids["rhk_gita"] = rhk_g.pk
    ids["iki_gita"] = iki_g.pk
