"""A realisasi that makes the capaian absurd asks for confirmation before it is saved
(issue 11 §6): `65.722` is read, correctly for Indonesian, as 65 722; against a target
of 12 that is a capaian of 547.683,3%. The page shows the number as read (with its
words) and the capaian, and saves only once the person confirms that very number. The
service is the one place deciding (domain.achievement.realisasi_doubts); the API keeps saving
without the question (it has no page to ask on)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ekinerja.appraisal.models import RealisasiIKI
from ekinerja.appraisal.services.realisasi import RealisasiDoubt, evaluasi_realisasi_save
from ekinerja.plans.models import IKI

from .factories import appraisal_world

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(cast):
    return appraisal_world(cast)


def _url(world, iki) -> str:
    return reverse("appraisal:realisasi-save", args=[world.evaluasi("charlie").pk, iki.pk])


def _stored(world):
    return list(
        RealisasiIKI.objects.filter(evaluasi=world.evaluasi("charlie")).values_list(
            "nilai", flat=True
        )
    )


def test_the_service_asks_before_saving_a_doubtful_value(world):
    iki = world.iki("charlie")
    IKI.objects.filter(pk=iki.pk).update(target_nilai=Decimal("62.26"))  # the walk's IKI
    kwargs = dict(
        actor=world.cast.actor("charlie"), evaluasi_id=world.evaluasi("charlie").pk, iki_id=iki.pk
    )
    with pytest.raises(RealisasiDoubt) as e:
        evaluasi_realisasi_save(**kwargs, nilai="65.722", confirmed=False)
    assert e.value.doubts == ("capaian",)
    assert e.value.nilai == Decimal(65722)
    assert "Capaiannya menjadi 105.560,6%, lebih dari 200,0%." in e.value.text
    assert _stored(world) == []
    evaluasi_realisasi_save(**kwargs, nilai="65,722", confirmed=False)  # what was meant
    assert _stored(world) == [Decimal("65.722")]
    evaluasi_realisasi_save(**kwargs, nilai="65.722", confirmed=True)
    assert _stored(world) == [Decimal(65722)]


def test_the_page_reads_the_number_back_and_saves_once_confirmed(world, login):
    iki = world.iki("charlie")
    client = login("charlie")
    r = client.post(_url(world, iki), {"nilai": "65.722", "catatan": "dari laporan"}, **HX)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Anda mengisi 65.722 (enam puluh lima ribu tujuh ratus dua puluh dua) dokumen." in html
    assert "Capaiannya menjadi 547.683,3%, lebih dari 200,0%." in html
    assert "mis. 65,722" in html
    assert 'name="konfirmasi" value="65.722"' in html
    assert 'value="65.722"' in html and "dari laporan" in html  # what was typed stays
    assert _stored(world) == []
    r = client.post(
        _url(world, iki),
        {"nilai": "65.722", "catatan": "dari laporan", "konfirmasi": "65.722"},
        **HX,
    )
    assert "Realisasi disimpan." in r.content.decode()
    assert _stored(world) == [Decimal(65722)]


def test_a_confirmation_holds_only_for_the_number_confirmed(world, login):
    iki = world.iki("charlie")
    client = login("charlie")
    r = client.post(_url(world, iki), {"nilai": "99.999", "konfirmasi": "65.722"}, **HX)
    assert "Anda mengisi 99.999" in r.content.decode()
    assert _stored(world) == []


def test_a_percentage_above_100_asks_too(world, login):
    iki = world.iki("charlie")
    IKI.objects.filter(pk=iki.pk).update(satuan="persen", target_nilai=Decimal(90))
    r = login("charlie").post(_url(world, iki), {"nilai": "150"}, **HX)
    html = r.content.decode()
    assert "Anda mengisi 150 (seratus lima puluh) persen." in html
    assert "Capaiannya menjadi 166,7%." in html
    assert "Nilai persen biasanya paling tinggi 100." in html
    assert _stored(world) == []


def test_an_ordinary_value_is_saved_at_once(world, login):
    iki = world.iki("charlie")
    r = login("charlie").post(_url(world, iki), {"nilai": "13"}, **HX)
    assert "Realisasi disimpan." in r.content.decode()
    assert _stored(world) == [Decimal(13)]


def test_without_javascript_the_page_asks_too(world, login):
    iki = world.iki("charlie")
    client = login("charlie")
    r = client.post(_url(world, iki), {"nilai": "65.722"})
    assert r.status_code == 200
    assert "Anda mengisi 65.722" in r.content.decode()
    r = client.post(_url(world, iki), {"nilai": "65.722", "konfirmasi": "65.722"})
    assert r.status_code == 302 and _stored(world) == [Decimal(65722)]


def test_english_shows_the_number_without_indonesian_words(world, login):
    iki = world.iki("charlie")
    client = login("charlie")
    client.cookies["django_language"] = "en"
    r = client.post(_url(world, iki), {"nilai": "65.722"}, HTTP_ACCEPT_LANGUAGE="en", **HX)
    html = r.content.decode()
    assert "65.722" in html and "enam puluh" not in html
