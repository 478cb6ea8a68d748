"""The distribution panel as the penilai and the unit's managers meet it (issue 11 §6,
§7): limits from everyone the curve covers, the unrated shown as such, rules not yet
decidable while they could still go either way; small curves that no rating satisfies
do not block penetapan and the panel and the Dokumen say why; the panel's and the
penetapan's numbers agree and are explained (in the curve, outside it, unrated).

The Dinas Alfa curve counts bob, charlie and dina (n = 3); alice heads Dinas Alfa with
no marked unit above, so her evaluation is locked with it but counted in no curve."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ekinerja.appraisal import documents
from ekinerja.appraisal.domain import distribution, ratings
from ekinerja.appraisal.domain.penetapan import penetapan_refusals
from ekinerja.appraisal.models import Evaluasi, Penetapan
from ekinerja.appraisal.selectors.kurva import curve_status
from ekinerja.appraisal.selectors.penilaian import penilaian_list
from ekinerja.appraisal.selectors.unit import penetapan_facts, unit_page
from ekinerja.appraisal.services.penetapan import penetapan_create

from .factories import appraisal_world, set_predikat_organisasi, set_rating

pytestmark = pytest.mark.django_db

SE, DA, DB = ratings.SESUAI, ratings.DI_ATAS, ratings.DI_BAWAH


def unit_url(w, unit=None) -> str:
    return reverse("appraisal:unit-detail", args=[(unit or w.cast.dinas).pk, w.periode.pk])


def panel(body: str, unit_id: int) -> str:
    start = body.index(f'id="kurva-panel-{unit_id}"')
    return body[start : body.index("</section>", start)]


def test_one_rating_is_measured_against_everyone_in_the_curve(cast, login):
    """Before: after charlie's "Baik" (1 of 3) the panel said "✗ Baik paling banyak 0
    orang" — the limit of a curve of one."""
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    set_rating(w, "charlie", SE, SE)
    status = curve_status(periode=w.periode, unit=cast.dinas)
    assert (status.n, status.belum_dinilai, status.dihitung) == (1, 2, 3)
    assert status.check is not None
    baik, bp_k = status.check.results
    assert (baik.limit, baik.state) == (2, distribution.RULE_OPEN)
    assert (bp_k.limit, bp_k.state) == (1, distribution.RULE_OPEN)
    for who in ("alice", "bob"):  # the unit's page and the penilai's list
        url = unit_url(w) if who == "alice" else reverse("appraisal:penilaian-list")
        box = panel(login(who).get(url).content.decode(), cast.dinas.pk)
        assert "paling banyak 0 orang" not in box
        assert "✗" not in box
        assert "Baik paling banyak 2 orang: sejauh ini 1 orang" in box
        assert "Belum dinilai" in box and "belum dinilai 2" in box
        assert "belum dapat dipastikan" in box


def test_a_rule_decided_by_the_rated_fails_even_with_people_unrated(cast, login):
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ISTIMEWA)  # Sangat Baik ≤ 70%: 2 of 3
    for who in ("bob", "charlie", "dina"):
        set_rating(w, who, DA, DA)
    Evaluasi.objects.filter(pk=w.evaluasi("dina").pk).update(
        status="draft", predikat="", rating_hasil_kerja="", rating_perilaku=""
    )
    # 2 SB of 3 with one unrated: still possible; all three SB: decided.
    check = curve_status(periode=w.periode, unit=cast.dinas).check
    assert check is not None
    assert check.results[0].state == (distribution.RULE_OPEN)
    set_rating(w, "dina", DA, DA)
    box = panel(login("alice").get(unit_url(w)).content.decode(), cast.dinas.pk)
    assert "✗ Sangat Baik paling banyak 2 orang: ada 3 orang, kelebihan 1 orang." in box


def test_a_prefilled_draft_counts_as_unrated_everywhere(cast, login):
    """An annual draft prefilled from the last period carries a predikat but is not
    rated (rules §4): the penilai's panel counted it as rated, the unit page did not."""
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    Evaluasi.objects.filter(pk=w.evaluasi("charlie").pk).update(
        predikat=ratings.BAIK, rating_hasil_kerja=SE, rating_perilaku=SE
    )  # still a draft
    [group] = penilaian_list(actor=cast.actor("bob"), periode=w.periode)
    unit = curve_status(periode=w.periode, unit=cast.dinas)
    assert group.kurva is not None
    assert (group.kurva.n, group.kurva.belum_dinilai) == (unit.n, unit.belum_dinilai) == (0, 3)
    assert group.dinilai == 0
    page, _scope = unit_page(actor=cast.actor("eko"), periode=w.periode)
    row = next(r for r in page.object_list if r.unit.pk == cast.dinas.pk)
    assert (row.dinilai, row.dihitung) == (0, 3)


def test_the_panel_and_the_penetapan_say_the_same_numbers(cast, login):
    """The walk saw "Dinilai 506" then "507 dikunci": the head outside the curve is
    locked with the unit but not counted. Both now say so."""
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    set_rating(w, "bob", SE, SE)
    set_rating(w, "charlie", SE, SE)
    set_rating(w, "dina", DB, SE)
    set_rating(w, "alice", SE, DA)  # her unit's Baik gives her Sesuai (rules §1)
    body = login("eko").get(unit_url(w)).content.decode()
    box = panel(body, cast.dinas.pk)
    assert "Dalam kurva" in box and "dinilai 3, belum dinilai 0" in box
    assert "Di luar kurva: 1 pegawai" in box
    assert "Penetapan mengunci 4 evaluasi yang sudah dinilai: 3 dalam kurva dan 1 di luar" in body
    penetapan_create(
        actor=cast.actor("eko"), unit_id=cast.dinas.pk, periode_penilaian_id=w.periode.pk
    )
    penetapan = Penetapan.objects.get()
    assert (penetapan.jumlah_evaluasi, penetapan.jumlah_dalam_kurva) == (4, 3)
    body = login("eko").get(unit_url(w)).content.decode()
    assert "4 evaluasi dikunci: 3 dalam kurva dan 1 di luar kurva" in body


def test_an_unrated_head_outside_the_curve_is_said_not_to_be_locked(cast, login):
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    set_rating(w, "bob", SE, SE)
    set_rating(w, "charlie", SE, SE)
    set_rating(w, "dina", DB, SE)
    body = login("eko").get(unit_url(w)).content.decode()
    assert "1 di antaranya belum dinilai." in body
    assert "3 evaluasi yang sudah dinilai, semuanya dalam kurva." in body
    assert "1 pegawai di luar kurva belum dinilai; evaluasinya tidak ikut dikunci." in body


# --- small curves ---------------------------------------------------------------------------


@pytest.fixture
def small(cast):
    """Bidang Satu marked too: its curve counts charlie and dina (n = 2); bob, its head,
    counts in Dinas Alfa's (n = 1)."""
    cast.bidang.is_opd = True
    cast.bidang.save(update_fields=["is_opd"])
    return appraisal_world(cast)


def test_a_curve_no_rating_can_satisfy_does_not_block_penetapan(small, login):
    w, cast = small, small.cast
    assert w.evaluasi("charlie").unit_kurva_id == cast.bidang.pk
    set_predikat_organisasi(w, cast.bidang, ratings.ORG_KURANG)  # ≥ 2 Kurang and ≥ 1 BP of 2
    set_rating(w, "charlie", SE, SE)
    set_rating(w, "dina", SE, SE)
    status = curve_status(periode=w.periode, unit=cast.bidang)
    assert status.check is not None
    assert status.check.failed and not status.check.satisfiable and status.tidak_berlaku
    assert status.ok and penetapan_refusals(penetapan_facts(status)) == []
    box = panel(login("bob").get(unit_url(w, cast.bidang)).content.decode(), cast.bidang.pk)
    assert "Tidak ada susunan predikat bagi 2 orang" in box
    assert "tidak menghalangi penetapan" in box
    penetapan_create(
        actor=cast.actor("bob"), unit_id=cast.bidang.pk, periode_penilaian_id=w.periode.pk
    )
    assert Penetapan.objects.filter(unit=cast.bidang, status="ditetapkan").exists()
    # The Dokumen Evaluasi says why the failing rules did not stop it.
    ctx = documents.dokumen_document_context(
        Evaluasi.objects.select_related("periode_penilaian", "unit_kurva", "pegawai").get(
            pk=w.evaluasi("dina").pk
        ),
        cast.a,
    )
    assert "tidak ada susunan predikat bagi 2 orang" in ctx["kurva_tidak_berlaku"]
    from django.template.loader import render_to_string

    html = render_to_string("appraisal/dokumen_evaluasi_pdf.html", ctx)
    assert "penetapan tidak terhalang" in html and "Tidak berlaku</span>" in html


def test_a_strict_curve_that_can_be_satisfied_still_blocks(small):
    w, cast = small, small.cast
    set_predikat_organisasi(w, cast.bidang, ratings.ORG_BUTUH_PERBAIKAN)  # ≥ 2 BP of 2: possible
    set_rating(w, "charlie", SE, SE)
    set_rating(w, "dina", DB, SE)
    status = curve_status(periode=w.periode, unit=cast.bidang)
    assert status.check is not None
    assert status.check.satisfiable and status.check.failed and not status.ok
    with pytest.raises(ValidationError) as e:
        penetapan_create(
            actor=cast.actor("bob"), unit_id=cast.bidang.pk, periode_penilaian_id=w.periode.pk
        )
    assert "Butuh Perbaikan paling sedikit 2 orang: ada 1 orang, kurang 1 orang." in str(e.value)


def test_the_unit_list_says_a_small_curve_does_not_apply(small, login):
    w, cast = small, small.cast
    set_predikat_organisasi(w, cast.bidang, ratings.ORG_KURANG)
    set_rating(w, "charlie", SE, SE)
    set_rating(w, "dina", SE, SE)
    body = login("eko").get(reverse("appraisal:unit-list"), {"periode": w.periode.pk})
    assert "Tidak berlaku (unit kecil)" in body.content.decode()
