"""The agency's execution settings as the rules read them (domain.Pengaturan): what its
Admin Instansi set (services.pengaturan), or the defaults. Every concern reads them:
the log's anomaly flags, the evidence size limit, the settings page, the demo seeder."""

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
