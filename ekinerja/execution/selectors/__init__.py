"""Reads of execution and coaching, one module per concern; import from the module
(`selectors.aktivitas`, `selectors.verifikasi`, …). The agency settings live here
because every concern reads them."""

from __future__ import annotations

from .. import domain
from ..models import PengaturanPelaksanaan


def pengaturan(instansi_id: int) -> domain.Pengaturan:
    """The agency's execution settings, or the defaults when its admin set none."""
    row = PengaturanPelaksanaan.objects.filter(instansi_id=instansi_id).first()
    if row is None:
        return domain.DEFAULT_SETTINGS
    return domain.Pengaturan(
        maks_unggah_kb=row.maks_unggah_kb,
        menit_kerja_harian=row.menit_kerja_harian,
        batas_teks_berulang=row.batas_teks_berulang,
    )
