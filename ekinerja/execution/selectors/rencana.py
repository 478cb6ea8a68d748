"""Reads of the rencana aksi: a pegawai's plans of a year, grouped by SKP, RHK and
period, for the owner's page and for the penilai's (always scoped by instansi, a fixed
number of queries)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.hooks import Dependant, Removal
from ekinerja.plans.models import RHK, SKP
from ekinerja.plans.selectors import skp_in_force_q
from ekinerja.plans.services.removal import join_counted

from .. import domain
from ..access import access_rencana_aksi, me, require_own_pegawai
from ..models import Aktivitas, BuktiDukung, RencanaAksi, UmpanBalik


@dataclass
class Periode:
    ke: int
    label: str
    rencana: list[RencanaAksi] = field(default_factory=list)


@dataclass
class RHKPlan:
    rhk: RHK
    periods: list[Periode]
    # While the SKP may still change (its RHK may be deleted): what is attached to this
    # RHK, and the other RHK of the SKP it can be moved to.
    attached: Attached | None = None
    move_targets: list[RHK] = field(default_factory=list)

    @property
    def attached_text(self) -> str:
        if self.attached is None:
            return ""
        return join_counted([text for _n, text in attached_texts(self.attached)])

    @property
    def jumlah(self) -> int:
        return sum(len(p.rencana) for p in self.periods)


@dataclass
class SKPPlan:
    skp: SKP
    periodik: str
    rows: list[RHKPlan]
    # (ke, label) of the periods inside the SKP's dates: what a new plan may choose.
    choices: list[tuple[int, str]]


def rencana_years(*, pegawai: Pegawai) -> list[int]:
    """Years of the pegawai's SKP, newest first."""
    return sorted(
        set(
            SKP.objects.filter(instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk)
            .filter(skp_in_force_q())
            .values_list("periode__tahun", flat=True)
        ),
        reverse=True,
    )


def period_choices(skp: SKP) -> list[tuple[int, str]]:
    """The periods of the SKP's year that overlap its dates (`skp.periode` loaded)."""
    tahun, periodik = skp.periode.tahun, skp.periode.periodik
    out = []
    for ke in range(1, domain.period_count(periodik) + 1):
        first, last = domain.period_range(tahun, periodik, ke)
        if first <= skp.tanggal_selesai and last >= skp.tanggal_mulai:
            out.append((ke, domain.period_label(tahun, periodik, ke)))
    return out


def rencana_overview(*, pegawai: Pegawai, tahun: int) -> list[SKPPlan]:
    """The pegawai's usable SKP of `tahun`, each RHK with its rencana aksi per period
    (only periods that have some), each plan with its evidence and who commented."""
    bukti = BuktiDukung.objects.filter(instansi_id=pegawai.instansi_id).order_by("created_at", "id")
    rencana = (
        RencanaAksi.objects.filter(instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk)
        .select_related("catatan_oleh")
        .prefetch_related(Prefetch("bukti", queryset=bukti))
        .order_by("periode_ke", "urutan", "pk")
    )
    rhk = (
        RHK.objects.filter(instansi_id=pegawai.instansi_id)
        .prefetch_related(Prefetch("rencana_aksi", queryset=rencana))
        .order_by("-jenis", "urutan", "pk")
    )
    skps = (
        SKP.objects.filter(
            instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, periode__tahun=tahun
        )
        .filter(skp_in_force_q())
        .select_related("periode", "jabatan", "penilai")
        .prefetch_related(Prefetch("rhk", queryset=rhk))
        .order_by("tanggal_mulai", "pk")
    )
    out = []
    for skp in skps:
        periodik = skp.periode.periodik
        rows = []
        for r in skp.rhk.all():
            by_ke: dict[int, Periode] = {}
            for ra in r.rencana_aksi.all():
                p = by_ke.get(ra.periode_ke)
                if p is None:
                    label = domain.period_label(ra.tahun, ra.periodik, ra.periode_ke)
                    p = by_ke[ra.periode_ke] = Periode(ra.periode_ke, label)
                p.rencana.append(ra)
            rows.append(RHKPlan(rhk=r, periods=[by_ke[k] for k in sorted(by_ke)]))
        out.append(SKPPlan(skp=skp, periodik=periodik, rows=rows, choices=period_choices(skp)))
    _add_attached(pegawai.instansi_id, [p for p in out if plans_domain.is_editable(p.skp.status)])
    return out


def _add_attached(instansi_id: int, plans: list[SKPPlan]) -> None:
    """What is attached to each RHK of SKP that may still change, and where it can be
    moved: three grouped COUNT queries for all of them (none when there is no such SKP);
    the rencana aksi and their evidence are already loaded."""
    rows = [row for p in plans for row in p.rows]
    if not rows:
        return
    ids = [row.rhk.pk for row in rows]

    def per_rhk(model: type[models.Model]) -> dict[int, int]:
        return dict(
            model.objects.filter(instansi_id=instansi_id, rhk_id__in=ids)  # type: ignore[attr-defined]
            .values("rhk_id")
            .annotate(n=Count("pk"))
            .values_list("rhk_id", "n")
        )

    bukti, aktivitas, umpan_balik = per_rhk(BuktiDukung), per_rhk(Aktivitas), per_rhk(UmpanBalik)
    for p in plans:
        for row in p.rows:
            pk = row.rhk.pk
            plans_here = [ra for per in row.periods for ra in per.rencana]
            row.attached = Attached(
                rencana_aksi=len(plans_here),
                bukti=bukti.get(pk, 0) + sum(len(ra.bukti.all()) for ra in plans_here),
                aktivitas=aktivitas.get(pk, 0),
                umpan_balik=umpan_balik.get(pk, 0),
            )
            row.move_targets = [other.rhk for other in p.rows if other.rhk.pk != pk]


# --- the objects a planning page or service works on ---------------------------------


def rhk_for_planning(*, actor: Actor, rhk_id: int) -> tuple[Pegawai, RHK]:
    """The actor's own RHK in force (with its SKP and period), to plan on: another
    agency's RHK is a 404, a colleague's a 403, an RHK of a superseded SKP version a
    ValidationError."""
    pegawai = require_own_pegawai(actor)
    rhk = (
        RHK.objects.select_related("skp", "skp__periode")
        .filter(instansi_id=pegawai.instansi_id, pk=rhk_id)
        .annotate(in_force=skp_in_force_q("skp__"))
        .first()
    )
    if rhk is None:
        raise Http404(_("RHK tidak ditemukan."))
    if rhk.skp.pegawai_id != pegawai.pk:
        raise PermissionDenied(
            _("Rencana aksi hanya dapat disusun untuk RHK pada SKP Anda sendiri.")
        )
    if not rhk.in_force:
        raise ValidationError(
            {
                "rhk": _(
                    "RHK ini berasal dari versi SKP yang tidak berlaku. Susun rencana aksi pada "
                    "SKP yang berlaku."
                )
            }
        )
    return pegawai, rhk


def owned_rencana(*, actor: Actor, rencana_aksi_id: int) -> RencanaAksi:
    """A rencana aksi its owner is about to change (the penilai only comments)."""
    ra = access_rencana_aksi(actor=actor, id=rencana_aksi_id, for_write=True)
    if ra.pegawai_id != me(actor):
        raise PermissionDenied(_("Hanya pemilik rencana aksi yang dapat mengubahnya."))
    return ra


# --- what is attached to RHK (plans/hooks.py) -----------------------------------------


@dataclass(frozen=True)
class Attached:
    """The rows of one person's work that point at some RHK: rencana aksi, evidence (on
    the RHK itself or on its rencana aksi), activities, feedback threads."""

    rencana_aksi: int = 0
    bukti: int = 0
    aktivitas: int = 0
    umpan_balik: int = 0

    @property
    def total(self) -> int:
        return self.rencana_aksi + self.bukti + self.aktivitas + self.umpan_balik


def rhk_attached(*, instansi_id: int, rhk_ids: Iterable[int]) -> Attached:
    """What points at these RHK (four COUNT queries; none without ids)."""
    ids = list(rhk_ids)
    if not ids:
        return Attached()
    return Attached(
        rencana_aksi=RencanaAksi.objects.filter(instansi_id=instansi_id, rhk_id__in=ids).count(),
        bukti=BuktiDukung.objects.filter(instansi_id=instansi_id)
        .filter(Q(rhk_id__in=ids) | Q(rencana_aksi__rhk_id__in=ids))
        .count(),
        aktivitas=Aktivitas.objects.filter(instansi_id=instansi_id, rhk_id__in=ids).count(),
        umpan_balik=UmpanBalik.objects.filter(instansi_id=instansi_id, rhk_id__in=ids).count(),
    )


def attached_texts(attached: Attached) -> list[tuple[int, str]]:
    """(count, “3 rencana aksi”) for each kind that is there, in a fixed order."""
    rows = [
        (
            attached.rencana_aksi,
            ngettext("%(n)s rencana aksi", "%(n)s rencana aksi", attached.rencana_aksi),
        ),
        (attached.bukti, ngettext("%(n)s bukti dukung", "%(n)s bukti dukung", attached.bukti)),
        (attached.aktivitas, ngettext("%(n)s aktivitas", "%(n)s aktivitas", attached.aktivitas)),
        (
            attached.umpan_balik,
            ngettext("%(n)s umpan balik", "%(n)s umpan balik", attached.umpan_balik),
        ),
    ]
    return [(n, text % {"n": n}) for n, text in rows if n]


def removal_check(removal: Removal) -> list[Dependant]:
    """The plans/hooks.py check registered in ExecutionConfig.ready(): what the staff
    member's work has attached to the RHK plans is about to delete (nothing of
    execution points at an IKI)."""
    attached = rhk_attached(instansi_id=removal.instansi_id, rhk_ids=removal.rhk_ids)
    hint = _("Semuanya dapat dipindahkan sekaligus ke RHK lain di Kinerja harian › Rencana aksi.")
    return [Dependant(count=n, text=text, hint=hint) for n, text in attached_texts(attached)]
