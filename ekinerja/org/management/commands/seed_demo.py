"""`manage.py seed_demo [--pegawai N] [--seed S] [--if-empty]`: the demo regency."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ekinerja.org import seeding


class Command(BaseCommand):
    help = (
        "Membuat data demo 'Pemerintah Kabupaten Contoh': struktur organisasi, jabatan, "
        "pegawai dengan NIP sah, riwayat jabatan, Plt, dan peran demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--pegawai",
            type=int,
            default=seeding.DEFAULT_PEGAWAI,
            help="Jumlah pegawai (bawaan %(default)s; minimal 200).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Benih acak; benih sama = data sama."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Jangan lakukan apa pun bila instansi demo sudah ada.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        existing = seeding.demo_instansi()
        if existing is not None:
            msg = _("Instansi demo %(nama)s (%(kode)s) sudah ada; tidak ada yang diubah.") % {
                "nama": existing.nama,
                "kode": existing.kode,
            }
            if options["if_empty"]:
                self.stdout.write(msg)
                return
            raise CommandError(
                msg + " " + _("Gunakan basis data kosong untuk membuat data demo baru.")
            )
        n = options["pegawai"]
        start = time.perf_counter()
        try:
            result = seeding.seed_demo(n, options["seed"])
        except ValueError as e:
            raise CommandError(str(e)) from None
        elapsed = time.perf_counter() - start
        plan = result.plan
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Instansi demo %(nama)s dibuat dalam %(detik).1f detik: %(unit)d unit kerja, "
                    "%(jabatan)d jabatan, %(pegawai)d pegawai, %(riwayat)d riwayat jabatan."
                )
                % {
                    "nama": result.instansi.nama,
                    "detik": elapsed,
                    "unit": len(plan.units),
                    "jabatan": len(plan.jabatan),
                    "pegawai": len(plan.pegawai),
                    "riwayat": len(plan.riwayat),
                }
            )
        )
        if result.recomputed:
            self.stdout.write(
                self.style.WARNING(
                    _("Perhitungan ulang atasan mengubah %(n)d baris.") % {"n": result.recomputed}
                )
            )
