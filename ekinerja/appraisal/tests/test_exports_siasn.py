"""The SIASN export (rules §13): the exact field names of `kinerjaperiodik/save` and
`skp22/save`, the code tables, who is exported, and that the download streams."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.db.models.query import QuerySet
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ekinerja.appraisal import domain as d
from ekinerja.appraisal import exports
from ekinerja.appraisal.models import AturanPenilaian, Evaluasi
from ekinerja.core.models import AuditEvent, Role, RoleAssignment

from .factories import appraisal_world, open_periode, set_rating

pytestmark = pytest.mark.django_db

PERIODIK = [
    "bulanMulaiPenilaian",
    "bulanSelesaiPenilaian",
    "tahunMulaiPenilaian",
    "tahunSelesaiPenilaian",
    "tahun",
    "periodikId",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "koefisienId",
    "penilaiNama",
    "penilaiNipNrp",
    "penilaiGolongan",
    "penilaiJabatanNama",
    "penilaiUnorNama",
    "statusPenilai",
    "pnsDinilaiId",
    "path",
]
TAHUNAN = [
    "tahun",
    "hasilKinerjaNilai",
    "perilakuKerjaNilai",
    "kuadranKinerjaNilai",
    "penilaiNama",
    "penilaiNipNrp",
    "penilaiGolongan",
    "penilaiJabatan",
    "penilaiUnorNama",
    "statusPenilai",
    "pnsDinilaiOrang",
    "path",
]
EXTRA = ["nipBaru", "nama", "golongan", "jabatanNama", "unorNama"]


def _rows(w, periode=None, base_url="https://kinerja.example.go.id"):
    return list(
        exports.siasn_rows(instansi_id=w.cast.a.pk, periode=periode or w.periode, base_url=base_url)
    )


def _annual(w):
    """The year opened and charlie's annual evaluation rated."""
    tahunan = open_periode(w.cast, w.cascade, jenis=d.JENIS_TAHUNAN, nomor=0)
    ev = Evaluasi.objects.get(periode_penilaian=tahunan, pegawai=w.cast.charlie)
    ev.rating_hasil_kerja, ev.rating_perilaku = d.DI_ATAS, d.SESUAI
    ev.predikat, ev.status = d.BAIK, d.EVALUASI_DINILAI
    ev.save()
    return tahunan


# --- field names, exactly ---------------------------------------------------------------


@pytest.mark.parametrize("kind, expected", [("periodik", PERIODIK), ("tahunan", TAHUNAN)])
def test_each_record_has_exactly_siasns_fields_in_order_then_the_extras(cast, kind, expected):
    w = appraisal_world(cast)
    set_rating(w, "charlie", d.SESUAI, d.SESUAI)
    periode = _annual(w) if kind == "tahunan" else w.periode
    (row,) = _rows(w, periode)
    assert list(row) == expected + EXTRA
    assert list(exports.siasn_fields(periode)) == expected + EXTRA


@pytest.mark.parametrize(
    "field, periodik, tahunan",
    [
        ("penilaiJabatanNama", True, False),
        ("penilaiJabatan", False, True),
        ("pnsDinilaiId", True, False),
        ("pnsDinilaiOrang", False, True),
        ("koefisienId", True, False),
        ("periodikId", True, False),
        ("bulanMulaiPenilaian", True, False),
        ("tahun", True, True),
        ("statusPenilai", True, True),
        ("path", True, True),
    ],
)
def test_the_two_records_differ_where_siasn_does(field, periodik, tahunan):
    assert (field in exports.PERIODIK_FIELDS) is periodik
    assert (field in exports.TAHUNAN_FIELDS) is tahunan


# --- code tables --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hk, pk, hk_code, pk_code, kuadran",
    [
        (d.DI_ATAS, d.DI_ATAS, 1, 1, 1),  # Sangat Baik
        (d.DI_ATAS, d.SESUAI, 1, 2, 2),  # Baik
        (d.DI_ATAS, d.DI_BAWAH, 1, 3, 4),  # Kurang/Misconduct
        (d.SESUAI, d.DI_ATAS, 2, 1, 2),  # Baik
        (d.SESUAI, d.SESUAI, 2, 2, 2),  # Baik
        (d.SESUAI, d.DI_BAWAH, 2, 3, 4),  # Kurang/Misconduct
        (d.DI_BAWAH, d.DI_ATAS, 3, 1, 3),  # Butuh Perbaikan
        (d.DI_BAWAH, d.SESUAI, 3, 2, 3),  # Butuh Perbaikan
        (d.DI_BAWAH, d.DI_BAWAH, 3, 3, 5),  # Sangat Kurang
    ],
)
def test_rating_and_kuadran_codes(cast, hk, pk, hk_code, pk_code, kuadran):
    w = appraisal_world(cast)
    set_rating(w, "charlie", hk, pk)
    (row,) = _rows(w)
    assert (row["hasilKinerjaNilai"], row["perilakuKerjaNilai"], row["kuadranKinerjaNilai"]) == (
        hk_code,
        pk_code,
        kuadran,
    )


@pytest.mark.parametrize(
    "jenis, nomor, periodik_id, bulan",
    [(d.JENIS_BULANAN, 3, 1, (3, 3)), (d.JENIS_TRIWULANAN, 2, 2, (4, 6))],
)
def test_periodik_id_and_months(cast, jenis, nomor, periodik_id, bulan):
    w = appraisal_world(cast)
    periode = (
        w.periode
        if jenis == d.JENIS_BULANAN
        else open_periode(cast, w.cascade, jenis=jenis, nomor=nomor)
    )
    Evaluasi.objects.filter(periode_penilaian=periode, pegawai=cast.charlie).update(
        rating_hasil_kerja=d.SESUAI, rating_perilaku=d.SESUAI, predikat=d.BAIK, status="dinilai"
    )
    (row,) = _rows(w, periode)
    assert row["periodikId"] == periodik_id
    assert (row["bulanMulaiPenilaian"], row["bulanSelesaiPenilaian"]) == bulan
    assert row["tahunMulaiPenilaian"] == row["tahunSelesaiPenilaian"] == row["tahun"] == 2026


# --- the values -------------------------------------------------------------------------


def test_periodic_values_come_from_the_snapshot_and_reference_data(cast):
    w = appraisal_world(cast)
    set_rating(w, "dina", d.SESUAI, d.SESUAI)
    set_rating(w, "charlie", d.SESUAI, d.SESUAI)
    cast.dina.siasn_id = "A8ACA7F1-SIASN-DINA"
    cast.dina.save(update_fields=["siasn_id"])
    AturanPenilaian.objects.create(
        instansi=cast.a, tahun=2026, siasn_koefisien={"ahli_pertama": "KOEF-AP-1"}
    )
    rows = {r["nipBaru"]: r for r in _rows(w)}
    dina, charlie = rows[cast.dina.nip], rows[cast.charlie.nip]
    assert dina["pnsDinilaiId"] == "A8ACA7F1-SIASN-DINA"
    assert dina["koefisienId"] == "KOEF-AP-1"  # fungsional ahli pertama
    assert charlie["koefisienId"] is None  # pelaksana: no jenjang
    assert charlie["pnsDinilaiId"] is None  # not loaded from SIASN yet
    # The penilai as snapshotted: bob, NIP as digits (the snapshot prints it spaced).
    assert dina["penilaiNama"] == "Bob Santoso"
    assert dina["penilaiNipNrp"] == "198003152005011002"
    assert dina["penilaiGolongan"] == "IV/a"
    assert dina["penilaiJabatanNama"] == "Kepala Bidang Satu"
    assert dina["penilaiUnorNama"] == "Bidang Satu"
    assert dina["statusPenilai"] == "ASN"
    ev = w.evaluasi("dina")
    assert dina["path"] == f"https://kinerja.example.go.id/penilaian/evaluasi/{ev.pk}/pdf/"
    assert (dina["nama"], dina["golongan"], dina["jabatanNama"], dina["unorNama"]) == (
        "Dina Lestari",
        "III/a",
        "Analis Kebijakan Ahli Pertama",
        "Bidang Satu",
    )


def test_annual_values(cast):
    w = appraisal_world(cast)
    tahunan = _annual(w)
    cast.charlie.siasn_id = "SIASN-CHARLIE"
    cast.charlie.save(update_fields=["siasn_id"])
    (row,) = _rows(w, tahunan)
    assert row["tahun"] == 2026
    assert row["pnsDinilaiOrang"] == "SIASN-CHARLIE"
    assert row["penilaiJabatan"] == "Kepala Bidang Satu"
    assert (row["hasilKinerjaNilai"], row["perilakuKerjaNilai"], row["kuadranKinerjaNilai"]) == (
        1,
        2,
        2,
    )


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


def test_a_non_asn_penilai_is_exported_as_such(cast):
    w = appraisal_world(cast)
    ev = set_rating(w, "charlie", d.SESUAI, d.SESUAI)
    ev.snapshot = {
        **ev.snapshot,
        "penilai": {"nama": "H. Bupati Alfa", "nip": "", "jabatan": "Bupati"},
    }
    ev.save(update_fields=["snapshot"])
    (row,) = _rows(w)
    assert row["statusPenilai"] == "NON ASN"
    assert row["penilaiNipNrp"] is None and row["penilaiJabatanNama"] == "Bupati"


def test_only_rated_evaluations_of_the_instansi_and_period(cast):
    w = appraisal_world(cast)
    set_rating(w, "bob", d.SESUAI, d.SESUAI)  # dinilai
    ev = set_rating(w, "charlie", d.SESUAI, d.SESUAI)
    Evaluasi.objects.filter(pk=ev.pk).update(status=d.EVALUASI_DITETAPKAN)  # ditetapkan
    # dina stays a draft; alice is a draft carrying a prefilled predikat (annual-style)
    Evaluasi.objects.filter(pk=w.evaluasi("alice").pk).update(
        rating_hasil_kerja=d.SESUAI, rating_perilaku=d.SESUAI, predikat=d.BAIK
    )
    nips = [r["nipBaru"] for r in _rows(w)]
    assert nips == [cast.bob.nip, cast.charlie.nip]
    with pytest.raises(ValueError):
        list(exports.siasn_rows(instansi_id=cast.b.pk, periode=w.periode))


# --- streaming ----------------------------------------------------------------------------


@pytest.fixture
def rated_world(cast):
    w = appraisal_world(cast)
    for who in ("bob", "charlie", "dina"):
        set_rating(w, who, d.SESUAI, d.SESUAI)
    return w


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
    stream = iter(response.streaming_content)
    monkeypatch.setattr(QuerySet, "_fetch_all", refuse)  # list(qs), len(qs), qs[0]…
    chunks = list(stream)
    assert calls == [exports.CHUNK_SIZE]
    assert len(chunks) >= 4  # opening/header, one piece per row, closing
    body = b"".join(chunks).decode()
    if fmt == "json":
        assert [r["nipBaru"] for r in json.loads(body)] == [
            w.cast.bob.nip,
            w.cast.charlie.nip,
            w.cast.dina.nip,
        ]
    else:
        rows = list(csv.DictReader(io.StringIO(body)))
        assert list(rows[0]) == PERIODIK + EXTRA
        assert [r["kuadranKinerjaNilai"] for r in rows] == ["2", "2", "2"]
        assert rows[0]["koefisienId"] == ""  # null is an empty cell


def test_the_stream_is_a_generator_not_a_list(rated_world):
    w = rated_world
    rows = exports.siasn_rows(instansi_id=w.cast.a.pk, periode=w.periode)
    assert not isinstance(rows, list | tuple) and iter(rows) is rows
    json_stream = exports.siasn_json_stream(instansi_id=w.cast.a.pk, periode=w.periode)
    assert next(json_stream) == b"["


def test_stream_queries_do_not_grow_with_the_rows(cast):
    w = appraisal_world(cast)
    set_rating(w, "charlie", d.SESUAI, d.SESUAI)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            b"".join(exports.siasn_json_stream(instansi_id=cast.a.pk, periode=w.periode))
        return len(ctx.captured_queries)

    one = count()
    for who in ("alice", "bob", "dina"):
        set_rating(w, who, d.SESUAI, d.SESUAI)
    assert count() == one <= 3


# --- the view -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status", [("eko", 200), ("fajar", 200), ("alice", 403), ("dina", 403)]
)
def test_who_may_export(rated_world, login, who, status):
    response = login(who).get(
        reverse("appraisal:siasn-export"), {"periode": rated_world.periode.pk}
    )
    assert response.status_code == status


def test_the_download_is_named_and_audited(rated_world, login, django_assert_max_num_queries):
    w = rated_world
    client = login("eko")
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("appraisal:siasn-export"), {"periode": w.periode.pk, "format": "csv"}
        )
        b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="siasn-kinerjaperiodik-2026-03.csv"' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="appraisal.siasn_export")
    assert event.instansi_id == w.cast.a.pk and event.changes["format"] == "csv"


def test_another_agencys_period_is_404_and_no_period_goes_back_to_the_index(rated_world, login):
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
    assert response.status_code == 302 and response["Location"] == reverse("appraisal:laporan")


def test_an_empty_period_is_still_valid_json_and_a_csv_header(cast):
    w = appraisal_world(cast)  # nobody rated yet
    body = b"".join(exports.siasn_json_stream(instansi_id=cast.a.pk, periode=w.periode))
    assert json.loads(body) == []
    text = "".join(exports.siasn_csv_stream(instansi_id=cast.a.pk, periode=w.periode))
    assert text.splitlines() == [",".join(PERIODIK + EXTRA)]


def test_names_and_characters_survive_both_formats(cast):
    w = appraisal_world(cast)
    ev = set_rating(w, "charlie", d.SESUAI, d.SESUAI)
    snap = ev.snapshot
    snap["pegawai"] = {**snap["pegawai"], "nama": 'Dr. Ni Luh "Ayu", S.E.'}
    Evaluasi.objects.filter(pk=ev.pk).update(snapshot=snap)
    (row,) = json.loads(
        b"".join(exports.siasn_json_stream(instansi_id=cast.a.pk, periode=w.periode))
    )
    assert row["nama"] == 'Dr. Ni Luh "Ayu", S.E.'
    text = "".join(exports.siasn_csv_stream(instansi_id=cast.a.pk, periode=w.periode))
    (line,) = list(csv.DictReader(io.StringIO(text)))
    assert line["nama"] == 'Dr. Ni Luh "Ayu", S.E.'


@pytest.mark.parametrize(
    "jenis, nomor, name",
    [
        (d.JENIS_BULANAN, 3, "siasn-kinerjaperiodik-2026-03.json"),
        (d.JENIS_TRIWULANAN, 2, "siasn-kinerjaperiodik-2026-tw2.json"),
        (d.JENIS_TAHUNAN, 0, "siasn-skp22-2026.json"),
    ],
)
def test_file_names(cast, jenis, nomor, name):
    w = appraisal_world(cast)
    periode = (
        w.periode
        if jenis == d.JENIS_BULANAN
        else open_periode(cast, w.cascade, jenis=jenis, nomor=nomor)
    )
    assert exports.siasn_filename(periode, "json") == name
