"""Importing positions (Jabatan): check each row against the agency's units and
positions and the file (duplicate codes, unknown units, unknown or looping parents,
jenjang and kelas), then write the new and changed positions in bulk; holders follow
their position's unit."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from ekinerja.core.models import AuditEvent
from ekinerja.core.roles import MemberActor

from ..domain import _
from ..models import Jabatan, Pegawai, UnitKerja
from ..services.validation import jabatan_errors
from .plan import (
    BATCH,
    CREATE,
    UNCHANGED,
    Plan,
    Row,
    audit_event,
    cells_with_errors,
    chunks,
    ensure_pks,
    first_rows_by_kode,
    fold,
    resolve_parent_ref,
)
from .rules import find_cycles

JABATAN_COLS = ["nama", "kode_unit", "kode_jabatan_atasan", "jenis", "jenjang", "eselon", "kelas",
                "kepala_unit"]  # fmt: skip
_JABATAN_ATTR = {"nama": "nama", "jenis": "jenis", "jenjang": "jenjang", "eselon": "eselon",
                 "kelas": "kelas", "kepala_unit": "is_head"}  # fmt: skip


def plan_jabatan(plan: Plan, instansi_id: int, rows: list[Row]) -> None:
    units = {
        fold(k): (i, k)
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
    by_fold = {fold(j["kode"]): j for j in existing}
    current = {
        fold(j["kode"]): {
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
    first, in_file = first_rows_by_kode(
        plan, rows, by_fold, _("Kode jabatan %(k)s sudah ada di baris %(r)d.")
    )
    parent: dict[str, str | None] = {
        fold(j["kode"]): fold(kode_of[j["parent_id"]]) if j["parent_id"] else None for j in existing
    }
    valid: list[Row] = []
    bad_cells = cells_with_errors(plan)
    for number, values, raw in rows:
        kode = values.get("kode")
        if not kode or first.get(fold(kode)) != number:
            continue
        f = fold(kode)
        values = {**values, "kode": in_file[f]}
        ok = True
        if "kode_unit" in values:
            ref = values["kode_unit"]
            if fold(ref) not in units:
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
                values["kode_unit"] = units[fold(ref)][1]
        if "kode_jabatan_atasan" in values:
            ok = resolve_parent_ref(
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
    cycles = find_cycles(parent, [fold(v["kode"]) for _n, v, _r in valid if v])
    for number, values, _raw in valid:
        if not values:
            continue
        f = fold(values["kode"])
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


def apply_jabatan(plan: Plan, actor: MemberActor, events: list[AuditEvent]) -> None:
    inst = actor.instansi_id
    units: dict[str, tuple[int, str]] = plan.ctx["units"]
    existing = {fold(j["kode"]): j for j in plan.ctx["existing"]}
    creates = [r for r in plan.rows if r["action"] == CREATE]
    new = []
    for r in creates:
        v = r["values"]
        new.append(
            Jabatan(
                instansi_id=inst,
                kode=v["kode"],
                nama=v["nama"],
                unit_id=units[fold(v["kode_unit"])][0],
                jenis=v["jenis"],
                jenjang=v.get("jenjang", ""),
                eselon=v.get("eselon", ""),
                kelas=v.get("kelas"),
                is_head=v.get("kepala_unit", False),
            )
        )
    Jabatan.objects.bulk_create(new, batch_size=BATCH)
    ensure_pks(new, Jabatan.objects.filter(instansi_id=inst), "kode")
    id_of = {f: j["id"] for f, j in existing.items()} | {fold(j.kode): j.pk for j in new}
    objs: list[Jabatan] = []
    moved_unit: list[int] = []
    for r in plan.rows:
        if r["action"] == UNCHANGED:
            continue
        v = r["values"]
        f = fold(v["kode"])
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
                "unit_id": units[fold(v["kode_unit"])][0],
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
            base["unit_id"] = units[fold(v["kode_unit"])][0]
            if cur and cur["unit_id"] != base["unit_id"]:
                moved_unit.append(cur["id"])
        if "kode_jabatan_atasan" in v:
            ref = v["kode_jabatan_atasan"]
            base["parent_id"] = id_of[fold(ref)] if ref else None
        objs.append(Jabatan(pk=id_of[f], **base))
        events.append(
            audit_event(actor, f"jabatan.{r['action']}", "org.jabatan", id_of[f], base["nama"],
                   r["changes"])
        )  # fmt: skip
    Jabatan.objects.bulk_update(
        objs,
        ["unit", "parent", "nama", "jenis", "jenjang", "eselon", "kelas", "is_head"],
        batch_size=BATCH,
    )
    # Holders follow their position's unit (as services.jabatan.jabatan_update does).
    for ids in chunks(moved_unit):
        Pegawai.objects.filter(instansi_id=inst, jabatan_id__in=ids).update(
            unit_id=Subquery(
                Jabatan.objects.filter(
                    instansi_id=OuterRef("instansi_id"), pk=OuterRef("jabatan_id")
                ).values("unit_id")
            )
        )
