"""Convenience services (issue 3 item 8): copying an earlier SKP, SKP templates per
jabatan, and the split of an SKP when a person changes position mid-year (rules §4),
including the org hook that triggers it. Every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ekinerja.core.models import AuditEvent
from ekinerja.org import hooks
from ekinerja.org.models import Jabatan, Pegawai, RiwayatJabatan
from ekinerja.org.services.riwayat import pegawai_assign_jabatan
from ekinerja.plans import selectors
from ekinerja.plans.models import (
    IKI,
    RHK,
    SKP,
    Lampiran,
    SKPTemplate,
    SKPTemplateIKI,
    SKPTemplateRHK,
)
from ekinerja.plans.services import copying, creation, editing, workflow
from ekinerja.plans.services import templates as template_services

from .factories import approve, approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db


def _state() -> tuple:
    """Everything a refused call must leave as it was."""
    return (
        list(
            SKP.objects.order_by("pk").values_list(
                "pk", "status", "jabatan_id", "tanggal_mulai", "tanggal_selesai"
            )
        ),
        list(RHK.objects.order_by("pk").values_list("pk", "skp_id", "teks", "intervensi_id")),
        list(IKI.objects.order_by("pk").values_list("pk", "rhk_id", "target_nilai")),
        list(Lampiran.objects.order_by("pk").values_list("pk", "dukungan_sumber_daya")),
        list(SKPTemplate.objects.order_by("pk").values_list("pk", "nama", "pendekatan")),
        list(SKPTemplateRHK.objects.order_by("pk").values_list("pk", "teks")),
        list(SKPTemplateIKI.objects.order_by("pk").values_list("pk", "target_nilai")),
        list(RiwayatJabatan.objects.order_by("pk").values_list("pk", "jabatan_id", "tmt_selesai")),
        list(Pegawai.objects.order_by("pk").values_list("pk", "jabatan_id", "atasan_id")),
        AuditEvent.objects.count(),
    )


def _unchanged(call, exc):
    before = _state()
    with pytest.raises(exc) as info:
        call()
    assert _state() == before
    return info.value


def _msg(err: Exception) -> str:
    return " ".join(err.messages) if isinstance(err, ValidationError) else str(err)


@pytest.fixture
def cascade(cast):
    c = approved_cascade(cast)
    # An approved SKP's lampiran changes only through a revision; set it as data here.
    Lampiran.objects.filter(skp=c.charlie).update(
        dukungan_sumber_daya="Komputer dan printer", konsekuensi="Teguran tertulis"
    )
    return c


@pytest.fixture
def periode_2027(cast):
    return make_periode(cast, 2027)


# --- copy an earlier SKP ----------------------------------------------------------------


def test_copy_previous_makes_a_fresh_draft_with_rows_and_lampiran(cast, cascade, periode_2027):
    source = cascade.charlie
    new = copying.skp_copy_previous(
        actor=cast.actor("charlie"), source_skp_id=source.pk, periode_id=periode_2027.pk
    )
    assert new.pk != source.pk and new.status == "draft" and new.versi == 1
    assert (new.tanggal_mulai, new.tanggal_selesai) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    # Header resolved afresh from the org chart (skp_create).
    assert new.penilai_id == cast.bob.pk and new.atasan_penilai_id == cast.alice.pk
    assert new.snapshot["penilai"]["nama"] == cast.bob.nama_lengkap
    old_rows = list(source.rhk.order_by("urutan").values_list("jenis", "teks"))
    assert list(new.rhk.order_by("urutan").values_list("jenis", "teks")) == old_rows
    old_iki = list(
        IKI.objects.filter(rhk__skp=source).values_list("indikator", "target_nilai", "satuan")
    )
    assert (
        list(IKI.objects.filter(rhk__skp=new).values_list("indikator", "target_nilai", "satuan"))
        == old_iki
    )
    # Last year's supervisor RHK cannot be intervened in: the link is left to re-pick.
    assert not new.rhk.filter(intervensi__isnull=False).exists()
    assert selectors.rhk_needing_intervensi(skp=new) == 1
    lampiran = Lampiran.objects.get(skp=new)
    assert lampiran.dukungan_sumber_daya == "Komputer dan printer"
    assert lampiran.konsekuensi == "Teguran tertulis"
    # Expectations are the (new) penilai's to write: fresh, empty rows.
    assert new.ekspektasi.count() == 7
    assert not new.ekspektasi.exclude(ekspektasi="").exists()
    event = AuditEvent.objects.get(action="skp.copy", object_id=str(new.pk))
    assert event.changes["rhk"] == [None, 1] and event.changes["perlu_intervensi"] == [None, 1]
    # The source is untouched.
    source.refresh_from_db()
    assert source.status == "disetujui" and source.rhk.get().intervensi_id is not None


def test_copy_previous_at_the_top_needs_no_intervensi(cast, cascade, periode_2027):
    new = copying.skp_copy_previous(
        actor=cast.actor("alice"), source_skp_id=cascade.alice.pk, periode_id=periode_2027.pk
    )
    assert new.rhk.count() == 2
    assert selectors.rhk_needing_intervensi(skp=new) == 0


def test_copy_previous_refusals_change_nothing(cast, cascade, periode_2027):
    same_year = cascade.periode
    err = _unchanged(
        lambda: copying.skp_copy_previous(
            actor=cast.actor("charlie"), source_skp_id=cascade.charlie.pk, periode_id=same_year.pk
        ),
        ValidationError,
    )
    assert "sebelum 2026" in _msg(err)
    # Only the owner copies their own SKP: not the penilai, not the admin.
    for who in ("bob", "eko"):
        err = _unchanged(
            lambda who=who: copying.skp_copy_previous(
                actor=cast.actor(who),
                source_skp_id=cascade.charlie.pk,
                periode_id=periode_2027.pk,
            ),
            PermissionDenied,
        )
    # Another agency's SKP or period: 404.
    _unchanged(
        lambda: copying.skp_copy_previous(
            actor=cast.actor("gita"), source_skp_id=cascade.charlie.pk, periode_id=periode_2027.pk
        ),
        Http404,
    )
    periode_b = make_periode(cast, 2027, instansi=cast.b)
    _unchanged(
        lambda: copying.skp_copy_previous(
            actor=cast.actor("charlie"), source_skp_id=cascade.charlie.pk, periode_id=periode_b.pk
        ),
        Http404,
    )
    # A second copy into the same year clashes with the first (skp_create's rule).
    copying.skp_copy_previous(
        actor=cast.actor("charlie"), source_skp_id=cascade.charlie.pk, periode_id=periode_2027.pk
    )
    err = _unchanged(
        lambda: copying.skp_copy_previous(
            actor=cast.actor("charlie"),
            source_skp_id=cascade.charlie.pk,
            periode_id=periode_2027.pk,
        ),
        ValidationError,
    )
    assert "sudah mempunyai SKP" in _msg(err)


def test_copy_into_an_open_draft_appends_once(cast, cascade, periode_2027):
    draft = make_skp(cast, "alice", periode_2027, rhk=[("tambahan", "Piket", None)], iki=False)
    copied = copying.skp_copy_into(
        actor=cast.actor("alice"), skp_id=draft.pk, source_skp_id=cascade.alice.pk
    )
    assert (copied.rhk, copied.iki, copied.perlu_intervensi) == (2, 2, 0)
    assert list(draft.rhk.order_by("urutan").values_list("teks", flat=True)) == [
        "Piket",
        "Meningkatnya kualitas layanan Dinas Alfa",
        "Terwujudnya tata kelola keuangan yang akuntabel",
    ]
    err = _unchanged(
        lambda: copying.skp_copy_into(
            actor=cast.actor("alice"), skp_id=draft.pk, source_skp_id=cascade.alice.pk
        ),
        ValidationError,
    )
    assert "sudah ada" in _msg(err)
    # The source must be earlier (and not an approved SKP: it cannot be edited).
    _unchanged(
        lambda: copying.skp_copy_into(
            actor=cast.actor("alice"), skp_id=cascade.alice.pk, source_skp_id=draft.pk
        ),
        ValidationError,
    )
    # Someone else's draft is not the actor's to fill, nor someone else's SKP to copy.
    _unchanged(
        lambda: copying.skp_copy_into(
            actor=cast.actor("bob"), skp_id=draft.pk, source_skp_id=cascade.bob.pk
        ),
        PermissionDenied,
    )
    bobs = make_skp(cast, "bob", periode_2027)
    _unchanged(
        lambda: copying.skp_copy_into(
            actor=cast.actor("bob"), skp_id=bobs.pk, source_skp_id=cascade.alice.pk
        ),
        PermissionDenied,
    )


def test_copy_refuses_text_targets_into_a_kuantitatif_skp(cast, cascade, periode_2027):
    kual = make_periode(cast, 2025)
    src = creation.skp_create(
        actor=cast.actor("alice"),
        pegawai_id=cast.alice.pk,
        periode_id=kual.pk,
        pendekatan="kualitatif",
    )
    rhk = editing.rhk_add(actor=cast.actor("alice"), skp_id=src.pk, jenis="utama", teks="Arah")
    editing.iki_add(
        actor=cast.actor("alice"),
        rhk_id=rhk.pk,
        aspek="kualitas",
        indikator="Arah kebijakan jelas",
        target_jenis="teks",
        target_teks="Diterima pimpinan",
    )
    draft = make_skp(cast, "alice", periode_2027)
    err = _unchanged(
        lambda: copying.skp_copy_into(
            actor=cast.actor("alice"), skp_id=draft.pk, source_skp_id=src.pk
        ),
        ValidationError,
    )
    assert "pendekatan" in _msg(err)
    # A new SKP takes the source's pendekatan, so the same copy works there.
    new = copying.skp_copy_previous(
        actor=cast.actor("alice"), source_skp_id=src.pk, periode_id=make_periode(cast, 2028).pk
    )
    assert new.pendekatan == "kualitatif" and IKI.objects.get(rhk__skp=new).target_jenis == "teks"


# --- templates per jabatan --------------------------------------------------------------


@pytest.fixture
def template(cast):
    eko = cast.actor("eko")
    t = template_services.skp_template_create(
        actor=eko, nama="SKP Pengadministrasi Umum", jabatan_id=cast.jab_pelaksana.pk
    )
    r1 = template_services.skp_template_rhk_add(
        actor=eko, template_id=t.pk, jenis="utama", teks="Surat masuk teragenda"
    )
    template_services.skp_template_iki_add(
        actor=eko,
        rhk_id=r1.pk,
        aspek="kuantitas",
        indikator="Jumlah surat teragenda",
        target_jenis="angka",
        target_nilai="1.200",
        satuan="surat",
    )
    r2 = template_services.skp_template_rhk_add(
        actor=eko, template_id=t.pk, jenis="utama", teks="Arsip tertata"
    )
    template_services.skp_template_iki_add(
        actor=eko,
        rhk_id=r2.pk,
        aspek="kualitas",
        indikator="Arsip ditemukan kembali",
        target_jenis="rentang",
        target_min="90",
        target_maks="100",
        satuan="persen",
    )
    return t


def test_template_crud_and_audit(cast, template):
    eko = cast.actor("eko")
    rows = selectors.skp_template_rows(template=template)
    assert [r.teks for r in rows] == ["Surat masuk teragenda", "Arsip tertata"]
    assert rows[0].iki.get().target_nilai == Decimal("1200")
    iki = rows[1].iki.get()
    template_services.skp_template_iki_update(
        actor=eko,
        iki_id=iki.pk,
        aspek="kualitas",
        indikator="Arsip ditemukan kembali",
        target_jenis="rentang",
        target_min="92,5",
        target_maks="100",
        satuan="persen",
    )
    iki.refresh_from_db()
    assert iki.target_min == Decimal("92.5")
    template_services.skp_template_rhk_update(
        actor=eko, rhk_id=rows[1].pk, jenis="tambahan", teks="Arsip"
    )
    template_services.skp_template_update(
        actor=eko,
        template_id=template.pk,
        nama="Pelaksana umum",
        jenis_jabatan="pelaksana",
    )
    template.refresh_from_db()
    assert template.jabatan_id is None and template.jenis_jabatan == "pelaksana"
    template_services.skp_template_iki_delete(actor=eko, iki_id=iki.pk)
    template_services.skp_template_rhk_delete(actor=eko, rhk_id=rows[1].pk)
    assert SKPTemplateRHK.objects.filter(template=template).count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "skp_template.create",
        "skp_template.update",
        "skp_template.rhk.add",
        "skp_template.rhk.update",
        "skp_template.rhk.delete",
        "skp_template.iki.add",
        "skp_template.iki.update",
        "skp_template.iki.delete",
    } <= actions
    template_services.skp_template_delete(actor=eko, template_id=template.pk)
    assert not SKPTemplate.objects.exists() and not SKPTemplateIKI.objects.exists()
    assert AuditEvent.objects.filter(action="skp_template.delete").exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"nama": "  "}, "nama"),
        ({"jabatan_id": None}, "jabatan"),
        ({"jenis_jabatan": "pelaksana"}, "jenis_jabatan"),  # both a jabatan and a jenis
        ({"jabatan_id": None, "jenis_jabatan": "menteri"}, "jenis_jabatan"),
        ({"pendekatan": "campuran"}, "pendekatan"),
    ],
)
def test_template_create_refuses_bad_input(cast, kwargs, field):
    args = {"nama": "T", "jabatan_id": cast.jab_pelaksana.pk, **kwargs}
    err = _unchanged(
        lambda: template_services.skp_template_create(actor=cast.actor("eko"), **args),
        ValidationError,
    )
    assert field in err.message_dict


def test_template_refuses_another_agencys_jabatan(cast):
    err = _unchanged(
        lambda: template_services.skp_template_create(
            actor=cast.actor("eko"), nama="T", jabatan_id=cast.gita.jabatan_id
        ),
        ValidationError,
    )
    assert "tidak ditemukan" in err.message_dict["jabatan"][0]


@pytest.mark.parametrize(
    ("target", "field"),
    [
        ({"target_jenis": "angka", "target_nilai": "dua belas", "satuan": "x"}, "target_nilai"),
        ({"target_jenis": "angka", "target_nilai": "12", "satuan": ""}, "satuan"),
        (
            {"target_jenis": "rentang", "target_min": "20", "target_maks": "10", "satuan": "x"},
            "target_maks",
        ),
        ({"target_jenis": "teks", "target_teks": "Baik"}, "target_jenis"),  # kuantitatif
        ({"target_jenis": "persen"}, "target_jenis"),
    ],
)
def test_template_iki_targets_are_checked_like_an_skp(cast, template, target, field):
    rhk = template.rhk.first()
    err = _unchanged(
        lambda: template_services.skp_template_iki_add(
            actor=cast.actor("eko"), rhk_id=rhk.pk, aspek="kuantitas", indikator="X", **target
        ),
        ValidationError,
    )
    assert field in err.message_dict


def test_template_pendekatan_cannot_drop_under_text_targets(cast):
    eko = cast.actor("eko")
    t = template_services.skp_template_create(
        actor=eko, nama="Kualitatif", jenis_jabatan="fungsional", pendekatan="kualitatif"
    )
    r = template_services.skp_template_rhk_add(
        actor=eko, template_id=t.pk, jenis="utama", teks="Kajian"
    )
    template_services.skp_template_iki_add(
        actor=eko,
        rhk_id=r.pk,
        aspek="kualitas",
        indikator="Kajian diterima",
        target_jenis="teks",
        target_teks="Diterima pimpinan",
    )
    err = _unchanged(
        lambda: template_services.skp_template_update(
            actor=eko,
            template_id=t.pk,
            nama="Kualitatif",
            jenis_jabatan="fungsional",
            pendekatan="kuantitatif",
        ),
        ValidationError,
    )
    assert "pendekatan" in err.message_dict


def test_only_the_admin_manages_templates_and_other_agencies_get_404(cast, template):
    rhk = template.rhk.first()
    iki = SKPTemplateIKI.objects.filter(rhk=rhk).first()
    for who in ("alice", "bob", "charlie", "fajar"):
        _unchanged(
            lambda who=who: template_services.skp_template_create(
                actor=cast.actor(who), nama="T", jabatan_id=cast.jab_pelaksana.pk
            ),
            PermissionDenied,
        )
        _unchanged(
            lambda who=who: template_services.skp_template_delete(
                actor=cast.actor(who), template_id=template.pk
            ),
            PermissionDenied,
        )
    gita = cast.actor("gita")
    _unchanged(
        lambda: template_services.skp_template_delete(actor=gita, template_id=template.pk), Http404
    )
    _unchanged(
        lambda: template_services.skp_template_rhk_update(
            actor=gita, rhk_id=rhk.pk, jenis="utama", teks="X"
        ),
        Http404,
    )
    _unchanged(
        lambda: template_services.skp_template_iki_delete(actor=gita, iki_id=iki.pk), Http404
    )
    _unchanged(
        lambda: template_services.skp_template_rhk_add(
            actor=gita, template_id=template.pk, jenis="utama", teks="X"
        ),
        Http404,
    )
    with pytest.raises(PermissionDenied):
        selectors.skp_template_list(actor=cast.actor("bob"))


# --- applying a template ---------------------------------------------------------------


def test_apply_template_adds_rows_once(cast, template, periode_2027):
    draft = make_skp(cast, "charlie", periode_2027)
    copied = template_services.skp_apply_template(
        actor=cast.actor("charlie"), skp_id=draft.pk, template_id=template.pk
    )
    assert (copied.rhk, copied.iki, copied.perlu_intervensi) == (2, 2, 2)
    rows = list(draft.rhk.order_by("urutan"))
    assert [r.teks for r in rows] == ["Surat masuk teragenda", "Arsip tertata"]
    assert all(r.intervensi_id is None for r in rows)
    assert IKI.objects.get(rhk=rows[0]).target_nilai == Decimal("1200")
    rentang = IKI.objects.get(rhk=rows[1])
    assert (rentang.target_min, rentang.target_maks) == (Decimal("90"), Decimal("100"))
    assert AuditEvent.objects.filter(action="skp.apply_template", object_id=str(draft.pk)).exists()
    err = _unchanged(
        lambda: template_services.skp_apply_template(
            actor=cast.actor("charlie"), skp_id=draft.pk, template_id=template.pk
        ),
        ValidationError,
    )
    assert "sudah ada" in _msg(err)


def test_apply_template_by_jenis_jabatan(cast, periode_2027):
    eko = cast.actor("eko")
    t = template_services.skp_template_create(
        actor=eko, nama="Fungsional", jenis_jabatan="fungsional"
    )
    template_services.skp_template_rhk_add(
        actor=eko, template_id=t.pk, jenis="utama", teks="Kajian"
    )
    draft = make_skp(cast, "dina", periode_2027)  # Analis Kebijakan: fungsional
    template_services.skp_apply_template(
        actor=cast.actor("dina"), skp_id=draft.pk, template_id=t.pk
    )
    assert draft.rhk.get().teks == "Kajian"
    assert [x.pk for x in selectors.skp_templates_for(skp=draft)] == [t.pk]
    # charlie is a pelaksana: the fungsional template does not apply to his SKP.
    other = make_skp(cast, "charlie", periode_2027)
    err = _unchanged(
        lambda: template_services.skp_apply_template(
            actor=cast.actor("charlie"), skp_id=other.pk, template_id=t.pk
        ),
        ValidationError,
    )
    assert "bukan untuk jabatan" in _msg(err)


def test_apply_template_refusals(cast, cascade, template, periode_2027):
    draft = make_skp(cast, "charlie", periode_2027)
    # Not the owner (penilai, admin), approved SKP, another agency, empty template.
    for who in ("bob", "eko"):
        _unchanged(
            lambda who=who: template_services.skp_apply_template(
                actor=cast.actor(who), skp_id=draft.pk, template_id=template.pk
            ),
            PermissionDenied,
        )
    err = _unchanged(
        lambda: template_services.skp_apply_template(
            actor=cast.actor("charlie"), skp_id=cascade.charlie.pk, template_id=template.pk
        ),
        ValidationError,
    )
    assert "tidak dapat diubah" in _msg(err)
    _unchanged(
        lambda: template_services.skp_apply_template(
            actor=cast.actor("gita"), skp_id=draft.pk, template_id=template.pk
        ),
        Http404,
    )
    empty = template_services.skp_template_create(
        actor=cast.actor("eko"), nama="Kosong", jabatan_id=cast.jab_pelaksana.pk
    )
    err = _unchanged(
        lambda: template_services.skp_apply_template(
            actor=cast.actor("charlie"), skp_id=draft.pk, template_id=empty.pk
        ),
        ValidationError,
    )
    assert "belum berisi RHK" in _msg(err)
    # A template of instansi B is not found from instansi A.
    gita_t = template_services.skp_template_create(
        actor=_admin_b(cast), nama="Beta", jabatan_id=cast.gita.jabatan_id
    )
    _unchanged(
        lambda: template_services.skp_apply_template(
            actor=cast.actor("charlie"), skp_id=draft.pk, template_id=gita_t.pk
        ),
        Http404,
    )


def test_apply_template_to_a_returned_skp_makes_it_a_draft_again(cast, cascade, template):
    periode = make_periode(cast, 2027)
    alice = approve(cast, make_skp(cast, "alice", periode, rhk=[("utama", "A 2027", None)]))
    bob = approve(cast, make_skp(cast, "bob", periode, rhk=[("utama", "B", alice.rhk.get())]))
    skp = make_skp(cast, "charlie", periode, rhk=[("utama", "C", bob.rhk.get())])
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=skp.pk)
    workflow.skp_return(actor=cast.actor("bob"), skp_id=skp.pk, alasan="Tambahkan arsip")
    template_services.skp_apply_template(
        actor=cast.actor("charlie"), skp_id=skp.pk, template_id=template.pk
    )
    skp.refresh_from_db()
    assert skp.status == "draft" and skp.rhk.count() == 3


def _admin_b(cast):
    from ekinerja.core.models import Role, RoleAssignment

    RoleAssignment.objects.get_or_create(instansi=cast.b, user=cast.gita.user, role=Role.ADMIN)
    return cast.actor("gita")


# --- position change mid-year (rules §4) ------------------------------------------------


def _move(cast, who: str, jabatan: Jabatan, tmt: dt.date, jenis: str = "definitif"):
    pegawai = Pegawai.objects.get(pk=getattr(cast, who).pk)
    return pegawai_assign_jabatan(
        actor=cast.actor("eko"), pegawai=pegawai, jabatan=jabatan, jenis=jenis, tmt_mulai=tmt
    )


def _jabatan_under_alice(cast) -> Jabatan:
    return Jabatan.objects.create(
        instansi=cast.a, unit=cast.dinas, parent=cast.jab_kadis, kode="J-ANALIS-DINAS",
        nama="Analis Data Dinas", jenis="pelaksana", kelas=7,
    )  # fmt: skip


def test_the_listener_is_registered():
    assert copying.on_position_changed in hooks.position_listeners()


def test_position_change_closes_the_approved_skp_and_opens_a_draft(cast, cascade):
    new_jab = _jabatan_under_alice(cast)
    _move(cast, "charlie", new_jab, dt.date(2026, 7, 1))
    old = SKP.objects.get(pk=cascade.charlie.pk)
    # Still approved: only its end date changed, with the reason in the audit trail.
    assert old.status == "disetujui"
    assert (old.tanggal_mulai, old.tanggal_selesai) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    new = SKP.objects.get(pegawai=cast.charlie, jabatan=new_jab)
    assert new.status == "draft" and new.periode_id == cascade.periode.pk
    assert (new.tanggal_mulai, new.tanggal_selesai) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    # The new penilai comes from the org chart after the move.
    assert new.penilai_id == cast.alice.pk and new.atasan_penilai_id is None
    assert new.snapshot["pegawai"]["jabatan"] == "Analis Data Dinas"
    event = AuditEvent.objects.get(action="skp.close", object_id=str(old.pk))
    assert event.changes["tanggal_selesai"] == ["2026-12-31", "2026-06-30"]
    assert "Analis Data Dinas" in event.changes["alasan"][1]
    assert AuditEvent.objects.filter(action="skp.create", object_id=str(new.pk)).exists()


def test_position_change_closes_every_open_version(cast, cascade):
    revision = workflow.skp_revise(actor=cast.actor("charlie"), skp_id=cascade.charlie.pk)
    _move(cast, "charlie", cast.jab_fungsional, dt.date(2026, 4, 1))
    ends = dict(
        SKP.objects.filter(pk__in=[cascade.charlie.pk, revision.pk]).values_list(
            "pk", "tanggal_selesai"
        )
    )
    assert set(ends.values()) == {dt.date(2026, 3, 31)}
    new = SKP.objects.get(pegawai=cast.charlie, jabatan=cast.jab_fungsional)
    assert new.penilai_id == cast.bob.pk and new.tanggal_mulai == dt.date(2026, 4, 1)
    # An SKP for the new position copies in the old one's RHK: the link to bob's RHK of
    # the same year is still valid, so nothing needs re-picking.
    copied = copying.skp_copy_into(
        actor=cast.actor("charlie"), skp_id=new.pk, source_skp_id=cascade.charlie.pk
    )
    assert copied.perlu_intervensi == 0
    assert new.rhk.get().intervensi_id == cascade.rhk("bob").pk


def test_position_change_on_the_first_day_replaces_a_draft(cast):
    cascade = approved_cascade(cast, leave_draft=("charlie",))
    draft = cascade.charlie
    _move(cast, "charlie", cast.jab_fungsional, dt.date(2026, 1, 1))
    assert not SKP.objects.filter(pk=draft.pk).exists()
    new = SKP.objects.get(pegawai=cast.charlie)
    assert new.jabatan_id == cast.jab_fungsional.pk and new.status == "draft"
    assert new.tanggal_mulai == dt.date(2026, 1, 1)
    # The draft's content moves over; bob is still the penilai, so the link stays.
    rhk = new.rhk.get()
    assert rhk.teks == "Surat masuk teragenda" and rhk.intervensi_id == cascade.rhk("bob").pk
    assert IKI.objects.filter(rhk__skp=new).count() == 1
    assert AuditEvent.objects.filter(action="skp.replace", object_id=str(draft.pk)).exists()


def test_position_change_on_the_first_day_of_an_approved_skp_is_refused_whole(cast, cascade):
    err = _unchanged(
        lambda: _move(cast, "charlie", cast.jab_fungsional, dt.date(2026, 1, 1)), ValidationError
    )
    assert "TMT" in _msg(err)


def test_position_change_without_skp_or_acting_role_changes_no_skp(cast, cascade):
    before = list(SKP.objects.order_by("pk").values_list("pk", "tanggal_selesai"))
    # fajar has no SKP; an acting (Plt) role is an extra duty, not a change of position.
    _move(cast, "fajar", cast.jab_pelaksana, dt.date(2026, 5, 1))
    _move(cast, "dina", cast.jab_pelaksana, dt.date(2026, 5, 1), jenis="plt")
    assert list(SKP.objects.order_by("pk").values_list("pk", "tanggal_selesai")) == before


def test_position_change_keeps_an_existing_skp_for_the_new_jabatan(cast, cascade):
    mine = creation.skp_create(
        actor=cast.actor("eko"),
        pegawai_id=cast.charlie.pk,
        periode_id=cascade.periode.pk,
        jabatan_id=cast.jab_fungsional.pk,
        tanggal_mulai=dt.date(2026, 9, 1),
    )
    _move(cast, "charlie", cast.jab_fungsional, dt.date(2026, 9, 1))
    assert SKP.objects.filter(pegawai=cast.charlie, jabatan=cast.jab_fungsional).get() == mine
    assert SKP.objects.get(pk=cascade.charlie.pk).tanggal_selesai == dt.date(2026, 8, 31)


def test_split_directly_is_for_the_admin_only(cast, cascade):
    for who in ("charlie", "bob"):
        _unchanged(
            lambda who=who: copying.skp_split_for_position_change(
                actor=cast.actor(who),
                pegawai_id=cast.charlie.pk,
                change_date=dt.date(2026, 7, 1),
                new_jabatan_id=cast.jab_fungsional.pk,
            ),
            PermissionDenied,
        )
    _unchanged(
        lambda: copying.skp_split_for_position_change(
            actor=_admin_b(cast),
            pegawai_id=cast.charlie.pk,
            change_date=dt.date(2026, 7, 1),
            new_jabatan_id=cast.jab_fungsional.pk,
        ),
        Http404,
    )
    assert (
        copying.skp_split_for_position_change(
            actor=cast.actor("eko"),
            pegawai_id=cast.charlie.pk,
            change_date=dt.date(2026, 7, 1),
            new_jabatan_id=cast.jab_fungsional.pk,
        ).jabatan_id
        == cast.jab_fungsional.pk
    )


def test_a_failing_listener_rolls_the_position_change_back(cast, monkeypatch):
    def refuse(change):
        raise ValidationError("tidak")

    monkeypatch.setattr(hooks, "_position_listeners", [refuse])
    _unchanged(
        lambda: _move(cast, "charlie", cast.jab_fungsional, dt.date(2026, 7, 1)), ValidationError
    )


def test_the_org_move_page_splits_the_skp_or_shows_why_not(cast, cascade, client):
    from django.urls import reverse

    client.force_login(cast.eko.user)
    url = reverse("org:pegawai-move", args=[cast.charlie.pk])
    data = {"jabatan": "J-ANALIS", "jenis": "definitif", "nomor_sk": "SK/1"}
    # On the approved SKP's first day: refused on the form, nothing written.
    before = _state()
    response = client.post(url, {**data, "tmt_mulai": "2026-01-01"})
    assert response.status_code == 200 and "Periksa kembali TMT" in response.content.decode()
    assert _state() == before
    response = client.post(url, {**data, "tmt_mulai": "2026-07-01"})
    assert response.status_code == 302
    assert SKP.objects.get(pk=cascade.charlie.pk).tanggal_selesai == dt.date(2026, 6, 30)
    assert SKP.objects.filter(pegawai=cast.charlie, jabatan=cast.jab_fungsional).exists()
