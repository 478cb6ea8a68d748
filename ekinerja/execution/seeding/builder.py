"""The demo activity log as plain data, no database: who logs (ExecPerson, from
`load_people`), one person's days (Logger: schedule, texts, outputs, planted
anomalies), the anomaly flags (`flag`, the services' rule) and the verification
outcome under a supervisor's lag (`decide`).

All randomness comes from the Random passed in or seeded from (seed, pegawai id), so
the same input gives the same rows in any order of people.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import domain
from .vocabulary import (
    ALASAN_ANOMALI,
    ALASAN_TOLAK,
    KELAS,
    MATERI,
    OVERTIME,
    ROUTINE,
    SATUAN_DOKUMEN,
    SATUAN_HASIL,
    SATUAN_KEGIATAN,
    STEPS,
    TAHAP,
    TEMPAT,
)

# --- input: the people who log, as plain rows -------------------------------------------


@dataclass(frozen=True)
class ExecRhk:
    id: int
    skp_id: int
    utama: bool
    obj: str  # what the main IKI counts, in lower case ("laporan evaluasi kinerja")
    satuan: str  # its unit when countable, else ""
    kelas: str  # a key of STEPS


@dataclass(frozen=True)
class ExecSkp:
    id: int
    mulai: dt.date
    selesai: dt.date
    rhk: tuple[ExecRhk, ...]


@dataclass(frozen=True)
class ExecPerson:
    id: int
    atasan_id: int
    skp: tuple[ExecSkp, ...]


def obj_of(indikator: str, rhk_teks: str) -> tuple[str, str]:
    """(object phrase, class) from an RHK's main indicator: "Jumlah laporan supervisi"
    → "laporan supervisi"; an outcome given whole ("Cakupan imunisasi dasar lengkap")
    keeps its name in lower case."""
    if indikator.startswith("Jumlah "):
        return indikator[7:], ""
    text = indikator or rhk_teks
    return text[:1].lower() + text[1:], "hasil"


def kelas_of(satuan: str, obj: str, outcome: str) -> str:
    if outcome or satuan in SATUAN_HASIL:
        return "hasil"
    if satuan == "jam pelajaran" or obj.startswith("jam tatap muka"):
        return "ajar"
    if satuan in SATUAN_DOKUMEN:
        return "dokumen"
    if satuan in SATUAN_KEGIATAN:
        return "kegiatan"
    return "layanan"


# --- building one person's log (pure) ----------------------------------------------------


@dataclass
class Row:
    """An activity before it gets its id."""

    tanggal: dt.date
    jam_mulai: dt.time | None
    jam_selesai: dt.time | None
    menit: int
    uraian: str
    rhk: ExecRhk | None
    output: int | None
    satuan: str
    entered: dt.datetime  # local
    kunci: str = ""
    anomali: list[str] = field(default_factory=list)
    rencana_id: int | None = None


def minute_time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def _minutes(t: dt.time | None) -> int:
    assert t is not None  # only called on timed rows
    return t.hour * 60 + t.minute


def _split(total: int, n: int, rng: random.Random) -> list[int]:
    """`total` minutes in n blocks, multiples of 5, at least 20 each."""
    weights = [rng.uniform(0.6, 1.6) for _ in range(n)]
    s = sum(weights)
    parts = [max(20, int(total * w / s) // 5 * 5) for w in weights]
    return parts


def _schedule(n: int, rng: random.Random) -> list[tuple[int, int]]:
    """n (start, end) minute-of-day pairs in the working hours: a morning from about
    07.30 to 12.00 and an afternoon from 13.00 to 16.00, with small gaps; the day's
    total never passes 450 minutes (the default working minutes)."""
    start = rng.choice((450, 450, 455, 460, 465, 470, 480))
    n_am = max(1, min(n - 1, round(n * 0.6))) if n > 1 else 1
    out: list[tuple[int, int]] = []
    for lo, hi, k in ((start, 720, n_am), (780, 960, n - n_am)):
        if k <= 0:
            continue
        avail = hi - lo
        blocks = _split(int(avail * rng.uniform(0.78, 0.97)), k, rng)
        slack = max(0, avail - sum(blocks))
        t = lo
        for b in blocks:
            gap = min(slack, rng.choice((0, 0, 5, 10, 15)))
            slack -= gap
            t += gap
            end = min(hi, t + b)
            if end - t < 15:
                break
            out.append((t, end))
            t = end
    return out


class Logger:
    """Builds one person's activities from their own Random."""

    def __init__(self, person: ExecPerson, seed: int, per_day: tuple[int, int]):
        self.p = person
        self.rng = random.Random(seed * 1_000_003 + person.id)
        self.per_day = per_day
        self.skip = self.rng.choice((0.02, 0.04, 0.06, 0.1))  # leave, training, field work
        self.kelas_room = self.rng.choice(KELAS)

    def skp_on(self, day: dt.date) -> ExecSkp | None:
        for s in self.p.skp:
            if s.mulai <= day <= s.selesai:
                return s
        return None

    def text(self, r: ExecRhk, day: dt.date) -> tuple[str, str, int | None]:
        rng = self.rng
        step, unit = rng.choice(STEPS[r.kelas])
        text = step.format(
            obj=r.obj, kelas=rng.choice((self.kelas_room, *KELAS[:3])), materi=rng.choice(MATERI)
        )
        satuan = r.satuan if unit == "*" else unit
        if unit == "*" and not satuan:
            satuan = "dokumen" if r.kelas == "dokumen" else "kegiatan"
        if r.kelas == "ajar" and unit == "*":
            qty: int | None = rng.choice((2, 2, 3, 4))
        elif satuan in ("berkas", "data", "surat") or r.kelas == "layanan":
            qty = rng.randint(2, 25)
        elif satuan:
            qty = 1 if rng.random() < 0.8 else rng.randint(2, 4)
        else:
            qty = None
        tail = rng.random()
        bulan = domain.BULAN[day.month - 1]
        if tail < 0.2:
            text += f" bulan {bulan} {day.year}"
        elif tail < 0.32:
            text += f" {rng.choice(TAHAP)}"
        elif tail < 0.45 and qty and satuan:
            text += f" sebanyak {qty} {satuan}"
        elif tail < 0.55:
            text += f" di {rng.choice(TEMPAT)}"
        elif tail < 0.65:
            text += f" per {day.day} {bulan}"
        if qty is None or rng.random() < 0.15:
            return text, "", None
        return text, satuan, qty

    def day(self, day: dt.date, skp: ExecSkp, anomaly: str = "") -> list[Row]:
        rng = self.rng
        lo, hi = self.per_day
        n = rng.randint(lo, hi)
        slots = _schedule(n, rng)
        weights = [3 if r.utama else 1 for r in skp.rhk]
        rows: list[Row] = []
        for a, b in slots:
            r = rng.choices(skp.rhk, weights)[0]
            uraian, satuan, qty = self.text(r, day)
            timed = rng.random() > 0.14
            late = rng.random() < 0.15  # typed the next morning
            entered = dt.datetime.combine(day, minute_time(min(b + rng.randint(2, 40), 1000)))
            if late:
                entered = dt.datetime.combine(
                    day + dt.timedelta(days=1), minute_time(450 + rng.randint(0, 60))
                )
            start, end = (minute_time(a), minute_time(b)) if timed else (None, None)
            rows.append(Row(day, start, end, b - a, uraian, r, qty, satuan, entered))
        if anomaly == domain.ANOMALI_TUMPANG_TINDIH:
            timed_rows = [x for x in rows if x.jam_mulai is not None]
            if len(timed_rows) >= 2:  # the second starts half an hour before the first ends
                first, second = timed_rows[0], timed_rows[1]
                # timed rows have both times (`start, end` above)
                m1, e1, e2 = (
                    _minutes(first.jam_mulai),
                    _minutes(first.jam_selesai),
                    _minutes(second.jam_selesai),
                )
                s2 = max(m1 + 5, e1 - 30)
                second.jam_mulai, second.menit = minute_time(s2), e2 - s2
        elif anomaly == domain.ANOMALI_MELEBIHI_JAM_KERJA:
            r = rng.choice(skp.rhk)
            rows.append(
                Row(day, minute_time(960), minute_time(1140), 180, OVERTIME.format(obj=r.obj), r, 1,
                    r.satuan or "dokumen", dt.datetime.combine(day, minute_time(1150)))
            )  # fmt: skip
        elif anomaly == domain.ANOMALI_TEKS_BERULANG and rows:
            rows[0].uraian, rows[0].output, rows[0].satuan = ROUTINE, rng.randint(5, 20), "surat"
        return rows

    def log(self, days: list[dt.date], anomalies: Mapping[dt.date, str]) -> list[Row]:
        out: list[Row] = []
        for d in days:
            skp = self.skp_on(d)
            if skp is None:
                continue
            a = anomalies.get(d, "")
            if not a and self.rng.random() < self.skip:
                continue
            out.extend(self.day(d, skp, a))
        return out


def flag(rows: list[Row], *, aturan: domain.Pengaturan, status_of: Mapping[dt.date, str]) -> None:
    """Set `kunci` and the anomaly flags of one person's rows exactly as
    services.aktivitas.anomalies_refresh does for each day (day_anomalies with
    repeat_counts over the 30 days ending on the day, the attendance hook's day status).
    Only texts seen on at least `batas_teks_berulang` days can be flagged as repeated, so
    only their (text, day) pairs are passed on: the counts of every other text are
    below the limit either way."""
    days_of: dict[str, set[dt.date]] = defaultdict(set)
    for r in rows:
        r.kunci = domain.text_key(r.uraian)
        days_of[r.kunci].add(r.tanggal)
    pairs = [
        (k, d) for k, ds in days_of.items() if len(ds) >= aturan.batas_teks_berulang for d in ds
    ]
    by_day = domain.group_by_day((r.tanggal, (i, r)) for i, r in enumerate(rows))
    for day, entries in by_day.items():
        flags = domain.day_anomalies(
            [domain.DayEntry(i, r.jam_mulai, r.jam_selesai, r.menit, r.kunci) for i, r in entries],
            menit_kerja_harian=aturan.menit_kerja_harian,
            day_status=status_of.get(day, ""),
            repeat_days=domain.repeat_counts(pairs, day) if pairs else None,
            batas_teks_berulang=aturan.batas_teks_berulang,
        )
        for i, r in entries:
            r.anomali = flags[i]


def working_days(dari: dt.date, sampai: dt.date) -> list[dt.date]:
    n = (sampai - dari).days + 1
    return [d for d in (dari + dt.timedelta(days=i) for i in range(max(0, n))) if d.weekday() < 5]


def supervisor_lag(rng: random.Random) -> int:
    """Days behind today up to which a supervisor has decided their staff's entries."""
    x = rng.random()
    if x < 0.6:
        return rng.randint(3, 10)
    if x < 0.85:
        return rng.randint(10, 30)
    if x < 0.95:
        return rng.randint(30, 60)
    return 400  # verifies nothing


def decide(
    row: Row, atasan_id: int, lag: int, today: dt.date, rng: random.Random
) -> tuple[str, str, int | None, dt.datetime | None]:
    """(status, reason, verified_by, verified_at as a naive local time) of an entry
    under its supervisor's lag: entries up to `lag` days before today are decided, about
    2.5% of them rejected (a third of the flagged ones, with the matching reason); the
    decision comes within a week of the entry, in office hours, never after yesterday."""
    cutoff = today - dt.timedelta(days=lag)
    if row.tanggal > cutoff:
        return domain.DIAJUKAN, "", None, None
    reason = ""
    if row.anomali and rng.random() < 0.35:
        reason = ALASAN_ANOMALI.get(row.anomali[0], ALASAN_TOLAK[0])
    elif rng.random() < 0.022:
        reason = rng.choice(ALASAN_TOLAK)
    day = min(row.tanggal + dt.timedelta(days=rng.randint(0, 6)), today - dt.timedelta(days=1))
    at = dt.datetime.combine(max(day, row.tanggal), minute_time(rng.randint(540, 1000)))
    at = max(at, row.entered + dt.timedelta(minutes=5))
    return (domain.DITOLAK if reason else domain.DIVERIFIKASI), reason, atasan_id, at
