"""services.bukti and services.pengaturan: every refusal leaves nothing behind (no row,
no stored file), every permission branch, the audit rows."""

from __future__ import annotations

import io
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.http import Http404

from ekinerja.core.models import AuditEvent
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import SKP

from .. import domain
from ..models import BuktiDukung, PengaturanPelaksanaan
from ..services.bukti import bukti_add_file, bukti_add_link, bukti_delete
from ..services.pengaturan import pengaturan_update
from ..storage import bukti_storage
from . import test_bukti_samples as s
from .factories import exec_world, make_aktivitas, make_rencana_aksi


@pytest.fixture
def world(cast):
    return exec_world(cast)


@pytest.fixture
def storage_root(_bukti_storage):
    return _bukti_storage


def stored_files(root) -> list[str]:
    return [os.path.join(d, f) for d, _dirs, names in os.walk(root) for f in names]


def assert_nothing_stored(root):
    assert BuktiDukung.objects.count() == 0
    assert stored_files(root) == []
    assert not AuditEvent.objects.filter(action="bukti.create").exists()


def add(cast, who, name, data, **target):
    return bukti_add_file(actor=cast.actor(who), berkas=s.upload(name, data), **target)


# --- adding a file --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("laporan.pdf", s.PDF, "pdf"), ("foto.jpg", s.JPG, "jpg"), ("rekap.xlsx", None, "xlsx")],
)
def test_owner_adds_a_file_to_an_activity(cast, world, storage_root, name, data, kind):
    data = data or s.xlsx()
    akt = make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))
    b = add(cast, "charlie", name, data, aktivitas_id=akt.pk)
    b.refresh_from_db()
    assert (b.aktivitas_id, b.pegawai_id, b.jenis, b.ekstensi) == (
        akt.pk,
        cast.charlie.pk,
        "berkas",
        kind,
    )
    assert b.nama_berkas == name and b.ukuran == len(data) and len(b.sha256) == 64
    # a random name under the instansi, never the uploaded one
    assert b.berkas.name.startswith(f"bukti/{cast.a.pk}/") and name not in b.berkas.name
    assert b.berkas.name.endswith(f".{kind}")
    # FieldFile.open would use the storage bound at import; the app reads through
    # bukti_storage() (settings.STORAGES["bukti"]).
    with bukti_storage().open(b.berkas.name, "rb") as f:
        assert f.read() == data
    assert stored_files(storage_root) == [os.path.join(storage_root, b.berkas.name)]
    event = AuditEvent.objects.get(action="bukti.create")
    assert event.object_id == str(b.pk) and event.actor_id == cast.charlie.user_id
    assert event.changes["sasaran"] == f"aktivitas #{akt.pk}"


def test_owner_adds_to_a_rencana_aksi_and_an_rhk(cast, world):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk)
    b1 = add(cast, "charlie", "draf.docx", s.DOCX, rencana_aksi_id=ra.pk, keterangan=" Draf 1 ")
    b2 = add(cast, "charlie", "hasil.png", s.PNG, rhk_id=rhk.pk)
    assert (b1.rencana_aksi_id, b1.keterangan, b2.rhk_id) == (ra.pk, "Draf 1", rhk.pk)
    assert b2.pegawai_id == cast.charlie.pk


@pytest.mark.parametrize(
    ("name", "data", "field_text"),
    [
        ("foto.jpg", s.PDF, "adalah PDF"),
        ("setup.pdf", s.EXE, "bukan PDF"),
        ("arsip.docx", s.PLAIN_ZIP, "bukan dokumen DOCX"),
        ("makro.xlsx", s.XLSM, "makro"),
        ("kosong.pdf", b"", "kosong"),
        ("../x.pdf", s.PDF, "jalur folder"),
        ("a/b.pdf", s.PDF, "jalur folder"),
        ("C:\\x.pdf", s.PDF, "jalur folder"),
        ("x\x00.pdf", s.PDF, "jalur folder"),
        ("program.exe", s.EXE, "Jenis berkas tidak diterima"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    cast, world, storage_root, name, data, field_text
):
    akt = make_aktivitas(cast, "charlie")
    # A File keeps the name it is given, as a caller outside Django's multipart parser
    # (which strips paths and unprintable characters itself) may pass it.
    upload = File(io.BytesIO(data), name=name)
    with pytest.raises(ValidationError) as e:
        bukti_add_file(actor=cast.actor("charlie"), berkas=upload, aktivitas_id=akt.pk)
    assert field_text in " ".join(e.value.message_dict["berkas"])
    assert_nothing_stored(storage_root)


def test_a_file_over_the_agency_limit_is_refused(cast, world, storage_root):
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=100)
    akt = make_aktivitas(cast, "charlie")
    data = s.PDF + b"\x00" * (100 * 1024)
    with pytest.raises(ValidationError) as e:
        add(cast, "charlie", "besar.pdf", data, aktivitas_id=akt.pk)
    assert "melebihi batas 100 KB" in e.value.message_dict["berkas"][0]
    assert_nothing_stored(storage_root)
    # exactly at the limit is fine
    add(cast, "charlie", "pas.pdf", data[: 100 * 1024], aktivitas_id=akt.pk)


def test_default_limit_is_5_mb(cast, world, storage_root):
    akt = make_aktivitas(cast, "charlie")
    with pytest.raises(ValidationError, match="5 MB"):
        add(cast, "charlie", "b.pdf", s.PDF + b"\x00" * (5 * 1024 * 1024), aktivitas_id=akt.pk)
    assert_nothing_stored(storage_root)


def test_a_failed_row_write_removes_the_stored_file(cast, world, storage_root, monkeypatch):
    akt = make_aktivitas(cast, "charlie")

    def boom(self, *a, **kw):
        raise RuntimeError("database down")

    monkeypatch.setattr(BuktiDukung, "save", boom)
    with pytest.raises(RuntimeError):
        add(cast, "charlie", "laporan.pdf", s.PDF, aktivitas_id=akt.pk)
    monkeypatch.undo()
    assert_nothing_stored(storage_root)


def test_a_failed_audit_write_removes_the_stored_file(cast, world, storage_root, monkeypatch):
    akt = make_aktivitas(cast, "charlie")
    from ekinerja.core import audit

    monkeypatch.setattr(audit, "record", lambda **kw: (_ for _ in ()).throw(RuntimeError("x")))
    with pytest.raises(RuntimeError):
        add(cast, "charlie", "laporan.pdf", s.PDF, aktivitas_id=akt.pk)
    monkeypatch.undo()
    assert_nothing_stored(storage_root)


@pytest.mark.parametrize("target", [{}, {"aktivitas_id": 1, "rhk_id": 1}], ids=["none", "two"])
def test_exactly_one_target(cast, world, storage_root, target):
    with pytest.raises(Http404):
        add(cast, "charlie", "laporan.pdf", s.PDF, **target)
    assert_nothing_stored(storage_root)


def test_no_file(cast, world):
    akt = make_aktivitas(cast, "charlie")
    with pytest.raises(ValidationError):
        bukti_add_file(actor=cast.actor("charlie"), berkas=None, aktivitas_id=akt.pk)


def test_keterangan_too_long(cast, world, storage_root):
    akt = make_aktivitas(cast, "charlie")
    with pytest.raises(ValidationError) as e:
        bukti_add_file(
            actor=cast.actor("charlie"),
            berkas=s.upload("a.pdf", s.PDF),
            aktivitas_id=akt.pk,
            keterangan="x" * 256,
        )
    assert "keterangan" in e.value.message_dict
    assert_nothing_stored(storage_root)


# --- who may add ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("bob", PermissionDenied),  # the supervisor reads but does not add
        ("dina", PermissionDenied),  # a colleague
        ("eko", PermissionDenied),  # the admin
        ("fajar", PermissionDenied),  # the auditor
        ("gita", Http404),  # another agency
        ("root", PermissionDenied),  # no instansi
    ],
)
@pytest.mark.parametrize("kind", ["aktivitas", "rencana", "rhk"])
def test_only_the_owner_adds(cast, world, storage_root, who, error, kind):
    rhk = world.rhk("charlie")
    target = {
        "aktivitas": lambda: {"aktivitas_id": make_aktivitas(cast, "charlie").pk},
        "rencana": lambda: {"rencana_aksi_id": make_rencana_aksi(cast, "charlie", rhk).pk},
        "rhk": lambda: {"rhk_id": rhk.pk},
    }[kind]()
    with pytest.raises(error):
        add(cast, who, "laporan.pdf", s.PDF, **target)
    with pytest.raises(error):
        bukti_add_link(actor=cast.actor(who), tautan="https://example.com", **target)
    assert_nothing_stored(storage_root)


@pytest.mark.parametrize("status", [domain.DIVERIFIKASI, domain.DITOLAK])
def test_a_decided_activity_takes_no_new_evidence(cast, world, storage_root, status):
    akt = make_aktivitas(cast, "charlie", status=status)
    with pytest.raises(PermissionDenied, match="diverifikasi atau ditolak"):
        add(cast, "charlie", "laporan.pdf", s.PDF, aktivitas_id=akt.pk)
    assert_nothing_stored(storage_root)


def _supersede(skp: SKP) -> SKP:
    return SKP.objects.create(
        instansi_id=skp.instansi_id,
        pegawai_id=skp.pegawai_id,
        jabatan_id=skp.jabatan_id,
        periode_id=skp.periode_id,
        tanggal_mulai=skp.tanggal_mulai,
        tanggal_selesai=skp.tanggal_selesai,
        status=plans_domain.DISETUJUI,
        versi=skp.versi + 1,
        sebelumnya=skp,
    )


def test_a_replaced_skp_takes_no_new_evidence(cast, world, storage_root):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk)
    _supersede(rhk.skp)
    for target in ({"rhk_id": rhk.pk}, {"rencana_aksi_id": ra.pk}):
        with pytest.raises(PermissionDenied, match="digantikan"):
            add(cast, "charlie", "laporan.pdf", s.PDF, **target)
    assert_nothing_stored(storage_root)


# --- links ----------------------------------------------------------------------------


def test_owner_adds_a_link(cast, world):
    akt = make_aktivitas(cast, "charlie")
    b = bukti_add_link(
        actor=cast.actor("charlie"), tautan=" https://drive.example.go.id/x ", aktivitas_id=akt.pk
    )
    assert (b.jenis, b.tautan, b.berkas.name) == ("tautan", "https://drive.example.go.id/x", "")
    assert AuditEvent.objects.filter(action="bukti.create", object_id=str(b.pk)).exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example/a", "x.example", ""])
def test_a_link_must_be_http(cast, world, storage_root, url):
    akt = make_aktivitas(cast, "charlie")
    with pytest.raises(ValidationError) as e:
        bukti_add_link(actor=cast.actor("charlie"), tautan=url, aktivitas_id=akt.pk)
    assert "tautan" in e.value.message_dict
    assert_nothing_stored(storage_root)


# --- deleting -------------------------------------------------------------------------


def test_owner_deletes_and_the_file_goes_on_commit(
    cast, world, storage_root, django_capture_on_commit_callbacks
):
    akt = make_aktivitas(cast, "charlie")
    b = add(cast, "charlie", "laporan.pdf", s.PDF, aktivitas_id=akt.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bukti_delete(actor=cast.actor("charlie"), bukti_id=b.pk)
    assert not BuktiDukung.objects.exists()
    assert len(stored_files(storage_root)) == 1  # not before the commit
    for cb in callbacks:
        cb()
    assert stored_files(storage_root) == []
    event = AuditEvent.objects.get(action="bukti.delete")
    assert event.object_id == str(b.pk) and event.changes["nama_berkas"] == "laporan.pdf"


@pytest.mark.parametrize(
    ("who", "error"),
    [("bob", PermissionDenied), ("dina", PermissionDenied), ("eko", PermissionDenied),
     ("fajar", PermissionDenied), ("gita", Http404)],
)  # fmt: skip
def test_only_the_owner_deletes(cast, world, who, error):
    akt = make_aktivitas(cast, "charlie")
    b = add(cast, "charlie", "laporan.pdf", s.PDF, aktivitas_id=akt.pk)
    with pytest.raises(error):
        bukti_delete(actor=cast.actor(who), bukti_id=b.pk)
    assert BuktiDukung.objects.filter(pk=b.pk).exists()


@pytest.mark.parametrize("status", [domain.DIVERIFIKASI, domain.DITOLAK])
def test_a_decided_activity_keeps_its_evidence(cast, world, status):
    akt = make_aktivitas(cast, "charlie")
    b = add(cast, "charlie", "laporan.pdf", s.PDF, aktivitas_id=akt.pk)
    akt.status = status
    akt.save()
    with pytest.raises(PermissionDenied):
        bukti_delete(actor=cast.actor("charlie"), bukti_id=b.pk)
    assert BuktiDukung.objects.filter(pk=b.pk).exists()
    assert not AuditEvent.objects.filter(action="bukti.delete").exists()


def test_rhk_evidence_of_a_replaced_skp_is_kept(cast, world):
    rhk = world.rhk("charlie")
    b = add(cast, "charlie", "laporan.pdf", s.PDF, rhk_id=rhk.pk)
    _supersede(rhk.skp)
    with pytest.raises(PermissionDenied):
        bukti_delete(actor=cast.actor("charlie"), bukti_id=b.pk)


def test_deleting_a_link(cast, world):
    rhk = world.rhk("charlie")
    b = bukti_add_link(actor=cast.actor("charlie"), tautan="https://example.com", rhk_id=rhk.pk)
    bukti_delete(actor=cast.actor("charlie"), bukti_id=b.pk)
    assert not BuktiDukung.objects.exists()


# --- settings -------------------------------------------------------------------------


def test_admin_updates_the_settings(cast):
    row = pengaturan_update(
        actor=cast.actor("eko"), maks_unggah_kb=10240, menit_kerja_harian=480, batas_teks_berulang=7
    )
    assert (row.instansi_id, row.maks_unggah_kb, row.menit_kerja_harian) == (cast.a.pk, 10240, 480)
    event = AuditEvent.objects.get(action="pengaturan.update")
    assert event.changes["maks_unggah_kb"] == [5120, 10240]
    from ..selectors.pengaturan import pengaturan

    assert pengaturan(cast.a.pk).batas_teks_berulang == 7
    assert pengaturan(cast.b.pk) == domain.DEFAULT_SETTINGS
    # the same values again: nothing to audit
    pengaturan_update(
        actor=cast.actor("eko"), maks_unggah_kb=10240, menit_kerja_harian=480, batas_teks_berulang=7
    )
    assert AuditEvent.objects.filter(action="pengaturan.update").count() == 1
    assert PengaturanPelaksanaan.objects.count() == 1


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "fajar", "gita", "root"])
def test_only_the_admin_updates_the_settings(cast, who):
    with pytest.raises(PermissionDenied):
        pengaturan_update(
            actor=cast.actor(who),
            maks_unggah_kb=1000,
            menit_kerja_harian=480,
            batas_teks_berulang=5,
        )
    assert not PengaturanPelaksanaan.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("maks_unggah_kb", 99), ("maks_unggah_kb", 51201), ("menit_kerja_harian", 59),
     ("menit_kerja_harian", 1441), ("batas_teks_berulang", 1), ("batas_teks_berulang", 32),
     ("maks_unggah_kb", True)],
)  # fmt: skip
def test_settings_are_bounded(cast, field, value):
    values = {"maks_unggah_kb": 5120, "menit_kerja_harian": 450, "batas_teks_berulang": 5}
    values[field] = value
    with pytest.raises(ValidationError) as e:
        pengaturan_update(actor=cast.actor("eko"), **values)
    assert list(e.value.message_dict) == [field]
    assert not PengaturanPelaksanaan.objects.exists()
