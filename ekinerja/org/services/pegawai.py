"""Writes of people (Pegawai): create one with their login (username = NIP) and first
position, change their data (a new NIP renames the login)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ekinerja.core import accounts, audit
from ekinerja.core.models import User
from ekinerja.core.nip import normalize_nip
from ekinerja.core.roles import Actor

from ..access import require_admin
from ..models import Jabatan, Pegawai, RiwayatJabatan
from .riwayat import pegawai_assign_jabatan
from .validation import (
    identity_from_nip,
    nip_unusable,
    pegawai_errors,
    pegawai_nip_error,
    raise_errors,
)

PEGAWAI_FIELDS = [
    "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tempat_lahir",
    "tanggal_lahir", "status", "golongan", "email", "telepon", "siasn_id", "aktif",
]  # fmt: skip


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
    actor = require_admin(actor)
    if fields.get("nip"):
        fields["nip"] = normalize_nip(fields["nip"])
    fields = identity_from_nip(fields)
    raise_errors(pegawai_errors(fields))
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
        raise ValidationError({"nip": [nip_unusable(nip or "")]}) from None
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
    actor = require_admin(actor)
    pegawai = Pegawai.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=pegawai.pk)
    before = audit.snapshot(pegawai, PEGAWAI_FIELDS)
    if fields.get("nip"):
        fields["nip"] = normalize_nip(fields["nip"])
    merged = identity_from_nip({**{f: getattr(pegawai, f) for f in PEGAWAI_FIELDS}, **fields})
    raise_errors(pegawai_errors(merged))
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
        raise ValidationError({"nip": [nip_unusable(nip or "")]}) from None
    changes = audit.diff(before, audit.snapshot(pegawai, PEGAWAI_FIELDS))
    if changes:
        audit.record(actor=actor.user, action="pegawai.update", obj=pegawai, changes=changes)
    return pegawai
