"""What an import would do, row by row (`Plan`), and the helpers the three kinds of
file share: keys compared case-insensitively, parent codes resolved against the file
and the system, lookups in chunks, primary keys after a bulk insert, audit events
built for one bulk insert."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ekinerja.core.models import AuditEvent
from ekinerja.core.roles import Actor
from ekinerja.core.tabular import RowError, cell_text

from .. import domain

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
BATCH = 500
CHUNK = 5000  # ids/keys per `__in` query

Row = tuple[int, dict[str, Any], dict[str, str]]  # (row number, values, raw cells)


def fold(code: Any) -> str:
    return str(code or "").casefold()


def to_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class Plan:
    kind: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ctx: dict[str, Any] = field(default_factory=dict)  # what the commit needs; not stored

    def err(self, row: int, column: str, value: Any, message: domain.Msg) -> None:
        self.errors.append(RowError(row, column, cell_text(value), message))

    def add(
        self, row: int, values: dict[str, Any], cur: dict[str, Any] | None, cols: list[str]
    ) -> None:
        """Plan one valid row: create, or update the fields that differ, or nothing."""
        if cur is None:
            changes = {c: [None, values[c]] for c in cols if c in values}
            action = CREATE
        else:
            changes = {c: [cur.get(c), values[c]] for c in cols if c in values}
            changes = {c: v for c, v in changes.items() if v[0] != v[1]}
            action = UPDATE if changes else UNCHANGED
        self.rows.append({"row": row, "values": values, "action": action, "changes": changes})

    def summary(self) -> dict[str, Any]:
        counts = {a: 0 for a in (CREATE, UPDATE, UNCHANGED)}
        for r in self.rows:
            counts[r["action"]] += 1
        return {
            **counts,
            "total": len(self.rows),
            "errors": len(self.errors),
            "error_rows": len({e.row for e in self.errors}),
        }


def cells_with_errors(plan: Plan) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in plan.errors}


def resolve_parent_ref(
    plan: Any,
    number: int,
    values: dict[str, Any],
    raw: dict[str, str],
    column: str,
    self_fold: str,
    in_file: dict[str, str],
    by_fold: dict[str, dict],
    parent: dict[str, str | None],
    self_message: domain.Msg,
    missing_message: domain.Msg,
) -> bool:
    """Resolve a row's parent code (`kode_induk` / `kode_jabatan_atasan`) against the file
    and the system: not itself, and known somewhere. On success store the canonical code
    in `values` and the link in `parent`; on failure report it and return False."""
    ref = values[column]
    if ref and fold(ref) == self_fold:
        plan.err(number, column, ref, self_message)
        return False
    if ref and fold(ref) not in in_file and fold(ref) not in by_fold:
        plan.err(number, column, raw.get(column, ref), missing_message % {"k": ref})
        return False
    canon = in_file.get(fold(ref)) or (by_fold[fold(ref)]["kode"] if ref else "")
    values[column] = canon
    parent[self_fold] = fold(canon) if canon else None
    return True


def first_rows_by_kode(
    plan: Any, rows: list, by_fold: dict[str, dict], duplicate_message: domain.Msg
) -> tuple[dict[str, int], dict[str, str]]:
    """For the file's rows keyed by `kode` (compared case-insensitively): the row number
    where each kode first appears, and the kode as it will be stored (an existing row's
    spelling wins). A later row with the same kode is reported as a duplicate."""
    first: dict[str, int] = {}
    in_file: dict[str, str] = {}  # fold → kode as written
    for number, values, raw in rows:
        kode = values.get("kode")
        if not kode:
            continue
        f = fold(kode)
        if f in first:
            plan.err(
                number,
                "kode",
                raw.get("kode", kode),
                duplicate_message % {"k": kode, "r": first[f]},
            )
            continue
        first[f] = number
        in_file[f] = by_fold[f]["kode"] if f in by_fold else kode
    return first, in_file


def ensure_pks(objs: list[Any], qs: Any, key: str) -> None:
    """bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35; elsewhere look
    them up by the natural key."""
    missing = [o for o in objs if o.pk is None]
    if not missing:
        return
    keys = [getattr(o, key) for o in missing]
    found: dict[Any, int] = {}
    for chunk in chunks(keys):
        found.update(qs.filter(**{f"{key}__in": chunk}).values_list(key, "pk"))
    for o in missing:
        o.pk = found[getattr(o, key)]


def audit_event(
    actor: Actor, action: str, object_type: str, pk: int, label: str, changes: dict[str, Any]
) -> AuditEvent:
    user = actor.user
    return AuditEvent(
        instansi_id=actor.instansi_id,
        actor=user,
        actor_label=(user.get_full_name() or user.get_username())[:200],
        action=action,
        object_type=object_type,
        object_id=str(pk),
        object_repr=str(label)[:255],
        changes=changes,
    )
