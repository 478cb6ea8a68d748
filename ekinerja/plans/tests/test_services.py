"""Planning services: every workflow transition, every refusal of issue 3's "Bad input",
and that a refusal changes nothing (state, audit trail)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi
from ekinerja.plans.services import creation, editing, workflow

from .factories import approve, approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db


def _state() -> tuple:
    """Everything a refused call must leave as it was."""
    return (
        list(SKP.objects.order_by("pk").values_list("pk", "status", "versi", "tanggal_selesai")),
        list(RHK.objects.order_by("pk").values_list("pk", "teks", "intervensi_id", "jenis")),
        list(IKI.objects.order_by("pk").values_list("pk", "target_nilai", "target_min")),
        list(PerilakuEkspektasi.objects.order_by("pk").values_list("pk", "ekspektasi")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast)


@pytest.fixture
def draft(cast, cascade):
    """A second-period draft for charlie is impossible (same year), so use a new year."""
    periode = make_periode(cast, 2027)
    return make_skp(cast, "charlie", periode)


def _unchanged(call, exc):
    before = _state()
    with pytest.raises(exc) as info:
        call()
    assert _state() == before
    return info.value


def _msg(err: Exception) -> str:
    return " ".join(err.messages) if isinstance(err, ValidationError) else str(err)


# --- creation -----------------------------------------------------------------------


def test_create_resolves_penilai_and_atasan_and_snapshots_the_header(cast):
    periode = make_periode(cast)
    skp = creation.skp_create(
        actor=cast.actor("charlie"), pegawai_id=cast.charlie.pk, periode_id=periode.pk
    )
    assert skp.status == "draft" and skp.versi == 1
    assert skp.penilai_id == cast.bob.pk and skp.atasan_penilai_id == cast.alice.pk
    assert (skp.tanggal_mulai, skp.tanggal_selesai) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert skp.snapshot["pegawai"]["nip"].replace(" ", "") == cast.charlie.nip
    assert skp.snapshot["penilai"]["nama"] == cast.bob.nama_lengkap
    assert skp.snapshot["penilai"]["jabatan"] == "Kepala Bidang Satu"
    assert skp.ekspektasi.count() == 7
    assert Lampiran.objects.filter(skp=skp).exists()
    assert AuditEvent.objects.filter(action="skp.create", object_id=str(skp.pk)).exists()


def test_create_refuses_overlap_and_other_people(cast):
    periode = make_periode(cast)
    creation.skp_create(
        actor=cast.actor("charlie"), pegawai_id=cast.charlie.pk, periode_id=periode.pk
    )
    err = _unchanged(
        lambda: creation.skp_create(
            actor=cast.actor("charlie"), pegawai_id=cast.charlie.pk, periode_id=periode.pk
        ),
        ValidationError,
    )
    assert "sudah mempunyai SKP" in _msg(err)
    _unchanged(
        lambda: creation.skp_create(
            actor=cast.actor("charlie"), pegawai_id=cast.dina.pk, periode_id=periode.pk
        ),
        PermissionDenied,
    )
    _unchanged(
        lambda: creation.skp_create(
            actor=cast.actor("gita"), pegawai_id=cast.charlie.pk, periode_id=periode.pk
        ),
        Http404,
    )
    # The admin creates on someone's behalf.
    skp = creation.skp_create(
        actor=cast.actor("eko"), pegawai_id=cast.dina.pk, periode_id=periode.pk
    )
    assert skp.pegawai_id == cast.dina.pk


@pytest.mark.parametrize(
    ("mulai", "selesai", "field"),
    [
        (dt.date(2025, 12, 31), dt.date(2026, 6, 30), "tanggal_mulai"),
        (dt.date(2026, 1, 1), dt.date(2027, 1, 1), "tanggal_selesai"),
        (dt.date(2026, 7, 1), dt.date(2026, 6, 30), "tanggal_selesai"),
    ],
)
def test_create_refuses_dates_outside_the_year_or_reversed(cast, mulai, selesai, field):
    periode = make_periode(cast)
    err = _unchanged(
        lambda: creation.skp_create(
            actor=cast.actor("charlie"),
            pegawai_id=cast.charlie.pk,
            periode_id=periode.pk,
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
        ),
        ValidationError,
    )
    assert field in err.message_dict


# --- the workflow -------------------------------------------------------------------


def test_full_workflow_submit_return_redraft_resubmit_approve(cast, cascade):
    periode = make_periode(cast, 2027)
    # bob needs an approved 2027 SKP for charlie to intervene in.
    alice = approve(cast, make_skp(cast, "alice", periode, rhk=[("utama", "Top 2027", None)]))
    bob = approve(
        cast, make_skp(cast, "bob", periode, rhk=[("utama", "Bidang 2027", alice.rhk.get())])
    )
    skp = make_skp(cast, "charlie", periode, rhk=[("utama", "Agenda 2027", bob.rhk.get())])
    charlie, bob_actor = cast.actor("charlie"), cast.actor("bob")

    skp = workflow.skp_submit(actor=charlie, skp_id=skp.pk)
    assert skp.status == "diajukan" and skp.submitted_at is not None

    err = _unchanged(
        lambda: workflow.skp_return(actor=bob_actor, skp_id=skp.pk, alasan="  "), ValidationError
    )
    assert "alasan" in _msg(err).lower()
    skp = workflow.skp_return(actor=bob_actor, skp_id=skp.pk, alasan="Target terlalu rendah")
    assert skp.status == "dikembalikan" and skp.alasan_dikembalikan == "Target terlalu rendah"

    # The first edit of a returned SKP makes it a draft again.
    iki = IKI.objects.get(rhk__skp=skp)
    editing.iki_update(
        actor=charlie, iki_id=iki.pk, aspek="kuantitas", indikator="Jumlah surat teragenda",
        target_jenis="angka", target_nilai="1.250", satuan="surat",
    )  # fmt: skip
    skp.refresh_from_db()
    iki.refresh_from_db()
    assert skp.status == "draft" and iki.target_nilai == Decimal("1250")

    workflow.skp_submit(actor=charlie, skp_id=skp.pk)
    skp = workflow.skp_approve(actor=bob_actor, skp_id=skp.pk)
    assert skp.status == "disetujui" and skp.approved_by == cast.bob.user
    actions = list(
        AuditEvent.objects.filter(object_type="plans.skp", object_id=str(skp.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "skp.create", "skp.submit", "skp.return", "skp.redraft", "skp.submit", "skp.approve",
    ]  # fmt: skip


def test_submit_needs_an_utama_rhk_and_iki_on_every_rhk(cast, cascade, draft):
    charlie = cast.actor("charlie")
    err = _unchanged(lambda: workflow.skp_submit(actor=charlie, skp_id=draft.pk), ValidationError)
    assert "RHK utama" in _msg(err)


def test_only_the_owner_submits_and_only_a_draft(cast, cascade):
    skp = cascade.charlie  # approved
    _unchanged(
        lambda: workflow.skp_submit(actor=cast.actor("charlie"), skp_id=skp.pk), ValidationError
    )
    _unchanged(
        lambda: workflow.skp_submit(actor=cast.actor("bob"), skp_id=skp.pk), PermissionDenied
    )


def test_nobody_approves_their_own_skp(cast):
    """bob is made his own penilai by a data mistake: he still cannot approve."""
    c = approved_cascade(cast)
    SKP.objects.filter(pk=c.bob.pk).update(penilai_id=cast.bob.pk, status="diajukan")
    err = _unchanged(
        lambda: workflow.skp_approve(actor=cast.actor("bob"), skp_id=c.bob.pk), PermissionDenied
    )
    assert "sendiri" in str(err)
    _unchanged(
        lambda: workflow.skp_bulk_approve(actor=cast.actor("bob"), skp_ids=[c.bob.pk]),
        PermissionDenied,
    )


def test_only_the_penilai_decides(cast):
    c = approved_cascade(cast, leave_draft=("charlie",))
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=c.charlie.pk)
    for who in ("alice", "dina", "eko"):  # atasan penilai, peer, admin
        _unchanged(
            lambda w=who: workflow.skp_approve(actor=cast.actor(w), skp_id=c.charlie.pk),
            PermissionDenied,
        )
    _unchanged(lambda: workflow.skp_approve(actor=cast.actor("gita"), skp_id=c.charlie.pk), Http404)


def test_approving_a_draft_is_refused(cast):
    c = approved_cascade(cast, leave_draft=("charlie",))
    err = _unchanged(
        lambda: workflow.skp_approve(actor=cast.actor("bob"), skp_id=c.charlie.pk), ValidationError
    )
    assert "diajukan" in _msg(err)


def test_bulk_decisions_are_all_or_nothing(cast):
    c = approved_cascade(cast, leave_draft=("charlie", "dina"))
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=c.charlie.pk)
    bob = cast.actor("bob")
    # dina's is still a draft: approving both refuses both.
    err = _unchanged(
        lambda: workflow.skp_bulk_approve(actor=bob, skp_ids=[c.charlie.pk, c.dina.pk]),
        ValidationError,
    )
    assert "Dina" in _msg(err)
    workflow.skp_submit(actor=cast.actor("dina"), skp_id=c.dina.pk)
    _unchanged(
        lambda: workflow.skp_bulk_return(actor=bob, skp_ids=[c.charlie.pk, c.dina.pk], alasan=""),
        ValidationError,
    )
    rows = workflow.skp_bulk_return(
        actor=bob, skp_ids=[c.charlie.pk, c.dina.pk], alasan="Lengkapi IKI kualitas"
    )
    assert {r.status for r in rows} == {"dikembalikan"}
    assert AuditEvent.objects.filter(action="skp.return").count() == 2


def test_revision_opens_a_new_version_and_keeps_the_approved_one(cast, cascade):
    charlie = cast.actor("charlie")
    old = cascade.charlie
    new = workflow.skp_revise(actor=charlie, skp_id=old.pk)
    old.refresh_from_db()
    assert old.status == "disetujui" and new.status == "draft"
    assert (new.versi, new.sebelumnya_id) == (2, old.pk)
    assert [r.teks for r in new.rhk.all()] == [r.teks for r in old.rhk.all()]
    assert IKI.objects.filter(rhk__skp=new).count() == IKI.objects.filter(rhk__skp=old).count()
    assert new.rhk.get().intervensi_id == old.rhk.get().intervensi_id
    # Editing the new version leaves the approved one untouched.
    editing.rhk_update(
        actor=charlie, rhk_id=new.rhk.get().pk, jenis="utama", teks="Surat masuk teragenda rapi",
        intervensi_id=cascade.rhk("bob").pk,
    )  # fmt: skip
    assert old.rhk.get().teks == "Surat masuk teragenda"
    # One revision at a time; only the owner revises; a draft is not revised.
    _unchanged(lambda: workflow.skp_revise(actor=charlie, skp_id=old.pk), ValidationError)
    _unchanged(lambda: workflow.skp_revise(actor=charlie, skp_id=new.pk), ValidationError)
    _unchanged(
        lambda: workflow.skp_revise(actor=cast.actor("bob"), skp_id=cascade.dina.pk),
        PermissionDenied,
    )
    # The revision is approved again through the same workflow.
    workflow.skp_submit(actor=charlie, skp_id=new.pk)
    assert workflow.skp_approve(actor=cast.actor("bob"), skp_id=new.pk).status == "disetujui"


# --- editing refusals ---------------------------------------------------------------


def test_editing_someone_elses_skp_is_refused(cast, cascade):
    periode = make_periode(cast, 2027)
    dina = make_skp(cast, "dina", periode)
    for who in ("charlie", "bob", "eko"):
        _unchanged(
            lambda w=who: editing.rhk_add(
                actor=cast.actor(w), skp_id=dina.pk, jenis="utama", teks="x"
            ),
            PermissionDenied,
        )
    _unchanged(
        lambda: editing.rhk_add(actor=cast.actor("gita"), skp_id=dina.pk, jenis="utama", teks="x"),
        Http404,
    )
    _unchanged(
        lambda: editing.lampiran_set(
            actor=cast.actor("bob"), skp_id=dina.pk, dukungan_sumber_daya="x",
            skema_pertanggungjawaban="", konsekuensi="",
        ),
        PermissionDenied,
    )  # fmt: skip


def test_a_submitted_or_approved_skp_is_not_edited(cast, cascade):
    rhk = cascade.rhk("charlie")
    err = _unchanged(
        lambda: editing.rhk_update(
            actor=cast.actor("charlie"), rhk_id=rhk.pk, jenis="utama", teks="baru",
            intervensi_id=rhk.intervensi_id,
        ),
        ValidationError,
    )  # fmt: skip
    assert "revisi" in _msg(err)


def test_intervening_outside_the_penilais_approved_skp_is_refused(cast):
    c = approved_cascade(cast, leave_draft=("charlie",))
    charlie = cast.actor("charlie")
    refused = {
        "a peer's approved RHK": c.rhk("dina"),
        "the atasan penilai's RHK": c.rhk("alice"),
        "its own RHK": c.rhk("charlie"),
    }
    for label, rhk in refused.items():
        err = _unchanged(
            lambda r=rhk: editing.rhk_add(
                actor=charlie, skp_id=c.charlie.pk, jenis="utama", teks="x", intervensi_id=r.pk
            ),
            ValidationError,
        )
        assert "intervensi" in err.message_dict, label
    # No intervention at all below the top of the cascade.
    err = _unchanged(
        lambda: editing.rhk_add(actor=charlie, skp_id=c.charlie.pk, jenis="utama", teks="x"),
        ValidationError,
    )
    assert "Bob" in err.message_dict["intervensi"][0]
    # The penilai's RHK while their SKP is not approved (a revision in draft is not it).
    bob_v2 = workflow.skp_revise(actor=cast.actor("bob"), skp_id=c.bob.pk)
    err = _unchanged(
        lambda: editing.rhk_add(
            actor=charlie, skp_id=c.charlie.pk, jenis="utama", teks="x",
            intervensi_id=bob_v2.rhk.get().pk,
        ),
        ValidationError,
    )  # fmt: skip
    # Another instansi's RHK is simply not found among the penilai's.
    gita = make_skp(cast, "gita", make_periode(cast, instansi=cast.b), rhk=[("utama", "B", None)])
    _unchanged(
        lambda: editing.rhk_add(
            actor=charlie, skp_id=c.charlie.pk, jenis="utama", teks="x",
            intervensi_id=gita.rhk.get().pk,
        ),
        ValidationError,
    )  # fmt: skip


def test_top_of_cascade_types_rhk_without_intervention(cast):
    periode = make_periode(cast)
    alice = make_skp(cast, "alice", periode)
    rhk = editing.rhk_add(actor=cast.actor("alice"), skp_id=alice.pk, jenis="utama", teks="Dari PK")
    assert rhk.intervensi_id is None
    other = make_skp(cast, "gita", make_periode(cast, instansi=cast.b), rhk=[("utama", "B", None)])
    assert other.rhk.get().intervensi_id is None


@pytest.mark.parametrize(
    ("target", "field"),
    [
        (
            {"target_jenis": "angka", "target_nilai": "dua belas", "satuan": "dokumen"},
            "target_nilai",
        ),
        ({"target_jenis": "angka", "target_nilai": "12", "satuan": ""}, "satuan"),
        ({"target_jenis": "angka", "target_nilai": "-3", "satuan": "dokumen"}, "target_nilai"),
        (
            {"target_jenis": "rentang", "target_min": "90", "target_maks": "80", "satuan": "%"},
            "target_maks",
        ),
        (
            {"target_jenis": "rentang", "target_min": "x", "target_maks": "80", "satuan": "%"},
            "target_min",
        ),
        ({"target_jenis": "teks", "target_teks": "Baik"}, "target_jenis"),  # kuantitatif SKP
        ({"target_jenis": "lain"}, "target_jenis"),
    ],
)
def test_bad_targets_are_refused_and_nothing_is_written(cast, target, field):
    c = approved_cascade(cast, leave_draft=("charlie",))
    rhk = c.rhk("charlie")
    err = _unchanged(
        lambda: editing.iki_add(
            actor=cast.actor("charlie"), rhk_id=rhk.pk, aspek="kuantitas", indikator="x", **target
        ),
        ValidationError,
    )
    assert field in err.message_dict, err.message_dict


def test_a_range_and_a_qualitative_target_are_stored(cast):
    periode = make_periode(cast)
    skp = creation.skp_create(
        actor=cast.actor("alice"), pegawai_id=cast.alice.pk, periode_id=periode.pk,
        pendekatan="kualitatif",
    )  # fmt: skip
    rhk = editing.rhk_add(actor=cast.actor("alice"), skp_id=skp.pk, jenis="utama", teks="PK")
    a = editing.iki_add(
        actor=cast.actor("alice"), rhk_id=rhk.pk, aspek="kualitas", indikator="Kepuasan",
        target_jenis="rentang", target_min="80,5", target_maks="90", satuan="%",
    )  # fmt: skip
    b = editing.iki_add(
        actor=cast.actor("alice"), rhk_id=rhk.pk, aspek="kualitas", indikator="Mutu",
        target_jenis="teks", target_teks="Laporan diterima tanpa revisi",
    )  # fmt: skip
    a.refresh_from_db()
    assert (a.target_min, a.target_maks) == (Decimal("80.5"), Decimal("90"))
    assert b.target_teks == "Laporan diterima tanpa revisi" and b.target_nilai is None


# --- the penilai's expectations -----------------------------------------------------


def test_ekspektasi_is_written_by_the_penilai_before_approval(cast):
    c = approved_cascade(cast, leave_draft=("charlie",))
    row = editing.ekspektasi_set(
        actor=cast.actor("bob"), skp_id=c.charlie.pk, nilai=1, ekspektasi="Membalas surat cepat"
    )
    assert row.ekspektasi == "Membalas surat cepat"
    for who, exc in (("charlie", PermissionDenied), ("alice", PermissionDenied), ("gita", Http404)):
        _unchanged(
            lambda w=who: editing.ekspektasi_set(
                actor=cast.actor(w), skp_id=c.charlie.pk, nilai=2, ekspektasi="x"
            ),
            exc,
        )
    _unchanged(
        lambda: editing.ekspektasi_set(
            actor=cast.actor("bob"), skp_id=c.charlie.pk, nilai=8, ekspektasi="x"
        ),
        ValidationError,
    )
    # Once approved, only a revision changes it.
    _unchanged(
        lambda: editing.ekspektasi_set(
            actor=cast.actor("bob"), skp_id=c.dina.pk, nilai=1, ekspektasi="x"
        ),
        ValidationError,
    )


def test_delete_rhk_and_iki_of_a_draft(cast):
    c = approved_cascade(cast, leave_draft=("charlie",))
    charlie = cast.actor("charlie")
    rhk = c.rhk("charlie")
    editing.iki_delete(actor=charlie, iki_id=rhk.iki.get().pk)
    assert not IKI.objects.filter(rhk=rhk).exists()
    editing.rhk_delete(actor=charlie, rhk_id=rhk.pk)
    assert not RHK.objects.filter(pk=rhk.pk).exists()
    assert AuditEvent.objects.filter(action__in=["iki.delete", "rhk.delete"]).count() == 2
    # A supervisor RHK that someone supports cannot disappear under them.
    bob_rhk = c.rhk("bob")
    SKP.objects.filter(pk=c.bob.pk).update(status="draft")
    err = _unchanged(
        lambda: editing.rhk_delete(actor=cast.actor("bob"), rhk_id=bob_rhk.pk), ValidationError
    )
    assert "1 RHK" in _msg(err)  # dina still supports it


def test_an_approved_revision_takes_over_the_subordinates_links(cast, cascade):
    """bob revises his SKP: rewords his RHK and adds one. Once alice approves the
    revision, charlie's and dina's RHK support the new version's RHK; the approved old
    version keeps its own RHK, unlinked."""
    bob = cast.actor("bob")
    new = workflow.skp_revise(actor=bob, skp_id=cascade.bob.pk)
    first = new.rhk.get()
    editing.rhk_update(
        actor=bob, rhk_id=first.pk, jenis="utama", teks="Layanan Bidang Satu tepat waktu dan mudah",
        intervensi_id=first.intervensi_id,
    )  # fmt: skip
    workflow.skp_submit(actor=bob, skp_id=new.pk)
    # Until the revision is approved, the links stay on the version in force.
    assert cascade.charlie.rhk.get().intervensi_id == cascade.rhk("bob").pk
    workflow.skp_approve(actor=cast.actor("alice"), skp_id=new.pk)
    for skp in (cascade.charlie, cascade.dina):
        assert skp.rhk.get().intervensi_id == first.pk
    event = AuditEvent.objects.get(action="rhk.relink", object_id=str(new.pk))
    assert event.changes["rhk_bawahan_dipindahkan"] == 2
    # The staff can still pick it: it is their penilai's approved, current RHK.
    charlie = cast.actor("charlie")
    v2 = workflow.skp_revise(actor=charlie, skp_id=cascade.charlie.pk)
    editing.rhk_update(
        actor=charlie, rhk_id=v2.rhk.get().pk, jenis="utama", teks="Surat teragenda",
        intervensi_id=first.pk,
    )  # fmt: skip
