"""Planning through the API: every workflow transition, editing an SKP's content, the
penilai's queue and bulk decisions, lists with filters and bounded queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import IKI, RHK, SKP, Lampiran
from ekinerja.plans.services import workflow
from ekinerja.plans.tests.factories import approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


@pytest.fixture
def cascade(cast):
    """Approved SKP for alice and bob; charlie and dina each have a complete draft."""
    return approved_cascade(cast, leave_draft=("charlie", "dina"))


def _ok(response, status=200):
    assert response.status_code == status, response.json()
    return response.json() if response.content else None


def test_every_transition_through_the_api(cast, cascade, api):
    charlie, bob = api("charlie"), api("bob")
    skp = cascade.charlie.pk
    body = _ok(charlie.post(f"{V1}/skp/{skp}/submit/"))
    assert body["status"] == "diajukan" and body["status_label"] == "Diajukan"

    body = _ok(bob.post(f"{V1}/skp/{skp}/return/", {"alasan": "Target IKI terlalu rendah."}))
    assert body["status"] == "dikembalikan"
    assert body["alasan_dikembalikan"] == "Target IKI terlalu rendah."

    # The owner's first edit makes a returned SKP a draft again (rules §8).
    rhk = cascade.rhk("charlie")
    _ok(charlie.patch(f"{V1}/rhk/{rhk.pk}/", {"teks": "Surat masuk teragenda hari itu juga"}))
    assert SKP.objects.get(pk=skp).status == "draft"

    _ok(charlie.post(f"{V1}/skp/{skp}/submit/"))
    body = _ok(bob.put(f"{V1}/skp/{skp}/ekspektasi/1/", {"ekspektasi": "Ramah di loket."}))
    assert body == {
        "nilai": 1,
        "nama": "Berorientasi Pelayanan",
        "panduan": [
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ],
        "ekspektasi": "Ramah di loket.",
    }
    body = _ok(bob.post(f"{V1}/skp/{skp}/approve/"))
    assert body["status"] == "disetujui" and body["approved_at"]

    # An approved SKP changes only through a revision; the approved version stays.
    new = _ok(charlie.post(f"{V1}/skp/{skp}/revise/"), 201)
    assert new["status"] == "draft" and new["versi"] == 2 and new["sebelumnya"] == skp
    assert [r["teks"] for r in new["rhk"]] == ["Surat masuk teragenda hari itu juga"]
    assert new["perilaku"][0]["ekspektasi"] == "Ramah di loket."
    assert SKP.objects.get(pk=skp).status == "disetujui"
    actions = list(
        AuditEvent.objects.filter(object_type="plans.skp", object_id=str(skp))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-5:] == [
        "skp.submit",
        "skp.return",
        "skp.redraft",
        "skp.submit",
        "skp.approve",
    ]
    assert AuditEvent.objects.filter(action="skp.revise", object_id=str(new["id"])).exists()


def test_create_period_and_skp_then_fill_it(cast, api):
    body = _ok(api("eko").post(f"{V1}/periode/", {"tahun": 2027, "periodik": "triwulanan"}), 201)
    assert body["tahun"] == 2027 and body["periodik_label"] == "Triwulanan"
    periode = body["id"]
    alice = api("alice")  # top of the cascade: RHK typed in, no intervensi
    skp = _ok(alice.post(f"{V1}/skp/", {"periode": periode}), 201)
    assert skp["status"] == "draft" and skp["peran"] == "owner"
    assert skp["pegawai"]["id"] == cast.alice.pk and skp["penilai"] is None
    assert (skp["tanggal_mulai"], skp["tanggal_selesai"]) == ("2027-01-01", "2027-12-31")
    assert [p["nilai"] for p in skp["perilaku"]] == [1, 2, 3, 4, 5, 6, 7]
    assert skp["lampiran"] == {
        "dukungan_sumber_daya": "",
        "skema_pertanggungjawaban": "",
        "konsekuensi": "",
    }

    rhk = _ok(
        alice.post(f"{V1}/skp/{skp['id']}/rhk/", {"jenis": "utama", "teks": "Layanan prima"}),
        201,
    )
    assert rhk["intervensi"] is None and rhk["iki"] == [] and rhk["jenis_label"] == "Utama"
    iki = _ok(
        alice.post(
            f"{V1}/rhk/{rhk['id']}/iki/",
            {
                "aspek": "kuantitas",
                "indikator": "Indeks kepuasan",
                "target_jenis": "angka",
                "target_nilai": "12,5",  # the Indonesian decimal comma
                "satuan": "indeks",
            },
        ),
        201,
    )
    assert iki["target_nilai"] == "12.5"
    assert IKI.objects.get(pk=iki["id"]).target_nilai == Decimal("12.5")
    iki = _ok(
        alice.patch(
            f"{V1}/iki/{iki['id']}/",
            {"target_jenis": "rentang", "target_min": 80, "target_maks": "90"},
        )
    )
    assert (iki["target_jenis"], iki["target_min"], iki["target_maks"]) == ("rentang", "80", "90")
    assert iki["indikator"] == "Indeks kepuasan"  # a PATCH keeps what it does not send
    put = {
        "aspek": "waktu",
        "indikator": "Tepat waktu",
        "target_jenis": "angka",
        "target_nilai": 12,
        "satuan": "bulan",
    }
    iki = _ok(alice.put(f"{V1}/iki/{iki['id']}/", put))
    assert (iki["aspek"], iki["target_nilai"], iki["target_min"]) == ("waktu", "12", None)
    assert _ok(alice.get(f"{V1}/iki/{iki['id']}/"))["indikator"] == "Tepat waktu"

    rhk = _ok(alice.put(f"{V1}/rhk/{rhk['id']}/", {"jenis": "tambahan", "teks": "Inovasi"}))
    assert rhk["jenis"] == "tambahan" and len(rhk["iki"]) == 1
    lampiran = {
        "dukungan_sumber_daya": "Anggaran",
        "skema_pertanggungjawaban": "Laporan",
        "konsekuensi": "Sesuai ketentuan",
    }
    assert _ok(alice.put(f"{V1}/skp/{skp['id']}/lampiran/", lampiran)) == lampiran
    assert _ok(api("eko").get(f"{V1}/skp/{skp['id']}/lampiran/")) == lampiran
    assert Lampiran.objects.get(skp_id=skp["id"]).konsekuensi == "Sesuai ketentuan"

    detail = _ok(alice.get(f"{V1}/skp/{skp['id']}/"))
    assert [r["teks"] for r in detail["rhk"]] == ["Inovasi"]
    assert detail["rhk"][0]["iki"][0]["aspek_label"] == "Waktu"

    _ok(alice.delete(f"{V1}/iki/{iki['id']}/"), 204)
    _ok(alice.delete(f"{V1}/rhk/{rhk['id']}/"), 204)
    assert not RHK.objects.filter(skp_id=skp["id"]).exists()
    assert AuditEvent.objects.filter(action__in=["iki.delete", "rhk.delete"]).count() == 2


def test_admin_creates_an_skp_for_someone_else(cast, api):
    periode = make_periode(cast, 2027)
    body = _ok(api("eko").post(f"{V1}/skp/", {"periode": periode.pk, "pegawai": cast.dina.pk}), 201)
    assert body["pegawai"]["id"] == cast.dina.pk and body["penilai"]["id"] == cast.bob.pk
    assert body["peran"] == "other"


def test_rhk_intervening_in_the_penilai_s_approved_rhk(cast, cascade, api):
    charlie = api("charlie")
    choices = _ok(charlie.get(f"{V1}/skp/{cascade.charlie.pk}/intervensi/"))
    b1 = cascade.rhk("bob")
    assert [c["id"] for c in choices] == [b1.pk]
    rhk = _ok(
        charlie.post(
            f"{V1}/skp/{cascade.charlie.pk}/rhk/",
            {"jenis": "tambahan", "teks": "Arsip digital", "intervensi": b1.pk},
        ),
        201,
    )
    assert rhk["intervensi"] == {
        "id": b1.pk,
        "skp": cascade.bob.pk,
        "jenis": "utama",
        "teks": b1.teks,
    }
    assert _ok(charlie.get(f"{V1}/rhk/{rhk['id']}/"))["intervensi"]["id"] == b1.pk


def test_queue_and_bulk_decisions(cast, cascade, api):
    for who in ("charlie", "dina"):
        _ok(api(who).post(f"{V1}/skp/{getattr(cascade, who).pk}/submit/"))
    bob = api("bob")
    queue = _ok(bob.get(f"{V1}/skp/queue/"))
    ids = [row["id"] for row in queue["results"]]
    assert sorted(ids) == sorted([cascade.charlie.pk, cascade.dina.pk]) and queue["count"] == 2
    assert _ok(api("charlie").get(f"{V1}/skp/queue/"))["count"] == 0
    assert _ok(bob.get(f"{V1}/skp/queue/", {"periode": cascade.periode.pk + 99}))["count"] == 0

    body = _ok(bob.post(f"{V1}/skp/bulk-return/", {"skp_ids": ids, "alasan": "Lengkapi IKI."}))
    assert {r["status"] for r in body["skp"]} == {"dikembalikan"}
    for who in ("charlie", "dina"):
        _ok(api(who).post(f"{V1}/skp/{getattr(cascade, who).pk}/submit/"), 400)  # not draft
        rhk = getattr(cascade, who).rhk.first()
        _ok(api(who).patch(f"{V1}/rhk/{rhk.pk}/", {"teks": rhk.teks + "."}))
        _ok(api(who).post(f"{V1}/skp/{getattr(cascade, who).pk}/submit/"))
    body = _ok(bob.post(f"{V1}/skp/bulk-approve/", {"skp_ids": ids}))
    assert {r["status"] for r in body["skp"]} == {"disetujui"}
    assert set(SKP.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"disetujui"}


# --- lists ---------------------------------------------------------------------------------


def test_list_is_scoped_and_filtered(cast, cascade, api):
    def ids(who, **params):
        return {row["id"] for row in _ok(api(who).get(f"{V1}/skp/", params))["results"]}

    everyone = {cascade.alice.pk, cascade.bob.pk, cascade.charlie.pk, cascade.dina.pk}
    assert ids("eko") == everyone and ids("fajar") == everyone
    assert ids("dina") == {cascade.dina.pk}
    assert ids("bob") == {cascade.bob.pk, cascade.charlie.pk, cascade.dina.pk}
    assert ids("gita") == set()
    assert ids("eko", status="draft") == {cascade.charlie.pk, cascade.dina.pk}
    assert ids("eko", pegawai=cast.bob.pk) == {cascade.bob.pk}
    assert ids("eko", periode=cascade.periode.pk) == everyone
    assert ids("eko", periode=cascade.periode.pk + 99) == set()
    bad = api("eko").get(f"{V1}/skp/", {"status": "selesai", "periode": "x"})
    assert bad.status_code == 400 and set(bad.json()) == {"detail", "status", "periode"}
    row = _ok(api("eko").get(f"{V1}/skp/", {"pegawai": cast.charlie.pk}))["results"][0]
    assert row["pegawai"]["nama"] == cast.charlie.nama_lengkap
    assert row["penilai"]["id"] == cast.bob.pk and row["tahun"] == 2026


def test_page_size_is_bounded(cast, cascade, api):
    body = _ok(api("eko").get(f"{V1}/skp/", {"page_size": 1}))
    assert len(body["results"]) == 1 and body["count"] == 4 and body["next"]
    body = _ok(api("eko").get(f"{V1}/skp/", {"page_size": 100000}))
    assert len(body["results"]) == 4
    assert api("eko").get(f"{V1}/skp/", {"page": 99}).status_code == 404


def _more_skp(cast, years: range) -> None:
    """Per year: alice's SKP (top of the cascade) with 3 RHK and their IKI, and empty
    SKP for charlie and dina."""
    for tahun in years:
        periode = make_periode(cast, tahun)
        make_skp(
            cast, "alice", periode, rhk=[("utama", f"RHK {tahun} {i}", None) for i in range(3)]
        )
        for who in ("charlie", "dina"):
            make_skp(cast, who, periode)


def test_list_queue_and_detail_queries_do_not_grow_with_rows(
    cast, cascade, api, django_assert_max_num_queries
):
    eko, bob = api("eko"), api("bob")
    for who in ("charlie", "dina"):
        workflow.skp_submit(actor=cast.actor(who), skp_id=getattr(cascade, who).pk)
    eko.get(f"{V1}/skp/")  # the token's last-use stamp is written once, not per row
    bob.get(f"{V1}/skp/queue/")
    # token, roles, the caller's org scope, then count + one page; the detail adds its
    # access check and one query per level of content (RHK, IKI, perilaku).
    list_max, queue_max, detail_max = 6, 8, 9
    with django_assert_max_num_queries(list_max):
        small = _ok(eko.get(f"{V1}/skp/"))
    with django_assert_max_num_queries(queue_max):
        _ok(bob.get(f"{V1}/skp/queue/"))
    with django_assert_max_num_queries(detail_max):
        _ok(eko.get(f"{V1}/skp/{cascade.alice.pk}/"))
    _more_skp(cast, range(2027, 2033))
    with django_assert_max_num_queries(list_max):
        big = _ok(eko.get(f"{V1}/skp/"))
    assert big["count"] == small["count"] + 18
    # Read-side setup only: the queue's rows as if the staff had submitted them.
    SKP.objects.filter(pegawai__in=[cast.charlie, cast.dina], periode__tahun__gte=2027).update(
        status="diajukan", submitted_at=timezone.now()
    )
    with django_assert_max_num_queries(queue_max):
        assert _ok(bob.get(f"{V1}/skp/queue/"))["count"] == 14
    big_skp = SKP.objects.filter(pegawai=cast.alice, periode__tahun=2030).get()
    with django_assert_max_num_queries(detail_max):
        detail = _ok(eko.get(f"{V1}/skp/{big_skp.pk}/"))
    assert len(detail["rhk"]) == 3
