"""The SIASN reference data (rules §13; issue 11 §5): reading SIASN's own reference
exports (siasn_import, no database), and the Admin Instansi's edits and imports of the
golongan ids, the koefisienId per jenjang × predikat and the SIASN person ids
(services.siasn), each audited, all or nothing."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from ekinerja.appraisal import siasn_import
from ekinerja.appraisal.domain import ratings
from ekinerja.appraisal.models import SiasnGolongan, SiasnKoefisien
from ekinerja.appraisal.services import siasn as services
from ekinerja.core.models import AuditEvent
from ekinerja.core.tabular import ImportFileError
from ekinerja.org.models import Pegawai

# SIASN's golonganPns and koefisien references as its reference service answers them.
GOLONGAN_JSON = [
    {"id": "31", "nama": "III/a", "namaPangkat": "Penata Muda"},
    {"id": "33", "nama": "III/c", "namaPangkat": "Penata"},
    {"id": "41", "nama": "IV/a", "namaPangkat": "Pembina"},
]
KOEFISIEN_JSON = [
    {"id": "12", "jabatan": "Ahli Pertama", "kriteria": "12.5", "persentase": "100",
     "keterangan": "Baik", "jenjang": "PT"},
    {"id": "11", "jabatan": "Ahli Pertama", "kriteria": "12.5", "persentase": "150",
     "keterangan": "Sangat Baik", "jenjang": "PT"},
    {"id": "62", "jabatan": "Terampil", "kriteria": "5", "persentase": "100",
     "keterangan": "Baik", "jenjang": "TR"},
]  # fmt: skip


def csv_bytes(rows: list[list[str]], sep: str = ",") -> bytes:
    return "\n".join(sep.join(r) for r in rows).encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def table(filename: str, data: bytes) -> list[list]:
    return siasn_import.read(filename, data, max_bytes=10_000_000)


# --- reading SIASN's files (no database) ----------------------------------------------------


def test_golongan_from_siasns_json():
    p = siasn_import.parse_golongan(table("golonganPns.json", json.dumps(GOLONGAN_JSON).encode()))
    assert p.mapping == {"III/a": "31", "III/c": "33", "IV/a": "41"} and not p.errors


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["ID", "Nama", "Nama Pangkat"],
            ["33", "III/c", "Penata"],
            ["45", "iv/E", "Pembina Utama"],
        ],
        [["nama", "id"], ["III/C", "33"], ["IV/e", "45"]],  # any order, any case
    ],
)
def test_golongan_from_a_csv(rows):
    p = siasn_import.parse_golongan(table("g.csv", csv_bytes(rows, ";")))
    assert p.mapping == {"III/c": "33", "IV/e": "45"}


def test_golongan_pppk_written_as_a_number():
    p = siasn_import.parse_golongan(table("g.csv", csv_bytes([["id", "golongan"], ["P9", "9"]])))
    assert p.mapping == {"IX": "P9"}


def test_koefisien_from_siasns_json_by_code_or_name_and_percentage():
    p = siasn_import.parse_koefisien(
        table("koefisien.json", json.dumps({"data": KOEFISIEN_JSON}).encode())
    )
    assert p.mapping == {
        ("ahli_pertama", ratings.BAIK): "12",
        ("ahli_pertama", ratings.SANGAT_BAIK): "11",
        ("terampil", ratings.BAIK): "62",
    }


@pytest.mark.parametrize(
    "persen, predikat",
    [("150", ratings.SANGAT_BAIK), ("100%", ratings.BAIK), (75, ratings.BUTUH_PERBAIKAN),
     ("50,0", ratings.KURANG), (25.0, ratings.SANGAT_KURANG)],
)  # fmt: skip
def test_koefisien_percentages(persen, predikat):
    p = siasn_import.parse_koefisien(
        table("k.xlsx", xlsx_bytes([["id", "jenjang", "persentase"], ["K1", "Ahli Muda", persen]]))
    )
    assert p.mapping == {("ahli_muda", predikat): "K1"}


def test_koefisien_by_predikat_name_without_percentage():
    rows = [["id", "jabatan", "keterangan"], ["K", "Penyelia", "Kurang/Misconduct"]]
    p = siasn_import.parse_koefisien(table("k.csv", csv_bytes(rows)))
    assert p.mapping == {("penyelia", ratings.KURANG): "K"}


def test_people_by_nip_from_siasns_list():
    rows = [
        ["id", "nipBaru", "nama"],
        ["A8ACA7A4ECE03912E040640A040269BB", "19900520 201503 1 003", "Charlie"],
        ["", "199507072020122004", "Dina"],  # no id yet: skipped, counted
    ]
    p = siasn_import.parse_pegawai(table("asn.csv", csv_bytes(rows)))
    assert p.mapping == {"199005202015031003": "A8ACA7A4ECE03912E040640A040269BB"}
    assert (p.kosong, p.errors) == (1, [])


@pytest.mark.parametrize(
    "kind, rows, message",
    [
        ("golongan", [["id", "nama"], ["33", "III/x"]], "Golongan tidak dikenal"),
        ("golongan", [["id", "nama"], ["33", "III/c"], ["34", "III/c"]], "tercantum lagi"),
        ("golongan", [["id", "nama"], ["33", "III/c"], ["33", "III/d"]], "dipakai untuk"),
        ("golongan", [["id", "nama"], ["3 3", "III/c"]], "ID SIASN hanya"),
        ("koefisien", [["id", "jabatan", "persentase"], ["1", "Ahli Super", "100"]], "Jenjang"),
        ("koefisien", [["id", "jabatan", "persentase"], ["1", "Ahli Muda", "120"]], "Persentase"),
        ("pegawai", [["id", "nip"], ["X", "1.99005202015031E17"]], "NIP"),
        ("pegawai", [["id", "nip"], ["X", "12345"]], "NIP"),
    ],
)
def test_wrong_rows_are_named(kind, rows, message):
    parse = {"golongan": siasn_import.parse_golongan, "koefisien": siasn_import.parse_koefisien,
             "pegawai": siasn_import.parse_pegawai}[kind]  # fmt: skip
    p = parse(table("x.csv", csv_bytes(rows)))
    assert p.errors and message in str(p.errors[0].message)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("g.csv", b"kode_lain,nama\n1,III/c\n", "Kolom id"),
        ("g.csv", b"id,nama\n", "tidak berisi baris data"),
        ("g.json", b'{"data": 5}', "JSON tidak dapat dibaca"),
        ("g.json", b"[1, 2]", "JSON tidak dapat dibaca"),
        ("g.json", b"[" * 100_000, "JSON tidak dapat dibaca"),
        ("g.pdf", b"%PDF-1.4", "bukan CSV, XLSX, atau JSON"),
        ("g.xlsx", b"not a zip", "bukan berkas Excel"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(name, data, message):
    with pytest.raises(ImportFileError) as e:
        siasn_import.parse_golongan(table(name, data))
    assert message in str(e.value)


# --- the services -------------------------------------------------------------------------


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_golongan_edit_sets_changes_removes_and_audits(cast):
    admin = cast.actor("eko")
    services.siasn_golongan_update(actor=admin, values={"III/c": "33", "IV/a": "41"})
    changes = services.siasn_golongan_update(actor=admin, values={"III/c": "", "IV/a": "41x"})
    assert changes == {"III/c": ["33", None], "IV/a": ["41", "41x"]}
    assert dict(SiasnGolongan.objects.values_list("golongan", "siasn_id")) == {"IV/a": "41x"}
    events = AuditEvent.objects.filter(action="siasn_golongan.update").order_by("pk")
    assert [e.changes for e in events] == [
        {"III/c": [None, "33"], "IV/a": [None, "41"]},
        {"III/c": ["33", None], "IV/a": ["41", "41x"]},
    ]
    assert events[0].object_type == "appraisal.siasngolongan"
    assert events[0].instansi_id == cast.a.pk


@pytestmark_db
@pytest.mark.parametrize(
    "values",
    [{"III/c": "33", "III/d": "33"}, {"III/c": "bad id"}, {"X/z": "1"}],
)
def test_golongan_edit_refuses_bad_tables_whole(cast, values):
    with pytest.raises(ValidationError):
        services.siasn_golongan_update(actor=cast.actor("eko"), values=values)
    assert not SiasnGolongan.objects.exists() and not AuditEvent.objects.exists()


@pytestmark_db
@pytest.mark.parametrize("who", ["fajar", "alice", "gita"])
def test_only_the_admin_instansi_edits_or_imports(cast, who):
    with pytest.raises(PermissionDenied):
        services.siasn_golongan_update(actor=cast.actor(who), values={"III/c": "33"})
    with pytest.raises(PermissionDenied):
        services.siasn_reference_import(
            actor=cast.actor(who), kind="golongan", filename="g.csv", data=b"id,nama\n33,III/c\n"
        )


@pytestmark_db
def test_koefisien_import_merges_and_is_audited(cast):
    admin = cast.actor("eko")
    services.siasn_koefisien_update(actor=admin, values={("mahir", ratings.BAIK): "72"})
    report = services.siasn_reference_import(
        actor=admin,
        kind="koefisien",
        filename="koefisien.json",
        data=json.dumps(KOEFISIEN_JSON).encode(),
    )
    assert report.applied and report.rows == 3
    stored = {(r.jenjang, r.predikat): r.siasn_id for r in SiasnKoefisien.objects.all()}
    assert stored == {
        ("mahir", ratings.BAIK): "72",  # not in the file: kept
        ("ahli_pertama", ratings.BAIK): "12",
        ("ahli_pertama", ratings.SANGAT_BAIK): "11",
        ("terampil", ratings.BAIK): "62",
    }
    event = AuditEvent.objects.get(action="siasn_koefisien.import")
    assert event.object_repr == "koefisien.json"
    assert event.changes["Ahli Pertama – Baik"] == [None, "12"]


@pytestmark_db
def test_a_file_with_a_wrong_row_writes_nothing(cast):
    data = csv_bytes([["id", "nama"], ["33", "III/c"], ["34", "III/z"]])
    report = services.siasn_reference_import(
        actor=cast.actor("eko"), kind="golongan", filename="g.csv", data=data
    )
    assert not report.applied
    assert [(e.row, e.value) for e in report.errors] == [(3, "III/z")]
    assert not SiasnGolongan.objects.exists() and not AuditEvent.objects.exists()


@pytestmark_db
def test_an_unreadable_file_is_a_validation_error(cast):
    with pytest.raises(ValidationError) as e:
        services.siasn_reference_import(
            actor=cast.actor("eko"), kind="pegawai", filename="a.txt", data=b"nip;id"
        )
    assert "bukan CSV, XLSX, atau JSON" in e.value.messages[0]


@pytestmark_db
def test_people_import_goes_through_the_org_service(cast):
    Pegawai.objects.filter(pk=cast.dina.pk).update(siasn_id="OLD")
    data = csv_bytes(
        [
            ["nipBaru", "id"],
            [cast.charlie.nip, "ID-CHARLIE"],
            [cast.dina.nip, "ID-DINA"],
            ["198609262015051001", "ID-STRANGER"],
        ]
    )
    report = services.siasn_reference_import(
        actor=cast.actor("eko"), kind="pegawai", filename="asn.csv", data=data
    )
    ids = report.ids
    assert ids is not None
    assert [c.nip for c in ids.diisi] == [cast.charlie.nip]
    assert [(c.lama, c.baru) for c in ids.bentrok] == [("OLD", "ID-DINA")]
    assert ids.tidak_ditemukan == ["198609262015051001"]
    assert Pegawai.objects.get(pk=cast.charlie.pk).siasn_id == "ID-CHARLIE"
    assert Pegawai.objects.get(pk=cast.dina.pk).siasn_id == "OLD"
    summary = AuditEvent.objects.get(action="siasn_pegawai.import")
    assert summary.object_repr == "asn.csv" and summary.changes["diisi"] == 1
    assert AuditEvent.objects.filter(action="pegawai.update").count() == 1

    services.siasn_reference_import(
        actor=cast.actor("eko"), kind="pegawai", filename="asn.csv", data=data, replace=True
    )
    assert Pegawai.objects.get(pk=cast.dina.pk).siasn_id == "ID-DINA"
