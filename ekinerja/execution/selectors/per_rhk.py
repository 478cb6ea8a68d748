"""The read contract of execution (docs/architecture.md, "Read contracts"): a person's
verified work and evidence per RHK over a period, for the apps that build on them (the
appraisal's evaluation page and documents today; the TPP's productivity mode and SAKIP
next). They read these functions, never Aktivitas or BuktiDukung rows, and get plain
frozen values back.

Both take the instansi and the person (the owner of the RHK: activities and evidence
are always the owner's own), the RHK ids (of one SKP, or several), and the period as
two inclusive dates; each is one query whatever the number of RHK, activities or files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from .. import domain
from ..models import Aktivitas, BuktiDukung

# Where a piece of evidence is attached (BuktiDukung has exactly one of the three).
ON_AKTIVITAS = "aktivitas"
ON_RENCANA_AKSI = "rencana_aksi"
ON_RHK = "rhk"


@dataclass(frozen=True)
class VerifiedWork:
    """The activities the supervisor verified on one RHK in the period: how many, and
    their minutes."""

    rhk_id: int
    aktivitas: int
    menit: int


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence (a file or a link) that supports one RHK. `pk` is the
    BuktiDukung id: the file is served only by `execution:bukti-download`, which checks
    who may read it."""

    pk: int
    rhk_id: int
    on: str  # ON_AKTIVITAS, ON_RENCANA_AKSI or ON_RHK
    jenis: str  # "berkas" (a file) or "tautan" (a link)
    nama_berkas: str
    ekstensi: str
    tautan: str
    keterangan: str
    created_at: dt.datetime


def verified_work_by_rhk(
    *,
    instansi_id: int,
    pegawai_id: int,
    rhk_ids: Collection[int],
    start: dt.date,
    end: dt.date,
) -> dict[int, VerifiedWork]:
    """{rhk id: VerifiedWork} of the person's activities on these RHK dated from
    `start` to `end` (inclusive) whose status is verified (domain.DIVERIFIKASI): an
    activity still waiting, or rejected, counts for nothing. An RHK without verified
    work in the period is absent. One grouped query."""
    if not rhk_ids:
        return {}
    rows = (
        Aktivitas.objects.filter(
            instansi_id=instansi_id,
            pegawai_id=pegawai_id,
            rhk_id__in=list(rhk_ids),
            status=domain.DIVERIFIKASI,
            tanggal__gte=start,
            tanggal__lte=end,
        )
        .order_by()
        .values("rhk_id")
        .annotate(n=Count("pk"), menit=Sum("menit"))
    )
    return {
        r["rhk_id"]: VerifiedWork(rhk_id=r["rhk_id"], aktivitas=r["n"], menit=r["menit"] or 0)
        for r in rows
    }


def evidence_by_rhk(
    *,
    instansi_id: int,
    pegawai_id: int,
    rhk_ids: Collection[int],
    start: dt.date,
    end: dt.date,
    per_rhk: int = 10,
) -> dict[int, tuple[Evidence, ...]]:
    """{rhk id: the newest evidence of that RHK, newest first} for the person:

    - evidence of an activity on the RHK dated from `start` to `end` (inclusive),
      whatever the activity's status;
    - evidence of one of the RHK's rencana aksi, and evidence of the RHK's own
      realisation, whatever its date: they belong to the RHK, whose SKP is of one year.

    Bounded: one query reads the newest `per_rhk` × len(rhk_ids) pieces over all the RHK,
    and each RHK keeps at most `per_rhk` of them (so an RHK may show fewer when others
    have many newer pieces). An RHK without evidence is absent."""
    ids = list(rhk_ids)
    if not ids:
        return {}
    rows = (
        BuktiDukung.objects.filter(instansi_id=instansi_id, pegawai_id=pegawai_id)
        .filter(
            Q(rhk_id__in=ids)
            | Q(
                aktivitas__rhk_id__in=ids,
                aktivitas__tanggal__gte=start,
                aktivitas__tanggal__lte=end,
            )
            | Q(rencana_aksi__rhk_id__in=ids)
        )
        .order_by("-created_at", "-pk")
        .values_list(
            "pk", "rhk_id", "aktivitas__rhk_id", "rencana_aksi__rhk_id", "jenis",
            "nama_berkas", "ekstensi", "tautan", "keterangan", "created_at",
        )[: per_rhk * len(ids)]
    )  # fmt: skip
    out: dict[int, list[Evidence]] = {}
    for pk, own, via_aktivitas, via_rencana, jenis, nama, ekstensi, tautan, ket, created in rows:
        if own is not None:
            rhk_id, on = own, ON_RHK
        elif via_aktivitas is not None:
            rhk_id, on = via_aktivitas, ON_AKTIVITAS
        else:
            rhk_id, on = via_rencana, ON_RENCANA_AKSI
        kept = out.setdefault(rhk_id, [])
        if len(kept) < per_rhk:
            kept.append(
                Evidence(
                    pk=pk, rhk_id=rhk_id, on=on, jenis=jenis, nama_berkas=nama,
                    ekstensi=ekstensi, tautan=tautan, keterangan=ket, created_at=created,
                )
            )  # fmt: skip
    return {rhk_id: tuple(pieces) for rhk_id, pieces in out.items()}
