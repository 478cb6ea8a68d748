"""The demo appraisal, `manage.py seed_demo`'s hook for this app (`seed_demo_data`, run
after the execution demo), one module per concern:

- `builder`: `seed_appraisal`, the evaluation periods of the demo window with their
  evaluations, realisasi, ratings, organisation predikat and penetapan, in bulk (its
  docstring says what the demo holds);
- `ratings`: the predikat dealt to a unit's people so that its curve holds, and the
  realisasi that make the system's suggestion agree with the rating;
- `siasn`: the SIASN reference data of the demo (rules §13);
- `vocabulary`: the demo's texts (notes, feedback, realisasi in words).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.org.models import Instansi, Pegawai
from ekinerja.org.seeding import logins as org_logins

from ..domain import evaluation
from ..services.periode import UnitMap
from .builder import seed_appraisal
from .siasn import seed_siasn_reference

__all__ = ["seed_demo_data"]


def _demo_people(instansi: Instansi) -> tuple[list[int], list[int], list[int]]:
    """(people who entered nothing this period: the demo Kepala Bidang, staff and admin;
    the people the demo Kepala Bidang rates, who entered everything; the demo Kepala
    Bidang's OPD)."""
    kabid = org_logins.holder(instansi, org_logins.KODE_KABID)
    keep = [
        p.pk
        for p in (
            kabid,
            org_logins.holder(instansi, org_logins.KODE_STAFF),
            org_logins.holder(instansi, org_logins.KODE_ADMIN),
        )
        if p is not None
    ]
    team: list[int] = []
    opd: list[int] = []
    if kabid is not None:
        team = list(
            Pegawai.objects.filter(instansi=instansi, atasan=kabid, aktif=True).values_list(
                "pk", flat=True
            )
        )
        units = UnitMap.load(instansi.pk)
        if kabid.unit_id in units.paths:
            opd = [units.place(kabid.unit_id, False)[0]]
    return keep, [p for p in team if p not in keep], opd


def seed_demo_data(instansi: Instansi, *, seed: int) -> str:
    """seed_demo's extension point (org/management/commands/seed_demo.py), run after the
    execution demo: the months the activity logs cover (execution.seeding.demo_window)
    up to the current one. Returns a line for the command's output."""
    from ekinerja.execution.seeding import demo_window

    tz = ZoneInfo(instansi.zona_waktu)
    today = timezone.localdate(timezone=tz)
    keep, team, opd = _demo_people(instansi)
    r = seed_appraisal(
        instansi, today=today, dari=demo_window(today), seed=seed, keep_empty=keep,
        full_realisasi=team, current_org_units=opd,
    )  # fmt: skip
    st = r.status
    line = _(
        "Penilaian kinerja dibuat dalam %(detik).1f detik: %(periode)s; %(ev)d evaluasi "
        "(%(tetap)d ditetapkan, %(nilai)d dinilai, %(draf)d draf), %(real)d realisasi IKI, "
        "%(po)d predikat organisasi, %(pen)d penetapan."
    ) % {
        "detik": r.seconds,
        "periode": ", ".join(str(p) for p in r.periods) or "-",
        "ev": r.evaluasi,
        "tetap": st[evaluation.EVALUASI_DITETAPKAN],
        "nilai": st[evaluation.EVALUASI_DINILAI],
        "draf": st[evaluation.EVALUASI_DRAFT],
        "real": r.realisasi,
        "po": r.predikat_organisasi,
        "pen": r.penetapan,
    }
    if r.refused:
        line += " " + _("Tidak terlaksana: %(x)s") % {"x": "; ".join(r.refused)}
    gol, koef, people = seed_siasn_reference(instansi)
    line += " " + _(
        "Data rujukan SIASN (contoh): %(gol)d ID golongan, %(koef)d koefisienId, "
        "%(orang)d ID SIASN pegawai."
    ) % {"gol": gol, "koef": koef, "orang": people}
    return line
