"""Reads for performance planning, always scoped to the actor's instansi and reading
rights (access.can_read_skp expressed as a query)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope

from . import domain
from .models import IKI, RHK, SKP, PeriodeKinerja


def skp_visible_q(actor: Actor) -> Q:
    """The SKP an actor may read: their own, those they assess (penilai or atasan
    penilai), and those of the people they may read (org.access.OrgScope)."""
    scope = org_scope(actor)
    if scope.whole_instansi:
        return Q()
    q = Q(pk__in=[])
    if scope.pegawai_id:
        me = scope.pegawai_id
        q |= Q(pegawai_id=me) | Q(penilai_id=me) | Q(atasan_penilai_id=me)
        q |= Q(pegawai__atasan_id=me)
    for path in scope.unit_paths:
        q |= Q(pegawai__unit__path__startswith=path)
    return q


def skp_list(
    *,
    actor: Actor,
    periode_id: int | None = None,
    status: str | None = None,
    pegawai_id: int | None = None,
    penilai_id: int | None = None,
    current_only: bool = False,
) -> QuerySet[SKP]:
    """SKP the actor may read, newest first, with what a list row renders. With
    `current_only`, versions superseded by a later version are left out."""
    qs = SKP.objects.filter(instansi_id=actor.instansi_id).filter(skp_visible_q(actor))
    if periode_id:
        qs = qs.filter(periode_id=periode_id)
    if status:
        qs = qs.filter(status=status)
    if pegawai_id:
        qs = qs.filter(pegawai_id=pegawai_id)
    if penilai_id:
        qs = qs.filter(penilai_id=penilai_id)
    if current_only:
        qs = qs.exclude(Exists(SKP.objects.filter(sebelumnya=OuterRef("pk"))))
    return qs.select_related("periode", "pegawai", "jabatan").order_by(
        "-periode__tahun", "-tanggal_mulai", "pegawai__nama", "-versi"
    )


def skp_with_content(skp_id: int, instansi_id: int) -> SKP:
    """One SKP with its RHK (utama first), each RHK's IKI and intervened RHK, the
    expectations and the lampiran, in a fixed number of queries. Access is checked by
    the caller (access.access_skp)."""
    rhk = RHK.objects.filter(instansi_id=instansi_id).select_related("intervensi")
    return (
        SKP.objects.filter(instansi_id=instansi_id, pk=skp_id)
        .select_related("periode", "pegawai", "jabatan", "penilai", "atasan_penilai", "lampiran")
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=rhk.order_by("-jenis", "urutan", "pk").prefetch_related(
                    Prefetch("iki", queryset=IKI.objects.order_by("urutan", "pk"))
                ),
            ),
            "ekspektasi",
        )
        .get()
    )


def intervensi_choices(skp: SKP) -> list[RHK]:
    """The RHK this SKP's RHK may intervene in: those of the penilai's approved, current
    SKP whose dates overlap (services.editing._check_intervensi is the rule)."""
    if not skp.penilai_id:
        return []
    superseded = SKP.objects.filter(sebelumnya=OuterRef("skp"), status=domain.DISETUJUI)
    return list(
        RHK.objects.filter(
            instansi_id=skp.instansi_id,
            skp__pegawai_id=skp.penilai_id,
            skp__status=domain.DISETUJUI,
            skp__tanggal_mulai__lte=skp.tanggal_selesai,
            skp__tanggal_selesai__gte=skp.tanggal_mulai,
        )
        .exclude(Exists(superseded))
        .select_related("skp")
        .order_by("skp__tanggal_mulai", "-jenis", "urutan", "pk")
    )


def penilai_queue(*, actor: Actor, periode_id: int | None = None) -> QuerySet[SKP]:
    """The submitted SKP waiting for this actor's decision as penilai."""
    me = org_scope(actor).pegawai_id
    qs = SKP.objects.filter(instansi_id=actor.instansi_id, penilai_id=me, status=domain.DIAJUKAN)
    if periode_id:
        qs = qs.filter(periode_id=periode_id)
    return qs.select_related("periode", "pegawai", "jabatan").order_by("submitted_at", "pk")


def periode_list(*, actor: Actor) -> QuerySet[PeriodeKinerja]:
    return PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id).order_by("-tahun")
