"""The staff pages of the evaluation: "my evaluations", one evaluation (the person's
realisasi forms, read-only for the penilai and other readers), and saving one IKI with
and without HTMX. What a user would notice, and a fixed number of queries per page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import Evaluasi, PeriodePenilaian, RealisasiIKI
from ekinerja.appraisal.views.evaluasi import url_or_blank
from ekinerja.core.models import AuditEvent
from ekinerja.execution.models import BuktiDukung, UmpanBalik
from ekinerja.execution.tests.factories import make_aktivitas, make_bimbingan, make_umpan_balik
from ekinerja.plans.models import IKI, RHK

from .factories import appraisal_world, open_periode, set_rating, set_realisasi

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _detail(ev) -> str:
    return reverse("appraisal:evaluasi-detail", args=[ev.pk])


def _save_url(ev, iki) -> str:
    return reverse("appraisal:realisasi-save", args=[ev.pk, iki.pk])


# --- my evaluations ---------------------------------------------------------------------


def test_my_evaluations_show_period_progress_status_and_predikat(cast, login):
    w = appraisal_world(cast)
    c = login("charlie")
    r = c.get(reverse("appraisal:evaluasi-mine"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Maret 2026" in html and "0 dari 1 IKI" in html and "Isi realisasi" in html
    assert "Belum dinilai" in html and "Bob Santoso" in html
    set_realisasi(w, "charlie", "12")
    set_rating(w, "charlie", ratings.DI_ATAS, ratings.DI_ATAS)
    html = c.get(reverse("appraisal:evaluasi-mine")).content.decode()
    assert "1 dari 1 IKI" in html and "Sangat Baik" in html and "Dinilai" in html
    assert ">Isi realisasi<" not in html  # rated: nothing left to fill


def test_my_evaluations_are_mine_only_newest_first(cast, login):
    w = appraisal_world(cast)
    open_periode(cast, w.cascade, nomor=4)
    open_periode(cast, w.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    r = login("charlie").get(reverse("appraisal:evaluasi-mine"))
    labels = [ev.periode_penilaian.label for ev in r.context["evaluasi_list"]]
    # The year's own evaluation first (it ends with December), then the months.
    assert labels == ["Tahunan 2026", "April 2026", "Maret 2026"]
    assert {ev.pegawai_id for ev in r.context["evaluasi_list"]} == {cast.charlie.pk}


def test_someone_without_evaluations_is_told_why(cast, login):
    r = login("charlie").get(reverse("appraisal:evaluasi-mine"))
    assert r.status_code == 200
    assert "Belum ada evaluasi kinerja" in r.content.decode()


def test_my_evaluations_query_count_does_not_grow(cast, login, django_assert_max_num_queries):
    w = appraisal_world(cast)
    c = login("charlie")
    url = reverse("appraisal:evaluasi-mine")
    c.get(url)  # warm the session
    with django_assert_max_num_queries(14) as ctx:
        c.get(url)
    first = len(ctx.captured_queries)
    for nomor in (4, 5, 6):
        open_periode(cast, w.cascade, nomor=nomor)
    set_realisasi(w, "charlie", "12")
    with django_assert_max_num_queries(first):
        r = c.get(url)
    assert len(r.context["evaluasi_list"]) == 4


# --- one evaluation -------------------------------------------------------------------


def _rich(w):
    """Charlie's SKP with every kind of target and the period's evidence."""
    cast = w.cast
    rhk = w.cascade.rhk("charlie")
    IKI.objects.create(
        instansi=cast.a, rhk=rhk, aspek="waktu", indikator="Rata-rata waktu agenda",
        target_jenis="angka", target_nilai=2, satuan="hari", arah="turun", urutan=2,
    )  # fmt: skip
    tambahan = RHK.objects.create(
        instansi=cast.a, skp=w.cascade.charlie, jenis="tambahan", teks="Laporan tahunan", urutan=2
    )
    IKI.objects.create(
        instansi=cast.a, rhk=tambahan, aspek="kuantitas", indikator="Keluhan tertunda",
        target_jenis="angka", target_nilai=0, satuan="keluhan", urutan=1,
    )  # fmt: skip
    IKI.objects.create(
        instansi=cast.a, rhk=tambahan, aspek="kualitas", indikator="Kualitas laporan",
        target_jenis="teks", target_teks="Diterima tanpa revisi", urutan=2,
    )  # fmt: skip
    make_aktivitas(cast, "charlie", rhk=rhk, status="diverifikasi", tanggal=dt.date(2026, 3, 10))
    BuktiDukung.objects.create(
        instansi=cast.a, pegawai=cast.charlie, rhk=rhk, jenis="tautan",
        tautan="https://drive.example.go.id/agenda", keterangan="Rekap agenda Maret",
    )  # fmt: skip
    fb = make_umpan_balik(cast, to="charlie", by="bob", rhk=rhk, teks="Agenda sudah rapi.")
    UmpanBalik.objects.filter(pk=fb.pk).update(
        created_at=dt.datetime(2026, 3, 12, 3, tzinfo=dt.UTC)
    )
    make_bimbingan(cast, to="charlie", by="bob")
    return rhk, tambahan


def test_the_person_gets_a_form_per_iki_with_evidence_and_feedback(cast, login):
    w = appraisal_world(cast)
    _rich(w)
    ev = w.evaluasi("charlie")
    r = login("charlie").get(_detail(ev))
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count('name="nilai"') == 3 and html.count('name="teks"') == 1
    assert "0 dari 4 IKI" in html
    assert "1 aktivitas terverifikasi · 1 j 30 m" in html
    assert "Rekap agenda Maret" in html and "Agenda sudah rapi." in html
    assert "Ketepatan waktu agenda surat" in html  # the coaching note of the period
    assert "makin rendah makin baik" in html
    assert "Berorientasi Pelayanan" in html and "Kolaboratif" in html
    assert "Saran sistem" not in html  # the suggestion is the penilai's aid


def test_target_zero_shows_a_dash_not_a_division(cast, login):
    w = appraisal_world(cast)
    _rich(w)
    ev = w.evaluasi("charlie")
    iki = IKI.objects.get(indikator="Keluhan tertunda")
    r = login("charlie").post(_save_url(ev, iki), {"nilai": "3"}, **HX)
    html = r.content.decode()
    assert r.status_code == 200 and "target 0, tidak dihitung" in html
    assert RealisasiIKI.objects.get(iki=iki).capaian is None


def test_the_penilai_reads_without_forms_and_gets_the_rating_button(cast, login):
    w = appraisal_world(cast)
    set_realisasi(w, "charlie", "13,5".replace(",", "."))
    ev = w.evaluasi("charlie")
    html = login("bob").get(_detail(ev)).content.decode()
    assert 'name="nilai"' not in html
    assert "13,5" in html and "112,5%" in html
    form_url = url_or_blank("appraisal:penilaian-form", ev.pk)
    if form_url:
        assert form_url in html and "Nilai pegawai ini" in html


@pytest.mark.parametrize("who", ["alice", "eko", "fajar"])
def test_other_readers_see_it_read_only(cast, login, who):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    r = login(who).get(_detail(ev))
    html = r.content.decode()
    assert r.status_code == 200 and 'name="nilai"' not in html
    assert "Nilai pegawai ini" not in html and "Buka percakapan" not in html


def test_a_rated_evaluation_shows_ratings_predikat_and_the_documents(cast, login):
    w = appraisal_world(cast)
    set_realisasi(w, "charlie", "12")
    ev = set_rating(w, "charlie", ratings.DI_ATAS, ratings.SESUAI)
    Evaluasi.objects.filter(pk=ev.pk).update(
        catatan_penilai="Pertahankan.", umpan_balik_rhk={str(w.cascade.rhk("charlie").pk): "Rapi."}
    )
    html = login("charlie").get(_detail(ev)).content.decode()
    assert "Di Atas Ekspektasi" in html and "Sesuai Ekspektasi" in html and ">Baik<" in html
    assert "Pertahankan." in html and "Rapi." in html
    assert "sudah dinilai oleh pejabat penilai" in html and 'name="nilai"' not in html
    for name in ("appraisal:evaluasi-pdf", "appraisal:dokumen-pdf"):
        url = url_or_blank(name, ev.pk)
        if url:
            assert url in html


def test_a_draft_shows_no_ratings_and_no_documents(cast, login):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    html = login("charlie").get(_detail(ev)).content.decode()
    assert "Hasil penilaian" not in html and "PDF" not in html


@pytest.mark.parametrize(
    "state, message",
    [
        ("ditutup", "sudah ditutup"),
        ("ditetapkan", "sudah ditetapkan"),
    ],
)
def test_the_person_is_told_why_the_form_is_gone(cast, login, state, message):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    if state == "ditutup":
        PeriodePenilaian.objects.filter(pk=w.periode.pk).update(status="ditutup")
    else:
        set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
        Evaluasi.objects.filter(pk=ev.pk).update(status=evaluation.EVALUASI_DITETAPKAN)
    html = login("charlie").get(_detail(ev)).content.decode()
    assert message in html and 'name="nilai"' not in html


def test_the_page_query_count_does_not_grow_with_content(
    cast, login, django_assert_max_num_queries
):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    rhk, tambahan = _rich(w)  # one of everything: each kind of query runs once
    c = login("charlie")
    c.get(_detail(ev))
    with django_assert_max_num_queries(22) as ctx:
        c.get(_detail(ev))
    first = len(ctx.captured_queries)
    extra = RHK.objects.create(
        instansi=cast.a, skp=w.cascade.charlie, jenis="tambahan", teks="Tugas lain", urutan=3
    )
    for i in range(4):
        IKI.objects.create(
            instansi=cast.a, rhk=extra, aspek="kuantitas", indikator=f"Keluaran {i}",
            target_jenis="angka", target_nilai=5, satuan="dokumen", urutan=i,
        )  # fmt: skip
        make_aktivitas(
            cast, "charlie", rhk=tambahan, status="diverifikasi", tanggal=dt.date(2026, 3, 16 + i)
        )
        fb = make_umpan_balik(cast, to="charlie", by="bob", rhk=extra, teks=f"Catatan {i}")
        UmpanBalik.objects.filter(pk=fb.pk).update(
            created_at=dt.datetime(2026, 3, 20, 3, tzinfo=dt.UTC)
        )
        BuktiDukung.objects.create(
            instansi=cast.a, pegawai=cast.charlie, rhk=extra, jenis="tautan",
            tautan=f"https://drive.example.go.id/{i}", keterangan=f"Bukti {i}",
        )  # fmt: skip
    set_realisasi(w, "charlie", "12")
    with django_assert_max_num_queries(first):
        r = c.get(_detail(ev))
    html = r.content.decode()
    assert r.status_code == 200 and "Catatan 3" in html and "Bukti 3" in html


# --- saving one IKI -------------------------------------------------------------------


def test_htmx_save_returns_the_block_with_the_capaian_and_the_progress(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    r = login("charlie").post(_save_url(ev, iki), {"nilai": "13,5", "catatan": "ok"}, **HX)
    html = r.content.decode()
    assert r.status_code == 200
    assert html.startswith('\n<div id="iki-') or f'id="iki-{iki.pk}"' in html
    assert "112,5%" in html and "Realisasi disimpan." in html
    assert 'id="realisasi-progress" hx-swap-oob="true"' in html and "1 dari 1 IKI" in html
    assert "<html" not in html  # a fragment, not the page
    row = RealisasiIKI.objects.get()
    assert (row.nilai, row.capaian, row.catatan) == (
        Decimal("13.5"),
        Decimal("112.5"),
        "ok",
    )


def test_htmx_bad_number_shows_the_message_by_the_field_and_saves_nothing(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    r = login("charlie").post(_save_url(ev, iki), {"nilai": "dua belas"}, **HX)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Realisasi harus berupa angka, mis. 12 atau 12,5." in html
    assert "is-invalid" in html and 'value="dua belas"' in html
    assert not RealisasiIKI.objects.exists()


def test_htmx_refusal_after_rating_shows_the_reason_read_only(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    c = login("charlie")
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)  # rated while the page was open
    r = c.post(_save_url(ev, iki), {"nilai": "12"}, **HX)
    html = r.content.decode()
    assert r.status_code == 200 and "sudah dinilai oleh pejabat penilai" in html
    assert 'name="nilai"' not in html
    assert not RealisasiIKI.objects.exists()


def test_without_htmx_a_save_redirects_to_the_iki(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    c = login("charlie")
    r = c.post(_save_url(ev, iki), {"nilai": "12"})
    assert r.status_code == 302 and r["Location"].endswith(f"{_detail(ev)}#iki-{iki.pk}")
    assert "Realisasi disimpan." in c.get(r["Location"]).content.decode()
    assert RealisasiIKI.objects.get().capaian == Decimal(100)


def test_without_htmx_bad_input_shows_the_page_with_the_error(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    r = login("charlie").post(_save_url(ev, iki), {"nilai": "-4"})
    assert r.status_code == 200 and "Realisasi tidak boleh negatif." in r.content.decode()
    assert not RealisasiIKI.objects.exists()


def test_without_htmx_a_refusal_redirects_with_the_reason(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    PeriodePenilaian.objects.filter(pk=w.periode.pk).update(status="ditutup")
    c = login("charlie")
    r = c.post(_save_url(ev, iki), {"nilai": "12"}, follow=True)
    assert "Periode Maret 2026 sudah ditutup" in r.content.decode()
    assert not RealisasiIKI.objects.exists()


def test_the_numeric_form_keeps_a_description_written_elsewhere(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    RealisasiIKI.objects.create(
        instansi=cast.a, evaluasi=ev, iki=iki, nilai=10, teks="Dari API", capaian=Decimal("83.3333")
    )
    login("charlie").post(_save_url(ev, iki), {"nilai": "12"}, **HX)
    row = RealisasiIKI.objects.get()
    assert (row.nilai, row.teks) == (Decimal(12), "Dari API")


@pytest.mark.parametrize(
    "who, status", [("bob", 403), ("alice", 403), ("dina", 403), ("gita", 404)]
)
def test_only_the_person_may_post(cast, login, who, status):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    r = login(who).post(_save_url(ev, iki), {"nilai": "12"}, **HX)
    assert r.status_code == status
    assert not RealisasiIKI.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluasi.realisasi").exists()


def test_an_iki_of_another_skp_is_not_found(cast, login):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    r = login("charlie").post(_save_url(ev, w.iki("dina")), {"nilai": "12"}, **HX)
    assert r.status_code == 404 and not RealisasiIKI.objects.exists()


def test_get_is_not_allowed_on_save(cast, login):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    assert login("charlie").get(_save_url(ev, iki)).status_code == 405


def test_htmx_save_query_count_does_not_grow(cast, login, django_assert_max_num_queries):
    w = appraisal_world(cast)
    ev, iki = w.evaluasi("charlie"), w.iki("charlie")
    c = login("charlie")
    c.post(_save_url(ev, iki), {"nilai": "10"}, **HX)
    with django_assert_max_num_queries(30) as ctx:
        c.post(_save_url(ev, iki), {"nilai": "11"}, **HX)
    first = len(ctx.captured_queries)
    _rich(w)
    with django_assert_max_num_queries(first):
        r = c.post(_save_url(ev, iki), {"nilai": "12"}, **HX)
    assert "100,0%" in r.content.decode()
