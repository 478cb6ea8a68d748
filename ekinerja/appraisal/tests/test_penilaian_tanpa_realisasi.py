"""Rating someone who entered no realisasi at all warns the penilai first (issue 11 §6),
on the team page and on the full form; the warning can be confirmed, it never blocks.
And the row's preview no longer inherits the save's hx-disabled-elt (issue 11 §7: htmx
logged "hx-disabled-elt returned no matches" on every rating)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ..domain import evaluation, ratings
from ..models import Evaluasi
from .factories import appraisal_world, set_realisasi

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(cast):
    return appraisal_world(cast)


def _rate(client, ev, extra=None, htmx=True):
    data = {
        "rating_hasil_kerja": ratings.SESUAI,
        "rating_perilaku": ratings.DI_ATAS,
        **(extra or {}),
    }
    return client.post(
        reverse("appraisal:penilaian-rate", args=[ev.pk]), data, **(HX if htmx else {})
    )


def _status(ev) -> str:
    ev.refresh_from_db()
    return ev.status


def test_the_list_shows_who_has_no_realisasi(world, login):
    set_realisasi(world, "charlie", "12")
    body = login("bob").get(reverse("appraisal:penilaian-list")).content.decode()
    dina = body[body.index(f'id="penilaian-row-{world.evaluasi("dina").pk}"') :]
    assert "belum ada realisasi" in dina[: dina.index("</form>")]
    charlie = body[body.index(f'id="penilaian-row-{world.evaluasi("charlie").pk}"') :]
    assert "belum ada realisasi" not in charlie[: charlie.index("</form>")]


def test_a_row_asks_before_rating_someone_without_realisasi(world, login):
    ev = world.evaluasi("dina")
    client = login("bob")
    body = _rate(client, ev).content.decode()
    assert "Dina Lestari belum mengisi realisasi apa pun untuk periode ini" in body
    assert f'name="tanpa_realisasi" value="1" id="tetap-{ev.pk}"' in body
    # The ratings chosen stay chosen, nothing is saved yet.
    assert re.search(rf'id="pk-{ev.pk}".*?value="di_atas" selected', body, re.S)
    assert _status(ev) == evaluation.EVALUASI_DRAFT
    body = _rate(client, ev, {"tanpa_realisasi": "1"}).content.decode()
    assert "Tersimpan." in body
    assert _status(ev) == evaluation.EVALUASI_DINILAI


def test_someone_with_realisasi_is_rated_at_once(world, login):
    set_realisasi(world, "charlie", "12")
    ev = world.evaluasi("charlie")
    assert "Tersimpan." in _rate(login("bob"), ev).content.decode()
    assert _status(ev) == evaluation.EVALUASI_DINILAI


def test_without_javascript_the_full_form_asks_with_the_ratings_kept(world, login):
    ev = world.evaluasi("dina")
    client = login("bob")
    response = _rate(client, ev, htmx=False)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("appraisal:penilaian-form", args=[ev.pk]))
    page = client.get(response["Location"]).content.decode()
    assert "Dina Lestari belum mengisi realisasi apa pun" in page
    assert 'id="tanpa-realisasi"' in page
    assert '<option value="di_atas" selected>' in page
    assert _status(ev) == evaluation.EVALUASI_DRAFT


def test_the_full_form_warns_and_saves_once_confirmed(world, login):
    ev = world.evaluasi("dina")
    client = login("bob")
    url = reverse("appraisal:penilaian-form", args=[ev.pk])
    page = client.get(url).content.decode()
    assert "Pegawai ini belum mengisi realisasi apa pun untuk periode ini" in page
    data = {"rating_hasil_kerja": ratings.SESUAI, "rating_perilaku": ratings.SESUAI}
    refused = client.post(url, data).content.decode()
    assert "Centang kotak ini untuk tetap menilai." in refused
    assert _status(ev) == evaluation.EVALUASI_DRAFT
    response = client.post(url, {**data, "tanpa_realisasi": "on"})
    assert response.status_code == 302
    assert _status(ev) == evaluation.EVALUASI_DINILAI
    assert Evaluasi.objects.get(pk=ev.pk).predikat == ratings.BAIK


def test_the_full_form_of_someone_with_realisasi_has_no_warning(world, login):
    set_realisasi(world, "charlie", "12")
    ev = world.evaluasi("charlie")
    page = login("bob").get(reverse("appraisal:penilaian-form", args=[ev.pk])).content.decode()
    assert 'id="tanpa-realisasi"' not in page


def test_the_preview_does_not_inherit_the_saves_disabled_element(world, login):
    body = login("bob").get(reverse("appraisal:penilaian-list")).content.decode()
    for sel in re.findall(r'<div class="pn-sel"[^>]*>', body):
        assert 'hx-disabled-elt="unset"' in sel
