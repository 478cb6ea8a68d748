"""Angka kredit of functional staff (rules §5, Peraturan BKN 3/2023)."""

from __future__ import annotations

from decimal import Decimal

from ekinerja.core.numbers import round_half_up

from .ratings import BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_BAIK, SANGAT_KURANG

# --- angka kredit (rules §5, Peraturan BKN 3/2023) ---------------------------------------

KOEFISIEN_TAHUNAN = {
    "ahli_pertama": Decimal("12.5"),
    "ahli_muda": Decimal(25),
    "ahli_madya": Decimal("37.5"),
    "ahli_utama": Decimal(50),
    "pemula": Decimal("3.75"),
    "terampil": Decimal(5),
    "mahir": Decimal("12.5"),
    "penyelia": Decimal(25),
}
MULTIPLIER = {
    SANGAT_BAIK: Decimal("1.50"),
    BAIK: Decimal("1.00"),
    BUTUH_PERBAIKAN: Decimal("0.75"),
    KURANG: Decimal("0.50"),
    SANGAT_KURANG: Decimal("0.25"),
}


def angka_kredit(jenjang: str, predikat: str, months: int) -> Decimal:
    """AK = koefisien tahunan × multiplier(predikat) × months / 12, three decimals,
    half up."""
    if not 0 <= months <= 12:
        raise ValueError(f"months must be 0..12, not {months}")
    value = KOEFISIEN_TAHUNAN[jenjang] * MULTIPLIER[predikat] * Decimal(months) / 12
    return round_half_up(value, 3)
