"""Writes of the unit tree (UnitKerja): create, change, move with its subtree (the
materialised path is rewritten in one UPDATE; docs/architecture.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor

from .. import domain
from ..access import require_admin
from ..models import UnitKerja
from .supervisors import supervisors_recompute

UNIT_FIELDS = ["parent", "kode", "nama", "singkatan", "is_opd", "urutan", "aktif"]


def _check_parent_unit(instansi_id: int, unit: UnitKerja | None, parent: UnitKerja | None) -> None:
    if parent is None:
        return
    if parent.instansi_id != instansi_id:
        raise ValidationError({"parent": [_("Unit induk harus dari instansi yang sama.")]})
    if unit is not None and unit.pk and parent.path.startswith(unit.path):
        raise ValidationError(
            {"parent": [_("Unit tidak dapat dipindah ke bawah dirinya sendiri.")]}
        )


@transaction.atomic
def unit_create(*, actor: Actor, **fields: Any) -> UnitKerja:
    actor = require_admin(actor)
    parent = fields.get("parent")
    _check_parent_unit(actor.instansi_id, None, parent)
    if UnitKerja.objects.filter(instansi_id=actor.instansi_id, kode=fields["kode"]).exists():
        raise ValidationError(
            {"kode": [_("Kode unit %(k)s sudah dipakai.") % {"k": fields["kode"]}]}
        )
    unit = UnitKerja.objects.create(instansi_id=actor.instansi_id, **fields)
    unit.path = domain.unit_path(parent.path if parent else "", unit.pk)
    unit.depth = (parent.depth + 1) if parent else 0
    unit.save(update_fields=["path", "depth"])
    audit.record(
        actor=actor.user, action="unit.create", obj=unit, changes=audit.snapshot(unit, UNIT_FIELDS)
    )
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, unit: UnitKerja, **fields: Any) -> UnitKerja:
    actor = require_admin(actor)
    unit = UnitKerja.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=unit.pk)
    before = audit.snapshot(unit, UNIT_FIELDS)
    new_parent = fields.get("parent", unit.parent)
    _check_parent_unit(actor.instansi_id, unit, new_parent)
    kode = fields.get("kode", unit.kode)
    if (
        UnitKerja.objects.filter(instansi_id=actor.instansi_id, kode=kode)
        .exclude(pk=unit.pk)
        .exists()
    ):
        raise ValidationError({"kode": [_("Kode unit %(k)s sudah dipakai.") % {"k": kode}]})
    for k, v in fields.items():
        setattr(unit, k, v)
    moved = before["parent"] != unit.parent_id
    unit.save()
    if moved:
        _move_subtree(unit, new_parent)
    changes = audit.diff(before, audit.snapshot(unit, UNIT_FIELDS))
    if changes:
        audit.record(
            actor=actor.user,
            action="unit.move" if moved else "unit.update",
            obj=unit,
            changes=changes,
        )
    if moved:
        supervisors_recompute(instansi_id=actor.instansi_id)
    return unit


def _move_subtree(unit: UnitKerja, new_parent: UnitKerja | None) -> None:
    old_path, old_depth = unit.path, unit.depth
    new_path = domain.unit_path(new_parent.path if new_parent else "", unit.pk)
    new_depth = (new_parent.depth + 1) if new_parent else 0
    UnitKerja.objects.filter(instansi_id=unit.instansi_id, path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + (new_depth - old_depth),
    )
    unit.path, unit.depth = new_path, new_depth
