"""The ratings and the predikat (rules §1, Lampiran PermenPANRB 6/2022): the two
ratings, the predikat read off the matrix, the organisation predikat with the unit head's
rating hasil kerja it gives and the one suggested from the PK indicators (rules §1, §2),
and what is wrong with a penilai's ratings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- ratings and predikat (rules §1, Lampiran PermenPANRB 6/2022) ------------------------

DI_ATAS = "di_atas"
SESUAI = "sesuai"
DI_BAWAH = "di_bawah"
RATINGS = (DI_ATAS, SESUAI, DI_BAWAH)
RATING_LABELS = {
    DI_ATAS: gettext_lazy("Di Atas Ekspektasi"),
    SESUAI: gettext_lazy("Sesuai Ekspektasi"),
    DI_BAWAH: gettext_lazy("Di Bawah Ekspektasi"),
}

SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"
# Best first (rules §1).
PREDIKAT = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)
# The regulation's names, printed verbatim on official documents.
PREDIKAT_LABELS = {
    SANGAT_BAIK: "Sangat Baik",
    BAIK: "Baik",
    BUTUH_PERBAIKAN: "Butuh Perbaikan",
    KURANG: "Kurang/Misconduct",
    SANGAT_KURANG: "Sangat Kurang",
}

# (rating hasil kerja, rating perilaku kerja) → predikat.
MATRIX: Mapping[tuple[str, str], str] = {
    (DI_ATAS, DI_BAWAH): KURANG,
    (DI_ATAS, SESUAI): BAIK,
    (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG,
    (SESUAI, SESUAI): BAIK,
    (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG,
    (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}


def predikat_from_ratings(hasil_kerja: str, perilaku_kerja: str) -> str:
    """The predikat read off the matrix (rules §1); it is never typed in."""
    try:
        return MATRIX[(hasil_kerja, perilaku_kerja)]
    except KeyError:
        raise ValueError(f"unknown ratings {hasil_kerja!r}, {perilaku_kerja!r}") from None


# --- organisation predikat (rules §1, §2) -----------------------------------------------

ISTIMEWA = "istimewa"
ORG_BAIK = "baik"
ORG_BUTUH_PERBAIKAN = "butuh_perbaikan"
ORG_KURANG = "kurang"
ORG_SANGAT_KURANG = "sangat_kurang"
PREDIKAT_ORGANISASI = (ISTIMEWA, ORG_BAIK, ORG_BUTUH_PERBAIKAN, ORG_KURANG, ORG_SANGAT_KURANG)
PREDIKAT_ORGANISASI_LABELS = {
    ISTIMEWA: "Istimewa",
    ORG_BAIK: "Baik",
    ORG_BUTUH_PERBAIKAN: "Butuh Perbaikan",
    ORG_KURANG: "Kurang",
    ORG_SANGAT_KURANG: "Sangat Kurang",
}

# A unit head's rating hasil kerja is the unit's organisation predikat (SE MenPANRB
# 3/2023); configurable mapping, this default per rules §1.
DEFAULT_HEAD_RATING = {
    ISTIMEWA: DI_ATAS,
    ORG_BAIK: SESUAI,
    ORG_BUTUH_PERBAIKAN: DI_BAWAH,
    ORG_KURANG: DI_BAWAH,
    ORG_SANGAT_KURANG: DI_BAWAH,
}


def head_rating_hasil_kerja(
    predikat_organisasi: str, mapping: Mapping[str, str] = DEFAULT_HEAD_RATING
) -> str:
    return mapping[predikat_organisasi]


# Suggested organisation predikat from the average capaian of the unit's PK indicators
# (rules §2, configurable): the first threshold the average reaches.
DEFAULT_ORG_THRESHOLDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(110), ISTIMEWA),
    (Decimal(100), ORG_BAIK),
    (Decimal(80), ORG_BUTUH_PERBAIKAN),
    (Decimal(60), ORG_KURANG),
)


def suggest_predikat_organisasi(
    average_capaian: Decimal,
    thresholds: Sequence[tuple[Decimal, str]] = DEFAULT_ORG_THRESHOLDS,
) -> str:
    for minimum, predikat in thresholds:
        if average_capaian >= minimum:
            return predikat
    return ORG_SANGAT_KURANG


# --- evaluation rules -------------------------------------------------------------------


def rating_errors(
    *,
    hasil_kerja: str,
    perilaku: str,
    head_rating: str | None,
) -> dict[str, str]:
    """What is wrong with a penilai's ratings; a unit head's rating hasil kerja must be
    the one their unit's organisation predikat gives (rules §1)."""
    errors: dict[str, str] = {}
    if hasil_kerja not in RATINGS:
        errors["rating_hasil_kerja"] = _("Pilih rating hasil kerja.")
    if perilaku not in RATINGS:
        errors["rating_perilaku"] = _("Pilih rating perilaku kerja.")
    if head_rating is not None and hasil_kerja in RATINGS and hasil_kerja != head_rating:
        errors["rating_hasil_kerja"] = _(
            "Pegawai ini kepala unit: rating hasil kerjanya mengikuti predikat kinerja "
            "organisasi (%(rating)s)."
        ) % {"rating": RATING_LABELS[head_rating]}
    return errors
