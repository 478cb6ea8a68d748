"""Importing units (UnitKerja): check each row against the agency's tree and the file
(duplicate codes, unknown or looping parents, a tree too deep), then write the new and
changed units and every path that moved, in bulk."""

from __future__ import annotations

from typing import Any

from ekinerja.core.models import AuditEvent
from ekinerja.core.roles import MemberActor

from .. import domain
from ..domain import _
from ..models import UnitKerja
from .plan import (
    BATCH,
    CREATE,
    UNCHANGED,
    Plan,
    Row,
    audit_event,
    ensure_pks,
    first_rows_by_kode,
    fold,
    resolve_parent_ref,
)
from .rules import find_cycles, tree_depths

MAX_UNIT_DEPTH = 25  # UnitKerja.path holds 255 chars, 9 per level


def plan_unit(plan: Plan, instansi_id: int, rows: list[Row]) -> None:
    existing = list(
        UnitKerja.objects.filter(instansi_id=instansi_id).values(
            "id", "kode", "nama", "singkatan", "parent_id", "is_opd", "path", "depth"
        )
    )
    kode_of = {u["id"]: u["kode"] for u in existing}
    by_fold = {fold(u["kode"]): u for u in existing}
    current = {
        fold(u["kode"]): {
            "kode": u["kode"],
            "nama": u["nama"],
            "singkatan": u["singkatan"],
            "kode_induk": kode_of.get(u["parent_id"], ""),
            "opd": u["is_opd"],
        }
        for u in existing
    }
    first, in_file = first_rows_by_kode(
        plan, rows, by_fold, _("Kode unit %(k)s sudah ada di baris %(r)d.")
    )
    parent: dict[str, str | None] = {
        fold(u["kode"]): fold(kode_of[u["parent_id"]]) if u["parent_id"] else None for u in existing
    }
    valid: list[Row] = []
    for number, values, raw in rows:
        kode = values.get("kode")
        if not kode or first.get(fold(kode)) != number:
            continue
        values = {**values, "kode": in_file[fold(kode)]}
        ok = True
        if "kode_induk" in values:
            ok = resolve_parent_ref(
                plan, number, values, raw, "kode_induk", fold(kode), in_file, by_fold, parent,
                _("Unit tidak boleh menjadi induk dirinya."),
                _("Unit induk dengan kode %(k)s tidak ada di berkas ini maupun di sistem."),
            )  # fmt: skip
        valid.append((number, values, raw) if ok else (number, {}, raw))
    cycles = find_cycles(parent, [fold(v["kode"]) for _n, v, _r in valid if v])
    depths = tree_depths(parent) if not cycles else {}
    for number, values, _raw in valid:
        if not values:
            continue
        f = fold(values["kode"])
        if f in cycles:
            path = " → ".join(in_file.get(k) or current[k]["kode"] for k in cycles[f])
            plan.err(
                number,
                "kode_induk",
                values.get("kode_induk", ""),
                _("Unit induk membentuk lingkaran: %(p)s.") % {"p": path},
            )
            continue
        if depths.get(f, 0) > MAX_UNIT_DEPTH:
            plan.err(
                number,
                "kode_induk",
                values.get("kode_induk", ""),
                _("Pohon unit terlalu dalam (lebih dari %(n)d tingkat).") % {"n": MAX_UNIT_DEPTH},
            )
            continue
        plan.add(number, values, current.get(f), ["nama", "singkatan", "kode_induk", "opd"])
    plan.ctx = {"existing": existing, "by_fold": by_fold}


def apply_unit(plan: Plan, actor: MemberActor, events: list[AuditEvent]) -> None:
    inst = actor.instansi_id
    creates = [r for r in plan.rows if r["action"] == CREATE]
    new = [
        UnitKerja(
            instansi_id=inst,
            kode=r["values"]["kode"],
            nama=r["values"]["nama"],
            singkatan=r["values"].get("singkatan", ""),
            is_opd=r["values"].get("opd", False),
        )
        for r in creates
    ]
    UnitKerja.objects.bulk_create(new, batch_size=BATCH)
    ensure_pks(new, UnitKerja.objects.filter(instansi_id=inst), "kode")
    state: dict[int, dict[str, Any]] = {u["id"]: dict(u) for u in plan.ctx["existing"]}
    for u in new:
        state[u.pk] = {"id": u.pk, "kode": u.kode, "nama": u.nama, "singkatan": u.singkatan,
                       "is_opd": u.is_opd, "parent_id": None, "path": "", "depth": 0}  # fmt: skip
    id_of = {fold(s["kode"]): i for i, s in state.items()}
    before = {i: dict(s) for i, s in state.items()}
    for r in plan.rows:
        if r["action"] == UNCHANGED:
            continue
        v = r["values"]
        s = state[id_of[fold(v["kode"])]]
        for col, attr in (("nama", "nama"), ("singkatan", "singkatan"), ("opd", "is_opd")):
            if col in v:
                s[attr] = v[col]
        if "kode_induk" in v:
            s["parent_id"] = id_of[fold(v["kode_induk"])] if v["kode_induk"] else None
    paths: dict[int, tuple[str, int]] = {}

    def path_of(uid: int) -> tuple[str, int]:
        chain: list[int] = []
        node: int | None = uid
        while node is not None and node not in paths:
            chain.append(node)
            node = state[node]["parent_id"]
        base, depth = paths[node] if node is not None else ("", -1)
        for n in reversed(chain):
            base, depth = domain.unit_path(base, n), depth + 1
            paths[n] = (base, depth)
        return paths[uid]

    changed = []
    for uid, s in state.items():
        s["path"], s["depth"] = path_of(uid)
        if s != before[uid]:
            changed.append(
                UnitKerja(pk=uid, **{k: s[k] for k in
                                     ("parent_id", "nama", "singkatan", "is_opd", "path", "depth")})
            )  # fmt: skip
    UnitKerja.objects.bulk_update(
        changed, ["parent", "nama", "singkatan", "is_opd", "path", "depth"], batch_size=BATCH
    )
    for r in plan.rows:
        if r["action"] != UNCHANGED:
            uid = id_of[fold(r["values"]["kode"])]
            events.append(
                audit_event(actor, f"unit.{r['action']}", "org.unitkerja", uid,
                       state[uid]["nama"], r["changes"])
            )  # fmt: skip
