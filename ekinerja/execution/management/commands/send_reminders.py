"""`manage.py send_reminders`: start the check of scheduled reminders.

django-tasks has no scheduler of its own, so cron or a systemd timer runs this every 15
minutes (docs/deploy.md, "Background worker and reminders"). By default it only queues
`execution.tasks.send_due_reminders` for `manage.py db_worker`, and returns at once;
`--now` checks and delivers in this process (a small installation without a worker, or
an operator who wants to see the result).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ekinerja.execution.tasks import send_due_reminders


class Command(BaseCommand):
    help = (
        "Memeriksa pengingat terjadwal yang sudah jatuh waktu (dijalankan cron/systemd "
        "timer setiap 15 menit). Tanpa --now tugas dimasukkan ke antrean db_worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Periksa dan kirim sekarang di proses ini, tanpa antrean.",
        )
        parser.add_argument(
            "--at",
            metavar="ISO_DATETIME",
            help="Anggap waktu sekarang adalah ini (dengan zona, mis. 2026-03-10T07:00:00+00:00).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        at = options.get("at")
        if at:
            try:
                moment = dt.datetime.fromisoformat(at)
            except ValueError as e:
                raise CommandError(f"--at: {e}") from e
            if moment.tzinfo is None:
                raise CommandError(_("--at memerlukan zona waktu, mis. 2026-03-10T07:00:00+00:00."))
            at = moment.isoformat()
        if options["now"]:
            result = send_due_reminders.call(now=at, inline=True)
            self.stdout.write(
                _("Pengingat diperiksa: %(checked)s, jatuh waktu: %(due)s, notifikasi: %(sent)s")
                % result
            )
            return
        queued = send_due_reminders.enqueue(now=at)
        self.stdout.write(
            _("Pemeriksaan pengingat dimasukkan ke antrean (%(id)s).") % {"id": queued.id}
        )
