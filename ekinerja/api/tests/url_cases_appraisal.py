"""The appraisal API's URLs (issue 5) in the URL × role walk
(ekinerja/tests/test_url_matrix.py), GET as each member of the cast over a session.

`build` opens March 2026 in instansi A with its evaluations (idempotent: the appraisal
case modules open the same month) and gives gita one evaluation in instansi B; ids under
`apiappr_*`.

- periods and the own/penilai evaluation lists: every member; root 403.
- an evaluation: the person (charlie), the penilai (bob), alice (head above), the Admin
  Instansi (eko) and the Auditor (fajar); a colleague (dina) 403; another agency 404.
- a unit's curve (Dinas Alfa; the newest open period by default): its head alice, bob
  (he rates people counted there), eko, fajar; charlie and dina 403; another agency's
  unit 404 (and gita, who may not read her own unit's curve, 403).
- the SIASN export: eko and fajar; without `?periode=` (as the walk sends it) a 400
  naming the parameter; everyone else 403.
- the writes (realisasi, nilai, predikat, penetapan, buka): GET is a 405.
"""

from __future__ import annotations

from ekinerja.appraisal.domain import evaluation
from ekinerja.appraisal.models import Evaluasi, PeriodePenilaian
from ekinerja.appraisal.services.periode import evaluasi_sync
from ekinerja.org.models import UnitKerja
from ekinerja.plans.models import SKP
from ekinerja.plans.tests.factories import make_periode
from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for


def _api(expected: dict[str, int]) -> dict[str, int]:
    return {**expected, "anonymous": 401}


MEMBERS = _api(members(200))
WRITE_ONLY = _api(members(405))
READERS = _api(own_object_for(expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200)))
OUTSIDER = _api(outsider_object(gita=200))
CURVE = _api(own_object_for(expect(403, alice=200, bob=200, eko=200, fajar=200)))
CURVE_OUTSIDER = _api(outsider_object(gita=403))
SIASN = _api(expect(403, eko=400, fajar=400))


def _march(instansi, tahun) -> PeriodePenilaian:
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_BULANAN, 3, tahun.tahun)
    return PeriodePenilaian.objects.get_or_create(
        instansi=instansi,
        periode=tahun,
        jenis=evaluation.JENIS_BULANAN,
        nomor=3,
        defaults={"tanggal_mulai": mulai, "tanggal_selesai": selesai},
    )[0]


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    periode = _march(cast.a, make_periode(cast))
    evaluasi_sync(periode=periode)
    ids["apiappr_evaluasi_charlie"] = (
        Evaluasi.objects.filter(instansi=cast.a, periode_penilaian=periode, pegawai=cast.charlie)
        .values_list("pk", flat=True)
        .get()
    )
    periode_b = _march(cast.b, make_periode(cast, instansi=cast.b))
    skp = SKP.objects.filter(instansi=cast.b, pegawai=cast.gita).select_related("jabatan").first()
    assert skp is not None, "the plans cases give gita an SKP"
    unit = UnitKerja.objects.get(pk=skp.jabatan.unit_id)
    ids["apiappr_evaluasi_gita"] = Evaluasi.objects.get_or_create(
        instansi=cast.b,
        skp=skp,
        periode_penilaian=periode_b,
        defaults={
            "pegawai": cast.gita,
            "jabatan": skp.jabatan,
            "unit": unit,
            "unit_kurva": unit,
            "snapshot": {"pegawai": {"nama": "Gita"}},
        },
    )[0].pk


def _ids(*keys: str):
    return lambda w: [w.ids[k] for k in keys]


CASES: list[Case] = [
    Case("api:appraisal-periode-list", MEMBERS),
    Case("api:appraisal-evaluasi-list", MEMBERS),  # the caller's own, or those they rate
    Case("api:appraisal-evaluasi-detail", READERS, _ids("apiappr_evaluasi_charlie"), "own"),
    Case("api:appraisal-evaluasi-detail", OUTSIDER, _ids("apiappr_evaluasi_gita"), "outsider"),
    Case("api:appraisal-kurva", CURVE, lambda w: [w.cast.dinas.pk], "own"),
    Case("api:appraisal-kurva", CURVE_OUTSIDER, lambda w: [w.cast.gita.unit_id], "outsider"),
    Case("api:appraisal-siasn", SIASN),
    Case(
        "api:appraisal-realisasi",
        WRITE_ONLY,
        lambda w: [w.ids["apiappr_evaluasi_charlie"], 1],
    ),
    Case("api:appraisal-nilai", WRITE_ONLY, _ids("apiappr_evaluasi_charlie")),
    Case("api:appraisal-predikat-organisasi", WRITE_ONLY, lambda w: [w.cast.dinas.pk]),
    Case("api:appraisal-penetapan-create", WRITE_ONLY, lambda w: [w.cast.dinas.pk]),
    Case("api:appraisal-penetapan-reopen", WRITE_ONLY, lambda w: [1]),
]
