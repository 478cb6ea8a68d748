"""Reads of continuous feedback and coaching notes: the feedback pages (a person's
threads, one thread with its replies, coaching notes) and the appraisal's input
(`umpan_balik_for`, `bimbingan_for`: issue 5 reads what a pegawai was told during the
period, grouped by RHK, BerAKHLAK value and general). Always scoped by instansi; each
read is a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from ekinerja.org.models import Instansi, Pegawai
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import RHK

from ..models import BimbinganKinerja, UmpanBalik

PAGE_SIZE = 20

# Which of a person's threads the list shows.
ARAH_SEMUA = "semua"
ARAH_DITERIMA = "diterima"  # received as the pegawai
ARAH_DIBERIKAN = "diberikan"  # written, or about one's current subordinates
ARAH = (ARAH_SEMUA, ARAH_DITERIMA, ARAH_DIBERIKAN)


# --- the pages --------------------------------------------------------------------------


def _threads(instansi_id: int) -> QuerySet[UmpanBalik]:
    return (
        UmpanBalik.objects.filter(instansi_id=instansi_id, induk__isnull=True)
        .select_related("pegawai", "penulis", "rhk")
        .annotate(n_balasan=Count("balasan"))
        .order_by("-last_at", "-pk")
    )


def thread_list(
    *, instansi_id: int, pegawai_id: int | None, arah: str = ARAH_SEMUA
) -> QuerySet[UmpanBalik]:
    """The threads of one person, newest activity first, with the people, the RHK and
    the number of replies: those about them (received), and those they wrote or that
    are about their current direct subordinates (given)."""
    if pegawai_id is None:
        return UmpanBalik.objects.none()
    received = Q(pegawai_id=pegawai_id)
    given = Q(penulis_id=pegawai_id) | Q(pegawai__atasan_id=pegawai_id)
    wanted = {ARAH_DITERIMA: received, ARAH_DIBERIKAN: given & ~received}.get(
        arah, received | given
    )
    return _threads(instansi_id).filter(wanted)


def threads_of_pegawai(*, pegawai: Pegawai) -> QuerySet[UmpanBalik]:
    """Every thread about one pegawai (what a reader of their data sees)."""
    return _threads(pegawai.instansi_id).filter(pegawai_id=pegawai.pk)


def thread_replies(thread: UmpanBalik) -> list[UmpanBalik]:
    """A thread's replies, oldest first, with their authors (one query)."""
    return list(
        UmpanBalik.objects.filter(instansi_id=thread.instansi_id, induk_id=thread.pk)
        .select_related("penulis")
        .order_by("created_at", "pk")
    )


def subordinates(*, instansi_id: int, pegawai_id: int | None) -> list[Pegawai]:
    """The active direct subordinates of a person, by name (the feedback picker)."""
    if pegawai_id is None:
        return []
    return list(
        Pegawai.objects.filter(instansi_id=instansi_id, atasan_id=pegawai_id, aktif=True)
        .select_related("jabatan")
        .order_by("nama", "pk")
    )


def bimbingan_list(
    *, instansi_id: int, pegawai_id: int | None = None, pembimbing_id: int | None = None
) -> QuerySet[BimbinganKinerja]:
    """Coaching notes for one pegawai, or written by one supervisor, newest first."""
    qs = BimbinganKinerja.objects.filter(instansi_id=instansi_id)
    if pegawai_id is not None:
        qs = qs.filter(pegawai_id=pegawai_id)
    if pembimbing_id is not None:
        qs = qs.filter(pembimbing_id=pembimbing_id)
    if pegawai_id is None and pembimbing_id is None:
        return qs.none()
    return qs.select_related("pegawai", "pembimbing").order_by("-tanggal", "-pk")


# --- the appraisal's input --------------------------------------------------------------


@dataclass
class Kelompok:
    """The feedback threads about one thing: an RHK, a BerAKHLAK value, or general."""

    topik: str  # UmpanBalik.Topik value
    label: str
    rhk: RHK | None = None
    nilai_berakhlak: int | None = None
    threads: list[UmpanBalik] = field(default_factory=list)


def _bounds(
    instansi_id: int, dari: dt.date | None, sampai: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The instants where the local days `dari` and `sampai` (inclusive) begin and end
    in the instansi's time zone (datetimes are stored in UTC)."""
    if dari is None and sampai is None:
        return None, None
    zona = Instansi.objects.filter(pk=instansi_id).values_list("zona_waktu", flat=True).first()
    tz = ZoneInfo(zona or "Asia/Jakarta")
    start = dt.datetime.combine(dari, dt.time.min, tzinfo=tz) if dari else None
    end = (
        dt.datetime.combine(sampai + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        if sampai
        else None
    )
    return start, end


def umpan_balik_for(
    *, pegawai: Pegawai, dari: dt.date | None = None, sampai: dt.date | None = None
) -> list[Kelompok]:
    """The feedback a pegawai received, opened from `dari` to `sampai` (local dates,
    inclusive; open-ended when None), each thread with `replies` (oldest first, with
    their authors), grouped: one group per RHK in the SKP's order, then one per
    BerAKHLAK value in the circular's order (its name verbatim), then general. Threads
    inside a group are oldest first. At most three queries whatever the number of
    threads."""
    start, end = _bounds(pegawai.instansi_id, dari, sampai)
    qs = UmpanBalik.objects.filter(
        instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, induk__isnull=True
    )
    if start is not None:
        qs = qs.filter(created_at__gte=start)
    if end is not None:
        qs = qs.filter(created_at__lt=end)
    replies = UmpanBalik.objects.filter(instansi_id=pegawai.instansi_id).select_related("penulis")
    threads = list(
        qs.select_related("penulis", "rhk", "rhk__skp")
        .prefetch_related(
            Prefetch("balasan", queryset=replies.order_by("created_at", "pk"), to_attr="replies")
        )
        .order_by("created_at", "pk")
    )
    rhk_groups: dict[int, Kelompok] = {}
    nilai_groups: dict[int, Kelompok] = {}
    umum = Kelompok(topik=UmpanBalik.Topik.UMUM, label=_("Umum"))
    for t in threads:
        if t.topik == UmpanBalik.Topik.RHK and t.rhk_id is not None:
            group = rhk_groups.get(t.rhk_id)
            if group is None:
                group = rhk_groups[t.rhk_id] = Kelompok(
                    topik=UmpanBalik.Topik.RHK, label=str(t.rhk), rhk=t.rhk
                )
        elif t.topik == UmpanBalik.Topik.PERILAKU and t.nilai_berakhlak in (
            plans_domain.BERAKHLAK_NOMOR
        ):
            group = nilai_groups.get(t.nilai_berakhlak)
            if group is None:
                group = nilai_groups[t.nilai_berakhlak] = Kelompok(
                    topik=UmpanBalik.Topik.PERILAKU,
                    label=plans_domain.berakhlak(t.nilai_berakhlak).nama,
                    nilai_berakhlak=t.nilai_berakhlak,
                )
        else:
            # A general thread, or one whose RHK has since been deleted.
            group = umum
        group.threads.append(t)
    ordered_rhk = sorted(
        rhk_groups.values(),
        key=lambda g: (
            g.rhk.skp.tanggal_mulai,
            g.rhk.skp_id,
            g.rhk.jenis != "utama",
            g.rhk.urutan,
            g.rhk.pk,
        ),  # fmt: skip
    )
    ordered_nilai = [nilai_groups[n] for n in sorted(nilai_groups)]
    return [*ordered_rhk, *ordered_nilai, *([umum] if umum.threads else [])]


def bimbingan_for(
    *, pegawai: Pegawai, dari: dt.date | None = None, sampai: dt.date | None = None
) -> list[BimbinganKinerja]:
    """The coaching notes of a pegawai dated from `dari` to `sampai` (inclusive;
    open-ended when None), oldest first, with who wrote them (one query)."""
    qs = BimbinganKinerja.objects.filter(instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk)
    if dari is not None:
        qs = qs.filter(tanggal__gte=dari)
    if sampai is not None:
        qs = qs.filter(tanggal__lte=sampai)
    return list(qs.select_related("pembimbing").order_by("tanggal", "pk"))
