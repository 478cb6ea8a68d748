"""Cuti as data (rules §9; PP 11/2017 and Peraturan BKN 24/2017 for PNS, PP 49/2018 and
Peraturan BKN 7/2022 for PPPK): the kinds with their lengths and conditions, counting a
leave in the working days of the person's schedule (holidays inside it are not
counted), what is wrong with a request, and the leave ledger — allocation, use,
carry-over and expiry as entries — with the balance, the year-end carry-over and the
recount when a holiday is added after a leave was approved.

The ledger holds the cuti tahunan of one person: the balance of a year is the sum of
its entries, so balances, reports and the ledger always agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ekinerja.core.msg import Msg, _

IsWorking = Callable[[dt.date], bool]

# --- kinds (PP 11/2017 Pasal 310; Peraturan BKN 7/2022 for PPPK) ------------------------

TAHUNAN = "tahunan"
BESAR = "besar"
SAKIT = "sakit"
MELAHIRKAN = "melahirkan"
ALASAN_PENTING = "alasan_penting"
BERSAMA = "bersama"
CLTN = "cltn"
# Absences beside cuti the issue asks for (issue 13 §6); whole days, no balance.
DISPENSASI = "dispensasi"
TUGAS_BELAJAR = "tugas_belajar"

HARI_KERJA = "hari_kerja"
HARI = "hari"
BULAN = "bulan"
UNIT_LABELS = {HARI_KERJA: _("hari kerja"), HARI: _("hari"), BULAN: _("bulan")}


@dataclass(frozen=True)
class LeaveKind:
    """One kind of leave: the longest a request may be (`max_length` in `unit`, None:
    no fixed limit), whether it draws on the cuti tahunan balance, the years of service
    it needs, when a doctor's letter (and a government doctor's) is needed, how many
    times it may be taken in a career, whether it is paid and whether it voids that
    year's cuti tahunan."""

    code: str
    name: str
    max_length: int | None
    unit: str
    uses_balance: bool = False
    min_service_years: int = 0
    doctor_letter_after_days: int | None = None
    government_doctor_after_days: int | None = None
    max_occurrences: int | None = None
    paid: bool = True
    voids_annual: bool = False
    source: str = ""


@dataclass(frozen=True)
class LeaveRules:
    """The cuti rules of one kind of employee: the kinds, the 12 working days a year,
    and the carry-over (at most `carry_max_days` of a year's remainder, the next year's
    entitlement at most `cap_one_year`, or `cap_two_years` after two consecutive years
    unused). `bersama_consumes_annual` is the spec's default (rules §9: cuti bersama
    counts against tahunan), while PP 11/2017 Pasal 333 ayat (2) says it does not reduce
    it: which applies in a year is data the admin sets with that year's cuti bersama."""

    name: str
    kinds: Mapping[str, LeaveKind]
    annual_days: int = 12
    carry_max_days: int = 6
    cap_one_year: int = 18
    cap_two_years: int = 24
    bersama_consumes_annual: bool = True
    source: str = ""


_PNS = "PP 11/2017; Peraturan BKN 24/2017"
PNS_KINDS = {
    k.code: k
    for k in (
        LeaveKind(TAHUNAN, "Cuti Tahunan", None, HARI_KERJA, uses_balance=True,
                  min_service_years=1, source=_PNS),
        LeaveKind(BESAR, "Cuti Besar", 3, BULAN, min_service_years=5, voids_annual=True,
                  source=_PNS),
        LeaveKind(SAKIT, "Cuti Sakit", 12, BULAN, doctor_letter_after_days=1,
                  government_doctor_after_days=14, source=_PNS),
        LeaveKind(MELAHIRKAN, "Cuti Melahirkan", 3, BULAN, max_occurrences=3, source=_PNS),
        LeaveKind(ALASAN_PENTING, "Cuti Karena Alasan Penting", 1, BULAN, source=_PNS),
        LeaveKind(BERSAMA, "Cuti Bersama", None, HARI_KERJA,
                  source="PP 11/2017 Pasal 333; Keputusan Presiden tahun berjalan"),
        LeaveKind(CLTN, "Cuti di Luar Tanggungan Negara", 36, BULAN, min_service_years=5,
                  paid=False, source=_PNS),
        LeaveKind(DISPENSASI, "Dispensasi", None, HARI_KERJA, source="Keputusan instansi"),
        LeaveKind(TUGAS_BELAJAR, "Tugas Belajar", None, HARI, paid=False,
                  source="Keputusan tugas belajar; spesifikasi aturan §10"),
    )
}  # fmt: skip
PNS_RULES = LeaveRules("PNS", PNS_KINDS, source=_PNS)

# PPPK (PP 49/2018; Peraturan BKN 7/2022): tahunan after a year's service, sakit at most
# a month (a doctor's letter from the second day, a government doctor's past 14 days),
# melahirkan for the first three children, bersama; no besar, alasan penting or CLTN.
# Carry-over to 18 / 24 days as for PNS, for contracts long enough (Pasal 7).
_PPPK = "PP 49/2018; Peraturan BKN 7/2022"
PPPK_KINDS = {
    k.code: k
    for k in (
        LeaveKind(TAHUNAN, "Cuti Tahunan", None, HARI_KERJA, uses_balance=True,
                  min_service_years=1, source=_PPPK),
        LeaveKind(SAKIT, "Cuti Sakit", 1, BULAN, doctor_letter_after_days=1,
                  government_doctor_after_days=14, source=_PPPK),
        LeaveKind(MELAHIRKAN, "Cuti Melahirkan", 3, BULAN, max_occurrences=3, source=_PPPK),
        LeaveKind(BERSAMA, "Cuti Bersama", None, HARI_KERJA, source=_PPPK),
        LeaveKind(DISPENSASI, "Dispensasi", None, HARI_KERJA, source="Keputusan instansi"),
    )
}  # fmt: skip
PPPK_RULES = LeaveRules("PPPK", PPPK_KINDS, source=_PPPK)


# --- counting (PP 11/2017: cuti tahunan in working days) --------------------------------


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def working_days(start: dt.date, end: dt.date, is_working: IsWorking) -> tuple[dt.date, ...]:
    """The working days of the person's schedule from `start` to `end` inclusive;
    holidays and days off inside a leave are not leave days (PP 11/2017)."""
    return tuple(d for d in _days(start, end) if is_working(d))


def length(kind: LeaveKind, start: dt.date, end: dt.date, is_working: IsWorking) -> int:
    """How long a leave is in its kind's unit of counting: working days for HARI_KERJA,
    calendar days otherwise (a BULAN kind is measured against `months_end`)."""
    if end < start:
        return 0
    if kind.unit == HARI_KERJA:
        return len(working_days(start, end, is_working))
    return (end - start).days + 1


def months_end(start: dt.date, months: int) -> dt.date:
    """The last day of a leave of `months` months from `start`: the day before the same
    day of the month `months` later (3 months from 15 January end on 14 April); when that
    month is shorter, its last day (1 month from 31 January ends on 28 or 29 February)."""
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    last_of_month = calendar.monthrange(year, month)[1]
    if start.day > last_of_month:
        return dt.date(year, month, last_of_month)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def needs_doctor_letter(kind: LeaveKind, days: int) -> bool:
    """A sick leave longer than the configured length needs a doctor's letter (PP
    11/2017; Peraturan BKN 7/2022: from the second day)."""
    return kind.doctor_letter_after_days is not None and days > kind.doctor_letter_after_days


def needs_government_doctor(kind: LeaveKind, days: int) -> bool:
    """Past 14 days the letter must come from a government doctor (Peraturan BKN 24/2017,
    Peraturan BKN 7/2022)."""
    return (
        kind.government_doctor_after_days is not None and days > kind.government_doctor_after_days
    )


# --- a leave and what is wrong with a request ---------------------------------------------


@dataclass(frozen=True)
class Leave:
    """An approved or requested leave: kind, first and last day, and the working days
    counted when it was approved (what the ledger charged)."""

    kind: str
    start: dt.date
    end: dt.date
    ref: str = ""
    counted_days: int = 0

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def overlaps(a: Leave, b: Leave) -> bool:
    """Two leaves share at least one calendar day (both ends inclusive)."""
    return a.start <= b.end and b.start <= a.end


def _fmt(day: dt.date) -> str:
    return f"{day:%d-%m-%Y}"


def request_errors(
    kind_code: str,
    start: dt.date,
    end: dt.date,
    *,
    rules: LeaveRules,
    is_working: IsWorking,
    balance: int | None = None,
    service_years: int = 0,
    existing: Sequence[Leave] = (),
    taken_before: int = 0,
) -> list[Msg]:
    """What is wrong with a leave request (PP 11/2017, Peraturan BKN 24/2017, Peraturan
    BKN 7/2022), each as an Indonesian message: an unknown kind for these rules,
    reversed dates, no working day in the range, too little service, longer than the
    kind allows, beyond the cuti tahunan balance, too many times, or overlapping another
    leave of the person (pending or approved)."""
    kind = rules.kinds.get(kind_code)
    if kind is None:
        return [_("Jenis cuti ini tidak berlaku untuk %(aturan)s.", aturan=rules.name)]
    if end < start:
        return [_("Tanggal selesai sebelum tanggal mulai.")]
    errors: list[Msg] = []
    counted = length(kind, start, end, is_working)
    if kind.unit == HARI_KERJA and counted == 0:
        errors.append(_("Rentang tanggal ini tidak memuat hari kerja."))
    if service_years < kind.min_service_years:
        errors.append(
            _(
                "%(jenis)s baru dapat diambil setelah masa kerja %(tahun)s tahun.",
                jenis=kind.name,
                tahun=kind.min_service_years,
            )
        )
    if kind.max_length is not None:
        too_long = (
            end > months_end(start, kind.max_length)
            if kind.unit == BULAN
            else counted > kind.max_length
        )
        if too_long:
            errors.append(
                _(
                    "%(jenis)s paling lama %(batas)s %(satuan)s.",
                    jenis=kind.name,
                    batas=kind.max_length,
                    satuan=UNIT_LABELS[kind.unit],
                )
            )
    if kind.uses_balance and balance is not None and counted > balance:
        errors.append(
            _(
                "Sisa cuti tahunan %(sisa)s hari kerja; yang diminta %(hari)s hari kerja.",
                sisa=balance,
                hari=counted,
            )
        )
    if kind.max_occurrences is not None and taken_before >= kind.max_occurrences:
        errors.append(
            _(
                "%(jenis)s hanya dapat diberikan %(kali)s kali.",
                jenis=kind.name,
                kali=kind.max_occurrences,
            )
        )
    new = Leave(kind_code, start, end)
    for other in existing:
        if overlaps(new, other):
            other_kind = rules.kinds.get(other.kind)
            errors.append(
                _(
                    "Bertabrakan dengan %(jenis)s %(mulai)s s.d. %(selesai)s.",
                    jenis=other_kind.name if other_kind else other.kind,
                    mulai=_fmt(other.start),
                    selesai=_fmt(other.end),
                )
            )
    return errors


# --- the ledger of cuti tahunan -------------------------------------------------------------

ALOKASI = "alokasi"  # the year's 12 days
BAWAAN = "bawaan"  # carried in from the year before
PAKAI = "pakai"  # a cuti tahunan taken
CUTI_BERSAMA = "bersama"  # cuti bersama consuming cuti tahunan
BATAL = "batal"  # a cancelled leave given back
KOREKSI = "koreksi"  # a recount (a holiday added after approval)
GUGUR = "gugur"  # voided by a cuti besar in the year
DIBAWA = "dibawa"  # carried out to the next year
HANGUS = "hangus"  # expired at year end

# Entries that record the person's own cuti tahunan (for the two-unused-years rule).
_OWN_USE = frozenset({PAKAI, BATAL, KOREKSI})


@dataclass(frozen=True)
class LedgerEntry:
    """One movement of a person's cuti tahunan of `year`: `days` signed (+ adds, −
    takes), dated `on`, with the leave it concerns and a note."""

    year: int
    kind: str
    days: int
    on: dt.date
    ref: str = ""
    note: str = ""


def balance(entries: Iterable[LedgerEntry], year: int) -> int:
    """The cuti tahunan left in `year`: the sum of its entries."""
    return sum(e.days for e in entries if e.year == year)


def entitlement(entries: Iterable[LedgerEntry], year: int) -> int:
    """What the year started with: its allocation and what was carried in."""
    return sum(e.days for e in entries if e.year == year and e.kind in (ALOKASI, BAWAAN))


def allocation(year: int, rules: LeaveRules, *, eligible: bool = True) -> LedgerEntry | None:
    """The year's 12 working days (PP 11/2017: after a year of continuous service; the
    caller says whether the person is eligible), dated 1 January."""
    if not eligible:
        return None
    return LedgerEntry(year, ALOKASI, rules.annual_days, dt.date(year, 1, 1))


def use_entries(leave: Leave, is_working: IsWorking, *, on: dt.date) -> tuple[LedgerEntry, ...]:
    """A cuti tahunan taken, one entry per calendar year it spans (each year's days come
    from that year's entitlement), counted in working days."""
    per_year = Counter(d.year for d in working_days(leave.start, leave.end, is_working))
    return tuple(
        LedgerEntry(year, PAKAI, -n, on, leave.ref) for year, n in sorted(per_year.items())
    )


def cancel_entries(
    leave: Leave, entries: Iterable[LedgerEntry], *, on: dt.date
) -> tuple[LedgerEntry, ...]:
    """A cancelled leave gives back what the ledger still charges for it, per year."""
    net = _net_by_year(leave, entries)
    return tuple(LedgerEntry(year, BATAL, n, on, leave.ref) for year, n in sorted(net.items()) if n)


def bersama_entry(
    year: int, days_off: int, entries: Iterable[LedgerEntry], rules: LeaveRules, *, on: dt.date
) -> LedgerEntry | None:
    """Cuti bersama consuming cuti tahunan (rules §9; the year's Keputusan Presiden):
    `days_off` are the cuti bersama days that were working days of the person's own
    schedule (someone rostered to work keeps their days, PP 11/2017 Pasal 333 ayat (3)).
    It takes what is left and never makes the balance negative."""
    if not rules.bersama_consumes_annual or days_off <= 0:
        return None
    take = min(days_off, max(0, balance(entries, year)))
    if take == 0:
        return None
    return LedgerEntry(year, CUTI_BERSAMA, -take, on)


def void_entry(
    year: int, entries: Iterable[LedgerEntry], *, on: dt.date, ref: str = ""
) -> LedgerEntry | None:
    """A cuti besar voids the cuti tahunan of its year (PP 11/2017; rules §9): what is
    left that year is struck out."""
    left = balance(entries, year)
    if left <= 0:
        return None
    return LedgerEntry(year, GUGUR, -left, on, ref, "Cuti besar")


def used_in(entries: Iterable[LedgerEntry], year: int) -> bool:
    """Whether the person took cuti tahunan in `year` (net of cancellations) or a cuti
    besar voided it. Cuti bersama does not count: the person did not ask for it."""
    items = [e for e in entries if e.year == year]
    own = -sum(e.days for e in items if e.kind in _OWN_USE)
    return own > 0 or any(e.kind == GUGUR for e in items)


def year_end(
    year: int, entries: Sequence[LedgerEntry], rules: LeaveRules
) -> tuple[LedgerEntry, ...]:
    """The closing entries of `year` and the carry-in of the next (PP 11/2017; Peraturan
    BKN 24/2017): at most `carry_max_days` of what is left carry over, so next year's
    entitlement is at most 18; when the person had cuti tahunan in `year` and the year
    before and used none of it in either, up to 24 (12 carried). The rest expires on
    31 December. The next year's own allocation is `allocation`."""
    left = balance(entries, year)
    if left <= 0:
        return ()
    allocated = {e.year for e in entries if e.kind == ALOKASI}
    two_unused = (
        year in allocated
        and year - 1 in allocated
        and not used_in(entries, year)
        and not used_in(entries, year - 1)
    )
    if two_unused:
        limit = rules.cap_two_years - rules.annual_days
    else:
        limit = min(rules.carry_max_days, rules.cap_one_year - rules.annual_days)
    carry = min(left, limit)
    last, first = dt.date(year, 12, 31), dt.date(year + 1, 1, 1)
    out: list[LedgerEntry] = []
    if left - carry:
        out.append(LedgerEntry(year, HANGUS, -(left - carry), last))
    if carry:
        out.append(LedgerEntry(year, DIBAWA, -carry, last))
        out.append(LedgerEntry(year + 1, BAWAAN, carry, first))
    return tuple(out)


# --- a holiday added after a leave was approved (issue 13 §2) ---------------------------


def _net_by_year(leave: Leave, entries: Iterable[LedgerEntry]) -> dict[int, int]:
    """What the ledger charges for `leave` per year, as positive days."""
    net: Counter[int] = Counter()
    for e in entries:
        if e.ref == leave.ref and e.kind in _OWN_USE:
            net[e.year] -= e.days
    return dict(net)


@dataclass(frozen=True)
class Recount:
    """A leave counted again against today's schedule: the leave with its new count and
    the ledger entries that make the ledger agree (empty when nothing changed)."""

    leave: Leave
    entries: tuple[LedgerEntry, ...]
    previous_days: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.entries) or self.leave.counted_days != self.previous_days


def recount(
    leave: Leave,
    kind: LeaveKind,
    is_working: IsWorking,
    entries: Iterable[LedgerEntry] = (),
    *,
    on: dt.date,
) -> Recount:
    """Count an approved leave again after the schedule changed (a holiday added after
    approval, issue 13 §2): its counted days drop (or rise) and, for a kind drawing on
    cuti tahunan, a KOREKSI entry per year brings the ledger to the new count. Earlier
    entries are never edited."""
    new_days = length(kind, leave.start, leave.end, is_working)
    fixes: list[LedgerEntry] = []
    if kind.uses_balance:
        charged = _net_by_year(leave, entries)
        wanted = Counter(d.year for d in working_days(leave.start, leave.end, is_working))
        for year in sorted(set(charged) | set(wanted)):
            diff = charged.get(year, 0) - wanted.get(year, 0)
            if diff:
                fixes.append(
                    LedgerEntry(year, KOREKSI, diff, on, leave.ref, "Hitung ulang hari kerja")
                )
    return Recount(replace(leave, counted_days=new_days), tuple(fixes), leave.counted_days)
