"""Reads of the activity log: the RHK and rencana aksi an activity may serve on a date,
a pegawai's activities of some days, the totals of a week, and the last logged day
before a date ("copy yesterday"). Always scoped by the pegawai's instansi."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from ekinerja.org.models import Pegawai
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import RHK, SKP

from .. import domain
from ..models import Aktivitas, BuktiDukung, RencanaAksi


def usable_skp_q(prefix: str = "") -> Q:
    """SKP whose RHK staff log against: not superseded by an approved revision, and not a
    revision still waiting for approval (its predecessor is the one in force). An
    initial SKP counts before its approval, so January is not lost to the paperwork.
    `prefix` is the path to the SKP ("skp__" from an RHK)."""
    superseded = SKP.objects.filter(sebelumnya=OuterRef(f"{prefix}pk" if prefix else "pk"))
    superseded = superseded.filter(status=plans_domain.DISETUJUI)
    pending_revision = Q(**{f"{prefix}sebelumnya__isnull": False}) & ~Q(
        **{f"{prefix}status": plans_domain.DISETUJUI}
    )
    return ~Q(Exists(superseded)) & ~pending_revision


def rhk_choices(*, pegawai: Pegawai, tanggal: dt.date | None = None) -> list[RHK]:
    """The RHK of the pegawai's own usable SKP (usable_skp_q) covering `tanggal` (every
    usable SKP without a date), utama first, with their SKP and period."""
    qs = RHK.objects.filter(
        instansi_id=pegawai.instansi_id, skp__instansi_id=pegawai.instansi_id
    ).filter(skp__pegawai_id=pegawai.pk)
    if tanggal is not None:
        qs = qs.filter(skp__tanggal_mulai__lte=tanggal, skp__tanggal_selesai__gte=tanggal)
    return list(
        qs.filter(usable_skp_q("skp__"))
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
