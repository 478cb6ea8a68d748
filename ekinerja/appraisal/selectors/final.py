"""The read contract of appraisal (docs/architecture.md, "Read contracts"): the final
predikat of each person for a period — only once penetapan has locked it — with the
rule-set versions behind it. It is the single entry the apps after appraisal read (the
TPP allowance first: rules §10 takes the month's predikat); they never read Evaluasi or
Penetapan rows themselves.

What "final" means here:

- A period is a month or a quarter (the year's periodic kind, rules §4) or the year
  itself (PeriodePenilaian). `final_predikat_for_month` finds the periodic period that
  contains a month: the month itself for a monthly year, its quarter for a quarterly
  one.
- A person's evaluation is final when its status is ditetapkan and the penetapan of its
  curve unit (Evaluasi.unit_kurva) for the period is in force. A reopened penetapan
  makes its evaluations not final again until the next one.
- A person has one evaluation per SKP that covers the period, so two when they changed
  position within it (rules §4), or when a revision was approved while the period was
  open. The one that counts is the evaluation of the SKP that starts last, then of the
  higher version (the position held, and the version in force, at the end of the
  period; the order of plans.selectors.latest_skp).
- People whose counting evaluation is not final (draft, rated but not ditetapkan, or
  reopened), and people with no evaluation in the period, are absent from the result:
  a caller never sees a predikat that can still change. Whether an absent person is
  "not evaluated" or "not final yet" is for the caller to decide from the period
  (e.g. the TPP of a month is computed once the month is locked).

Two queries whatever the number of people (three with the month lookup)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..domain import evaluation, ratings
from ..models import Evaluasi, Penetapan, PeriodePenilaian


@dataclass(frozen=True)
class FinalPredikat:
    """One person's final result for one period."""

    pegawai_id: int
    evaluasi_id: int
    skp_id: int
    jabatan_id: int  # the position evaluated (the SKP's)
    # The period.
    periode_penilaian_id: int
    jenis: str  # evaluation.JENIS_BULANAN / JENIS_TRIWULANAN / JENIS_TAHUNAN
    nomor: int  # 1-12 for a month, 1-4 for a quarter, 0 for the year
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date
    # The result (rules §1): codes of ratings.PREDIKAT and ratings.RATINGS.
    predikat: str
    predikat_label: str  # the regulation's name, as printed on official documents
    rating_hasil_kerja: str
    rating_perilaku: str
    # The rule set of the year (AturanPenilaian.versi; 0 = the spec's defaults): the
    # version the rating used, and the one the penetapan checked the curve with.
    aturan_versi: int
    penetapan_aturan_versi: int
    # The penetapan that made it final.
    penetapan_id: int
    ditetapkan_at: dt.datetime
    ditetapkan_oleh_id: int | None  # the user who locked it


_FIELDS = (
    "pk", "pegawai_id", "skp_id", "jabatan_id", "unit_kurva_id", "status", "predikat",
    "rating_hasil_kerja", "rating_perilaku", "aturan_versi",
    "periode_penilaian__jenis", "periode_penilaian__nomor",
    "periode_penilaian__tanggal_mulai", "periode_penilaian__tanggal_selesai",
)  # fmt: skip


def final_predikat(
    *,
    instansi_id: int,
    periode_penilaian_id: int,
    pegawai_ids: Iterable[int] | None = None,
) -> dict[int, FinalPredikat]:
    """{pegawai id: FinalPredikat} of the people (`pegawai_ids`, or everyone evaluated
    in the period when None) whose result for the period is final (module docstring).
    A period of another instansi gives {}."""
    qs = Evaluasi.objects.filter(instansi_id=instansi_id, periode_penilaian_id=periode_penilaian_id)
    if pegawai_ids is not None:
        qs = qs.filter(pegawai_id__in=list(pegawai_ids))
    counting: dict[int, dict] = {}
    rows = qs.order_by("pegawai_id", "skp__tanggal_mulai", "skp__versi", "pk").values(*_FIELDS)
    for row in rows:
        counting[row["pegawai_id"]] = row  # later SKP (then versions) overwrite earlier ones
    locked = [r for r in counting.values() if r["status"] == evaluation.EVALUASI_DITETAPKAN]
    if not locked:
        return {}
    penetapan = {
        p["unit_id"]: p
        for p in Penetapan.objects.filter(
            instansi_id=instansi_id,
            periode_penilaian_id=periode_penilaian_id,
            status=Penetapan.Status.DITETAPKAN,
            unit_id__in={r["unit_kurva_id"] for r in locked},
        ).values("pk", "unit_id", "aturan_versi", "ditetapkan_at", "ditetapkan_oleh_id")
    }
    out: dict[int, FinalPredikat] = {}
    for r in locked:
        p = penetapan.get(r["unit_kurva_id"])
        if p is None:
            continue  # locked without a penetapan in force: not final (never in practice)
        out[r["pegawai_id"]] = FinalPredikat(
            pegawai_id=r["pegawai_id"],
            evaluasi_id=r["pk"],
            skp_id=r["skp_id"],
            jabatan_id=r["jabatan_id"],
            periode_penilaian_id=periode_penilaian_id,
            jenis=r["periode_penilaian__jenis"],
            nomor=r["periode_penilaian__nomor"],
            tanggal_mulai=r["periode_penilaian__tanggal_mulai"],
            tanggal_selesai=r["periode_penilaian__tanggal_selesai"],
            predikat=r["predikat"],
            predikat_label=ratings.PREDIKAT_LABELS[r["predikat"]],
            rating_hasil_kerja=r["rating_hasil_kerja"],
            rating_perilaku=r["rating_perilaku"],
            aturan_versi=r["aturan_versi"],
            penetapan_aturan_versi=p["aturan_versi"],
            penetapan_id=p["pk"],
            ditetapkan_at=p["ditetapkan_at"],
            ditetapkan_oleh_id=p["ditetapkan_oleh_id"],
        )
    return out


def periode_for_month(*, instansi_id: int, tahun: int, bulan: int) -> PeriodePenilaian | None:
    """The opened periodic period (a month, or the quarter) that contains month `bulan`
    of `tahun`, or None while it is not opened. Never the annual period. One query."""
    first, last = evaluation.period_bounds(evaluation.JENIS_BULANAN, bulan, tahun)
    found = list(
        PeriodePenilaian.objects.filter(
            instansi_id=instansi_id,
            jenis__in=(evaluation.JENIS_BULANAN, evaluation.JENIS_TRIWULANAN),
            tanggal_mulai__lte=first,
            tanggal_selesai__gte=last,
        )
    )
    # One periodic kind per year (services.periode); should both exist, the month wins.
    found.sort(key=lambda p: p.jenis != evaluation.JENIS_BULANAN)
    return found[0] if found else None


def final_predikat_for_month(
    *,
    instansi_id: int,
    tahun: int,
    bulan: int,
    pegawai_ids: Iterable[int] | None = None,
) -> dict[int, FinalPredikat]:
    """`final_predikat` of the periodic period that contains the month (`periode_for_month`);
    {} while it is not opened."""
    periode = periode_for_month(instansi_id=instansi_id, tahun=tahun, bulan=bulan)
    if periode is None:
        return {}
    return final_predikat(
        instansi_id=instansi_id, periode_penilaian_id=periode.pk, pegawai_ids=pegawai_ids
    )
