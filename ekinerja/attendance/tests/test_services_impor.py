"""services.impor: a device's punch file (attlog, CSV, XLSX) previewed with its counts
and bad lines by number, committed in chunks with the unique key so the same file
twice adds nothing, unknown PINs held, device clock flags stored, bad lines kept out
unless the admin confirms, large files through the worker (issue 13 §3, "Bad input")."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from ekinerja.core.models import AuditEvent
from ekinerja.core.msg import Msg

from ..models import ImporPresensi, PinPegawai, Presensi
from ..services import impor
from .factories import MONDAY, at, attlog_text, make_mesin, status

pytestmark = pytest.mark.django_db

D = MONDAY.isoformat()


def _file(cast) -> bytes:
    return (
        attlog_text(  # in time order, as a device logs
            ("501", f"{D} 07:20:00", 0),  # mapped in the PIN table to dina
            ("999", f"{D} 07:21:00", 0),  # nobody: held
            (cast.charlie.nip, f"{D} 07:35:00", 0),
            ("501", f"{D} 16:01:00", 1),
            (cast.charlie.nip, f"{D} 16:02:00", 1),
            (cast.charlie.nip, f"{D} 16:02:00", 1),  # the same record again
        )
        + b"this is not an attlog line\n"
        + attlog_text(("999", "2030-01-01 08:00:00", 0))  # a clock far ahead
    )


@pytest.fixture
def scene(cast):
    PinPegawai.objects.create(instansi=cast.a, pin="501", pegawai=cast.dina)
    return make_mesin(cast)


def test_preview_counts_and_bad_lines_by_number(cast, scene):
    batch = impor.impor_prepare(
        actor=cast.actor("eko"), mesin=scene, nama_berkas="1_attlog.dat", data=_file(cast)
    )
    s = batch.ringkasan
    assert batch.format == "attlog" and batch.status == "pratinjau"
    assert (s["baris"], s["baru"], s["sudah_ada"], s["berulang"]) == (8, 6, 0, 1)
    assert (s["pin_tidak_dikenal"], s["pin_contoh"], s["baris_rusak"]) == (2, ["999"], 1)
    assert s["tanda_jam"] == 1
    assert "masa depan" in str(Msg.from_json(s["tanda_contoh"][0]))
    assert [e["baris"] for e in batch.kesalahan] == [7]
    assert str(Msg.from_json(batch.kesalahan[0]["pesan"])).startswith("Baris tidak dapat dibaca")
    assert not Presensi.objects.exists()


def test_commit_needs_consent_for_bad_lines_then_stores_and_recomputes(cast, scene):
    eko = cast.actor("eko")
    batch = impor.impor_prepare(
        actor=eko, mesin=scene, nama_berkas="1_attlog.dat", data=_file(cast)
    )
    with pytest.raises(ValidationError, match="1 baris rusak"):
        impor.impor_commit(actor=eko, impor=batch)
    assert not Presensi.objects.exists()
    done = impor.impor_commit(actor=eko, impor=batch, terima_baris_rusak=True)
    assert done.status == "diterapkan" and bytes(done.isi) == b""
    assert Presensi.objects.count() == 6
    held = Presensi.objects.filter(pegawai__isnull=True).order_by("waktu")
    assert [p.pin for p in held] == ["999", "999"]
    future = held.last()
    assert future is not None
    assert (future.tanda, future.ditandai) == (["masa_depan"], True)
    assert Presensi.objects.filter(ditandai=True).count() == 1
    first = Presensi.objects.get(pin=cast.charlie.nip, status=0)
    assert first.baris.startswith(cast.charlie.nip + "\t") and first.sumber == "berkas"
    assert first.impor_id == batch.pk
    assert status(cast, "charlie", MONDAY).kode_tl == "TL1"
    assert status(cast, "dina", MONDAY).status == "hadir"
    event = AuditEvent.objects.get(action="impor_presensi.commit")
    assert (event.changes["baru"], event.changes["pin_tidak_dikenal"]) == (6, 2)
    assert event.changes["sha256"] == batch.sha256
    with pytest.raises(ValidationError, match="sudah diterapkan"):
        impor.impor_commit(actor=eko, impor=batch, terima_baris_rusak=True)


def test_the_same_file_twice_adds_nothing(cast, scene):
    eko = cast.actor("eko")
    data = attlog_text((cast.charlie.nip, f"{D} 07:35:00", 0), ("999", f"{D} 07:21:00", 0))
    first = impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.dat", data=data)
    impor.impor_commit(actor=eko, impor=first)
    again = impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.dat", data=data)
    assert (again.ringkasan["baru"], again.ringkasan["sudah_ada"]) == (0, 2)
    impor.impor_commit(actor=eko, impor=again)
    assert Presensi.objects.count() == 2
    event = AuditEvent.objects.filter(action="impor_presensi.commit").order_by("pk").last()
    assert event is not None and event.changes["baru"] == 0


def test_clock_state_carries_across_chunks(cast, scene, monkeypatch):
    """A device clock set back is flagged even when the step falls between chunks."""
    monkeypatch.setattr(impor, "CHUNK", 2)
    rows = [(cast.charlie.nip, f"{D} {h}:00:00", 255) for h in ("08", "09", "10")]
    rows.append((cast.charlie.nip, f"{D} 07:00:00", 255))  # 3 hours back, in chunk 2
    eko = cast.actor("eko")
    batch = impor.impor_prepare(
        actor=eko, mesin=scene, nama_berkas="a.dat", data=attlog_text(*rows)
    )
    assert batch.ringkasan["tanda_jam"] == 1
    impor.impor_commit(actor=eko, impor=batch)
    assert list(Presensi.objects.filter(ditandai=True).values_list("tanda", flat=True)) == [
        ["mundur"]
    ]
    assert Presensi.objects.count() == 4


def test_csv_with_nip_date_and_time_columns(cast, scene):
    nip = "19900520 201503 1 003"  # charlie's NIP as printed
    text = f"NIP;Tanggal;Jam;Status\n{nip};08-06-2026;07:31;0\n{nip};08-06-2026;16:00:00;1\n;;;\n"
    text += "12;kemarin;07:00;0\n"
    batch = impor.impor_prepare(
        actor=cast.actor("eko"), mesin=scene, nama_berkas="absen.csv", data=text.encode()
    )
    assert batch.format == "csv"
    assert (batch.ringkasan["baru"], batch.ringkasan["baris_rusak"]) == (2, 1)
    assert batch.kesalahan[0]["baris"] == 5
    impor.impor_commit(actor=cast.actor("eko"), impor=batch, terima_baris_rusak=True)
    day = status(cast, "charlie", MONDAY)
    assert (day.kode_tl, day.menit_terlambat) == ("TL1", 1)
    assert set(Presensi.objects.values_list("sumber", flat=True)) == {"csv"}


def test_xlsx_with_a_datetime_column(cast, scene):
    book = Workbook()
    sheet = book.active
    sheet.append(["PIN", "Waktu"])
    sheet.append(["501", dt.datetime(2026, 6, 8, 7, 29, 59)])
    sheet.append([501.0, "2026-06-08 16:30:00"])
    sheet.append([1.9900520201503e17, "2026-06-08 16:30:00"])  # a NIP Excel made a number
    buf = io.BytesIO()
    book.save(buf)
    batch = impor.impor_prepare(
        actor=cast.actor("eko"), mesin=scene, nama_berkas="absen.xlsx", data=buf.getvalue()
    )
    assert (batch.ringkasan["baru"], batch.ringkasan["baris_rusak"]) == (2, 1)
    assert "teks" in str(Msg.from_json(batch.kesalahan[0]["pesan"]))
    impor.impor_commit(actor=cast.actor("eko"), impor=batch, terima_baris_rusak=True)
    assert status(cast, "dina", MONDAY).kode_tl == ""
    assert Presensi.objects.get(status=255, waktu=at(MONDAY, "07:29:59")).pegawai_id == cast.dina.pk


def test_queue_commits_through_the_worker_and_cancel_keeps_nothing(
    cast, scene, django_capture_on_commit_callbacks
):
    eko = cast.actor("eko")
    data = attlog_text((cast.charlie.nip, f"{D} 07:35:00", 0))
    batch = impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.dat", data=data)
    with pytest.raises(ValidationError):
        impor.impor_queue(
            actor=eko,
            impor=impor.impor_prepare(
                actor=eko, mesin=scene, nama_berkas="b.dat", data=_file(cast)
            ),
        )
    with django_capture_on_commit_callbacks(execute=True):
        impor.impor_queue(actor=eko, impor=batch)  # the test backend runs the task
    batch.refresh_from_db()
    assert batch.status == "diterapkan" and Presensi.objects.count() == 1
    other = impor.impor_prepare(
        actor=eko, mesin=scene, nama_berkas="c.dat", data=attlog_text(("999", f"{D} 08:00:00", 0))
    )
    impor.impor_cancel(actor=eko, impor=other)
    other.refresh_from_db()
    assert other.status == "dibatalkan" and bytes(other.isi) == b""
    assert Presensi.objects.count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"impor_presensi.queue", "impor_presensi.commit", "impor_presensi.cancel"} <= actions


def test_refusals(cast, scene):
    eko = cast.actor("eko")
    theirs = make_mesin(cast, "SNBETA01", unit=cast.gita.unit)
    with pytest.raises(ValidationError):
        impor.impor_prepare(
            actor=eko, mesin=theirs, nama_berkas="a.dat", data=b"1\t2026-06-08 07:00:00"
        )
    with pytest.raises(ValidationError, match="kosong"):
        impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.dat", data=b"")
    with pytest.raises(ValidationError, match="tidak didukung"):
        impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.xls", data=b"x")
    with pytest.raises(ValidationError, match="NIP atau PIN"):
        impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.csv", data=b"nama;waktu\nx;y\n")
    with pytest.raises(ValidationError, match="bukan teks"):
        impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.dat", data=b"PK\x03\x04...")
    with pytest.raises(ValidationError, match="tidak berisi"):
        impor.impor_prepare(actor=eko, mesin=scene, nama_berkas="a.dat", data=b"\n\n")
    with pytest.raises(PermissionDenied):
        impor.impor_prepare(
            actor=cast.actor("fajar"),
            mesin=scene,
            nama_berkas="a.dat",
            data=b"1\t2026-06-08 07:00:00",
        )
    scene.aktif = False
    scene.save()
    with pytest.raises(ValidationError, match="tidak aktif"):
        impor.impor_prepare(
            actor=eko, mesin=scene, nama_berkas="a.dat", data=b"1\t2026-06-08 07:00:00"
        )
    assert not ImporPresensi.objects.exists()


def test_a_worker_that_cannot_commit_returns_the_batch_to_preview(
    cast, scene, monkeypatch, django_capture_on_commit_callbacks
):
    eko = cast.actor("eko")
    batch = impor.impor_prepare(
        actor=eko, mesin=scene, nama_berkas="a.dat", data=attlog_text(("999", f"{D} 08:00:00", 0))
    )

    def refuse(**kwargs):
        raise ValidationError("Data berubah.")

    monkeypatch.setattr(impor, "impor_commit", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        impor.impor_queue(actor=eko, impor=batch)
    batch.refresh_from_db()
    assert batch.status == "pratinjau"
    assert batch.ringkasan["galat_tugas"] == ["Data berubah."]
    assert not Presensi.objects.exists()
