"""What one evaluation shows — to the person entering realisasi, to the penilai rating,
and on the documents: per RHK the IKI with target, realisasi and capaian (rules §3),
the RHK's suggested rating, the evidence from the period (verified activities and
bukti dukung, issue 4) and the feedback received; per BerAKHLAK value the guides, the
ekspektasi khusus and the penilai's feedback; the suggested rating hasil kerja (rules
§1), and for a unit head the rating their organisation predikat gives.

A fixed number of queries whatever the number of RHK, IKI or activities."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ekinerja.execution.selectors.per_rhk import (
    Evidence,
    evidence_by_rhk,
    verified_work_by_rhk,
)
from ekinerja.execution.selectors.umpan_balik import Kelompok, bimbingan_for, umpan_balik_for
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.domain import target_text
from ekinerja.plans.models import IKI, RHK, PerilakuEkspektasi

from ..domain import achievement, evaluation, ratings, ruleset
from ..models import Evaluasi, PeriodePenilaian, PredikatOrganisasi, RealisasiIKI
from .kurva import aturan_for

BUKTI_PER_RHK = 10


@dataclass
class IkiRow:
    iki: IKI
    realisasi: RealisasiIKI | None
    target: str

    @property
    def numeric(self) -> bool:
        return self.iki.target_jenis != plans_domain.TARGET_TEKS

    @property
    def capaian(self) -> Decimal | None:
        return self.realisasi.capaian if self.realisasi else None

    @property
    def capaian_text(self) -> str:
        return achievement.capaian_text(self.capaian)

    @property
    def filled(self) -> bool:
        r = self.realisasi
        return r is not None and (r.nilai is not None or bool(r.teks.strip()))


@dataclass
class RhkRow:
    rhk: RHK
    iki: list[IkiRow]
    rating: str | None  # the suggestion for this RHK (rules §1), None without capaian
    aktivitas_count: int = 0  # verified activities in the period
    aktivitas_menit: int = 0
    bukti: tuple[Evidence, ...] = ()  # the newest evidence (execution.selectors.per_rhk)
    umpan_balik: Kelompok | None = None  # feedback threads on this RHK in the period
    umpan_balik_penilai: str = ""  # the penilai's feedback in this evaluation

    @property
    def utama(self) -> bool:
        return self.rhk.jenis == plans_domain.RHK_UTAMA

    @property
    def rating_label(self) -> str:
        return str(ratings.RATING_LABELS[self.rating]) if self.rating else "—"


@dataclass
class PerilakuRow:
    nomor: int
    nama: str
    panduan: tuple[str, ...]
    ekspektasi: str
    umpan_balik_penilai: str
    umpan_balik: Kelompok | None = None


@dataclass
class EvaluasiContent:
    evaluasi: Evaluasi
    rhk: list[RhkRow]
    perilaku: list[PerilakuRow]
    umum: Kelompok | None
    bimbingan: list
    saran_hasil_kerja: str | None  # the system's suggestion (rules §1), never forced
    # For a unit head: the organisation predikat and the rating it gives (rules §1).
    predikat_organisasi: PredikatOrganisasi | None
    head_rating: str | None
    aturan: ruleset.Aturan

    @property
    def realisasi_total(self) -> int:
        return sum(1 for r in self.rhk for i in r.iki)

    @property
    def realisasi_filled(self) -> int:
        return sum(1 for r in self.rhk for i in r.iki if i.filled)

    @property
    def saran_label(self) -> str:
        return str(ratings.RATING_LABELS[self.saran_hasil_kerja]) if self.saran_hasil_kerja else "—"


def with_realisasi_progress(qs: QuerySet[Evaluasi]) -> QuerySet[Evaluasi]:
    """Each evaluation of `qs` with its realisasi progress, as two subqueries of the
    list's one query: `realisasi_total` (the IKI of its SKP) and `realisasi_filled` (the
    IKI with a realisasi, a number or a text). "My evaluations" and the API's list of
    evaluations read it."""
    total = (
        IKI.objects.filter(instansi_id=OuterRef("instansi_id"), rhk__skp_id=OuterRef("skp_id"))
        .order_by()
        .values("rhk__skp_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    filled = (
        RealisasiIKI.objects.filter(instansi_id=OuterRef("instansi_id"), evaluasi_id=OuterRef("pk"))
        .filter(Q(nilai__isnull=False) | ~Q(teks=""))
        .order_by()
        .values("evaluasi_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(
        realisasi_total=Coalesce(Subquery(total, output_field=IntegerField()), 0),
        realisasi_filled=Coalesce(Subquery(filled, output_field=IntegerField()), 0),
    )


def head_rating_for(
    evaluasi: Evaluasi, aturan: ruleset.Aturan
) -> tuple[PredikatOrganisasi | None, str | None]:
    """The organisation predikat of the unit the person heads and the rating hasil kerja
    it gives (rules §1); (None, None) for someone who heads nothing, or whose unit has
    no organisation predikat for the period yet."""
    if evaluasi.kepala_unit_id is None:
        return None, None
    po = (
        PredikatOrganisasi.objects.filter(
            instansi_id=evaluasi.instansi_id,
            unit_id=evaluasi.kepala_unit_id,
            periode_penilaian_id=evaluasi.periode_penilaian_id,
        )
        .select_related("unit")
        .first()
    )
    if po is None:
        return None, None
    return po, ratings.head_rating_hasil_kerja(po.predikat, aturan.head_rating)


def evaluasi_content(evaluasi: Evaluasi, *, with_evidence: bool = True) -> EvaluasiContent:
    """Everything one evaluation shows. `evaluasi.periode_penilaian` and `.pegawai`
    should be loaded; `with_evidence=False` skips activities, files and feedback threads
    (the documents need only the results)."""
    periode = evaluasi.periode_penilaian
    dari, sampai = periode.tanggal_mulai, periode.tanggal_selesai
    aturan = aturan_for(instansi_id=evaluasi.instansi_id, tahun=dari.year)
    realisasi = {
        r.iki_id: r
        for r in RealisasiIKI.objects.filter(instansi_id=evaluasi.instansi_id, evaluasi=evaluasi)
    }
    rhk_list = list(
        RHK.objects.filter(instansi_id=evaluasi.instansi_id, skp_id=evaluasi.skp_id)
        .prefetch_related(Prefetch("iki", queryset=IKI.objects.order_by("urutan", "pk")))
        .order_by("-jenis", "urutan", "pk")  # utama before tambahan
    )
    rows: list[RhkRow] = []
    for r in rhk_list:
        iki_rows = [IkiRow(i, realisasi.get(i.pk), target_text(i)) for i in r.iki.all()]
        rating = achievement.rhk_rating((i.capaian for i in iki_rows), aturan.suggestion)
        rows.append(
            RhkRow(
                rhk=r,
                iki=iki_rows,
                rating=rating,
                umpan_balik_penilai=(evaluasi.umpan_balik_rhk or {}).get(str(r.pk), ""),
            )
        )
    saran = achievement.suggest_rating_hasil_kerja(
        [(row.utama, row.rating) for row in rows], aturan.suggestion
    )

    umum = None
    bimbingan: list = []
    by_nilai: dict[int, Kelompok] = {}
    if with_evidence and rows:
        # Execution's read contract: verified work and evidence per RHK and period.
        iid, pid, rhk_ids = evaluasi.instansi_id, evaluasi.pegawai_id, [r.rhk.pk for r in rows]
        work = verified_work_by_rhk(
            instansi_id=iid, pegawai_id=pid, rhk_ids=rhk_ids, start=dari, end=sampai
        )
        evidence = evidence_by_rhk(
            instansi_id=iid, pegawai_id=pid, rhk_ids=rhk_ids, start=dari, end=sampai,
            per_rhk=BUKTI_PER_RHK,
        )  # fmt: skip
        groups = umpan_balik_for(pegawai=evaluasi.pegawai, dari=dari, sampai=sampai)
        by_rhk = {g.rhk.pk: g for g in groups if g.rhk is not None}
        by_nilai = {g.nilai_berakhlak: g for g in groups if g.nilai_berakhlak is not None}
        umum = next((g for g in groups if g.rhk is None and g.nilai_berakhlak is None), None)
        bimbingan = bimbingan_for(pegawai=evaluasi.pegawai, dari=dari, sampai=sampai)
        for row in rows:
            done = work.get(row.rhk.pk)
            if done:
                row.aktivitas_count, row.aktivitas_menit = done.aktivitas, done.menit
            row.bukti = evidence.get(row.rhk.pk, ())
            row.umpan_balik = by_rhk.get(row.rhk.pk)

    ekspektasi = dict(
        PerilakuEkspektasi.objects.filter(
            instansi_id=evaluasi.instansi_id, skp_id=evaluasi.skp_id
        ).values_list("nilai", "ekspektasi")
    )
    perilaku = [
        PerilakuRow(
            nomor=v.nomor,
            nama=v.nama,
            panduan=tuple(v.panduan),
            ekspektasi=ekspektasi.get(v.nomor, ""),
            umpan_balik_penilai=(evaluasi.umpan_balik_perilaku or {}).get(str(v.nomor), ""),
            umpan_balik=by_nilai.get(v.nomor),
        )
        for v in plans_domain.BERAKHLAK
    ]
    po, head = head_rating_for(evaluasi, aturan)
    return EvaluasiContent(
        evaluasi=evaluasi,
        rhk=rows,
        perilaku=perilaku,
        umum=umum,
        bimbingan=bimbingan,
        saran_hasil_kerja=saran,
        predikat_organisasi=po,
        head_rating=head,
        aturan=aturan,
    )


def edit_block_reason(evaluasi: Evaluasi, aturan: ruleset.Aturan) -> str:
    """Why this evaluation cannot be rated now ("" when it can): domain.evaluation.edit_refusal.
    `periode_penilaian` loaded."""
    periode = evaluasi.periode_penilaian
    return (
        evaluation.edit_refusal(
            status=evaluasi.status,
            periode_open=periode.status == PeriodePenilaian.Status.DIBUKA,
            periode_preparing=periode.status == PeriodePenilaian.Status.DISIAPKAN,
            periode_label=str(periode),
            tahunan=periode.is_tahunan,
            mode_tahunan=aturan.mode_tahunan,
        )
        or ""
    )
