"""Reads of evidence (bukti dukung): what an activity, a rencana aksi or an RHK is
supported by, and the thing a new piece of evidence is attached to (its target), with
whether its owner may still change its evidence.

Who may read is decided by access.py (access_aktivitas, access_rencana_aksi,
plans.access.access_rhk, access_bukti); these functions are scoped by instansi and
bounded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import require_instansi
from ekinerja.core.roles import Actor
from ekinerja.plans.access import access_rhk
from ekinerja.plans.models import RHK
from ekinerja.plans.selectors import skp_is_superseded

from .. import domain
from ..access import access_aktivitas, access_rencana_aksi, me
from ..models import Aktivitas, BuktiDukung, RencanaAksi

# A page lists at most this many items of one thing (evidence is a handful per item).
LIST_LIMIT = 200

AKTIVITAS = "aktivitas"
RENCANA_AKSI = "rencana_aksi"
RHK_ = "rhk"


@dataclass
class Target:
    """What a piece of evidence supports."""

    kind: str  # AKTIVITAS / RENCANA_AKSI / RHK_
    obj: Aktivitas | RencanaAksi | RHK
    pegawai_id: int
    # "" while the owner may still add or remove evidence; else why not.
    closed: str

    @property
    def pk(self) -> int:
        return int(self.obj.pk)

    @property
    def is_open(self) -> bool:
        return not self.closed

    @property
    def field(self) -> str:
        """The BuktiDukung foreign key of this kind."""
        return self.kind

    @property
    def param(self) -> str:
        """The query parameter of the upload page (?aktivitas= / ?rencana= / ?rhk=)."""
        return {AKTIVITAS: "aktivitas", RENCANA_AKSI: "rencana", RHK_: "rhk"}[self.kind]

    @property
    def kind_label(self) -> str:
        return {AKTIVITAS: _("Aktivitas"), RENCANA_AKSI: _("Rencana aksi"), RHK_: _("RHK")}[
            self.kind
        ]

    @property
    def text(self) -> str:
        if isinstance(self.obj, RHK):
            return self.obj.teks
        return self.obj.uraian

    def is_owner(self, actor: Actor) -> bool:
        return self.pegawai_id == me(actor)


def closed_reason(kind: str, obj: Aktivitas | RencanaAksi | RHK) -> str:
    """Why the owner can no longer add or remove evidence of `obj`, or "".

    An activity keeps its evidence once verified or rejected (it is then the
    supervisor's record: domain.owner_can_edit); the evidence of a rencana aksi or of an
    RHK's realisation changes while its SKP is the current version (not replaced by an
    approved revision)."""
    if isinstance(obj, Aktivitas):
        if domain.owner_can_edit(obj.status):
            return ""
        return _(
            "Aktivitas yang sudah diverifikasi atau ditolak tidak dapat diubah bukti "
            "dukungnya; bukti yang ada tetap tersimpan sebagai catatan."
        )
    skp_id = obj.rhk.skp_id if isinstance(obj, RencanaAksi) else obj.skp_id
    if not skp_is_superseded(instansi_id=obj.instansi_id, skp_id=skp_id):
        return ""
    return _(
        "SKP dari RHK ini sudah digantikan oleh revisi yang disetujui; bukti dukungnya "
        "disimpan sebagai riwayat. Tambahkan bukti dukung pada RHK di SKP versi terbaru."
    )


def target_for(
    *,
    actor: Actor | None,
    aktivitas_id: int | None = None,
    rencana_aksi_id: int | None = None,
    rhk_id: int | None = None,
    for_write: bool = False,
) -> Target:
    """The one thing evidence is attached to, checked for the actor: readers (access.py)
    or, with `for_write`, its owner only (another agency's: 404; no right: 403)."""
    actor = require_instansi(actor)
    given = [x for x in (aktivitas_id, rencana_aksi_id, rhk_id) if x is not None]
    if len(given) != 1:
        raise Http404(_("Pilih satu aktivitas, rencana aksi atau RHK untuk bukti dukungnya."))
    if aktivitas_id is not None:
        akt = access_aktivitas(actor=actor, id=aktivitas_id, for_write=for_write)
        return Target(AKTIVITAS, akt, akt.pegawai_id, closed_reason(AKTIVITAS, akt))
    if rencana_aksi_id is not None:
        ra = access_rencana_aksi(actor=actor, id=rencana_aksi_id)
        target = Target(RENCANA_AKSI, ra, ra.pegawai_id, closed_reason(RENCANA_AKSI, ra))
    else:
        assert rhk_id is not None
        rhk = access_rhk(actor=actor, id=rhk_id)
        target = Target(RHK_, rhk, rhk.skp.pegawai_id, closed_reason(RHK_, rhk))
    if for_write and not target.is_owner(actor):
        raise PermissionDenied(
            _("Hanya pemilik %(jenis)s ini yang dapat mengubah bukti dukungnya.")
            % {"jenis": target.kind_label.lower()}
        )
    return target


def bukti_list(*, instansi_id: int, target: Target) -> list[BuktiDukung]:
    """The evidence of one thing, oldest first."""
    return list(
        BuktiDukung.objects.filter(instansi_id=instansi_id, **{target.field: target.obj})[
            :LIST_LIMIT
        ]
    )


def bukti_for_aktivitas(
    *, instansi_id: int, aktivitas_ids: Iterable[int]
) -> dict[int, list[BuktiDukung]]:
    """The evidence of many activities in one query ({aktivitas_id: [bukti]}), for the
    day view, the week view and the verification queue."""
    ids = list(aktivitas_ids)
    out: dict[int, list[BuktiDukung]] = defaultdict(list)
    if ids:
        for b in BuktiDukung.objects.filter(instansi_id=instansi_id, aktivitas_id__in=ids):
            out[cast(int, b.aktivitas_id)].append(b)  # filtered on aktivitas_id__in
    return dict(out)


def bukti_for_rencana_aksi(
    *, instansi_id: int, rencana_aksi_ids: Iterable[int]
) -> dict[int, list[BuktiDukung]]:
    """As bukti_for_aktivitas, for rencana aksi."""
    ids = list(rencana_aksi_ids)
    out: dict[int, list[BuktiDukung]] = defaultdict(list)
    if ids:
        for b in BuktiDukung.objects.filter(instansi_id=instansi_id, rencana_aksi_id__in=ids):
            out[cast(int, b.rencana_aksi_id)].append(b)  # filtered on rencana_aksi_id__in
    return dict(out)


@dataclass
class RHKEvidence:
    """Everything that shows an RHK's realisation: its own evidence, and that of its
    rencana aksi and of the activities logged against it."""

    own: list[BuktiDukung]
    rencana: list[BuktiDukung]  # each with .rencana_aksi loaded
    aktivitas: list[BuktiDukung]  # each with .aktivitas loaded
    truncated: bool


def rhk_evidence(*, instansi_id: int, rhk_id: int) -> RHKEvidence:
    """One query, at most LIST_LIMIT items."""
    rows = list(
        BuktiDukung.objects.select_related("rencana_aksi", "aktivitas")
        .filter(instansi_id=instansi_id)
        .filter(Q(rhk_id=rhk_id) | Q(rencana_aksi__rhk_id=rhk_id) | Q(aktivitas__rhk_id=rhk_id))
        .order_by("-created_at", "-id")[: LIST_LIMIT + 1]
    )
    truncated = len(rows) > LIST_LIMIT
    rows = rows[:LIST_LIMIT]
    return RHKEvidence(
        own=[b for b in rows if b.rhk_id == rhk_id],
        rencana=[b for b in rows if b.rencana_aksi_id is not None],
        aktivitas=[b for b in rows if b.aktivitas_id is not None],
        truncated=truncated,
    )
