"""The penilai's pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- appraisal:penilaian-list: every member of an instansi (their own list: someone who
  rates nobody sees why); root, who belongs to none, 403.
- appraisal:penilaian-form of charlie's evaluation: his pejabat penilai (bob) only; the
  rest of the agency 403, even those who may read it (charlie, alice, eko, fajar);
  another agency's evaluation 404.
- appraisal:penilaian-preview and penilaian-rate: POST only (GET 405 for everyone).
"""

from __future__ import annotations

from ekinerja.plans.tests.factories import make_periode
from ekinerja.tests.url_policy import Case, World, expect, members, own_object_for

from ..domain import evaluation
from ..models import Evaluasi, PeriodePenilaian
from ..services.periode import evaluasi_sync

POST_ONLY = expect(405, anonymous=405)


def build(world: World) -> None:
    """March 2026 with its evaluations, on the approved cascade the plans cases made
    (idempotent: other appraisal case modules may have opened the month already)."""
    cast, ids = world.cast, world.ids
    tahun = make_periode(cast)
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_BULANAN, 3, tahun.tahun)
    periode = PeriodePenilaian.objects.get_or_create(
        instansi=cast.a,
        periode=tahun,
        jenis=evaluation.JENIS_BULANAN,
        nomor=3,
        defaults={"tanggal_mulai": mulai, "tanggal_selesai": selesai},
    )[0]
    evaluasi_sync(periode=periode)
    pk = (
        Evaluasi.objects.filter(instansi=cast.a, periode_penilaian=periode, pegawai=cast.charlie)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    assert pk is not None
    ids["penilaian_evaluasi_charlie"] = pk


def _charlie(w: World) -> list[int]:
    return [w.ids["penilaian_evaluasi_charlie"]]


def _no_evaluasi(w: World) -> str:
    return "" if w.ids.get("penilaian_evaluasi_charlie") else "no evaluation of charlie"


CASES: list[Case] = [
    Case("appraisal:penilaian-list", members(200)),
    Case(
        "appraisal:penilaian-form",
        own_object_for(expect(403, bob=200)),
        _charlie,
        skip=_no_evaluasi,
    ),
    Case("appraisal:penilaian-preview", POST_ONLY, _charlie, skip=_no_evaluasi),
    Case("appraisal:penilaian-rate", POST_ONLY, _charlie, skip=_no_evaluasi),
]
