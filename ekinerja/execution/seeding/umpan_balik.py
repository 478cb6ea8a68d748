"""Demo feedback and coaching: threads on an RHK, on a BerAKHLAK value or general, with
replies, and coaching notes, written with the org seeder's bulk inserter."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from ekinerja.org.models import Instansi
from ekinerja.org.seeding.writing import Inserter, reserve_ids
from ekinerja.plans import domain as plans_domain

from ..models import BimbinganKinerja, UmpanBalik
from .builder import ExecPerson, minute_time, working_days
from .vocabulary import BIMBINGAN, UB_PERILAKU, UB_RHK, UB_UMUM


def seed_feedback(
    instansi: Instansi,
    people: Mapping[int, ExecPerson],
    demo: list[int],
    rng: random.Random,
    dari: dt.date,
    today: dt.date,
    tz: ZoneInfo,
) -> tuple[int, int]:
    """Feedback threads (on an RHK, a BerAKHLAK value, or general) with replies, from
    about one supervisor–staff pair in eight and from every pair of the demo team, and
    coaching notes for about one pair in twenty and the demo team."""
    iid = instansi.pk
    days = working_days(dari, today - dt.timedelta(days=1))
    if not days:
        return 0, 0
    demo_set = set(demo)
    threads: list[tuple[int, int, str, int | None, int | None, list[tuple[int, str]]]] = []
    notes: list[tuple] = []
    for pid in sorted(people):
        p = people[pid]
        is_demo = pid in demo_set
        if is_demo or rng.random() < 0.125:
            kinds = (
                ["rhk", "perilaku"] if is_demo else [rng.choice(("rhk", "rhk", "perilaku", "umum"))]
            )
            for kind in kinds:
                msgs: list[tuple[int, str]]
                rhk_id = nilai = None
                if kind == "rhk":
                    r = rng.choice(p.skp[-1].rhk)
                    rhk_id = r.id
                    texts = rng.choice(UB_RHK)
                    msgs = [(p.atasan_id, texts[0].format(obj=r.obj))]
                    if texts[1] and (is_demo or rng.random() < 0.7):
                        msgs.append((pid, texts[1]))
                        if texts[2] and rng.random() < 0.6:
                            msgs.append((p.atasan_id, texts[2]))
                elif kind == "perilaku":
                    nilai = rng.choice(plans_domain.BERAKHLAK_NOMOR)
                    first, reply = UB_PERILAKU[nilai]
                    msgs = [(p.atasan_id, first)]
                    if reply and (is_demo or rng.random() < 0.6):
                        msgs.append((pid, reply))
                else:
                    first, reply = rng.choice(UB_UMUM)
                    msgs = [(p.atasan_id, first)] + ([(pid, reply)] if reply else [])
                threads.append((pid, p.atasan_id, kind, rhk_id, nilai, msgs))
        if is_demo or rng.random() < 0.05:
            topik, catatan, lanjut = rng.choice(BIMBINGAN)
            day = rng.choice(days[-30:])
            made = dt.datetime.combine(day, dt.time(15, 30), tz)
            notes.append((iid, pid, p.atasan_id, day, topik, catatan, lanjut, made, made))
    n_rows = sum(len(t[5]) for t in threads)
    ids = reserve_ids(UmpanBalik, n_rows) if n_rows else []
    rows: list[tuple] = []
    adapt_dt = connection.ops.adapt_datetimefield_value
    k = 0
    now = timezone.now()
    for pid, _atasan, kind, rhk_id, nilai, msgs in threads:
        day = rng.choice(days[-40:])
        at = dt.datetime.combine(day, minute_time(rng.randint(540, 930)), tz)
        stamps = []
        for _m in msgs:
            stamps.append(min(at, now))
            at += dt.timedelta(hours=rng.randint(1, 30))
        head = ids[k]
        for n, (author, teks) in enumerate(msgs):
            rows.append(
                (ids[k], iid, pid, author, None if n == 0 else head, kind if n == 0 else "",
                 rhk_id if n == 0 else None, nilai if n == 0 else None, teks,
                 adapt_dt(stamps[n]), adapt_dt(stamps[-1]) if n == 0 else None)
            )  # fmt: skip
            k += 1
    if rows:
        Inserter(
            UmpanBalik,
            ["id", "instansi_id", "pegawai_id", "penulis_id", "induk_id", "topik", "rhk_id",
             "nilai_berakhlak", "teks", "created_at", "last_at"],
        ).insert(rows)  # fmt: skip
    adapt_date = connection.ops.adapt_datefield_value
    if notes:
        Inserter(
            BimbinganKinerja,
            ["instansi_id", "pegawai_id", "pembimbing_id", "tanggal", "topik", "catatan",
             "tindak_lanjut", "created_at", "updated_at"],
        ).insert(
            [
                (*n[:3], adapt_date(n[3]), *n[4:7], adapt_dt(min(n[7], now)),
                 adapt_dt(min(n[8], now)))
                for n in notes
            ]
        )  # fmt: skip
    return len(threads), len(notes)
