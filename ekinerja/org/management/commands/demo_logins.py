"""`manage.py demo_logins`: who to log in as in the demo, with the shared password."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from ekinerja.org.seeding import demo, logins


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def fmt(r: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"

    return "\n".join([line, fmt(headers), line, *(fmt(r) for r in rows), line])


class Command(BaseCommand):
    help = "Menampilkan akun demo (peran, nama, NIP/nama pengguna, kata sandi, yang dapat dicoba)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            instansi = demo.demo_instansi()
        except DatabaseError:
            raise CommandError(
                _("Basis data belum disiapkan. Jalankan: make run (atau manage.py migrate).")
            ) from None
        if instansi is None:
            self.stdout.write(_("Belum ada data demo. Jalankan: python manage.py seed_demo"))
            return
        accounts = logins.demo_accounts(instansi)
        rows = [
            [str(a["label"]), str(a["name"]), str(a["username"]), str(a["password"]),
             str(a["hint"])]
            for a in accounts
        ]  # fmt: skip
        headers = [_("Peran"), _("Nama"), _("NIP / nama pengguna"), _("Kata sandi"), _("Coba")]
        self.stdout.write(_("Akun demo %(nama)s:") % {"nama": instansi.nama})
        self.stdout.write(format_table(headers, rows))
        self.stdout.write(
            _(
                "Semua pegawai demo dapat masuk dengan NIP masing-masing dan kata sandi "
                "%(pw)s (Bupati: nama pengguna 'bupati')."
            )
            % {"pw": logins.DEMO_PASSWORD}
        )
