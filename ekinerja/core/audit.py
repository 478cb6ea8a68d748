"""Audit trail: every write records who, when, which object, and old → new values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django.db import models

from .models import AuditEvent, User


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `obj`, ready for a diff (FKs by id)."""
    out: dict[str, Any] = {}
    for name in fields:
        # The model's own fields, never a reverse relation (which has no attname).
        f = cast(models.Field, obj._meta.get_field(name))
        if f.many_to_one and getattr(obj, f.attname) is not None:
            out[name] = ref(getattr(obj, name))
        else:
            out[name] = _plain(getattr(obj, f.attname))
    return out


def ref(obj: models.Model | None) -> str | None:
    """How a related object is written in an audit trail: its name, then its id."""
    return None if obj is None else f"{obj} (#{obj.pk})"


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields that changed."""
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    instansi_id: int | None = None,
    changes: dict[str, Any] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    ip: str | None = None,
) -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
        instansi_id = instansi_id or getattr(obj, "instansi_id", None)
    label = ""
    if actor is not None:
        label = actor.get_full_name() or actor.get_username()
    return AuditEvent.objects.create(
        instansi_id=instansi_id,
        actor=actor,
        actor_label=label[:200],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:255],
        changes={k: [_plain(v) for v in vs] for k, vs in (changes or {}).items()}
        if changes and all(isinstance(v, list) for v in changes.values())
        else {k: _plain(v) for k, v in (changes or {}).items()},
        ip=ip,
    )


def bulk_record(events: list[AuditEvent]) -> None:
    AuditEvent.objects.bulk_create(events, batch_size=2000)
