"""Reads for the distribution curve (rules §2): the rule set in force, the counts per
predikat of a unit's curve, and the unit's status for a period — all in aggregate SQL,
a fixed number of queries whatever the unit's size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ekinerja.org.models import UnitKerja

from .. import domain
from ..models import AturanPenilaian, Evaluasi, Penetapan, PeriodePenilaian, PredikatOrganisasi


def aturan_from_row(row: AturanPenilaian | None) -> domain.Aturan:
    """The stored rule set as domain data (defaults for what is not set)."""
    if row is None:
        return domain.DEFAULT_ATURAN
    head = dict(domain.DEFAULT_HEAD_RATING)
    head.update(row.pemetaan_kepala or {})
    return domain.Aturan(
        versi=row.versi,
        mode_tahunan=row.mode_tahunan,
        suggestion=domain.SuggestionRules(above=row.ambang_di_atas, meets=row.ambang_sesuai),
        head_rating=head,
        curve=domain.curve_from_data(row.kurva or {}),
    )


def aturan_for(*, instansi_id: int, tahun: int) -> domain.Aturan:
    """The rules of a year (one query); the spec's defaults when none are stored."""
    row = AturanPenilaian.objects.filter(instansi_id=instansi_id, tahun=tahun).first()
    return aturan_from_row(row)


def curve_counts(*, periode: PeriodePenilaian, unit_id: int) -> tuple[dict[str, int], int, int]:
    """({predikat: count} of the rated people the unit's curve counts, how many it counts
    that are not rated yet, how many evaluations the penetapan locks) — one query."""
    row = Evaluasi.objects.filter(
        instansi_id=periode.instansi_id, periode_penilaian=periode, unit_kurva_id=unit_id
    ).aggregate(
        total=Count("pk"),
        # A draft counts as not rated even when prefilled (annual `separate`): only the
        # penilai's confirmed rating enters the curve.
        belum=Count("pk", filter=Q(dalam_kurva=True, status=domain.EVALUASI_DRAFT)),
        **{
            p: Count(
                "pk",
                filter=Q(dalam_kurva=True, predikat=p) & ~Q(status=domain.EVALUASI_DRAFT),
            )
            for p in domain.PREDIKAT
        },
    )
    counts = {p: row[p] or 0 for p in domain.PREDIKAT}
    return counts, row["belum"] or 0, row["total"] or 0


@dataclass
class CurveStatus:
    """A unit's curve for a period, as the live panel and penetapan see it."""

    unit: UnitKerja
    periode: PeriodePenilaian
    counts: dict[str, int]
    belum_dinilai: int
    jumlah_evaluasi: int
    predikat_organisasi: PredikatOrganisasi | None
    check: domain.CurveCheck | None  # None while no organisation predikat is set
    penetapan: Penetapan | None  # the one in force
    aturan: domain.Aturan = field(default=domain.DEFAULT_ATURAN)

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def ditetapkan(self) -> bool:
        return self.penetapan is not None

    @property
    def needs_predikat_organisasi(self) -> bool:
        return self.predikat_organisasi is None and (self.n + self.belum_dinilai) > 0

    @property
    def ok(self) -> bool:
        """Penetapan may go ahead: everybody counted is rated, and the curve holds (or
        counts nobody)."""
        if self.belum_dinilai or self.jumlah_evaluasi == 0:
            return False
        if self.n == 0:
            return True
        return self.check is not None and self.check.ok

    def rows(self) -> list[dict]:
        """Per predikat, best first: label, count and share of n (for the panel)."""
        n = self.n or 1
        return [
            {
                "predikat": p,
                "label": domain.PREDIKAT_LABELS[p],
                "count": self.counts.get(p, 0),
                "share": round(100 * self.counts.get(p, 0) / n),
            }
            for p in domain.PREDIKAT
        ]


def curve_status(
    *,
    periode: PeriodePenilaian,
    unit: UnitKerja,
    counts_override: dict[str, int] | None = None,
) -> CurveStatus:
    """The unit's curve for the period in four queries; `counts_override` replaces the
    stored counts (the live preview of a rating not yet saved)."""
    counts, belum, total = curve_counts(periode=periode, unit_id=unit.pk)
    if counts_override is not None:
        counts = counts_override
    po = PredikatOrganisasi.objects.filter(
        instansi_id=periode.instansi_id, unit=unit, periode_penilaian=periode
    ).first()
    aturan = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year)
    check = domain.check_curve(counts, po.predikat, aturan.curve) if po else None
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
    return CurveStatus(
        unit=unit,
        periode=periode,
        counts=counts,
        belum_dinilai=belum,
        jumlah_evaluasi=total,
        predikat_organisasi=po,
        check=check,
        penetapan=penetapan,
        aturan=aturan,
    )
