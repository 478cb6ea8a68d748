"""services.aktivitas: the owner logs, edits, deletes and copies activities; every
refusal of issue 4's "Bad input" leaves nothing stored and no audit row; permissions
(owner, colleague 403, outsider 404); the anomaly flags end to end; bounded queries on
the month-end hot path."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ekinerja.core import hooks as core_hooks
from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import SKP

from .. import domain
from ..models import Aktivitas, BuktiDukung, PengaturanPelaksanaan
from ..services.aktivitas import (
    aktivitas_copy_day,
    aktivitas_create,
    aktivitas_delete,
    aktivitas_update,
    anomalies_refresh,
)
from . import test_bukti_samples as samples
from .factories import DAY, exec_world, make_aktivitas, make_rencana_aksi

T = dt.time.fromisoformat
TODAY = DAY + dt.timedelta(days=2)


@pytest.fixture
def world(cast):
    return exec_world(cast)


def _state() -> tuple:
    """Everything a refused write must leave as it was."""
    return (
        list(
            Aktivitas.objects.order_by("pk").values_list(
                "pk", "tanggal", "menit", "uraian", "rhk_id", "rencana_aksi_id", "status", "anomali"
            )
        ),
        BuktiDukung.objects.count(),
        AuditEvent.objects.filter(action__startswith="aktivitas.").count(),
    )


def create(cast, who="charlie", **kw):
    kw.setdefault("tanggal", DAY)
    kw.setdefault("uraian", "Mengagendakan surat masuk")
    if "menit" not in kw and "jam_mulai" not in kw:
        kw["jam_mulai"], kw["jam_selesai"] = T("08:00"), T("09:30")
    return aktivitas_create(actor=cast.actor(who), today=TODAY, **kw)


# --- create ---------------------------------------------------------------------------


def test_owner_logs_an_activity_with_rhk_and_rencana_aksi(cast, world):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk, ke=3)
    akt = create(
        cast,
        rhk_id=rhk.pk,
        rencana_aksi_id=ra.pk,
        output_jumlah=Decimal("12"),
        output_satuan=" surat ",
        uraian="  Mengagendakan 12 surat masuk ",
    )
    akt.refresh_from_db()
    assert akt.pegawai_id == cast.charlie.pk and akt.instansi_id == cast.a.pk
    assert (akt.menit, akt.status, akt.sumber) == (90, domain.DIAJUKAN, "web")
    assert akt.uraian == "Mengagendakan 12 surat masuk" and akt.output_satuan == "surat"
    assert akt.uraian_kunci == domain.text_key("mengagendakan 12 surat masuk")
    assert (akt.rhk_id, akt.rencana_aksi_id) == (rhk.pk, ra.pk)
    assert (akt.anomali, akt.ditandai) == ([], False)
    event = AuditEvent.objects.get(action="aktivitas.create")
    assert event.object_id == str(akt.pk) and event.actor_id == cast.charlie.user_id
    assert event.changes["menit"] == 90


def test_minutes_only_activity_without_rhk(cast, world):
    akt = create(cast, menit=45)
    assert (akt.jam_mulai, akt.jam_selesai, akt.menit, akt.rhk_id) == (None, None, 45, None)


def test_times_win_over_minutes(cast, world):
    akt = create(cast, jam_mulai=T("10:00"), jam_selesai=T("10:20"), menit=300)
    assert akt.menit == 20


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"tanggal": TODAY + dt.timedelta(days=1)}, "tanggal"),  # future date
        ({"jam_mulai": T("10:00"), "jam_selesai": T("09:00")}, "jam_selesai"),  # end before start
        ({"jam_mulai": T("10:00"), "jam_selesai": T("10:00")}, "jam_selesai"),
        ({"jam_mulai": T("10:00")}, "jam_selesai"),
        ({"menit": 1441}, "menit"),  # over 24 h
        ({"menit": 0}, "menit"),
        ({"uraian": "   "}, "uraian"),  # missing text
        ({"uraian": "x" * 2001}, "uraian"),
        ({"menit": 30, "output_jumlah": Decimal("-1")}, "output_jumlah"),
        ({"menit": 30, "output_satuan": "x" * 65}, "output_satuan"),
    ],
)
def test_bad_input_is_refused_and_nothing_stored(cast, world, kw, field):
    before = _state()
    with pytest.raises(ValidationError) as e:
        create(cast, **kw)
    assert field in e.value.message_dict
    assert _state() == before


def test_someone_elses_rhk_is_refused_on_rhk(cast, world):
    before = _state()
    for other in (world.rhk("dina"), world.rhk("bob")):
        with pytest.raises(ValidationError) as e:
            create(cast, rhk_id=other.pk)
        assert "rhk" in e.value.message_dict
    assert _state() == before


def test_another_agencys_rhk_is_refused_like_a_missing_one(cast, world):
    from ekinerja.plans.tests.factories import make_periode, make_skp

    gita = make_skp(cast, "gita", make_periode(cast, instansi=cast.b), rhk=[("utama", "X", None)])
    before = _state()
    with pytest.raises(ValidationError) as e:
        create(cast, rhk_id=gita.rhk.get().pk)
    assert "rhk" in e.value.message_dict
    assert _state() == before


def test_date_outside_the_rhks_skp_is_refused(cast, world):
    SKP.objects.filter(pk=world.cascade.charlie.pk).update(tanggal_mulai=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError) as e:
        create(cast, rhk_id=world.rhk("charlie").pk)
    assert "tanggal" in e.value.message_dict
    assert not Aktivitas.objects.exists()


def test_rhk_of_a_superseded_skp_version_is_refused(cast, world):
    old = world.cascade.charlie
    SKP.objects.create(
        instansi=old.instansi,
        pegawai=old.pegawai,
        jabatan=old.jabatan,
        periode=old.periode,
        tanggal_mulai=old.tanggal_mulai,
        tanggal_selesai=old.tanggal_selesai,
        status="disetujui",
        versi=2,
        sebelumnya=old,
    )
    with pytest.raises(ValidationError) as e:
        create(cast, rhk_id=world.rhk("charlie").pk)
    assert "rhk" in e.value.message_dict


def test_rencana_aksi_of_another_rhk_or_person_or_period_is_refused(cast, world):
    rhk_c, rhk_d = world.rhk("charlie"), world.rhk("dina")
    dina_ra = make_rencana_aksi(cast, "dina", rhk_d, ke=3)
    april = make_rencana_aksi(cast, "charlie", rhk_c, ke=4)
    before = _state()
    for ra_id in (dina_ra.pk, april.pk):
        with pytest.raises(ValidationError) as e:
            create(cast, rhk_id=rhk_c.pk, rencana_aksi_id=ra_id)
        assert "rencana_aksi" in e.value.message_dict
    # a rencana aksi without its RHK
    with pytest.raises(ValidationError) as e:
        create(cast, rencana_aksi_id=make_rencana_aksi(cast, "charlie", rhk_c, ke=3).pk)
    assert "rencana_aksi" in e.value.message_dict
    assert _state()[0] == before[0]


def test_a_login_without_pegawai_cannot_log(cast):
    with pytest.raises(PermissionDenied):
        aktivitas_create(actor=cast.actor("root"), tanggal=DAY, uraian="x", menit=5)


def test_evidence_is_attached_in_the_same_transaction(cast, world):
    akt = create(cast, berkas=samples.upload("laporan.pdf", samples.PDF), tautan="https://x.id/a")
    kinds = sorted(BuktiDukung.objects.filter(aktivitas=akt).values_list("jenis", flat=True))
    assert kinds == ["berkas", "tautan"]


def test_a_bad_file_refuses_the_whole_activity(cast, world, _bukti_storage):
    before = _state()
    with pytest.raises(ValidationError) as e:
        create(cast, berkas=samples.upload("laporan.pdf", samples.EXE))
    assert "berkas" in e.value.message_dict
    assert _state() == before
    assert [f for _d, _s, f in os.walk(_bukti_storage) if f] == []


# --- update and delete ----------------------------------------------------------------


def test_owner_updates_a_pending_activity(cast, world):
    akt = create(cast)
    new = aktivitas_update(
        actor=cast.actor("charlie"),
        aktivitas_id=akt.pk,
        tanggal=DAY - dt.timedelta(days=1),
        uraian="Menyusun agenda",
        menit=30,
        rhk_id=world.rhk("charlie").pk,
        today=TODAY,
    )
    assert (new.menit, new.jam_mulai, new.tanggal, new.rhk_id) == (
        30,
        None,
        DAY - dt.timedelta(days=1),
        world.rhk("charlie").pk,
    )
    event = AuditEvent.objects.get(action="aktivitas.update")
    assert event.changes["menit"] == [90, 30]
    assert "status" not in event.changes


@pytest.mark.parametrize("status", [domain.DIVERIFIKASI, domain.DITOLAK])
def test_verified_or_rejected_cannot_be_edited_or_deleted(cast, world, status):
    akt = make_aktivitas(cast, "charlie", status=status, alasan_tolak="Kurang jelas")
    before = _state()
    with pytest.raises(PermissionDenied) as e:
        aktivitas_update(
            actor=cast.actor("charlie"), aktivitas_id=akt.pk, tanggal=DAY, uraian="x", menit=5
        )
    assert str(e.value) == domain.owner_edit_error(status)
    with pytest.raises(PermissionDenied) as e:
        aktivitas_delete(actor=cast.actor("charlie"), aktivitas_id=akt.pk)
    assert str(e.value) == domain.owner_edit_error(status, deleting=True)
    assert _state() == before


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("dina", PermissionDenied),
        ("bob", PermissionDenied),
        ("eko", PermissionDenied),
        ("gita", Http404),
    ],
)
def test_others_cannot_edit_or_delete(cast, world, who, error):
    akt = make_aktivitas(cast, "charlie")
    before = _state()
    with pytest.raises(error):
        aktivitas_update(
            actor=cast.actor(who), aktivitas_id=akt.pk, tanggal=DAY, uraian="x", menit=5
        )
    with pytest.raises(error):
        aktivitas_delete(actor=cast.actor(who), aktivitas_id=akt.pk)
    assert _state() == before


def test_update_with_bad_input_changes_nothing(cast, world):
    akt = create(cast)
    before = _state()
    with pytest.raises(ValidationError):
        aktivitas_update(
            actor=cast.actor("charlie"),
            aktivitas_id=akt.pk,
            tanggal=DAY,
            uraian="x",
            menit=1441,
            rhk_id=world.rhk("dina").pk,
            today=TODAY,
        )
    assert _state() == before


def test_owner_deletes_with_evidence_and_files(cast, world, _bukti_storage):
    akt = create(cast, berkas=samples.upload("laporan.pdf", samples.PDF))
    with_files = [f for _d, _s, names in os.walk(_bukti_storage) for f in names]
    assert len(with_files) == 1
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        aktivitas_delete(actor=cast.actor("charlie"), aktivitas_id=akt.pk)
    assert not Aktivitas.objects.exists() and not BuktiDukung.objects.exists()
    assert [f for _d, _s, names in os.walk(_bukti_storage) for f in names] == []
    event = AuditEvent.objects.get(action="aktivitas.delete")
    assert event.object_id == str(akt.pk) and event.changes["bukti"] == 1


# --- copy yesterday -------------------------------------------------------------------


def test_copy_day_makes_new_pending_entries(cast, world):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk, ke=3)
    friday, monday = dt.date(2026, 3, 6), dt.date(2026, 3, 9)
    make_aktivitas(cast, "charlie", tanggal=friday, rhk=rhk, rencana_aksi=ra, status="diverifikasi")
    make_aktivitas(
        cast, "charlie", tanggal=friday, jam=("10:00", "11:00"), uraian="Rapat", status="ditolak"
    )
    copied = aktivitas_copy_day(actor=cast.actor("charlie"), dari=friday, ke=monday, today=TODAY)
    assert len(copied) == 2
    rows = Aktivitas.objects.filter(tanggal=monday).order_by("jam_mulai")
    assert [(a.status, a.sumber, a.alasan_tolak) for a in rows] == [("diajukan", "salin", "")] * 2
    assert (rows[0].rhk_id, rows[0].rencana_aksi_id) == (rhk.pk, ra.pk)
    event = AuditEvent.objects.get(action="aktivitas.copy")
    assert event.changes["jumlah"] == 2
    # copying again adds nothing and says so
    with pytest.raises(ValidationError):
        aktivitas_copy_day(actor=cast.actor("charlie"), dari=friday, ke=monday, today=TODAY)
    assert Aktivitas.objects.filter(tanggal=monday).count() == 2


def test_copy_drops_a_rencana_aksi_of_another_period(cast, world):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk, ke=3)
    make_aktivitas(cast, "charlie", tanggal=dt.date(2026, 3, 31), rhk=rhk, rencana_aksi=ra)
    [copy] = aktivitas_copy_day(
        actor=cast.actor("charlie"),
        dari=dt.date(2026, 3, 31),
        ke=dt.date(2026, 4, 1),
        today=dt.date(2026, 4, 1),
    )
    assert (copy.rhk_id, copy.rencana_aksi_id) == (rhk.pk, None)


def test_copy_refuses_a_future_day_and_an_empty_source(cast, world):
    make_aktivitas(cast, "charlie", tanggal=DAY)
    before = _state()
    with pytest.raises(ValidationError) as e:
        aktivitas_copy_day(
            actor=cast.actor("charlie"), dari=DAY, ke=TODAY + dt.timedelta(days=1), today=TODAY
        )
    assert "tanggal" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        aktivitas_copy_day(
            actor=cast.actor("charlie"), dari=DAY - dt.timedelta(days=3), ke=DAY, today=TODAY
        )
    assert "dari" in e.value.message_dict
    # only the actor's own log is copied: dina has nothing on DAY
    with pytest.raises(ValidationError):
        aktivitas_copy_day(actor=cast.actor("dina"), dari=DAY, ke=TODAY, today=TODAY)
    assert _state() == before


# --- anomaly flags end to end ---------------------------------------------------------


def _flags(pk):
    a = Aktivitas.objects.get(pk=pk)
    return a.anomali, a.ditandai


def test_overlap_is_flagged_and_cleared(cast, world):
    a = create(cast, jam_mulai=T("08:00"), jam_selesai=T("09:30"))
    b = create(cast, jam_mulai=T("09:00"), jam_selesai=T("10:00"), uraian="Rapat")
    assert _flags(a.pk) == (["tumpang_tindih"], True)
    assert _flags(b.pk) == (["tumpang_tindih"], True)
    aktivitas_update(
        actor=cast.actor("charlie"),
        aktivitas_id=b.pk,
        tanggal=DAY,
        uraian="Rapat",
        jam_mulai=T("09:30"),
        jam_selesai=T("10:00"),
        today=TODAY,
    )
    assert _flags(a.pk) == ([], False) and _flags(b.pk) == ([], False)


def test_moving_an_activity_to_another_day_refreshes_both_days(cast, world):
    a = create(cast, jam_mulai=T("08:00"), jam_selesai=T("09:30"))
    b = create(cast, jam_mulai=T("09:00"), jam_selesai=T("10:00"), uraian="Rapat")
    aktivitas_update(
        actor=cast.actor("charlie"),
        aktivitas_id=b.pk,
        tanggal=DAY - dt.timedelta(days=1),
        uraian="Rapat",
        jam_mulai=T("09:00"),
        jam_selesai=T("10:00"),
        today=TODAY,
    )
    assert _flags(a.pk) == ([], False)


def test_deleting_clears_the_overlap(cast, world):
    a = create(cast, jam_mulai=T("08:00"), jam_selesai=T("09:30"))
    b = create(cast, jam_mulai=T("09:00"), jam_selesai=T("10:00"), uraian="Rapat")
    aktivitas_delete(actor=cast.actor("charlie"), aktivitas_id=b.pk)
    assert _flags(a.pk) == ([], False)


def test_over_the_agencys_working_minutes(cast, world):
    PengaturanPelaksanaan.objects.create(instansi=cast.a, menit_kerja_harian=120)
    a = create(cast, menit=90)
    assert _flags(a.pk) == ([], False)
    b = create(cast, menit=60, uraian="Rapat")
    assert _flags(a.pk)[0] == ["melebihi_jam_kerja"] and _flags(b.pk)[0] == ["melebihi_jam_kerja"]


def test_repeated_text_on_many_days(cast, world):
    PengaturanPelaksanaan.objects.create(instansi=cast.a, batas_teks_berulang=3)
    for i in (3, 2):
        make_aktivitas(cast, "charlie", tanggal=DAY - dt.timedelta(days=i), uraian="Piket harian")
    make_aktivitas(cast, "charlie", tanggal=DAY - dt.timedelta(days=40), uraian="Piket harian")
    a = create(cast, uraian="piket  HARIAN.", menit=30)
    assert _flags(a.pk) == (["teks_berulang"], True)
    other = create(cast, uraian="Piket harian", menit=30, tanggal=DAY - dt.timedelta(days=20))
    assert _flags(other.pk) == ([], False)  # only 2 days in its window before DAY's entries


def test_holiday_and_leave_from_the_attendance_hook(cast, world):
    def provider(instansi_id, pegawai_id, dates):
        return {DAY: core_hooks.HARI_LIBUR, DAY - dt.timedelta(days=1): core_hooks.HARI_CUTI}

    core_hooks.register_day_status(provider)
    try:
        a = create(cast, menit=30)
        b = create(cast, menit=30, tanggal=DAY - dt.timedelta(days=1))
        c = create(cast, menit=30, tanggal=DAY - dt.timedelta(days=2))
    finally:
        core_hooks.unregister_day_status(provider)
    assert _flags(a.pk)[0] == ["hari_libur"]
    assert _flags(b.pk)[0] == ["cuti"]
    assert _flags(c.pk) == ([], False)


def test_anomalies_refresh_of_an_empty_day_is_harmless(cast, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        anomalies_refresh(instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, dates=[DAY])
    anomalies_refresh(instansi_id=cast.a.pk, pegawai_id=cast.charlie.pk, dates=[])


# --- the hot path ---------------------------------------------------------------------


def test_create_runs_in_a_bounded_number_of_queries(cast, world, django_assert_max_num_queries):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk, ke=3)
    for i in range(30):
        make_aktivitas(
            cast, "charlie", tanggal=DAY - dt.timedelta(days=i % 20), uraian=f"Kegiatan {i % 4}"
        )
    actor = cast.actor("charlie")
    with django_assert_max_num_queries(12):
        aktivitas_create(
            actor=actor,
            tanggal=DAY,
            uraian="Kegiatan 1",
            jam_mulai=T("13:00"),
            jam_selesai=T("14:00"),
            rhk_id=rhk.pk,
            rencana_aksi_id=ra.pk,
            today=TODAY,
        )
