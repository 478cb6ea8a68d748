"""Import of units, positions and staff: upload → parse → validate against the database
→ preview (an ImportBatch) → commit all or nothing.

Fast for a province (27,000 staff): the instansi's units, positions and staff are read
into dicts once, every row is checked in memory, and the commit writes with bulk_create /
bulk_update in batches. Re-importing the same file plans nothing; a changed file updates
by key (kode for units and positions, NIP for staff). The cell rules live in
`import_rules.py`; users' documentation in docs/import.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from ekinerja.core import accounts, audit
from ekinerja.core.models import AuditEvent, User
from ekinerja.core.roles import Actor

from . import domain, hooks
from . import import_rules as rules
from .access import require_admin, require_instansi
from .domain import _
from .models import ImportBatch, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from .services.supervisors import supervisors_recompute
from .services.validation import jabatan_errors, pegawai_errors

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
BATCH = 500
CHUNK = 5000  # ids/keys per `__in` query
MAX_UNIT_DEPTH = 25  # UnitKerja.path holds 255 chars, 9 per level

Row = tuple[int, dict[str, Any], dict[str, str]]  # (row number, values, raw cells)


def _fold(code: Any) -> str:
    return str(code or "").casefold()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _chunks(items: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class Plan:
    kind: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[rules.RowError] = field(default_factory=list)
    ctx: dict[str, Any] = field(default_factory=dict)  # what the commit needs; not stored

    def err(self, row: int, column: str, value: Any, message: domain.Msg) -> None:
        self.errors.append(rules.RowError(row, column, rules.cell_text(value), message))

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


# --- units ---------------------------------------------------------------------------------


def _resolve_parent_ref(
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
    if ref and _fold(ref) == self_fold:
        plan.err(number, column, ref, self_message)
        return False
    if ref and _fold(ref) not in in_file and _fold(ref) not in by_fold:
        plan.err(number, column, raw.get(column, ref), missing_message % {"k": ref})
        return False
    canon = in_file.get(_fold(ref)) or (by_fold[_fold(ref)]["kode"] if ref else "")
    values[column] = canon
    parent[self_fold] = _fold(canon) if canon else None
    return True


def _first_rows_by_kode(
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
        f = _fold(kode)
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


def _plan_unit(plan: Plan, instansi_id: int, rows: list[Row]) -> None:
    existing = list(
        UnitKerja.objects.filter(instansi_id=instansi_id).values(
            "id", "kode", "nama", "singkatan", "parent_id", "is_opd", "path", "depth"
        )
    )
    kode_of = {u["id"]: u["kode"] for u in existing}
    by_fold = {_fold(u["kode"]): u for u in existing}
    current = {
        _fold(u["kode"]): {
            "kode": u["kode"],
            "nama": u["nama"],
            "singkatan": u["singkatan"],
            "kode_induk": kode_of.get(u["parent_id"], ""),
            "opd": u["is_opd"],
        }
        for u in existing
    }
    first, in_file = _first_rows_by_kode(
        plan, rows, by_fold, _("Kode unit %(k)s sudah ada di baris %(r)d.")
    )
    parent: dict[str, str | None] = {
        _fold(u["kode"]): _fold(kode_of[u["parent_id"]]) if u["parent_id"] else None
        for u in existing
    }
    valid: list[Row] = []
    for number, values, raw in rows:
        kode = values.get("kode")
        if not kode or first.get(_fold(kode)) != number:
            continue
        values = {**values, "kode": in_file[_fold(kode)]}
        ok = True
        if "kode_induk" in values:
            ok = _resolve_parent_ref(
                plan, number, values, raw, "kode_induk", _fold(kode), in_file, by_fold, parent,
                _("Unit tidak boleh menjadi induk dirinya."),
                _("Unit induk dengan kode %(k)s tidak ada di berkas ini maupun di sistem."),
            )  # fmt: skip
        valid.append((number, values, raw) if ok else (number, {}, raw))
    cycles = rules.find_cycles(parent, [_fold(v["kode"]) for _n, v, _r in valid if v])
    depths = rules.tree_depths(parent) if not cycles else {}
    for number, values, _raw in valid:
        if not values:
            continue
        f = _fold(values["kode"])
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


def _apply_unit(plan: Plan, actor: Actor, events: list[AuditEvent]) -> None:
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
    _ensure_pks(new, UnitKerja.objects.filter(instansi_id=inst), "kode")
    state: dict[int, dict[str, Any]] = {u["id"]: dict(u) for u in plan.ctx["existing"]}
    for u in new:
        state[u.pk] = {"id": u.pk, "kode": u.kode, "nama": u.nama, "singkatan": u.singkatan,
                       "is_opd": u.is_opd, "parent_id": None, "path": "", "depth": 0}  # fmt: skip
    id_of = {_fold(s["kode"]): i for i, s in state.items()}
    before = {i: dict(s) for i, s in state.items()}
    for r in plan.rows:
        if r["action"] == UNCHANGED:
            continue
        v = r["values"]
        s = state[id_of[_fold(v["kode"])]]
        for col, attr in (("nama", "nama"), ("singkatan", "singkatan"), ("opd", "is_opd")):
            if col in v:
                s[attr] = v[col]
        if "kode_induk" in v:
            s["parent_id"] = id_of[_fold(v["kode_induk"])] if v["kode_induk"] else None
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
            uid = id_of[_fold(r["values"]["kode"])]
            events.append(
                _event(actor, f"unit.{r['action']}", "org.unitkerja", uid,
                       state[uid]["nama"], r["changes"])
            )  # fmt: skip


# --- jabatan -------------------------------------------------------------------------------

JABATAN_COLS = ["nama", "kode_unit", "kode_jabatan_atasan", "jenis", "jenjang", "eselon", "kelas",
                "kepala_unit"]  # fmt: skip
_JABATAN_ATTR = {"nama": "nama", "jenis": "jenis", "jenjang": "jenjang", "eselon": "eselon",
                 "kelas": "kelas", "kepala_unit": "is_head"}  # fmt: skip


def _plan_jabatan(plan: Plan, instansi_id: int, rows: list[Row]) -> None:
    units = {
        _fold(k): (i, k)
        for i, k in UnitKerja.objects.filter(instansi_id=instansi_id).values_list("id", "kode")
    }
    unit_kode = {i: k for i, k in units.values()}
    existing = list(
        Jabatan.objects.filter(instansi_id=instansi_id).values(
            "id",
            "kode",
            "nama",
            "unit_id",
            "parent_id",
            "jenis",
            "jenjang",
            "eselon",
            "kelas",
            "is_head",
        )  # fmt: skip
    )
    kode_of = {j["id"]: j["kode"] for j in existing}
    by_fold = {_fold(j["kode"]): j for j in existing}
    current = {
        _fold(j["kode"]): {
            "kode": j["kode"],
            "nama": j["nama"],
            "kode_unit": unit_kode.get(j["unit_id"], ""),
            "kode_jabatan_atasan": kode_of.get(j["parent_id"], ""),
            "jenis": j["jenis"],
            "jenjang": j["jenjang"],
            "eselon": j["eselon"],
            "kelas": j["kelas"],
            "kepala_unit": j["is_head"],
        }
        for j in existing
    }
    first, in_file = _first_rows_by_kode(
        plan, rows, by_fold, _("Kode jabatan %(k)s sudah ada di baris %(r)d.")
    )
    parent: dict[str, str | None] = {
        _fold(j["kode"]): _fold(kode_of[j["parent_id"]]) if j["parent_id"] else None
        for j in existing
    }
    valid: list[Row] = []
    bad_cells = _bad_cells(plan)
    for number, values, raw in rows:
        kode = values.get("kode")
        if not kode or first.get(_fold(kode)) != number:
            continue
        f = _fold(kode)
        values = {**values, "kode": in_file[f]}
        ok = True
        if "kode_unit" in values:
            ref = values["kode_unit"]
            if _fold(ref) not in units:
                plan.err(
                    number,
                    "kode_unit",
                    raw.get("kode_unit", ref),
                    _(
                        "Unit dengan kode %(k)s tidak ada di instansi ini. Impor unit kerja "
                        "lebih dahulu."
                    )
                    % {"k": ref},
                )
                ok = False
            else:
                values["kode_unit"] = units[_fold(ref)][1]
        if "kode_jabatan_atasan" in values:
            ok = _resolve_parent_ref(
                plan, number, values, raw, "kode_jabatan_atasan", f, in_file, by_fold, parent,
                _("Jabatan tidak boleh menjadi atasan dirinya sendiri."),
                _("Jabatan atasan dengan kode %(k)s tidak ada di berkas ini maupun di sistem."),
            ) and ok  # fmt: skip
        merged = {**current.get(f, {}), **values}
        if (number, "jenis") not in bad_cells and "jenis" in merged:
            for col, msg in jabatan_errors(
                {
                    "jenis": merged.get("jenis"),
                    "jenjang": merged.get("jenjang"),
                    "kelas": merged.get("kelas"),
                }  # fmt: skip
            ).items():
                if (number, col) not in bad_cells:
                    plan.err(number, col, raw.get(col, merged.get(col)), msg)
                    ok = False
        valid.append((number, values if ok else {}, raw))
    cycles = rules.find_cycles(parent, [_fold(v["kode"]) for _n, v, _r in valid if v])
    for number, values, _raw in valid:
        if not values:
            continue
        f = _fold(values["kode"])
        if f in cycles:
            path = " → ".join(in_file.get(k) or current[k]["kode"] for k in cycles[f])
            plan.err(
                number,
                "kode_jabatan_atasan",
                values.get("kode_jabatan_atasan", ""),
                _("Jabatan atasan membentuk lingkaran: %(p)s.") % {"p": path},
            )
            continue
        plan.add(number, values, current.get(f), JABATAN_COLS)
    plan.ctx = {"existing": existing, "units": units}


def _apply_jabatan(plan: Plan, actor: Actor, events: list[AuditEvent]) -> None:
    inst = actor.instansi_id
    units: dict[str, tuple[int, str]] = plan.ctx["units"]
    existing = {_fold(j["kode"]): j for j in plan.ctx["existing"]}
    creates = [r for r in plan.rows if r["action"] == CREATE]
    new = []
    for r in creates:
        v = r["values"]
        new.append(
            Jabatan(
                instansi_id=inst,
                kode=v["kode"],
                nama=v["nama"],
                unit_id=units[_fold(v["kode_unit"])][0],
                jenis=v["jenis"],
                jenjang=v.get("jenjang", ""),
                eselon=v.get("eselon", ""),
                kelas=v.get("kelas"),
                is_head=v.get("kepala_unit", False),
            )
        )
    Jabatan.objects.bulk_create(new, batch_size=BATCH)
    _ensure_pks(new, Jabatan.objects.filter(instansi_id=inst), "kode")
    id_of = {f: j["id"] for f, j in existing.items()} | {_fold(j.kode): j.pk for j in new}
    objs: list[Jabatan] = []
    moved_unit: list[int] = []
    for r in plan.rows:
        if r["action"] == UNCHANGED:
            continue
        v = r["values"]
        f = _fold(v["kode"])
        cur = existing.get(f)
        base = (
            {
                k: cur[k]
                for k in (
                    "unit_id",
                    "parent_id",
                    "nama",
                    "jenis",
                    "jenjang",
                    "eselon",
                    "kelas",
                    "is_head",
                )
            }  # fmt: skip
            if cur
            else {
                "unit_id": units[_fold(v["kode_unit"])][0],
                "parent_id": None,
                "nama": v["nama"],
                "jenis": v["jenis"],
                "jenjang": v.get("jenjang", ""),
                "eselon": v.get("eselon", ""),
                "kelas": v.get("kelas"),
                "is_head": v.get("kepala_unit", False),
            }  # fmt: skip
        )
        for col, attr in _JABATAN_ATTR.items():
            if col in v:
                base[attr] = v[col]
        if "kode_unit" in v:
            base["unit_id"] = units[_fold(v["kode_unit"])][0]
            if cur and cur["unit_id"] != base["unit_id"]:
                moved_unit.append(cur["id"])
        if "kode_jabatan_atasan" in v:
            ref = v["kode_jabatan_atasan"]
            base["parent_id"] = id_of[_fold(ref)] if ref else None
        objs.append(Jabatan(pk=id_of[f], **base))
        events.append(
            _event(actor, f"jabatan.{r['action']}", "org.jabatan", id_of[f], base["nama"],
                   r["changes"])
        )  # fmt: skip
    Jabatan.objects.bulk_update(
        objs,
        ["unit", "parent", "nama", "jenis", "jenjang", "eselon", "kelas", "is_head"],
        batch_size=BATCH,
    )
    # Holders follow their position's unit (as services.jabatan.jabatan_update does).
    for ids in _chunks(moved_unit):
        Pegawai.objects.filter(instansi_id=inst, jabatan_id__in=ids).update(
            unit_id=Subquery(Jabatan.objects.filter(pk=OuterRef("jabatan_id")).values("unit_id"))
        )


# --- pegawai -------------------------------------------------------------------------------

PEGAWAI_ATTRS = ["nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir",
                 "tanggal_lahir", "status", "golongan", "email", "telepon"]  # fmt: skip
PEGAWAI_COLS = [*PEGAWAI_ATTRS, "kode_jabatan", "tmt_jabatan"]
_FROM_NIP = ("jenis_kelamin", "tanggal_lahir")  # rules §6: the NIP encodes both


def _bad_cells(plan: Plan) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in plan.errors}


def _plan_pegawai(plan: Plan, instansi_id: int, rows: list[Row]) -> None:
    jabatan = {
        _fold(k): (i, k, u)
        for i, k, u in Jabatan.objects.filter(instansi_id=instansi_id).values_list(
            "id", "kode", "unit_id"
        )
    }
    jab_kode = {i: k for i, k, _u in jabatan.values()}
    existing = {
        p["nip"]: p
        for p in Pegawai.objects.filter(instansi_id=instansi_id, nip__isnull=False).values(
            "id", "nip", *PEGAWAI_ATTRS, "jabatan_id", "unit_id", "user_id"
        )
    }
    open_rows: dict[int, list[dict[str, Any]]] = {}
    for rw in RiwayatJabatan.objects.filter(
        instansi_id=instansi_id, jenis=RiwayatJabatan.Jenis.DEFINITIF, tmt_selesai__isnull=True
    ).values("id", "pegawai_id", "jabatan_id", "tmt_mulai"):
        open_rows.setdefault(rw["pegawai_id"], []).append(rw)

    def current(p: dict[str, Any]) -> dict[str, Any]:
        cur = {a: p[a] for a in PEGAWAI_ATTRS}
        cur["tanggal_lahir"] = p["tanggal_lahir"].isoformat() if p["tanggal_lahir"] else None
        cur["kode_jabatan"] = jab_kode.get(p["jabatan_id"], "")
        tmts = [
            r["tmt_mulai"] for r in open_rows.get(p["id"], []) if r["jabatan_id"] == p["jabatan_id"]
        ]
        cur["tmt_jabatan"] = max(tmts).isoformat() if tmts else None
        return cur

    bad_cells = _bad_cells(plan)
    first: dict[str, int] = {}
    new_nips: dict[str, int] = {}
    pending: list[tuple[int, dict[str, Any], dict[str, Any] | None, list[str]]] = []
    for number, values, raw in rows:
        nip = values.get("nip")
        if not nip:
            continue
        if nip in first:
            plan.err(
                number,
                "nip",
                raw.get("nip", nip),
                _("NIP %(n)s sudah ada di baris %(r)d.") % {"n": nip, "r": first[nip]},
            )
            continue
        first[nip] = number
        values = dict(values)
        row_bad = {c for (n, c) in bad_cells if n == number}
        found = existing.get(nip)
        cur = current(found) if found else None
        try:
            info: domain.NipInfo | None = domain.parse_nip(nip)
        except domain.NipError:
            info = None
        if info is not None:
            # A blank gender or birth date is read from the NIP (rules §6).
            for col, derived in (
                ("jenis_kelamin", info.gender),
                ("tanggal_lahir", info.birth_date.isoformat()),
            ):
                if col not in row_bad and not values.get(col) and (col in values or cur is None):
                    values[col] = derived
        merged = {**(cur or {}), **values}
        check = {
            **{a: merged.get(a) or "" for a in PEGAWAI_ATTRS},
            "nip": nip,
            "tanggal_lahir": _date(merged.get("tanggal_lahir")),
        }
        ok = True
        errors = pegawai_errors(check)
        for col, msg in errors.items():
            if col not in row_bad:
                value = raw.get(col, merged.get(col)) if col != "nip" else raw.get("nip", nip)
                if "nip" in row_bad and col != "nip":
                    continue  # the NIP's own error explains it
                if "nip" in errors and col in _FROM_NIP and not values.get(col):
                    continue  # blank, to be read from the NIP once it is right
                plan.err(number, col, value, msg)
                ok = False
        cols = [c for c in PEGAWAI_COLS if c in values]
        if values.get("kode_jabatan"):
            ref = values["kode_jabatan"]
            jab = jabatan.get(_fold(ref))
            if jab is None:
                plan.err(
                    number,
                    "kode_jabatan",
                    raw.get("kode_jabatan", ref),
                    _(
                        "Jabatan dengan kode %(k)s tidak ada di instansi ini. Impor jabatan "
                        "lebih dahulu."
                    )
                    % {"k": ref},
                )
                ok = False
            else:
                values["kode_jabatan"] = jab[1]
                if found is None or found["jabatan_id"] != jab[0]:
                    ok &= _check_tmt(plan, number, values, raw, found, open_rows, row_bad)
                else:
                    # Same position: its TMT is history, not something to overwrite here.
                    cols = [c for c in cols if c != "tmt_jabatan"]
        else:
            # A blank position means "leave the position as it is".
            cols = [c for c in cols if c not in ("kode_jabatan", "tmt_jabatan")]
        if found is None and "nip" not in row_bad:
            new_nips[nip] = number
        pending.append((number, values, cur, cols) if ok else (number, {}, None, []))
    taken = _taken_logins(list(new_nips))
    for nip in taken:
        plan.err(
            new_nips[nip],
            "nip",
            nip,
            # The same words as the staff form (services.validation.pegawai_nip_error): whether the
            # login belongs to another agency's staff is not this agency's business.
            domain.NIP_UNUSABLE % {"n": nip},
        )
    taken_rows = {new_nips[n] for n in taken}
    for number, values, cur, cols in pending:
        if values and number not in taken_rows:
            plan.add(number, values, cur, cols)
    plan.ctx = {"existing": existing, "jabatan": jabatan, "open_rows": open_rows}


def _taken_logins(nips: list[str]) -> set[str]:
    """The NIPs already used as a login name, in any agency (User.username is unique)."""
    taken: set[str] = set()
    for chunk in _chunks(nips):
        taken |= set(User.objects.filter(username__in=chunk).values_list("username", flat=True))
    return taken


def _check_tmt(
    plan: Plan,
    number: int,
    values: dict[str, Any],
    raw: dict[str, str],
    found: dict[str, Any] | None,
    open_rows: dict[int, list[dict[str, Any]]],
    row_bad: set[str],
) -> bool:
    """A new or changed position needs its TMT, after the current position's TMT."""
    if "tmt_jabatan" in row_bad:
        return False
    tmt = values.get("tmt_jabatan")
    if not tmt:
        plan.err(
            number,
            "tmt_jabatan",
            "",
            _("TMT jabatan wajib diisi karena jabatan pegawai ini baru atau berubah."),
        )
        return False
    for rw in open_rows.get(found["id"], []) if found else []:
        if rw["tmt_mulai"] >= dt.date.fromisoformat(tmt):
            plan.err(
                number,
                "tmt_jabatan",
                raw.get("tmt_jabatan", tmt),
                _("TMT jabatan harus sesudah TMT jabatan sebelumnya (%(d)s).")
                % {"d": rw["tmt_mulai"].strftime("%d-%m-%Y")},
            )
            return False
    return True


def _apply_pegawai(plan: Plan, actor: Actor, events: list[AuditEvent]) -> None:
    inst = actor.instansi_id
    now = timezone.now()
    existing: dict[str, dict[str, Any]] = plan.ctx["existing"]
    jabatan: dict[str, tuple[int, str, int]] = plan.ctx["jabatan"]
    open_rows: dict[int, list[dict[str, Any]]] = plan.ctx["open_rows"]
    creates = [r for r in plan.rows if r["action"] == CREATE]

    def attrs(v: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
        out = dict(base)
        for a in PEGAWAI_ATTRS:
            if a in v:
                out[a] = _date(v[a]) if a == "tanggal_lahir" else (v[a] or "")
        return out

    blank = {a: "" for a in PEGAWAI_ATTRS} | {"tanggal_lahir": None}
    users = []
    for r in creates:
        a = attrs(r["values"], blank)
        u = User(
            username=r["values"]["nip"],
            first_name=domain.nama_lengkap(a["gelar_depan"], a["nama"], a["gelar_belakang"])[:150],
            email=a["email"],
            instansi_id=inst,
        )
        # As set_unusable_password(), with a cheaper random suffix (27,000 logins at once).
        u.password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
        users.append(u)
    User.objects.bulk_create(users, batch_size=BATCH)
    _ensure_pks(users, User.objects.all(), "username")
    new: list[Pegawai] = []
    riwayat_new: list[RiwayatJabatan] = []
    for r, u in zip(creates, users, strict=True):
        v = r["values"]
        jab = jabatan.get(_fold(v.get("kode_jabatan"))) if v.get("kode_jabatan") else None
        new.append(
            Pegawai(
                instansi_id=inst,
                nip=v["nip"],
                user_id=u.pk,
                jabatan_id=jab[0] if jab else None,
                unit_id=jab[2] if jab else None,
                **attrs(v, blank),
            )
        )
    Pegawai.objects.bulk_create(new, batch_size=BATCH)
    _ensure_pks(new, Pegawai.objects.filter(instansi_id=inst), "nip")
    for r, p in zip(creates, new, strict=True):
        if p.jabatan_id:
            riwayat_new.append(
                RiwayatJabatan(
                    instansi_id=inst,
                    pegawai_id=p.pk,
                    jabatan_id=p.jabatan_id,
                    jenis=RiwayatJabatan.Jenis.DEFINITIF,
                    tmt_mulai=_date(r["values"]["tmt_jabatan"]),
                )
            )
        events.append(_event(actor, "pegawai.create", "org.pegawai", p.pk, p.nama_lengkap,
                             r["changes"]))  # fmt: skip
    objs: list[Pegawai] = []
    user_objs: list[User] = []
    closing: list[RiwayatJabatan] = []
    fields: set[str] = set()
    for r in plan.rows:
        if r["action"] != UPDATE:
            continue
        v = r["values"]
        cur = existing[v["nip"]]
        base = {a: cur[a] for a in PEGAWAI_ATTRS}
        a = attrs({c: v[c] for c in r["changes"] if c in PEGAWAI_ATTRS}, base)
        p = Pegawai(pk=cur["id"], jabatan_id=cur["jabatan_id"], unit_id=cur["unit_id"],
                    updated_at=now, **a)  # fmt: skip
        fields |= {c for c in r["changes"] if c in PEGAWAI_ATTRS}
        if "kode_jabatan" in r["changes"]:
            jab = jabatan[_fold(v["kode_jabatan"])]
            tmt = _date(v["tmt_jabatan"])
            assert tmt is not None  # checked by _check_tmt
            p.jabatan_id, p.unit_id = jab[0], jab[2]
            fields |= {"jabatan", "unit"}
            for rw in open_rows.get(cur["id"], []):
                closing.append(RiwayatJabatan(pk=rw["id"], tmt_selesai=tmt - dt.timedelta(days=1)))
            plan.ctx.setdefault("position_changes", []).append(
                (cur["id"], v["nip"], cur["jabatan_id"], jab[0], tmt)
            )
            riwayat_new.append(
                RiwayatJabatan(
                    instansi_id=inst,
                    pegawai_id=cur["id"],
                    jabatan_id=jab[0],
                    jenis=RiwayatJabatan.Jenis.DEFINITIF,
                    tmt_mulai=tmt,
                )
            )
        objs.append(p)
        if cur["user_id"] and {"nama", "gelar_depan", "gelar_belakang", "email"} & set(
            r["changes"]
        ):
            user_objs.append(
                User(pk=cur["user_id"], first_name=p.nama_lengkap[:150], email=p.email)
            )
        events.append(_event(actor, "pegawai.update", "org.pegawai", cur["id"], p.nama_lengkap,
                             r["changes"]))  # fmt: skip
    if objs:
        Pegawai.objects.bulk_update(objs, sorted(fields | {"updated_at"}), batch_size=BATCH)
    # The login email of an Admin Instansi or Auditor is theirs to set: an import that
    # changes their HR email leaves their login's (core.accounts).
    privileged = accounts.privileged_user_ids(u.pk for u in user_objs)
    User.objects.bulk_update(
        [u for u in user_objs if u.pk not in privileged], ["first_name", "email"], batch_size=BATCH
    )
    User.objects.bulk_update(
        [u for u in user_objs if u.pk in privileged], ["first_name"], batch_size=BATCH
    )
    RiwayatJabatan.objects.bulk_update(closing, ["tmt_selesai"], batch_size=BATCH)
    RiwayatJabatan.objects.bulk_create(riwayat_new, batch_size=BATCH)


# --- shared --------------------------------------------------------------------------------


def _ensure_pks(objs: list[Any], qs: Any, key: str) -> None:
    """bulk_create sets primary keys on PostgreSQL and SQLite ≥ 3.35; elsewhere look
    them up by the natural key."""
    missing = [o for o in objs if o.pk is None]
    if not missing:
        return
    keys = [getattr(o, key) for o in missing]
    found: dict[Any, int] = {}
    for chunk in _chunks(keys):
        found.update(qs.filter(**{f"{key}__in": chunk}).values_list(key, "pk"))
    for o in missing:
        o.pk = found[getattr(o, key)]


def _event(
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


PLANNERS = {"unit": _plan_unit, "jabatan": _plan_jabatan, "pegawai": _plan_pegawai}
APPLIERS = {"unit": _apply_unit, "jabatan": _apply_jabatan, "pegawai": _apply_pegawai}


def build_plan(
    kind: str, instansi_id: int, rows: list[Row], columns: list[str],
    errors: list[rules.RowError] | None = None,
) -> Plan:  # fmt: skip
    """Validate parsed rows against the database and the file itself, and decide for each
    row: create, update (which fields, old → new) or unchanged."""
    plan = Plan(kind=kind, columns=columns, errors=list(errors or []))
    PLANNERS[kind](plan, instansi_id, rows)
    plan.errors.sort(key=lambda e: (e.row, columns.index(e.column) if e.column in columns else 99))
    plan.rows.sort(key=lambda r: r["row"])
    return plan


def rendered_errors(errors: Any) -> list[dict[str, Any]]:
    """A batch's stored errors with each message in the current language (the viewer's,
    not the uploader's). Batches stored before messages had ids keep their text."""
    out = []
    for e in errors if isinstance(errors, list) else []:
        if isinstance(e, dict):
            out.append({**e, "message": domain.render(e.get("message"))})
    return out


def _stored_rows(batch: ImportBatch) -> list[Row]:
    return [(r["row"], r["values"], {}) for r in batch.rows if isinstance(r, dict)]


# --- the actions a view calls ---------------------------------------------------------------


def access_import_batch(*, actor: Actor | None, id: int) -> ImportBatch:
    """Another agency's batch is a 404; the same agency but not an admin, a 403."""
    actor = require_instansi(actor)
    batch = (
        ImportBatch.objects.select_related("uploaded_by")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if batch is None:
        raise Http404(gettext("Data tidak ditemukan."))
    require_admin(actor)
    return batch


def import_prepare(*, actor: Actor, kind: str, filename: str, data: bytes) -> ImportBatch:
    """Read and check a whole file and store what it would do as a preview. Writes no
    organisation data; a file that cannot be read at all raises ValidationError."""
    require_admin(actor)
    if kind not in rules.KINDS:
        raise ValidationError({"kind": [_("Pilih jenis data yang diimpor.")]})
    try:
        table = rules.read_table(filename, data, max_bytes=settings.IMPORT_MAX_BYTES)
    except rules.ImportFileError as e:
        raise ValidationError({"berkas": [e.message]}) from None
    parsed = rules.parse_rows(kind, table)
    if not parsed.rows and not parsed.errors:
        raise ValidationError({"berkas": [_("Berkas tidak berisi baris data di bawah judul.")]})
    plan = build_plan(
        kind,
        actor.instansi_id,
        [(r.row, r.values, r.raw) for r in parsed.rows],
        parsed.columns,
        parsed.errors,
    )
    digest = hashlib.sha256(data).hexdigest()
    return ImportBatch.objects.create(
        instansi_id=actor.instansi_id,
        kind=kind,
        filename=(filename or "")[-255:],
        sha256=digest,
        uploaded_by=actor.user,
        rows=plan.rows,
        summary={**plan.summary(), "columns": parsed.columns, "ignored": parsed.ignored},
        errors=[e.as_dict() for e in plan.errors],
    )


def _fingerprint(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["row"], r["action"], r["changes"]) for r in rows]


def _announce_position_changes(actor: Actor, changes: list[tuple[Any, ...]]) -> None:
    """Tell later apps (hooks.py: plans closes the old SKP and opens one for the new
    position, rules §4) about each definitive position change the file made, after the
    supervisors are recomputed, as the staff page's service does. A refusal names the
    person and undoes the whole import."""
    for pegawai_id, nip, old_jabatan_id, new_jabatan_id, tmt in changes:
        try:
            hooks.position_changed(
                hooks.PositionChange(
                    actor=actor,
                    instansi_id=actor.instansi_id,
                    pegawai_id=pegawai_id,
                    old_jabatan_id=old_jabatan_id,
                    new_jabatan_id=new_jabatan_id,
                    tmt=tmt,
                )
            )
        except ValidationError as e:
            raise ValidationError(
                _("Pegawai NIP %(nip)s: %(m)s") % {"nip": nip, "m": " ".join(e.messages)}
            ) from e


def import_commit(*, actor: Actor, batch: ImportBatch) -> ImportBatch:
    """Apply a previewed batch, all or nothing, after validating it again against the
    database as it is now. If anything changed since the preview, the preview is
    refreshed and nothing is written: the admin looks again and confirms."""
    require_admin(actor)
    try:
        return _commit(actor, batch)
    except _Stale as stale:
        batch, plan = stale.batch, stale.plan
    except IntegrityError:
        # A key taken between the re-validation and the write (a login another admin
        # created meanwhile, perhaps in another agency): nothing was written; validate
        # again so that the refreshed preview names the row.
        batch = ImportBatch.objects.get(instansi_id=actor.instansi_id, pk=batch.pk)
        columns = list(batch.summary.get("columns", []))
        plan = build_plan(batch.kind, actor.instansi_id, _stored_rows(batch), columns)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.PREVIEW,
        rows=plan.rows,
        summary={**batch.summary, **plan.summary()},
        errors=[e.as_dict() for e in plan.errors],
    )
    raise ValidationError(
        _(
            "Data di sistem berubah sejak pratinjau dibuat, sehingga belum ada yang disimpan. "
            "Periksa pratinjau yang diperbarui, lalu terapkan lagi."
        )
    )


class _Stale(Exception):
    def __init__(self, batch: ImportBatch, plan: Plan) -> None:
        self.batch, self.plan = batch, plan


def _commit(actor: Actor, batch: ImportBatch) -> ImportBatch:
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update()
            .filter(instansi_id=actor.instansi_id, pk=batch.pk)
            .first()
        )
        if batch is None:
            raise Http404(gettext("Data tidak ditemukan."))
        if batch.status not in (ImportBatch.Status.PREVIEW, ImportBatch.Status.QUEUED):
            raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
        if batch.errors:
            raise ValidationError(
                _("Berkas masih berisi kesalahan. Perbaiki lalu unggah ulang berkasnya.")
            )
        columns = list(batch.summary.get("columns", []))
        plan = build_plan(batch.kind, actor.instansi_id, _stored_rows(batch), columns)
        stale = bool(plan.errors) or _fingerprint(plan.rows) != _fingerprint(batch.rows)
        if not stale:
            events: list[AuditEvent] = []
            APPLIERS[batch.kind](plan, actor, events)
            audit.bulk_record(events)
            if batch.kind in ("jabatan", "pegawai"):
                supervisors_recompute(instansi_id=actor.instansi_id)
            _announce_position_changes(actor, plan.ctx.get("position_changes", []))
            summary = plan.summary()
            batch.status = ImportBatch.Status.COMMITTED
            batch.committed_at = timezone.now()
            batch.summary = {**batch.summary, **summary}
            batch.save(update_fields=["status", "committed_at", "summary"])
            audit.record(
                actor=actor.user,
                action="import.commit",
                obj=batch,
                changes={
                    "jenis": batch.kind,
                    "berkas": batch.filename,
                    "sha256": batch.sha256,
                    "baru": summary[CREATE],
                    "diubah": summary[UPDATE],
                    "tidak_berubah": summary[UNCHANGED],
                },
            )
            return batch
    raise _Stale(batch, plan)


@transaction.atomic
def import_queue(*, actor: Actor, batch: ImportBatch) -> ImportBatch:
    """Hand a large previewed batch to the background worker (a province's staff file
    takes longer to apply than a web request may last). The worker calls import_commit
    with the same checks; the preview page follows its progress."""
    from .tasks import import_commit_task

    require_admin(actor)
    batch = ImportBatch.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    if batch.errors:
        raise ValidationError(
            _("Berkas masih berisi kesalahan. Perbaiki lalu unggah ulang berkasnya.")
        )
    batch.status = ImportBatch.Status.QUEUED
    batch.summary = {k: v for k, v in batch.summary.items() if k != "job_error"}
    batch.save(update_fields=["status", "summary"])
    audit.record(actor=actor.user, action="import.queue", obj=batch,
                 changes={"jenis": batch.kind, "berkas": batch.filename})  # fmt: skip
    batch_id, user_id = batch.pk, actor.user.pk
    transaction.on_commit(lambda: import_commit_task.enqueue(batch_id=batch_id, user_id=user_id))
    return batch


@transaction.atomic
def import_cancel(*, actor: Actor, batch: ImportBatch) -> ImportBatch:
    require_admin(actor)
    batch = ImportBatch.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    batch.status = ImportBatch.Status.CANCELLED
    batch.rows = []  # nothing will use them; keep the counts and errors only
    batch.save(update_fields=["status", "rows"])
    return batch


def recent_batches(*, actor: Actor, limit: int = 10) -> list[ImportBatch]:
    require_admin(actor)
    return list(
        ImportBatch.objects.filter(instansi_id=actor.instansi_id)
        .select_related("uploaded_by")
        .defer("rows", "errors")
        .order_by("-created_at", "-id")[:limit]
    )


def same_file_committed(*, batch: ImportBatch) -> ImportBatch | None:
    """An earlier commit of byte-for-byte the same file, to mention on the preview."""
    return (
        ImportBatch.objects.filter(
            instansi_id=batch.instansi_id,
            kind=batch.kind,
            sha256=batch.sha256,
            status=ImportBatch.Status.COMMITTED,
        )
        .exclude(pk=batch.pk)
        .defer("rows", "errors")
        .order_by("-committed_at")
        .first()
    )
