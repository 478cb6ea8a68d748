"""`manage.py expire_activation_codes`: record (and audit, once) the activation and
reset codes whose time ran out unused. Run daily (docs/deploy.md); a code is refused
after its expiry whether or not this has run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ekinerja.core import activation


class Command(BaseCommand):
    help = "Catat (dan audit) kode aktivasi yang kedaluwarsa tanpa dipakai."

    def handle(self, *args: Any, **options: Any) -> None:
        n = activation.codes_expire()
        if options["verbosity"]:
            self.stdout.write(f"{n} kode aktivasi kedaluwarsa dicatat.")
