"""An SKP approved after its period was opened gets its evaluation at approval (issue 11
§6): before, nothing happened until the admin pressed "Sinkronkan", and nobody was told.
plans calls its hook (plans/hooks.py); appraisal listens (AppraisalConfig.ready)."""

from __future__ import annotations

import pytest

from ekinerja.core.models import AuditEvent, Notification
from ekinerja.plans import hooks
from ekinerja.plans.models import SKP
from ekinerja.plans.services.workflow import skp_approve, skp_bulk_approve

from ..domain import evaluation, ratings
from ..models import Evaluasi, PeriodePenilaian
from ..services.periode import evaluasi_for_approved_skp, periode_penilaian_set_status
from ..services.tahunan import annual_prefill, periode_penilaian_sync
from .factories import appraisal_world, open_periode, set_rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    return appraisal_world(cast)


def _unapprove(world, who: str) -> SKP:
    """`who`'s SKP back to submitted, without the evaluations the world gave it: as if it
    were approved only now."""
    skp = getattr(world.cascade, who)
    Evaluasi.objects.filter(skp=skp).delete()
    SKP.objects.filter(pk=skp.pk).update(status="diajukan")
    return skp


def test_appraisal_listens_to_approvals():
    assert evaluasi_for_approved_skp in hooks.skp_approved_listeners()
    hooks.on_skp_approved(evaluasi_for_approved_skp)  # a second ready(): no-op
    assert hooks.skp_approved_listeners().count(evaluasi_for_approved_skp) == 1


def test_approving_creates_the_evaluations_of_every_open_period(world, cast):
    set_rating(world, "dina", ratings.SESUAI, ratings.SESUAI)  # rated in March: the annual source
    march_dina = world.evaluasi("dina")
    april = open_periode(cast, world.cascade, nomor=4)
    may = open_periode(cast, world.cascade, nomor=5)
    periode_penilaian_set_status(
        actor=cast.actor("eko"), periode_penilaian_id=may.pk, status="ditutup"
    )
    tahunan = open_periode(cast, world.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    skp = _unapprove(world, "charlie")
    before = Notification.objects.count()
    skp_approve(actor=cast.actor("bob"), skp_id=skp.pk)
    made = set(Evaluasi.objects.filter(skp=skp).values_list("periode_penilaian__nomor", "status"))
    # March and April (open months) and the year; not May (closed).
    assert made == {(3, "draft"), (4, "draft"), (0, "draft")}
    ev = Evaluasi.objects.get(skp=skp, periode_penilaian=world.periode)
    assert ev.snapshot["pegawai"]["nama"] == "Charlie Nugroho"
    assert ev.penilai_id == cast.bob.pk and ev.unit_kurva_id == cast.dinas.pk
    events = AuditEvent.objects.filter(action="periode_penilaian.sync").order_by("pk")
    assert [e.object_id for e in events] == [str(world.periode.pk), str(april.pk), str(tahunan.pk)]
    assert events[0].changes == {"evaluasi_baru": 1, "skp_disetujui": [skp.pk]}
    # Charlie is told where to fill in realisasi.
    note = Notification.objects.filter(kind="evaluasi.dibuat").get()
    assert note.recipient_id == cast.charlie.user_id
    assert "Maret 2026, April 2026, Tahunan 2026" in note.message
    assert Notification.objects.count() == before + 2  # and the approval's own note
    assert march_dina.pk  # dina untouched
    assert Evaluasi.objects.filter(pegawai=cast.dina, periode_penilaian=april).count() == 1


def test_sinkronkan_afterwards_finds_nothing_to_do(world, cast):
    skp = _unapprove(world, "dina")
    skp_approve(actor=cast.actor("bob"), skp_id=skp.pk)
    assert Evaluasi.objects.filter(skp=skp, periode_penilaian=world.periode).count() == 1
    assert periode_penilaian_sync(
        actor=cast.actor("eko"), periode_penilaian_id=world.periode.pk
    ) == (0, 0)
    # And the other way round: what Sinkronkan made, an approval does not make twice.
    evaluasi_for_approved_skp(
        hooks.SkpApproved(actor=cast.actor("bob"), instansi_id=cast.a.pk, skp_ids=(skp.pk,))
    )
    assert Evaluasi.objects.filter(skp=skp, periode_penilaian=world.periode).count() == 1


def test_a_bulk_approval_creates_each_once(world, cast):
    charlie, dina = _unapprove(world, "charlie"), _unapprove(world, "dina")
    skp_bulk_approve(actor=cast.actor("bob"), skp_ids=[charlie.pk, dina.pk])
    assert Evaluasi.objects.filter(periode_penilaian=world.periode).count() == 4
    assert AuditEvent.objects.get(action="periode_penilaian.sync").changes["evaluasi_baru"] == 2


def test_the_annual_evaluation_made_at_approval_is_prefilled(world, cast):
    skp = world.cascade.charlie
    set_rating(world, "charlie", ratings.DI_ATAS, ratings.SESUAI)
    tahunan = open_periode(cast, world.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    annual_prefill(periode=tahunan)
    Evaluasi.objects.filter(skp=skp, periode_penilaian=tahunan).delete()
    SKP.objects.filter(pk=skp.pk).update(status="diajukan")
    skp_approve(actor=cast.actor("bob"), skp_id=skp.pk)
    ev = Evaluasi.objects.get(skp=skp, periode_penilaian=tahunan)
    assert (ev.status, ev.predikat, ev.sumber_id) == (
        "draft",
        ratings.BAIK,
        world.evaluasi("charlie").pk,
    )


def test_no_open_period_no_evaluation(world, cast):
    periode_penilaian_set_status(
        actor=cast.actor("eko"), periode_penilaian_id=world.periode.pk, status="ditutup"
    )
    skp = _unapprove(world, "charlie")
    skp_approve(actor=cast.actor("bob"), skp_id=skp.pk)
    assert not Evaluasi.objects.filter(skp=skp).exists()
    assert not Notification.objects.filter(kind="evaluasi.dibuat").exists()
    assert PeriodePenilaian.objects.count() == 1
