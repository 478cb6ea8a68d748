"""The API keeps the pages' text limits (issue 11 §8): an RHK, IKI, ekspektasi, lampiran
or return reason longer than the page allows is a 400 naming the field, and nothing is
stored. The limits live in plans.domain; the forms and the services read them there
(plans/tests/test_forms.py checks the forms)."""

from __future__ import annotations

import pytest

from ekinerja.plans import domain
from ekinerja.plans.models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi
from ekinerja.plans.tests.factories import approved_cascade

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
MEGABYTE = "x" * 1_000_000  # the attack walk's "1 MB" text, under the 1 MiB body limit


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast, leave_draft=("charlie",))


def _refused(response, field: str) -> None:
    assert response.status_code == 400, response.content[:200]
    body = response.json()
    assert field in body, body.keys()
    assert "karakter" in body["detail"]


def _iki_body(**over):
    return {
        "aspek": "kuantitas",
        "indikator": "Jumlah surat diagendakan",
        "target_jenis": "angka",
        "target_nilai": "12",
        "satuan": "surat",
        **over,
    }


@pytest.mark.parametrize(("field", "limit"), [("teks", domain.MAX_RHK_TEKS)], ids=["rhk-teks"])
def test_rhk_text(cast, cascade, api, field, limit):
    charlie, skp = api("charlie"), cascade.charlie
    b1 = cascade.rhk("bob")
    before = RHK.objects.count()
    for text in (MEGABYTE, "y" * (limit + 1)):
        body = {"jenis": "utama", "teks": text, "intervensi": b1.pk}
        _refused(charlie.post(f"{V1}/skp/{skp.pk}/rhk/", body, format="json"), field)
        rhk = cascade.rhk("charlie")
        _refused(charlie.patch(f"{V1}/rhk/{rhk.pk}/", {field: text}, format="json"), field)
    assert RHK.objects.count() == before
    assert not RHK.objects.filter(teks__startswith="yyyy").exists()
    ok = {"jenis": "utama", "teks": "y" * limit, "intervensi": b1.pk}
    assert charlie.post(f"{V1}/skp/{skp.pk}/rhk/", ok, format="json").status_code == 201


@pytest.mark.parametrize(
    ("field", "limit", "over"),
    [
        ("indikator", domain.MAX_INDIKATOR, {}),
        ("satuan", domain.MAX_SATUAN, {}),
        ("target_teks", domain.MAX_TARGET_TEKS, {"target_jenis": "teks"}),
    ],
)
def test_iki_texts(cast, cascade, api, field, limit, over):
    charlie = api("charlie")
    if field == "target_teks":
        SKP.objects.filter(pk=cascade.charlie.pk).update(pendekatan=domain.KUALITATIF)
    rhk = cascade.rhk("charlie")
    iki = IKI.objects.filter(rhk=rhk).first()
    assert iki is not None
    before = list(IKI.objects.values_list("pk", field))
    for text in (MEGABYTE, "y" * (limit + 1)):
        body = _iki_body(**over, **{field: text})
        _refused(charlie.post(f"{V1}/rhk/{rhk.pk}/iki/", body, format="json"), field)
        _refused(charlie.put(f"{V1}/iki/{iki.pk}/", body, format="json"), field)
    assert list(IKI.objects.values_list("pk", field)) == before
    body = _iki_body(**over, **{field: "y" * limit})
    assert charlie.post(f"{V1}/rhk/{rhk.pk}/iki/", body, format="json").status_code == 201


@pytest.mark.parametrize(
    "field", ["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"]
)
def test_lampiran_texts(cast, cascade, api, field):
    url = f"{V1}/skp/{cascade.charlie.pk}/lampiran/"
    base = {"dukungan_sumber_daya": "", "skema_pertanggungjawaban": "", "konsekuensi": ""}
    for text in (MEGABYTE, "y" * (domain.MAX_LAMPIRAN + 1)):
        _refused(api("charlie").put(url, {**base, field: text}, format="json"), field)
    assert getattr(Lampiran.objects.get(skp=cascade.charlie), field) == ""
    ok = {**base, field: "y" * domain.MAX_LAMPIRAN}
    assert api("charlie").put(url, ok, format="json").status_code == 200


def test_ekspektasi_text(cast, cascade, api):
    SKP.objects.filter(pk=cascade.charlie.pk).update(status=domain.DIAJUKAN)
    url = f"{V1}/skp/{cascade.charlie.pk}/ekspektasi/1/"
    for text in (MEGABYTE, "y" * (domain.MAX_EKSPEKTASI + 1)):
        _refused(api("bob").put(url, {"ekspektasi": text}, format="json"), "ekspektasi")
    assert PerilakuEkspektasi.objects.get(skp=cascade.charlie, nilai=1).ekspektasi == ""
    ok = {"ekspektasi": "y" * domain.MAX_EKSPEKTASI}
    assert api("bob").put(url, ok, format="json").status_code == 200


def test_return_reason(cast, cascade, api):
    SKP.objects.filter(pk=cascade.charlie.pk).update(status=domain.DIAJUKAN)
    text = "y" * (domain.MAX_ALASAN + 1)
    bob = api("bob")
    _refused(bob.post(f"{V1}/skp/{cascade.charlie.pk}/return/", {"alasan": text}), "alasan")
    body = {"skp_ids": [cascade.charlie.pk], "alasan": MEGABYTE}
    _refused(bob.post(f"{V1}/skp/bulk-return/", body, format="json"), "alasan")
    assert SKP.objects.get(pk=cascade.charlie.pk).status == domain.DIAJUKAN
