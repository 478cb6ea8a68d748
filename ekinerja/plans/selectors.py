"""Reads for performance planning, always scoped to the actor's instansi and reading
rights (access.can_read_skp expressed as a query).

It also holds a read contract other apps use (docs/architecture.md, "Read contracts"):
which version of an SKP is in force, and a person's latest SKP of a year
(`skp_in_force_q`, `skp_in_force`, `skp_superseded_q`, `skp_latest_version_q`,
`latest_skp`, `skp_latest`). Nothing else writes these rules."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from ekinerja.core.access import MemberActor
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

# --- the read contract: which SKP is in force (issue 12 item 2) -------------------------
#
# Every version of an SKP is a row. A revision (services.workflow.skp_revise) points at
# the version it revises (`sebelumnya`), has `versi + 1`, the same person, position,
# year and dates, and starts as a draft; a version has at most one revision
# (constraint uniq_skp_revisi). Rules §8: an approved SKP changes only through a
# revision that is approved again, and the old version is kept. Rules §4: a person who
# changes position within the year has one SKP chain per position; the split
# (services.copying.skp_split_for_position_change) ends the old one the day before the
# new position's TMT, so their dates do not overlap. Dates are inclusive:
# `tanggal_mulai` ≤ day ≤ `tanggal_selesai`. "Approved" is status DISETUJUI.
#
# Each rule below is a Q for any query on SKP, or on a model that reaches it through
# `prefix` ("skp__" from an RHK, "rhk__skp__" from a rencana aksi): one EXISTS per row
# that SQL runs as an anti-join, so a page stays one query whatever its size. The EXISTS
# matches on the outer row's own instansi_id (a row and the SKP it reaches belong to one
# instansi), which the index (instansi, sebelumnya) serves without another join.


def skp_superseded_q(prefix: str = "") -> Q:
    """The version is replaced: an approved revision of it exists. It is history from
    then on (its RHK take no new work, evidence or intervening RHK). A version whose
    revision is still a draft, submitted or returned is NOT replaced."""
    return Q(
        Exists(
            SKP.objects.filter(
                instansi_id=OuterRef("instansi_id"),
                sebelumnya_id=OuterRef(f"{prefix}pk"),
                status=domain.DISETUJUI,
            )
        )
    )


def skp_in_force_q(
    prefix: str = "",
    *,
    approved: bool = False,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Q:
    """The version of its chain that is in force ("approved-or-first"):

    - a version replaced by an approved revision is not (`skp_superseded_q`);
    - an approved version not replaced is;
    - a revision not approved yet is not: the approved version it revises stays in
      force until the revision is approved;
    - a first version (no `sebelumnya`) is in force before its approval too (draft,
      submitted, returned), so that the work of January is not lost to the paperwork.

    So every chain has exactly one version in force. With `approved=True` only an
    approved one counts (what the appraisal evaluates and what a subordinate's RHK may
    intervene in): a first version not approved yet counts for nothing. With `start`
    and/or `end`, only SKP whose dates overlap that range (a date: start = end)."""
    q = (
        Q(**{f"{prefix}status": domain.DISETUJUI})
        if approved
        else Q(**{f"{prefix}status": domain.DISETUJUI}) | Q(**{f"{prefix}sebelumnya__isnull": True})
    )
    if start is not None:
        q &= Q(**{f"{prefix}tanggal_selesai__gte": start})
    if end is not None:
        q &= Q(**{f"{prefix}tanggal_mulai__lte": end})
    return q & ~skp_superseded_q(prefix)


def skp_latest_version_q(prefix: str = "") -> Q:
    """The newest version of its chain, whatever its status: no revision of it exists,
    approved or not. This is the version its owner works on (a draft revision rather
    than the approved version it revises), not the one in force."""
    return ~Q(
        Exists(
            SKP.objects.filter(
                instansi_id=OuterRef("instansi_id"),
                sebelumnya_id=OuterRef(f"{prefix}pk"),
            )
        )
    )


def _by_start(qs: QuerySet[SKP]) -> QuerySet[SKP]:
    return qs.order_by("-tanggal_mulai", "-versi", "-pk")


def skp_in_force(
    *, instansi_id: int, pegawai_id: int, on: dt.date, approved: bool = False
) -> SKP | None:
    """The person's SKP in force on the date `on` (`skp_in_force_q`), or None: before
    or after the dates of every SKP, or between a position's end and the next one's
    start. Should dates overlap, the one that starts last (then the higher version, then
    the newer row). One query, `periode` and `jabatan` loaded."""
    return (
        _by_start(
            SKP.objects.filter(instansi_id=instansi_id, pegawai_id=pegawai_id).filter(
                skp_in_force_q(approved=approved, start=on, end=on)
            )
        )
        .select_related("periode", "jabatan")
        .first()
    )


def skp_is_superseded(*, instansi_id: int, skp_id: int) -> bool:
    """Whether this SKP version is replaced by an approved revision (one query)."""
    return (
        SKP.objects.filter(instansi_id=instansi_id, pk=skp_id).filter(skp_superseded_q()).exists()
    )


def latest_skp(periode: PeriodeKinerja) -> QuerySet[SKP]:
    """Per person, the one SKP that says where they stand in the performance year
    `periode`: of their SKP in force (`skp_in_force_q`, approved or not), the one that
    starts last (rules §4: a position change within the year opens a new SKP); on equal
    starts the higher version, then the newer row. Written as "no later SKP in force",
    an anti-join that SQL runs as one hashed pass, not as a subquery per person; filter
    it by `pegawai_id` (also with OuterRef) or `pegawai__in`."""
    later = SKP.objects.filter(
        instansi_id=OuterRef("instansi_id"),
        pegawai_id=OuterRef("pegawai_id"),
        periode_id=periode.pk,
    ).filter(
        skp_in_force_q(),
        Q(tanggal_mulai__gt=OuterRef("tanggal_mulai"))
        | Q(tanggal_mulai=OuterRef("tanggal_mulai"), versi__gt=OuterRef("versi"))
        | Q(
            tanggal_mulai=OuterRef("tanggal_mulai"),
            versi=OuterRef("versi"),
            pk__gt=OuterRef("pk"),
        ),
    )
    return (
        SKP.objects.filter(instansi_id=periode.instansi_id, periode_id=periode.pk)
        .filter(skp_in_force_q())
        .exclude(Exists(later))
    )


def skp_latest(*, periode: PeriodeKinerja, pegawai_id: int) -> SKP | None:
    """The person's latest SKP of the performance year (`latest_skp`), or None (one
    query, `jabatan` loaded)."""
    return latest_skp(periode).filter(pegawai_id=pegawai_id).select_related("jabatan").first()


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
    actor: MemberActor,
    periode_id: int | None = None,
    status: str | None = None,
    pegawai_id: int | None = None,
    penilai_id: int | None = None,
    current_only: bool = False,
) -> QuerySet[SKP]:
    """SKP the actor may read, newest first, with what a list row renders. With
    `current_only`, only the newest version of each chain (`skp_latest_version_q`):
    a version with any later version, approved or not, is left out."""
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
        qs = qs.filter(skp_latest_version_q())
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


def intervensi_targets(skp: SKP) -> QuerySet[RHK]:
    """The RHK this SKP's RHK may intervene in (rules §8): those of the penilai's
    approved SKP in force whose dates overlap this SKP's (`skp_in_force_q`). Nothing
    without a penilai. The choices on the page, the check when an RHK is saved
    (services.editing) and the links a copy keeps (services.copying) all read this."""
    return RHK.objects.filter(instansi_id=skp.instansi_id, skp__pegawai_id=skp.penilai_id).filter(
        skp_in_force_q("skp__", approved=True, start=skp.tanggal_mulai, end=skp.tanggal_selesai)
    )


def intervensi_choices(skp: SKP) -> list[RHK]:
    """The RHK this SKP's RHK may intervene in (`intervensi_targets`), in the order of
    the penilai's SKP, with their SKP."""
    if not skp.penilai_id:
        return []
    return list(
        intervensi_targets(skp)
        .select_related("skp")
        .order_by("skp__tanggal_mulai", "-jenis", "urutan", "pk")
    )


def penilai_queue(*, actor: MemberActor, periode_id: int | None = None) -> QuerySet[SKP]:
    """The submitted SKP waiting for this actor's decision as penilai."""
    me = org_scope(actor).pegawai_id
    qs = SKP.objects.filter(instansi_id=actor.instansi_id, penilai_id=me, status=domain.DIAJUKAN)
    if periode_id:
        qs = qs.filter(periode_id=periode_id)
    return qs.select_related("periode", "pegawai", "jabatan").order_by("submitted_at", "pk")


def periode_list(*, actor: MemberActor) -> QuerySet[PeriodeKinerja]:
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


def skp_copy_sources(
    *, actor: MemberActor, before: dt.date, exclude_id: int | None = None
) -> list[SKP]:
    """The actor's own SKP that start before `before`, newest first, without versions
    superseded by an approved revision, each with its number of RHK."""
    me = org_scope(actor).pegawai_id
    if me is None:
        return []
    qs = (
        SKP.objects.filter(instansi_id=actor.instansi_id, pegawai_id=me, tanggal_mulai__lt=before)
        .exclude(skp_superseded_q())
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


def skp_template_list(*, actor: MemberActor, q: str = "", jenis: str = "") -> QuerySet[SKPTemplate]:
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
