"""SIASN's codes for the ratings, the predikat and the periodic kinds (rules §13)."""

from __future__ import annotations

from .evaluation import JENIS_BULANAN, JENIS_TRIWULANAN
from .ratings import (
    BAIK,
    BUTUH_PERBAIKAN,
    DI_ATAS,
    DI_BAWAH,
    KURANG,
    SANGAT_BAIK,
    SANGAT_KURANG,
    SESUAI,
)

# --- SIASN codes (rules §13) ------------------------------------------------------------

SIASN_RATING = {DI_ATAS: 1, SESUAI: 2, DI_BAWAH: 3}
SIASN_KUADRAN = {SANGAT_BAIK: 1, BAIK: 2, BUTUH_PERBAIKAN: 3, KURANG: 4, SANGAT_KURANG: 5}
SIASN_PERIODIK = {JENIS_BULANAN: 1, JENIS_TRIWULANAN: 2}
