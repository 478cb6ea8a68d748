"""Issue 3's "Bad input" through the API: each refusal has a clear message in the
caller's language, the right status, and changes nothing (state and audit trail)."""

from __future__ import annotations

import pytest

from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi, PeriodeKinerja
from ekinerja.plans.tests.factories import approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def _state() -> tuple:
    return (
        list(
            SKP.objects.order_by("pk").values_list("pk", "status", "versi", "alasan_dikembalikan")
        ),
        list(RHK.objects.order_by("pk").values_list("pk", "teks", "intervensi_id", "jenis")),
        list(IKI.objects.order_by("pk").values_list("pk", "target_nilai", "target_min", "satuan")),
        list(PerilakuEkspektasi.objects.order_by("pk").values_list("pk", "ekspektasi")),
        list(Lampiran.objects.order_by("pk").values_list("pk", "konsekuensi")),
        PeriodeKinerja.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def world(cast, api):
    """The cascade with charlie's SKP submitted and dina's a draft, gita's SKP in
    instansi B, and every client's token made before the state is compared."""
    c = approved_cascade(cast, leave_draft=("charlie", "dina"))
    api("charlie").post(f"{V1}/skp/{c.charlie.pk}/submit/")
    gita = make_skp(
        cast,
        "gita",
        make_periode(cast, instansi=cast.b),
        rhk=[("utama", "Layanan Kota Beta", None)],
    )
    for who in ("alice", "bob", "charlie", "dina", "eko", "gita"):
        api(who)
    return c, gita


def refused(client, method: str, url: str, data=None, *, status: int) -> dict:
    before = _state()
    response = getattr(client, method)(url, data)
    assert response.status_code == status, response.content
    assert _state() == before, "a refused call changed something"
    body = response.json()
    assert body["detail"], body
    return body


def test_intervening_in_an_rhk_outside_the_penilai_s_approved_skp(cast, world, api):
    c, gita = world
    dina = api("dina")
    url = f"{V1}/skp/{c.dina.pk}/rhk/"
    alice_rhk = c.rhk("alice")  # approved, but alice is not dina's penilai
    body = refused(
        dina, "post", url, {"jenis": "utama", "teks": "X", "intervensi": alice_rhk.pk}, status=400
    )
    assert "bukan bagian dari SKP" in body["intervensi"][0]
    assert body["detail"] == body["intervensi"][0]
    # An RHK of another instansi is no different: not the penilai's.
    body = refused(
        dina,
        "post",
        url,
        {"jenis": "utama", "teks": "X", "intervensi": gita.rhk.first().pk},
        status=400,
    )
    assert "intervensi" in body
    # Below the top of the cascade an RHK must intervene in one.
    body = refused(dina, "post", url, {"jenis": "utama", "teks": "X"}, status=400)
    assert "intervensi" in body


def test_targets_that_are_not_numbers(cast, world, api):
    c, _gita = world
    rhk = c.rhk("dina")
    iki = {
        "aspek": "kuantitas",
        "indikator": "Jumlah kajian",
        "target_jenis": "angka",
        "satuan": "dokumen",
    }
    for value in ("dua belas", "12,5,1", "1e3", ""):
        body = refused(
            api("dina"),
            "post",
            f"{V1}/rhk/{rhk.pk}/iki/",
            {**iki, "target_nilai": value},
            status=400,
        )
        assert "target_nilai" in body, value
    body = refused(
        api("dina"), "post", f"{V1}/rhk/{rhk.pk}/iki/", {**iki, "target_nilai": "-3"}, status=400
    )
    assert "negatif" in body["target_nilai"][0]
    existing = rhk.iki.first()
    body = refused(
        api("dina"), "patch", f"{V1}/iki/{existing.pk}/", {"target_nilai": "banyak"}, status=400
    )
    assert "bukan angka" in body["target_nilai"][0]


def test_a_range_with_low_above_high(cast, world, api):
    c, _gita = world
    rhk = c.rhk("dina")
    body = refused(
        api("dina"),
        "post",
        f"{V1}/rhk/{rhk.pk}/iki/",
        {
            "aspek": "kualitas",
            "indikator": "Nilai mutu",
            "target_jenis": "rentang",
            "target_min": "90",
            "target_maks": "80",
            "satuan": "persen",
        },
        status=400,
    )
    assert body["target_maks"] == [
        "Batas atas rentang (80) tidak boleh lebih kecil dari batas bawah (90)."
    ]


def test_editing_someone_else_s_skp(cast, world, api):
    c, _gita = world
    dina_skp, rhk, iki = c.dina.pk, c.rhk("dina"), c.rhk("dina").iki.first()
    lampiran = {"dukungan_sumber_daya": "x", "skema_pertanggungjawaban": "y", "konsekuensi": "z"}
    for who in ("charlie", "bob", "eko", "alice"):  # a colleague, the penilai, admin, head
        client = api(who)
        refused(
            client, "post", f"{V1}/skp/{dina_skp}/rhk/", {"jenis": "utama", "teks": "X"}, status=403
        )
        refused(client, "patch", f"{V1}/rhk/{rhk.pk}/", {"teks": "X"}, status=403)
        refused(client, "delete", f"{V1}/rhk/{rhk.pk}/", status=403)
        refused(client, "patch", f"{V1}/iki/{iki.pk}/", {"satuan": "X"}, status=403)
        refused(client, "delete", f"{V1}/iki/{iki.pk}/", status=403)
        refused(client, "put", f"{V1}/skp/{dina_skp}/lampiran/", lampiran, status=403)
        refused(client, "post", f"{V1}/skp/{dina_skp}/submit/", status=403)
    body = refused(api("bob"), "patch", f"{V1}/rhk/{rhk.pk}/", {"teks": "X"}, status=403)
    assert body["detail"] == "Hanya pemilik SKP yang dapat mengubah isinya."
    # The owner cannot write the penilai's expectations either.
    refused(
        api("dina"), "put", f"{V1}/skp/{dina_skp}/ekspektasi/1/", {"ekspektasi": "X"}, status=403
    )


def test_a_submitted_or_approved_skp_is_not_edited(cast, world, api):
    c, _gita = world
    charlie = api("charlie")  # charlie's SKP is submitted
    body = refused(charlie, "patch", f"{V1}/rhk/{c.rhk('charlie').pk}/", {"teks": "X"}, status=400)
    assert "tidak dapat diubah" in body["detail"]
    refused(api("bob"), "patch", f"{V1}/rhk/{c.rhk('bob').pk}/", {"teks": "X"}, status=400)


def test_approving_or_returning_one_s_own_skp(cast, world, api):
    c, _gita = world
    charlie = api("charlie")
    body = refused(charlie, "post", f"{V1}/skp/{c.charlie.pk}/approve/", status=403)
    assert body["detail"].startswith("Anda tidak dapat menyetujui SKP Anda sendiri")
    refused(charlie, "post", f"{V1}/skp/{c.charlie.pk}/return/", {"alasan": "x"}, status=403)
    refused(charlie, "post", f"{V1}/skp/bulk-approve/", {"skp_ids": [c.charlie.pk]}, status=403)
    # Nor does anyone but the penilai decide: not the admin, not the head above.
    refused(api("eko"), "post", f"{V1}/skp/{c.charlie.pk}/approve/", status=403)
    refused(
        api("alice"), "post", f"{V1}/skp/bulk-approve/", {"skp_ids": [c.charlie.pk]}, status=403
    )


def test_another_instansi_s_skp_is_404(cast, world, api):
    c, gita = world
    g_rhk = gita.rhk.first()
    g_iki = g_rhk.iki.first()
    for who, skp, rhk, iki in (
        ("gita", c.charlie, c.rhk("charlie"), c.rhk("charlie").iki.first()),
        ("bob", gita, g_rhk, g_iki),
        ("eko", gita, g_rhk, g_iki),
    ):
        client = api(who)
        for url in (
            f"{V1}/skp/{skp.pk}/",
            f"{V1}/skp/{skp.pk}/lampiran/",
            f"{V1}/skp/{skp.pk}/ekspektasi/1/",
            f"{V1}/skp/{skp.pk}/intervensi/",
            f"{V1}/rhk/{rhk.pk}/",
            f"{V1}/iki/{iki.pk}/",
        ):
            refused(client, "get", url, status=404)
        for action in ("submit", "approve", "revise"):
            refused(client, "post", f"{V1}/skp/{skp.pk}/{action}/", status=404)
        refused(client, "post", f"{V1}/skp/{skp.pk}/return/", {"alasan": "x"}, status=404)
        refused(
            client, "post", f"{V1}/skp/{skp.pk}/rhk/", {"jenis": "utama", "teks": "X"}, status=404
        )
        refused(client, "patch", f"{V1}/rhk/{rhk.pk}/", {"teks": "X"}, status=404)
        refused(client, "put", f"{V1}/rhk/{rhk.pk}/", {"jenis": "utama", "teks": "X"}, status=404)
        refused(client, "delete", f"{V1}/rhk/{rhk.pk}/", status=404)
        refused(
            client,
            "post",
            f"{V1}/rhk/{rhk.pk}/iki/",
            {
                "aspek": "kuantitas",
                "indikator": "X",
                "target_jenis": "angka",
                "target_nilai": 1,
                "satuan": "x",
            },
            status=404,
        )
        refused(client, "patch", f"{V1}/iki/{iki.pk}/", {"satuan": "X"}, status=404)
        refused(client, "delete", f"{V1}/iki/{iki.pk}/", status=404)
        refused(client, "put", f"{V1}/skp/{skp.pk}/ekspektasi/1/", {"ekspektasi": "X"}, status=404)
        refused(
            client,
            "put",
            f"{V1}/skp/{skp.pk}/lampiran/",
            {"dukungan_sumber_daya": "", "skema_pertanggungjawaban": "", "konsekuensi": ""},
            status=404,
        )
    # One foreign id in a bulk decision refuses the whole batch.
    refused(
        api("bob"),
        "post",
        f"{V1}/skp/bulk-approve/",
        {"skp_ids": [c.charlie.pk, gita.pk]},
        status=404,
    )
    assert SKP.objects.get(pk=c.charlie.pk).status == "diajukan"
    # Another agency's SKP never shows in a list or a queue.
    listed = api("gita").get(f"{V1}/skp/").json()["results"]
    assert {row["id"] for row in listed} == {gita.pk}


def test_workflow_steps_out_of_order_or_incomplete(cast, world, api):
    c, _gita = world
    bob = api("bob")
    body = refused(bob, "post", f"{V1}/skp/{c.dina.pk}/approve/", status=400)  # a draft
    assert "diajukan" in body["detail"]
    body = refused(bob, "post", f"{V1}/skp/{c.charlie.pk}/return/", {"alasan": "  "}, status=400)
    assert "alasan" in body
    refused(bob, "post", f"{V1}/skp/{c.charlie.pk}/return/", {}, status=400)
    refused(bob, "post", f"{V1}/skp/bulk-approve/", {"skp_ids": []}, status=400)
    refused(bob, "post", f"{V1}/skp/bulk-approve/", {"skp_ids": "semua"}, status=400)
    refused(api("charlie"), "post", f"{V1}/skp/{c.charlie.pk}/revise/", status=400)
    # A bulk approval with one draft among them approves none and names it.
    body = refused(
        bob, "post", f"{V1}/skp/bulk-approve/", {"skp_ids": [c.charlie.pk, c.dina.pk]}, status=400
    )
    assert cast.dina.nama_lengkap in body["detail"]
    # An SKP without RHK cannot be submitted.
    periode = make_periode(cast, 2027)
    empty = make_skp(cast, "dina", periode)
    body = refused(api("dina"), "post", f"{V1}/skp/{empty.pk}/submit/", status=400)
    assert "RHK utama" in body["detail"]


def test_periods_and_skp_creation_refusals(cast, world, api):
    refused(api("charlie"), "post", f"{V1}/periode/", {"tahun": 2031}, status=403)
    body = refused(api("eko"), "post", f"{V1}/periode/", {"tahun": 1990}, status=400)
    assert "tahun" in body
    refused(api("eko"), "post", f"{V1}/periode/", {"tahun": "dua ribu"}, status=400)
    body = refused(api("eko"), "post", f"{V1}/periode/", {"tahun": 2026}, status=400)
    assert "sudah ada" in body["tahun"][0]
    c, _gita = world
    # charlie already has an SKP for 2026; dina cannot make one for charlie.
    body = refused(api("charlie"), "post", f"{V1}/skp/", {"periode": c.periode.pk}, status=400)
    assert "beririsan" in body["detail"]
    refused(
        api("dina"),
        "post",
        f"{V1}/skp/",
        {"periode": c.periode.pk, "pegawai": cast.charlie.pk},
        status=403,
    )
    refused(api("gita"), "post", f"{V1}/skp/", {"periode": c.periode.pk}, status=404)
    body = refused(
        api("eko"),
        "post",
        f"{V1}/skp/",
        {"periode": c.periode.pk, "pegawai": cast.fajar.pk, "tanggal_mulai": "2025-01-01"},
        status=400,
    )
    assert "jabatan" in body or "tanggal_mulai" in body
