"""SKP templates per jabatan (issue 3 item 8): the Admin Instansi keeps, for one jabatan
or for every jabatan of one jenis, a set of RHK with their IKI; the owner of a draft
SKP adds a matching template's rows to it (skp_apply_template).

Writes follow CONVENTIONS.md (authorise → load and lock → domain rules → save → audit,
one transaction, a refusal changes nothing). Getting a template or one of its rows by
id is in plans.access; the reads these pages need are in plans.selectors.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.access import MemberActor
from ekinerja.core.roles import Actor
from ekinerja.org.models import Jabatan

from .. import domain
from ..access import (
    access_skp_template,
    access_skp_template_iki,
    access_skp_template_rhk,
    require_template_admin,
)
from ..models import IKI, RHK, SKPTemplate, SKPTemplateIKI, SKPTemplateRHK
from ..selectors import skp_is_top_of_cascade, template_matches_q
from .common import raise_errors
from .copying import IKI_FIELDS, Copied, _target_problems
from .editing import _owner_edit, clean_iki

TEMPLATE_FIELDS = ["nama", "jabatan", "jenis_jabatan", "pendekatan", "keterangan"]
TEMPLATE_RHK_FIELDS = ["jenis", "teks"]
JENIS_JABATAN = {c for c, _label in Jabatan.Jenis.choices}

TargetValue = str | Decimal | int | None


def _template_values(
    actor: MemberActor,
    *,
    nama: str,
    jabatan_id: int | None,
    jenis_jabatan: str,
    pendekatan: str,
    keterangan: str,
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    nama = (nama or "").strip()
    jenis_jabatan = (jenis_jabatan or "").strip()
    if not nama:
        errors["nama"] = _("Beri nama templat, mis. “SKP Pengadministrasi Umum”.")
    elif len(nama) > 200:
        errors["nama"] = _("Nama templat paling panjang 200 karakter.")
    if pendekatan not in domain.PENDEKATAN:
        errors["pendekatan"] = _("Pendekatan harus kuantitatif atau kualitatif.")
    jabatan = None
    if jabatan_id and jenis_jabatan:
        errors["jenis_jabatan"] = _(
            "Pilih salah satu: satu jabatan tertentu, atau semua jabatan dengan jenis ini."
        )
    elif jabatan_id:
        jabatan = Jabatan.objects.filter(instansi_id=actor.instansi_id, pk=jabatan_id).first()
        if jabatan is None:
            errors["jabatan"] = _("Jabatan tidak ditemukan di instansi ini.")
    elif jenis_jabatan:
        if jenis_jabatan not in JENIS_JABATAN:
            errors["jenis_jabatan"] = _("Jenis jabatan tidak dikenal.")
    else:
        errors["jabatan"] = _(
            "Pilih jabatan templat ini, atau jenis jabatan bila templat berlaku untuk semua "
            "jabatan sejenis."
        )
    raise_errors(errors)
    return {
        "nama": nama,
        "jabatan": jabatan,
        "jenis_jabatan": "" if jabatan else jenis_jabatan,
        "pendekatan": pendekatan,
        "keterangan": (keterangan or "").strip(),
    }


@transaction.atomic
def skp_template_create(
    *,
    actor: MemberActor,
    nama: str,
    jabatan_id: int | None = None,
    jenis_jabatan: str = "",
    pendekatan: str = domain.KUANTITATIF,
    keterangan: str = "",
) -> SKPTemplate:
    """A template for one jabatan, or for every jabatan of one jenis (Admin Instansi)."""
    actor = require_template_admin(actor)
    values = _template_values(
        actor,
        nama=nama,
        jabatan_id=jabatan_id,
        jenis_jabatan=jenis_jabatan,
        pendekatan=pendekatan,
        keterangan=keterangan,
    )
    template = SKPTemplate.objects.create(instansi_id=actor.instansi_id, **values)
    audit.record(
        actor=actor.user,
        action="skp_template.create",
        obj=template,
        changes={k: [None, v] for k, v in audit.snapshot(template, TEMPLATE_FIELDS).items()},
    )
    return template


@transaction.atomic
def skp_template_update(
    *,
    actor: Actor,
    template_id: int,
    nama: str,
    jabatan_id: int | None = None,
    jenis_jabatan: str = "",
    pendekatan: str = domain.KUANTITATIF,
    keterangan: str = "",
) -> SKPTemplate:
    template = access_skp_template(actor=actor, id=template_id, lock=True)
    actor = require_template_admin(actor)  # passed inside access_skp_template
    values = _template_values(
        actor,
        nama=nama,
        jabatan_id=jabatan_id,
        jenis_jabatan=jenis_jabatan,
        pendekatan=pendekatan,
        keterangan=keterangan,
    )
    if values["pendekatan"] != domain.KUALITATIF:
        teks = SKPTemplateIKI.objects.filter(
            instansi_id=template.instansi_id,
            rhk__template=template,
            target_jenis=domain.TARGET_TEKS,
        ).count()
        if teks:
            raise ValidationError(
                {
                    "pendekatan": [
                        _(
                            "%(n)s IKI templat ini bertarget uraian, yang hanya untuk "
                            "pendekatan kualitatif. Ubah target IKI tersebut terlebih dahulu."
                        )
                        % {"n": teks}
                    ]
                }
            )
    before = audit.snapshot(template, TEMPLATE_FIELDS)
    for k, v in values.items():
        setattr(template, k, v)
    template.save()
    changes = audit.diff(before, audit.snapshot(template, TEMPLATE_FIELDS))
    if changes:
        audit.record(actor=actor.user, action="skp_template.update", obj=template, changes=changes)
    return template


@transaction.atomic
def skp_template_delete(*, actor: Actor, template_id: int) -> None:
    """Delete a template with its rows. SKP already started from it keep their copies."""
    template = access_skp_template(actor=actor, id=template_id, lock=True)
    before = audit.snapshot(template, TEMPLATE_FIELDS)
    pk, label = template.pk, str(template)
    before["rhk"] = SKPTemplateRHK.objects.filter(
        instansi_id=template.instansi_id, template=template
    ).count()
    template.delete()
    audit.record(
        actor=actor.user,
        action="skp_template.delete",
        instansi_id=actor.instansi_id,
        object_type=SKPTemplate._meta.label_lower,
        object_id=str(pk),
        object_repr=label,
        changes={k: [v, None] for k, v in before.items()},
    )


def _template_rhk_values(jenis: str, teks: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if jenis not in domain.JENIS_RHK:
        errors["jenis"] = _("Jenis RHK harus utama atau tambahan.")
    if not (teks or "").strip():
        errors["teks"] = _("Tuliskan rencana hasil kerjanya.")
    elif too_long := domain.text_too_long(teks, domain.MAX_RHK_TEKS):
        errors["teks"] = too_long
    raise_errors(errors)
    return {"jenis": jenis, "teks": teks.strip()}


def _lock_template(instansi_id: int, template_id: int) -> None:
    """Serialise writes to one template's rows (the order numbers)."""
    SKPTemplate.objects.select_for_update().filter(instansi_id=instansi_id, pk=template_id).first()


@transaction.atomic
def skp_template_rhk_add(
    *, actor: Actor, template_id: int, jenis: str, teks: str
) -> SKPTemplateRHK:
    template = access_skp_template(actor=actor, id=template_id, lock=True)
    values = _template_rhk_values(jenis, teks)
    last = SKPTemplateRHK.objects.filter(
        instansi_id=template.instansi_id, template=template
    ).aggregate(m=Max("urutan"))["m"]
    row = SKPTemplateRHK.objects.create(
        instansi_id=template.instansi_id, template=template, urutan=(last or 0) + 1, **values
    )
    audit.record(
        actor=actor.user,
        action="skp_template.rhk.add",
        obj=row,
        changes={
            "templat": [None, audit.ref(template)],
            **{k: [None, v] for k, v in values.items()},
        },
    )
    return row


@transaction.atomic
def skp_template_rhk_update(*, actor: Actor, rhk_id: int, jenis: str, teks: str) -> SKPTemplateRHK:
    row = access_skp_template_rhk(actor=actor, id=rhk_id)
    _lock_template(row.instansi_id, row.template_id)
    values = _template_rhk_values(jenis, teks)
    before = audit.snapshot(row, TEMPLATE_RHK_FIELDS)
    row.jenis, row.teks = values["jenis"], values["teks"]
    row.save(update_fields=["jenis", "teks"])
    changes = audit.diff(before, audit.snapshot(row, TEMPLATE_RHK_FIELDS))
    if changes:
        audit.record(actor=actor.user, action="skp_template.rhk.update", obj=row, changes=changes)
    return row


@transaction.atomic
def skp_template_rhk_delete(*, actor: Actor, rhk_id: int) -> None:
    row = access_skp_template_rhk(actor=actor, id=rhk_id)
    _lock_template(row.instansi_id, row.template_id)
    before = audit.snapshot(row, TEMPLATE_RHK_FIELDS)
    pk, label = row.pk, str(row)
    row.delete()
    audit.record(
        actor=actor.user,
        action="skp_template.rhk.delete",
        instansi_id=actor.instansi_id,
        object_type=SKPTemplateRHK._meta.label_lower,
        object_id=str(pk),
        object_repr=label,
        changes={k: [v, None] for k, v in before.items()},
    )


@transaction.atomic
def skp_template_iki_add(
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
) -> SKPTemplateIKI:
    """An IKI row of a template RHK; the target is checked as an SKP's would be, against
    the template's pendekatan (domain.clean_target)."""
    rhk = access_skp_template_rhk(actor=actor, id=rhk_id)
    _lock_template(rhk.instansi_id, rhk.template_id)
    values = clean_iki(
        rhk.template.pendekatan,
        aspek,
        indikator,
        dict(target_jenis=target_jenis, target_nilai=target_nilai, target_min=target_min,
             target_maks=target_maks, target_teks=target_teks, satuan=satuan),
    )  # fmt: skip
    last = SKPTemplateIKI.objects.filter(instansi_id=rhk.instansi_id, rhk=rhk).aggregate(
        m=Max("urutan")
    )["m"]
    row = SKPTemplateIKI.objects.create(
        instansi_id=rhk.instansi_id, rhk=rhk, urutan=(last or 0) + 1, **values
    )
    audit.record(
        actor=actor.user,
        action="skp_template.iki.add",
        obj=row,
        changes={
            "rhk": [None, audit.ref(rhk)],
            **{k: [None, v] for k, v in audit.snapshot(row, IKI_FIELDS).items()},
        },
    )
    return row


@transaction.atomic
def skp_template_iki_update(
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
) -> SKPTemplateIKI:
    row = access_skp_template_iki(actor=actor, id=iki_id)
    _lock_template(row.instansi_id, row.rhk.template_id)
    values = clean_iki(
        row.rhk.template.pendekatan,
        aspek,
        indikator,
        dict(target_jenis=target_jenis, target_nilai=target_nilai, target_min=target_min,
             target_maks=target_maks, target_teks=target_teks, satuan=satuan),
    )  # fmt: skip
    before = audit.snapshot(row, IKI_FIELDS)
    for k, v in values.items():
        setattr(row, k, v)
    row.save(update_fields=list(values))
    row.refresh_from_db(fields=["target_nilai", "target_min", "target_maks"])
    changes = audit.diff(before, audit.snapshot(row, IKI_FIELDS))
    if changes:
        audit.record(actor=actor.user, action="skp_template.iki.update", obj=row, changes=changes)
    return row


@transaction.atomic
def skp_template_iki_delete(*, actor: Actor, iki_id: int) -> None:
    row = access_skp_template_iki(actor=actor, id=iki_id)
    _lock_template(row.instansi_id, row.rhk.template_id)
    before = audit.snapshot(row, IKI_FIELDS)
    pk, label = row.pk, str(row)
    row.delete()
    audit.record(
        actor=actor.user,
        action="skp_template.iki.delete",
        instansi_id=actor.instansi_id,
        object_type=SKPTemplateIKI._meta.label_lower,
        object_id=str(pk),
        object_repr=label,
        changes={k: [v, None] for k, v in before.items()},
    )


@transaction.atomic
def skp_apply_template(*, actor: Actor, skp_id: int, template_id: int) -> Copied:
    """Add a template's RHK and IKI to the owner's draft SKP, after its own rows; rows the
    SKP already has (same jenis and text) are left out. Only a template of the SKP's
    jabatan, or of its jenis jabatan, applies. The owner then picks the supervisor's RHK
    each new RHK intervenes in (rules §8)."""
    skp = _owner_edit(actor, skp_id)
    jabatan = Jabatan.objects.get(instansi_id=skp.instansi_id, pk=skp.jabatan_id)
    skp.jabatan = jabatan
    template = SKPTemplate.objects.filter(instansi_id=skp.instansi_id, pk=template_id).first()
    if template is None:
        raise Http404(_("Templat SKP tidak ditemukan."))
    if not SKPTemplate.objects.filter(
        template_matches_q(skp), instansi_id=skp.instansi_id, pk=template.pk
    ).exists():
        raise ValidationError(
            {
                "template": [
                    _("Templat “%(t)s” bukan untuk jabatan %(j)s. Pilih templat jabatan SKP ini.")
                    % {"t": template.nama, "j": jabatan.nama}
                ]
            }
        )
    have = set(
        RHK.objects.filter(instansi_id=skp.instansi_id, skp=skp).values_list("jenis", "teks")
    )
    rows = [
        r
        for r in SKPTemplateRHK.objects.filter(instansi_id=skp.instansi_id, template=template)
        .prefetch_related(Prefetch("iki", SKPTemplateIKI.objects.order_by("urutan", "pk")))
        .order_by("jenis", "urutan", "pk")
        if (r.jenis, r.teks) not in have
    ]
    if not rows:
        raise ValidationError(
            {
                "template": [
                    _("Templat “%(t)s” belum berisi RHK.") % {"t": template.nama}
                    if not SKPTemplateRHK.objects.filter(
                        instansi_id=template.instansi_id, template=template
                    ).exists()
                    else _("Semua RHK dari templat “%(t)s” sudah ada di SKP ini.")
                    % {"t": template.nama}
                ]
            }
        )
    problems = _target_problems(
        skp.pendekatan, [i for r in rows for i in r.iki.all()], _("Templat")
    )
    if problems:
        raise ValidationError(
            [
                _("Templat ini memakai target yang tidak sesuai dengan pendekatan SKP ini (%(p)s).")
                % {"p": skp.get_pendekatan_display()},
                *problems,
            ]
        )
    last = RHK.objects.filter(instansi_id=skp.instansi_id, skp=skp).aggregate(m=Max("urutan"))
    copies = RHK.objects.bulk_create(
        RHK(instansi_id=skp.instansi_id, skp=skp, jenis=r.jenis, teks=r.teks,
            urutan=(last["m"] or 0) + n)
        for n, r in enumerate(rows, start=1)
    )  # fmt: skip
    ikis = IKI.objects.bulk_create(
        IKI(instansi_id=skp.instansi_id, rhk_id=c.pk, urutan=i.urutan,
            **{f: getattr(i, f) for f in IKI_FIELDS})
        for r, c in zip(rows, copies, strict=True)
        for i in r.iki.all()
    )  # fmt: skip
    copied = Copied(
        rhk=len(copies),
        iki=len(ikis),
        perlu_intervensi=0 if skp_is_top_of_cascade(skp) else len(copies),
    )
    audit.record(
        actor=actor.user,
        action="skp.apply_template",
        obj=skp,
        changes={
            "templat": [None, audit.ref(template)],
            "rhk": [None, copied.rhk],
            "iki": [None, copied.iki],
        },
    )
    return copied
