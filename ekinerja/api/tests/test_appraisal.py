"""The appraisal through the API (issue 5): the phone lists open periods and the
caller's evaluations, enters realisasi; the penilai rates; unit managers read the curve,
set the organisation predikat and do the penetapan; the Admin Instansi reopens; the
SIASN records stream out. Every refusal is the service's message as a 400 / 403 / 404,
and changes nothing."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.utils import timezone

from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import (
    Evaluasi,
    Penetapan,
    PeriodePenilaian,
    PredikatOrganisasi,
    RealisasiIKI,
)
from ekinerja.appraisal.tests.factories import (
    appraisal_world,
    set_predikat_organisasi,
    set_rating,
    set_realisasi,
)
from ekinerja.core.models import AuditEvent
from ekinerja.org.models import Pegawai
from ekinerja.plans.tests.factories import make_periode

pytestmark = pytest.mark.django_db

V1 = "/api/v1/penilaian"
EVERYONE = ("alice", "bob", "charlie", "dina", "eko", "fajar", "gita")
LOCKED = (
    "Evaluasi ini sudah ditetapkan; perubahan hanya melalui pembukaan kembali oleh Admin Instansi."
)


@pytest.fixture
def world(cast, api):
    """March 2026 open with the evaluations of alice, bob, charlie and dina; every
    client's token made up front, so that a refused call is compared with a state that
    already has the tokens."""
    w = appraisal_world(cast)
    for who in EVERYONE:
        api(who)
    return w


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json() if response.content else None


def _state() -> tuple:
    return (
        list(
            Evaluasi.objects.order_by("pk").values_list(
                "pk", "status", "rating_hasil_kerja", "rating_perilaku", "predikat",
                "umpan_balik_rhk", "catatan_penilai", "ditetapkan_at",
            )
        ),
        list(RealisasiIKI.objects.order_by("pk").values_list("pk", "nilai", "teks", "capaian")),
        list(PredikatOrganisasi.objects.order_by("pk").values_list("pk", "predikat", "catatan")),
        list(Penetapan.objects.order_by("pk").values_list("pk", "status", "alasan_dibuka")),
        AuditEvent.objects.count(),
    )  # fmt: skip


def refused(client, method: str, url: str, data=None, *, status: int = 400, **kw) -> dict:
    before = _state()
    response = getattr(client, method)(url, data, **kw)
    assert response.status_code == status, response.content
    assert _state() == before, "a refused call changed something"
    body = response.json()
    assert body["detail"], body
    return body


def _rate_all(world, predikat: dict[str, tuple[str, str]]) -> None:
    for who, (hk, pk) in predikat.items():
        set_rating(world, who, hk, pk)


SB = (ratings.DI_ATAS, ratings.DI_ATAS)
BAIK = (ratings.SESUAI, ratings.SESUAI)


# --- periods and lists -----------------------------------------------------------------------


def test_open_periods(cast, world, api):
    body = _ok(api("charlie").get(f"{V1}/periode/"))
    assert [(p["id"], p["label"], p["status"], p["tahun"]) for p in body["results"]] == [
        (world.periode.pk, str(world.periode), "dibuka", 2026)
    ]
    PeriodePenilaian.objects.filter(pk=world.periode.pk).update(status="ditutup")
    assert _ok(api("charlie").get(f"{V1}/periode/"))["count"] == 0
    assert _ok(api("charlie").get(f"{V1}/periode/", {"status": "semua"}))["count"] == 1
    assert _ok(api("gita").get(f"{V1}/periode/", {"status": "semua"}))["count"] == 0
    bad = api("charlie").get(f"{V1}/periode/", {"status": "x"})
    assert bad.status_code == 400 and bad.json()["status"]


def test_own_and_penilai_lists(cast, world, api):
    set_realisasi(world, "charlie", "12")

    def rows(who, **params):
        body = _ok(api(who).get(f"{V1}/evaluasi/", params))
        return {r["pegawai"]["id"]: r for r in body["results"]}

    mine = rows("charlie")
    assert list(mine) == [cast.charlie.pk]
    row = mine[cast.charlie.pk]
    assert (row["realisasi_terisi"], row["status"], row["predikat"]) == (1, "draft", None)
    assert row["realisasi_total"] >= 1 and row["periode"]["id"] == world.periode.pk
    assert row["penilai"]["id"] == cast.bob.pk and row["unit_kurva"]["id"] == cast.dinas.pk
    assert set(rows("bob", peran="penilai")) == {cast.charlie.pk, cast.dina.pk}
    assert set(rows("alice", peran="penilai")) == {cast.bob.pk}
    assert rows("charlie", peran="penilai") == {}
    assert set(rows("bob", peran="penilai", periode=world.periode.pk)) == {
        cast.charlie.pk,
        cast.dina.pk,
    }
    assert rows("gita") == {} and rows("gita", peran="penilai") == {}
    # Another agency's period is not there; a bad filter names itself.
    assert api("gita").get(f"{V1}/evaluasi/", {"periode": world.periode.pk}).status_code == 404
    bad = api("bob").get(f"{V1}/evaluasi/", {"peran": "atasan"})
    assert bad.status_code == 400 and bad.json()["peran"]


# --- one evaluation --------------------------------------------------------------------------


def test_evaluation_detail_and_its_readers(cast, world, api):
    ev = world.evaluasi("charlie")
    iki = world.iki("charlie")
    set_realisasi(world, "charlie", "15")
    url = f"{V1}/evaluasi/{ev.pk}/"
    body = _ok(api("charlie").get(url))
    assert body["peran"] == "owner" and body["dapat_isi_realisasi"] is True
    assert body["dapat_menilai"] is False and body["alasan_terkunci"] == ""
    assert body["snapshot"]["pegawai"]["nip"].replace(" ", "") == cast.charlie.nip
    assert body["snapshot"]["penilai"]["nama"] and body["saran_sistem"] == ratings.DI_ATAS
    [item] = [i for r in body["rhk"] for i in r["iki"] if i["id"] == iki.pk]
    assert item["realisasi"]["nilai"] == "15" and item["realisasi"]["capaian"] == "125"
    assert item["target"] and item["arah"] == "naik"
    assert [p["nomor"] for p in body["perilaku"]] == [1, 2, 3, 4, 5, 6, 7]
    assert all(p["panduan"] for p in body["perilaku"])
    bob = _ok(api("bob").get(url))
    assert (bob["peran"], bob["dapat_menilai"], bob["dapat_isi_realisasi"]) == (
        "penilai",
        True,
        False,
    )
    for who in ("alice", "eko", "fajar"):
        assert _ok(api(who).get(url))["peran"] == "other"
    response = api("dina").get(url)
    assert response.status_code == 403 and response.json()["detail"]
    response = api("gita").get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "Evaluasi tidak ditemukan."}
    assert api("anonymous").get(url).status_code == 401


def test_realisasi_is_saved_and_capaian_computed(cast, world, api):
    ev, iki = world.evaluasi("charlie"), world.iki("charlie")
    url = f"{V1}/evaluasi/{ev.pk}/realisasi/{iki.pk}/"
    body = _ok(api("charlie").put(url, {"nilai": "12,5", "catatan": "Termasuk surat keluar"}))
    assert (body["iki"], body["nilai"], body["capaian"]) == (iki.pk, "12.5", "104.1667")
    assert body["catatan"] == "Termasuk surat keluar" and body["capaian_text"] == "104,2%"
    assert AuditEvent.objects.filter(action="evaluasi.realisasi").count() == 1
    # A JSON number is a number: 1.5 is one and a half, not fifteen.
    body = _ok(api("charlie").put(url, {"nilai": 1.5}))
    assert body["nilai"] == "1.5"
    body = _ok(api("charlie").put(url, {"nilai": 6}))
    assert (body["nilai"], body["capaian"]) == ("6", "50")
    row = RealisasiIKI.objects.get(evaluasi=ev, iki=iki)
    assert (row.nilai, row.capaian) == (Decimal("6"), Decimal("50"))


@pytest.mark.parametrize(
    ("nilai", "message"),
    [
        ("dua belas", "Realisasi harus berupa angka"),
        ("12,5,1", "Realisasi harus berupa angka"),
        ("", "Isikan realisasi berupa angka"),
        (None, "Isikan realisasi berupa angka"),
        (True, "Realisasi harus berupa angka"),
        ([12], "Realisasi harus berupa angka"),
        ("-3", "tidak boleh negatif"),
    ],
)
def test_a_realisasi_that_is_not_a_number_is_refused(cast, world, api, nilai, message):
    set_realisasi(world, "charlie", "10")  # what is stored must stay
    ev, iki = world.evaluasi("charlie"), world.iki("charlie")
    body = refused(
        api("charlie"), "put", f"{V1}/evaluasi/{ev.pk}/realisasi/{iki.pk}/", {"nilai": nilai}
    )
    assert message in body["nilai"][0], body
    assert RealisasiIKI.objects.get(evaluasi=ev, iki=iki).nilai == Decimal("10")


def test_realisasi_refusals(cast, world, api):
    ev, iki = world.evaluasi("charlie"), world.iki("charlie")
    url = f"{V1}/evaluasi/{ev.pk}/realisasi/{iki.pk}/"
    # Only the person: the penilai 403, a colleague 403, another agency 404.
    body = refused(api("bob"), "put", url, {"nilai": "12"}, status=403)
    assert "pegawai yang dinilai" in body["detail"]
    refused(api("dina"), "put", url, {"nilai": "12"}, status=403)
    refused(api("gita"), "put", url, {"nilai": "12"}, status=404)
    # An IKI of somebody else's SKP.
    other = world.iki("dina")
    body = refused(api("charlie"), "put", f"{V1}/evaluasi/{ev.pk}/realisasi/{other.pk}/", {})
    assert body["iki"]
    # Rated: frozen.
    set_rating(world, "charlie", *BAIK)
    body = refused(api("charlie"), "put", url, {"nilai": "12"})
    assert "sudah dinilai" in body["detail"]


# --- rating ------------------------------------------------------------------------------------


def test_penilai_rates_through_the_api(cast, world, api, django_capture_on_commit_callbacks):
    ev = world.evaluasi("charlie")
    rhk = world.iki("charlie").rhk
    with django_capture_on_commit_callbacks(execute=True):
        body = _ok(
            api("bob").post(
                f"{V1}/evaluasi/{ev.pk}/nilai/",
                {
                    "rating_hasil_kerja": "sesuai",
                    "rating_perilaku": "di_atas",
                    "predikat": "baik",
                    "umpan_balik_rhk": {str(rhk.pk): "Agenda surat tepat waktu."},
                    "umpan_balik_perilaku": {"1": "Ramah melayani tamu."},
                    "catatan": "Pertahankan.",
                },
            )
        )
    assert (body["status"], body["predikat"], body["predikat_label"]) == (
        "dinilai",
        "baik",
        "Baik",
    )
    assert body["rating_hasil_kerja"] == "sesuai" and body["rating_perilaku"] == "di_atas"
    [row] = [r for r in body["rhk"] if r["id"] == rhk.pk]
    assert row["umpan_balik_penilai"] == "Agenda surat tepat waktu."
    assert body["perilaku"][0]["umpan_balik_penilai"] == "Ramah melayani tamu."
    ev.refresh_from_db()
    assert (ev.status, ev.predikat, ev.dinilai_oleh_id) == ("dinilai", "baik", cast.bob.user_id)
    assert AuditEvent.objects.filter(action="evaluasi.rate", object_id=str(ev.pk)).exists()
    # Without `predikat` the matrix decides alone.
    body = _ok(
        api("bob").post(
            f"{V1}/evaluasi/{ev.pk}/nilai/",
            {"rating_hasil_kerja": "di_bawah", "rating_perilaku": "di_bawah"},
        )
    )
    assert body["predikat"] == "sangat_kurang"


@pytest.mark.parametrize(
    ("hk", "pk", "sent", "matrix"),
    [
        ("di_atas", "di_atas", "baik", "Sangat Baik"),
        ("sesuai", "sesuai", "sangat_baik", "Baik"),
        ("di_bawah", "sesuai", "baik", "Butuh Perbaikan"),
        ("sesuai", "di_bawah", "butuh_perbaikan", "Kurang/Misconduct"),
    ],
)
def test_a_predikat_that_disagrees_with_the_matrix_is_refused(
    cast, world, api, hk, pk, sent, matrix
):
    ev = world.evaluasi("charlie")
    body = refused(
        api("bob"),
        "post",
        f"{V1}/evaluasi/{ev.pk}/nilai/",
        {"rating_hasil_kerja": hk, "rating_perilaku": pk, "predikat": sent},
    )
    hk_label, pk_label = ratings.RATING_LABELS[hk], ratings.RATING_LABELS[pk]
    expected = (
        f"Predikat tidak sesuai matriks: rating {hk_label} dan {pk_label} menghasilkan {matrix}."
    )
    assert body["predikat"] == [expected] and body["detail"] == expected
    assert world.evaluasi("charlie").status == "draft"


def test_rating_refusals(cast, world, api):
    url = f"{V1}/evaluasi/{world.evaluasi('charlie').pk}/nilai/"
    data = {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}
    # Not your subordinate: alice heads the dinas but bob rates charlie.
    for who in ("alice", "dina", "charlie", "eko"):
        body = refused(api(who), "post", url, data, status=403)
        assert body["detail"] == "Anda bukan pejabat penilai pegawai ini.", (who, body)
    refused(api("gita"), "post", url, data, status=404)
    # Choices are the serializer's; a missing rating is the service's message.
    body = refused(api("bob"), "post", url, {**data, "rating_perilaku": "luar_biasa"})
    assert body["rating_perilaku"]
    body = refused(api("bob"), "post", url, {"rating_perilaku": "sesuai"})
    assert body["rating_hasil_kerja"] == ["Pilih rating hasil kerja."]
    body = refused(api("bob"), "post", url, {**data, "umpan_balik_rhk": {"999999": "x"}})
    assert body["umpan_balik_rhk"]
    # A closed period.
    PeriodePenilaian.objects.filter(pk=world.periode.pk).update(status="ditutup")
    body = refused(api("bob"), "post", url, data)
    assert "sudah ditutup" in body["detail"]


def test_a_unit_heads_rating_follows_the_organisation_predikat(cast, world, api):
    set_predikat_organisasi(world, cast.bidang, ratings.ORG_BAIK)  # bob heads the bidang
    ev = world.evaluasi("bob")
    url = f"{V1}/evaluasi/{ev.pk}/nilai/"
    body = _ok(api("alice").get(f"{V1}/evaluasi/{ev.pk}/"))
    assert (body["kepala_unit"], body["rating_kepala_unit"]) == (cast.bidang.pk, "sesuai")
    assert body["predikat_organisasi"]["predikat"] == "baik"
    body = refused(
        api("alice"), "post", url, {"rating_hasil_kerja": "di_atas", "rating_perilaku": "sesuai"}
    )
    assert "kepala unit" in body["rating_hasil_kerja"][0]
    body = _ok(
        api("alice").post(url, {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"})
    )
    assert body["predikat"] == "baik"


# --- curve, organisation predikat, penetapan ------------------------------------------------


def test_curve_as_json(cast, world, api):
    _rate_all(world, {"bob": SB, "charlie": SB})
    url = f"{V1}/unit/{cast.dinas.pk}/kurva/"
    body = _ok(api("alice").get(url, {"periode": world.periode.pk}))
    assert body["unit"] == {"id": cast.dinas.pk, "nama": "Dinas Alfa"}
    assert body["counts"]["sangat_baik"] == 2 and body["n"] == 2
    assert (body["belum_dinilai"], body["jumlah_evaluasi"]) == (1, 4)
    assert body["predikat_organisasi"] is None and body["rules"] == []
    assert (body["ok"], body["ditetapkan"], body["penetapan"]) == (False, False, None)
    set_predikat_organisasi(world, cast.dinas, ratings.ISTIMEWA)
    _rate_all(world, {"dina": SB})
    body = _ok(api("bob").get(url))  # the newest open period by default
    assert body["periode"]["id"] == world.periode.pk
    assert body["predikat_organisasi"] == "istimewa"
    [rule] = body["rules"]
    assert (rule["predikat"], rule["op"], rule["limit"], rule["count"], rule["ok"]) == (
        ["sangat_baik"],
        "le",
        2,
        3,
        False,
    )
    assert "kelebihan 1 orang" in rule["text"]
    assert body["ok"] is False
    for who in ("eko", "fajar"):
        assert _ok(api(who).get(url))["n"] == 3
    assert api("charlie").get(url).status_code == 403
    assert api("gita").get(url).status_code == 404
    bad = api("alice").get(url, {"periode": "maret"})
    assert bad.status_code == 400 and bad.json()["periode"]


def test_organisation_predikat(cast, world, api):
    url = f"{V1}/unit/{cast.bidang.pk}/predikat/?periode={world.periode.pk}"
    # alice heads the dinas, one level above the bidang.
    body = _ok(api("alice").put(url, {"predikat": "baik", "catatan": "Capaian IKU 98%"}))
    assert (body["predikat"], body["predikat_label"], body["periode"]) == (
        "baik",
        "Baik",
        world.periode.pk,
    )
    assert body["unit"]["id"] == cast.bidang.pk
    assert AuditEvent.objects.filter(action="predikat_organisasi.set").count() == 1
    # The dinas itself: the Admin Instansi, not its own head.
    dinas = f"{V1}/unit/{cast.dinas.pk}/predikat/?periode={world.periode.pk}"
    body = refused(api("alice"), "put", dinas, {"predikat": "istimewa"}, status=403)
    assert "satu tingkat di atasnya" in body["detail"]
    refused(api("bob"), "put", dinas, {"predikat": "istimewa"}, status=403)
    refused(api("gita"), "put", dinas, {"predikat": "istimewa"}, status=404)
    assert _ok(api("eko").put(dinas, {"predikat": "istimewa"}))["predikat"] == "istimewa"
    body = refused(api("eko"), "put", dinas, {"predikat": "hebat"})
    assert body["predikat"]
    body = refused(api("eko"), "put", f"{V1}/unit/{cast.dinas.pk}/predikat/", {"predikat": "baik"})
    assert body["periode"]


def test_penetapan_refused_with_the_curve_then_done_and_reopened(cast, world, api):
    url = f"{V1}/unit/{cast.dinas.pk}/penetapan/?periode={world.periode.pk}"
    # Somebody unrated: named.
    _rate_all(world, {"bob": SB, "charlie": SB})
    body = refused(api("alice"), "post", url)
    assert "1 pegawai belum dinilai" in body["detail"] and "Dina" in body["detail"]
    # Everyone rated, but three "Sangat Baik" where Istimewa allows two.
    _rate_all(world, {"dina": SB})
    set_predikat_organisasi(world, cast.dinas, ratings.ISTIMEWA)
    body = refused(api("alice"), "post", url)
    assert body["detail"] == (
        "Kurva distribusi untuk predikat organisasi Istimewa tidak terpenuhi: Sangat Baik "
        "paling banyak 2 orang: ada 3 orang, kelebihan 1 orang."
    )
    # Only those who manage the unit; another agency does not see it.
    refused(api("charlie"), "post", url, status=403)
    refused(api("gita"), "post", url, status=404)

    _rate_all(world, {"dina": BAIK})
    body = _ok(api("alice").post(url), 201)
    assert (body["status"], body["predikat_organisasi"], body["unit"]["id"]) == (
        "ditetapkan",
        "istimewa",
        cast.dinas.pk,
    )
    assert body["jumlah"]["sangat_baik"] == 2 and body["jumlah"]["baik"] == 1
    assert set(
        Evaluasi.objects.filter(periode_penilaian=world.periode, dalam_kurva=True).values_list(
            "status", flat=True
        )
    ) == {"ditetapkan"}
    kurva = _ok(api("alice").get(f"{V1}/unit/{cast.dinas.pk}/kurva/"))
    assert kurva["ditetapkan"] is True and kurva["penetapan"]["id"] == body["id"]
    # Locked: the person's realisasi and the penilai's rating are refused.
    ev, iki = world.evaluasi("charlie"), world.iki("charlie")
    detail = refused(
        api("charlie"), "put", f"{V1}/evaluasi/{ev.pk}/realisasi/{iki.pk}/", {"nilai": "1"}
    )["detail"]
    assert detail == LOCKED
    body_rate = refused(
        api("bob"),
        "post",
        f"{V1}/evaluasi/{ev.pk}/nilai/",
        {"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"},
    )
    assert body_rate["detail"] == LOCKED
    assert _ok(api("charlie").get(f"{V1}/evaluasi/{ev.pk}/"))["alasan_terkunci"] == LOCKED

    # Reopen: the Admin Instansi only, with a reason.
    buka = f"{V1}/penetapan/{body['id']}/buka/"
    refused(api("alice"), "post", buka, {"alasan": "Salah input rating dina"}, status=403)
    # gita is no Admin Instansi anywhere: refused before the row is looked up.
    refused(api("gita"), "post", buka, {"alasan": "Salah input rating dina"}, status=403)
    assert refused(api("eko"), "post", buka, {"alasan": "salah"})["alasan"]
    reopened = _ok(api("eko").post(buka, {"alasan": "Salah input rating dina"}))
    assert (reopened["status"], reopened["alasan_dibuka"]) == (
        "dibuka_kembali",
        "Salah input rating dina",
    )
    assert world.evaluasi("charlie").status == "dinilai"
    assert AuditEvent.objects.filter(action="penetapan.reopen").exists()


def test_another_agencys_penetapan_is_not_found(cast, world, api):
    tahun = make_periode(cast, instansi=cast.b)
    mulai, selesai = evaluation.period_bounds(evaluation.JENIS_BULANAN, 3, tahun.tahun)
    periode_b = PeriodePenilaian.objects.create(
        instansi=cast.b, periode=tahun, jenis="bulanan", nomor=3,
        tanggal_mulai=mulai, tanggal_selesai=selesai,
    )  # fmt: skip
    row = Penetapan.objects.create(
        instansi=cast.b,
        unit=cast.gita.unit,
        periode_penilaian=periode_b,
        ditetapkan_oleh=cast.gita.user,
        ditetapkan_at=timezone.now(),
    )
    body = refused(
        api("eko"), "post", f"{V1}/penetapan/{row.pk}/buka/", {"alasan": "Salah input rating"},
        status=404,
    )  # fmt: skip
    assert body["detail"] == "Penetapan tidak ditemukan."
    # Nor its period or unit.
    response = api("eko").get(f"{V1}/siasn/", {"periode": periode_b.pk})
    assert response.status_code == 404
    refused(
        api("eko"), "put", f"{V1}/unit/{cast.gita.unit_id}/predikat/?periode={world.periode.pk}",
        {"predikat": "baik"}, status=404,
    )  # fmt: skip
    refused(
        api("eko"), "post", f"{V1}/unit/{cast.dinas.pk}/penetapan/?periode={periode_b.pk}",
        status=404,
    )  # fmt: skip


# --- SIASN ---------------------------------------------------------------------------------


def test_siasn_export_streams(cast, world, api):
    """The same records as the report page's download (issue 11 §5): SIASN's exact
    fields and types for the complete ones; the incomplete left out and counted."""
    from ekinerja.appraisal import exports
    from ekinerja.appraisal.tests.test_exports_siasn import ID, load_reference

    load_reference(cast)
    Pegawai.objects.filter(pk=cast.dina.pk).update(siasn_id="")  # dina: incomplete
    _rate_all(world, {"charlie": BAIK, "dina": SB})
    url = f"{V1}/siasn/"
    response = api("eko").get(url, {"periode": world.periode.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-SIASN-Tidak-Lengkap"] == "1"
    records = json.loads(b"".join(response.streaming_content))
    expected = exports.siasn_rows(
        instansi_id=cast.a.pk, periode=world.periode, base_url="http://testserver"
    )
    assert records == list(expected)
    (record,) = records
    assert record["pnsDinilaiId"] == ID["charlie"] and record["id"] is None
    assert record["path"][0]["dok_uri"].startswith("http://testserver/")
    response = api("fajar").get(url, {"periode": world.periode.pk, "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert len(lines) == 3 and lines[0].startswith("nipBaru,nama,")
    response = api("fajar").get(url, {"periode": world.periode.pk, "format": "xlsx"})
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert AuditEvent.objects.filter(action="appraisal.siasn_export").count() == 3
    # Refusals stay JSON, whatever `format` asks for.
    response = api("charlie").get(url, {"periode": world.periode.pk, "format": "csv"})
    assert response.status_code == 403 and response.json()["detail"]
    response = api("eko").get(url, {"periode": world.periode.pk, "format": "xml"})
    assert response.status_code == 400 and response.json()["format"]
    response = api("eko").get(url)
    assert response.status_code == 400 and response.json()["periode"]
    response = api("gita").get(url, {"periode": world.periode.pk})
    assert response.status_code == 403


# --- query counts --------------------------------------------------------------------------


def test_reads_do_not_grow_with_rows(cast, world, api, django_assert_max_num_queries):
    bob = api("bob")
    urls = {
        "periods": (bob, f"{V1}/periode/"),
        "own": (api("charlie"), f"{V1}/evaluasi/"),
        "rated": (bob, f"{V1}/evaluasi/?peran=penilai"),
        "detail": (api("charlie"), f"{V1}/evaluasi/{world.evaluasi('charlie').pk}/"),
        "curve": (api("alice"), f"{V1}/unit/{cast.dinas.pk}/kurva/?periode={world.periode.pk}"),
    }
    for client, url in urls.values():
        _ok(client.get(url))  # the tokens' last-use stamps are written once
    counts = {}
    for key, (client, url) in urls.items():
        with django_assert_max_num_queries(20) as ctx:
            _ok(client.get(url))
        counts[key] = len(ctx.captured_queries)
    # More rows: realisasi, ratings, an organisation predikat, another period.
    set_realisasi(world, "charlie", "12")
    _rate_all(world, {"charlie": BAIK, "dina": SB})
    set_predikat_organisasi(world, cast.dinas, ratings.ISTIMEWA)
    from ekinerja.appraisal.tests.factories import open_periode

    open_periode(cast, world.cascade, nomor=4)
    for key, (client, url) in urls.items():
        with django_assert_max_num_queries(counts[key]):
            _ok(client.get(url))
