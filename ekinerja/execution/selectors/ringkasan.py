"""Reads of the monthly summary (issue 4 item 4): per person, the activities and minutes
submitted, waiting, verified and rejected in a month; per RHK for one person.

Everything is summed in SQL (values + annotate grouped by pegawai or RHK and status),
then folded by domain.summarise. A page of the team summary costs a fixed number of
queries whatever the unit's size: the COUNT and the page of people, one aggregate for
the page's people (the (instansi, pegawai, tanggal) index: one range per person), and
one aggregate for the whole scope's totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from ekinerja.org.models import Pegawai, UnitKerja
from ekinerja.plans.models import RHK

from .. import domain
from ..models import Aktivitas

PAGE_SIZE = 100
# People per aggregate query when exporting a whole unit.
EXPORT_CHUNK = 1000


@dataclass
class PersonRow:
    pegawai: Pegawai
    summary: domain.SummaryRow
    ditandai: int = 0


@dataclass
class RhkRow:
    rhk: RHK | None  # None: activities not linked to an RHK
    summary: domain.SummaryRow


@dataclass
class Totals:
    summary: domain.SummaryRow
    ditandai: int = 0


def empty_row(key: object = None) -> domain.SummaryRow:
    return domain.SummaryRow(key, domain.SummaryCell(), domain.SummaryCell(), domain.SummaryCell())


def people(
    *, instansi_id: int, unit: UnitKerja | None = None, atasan_id: int | None = None
) -> QuerySet[Pegawai]:
    """The people a summary covers: a unit's subtree (active staff), or one supervisor's
    direct subordinates; by name."""
    qs = Pegawai.objects.filter(instansi_id=instansi_id)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path, aktif=True)
    elif atasan_id is not None:
        qs = qs.filter(atasan_id=atasan_id)
    else:
        return Pegawai.objects.none()
    return qs.select_related("jabatan", "unit").order_by("nama", "pk")


def _month_rows(instansi_id: int, dari: dt.date, sampai: dt.date) -> QuerySet[Aktivitas]:
    return Aktivitas.objects.filter(
        instansi_id=instansi_id, tanggal__gte=dari, tanggal__lte=sampai
    ).order_by()


_AGG = {
    "n": Count("pk"),
    "m": Sum("menit"),
    "f": Count("pk", filter=Q(ditandai=True)),
}


def per_person(
    *, instansi_id: int, pegawai: list[Pegawai], dari: dt.date, sampai: dt.date
) -> list[PersonRow]:
    """One row per person (in the given order), zeros for those who logged nothing."""
    if not pegawai:
        return []
    agg = (
        _month_rows(instansi_id, dari, sampai)
        .filter(pegawai_id__in=[p.pk for p in pegawai])
        .values("pegawai_id", "status")
        .annotate(**_AGG)
    )
    return _fold_people(pegawai, list(agg))


def _fold_people(pegawai: list[Pegawai], agg: list[dict]) -> list[PersonRow]:
    by_key = {
        r.key: r
        for r in domain.summarise((a["pegawai_id"], a["status"], a["n"], a["m"]) for a in agg)
    }
    flags: dict[int, int] = {}
    for a in agg:
        flags[a["pegawai_id"]] = flags.get(a["pegawai_id"], 0) + a["f"]
    return [PersonRow(p, by_key.get(p.pk) or empty_row(p.pk), flags.get(p.pk, 0)) for p in pegawai]


def totals(
    *, instansi_id: int, people_qs: QuerySet[Pegawai], dari: dt.date, sampai: dt.date
) -> Totals:
    """The scope's totals over the month, in one aggregate (the people as a subquery)."""
    agg = list(
        _month_rows(instansi_id, dari, sampai)
        .filter(pegawai_id__in=people_qs.order_by().values("pk"))
        .values("status")
        .annotate(**_AGG)
    )
    rows = domain.summarise(("total", a["status"], a["n"], a["m"]) for a in agg)
    return Totals(
        summary=rows[0] if rows else empty_row("total"), ditandai=sum(a["f"] for a in agg)
    )


def export_rows(
    *, instansi_id: int, people_qs: QuerySet[Pegawai], dari: dt.date, sampai: dt.date
) -> Iterator[PersonRow]:
    """Every person of the scope with their month, in chunks of EXPORT_CHUNK people (two
    queries a chunk), for the XLSX export."""
    chunk: list[Pegawai] = []
    for p in people_qs.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(p)
        if len(chunk) == EXPORT_CHUNK:
            yield from per_person(instansi_id=instansi_id, pegawai=chunk, dari=dari, sampai=sampai)
            chunk = []
    if chunk:
        yield from per_person(instansi_id=instansi_id, pegawai=chunk, dari=dari, sampai=sampai)


def per_rhk(*, pegawai: Pegawai, dari: dt.date, sampai: dt.date) -> tuple[list[RhkRow], Totals]:
    """One person's month per RHK (in SKP order, "tanpa RHK" last) and its totals."""
    agg = list(
        _month_rows(pegawai.instansi_id, dari, sampai)
        .filter(pegawai_id=pegawai.pk)
        .values("rhk_id", "status")
        .annotate(**_AGG)
    )
    folded = {
        r.key: r for r in domain.summarise((a["rhk_id"], a["status"], a["n"], a["m"]) for a in agg)
    }
    rhks = list(
        RHK.objects.filter(
            instansi_id=pegawai.instansi_id, pk__in=[k for k in folded if k is not None]
        )
        .select_related("skp")
        .order_by("skp__tanggal_mulai", "skp_id", "-jenis", "urutan", "pk")
    )
    rows = [RhkRow(r, folded[r.pk]) for r in rhks]
    if None in folded:
        rows.append(RhkRow(None, folded[None]))
    total = domain.summarise(("total", a["status"], a["n"], a["m"]) for a in agg)
    return rows, Totals(
        summary=total[0] if total else empty_row("total"), ditandai=sum(a["f"] for a in agg)
    )
