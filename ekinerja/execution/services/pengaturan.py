"""The agency's execution settings (PengaturanPelaksanaan), kept by its Admin Instansi:
the evidence upload limit and the two thresholds of the supervisor's anomaly flags."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor

from ..access import require_execution_admin
from ..models import PengaturanPelaksanaan

FIELDS = ("maks_unggah_kb", "menit_kerja_harian", "batas_teks_berulang")

# (low, high) of each setting. 50 MB is what a phone upload over a slow link still
# finishes; 100 KB is the smallest useful scan.
BOUNDS = {
    "maks_unggah_kb": (100, 51200),
    "menit_kerja_harian": (60, 1440),
    "batas_teks_berulang": (2, 31),
}


def bounds_errors(values: dict[str, object]) -> dict[str, str]:
    """The out-of-range settings, with a message each."""
    messages = {
        "maks_unggah_kb": _("Ukuran maksimum harus antara 100 dan 51.200 KB (50 MB)."),
        "menit_kerja_harian": _("Menit kerja per hari harus antara 60 dan 1.440."),
        "batas_teks_berulang": _("Batas uraian yang sama harus antara 2 dan 31 hari."),
    }
    errors: dict[str, str] = {}
    for name, (low, high) in BOUNDS.items():
        value = values.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            errors[name] = messages[name]
    return errors


@transaction.atomic
def pengaturan_update(
    *, actor: Actor, maks_unggah_kb: int, menit_kerja_harian: int, batas_teks_berulang: int
) -> PengaturanPelaksanaan:
    """Set the actor's agency settings (Admin Instansi only); audited as
    `pengaturan.update` with the old and new values."""
    actor = require_execution_admin(actor)
    values: dict[str, object] = {
        "maks_unggah_kb": maks_unggah_kb,
        "menit_kerja_harian": menit_kerja_harian,
        "batas_teks_berulang": batas_teks_berulang,
    }
    errors = bounds_errors(values)
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})
    row, _created = PengaturanPelaksanaan.objects.select_for_update().get_or_create(
        instansi_id=actor.instansi_id
    )
    before = audit.snapshot(row, FIELDS)
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    changes = audit.diff(before, audit.snapshot(row, FIELDS))
    if changes:
        audit.record(actor=actor.user, action="pengaturan.update", obj=row, changes=changes)
    return row
