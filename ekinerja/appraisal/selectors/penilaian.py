"""Reads of the penilai's pages (issue 5 items 2 and 4): the subordinates' evaluations
of a period grouped by the curve that counts them, each group with its distribution
panel, and the live preview of a rating not saved yet (rules §1, §2).

Fixed numbers of queries whatever the size of the team or the number of curves it
spans: the counts per group (1), one page of rows of every group (1, +2 for the group
paged on: its key and its page; +1 for the units of groups with no row on the page, when
a filter leaves one empty), the IKI and realisasi behind the progress and the suggestion
(2), the organisation predikat of the units they head (1), the rule set (1), and the
panels of all groups together (3).

Paging (a Kepala Dinas may rate ~1,000 people): each group shows PAGE_SIZE rows, the
not yet rated first (the penilai works top-down), then the rated, each by name. The order
is frozen at the moment the page was first drawn (`t`): a row rated after it keeps its
place among the unrated, so loading the next rows after rating some skips and repeats
nobody. The next rows continue after a row (`setelah`, keyset) or, without one, from a
page number (`halaman`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ekinerja.core.roles import MemberActor
from ekinerja.org.access import org_scope
from ekinerja.org.models import UnitKerja
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import IKI

from ..domain import achievement, distribution, evaluation, ratings, ruleset
from ..models import Evaluasi, Penetapan, PeriodePenilaian, PredikatOrganisasi, RealisasiIKI
from .evaluasi import edit_block_reason
from .kurva import CurveCounts, CurveStatus, aturan_for, counting, curve_status, curve_status_from


@dataclass
class PenilaianRow:
    """One subordinate's evaluation in the penilai's list."""

    evaluasi: Evaluasi
    realisasi_filled: int
    realisasi_total: int
    saran_hasil_kerja: str | None  # the system's suggestion (rules §1), never forced
    # For a unit head: the organisation predikat of their unit and the rating it gives.
    predikat_organisasi: PredikatOrganisasi | None
    head_rating: str | None
    blocked: str  # why it cannot be rated now; "" when it can
    # The ratings sent with a refused save, shown again instead of the stored ones.
    posted: tuple[str, str] | None = None

    @property
    def tanpa_realisasi(self) -> bool:
        """Nothing entered yet: the penilai is warned before rating."""
        return self.realisasi_filled == 0

    @property
    def hk_value(self) -> str:
        if self.head_rating and self.editable:
            return self.head_rating
        return self.posted[0] if self.posted else self.evaluasi.rating_hasil_kerja

    @property
    def pk_value(self) -> str:
        return self.posted[1] if self.posted else self.evaluasi.rating_perilaku

    @property
    def predikat_value(self) -> str | None:
        return ratings.MATRIX.get((self.hk_value, self.pk_value))

    @property
    def predikat_label(self) -> str:
        p = self.predikat_value
        return ratings.PREDIKAT_LABELS[p] if p else ""

    @property
    def nama(self) -> str:
        snap = (self.evaluasi.snapshot or {}).get("pegawai") or {}
        return snap.get("nama") or self.evaluasi.pegawai.nama_lengkap

    @property
    def jabatan(self) -> str:
        snap = (self.evaluasi.snapshot or {}).get("pegawai") or {}
        return snap.get("jabatan") or self.evaluasi.jabatan.nama

    @property
    def editable(self) -> bool:
        return not self.blocked

    @property
    def kepala_unit(self) -> bool:
        return self.evaluasi.kepala_unit_id is not None

    @property
    def menunggu_predikat_organisasi(self) -> bool:
        """A unit head whose rating hasil kerja will follow an organisation predikat not
        set yet: only a marked unit (is_opd) gets one. The head of an unmarked sub-unit
        is rated freely, like anyone else."""
        unit = self.evaluasi.kepala_unit if self.kepala_unit else None
        return bool(unit is not None and unit.is_opd and not self.head_rating)

    @property
    def saran_label(self) -> str:
        return str(ratings.RATING_LABELS[self.saran_hasil_kerja]) if self.saran_hasil_kerja else ""

    @property
    def head_rating_label(self) -> str:
        return str(ratings.RATING_LABELS[self.head_rating]) if self.head_rating else ""


PAGE_SIZE = 30


@dataclass
class UnitGroup:
    """The subordinates counted (or locked) by one unit's curve, and its panel. `rows`
    is one page: from the `mulai`-th (0-based) of the `cocok` rows matching the filter;
    `jumlah` and `dinilai` count all the actor's people of the group."""

    kurva: CurveStatus | None
    rows: list[PenilaianRow]
    unit_obj: UnitKerja | None = None
    jumlah: int = 0
    dinilai: int = 0
    cocok: int = 0
    mulai: int = 0
    halaman: int = 1

    @property
    def unit(self):
        return self.kurva.unit if self.kurva is not None else self.unit_obj

    @property
    def sampai(self) -> int:
        """The 1-based number of the last row shown."""
        return self.mulai + len(self.rows)

    @property
    def ada_berikutnya(self) -> bool:
        return self.sampai < self.cocok

    @property
    def setelah(self) -> int | None:
        """The evaluation the next rows continue after."""
        return self.rows[-1].evaluasi.pk if self.rows else None


@dataclass(frozen=True)
class Saringan:
    """What the penilai asked for: only the not yet rated, a name or NIP, and the
    moment the order was frozen at (see the module's docstring)."""

    t: dt.datetime
    belum: bool = False
    cari: str = ""

    def belum_q(self) -> Q:
        """Not rated at `t` (rated after it counts as not yet rated for the order). A
        draft prefilled from the last period (rules §4) is not rated."""
        return Q(status=evaluation.EVALUASI_DRAFT) | Q(dinilai_at__gt=self.t)

    def match_q(self) -> Q:
        q = Q()
        if self.belum:
            q &= self.belum_q()
        cari = self.cari.strip()
        if cari:
            q &= Q(pegawai__nama__icontains=cari) | Q(pegawai__nip__startswith=cari)
        return q

    def urut(self) -> Case:
        return Case(
            When(self.belum_q(), then=Value(0)), default=Value(1), output_field=IntegerField()
        )


@dataclass(frozen=True)
class Halaman:
    """Which rows of one group: after an evaluation (keyset) or a page number."""

    unit_id: int
    halaman: int = 1
    setelah: int | None = None
    per: int = field(default=PAGE_SIZE)


def _rows_queryset(*, instansi_id: int):
    return Evaluasi.objects.filter(instansi_id=instansi_id).select_related(
        "pegawai",
        "jabatan",
        "unit",
        "unit_kurva",
        "kepala_unit",
        "periode_penilaian",
        "sumber__periode_penilaian",
    )


@dataclass
class _Progress:
    filled: int = 0
    total: int = 0
    saran: str | None = None


def _progress(evaluasi: list[Evaluasi], aturan: ruleset.Aturan) -> dict[int, _Progress]:
    """Per evaluation: realisasi entered of IKI to report, and the system's suggested
    rating hasil kerja (rules §1) — two queries for all of them."""
    skp_ids = {e.skp_id for e in evaluasi}
    iki_by_skp: dict[int, list[tuple[int, int, bool]]] = {}
    for iki_id, rhk_id, jenis, skp_id in (
        IKI.objects.filter(rhk__skp_id__in=skp_ids)
        .order_by("rhk_id", "pk")
        .values_list("pk", "rhk_id", "rhk__jenis", "rhk__skp_id")
    ):
        iki_by_skp.setdefault(skp_id, []).append((iki_id, rhk_id, jenis == plans_domain.RHK_UTAMA))
    realisasi: dict[int, dict[int, tuple[bool, object]]] = {}
    for ev_id, iki_id, nilai, teks, capaian in RealisasiIKI.objects.filter(
        evaluasi_id__in=[e.pk for e in evaluasi]
    ).values_list("evaluasi_id", "iki_id", "nilai", "teks", "capaian"):
        filled = nilai is not None or bool((teks or "").strip())
        realisasi.setdefault(ev_id, {})[iki_id] = (filled, capaian)
    out = {}
    for e in evaluasi:
        mine = realisasi.get(e.pk, {})
        iki = iki_by_skp.get(e.skp_id, [])
        per_rhk: dict[int, tuple[bool, list]] = {}
        for iki_id, rhk_id, utama in iki:
            per_rhk.setdefault(rhk_id, (utama, []))[1].append(mine.get(iki_id, (False, None))[1])
        saran = achievement.suggest_rating_hasil_kerja(
            [(u, achievement.rhk_rating(c, aturan.suggestion)) for u, c in per_rhk.values()],
            aturan.suggestion,
        )
        out[e.pk] = _Progress(
            filled=sum(1 for iki_id, _, _ in iki if mine.get(iki_id, (False,))[0]),
            total=len(iki),
            saran=saran,
        )
    return out


def _head_predikat(
    evaluasi: Iterable[Evaluasi], periode_id: int, instansi_id: int
) -> dict[int, PredikatOrganisasi]:
    units = {e.kepala_unit_id for e in evaluasi if e.kepala_unit_id is not None}
    if not units:
        return {}
    return {
        po.unit_id: po
        for po in PredikatOrganisasi.objects.filter(
            instansi_id=instansi_id, periode_penilaian_id=periode_id, unit_id__in=units
        ).select_related("unit")
    }


def _rows(
    evaluasi: list[Evaluasi], periode: PeriodePenilaian, aturan: ruleset.Aturan
) -> list[PenilaianRow]:
    heads = _head_predikat(evaluasi, periode.pk, periode.instansi_id)
    progress = _progress(evaluasi, aturan)
    rows = []
    for e in evaluasi:
        e.periode_penilaian = periode
        po = heads.get(e.kepala_unit_id) if e.kepala_unit_id else None
        p = progress[e.pk]
        rows.append(
            PenilaianRow(
                evaluasi=e,
                realisasi_filled=p.filled,
                realisasi_total=p.total,
                saran_hasil_kerja=p.saran,
                predikat_organisasi=po,
                head_rating=(
                    ratings.head_rating_hasil_kerja(po.predikat, aturan.head_rating) if po else None
                ),
                blocked=edit_block_reason(e, aturan),
            )
        )
    return rows


def curves_for(
    *, periode: PeriodePenilaian, units: Iterable, aturan: ruleset.Aturan | None = None
) -> dict[int, CurveStatus]:
    """The panels of several units of one period in four queries (curve_status does one
    unit in four): counts, organisation predikat, penetapan in force, and the rule set
    (unless given)."""
    by_id = {u.pk: u for u in units}
    if not by_id:
        return {}
    ids = list(by_id)
    rows = (
        Evaluasi.objects.filter(
            instansi_id=periode.instansi_id, periode_penilaian=periode, unit_kurva_id__in=ids
        )
        .order_by()
        .values("unit_kurva_id")
        .annotate(**counting())
    )
    agg = {r["unit_kurva_id"]: r for r in rows}
    po = {
        p.unit_id: p
        for p in PredikatOrganisasi.objects.filter(
            instansi_id=periode.instansi_id, periode_penilaian=periode, unit_id__in=ids
        )
    }
    penetapan = {
        p.unit_id: p
        for p in Penetapan.objects.filter(
            instansi_id=periode.instansi_id,
            periode_penilaian=periode,
            unit_id__in=ids,
            status=Penetapan.Status.DITETAPKAN,
        ).select_related("ditetapkan_oleh")
    }
    if aturan is None:
        aturan = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year)
    return {
        uid: curve_status_from(
            unit=unit,
            periode=periode,
            numbers=CurveCounts.from_row(agg.get(uid, {})),
            predikat_organisasi=po.get(uid),
            penetapan=penetapan.get(uid),
            aturan=aturan,
        )
        for uid, unit in by_id.items()
    }


def _mine(actor: MemberActor, periode: PeriodePenilaian, me: int):
    return _rows_queryset(instansi_id=actor.instansi_id).filter(
        periode_penilaian=periode, penilai_id=me
    )


ORDER = ("_urut", "pegawai__nama", "pk")


def _after(qs, saringan: Saringan, setelah: int, *, instansi_id: int):
    """The rows after evaluation `setelah` in the frozen order (one query for its key,
    within the instansi: another agency's evaluation is no cursor)."""
    key = (
        Evaluasi.objects.filter(instansi_id=instansi_id, pk=setelah)
        .annotate(_urut=saringan.urut())
        .values_list("_urut", "pegawai__nama")
        .first()
    )
    if key is None:
        return qs
    urut, nama = key
    return qs.filter(
        Q(_urut__gt=urut)
        | Q(_urut=urut, pegawai__nama__gt=nama)
        | Q(_urut=urut, pegawai__nama=nama, pk__gt=setelah)
    )


def penilaian_list(
    *,
    actor: MemberActor,
    periode: PeriodePenilaian,
    saringan: Saringan | None = None,
    halaman: Halaman | None = None,
    only_unit: bool = False,
) -> list[UnitGroup]:
    """The evaluations of the period the actor rates (penilai = the actor), grouped by
    the unit whose curve counts them (by unit name), each group with its panel and one
    page of rows: the first PAGE_SIZE, or for `halaman.unit_id` the page asked for.
    `only_unit`: that group alone, without its panel (the "next rows" answer). A bounded
    number of queries whatever the team's size (see the module's docstring)."""
    me = org_scope(actor).pegawai_id
    if me is None:
        return []
    saringan = saringan or Saringan(t=timezone.now())
    mine = _mine(actor, periode, me)
    if only_unit:
        if halaman is None:
            return []
        mine = mine.filter(unit_kurva_id=halaman.unit_id)
    match = saringan.match_q()
    counts = {
        r["unit_kurva_id"]: r
        for r in mine.order_by()
        .values("unit_kurva_id")
        .annotate(
            jumlah=Count("pk"),
            dinilai=Count("pk", filter=~Q(status=evaluation.EVALUASI_DRAFT)),
            cocok=Count("pk", filter=match) if match else Count("pk"),
        )
    }
    if not counts:
        return []
    ordered = mine.filter(match).annotate(_urut=saringan.urut())
    paged = halaman if halaman is not None and halaman.unit_id in counts else None
    pages: dict[int, tuple[int, int]] = {}  # unit -> (first row, page number)
    evaluasi: list[Evaluasi] = []
    if paged is not None:
        c = counts[paged.unit_id]["cocok"]
        last = max(1, -(-c // paged.per))
        qs = ordered.filter(unit_kurva_id=paged.unit_id).order_by(*ORDER)
        nomor = min(max(1, paged.halaman), last)
        if paged.setelah:
            evaluasi += list(
                _after(qs, saringan, paged.setelah, instansi_id=actor.instansi_id)[: paged.per]
            )
            mulai = (nomor - 1) * paged.per
        else:
            mulai = (nomor - 1) * paged.per
            evaluasi += list(qs[mulai : mulai + paged.per])
        pages[paged.unit_id] = (mulai, nomor)
    if not only_unit:
        others = ordered.exclude(unit_kurva_id=paged.unit_id) if paged else ordered
        evaluasi += list(
            others.annotate(
                _nomor=Window(
                    RowNumber(),
                    partition_by=[F("unit_kurva_id")],
                    order_by=[F(o).asc() for o in ORDER],
                )
            )
            .filter(_nomor__lte=PAGE_SIZE)
            .order_by("unit_kurva_id", *ORDER)
        )
    aturan = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year)
    rows = _rows(evaluasi, periode, aturan) if evaluasi else []
    units = {e.unit_kurva_id: e.unit_kurva for e in evaluasi}
    missing = [uid for uid in counts if uid not in units]  # no row on this page (filter)
    if missing:
        units.update(UnitKerja.objects.filter(instansi_id=actor.instansi_id).in_bulk(missing))
    curves = {} if only_unit else curves_for(periode=periode, units=units.values(), aturan=aturan)
    by_unit: dict[int, list[PenilaianRow]] = {}
    for row in rows:
        by_unit.setdefault(row.evaluasi.unit_kurva_id, []).append(row)
    groups = []
    for uid, c in counts.items():
        mulai, nomor = pages.get(uid, (0, 1))
        groups.append(
            UnitGroup(
                kurva=curves.get(uid),
                rows=by_unit.get(uid, []),
                unit_obj=units.get(uid),
                jumlah=c["jumlah"],
                dinilai=c["dinilai"],
                cocok=c["cocok"],
                mulai=mulai,
                halaman=nomor,
            )
        )
    groups.sort(key=lambda g: (g.unit.nama, g.unit.pk))
    return groups


def penilaian_progress(*, actor: MemberActor, periode: PeriodePenilaian) -> tuple[int, int]:
    """(rated, all) of the evaluations of the period the actor rates — one query."""
    me = org_scope(actor).pegawai_id
    if me is None:
        return 0, 0
    row = Evaluasi.objects.filter(
        instansi_id=actor.instansi_id, periode_penilaian=periode, penilai_id=me
    ).aggregate(total=Count("pk"), dinilai=Count("pk", filter=~Q(status=evaluation.EVALUASI_DRAFT)))
    return row["dinilai"] or 0, row["total"] or 0


def has_realisasi(evaluasi: Evaluasi) -> bool:
    """Whether the person entered any realisasi in this evaluation (one query): rating
    someone with none is allowed, after a warning (issue 11 §6)."""
    return (
        RealisasiIKI.objects.filter(instansi_id=evaluasi.instansi_id, evaluasi=evaluasi)
        .filter(Q(nilai__isnull=False) | ~Q(teks=""))
        .exists()
    )


def penilaian_row(*, evaluasi_id: int, periode: PeriodePenilaian) -> PenilaianRow:
    """One row of the list again (after an inline save), in at most five queries."""
    e = _rows_queryset(instansi_id=periode.instansi_id).get(pk=evaluasi_id)
    aturan = aturan_for(instansi_id=periode.instansi_id, tahun=periode.tanggal_mulai.year)
    return _rows([e], periode, aturan)[0]


def curve_preview(
    *, evaluasi: Evaluasi, rating_hasil_kerja: str, rating_perilaku: str
) -> tuple[str | None, CurveStatus]:
    """The predikat these ratings give (None while one is missing or unknown) and the
    unit's panel as if they were saved — the stored counts with this evaluation moved
    from its stored predikat to the new one. No writes; four queries."""
    predikat = ratings.MATRIX.get((rating_hasil_kerja, rating_perilaku))
    status = curve_status(periode=evaluasi.periode_penilaian, unit=evaluasi.unit_kurva)
    rated = evaluasi.status != evaluation.EVALUASI_DRAFT
    if not evaluasi.dalam_kurva or predikat is None or (rated and predikat == evaluasi.predikat):
        return predikat, status
    counts = dict(status.counts)
    belum = status.belum_dinilai
    if rated:
        counts[evaluasi.predikat] = max(0, counts.get(evaluasi.predikat, 0) - 1)
    else:
        belum = max(0, belum - 1)
    counts[predikat] = counts.get(predikat, 0) + 1
    po = status.predikat_organisasi
    check = (
        distribution.check_curve(counts, po.predikat, status.aturan.curve, belum=belum)
        if po
        else None
    )
    return predikat, dataclasses.replace(status, counts=counts, belum_dinilai=belum, check=check)
