"""Import of units, positions and staff: bad input is reported by row and column and
writes nothing; good input previews, then commits all or nothing; re-imports are no-ops."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ekinerja.core.models import AuditEvent, Role, RoleAssignment, User
from ekinerja.core.roles import Actor, actor_for_user
from ekinerja.core.tabular import cell_text
from ekinerja.core.tabular import parse_nip_cell as parse_nip
from ekinerja.org.domain import ESELON_CODES, JENIS_CODES, JENJANG_CODES
from ekinerja.org.domain import parse_golongan_cell as parse_golongan
from ekinerja.org.imports import pegawai as import_pegawai
from ekinerja.org.imports.batches import (
    import_cancel,
    import_commit,
    import_prepare,
    rendered_errors,
)
from ekinerja.org.imports.columns import KINDS, column_names
from ekinerja.org.imports.rules import parse_date, parse_jenis
from ekinerja.org.models import (
    ImportBatch,
    Instansi,
    Jabatan,
    Pegawai,
    RiwayatJabatan,
    UnitKerja,
)
from ekinerja.org.seeding.demo import demo_instansi, seed_demo
from ekinerja.org.seeding.logins import KODE_ADMIN, KODE_BUPATI, holder
from ekinerja.org.services.pegawai import pegawai_create
from ekinerja.org.services.units import unit_create

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PEGAWAI_HEADER = column_names("pegawai")
BUDI = {
    "nip": "198609262015051001", "nama": "Budi Hartono", "gelar_depan": "",
    "gelar_belakang": "S.E.", "jenis_kelamin": "L", "tempat_lahir": "Medan",
    "tanggal_lahir": "26-09-1986", "status": "PNS", "golongan": "III/b",
    "kode_jabatan": "J-PELAKSANA", "tmt_jabatan": "02-01-2024", "email": "budi@contoh.go.id",
    "telepon": "0812",
}  # fmt: skip


def csv_bytes(header: list[str], rows: list[list[Any]], *, sep: str = ",", enc="utf-8") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode(enc)


def xlsx_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def pegawai_file(*rows: dict[str, Any], fmt: str = "csv") -> tuple[str, bytes]:
    body = [[r.get(c, "") for c in PEGAWAI_HEADER] for r in rows]
    if fmt == "xlsx":
        return "pegawai.xlsx", xlsx_bytes(PEGAWAI_HEADER, body)
    return "pegawai.csv", csv_bytes(PEGAWAI_HEADER, body)


def prepare(cast, kind: str, name: str, data: bytes, who: str = "eko") -> ImportBatch:
    return import_prepare(actor=cast.actor(who), kind=kind, filename=name, data=data)


def commit(cast, batch: ImportBatch) -> ImportBatch:
    return import_commit(actor=cast.actor("eko"), batch=batch)


def counts() -> tuple[int, ...]:
    return (
        UnitKerja.objects.count(),
        Jabatan.objects.count(),
        Pegawai.objects.count(),
        User.objects.count(),
        RiwayatJabatan.objects.count(),
        AuditEvent.objects.count(),
    )


def errors_of(batch: ImportBatch) -> list[dict[str, Any]]:
    return rendered_errors(batch.errors)


def sample(kind: str, fmt: str) -> tuple[str, bytes]:
    return f"{kind}.{fmt}", (SAMPLES / f"{kind}.{fmt}").read_bytes()


# --- bad rows: every problem by row and column, nothing written ----------------------------

PEGAWAI_CASES = [
    ("bad NIP", [{**BUDI, "nip": "198613262015051001"}], 2, "nip", "bukan tanggal lahir"),
    ("NIP 17 digits", [{**BUDI, "nip": "19860926201505100"}], 2, "nip", "18 digit"),
    ("unknown jabatan", [{**BUDI, "kode_jabatan": "J-TIDAK-ADA"}], 2, "kode_jabatan",
     "tidak ada di instansi ini"),
    ("duplicate NIP in file", [BUDI, {**BUDI, "nama": "Budi Lain"}], 3, "nip",
     "sudah ada di baris 2"),
    ("NIP of someone in another instansi", [{**BUDI, "nip": "199208082018012007",
     "jenis_kelamin": "P", "tanggal_lahir": "08-08-1992"}], 2, "nip",
     "NIP 199208082018012007 tidak dapat digunakan. Periksa kembali NIP-nya; bila sudah "
     "benar, hubungi admin platform."),  # the staff form's words: nothing about where
    ("birth date disagrees with NIP", [{**BUDI, "tanggal_lahir": "27-09-1986"}], 2,
     "tanggal_lahir", "Tanggal lahir tidak sesuai NIP"),
    ("gender disagrees with NIP", [{**BUDI, "jenis_kelamin": "P"}], 2, "jenis_kelamin",
     "Jenis kelamin tidak sesuai NIP"),
    ("golongan not for PNS", [{**BUDI, "golongan": "IX"}], 2, "golongan",
     "bukan golongan/ruang PNS"),
    ("golongan not for PPPK", [{**BUDI, "nip": "200012312024211001", "status": "PPPK",
     "tanggal_lahir": "31-12-2000", "golongan": "III/a"}], 2, "golongan",
     "bukan golongan PPPK"),
    ("PPPK NI with status PNS", [{**BUDI, "nip": "200012312024211001",
     "tanggal_lahir": "31-12-2000"}], 2, "status", "NI PPPK"),
    ("unknown status", [{**BUDI, "status": "Honorer"}], 2, "status", "PNS, CPNS, atau PPPK"),
    ("bad date", [{**BUDI, "tanggal_lahir": "1986.09.26"}], 2, "tanggal_lahir",
     "tidak dikenali"),
    ("position without TMT", [{**BUDI, "tmt_jabatan": ""}], 2, "tmt_jabatan", "wajib diisi"),
    ("bad email", [{**BUDI, "email": "budi@"}], 2, "email", "email tidak sah"),
    ("missing name", [{**BUDI, "nama": ""}], 2, "nama", "wajib diisi"),
    ("NIP mangled by Excel", [{**BUDI, "nip": "1.98609262015051E+17"}], 2, "nip",
     "Format kolom NIP sebagai Teks"),
    ("second row bad", [BUDI, {**BUDI, "nip": "198609262015051002", "golongan": "V/a"}], 3,
     "golongan", "bukan golongan/ruang PNS"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("label", "rows", "row", "column", "message"), PEGAWAI_CASES, ids=[c[0] for c in PEGAWAI_CASES]
)
def test_bad_pegawai_rows_are_reported_and_nothing_is_written(
    cast, label, rows, row, column, message, fmt
):
    before = counts()
    batch = prepare(cast, "pegawai", *pegawai_file(*rows, fmt=fmt))
    found = [(e["row"], e["column"], e["message"]) for e in errors_of(batch)]
    assert any(r == row and c == column and message in m for r, c, m in found), found
    assert batch.status == ImportBatch.Status.PREVIEW
    with pytest.raises(ValidationError):
        commit(cast, batch)
    assert counts() == before


UNIT_HEADER = column_names("unit")
UNIT_CASES = [
    ("unknown parent", [["U1", "Unit Satu", "", "TIDAK-ADA", "tidak"]], 2, "kode_induk",
     "tidak ada di berkas ini maupun di sistem"),
    ("cycle in file", [["U1", "Satu", "", "U2", ""], ["U2", "Dua", "", "U1", ""]], 3,
     "kode_induk", "membentuk lingkaran: U2 → U1 → U2"),
    ("cycle through the database", [["PEMKAB", "Pemkab", "", "BIDANG1", ""]], 2,
     "kode_induk", "membentuk lingkaran"),
    ("own parent", [["U1", "Satu", "", "U1", ""]], 2, "kode_induk", "dirinya"),
    ("duplicate kode", [["U1", "Satu", "", "", ""], ["u1", "Satu lagi", "", "", ""]], 3,
     "kode", "sudah ada di baris 2"),
    ("bad yes/no", [["U1", "Satu", "", "", "mungkin"]], 2, "opd", "ya atau tidak"),
    ("name too long", [["U1", "x" * 300, "", "", ""]], 2, "nama", "paling banyak 255"),
]  # fmt: skip

JABATAN_HEADER = column_names("jabatan")
JABATAN_CASES = [
    ("unknown unit", [["J1", "Staf", "TIDAK-ADA", "", "Pelaksana", "", "", "5", ""]], 2,
     "kode_unit", "Impor unit kerja lebih dahulu"),
    ("kelas 18", [["J1", "Staf", "BIDANG1", "", "Pelaksana", "", "", "18", ""]], 2, "kelas",
     "antara 1 dan 17"),
    ("kelas not a number", [["J1", "Staf", "BIDANG1", "", "Pelaksana", "", "", "lima", ""]], 2,
     "kelas", "angka 1 sampai 17"),
    ("fungsional without jenjang", [["J1", "Analis", "BIDANG1", "J-KABID", "Fungsional", "",
     "", "8", ""]], 2, "jenjang", "wajib mempunyai jenjang"),
    ("jenjang for pelaksana", [["J1", "Staf", "BIDANG1", "", "Pelaksana", "Ahli Muda", "", "",
     ""]], 2, "jenjang", "hanya untuk jabatan fungsional"),
    ("unknown jenis", [["J1", "Staf", "BIDANG1", "", "Struktural", "", "", "", ""]], 2, "jenis",
     "Jenis jabatan tidak dikenal"),
    ("bad eselon", [["J1", "Staf", "BIDANG1", "", "Pengawas", "", "V.a", "", ""]], 2, "eselon",
     "I.a sampai IV.b"),
    ("unknown atasan", [["J1", "Staf", "BIDANG1", "J-X", "Pelaksana", "", "", "", ""]], 2,
     "kode_jabatan_atasan", "tidak ada di berkas ini maupun di sistem"),
    ("cycle through the database", [["J-KADIS", "Kepala Dinas", "DINAS", "J-KABID",
     "JPT Pratama", "", "II.b", "14", "ya"]], 2, "kode_jabatan_atasan", "membentuk lingkaran"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("kind", "label", "rows", "row", "column", "message"),
    [("unit", *c) for c in UNIT_CASES] + [("jabatan", *c) for c in JABATAN_CASES],
    ids=[f"unit-{c[0]}" for c in UNIT_CASES] + [f"jabatan-{c[0]}" for c in JABATAN_CASES],
)
def test_bad_unit_and_jabatan_rows(cast, kind, label, rows, row, column, message, fmt):
    header = UNIT_HEADER if kind == "unit" else JABATAN_HEADER
    data = xlsx_bytes(header, rows) if fmt == "xlsx" else csv_bytes(header, rows)
    before = counts()
    batch = prepare(cast, kind, f"{kind}.{fmt}", data)
    found = [(e["row"], e["column"], e["message"]) for e in errors_of(batch)]
    assert any(r == row and c == column and message in m for r, c, m in found), found
    with pytest.raises(ValidationError):
        commit(cast, batch)
    assert counts() == before


def test_missing_required_column_is_reported_on_the_header_row(cast):
    header = [c for c in PEGAWAI_HEADER if c != "status"]
    batch = prepare(cast, "pegawai", "p.csv", csv_bytes(header, [["198609262015051001"]]))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(1, "status")]
    assert "Kolom wajib status" in errors_of(batch)[0]["message"]


FILE_CASES = [
    ("xlsx disguised as csv", "pegawai.csv", lambda: xlsx_bytes(["nip"], [["1"]]),
     "bukan CSV teks"),
    ("csv disguised as xlsx", "pegawai.xlsx", lambda: b"nip,nama\n1,Budi\n",
     "bukan berkas Excel (.xlsx) yang sah"),
    ("zip that is not a workbook", "pegawai.xlsx", lambda: _zip_bytes(), "bukan berkas Excel"),
    ("old Excel", "pegawai.xls", lambda: b"\xd0\xcf\x11\xe0", "Format .xls tidak didukung"),
    ("pdf", "pegawai.pdf", lambda: b"%PDF-1.4", "bukan CSV atau XLSX"),
    ("empty", "pegawai.csv", lambda: b"", "Berkas kosong"),
    ("header only", "pegawai.csv", lambda: b"nip,nama,status,golongan\n", "tidak berisi baris"),
    ("undecodable", "pegawai.csv", lambda: b"nip,nama\n1,\x81\x8d\x8f\x90\x9d\n",
     "CSV UTF-8"),
]  # fmt: skip


def _zip_bytes() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "bukan excel")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("label", "name", "data", "message"), FILE_CASES, ids=[c[0] for c in FILE_CASES]
)
def test_unreadable_files_are_refused_with_a_message(cast, label, name, data, message):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        prepare(cast, "pegawai", name, data())
    assert message in " ".join(exc.value.messages)
    assert counts() == before
    assert not ImportBatch.objects.exists()


def test_too_big(cast, settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        prepare(cast, "pegawai", *pegawai_file(BUDI, BUDI, BUDI))
    assert "terlalu besar" in " ".join(exc.value.messages)
    assert not ImportBatch.objects.exists()


# --- good files --------------------------------------------------------------------------


SAMPLE_ROWS = {"unit": 7, "jabatan": 10, "pegawai": 10}


def _admin_of_a_new_agency() -> Actor:
    """A first-time agency: no units, positions or staff yet."""
    inst = Instansi.objects.create(kode="KAB-BARU", nama="Pemerintah Kabupaten Baru",
                                   jenis="kabupaten")  # fmt: skip
    user = User.objects.create_user(username="admin-baru", instansi=inst)
    RoleAssignment.objects.create(instansi=inst, user=user, role=Role.ADMIN)
    actor = actor_for_user(user)
    assert actor is not None
    return actor


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_samples_import_cleanly_and_reimport_changes_nothing(cast, fmt):
    admin = _admin_of_a_new_agency()
    for kind in KINDS:
        name, data = sample(kind, fmt)
        batch = import_prepare(actor=admin, kind=kind, filename=name, data=data)
        assert batch.errors == [], (kind, errors_of(batch))
        assert batch.summary["create"] == SAMPLE_ROWS[kind]
        import_commit(actor=admin, batch=batch)
        again = import_prepare(actor=admin, kind=kind, filename=name, data=data)
        assert (again.summary["create"], again.summary["update"]) == (0, 0)
        assert again.summary["unchanged"] == SAMPLE_ROWS[kind]
    inst = admin.instansi_id
    assert inst is not None
    budi = Pegawai.objects.get(instansi_id=inst, nip="198104292006041003")
    assert budi.nama_lengkap == "Budi Hartono, S.E."
    assert budi.jabatan is not None and budi.unit is not None and budi.atasan is not None
    assert budi.user is not None
    assert budi.jabatan.kode == "DISPUSIP-B1-KEPALA" and budi.unit.kode == "DISPUSIP-B1"
    assert budi.atasan.nip == "197203291998031002"  # Kepala Dinas, from the org chart
    # no gender or birth date columns: both read from the NIP (rules §6)
    assert (budi.jenis_kelamin, budi.tanggal_lahir) == ("L", dt.date(1981, 4, 29))
    assert budi.user.username == budi.nip and not budi.user.has_usable_password()
    assert budi.user.instansi_id == inst
    assert RiwayatJabatan.objects.get(pegawai=budi).tmt_mulai == dt.date(2021, 7, 1)
    pppk = Pegawai.objects.get(instansi_id=inst, nip="200001292024212002")
    assert (pppk.status, pppk.golongan, pppk.jenis_kelamin) == ("PPPK", "IX", "P")
    bidang = UnitKerja.objects.get(instansi_id=inst, kode="DISPUSIP-B1")
    assert bidang.path.startswith(UnitKerja.objects.get(instansi_id=inst, kode="DISPUSIP").path)
    assert bidang.depth == 2


def test_each_sample_imports_into_the_demo_agency_as_new_data(cast):
    """A first-time user of the demo (what `make run` seeds) imports the three samples in
    order: no errors, nothing of the demo changed, the samples' two agencies appear under
    the demo regency, their heads reporting to the demo's Bupati. The samples used to
    reuse the demo's unit codes and renamed or moved its Setda and Dinas Pendidikan."""
    seed_demo()
    demo = demo_instansi()
    assert demo is not None
    boss = holder(demo, KODE_ADMIN)
    assert boss is not None and boss.user is not None
    admin = actor_for_user(boss.user)
    assert admin is not None
    bupati = holder(demo, KODE_BUPATI)
    unchanged = {"unit": 1, "jabatan": 1, "pegawai": 0}  # the regency and its Bupati
    for kind in KINDS:
        batch = import_prepare(actor=admin, kind=kind, filename=f"{kind}.csv",
                                       data=sample(kind, "csv")[1])  # fmt: skip
        assert errors_of(batch) == [], kind
        s = batch.summary
        assert (s["create"], s["update"], s["unchanged"]) == (
            SAMPLE_ROWS[kind] - unchanged[kind],
            0,
            unchanged[kind],
        ), kind
        import_commit(actor=admin, batch=batch)
    kadis = Pegawai.objects.get(instansi=demo, nip="197203291998031002")
    assert kadis.jabatan is not None
    assert kadis.jabatan.kode == "DISPUSIP-KEPALA" and kadis.atasan == bupati
    dispusip = UnitKerja.objects.get(instansi=demo, kode="DISPUSIP")
    assert dispusip.parent is not None and dispusip.parent.kode == "PEMKAB"


def test_units_may_refer_to_a_parent_later_in_the_file(cast):
    rows = [
        ["C", "Cucu", "", "B", ""],
        ["B", "Anak", "", "A", ""],
        ["A", "Induk", "", "DINAS", "ya"],
    ]
    commit(cast, prepare(cast, "unit", "u.csv", csv_bytes(UNIT_HEADER, rows)))
    a, b, c = (UnitKerja.objects.get(instansi=cast.a, kode=k) for k in "ABC")
    assert (c.parent, b.parent, a.parent) == (b, a, cast.dinas)
    assert c.path == f"{cast.dinas.path}{a.pk:08d}.{b.pk:08d}.{c.pk:08d}." and c.depth == 4
    assert a.is_opd


def test_moving_a_unit_rewrites_the_subtree_paths(cast):
    rows = [["BIDANG1", "Bidang Satu", "", "BKPSDM", "tidak"]]
    batch = prepare(cast, "unit", "u.csv", csv_bytes(UNIT_HEADER, rows))
    assert batch.rows[0]["changes"] == {"kode_induk": ["DINAS", "BKPSDM"]}
    commit(cast, batch)
    cast.bidang.refresh_from_db()
    assert cast.bidang.parent == cast.bkpsdm
    assert cast.bidang.path.startswith(cast.bkpsdm.path)


def load_samples(cast, *kinds: str) -> None:
    for kind in kinds:
        commit(cast, prepare(cast, kind, *sample(kind, "csv")))


def test_changed_name_updates_one_row_by_nip(cast):
    load_samples(cast, "unit", "jabatan", "pegawai")
    text = (SAMPLES / "pegawai.csv").read_text().replace("Rina Marlina", "Rina Marlina Siregar")
    batch = prepare(cast, "pegawai", "pegawai.csv", text.encode())
    assert (batch.summary["create"], batch.summary["update"], batch.summary["unchanged"]) == (
        0, 1, 9,
    )  # fmt: skip
    changed = [r for r in batch.rows if r["action"] == "update"]
    assert changed[0]["row"] == 5
    assert changed[0]["changes"] == {"nama": ["Rina Marlina", "Rina Marlina Siregar"]}
    commit(cast, batch)
    rina = Pegawai.objects.get(instansi=cast.a, nip="198512302010012004")
    assert rina.nama == "Rina Marlina Siregar"
    assert rina.user is not None
    assert rina.user.first_name == "Rina Marlina Siregar, S.I.P."
    event = AuditEvent.objects.get(action="pegawai.update", object_id=str(rina.pk))
    assert event.changes == {"nama": ["Rina Marlina", "Rina Marlina Siregar"]}
    assert event.actor == cast.eko.user


def test_commit_writes_one_event_per_changed_row_and_a_summary(cast):
    batch = prepare(cast, "jabatan", *sample("jabatan", "xlsx"))
    with pytest.raises(ValidationError):  # its units are not there yet
        commit(cast, batch)
    commit(cast, prepare(cast, "unit", *sample("unit", "csv")))
    before = AuditEvent.objects.count()
    batch = commit(cast, prepare(cast, "jabatan", *sample("jabatan", "xlsx")))
    assert AuditEvent.objects.count() == before + 10 + 1
    summary = AuditEvent.objects.get(action="import.commit", object_id=str(batch.pk))
    assert summary.changes["baru"] == 10 and summary.changes["tidak_berubah"] == 0
    assert batch.status == ImportBatch.Status.COMMITTED and batch.committed_at
    kadis = Jabatan.objects.get(instansi=cast.a, kode="DISPUSIP-KEPALA")
    assert (kadis.jenis, kadis.eselon, kadis.kelas, kadis.is_head) == (
        "jpt_pratama",
        "II.b",
        14,
        True,
    )
    assert kadis.parent is not None and kadis.parent.kode == "BUPATI"
    prakom = Jabatan.objects.get(instansi=cast.a, kode="DISPUSIP-B1-ARSIPARIS")
    assert (prakom.jenis, prakom.jenjang) == ("fungsional", "terampil")


def test_existing_staff_changes_position_through_import(cast):
    row = {
        "nip": cast.charlie.nip, "nama": cast.charlie.nama, "status": "PNS", "golongan": "II/c",
        "kode_jabatan": "J-ADMIN", "tmt_jabatan": "2024-01-01",
    }  # fmt: skip
    header = list(row)
    batch = prepare(cast, "pegawai", "p.csv", csv_bytes(header, [list(row.values())]))
    assert batch.errors == []
    assert batch.rows[0]["changes"] == {
        "kode_jabatan": ["J-PELAKSANA", "J-ADMIN"],
        "tmt_jabatan": ["2020-01-01", "2024-01-01"],
    }
    commit(cast, batch)
    cast.charlie.refresh_from_db()
    assert cast.charlie.jabatan.kode == "J-ADMIN" and cast.charlie.unit == cast.bkpsdm
    assert cast.charlie.atasan is None  # J-ADMIN has no parent position
    history = list(RiwayatJabatan.objects.filter(pegawai=cast.charlie).order_by("tmt_mulai"))
    assert [(h.jabatan.kode, h.tmt_selesai) for h in history] == [
        ("J-PELAKSANA", dt.date(2023, 12, 31)),
        ("J-ADMIN", None),
    ]


def test_new_position_must_start_after_the_current_one(cast):
    row = [cast.charlie.nip, cast.charlie.nama, "PNS", "II/c", "J-ADMIN", "01-01-2019"]
    header = ["nip", "nama", "status", "golongan", "kode_jabatan", "tmt_jabatan"]
    batch = prepare(cast, "pegawai", "p.csv", csv_bytes(header, [row]))
    assert [(e["column"], e["message"]) for e in errors_of(batch)] == [
        ("tmt_jabatan", "TMT jabatan harus sesudah TMT jabatan sebelumnya (01-01-2020).")
    ]


def test_columns_absent_from_the_file_are_left_alone_and_blank_identity_comes_from_nip(cast):
    header = ["NIP", "Nama", "Status", "Golongan"]  # headers in any case
    rows = [[f"{cast.dina.nip[:8]} {cast.dina.nip[8:14]} 2 004", "Dina Lestari", "pns", "iii-a"]]
    batch = prepare(cast, "pegawai", "p.csv", csv_bytes(header, rows, sep=";"))
    assert batch.errors == [] and batch.summary["unchanged"] == 1
    new = ["199001012015011009", "Eka", "PNS", "IIIb"]
    batch = prepare(cast, "pegawai", "p.csv", csv_bytes(header, [new]))
    commit(cast, batch)
    eka = Pegawai.objects.get(nip="199001012015011009")
    assert (eka.jenis_kelamin, eka.tanggal_lahir, eka.golongan) == (
        "L",
        dt.date(1990, 1, 1),
        "III/b",
    )
    assert eka.jabatan is None


def test_header_aliases_bom_and_windows_encoding(cast):
    header = ["Kode Unit", "NAMA_UNIT", "Kode_Induk", "OPD"]
    data = csv_bytes(header, [["U1", "Bagian Umum – Tata Usaha", "DINAS", "Ya"]], enc="cp1252")
    batch = prepare(cast, "unit", "u.csv", data)
    assert batch.errors == [] and batch.rows[0]["values"]["nama"] == "Bagian Umum – Tata Usaha"
    data = b"\xef\xbb\xbf" + csv_bytes(["kode", "nama"], [["U1", "Bagian Ümum"]])
    batch = prepare(cast, "unit", "u.csv", data)
    assert batch.errors == [] and batch.summary["columns"] == ["kode", "nama"]


def test_excel_dates_are_read_and_a_numeric_nip_is_refused_with_advice(cast):
    row = {**BUDI, "tanggal_lahir": dt.datetime(1986, 9, 26), "tmt_jabatan": dt.date(2024, 1, 2)}
    batch = prepare(cast, "pegawai", *pegawai_file(row, fmt="xlsx"))
    assert batch.errors == []
    assert batch.rows[0]["values"]["tanggal_lahir"] == "1986-09-26"
    # Excel keeps 15 significant digits: an 18-digit NIP typed as a number is lost.
    batch = prepare(cast, "pegawai", *pegawai_file({**BUDI, "nip": 198609262015051001}, fmt="xlsx"))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "nip")]
    assert "Format kolom NIP sebagai Teks" in errors_of(batch)[0]["message"]
    # An exact integer (as openpyxl gives for a short or hand-made number cell) is read as is.
    assert parse_nip(198609262015051001) == "198609262015051001"
    assert parse_nip("19860926 201505 1 001") == "198609262015051001"


def test_re_validation_at_commit_refreshes_a_stale_preview(cast):
    text = (SAMPLES / "unit.csv").read_text()
    batch = prepare(cast, "unit", "unit.csv", text.encode())
    unit_create(actor=cast.actor("eko"), kode="DISPUSIP", nama="Dispusip Lama")
    before = counts()
    with pytest.raises(ValidationError) as exc:
        commit(cast, batch)
    assert "berubah sejak pratinjau" in exc.value.messages[0]
    assert counts() == before
    batch.refresh_from_db()
    # now an update of the unit made meanwhile (and of the cast's regency, named otherwise)
    assert batch.status == "preview" and batch.summary["update"] == 2
    commit(cast, batch)  # the refreshed preview now applies
    dispusip = UnitKerja.objects.get(instansi=cast.a, kode="DISPUSIP")
    assert dispusip.nama == "Dinas Perpustakaan dan Kearsipan"


def test_commit_twice_and_cancel(cast):
    batch = commit(cast, prepare(cast, "unit", *sample("unit", "csv")))
    with pytest.raises(ValidationError):
        commit(cast, batch)
    other = prepare(cast, "unit", *sample("unit", "csv"))
    import_cancel(actor=cast.actor("eko"), batch=other)
    other.refresh_from_db()
    assert other.status == "cancelled" and other.rows == []
    with pytest.raises(ValidationError):
        commit(cast, other)


def test_only_admin_prepares_and_commits(cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        prepare(cast, "unit", *sample("unit", "csv"), who="fajar")
    batch = prepare(cast, "unit", *sample("unit", "csv"))
    with pytest.raises(PermissionDenied):
        import_commit(actor=cast.actor("bob"), batch=batch)


def test_rule_codes_match_the_model_choices():
    assert set(JENIS_CODES) == set(Jabatan.Jenis.values)
    assert set(JENJANG_CODES) == set(Jabatan.Jenjang.values)
    assert set(ESELON_CODES) == set(Jabatan.Eselon.values)
    for code, label in JENIS_CODES.items():
        assert parse_jenis(label.upper()) == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("III/a", "III/a"), ("IIIa", "III/a"), ("iii-a", "III/a"), ("III a", "III/a"), ("9", "IX"),
     ("XVII", "XVII")],
)  # fmt: skip
def test_golongan_spellings(raw, expected):
    assert parse_golongan(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1986-09-26", "1986-09-26"), ("26-09-1986", "1986-09-26"), ("26/09/1986", "1986-09-26"),
     (dt.datetime(1986, 9, 26), "1986-09-26"), ("", None), ("1986-09-26 00:00:00", "1986-09-26")],
)  # fmt: skip
def test_date_formats(raw, expected):
    assert parse_date(raw) == expected


def test_sample_xlsx_matches_its_csv():
    for kind in KINDS:
        csv_rows = list(csv.reader((SAMPLES / f"{kind}.csv").open(encoding="utf-8")))
        ws = load_workbook(SAMPLES / f"{kind}.xlsx", read_only=True).worksheets[0]
        xlsx_rows = [[cell_text(c) for c in r] for r in ws.iter_rows(values_only=True)]
        assert xlsx_rows == csv_rows, kind


# --- pages ---------------------------------------------------------------------------------


def upload(client, kind: str, name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return client.post(reverse("org:import-start"), {"kind": kind, "berkas": f})


def test_start_page_links_samples_and_exports(login):
    client = login("eko")
    page = client.get(reverse("org:import-start"))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("org:import-sample", args=["pegawai", "xlsx"]) in html
    assert reverse("org:export", args=["jabatan"]) in html
    assert "kode_jabatan_atasan" in html  # the column reference
    got = client.get(reverse("org:import-sample", args=["pegawai", "csv"]))
    assert got.status_code == 200 and b"197203291998031002" in b"".join(got.streaming_content)
    assert client.get(reverse("org:import-sample", args=["gaji", "csv"])).status_code == 404
    assert client.get(reverse("org:import-sample", args=["unit", "pdf"])).status_code == 404


def test_upload_preview_commit_through_the_pages(login, cast):
    client = login("eko")
    response = upload(client, "unit", *sample("unit", "xlsx"))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("org:import-preview", args=[batch.pk])
    page = client.get(response["Location"])
    assert ">6<" in page.content.decode()  # new; the regency's row is an update here
    assert "DISPUSIP" in page.content.decode()
    response = client.post(reverse("org:import-preview", args=[batch.pk]), {"action": "commit"},
                           follow=True)  # fmt: skip
    assert "6 baru, 1 diubah, 0 tidak berubah" in response.content.decode()
    assert UnitKerja.objects.filter(instansi=cast.a, kode="DISPUSIP").exists()
    # the same file again: nothing to do
    upload(client, "unit", *sample("unit", "xlsx"))
    again = ImportBatch.objects.order_by("-pk").first()
    assert again is not None
    html = client.get(reverse("org:import-preview", args=[again.pk])).content.decode()
    assert "sudah pernah diterapkan" in html
    response = client.post(reverse("org:import-preview", args=[again.pk]), {"action": "commit"},
                           follow=True)  # fmt: skip
    assert "0 baru, 0 diubah, 7 tidak berubah" in response.content.decode()


def test_preview_shows_every_error_with_row_and_column_and_no_commit_button(login, cast):
    client = login("eko")
    bad = [{**BUDI, "tanggal_lahir": "27-09-1986"}, {**BUDI, "nip": "198609262015051002",
           "kode_jabatan": "J-NOPE"}]  # fmt: skip
    upload(client, "pegawai", *pegawai_file(*bad))
    batch = ImportBatch.objects.get()
    html = client.get(reverse("org:import-preview", args=[batch.pk])).content.decode()
    for text in ("Baris", "Kolom", "Nilai", "Masalah", "27-09-1986", "Tanggal lahir tidak sesuai",
                 "J-NOPE", "tidak ada di instansi ini"):  # fmt: skip
        assert text in html, text
    assert 'value="commit"' not in html
    before = counts()
    client.post(reverse("org:import-preview", args=[batch.pk]), {"action": "commit"})
    assert counts() == before


def test_upload_errors_are_shown_on_the_form(login):
    client = login("eko")
    page = upload(client, "pegawai", "pegawai.csv", xlsx_bytes(["nip"], [["1"]]))
    assert page.status_code == 200
    assert "bukan CSV teks" in page.content.decode()
    assert not ImportBatch.objects.exists()


def test_cancel_through_the_page(login, cast):
    client = login("eko")
    upload(client, "unit", *sample("unit", "csv"))
    batch = ImportBatch.objects.get()
    client.post(reverse("org:import-preview", args=[batch.pk]), {"action": "cancel"})
    batch.refresh_from_db()
    assert batch.status == "cancelled"
    assert not UnitKerja.objects.filter(kode="DISPUSIP").exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "fajar"])
def test_non_admins_get_403(login, cast, who):
    batch = prepare(cast, "unit", *sample("unit", "csv"))
    client = login(who)
    assert client.get(reverse("org:import-start")).status_code == 403
    assert upload(client, "unit", *sample("unit", "csv")).status_code == 403
    url = reverse("org:import-preview", args=[batch.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "commit"}).status_code == 403
    assert not UnitKerja.objects.filter(kode="DISPUSIP").exists()


def test_another_instansi_batch_is_404_even_for_its_admin(login, cast):
    RoleAssignment.objects.create(instansi=cast.b, user=cast.gita.user, role=Role.ADMIN)
    batch = prepare(cast, "unit", *sample("unit", "csv"))
    client = login("gita")
    url = reverse("org:import-preview", args=[batch.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "commit"}).status_code == 404
    assert not UnitKerja.objects.filter(kode="DISPUSIP").exists()


# --- scale -----------------------------------------------------------------------------------


def _nip(i: int) -> str:
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=i * 3)
    gender = 1 + i % 2
    return f"{birth:%Y%m%d}{birth.year + 25}{1 + i % 12:02d}{gender}{1 + i % 999:03d}"


def test_two_thousand_staff_in_a_bounded_number_of_queries(cast, django_assert_max_num_queries):
    jab = ["J-PELAKSANA", "J-ANALIS", "J-ADMIN"]
    rows = []
    for i in range(2000):
        nip = _nip(i)
        rows.append([nip, f"Pegawai {i}", "", "S.E.", "L" if nip[14] == "1" else "P", "Medan",
                     f"{nip[6:8]}-{nip[4:6]}-{nip[0:4]}", "PNS", "III/a", jab[i % 3],
                     "02-01-2024", f"p{i}@contoh.go.id", ""])  # fmt: skip
    data = csv_bytes(PEGAWAI_HEADER, rows)
    with django_assert_max_num_queries(15):
        batch = prepare(cast, "pegawai", "besar.csv", data)
    assert batch.errors == [] and batch.summary["create"] == 2000
    # SQLite allows 999 parameters per statement, so Django inserts ~45 staff per INSERT
    # there (500 on PostgreSQL): ~150 statements for 2,000 new staff, never one per row.
    with django_assert_max_num_queries(160):
        commit(cast, batch)
    assert Pegawai.objects.filter(instansi=cast.a).count() == 6 + 2000
    assert User.objects.filter(username=_nip(1999)).exists()
    assert Pegawai.objects.get(nip=_nip(0)).atasan == cast.bob
    rows[5][1] = "Pegawai Lima"
    with django_assert_max_num_queries(15):
        batch = prepare(cast, "pegawai", "besar.csv", csv_bytes(PEGAWAI_HEADER, rows))
    assert (batch.summary["update"], batch.summary["unchanged"]) == (1, 1999)
    with django_assert_max_num_queries(30):
        commit(cast, batch)


# --- large files: applied by the background worker ------------------------------------------


def test_large_import_is_applied_by_the_worker(
    login, cast, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_MAX_ROWS = 3  # the sample has 7 units: "large"
    client = login("eko")
    upload(client, "unit", *sample("unit", "csv"))
    batch = ImportBatch.objects.get()
    url = reverse("org:import-preview", args=[batch.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"action": "commit"}, follow=True)
    html = response.content.decode()
    assert "sedang diterapkan di latar belakang" in html.lower()
    assert 'hx-trigger="every 3s"' in html  # the page follows the job
    batch.refresh_from_db()
    assert batch.status == "queued"
    assert not UnitKerja.objects.filter(instansi=cast.a, kode="DISPUSIP").exists()
    assert len(callbacks) == 1
    callbacks[0]()  # the worker picks the job up (tests run tasks immediately)
    batch.refresh_from_db()
    assert batch.status == "committed"
    assert UnitKerja.objects.filter(instansi=cast.a, kode="DISPUSIP").exists()
    assert "every 3s" not in client.get(url).content.decode()  # polling stops
    assert AuditEvent.objects.filter(action="import.queue").count() == 1


def test_a_queued_import_that_went_stale_returns_to_preview_with_the_reason(
    login, cast, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_MAX_ROWS = 3
    client = login("eko")
    upload(client, "unit", *sample("unit", "csv"))
    batch = ImportBatch.objects.get()
    url = reverse("org:import-preview", args=[batch.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url, {"action": "commit"})
    unit_create(actor=cast.actor("eko"), kode="DISPUSIP", nama="Dispusip Lama")
    callbacks[0]()
    batch.refresh_from_db()
    assert batch.status == "preview"
    assert batch.summary["job_error"][0]["msgid"].startswith("Data di sistem berubah")
    assert UnitKerja.objects.get(instansi=cast.a, kode="DISPUSIP").nama == "Dispusip Lama"
    assert "berubah sejak pratinjau" in client.get(url).content.decode()


# --- NIP digits, languages, readable previews (issue 11 §7, §8) ------------------------------


@pytest.fixture
def english_then_back():
    """Pages opened with the English cookie leave English active in this thread (the
    language middleware activates, nothing deactivates): put Indonesian back after."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


NON_ASCII = [
    ("arabic-indic twin of charlie", "١٩٩٠٠٥٢٠٢٠١٥٠٣١٠٠٣"),
    ("superscript serial", "19860926201505100¹"),
    ("superscript year", "19860926²⁰¹⁵051001"),
    ("fullwidth", "１９８６０９２６２０１５０５１００１"),
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("label", "nip"), NON_ASCII, ids=[c[0] for c in NON_ASCII])
def test_nip_with_digits_other_than_ascii_is_a_row_error_not_a_500(login, cast, label, nip, fmt):
    client = login("eko")
    before = counts()
    row = {**BUDI, "nip": nip, "jenis_kelamin": "", "tanggal_lahir": ""}
    response = upload(client, "pegawai", *pegawai_file(row, fmt=fmt))
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert [(e["row"], e["column"]) for e in errors_of(batch)] == [(2, "nip")]
    assert "0–9" in errors_of(batch)[0]["message"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "0–9" in page.content.decode()
    assert counts()[2:4] == before[2:4]  # no person, no login


def test_preview_errors_speak_the_viewers_language(login, cast, english_then_back):
    """The batch is stored by an admin reading Indonesian; whoever opens it in English
    reads English, and the other way round."""
    client = login("eko")
    bad = [{**BUDI, "jenis_kelamin": "P"}, {**BUDI, "nip": "198609262015051002",
           "tanggal_lahir": "1986.09.26"}]  # fmt: skip
    upload(client, "pegawai", *pegawai_file(*bad))
    url = reverse("org:import-preview", args=[ImportBatch.objects.get().pk])
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "Gender does not match the NIP (the NIP indicates male)." in html
    assert "Date 1986.09.26 not recognised" in html
    assert "Jenis kelamin tidak sesuai" not in html and "tidak dikenali" not in html
    client.cookies["django_language"] = "id"
    html = client.get(url).content.decode()
    assert "Jenis kelamin tidak sesuai NIP (NIP menunjukkan laki-laki)." in html


def test_a_stale_background_import_explains_itself_in_the_viewers_language(
    login, cast, settings, django_capture_on_commit_callbacks, english_then_back
):
    settings.IMPORT_INLINE_MAX_ROWS = 0
    client = login("eko")
    upload(client, "pegawai", *pegawai_file(BUDI))
    batch = ImportBatch.objects.get()
    url = reverse("org:import-preview", args=[batch.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url, {"action": "commit"})
    pegawai_create(actor=cast.actor("eko"), nip=BUDI["nip"], nama="Budi", status="PNS",
                            golongan="III/b")  # fmt: skip
    callbacks[0]()
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "Data in the system changed after the preview was created" in html


def test_a_login_taken_during_the_commit_refreshes_the_preview_instead_of_a_500(cast, monkeypatch):
    """Between the commit's re-validation and its write another agency's admin creates a
    login with the same NIP (simulated: the re-validation misses it once). The unique
    login refuses the write; nothing is written and the preview names the row."""
    batch = prepare(cast, "pegawai", *pegawai_file(BUDI))
    User.objects.create_user(username=BUDI["nip"], instansi=cast.b)
    real = import_pegawai._taken_logins
    calls = []

    def miss_once(nips):
        calls.append(nips)
        return set() if len(calls) == 1 else real(nips)

    monkeypatch.setattr(import_pegawai, "_taken_logins", miss_once)
    before = counts()
    with pytest.raises(ValidationError):
        commit(cast, batch)
    assert len(calls) == 2
    batch.refresh_from_db()
    assert batch.status == "preview"
    assert [(e["row"], e["column"]) for e in errors_of(batch)] == [(2, "nip")]
    assert "tidak dapat digunakan" in errors_of(batch)[0]["message"]
    assert not Pegawai.objects.filter(nip=BUDI["nip"]).exists()
    assert counts() == before


def test_preview_shows_values_as_people_read_them(login, cast, english_then_back):
    client = login("eko")
    jab = [["J-BARU", "Analis Baru", "BIDANG1", "J-KABID", "fungsional", "ahli_pertama", "",
            "8", "ya"]]  # fmt: skip
    upload(client, "jabatan", "jabatan.csv", csv_bytes(JABATAN_HEADER, jab))
    html = client.get(
        reverse("org:import-preview", args=[ImportBatch.objects.get().pk])
    ).content.decode()
    for shown in ("Ahli Pertama", "Fungsional", ">Ya<"):
        assert shown in html, shown
    for raw in ("ahli_pertama", "True", ">fungsional<"):
        assert raw not in html, raw
    upload(client, "unit", "unit.csv", csv_bytes(UNIT_HEADER, [["U1", "Satu", "", "", "tidak"]]))
    html = client.get(
        reverse("org:import-preview", args=[ImportBatch.objects.latest("pk").pk])
    ).content.decode()
    assert ">Tidak<" in html and "False" not in html
    upload(client, "pegawai", *pegawai_file({**BUDI, "jenis_kelamin": "", "tanggal_lahir": ""}))
    html = client.get(
        reverse("org:import-preview", args=[ImportBatch.objects.latest("pk").pk])
    ).content.decode()
    for shown in ("26-09-1986", "02-01-2024", "Laki-laki", "19860926 201505 1 001"):
        assert shown in html, shown
    for raw in ("1986-09-26", "2024-01-02", ">L<"):
        assert raw not in html, raw
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("org:import-preview", args=[ImportBatch.objects.latest("pk").pk])
    ).content.decode()
    assert "Male" in html
