"""Writes of the rencana aksi (issue 4 item 1): the owner plans the steps of each RHK of
their SKP per period (a month, or a quarter when the year is evaluated quarterly:
plans.PeriodeKinerja.periodik) with a target; the penilai of that SKP comments.

PermenPANRB 6/2022 Lampiran (pelaksanaan kinerja): the pegawai sets out rencana aksi to
reach each RHK, and the pejabat penilai monitors them and gives feedback."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import audit
from ekinerja.core.models import AuditEvent
from ekinerja.core.notify import notify
from ekinerja.core.roles import Actor
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.hooks import RHKReplacement
from ekinerja.plans.models import RHK, SKP

from .. import domain
from ..access import access_rencana_aksi, me, require_own_pegawai
from ..models import Aktivitas, BuktiDukung, RencanaAksi, UmpanBalik
from ..selectors.rencana import Attached, owned_rencana, rhk_for_planning

AUDIT_FIELDS = (
    "rhk",
    "tahun",
    "periode_ke",
    "periodik",
    "uraian",
    "target_jumlah",
    "target_satuan",
)
MAX_TARGET = Decimal("999999999999.99")
NOTIFY_COMMENTED = "rencana_aksi.commented"


def _clean(
    skp: SKP, *, periode_ke: int, uraian: str, target_jumlah: Decimal | None, target_satuan: str
) -> dict:
    """The values to store, or ValidationError with every problem."""
    errors: dict[str, str] = {}
    tahun, periodik = skp.periode.tahun, skp.periode.periodik
    count = domain.period_count(periodik)
    if not isinstance(periode_ke, int) or not 1 <= periode_ke <= count:
        errors["periode_ke"] = (
            _("Pilih triwulan 1 sampai 4.")
            if periodik == domain.TRIWULANAN
            else _("Pilih bulan 1 sampai 12.")
        )
    else:
        first, last = domain.period_range(tahun, periodik, periode_ke)
        if first > skp.tanggal_selesai or last < skp.tanggal_mulai:
            errors["periode_ke"] = _(
                "%(periode)s berada di luar masa SKP (%(mulai)s s.d. %(selesai)s)."
            ) % {
                "periode": domain.period_label(tahun, periodik, periode_ke),
                "mulai": domain.tanggal_text(skp.tanggal_mulai),
                "selesai": domain.tanggal_text(skp.tanggal_selesai),
            }
    uraian = (uraian or "").strip()
    if not uraian:
        errors["uraian"] = _("Uraian rencana aksi wajib diisi.")
    elif len(uraian) > 2000:
        errors["uraian"] = _("Uraian rencana aksi paling banyak 2.000 karakter.")
    if target_jumlah is not None and not (0 <= target_jumlah <= MAX_TARGET):
        errors["target_jumlah"] = _("Target harus berupa angka 0 atau lebih.")
    target_satuan = (target_satuan or "").strip()
    if len(target_satuan) > 64:
        errors["target_satuan"] = _("Satuan paling banyak 64 karakter.")
    if errors:
        raise ValidationError(errors)
    return {
        "tahun": tahun,
        "periodik": periodik,
        "periode_ke": periode_ke,
        "uraian": uraian,
        "target_jumlah": target_jumlah,
        "target_satuan": target_satuan,
    }


@transaction.atomic
def rencana_aksi_create(
    *,
    actor: Actor,
    rhk_id: int,
    periode_ke: int,
    uraian: str,
    target_jumlah: Decimal | None = None,
    target_satuan: str = "",
) -> RencanaAksi:
    pegawai, rhk = rhk_for_planning(actor=actor, rhk_id=rhk_id)
    values = _clean(
        rhk.skp,
        periode_ke=periode_ke,
        uraian=uraian,
        target_jumlah=target_jumlah,
        target_satuan=target_satuan,
    )
    last = RencanaAksi.objects.filter(
        instansi_id=pegawai.instansi_id, rhk_id=rhk.pk, periode_ke=periode_ke
    ).aggregate(m=Max("urutan"))["m"]
    ra = RencanaAksi.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        rhk=rhk,
        urutan=(last or 0) + 1,
        **values,
    )
    audit.record(
        actor=actor.user,
        action="rencana_aksi.create",
        obj=ra,
        changes=audit.snapshot(ra, AUDIT_FIELDS),
    )
    return ra


@transaction.atomic
def rencana_aksi_update(
    *,
    actor: Actor,
    rencana_aksi_id: int,
    periode_ke: int,
    uraian: str,
    target_jumlah: Decimal | None,
    target_satuan: str,
) -> RencanaAksi:
    ra = owned_rencana(actor=actor, rencana_aksi_id=rencana_aksi_id)
    skp = SKP.objects.select_related("periode").get(instansi_id=ra.instansi_id, pk=ra.rhk.skp_id)
    values = _clean(
        skp,
        periode_ke=periode_ke,
        uraian=uraian,
        target_jumlah=target_jumlah,
        target_satuan=target_satuan,
    )
    if values["periode_ke"] != ra.periode_ke:
        moved = Aktivitas.objects.filter(instansi_id=ra.instansi_id, rencana_aksi_id=ra.pk)
        if moved.exists():
            raise ValidationError(
                {
                    "periode_ke": _(
                        "Periode tidak dapat diubah karena rencana aksi ini sudah dipakai "
                        "oleh aktivitas."
                    )
                }
            )
    before = audit.snapshot(ra, AUDIT_FIELDS)
    for name, value in values.items():
        setattr(ra, name, value)
    ra.save()
    audit.record(
        actor=actor.user,
        action="rencana_aksi.update",
        obj=ra,
        changes=audit.diff(before, audit.snapshot(ra, AUDIT_FIELDS)),
    )
    return ra


@transaction.atomic
def rencana_aksi_delete(*, actor: Actor, rencana_aksi_id: int) -> None:
    """Delete one's own plan, unless activities or evidence already refer to it (they
    would lose what they support)."""
    ra = owned_rencana(actor=actor, rencana_aksi_id=rencana_aksi_id)
    used = Aktivitas.objects.filter(instansi_id=ra.instansi_id, rencana_aksi_id=ra.pk).count()
    if used:
        raise ValidationError(
            _(
                "Rencana aksi ini dipakai oleh %(n)s aktivitas sehingga tidak dapat dihapus. "
                "Ubah uraiannya bila rencananya berubah."
            )
            % {"n": used}
        )
    if BuktiDukung.objects.filter(instansi_id=ra.instansi_id, rencana_aksi_id=ra.pk).exists():
        raise ValidationError(
            _("Hapus dulu bukti dukung rencana aksi ini, lalu hapus rencana aksinya.")
        )
    before = audit.snapshot(ra, AUDIT_FIELDS)
    pk, repr_ = ra.pk, str(ra)
    ra.delete()
    audit.record(
        actor=actor.user,
        action="rencana_aksi.delete",
        instansi_id=ra.instansi_id,
        object_type=RencanaAksi._meta.label_lower,
        object_id=str(pk),
        object_repr=repr_,
        changes=before,
    )


@transaction.atomic
def rencana_aksi_comment(*, actor: Actor, rencana_aksi_id: int, catatan: str) -> RencanaAksi:
    """The penilai of the RHK's SKP writes (or, with an empty text, clears) a note on a
    plan; the owner is told."""
    ra = access_rencana_aksi(actor=actor, id=rencana_aksi_id, for_write=True)
    mine = me(actor)
    if mine is None or ra.rhk.skp.penilai_id != mine:
        raise PermissionDenied(
            _("Hanya pejabat penilai SKP ini yang dapat memberi catatan pada rencana aksi.")
        )
    catatan = (catatan or "").strip()
    if len(catatan) > 2000:
        raise ValidationError({"catatan": _("Catatan paling banyak 2.000 karakter.")})
    before = {"catatan_penilai": ra.catatan_penilai}
    ra.catatan_penilai = catatan
    ra.catatan_oleh_id = mine if catatan else None
    ra.catatan_at = timezone.now() if catatan else None
    ra.save(update_fields=["catatan_penilai", "catatan_oleh", "catatan_at", "updated_at"])
    audit.record(
        actor=actor.user,
        action="rencana_aksi.comment",
        obj=ra,
        changes=audit.diff(before, {"catatan_penilai": catatan}),
    )
    if catatan:
        notify(
            recipients=[ra.pegawai.user_id],
            kind=NOTIFY_COMMENTED,
            message=gettext_lazy("Pejabat penilai memberi catatan pada rencana aksi: %(uraian)s"),
            params={"uraian": ra.uraian[:120]},
            url=f"{reverse('execution:rencana-list')}?tahun={ra.tahun}#ra-{ra.pk}",
            instansi_id=ra.instansi_id,
        )
    return ra


# --- moving what is attached to an RHK (plans/hooks.py; issue 11 §4) --------------------


def _move(actor: Actor, instansi_id: int, moves: dict[int, int]) -> Attached:
    """Point every rencana aksi, evidence item, activity and feedback thread of each old
    RHK at its new one, one audit event per moved row; the moved rencana aksi go after
    those the new RHK already has. Evidence on a moved rencana aksi or activity moves
    with it (it points at them, not at the RHK)."""
    rhk_by_id = {
        r.pk: r
        for r in RHK.objects.filter(instansi_id=instansi_id, pk__in=[*moves, *moves.values()])
    }
    kinds = (
        (RencanaAksi, "rencana_aksi.move"),
        (BuktiDukung, "bukti.move"),
        (Aktivitas, "aktivitas.move"),
        (UmpanBalik, "umpan_balik.move"),
    )
    counts = dict.fromkeys((m for m, _a in kinds), 0)
    events: list[AuditEvent] = []
    label = actor.user.get_full_name() or actor.user.get_username()
    for old, new in moves.items():
        if old == new:
            continue
        ref = [audit.ref(rhk_by_id.get(old)), audit.ref(rhk_by_id.get(new))]
        last = (
            RencanaAksi.objects.filter(instansi_id=instansi_id, rhk_id=new).aggregate(
                m=Max("urutan")
            )["m"]
            or 0
        )
        for model, action in kinds:
            rows = list(model.objects.filter(instansi_id=instansi_id, rhk_id=old))
            if not rows:
                continue
            update: dict[str, Any] = {"rhk_id": new}
            if model is RencanaAksi:
                update["urutan"] = F("urutan") + last
            model.objects.filter(instansi_id=instansi_id, pk__in=[r.pk for r in rows]).update(
                **update
            )
            counts[model] += len(rows)
            events.extend(
                AuditEvent(
                    instansi_id=instansi_id,
                    actor=actor.user,
                    actor_label=label[:200],
                    action=action,
                    object_type=model._meta.label_lower,
                    object_id=str(r.pk),
                    object_repr=str(r)[:255],
                    changes={"rhk": ref},
                )
                for r in rows
            )
    audit.bulk_record(events)
    return Attached(
        rencana_aksi=counts[RencanaAksi],
        bukti=counts[BuktiDukung],
        aktivitas=counts[Aktivitas],
        umpan_balik=counts[UmpanBalik],
    )


@transaction.atomic
def rhk_attachments_move(*, actor: Actor, dari_rhk_id: int, ke_rhk_id: int) -> Attached:
    """The owner moves everything attached to one RHK of their SKP (its rencana aksi,
    its evidence, the activities and feedback threads on it) to another RHK of the same
    SKP, so that the first can be deleted or reworded without losing any of it. Only
    while the SKP may still change (a draft, or returned), as deleting an RHK is."""
    pegawai = require_own_pegawai(actor)
    rhks = {
        r.pk: r
        for r in RHK.objects.select_related("skp").filter(
            instansi_id=pegawai.instansi_id, pk__in=[dari_rhk_id, ke_rhk_id]
        )
    }
    dari, ke = rhks.get(dari_rhk_id), rhks.get(ke_rhk_id)
    if dari is None:
        raise Http404(_("RHK tidak ditemukan."))
    if dari.skp.pegawai_id != pegawai.pk:
        raise PermissionDenied(_("Hanya pemilik SKP yang dapat memindahkan isi RHK-nya."))
    if ke is None or ke.skp_id != dari.skp_id or ke.pk == dari.pk:
        raise ValidationError({"ke": _("Pilih RHK lain dari SKP yang sama.")})
    # Plans' own edits lock the SKP row; so does this, so a delete of either RHK waits.
    skp = SKP.objects.select_for_update().get(instansi_id=pegawai.instansi_id, pk=dari.skp_id)
    if not plans_domain.is_editable(skp.status):
        raise ValidationError(
            _(
                "Isi RHK hanya dapat dipindahkan selama SKP masih dapat diubah (draf atau "
                "dikembalikan), seperti menghapus RHK."
            )
        )
    moved = _move(actor, pegawai.instansi_id, {dari.pk: ke.pk})
    if not moved.total:
        raise ValidationError(_("Tidak ada yang terlampir pada RHK ini untuk dipindahkan."))
    return moved


def on_rhk_replaced(replacement: RHKReplacement) -> None:
    """The plans/hooks.py listener registered in ExecutionConfig.ready(): plans replaces
    RHK by copies (a draft SKP replaced on a position change) and has authorised it;
    what was attached to each old RHK follows its copy, in plans' transaction."""
    _move(replacement.actor, replacement.instansi_id, dict(replacement.moves))
