"""Reads of the rencana aksi: a pegawai's plans of a year, grouped by SKP, RHK and
period, for the owner's page and for the penilai's (always scoped by instansi, a fixed
number of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import RHK, SKP

from .. import domain
from ..access import access_rencana_aksi, me, require_own_pegawai
from ..models import BuktiDukung, RencanaAksi
from .aktivitas import usable_skp_q


@dataclass
class Periode:
    ke: int
    label: str
    rencana: list[RencanaAksi] = field(default_factory=list)


@dataclass
class RHKPlan:
    rhk: RHK
    periods: list[Periode]

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
            .filter(usable_skp_q())
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
        .filter(usable_skp_q())
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
    return out


# --- the objects a planning page or service works on ---------------------------------


def rhk_for_planning(*, actor: Actor, rhk_id: int) -> tuple[Pegawai, RHK]:
    """The actor's own RHK in force (with its SKP and period), to plan on: another
    agency's RHK is a 404, a colleague's a 403, an RHK of a superseded SKP version a
    ValidationError."""
    pegawai = require_own_pegawai(actor)
    superseded = SKP.objects.filter(sebelumnya=OuterRef("skp"), status=plans_domain.DISETUJUI)
    rhk = (
        RHK.objects.select_related("skp", "skp__periode")
        .filter(instansi_id=pegawai.instansi_id, pk=rhk_id)
        .annotate(superseded=Exists(superseded))
        .first()
    )
    if rhk is None:
        raise Http404(_("RHK tidak ditemukan."))
    if rhk.skp.pegawai_id != pegawai.pk:
        raise PermissionDenied(
            _("Rencana aksi hanya dapat disusun untuk RHK pada SKP Anda sendiri.")
        )
    if rhk.superseded or (rhk.skp.sebelumnya_id and rhk.skp.status != plans_domain.DISETUJUI):
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
