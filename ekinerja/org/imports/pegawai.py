"""Importing staff (Pegawai), keyed by NIP: check each row (identity rules §6 §12, a
blank gender or birth date read from the NIP, a known position with its TMT after the
current one, a NIP not used as another login), then write the new people with their
logins and first position, the changed people, and the position changes in bulk."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone

from ekinerja.core import accounts
from ekinerja.core.models import AuditEvent, User
from ekinerja.core.roles import MemberActor

from .. import domain
from ..domain import _
from ..models import Jabatan, Pegawai, RiwayatJabatan
from ..services.validation import pegawai_errors
from .plan import (
    BATCH,
    CREATE,
    UPDATE,
    Plan,
    Row,
    audit_event,
    cells_with_errors,
    chunks,
    ensure_pks,
    fold,
    to_date,
)

PEGAWAI_ATTRS = ["nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir",
                 "tanggal_lahir", "status", "golongan", "email", "telepon"]  # fmt: skip
PEGAWAI_COLS = [*PEGAWAI_ATTRS, "kode_jabatan", "tmt_jabatan"]
_FROM_NIP = ("jenis_kelamin", "tanggal_lahir")  # rules §6: the NIP encodes both


def plan_pegawai(plan: Plan, instansi_id: int, rows: list[Row]) -> None:
    jabatan = {
        fold(k): (i, k, u)
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

    bad_cells = cells_with_errors(plan)
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
            "tanggal_lahir": to_date(merged.get("tanggal_lahir")),
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
            jab = jabatan.get(fold(ref))
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
    for chunk in chunks(nips):
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


def apply_pegawai(plan: Plan, actor: MemberActor, events: list[AuditEvent]) -> None:
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
                out[a] = to_date(v[a]) if a == "tanggal_lahir" else (v[a] or "")
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
    ensure_pks(users, User.objects.all(), "username")
    new: list[Pegawai] = []
    riwayat_new: list[RiwayatJabatan] = []
    for r, u in zip(creates, users, strict=True):
        v = r["values"]
        jab = jabatan.get(fold(v.get("kode_jabatan"))) if v.get("kode_jabatan") else None
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
    ensure_pks(new, Pegawai.objects.filter(instansi_id=inst), "nip")
    for r, p in zip(creates, new, strict=True):
        if p.jabatan_id:
            riwayat_new.append(
                RiwayatJabatan(
                    instansi_id=inst,
                    pegawai_id=p.pk,
                    jabatan_id=p.jabatan_id,
                    jenis=RiwayatJabatan.Jenis.DEFINITIF,
                    tmt_mulai=to_date(r["values"]["tmt_jabatan"]),
                )
            )
        events.append(audit_event(actor, "pegawai.create", "org.pegawai", p.pk, p.nama_lengkap,
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
            jab = jabatan[fold(v["kode_jabatan"])]
            tmt = to_date(v["tmt_jabatan"])
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
        events.append(audit_event(actor, "pegawai.update", "org.pegawai", cur["id"], p.nama_lengkap,
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
