"""Background jobs of the appraisal (django-tasks; the database backend by default, run
by `manage.py db_worker`): preparing an evaluation period that was just opened."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from ekinerja.core.models import User
from ekinerja.core.roles import actor_for_user

log = logging.getLogger(__name__)


@task()
def periode_prepare_task(*, periode_penilaian_id: int, user_id: int) -> str:
    """Create the evaluations of a period the admin opened, as that admin, with the
    progress the period page polls (services.periode.periode_penilaian_prepare). If it
    fails, what was created stays (a retry continues from there) and the reason is
    shown on the period page, where the admin can start it again."""
    from .services.periode import periode_penilaian_prepare, preparation_failed

    user = User.objects.get(pk=user_id)
    try:
        created, prefilled = periode_penilaian_prepare(
            actor=actor_for_user(user), periode_penilaian_id=periode_penilaian_id
        )
    except Exception:
        log.exception("preparing evaluation period %s failed", periode_penilaian_id)
        with override("id"):  # stored once, shown to whoever opens the page
            message = _(
                "Persiapan periode terhenti karena kesalahan sistem; evaluasi yang sudah "
                "dibuat tetap tersimpan. Coba lagi atau hubungi pengelola sistem."
            )
        # A user without an instansi has no period to mark (the filter would match none).
        if user.instansi_id is not None:
            preparation_failed(
                instansi_id=user.instansi_id,
                periode_penilaian_id=periode_penilaian_id,
                message=message,
            )
        raise
    return f"periode {periode_penilaian_id}: {created} evaluations created, {prefilled} prefilled"
