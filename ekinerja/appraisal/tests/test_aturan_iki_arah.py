"""The direction of an IKI's capaian (rules §3, IKI.arah) as the SKP owner sets it: the
plans services, the IKI form and the SKP page — and the capaian that follows from it.
The API's side: api/tests/test_iki_arah.py; the template form: plans/tests/test_forms.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ekinerja.plans.models import IKI
from ekinerja.plans.services import editing, workflow
from ekinerja.plans.tests.factories import approved_cascade

from ..domain import achievement

pytestmark = pytest.mark.django_db


@pytest.fixture
def cascade(cast):
    return approved_cascade(cast, leave_draft=("charlie",))


def _add(cast, cascade, **kw) -> IKI:
    values = {
        "aspek": "waktu",
        "indikator": "Lama penyelesaian surat",
        "target_jenis": "angka",
        "target_nilai": "10",
        "satuan": "hari",
    }
    values.update(kw)
    return editing.iki_add(actor=cast.actor("charlie"), rhk_id=cascade.rhk("charlie").pk, **values)


def test_lower_is_better_is_stored_and_drives_capaian(cast, cascade):
    iki = _add(cast, cascade, arah="turun")
    assert iki.arah == "turun"
    # rules §3: lower is better, target 10 → realisasi 9 is 110%, 12 is 80%, 25 is 0%.
    values = [
        achievement.capaian(Decimal(r), iki.target_nilai, arah=iki.arah) for r in ("9", "12", "25")
    ]
    assert values == [Decimal(110), Decimal(80), Decimal(0)]
    assert _add(cast, cascade, aspek="kuantitas").arah == "naik"  # the default


# --- the "Waktu" aspek defaults to lower-is-better (issue 11 §6) ---------------------------


@pytest.mark.parametrize(
    "aspek, arah, stored",
    [
        ("waktu", None, "turun"),  # days to finish: fewer is better
        ("kuantitas", None, "naik"),
        ("kualitas", None, "naik"),
        ("biaya", None, "naik"),
        ("waktu", "naik", "naik"),  # an explicit choice stands
        ("kuantitas", "turun", "turun"),
    ],
)
def test_the_direction_follows_the_aspek_unless_chosen(cast, cascade, aspek, arah, stored):
    kw = {} if arah is None else {"arah": arah}
    assert _add(cast, cascade, aspek=aspek, **kw).arah == stored


def test_existing_waktu_iki_keep_their_direction(cast, cascade):
    iki = _add(cast, cascade, arah="naik")
    kw = {"aspek": "waktu", "indikator": "Lama", "target_jenis": "angka", "target_nilai": "8"}
    kw["satuan"] = "hari"
    updated = editing.iki_update(actor=cast.actor("charlie"), iki_id=iki.pk, **kw)
    assert updated.arah == "naik"


def test_the_new_iki_form_offers_the_aspeks_direction(cast, cascade, login):
    client = login("charlie")
    url = reverse("plans:iki-create", args=[cascade.rhk("charlie").pk])
    form = client.get(url).content.decode()
    assert '<option value="" selected>Menurut aspek (Waktu: makin rendah makin baik)' in form
    body = {
        "aspek": "waktu",
        "indikator": "Hari penyelesaian",
        "target_jenis": "angka",
        "target_nilai": "3",
        "satuan": "hari",
        "arah": "",
    }
    assert client.post(url, body).status_code == 302
    iki = IKI.objects.get(indikator="Hari penyelesaian")
    assert iki.arah == "turun"
    # Editing shows the stored direction, no "by aspek" choice.
    edit = client.get(reverse("plans:iki-update", args=[iki.pk])).content.decode()
    assert '<option value="turun" selected>' in edit and "Menurut aspek" not in edit


def test_update_keeps_or_changes_the_direction(cast, cascade):
    iki = _add(cast, cascade, arah="turun")
    kw = {
        "aspek": "waktu",
        "indikator": "Lama",
        "target_jenis": "angka",
        "target_nilai": "8",
        "satuan": "hari",
    }
    actor = cast.actor("charlie")
    assert editing.iki_update(actor=actor, iki_id=iki.pk, **kw).arah == "turun"  # kept
    assert editing.iki_update(actor=actor, iki_id=iki.pk, arah="naik", **kw).arah == "naik"
    # A range scores 100% inside it whatever the direction: stored as "naik".
    rentang = {**kw, "target_jenis": "rentang", "target_min": "5", "target_maks": "8"}
    assert editing.iki_update(actor=actor, iki_id=iki.pk, arah="turun", **rentang).arah == "naik"


def test_bad_direction_refused(cast, cascade):
    with pytest.raises(ValidationError) as e:
        _add(cast, cascade, arah="miring")
    assert "arah" in e.value.message_dict
    assert not IKI.objects.filter(indikator="Lama penyelesaian surat").exists()


def test_form_and_skp_page(cast, cascade, login):
    client = login("charlie")
    rhk = cascade.rhk("charlie")
    url = reverse("plans:iki-create", args=[rhk.pk])
    assert 'name="arah"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "aspek": "waktu",
            "indikator": "Lama penyelesaian surat",
            "target_jenis": "angka",
            "target_nilai": "3",
            "satuan": "hari",
            "arah": "turun",
        },
    )
    assert response.status_code == 302
    iki = IKI.objects.get(indikator="Lama penyelesaian surat")
    assert iki.arah == "turun"
    page = client.get(reverse("plans:skp-detail", args=[cascade.charlie.pk])).content.decode()
    assert "makin rendah makin baik" in page
    edit = client.get(reverse("plans:iki-update", args=[iki.pk])).content.decode()
    assert '<option value="turun" selected>' in edit


def test_revision_keeps_the_direction(cast, cascade):
    from ekinerja.plans.tests.factories import approve

    iki = _add(cast, cascade, arah="turun")
    skp = approve(cast, cascade.charlie)
    revision = workflow.skp_revise(actor=cast.actor("charlie"), skp_id=skp.pk)
    copied = IKI.objects.get(rhk__skp=revision, indikator=iki.indikator)
    assert copied.arah == "turun"
