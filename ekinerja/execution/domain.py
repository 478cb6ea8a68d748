"""Pure rules for execution and coaching: the activity log's limits, its anomaly flags,
periods of a rencana aksi, the verification transitions, reminder schedules.

No ORM, no request, no clock: callers pass `today` and the data in. Sources:
PermenPANRB 6/2022 Pasal 5 ayat (2) huruf b and Lampiran (pelaksanaan, pemantauan and
pembinaan kinerja: rencana aksi, bukti dukung, umpan balik berkelanjutan); spec README
"The cycle" step 2.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core.hooks import HARI_CUTI, HARI_LIBUR

# --- settings (PengaturanPelaksanaan) ------------------------------------------------


@dataclass(frozen=True)
class Pengaturan:
    maks_unggah_kb: int = 5120
    menit_kerja_harian: int = 450  # 7.5 hours: a five-day week of 37.5 hours
    batas_teks_berulang: int = 5


DEFAULT_SETTINGS = Pengaturan()

# How far back the "same text on many days" check looks.
TEXT_REPEAT_WINDOW_DAYS = 30
MAX_DAY_MINUTES = 24 * 60
# The dates the activity log accepts and its pages open: the performance years of the
# application (plans: a periode is between 2000 and 2100). Outside them a date is a
# typing or tampering error, and year 1 or 9999 breaks date arithmetic (issue 11 §8).
EARLIEST_DAY = dt.date(2000, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)


def day_range_error(day: dt.date) -> str:
    """Why `day` is not a date the activity pages open, or "" when it is."""
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return ""
    return _("Tanggal harus antara %(awal)s dan %(akhir)s.") % {
        "awal": tanggal_text(EARLIEST_DAY),
        "akhir": tanggal_text(LATEST_DAY),
    }


def past_day_error(day: dt.date, *, today: dt.date, future: str) -> str:
    """Why `day` cannot date something that has happened — an activity, a copy of a
    day's activities, a coaching session — or "" when it can: after `today` (the
    instansi's local date, passed in) it is `future`, the caller's sentence; outside the
    log's years, day_range_error's. The one "not in the future" rule of the log."""
    if day > today:
        return future
    return day_range_error(day)


def month_range_error(year: int) -> str:
    """Why a month of `year` is not one the summaries open, or "" when it is."""
    if EARLIEST_DAY.year <= year <= LATEST_DAY.year:
        return ""
    return _("Bulan harus antara %(awal)s dan %(akhir)s.") % {
        "awal": period_label(EARLIEST_DAY.year, BULANAN, EARLIEST_DAY.month),
        "akhir": period_label(LATEST_DAY.year, BULANAN, LATEST_DAY.month),
    }


class DateOutOfRange(ValueError):
    """A date or month outside EARLIEST_DAY..LATEST_DAY asked of a page; `message` says
    so to the user (the views answer 400 with it)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- statuses and transitions ---------------------------------------------------------

DIAJUKAN = "diajukan"
DIVERIFIKASI = "diverifikasi"
DITOLAK = "ditolak"
STATUSES = (DIAJUKAN, DIVERIFIKASI, DITOLAK)


class ExecutionRuleError(ValueError):
    """A move the rules forbid; `message` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def owner_can_edit(status: str) -> bool:
    """The owner edits or deletes an activity only while it waits for verification: a
    verified or rejected one is the supervisor's record (issue 4 "Bad input")."""
    return status == DIAJUKAN


def verify_error(status: str) -> str:
    """Why an activity in `status` cannot be verified or rejected, or "" when it can.
    A decided activity stays decided: the supervisor cannot flip it quietly."""
    if status == DIAJUKAN:
        return ""
    if status == DIVERIFIKASI:
        return _("Aktivitas ini sudah diverifikasi.")
    return _("Aktivitas ini sudah ditolak.")


# --- one activity ---------------------------------------------------------------------


@dataclass(frozen=True)
class AktivitasInput:
    tanggal: dt.date
    jam_mulai: dt.time | None
    jam_selesai: dt.time | None
    menit: int | None
    uraian: str


# How a time of day is written in the activity log, in the form and on the pages:
# `08.00`, as Indonesians write it (PUEBI); `08:00` is accepted as input too.
JAM_FORMAT = "%H.%M"


def minutes_between(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _minute_of_day(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time_at(minute_of_day: int) -> dt.time | None:
    if not 0 <= minute_of_day < MAX_DAY_MINUTES:
        return None
    return dt.time(minute_of_day // 60, minute_of_day % 60)


def activity_times(data: AktivitasInput) -> tuple[dt.time | None, dt.time | None]:
    """The start and end to store: both when both are given; the missing one from the
    other and the duration (the quick entry prefills the start with the end of the
    previous activity, and the user may type only the minutes); neither for a duration
    alone. Only meaningful for input clean_aktivitas accepted."""
    start, end, menit = data.jam_mulai, data.jam_selesai, data.menit
    if start is not None and end is not None:
        return start, end
    if menit is not None and menit > 0:
        if start is not None:
            return start, _time_at(_minute_of_day(start) + menit)
        if end is not None:
            return _time_at(_minute_of_day(end) - menit), end
    return None, None


def clean_aktivitas(
    data: AktivitasInput, *, today: dt.date, skp_from: dt.date | None, skp_to: dt.date | None
) -> tuple[int, dict[str, str]]:
    """The activity's minutes and the errors per field ({} when it is acceptable).

    The time is given as a start and an end (the minutes follow from them), as one of
    them and the minutes (the other follows: activity_times), or as the minutes alone;
    an activity is never in the future, never longer than a day nor across midnight,
    never before 2000, and falls inside the SKP period of its RHK when it has one
    (`skp_from`/`skp_to`)."""
    errors: dict[str, str] = {}
    day_error = past_day_error(
        data.tanggal,
        today=today,
        future=_("Aktivitas tidak dapat dicatat untuk tanggal yang akan datang."),
    )
    if day_error:
        errors["tanggal"] = day_error
    elif skp_from and skp_to and not (skp_from <= data.tanggal <= skp_to):
        errors["tanggal"] = _(
            "Tanggal aktivitas berada di luar masa SKP dari RHK yang dipilih "
            "(%(mulai)s s.d. %(selesai)s)."
        ) % {"mulai": tanggal_text(skp_from), "selesai": tanggal_text(skp_to)}
    if not data.uraian.strip():
        errors["uraian"] = _("Uraian kegiatan wajib diisi.")
    elif len(data.uraian) > 2000:
        errors["uraian"] = _("Uraian kegiatan paling banyak 2.000 karakter.")
    minutes = 0
    start, end = data.jam_mulai, data.jam_selesai
    if start is not None and end is not None:
        minutes = minutes_between(start, end)
        if minutes <= 0:
            errors["jam_selesai"] = _("Jam selesai harus setelah jam mulai.")
    elif (start is not None or end is not None) and data.menit is None:
        if start is not None:
            errors["jam_selesai"] = _("Isi jam selesai, atau durasinya dalam menit.")
        else:
            errors["jam_mulai"] = _("Isi jam mulai, atau durasinya dalam menit.")
    elif start is not None or end is not None:
        minutes = data.menit or 0
        if minutes <= 0:
            errors["menit"] = _("Durasi harus lebih dari 0 menit.")
        elif start is not None and _time_at(_minute_of_day(start) + minutes) is None:
            errors["menit"] = _(
                "Mulai %(jam)s ditambah %(menit)s menit melewati pukul 24.00. Catat bagian "
                "setelah tengah malam pada hari berikutnya."
            ) % {"jam": start.strftime(JAM_FORMAT), "menit": minutes}
        elif end is not None and _time_at(_minute_of_day(end) - minutes) is None:
            errors["menit"] = _(
                "Selesai %(jam)s dikurangi %(menit)s menit dimulai sebelum pukul 00.00. Catat "
                "bagian sebelum tengah malam pada hari sebelumnya."
            ) % {"jam": end.strftime(JAM_FORMAT), "menit": minutes}
    elif data.menit is None:
        errors["menit"] = _("Isi jam mulai dan selesai, atau durasinya dalam menit.")
    else:
        minutes = data.menit
        if minutes <= 0:
            errors["menit"] = _("Durasi harus lebih dari 0 menit.")
        elif minutes > MAX_DAY_MINUTES:
            errors["menit"] = _("Durasi paling lama 24 jam (1.440 menit) dalam sehari.")
    return minutes, errors


_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def text_key(uraian: str) -> str:
    """The activity text reduced for comparison (case, spacing and punctuation ignored),
    hashed so that it can be indexed."""
    norm = _SPACES.sub(" ", _PUNCT.sub(" ", uraian.casefold())).strip()
    return hashlib.sha256(norm.encode()).hexdigest()[:32] if norm else ""


# --- anomaly flags --------------------------------------------------------------------

ANOMALI_TUMPANG_TINDIH = "tumpang_tindih"
ANOMALI_MELEBIHI_JAM_KERJA = "melebihi_jam_kerja"
ANOMALI_HARI_LIBUR = "hari_libur"
ANOMALI_CUTI = "cuti"
ANOMALI_TEKS_BERULANG = "teks_berulang"

ANOMALI_LABELS = {
    ANOMALI_TUMPANG_TINDIH: gettext_lazy("Jam tumpang tindih dengan aktivitas lain"),
    ANOMALI_MELEBIHI_JAM_KERJA: gettext_lazy("Total menit hari ini melebihi jam kerja"),
    ANOMALI_HARI_LIBUR: gettext_lazy("Dicatat pada hari libur"),
    ANOMALI_CUTI: gettext_lazy("Dicatat saat cuti"),
    ANOMALI_TEKS_BERULANG: gettext_lazy("Uraian sama persis pada banyak hari"),
}


@dataclass(frozen=True)
class DayEntry:
    """One activity of a day, as the anomaly check sees it."""

    id: int
    jam_mulai: dt.time | None
    jam_selesai: dt.time | None
    menit: int
    uraian_kunci: str


def day_anomalies(
    entries: Sequence[DayEntry],
    *,
    menit_kerja_harian: int,
    day_status: str = "",
    repeat_days: Mapping[str, int] | None = None,
    batas_teks_berulang: int = DEFAULT_SETTINGS.batas_teks_berulang,
) -> dict[int, list[str]]:
    """The anomaly codes of each activity of one pegawai's day, for the supervisor.

    - overlapping times: two timed activities whose intervals intersect (touching ends
      do not count);
    - the day's minutes above the agency's working minutes: every activity of the day;
    - a holiday or a leave day (`day_status`, from the day-status hook in core.hooks):
      every activity of the day;
    - the same text on at least `batas_teks_berulang` different days in the window
      (`repeat_days` maps text_key → number of distinct days, this one included).
    """
    flags: dict[int, list[str]] = {e.id: [] for e in entries}
    timed = sorted(
        (e for e in entries if e.jam_mulai is not None and e.jam_selesai is not None),
        key=lambda e: (e.jam_mulai, e.jam_selesai),
    )
    for i, a in enumerate(timed):
        for b in timed[i + 1 :]:
            if b.jam_mulai >= a.jam_selesai:  # type: ignore[operator]
                break
            for e in (a, b):
                if ANOMALI_TUMPANG_TINDIH not in flags[e.id]:
                    flags[e.id].append(ANOMALI_TUMPANG_TINDIH)
    day_flags: list[str] = []
    if sum(e.menit for e in entries) > menit_kerja_harian:
        day_flags.append(ANOMALI_MELEBIHI_JAM_KERJA)
    if day_status == HARI_LIBUR:
        day_flags.append(ANOMALI_HARI_LIBUR)
    elif day_status == HARI_CUTI:
        day_flags.append(ANOMALI_CUTI)
    repeats = repeat_days or {}
    for e in entries:
        flags[e.id].extend(day_flags)
        if e.uraian_kunci and repeats.get(e.uraian_kunci, 0) >= batas_teks_berulang:
            flags[e.id].append(ANOMALI_TEKS_BERULANG)
    return flags


# --- periods of a rencana aksi --------------------------------------------------------

BULANAN = "bulanan"
TRIWULANAN = "triwulanan"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def period_count(periodik: str) -> int:
    return 4 if periodik == TRIWULANAN else 12


def period_of(day: dt.date, periodik: str) -> int:
    """The period number (month 1..12, or quarter 1..4) a date falls in."""
    return (day.month - 1) // 3 + 1 if periodik == TRIWULANAN else day.month


def period_range(tahun: int, periodik: str, ke: int) -> tuple[dt.date, dt.date]:
    """First and last day of period `ke` of `tahun`."""
    if periodik == TRIWULANAN:
        first_month, last_month = 3 * (ke - 1) + 1, 3 * ke
    else:
        first_month = last_month = ke
    last_day = calendar.monthrange(tahun, last_month)[1]
    return dt.date(tahun, first_month, 1), dt.date(tahun, last_month, last_day)


def period_label(tahun: int, periodik: str, ke: int) -> str:
    """ "Maret 2026" or "Triwulan I 2026" (names as used in official documents)."""
    if periodik == TRIWULANAN:
        return f"Triwulan {('I', 'II', 'III', 'IV')[ke - 1]} {tahun}"
    return f"{BULAN[ke - 1]} {tahun}"


def tanggal_text(d: dt.date) -> str:
    """ "5 Maret 2026", the Indonesian long date."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """(year, month) `by` months later (earlier when negative)."""
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def default_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The verification queue's default dates, on the page and in the API: the previous
    month and this one, what is still open at a month-end closing."""
    year, month = shift_month(today.year, today.month, -1)
    return dt.date(year, month, 1), today


def week_days(day: dt.date) -> list[dt.date]:
    """Monday to Sunday of the week `day` is in."""
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=i) for i in range(7)]


# --- the monthly summary --------------------------------------------------------------


@dataclass
class SummaryCell:
    jumlah: int = 0
    menit: int = 0


@dataclass
class SummaryRow:
    """One person's (or one RHK's) month: activities and minutes per status."""

    key: object
    diajukan: SummaryCell
    diverifikasi: SummaryCell
    ditolak: SummaryCell

    @property
    def total(self) -> SummaryCell:
        return SummaryCell(
            self.diajukan.jumlah + self.diverifikasi.jumlah + self.ditolak.jumlah,
            self.diajukan.menit + self.diverifikasi.menit + self.ditolak.menit,
        )


def summarise(rows: Iterable[tuple[object, str, int, int]]) -> list[SummaryRow]:
    """Fold (key, status, count, minutes) aggregates into one row per key, in the order
    keys first appear."""
    out: dict[object, SummaryRow] = {}
    for key, status, count, minutes in rows:
        row = out.get(key)
        if row is None:
            row = out[key] = SummaryRow(key, SummaryCell(), SummaryCell(), SummaryCell())
        cell = getattr(row, status)
        cell.jumlah += count
        cell.menit += minutes or 0
    return list(out.values())


def hours_text(minutes: int) -> str:
    """ "7 j 30 m" for 450 minutes."""
    h, m = divmod(int(minutes), 60)
    if not h:
        return f"{m} m"
    return f"{h} j {m} m" if m else f"{h} j"


# --- reminders ------------------------------------------------------------------------

SETIAP_HARI_KERJA = 0


def reminder_due(
    *, hari: int, jam: dt.time, terakhir: dt.date | None, now_local: dt.datetime
) -> bool:
    """Whether a reminder for day `hari` of the month (0 = every Monday–Friday; a day
    past the month's end means its last day) at local time `jam` is due at `now_local`
    and has not been sent today."""
    today = now_local.date()
    if terakhir == today or now_local.time() < jam:
        return False
    if hari == SETIAP_HARI_KERJA:
        return today.weekday() < 5
    last = calendar.monthrange(today.year, today.month)[1]
    return today.day == min(hari, last)


_T = TypeVar("_T")


def group_by_day(rows: Iterable[tuple[dt.date, _T]]) -> dict[dt.date, list[_T]]:
    out: dict[dt.date, list[_T]] = defaultdict(list)
    for day, item in rows:
        out[day].append(item)
    return out


# --- helpers of the activity log (services.aktivitas, selectors.aktivitas) -------------


def repeat_window(day: dt.date) -> tuple[dt.date, dt.date]:
    """The days the "same text on many days" check looks at for `day`: the
    TEXT_REPEAT_WINDOW_DAYS days ending on it."""
    return day - dt.timedelta(days=TEXT_REPEAT_WINDOW_DAYS - 1), day


def repeat_counts(pairs: Iterable[tuple[str, dt.date]], day: dt.date) -> dict[str, int]:
    """text_key → number of distinct days in `day`'s window (repeat_window) on which the
    text was logged, from (text_key, tanggal) pairs (any days; the rest is ignored)."""
    first, last = repeat_window(day)
    days: dict[str, set[dt.date]] = defaultdict(set)
    for key, tanggal in pairs:
        if key and first <= tanggal <= last:
            days[key].add(tanggal)
    return {key: len(found) for key, found in days.items()}


def previous_day_with(days: Iterable[dt.date], before: dt.date) -> dt.date | None:
    """The latest of `days` strictly before `before` ("copy yesterday" copies the last
    day that has entries, which after a weekend is Friday)."""
    earlier = [d for d in days if d < before]
    return max(earlier) if earlier else None


def copy_key(
    jam_mulai: dt.time | None, jam_selesai: dt.time | None, menit: int, uraian_kunci: str
) -> tuple[object, ...]:
    """What makes a copied activity the same as one already on the target day: copying
    twice (a double tap on a phone) adds nothing the second time."""
    return (jam_mulai, jam_selesai, menit, uraian_kunci)


@dataclass
class DayTotal:
    """A day of the week view: minutes and number of activities per status."""

    tanggal: dt.date
    jumlah: int
    menit: int
    diverifikasi: int
    ditolak: int
    ditandai: int
    menit_kerja: int

    @property
    def persen(self) -> int:
        """Share of the working minutes, capped at 100 for a progress bar."""
        if self.menit_kerja <= 0:
            return 0
        return min(100, round(100 * self.menit / self.menit_kerja))

    @property
    def lebih(self) -> bool:
        return self.menit > self.menit_kerja


def day_totals(
    rows: Iterable[tuple[dt.date, str, int, bool]], days: Sequence[dt.date], menit_kerja: int
) -> list[DayTotal]:
    """One DayTotal per day of `days`, in order, from (tanggal, status, menit, ditandai)
    rows of the activities."""
    acc: dict[dt.date, list[int]] = {d: [0, 0, 0, 0, 0] for d in days}
    for tanggal, status, menit, flagged in rows:
        cell = acc.get(tanggal)
        if cell is None:
            continue
        cell[0] += 1
        cell[1] += menit
        cell[2] += status == DIVERIFIKASI
        cell[3] += status == DITOLAK
        cell[4] += bool(flagged)
    out: list[DayTotal] = []
    for d in days:
        jumlah, menit, diverifikasi, ditolak, ditandai = acc[d]
        out.append(DayTotal(d, jumlah, menit, diverifikasi, ditolak, ditandai, menit_kerja))
    return out


def owner_edit_error(status: str, *, deleting: bool = False) -> str:
    """Why the owner cannot change (or delete) an activity in `status`, or "" when they
    can (owner_can_edit): a verified or rejected activity is the supervisor's record."""
    if owner_can_edit(status):
        return ""
    if status == DIVERIFIKASI:
        if deleting:
            return _("Aktivitas yang sudah diverifikasi tidak dapat dihapus.")
        return _("Aktivitas yang sudah diverifikasi tidak dapat diubah.")
    if deleting:
        return _("Aktivitas yang ditolak tidak dapat dihapus; catat aktivitas baru bila perlu.")
    return _(
        "Aktivitas yang ditolak tidak dapat diubah. Baca alasan penolakannya dan catat "
        "aktivitas baru bila perlu."
    )
