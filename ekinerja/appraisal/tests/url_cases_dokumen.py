"""The evaluation documents in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy for appraisal:evaluasi-pdf and appraisal:dokumen-pdf: whoever may read the
evaluation (access_evaluasi) — the person (charlie), the penilai (bob), those who read
the person's unit subtree (alice), the Admin Instansi (eko) and the Auditor (fajar); a
colleague (dina) 403; another agency's evaluation 404. A draft has no document yet:
its readers get 409 with the reason, everyone else the same 403/404.

`build` uses a period nobody else's cases use (Triwulan I 2026, in both agencies), so
rating here changes nothing the other appraisal cases walk over.
"""

from __future__ import annotations

from django.utils import timezone

from ekinerja.org.models import UnitKerja
from ekinerja.plans.models import SKP
from ekinerja.plans.tests.factories import make_periode
from ekinerja.tests.url_policy import Case, World, expect, outsider_object, own_object_for

from ..domain import evaluation, ratings
from ..models import Evaluasi, PeriodePenilaian
from ..services.periode import evaluasi_sync

NAMES = ("appraisal:evaluasi-pdf", "appraisal:dokumen-pdf")
READERS = ("alice", "bob", "charlie", "eko", "fajar")
# Readers of bob's evaluation: bob, his penilai alice, eko, fajar.
BOB_READERS = ("alice", "bob", "eko", "fajar")


def _quarter(instansi, tahun) -> PeriodePenilaian:
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_TRIWULANAN, 1, tahun.tahun)
    return PeriodePenilaian.objects.get_or_create(
        instansi=instansi,
        periode=tahun,
        jenis=evaluation.JENIS_TRIWULANAN,
        nomor=1,
        defaults={"tanggal_mulai": mulai, "tanggal_selesai": selesai},
    )[0]


def _rate(ev: Evaluasi) -> None:
    Evaluasi.objects.filter(pk=ev.pk).update(
        status=Evaluasi.Status.DINILAI,
        rating_hasil_kerja=ratings.SESUAI,
        rating_perilaku=ratings.SESUAI,
        predikat=ratings.BAIK,
        dinilai_at=timezone.now(),
    )


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    periode = _quarter(cast.a, make_periode(cast))
    evaluasi_sync(periode=periode)
    mine = Evaluasi.objects.filter(instansi=cast.a, periode_penilaian=periode)
    charlie = mine.filter(pegawai=cast.charlie).order_by("pk").first()
    bob = mine.filter(pegawai=cast.bob).order_by("pk").first()
    if charlie is not None:
        _rate(charlie)
        ids["dokumen_evaluasi_charlie"] = charlie.pk
    if bob is not None:
        ids["dokumen_draft_bob"] = bob.pk  # stays a draft
    skp_gita = (
        SKP.objects.filter(instansi=cast.b, pegawai=cast.gita).select_related("jabatan").first()
    )
    if skp_gita is None:
        return
    periode_b = _quarter(cast.b, make_periode(cast, instansi=cast.b))
    unit = UnitKerja.objects.get(pk=skp_gita.jabatan.unit_id)
    gita = Evaluasi.objects.get_or_create(
        instansi=cast.b,
        skp=skp_gita,
        periode_penilaian=periode_b,
        defaults={
            "pegawai": cast.gita,
            "jabatan": skp_gita.jabatan,
            "unit": unit,
            "unit_kurva": unit,
            "dalam_kurva": False,
            "snapshot": {"pegawai": {"nama": "Gita Permata"}},
        },
    )[0]
    _rate(gita)
    ids["dokumen_evaluasi_gita"] = gita.pk


def _id(key: str):
    return lambda w: [w.ids[key]]


def _missing(key: str):
    return lambda w: "" if w.ids.get(key) else f"no {key} in the world"


CASES: list[Case] = [
    case
    for name in NAMES
    for case in (
        Case(
            name,
            own_object_for(expect(403, **dict.fromkeys(READERS, 200))),
            _id("dokumen_evaluasi_charlie"),
            "staff",
            skip=_missing("dokumen_evaluasi_charlie"),
        ),
        Case(
            name,
            own_object_for(expect(403, **dict.fromkeys(BOB_READERS, 409))),
            _id("dokumen_draft_bob"),
            "draft",
            skip=_missing("dokumen_draft_bob"),
        ),
        Case(
            name,
            outsider_object(gita=200),
            _id("dokumen_evaluasi_gita"),
            "outsider",
            skip=_missing("dokumen_evaluasi_gita"),
        ),
    )
]
