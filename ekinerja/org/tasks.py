"""Background jobs of the org app (django-tasks; the database backend by default)."""

from __future__ import annotations

import logging
from typing import Any, cast

from django.core.exceptions import ValidationError
from django_tasks import task

from ekinerja.core.models import User
from ekinerja.core.roles import actor_for_user

from .domain import Msg, _
from .models import ImportBatch

log = logging.getLogger(__name__)


def _back_to_preview(batch_id: int, message: Any) -> None:
    """`message` is stored as domain.Msg JSON where it can be, so that the preview page
    shows it in the language of whoever opens it (the worker has no reader)."""
    batch = ImportBatch.objects.get(pk=batch_id)
    batch.status = ImportBatch.Status.PREVIEW
    batch.summary = {**batch.summary, "job_error": message}
    batch.save(update_fields=["status", "summary"])


@task()
def import_commit_task(*, batch_id: int, user_id: int) -> str:
    """Apply a queued import as the admin who confirmed it. If it cannot be applied
    (the data changed since the preview, or an error), nothing is written and the batch
    returns to preview with the reason, for the admin to see on the preview page."""
    from .imports import batches

    user = User.objects.get(pk=user_id)
    # A user of no agency finds no batch (DoesNotExist), as always.
    batch = ImportBatch.objects.get(pk=batch_id, instansi_id=cast(int, user.instansi_id))
    if batch.status != ImportBatch.Status.QUEUED:
        return f"batch {batch_id} is {batch.status}: nothing to do"
    try:
        actor = actor_for_user(user)
        assert actor is not None  # a user from the database is authenticated
        batches.import_commit(actor=actor, batch=batch)
    except ValidationError as e:
        _back_to_preview(
            batch_id,
            [
                m.message.as_json() if isinstance(m.message, Msg) else m.messages[0]
                for m in e.error_list
            ],  # fmt: skip
        )
        return f"batch {batch_id} returned to preview"
    except Exception:
        log.exception("import batch %s failed", batch_id)
        _back_to_preview(
            batch_id,
            [
                _(
                    "Impor gagal diterapkan karena kesalahan sistem; tidak ada data yang "
                    "disimpan. Coba lagi atau hubungi pengelola sistem."
                ).as_json()
            ],
        )
        raise
    return f"batch {batch_id} committed"
