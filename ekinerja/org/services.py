"""Writes for organisation and people. Each: authorise → validate → save → audit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ekinerja.core import accounts, audit
from ekinerja.core.models import AuditEvent, Role, RoleAssignment, User
from ekinerja.core.nip import normalize_nip
from ekinerja.core.roles import Actor

from . import domain, hooks
from .access import require_admin
from .models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja

UNIT_FIELDS = ["parent", "kode", "nama", "singkatan", "is_opd", "urutan", "aktif"]
JABATAN_FIELDS = [
    "unit", "parent", "kode", "nama", "jenis", "jenjang", "eselon", "kelas", "is_head", "aktif",
]  # fmt: skip
PEGAWAI_FIELDS = [
    "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir",
    "tanggal_lahir", "status", "golongan", "email", "telepon", "siasn_id", "aktif",
]  # fmt: skip


# --- validation shared by forms, services and imports --------------------------------


def pegawai_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Field errors for a person's identity: NIP format, NIP vs status/gender/birth date,
    golongan vs status (rules §6, §12). Empty dict when all is well. The messages are
    domain.Msg (rendered in the reader's language; imports store them)."""
    errors: dict[str, Any] = {}
    status = data.get("status") or ""
    nip_raw = data.get("nip") or ""
    if not (data.get("nama") or "").strip():
        errors["nama"] = domain.Msg(gettext_noop("Nama wajib diisi."))
    if status not in {c for c, _label in Pegawai.Status.choices}:
        errors["status"] = domain.Msg(
            gettext_noop("Status harus PNS, CPNS, PPPK, atau Pejabat non-ASN.")
        )
    if status != domain.NON_ASN or nip_raw:
        try:
            info = domain.parse_nip(nip_raw)
        except domain.NipError as e:
            errors["nip"] = e.msg
        else:
            errors.update(
                domain.identity_errors(
                    info,
                    status=status,
                    gender=data.get("jenis_kelamin"),
                    birth_date=data.get("tanggal_lahir"),
                )
            )
    if "status" not in errors:
        gol_err = domain.golongan_error(status, data.get("golongan") or "")
        if gol_err:
            errors["golongan"] = gol_err
    if data.get("jenis_kelamin") not in (domain.GENDER_MALE, domain.GENDER_FEMALE):
        errors.setdefault(
            "jenis_kelamin", domain.Msg(gettext_noop("Jenis kelamin harus L atau P."))
        )
    return errors


def identity_from_nip(fields: dict[str, Any]) -> dict[str, Any]:
    """Gender and birth date are read from a valid NIP where the caller left them blank
    (rules §6: the NIP encodes both, and the record must agree with it). A value that is
    given is kept, for pegawai_errors to compare with the NIP."""
    out = dict(fields)
    nip = out.get("nip")
    if not nip:
        return out
    try:
        info = domain.parse_nip(nip)
    except domain.NipError:
        return out
    if not out.get("jenis_kelamin"):
        out["jenis_kelamin"] = info.gender
    if not out.get("tanggal_lahir"):
        out["tanggal_lahir"] = info.birth_date
    return out


def _nip_unusable(nip: str) -> str:
    return str(domain.NIP_UNUSABLE % {"n": nip})


def pegawai_nip_error(*, instansi_id: int, nip: str, pegawai: Pegawai | None = None) -> str | None:
    """Why this agency cannot give `nip` to a person (`pegawai` keeps their own), or None.

    What holds across agencies: a NIP is unique within an agency (uniq_pegawai_nip), and
    it is the person's login name, unique over all agencies (User.username). Another
    agency's staff are none of this agency's business, so a login name that is taken is
    reported in the same words wherever it is used: the NIP cannot be used. A duplicate
    in the agency's own data says whose NIP it is."""
    same = Pegawai.objects.filter(instansi_id=instansi_id, nip=nip)
    if pegawai is not None:
        same = same.exclude(pk=pegawai.pk)
    holder = same.only("nama", "gelar_depan", "gelar_belakang").first()
    if holder is not None:
        return _("NIP %(n)s sudah terdaftar di instansi ini (%(nama)s).") % {
            "n": nip,
            "nama": holder.nama_lengkap,
        }
    logins = User.objects.filter(username=nip)
    if pegawai is not None and pegawai.user_id:
        logins = logins.exclude(pk=pegawai.user_id)
    if logins.exists():
        return _nip_unusable(nip)
    return None


def jabatan_errors(data: dict[str, Any]) -> dict[str, Any]:
    """Field errors of a position (domain.Msg, as pegawai_errors)."""
    errors: dict[str, Any] = {}
    jenis = data.get("jenis")
    if jenis == Jabatan.Jenis.FUNGSIONAL and not data.get("jenjang"):
        errors["jenjang"] = domain.Msg(gettext_noop("Jabatan fungsional wajib mempunyai jenjang."))
    if jenis != Jabatan.Jenis.FUNGSIONAL and data.get("jenjang"):
        errors["jenjang"] = domain.Msg(gettext_noop("Jenjang hanya untuk jabatan fungsional."))
    kelas = data.get("kelas")
    if kelas is not None and not 1 <= int(kelas) <= 17:
        errors["kelas"] = domain.Msg(gettext_noop("Kelas jabatan harus antara 1 dan 17."))
    return errors


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})


# --- instansi -------------------------------------------------------------------------


@transaction.atomic
def instansi_create(*, actor: User, **fields: Any) -> Instansi:
    if not actor.is_platform_admin:
        raise ValidationError(_("Hanya admin platform yang dapat membuat instansi."))
    instansi = Instansi(**fields)
    instansi.full_clean()
    instansi.save()
    audit.record(
        actor=actor, action="instansi.create", obj=instansi, instansi_id=instansi.pk, changes=fields
    )
    return instansi


# --- unit kerja ---------------------------------------------------------------------


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
    require_admin(actor)
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
    require_admin(actor)
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


# --- jabatan ------------------------------------------------------------------------


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
    require_admin(actor)
    _raise(jabatan_errors(fields))
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
    require_admin(actor)
    jabatan = Jabatan.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=jabatan.pk)
    before = audit.snapshot(jabatan, JABATAN_FIELDS)
    merged = {**before, **{k: v for k, v in fields.items()}}
    _raise(jabatan_errors(merged))
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


# --- pegawai ------------------------------------------------------------------------


@transaction.atomic
def pegawai_create(
    *,
    actor: Actor,
    jabatan: Jabatan | None = None,
    tmt_jabatan: dt.date | None = None,
    **fields: Any,
) -> Pegawai:
    """Create a person, their login (username = NIP, no usable password until they
    activate it with a one-time code: org.activation), and their first position if
    given. Gender and birth date come from the NIP when not given."""
    require_admin(actor)
    if fields.get("nip"):
        fields["nip"] = normalize_nip(fields["nip"])
    fields = identity_from_nip(fields)
    _raise(pegawai_errors(fields))
    nip = fields.get("nip") or None
    fields["nip"] = nip
    if nip:
        taken = pegawai_nip_error(instansi_id=actor.instansi_id, nip=nip)
        if taken:
            raise ValidationError({"nip": [taken]})
    try:
        # A savepoint: a login taken since the check above (another admin, another
        # agency) fails here, and PostgreSQL would refuse every later query without it.
        with transaction.atomic():
            pegawai = Pegawai.objects.create(instansi_id=actor.instansi_id, **fields)
            if nip:
                user = User(
                    username=nip,
                    first_name=pegawai.nama_lengkap[:150],
                    email=pegawai.email,
                    instansi_id=actor.instansi_id,
                )
                user.set_unusable_password()
                user.save()
                pegawai.user = user
                pegawai.save(update_fields=["user"])
    except IntegrityError:
        raise ValidationError({"nip": [_nip_unusable(nip or "")]}) from None
    audit.record(
        actor=actor.user,
        action="pegawai.create",
        obj=pegawai,
        changes=audit.snapshot(pegawai, PEGAWAI_FIELDS),
    )
    if jabatan is not None:
        pegawai_assign_jabatan(
            actor=actor,
            pegawai=pegawai,
            jabatan=jabatan,
            jenis=RiwayatJabatan.Jenis.DEFINITIF,
            tmt_mulai=tmt_jabatan or dt.date.today(),
        )
        pegawai.refresh_from_db()
    return pegawai


@transaction.atomic
def pegawai_update(*, actor: Actor, pegawai: Pegawai, **fields: Any) -> Pegawai:
    """Change a person's data. A new NIP renames their login; gender and birth date left
    blank are read from the NIP."""
    require_admin(actor)
    pegawai = Pegawai.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=pegawai.pk)
    before = audit.snapshot(pegawai, PEGAWAI_FIELDS)
    if fields.get("nip"):
        fields["nip"] = normalize_nip(fields["nip"])
    merged = identity_from_nip({**{f: getattr(pegawai, f) for f in PEGAWAI_FIELDS}, **fields})
    _raise(pegawai_errors(merged))
    nip = merged.get("nip") or None
    if nip:
        taken = pegawai_nip_error(instansi_id=actor.instansi_id, nip=nip, pegawai=pegawai)
        if taken:
            raise ValidationError({"nip": [taken]})
    for k in fields:
        setattr(pegawai, k, merged[k])
    for k in ("jenis_kelamin", "tanggal_lahir"):
        setattr(pegawai, k, merged[k])
    pegawai.nip = nip
    login_fields: dict[str, Any] = {"first_name": pegawai.nama_lengkap[:150]}
    # The login email of an Admin Instansi or Auditor is theirs to set (or the platform
    # admin's): another admin editing the HR record must not be able to redirect their
    # "Lupa kata sandi" mail (core.accounts).
    if pegawai.user_id and not accounts.is_privileged(pegawai.user_id):
        login_fields["email"] = pegawai.email
    if nip:
        login_fields["username"] = nip
    try:
        with transaction.atomic():  # a savepoint, as in pegawai_create
            pegawai.save()
            if pegawai.user_id:
                User.objects.filter(pk=pegawai.user_id).update(**login_fields)
    except IntegrityError:
        raise ValidationError({"nip": [_nip_unusable(nip or "")]}) from None
    changes = audit.diff(before, audit.snapshot(pegawai, PEGAWAI_FIELDS))
    if changes:
        audit.record(actor=actor.user, action="pegawai.update", obj=pegawai, changes=changes)
    return pegawai


@transaction.atomic
def pegawai_assign_jabatan(
    *,
    actor: Actor,
    pegawai: Pegawai,
    jabatan: Jabatan,
    jenis: str,
    tmt_mulai: dt.date,
    nomor_sk: str = "",
) -> RiwayatJabatan:
    """Put a person in a position from a date (mutasi/promosi, or Plt/Plh).

    A definitive appointment ends the person's previous definitive position the day
    before; a Plt/Plh is an extra, acting role and ends nothing.
    """
    require_admin(actor)
    if jabatan.instansi_id != actor.instansi_id or pegawai.instansi_id != actor.instansi_id:
        raise ValidationError(_("Jabatan dan pegawai harus dari instansi yang sama."))
    open_rows = RiwayatJabatan.objects.select_for_update().filter(
        instansi_id=actor.instansi_id, pegawai=pegawai, tmt_selesai__isnull=True, jenis=jenis
    )
    if jenis == RiwayatJabatan.Jenis.DEFINITIF:
        for row in open_rows:
            if row.tmt_mulai >= tmt_mulai:
                raise ValidationError(
                    {
                        "tmt_mulai": [
                            _("TMT harus sesudah TMT jabatan sebelumnya (%(d)s).")
                            % {"d": row.tmt_mulai.strftime("%d-%m-%Y")}
                        ]
                    }
                )
        old_jabatan = audit.ref(pegawai.jabatan)
        old_jabatan_id = pegawai.jabatan_id
        open_rows.update(tmt_selesai=tmt_mulai - dt.timedelta(days=1))
    elif open_rows.filter(jabatan=jabatan).exists():
        raise ValidationError(_("Pegawai ini sudah menjabat sebagai %(j)s.") % {"j": jabatan})
    row = RiwayatJabatan.objects.create(
        instansi_id=actor.instansi_id,
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=jenis,
        tmt_mulai=tmt_mulai,
        nomor_sk=nomor_sk,
    )
    if jenis == RiwayatJabatan.Jenis.DEFINITIF:
        pegawai.jabatan = jabatan
        pegawai.unit_id = jabatan.unit_id
        pegawai.save(update_fields=["jabatan", "unit", "updated_at"])
    audit.record(
        actor=actor.user,
        action=f"pegawai.jabatan.{jenis}",
        obj=pegawai,
        changes={
            "jabatan": [
                old_jabatan if jenis == RiwayatJabatan.Jenis.DEFINITIF else None,
                audit.ref(jabatan),
            ],
            "tmt_mulai": [None, str(tmt_mulai)],
            "nomor_sk": [None, nomor_sk],
        },
    )
    supervisors_recompute(instansi_id=actor.instansi_id)
    if jenis == RiwayatJabatan.Jenis.DEFINITIF and old_jabatan_id != jabatan.pk:
        # After the supervisors are recomputed, so that listeners (plans: close the old
        # SKP, open one for the new position, rules §4) see the new penilai. See hooks.py.
        hooks.position_changed(
            hooks.PositionChange(
                actor=actor,
                instansi_id=actor.instansi_id,
                pegawai_id=pegawai.pk,
                old_jabatan_id=old_jabatan_id,
                new_jabatan_id=jabatan.pk,
                tmt=tmt_mulai,
            )
        )
    return row


@transaction.atomic
def riwayat_end(*, actor: Actor, riwayat: RiwayatJabatan, tmt_selesai: dt.date) -> RiwayatJabatan:
    """End an acting role (Plt/Plh) or a position on a date."""
    require_admin(actor)
    if tmt_selesai < riwayat.tmt_mulai:
        raise ValidationError({"tmt_selesai": [_("TMT selesai tidak boleh sebelum TMT mulai.")]})
    riwayat.tmt_selesai = tmt_selesai
    riwayat.save(update_fields=["tmt_selesai"])
    if riwayat.jenis == RiwayatJabatan.Jenis.DEFINITIF:
        Pegawai.objects.filter(pk=riwayat.pegawai_id, jabatan_id=riwayat.jabatan_id).update(
            jabatan=None, unit=None
        )
    audit.record(
        actor=actor.user,
        action="riwayat.end",
        obj=riwayat,
        changes={"tmt_selesai": [None, str(tmt_selesai)]},
    )
    supervisors_recompute(instansi_id=actor.instansi_id)
    return riwayat


@transaction.atomic
def pegawai_set_atasan(
    *, actor: Actor, pegawai: Pegawai, atasan: Pegawai | None, alasan: str
) -> Pegawai:
    """An admin's explicit choice of pejabat penilai for one person (None = follow the
    org chart again)."""
    require_admin(actor)
    if atasan is not None:
        if atasan.instansi_id != actor.instansi_id:
            raise ValidationError({"atasan": [_("Atasan harus dari instansi yang sama.")]})
        if atasan.pk == pegawai.pk:
            raise ValidationError({"atasan": [_("Pegawai tidak dapat menjadi atasannya sendiri.")]})
        if not alasan.strip():
            raise ValidationError({"alasan": [_("Tuliskan alasan penggantian pejabat penilai.")]})
    before = audit.ref(pegawai.atasan_override)
    pegawai.atasan_override = atasan
    pegawai.atasan_override_alasan = alasan.strip() if atasan else ""
    pegawai.save(update_fields=["atasan_override", "atasan_override_alasan", "updated_at"])
    audit.record(
        actor=actor.user,
        action="pegawai.atasan",
        obj=pegawai,
        changes={
            "atasan_override": [before, audit.ref(atasan)],
            "alasan": [None, pegawai.atasan_override_alasan],
        },
    )
    supervisors_recompute(instansi_id=actor.instansi_id)
    pegawai.refresh_from_db()
    return pegawai


def supervisors_recompute(*, instansi_id: int) -> int:
    """Derive every person's supervisor from positions and overrides; write only changes.

    Returns how many rows changed. One pass over the instansi: a few bulk reads, the
    pure resolver, then bulk updates (fast enough for 270,000 staff).
    """
    peg = list(
        Pegawai.objects.filter(instansi_id=instansi_id, aktif=True).values_list(
            "pk", "jabatan_id", "atasan_id", "atasan_override_id"
        )
    )
    parents = dict(Jabatan.objects.filter(instansi_id=instansi_id).values_list("pk", "parent_id"))
    holdings = [
        domain.Holding(pegawai_id=p, jabatan_id=j, jenis=k, since=s)
        for p, j, k, s in RiwayatJabatan.objects.filter(
            instansi_id=instansi_id, tmt_selesai__isnull=True, pegawai__aktif=True
        ).values_list("pegawai_id", "jabatan_id", "jenis", "tmt_mulai")
    ]
    resolved = domain.resolve_supervisors(
        pegawai_jabatan={p: j for p, j, _a, _o in peg},
        jabatan_parent=parents,
        holders=domain.acting_holders(holdings),
        overrides={p: o for p, _j, _a, o in peg if o},
    )
    changed = [
        Pegawai(pk=p, atasan_id=resolved.get(p)) for p, _j, a, _o in peg if resolved.get(p) != a
    ]
    Pegawai.objects.bulk_update(changed, ["atasan"], batch_size=2000)
    return len(changed)


# --- instansi with its first admin, and roles (added with the org pages) --------------


@transaction.atomic
def instansi_create_with_admin(
    *,
    actor: User,
    admin_username: str,
    admin_password: str = "",
    admin_email: str = "",
    **fields: Any,
) -> tuple[Instansi, User]:
    """A new agency and its first Admin Instansi login, in one transaction.

    The login gets either a temporary password (to be changed) or no usable password
    and an email address, through which the admin sets one with the reset link."""
    if not actor.is_platform_admin:
        raise ValidationError(_("Hanya admin platform yang dapat membuat instansi."))
    username = (admin_username or "").strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["admin_username"] = [_("Nama pengguna admin wajib diisi.")]
    elif User.objects.filter(username__iexact=username).exists():
        errors["admin_username"] = [_("Nama pengguna %(u)s sudah dipakai.") % {"u": username}]
    if not admin_password and not admin_email:
        errors["admin_password"] = [
            _("Isi kata sandi sementara, atau email agar admin dapat mengatur kata sandinya.")
        ]
    if errors:
        raise ValidationError(errors)
    instansi = instansi_create(actor=actor, **fields)
    user = User(username=username, email=admin_email, instansi=instansi)
    if admin_password:
        try:
            password_validation.validate_password(admin_password, user)
        except ValidationError as e:
            raise ValidationError({"admin_password": e.messages}) from None
        user.set_password(admin_password)
        # Chosen by the platform admin, not by the owner: changed at the first login
        # (core.middleware.PasswordChangeRequiredMiddleware).
        user.must_change_password = True
    else:
        user.set_unusable_password()
    user.save()
    RoleAssignment.objects.create(instansi=instansi, user=user, role=Role.ADMIN)
    audit.record(
        actor=actor,
        action="role.assign",
        obj=user,
        instansi_id=instansi.pk,
        changes={"peran": [None, str(Role.ADMIN.label)], "unit": [None, None]},
    )
    return instansi, user


ROLES_WITH_UNIT = {Role.PENGELOLA}  # always limited to a unit subtree
ROLES_WITHOUT_UNIT = {Role.ADMIN, Role.AUDITOR}  # always the whole instansi


@transaction.atomic
def role_assign(
    *, actor: Actor, user: User, role: str, unit: UnitKerja | None = None
) -> RoleAssignment:
    """Grant a role: Pengelola Kinerja of a unit, Pimpinan (of a unit or the whole
    instansi), Admin Instansi, Auditor."""
    require_admin(actor)
    if user.instansi_id != actor.instansi_id:
        raise ValidationError(_("Pengguna harus dari instansi yang sama."))
    if role not in Role.values:
        raise ValidationError({"role": [_("Peran tidak dikenal.")]})
    if unit is not None and unit.instansi_id != actor.instansi_id:
        raise ValidationError({"unit": [_("Unit harus dari instansi yang sama.")]})
    if role in ROLES_WITH_UNIT and unit is None:
        raise ValidationError({"unit": [_("Pengelola Kinerja harus ditetapkan untuk satu unit.")]})
    if role in ROLES_WITHOUT_UNIT:
        unit = None
    exists = RoleAssignment.objects.filter(
        instansi_id=actor.instansi_id, user=user, role=role, unit=unit
    ).exists()
    if exists:
        raise ValidationError({"role": [_("Pegawai ini sudah memegang peran tersebut.")]})
    assignment = RoleAssignment.objects.create(
        instansi_id=actor.instansi_id, user=user, role=role, unit=unit
    )
    audit.record(
        actor=actor.user,
        action="role.assign",
        obj=user,
        instansi_id=actor.instansi_id,
        changes={
            "peran": [None, str(Role(role).label)],
            "unit": [None, str(unit) if unit else None],
        },
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: Actor, assignment: RoleAssignment) -> None:
    """Take a role back. The agency keeps at least one Admin Instansi."""
    require_admin(actor)
    assignment = (
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("user", "unit")
        .filter(instansi_id=actor.instansi_id, pk=assignment.pk)
        .first()
    )
    if assignment is None:
        raise ValidationError(_("Peran ini sudah tidak ada."))
    if (
        assignment.role == Role.ADMIN
        and not RoleAssignment.objects.filter(instansi_id=actor.instansi_id, role=Role.ADMIN)
        .exclude(pk=assignment.pk)
        .exists()
    ):
        raise ValidationError(
            _("Admin Instansi terakhir tidak dapat dicabut; tetapkan admin lain lebih dahulu.")
        )
    audit.record(
        actor=actor.user,
        action="role.revoke",
        obj=assignment.user,
        instansi_id=actor.instansi_id,
        changes={
            "peran": [str(Role(assignment.role).label), None],
            "unit": [str(assignment.unit) if assignment.unit else None, None],
        },
    )
    assignment.delete()


# --- SIASN person ids, many at once (issue 11 §5) -------------------------------------------
# Called by the appraisal's SIASN reference import (a file from SIASN: NIP → person id) and
# the demo seeder. An id is SIASN's: letters, digits, '-' or '_', at most 64 characters
# (Pegawai.siasn_id); SIASN's own look like A8ACA7A4ECE03912E040640A040269BB.
SIASN_ID_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
_SIASN_CHUNK = 5000  # keys per `__in` query


@dataclass(frozen=True)
class SiasnIdChange:
    pegawai_id: int
    nip: str
    nama: str
    lama: str
    baru: str


@dataclass
class SiasnIdsResult:
    """What pegawai_set_siasn_ids did, person by person (ordered by NIP)."""

    diisi: list[SiasnIdChange] = field(default_factory=list)  # had none, now set
    diganti: list[SiasnIdChange] = field(default_factory=list)  # replaced (replace=True)
    bentrok: list[SiasnIdChange] = field(default_factory=list)  # has another; kept
    dipakai: list[SiasnIdChange] = field(default_factory=list)  # id is someone else's
    tidak_ditemukan: list[str] = field(default_factory=list)  # NIP not in this instansi
    sama: int = 0  # already had this id

    @property
    def written(self) -> int:
        return len(self.diisi) + len(self.diganti)


def _siasn_mapping_errors(mapping: Mapping[str, str]) -> tuple[dict[str, str], dict[str, list]]:
    clean: dict[str, str] = {}
    errors: dict[str, list] = {}
    owner: dict[str, str] = {}
    for raw_nip, raw_id in mapping.items():
        nip = normalize_nip(str(raw_nip or ""))
        sid = str(raw_id or "").strip()
        if not (len(nip) == 18 and nip.isascii() and nip.isdigit()):
            errors.setdefault("nip", []).append(
                _("NIP %(nip)s tidak sah: NIP terdiri atas 18 angka.") % {"nip": raw_nip}
            )
            continue
        if not SIASN_ID_RE.fullmatch(sid):
            errors.setdefault("siasn_id", []).append(
                _(
                    "ID SIASN %(id)s untuk NIP %(nip)s tidak sah: isi 1–64 huruf, angka, "
                    "tanda - atau _."
                )
                % {"id": sid or "(kosong)", "nip": nip}
            )
            continue
        if clean.get(nip, sid) != sid:
            errors.setdefault("nip", []).append(
                _("NIP %(nip)s tercantum dua kali dengan ID SIASN berbeda.") % {"nip": nip}
            )
        if owner.get(sid, nip) != nip:
            errors.setdefault("siasn_id", []).append(
                _("ID SIASN %(id)s diberikan kepada dua NIP: %(a)s dan %(b)s.")
                % {"id": sid, "a": owner[sid], "b": nip}
            )
        clean[nip] = sid
        owner[sid] = nip
    return clean, errors


@transaction.atomic
def pegawai_set_siasn_ids(
    *, actor: Actor, mapping: Mapping[str, str], replace: bool = False
) -> SiasnIdsResult:
    """Set the SIASN person id of the instansi's people by NIP ({nip: id}).

    All or nothing for bad input: a NIP that is not 18 digits, an id that is not one, a
    NIP listed twice with different ids or one id for two NIPs raise ValidationError and
    write nothing. Otherwise each person is reported: an id is set where there was none;
    a different id already stored is kept (`bentrok`) unless `replace`; an id that
    another person of the instansi keeps is not given twice (`dipakai`); a NIP not in
    this instansi is `tidak_ditemukan`. Each change is audited as the person's update."""
    require_admin(actor)
    clean, errors = _siasn_mapping_errors(mapping)
    if errors:
        raise ValidationError(errors)
    result = SiasnIdsResult()
    nips = sorted(clean)
    people: dict[str, Pegawai] = {}
    for i in range(0, len(nips), _SIASN_CHUNK):
        rows = Pegawai.objects.select_for_update().filter(
            instansi_id=actor.instansi_id, nip__in=nips[i : i + _SIASN_CHUNK]
        )
        people.update({p.nip: p for p in rows.only("pk", "nip", "nama", "gelar_depan",
                                                     "gelar_belakang", "siasn_id")})  # fmt: skip
    ids = sorted(set(clean.values()))
    holders: dict[str, str] = {}  # id → NIP of who has it now
    for i in range(0, len(ids), _SIASN_CHUNK):
        holders.update(
            Pegawai.objects.filter(
                instansi_id=actor.instansi_id, siasn_id__in=ids[i : i + _SIASN_CHUNK]
            ).values_list("siasn_id", "nip")
        )

    before = {nip: p.siasn_id for nip, p in people.items()}

    def keeps_own(nip: str | None) -> bool:
        """Whether the person keeps their present id: not in the mapping, or in it with
        the same id, or with another one that does not replace it."""
        old = before.get(nip or "")
        return not old or clean[nip or ""] == old or not replace

    changed: list[tuple[Pegawai, str]] = []
    for nip in nips:
        p = people.get(nip)
        new = clean[nip]
        if p is None:
            result.tidak_ditemukan.append(nip)
            continue
        change = SiasnIdChange(p.pk, nip, p.nama_lengkap, p.siasn_id, new)
        holder = holders.get(new)
        if p.siasn_id == new:
            result.sama += 1
        elif holder is not None and holder != nip and keeps_own(holder):
            result.dipakai.append(change)
        elif p.siasn_id and not replace:
            result.bentrok.append(change)
        else:
            (result.diganti if p.siasn_id else result.diisi).append(change)
            changed.append((p, p.siasn_id))
            p.siasn_id = new
    now = timezone.now()
    for p, _old in changed:
        p.updated_at = now
    Pegawai.objects.bulk_update([p for p, _old in changed], ["siasn_id", "updated_at"], 500)
    user = actor.user
    label = (user.get_full_name() or user.get_username())[:200]
    audit.bulk_record(
        [
            AuditEvent(
                instansi_id=actor.instansi_id,
                actor=user,
                actor_label=label,
                action="pegawai.update",
                object_type=Pegawai._meta.label_lower,
                object_id=str(p.pk),
                object_repr=p.nama_lengkap[:255],
                changes={"siasn_id": [old or None, p.siasn_id]},
            )
            for p, old in changed
        ]
    )
    return result
