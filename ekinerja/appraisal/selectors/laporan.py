"""Instansi-wide reads for the reports (issue 5): angka kredit of functional staff
(rules §5), rater analytics (leniency of each penilai against the instansi) and the
per-unit fill rate of a period.

Everything is aggregate SQL with a fixed number of queries whatever the agency's size;
lists are querysets the views page (PAGE_SIZE) and the exports stream."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.translation import gettext_lazy

from ekinerja.core.ids import parse_id
from ekinerja.core.numbers import format_id
from ekinerja.org.domain import nama_lengkap
from ekinerja.org.models import Jabatan

from ..domain import angka_kredit, evaluation, ratings
from ..models import Evaluasi, PeriodePenilaian, RealisasiIKI

PAGE_SIZE = 100
EXPORT_CHUNK = 2000
RATED = (evaluation.EVALUASI_DINILAI, evaluation.EVALUASI_DITETAPKAN)


def periods(*, instansi_id: int, limit: int = 60) -> list[PeriodePenilaian]:
    """The instansi's evaluation periods for a picker, newest first (one query)."""
    return list(
        PeriodePenilaian.objects.filter(instansi_id=instansi_id).order_by(
            "-tanggal_mulai", "-jenis"
        )[:limit]
    )


def pick_periode(
    *, instansi_id: int, raw: str | None, choices: list[PeriodePenilaian]
) -> PeriodePenilaian | None:
    """The period chosen by ?periode=<id> among `choices` (or, when older, loaded by id,
    scoped to the instansi); the newest period when none or an unknown one is asked."""
    pk = parse_id(raw)
    if pk is not None:
        for p in choices:
            if p.pk == pk:
                return p
        found = PeriodePenilaian.objects.filter(instansi_id=instansi_id, pk=pk).first()
        if found is not None:
            return found
    return choices[0] if choices else None


def share(part: int, whole: int) -> int:
    """A whole percentage for display (half up); 0 of nothing is 0."""
    if not whole:
        return 0
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


# --- angka kredit (rules §5) -------------------------------------------------------------


def months_in_year(start: dt.date, end: dt.date, tahun: int) -> int:
    """Months of an SKP inside the performance year, for AK = koefisien × multiplier ×
    months/12 (rules §5). A month counts when the SKP is in force on its 15th: a person
    who changes position mid-month has the month counted in exactly one SKP, so the
    months of consecutive SKPs never add up to more than 12."""
    if end < start:
        return 0
    months = 0
    for m in range(1, 13):
        mid = dt.date(tahun, m, 15)
        if start <= mid <= end:
            months += 1
    return months


@dataclass(frozen=True)
class AngkaKreditRow:
    evaluasi_id: int
    nama: str
    nip: str
    jabatan: str
    jenjang: str
    unit: str
    predikat: str
    months: int
    koefisien: Decimal
    multiplier: Decimal
    angka_kredit: Decimal

    @property
    def jenjang_label(self) -> str:
        return str(Jabatan.Jenjang(self.jenjang).label)

    @property
    def predikat_label(self) -> str:
        return ratings.PREDIKAT_LABELS[self.predikat]

    @property
    def koefisien_text(self) -> str:
        return format_id(self.koefisien, 2)

    @property
    def multiplier_text(self) -> str:
        return f"{format_id(self.multiplier * 100)}%"

    @property
    def angka_kredit_text(self) -> str:
        """Three decimals, Indonesian format (rules §5: 4,688)."""
        return format_id(self.angka_kredit, 3)


def angka_kredit_queryset(*, instansi_id: int, tahun: int) -> QuerySet:
    """The annual evaluations with a result (dinilai or ditetapkan: a prefilled draft
    is not a result yet) of staff in a functional position with a jenjang, ordered by
    unit and name — as values, ready to page or stream."""
    return (
        Evaluasi.objects.filter(
            instansi_id=instansi_id,
            periode_penilaian__jenis=evaluation.JENIS_TAHUNAN,
            periode_penilaian__tanggal_mulai__year=tahun,
            status__in=RATED,
            jabatan__jenis=Jabatan.Jenis.FUNGSIONAL,
            jabatan__jenjang__in=list(angka_kredit.KOEFISIEN_TAHUNAN),
        )
        .exclude(predikat="")
        .order_by("unit__path", "pegawai__nama", "pk")
        .values(
            "pk",
            "predikat",
            "snapshot",
            "pegawai__nama",
            "pegawai__gelar_depan",
            "pegawai__gelar_belakang",
            "pegawai__nip",
            "jabatan__nama",
            "jabatan__jenjang",
            "unit__nama",
            "skp__tanggal_mulai",
            "skp__tanggal_selesai",
        )
    )


def angka_kredit_row(v: Mapping, tahun: int) -> AngkaKreditRow:
    """One values() row of angka_kredit_queryset → its angka kredit (rules §5)."""
    jenjang = v["jabatan__jenjang"]
    months = months_in_year(v["skp__tanggal_mulai"], v["skp__tanggal_selesai"], tahun)
    pegawai = (v["snapshot"] or {}).get("pegawai") or {}
    return AngkaKreditRow(
        evaluasi_id=v["pk"],
        nama=nama_lengkap(
            v["pegawai__gelar_depan"] or "", v["pegawai__nama"], v["pegawai__gelar_belakang"] or ""
        ),
        nip=v["pegawai__nip"] or "",
        jabatan=pegawai.get("jabatan") or v["jabatan__nama"],
        jenjang=jenjang,
        unit=pegawai.get("unit") or v["unit__nama"],
        predikat=v["predikat"],
        months=months,
        koefisien=angka_kredit.KOEFISIEN_TAHUNAN[jenjang],
        multiplier=angka_kredit.MULTIPLIER[v["predikat"]],
        angka_kredit=angka_kredit.angka_kredit(jenjang, v["predikat"], months),
    )


def angka_kredit_rows(*, instansi_id: int, tahun: int) -> Iterator[AngkaKreditRow]:
    """Every row of the year, streamed in chunks (no list of all rows)."""
    qs = angka_kredit_queryset(instansi_id=instansi_id, tahun=tahun)
    return (angka_kredit_row(v, tahun) for v in qs.iterator(chunk_size=EXPORT_CHUNK))


def angka_kredit_years(*, instansi_id: int) -> list[int]:
    """Years with an annual evaluation period, newest first (one query)."""
    return sorted(
        {
            d.year
            for d in PeriodePenilaian.objects.filter(
                instansi_id=instansi_id, jenis=evaluation.JENIS_TAHUNAN
            ).values_list("tanggal_mulai", flat=True)
        },
        reverse=True,
    )


# --- rater analytics ----------------------------------------------------------------------

LENIENT_FACTOR = 2  # a penilai's share of Sangat Baik at least twice the instansi's …
LENIENT_MIN_N = 5  # … over at least this many people
SAME_MIN_N = 5  # everybody the same predikat over at least this many people

_RATING_KEYS = {f"hk_{r}": ("rating_hasil_kerja", r) for r in ratings.RATINGS} | {
    f"pk_{r}": ("rating_perilaku", r) for r in ratings.RATINGS
}
_PREDIKAT_KEYS = {f"p_{p}": p for p in ratings.PREDIKAT}


def _counts() -> dict:
    out = {"n": Count("pk")}
    for key, (fieldname, value) in _RATING_KEYS.items():
        out[key] = Count("pk", filter=Q(**{fieldname: value}))
    for key, p in _PREDIKAT_KEYS.items():
        out[key] = Count("pk", filter=Q(predikat=p))
    return out


@dataclass(frozen=True)
class Distribution:
    """Counts of the rated evaluations of one penilai (or the whole instansi): each HK
    and PK rating and each predikat."""

    n: int
    hk: dict[str, int]
    pk: dict[str, int]
    predikat: dict[str, int]

    @classmethod
    def from_row(cls, row: Mapping) -> Distribution:
        return cls(
            n=row["n"] or 0,
            hk={r: row[f"hk_{r}"] or 0 for r in ratings.RATINGS},
            pk={r: row[f"pk_{r}"] or 0 for r in ratings.RATINGS},
            predikat={p: row[f"p_{p}"] or 0 for p in ratings.PREDIKAT},
        )

    def share(self, counts: Mapping[str, int], key: str) -> int:
        return share(counts.get(key, 0), self.n)

    def cells(self) -> dict[str, list[dict]]:
        """Count and whole percentage per rating and predikat, for the table."""
        return {
            "hk": [
                {"key": r, "count": self.hk[r], "share": self.share(self.hk, r)}
                for r in ratings.RATINGS
            ],
            "pk": [
                {"key": r, "count": self.pk[r], "share": self.share(self.pk, r)}
                for r in ratings.RATINGS
            ],
            "predikat": [
                {"key": p, "count": self.predikat[p], "share": self.share(self.predikat, p)}
                for p in ratings.PREDIKAT
            ],
        }


LENIENT = "lenient"
SAME = "same"
FLAG_LABELS = {
    LENIENT: gettext_lazy("Cenderung longgar"),
    SAME: gettext_lazy("Semua predikat sama"),
}
FLAG_CSS = {LENIENT: "text-bg-warning", SAME: "text-bg-info"}


def rater_flags(rater: Distribution, instansi: Distribution) -> tuple[str, ...]:
    """What to look at in one penilai's ratings: `lenient` when their share of Sangat
    Baik is at least LENIENT_FACTOR × the instansi's over at least LENIENT_MIN_N people
    (exact comparison of fractions, no rounding); `same` when they gave everybody the
    same predikat over at least SAME_MIN_N people. A flag is a prompt to look, not a
    finding."""
    flags = []
    sb, n = rater.predikat[ratings.SANGAT_BAIK], rater.n
    sb_all, n_all = instansi.predikat[ratings.SANGAT_BAIK], instansi.n
    # sb/n ≥ 2·sb_all/n_all  ⇔  sb·n_all ≥ 2·sb_all·n (integers, exact)
    if n >= LENIENT_MIN_N and sb > 0 and n_all and sb * n_all >= LENIENT_FACTOR * sb_all * n:
        flags.append(LENIENT)
    if n >= SAME_MIN_N and max(rater.predikat.values()) == n:
        flags.append(SAME)
    return tuple(flags)


@dataclass(frozen=True)
class RaterRow:
    penilai_id: int
    nama: str
    nip: str
    jabatan: str
    unit: str
    dist: Distribution
    flags: tuple[str, ...]

    @property
    def badges(self) -> list[tuple[str, str]]:
        """(label, css class) per flag."""
        return [(str(FLAG_LABELS[f]), FLAG_CSS[f]) for f in self.flags]


def rated_evaluations(*, instansi_id: int, periode: PeriodePenilaian) -> QuerySet[Evaluasi]:
    return Evaluasi.objects.filter(
        instansi_id=instansi_id, periode_penilaian=periode, status__in=RATED
    ).exclude(predikat="")


def instansi_distribution(*, instansi_id: int, periode: PeriodePenilaian) -> Distribution:
    """The whole instansi's rated evaluations of the period (one aggregate)."""
    row = rated_evaluations(instansi_id=instansi_id, periode=periode).aggregate(**_counts())
    return Distribution.from_row(row)


RATER_ORDER = {
    "longgar": ("-sb_share", "-n", "penilai__nama", "penilai_id"),
    "jumlah": ("-n", "penilai__nama", "penilai_id"),
    "nama": ("penilai__nama", "penilai_id"),
}


def rater_queryset(*, instansi_id: int, periode: PeriodePenilaian, urut: str = "longgar"):
    """Per penilai, the counts of their rated evaluations (GROUP BY penilai), as values
    rows ready to page; by default the largest share of Sangat Baik first."""
    order = RATER_ORDER.get(urut, RATER_ORDER["longgar"])
    return (
        rated_evaluations(instansi_id=instansi_id, periode=periode)
        .filter(penilai__isnull=False)
        .values(
            "penilai_id",
            "penilai__nama",
            "penilai__gelar_depan",
            "penilai__gelar_belakang",
            "penilai__nip",
            "penilai__jabatan__nama",
            "penilai__unit__nama",
        )
        .annotate(**_counts())
        .annotate(
            sb_share=ExpressionWrapper(
                F(f"p_{ratings.SANGAT_BAIK}") * 1.0 / F("n"), output_field=FloatField()
            )
        )
        .order_by(*order)
    )


def rater_rows(rows, instansi: Distribution) -> list[RaterRow]:
    """One page of rater_queryset as rows with their flags."""
    out = []
    for v in rows:
        dist = Distribution.from_row(v)
        out.append(
            RaterRow(
                penilai_id=v["penilai_id"],
                nama=nama_lengkap(
                    v["penilai__gelar_depan"] or "",
                    v["penilai__nama"],
                    v["penilai__gelar_belakang"] or "",
                ),
                nip=v["penilai__nip"] or "",
                jabatan=v["penilai__jabatan__nama"] or "",
                unit=v["penilai__unit__nama"] or "",
                dist=dist,
                flags=rater_flags(dist, instansi),
            )
        )
    return out


@dataclass
class RaterAnalytics:
    instansi: Distribution
    queryset: QuerySet  # per penilai, to page


def rater_analytics(
    *, instansi_id: int, periode: PeriodePenilaian, urut: str = "longgar"
) -> RaterAnalytics:
    """The instansi's distribution (one aggregate, run now) and the per-penilai
    grouped queryset (run when paged)."""
    return RaterAnalytics(
        instansi=instansi_distribution(instansi_id=instansi_id, periode=periode),
        queryset=rater_queryset(instansi_id=instansi_id, periode=periode, urut=urut),
    )


# --- fill rate per unit -------------------------------------------------------------------


@dataclass(frozen=True)
class FillRow:
    unit_id: int | None
    nama: str
    total: int
    realisasi: int
    dinilai: int
    ditetapkan: int

    @property
    def realisasi_share(self) -> int:
        return share(self.realisasi, self.total)

    @property
    def dinilai_share(self) -> int:
        return share(self.dinilai, self.total)

    @property
    def ditetapkan_share(self) -> int:
        return share(self.ditetapkan, self.total)

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(count, whole percentage) of realisasi entered, rated, locked."""
        return [
            (self.realisasi, self.realisasi_share),
            (self.dinilai, self.dinilai_share),
            (self.ditetapkan, self.ditetapkan_share),
        ]


def _fill_counts() -> dict:
    entered = RealisasiIKI.objects.filter(evaluasi=OuterRef("pk"))
    return {
        "total": Count("pk"),
        "realisasi": Count("pk", filter=Q(Exists(entered))),
        "dinilai": Count("pk", filter=Q(status__in=RATED)),
        "ditetapkan": Count("pk", filter=Q(status=evaluation.EVALUASI_DITETAPKAN)),
    }


def _fill_base(instansi_id: int, periode: PeriodePenilaian) -> QuerySet[Evaluasi]:
    return Evaluasi.objects.filter(instansi_id=instansi_id, periode_penilaian=periode)


def fill_queryset(*, instansi_id: int, periode: PeriodePenilaian) -> QuerySet:
    """Per unit_kurva (the unit whose penetapan locks the evaluation): evaluations,
    those with at least one realisasi entered, rated, locked — GROUP BY, in the unit
    tree's order, ready to page."""
    return (
        _fill_base(instansi_id, periode)
        .values("unit_kurva_id", "unit_kurva__nama", "unit_kurva__path")
        .annotate(**_fill_counts())
        .order_by("unit_kurva__path", "unit_kurva_id")
    )


def fill_row(v: Mapping) -> FillRow:
    return FillRow(
        unit_id=v.get("unit_kurva_id"),
        nama=v.get("unit_kurva__nama") or "",
        total=v["total"] or 0,
        realisasi=v["realisasi"] or 0,
        dinilai=v["dinilai"] or 0,
        ditetapkan=v["ditetapkan"] or 0,
    )


def fill_total(*, instansi_id: int, periode: PeriodePenilaian) -> FillRow:
    """The whole instansi's counts (one aggregate)."""
    row = _fill_base(instansi_id, periode).aggregate(**_fill_counts())
    return fill_row(row)


@dataclass
class FillRate:
    total: FillRow
    queryset: QuerySet  # per unit_kurva, to page


def fill_rate(*, instansi_id: int, periode: PeriodePenilaian) -> FillRate:
    return FillRate(
        total=fill_total(instansi_id=instansi_id, periode=periode),
        queryset=fill_queryset(instansi_id=instansi_id, periode=periode),
    )
