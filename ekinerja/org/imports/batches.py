"""The import as the pages use it, one ImportBatch per upload: read and check a whole
file into a preview (`import_prepare`), apply it all or nothing after checking it again
(`import_commit`), or hand a large one to the worker (`import_queue`), or cancel it.

Fast for a province (27,000 staff): the agency's units, positions and staff are read
into dicts once, every row is checked in memory, and the commit writes with bulk_create /
bulk_update in batches. Re-importing the same file plans nothing; a changed file updates
by key (kode for units and positions, NIP for staff).
"""

from __future__ import annotations

import hashlib
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from ekinerja.core import audit
from ekinerja.core.models import AuditEvent
from ekinerja.core.msg import Msg, render
from ekinerja.core.roles import Actor, MemberActor
from ekinerja.core.tabular import ImportFileError, RowError, read_table

from .. import hooks
from ..access import require_admin, require_instansi
from ..domain import _
from ..models import ImportBatch
from ..services.supervisors import supervisors_recompute
from .columns import KINDS
from .jabatan import apply_jabatan, plan_jabatan
from .pegawai import apply_pegawai, plan_pegawai
from .plan import CREATE, UNCHANGED, UPDATE, Plan, Row
from .rules import parse_rows
from .units import apply_unit, plan_unit

PLANNERS = {"unit": plan_unit, "jabatan": plan_jabatan, "pegawai": plan_pegawai}
APPLIERS = {"unit": apply_unit, "jabatan": apply_jabatan, "pegawai": apply_pegawai}


def _error(message: Msg, **kwargs: Any) -> ValidationError:
    """A ValidationError that keeps the Msg as it is (it translates when shown); the
    stubs only know str messages."""
    return ValidationError(cast(str, message), **kwargs)


def build_plan(
    kind: str, instansi_id: int, rows: list[Row], columns: list[str],
    errors: list[RowError] | None = None,
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
            out.append({**e, "message": render(e.get("message"))})
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
    actor = require_admin(actor)
    return batch


def import_prepare(*, actor: Actor, kind: str, filename: str, data: bytes) -> ImportBatch:
    """Read and check a whole file and store what it would do as a preview. Writes no
    organisation data; a file that cannot be read at all raises ValidationError."""
    actor = require_admin(actor)
    if kind not in KINDS:
        raise ValidationError({"kind": [_("Pilih jenis data yang diimpor.")]})
    try:
        table = read_table(filename, data, max_bytes=settings.IMPORT_MAX_BYTES)
    except ImportFileError as e:
        raise ValidationError({"berkas": [e.message]}) from None
    parsed = parse_rows(kind, table)
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


def _announce_position_changes(actor: MemberActor, changes: list[tuple[Any, ...]]) -> None:
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
            raise _error(
                _("Pegawai NIP %(nip)s: %(m)s") % {"nip": nip, "m": " ".join(e.messages)}
            ) from e


def import_commit(*, actor: Actor, batch: ImportBatch) -> ImportBatch:
    """Apply a previewed batch, all or nothing, after validating it again against the
    database as it is now. If anything changed since the preview, the preview is
    refreshed and nothing is written: the admin looks again and confirms."""
    actor = require_admin(actor)
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
    ImportBatch.objects.filter(instansi_id=batch.instansi_id, pk=batch.pk).update(
        status=ImportBatch.Status.PREVIEW,
        rows=plan.rows,
        summary={**batch.summary, **plan.summary()},
        errors=[e.as_dict() for e in plan.errors],
    )
    raise _error(
        _(
            "Data di sistem berubah sejak pratinjau dibuat, sehingga belum ada yang disimpan. "
            "Periksa pratinjau yang diperbarui, lalu terapkan lagi."
        )
    )


class _Stale(Exception):
    def __init__(self, batch: ImportBatch, plan: Plan) -> None:
        self.batch, self.plan = batch, plan


def _commit(actor: MemberActor, batch: ImportBatch) -> ImportBatch:
    with transaction.atomic():
        locked = (
            ImportBatch.objects.select_for_update()
            .filter(instansi_id=actor.instansi_id, pk=batch.pk)
            .first()
        )
        if locked is None:
            raise Http404(gettext("Data tidak ditemukan."))
        batch = locked
        if batch.status not in (ImportBatch.Status.PREVIEW, ImportBatch.Status.QUEUED):
            raise _error(_("Impor ini sudah diterapkan atau dibatalkan."))
        if batch.errors:
            raise _error(_("Berkas masih berisi kesalahan. Perbaiki lalu unggah ulang berkasnya."))
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
    from ..tasks import import_commit_task

    actor = require_admin(actor)
    batch = ImportBatch.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise _error(_("Impor ini sudah diterapkan atau dibatalkan."))
    if batch.errors:
        raise _error(_("Berkas masih berisi kesalahan. Perbaiki lalu unggah ulang berkasnya."))
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
    actor = require_admin(actor)
    batch = ImportBatch.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise _error(_("Impor ini sudah diterapkan atau dibatalkan."))
    batch.status = ImportBatch.Status.CANCELLED
    batch.rows = []  # nothing will use them; keep the counts and errors only
    batch.save(update_fields=["status", "rows"])
    return batch


def recent_batches(*, actor: Actor, limit: int = 10) -> list[ImportBatch]:
    actor = require_admin(actor)
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
