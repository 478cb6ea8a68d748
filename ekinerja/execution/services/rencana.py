"""Writes of the rencana aksi (issue 4 item 1): the owner plans the steps of each RHK of
their SKP per period (a month, or a quarter when the year is evaluated quarterly:
plans.PeriodeKinerja.periodik) with a target; the penilai of that SKP comments.

PermenPANRB 6/2022 Lampiran (pelaksanaan kinerja): the pegawai sets out rencana aksi to
reach each RHK, and the pejabat penilai monitors them and gives feedback."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import audit
from ekinerja.core.notify import notify
from ekinerja.core.roles import Actor
from ekinerja.plans.models import SKP

from .. import domain
from ..access import access_rencana_aksi, me
from ..models import Aktivitas, BuktiDukung, RencanaAksi
from ..selectors.rencana import owned_rencana, rhk_for_planning

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
    skp = SKP.objects.select_related("periode").get(pk=ra.rhk.skp_id)
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
