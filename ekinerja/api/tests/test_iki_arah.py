"""The direction of an IKI's capaian (rules §3, IKI.arah) through the API: "Waktu"
defaults to lower-is-better, and the direction is read, written and kept (the pages and
services: appraisal/tests/test_aturan_iki_arah.py)."""

from __future__ import annotations

import pytest

from ekinerja.plans.models import IKI
from ekinerja.plans.tests.factories import approved_cascade

pytestmark = pytest.mark.django_db


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast, leave_draft=("charlie",))


def test_the_api_defaults_waktu_to_lower_is_better(cast, api, cascade):
    client = api("charlie")
    body = {
        "aspek": "waktu",
        "indikator": "Lama proses izin",
        "target_jenis": "angka",
        "target_nilai": "5",
        "satuan": "hari",
    }
    response = client.post(f"/api/v1/rhk/{cascade.rhk('charlie').pk}/iki/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["arah"] == "turun"


def test_api_reads_and_writes_the_direction(cast, api, cascade):
    client = api("charlie")
    rhk = cascade.rhk("charlie")
    body = {
        "aspek": "waktu",
        "indikator": "Lama proses",
        "target_jenis": "angka",
        "target_nilai": "5",
        "satuan": "hari",
        "arah": "turun",
    }
    response = client.post(f"/api/v1/rhk/{rhk.pk}/iki/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["arah"], data["arah_label"]) == ("turun", "Makin rendah makin baik")
    # A PATCH that does not send the direction keeps it.
    response = client.patch(f"/api/v1/iki/{data['id']}/", {"target_nilai": "4"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["arah"] == "turun"
    response = client.patch(f"/api/v1/iki/{data['id']}/", {"arah": "ke-atas"}, format="json")
    assert response.status_code == 400
    assert IKI.objects.get(pk=data["id"]).arah == "turun"
