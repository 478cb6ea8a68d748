"""Reads of verification (issue 4 item 4): the supervisor's queue of their direct
subordinates' activities, and one person's month as their readers see it.

The queue runs in a fixed number of queries whatever the team's size: the
subordinates (one query, which also names the rows), the RHK options, and the page
(a COUNT and one SELECT with the evidence count as a subquery)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ekinerja.core.access import MemberActor
from ekinerja.org.models import Pegawai
from ekinerja.plans.models import RHK
from ekinerja.plans.selectors import skp_in_force_q

from .. import domain
from ..models import Aktivitas, BuktiDukung

PAGE_SIZE = 100
# The RHK filter lists at most this many options (a supervisor of 60 has ~400).
RHK_OPTIONS_MAX = 600
TANPA_RHK = "tanpa"
SEMUA = "semua"


@dataclass(frozen=True)
class QueueFilter:
    """What the supervisor asked for; `status` "" means every status, `rhk` is an RHK
    id, TANPA_RHK (activities without one) or None (any)."""

    dari: dt.date
    sampai: dt.date
    pegawai_id: int | None = None
    rhk: int | str | None = None
    status: str = domain.DIAJUKAN
    ditandai: bool = False


def subordinates(*, actor: MemberActor, pegawai_id: int | None) -> list[Pegawai]:
    """The actor's direct subordinates (Pegawai.atasan), by name, active ones and those
    who left but may still have activities waiting."""
    if pegawai_id is None:
        return []
    return list(
        Pegawai.objects.filter(instansi_id=actor.instansi_id, atasan_id=pegawai_id)
        .select_related("jabatan")
        .order_by("nama", "pk")
    )


def rhk_options(
    *, instansi_id: int, pegawai: list[Pegawai], dari: dt.date, sampai: dt.date
) -> list[tuple[str, str]]:
    """(value, label) of the RHK of these people's SKP in force in the date range."""
    if not pegawai:
        return []
    names = {p.pk: p.nama for p in pegawai}
    rows = (
        RHK.objects.filter(instansi_id=instansi_id, skp__pegawai_id__in=list(names))
        .filter(skp_in_force_q("skp__", start=dari, end=sampai))
        .order_by("skp__pegawai__nama", "skp__tanggal_mulai", "-jenis", "urutan", "pk")
        .values_list("pk", "teks", "skp__pegawai_id")[:RHK_OPTIONS_MAX]
    )
    out = []
    for pk, teks, owner in rows:
        teks = teks if len(teks) <= 70 else teks[:69] + "…"
        out.append((str(pk), f"{names.get(owner, '')} — {teks}"))
    return out


def _bukti_count() -> Coalesce:
    per = (
        BuktiDukung.objects.filter(aktivitas_id=OuterRef("pk"))
        .order_by()
        .values("aktivitas_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per, output_field=IntegerField()), 0)


def queue(*, instansi_id: int, subordinate_ids: list[int], f: QueueFilter) -> QuerySet[Aktivitas]:
    """The activities of these subordinates matching the filter, oldest day first (the
    month-end closing works from the oldest), with their RHK and evidence count. The
    caller sets `pegawai` on each row from its subordinates list (no join needed)."""
    ids = subordinate_ids
    if f.pegawai_id is not None:
        ids = [i for i in ids if i == f.pegawai_id]
    if not ids:
        return Aktivitas.objects.none()
    qs = Aktivitas.objects.filter(
        instansi_id=instansi_id, pegawai_id__in=ids, tanggal__gte=f.dari, tanggal__lte=f.sampai
    )
    if f.status:
        qs = qs.filter(status=f.status)
    if f.rhk == TANPA_RHK:
        qs = qs.filter(rhk__isnull=True)
    elif f.rhk is not None:
        qs = qs.filter(rhk_id=f.rhk)
    if f.ditandai:
        qs = qs.filter(ditandai=True)
    return (
        qs.select_related("rhk", "rencana_aksi")
        .annotate(n_bukti=_bukti_count())
        .order_by("tanggal", "pegawai_id", "jam_mulai", "pk")
    )


def waiting_count(*, instansi_id: int, subordinate_ids: list[int]) -> int:
    """All activities of the subordinates still waiting, whatever the filter."""
    if not subordinate_ids:
        return 0
    return Aktivitas.objects.filter(
        instansi_id=instansi_id, pegawai_id__in=subordinate_ids, status=domain.DIAJUKAN
    ).count()


def pegawai_month(*, pegawai: Pegawai, dari: dt.date, sampai: dt.date) -> list[Aktivitas]:
    """One person's activities of a date range, newest day first, with RHK, rencana
    aksi, the verifier and the evidence (two queries)."""
    return list(
        Aktivitas.objects.filter(
            instansi_id=pegawai.instansi_id,
            pegawai_id=pegawai.pk,
            tanggal__gte=dari,
            tanggal__lte=sampai,
        )
        .select_related("rhk", "rencana_aksi", "verified_by")
        .prefetch_related(
            Prefetch(
                "bukti",
                queryset=BuktiDukung.objects.filter(instansi_id=pegawai.instansi_id).order_by(
                    "created_at", "pk"
                ),
            )
        )
        .order_by("-tanggal", "jam_mulai", "pk")
    )
