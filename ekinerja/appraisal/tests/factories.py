"""Test data for the appraisal, on the shared cast and the approved cascade
(plans/tests/factories.py): alice (Kepala Dinas, top) → bob (Kepala Bidang) → charlie,
dina; each with an approved SKP for 2026 and one numeric IKI per RHK (target 12).

The Dinas Alfa unit is marked (is_opd): its curve counts bob, charlie and dina; alice
heads it with no marked unit above, so her evaluation is locked with Dinas Alfa but
counted in no curve.

`appraisal_world` opens March 2026 (monthly) and creates the evaluations through the
period service's sync; ratings are set directly here (tests of rating call the
service).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ekinerja.conftest import Cast
from ekinerja.plans.models import IKI
from ekinerja.plans.tests.factories import Cascade, approved_cascade

from ..domain import achievement, evaluation, ratings
from ..models import Evaluasi, PeriodePenilaian, PredikatOrganisasi, RealisasiIKI
from ..services.periode import evaluasi_sync

BULAN = 3  # March 2026, safely in the past


@dataclass
class AppraisalWorld:
    cast: Cast
    cascade: Cascade
    periode: PeriodePenilaian

    def evaluasi(self, who: str) -> Evaluasi:
        return Evaluasi.objects.get(periode_penilaian=self.periode, pegawai=getattr(self.cast, who))

    def iki(self, who: str) -> IKI:
        iki = IKI.objects.filter(rhk__skp=getattr(self.cascade, who)).order_by("pk").first()
        assert iki is not None
        return iki


def open_periode(
    cast: Cast, cascade: Cascade, *, jenis: str = evaluation.JENIS_BULANAN, nomor: int = BULAN
) -> PeriodePenilaian:
    mulai, selesai = evaluation.period_bounds(jenis, nomor, cascade.periode.tahun)
    periode = PeriodePenilaian.objects.create(
        instansi=cast.a,
        periode=cascade.periode,
        jenis=jenis,
        nomor=nomor,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
    )
    evaluasi_sync(periode=periode)
    return periode


def appraisal_world(cast: Cast) -> AppraisalWorld:
    cascade = approved_cascade(cast)
    return AppraisalWorld(cast=cast, cascade=cascade, periode=open_periode(cast, cascade))


def set_realisasi(world: AppraisalWorld, who: str, nilai: str | Decimal) -> RealisasiIKI:
    ev = world.evaluasi(who)
    iki = world.iki(who)
    value = Decimal(nilai)
    return RealisasiIKI.objects.update_or_create(
        instansi=ev.instansi,
        evaluasi=ev,
        iki=iki,
        defaults={"nilai": value, "capaian": achievement.capaian(value, iki.target_nilai)},
    )[0]


def set_rating(world: AppraisalWorld, who: str, hasil_kerja: str, perilaku: str) -> Evaluasi:
    ev = world.evaluasi(who)
    ev.rating_hasil_kerja = hasil_kerja
    ev.rating_perilaku = perilaku
    ev.predikat = ratings.predikat_from_ratings(hasil_kerja, perilaku)
    ev.status = Evaluasi.Status.DINILAI
    ev.dinilai_at = dt.datetime(2026, 4, 2, 3, 0, tzinfo=dt.UTC)
    ev.save()
    return ev


def set_predikat_organisasi(world: AppraisalWorld, unit, predikat: str) -> PredikatOrganisasi:
    return PredikatOrganisasi.objects.update_or_create(
        instansi=world.cast.a,
        unit=unit,
        periode_penilaian=world.periode,
        defaults={"predikat": predikat},
    )[0]
