"""Evaluation periods (services/periode.py, services/tahunan.periode_penilaian_sync) and
the admin's period page (views.admin.periode_*): opening is refused for a period not yet
begun, one already open, or the wrong periodic kind, and changes nothing then; the sync
is idempotent; close and reopen are audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import SKP

from ..domain import evaluation
from ..models import Evaluasi, PeriodePenilaian
from ..services import periode as periode_services
from ..services.periode import evaluasi_sync, periode_penilaian_open, periode_penilaian_set_status
from ..services.tahunan import periode_penilaian_sync
from .factories import appraisal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    return appraisal_world(cast)


def _counts():
    return PeriodePenilaian.objects.count(), Evaluasi.objects.count()


def _today(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr(periode_services, "local_today", lambda actor: day)


# --- opening --------------------------------------------------------------------------


def test_open_creates_one_evaluation_per_approved_skp_and_audits(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    _today(monkeypatch, dt.date(2026, 5, 2))
    with django_capture_on_commit_callbacks(execute=True):
        periode = periode_penilaian_open(
            actor=world.cast.actor("eko"),
            periode_id=world.cascade.periode.pk,
            jenis="bulanan",
            nomor=4,
        )
        # Created "being prepared": the worker makes its evaluations after the commit.
        assert periode.status == "disiapkan"
        assert not Evaluasi.objects.filter(periode_penilaian=periode).exists()
    periode.refresh_from_db()
    assert (periode.label, periode.status) == ("April 2026", "dibuka")
    assert (periode.persiapan_selesai, periode.persiapan_total) == (4, 4)
    assert (periode.tanggal_mulai, periode.tanggal_selesai) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 30),
    )
    people = set(
        Evaluasi.objects.filter(periode_penilaian=periode).values_list("pegawai", flat=True)
    )
    cast = world.cast
    assert people == {cast.alice.pk, cast.bob.pk, cast.charlie.pk, cast.dina.pk}
    charlie = Evaluasi.objects.get(periode_penilaian=periode, pegawai=cast.charlie)
    assert charlie.snapshot["pegawai"]["nama"] == "Charlie Nugroho"
    assert charlie.snapshot["penilai"]["nama"] == "Bob Santoso"
    opened = AuditEvent.objects.get(action="periode_penilaian.open")
    assert opened.changes["status"] == "disiapkan" and opened.object_id == str(periode.pk)
    ready = AuditEvent.objects.get(action="periode_penilaian.status")
    assert ready.changes["status"] == ["disiapkan", "dibuka"]
    assert ready.changes["evaluasi_baru"] == 4


@pytest.mark.parametrize(
    ("jenis", "nomor", "today", "message"),
    [
        # The period has not begun (evaluation looks back, never ahead).
        ("bulanan", 6, dt.date(2026, 5, 31), "Periode ini belum dimulai (mulai 1 Juni 2026)."),
        ("tahunan", 0, dt.date(2025, 12, 31), "Periode ini belum dimulai (mulai 1 Januari 2026)."),
        # March is already open in the world.
        ("bulanan", 3, dt.date(2026, 5, 2), "Periode Maret 2026 sudah dibuka."),
        # The year is evaluated monthly: a quarter is the wrong periodic kind.
        ("triwulanan", 1, dt.date(2026, 5, 2), "Penilaian periodik tahun 2026 adalah bulanan."),
        ("bulanan", 13, dt.date(2026, 5, 2), "Nomor periode tidak sah."),
    ],
)
def test_open_refused_changes_nothing(world, monkeypatch, jenis, nomor, today, message):
    _today(monkeypatch, today)
    before = _counts()
    with pytest.raises(ValidationError) as e:
        periode_penilaian_open(
            actor=world.cast.actor("eko"),
            periode_id=world.cascade.periode.pk,
            jenis=jenis,
            nomor=nomor,
        )
    assert e.value.messages == [message]
    assert _counts() == before
    assert not AuditEvent.objects.filter(action="periode_penilaian.open").exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "fajar"])
def test_only_the_admin_opens_a_period(world, who):
    before = _counts()
    with pytest.raises(PermissionDenied):
        periode_penilaian_open(
            actor=world.cast.actor(who),
            periode_id=world.cascade.periode.pk,
            jenis="bulanan",
            nomor=4,
        )
    assert _counts() == before


def test_another_agencys_year_is_not_found(world, cast):
    from ekinerja.plans.tests.factories import make_periode

    other = make_periode(cast, instansi=cast.b)
    with pytest.raises(ValidationError, match="Tahun kinerja tidak ditemukan"):
        periode_penilaian_open(
            actor=cast.actor("eko"), periode_id=other.pk, jenis="bulanan", nomor=4
        )


# --- sync -----------------------------------------------------------------------------


def test_sync_is_idempotent_and_picks_up_late_approvals(world):
    periode = world.periode
    assert evaluasi_sync(periode=periode) == 0
    assert Evaluasi.objects.filter(periode_penilaian=periode).count() == 4
    # An SKP approved after the period was opened: dina's becomes a revision-free new SKP.
    Evaluasi.objects.filter(periode_penilaian=periode, pegawai=world.cast.dina).delete()
    created, prefilled = periode_penilaian_sync(
        actor=world.cast.actor("eko"), periode_penilaian_id=periode.pk
    )
    assert (created, prefilled) == (1, 0)
    assert periode_penilaian_sync(
        actor=world.cast.actor("eko"), periode_penilaian_id=periode.pk
    ) == (0, 0)
    assert Evaluasi.objects.filter(periode_penilaian=periode).count() == 4
    assert AuditEvent.objects.filter(action="periode_penilaian.sync").count() == 2


def test_sync_leaves_out_skp_not_covering_the_period(world):
    SKP.objects.filter(pk=world.cascade.dina.pk).update(tanggal_mulai=dt.date(2026, 4, 1))
    Evaluasi.objects.filter(periode_penilaian=world.periode, pegawai=world.cast.dina).delete()
    assert evaluasi_sync(periode=world.periode) == 0


def test_sync_refused_on_a_closed_period_and_for_non_admins(world):
    eko = world.cast.actor("eko")
    periode_penilaian_set_status(actor=eko, periode_penilaian_id=world.periode.pk, status="ditutup")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        periode_penilaian_sync(actor=eko, periode_penilaian_id=world.periode.pk)
    with pytest.raises(PermissionDenied):
        periode_penilaian_sync(actor=world.cast.actor("bob"), periode_penilaian_id=world.periode.pk)


# --- status ---------------------------------------------------------------------------


def test_close_and_reopen_are_audited(world):
    eko = world.cast.actor("eko")
    p = periode_penilaian_set_status(
        actor=eko, periode_penilaian_id=world.periode.pk, status="ditutup"
    )
    assert p.status == "ditutup"
    periode_penilaian_set_status(actor=eko, periode_penilaian_id=world.periode.pk, status="ditutup")
    p = periode_penilaian_set_status(
        actor=eko, periode_penilaian_id=world.periode.pk, status="dibuka"
    )
    assert p.status == "dibuka"
    changes = list(
        AuditEvent.objects.filter(action="periode_penilaian.status")
        .order_by("pk")
        .values_list("changes", flat=True)
    )
    assert changes == [{"status": ["dibuka", "ditutup"]}, {"status": ["ditutup", "dibuka"]}]
    with pytest.raises(ValidationError, match="Status periode tidak sah"):
        periode_penilaian_set_status(actor=eko, periode_penilaian_id=world.periode.pk, status="x")


# --- the page ---------------------------------------------------------------------------


def test_page_lists_years_periods_counts_and_what_may_be_opened(
    world, login, django_assert_max_num_queries
):
    client = login("eko")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("appraisal:periode-list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tahun 2026" in html and "penilaian periodik bulanan" in html
    assert "Maret 2026" in html and "dibuka" in html
    # March is open, so the select offers April onward and the year, not March.
    assert 'value="bulanan:4"' in html and 'value="tahunan:0"' in html
    assert 'value="bulanan:3"' not in html
    assert reverse("appraisal:periode-sync", args=[world.periode.pk]) in html


def test_page_query_count_does_not_grow_with_periods(world, login, django_assert_max_num_queries):
    from .factories import open_periode

    for nomor in (1, 2, 4, 5):
        open_periode(world.cast, world.cascade, nomor=nomor)
    client = login("eko")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("appraisal:periode-list")).status_code == 200


@pytest.mark.django_db(transaction=True)  # commits for real: the task runs at the commit
def test_open_through_the_page(world, login):
    client = login("eko")
    url = reverse("appraisal:periode-list")
    response = client.post(url, {"periode": world.cascade.periode.pk, "pilihan": "bulanan:4"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Periode April 2026 dibuka: 4 evaluasi dibuat." in page
    assert PeriodePenilaian.objects.filter(jenis="bulanan", nomor=4, status="dibuka").exists()


def test_open_refusal_shown_in_place_with_htmx(world, login):
    client = login("eko")
    response = client.post(
        reverse("appraisal:periode-list"),
        {"periode": world.cascade.periode.pk, "pilihan": "triwulanan:1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="periode-list"' in html
    assert "<html" not in html
    assert "Penilaian periodik tahun 2026 adalah bulanan." in html
    assert not PeriodePenilaian.objects.filter(jenis="triwulanan").exists()


def test_close_sync_and_reopen_through_the_page(world, login):
    client = login("eko")
    status_url = reverse("appraisal:periode-status", args=[world.periode.pk])
    response = client.post(status_url, {"status": "ditutup"}, HTTP_HX_REQUEST="true")
    assert "Periode Maret 2026 ditutup" in response.content.decode()
    world.periode.refresh_from_db()
    assert world.periode.status == "ditutup"
    response = client.post(reverse("appraisal:periode-sync", args=[world.periode.pk]))
    assert response.status_code == 302
    assert "sudah ditutup" in client.get(reverse("appraisal:periode-list")).content.decode()
    client.post(status_url, {"status": "dibuka"})
    response = client.post(reverse("appraisal:periode-sync", args=[world.periode.pk]), follow=True)
    assert "Periode Maret 2026 disinkronkan: 0 evaluasi baru." in response.content.decode()


def test_writes_refused_for_non_admin_and_other_agency(world, cast, login):
    response = login("bob").post(
        reverse("appraisal:periode-status", args=[world.periode.pk]), {"status": "ditutup"}
    )
    assert response.status_code == 403
    response = login("gita").post(
        reverse("appraisal:periode-list"),
        {"periode": world.cascade.periode.pk, "pilihan": "bulanan:4"},
    )
    assert response.status_code == 403
    world.periode.refresh_from_db()
    assert world.periode.status == "dibuka"
    assert PeriodePenilaian.objects.count() == 1


def test_domain_label_of_annual_choice(world, login):
    html = login("eko").get(reverse("appraisal:periode-list")).content.decode()
    assert evaluation.period_label("tahunan", 0, 2026) in html
