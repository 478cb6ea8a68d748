"""The report pages: the index, rater analytics (leniency flags against the instansi)
and the fill rate per unit — aggregate SQL, paged, a bounded number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import Evaluasi
from ekinerja.appraisal.selectors import laporan as sel

from .factories import appraisal_world, set_rating, set_realisasi

pytestmark = pytest.mark.django_db

SB, B, BP, K, SK = ratings.PREDIKAT


def dist(**predikat: int) -> sel.Distribution:
    counts = {p: predikat.get(p, 0) for p in ratings.PREDIKAT}
    zero = dict.fromkeys(ratings.RATINGS, 0)
    return sel.Distribution(n=sum(counts.values()), hk=zero, pk=zero, predikat=counts)


# --- flags (pure) -------------------------------------------------------------------------

INSTANSI = dist(sangat_baik=20, baik=70, butuh_perbaikan=10)  # 20% Sangat Baik


@pytest.mark.parametrize(
    "rater, flags",
    [
        (dist(sangat_baik=2, baik=3), ("lenient",)),  # 40% = 2 × 20%, n = 5
        (dist(sangat_baik=2, baik=4), ()),  # 33% < 40%
        (dist(sangat_baik=2, baik=2), ()),  # 50% but n = 4 < 5
        (dist(sangat_baik=5), ("lenient", "same")),  # everybody Sangat Baik
        (dist(baik=6), ("same",)),  # everybody Baik: no spread
        (dist(baik=3, butuh_perbaikan=2), ()),
        (dist(), ()),
    ],
)
def test_rater_flags(rater, flags):
    assert sel.rater_flags(rater, INSTANSI) == flags


def test_no_sangat_baik_anywhere_flags_nobody_as_lenient():
    nobody = dist(baik=10)
    assert sel.rater_flags(dist(baik=3, butuh_perbaikan=2), nobody) == ()


@pytest.mark.parametrize("part, whole, pct", [(1, 3, 33), (2, 3, 67), (1, 8, 13), (0, 0, 0)])
def test_share_rounds_half_up(part, whole, pct):
    assert sel.share(part, whole) == pct


# --- rater analytics ------------------------------------------------------------------------


def _rated(cast):
    w = appraisal_world(cast)
    set_rating(w, "bob", ratings.DI_ATAS, ratings.DI_ATAS)  # rated by alice: Sangat Baik
    set_rating(w, "charlie", ratings.DI_ATAS, ratings.DI_ATAS)  # rated by bob: Sangat Baik
    set_rating(w, "dina", ratings.DI_BAWAH, ratings.SESUAI)  # rated by bob: Butuh Perbaikan
    return w


def test_rater_analytics_counts_per_penilai_and_for_the_instansi(cast):
    w = _rated(cast)
    data = sel.rater_analytics(instansi_id=cast.a.pk, periode=w.periode, urut="nama")
    assert data.instansi.n == 3
    assert data.instansi.predikat[SB] == 2 and data.instansi.predikat[BP] == 1
    assert data.instansi.hk == {ratings.DI_ATAS: 2, ratings.SESUAI: 0, ratings.DI_BAWAH: 1}
    rows = sel.rater_rows(list(data.queryset), data.instansi)
    by_name = {r.nama: r for r in rows}
    assert [r.nama for r in rows] == ["Alice Wulandari", "Bob Santoso"]
    bob = by_name["Bob Santoso"]
    assert bob.dist.n == 2 and bob.dist.predikat[SB] == 1 and bob.dist.predikat[BP] == 1
    assert bob.dist.pk == {ratings.DI_ATAS: 1, ratings.SESUAI: 1, ratings.DI_BAWAH: 0}
    assert by_name["Alice Wulandari"].dist.n == 1


def test_default_order_puts_the_largest_share_of_sangat_baik_first(cast):
    w = _rated(cast)
    data = sel.rater_analytics(instansi_id=cast.a.pk, periode=w.periode)
    names = [v["penilai__nama"] for v in data.queryset]
    assert names == ["Alice Wulandari", "Bob Santoso"]  # 100% before 50%


def test_rater_page(cast, login, django_assert_max_num_queries):
    w = _rated(cast)
    client = login("eko")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("appraisal:analitik-penilai"), {"periode": w.periode.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bob Santoso" in html and "Alice Wulandari" in html and "Seluruh instansi" in html
    assert "67%" in html  # the instansi's share of Sangat Baik (2 of 3)


def test_rater_page_queries_do_not_grow_with_the_data(cast, login):
    w = appraisal_world(cast)
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    client = login("eko")
    url = reverse("appraisal:analitik-penilai")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"periode": w.periode.pk}).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    for who in ("bob", "dina", "alice"):
        set_rating(w, who, ratings.DI_ATAS, ratings.DI_ATAS)
    assert count() == one


def test_rater_page_is_paged(cast, login, monkeypatch):
    w = _rated(cast)
    monkeypatch.setattr(sel, "PAGE_SIZE", 1)
    client = login("eko")
    first = client.get(reverse("appraisal:analitik-penilai"), {"periode": w.periode.pk})
    second = client.get(
        reverse("appraisal:analitik-penilai"),
        {"periode": w.periode.pk, "page": 2},
        headers={"HX-Request": "true"},
    )
    assert "Alice Wulandari" in first.content.decode()
    assert "Bob Santoso" not in first.content.decode().split("<tfoot")[0].split("<tbody")[1]
    assert b"<html" not in second.content and b"Bob Santoso" in second.content


def test_a_lenient_penilai_is_flagged_on_the_page(cast, login, monkeypatch):
    w = appraisal_world(cast)
    set_rating(w, "bob", ratings.DI_ATAS, ratings.DI_ATAS)  # by alice: Sangat Baik
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)  # by bob: Baik
    set_rating(w, "dina", ratings.SESUAI, ratings.DI_ATAS)  # by bob: Baik
    monkeypatch.setattr(sel, "LENIENT_MIN_N", 1)
    html = login("fajar").get(reverse("appraisal:analitik-penilai")).content.decode()
    # alice: 1 of 1 Sangat Baik = 100% ≥ 2 × 33% of the instansi; bob gave none
    alice_row = html.split("Alice Wulandari")[1].split("</tr>")[0]
    bob_row = html.split("Bob Santoso")[1].split("</tr>")[0]
    assert "Cenderung longgar" in alice_row and "Cenderung longgar" not in bob_row


# --- fill rate ------------------------------------------------------------------------------


def test_fill_rate_per_unit(cast):
    w = appraisal_world(cast)
    set_realisasi(w, "charlie", "12")
    set_realisasi(w, "dina", "10")
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    ev = set_rating(w, "bob", ratings.SESUAI, ratings.SESUAI)
    Evaluasi.objects.filter(pk=ev.pk).update(status=evaluation.EVALUASI_DITETAPKAN)
    data = sel.fill_rate(instansi_id=cast.a.pk, periode=w.periode)
    (row,) = [sel.fill_row(v) for v in data.queryset]
    assert (row.unit_id, row.nama) == (cast.dinas.pk, "Dinas Alfa")
    assert (row.total, row.realisasi, row.dinilai, row.ditetapkan) == (4, 2, 2, 1)
    assert (row.realisasi_share, row.dinilai_share, row.ditetapkan_share) == (50, 50, 25)
    assert data.total.total == 4 and data.total.dinilai == 2
    other = sel.fill_rate(instansi_id=cast.b.pk, periode=w.periode)
    assert other.total.total == 0 and list(other.queryset) == []


def test_fill_rate_page(cast, login, django_assert_max_num_queries):
    w = appraisal_world(cast)
    set_realisasi(w, "charlie", "12")
    client = login("eko")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("appraisal:pengisian"), {"periode": w.periode.pk})
    html = page.content.decode()
    assert page.status_code == 200 and "Dinas Alfa" in html and "25%" in html
    partial = client.get(
        reverse("appraisal:pengisian"), {"periode": w.periode.pk}, headers={"HX-Request": "true"}
    )
    assert b"<html" not in partial.content and b"Dinas Alfa" in partial.content


def test_pages_without_any_period(cast, login):
    client = login("eko")
    for name in ("appraisal:laporan", "appraisal:analitik-penilai", "appraisal:pengisian"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert "Belum ada periode penilaian" in page.content.decode()


# --- the index --------------------------------------------------------------------------------


def test_index_links_the_reports_for_the_chosen_period(cast, login, django_assert_max_num_queries):
    w = _rated(cast)
    client = login("eko")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("appraisal:laporan"), {"periode": w.periode.pk})
    html = page.content.decode()
    assert f"{reverse('appraisal:siasn')}?periode={w.periode.pk}" in html
    assert "kinerjaperiodik/save" in html and "3 evaluasi" in html
    assert reverse("appraisal:analitik-penilai") in html and reverse("appraisal:pengisian") in html


@pytest.mark.parametrize(
    "who, status", [("eko", 200), ("fajar", 200), ("alice", 403), ("bob", 403), ("charlie", 403)]
)
def test_only_instansi_wide_readers(cast, login, who, status):
    appraisal_world(cast)
    for name in (
        "appraisal:laporan",
        "appraisal:analitik-penilai",
        "appraisal:pengisian",
        "appraisal:angka-kredit",
    ):
        assert login(who).get(reverse(name)).status_code == status, name


def test_another_agencys_period_id_falls_back_to_ones_own(cast, login):
    w = appraisal_world(cast)
    from ekinerja.appraisal.models import PeriodePenilaian

    other = PeriodePenilaian.objects.create(
        instansi=cast.b,
        periode=w.cascade.periode.__class__.objects.create(instansi=cast.b, tahun=2026),
        jenis=evaluation.JENIS_BULANAN,
        nomor=3,
        tanggal_mulai=w.periode.tanggal_mulai,
        tanggal_selesai=w.periode.tanggal_selesai,
    )
    page = login("eko").get(reverse("appraisal:pengisian"), {"periode": other.pk})
    assert page.status_code == 200 and page.context["periode"] == w.periode
