"""Reads of the activity log: the RHK and rencana aksi an activity may serve on a date,
a pegawai's activities of some days, the totals of a week, and the last logged day
before a date ("copy yesterday"). Always scoped by the pegawai's instansi."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from ekinerja.org.models import Pegawai
from ekinerja.plans.models import RHK
from ekinerja.plans.selectors import skp_in_force_q

from .. import domain
from ..models import Aktivitas, BuktiDukung, RencanaAksi


def rhk_choices(*, pegawai: Pegawai, tanggal: dt.date | None = None) -> list[RHK]:
    """The RHK of the pegawai's own SKP in force (plans.selectors.skp_in_force_q: a first
    SKP counts before its approval, so January is not lost to the paperwork) covering
    `tanggal` (every SKP in force without a date), utama first, with their SKP and
    period."""
    qs = RHK.objects.filter(
        instansi_id=pegawai.instansi_id, skp__instansi_id=pegawai.instansi_id
    ).filter(skp__pegawai_id=pegawai.pk)
    return list(
        qs.filter(skp_in_force_q("skp__", start=tanggal, end=tanggal))
        .select_related("skp", "skp__periode")
        .order_by("skp__tanggal_mulai", "skp_id", "-jenis", "urutan", "pk")
    )


def period_q(tanggal: dt.date) -> Q:
    """Rencana aksi whose period (a month, or a quarter) contains `tanggal`."""
    return Q(tahun=tanggal.year) & (
        Q(periodik=domain.TRIWULANAN, periode_ke=domain.period_of(tanggal, domain.TRIWULANAN))
        | (~Q(periodik=domain.TRIWULANAN) & Q(periode_ke=domain.period_of(tanggal, domain.BULANAN)))
    )


def rencana_choices(*, pegawai: Pegawai, rhk_ids: list[int], tanggal: dt.date) -> list[RencanaAksi]:
    """The pegawai's rencana aksi of these RHK in the period containing `tanggal`."""
    if not rhk_ids:
        return []
    return list(
        RencanaAksi.objects.filter(
            instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, rhk_id__in=rhk_ids
        )
        .filter(period_q(tanggal))
        .order_by("rhk_id", "urutan", "pk")
    )


def aktivitas_for_days(
    *, pegawai: Pegawai, dari: dt.date, sampai: dt.date, with_bukti: bool = False
) -> QuerySet[Aktivitas]:
    """The pegawai's activities from `dari` to `sampai`, oldest day first and by start
    time within a day, with what a row renders (RHK, rencana aksi, who verified it, and
    the evidence with `with_bukti`)."""
    qs = (
        Aktivitas.objects.filter(
            instansi_id=pegawai.instansi_id,
            pegawai_id=pegawai.pk,
            tanggal__gte=dari,
            tanggal__lte=sampai,
        )
        .select_related("rhk", "rencana_aksi", "verified_by")
        .order_by("tanggal", "jam_mulai", "id")
    )
    if with_bukti:
        qs = qs.prefetch_related(
            Prefetch(
                "bukti",
                queryset=BuktiDukung.objects.filter(instansi_id=pegawai.instansi_id).order_by(
                    "created_at", "id"
                ),
            )
        )
    return qs


def previous_logged_day(*, pegawai: Pegawai, before: dt.date) -> dt.date | None:
    """The last day before `before` with at least one activity (one indexed query)."""
    return (
        Aktivitas.objects.filter(
            instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, tanggal__lt=before
        )
        .order_by("-tanggal")
        .values_list("tanggal", flat=True)
        .first()
    )


def week_totals(
    *, pegawai: Pegawai, days: list[dt.date], menit_kerja: int
) -> list[domain.DayTotal]:
    """Minutes and counts per day of `days` (one query)."""
    rows = Aktivitas.objects.filter(
        instansi_id=pegawai.instansi_id,
        pegawai_id=pegawai.pk,
        tanggal__gte=days[0],
        tanggal__lte=days[-1],
    ).values_list("tanggal", "status", "menit", "ditandai")
    return domain.day_totals(rows, days, menit_kerja)
