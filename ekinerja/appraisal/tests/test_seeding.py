"""The demo appraisal (appraisal.seeding): `seed_demo` opens the months the activity logs
cover, rates the finished ones so that every unit's curve holds, locks them, and leaves
the current month open and unrated for the demo logins.

Seeded once at the minimum size (200 staff) with "today" fixed (plans seeds the SKP of
today's year), through the real `seed_demo` command and its app hook."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from ekinerja.core.models import AuditEvent, User
from ekinerja.core.roles import Actor, actor_for_user
from ekinerja.org.models import Instansi, UnitKerja
from ekinerja.org.seeding import logins as org_logins
from ekinerja.org.seeding import vocabulary as org_vocabulary
from ekinerja.plans.models import IKI

from ..domain import distribution, evaluation, ratings, ruleset
from ..models import Evaluasi, Penetapan, PeriodePenilaian, PredikatOrganisasi, RealisasiIKI
from ..seeding import _demo_people
from ..seeding.ratings import ALLOWED, IkiSpec, assign_predikat, capaian_of
from ..selectors.evaluasi import evaluasi_content, head_rating_for
from ..selectors.kurva import aturan_for, curve_status
from ..services.periode import evaluasi_sync

TODAY = dt.date(2026, 12, 4)  # September–November finished, December current


@pytest.fixture
def demo(monkeypatch):
    real = timezone.localdate

    def fixed(value=None, timezone=None):  # noqa: ARG001 - timezone.localdate's signature
        return TODAY

    monkeypatch.setattr("django.utils.timezone.localdate", fixed)
    call_command("seed_demo", pegawai=200, seed=3, stdout=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.setattr("django.utils.timezone.localdate", real)
    return Instansi.objects.get(kode=org_vocabulary.DEMO_KODE)


def _periods(demo) -> dict[int, PeriodePenilaian]:
    return {p.nomor: p for p in PeriodePenilaian.objects.filter(instansi=demo)}


@pytest.mark.django_db
def test_seed_demo(demo):
    """One seeding (a few seconds), four checks."""
    check_periods_and_evaluations(demo)
    check_finished_months(demo)
    check_last_finished_month(demo)
    check_current_month_is_usable(demo)
    check_siasn_export_is_complete(demo)


def check_periods_and_evaluations(demo):
    periods = _periods(demo)
    assert {n: (p.jenis, p.status) for n, p in periods.items()} == {
        9: (evaluation.JENIS_BULANAN, PeriodePenilaian.Status.DITUTUP),
        10: (evaluation.JENIS_BULANAN, PeriodePenilaian.Status.DITUTUP),
        11: (evaluation.JENIS_BULANAN, PeriodePenilaian.Status.DIBUKA),
        12: (evaluation.JENIS_BULANAN, PeriodePenilaian.Status.DIBUKA),
    }
    for p in periods.values():
        n = Evaluasi.objects.filter(periode_penilaian=p).count()
        assert n > 150
        # The seeder made exactly what the period service would have: syncing adds none.
        assert evaluasi_sync(periode=p) == 0
        assert Evaluasi.objects.filter(periode_penilaian=p).count() == n


def check_finished_months(demo):
    periods = _periods(demo)
    aturan = aturan_for(instansi_id=demo.pk, tahun=2026)
    marked = list(UnitKerja.objects.filter(instansi=demo, is_opd=True))
    for nomor in (9, 10, 11):
        p = periods[nomor]
        evs = Evaluasi.objects.filter(periode_penilaian=p)
        rated = evs.exclude(predikat="")
        # Every predikat is read off the matrix.
        for hk, pk, pred in rated.values_list("rating_hasil_kerja", "rating_perilaku", "predikat"):
            assert ratings.predikat_from_ratings(hk, pk) == pred
        # Most people entered realisasi, and the suggestion mostly agrees with the rating.
        with_real = evs.filter(realisasi__isnull=False).distinct().count()
        assert with_real >= 0.9 * evs.count()
        agree = Counter(rated.values_list("saran_hasil_kerja", "rating_hasil_kerja"))
        assert sum(n for (s, r), n in agree.items() if s == r) >= 0.85 * rated.count()
        # Every marked unit has its organisation predikat and its curve holds.
        for unit in marked:
            cs = curve_status(periode=p, unit=unit)
            if cs.jumlah_evaluasi == 0:
                continue
            assert cs.predikat_organisasi is not None, (p, unit)
            if cs.belum_dinilai == 0:
                failures = cs.check.failures if cs.check is not None else []
                assert cs.ok, (p, unit, cs.counts, [r.text() for r in failures])
        # A unit head's rating hasil kerja follows the organisation predikat.
        for ev in rated.exclude(kepala_unit=None):
            _po, head = head_rating_for(ev, aturan)
            assert head in (None, ev.rating_hasil_kerja)
        assert rated.filter(status=evaluation.EVALUASI_DINILAI, dinilai_at=None).count() == 0
    # September and October are locked for every unit kurva.
    for nomor in (9, 10):
        p = periods[nomor]
        evs = Evaluasi.objects.filter(periode_penilaian=p)
        assert set(evs.values_list("status", flat=True)) == {evaluation.EVALUASI_DITETAPKAN}
        in_force = Penetapan.objects.filter(
            periode_penilaian=p, status=Penetapan.Status.DITETAPKAN
        ).values_list("unit_id", "jumlah_evaluasi")
        assert dict(in_force) == dict(Counter(evs.values_list("unit_kurva_id", flat=True)))
    # The stored capaian are the rule's (rules §3), for a sample of realisasi.
    rows = list(RealisasiIKI.objects.filter(instansi=demo).select_related("iki")[:400])
    for r in rows:
        i = r.iki
        spec = IkiSpec(i.pk, i.rhk_id, True, i.target_jenis, i.target_nilai, i.target_min,
                       i.target_maks, i.arah)  # fmt: skip
        assert r.capaian == capaian_of(spec, r.nilai)
        assert (r.nilai is None) == (i.target_jenis == "teks")
    # The stored suggestion is what the evaluation page computes from the realisasi.
    sample = (
        Evaluasi.objects.filter(periode_penilaian=periods[10], realisasi__isnull=False)
        .select_related("periode_penilaian", "pegawai")
        .first()
    )
    assert sample is not None
    content = evaluasi_content(sample, with_evidence=False)
    assert content.saran_hasil_kerja == sample.saran_hasil_kerja


def _actor(user: User) -> Actor:
    actor = actor_for_user(user)
    assert actor is not None
    return actor


def check_last_finished_month(demo):
    p = _periods(demo)[11]
    in_force = list(Penetapan.objects.filter(periode_penilaian=p, status="ditetapkan"))
    assert len(in_force) == 4
    # Locked through the service, which audits it.
    assert AuditEvent.objects.filter(action="penetapan.create").count() == 4
    for pen in in_force:
        evs = Evaluasi.objects.filter(periode_penilaian=p, unit_kurva=pen.unit_id)
        assert set(evs.values_list("status", flat=True)) == {evaluation.EVALUASI_DITETAPKAN}
    # Two units still wait for one to three ratings; the rest wait for penetapan.
    waiting = {}
    for unit in UnitKerja.objects.filter(instansi=demo, is_opd=True):
        cs = curve_status(periode=p, unit=unit)
        if cs.belum_dinilai:
            waiting[unit.pk] = cs.belum_dinilai
    assert len(waiting) == 2
    assert all(1 <= n <= 3 for n in waiting.values())
    _keep, _team, opd = _demo_people(demo)
    cs = curve_status(periode=p, unit=UnitKerja.objects.get(pk=opd[0]))
    assert cs.ok and not cs.ditetapkan  # the demo admin can do this penetapan


def check_current_month_is_usable(demo):
    from ..services.penilaian import evaluasi_rate
    from ..services.realisasi import evaluasi_realisasi_save

    p = _periods(demo)[12]
    evs = Evaluasi.objects.filter(periode_penilaian=p)
    assert set(evs.values_list("status", flat=True)) == {evaluation.EVALUASI_DRAFT}
    assert not evs.exclude(predikat="").exists()
    keep, team, opd = _demo_people(demo)
    assert PredikatOrganisasi.objects.filter(periode_penilaian=p, unit_id=opd[0]).exists()
    # The demo logins entered nothing; whom the Kepala Bidang rates entered everything.
    assert not RealisasiIKI.objects.filter(
        evaluasi__periode_penilaian=p, evaluasi__pegawai_id__in=keep
    ).exists()
    kabid = org_logins.holder(demo, org_logins.KODE_KABID)
    mine = evs.filter(penilai=kabid)
    assert mine.exists()
    for ev in mine:
        assert ev.realisasi.count() == IKI.objects.filter(rhk__skp=ev.skp_id).count()
    # The Kepala Bidang can rate his team, and a demo login with an approved SKP can
    # enter realisasi, through the services.
    first = mine.first()
    assert first is not None and kabid is not None and kabid.user is not None
    rated = evaluasi_rate(
        actor=_actor(kabid.user), evaluasi_id=first.pk,
        rating_hasil_kerja=ratings.SESUAI, rating_perilaku=ratings.SESUAI,
    )  # fmt: skip
    assert rated.predikat == ratings.BAIK
    admin = org_logins.holder(demo, org_logins.KODE_ADMIN)
    own = evs.get(pegawai=admin)
    iki = IKI.objects.filter(rhk__skp=own.skp_id).exclude(target_jenis="teks").first()
    assert iki is not None and admin is not None and admin.user is not None
    saved = evaluasi_realisasi_save(
        actor=_actor(admin.user), evaluasi_id=own.pk, iki_id=iki.pk,
        nilai=str(iki.target_nilai or iki.target_maks),
    )  # fmt: skip
    assert saved.capaian is not None


CASES = [
    # (free, fixed HK, organisation predikat)
    (1, [], ratings.ORG_BAIK),
    (2, [], ratings.ORG_BAIK),
    (10, [], ratings.ORG_BAIK),
    (10, [], ratings.ISTIMEWA),
    (1, [], ratings.ISTIMEWA),
    (10, [], ratings.ORG_BUTUH_PERBAIKAN),
    (10, [], ratings.ORG_KURANG),
    (10, [], ratings.ORG_SANGAT_KURANG),
    (506, [], ratings.ISTIMEWA),
    (0, [ratings.SESUAI], ratings.ORG_BAIK),
    (5, [ratings.DI_ATAS, ratings.DI_ATAS], ratings.ORG_BAIK),
    (5, [ratings.DI_BAWAH], ratings.ORG_BUTUH_PERBAIKAN),
    (30, [ratings.SESUAI, ratings.DI_ATAS, ratings.DI_BAWAH], ratings.ISTIMEWA),
]


@pytest.mark.parametrize(("free", "fixed", "org"), CASES)
def test_assign_predikat_satisfies_the_curve(free, fixed, org):
    for seed in range(5):
        got = assign_predikat(free, fixed, org, ruleset.DEFAULT_ATURAN, random.Random(seed))
        assert got is not None
        free_p, fixed_p = got
        assert len(free_p) == free and len(fixed_p) == len(fixed)
        for hk, p in zip(fixed, fixed_p, strict=True):
            assert p in ALLOWED[hk]
        assert distribution.check_curve(Counter(free_p + fixed_p), org).ok


def test_allowed_predikat_per_rating_hasil_kerja():
    assert ALLOWED == {
        ratings.DI_ATAS: (ratings.SANGAT_BAIK, ratings.BAIK, ratings.KURANG),
        ratings.SESUAI: (ratings.BAIK, ratings.KURANG),
        ratings.DI_BAWAH: (ratings.BUTUH_PERBAIKAN, ratings.SANGAT_KURANG),
    }


@pytest.mark.parametrize(
    ("jenis", "nilai", "lo", "hi", "arah", "realisasi", "capaian"),
    [
        ("angka", "80", None, None, "naik", "92", "115.0000"),
        ("angka", "10", None, None, "turun", "9", "110.0000"),
        ("angka", "10", None, None, "turun", "25", "0.0000"),
        ("rentang", None, "90", "100", "naik", "95", "100.0000"),
        ("angka", "0", None, None, "naik", "3", None),
        ("teks", None, None, None, "naik", None, None),
    ],
)
def test_capaian_of_follows_rules_3(jenis, nilai, lo, hi, arah, realisasi, capaian):
    d = lambda v: None if v is None else Decimal(v)  # noqa: E731
    spec = IkiSpec(1, 1, True, jenis, d(nilai), d(lo), d(hi), arah)
    assert capaian_of(spec, d(realisasi)) == d(capaian)


def check_siasn_export_is_complete(demo):
    """The demo seeds made-up SIASN person ids and the golongan and koefisien tables, so
    every rated evaluation of every period is a complete, exact SIASN record."""
    from ekinerja.appraisal import exports
    from ekinerja.appraisal.selectors import siasn as siasn_sel
    from ekinerja.org.models import Pegawai

    people = Pegawai.objects.filter(instansi=demo).exclude(status="NON_ASN")
    ids = list(people.values_list("siasn_id", flat=True))
    assert ids and all(i.startswith("DEADBEEF") and len(i) == 32 for i in ids)
    assert len(set(ids)) == len(ids)
    exported = 0
    for p in PeriodePenilaian.objects.filter(instansi=demo):
        summary = siasn_sel.siasn_summary(instansi_id=demo.pk, periode=p)
        assert summary.tidak_lengkap == 0, (p, summary)
        rows = list(exports.siasn_rows(instansi_id=demo.pk, periode=p, base_url="https://x"))
        assert len(rows) == summary.total
        for r in rows:
            assert list(r) == list(exports.siasn_fields(p))
            assert r["koefisienId"] is not None and r["pnsDinilaiId"]
            assert r["statusPenilai"] in ("ASN", "NON ASN")
            if r["statusPenilai"] == "ASN":
                assert r["penilaiGolongan"].isdigit() and r["penilaiNipNrp"].isdigit()
            else:
                assert r["penilaiGolongan"] == r["penilaiNipNrp"] == ""
        exported += len(rows)
    assert exported > 300
