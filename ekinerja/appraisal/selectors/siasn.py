"""Reads for the SIASN exchange (rules §13; issue 11 §5): the rated evaluations of a
period with the reference ids their records need, and why a record cannot be sent.

One definition of "complete", in SQL: each evaluation is annotated with SIASN's golongan
id of its penilai (SiasnGolongan, by the golongan snapshotted when it was rated), its
koefisienId (SiasnKoefisien, by jenjang × predikat; periodic records only) and one flag
per missing piece. The export streams the rows whose flags are all off; the export page
counts and pages the others by name. Nothing is ever guessed: a missing id is a flag.
Queries are a fixed number whatever the agency's size (each lookup is a correlated
subquery on a unique index)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.org import domain as org_domain
from ekinerja.org.models import Jabatan, Pegawai

from ..domain import ratings
from ..models import Evaluasi, PeriodePenilaian, SiasnGolongan, SiasnKoefisien
from .laporan import RATED

# Why a record cannot go to SIASN, in the order the page shows them.
KURANG_PEGAWAI = "pegawai"
KURANG_KOEFISIEN = "koefisien"
KURANG_PENILAI = "penilai"
KURANG_GOLONGAN = "golongan"
REASONS: tuple[str, ...] = (KURANG_PEGAWAI, KURANG_KOEFISIEN, KURANG_PENILAI, KURANG_GOLONGAN)
FLAGS: dict[str, str] = {code: f"kurang_{code}" for code in REASONS}
REASON_LABELS: dict[str, Any] = {
    KURANG_PEGAWAI: gettext_lazy("ID SIASN pegawai belum dimuat"),
    KURANG_KOEFISIEN: gettext_lazy("koefisienId untuk jenjang dan predikatnya belum ada"),
    KURANG_PENILAI: gettext_lazy("Pejabat penilai tidak tercatat"),
    KURANG_GOLONGAN: gettext_lazy("ID golongan SIASN pejabat penilai belum ada"),
}

# The columns a SIASN record needs (a values() row), and those the lists add.
RECORD_VALUES: tuple[str, ...] = (
    "pk",
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    "snapshot",
    "pegawai_id",
    "pegawai__siasn_id",
    "pegawai__nip",
    "gol_id",
    "koef_id",
)
VALUES: tuple[str, ...] = (
    "pk",
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    "snapshot",
    "pegawai_id",
    "pegawai__siasn_id",
    "pegawai__nip",
    "pegawai__nama",
    "pegawai__golongan",
    "jabatan__nama",
    "jabatan__jenjang",
    "unit__nama",
    "penilai_golongan",
    "gol_id",
    "koef_id",
    *FLAGS.values(),
)


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def _snapshot_text(path: str) -> Coalesce:
    """A text of the evaluation's snapshot ("" when absent or null)."""
    return Coalesce(KT(f"snapshot__{path}"), Value(""), output_field=TextField())


def siasn_queryset(*, instansi_id: int, periode: PeriodePenilaian) -> QuerySet[Evaluasi]:
    """The period's rated evaluations (dinilai or ditetapkan, with a predikat), ordered by
    id and annotated with `gol_id`, `koef_id` (None when missing; koef_id is None for an
    annual period, whose record has no koefisienId) and the `kurang_*` flags (FLAGS)."""
    if periode.instansi_id != instansi_id:
        raise ValueError("the period belongs to another instansi")
    golongan = SiasnGolongan.objects.filter(
        instansi_id=instansi_id, golongan=OuterRef("penilai_golongan")
    ).values("siasn_id")[:1]
    qs = (
        Evaluasi.objects.filter(
            instansi_id=instansi_id, periode_penilaian=periode, status__in=RATED
        )
        .exclude(predikat="")
        .annotate(
            penilai_nama=_snapshot_text("penilai__nama"),
            penilai_nip=_snapshot_text("penilai__nip"),
            penilai_golongan=_snapshot_text("penilai__golongan"),
        )
        .annotate(gol_id=Subquery(golongan))
    )
    if periode.is_tahunan:
        qs = qs.annotate(
            koef_id=Value(None, output_field=SiasnKoefisien._meta.get_field("siasn_id"))
        )
        koefisien_missing: Value | Case = Value(False, output_field=BooleanField())
    else:
        koefisien = SiasnKoefisien.objects.filter(
            instansi_id=instansi_id,
            jenjang=OuterRef("jabatan__jenjang"),
            predikat=OuterRef("predikat"),
        ).values("siasn_id")[:1]
        qs = qs.annotate(koef_id=Subquery(koefisien))
        koefisien_missing = _flag(~Q(jabatan__jenjang="") & Q(koef_id__isnull=True))
    return qs.annotate(
        **{
            FLAGS[KURANG_PEGAWAI]: _flag(Q(pegawai__siasn_id="")),
            FLAGS[KURANG_KOEFISIEN]: koefisien_missing,
            FLAGS[KURANG_PENILAI]: _flag(Q(penilai_nama="")),
            # An ASN penilai (one with a NIP) is sent with SIASN's id of their golongan;
            # a penilai who is not ASN sends an empty golongan (statusPenilai NON ASN).
            FLAGS[KURANG_GOLONGAN]: _flag(~Q(penilai_nip="") & Q(gol_id__isnull=True)),
        }
    ).order_by("pk")


def incomplete_q() -> Q:
    q = Q()
    for flag in FLAGS.values():
        q |= Q(**{flag: True})
    return q


def complete_q() -> Q:
    return Q(**{flag: False for flag in FLAGS.values()})


def reasons(v: Mapping[str, Any]) -> list[str]:
    """The reason codes of one annotated values() row, in REASONS order."""
    return [code for code in REASONS if v.get(FLAGS[code])]


def reason_text(code: str, v: Mapping[str, Any]) -> str:
    """One reason, for a person reading the list: which jenjang × predikat or which
    golongan has no id (the missing reference row, so it can be added)."""
    if code == KURANG_KOEFISIEN:
        return _("koefisienId %(jenjang)s – %(predikat)s belum ada") % {
            "jenjang": Jabatan.Jenjang(v["jabatan__jenjang"]).label,
            "predikat": ratings.PREDIKAT_LABELS[v["predikat"]],
        }
    if code == KURANG_GOLONGAN:
        gol = v.get("penilai_golongan") or ""
        if not gol:
            return _("Golongan pejabat penilai kosong")
        return _("ID golongan SIASN untuk %(gol)s belum ada") % {"gol": gol}
    return str(REASON_LABELS[code])


def reason_texts(v: Mapping[str, Any]) -> list[str]:
    return [reason_text(code, v) for code in reasons(v)]


@dataclass(frozen=True)
class SiasnSummary:
    total: int  # rated evaluations of the period
    lengkap: int  # in the SIASN file
    tidak_lengkap: int  # left out, listed by name
    per_reason: dict[str, int]  # people per reason (one person may have several)

    @property
    def reason_rows(self) -> list[tuple[str, str, int]]:
        return [
            (c, str(REASON_LABELS[c]), self.per_reason[c]) for c in REASONS if self.per_reason[c]
        ]


def siasn_summary(*, instansi_id: int, periode: PeriodePenilaian) -> SiasnSummary:
    """How many records are complete, and how many lack each piece (one query)."""
    qs = siasn_queryset(instansi_id=instansi_id, periode=periode)
    counts = qs.aggregate(
        total=Count("pk"),
        tidak_lengkap=Count("pk", filter=incomplete_q()),
        **{code: Count("pk", filter=Q(**{FLAGS[code]: True})) for code in REASONS},
    )
    total, bad = counts["total"], counts["tidak_lengkap"]
    return SiasnSummary(
        total=total,
        lengkap=total - bad,
        tidak_lengkap=bad,
        per_reason={code: counts[code] for code in REASONS},
    )


def incomplete_rows(*, instansi_id: int, periode: PeriodePenilaian) -> QuerySet:
    """The incomplete records as values() rows for a paged list, by name."""
    return (
        siasn_queryset(instansi_id=instansi_id, periode=periode)
        .filter(incomplete_q())
        .order_by("pegawai__nama", "pk")
        .values(*VALUES)
    )


def incomplete_row(v: Mapping[str, Any]) -> dict[str, Any]:
    """One incomplete record for the page: who (as rated), and why."""
    person = (v["snapshot"] or {}).get("pegawai") or {}
    return {
        "evaluasi_id": v["pk"],
        "pegawai_id": v["pegawai_id"],
        "nama": person.get("nama") or v["pegawai__nama"],
        "nip": person.get("nip") or v["pegawai__nip"] or "",
        "jabatan": person.get("jabatan") or v["jabatan__nama"],
        "unit": person.get("unit") or v["unit__nama"],
        "predikat": ratings.PREDIKAT_LABELS.get(v["predikat"], v["predikat"]),
        "reasons": reasons(v),
        "texts": reason_texts(v),
    }


# --- the reference tables --------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceStatus:
    golongan: int  # golongan with a SIASN id
    golongan_pns: int  # … of the 17 PNS golongan
    koefisien: int  # jenjang × predikat with a koefisienId (of 40)
    pegawai_tanpa_id: int  # active ASN without a SIASN person id
    pegawai_asn: int


GOLONGAN_PNS: tuple[str, ...] = tuple(org_domain.PANGKAT_PNS)
GOLONGAN_PPPK: tuple[str, ...] = org_domain.GOLONGAN_PPPK
JENJANG: tuple[str, ...] = tuple(Jabatan.Jenjang.values)
KOEFISIEN_CELLS = len(JENJANG) * len(ratings.PREDIKAT)


def asn_people(*, instansi_id: int) -> QuerySet[Pegawai]:
    """The instansi's active ASN (PNS, CPNS, PPPK): the people SIASN knows by an id."""
    return Pegawai.objects.filter(instansi_id=instansi_id, aktif=True).exclude(
        status=org_domain.NON_ASN
    )


def reference_status(*, instansi_id: int) -> ReferenceStatus:
    """How much of the reference data is loaded (three queries)."""
    gol = SiasnGolongan.objects.filter(instansi_id=instansi_id).aggregate(
        n=Count("pk"), pns=Count("pk", filter=Q(golongan__in=GOLONGAN_PNS))
    )
    people = asn_people(instansi_id=instansi_id).aggregate(
        n=Count("pk"), tanpa=Count("pk", filter=Q(siasn_id=""))
    )
    return ReferenceStatus(
        golongan=gol["n"],
        golongan_pns=gol["pns"],
        koefisien=SiasnKoefisien.objects.filter(instansi_id=instansi_id).count(),
        pegawai_tanpa_id=people["tanpa"],
        pegawai_asn=people["n"],
    )


def golongan_map(*, instansi_id: int) -> dict[str, str]:
    return dict(
        SiasnGolongan.objects.filter(instansi_id=instansi_id).values_list("golongan", "siasn_id")
    )


def koefisien_map(*, instansi_id: int) -> dict[tuple[str, str], str]:
    return {
        (j, p): sid
        for j, p, sid in SiasnKoefisien.objects.filter(instansi_id=instansi_id).values_list(
            "jenjang", "predikat", "siasn_id"
        )
    }


def people_without_id(*, instansi_id: int) -> QuerySet:
    """Active ASN without a SIASN person id, by name (values() rows for a paged list)."""
    return (
        asn_people(instansi_id=instansi_id)
        .filter(siasn_id="")
        .order_by("nama", "pk")
        .values("pk", "nip", "nama", "gelar_depan", "gelar_belakang", "status", "unit__nama")
    )
