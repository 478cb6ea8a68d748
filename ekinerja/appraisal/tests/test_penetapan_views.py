"""The organisation pages over HTTP: the unit list, a unit's page (panel, organisation
predikat, people, penetapan with its refusal shown in place, history), and the Admin
Instansi's reopen page — full pages and HTMX partials, bounded query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import Evaluasi, Penetapan, PredikatOrganisasi
from ekinerja.appraisal.services.penetapan import penetapan_reopen
from ekinerja.core.models import AuditEvent
from ekinerja.org.models import UnitKerja

from .factories import appraisal_world, set_predikat_organisasi
from .test_penetapan import BP, SB, B, crowd, spread, state, tetapkan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def detail_url(w, unit=None) -> str:
    return reverse("appraisal:unit-detail", args=[(unit or w.cast.dinas).pk, w.periode.pk])


def text(response) -> str:
    return response.content.decode()


# --- the unit list -------------------------------------------------------------------


def _more_units(cast, n: int) -> None:
    from ekinerja.org.domain import unit_path

    for i in range(n):
        u = UnitKerja.objects.create(
            instansi=cast.a, kode=f"OPD{i}", nama=f"Badan {i:02d}", parent=cast.pemkab, is_opd=True
        )
        u.path = unit_path(cast.pemkab.path, u.pk)
        u.depth = 1
        u.save(update_fields=["path", "depth"])


def test_the_admin_sees_every_marked_unit_with_its_curve(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, B, B])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    r = login("eko").get(reverse("appraisal:unit-list"), {"periode": w.periode.pk})
    assert r.status_code == 200
    body = text(r)
    assert "Dinas Alfa" in body and "BKPSDM" in body and "Bidang Satu" not in body
    assert "3 / 3" in body and "Belum terpenuhi" in body and "Maret 2026" in body


def test_the_unit_list_runs_a_fixed_number_of_queries(cast, login, django_assert_max_num_queries):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    client = login("eko")
    url = reverse("appraisal:unit-list")
    with django_assert_max_num_queries(14):
        client.get(url, {"periode": w.periode.pk})
    _more_units(cast, 30)
    crowd(w, [None, None, None] + [B] * 20)
    with django_assert_max_num_queries(14):
        r = client.get(url, {"periode": w.periode.pk})
    assert "Badan 29" in text(r)


def test_the_head_one_level_up_sees_the_sub_unit_whose_predikat_she_sets(cast, login):
    w = appraisal_world(cast)
    body = text(login("alice").get(reverse("appraisal:unit-list")))
    assert "Dinas Alfa" in body and "Bidang Satu" in body
    assert "Sub-unit: predikatnya menjadi rating hasil kerja kepala unit" in body
    assert f"?periode={w.periode.pk}" in body or "Maret 2026" in body


def test_a_penilai_sees_the_unit_of_the_people_he_rates(cast, login):
    appraisal_world(cast)
    body = text(login("bob").get(reverse("appraisal:unit-list")))
    assert "Dinas Alfa" in body


def test_staff_see_an_empty_list_with_an_explanation(cast, login):
    appraisal_world(cast)
    body = text(login("charlie").get(reverse("appraisal:unit-list")))
    assert "Tidak ada unit yang Anda kelola" in body


def test_no_period_yet(cast, login):
    body = text(login("eko").get(reverse("appraisal:unit-list")))
    assert "Belum ada periode penilaian yang dibuka." in body


# --- one unit ------------------------------------------------------------------------


def test_the_unit_page_shows_the_panel_people_and_why_it_cannot_be_set_yet(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, None, B])
    r = login("alice").get(detail_url(w))
    assert r.status_code == 200
    body = text(r)
    assert f'id="kurva-panel-{cast.dinas.pk}"' in body
    assert "Charlie Nugroho" in body and "Dina Lestari" in body and "Bob Santoso" in body
    assert "Belum dapat ditetapkan:" in body
    assert "1 pegawai belum dinilai oleh pejabat penilainya: Charlie Nugroho." in body
    assert "belum ditetapkan oleh pimpinan satu tingkat di atasnya" in body
    assert "disabled" in body  # the button waits for the reasons to go
    # alice does not set her own unit's predikat (one level up does).
    assert reverse("appraisal:predikat-organisasi-set", args=[cast.dinas.pk, w.periode.pk]) not in (
        body
    )


def test_a_penilai_sees_only_the_people_he_rates(cast, login):
    w = appraisal_world(cast)
    body = text(login("bob").get(detail_url(w)))
    assert "Charlie Nugroho" in body and "Dina Lestari" in body
    assert "Alice Wulandari" not in body
    assert "hanya pegawai yang Anda nilai yang ditampilkan" in body
    assert reverse("appraisal:penetapan-create", args=[cast.dinas.pk, w.periode.pk]) not in body


def test_the_status_filter(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, None, None])
    body = text(login("eko").get(detail_url(w), {"status": evaluation.EVALUASI_DINILAI}))
    people = body[body.index('id="people-title"') :]
    assert "Bob Santoso" in people and "Dina Lestari" not in people


def test_the_unit_page_runs_a_fixed_number_of_queries(cast, login, django_assert_max_num_queries):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    client = login("eko")
    with django_assert_max_num_queries(25):
        client.get(detail_url(w))
    crowd(w, [None, None, None] + spread(sangat_baik=17, baik=36, butuh_perbaikan=1))
    tetapkan(w, "eko")
    penetapan_reopen(
        actor=cast.actor("eko"),
        penetapan_id=Penetapan.objects.get().pk,
        alasan="Koreksi rating satu pegawai.",
    )
    with django_assert_max_num_queries(25):
        r = client.get(detail_url(w))
    assert "57 evaluasi" in text(r) or "58 evaluasi" in text(r)


def test_the_side_column_alone_for_htmx(cast, login):
    w = appraisal_world(cast)
    r = login("eko").get(detail_url(w), {"bagian": "samping"}, **HTMX)
    body = text(r)
    assert body.lstrip().startswith("<div") and 'id="unit-side"' in body
    assert "<html" not in body


# --- organisation predikat over HTTP --------------------------------------------------


def test_setting_the_org_predikat_redirects_with_a_message(cast, login):
    w = appraisal_world(cast)
    url = reverse("appraisal:predikat-organisasi-set", args=[cast.dinas.pk, w.periode.pk])
    r = login("eko").post(url, {"predikat": ratings.ORG_BAIK, "catatan": "IKU 101%."}, follow=True)
    assert r.redirect_chain[-1][0] == detail_url(w)
    assert "Predikat kinerja organisasi Dinas Alfa periode Maret 2026: Baik." in text(r)
    assert PredikatOrganisasi.objects.get().catatan == "IKU 101%."


def test_setting_the_org_predikat_with_htmx_swaps_the_side_column(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, B, B])
    url = reverse("appraisal:predikat-organisasi-set", args=[cast.dinas.pk, w.periode.pk])
    r = login("eko").post(url, {"predikat": ratings.ORG_BAIK}, **HTMX)
    body = text(r)
    assert r.status_code == 200 and 'id="unit-side"' in body and "<html" not in body
    # The panel now checks the curve: 3 Baik of 3 is too many.
    assert "Baik paling banyak 2 orang: ada 3 orang, kelebihan 1 orang." in body


def test_a_refused_org_predikat_is_shown_on_the_form(cast, login):
    w = appraisal_world(cast)
    url = reverse("appraisal:predikat-organisasi-set", args=[cast.dinas.pk, w.periode.pk])
    r = login("eko").post(url, {"predikat": "luar_biasa"}, **HTMX)
    assert r.status_code == 200 and "is-invalid" in text(r)
    assert not PredikatOrganisasi.objects.exists()


def test_the_org_predikat_form_is_refused_to_those_who_may_not_set_it(cast, login):
    w = appraisal_world(cast)
    url = reverse("appraisal:predikat-organisasi-set", args=[cast.dinas.pk, w.periode.pk])
    r = login("alice").post(url, {"predikat": ratings.ISTIMEWA})
    assert "pimpinan satu tingkat di atasnya" in text(r)
    assert not PredikatOrganisasi.objects.exists()


# --- penetapan over HTTP --------------------------------------------------------------


def test_a_refused_penetapan_is_shown_in_place_and_changes_nothing(cast, login):
    w = appraisal_world(cast)
    crowd(w, [SB, SB, SB])
    set_predikat_organisasi(w, cast.dinas, ratings.ISTIMEWA)
    url = reverse("appraisal:penetapan-create", args=[cast.dinas.pk, w.periode.pk])
    before = state(w)
    client = login("alice")
    r = client.post(url)
    assert r.status_code == 200
    body = text(r)
    assert "Penetapan ditolak:" in body
    assert "Sangat Baik paling banyak 2 orang: ada 3 orang, kelebihan 1 orang." in body
    assert "<html" in body  # the full page, without JavaScript
    r = client.post(url, **HTMX)
    assert "Penetapan ditolak:" in text(r) and "<html" not in text(r)
    assert state(w) == before


def test_penetapan_succeeds_and_locks_the_page(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    url = reverse("appraisal:penetapan-create", args=[cast.dinas.pk, w.periode.pk])
    r = login("alice").post(url, follow=True)
    assert r.redirect_chain[-1][0] == detail_url(w)
    body = text(r)
    assert "Predikat 3 evaluasi di Dinas Alfa periode Maret 2026 telah ditetapkan" in body
    assert "Berlaku" in body and "Penetapan berlaku; buka kembali" not in body
    assert set(Evaluasi.objects.filter(dalam_kurva=True).values_list("status", flat=True)) == {
        evaluation.EVALUASI_DITETAPKAN
    }


def test_penetapan_with_htmx_reloads_the_page(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    url = reverse("appraisal:penetapan-create", args=[cast.dinas.pk, w.periode.pk])
    r = login("eko").post(url, **HTMX)
    assert r.status_code == 204 and r["HX-Redirect"] == detail_url(w)
    assert Penetapan.objects.filter(status="ditetapkan").count() == 1


def test_penetapan_is_refused_to_a_penilai_who_does_not_manage_the_unit(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    url = reverse("appraisal:penetapan-create", args=[cast.dinas.pk, w.periode.pk])
    assert login("bob").post(url).status_code == 403
    assert not Penetapan.objects.exists()


# --- reopening over HTTP --------------------------------------------------------------


def test_reopen_page_asks_for_a_reason_then_reopens(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    p = tetapkan(w)
    client = login("eko")
    detail = text(client.get(detail_url(w)))
    url = reverse("appraisal:penetapan-reopen", args=[p.pk])
    assert url in detail
    page = text(client.get(url))
    assert "3 evaluasi yang terkunci akan kembali" in page and "Baik: 2" in page
    r = client.post(url, {"alasan": "salah"})
    assert r.status_code == 200 and "sedikitnya 10 karakter" in text(r)
    assert Penetapan.objects.get().status == "ditetapkan"
    alasan = "Rating Charlie salah input oleh penilai."
    r = client.post(url, {"alasan": alasan}, follow=True)
    assert r.redirect_chain[-1][0] == detail_url(w)
    body = text(r)
    assert "dibuka kembali" in body and alasan in body
    assert AuditEvent.objects.get(action="penetapan.reopen").changes["alasan"] == alasan
    # Reopened already: the page says so and offers no form.
    page = text(client.get(url))
    assert "sudah dibuka kembali" in page and 'name="alasan"' not in page


def test_reopen_is_refused_to_the_unit_head(cast, login):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    p = tetapkan(w)
    url = reverse("appraisal:penetapan-reopen", args=[p.pk])
    assert login("alice").post(url, {"alasan": "x" * 30}).status_code == 403
    assert Penetapan.objects.get().status == "ditetapkan"


def test_a_sub_unit_page_offers_its_predikat_to_the_head_above(cast, login):
    w = appraisal_world(cast)
    client = login("alice")
    body = text(client.get(detail_url(w, cast.bidang)))
    assert reverse("appraisal:predikat-organisasi-set", args=[cast.bidang.pk, w.periode.pk]) in body
    assert "Unit ini tidak memiliki kurva sendiri" in body
    url = reverse("appraisal:predikat-organisasi-set", args=[cast.bidang.pk, w.periode.pk])
    client.post(url, {"predikat": ratings.ORG_BAIK})
    assert PredikatOrganisasi.objects.get(unit=cast.bidang).predikat == ratings.ORG_BAIK


def test_a_heads_unit_list_runs_a_fixed_number_of_queries(
    cast, login, django_assert_max_num_queries
):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    client = login("alice")
    url = reverse("appraisal:unit-list")
    with django_assert_max_num_queries(20):
        client.get(url, {"periode": w.periode.pk})
    crowd(w, [None, None, None] + [B] * 30)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    with django_assert_max_num_queries(20):
        r = client.get(url, {"periode": w.periode.pk})
    assert "33 / 33" in text(r)
