"""Evaluation periods and statuses (rules §4): the periods of a year and their bounds,
when a period may be opened, the annual predikat, and when an evaluation can no longer
change."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- evaluation periods and statuses (rules §4) -----------------------------------------

JENIS_BULANAN = "bulanan"
JENIS_TRIWULANAN = "triwulanan"
JENIS_TAHUNAN = "tahunan"

EVALUASI_DRAFT = "draft"
EVALUASI_DINILAI = "dinilai"
EVALUASI_DITETAPKAN = "ditetapkan"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def period_bounds(jenis: str, nomor: int, tahun: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month (nomor 1–12), a quarter (1–4) or the year (0)."""
    if jenis == JENIS_BULANAN:
        if not 1 <= nomor <= 12:
            raise ValueError(f"month must be 1..12, not {nomor}")
        first_month, last_month = nomor, nomor
    elif jenis == JENIS_TRIWULANAN:
        if not 1 <= nomor <= 4:
            raise ValueError(f"quarter must be 1..4, not {nomor}")
        first_month, last_month = 3 * nomor - 2, 3 * nomor
    elif jenis == JENIS_TAHUNAN:
        first_month, last_month = 1, 12
    else:
        raise ValueError(f"unknown period kind {jenis!r}")
    start = dt.date(tahun, first_month, 1)
    end = dt.date(tahun, last_month, calendar.monthrange(tahun, last_month)[1])
    return start, end


def period_label(jenis: str, nomor: int, tahun: int) -> str:
    """ "Januari 2026", "Triwulan I 2026", "Tahunan 2026"."""
    if jenis == JENIS_BULANAN:
        return f"{BULAN[nomor - 1]} {tahun}"
    if jenis == JENIS_TRIWULANAN:
        return f"Triwulan {('I', 'II', 'III', 'IV')[nomor - 1]} {tahun}"
    return f"Tahunan {tahun}"


def open_period_error(start: dt.date, today: dt.date) -> str | None:
    """A period may be opened once it has begun (evaluation looks back, never ahead)."""
    if start > today:
        return _("Periode ini belum dimulai (mulai %(tanggal)s).") % {
            "tanggal": f"{start.day} {BULAN[start.month - 1]} {start.year}"
        }
    return None


def openable_periods(
    tahun: int, periodik: str, opened: Collection[tuple[str, int]], today: dt.date
) -> list[tuple[str, int]]:
    """(jenis, nomor) of the periods of year `tahun` that may be opened on `today`: begun
    (`open_period_error`, the rule services.periode applies when one is opened) and not
    in `opened` yet — the periodic ones (`periodik`, the year's kind) in order, then the
    year itself (nomor 0). The Admin Instansi's period page offers these (rules §4)."""
    count = 12 if periodik == JENIS_BULANAN else 4
    candidates = [(periodik, nomor) for nomor in range(1, count + 1)]
    candidates.append((JENIS_TAHUNAN, 0))
    return [
        (jenis, nomor)
        for jenis, nomor in candidates
        if (jenis, nomor) not in opened
        and open_period_error(period_bounds(jenis, nomor, tahun)[0], today) is None
    ]


# --- annual predikat (rules §4) ----------------------------------------------------------

TAHUNAN_TERPISAH = "separate"
TAHUNAN_PERIODE_TERAKHIR = "last_period"


def annual_predikat(mode: str, *, last_period: str | None, separate: str | None) -> str | None:
    """`separate` (default): the year-end evaluation's own predikat (prefilled from the
    last period, then rated); `last_period`: the last period's predikat."""
    return last_period if mode == TAHUNAN_PERIODE_TERAKHIR else separate


# --- when an evaluation can no longer change --------------------------------------------

LOCKED_MESSAGE = gettext_lazy(
    "Evaluasi ini sudah ditetapkan; perubahan hanya melalui pembukaan kembali oleh Admin Instansi."
)
ANNUAL_LAST_PERIOD_MESSAGE = gettext_lazy(
    "Evaluasi tahunan mengikuti periode terakhir; ubah evaluasi periode tersebut."
)


def closed_period_message(periode_label: str) -> str:
    return _("Periode %(p)s sudah ditutup; evaluasinya tidak dapat diubah.") % {"p": periode_label}


def edit_refusal(
    *,
    status: str,
    periode_open: bool,
    periode_label: str,
    tahunan: bool,
    mode_tahunan: str,
    realisasi: bool = False,
    periode_preparing: bool = False,
) -> str | None:
    """Why an evaluation cannot change now, or None: locked by penetapan, an annual copy
    of the last period (rules §4, `last_period`), a period still being prepared or
    closed; for the person's realisasi also once the penilai has rated."""
    if status == EVALUASI_DITETAPKAN:
        return str(LOCKED_MESSAGE)
    if tahunan and mode_tahunan == TAHUNAN_PERIODE_TERAKHIR:
        return str(ANNUAL_LAST_PERIOD_MESSAGE)
    if realisasi and status == EVALUASI_DINILAI:
        return _(
            "Evaluasi ini sudah dinilai oleh pejabat penilai; realisasi tidak dapat diubah lagi."
        )
    if periode_preparing:
        return _("Periode %(p)s masih disiapkan; tunggu sampai semua evaluasinya dibuat.") % {
            "p": periode_label
        }
    if not periode_open:
        return closed_period_message(periode_label)
    return None
