"""`manage.py seed_demo [--pegawai N] [--seed S] [--if-empty]`: the demo regency."""

from __future__ import annotations

import time
from collections.abc import Iterator
from importlib import import_module
from typing import Any, Protocol

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from ekinerja.org.models import Instansi
from ekinerja.org.seeding import demo


class DemoSeeder(Protocol):
    def __call__(self, instansi: Instansi, *, seed: int) -> str: ...


def app_seeders() -> Iterator[DemoSeeder]:
    """The extension point: every other installed app whose `seeding` module defines
    `seed_demo_data(instansi, *, seed) -> str` adds its demo data after the org chart
    (plans: a year of SKP). org cannot import the apps built on it (CONVENTIONS.md:
    dependencies point one way), so it looks them up by name, as Django's admin
    autodiscovers `admin` modules; INSTALLED_APPS lists apps in dependency order, so
    each app's data can build on the previous ones'."""
    for config in apps.get_app_configs():
        if config.name == "ekinerja.org" or not module_has_submodule(config.module, "seeding"):
            continue
        hook = getattr(import_module(f"{config.name}.seeding"), "seed_demo_data", None)
        if callable(hook):
            yield hook


class Command(BaseCommand):
    help = (
        "Membuat data demo 'Pemerintah Kabupaten Contoh': struktur organisasi, jabatan, "
        "pegawai dengan NIP sah, riwayat jabatan, Plt, dan peran demo, lalu data demo "
        "aplikasi lain (SKP tahun berjalan)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--pegawai",
            type=int,
            default=demo.DEFAULT_PEGAWAI,
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
        existing = demo.demo_instansi()
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
            # One transaction: a failure in any app's demo data leaves nothing behind.
            with transaction.atomic():
                result = demo.seed_demo(n, options["seed"])
                elapsed = time.perf_counter() - start
                lines = [hook(result.instansi, seed=options["seed"]) for hook in app_seeders()]
        except ValueError as e:
            raise CommandError(str(e)) from None
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
        for line in lines:
            self.stdout.write(self.style.SUCCESS(line))
        if result.recomputed:
            self.stdout.write(
                self.style.WARNING(
                    _("Perhitungan ulang atasan mengubah %(n)d baris.") % {"n": result.recomputed}
                )
            )
