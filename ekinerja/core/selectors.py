"""Reads of the audit trail, always scoped to the reader's instansi."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .access import require_audit_reader
from .models import AuditEvent, LoginFailure
from .roles import Actor

# Readable names of the actions services record. An action not listed here is shown
# by its verb (the last part of its code) and the type of its object; see action_label.
ACTION_LABELS: dict[str, Any] = {
    "auth.login": gettext_lazy("Masuk"),
    "auth.logout": gettext_lazy("Keluar"),
    "auth.login_failed": gettext_lazy("Gagal masuk"),
    "auth.locked_out": gettext_lazy("Akun dikunci sementara"),
    "auth.password_change": gettext_lazy("Kata sandi diganti"),
    "auth.password_reset": gettext_lazy("Kata sandi diatur ulang lewat email"),
    "instansi.create": gettext_lazy("Instansi dibuat"),
    "instansi.update": gettext_lazy("Instansi diubah"),
    "unit.create": gettext_lazy("Unit kerja dibuat"),
    "unit.update": gettext_lazy("Unit kerja diubah"),
    "unit.move": gettext_lazy("Unit kerja dipindah"),
    "jabatan.create": gettext_lazy("Jabatan dibuat"),
    "jabatan.update": gettext_lazy("Jabatan diubah"),
    "pegawai.create": gettext_lazy("Pegawai ditambahkan"),
    "pegawai.update": gettext_lazy("Data pegawai diubah"),
    "pegawai.jabatan.definitif": gettext_lazy("Pegawai diangkat dalam jabatan (definitif)"),
    "pegawai.jabatan.plt": gettext_lazy("Pegawai ditunjuk sebagai Plt"),
    "pegawai.jabatan.plh": gettext_lazy("Pegawai ditunjuk sebagai Plh"),
    "pegawai.atasan": gettext_lazy("Pejabat penilai pengganti diatur"),
    "pegawai.roles": gettext_lazy("Peran pegawai diubah"),
    "riwayat.end": gettext_lazy("Riwayat jabatan diakhiri"),
}

# Action families offered as filter suggestions (a filter matches by prefix).
ACTION_GROUPS: dict[str, Any] = {
    "auth": gettext_lazy("Masuk, keluar dan kata sandi"),
    "instansi": gettext_lazy("Instansi"),
    "unit": gettext_lazy("Unit kerja"),
    "jabatan": gettext_lazy("Jabatan"),
    "pegawai": gettext_lazy("Pegawai"),
    "riwayat": gettext_lazy("Riwayat jabatan"),
    "import": gettext_lazy("Impor data"),
}

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
    model = _model(label) if label else None
    return capfirst(str(model._meta.verbose_name)) if model is not None else label


def action_label(action: str, object_type: str = "") -> str:
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    verb = _VERBS.get(action.rsplit(".", 1)[-1])
    if verb is not None and object_type:
        return _("%(object)s %(verb)s") % {
            "object": object_type_label(object_type),
            "verb": verb,
        }
    return action


def action_suggestions() -> list[tuple[str, str]]:
    """(prefix, label) pairs for the action filter: families first, then actions."""
    return [(k, str(v)) for k, v in ACTION_GROUPS.items()] + [
        (k, str(v)) for k, v in ACTION_LABELS.items()
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


def _display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Ya")
    if value is False:
        return _("Tidak")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# Keys that services write into `changes` but that are not fields of the object's model.
EXTRA_LABELS = {
    "tmt_mulai": gettext_lazy("TMT mulai"),
    "tmt_selesai": gettext_lazy("TMT selesai"),
    "nomor_sk": gettext_lazy("Nomor SK"),
    "alasan": gettext_lazy("Alasan"),
    "peran": gettext_lazy("Peran"),
    "unit": gettext_lazy("Unit kerja"),
    "jabatan": gettext_lazy("Jabatan"),
    "admin": gettext_lazy("Admin Instansi"),
}


def _field_label(model: Any, name: str) -> str:
    if model is not None:
        try:
            return capfirst(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            pass
    return capfirst(str(EXTRA_LABELS[name])) if name in EXTRA_LABELS else name


def change_rows(event: AuditEvent) -> list[ChangeRow]:
    """The event's changes as rows: {field: [old, new]} diffs, or {field: value}."""
    model = _model(event.object_type) if event.object_type else None
    changes = event.changes if isinstance(event.changes, dict) else {"": event.changes}
    # Same rule as audit.record: a diff when every value is an [old, new] pair.
    is_diff = bool(changes) and all(isinstance(v, list) and len(v) == 2 for v in changes.values())
    rows = []
    for name, value in changes.items():
        if is_diff:
            rows.append(
                ChangeRow(_field_label(model, name), _display(value[0]), _display(value[1]), True)
            )
        else:
            rows.append(ChangeRow(_field_label(model, name), "", _display(value), False))
    return rows
