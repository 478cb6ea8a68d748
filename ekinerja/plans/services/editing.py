"""Writes for filling an SKP: the owner's edits (RHK, IKI, lampiran) and the penilai's
expectations. Each: authorise → load and lock → domain rules → save → audit
(CONVENTIONS.md). Sources: rules §3, §7, §8; PermenPANRB 6/2022. Periods are in
`periode`, creating an SKP in `creation`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai

from .. import domain
from ..access import access_iki, access_rhk, access_skp, skp_role
from ..models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi
from ..selectors import intervensi_targets
from .common import raise_errors
from .removal import IKI_KIND, RHK_KIND, delete_or_refuse, refuse_if_attached

IKI_FIELDS = [
    "aspek", "indikator", "target_jenis", "target_nilai", "target_min", "target_maks",
    "target_teks", "satuan", "arah",
]  # fmt: skip
ARAH = ("naik", "turun")  # higher / lower is better (rules §3; IKI.arah)


def clean_arah(arah: str | None, target_jenis: str, current: str = "naik") -> str:
    """The direction of an IKI's capaian (rules §3): None keeps `current`; only a single
    number target has one (a range scores 100% inside it, a text target has none)."""
    value = current if arah is None else arah
    if value not in ARAH:
        raise ValidationError(
            {"arah": [_("Arah capaian harus “makin tinggi” atau “makin rendah makin baik”.")]}
        )
    return value if target_jenis == domain.TARGET_ANGKA else "naik"


LAMPIRAN_FIELDS = ["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"]


def _lock(skp: SKP) -> SKP:
    return SKP.objects.select_for_update().get(instansi_id=skp.instansi_id, pk=skp.pk)


def _owner_edit(actor: Actor, skp_id: int) -> SKP:
    """The SKP, locked, if the actor owns it and it is open for editing. A returned SKP
    becomes a draft again on its first edit (rules §8: dikembalikan → draft)."""
    found = access_skp(actor=actor, id=skp_id, for_write=True)
    if not domain.can(skp_role(actor, found), domain.EDIT):
        raise PermissionDenied(_("Hanya pemilik SKP yang dapat mengubah isinya."))
    skp = _lock(found)
    if not domain.is_editable(skp.status):
        raise ValidationError(
            _(
                "SKP berstatus %(s)s tidak dapat diubah. SKP yang diajukan menunggu keputusan "
                "pejabat penilai; SKP yang disetujui hanya berubah melalui revisi."
            )
            % {"s": skp.get_status_display()}
        )
    if skp.status == domain.DIKEMBALIKAN:
        old = skp.status
        skp.status = domain.next_status(old, domain.REDRAFT)
        skp.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor.user, action="skp.redraft", obj=skp, changes={"status": [old, skp.status]}
        )
    return skp


def _rhk_for_owner(actor: Actor, rhk_id: int) -> tuple[SKP, RHK]:
    rhk = access_rhk(actor=actor, id=rhk_id, for_write=True)
    return _owner_edit(actor, rhk.skp_id), rhk


def _check_intervensi(skp: SKP, intervensi_id: int | None) -> RHK | None:
    """The supervisor's RHK this RHK supports: one RHK of the penilai's approved (and
    current) SKP whose period overlaps, except at the top of the cascade (rules §8)."""
    penilai_status = (
        Pegawai.objects.filter(instansi_id=skp.instansi_id, pk=skp.penilai_id)
        .values_list("status", flat=True)
        .first()
        if skp.penilai_id
        else None
    )
    top = domain.is_top_of_cascade(
        has_penilai=skp.penilai_id is not None, penilai_non_asn=penilai_status == "NON_ASN"
    )
    if top:
        if intervensi_id:
            raise ValidationError(
                {
                    "intervensi": [
                        _(
                            "SKP ini berada di puncak kaskade: RHK-nya dituliskan dari "
                            "Perjanjian Kinerja dan tidak mengintervensi RHK lain."
                        )
                    ]
                }
            )
        return None
    nama = (skp.snapshot.get("penilai") or {}).get("nama", "")
    if not intervensi_id:
        raise ValidationError(
            {
                "intervensi": [
                    _("Pilih RHK pejabat penilai (%(n)s) yang didukung RHK ini.") % {"n": nama}
                ]
            }
        )
    target = intervensi_targets(skp).filter(instansi_id=skp.instansi_id, pk=intervensi_id).first()
    if target is None:
        raise ValidationError(
            {
                "intervensi": [
                    _(
                        "RHK yang dipilih bukan bagian dari SKP %(n)s yang sudah disetujui untuk "
                        "periode ini. Pilih RHK dari SKP pejabat penilai yang disetujui."
                    )
                    % {"n": nama}
                ]
            }
        )
    return target


def _rhk_errors(jenis: str, teks: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if jenis not in domain.JENIS_RHK:
        errors["jenis"] = _("Jenis RHK harus utama atau tambahan.")
    if not (teks or "").strip():
        errors["teks"] = _("Tuliskan rencana hasil kerjanya.")
    elif too_long := domain.text_too_long(teks, domain.MAX_RHK_TEKS):
        errors["teks"] = too_long
    return errors


@transaction.atomic
def rhk_add(
    *, actor: Actor, skp_id: int, jenis: str, teks: str, intervensi_id: int | None = None
) -> RHK:
    skp = _owner_edit(actor, skp_id)
    raise_errors(_rhk_errors(jenis, teks))
    intervensi = _check_intervensi(skp, intervensi_id)
    last = RHK.objects.filter(instansi_id=skp.instansi_id, skp=skp).aggregate(m=Max("urutan"))
    rhk = RHK.objects.create(
        instansi_id=skp.instansi_id,
        skp=skp,
        jenis=jenis,
        teks=teks.strip(),
        intervensi=intervensi,
        urutan=(last["m"] or 0) + 1,
    )
    audit.record(
        actor=actor.user,
        action="rhk.add",
        obj=rhk,
        changes={"skp": skp.pk, **audit.snapshot(rhk, ["jenis", "teks", "intervensi"])},
    )
    return rhk


@transaction.atomic
def rhk_update(
    *, actor: Actor, rhk_id: int, jenis: str, teks: str, intervensi_id: int | None = None
) -> RHK:
    skp, rhk = _rhk_for_owner(actor, rhk_id)
    raise_errors(_rhk_errors(jenis, teks))
    intervensi = _check_intervensi(skp, intervensi_id)
    fields = ["jenis", "teks", "intervensi"]
    before = audit.snapshot(rhk, fields)
    rhk.jenis, rhk.teks, rhk.intervensi = jenis, teks.strip(), intervensi
    rhk.save(update_fields=["jenis", "teks", "intervensi"])
    audit.record(
        actor=actor.user,
        action="rhk.update",
        obj=rhk,
        changes=audit.diff(before, audit.snapshot(rhk, fields)),
    )
    return rhk


@transaction.atomic
def rhk_delete(*, actor: Actor, rhk_id: int) -> None:
    _skp, rhk = _rhk_for_owner(actor, rhk_id)
    supported = RHK.objects.filter(instansi_id=rhk.instansi_id, intervensi=rhk).count()
    if supported:
        raise ValidationError(
            _(
                "RHK ini didukung oleh %(n)s RHK bawahan dan tidak dapat dihapus. Ubah "
                "teksnya, atau minta bawahan memilih RHK lain terlebih dahulu."
            )
            % {"n": supported}
        )
    # What the staff member planned, logged and uploaded against it stays theirs: refuse
    # while anything is attached (plans/hooks.py; execution answers), never cascade.
    refuse_if_attached(instansi_id=rhk.instansi_id, kind=RHK_KIND, rhk_ids=[rhk.pk])
    before = audit.snapshot(rhk, ["jenis", "teks", "intervensi"])
    pk, label = rhk.pk, str(rhk)
    delete_or_refuse(rhk, kind=RHK_KIND)
    audit.record(
        actor=actor.user,
        action="rhk.delete",
        instansi_id=actor.instansi_id,
        object_type="plans.rhk",
        object_id=str(pk),
        object_repr=label,
        changes={k: [v, None] for k, v in before.items()},
    )


# --- IKI ----------------------------------------------------------------------------


def clean_iki(
    pendekatan: str, aspek: str, indikator: str, target: dict[str, Any]
) -> dict[str, Any]:
    """An IKI's fields checked against the SKP's (or template's) pendekatan
    (domain.clean_target), as model values; ValidationError by field otherwise."""
    errors: dict[str, str] = {}
    if aspek not in domain.ASPEK:
        errors["aspek"] = _("Aspek harus kuantitas, kualitas, waktu, atau biaya.")
    if not (indikator or "").strip():
        errors["indikator"] = _("Tuliskan indikator kinerjanya.")
    elif too_long := domain.text_too_long(indikator, domain.MAX_INDIKATOR):
        errors["indikator"] = too_long
    cleaned, target_errs = domain.clean_target(
        target.get("target_jenis", ""),
        target.get("target_nilai"),
        target.get("target_min"),
        target.get("target_maks"),
        target.get("target_teks", ""),
        target.get("satuan", ""),
        pendekatan,
    )
    errors.update(target_errs)
    for field, limit in (("target_teks", domain.MAX_TARGET_TEKS), ("satuan", domain.MAX_SATUAN)):
        if too_long := domain.text_too_long(str(target.get(field) or ""), limit):
            errors[field] = too_long
    raise_errors(errors)
    assert cleaned is not None
    return {
        "aspek": aspek,
        "indikator": indikator.strip(),
        "target_jenis": cleaned.jenis,
        "target_nilai": cleaned.nilai,
        "target_min": cleaned.minimum,
        "target_maks": cleaned.maksimum,
        "target_teks": cleaned.teks,
        "satuan": cleaned.satuan,
    }


TargetValue = str | Decimal | int | None


@transaction.atomic
def iki_add(
    *,
    actor: Actor,
    rhk_id: int,
    aspek: str,
    indikator: str,
    target_jenis: str,
    target_nilai: TargetValue = None,
    target_min: TargetValue = None,
    target_maks: TargetValue = None,
    target_teks: str = "",
    satuan: str = "",
    arah: str | None = None,
) -> IKI:
    """An indicator with its target (rules §8); numbers accept `12,5` (domain); `arah`
    says whether a lower realisasi is better (rules §3); None: by its aspek (Waktu is
    lower-is-better, domain.default_arah)."""
    skp, rhk = _rhk_for_owner(actor, rhk_id)
    values = clean_iki(
        skp.pendekatan,
        aspek,
        indikator,
        dict(target_jenis=target_jenis, target_nilai=target_nilai, target_min=target_min,
             target_maks=target_maks, target_teks=target_teks, satuan=satuan),
    )  # fmt: skip
    values["arah"] = clean_arah(arah or domain.default_arah(aspek), values["target_jenis"])
    last = IKI.objects.filter(instansi_id=skp.instansi_id, rhk=rhk).aggregate(m=Max("urutan"))
    iki = IKI.objects.create(
        instansi_id=skp.instansi_id, rhk=rhk, urutan=(last["m"] or 0) + 1, **values
    )
    audit.record(
        actor=actor.user,
        action="iki.add",
        obj=iki,
        changes={"rhk": rhk.pk, **audit.snapshot(iki, IKI_FIELDS)},
    )
    return iki


def _iki_for_owner(actor: Actor, iki_id: int) -> tuple[SKP, IKI]:
    iki = access_iki(actor=actor, id=iki_id, for_write=True)
    return _owner_edit(actor, iki.rhk.skp_id), iki


@transaction.atomic
def iki_update(
    *,
    actor: Actor,
    iki_id: int,
    aspek: str,
    indikator: str,
    target_jenis: str,
    target_nilai: TargetValue = None,
    target_min: TargetValue = None,
    target_maks: TargetValue = None,
    target_teks: str = "",
    satuan: str = "",
    arah: str | None = None,
) -> IKI:
    """Change an IKI; `arah` None keeps its direction."""
    skp, iki = _iki_for_owner(actor, iki_id)
    values = clean_iki(
        skp.pendekatan,
        aspek,
        indikator,
        dict(target_jenis=target_jenis, target_nilai=target_nilai, target_min=target_min,
             target_maks=target_maks, target_teks=target_teks, satuan=satuan),
    )  # fmt: skip
    values["arah"] = clean_arah(arah, values["target_jenis"], iki.arah)
    before = audit.snapshot(iki, IKI_FIELDS)
    for k, v in values.items():
        setattr(iki, k, v)
    iki.save(update_fields=list(values))
    iki.refresh_from_db(fields=["target_nilai", "target_min", "target_maks"])
    audit.record(
        actor=actor.user,
        action="iki.update",
        obj=iki,
        changes=audit.diff(before, audit.snapshot(iki, IKI_FIELDS)),
    )
    return iki


@transaction.atomic
def iki_delete(*, actor: Actor, iki_id: int) -> None:
    _skp, iki = _iki_for_owner(actor, iki_id)
    refuse_if_attached(instansi_id=iki.instansi_id, kind=IKI_KIND, iki_ids=[iki.pk])
    before = audit.snapshot(iki, IKI_FIELDS)
    pk, label = iki.pk, str(iki)
    delete_or_refuse(iki, kind=IKI_KIND)
    audit.record(
        actor=actor.user,
        action="iki.delete",
        instansi_id=actor.instansi_id,
        object_type="plans.iki",
        object_id=str(pk),
        object_repr=label,
        changes={k: [v, None] for k, v in before.items()},
    )


# --- perilaku and lampiran ----------------------------------------------------------


@transaction.atomic
def ekspektasi_set(*, actor: Actor, skp_id: int, nilai: int, ekspektasi: str) -> PerilakuEkspektasi:
    """The penilai's "ekspektasi khusus pimpinan" for one BerAKHLAK value (rules §7, §8),
    written before approval."""
    found = access_skp(actor=actor, id=skp_id, for_write=True)
    if not domain.can(skp_role(actor, found), domain.SET_EKSPEKTASI):
        raise PermissionDenied(
            _("Ekspektasi khusus pimpinan hanya dituliskan oleh pejabat penilai SKP ini.")
        )
    skp = _lock(found)
    if skp.status == domain.DISETUJUI:
        raise ValidationError(
            _("SKP sudah disetujui; ekspektasi hanya dapat diubah melalui revisi SKP.")
        )
    try:
        domain.berakhlak(int(nilai))
    except (domain.PlanRuleError, ValueError, TypeError) as e:
        raise ValidationError({"nilai": [_("Nilai BerAKHLAK harus bernomor 1 sampai 7.")]}) from e
    if too_long := domain.text_too_long(ekspektasi, domain.MAX_EKSPEKTASI):
        raise ValidationError({"ekspektasi": [too_long]})
    row = PerilakuEkspektasi.objects.get(instansi_id=skp.instansi_id, skp=skp, nilai=int(nilai))
    old = row.ekspektasi
    row.ekspektasi = (ekspektasi or "").strip()
    row.save(update_fields=["ekspektasi"])
    audit.record(
        actor=actor.user,
        action="ekspektasi.set",
        obj=row,
        changes={"skp": skp.pk, "nilai": row.nilai, "ekspektasi": [old, row.ekspektasi]},
    )
    return row


@transaction.atomic
def lampiran_set(
    *,
    actor: Actor,
    skp_id: int,
    dukungan_sumber_daya: str,
    skema_pertanggungjawaban: str,
    konsekuensi: str,
) -> Lampiran:
    skp = _owner_edit(actor, skp_id)
    texts = {
        "dukungan_sumber_daya": dukungan_sumber_daya,
        "skema_pertanggungjawaban": skema_pertanggungjawaban,
        "konsekuensi": konsekuensi,
    }
    raise_errors(
        {
            field: too_long
            for field, text in texts.items()
            if (too_long := domain.text_too_long(text, domain.MAX_LAMPIRAN))
        }
    )
    lampiran = Lampiran.objects.get(instansi_id=skp.instansi_id, skp=skp)
    before = audit.snapshot(lampiran, LAMPIRAN_FIELDS)
    lampiran.dukungan_sumber_daya = (dukungan_sumber_daya or "").strip()
    lampiran.skema_pertanggungjawaban = (skema_pertanggungjawaban or "").strip()
    lampiran.konsekuensi = (konsekuensi or "").strip()
    lampiran.save(update_fields=LAMPIRAN_FIELDS)
    audit.record(
        actor=actor.user,
        action="lampiran.set",
        obj=lampiran,
        changes=audit.diff(before, audit.snapshot(lampiran, LAMPIRAN_FIELDS)),
    )
    return lampiran
