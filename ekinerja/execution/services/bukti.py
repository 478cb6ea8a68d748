"""Writes of evidence (bukti dukung, issue 4 item 3): a file or a link attached by its
owner to one activity, rencana aksi or RHK realisation, and its removal.

A file is checked by its content (files.check_file) against the agency's size limit
before anything is written; it is stored under a random name through the "bukti"
storage (Django's storage API, so a deployment may use S3-compatible storage). Nothing
is left behind on a refusal: no row, and no stored file — if the row cannot be written
after the file was saved, the file is deleted again.
"""

from __future__ import annotations

from typing import IO, Any, Protocol, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.roles import Actor

from .. import files
from ..access import access_bukti
from ..models import Aktivitas, BuktiDukung, _bukti_name
from ..selectors.bukti import AKTIVITAS, Target, closed_reason, target_for
from ..selectors.pengaturan import pengaturan
from ..storage import bukti_storage

KETERANGAN_MAX = 255


class Upload(Protocol):
    """What an uploaded file offers (Django's UploadedFile, or a File for the API)."""

    name: str | None
    size: int

    def read(self, n: int = -1) -> bytes: ...
    def seek(self, pos: int, whence: int = 0) -> int: ...
    def chunks(self, chunk_size: int | None = None) -> Any: ...


def max_bytes(instansi_id: int) -> int:
    """The agency's upload limit in bytes (PengaturanPelaksanaan.maks_unggah_kb)."""
    return pengaturan(instansi_id).maks_unggah_kb * 1024


def _open_target(
    actor: Actor,
    aktivitas_id: int | None,
    rencana_aksi_id: int | None,
    rhk_id: int | None,
) -> Target:
    """The target, for its owner, locked when it is an activity (its status decides),
    and still open for changes."""
    target = target_for(
        actor=actor,
        aktivitas_id=aktivitas_id,
        rencana_aksi_id=rencana_aksi_id,
        rhk_id=rhk_id,
        for_write=True,
    )
    if target.kind == AKTIVITAS:
        # Verification may be deciding this activity right now: read its status locked.
        locked = Aktivitas.objects.select_for_update().get(
            instansi_id=target.obj.instansi_id, pk=target.pk
        )
        cast(Aktivitas, target.obj).status = locked.status  # target.kind is AKTIVITAS
        target.closed = closed_reason(AKTIVITAS, target.obj)
    if target.closed:
        raise PermissionDenied(target.closed)
    return target


def _keterangan(keterangan: str) -> str:
    keterangan = (keterangan or "").strip()
    if len(keterangan) > KETERANGAN_MAX:
        raise ValidationError({"keterangan": [_("Keterangan paling banyak 255 karakter.")]})
    return keterangan


def _new(actor: MemberActor, target: Target, **fields: Any) -> BuktiDukung:
    return BuktiDukung(
        instansi_id=actor.instansi_id,
        pegawai_id=target.pegawai_id,
        **{target.field: target.obj},
        **fields,
    )


def _record(actor: Actor, action: str, bukti: BuktiDukung, target_kind: str, target_id: int):
    audit.record(
        actor=actor.user,
        action=action,
        obj=bukti,
        changes={
            "jenis": bukti.jenis,
            "sasaran": f"{target_kind} #{target_id}",
            "nama_berkas": bukti.nama_berkas,
            "tautan": bukti.tautan,
            "ukuran": bukti.ukuran,
            "sha256": bukti.sha256,
            "keterangan": bukti.keterangan,
        },
    )


@transaction.atomic
def bukti_add_file(
    *,
    actor: Actor,
    berkas: Upload | IO[bytes],
    aktivitas_id: int | None = None,
    rencana_aksi_id: int | None = None,
    rhk_id: int | None = None,
    keterangan: str = "",
) -> BuktiDukung:
    """A file as evidence of one thing the actor owns (exactly one id). Refused with a
    ValidationError on `berkas` when its name is a path or holds control characters, it
    is empty, over the agency's limit, not a PDF/JPG/PNG/DOCX/XLSX by content, or its
    content does not match its extension."""
    actor = require_instansi(actor)
    target = _open_target(actor, aktivitas_id, rencana_aksi_id, rhk_id)
    keterangan = _keterangan(keterangan)
    if berkas is None:
        raise ValidationError({"berkas": [_("Pilih berkas yang akan diunggah.")]})
    try:
        checked = files.check_file(
            name=getattr(berkas, "name", "") or "",
            size=int(getattr(berkas, "size", 0) or 0),
            fileobj=berkas,  # type: ignore[arg-type]
            max_bytes=max_bytes(actor.instansi_id),
        )
    except files.FileRefused as e:
        raise ValidationError({"berkas": [e.message]}) from None
    bukti = _new(
        actor,
        target,
        jenis=BuktiDukung.Jenis.BERKAS,
        nama_berkas=checked.nama,
        ekstensi=checked.ekstensi,
        content_type=checked.content_type,
        ukuran=checked.ukuran,
        sha256=checked.sha256,
        keterangan=keterangan,
    )
    storage = bukti_storage()
    berkas.seek(0)
    # Storage.save wraps any readable file-like object (an upload or an open file) in a File.
    stored = storage.save(_bukti_name(bukti, checked.nama), cast(IO[bytes], berkas))
    try:
        bukti.berkas.name = stored
        bukti.save()
        _record(actor, "bukti.create", bukti, target.kind, target.pk)
    except BaseException:
        storage.delete(stored)
        raise
    return bukti


@transaction.atomic
def bukti_add_link(
    *,
    actor: Actor,
    tautan: str,
    aktivitas_id: int | None = None,
    rencana_aksi_id: int | None = None,
    rhk_id: int | None = None,
    keterangan: str = "",
) -> BuktiDukung:
    """A link (http or https only) as evidence of one thing the actor owns."""
    actor = require_instansi(actor)
    target = _open_target(actor, aktivitas_id, rencana_aksi_id, rhk_id)
    keterangan = _keterangan(keterangan)
    try:
        url = files.clean_link(tautan)
    except files.FileRefused as e:
        raise ValidationError({"tautan": [e.message]}) from None
    bukti = _new(actor, target, jenis=BuktiDukung.Jenis.TAUTAN, tautan=url, keterangan=keterangan)
    bukti.save()
    _record(actor, "bukti.create", bukti, target.kind, target.pk)
    return bukti


@transaction.atomic
def bukti_delete(*, actor: Actor, bukti_id: int) -> None:
    """Remove a piece of evidence: its owner, while the thing it supports may still
    change (an activity waiting for verification; a rencana aksi or RHK of the current
    SKP). The stored file goes once the transaction commits, so a rollback keeps it."""
    actor = require_instansi(actor)
    bukti = access_bukti(actor=actor, id=bukti_id, for_write=True)
    target = _open_target(actor, bukti.aktivitas_id, bukti.rencana_aksi_id, bukti.rhk_id)
    name = bukti.berkas.name if bukti.berkas else ""
    _record(actor, "bukti.delete", bukti, target.kind, target.pk)
    bukti.delete()
    if name:
        transaction.on_commit(lambda: bukti_storage().delete(name))
