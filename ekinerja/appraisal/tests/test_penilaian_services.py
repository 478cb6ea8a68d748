"""The penilai's rating through the service (services/penilaian.py) and the live preview
(selectors/penilaian.py): all nine matrix cells, the stored suggestion, the unit head's
rating, and every refusal leaving the evaluation, the audit trail and the notifications
as they were."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import Http404

from ekinerja.core.models import AuditEvent, Notification

from ..domain import evaluation, ratings
from ..models import AturanPenilaian, Evaluasi, Penetapan, PeriodePenilaian
from ..selectors.penilaian import curve_preview, curves_for, penilaian_list
from ..services.penilaian import evaluasi_rate
from .factories import (
    appraisal_world,
    open_periode,
    set_predikat_organisasi,
    set_rating,
    set_realisasi,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    return appraisal_world(cast)


def _rate(world, who="bob", target="charlie", hk=ratings.SESUAI, pk=ratings.SESUAI, **kw):
    return evaluasi_rate(
        actor=world.cast.actor(who),
        evaluasi_id=world.evaluasi(target).pk,
        rating_hasil_kerja=hk,
        rating_perilaku=pk,
        **kw,
    )


def _state(world):
    """Everything a refusal must leave alone."""
    rows = [model_to_dict(e) for e in Evaluasi.objects.order_by("pk")]
    return rows, AuditEvent.objects.count(), Notification.objects.count()


# --- the nine cells of the matrix ---------------------------------------------------------


@pytest.mark.parametrize(
    "hk, pk, predikat",
    [
        (ratings.DI_ATAS, ratings.DI_BAWAH, ratings.KURANG),
        (ratings.DI_ATAS, ratings.SESUAI, ratings.BAIK),
        (ratings.DI_ATAS, ratings.DI_ATAS, ratings.SANGAT_BAIK),
        (ratings.SESUAI, ratings.DI_BAWAH, ratings.KURANG),
        (ratings.SESUAI, ratings.SESUAI, ratings.BAIK),
        (ratings.SESUAI, ratings.DI_ATAS, ratings.BAIK),
        (ratings.DI_BAWAH, ratings.DI_BAWAH, ratings.SANGAT_KURANG),
        (ratings.DI_BAWAH, ratings.SESUAI, ratings.BUTUH_PERBAIKAN),
        (ratings.DI_BAWAH, ratings.DI_ATAS, ratings.BUTUH_PERBAIKAN),
    ],
)
def test_rate_reads_the_predikat_off_the_matrix(world, hk, pk, predikat):
    ev = _rate(world, hk=hk, pk=pk)
    ev.refresh_from_db()
    assert (ev.rating_hasil_kerja, ev.rating_perilaku, ev.predikat) == (hk, pk, predikat)
    assert ev.status == Evaluasi.Status.DINILAI
    assert ev.dinilai_oleh == world.cast.bob.user
    assert ev.dinilai_at is not None
    # The same predikat sent along (the API) is accepted.
    again = _rate(world, hk=hk, pk=pk, predikat=predikat)
    assert again.predikat == predikat


def test_rate_stores_suggestion_feedback_audit_and_notifies(world):
    set_realisasi(world, "charlie", "14")  # 116,7% of 12 → above → suggestion Di Atas
    rhk = world.cascade.charlie.rhk.first()
    ev = _rate(
        world,
        hk=ratings.SESUAI,
        pk=ratings.DI_ATAS,
        umpan_balik_rhk={rhk.pk: "  Agenda rapi dan tepat waktu. "},
        umpan_balik_perilaku={1: "Ramah melayani tamu.", 3: ""},
        catatan="Pertahankan.",
    )
    ev.refresh_from_db()
    assert ev.saran_hasil_kerja == ratings.DI_ATAS  # shown, stored, never forced
    assert ev.rating_hasil_kerja == ratings.SESUAI
    assert ev.umpan_balik_rhk == {str(rhk.pk): "Agenda rapi dan tepat waktu."}
    assert ev.umpan_balik_perilaku == {"1": "Ramah melayani tamu."}
    assert ev.catatan_penilai == "Pertahankan."
    event = AuditEvent.objects.get(action="evaluasi.rate")
    assert event.changes["predikat"] == ["", ratings.BAIK]
    assert event.changes["status"] == [evaluation.EVALUASI_DRAFT, evaluation.EVALUASI_DINILAI]
    note = Notification.objects.get(recipient=world.cast.charlie.user, kind="evaluasi.dinilai")
    assert note.kind == "evaluasi.dinilai"
    assert "Maret 2026" in note.message and "Baik" in note.message


def test_rerating_before_penetapan_changes_the_predikat_and_keeps_feedback(world):
    rhk = world.cascade.charlie.rhk.first()
    _rate(world, hk=ratings.DI_ATAS, pk=ratings.DI_ATAS, umpan_balik_rhk={rhk.pk: "Bagus."})
    ev = _rate(world, hk=ratings.DI_BAWAH, pk=ratings.SESUAI)  # feedback None: kept
    ev.refresh_from_db()
    assert ev.predikat == ratings.BUTUH_PERBAIKAN
    assert ev.umpan_balik_rhk == {str(rhk.pk): "Bagus."}
    last = AuditEvent.objects.filter(action="evaluasi.rate").order_by("-pk").first()
    assert last is not None
    assert last.changes["predikat"] == [ratings.SANGAT_BAIK, ratings.BUTUH_PERBAIKAN]
    assert Notification.objects.filter(kind="evaluasi.dinilai").count() == 2


def test_saving_the_same_rating_again_records_and_notifies_nothing(world):
    _rate(world)
    before = AuditEvent.objects.count(), Notification.objects.count()
    _rate(world)
    assert (AuditEvent.objects.count(), Notification.objects.count()) == before


# --- the unit head's rating hasil kerja (rules §1) ----------------------------------------


@pytest.mark.parametrize(
    "org, fixed",
    [
        (ratings.ISTIMEWA, ratings.DI_ATAS),
        (ratings.ORG_BAIK, ratings.SESUAI),
        (ratings.ORG_BUTUH_PERBAIKAN, ratings.DI_BAWAH),
        (ratings.ORG_KURANG, ratings.DI_BAWAH),
        (ratings.ORG_SANGAT_KURANG, ratings.DI_BAWAH),
    ],
)
def test_unit_head_gets_the_rating_of_the_org_predikat(world, org, fixed):
    set_predikat_organisasi(world, world.cast.bidang, org)  # bob heads Bidang Satu
    for other in set(ratings.RATINGS) - {fixed}:
        before = _state(world)
        with pytest.raises(ValidationError) as e:
            _rate(world, who="alice", target="bob", hk=other, pk=ratings.SESUAI)
        assert "kepala unit" in e.value.message_dict["rating_hasil_kerja"][0]
        assert _state(world) == before
    ev = _rate(world, who="alice", target="bob", hk=fixed, pk=ratings.SESUAI)
    assert ev.predikat == ratings.predikat_from_ratings(fixed, ratings.SESUAI)


def test_unit_head_without_org_predikat_is_rated_freely(world):
    ev = _rate(world, who="alice", target="bob", hk=ratings.DI_ATAS, pk=ratings.DI_ATAS)
    assert ev.predikat == ratings.SANGAT_BAIK


def test_head_rule_follows_the_years_mapping(world):
    AturanPenilaian.objects.create(
        instansi=world.cast.a,
        tahun=2026,
        pemetaan_kepala={ratings.ORG_BAIK: ratings.DI_ATAS},
        versi=4,
    )
    set_predikat_organisasi(world, world.cast.bidang, ratings.ORG_BAIK)
    with pytest.raises(ValidationError):
        _rate(world, who="alice", target="bob", hk=ratings.SESUAI)
    ev = _rate(world, who="alice", target="bob", hk=ratings.DI_ATAS)
    assert ev.aturan_versi == 4


# --- refusals: nothing changes ------------------------------------------------------------


def _close(world):
    PeriodePenilaian.objects.filter(pk=world.periode.pk).update(status="ditutup")


def _lock(world):
    Penetapan.objects.create(
        instansi=world.cast.a,
        unit=world.cast.dinas,
        periode_penilaian=world.periode,
        ditetapkan_at="2026-04-05T03:00:00Z",
    )
    Evaluasi.objects.filter(periode_penilaian=world.periode).update(
        status=evaluation.EVALUASI_DITETAPKAN, predikat=ratings.BAIK
    )


def _annual_last_period(world):
    AturanPenilaian.objects.create(
        instansi=world.cast.a, tahun=2026, mode_tahunan=evaluation.TAHUNAN_PERIODE_TERAKHIR
    )
    periode = open_periode(world.cast, world.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    world.periode = periode


@pytest.mark.parametrize(
    "case, prepare, who, target, kw, error, message",
    [
        ("not subordinate: colleague", None, "dina", "charlie", {}, PermissionDenied,
         "bukan pejabat penilai"),
        ("not subordinate: the head above", None, "alice", "charlie", {}, PermissionDenied,
         "bukan pejabat penilai"),
        ("own evaluation", None, "charlie", "charlie", {}, PermissionDenied,
         "bukan pejabat penilai"),
        ("admin is not the penilai", None, "eko", "charlie", {}, PermissionDenied,
         "bukan pejabat penilai"),
        ("auditor without pegawai", None, "fajar", "charlie", {}, PermissionDenied,
         "bukan pejabat penilai"),
        ("period closed", _close, "bob", "charlie", {}, ValidationError, "sudah ditutup"),
        ("after penetapan", _lock, "bob", "charlie", {}, ValidationError, "sudah ditetapkan"),
        ("annual last_period", _annual_last_period, "bob", "charlie", {}, ValidationError,
         "mengikuti periode terakhir"),
        ("predikat disagrees with the matrix", None, "bob", "charlie",
         {"predikat": ratings.SANGAT_BAIK}, ValidationError,
         "Predikat tidak sesuai matriks: rating Sesuai Ekspektasi dan Sesuai Ekspektasi "
         "menghasilkan Baik."),
        ("unknown rating", None, "bob", "charlie", {"hk": "istimewa"}, ValidationError,
         "Pilih rating hasil kerja"),
        ("missing rating perilaku", None, "bob", "charlie", {"pk": ""}, ValidationError,
         "Pilih rating perilaku kerja"),
        ("feedback on a foreign RHK", None, "bob", "charlie",
         {"umpan_balik_rhk": {999999: "x"}}, ValidationError, "bukan bagian SKP"),
        ("feedback on an unknown value", None, "bob", "charlie",
         {"umpan_balik_perilaku": {8: "x"}}, ValidationError, "tidak dikenali"),
        ("feedback too long", None, "bob", "charlie",
         {"umpan_balik_perilaku": {1: "x" * 2001}}, ValidationError, "paling banyak 2000"),
    ],
)  # fmt: skip
def test_refusals_change_nothing(world, case, prepare, who, target, kw, error, message):
    if prepare:
        prepare(world)
    if case == "feedback on a foreign RHK":
        kw = {"umpan_balik_rhk": {world.cascade.dina.rhk.first().pk: "x"}}
    args = {"hk": kw.pop("hk", ratings.SESUAI), "pk": kw.pop("pk", ratings.SESUAI)}
    before = _state(world)
    with pytest.raises(error) as e:
        _rate(world, who=who, target=target, **args, **kw)
    text = " ".join(e.value.messages) if isinstance(e.value, ValidationError) else str(e.value)
    assert message in text, case
    assert _state(world) == before, case


def test_another_agencys_evaluation_is_not_found(world):
    with pytest.raises(Http404):
        evaluasi_rate(
            actor=world.cast.actor("gita"),
            evaluasi_id=world.evaluasi("charlie").pk,
            rating_hasil_kerja=ratings.SESUAI,
            rating_perilaku=ratings.SESUAI,
        )


def test_rate_queries_are_bounded(world, django_assert_max_num_queries):
    rhk = world.cascade.charlie.rhk.first()
    actor = world.cast.actor("bob")
    # 16, and one to find the year's open annual evaluation that follows this rating.
    with django_assert_max_num_queries(17):
        evaluasi_rate(
            actor=actor,
            evaluasi_id=world.evaluasi("charlie").pk,
            rating_hasil_kerja=ratings.SESUAI,
            rating_perilaku=ratings.SESUAI,
            umpan_balik_rhk={rhk.pk: "ok"},
        )


# --- the live preview and the list --------------------------------------------------------


def test_curve_preview_moves_one_person_without_writing(world, django_assert_num_queries):
    set_predikat_organisasi(world, world.cast.dinas, ratings.ORG_BAIK)
    set_rating(world, "bob", ratings.SESUAI, ratings.SESUAI)  # Baik
    set_rating(world, "charlie", ratings.SESUAI, ratings.SESUAI)  # Baik
    ev = Evaluasi.objects.select_related("periode_penilaian", "unit_kurva").get(
        pk=world.evaluasi("dina").pk
    )
    before = _state(world)
    with django_assert_num_queries(4):
        predikat, kurva = curve_preview(
            evaluasi=ev, rating_hasil_kerja=ratings.SESUAI, rating_perilaku=ratings.SESUAI
        )
    assert predikat == ratings.BAIK
    assert kurva.counts[ratings.BAIK] == 3 and kurva.belum_dinilai == 0
    assert kurva.check is not None
    assert not kurva.check.ok  # Baik ≤ 2 of 3, nobody Butuh Perbaikan/Kurang
    predikat, kurva = curve_preview(
        evaluasi=ev, rating_hasil_kerja=ratings.DI_BAWAH, rating_perilaku=ratings.SESUAI
    )
    assert predikat == ratings.BUTUH_PERBAIKAN and kurva.ok
    assert _state(world) == before

    # A rated person moved: their stored predikat leaves its count.
    charlie = Evaluasi.objects.select_related("periode_penilaian", "unit_kurva").get(
        pk=world.evaluasi("charlie").pk
    )
    _, kurva = curve_preview(
        evaluasi=charlie, rating_hasil_kerja=ratings.DI_BAWAH, rating_perilaku=ratings.DI_ATAS
    )
    assert kurva.counts[ratings.BAIK] == 1 and kurva.counts[ratings.BUTUH_PERBAIKAN] == 1
    assert kurva.belum_dinilai == 1  # dina


def test_curve_preview_of_an_incomplete_rating_is_the_stored_panel(world):
    ev = Evaluasi.objects.select_related("periode_penilaian", "unit_kurva").get(
        pk=world.evaluasi("dina").pk
    )
    predikat, kurva = curve_preview(
        evaluasi=ev, rating_hasil_kerja=ratings.SESUAI, rating_perilaku=""
    )
    assert predikat is None
    assert kurva.belum_dinilai == 3 and kurva.n == 0


def test_curves_for_agrees_with_curve_status(world):
    from ..selectors.kurva import curve_status

    set_predikat_organisasi(world, world.cast.dinas, ratings.ORG_BAIK)
    set_rating(world, "charlie", ratings.DI_BAWAH, ratings.SESUAI)
    one = curve_status(periode=world.periode, unit=world.cast.dinas)
    many = curves_for(periode=world.periode, units=[world.cast.dinas, world.cast.bkpsdm])
    got = many[world.cast.dinas.pk]
    assert (got.counts, got.belum_dinilai, got.jumlah_evaluasi, got.ok) == (
        one.counts,
        one.belum_dinilai,
        one.jumlah_evaluasi,
        one.ok,
    )
    assert got.check is not None and one.check is not None
    assert got.check.results == one.check.results
    assert many[world.cast.bkpsdm.pk].jumlah_evaluasi == 0


def test_penilaian_list_is_the_actors_subordinates_grouped_by_curve(world):
    set_realisasi(world, "charlie", "12")
    groups = penilaian_list(actor=world.cast.actor("bob"), periode=world.periode)
    assert [g.unit.pk for g in groups] == [world.cast.dinas.pk]
    rows = groups[0].rows
    assert [r.evaluasi.pegawai_id for r in rows] == [world.cast.charlie.pk, world.cast.dina.pk]
    assert (rows[0].realisasi_filled, rows[0].realisasi_total) == (1, 1)
    assert (rows[1].realisasi_filled, rows[1].realisasi_total) == (0, 1)
    assert rows[0].saran_hasil_kerja == ratings.SESUAI  # 12 of 12: 100% meets
    assert rows[1].saran_hasil_kerja is None  # nothing to suggest from
    assert all(r.editable for r in rows)
    assert groups[0].kurva is not None
    assert groups[0].kurva.jumlah_evaluasi == 4  # alice locked with Dinas, not counted
    assert penilaian_list(actor=world.cast.actor("charlie"), periode=world.periode) == []
    assert penilaian_list(actor=world.cast.actor("fajar"), periode=world.periode) == []


def test_penilaian_list_queries_do_not_grow_with_the_team(world, django_assert_max_num_queries):
    actor = world.cast.actor("bob")
    penilaian_list(actor=actor, periode=world.periode)  # warm the actor's scope
    with django_assert_max_num_queries(8):  # + the counts per group (paging)
        penilaian_list(actor=actor, periode=world.periode)
    # Alice rates bob, a unit head: the head's org predikat joins in one more query.
    set_predikat_organisasi(world, world.cast.bidang, ratings.ORG_BAIK)
    alice = world.cast.actor("alice")
    penilaian_list(actor=alice, periode=world.periode)
    with django_assert_max_num_queries(9):
        groups = penilaian_list(actor=alice, periode=world.periode)
    row = groups[0].rows[0]
    assert row.kepala_unit and row.head_rating == ratings.SESUAI
