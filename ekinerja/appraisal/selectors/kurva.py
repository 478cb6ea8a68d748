"""Reads for the distribution curve (rules §2): the rule set in force, the counts per
predikat of a unit's curve, and the unit's status for a period — all in aggregate SQL,
a fixed number of queries whatever the unit's size."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from ekinerja.org.models import UnitKerja

from ..domain import achievement, distribution, evaluation, ratings, ruleset
from ..models import AturanPenilaian, Evaluasi, Penetapan, PeriodePenilaian, PredikatOrganisasi


def aturan_from_row(row: AturanPenilaian | None) -> ruleset.Aturan:
    """The stored rule set as domain data (defaults for what is not set)."""
    if row is None:
        return ruleset.DEFAULT_ATURAN
    head = dict(ratings.DEFAULT_HEAD_RATING)
    head.update(row.pemetaan_kepala or {})
    return ruleset.Aturan(
        versi=row.versi,
        mode_tahunan=row.mode_tahunan,
        suggestion=achievement.SuggestionRules(above=row.ambang_di_atas, meets=row.ambang_sesuai),
        head_rating=head,
        curve=ruleset.curve_from_data(row.kurva or {}),
    )


def aturan_for(*, instansi_id: int, tahun: int) -> ruleset.Aturan:
    """The rules of a year (one query); the spec's defaults when none are stored."""
    row = AturanPenilaian.objects.filter(instansi_id=instansi_id, tahun=tahun).first()
    return aturan_from_row(row)


def counting(prefix: str = "") -> dict:
    """The aggregates every curve read uses, so that the panel, the penilai's list, the
    unit list and penetapan count alike: per predikat the rated people the curve counts
    (a draft is not rated, even when its predikat is prefilled from the last period,
    rules §4), the counted people not rated yet, and those the penetapan locks but the
    curve does not count (a marked unit's own head with no marked unit above).
    `prefix` reaches Evaluasi through a relation ("evaluasi__")."""
    draft = Q(**{f"{prefix}status": evaluation.EVALUASI_DRAFT})
    counted = Q(**{f"{prefix}dalam_kurva": True})
    pk = f"{prefix}pk"
    return {
        "total": Count(pk),
        "belum": Count(pk, filter=counted & draft),
        "luar": Count(pk, filter=~counted),
        "luar_belum": Count(pk, filter=~counted & draft),
        **{
            p: Count(pk, filter=counted & ~draft & Q(**{f"{prefix}predikat": p}))
            for p in ratings.PREDIKAT
        },
    }


@dataclass(frozen=True)
class CurveCounts:
    counts: dict[str, int]
    belum: int = 0  # counted by the curve, not rated yet
    total: int = 0  # every evaluation the unit's penetapan locks
    luar: int = 0  # locked with the unit, counted in no curve
    luar_belum: int = 0  # of those, not rated yet

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> CurveCounts:
        return cls(
            counts={p: row.get(p) or 0 for p in ratings.PREDIKAT},
            belum=row.get("belum") or 0,
            total=row.get("total") or 0,
            luar=row.get("luar") or 0,
            luar_belum=row.get("luar_belum") or 0,
        )


def curve_counts(*, periode: PeriodePenilaian, unit_id: int) -> CurveCounts:
    """What the unit's curve counts for the period (see `counting`) — one query."""
    row = Evaluasi.objects.filter(
        instansi_id=periode.instansi_id, periode_penilaian=periode, unit_kurva_id=unit_id
    ).aggregate(**counting())
    return CurveCounts.from_row(row)


@dataclass
class CurveStatus:
    """A unit's curve for a period, as the live panel and penetapan see it."""

    unit: UnitKerja
    periode: PeriodePenilaian
    counts: dict[str, int]  # the rated people the curve counts, per predikat
    belum_dinilai: int  # counted by the curve, not rated yet
    jumlah_evaluasi: int  # every evaluation the unit's penetapan locks
    predikat_organisasi: PredikatOrganisasi | None
    check: distribution.CurveCheck | None  # None while no organisation predikat is set
    penetapan: Penetapan | None  # the one in force
    aturan: ruleset.Aturan = field(default=ruleset.DEFAULT_ATURAN)
    luar_kurva: int = 0  # locked with the unit but counted in no curve
    luar_belum: int = 0  # of those, not rated yet (penetapan does not lock them)

    @property
    def n(self) -> int:
        """The rated people the curve counts."""
        return sum(self.counts.values())

    @property
    def dihitung(self) -> int:
        """Everyone the curve covers, rated or not: the n of its limits (rules §2)."""
        return self.n + self.belum_dinilai

    @property
    def luar_dinilai(self) -> int:
        return self.luar_kurva - self.luar_belum

    @property
    def dikunci(self) -> int:
        """How many evaluations a penetapan now would lock: the rated ones, counted in
        the curve or not."""
        return self.n + self.luar_dinilai

    @property
    def ditetapkan(self) -> bool:
        return self.penetapan is not None

    @property
    def needs_predikat_organisasi(self) -> bool:
        return self.predikat_organisasi is None and self.dihitung > 0

    @property
    def tidak_berlaku(self) -> bool:
        """A small curve no rating of its people could satisfy (rules §2)."""
        return self.check is not None and self.dihitung > 0 and not self.check.satisfiable

    @property
    def ok(self) -> bool:
        """Penetapan may go ahead: everybody counted is rated, and the curve holds (or
        counts nobody, or cannot apply at this size)."""
        if self.belum_dinilai or self.jumlah_evaluasi == 0:
            return False
        if self.n == 0:
            return True
        return self.check is not None and not self.check.blocks

    def rows(self) -> list[dict]:
        """Per predikat, best first: label, count and share of everyone the curve
        covers (for the panel; `belum_share` is the share not rated yet)."""
        n = self.dihitung or 1
        return [
            {
                "predikat": p,
                "label": ratings.PREDIKAT_LABELS[p],
                "count": self.counts.get(p, 0),
                "share": round(100 * self.counts.get(p, 0) / n),
            }
            for p in ratings.PREDIKAT
        ]

    @property
    def belum_share(self) -> int:
        return round(100 * self.belum_dinilai / self.dihitung) if self.dihitung else 0


def curve_status_from(
    *,
    unit: UnitKerja,
    periode: PeriodePenilaian,
    numbers: CurveCounts,
    predikat_organisasi: PredikatOrganisasi | None,
    penetapan: Penetapan | None,
    aturan: ruleset.Aturan,
) -> CurveStatus:
    """A CurveStatus from counts already read (one place builds the check)."""
    po = predikat_organisasi
    check = (
        distribution.check_curve(numbers.counts, po.predikat, aturan.curve, belum=numbers.belum)
        if po
        else None
    )
    return CurveStatus(
        unit=unit,
        periode=periode,
        counts=numbers.counts,
        belum_dinilai=numbers.belum,
        jumlah_evaluasi=numbers.total,
        predikat_organisasi=po,
        check=check,
        penetapan=penetapan,
        aturan=aturan,
        luar_kurva=numbers.luar,
        luar_belum=numbers.luar_belum,
    )


def curve_status(
    *,
    periode: PeriodePenilaian,
    unit: UnitKerja,
    counts_override: dict[str, int] | None = None,
) -> CurveStatus:
    """The unit's curve for the period in four queries; `counts_override` replaces the
    stored counts (the live preview of a rating not saved yet)."""
    numbers = curve_counts(periode=periode, unit_id=unit.pk)
    if counts_override is not None:
        numbers = dataclasses.replace(numbers, counts=counts_override)
    po = PredikatOrganisasi.objects.filter(
        instansi_id=periode.instansi_id, unit=unit, periode_penilaian=periode
    ).first()
    aturan = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year)
    penetapan = (
        Penetapan.objects.filter(
            instansi_id=periode.instansi_id,
            unit=unit,
            periode_penilaian=periode,
            status=Penetapan.Status.DITETAPKAN,
        )
        .select_related("ditetapkan_oleh")
        .first()
    )
    return curve_status_from(
        unit=unit,
        periode=periode,
        numbers=numbers,
        predikat_organisasi=po,
        penetapan=penetapan,
        aturan=aturan,
    )
