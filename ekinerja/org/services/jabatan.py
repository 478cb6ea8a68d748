"""Writes of positions (Jabatan): create and change, with the checks of their unit and
their parent position (no loop in the chart)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor

from ..access import require_admin
from ..models import Jabatan, Pegawai
from .supervisors import supervisors_recompute
from .validation import jabatan_errors, raise_errors

JABATAN_FIELDS = [
    "unit", "parent", "kode", "nama", "jenis", "jenjang", "eselon", "kelas", "is_head", "aktif",
]  # fmt: skip


def _check_jabatan_refs(actor: Actor, jabatan: Jabatan | None, fields: dict[str, Any]) -> None:
    unit = fields.get("unit")
    parent = fields.get("parent")
    if unit is not None and unit.instansi_id != actor.instansi_id:
        raise ValidationError({"unit": [_("Unit harus dari instansi yang sama.")]})
    if parent is not None:
        if parent.instansi_id != actor.instansi_id:
            raise ValidationError({"parent": [_("Jabatan atasan harus dari instansi yang sama.")]})
        # Walk up from the new parent: reaching this position would make a loop.
        node: Jabatan | None = parent
        seen = 0
        while jabatan is not None and jabatan.pk and node is not None and seen < 50:
            if node.pk == jabatan.pk:
                raise ValidationError(
                    {"parent": [_("Jabatan atasan tidak boleh bawahan dari jabatan ini.")]}
                )
            node = node.parent
            seen += 1


@transaction.atomic
def jabatan_create(*, actor: Actor, **fields: Any) -> Jabatan:
    actor = require_admin(actor)
    raise_errors(jabatan_errors(fields))
    _check_jabatan_refs(actor, None, fields)
    if Jabatan.objects.filter(instansi_id=actor.instansi_id, kode=fields["kode"]).exists():
        raise ValidationError(
            {"kode": [_("Kode jabatan %(k)s sudah dipakai.") % {"k": fields["kode"]}]}
        )
    jabatan = Jabatan.objects.create(instansi_id=actor.instansi_id, **fields)
    audit.record(
        actor=actor.user,
        action="jabatan.create",
        obj=jabatan,
        changes=audit.snapshot(jabatan, JABATAN_FIELDS),
    )
    return jabatan


@transaction.atomic
def jabatan_update(*, actor: Actor, jabatan: Jabatan, **fields: Any) -> Jabatan:
    actor = require_admin(actor)
    jabatan = Jabatan.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=jabatan.pk)
    before = audit.snapshot(jabatan, JABATAN_FIELDS)
    merged = {**before, **{k: v for k, v in fields.items()}}
    raise_errors(jabatan_errors(merged))
    _check_jabatan_refs(actor, jabatan, fields)
    kode = fields.get("kode", jabatan.kode)
    if (
        Jabatan.objects.filter(instansi_id=actor.instansi_id, kode=kode)
        .exclude(pk=jabatan.pk)
        .exists()
    ):
        raise ValidationError({"kode": [_("Kode jabatan %(k)s sudah dipakai.") % {"k": kode}]})
    for k, v in fields.items():
        setattr(jabatan, k, v)
    jabatan.save()
    changes = audit.diff(before, audit.snapshot(jabatan, JABATAN_FIELDS))
    if changes:
        audit.record(actor=actor.user, action="jabatan.update", obj=jabatan, changes=changes)
    if {"parent", "unit"} & set(changes):
        Pegawai.objects.filter(instansi_id=actor.instansi_id, jabatan=jabatan).update(
            unit=jabatan.unit
        )
        supervisors_recompute(instansi_id=actor.instansi_id)
    return jabatan
