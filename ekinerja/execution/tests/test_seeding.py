"""The demo execution data (execution.seeding): `seed_demo` fills three months of
believable activity logs with their verification, evidence, feedback and reminders.

The demo is seeded at the minimum size (200 staff) with "today" fixed, so that the
figures do not depend on the day the suite runs (plans seeds the SKP of today's year)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import struct
import zlib
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from ekinerja.org.models import Instansi
from ekinerja.org.seeding import logins as org_logins
from ekinerja.org.seeding import vocabulary as org_vocabulary

from .. import domain
from ..models import Aktivitas, BimbinganKinerja, BuktiDukung, Pengingat, RencanaAksi, UmpanBalik
from ..seeding import builder, demo_window
from ..seeding.files import tiny_pdf, tiny_png
from ..services.aktivitas import anomalies_refresh
from ..storage import bukti_storage

TODAY = dt.date(2026, 12, 4)  # a Friday: the current month has three working days logged


@pytest.fixture
def demo(monkeypatch):
    real = timezone.localdate

    def fixed(value=None, timezone=None):  # noqa: ARG001 - timezone.localdate's signature
        return TODAY

    monkeypatch.setattr("django.utils.timezone.localdate", fixed)
    call_command("seed_demo", pegawai=200, seed=3, stdout=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.setattr("django.utils.timezone.localdate", real)
    return Instansi.objects.get(kode=org_vocabulary.DEMO_KODE)


def _share(c: Counter, key: str) -> float:
    return c[key] / max(1, sum(c.values()))


@pytest.mark.django_db
def test_seed_demo(demo):
    """One seeding (a few seconds), three checks."""
    check_logs_queue_and_statuses(demo)
    check_evidence_feedback_coaching_reminders(demo)
    check_flags_are_what_the_service_computes(demo)


def check_logs_queue_and_statuses(demo):
    staff = org_logins.holder(demo, org_logins.KODE_STAFF)
    kabid = org_logins.holder(demo, org_logins.KODE_KABID)
    mine = Aktivitas.objects.filter(instansi=demo, pegawai=staff)
    months = {d.month for d in mine.values_list("tanggal", flat=True)}
    assert months == {9, 10, 11, 12}
    assert all(d.weekday() < 5 for d in mine.values_list("tanggal", flat=True))
    assert mine.filter(rhk__skp__pegawai=staff).count() == mine.count()
    assert mine.filter(status=domain.DITOLAK).exclude(alasan_tolak="").exists()

    # The Kepala Bidang's verification queue has work, some of it flagged.
    queue = Aktivitas.objects.filter(instansi=demo, pegawai__atasan=kabid, status="diajukan")
    assert queue.count() >= 10
    assert queue.filter(ditandai=True).exists()

    every = Aktivitas.objects.filter(instansi=demo)
    first = demo_window(TODAY)
    assert every.filter(tanggal__lt=first).count() == 0
    assert every.filter(tanggal__gte=TODAY).count() == 0
    past = Counter(every.filter(tanggal__lt=TODAY.replace(day=1)).values_list("status", flat=True))
    assert 0.75 <= _share(past, domain.DIVERIFIKASI) <= 0.95
    assert 0.005 <= _share(past, domain.DITOLAK) <= 0.05
    now = Counter(every.filter(tanggal__gte=TODAY.replace(day=1)).values_list("status", flat=True))
    assert _share(now, domain.DIAJUKAN) >= 0.6
    # Decided entries name the owner's supervisor; waiting ones nobody.
    assert not every.filter(status=domain.DIAJUKAN, verified_by__isnull=False).exists()
    sample = every.exclude(status=domain.DIAJUKAN).select_related("pegawai")[:200]
    assert all(a.verified_by_id == a.pegawai.atasan_id for a in sample)
    assert all(a.verified_at >= a.created_at for a in sample)

    # A working day: 3-6 entries (7 with a planted long day), never over a day.
    per_day = Counter(every.values_list("pegawai_id", "tanggal"))
    assert 3 <= min(per_day.values()) and max(per_day.values()) <= 7
    assert every.filter(jam_mulai__isnull=True).exists()  # some with minutes only
    assert every.exclude(output_satuan="").exists()
    assert RencanaAksi.objects.filter(instansi=demo).exists()
    assert every.filter(rencana_aksi__isnull=False).exists()
    flags = Counter(
        f for a in every.filter(ditandai=True).values_list("anomali", flat=True) for f in a
    )
    assert {domain.ANOMALI_TUMPANG_TINDIH, domain.ANOMALI_MELEBIHI_JAM_KERJA} <= set(flags)
    assert flags[domain.ANOMALI_TEKS_BERULANG] >= 1
    assert every.filter(ditandai=True).count() < every.count() * 0.02


def check_flags_are_what_the_service_computes(demo):
    """The seeder's flags equal services.aktivitas.anomalies_refresh over the same days."""
    staff = org_logins.holder(demo, org_logins.KODE_STAFF)
    kabid = org_logins.holder(demo, org_logins.KODE_KABID)
    people = {staff.pk, *Aktivitas.objects.filter(pegawai__atasan=kabid).values_list(
        "pegawai_id", flat=True
    )}  # fmt: skip
    for pid in people:
        rows = Aktivitas.objects.filter(instansi=demo, pegawai_id=pid)
        seeded = dict(rows.values_list("pk", "anomali"))
        assert any(seeded.values()), pid  # the planted anomalies
        rows.update(anomali=[], ditandai=False)
        days = sorted(set(rows.values_list("tanggal", flat=True)))
        anomalies_refresh(instansi_id=demo.pk, pegawai_id=pid, dates=days)
        assert dict(rows.values_list("pk", "anomali")) == seeded


def check_evidence_feedback_coaching_reminders(demo):
    storage = bukti_storage()
    files = BuktiDukung.objects.filter(instansi=demo, jenis=BuktiDukung.Jenis.BERKAS)
    assert files.count() >= 5
    for b in files:
        assert b.berkas.name.startswith(f"bukti/{demo.pk}/")
        assert b.berkas.name != b.nama_berkas
        with storage.open(b.berkas.name) as fh:
            data = fh.read()
        assert len(data) == b.ukuran
        assert hashlib.sha256(data).hexdigest() == b.sha256
        assert data.startswith(b"%PDF-" if b.ekstensi == "pdf" else b"\x89PNG\r\n\x1a\n")
    links = BuktiDukung.objects.filter(instansi=demo, jenis=BuktiDukung.Jenis.TAUTAN)
    assert links.exists() and all(b.tautan.startswith("https://") for b in links)
    assert BuktiDukung.objects.filter(instansi=demo, rhk__isnull=False).exists()
    staff = org_logins.holder(demo, org_logins.KODE_STAFF)
    assert BuktiDukung.objects.filter(pegawai=staff).exists()

    # Feedback: threads on an RHK and on a BerAKHLAK value, with replies by the staff.
    threads = UmpanBalik.objects.filter(instansi=demo, pegawai=staff, induk=None)
    assert {t.topik for t in threads} >= {"rhk", "perilaku"}
    replies = UmpanBalik.objects.filter(instansi=demo, pegawai=staff, induk__isnull=False)
    assert replies.filter(penulis=staff).exists()
    for t in threads:
        assert t.penulis_id == staff.atasan_id
        last = max([t.created_at, *[r.created_at for r in t.balasan.all()]])
        assert t.last_at == last
    assert (
        UmpanBalik.objects.filter(instansi=demo, induk=None, topik="perilaku")
        .exclude(nilai_berakhlak=None)
        .exists()
    )
    assert BimbinganKinerja.objects.filter(instansi=demo, pegawai=staff).exists()

    reminders = {(p.sasaran, p.hari, p.jam) for p in Pengingat.objects.filter(instansi=demo)}
    assert reminders == {
        ("belum_mencatat", 0, dt.time(15, 0)),
        ("atasan_antrean", 3, dt.time(9, 0)),
    }


# --- pure parts -----------------------------------------------------------------------


def test_schedule_stays_in_working_hours():
    rng = random.Random(5)
    for _ in range(2000):
        n = rng.randint(3, 6)
        slots = builder._schedule(n, rng)
        assert len(slots) == n
        assert all(450 <= a < b <= 960 for a, b in slots)
        assert all(b1 <= a2 for (_a1, b1), (a2, _b2) in zip(slots, slots[1:], strict=False))
        assert not any(a < 780 and b > 720 for a, b in slots)  # lunch
        assert sum(b - a for a, b in slots) <= domain.DEFAULT_SETTINGS.menit_kerja_harian


def test_logger_is_deterministic_and_plants_anomalies():
    rhk = (
        builder.ExecRhk(1, 1, True, "laporan kepegawaian", "laporan", "dokumen"),
        builder.ExecRhk(2, 1, True, "layanan kenaikan pangkat", "layanan", "layanan"),
    )
    person = builder.ExecPerson(
        7, 3, (builder.ExecSkp(1, dt.date(2026, 1, 1), dt.date(2026, 12, 31), rhk),)
    )
    days = builder.working_days(dt.date(2026, 11, 2), dt.date(2026, 11, 27))
    planted = {days[3]: domain.ANOMALI_TUMPANG_TINDIH, days[5]: domain.ANOMALI_MELEBIHI_JAM_KERJA}
    planted.update({d: domain.ANOMALI_TEKS_BERULANG for d in days[10:16]})

    def run() -> list[builder.Row]:
        rows = builder.Logger(person, 1, (3, 6)).log(days, planted)
        builder.flag(rows, aturan=domain.DEFAULT_SETTINGS, status_of={})
        return rows

    a, b = run(), run()
    assert [(r.tanggal, r.jam_mulai, r.uraian, r.anomali) for r in a] == [
        (r.tanggal, r.jam_mulai, r.uraian, r.anomali) for r in b
    ]
    flagged = {(r.tanggal, f) for r in a for f in r.anomali}
    assert (days[3], domain.ANOMALI_TUMPANG_TINDIH) in flagged
    assert (days[5], domain.ANOMALI_MELEBIHI_JAM_KERJA) in flagged
    repeated = sorted(d for d, f in flagged if f == domain.ANOMALI_TEKS_BERULANG)
    assert repeated == days[14:16]  # from the fifth day in the window on
    assert {r.rhk.id for r in a} == {1, 2}


def test_decide_follows_the_supervisor_lag():
    rng = random.Random(1)
    row = builder.Row(
        dt.date(2026, 11, 20), None, None, 60, "x", None, None, "", dt.datetime(2026, 11, 20, 16)
    )
    assert builder.decide(row, 9, 20, TODAY, rng)[0] == domain.DIAJUKAN
    status, _reason, by, at = builder.decide(row, 9, 5, TODAY, rng)
    assert status in (domain.DIVERIFIKASI, domain.DITOLAK) and by == 9
    assert row.entered < at < dt.datetime.combine(TODAY, dt.time())


def test_evidence_files_are_valid():
    pdf = tiny_pdf("Notulen rapat (koordinasi)")
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref:].startswith(b"xref")
    for line in pdf[xref:].split(b"\n")[3:8]:  # each object starts where the table says
        assert pdf[int(line[:10]) :].split(b"\n")[0].endswith(b" 0 obj")
    png = tiny_png(3)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pos, kinds = 8, []
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        body = png[pos + 4 : pos + 8 + length]
        assert struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])[0] == zlib.crc32(body)
        kinds.append(kind)
        pos += 12 + length
    assert kinds == [b"IHDR", b"IDAT", b"IEND"]
    width, height = struct.unpack(">II", png[16:24])
    assert len(zlib.decompress(png[41 : 41 + struct.unpack(">I", png[33:37])[0]])) == height * (
        1 + 3 * width
    )
