"""The staff side of the evaluation in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- appraisal:evaluasi-mine: one's own evaluations, for every member of an instansi with
  a staff record (the whole cast); root, who belongs to none, 403.
- appraisal:evaluasi-detail: whoever may read the evaluation (access_evaluasi): the
  person (charlie), the penilai (bob), those who read the person's unit subtree (alice,
  head of the dinas), the Admin Instansi (eko) and the Auditor (fajar); a colleague
  (dina) 403; another agency's evaluation 404.
- appraisal:realisasi-save: POST only (GET 405 for everyone).
"""

from __future__ import annotations

from ekinerja.org.models import UnitKerja
from ekinerja.plans.models import SKP
from ekinerja.plans.tests.factories import make_periode
from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for

from ..domain import evaluation
from ..models import Evaluasi, PeriodePenilaian
from ..services.periode import evaluasi_sync

POST_ONLY = expect(405, anonymous=405)


def _month(instansi, tahun) -> PeriodePenilaian:
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_BULANAN, 3, tahun.tahun)
    return PeriodePenilaian.objects.get_or_create(
        instansi=instansi,
        periode=tahun,
        jenis=evaluation.JENIS_BULANAN,
        nomor=3,
        defaults={"tanggal_mulai": mulai, "tanggal_selesai": selesai},
    )[0]


def build(world: World) -> None:
    """March 2026 with its evaluations on the approved cascade the plans cases made
    (idempotent: other appraisal case modules may have opened the month already), and
    one evaluation of gita's in instansi B."""
    cast, ids = world.cast, world.ids
    periode = _month(cast.a, make_periode(cast))
    evaluasi_sync(periode=periode)
    pk = (
        Evaluasi.objects.filter(instansi=cast.a, periode_penilaian=periode, pegawai=cast.charlie)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    assert pk is not None
    ids["evaluasi_charlie"] = pk
    skp_gita = (
        SKP.objects.filter(instansi=cast.b, pegawai=cast.gita).select_related("jabatan").first()
    )
    if skp_gita is None:
        return
    periode_b = _month(cast.b, make_periode(cast, instansi=cast.b))
    unit = UnitKerja.objects.get(pk=skp_gita.jabatan.unit_id)
    ids["evaluasi_gita"] = Evaluasi.objects.get_or_create(
        instansi=cast.b,
        skp=skp_gita,
        periode_penilaian=periode_b,
        defaults={
            "pegawai": cast.gita,
            "jabatan": skp_gita.jabatan,
            "unit": unit,
            "unit_kurva": unit,
            "snapshot": {"pegawai": {"nama": "Gita"}},
        },
    )[0].pk


def _id(key: str):
    return lambda w: [w.ids[key]]


def _missing(key: str):
    return lambda w: "" if w.ids.get(key) else f"no {key} in the world"


CASES: list[Case] = [
    Case("appraisal:evaluasi-mine", members(200)),
    Case(
        "appraisal:evaluasi-detail",
        own_object_for(
            expect(403, **dict.fromkeys(("alice", "bob", "charlie", "eko", "fajar"), 200))
        ),
        _id("evaluasi_charlie"),
        "staff",
        skip=_missing("evaluasi_charlie"),
    ),
    Case(
        "appraisal:evaluasi-detail",
        outsider_object(gita=200),
        _id("evaluasi_gita"),
        "outsider",
        skip=_missing("evaluasi_gita"),
    ),
    Case(
        "appraisal:realisasi-save",
        POST_ONLY,
        lambda w: [w.ids.get("evaluasi_charlie") or 1, 1],
    ),
]
