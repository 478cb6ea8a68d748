"""The SIASN export (rules §13; issue 11 §5): whole records compared field by field and
type by type with SIASN's `kinerjaperiodik/save` and `skp22/save` request bodies, the
code tables, who is exported, what is left out and why, and that the download streams.

The cast: bob (Kepala Bidang Satu, IV/a) rates charlie (pelaksana) and dina (Analis
Kebijakan Ahli Pertama); alice heads the OPD and is rated by the regional head, who is
not ASN."""

from __future__ import annotations

import csv
import io
import json
import typing
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.models.query import QuerySet
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ekinerja.appraisal import exports
from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import Evaluasi, SiasnGolongan, SiasnKoefisien
from ekinerja.appraisal.selectors import siasn as sel
from ekinerja.core.models import AuditEvent, Role, RoleAssignment
from ekinerja.org.models import Jabatan, Pegawai
from ekinerja.plans.services.creation import identitas

from .factories import appraisal_world, open_periode, set_rating

pytestmark = pytest.mark.django_db

BASE = "https://kinerja.example.go.id"
ID = {
    "alice": "A8ACA7A4ECE03912E040640A040269AA",
    "charlie": "A8ACA7A4ECE03912E040640A040269CC",
    "dina": "ff80808144245f070144296c81f031dd",
}
# SIASN golonganPns ids of the penilai's golongan (bob IV/a)
GOLONGAN = {"IV/a": "41", "IV/b": "42"}
# koefisienId of Ahli Pertama per predikat (made-up ids)
KOEF_AP = {
    ratings.SANGAT_BAIK: "KOEF-AP-150",
    ratings.BAIK: "KOEF-AP-100",
    ratings.BUTUH_PERBAIKAN: "KOEF-AP-75",
    ratings.KURANG: "KOEF-AP-50",
    ratings.SANGAT_KURANG: "KOEF-AP-25",
}
RATINGS_FOR = {
    ratings.SANGAT_BAIK: (ratings.DI_ATAS, ratings.DI_ATAS),
    ratings.BAIK: (ratings.SESUAI, ratings.SESUAI),
    ratings.BUTUH_PERBAIKAN: (ratings.DI_BAWAH, ratings.SESUAI),
    ratings.KURANG: (ratings.SESUAI, ratings.DI_BAWAH),
    ratings.SANGAT_KURANG: (ratings.DI_BAWAH, ratings.DI_BAWAH),
}
KUADRAN = {
    ratings.SANGAT_BAIK: 1,
    ratings.BAIK: 2,
    ratings.BUTUH_PERBAIKAN: 3,
    ratings.KURANG: 4,
    ratings.SANGAT_KURANG: 5,
}

# SIASN's types (its request bodies, as its public API description gives them)
PERIODIK_TYPES = {
    "id": type(None),
    "bulanMulaiPenilaian": int,
    "bulanSelesaiPenilaian": int,
    "tahunMulaiPenilaian": int,
    "tahunSelesaiPenilaian": int,
    "tahun": int,
    "periodikId": str,
    "hasilKinerjaNilai": int,
    "perilakuKerjaNilai": int,
    "kuadranKinerjaNilai": int,
    "koefisienId": str,
    "penilaiNama": str,
    "penilaiNipNrp": str,
    "penilaiGolongan": str,
    "penilaiJabatanNama": str,
    "penilaiUnorNama": str,
    "statusPenilai": str,
    "pnsDinilaiId": str,
    "path": list,
}
TAHUNAN_TYPES = {
    "id": type(None),
    "tahun": int,
    "hasilKinerjaNilai": int,
    "perilakuKerjaNilai": int,
    "kuadranKinerjaNilai": int,
    "penilaiNama": str,
    "penilaiNipNrp": str,
    "penilaiGolongan": str,
    "penilaiJabatan": str,
    "penilaiUnorNama": str,
    "statusPenilai": str,
    "pnsDinilaiOrang": str,
    "path": list,
}


def load_reference(cast) -> None:
    """What the Admin Instansi loads from SIASN: person ids, golongan, koefisien."""
    for who, sid in ID.items():
        Pegawai.objects.filter(pk=getattr(cast, who).pk).update(siasn_id=sid)
    for gol, sid in GOLONGAN.items():
        SiasnGolongan.objects.create(instansi=cast.a, golongan=gol, siasn_id=sid)
    for predikat, sid in KOEF_AP.items():
        SiasnKoefisien.objects.create(
            instansi=cast.a, jenjang="ahli_pertama", predikat=predikat, siasn_id=sid
        )


def _rows(w, periode=None):
    return list(
        exports.siasn_rows(instansi_id=w.cast.a.pk, periode=periode or w.periode, base_url=BASE)
    )


def _by_person(w, periode=None) -> dict[str, dict]:
    rows = _rows(w, periode)
    ids = {v: k for k, v in ID.items()}
    return {ids[r.get("pnsDinilaiId") or r.get("pnsDinilaiOrang")]: r for r in rows}


def _path(ev: Evaluasi, nip: str, slug: str) -> list[dict[str, str]]:
    return [
        {
            "dok_id": "890",
            "dok_nama": "Dokumen Evaluasi Kinerja",
            "dok_uri": f"{BASE}/penilaian/evaluasi/{ev.pk}/dokumen.pdf",
            "object": f"DokumenEvaluasi_{nip}_{slug}.pdf",
            "slug": "890",
        }
    ]


def _annual(w, who="charlie", predikat=ratings.BAIK):
    """The year opened and `who`'s annual evaluation rated."""
    tahunan = open_periode(w.cast, w.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    hk, pk = RATINGS_FOR[predikat]
    Evaluasi.objects.filter(periode_penilaian=tahunan, pegawai=getattr(w.cast, who)).update(
        rating_hasil_kerja=hk,
        rating_perilaku=pk,
        predikat=predikat,
        status=evaluation.EVALUASI_DINILAI,
    )
    return tahunan


def _regional_head_rates_alice(w) -> Evaluasi:
    """The regional head (a Pejabat non-ASN: no NIP, no golongan) as alice's penilai."""
    cast = w.cast
    jabatan = Jabatan.objects.create(
        instansi=cast.a,
        unit=cast.pemkab,
        kode="J-BUPATI",
        nama="Bupati Alfa",
        jenis="pejabat_negara",
        is_head=True,
    )
    bupati = Pegawai.objects.create(
        instansi=cast.a,
        nama="H. Bupati Alfa",
        jenis_kelamin="L",
        status="NON_ASN",
        jabatan=jabatan,
        unit=jabatan.unit,
    )
    ev = set_rating(w, "alice", ratings.SESUAI, ratings.SESUAI)
    ev.snapshot = {**ev.snapshot, "penilai": identitas(bupati)}
    ev.save(update_fields=["snapshot"])
    return ev


# --- whole records ----------------------------------------------------------------------


def _dina_record(ev: Evaluasi, nip: str, predikat: str) -> dict:
    """dina's whole `kinerjaperiodik/save` record for March 2026 with `predikat`."""
    hk, pk = RATINGS_FOR[predikat]
    return {
        "id": None,
        "bulanMulaiPenilaian": 3,
        "bulanSelesaiPenilaian": 3,
        "tahunMulaiPenilaian": 2026,
        "tahunSelesaiPenilaian": 2026,
        "tahun": 2026,
        "periodikId": "1",
        "hasilKinerjaNilai": {ratings.DI_ATAS: 1, ratings.SESUAI: 2, ratings.DI_BAWAH: 3}[hk],
        "perilakuKerjaNilai": {ratings.DI_ATAS: 1, ratings.SESUAI: 2, ratings.DI_BAWAH: 3}[pk],
        "kuadranKinerjaNilai": KUADRAN[predikat],
        "koefisienId": KOEF_AP[predikat],
        "penilaiNama": "Bob Santoso",
        "penilaiNipNrp": "198003152005011002",
        "penilaiGolongan": "41",
        "penilaiJabatanNama": "Kepala Bidang Satu",
        "penilaiUnorNama": "Bidang Satu",
        "statusPenilai": "ASN",
        "pnsDinilaiId": ID["dina"],
        "path": _path(ev, nip, "2026-03"),
    }


def test_periodic_record_with_an_asn_penilai_is_exactly_siasns(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    ev = set_rating(w, "dina", ratings.SESUAI, ratings.SESUAI)
    (row,) = _rows(w)
    assert row == _dina_record(ev, cast.dina.nip, ratings.BAIK)
    assert row["koefisienId"] == "KOEF-AP-100"
    assert {k: type(v) for k, v in row.items()} == PERIODIK_TYPES
    assert list(row) == list(exports.PERIODIK_FIELDS)


def test_the_document_type_id_is_a_setting(cast, settings):
    """SIASN's id of "Dokumen Evaluasi Kinerja" is reference data: an agency whose SIASN
    reference gives another id sets SIASN_DOKUMEN_ID, no release needed."""
    settings.SIASN_DOKUMEN_ID = "1179"
    w = appraisal_world(cast)
    load_reference(cast)
    set_rating(w, "dina", ratings.SESUAI, ratings.SESUAI)
    ((dokumen,),) = [r["path"] for r in _rows(w)]
    assert (dokumen["dok_id"], dokumen["slug"]) == ("1179", "1179")


@pytest.mark.parametrize("predikat", ratings.PREDIKAT)
def test_koefisien_id_depends_on_jenjang_and_predikat(cast, predikat):
    """One whole record per predikat: koefisienId is SIASN's row for Ahli Pertama at that
    predikat's percentage (not another jenjang's, not the 100% row)."""
    w = appraisal_world(cast)
    load_reference(cast)
    SiasnKoefisien.objects.create(
        instansi=cast.a, jenjang="ahli_muda", predikat=predikat, siasn_id="NOT-THIS-JENJANG"
    )
    ev = set_rating(w, "dina", *RATINGS_FOR[predikat])
    (row,) = _rows(w)
    assert row == _dina_record(ev, cast.dina.nip, predikat)
    assert {k: type(v) for k, v in row.items()} == PERIODIK_TYPES


def test_periodic_record_of_someone_outside_a_functional_position(cast):
    """koefisienId is there, and an empty string: SIASN's koefisien table only covers the
    jenjang of functional positions."""
    w = appraisal_world(cast)
    load_reference(cast)
    set_rating(w, "charlie", ratings.DI_ATAS, ratings.SESUAI)
    (row,) = _rows(w)
    assert row["koefisienId"] == "" and row["pnsDinilaiId"] == ID["charlie"]
    assert (row["hasilKinerjaNilai"], row["perilakuKerjaNilai"], row["kuadranKinerjaNilai"]) == (
        1,
        2,
        2,
    )
    assert {k: type(v) for k, v in row.items()} == PERIODIK_TYPES


def test_annual_record_is_exactly_siasns(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    tahunan = _annual(w, "charlie", ratings.BAIK)
    ev = Evaluasi.objects.get(periode_penilaian=tahunan, pegawai=cast.charlie)
    (row,) = _rows(w, tahunan)
    assert row == {
        "id": None,
        "tahun": 2026,
        "hasilKinerjaNilai": 2,
        "perilakuKerjaNilai": 2,
        "kuadranKinerjaNilai": 2,
        "penilaiNama": "Bob Santoso",
        "penilaiNipNrp": "198003152005011002",
        "penilaiGolongan": "41",
        "penilaiJabatan": "Kepala Bidang Satu",
        "penilaiUnorNama": "Bidang Satu",
        "statusPenilai": "ASN",
        "pnsDinilaiOrang": ID["charlie"],
        "path": _path(ev, cast.charlie.nip, "2026-Tahunan"),
    }
    assert {k: type(v) for k, v in row.items()} == TAHUNAN_TYPES
    assert list(row) == list(exports.TAHUNAN_FIELDS)


@pytest.mark.parametrize("kind", ["periodik", "tahunan"])
def test_a_penilai_who_is_not_asn_sends_empty_strings_not_nulls(cast, kind):
    """The regional head rates the head of an OPD: statusPenilai NON ASN, NIP and golongan
    as empty strings; the name, position and unit as snapshotted."""
    w = appraisal_world(cast)
    load_reference(cast)
    ev = _regional_head_rates_alice(w)
    periode = w.periode
    if kind == "tahunan":
        periode = _annual(w, "alice", ratings.BAIK)
        ev = Evaluasi.objects.get(periode_penilaian=periode, pegawai=cast.alice)
        ev.snapshot = {
            **ev.snapshot,
            "penilai": Evaluasi.objects.get(pk=w.evaluasi("alice").pk).snapshot["penilai"],
        }
        ev.save(update_fields=["snapshot"])
    (row,) = _rows(w, periode)
    penilai = {
        "penilaiNama": "H. Bupati Alfa",
        "penilaiNipNrp": "",
        "penilaiGolongan": "",
        "penilaiUnorNama": "Pemerintah Kabupaten Alfa",
        "statusPenilai": "NON ASN",
    }
    if kind == "periodik":
        expected = {
            "id": None,
            "bulanMulaiPenilaian": 3,
            "bulanSelesaiPenilaian": 3,
            "tahunMulaiPenilaian": 2026,
            "tahunSelesaiPenilaian": 2026,
            "tahun": 2026,
            "periodikId": "1",
            "hasilKinerjaNilai": 2,
            "perilakuKerjaNilai": 2,
            "kuadranKinerjaNilai": 2,
            "koefisienId": "",
            **penilai,
            "penilaiJabatanNama": "Bupati Alfa",
            "pnsDinilaiId": ID["alice"],
            "path": _path(ev, cast.alice.nip, "2026-03"),
        }
        types = PERIODIK_TYPES
    else:
        expected = {
            "id": None,
            "tahun": 2026,
            "hasilKinerjaNilai": 2,
            "perilakuKerjaNilai": 2,
            "kuadranKinerjaNilai": 2,
            **penilai,
            "penilaiJabatan": "Bupati Alfa",
            "pnsDinilaiOrang": ID["alice"],
            "path": _path(ev, cast.alice.nip, "2026-Tahunan"),
        }
        types = TAHUNAN_TYPES
    assert row == expected
    assert {k: type(v) for k, v in row.items()} == types
    assert None not in [v for k, v in row.items() if k != "id"]


def test_a_person_without_a_siasn_id_is_left_out_and_listed_by_name(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    Pegawai.objects.filter(pk=cast.dina.pk).update(siasn_id="")
    for who in ("charlie", "dina"):
        set_rating(w, who, ratings.SESUAI, ratings.SESUAI)
    assert list(_by_person(w)) == ["charlie"]  # never a guessed or empty person id
    summary = sel.siasn_summary(instansi_id=cast.a.pk, periode=w.periode)
    assert (summary.total, summary.lengkap, summary.tidak_lengkap) == (2, 1, 1)
    assert summary.per_reason == {"pegawai": 1, "koefisien": 0, "penilai": 0, "golongan": 0}
    (bad,) = [
        sel.incomplete_row(v) for v in sel.incomplete_rows(instansi_id=cast.a.pk, periode=w.periode)
    ]
    assert (bad["nama"], bad["reasons"]) == ("Dina Lestari", ["pegawai"])
    assert bad["texts"] == ["ID SIASN pegawai belum dimuat"]


@pytest.mark.parametrize(
    "setup, reasons, text",
    [
        (
            lambda cast: SiasnKoefisien.objects.filter(predikat=ratings.BAIK).delete(),
            ["koefisien"],
            "koefisienId Ahli Pertama – Baik belum ada",
        ),
        (
            lambda cast: SiasnGolongan.objects.filter(golongan="IV/a").delete(),
            ["golongan"],
            "ID golongan SIASN untuk IV/a belum ada",
        ),
        (
            lambda cast: Pegawai.objects.filter(pk=cast.dina.pk).update(siasn_id=""),
            ["pegawai"],
            "ID SIASN pegawai belum dimuat",
        ),
    ],
)
def test_each_missing_reference_is_named(cast, setup, reasons, text):
    w = appraisal_world(cast)
    load_reference(cast)
    set_rating(w, "dina", ratings.SESUAI, ratings.SESUAI)
    setup(cast)
    assert _rows(w) == []
    (v,) = sel.incomplete_rows(instansi_id=cast.a.pk, periode=w.periode)
    assert sel.reasons(v) == reasons
    assert sel.reason_texts(v) == [text]


def test_an_evaluation_without_a_penilai_is_incomplete(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    ev = set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    ev.snapshot = {**ev.snapshot, "penilai": None}
    ev.save(update_fields=["snapshot"])
    assert _rows(w) == []
    (v,) = sel.incomplete_rows(instansi_id=cast.a.pk, periode=w.periode)
    assert sel.reasons(v) == ["penilai"]


def test_the_annual_record_needs_no_koefisien(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    SiasnKoefisien.objects.all().delete()
    tahunan = _annual(w, "dina", ratings.BAIK)
    (row,) = _rows(w, tahunan)
    assert row["pnsDinilaiOrang"] == ID["dina"] and "koefisienId" not in row


def test_the_two_records_differ_where_siasn_does():
    only_periodik = set(exports.PERIODIK_FIELDS) - set(exports.TAHUNAN_FIELDS)
    only_tahunan = set(exports.TAHUNAN_FIELDS) - set(exports.PERIODIK_FIELDS)
    assert only_periodik == {
        "bulanMulaiPenilaian",
        "bulanSelesaiPenilaian",
        "tahunMulaiPenilaian",
        "tahunSelesaiPenilaian",
        "periodikId",
        "koefisienId",
        "penilaiJabatanNama",
        "pnsDinilaiId",
    }
    assert only_tahunan == {"penilaiJabatan", "pnsDinilaiOrang"}
    assert set(PERIODIK_TYPES) == set(exports.PERIODIK_FIELDS)
    assert set(TAHUNAN_TYPES) == set(exports.TAHUNAN_FIELDS)


# --- code tables --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hk, pk, hk_code, pk_code, kuadran",
    [
        (ratings.DI_ATAS, ratings.DI_ATAS, 1, 1, 1),  # Sangat Baik
        (ratings.DI_ATAS, ratings.SESUAI, 1, 2, 2),  # Baik
        (ratings.DI_ATAS, ratings.DI_BAWAH, 1, 3, 4),  # Kurang/Misconduct
        (ratings.SESUAI, ratings.DI_ATAS, 2, 1, 2),  # Baik
        (ratings.SESUAI, ratings.SESUAI, 2, 2, 2),  # Baik
        (ratings.SESUAI, ratings.DI_BAWAH, 2, 3, 4),  # Kurang/Misconduct
        (ratings.DI_BAWAH, ratings.DI_ATAS, 3, 1, 3),  # Butuh Perbaikan
        (ratings.DI_BAWAH, ratings.SESUAI, 3, 2, 3),  # Butuh Perbaikan
        (ratings.DI_BAWAH, ratings.DI_BAWAH, 3, 3, 5),  # Sangat Kurang
    ],
)
def test_rating_and_kuadran_codes(cast, hk, pk, hk_code, pk_code, kuadran):
    w = appraisal_world(cast)
    load_reference(cast)
    set_rating(w, "charlie", hk, pk)
    (row,) = _rows(w)
    assert (row["hasilKinerjaNilai"], row["perilakuKerjaNilai"], row["kuadranKinerjaNilai"]) == (
        hk_code,
        pk_code,
        kuadran,
    )


@pytest.mark.parametrize(
    "jenis, nomor, periodik_id, bulan",
    [(evaluation.JENIS_BULANAN, 3, "1", (3, 3)), (evaluation.JENIS_TRIWULANAN, 2, "2", (4, 6))],
)
def test_periodik_id_and_months(cast, jenis, nomor, periodik_id, bulan):
    w = appraisal_world(cast)
    load_reference(cast)
    periode = (
        w.periode
        if jenis == evaluation.JENIS_BULANAN
        else open_periode(cast, w.cascade, jenis=jenis, nomor=nomor)
    )
    Evaluasi.objects.filter(periode_penilaian=periode, pegawai=cast.charlie).update(
        rating_hasil_kerja=ratings.SESUAI,
        rating_perilaku=ratings.SESUAI,
        predikat=ratings.BAIK,
        status="dinilai",
    )
    (row,) = _rows(w, periode)
    assert row["periodikId"] == periodik_id
    assert (row["bulanMulaiPenilaian"], row["bulanSelesaiPenilaian"]) == bulan
    assert row["tahunMulaiPenilaian"] == row["tahunSelesaiPenilaian"] == row["tahun"] == 2026


@pytest.mark.parametrize(
    "penilai, status",
    [
        ({"nama": "Bob", "nip": "19800315 200501 1 002"}, "ASN"),
        ({"nama": "Bupati Alfa", "nip": ""}, "NON ASN"),  # the regional head
        (None, "NON ASN"),
    ],
)
def test_status_penilai(penilai, status):
    assert exports.status_penilai(penilai) == status


def test_only_rated_evaluations_of_the_instansi_and_period(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    Pegawai.objects.filter(pk=cast.bob.pk).update(siasn_id="BOB-ID")
    set_rating(w, "bob", ratings.SESUAI, ratings.SESUAI)  # dinilai (rated by alice)
    ev = set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    Evaluasi.objects.filter(pk=ev.pk).update(status=evaluation.EVALUASI_DITETAPKAN)  # ditetapkan
    # dina stays a draft; alice is a draft carrying a prefilled predikat (annual-style)
    Evaluasi.objects.filter(pk=w.evaluasi("alice").pk).update(
        rating_hasil_kerja=ratings.SESUAI, rating_perilaku=ratings.SESUAI, predikat=ratings.BAIK
    )
    people = [r["pnsDinilaiId"] for r in _rows(w)]
    assert people == ["BOB-ID", ID["charlie"]]
    with pytest.raises(ValueError):
        list(exports.siasn_rows(instansi_id=cast.b.pk, periode=w.periode))


def test_another_agencys_reference_rows_are_not_used(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    SiasnGolongan.objects.filter(instansi=cast.a).delete()
    SiasnGolongan.objects.create(instansi=cast.b, golongan="IV/a", siasn_id="41")
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    assert _rows(w) == []


# --- the "with names" table ----------------------------------------------------------------


@pytest.fixture
def rated_world(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    for who in ("charlie", "dina"):
        set_rating(w, who, ratings.SESUAI, ratings.SESUAI)
    return w


def test_names_table_lists_everyone_rated_and_says_who_is_incomplete(rated_world):
    w = rated_world
    Pegawai.objects.filter(pk=w.cast.dina.pk).update(siasn_id="")
    text = "".join(
        exports.siasn_names_csv_stream(instansi_id=w.cast.a.pk, periode=w.periode, base_url=BASE)
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(exports.names_fields(w.periode))
    assert "id" not in rows[0] and "path" not in rows[0]
    by_nip = {r["nipBaru"]: r for r in rows}
    charlie, dina = by_nip[w.cast.charlie.nip], by_nip[w.cast.dina.nip]
    assert (charlie["nama"], charlie["lengkap"], charlie["keterangan"]) == (
        "Charlie Nugroho",
        "Ya",
        "",
    )
    assert (dina["nama"], dina["lengkap"], dina["keterangan"]) == (
        "Dina Lestari",
        "Tidak",
        "ID SIASN pegawai belum dimuat",
    )
    assert dina["pnsDinilaiId"] == "" and dina["koefisienId"] == "KOEF-AP-100"
    assert charlie["dokumen"].startswith(f"{BASE}/penilaian/evaluasi/")


def test_names_workbook_holds_the_same_rows(rated_world):
    from openpyxl import load_workbook

    w = rated_world
    data = exports.siasn_names_xlsx(instansi_id=w.cast.a.pk, periode=w.periode, base_url=BASE)
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(exports.names_fields(w.periode))
    nips = {r[0] for r in rows[1:]}
    assert nips == {w.cast.charlie.nip, w.cast.dina.nip}
    assert {ws["A2"].data_type, ws["A3"].data_type} == {"s"}  # NIPs stay text


# --- streaming ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_export_streams_without_materialising_the_rows(rated_world, login, monkeypatch, fmt):
    w = rated_world
    calls = []
    real_iterator = QuerySet.iterator

    def spy(self, chunk_size=None):
        calls.append(chunk_size)
        return real_iterator(self, chunk_size=chunk_size)

    def refuse(self):
        raise AssertionError("the export evaluated a whole queryset into a list")

    monkeypatch.setattr(QuerySet, "iterator", spy)
    monkeypatch.setattr(exports, "ROWS_PER_WRITE", 1)
    response = login("eko").get(
        reverse("appraisal:siasn-export"), {"periode": w.periode.pk, "format": fmt}
    )
    assert isinstance(response, StreamingHttpResponse)
    # A sync view's stream (streaming_content is typed for async ones too).
    stream = iter(typing.cast(Iterator[bytes], response.streaming_content))
    monkeypatch.setattr(QuerySet, "_fetch_all", refuse)  # list(qs), len(qs), qs[0]…
    chunks = list(stream)
    assert calls == [exports.CHUNK_SIZE]
    assert len(chunks) >= 3  # opening/header, one piece per row, closing
    body = b"".join(chunks).decode()
    if fmt == "json":
        assert [r["pnsDinilaiId"] for r in json.loads(body)] == [ID["charlie"], ID["dina"]]
    else:
        rows = list(csv.DictReader(io.StringIO(body)))
        assert [r["kuadranKinerjaNilai"] for r in rows] == ["2", "2"]


def test_the_stream_is_a_generator_not_a_list(rated_world):
    w = rated_world
    rows = exports.siasn_rows(instansi_id=w.cast.a.pk, periode=w.periode)
    assert not isinstance(rows, list | tuple) and iter(rows) is rows
    json_stream = exports.siasn_json_stream(instansi_id=w.cast.a.pk, periode=w.periode)
    assert next(json_stream) == b"["


def test_stream_queries_do_not_grow_with_the_rows(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            b"".join(exports.siasn_json_stream(instansi_id=cast.a.pk, periode=w.periode))
        return len(ctx.captured_queries)

    one = count()
    for who in ("alice", "bob", "dina"):
        set_rating(w, who, ratings.SESUAI, ratings.SESUAI)
    assert count() == one <= 3


# --- the download ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status", [("eko", 200), ("fajar", 200), ("alice", 403), ("dina", 403)]
)
def test_who_may_export(rated_world, login, who, status):
    response = login(who).get(
        reverse("appraisal:siasn-export"), {"periode": rated_world.periode.pk}
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    "fmt, content_type, name",
    [
        ("json", "application/json", "siasn-kinerjaperiodik-2026-03.json"),
        ("csv", "text/csv", "siasn-kinerjaperiodik-2026-03-dengan-nama.csv"),
        ("xlsx", "application/vnd.openxml", "siasn-kinerjaperiodik-2026-03-dengan-nama.xlsx"),
    ],
)
def test_the_download_is_named_counted_and_audited(
    rated_world, login, django_assert_max_num_queries, fmt, content_type, name
):
    w = rated_world
    Pegawai.objects.filter(pk=w.cast.dina.pk).update(siasn_id="")
    client = login("eko")
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("appraisal:siasn-export"), {"periode": w.periode.pk, "format": fmt}
        )
        if response.streaming:
            b"".join(response.streaming_content)
    assert response["Content-Type"].startswith(content_type)
    assert f'filename="{name}"' in response["Content-Disposition"]
    assert response["X-SIASN-Tidak-Lengkap"] == "1"
    event = AuditEvent.objects.get(action="appraisal.siasn_export")
    assert event.instansi_id == w.cast.a.pk and event.changes["format"] == fmt
    assert event.changes["tidak_lengkap"] == 1


def test_another_agencys_period_is_404_and_no_period_goes_back_to_the_page(rated_world, login):
    cast = rated_world.cast
    RoleAssignment.objects.create(instansi=cast.b, user=cast.gita.user, role=Role.ADMIN)
    client = login("gita")
    assert (
        client.get(
            reverse("appraisal:siasn-export"), {"periode": rated_world.periode.pk}
        ).status_code
        == 404
    )
    response = login("eko").get(reverse("appraisal:siasn-export"))
    assert response.status_code == 302 and response["Location"] == reverse("appraisal:siasn")


def test_an_empty_period_is_still_valid_json_and_a_csv_header(cast):
    w = appraisal_world(cast)  # nobody rated yet
    body = b"".join(exports.siasn_json_stream(instansi_id=cast.a.pk, periode=w.periode))
    assert json.loads(body) == []
    text = "".join(exports.siasn_names_csv_stream(instansi_id=cast.a.pk, periode=w.periode))
    assert text.splitlines() == [",".join(exports.names_fields(w.periode))]


def test_names_and_characters_survive_both_formats(cast):
    w = appraisal_world(cast)
    load_reference(cast)
    ev = set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    snap = ev.snapshot
    snap["penilai"] = {**snap["penilai"], "nama": 'Dr. Ni Luh "Ayu", S.E.'}
    snap["pegawai"] = {**snap["pegawai"], "nama": 'Dr. Ni Luh "Ayu", S.E.'}
    Evaluasi.objects.filter(pk=ev.pk).update(snapshot=snap)
    (row,) = json.loads(
        b"".join(exports.siasn_json_stream(instansi_id=cast.a.pk, periode=w.periode))
    )
    assert row["penilaiNama"] == 'Dr. Ni Luh "Ayu", S.E.'
    text = "".join(exports.siasn_names_csv_stream(instansi_id=cast.a.pk, periode=w.periode))
    (line,) = list(csv.DictReader(io.StringIO(text)))
    assert line["nama"] == line["penilaiNama"] == 'Dr. Ni Luh "Ayu", S.E.'


@pytest.mark.parametrize(
    "jenis, nomor, name",
    [
        (evaluation.JENIS_BULANAN, 3, "siasn-kinerjaperiodik-2026-03.json"),
        (evaluation.JENIS_TRIWULANAN, 2, "siasn-kinerjaperiodik-2026-tw2.json"),
        (evaluation.JENIS_TAHUNAN, 0, "siasn-skp22-2026.json"),
    ],
)
def test_file_names(cast, jenis, nomor, name):
    w = appraisal_world(cast)
    periode = (
        w.periode
        if jenis == evaluation.JENIS_BULANAN
        else open_periode(cast, w.cascade, jenis=jenis, nomor=nomor)
    )
    assert exports.siasn_filename(periode, "json") == name
