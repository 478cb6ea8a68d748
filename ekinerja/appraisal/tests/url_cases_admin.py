"""The admin pages of the appraisal in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy:
- appraisal:periode-list and appraisal:aturan: the Admin Instansi (eko) only; the rest
  of the agency 403, root (no instansi) 403.
- appraisal:periode-status, periode-sync, periode-retry, tindak-lanjut-delete: POST only
  (GET 405 for everyone, anonymous included).
- appraisal:tindak-lanjut-list of charlie: whoever may read charlie — charlie, bob (his
  supervisor), alice (heads the dinas), eko (admin), fajar (auditor); dina, a colleague,
  403; another agency 404. Of gita (instansi B): 404 for every member of A, 200 for gita.
"""

from __future__ import annotations

from ekinerja.plans.tests.factories import make_periode
from ekinerja.tests.url_policy import (
    ADMIN_ONLY,
    Case,
    World,
    expect,
    outsider_object,
    own_object_for,
)

from ..domain import evaluation
from ..models import PeriodePenilaian, TindakLanjut

POST_ONLY = expect(405, anonymous=405)
READS_CHARLIE = own_object_for(expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200))


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    tahun = make_periode(cast)
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_BULANAN, 3, tahun.tahun)
    ids["admin_periode"] = PeriodePenilaian.objects.get_or_create(
        instansi=cast.a,
        periode=tahun,
        jenis=evaluation.JENIS_BULANAN,
        nomor=3,
        defaults={"tanggal_mulai": mulai, "tanggal_selesai": selesai},
    )[0].pk
    ids["admin_tindak_lanjut"] = TindakLanjut.objects.create(
        instansi=cast.a,
        pegawai=cast.charlie,
        jenis=TindakLanjut.Jenis.PENGEMBANGAN,
        tanggal=mulai,
        uraian="Diklat tata naskah dinas",
    ).pk


CASES: list[Case] = [
    Case("appraisal:periode-list", ADMIN_ONLY),
    Case("appraisal:periode-status", POST_ONLY, lambda w: [w.ids["admin_periode"]]),
    Case("appraisal:periode-sync", POST_ONLY, lambda w: [w.ids["admin_periode"]]),
    Case("appraisal:periode-retry", POST_ONLY, lambda w: [w.ids["admin_periode"]]),
    Case("appraisal:aturan", ADMIN_ONLY, lambda w: [2026]),
    Case(
        "appraisal:tindak-lanjut-list",
        READS_CHARLIE,
        lambda w: [w.cast.charlie.pk],
        "own",
    ),
    Case(
        "appraisal:tindak-lanjut-list",
        outsider_object(gita=200),
        lambda w: [w.cast.gita.pk],
        "outsider",
    ),
    Case("appraisal:tindak-lanjut-delete", POST_ONLY, lambda w: [w.ids["admin_tindak_lanjut"]]),
]
