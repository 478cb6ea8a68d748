"""The organisation pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- appraisal:unit-list: every member of an instansi (the list holds the units they
  manage, set the predikat of, or rate people in; it may be empty); root 403.
- appraisal:unit-detail: whoever may see the unit's curve (access.can_read_unit_curve):
  for Dinas Alfa its head alice, bob (he rates charlie and dina, counted there), the
  Admin Instansi and the Auditor; charlie and dina 403; another agency's unit 404.
- appraisal:predikat-organisasi-set, appraisal:penetapan-create: POST only, 405.
- appraisal:penetapan-reopen: the Admin Instansi only; another agency's penetapan 404.
"""

from __future__ import annotations

from django.utils import timezone

from ekinerja.plans.tests.factories import make_periode
from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for

from ..domain import evaluation
from ..models import Penetapan, PeriodePenilaian
from ..services.periode import evaluasi_sync

POST_ONLY = expect(405, anonymous=405)


def _march(cast, instansi) -> PeriodePenilaian:
    tahun = make_periode(cast, instansi=instansi)
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_BULANAN, 3, tahun.tahun)
    return PeriodePenilaian.objects.get_or_create(
        instansi=instansi,
        periode=tahun,
        jenis=evaluation.JENIS_BULANAN,
        nomor=3,
        defaults={"tanggal_mulai": mulai, "tanggal_selesai": selesai},
    )[0]


def build(world: World) -> None:
    """March 2026 in both agencies (idempotent: other appraisal case modules may have
    opened it), and a penetapan in each on a unit nobody else's cases use (BKPSDM, whose
    curve is empty, and Kota Beta's root)."""
    cast, ids = world.cast, world.ids
    periode = _march(cast, cast.a)
    evaluasi_sync(periode=periode)
    periode_b = _march(cast, cast.b)
    ids["unit_periode_a"] = periode.pk
    ids["unit_periode_b"] = periode_b.pk
    now = timezone.now()
    ids["unit_penetapan_a"] = Penetapan.objects.create(
        instansi=cast.a,
        unit=cast.bkpsdm,
        periode_penilaian=periode,
        ditetapkan_oleh=cast.eko.user,
        ditetapkan_at=now,
    ).pk
    assert cast.gita.unit is not None
    ids["unit_penetapan_b"] = Penetapan.objects.create(
        instansi=cast.b,
        unit=cast.gita.unit,
        periode_penilaian=periode_b,
        ditetapkan_oleh=cast.gita.user,
        ditetapkan_at=now,
    ).pk


def _dinas(w: World) -> list[int]:
    return [w.cast.dinas.pk, w.ids["unit_periode_a"]]


def _beta(w: World) -> list[int]:
    assert w.cast.gita.unit_id is not None
    return [w.cast.gita.unit_id, w.ids["unit_periode_b"]]


CASES: list[Case] = [
    Case("appraisal:unit-list", members(200)),
    Case(
        "appraisal:unit-detail",
        own_object_for(expect(403, alice=200, bob=200, eko=200, fajar=200)),
        _dinas,
        "own",
    ),
    Case("appraisal:unit-detail", outsider_object(gita=403), _beta, "outsider"),
    Case("appraisal:predikat-organisasi-set", POST_ONLY, _dinas),
    Case("appraisal:penetapan-create", POST_ONLY, _dinas),
    Case(
        "appraisal:penetapan-reopen",
        own_object_for(expect(403, eko=200)),
        lambda w: [w.ids["unit_penetapan_a"]],
        "own",
    ),
    Case(
        "appraisal:penetapan-reopen",
        outsider_object(gita=403),
        lambda w: [w.ids["unit_penetapan_b"]],
        "outsider",
    ),
]
