"""Reads of the audit trail, always scoped to the reader's instansi."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Q, QuerySet
from django.utils import formats
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import require_audit_reader
from .audit_labels import labels
from .models import AuditEvent, LoginFailure
from .roles import Actor

# An action no app labelled (see audit_labels) is shown by its verb (the last part of its
# code) and the type of its object.
_VERBS: dict[str, Any] = {
    "create": gettext_lazy("dibuat"),
    "update": gettext_lazy("diubah"),
    "delete": gettext_lazy("dihapus"),
    "move": gettext_lazy("dipindah"),
    "submit": gettext_lazy("diajukan"),
    "approve": gettext_lazy("disetujui"),
    "return": gettext_lazy("dikembalikan"),
    "lock": gettext_lazy("dikunci"),
    "unlock": gettext_lazy("dibuka kuncinya"),
    "import": gettext_lazy("diimpor"),
    "apply": gettext_lazy("diterapkan"),
}

PAGE_SIZE = 50


@cache
def _model(label: str) -> Any:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def object_type_label(label: str) -> str:
    """The model's name; a registered name for what is not a model (an export); ""
    when there is nothing readable to say (the action's label says it)."""
    model = _model(label) if label else None
    if model is not None:
        return capfirst(str(model._meta.verbose_name))
    known = labels().object_types.get(label)
    return capfirst(str(known)) if known is not None else ""


def action_label(action: str, object_type: str = "") -> str:
    known = labels().actions.get(action)
    if known is not None:
        return str(known)
    verb = _VERBS.get(action.rsplit(".", 1)[-1])
    if verb is not None and object_type and _model(object_type) is not None:
        return _("%(object)s %(verb)s") % {
            "object": object_type_label(object_type),
            "verb": verb,
        }
    return action


def action_suggestions() -> list[tuple[str, str]]:
    """(prefix, label) pairs for the action filter: families first, then actions."""
    registry = labels()
    return [(k, str(v)) for k, v in registry.groups.items()] + [
        (k, str(v)) for k, v in registry.actions.items()
    ]


def audit_object_types() -> list[tuple[str, str]]:
    """Every model of the project that can be the object of an audit event."""
    skip = {AuditEvent._meta.label_lower, LoginFailure._meta.label_lower}
    out = []
    for config in apps.get_app_configs():
        if not config.name.startswith("ekinerja."):
            continue
        for model in config.get_models():
            if model._meta.label_lower not in skip:
                out.append((model._meta.label_lower, capfirst(str(model._meta.verbose_name))))
    return sorted(out, key=lambda c: c[1].lower())


def _local_midnight(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)


def audit_event_list(
    *,
    actor: Actor,
    tz: ZoneInfo,
    action: str = "",
    object_type: str = "",
    q: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events of the actor's instansi, newest first. Dates are local days in `tz`."""
    actor = require_audit_reader(actor)
    qs = AuditEvent.objects.filter(instansi_id=actor.instansi_id)
    if action:
        qs = qs.filter(action__startswith=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if q:
        compact = "".join(q.split())
        match = Q(actor_label__icontains=q)
        if compact.isdigit():
            match |= Q(actor__username__startswith=compact)
        else:
            match |= Q(actor__username__iexact=q)
        qs = qs.filter(match)
    if date_from:
        qs = qs.filter(created_at__gte=_local_midnight(date_from, tz))
    if date_to:
        qs = qs.filter(created_at__lt=_local_midnight(date_to + dt.timedelta(days=1), tz))
    return qs.select_related("actor").order_by("-created_at", "-id")


@dataclass(frozen=True)
class ChangeRow:
    field: str
    old: str
    new: str
    is_change: bool  # False when the event only lists values (e.g. on create)


def _forward_field(model: Any, name: str) -> Any:
    """The model's own field `name` (a column or a foreign key), not a reverse relation
    (those have no verbose_name, and a key of that name means something else)."""
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, Field) else None


def _named(found: Any) -> bool:
    """Whether the field was given a (translatable) name; Django's default is the code
    with spaces, in no language."""
    name = found.verbose_name
    return isinstance(name, Promise) or str(name) != found.name.replace("_", " ")


def field_label(model: Any, name: str, action: str = "") -> tuple[str, bool]:
    """What a key of `changes` is called, and whether that name was written by someone
    (an action's or app's label, a model's verbose_name) rather than derived from the
    code. Any key gets a label: a field, a reverse relation, a count, an unknown key."""
    registry = labels()
    if (action, name) in registry.action_keys:
        return capfirst(str(registry.action_keys[(action, name)])), True
    found = _forward_field(model, name)
    if found is not None and _named(found):
        return capfirst(str(found.verbose_name)), True
    if name in registry.keys:
        return capfirst(str(registry.keys[name])), True
    if found is not None:
        return capfirst(str(found.verbose_name)), False
    related = _reverse_model(model, name)
    if related is not None:
        return capfirst(str(related._meta.verbose_name_plural)), False
    return capfirst(name.replace("_", " ")), False


def _reverse_model(model: Any, name: str) -> Any:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return getattr(found, "related_model", None)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


def _date_text(value: str, tz: ZoneInfo | None) -> str | None:
    try:
        if _ISO_DATE.match(value):
            return formats.date_format(dt.date.fromisoformat(value), "j F Y")
        if _ISO_DATETIME.match(value):
            moment = dt.datetime.fromisoformat(value)
            if moment.tzinfo is not None and tz is not None:
                moment = moment.astimezone(tz)
            return formats.date_format(moment, "j F Y H:i")
    except ValueError:
        return None  # year 0 or 10000 in an old payload: shown as written
    return None


def _number_text(value: Any) -> str | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    # A finite Decimal's exponent is an int (the str codes are for NaN and Infinity).
    places = max(0, -number.normalize().as_tuple().exponent)  # type: ignore[operator]
    return formats.number_format(number, places, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class _Context:
    model: Any
    action: str
    tz: ZoneInfo | None


def _value_map(ctx: _Context, name: str) -> Any:
    registry = labels()
    return registry.action_values.get((ctx.action, name)) or registry.values.get(name)


def value_text(ctx: _Context, name: str, value: Any) -> str:
    """A value of `changes` as a reader should see it: choice labels instead of codes,
    Ya/Tidak, local dates, Indonesian numbers, lists and objects spelled out."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if value is True:
        return _("Ya")
    if value is False:
        return _("Tidak")
    formatter = labels().formatters.get((ctx.action, name))
    if formatter is not None:
        try:
            return formatter(value)
        except (TypeError, ValueError, KeyError, AttributeError):
            pass  # an old or odd payload: shown by the general rules below
    found = _forward_field(ctx.model, name)
    codes = _value_map(ctx, name)
    if isinstance(value, list):
        return ", ".join(value_text(ctx, name, v) for v in value)
    if isinstance(value, dict):
        parts = []
        for key, inner in value.items():
            if codes is not None and str(key) in codes:
                label = capfirst(str(codes[str(key)]))
            else:
                label = field_label(None, str(key), ctx.action)[0]
            parts.append(f"{label}: {value_text(ctx, str(key), inner)}")
        return "; ".join(parts)
    if found is not None and found.choices:
        choice = dict(found.flatchoices).get(value)
        if choice is None and isinstance(value, str):
            choice = {str(k): v for k, v in found.flatchoices}.get(value)
        if choice is not None:
            return str(choice)
    if codes is not None and str(value) in codes:
        return str(codes[str(value)])
    if codes is not None and isinstance(value, str) and " #" in value:
        code, number = value.split(" #", 1)  # "rencana_aksi #12": what, and which one
        if code in codes:
            return f"{capfirst(str(codes[code]))} #{number}"
    if isinstance(value, str):
        dated = _date_text(value, ctx.tz)
        if dated is not None:
            return dated
    if found is not None and found.get_internal_type() == "DecimalField":
        amount = _number_text(value)
        if amount is not None:
            return amount
    return str(value)


def change_rows(event: AuditEvent, tz: ZoneInfo | None = None) -> list[ChangeRow]:
    """The event's changes as rows: {field: [old, new]} diffs, or {field: value}."""
    model = _model(event.object_type) if event.object_type else None
    ctx = _Context(model=model, action=event.action, tz=tz)
    changes = event.changes if isinstance(event.changes, dict) else {"": event.changes}
    # Same rule as audit.record: a diff when every value is an [old, new] pair.
    is_diff = bool(changes) and all(isinstance(v, list) and len(v) == 2 for v in changes.values())
    rows = []
    for name, value in changes.items():
        label = field_label(model, name, event.action)[0] if name else _("Isi")
        if is_diff:
            old, new = value_text(ctx, name, value[0]), value_text(ctx, name, value[1])
            rows.append(ChangeRow(label, old, new, True))
        else:
            rows.append(ChangeRow(label, "", value_text(ctx, name, value), False))
    return rows
