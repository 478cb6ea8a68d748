"""Demo execution data: a few months of activity logs with their verification, action
plans, evidence, feedback threads, coaching notes and reminders, in bulk.

`seed_demo_data` (the `manage.py seed_demo` hook, after the plans' SKP) fills, for the
demo regency, the months from `demo_window(today)` to yesterday:

aktivitas.py     the activity logs and rencana aksi (`seed_execution`, also what
                 bench/bench_execution.py runs at scale), with verification and
                 anomalies
bukti.py         evidence files (tiny valid PDF and PNG made in files.py, saved through
                 the "bukti" storage under random names with their size and SHA-256)
                 and links
umpan_balik.py   feedback threads on an RHK, on a BerAKHLAK value or general, with
                 replies; coaching notes
this module      seed_demo_data, demo_window, and the two usual reminders
builder.py       one person's log as plain data (no database); vocabulary.py the words

Like plans.seeding, all randomness comes from `random.Random` seeded from `seed` (and
from the person's id for their own log, so the rows do not depend on the order people
are written in), and rows are written with the org seeder's bulk inserter (keys
reserved up front; `executemany` on SQLite, `COPY` on PostgreSQL).
Seeding is not a user action: no audit events, no notifications.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.org.models import Instansi, Pegawai
from ekinerja.org.seeding import logins as org_logins

from .. import domain
from ..models import Pengingat
from ..storage import bukti_storage
from .aktivitas import load_people, seed_execution
from .builder import working_days
from .bukti import seed_bukti
from .umpan_balik import seed_feedback


def demo_window(today: dt.date) -> dt.date:
    """The first day the demo fills: the first of the month three months back (with
    today in early December: 1 September), never before the SKP year."""
    month = today.month - 3
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return max(dt.date(year, month, 1), dt.date(today.year, 1, 1))


def _demo_team(instansi: Instansi) -> tuple[Pegawai | None, Pegawai | None, list[int]]:
    """The demo Kepala Bidang, the demo staff member, and the people whose log the demo
    needs whatever their SKP status: the staff login (SKP returned for revision) and the
    Kepala Bidang's direct subordinates (SKP waiting in his plans queue)."""
    kabid = org_logins.holder(instansi, org_logins.KODE_KABID)
    staff = org_logins.holder(instansi, org_logins.KODE_STAFF)
    team: list[int] = []
    if kabid is not None:
        team += list(
            Pegawai.objects.filter(instansi=instansi, atasan=kabid, aktif=True).values_list(
                "pk", flat=True
            )
        )
    if staff is not None:
        team.append(staff.pk)
    return kabid, staff, team


def seed_demo_data(instansi: Instansi, *, seed: int) -> str:
    """seed_demo's extension point (org/management/commands/seed_demo.py), run after the
    plans' SKP: three months of activity logs up to yesterday, rencana aksi, evidence,
    feedback, coaching notes and reminders for the demo regency. Returns a line for the
    command's output."""
    start = time.perf_counter()
    tz = ZoneInfo(instansi.zona_waktu)
    today = timezone.localdate(timezone=tz)
    dari = demo_window(today)
    kabid, staff, team = _demo_team(instansi)
    people = load_people(instansi, tahun=today.year, include=team)
    rng = random.Random(seed)
    sample = rng.sample(sorted(people), min(12, len(people)))
    demo = [p for p in team if p in people]
    lag: dict[int, int] = {}
    forced: dict[int, dict[dt.date, str]] = {}
    recent = working_days(today - dt.timedelta(days=14), today - dt.timedelta(days=1))
    if kabid is not None:
        # His staff's entries from the last ten days wait for him, the demo's queue.
        lag[kabid.pk] = 10
        subs = [p for p in demo if people[p].atasan_id == kabid.pk]
        if subs and len(recent) >= 3:
            forced[subs[0]] = {
                recent[-2]: domain.ANOMALI_TUMPANG_TINDIH,
                recent[-3]: domain.ANOMALI_MELEBIHI_JAM_KERJA,
            }
    if staff is not None and staff.pk in people:
        # The staff member's supervisor decides within days: the staff sees outcomes.
        lag[people[staff.pk].atasan_id] = 3
        if len(recent) >= 8:
            forced[staff.pk] = {d: domain.ANOMALI_TEKS_BERULANG for d in recent[:6]}
    result = seed_execution(
        instansi, today=today, dari=dari, seed=seed, include=team, lag=lag,
        keep_rows_of=[*demo, *sample], people=people, forced_anomalies=forced,
    )  # fmt: skip
    files: list[str] = []
    try:
        n_bukti = seed_bukti(instansi, result, people, [*demo, *sample], rng, today, tz, files)
        n_ub, n_bimb = seed_feedback(instansi, people, demo, rng, dari, today, tz)
        _seed_pengingat(instansi)
    except BaseException:
        storage = bukti_storage()
        for name in files:
            storage.delete(name)
        raise
    st = result.status
    return _(
        "Aktivitas dibuat dalam %(detik).1f detik: %(akt)d aktivitas dari %(orang)d pegawai "
        "(%(dari)s s.d. kemarin; %(ver)d diverifikasi, %(aju)d menunggu, %(tolak)d ditolak, "
        "%(tanda)d ditandai), %(ra)d rencana aksi, %(bukti)d bukti dukung, %(ub)d umpan "
        "balik, %(bimb)d bimbingan, 2 pengingat."
    ) % {
        "detik": time.perf_counter() - start,
        "akt": result.aktivitas,
        "orang": result.people,
        "dari": domain.tanggal_text(dari),
        "ver": st[domain.DIVERIFIKASI],
        "aju": st[domain.DIAJUKAN],
        "tolak": st[domain.DITOLAK],
        "tanda": result.flagged,
        "ra": result.rencana,
        "bukti": n_bukti,
        "ub": n_ub,
        "bimb": n_bimb,
    }


def _seed_pengingat(instansi: Instansi) -> None:
    """The two reminders an Admin Instansi usually sets up."""
    Pengingat.objects.bulk_create(
        [
            Pengingat(
                instansi=instansi, nama="Catat aktivitas harian",
                sasaran=Pengingat.Sasaran.BELUM_MENCATAT,
                pesan="Catat aktivitas Anda hari ini",
                hari=domain.SETIAP_HARI_KERJA, jam=dt.time(15, 0),
            ),
            Pengingat(
                instansi=instansi, nama="Verifikasi aktivitas bulan lalu",
                sasaran=Pengingat.Sasaran.ATASAN_ANTREAN,
                pesan="Masih ada aktivitas staf yang menunggu verifikasi Anda. Mohon "
                "diselesaikan paling lambat tanggal 5.",
                hari=3, jam=dt.time(9, 0),
            ),
        ]
    )  # fmt: skip
