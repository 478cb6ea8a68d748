"""The demo regency, "Pemerintah Kabupaten Contoh", of any size: `build_plan` (pure
Python; all randomness from one `random.Random(seed)`, so a seed always gives the same
plan) and `seed_demo` (build and write it, refusing when it exists)."""

from __future__ import annotations

import random

from django.utils.translation import gettext as _

from ekinerja.core.models import User

from ..models import Instansi
from .people import PeopleBuilder
from .plan import Plan
from .structure import StructureBuilder
from .vocabulary import DEMO_KODE
from .writing import SeedResult, write_plan

DEFAULT_PEGAWAI = 1500
MIN_PEGAWAI = 200


def build_plan(n_pegawai: int = DEFAULT_PEGAWAI, seed: int = 1) -> Plan:
    """The whole demo regency as plain data (no database). Raises ValueError when
    `n_pegawai` is too small for the structure."""
    if n_pegawai < MIN_PEGAWAI:
        raise ValueError(_("Minimal %(n)d pegawai untuk kabupaten demo.") % {"n": MIN_PEGAWAI})
    rng = random.Random(seed)
    plan = Plan(n_pegawai=n_pegawai, seed=seed)
    structure = StructureBuilder(plan, rng)
    structure.build_structure()
    PeopleBuilder(plan, rng, by_kode=structure.by_kode, plt_pairs=structure.plt_pairs).people()
    return plan


def demo_instansi() -> Instansi | None:
    return Instansi.objects.filter(kode=DEMO_KODE).first()


def seed_demo(n_pegawai: int = DEFAULT_PEGAWAI, seed: int = 1) -> SeedResult:
    """Build and write the demo regency. Raises ValueError when it already exists or
    when a demo username is already taken."""
    if demo_instansi() is not None:
        raise ValueError(_("Instansi demo %(k)s sudah ada.") % {"k": DEMO_KODE})
    plan = build_plan(n_pegawai, seed)
    names = [p.username for p in plan.pegawai]
    for i in range(0, len(names), 900):
        taken = list(User.objects.filter(username__in=names[i : i + 900])[:1])
        if taken:
            raise ValueError(
                _("Nama pengguna %(u)s sudah dipakai; gunakan basis data kosong.")
                % {"u": taken[0].username}
            )
    return write_plan(plan)
