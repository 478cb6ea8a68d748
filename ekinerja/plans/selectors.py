"""Reads for performance planning, always scoped to the actor's instansi and reading
rights (access.can_read_skp expressed as a query)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope
from ekinerja.org.models import Pegawai

from . import domain
from .access import require_template_admin
from .models import (
    IKI,
    RHK,
    SKP,
    Lampiran,
    PerilakuEkspektasi,
    PeriodeKinerja,
    SKPTemplate,
    SKPTemplateIKI,
    SKPTemplateRHK,
)


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


def ekspektasi_get(*, skp: SKP, nilai: int) -> PerilakuEkspektasi | None:
    """The penilai's expectation for BerAKHLAK value `nilai` (1–7) on this SKP, if
    written. Access is checked by the caller (access.access_skp)."""
    return PerilakuEkspektasi.objects.filter(
        instansi_id=skp.instansi_id, skp_id=skp.pk, nilai=nilai
    ).first()


def lampiran_get(*, skp: SKP) -> Lampiran | None:
    """The SKP's annex, if it has one. Access is checked by the caller (access.access_skp)."""
    return Lampiran.objects.filter(instansi_id=skp.instansi_id, skp_id=skp.pk).first()


# --- starting an SKP from an earlier one or from a template (issue 3 item 8) ------------


def skp_is_top_of_cascade(skp: SKP) -> bool:
    """services.editing._check_intervensi's rule: no penilai, or a non-ASN penilai."""
    if skp.penilai_id is None:
        return True
    status = (
        Pegawai.objects.filter(instansi_id=skp.instansi_id, pk=skp.penilai_id)
        .values_list("status", flat=True)
        .first()
    )
    return domain.is_top_of_cascade(has_penilai=True, penilai_non_asn=status == "NON_ASN")


def rhk_needing_intervensi(*, skp: SKP) -> int:
    """RHK of an SKP below the top of the cascade that do not yet name the supervisor's
    RHK they intervene in (rules §8), e.g. after a copy or a template."""
    if skp_is_top_of_cascade(skp):
        return 0
    return RHK.objects.filter(instansi_id=skp.instansi_id, skp=skp, intervensi__isnull=True).count()


def skp_copy_sources(*, actor: Actor, before: dt.date, exclude_id: int | None = None) -> list[SKP]:
    """The actor's own SKP that start before `before`, newest first, without versions
    superseded by an approved revision, each with its number of RHK."""
    me = org_scope(actor).pegawai_id
    if me is None:
        return []
    superseded = SKP.objects.filter(sebelumnya=OuterRef("pk"), status=domain.DISETUJUI)
    qs = (
        SKP.objects.filter(instansi_id=actor.instansi_id, pegawai_id=me, tanggal_mulai__lt=before)
        .exclude(Exists(superseded))
        .select_related("periode", "jabatan")
        .annotate(n_rhk=Count("rhk"))
        .order_by("-tanggal_mulai", "-versi", "-pk")
    )
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return list(qs)


def template_matches_q(skp: SKP) -> Q:
    """Templates of the SKP's jabatan, or of its jenis jabatan (`skp.jabatan` loaded)."""
    return Q(jabatan_id=skp.jabatan_id) | Q(jabatan__isnull=True, jenis_jabatan=skp.jabatan.jenis)


def skp_template_list(*, actor: Actor, q: str = "", jenis: str = "") -> QuerySet[SKPTemplate]:
    """The instansi's templates with their scope and number of RHK (Admin Instansi)."""
    actor = require_template_admin(actor)
    qs = SKPTemplate.objects.filter(instansi_id=actor.instansi_id)
    if q:
        qs = qs.filter(
            Q(nama__icontains=q) | Q(jabatan__nama__icontains=q) | Q(jabatan__kode__iexact=q)
        )
    if jenis:
        qs = qs.filter(Q(jenis_jabatan=jenis) | Q(jabatan__jenis=jenis))
    return (
        qs.select_related("jabatan", "jabatan__unit")
        .annotate(n_rhk=Count("rhk"))
        .order_by("nama", "id")
    )


def skp_template_rows(*, template: SKPTemplate) -> list[SKPTemplateRHK]:
    """A template's RHK, utama first, each with its IKI (two queries)."""
    return list(
        SKPTemplateRHK.objects.filter(instansi_id=template.instansi_id, template=template)
        .prefetch_related(Prefetch("iki", SKPTemplateIKI.objects.order_by("urutan", "pk")))
        .order_by("-jenis", "urutan", "pk")
    )


def skp_templates_for(*, skp: SKP) -> list[SKPTemplate]:
    """Templates an SKP can start from (its jabatan's, then its jenis jabatan's), with
    their rows (three queries). `skp.jabatan` should be loaded."""
    return list(
        SKPTemplate.objects.filter(template_matches_q(skp), instansi_id=skp.instansi_id)
        .select_related("jabatan")
        .prefetch_related(
            Prefetch(
                "rhk",
                SKPTemplateRHK.objects.order_by("-jenis", "urutan", "pk").prefetch_related(
                    Prefetch("iki", SKPTemplateIKI.objects.order_by("urutan", "pk"))
                ),
            )
        )
        .order_by("jabatan", "nama", "id")
    )
