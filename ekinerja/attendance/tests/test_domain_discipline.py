"""TK days against PP 94/2021 (rules §9): every threshold, ten consecutive working days,
and the optional conversion of minutes (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from ekinerja.attendance.domain import daily as d
from ekinerja.attendance.domain import discipline as disc


@pytest.mark.parametrize(
    "tk, code, level",
    [
        (0, None, None),
        (2, None, None),
        (3, "teguran_lisan", disc.RINGAN),
        (4, "teguran_tertulis", disc.RINGAN),
        (6, "teguran_tertulis", disc.RINGAN),
        (7, "pernyataan_tidak_puas", disc.RINGAN),
        (10, "pernyataan_tidak_puas", disc.RINGAN),
        (11, "potongan_tukin_6", disc.SEDANG),
        (13, "potongan_tukin_6", disc.SEDANG),
        (14, "potongan_tukin_9", disc.SEDANG),
        (16, "potongan_tukin_9", disc.SEDANG),
        (17, "potongan_tukin_12", disc.SEDANG),
        (20, "potongan_tukin_12", disc.SEDANG),
        (21, "penurunan_jabatan", disc.BERAT),
        (24, "penurunan_jabatan", disc.BERAT),
        (25, "pembebasan_jabatan", disc.BERAT),
        (27, "pembebasan_jabatan", disc.BERAT),
        (28, "pemberhentian", disc.BERAT),
        (200, "pemberhentian", disc.BERAT),
    ],
    ids=lambda v: str(v) if isinstance(v, int) else None,
)
def test_thresholds(tk, code, level):
    got = disc.recommend(tk)
    assert (got.step.code if got.step else None) == code
    assert (got.step.level if got.step else None) == level
    assert got.run_step is None


def test_sanction_names_are_the_regulations():
    names = {s.code: s.name for s in disc.PP94_STEPS}
    assert names["potongan_tukin_9"] == "Pemotongan tunjangan kinerja sebesar 25% selama 9 bulan"
    assert names["pemberhentian"].startswith("Pemberhentian dengan hormat tidak atas permintaan")


@dataclass(frozen=True)
class Day:
    day: dt.date
    status: str


def january(statuses: str) -> list[Day]:
    """One letter a day from 1 January 2025 (a Wednesday): T = TK, L = libur, H = hadir,
    C = cuti, D = DL."""
    codes = {"T": d.TK, "L": d.LIBUR, "H": d.HADIR, "C": d.CUTI, "D": d.DL}
    return [
        Day(dt.date(2025, 1, 1) + dt.timedelta(days=n), codes[c])
        for n, c in enumerate(statuses.replace(" ", ""))
    ]


# Weeks of January 2025 start on Wednesday 1: "WTF SS MTWTF SS MTWTF ..."
RUNS = [
    ("ten-working-days-over-a-weekend", "HHH LL TTTTT LL TTTTT LL HHHHH", 10, True),
    ("nine-days", "HHH LL TTTTT LL TTTTH LL HHHHH", 9, False),
    ("holiday-inside-does-not-break", "HHH LL TTLTT LL TTTTT LL THHHH", 10, True),
    ("cuti-breaks-the-run", "HHH LL TTTTT LL TTTTC LL TTTTT", 9, False),
    ("dl-breaks-the-run", "HHH LL TTTTD LL TTTTT LL HHHHH", 5, False),
    ("from-the-first-day", "TTT LL TTTTT LL TTHHH", 10, True),
]


@pytest.mark.parametrize("statuses, run, dismissal", [pytest.param(*r[1:], id=r[0]) for r in RUNS])
def test_consecutive_working_days(statuses, run, dismissal):
    got = disc.recommend_for_year(january(statuses))
    assert len(got.run) == run
    assert (got.run_step is not None) is dismissal
    assert got.tk_days == statuses.count("T")


def test_ten_consecutive_days_dismiss_even_below_28():
    got = disc.recommend_for_year(january("HHH LL TTTTT LL TTTTT LL HHHHH"))
    assert got.step is not None and got.step.code == "pernyataan_tidak_puas"
    assert got.run_step is disc.RUN_DISMISSAL
    assert [m.msgid for m in got.explain()] == [
        "%(hari)s hari tidak masuk kerja tanpa alasan yang sah dalam setahun: "
        "%(hukuman)s (%(dasar)s).",
        "%(hari)s hari kerja berturut-turut tidak masuk (%(mulai)s s.d. "
        "%(selesai)s): %(hukuman)s (%(dasar)s).",
        "Rekomendasi untuk BKPSDM; hukuman disiplin dijatuhkan oleh pejabat yang berwenang.",
    ]
    assert got.explain()[1].params["mulai"] == "06-01-2025"
    assert got.explain()[1].params["selesai"] == "17-01-2025"


def test_nothing_to_recommend():
    got = disc.recommend(2)
    assert not got.any
    assert [m.msgid for m in got.explain()] == ["Belum mencapai batas hukuman disiplin."]


CONVERTING = disc.DisciplineRules(minutes_per_day=450)


@pytest.mark.parametrize(
    "tk, minutes, rules, total, code",
    [
        pytest.param(2, 449, CONVERTING, 2, None, id="under-a-day"),
        pytest.param(2, 450, CONVERTING, 3, "teguran_lisan", id="7.5-hours-is-a-day"),
        pytest.param(2, 900, CONVERTING, 4, "teguran_tertulis", id="two-days"),
        pytest.param(2, 9000, disc.PP94, 2, None, id="off-by-default"),
    ],
)
def test_minutes_convert_only_when_the_rules_say(tk, minutes, rules, total, code):
    got = disc.recommend(tk, late_early_minutes=minutes, rules=rules)
    assert got.total_days == total
    assert (got.step.code if got.step else None) == code
