"""Background jobs of attendance (django-tasks; the database backend by default)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from ekinerja.core.models import User
from ekinerja.core.msg import _
from ekinerja.core.roles import actor_for_user

from .models import ImporPresensi

log = logging.getLogger(__name__)


def _back_to_preview(batch: ImporPresensi, messages: list[str] | list[dict]) -> None:
    """The batch returns to preview with the reason, for the admin to see there."""
    batch.refresh_from_db()
    batch.status = ImporPresensi.Status.PRATINJAU
    batch.ringkasan = {**batch.ringkasan, "galat_tugas": messages}
    batch.save(update_fields=["status", "ringkasan"])


@task()
def impor_presensi_commit_task(*, impor_id: int, user_id: int, terima_baris_rusak: bool) -> str:
    """Commit a queued punch file as the admin who confirmed it. If it cannot be
    committed, nothing is written and the batch returns to preview with the reason."""
    from .services import impor

    user = User.objects.get(pk=user_id)
    if user.instansi_id is None:  # queued by an Admin Instansi: never, but say so
        raise ImporPresensi.DoesNotExist(f"impor {impor_id}: user {user_id} has no instansi")
    batch = ImporPresensi.objects.get(pk=impor_id, instansi_id=user.instansi_id)
    if batch.status != ImporPresensi.Status.ANTRE:
        return f"impor {impor_id} is {batch.status}: nothing to do"
    actor = actor_for_user(user)
    assert actor is not None
    try:
        impor.impor_commit(actor=actor, impor=batch, terima_baris_rusak=terima_baris_rusak)
    except ValidationError as e:
        _back_to_preview(batch, e.messages)
        return f"impor {impor_id} returned to preview"
    except Exception:
        log.exception("punch import %s failed", impor_id)
        _back_to_preview(
            batch,
            [
                _(
                    "Impor gagal diterapkan karena kesalahan sistem; tidak ada data yang "
                    "disimpan. Coba lagi atau hubungi pengelola sistem."
                ).as_json()
            ],
        )
        raise
    return f"impor {impor_id} committed"
