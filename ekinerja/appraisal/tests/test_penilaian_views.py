"""The penilai's pages: the list (full page, period picker, empty states, bounded
queries), the live preview and the inline save over HTMX (the row and, out of band, the
unit's panel), the walk "rate a unit → the curve fails → fix a rating → ok", and the
full form (suggestion shown never forced, predikat never typed, the unit head's fixed
rating, read-only once locked)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ekinerja.core.models import AuditEvent

from ..domain import evaluation, ratings
from ..models import Evaluasi, Penetapan, PeriodePenilaian
from .factories import appraisal_world, set_predikat_organisasi, set_rating, set_realisasi

pytestmark = pytest.mark.django_db

LIST = "appraisal:penilaian-list"
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def world(cast):
    """Everyone has entered a realisasi (rating someone without any asks first:
    test_penilaian_tanpa_realisasi.py)."""
    w = appraisal_world(cast)
    for who in ("alice", "bob", "charlie", "dina"):
        set_realisasi(w, who, "12")
    return w


def _list(client, world, **params):
    return client.get(reverse(LIST), {"periode": world.periode.pk, **params})


def _rate(client, ev, hk, pk, htmx=True):
    return client.post(
        reverse("appraisal:penilaian-rate", args=[ev.pk]),
        {"rating_hasil_kerja": hk, "rating_perilaku": pk},
        **(HX if htmx else {}),
    )


def _panel_ok(body: str, unit_id: int) -> str:
    m = re.search(rf'id="kurva-panel-{unit_id}"[^>]*data-kurva-ok="(\d)"', body)
    assert m, "panel missing"
    return m.group(1)


# --- the list ---------------------------------------------------------------------------


def test_list_shows_the_subordinates_with_selects_and_the_panel(world, login):
    set_realisasi(world, "charlie", "12")
    body = _list(login("bob"), world).content.decode()
    charlie, dina = world.evaluasi("charlie"), world.evaluasi("dina")
    for ev in (charlie, dina):
        assert f'id="penilaian-row-{ev.pk}"' in body
        assert f'id="hk-{ev.pk}"' in body and f'id="pk-{ev.pk}"' in body
        assert f'id="predikat-{ev.pk}"' in body
        assert f'id="simpan-{ev.pk}"' in body
        assert reverse("appraisal:penilaian-form", args=[ev.pk]) in body
    assert f'id="kurva-slot-{world.cast.dinas.pk}"' in body
    assert f'id="kurva-panel-{world.cast.dinas.pk}"' in body
    assert "Saran sistem: Sesuai Ekspektasi" in body  # charlie: 12 of 12
    assert "0 dari 2 pegawai sudah dinilai" in body
    assert 'id="pilih-periode"' in body
    assert f'id="penilaian-row-{world.evaluasi("bob").pk}"' not in body  # alice rates bob


def test_list_defaults_to_the_newest_open_period(world, login):
    response = login("bob").get(reverse(LIST))
    assert response.context["periode"] == world.periode
    assert f'id="penilaian-row-{world.evaluasi("charlie").pk}"' in response.content.decode()


@pytest.mark.parametrize(
    "who, text",
    [
        ("charlie", "Tidak ada pegawai yang Anda nilai pada periode Maret 2026"),
        ("fajar", "Tidak ada pegawai yang Anda nilai pada periode Maret 2026"),
    ],
)
def test_list_empty_states(world, login, who, text):
    assert text in _list(login(who), world).content.decode()


def test_list_without_an_open_period(cast, login):
    body = login("bob").get(reverse(LIST)).content.decode()
    assert "Belum ada periode penilaian yang dibuka" in body


def test_list_of_another_agencys_period_is_404(world, login):
    assert _list(login("gita"), world).status_code == 404


def test_list_closed_period_is_read_only(world, login):
    PeriodePenilaian.objects.filter(pk=world.periode.pk).update(status="ditutup")
    body = _list(login("bob"), world).content.decode()
    ev = world.evaluasi("charlie")
    assert f'id="simpan-{ev.pk}"' not in body
    assert "sudah ditutup" in body
    assert "(ditutup)" in body  # still in the picker


def test_list_queries_do_not_grow_with_team_or_curves(world, login, django_assert_max_num_queries):
    client = login("bob")
    # Session, user, roles, the periods (2), the actor's place in the chart (3), the
    # counts per group, the rows, the rule set, IKI, realisasi, the panels (3), the
    # navbar's pegawai.
    with django_assert_max_num_queries(17):
        assert _list(client, world).status_code == 200
    # Twice the people, across two curves, one of them a unit head with an org predikat.
    Evaluasi.objects.filter(pegawai__in=[world.cast.alice, world.cast.bob]).update(
        penilai=world.cast.bob
    )
    Evaluasi.objects.filter(pegawai=world.cast.dina).update(unit_kurva=world.cast.bkpsdm)
    set_predikat_organisasi(world, world.cast.bidang, ratings.ORG_BAIK)
    set_realisasi(world, "charlie", "11")
    with django_assert_max_num_queries(18):  # + the unit head's org predikat
        response = _list(client, world)
    assert len(response.context["groups"]) == 2
    assert response.context["jumlah"] == 4


# --- preview and inline save ------------------------------------------------------------


def test_preview_returns_the_predikat_and_the_panel_out_of_band(world, login):
    ev = world.evaluasi("charlie")
    before = list(Evaluasi.objects.values().order_by("pk"))
    response = login("bob").post(
        reverse("appraisal:penilaian-preview", args=[ev.pk]),
        {"rating_hasil_kerja": ratings.DI_ATAS, "rating_perilaku": ratings.DI_ATAS},
        **HX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-predikat="sangat_baik"' in body and "Sangat Baik" in body
    assert f'id="kurva-slot-{world.cast.dinas.pk}" class="pn-kurva" hx-swap-oob="true"' in body
    assert "Pratinjau" in body
    assert list(Evaluasi.objects.values().order_by("pk")) == before


def test_preview_with_one_rating_missing_asks_for_both(world, login):
    ev = world.evaluasi("charlie")
    body = (
        login("bob")
        .post(
            reverse("appraisal:penilaian-preview", args=[ev.pk]),
            {"rating_hasil_kerja": ratings.DI_ATAS, "rating_perilaku": ""},
            **HX,
        )
        .content.decode()
    )
    assert "pilih kedua rating" in body and "Pratinjau" not in body


@pytest.mark.parametrize(
    "who, status", [("dina", 403), ("alice", 403), ("charlie", 403), ("gita", 404)]
)
def test_only_the_penilai_previews_and_rates(world, login, who, status):
    ev = world.evaluasi("charlie")
    client = login(who)
    preview = client.post(
        reverse("appraisal:penilaian-preview", args=[ev.pk]),
        {"rating_hasil_kerja": ratings.SESUAI, "rating_perilaku": ratings.SESUAI},
        **HX,
    )
    assert preview.status_code == status
    assert _rate(client, ev, ratings.SESUAI, ratings.SESUAI).status_code == status
    ev.refresh_from_db()
    assert ev.predikat == "" and ev.status == evaluation.EVALUASI_DRAFT


def test_inline_save_returns_the_row_and_the_panel(world, login, django_assert_max_num_queries):
    ev = world.evaluasi("charlie")
    client = login("bob")
    with django_assert_max_num_queries(30):
        response = _rate(client, ev, ratings.DI_ATAS, ratings.SESUAI)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<form id="penilaian-row-{ev.pk}"')
    assert "Tersimpan." in body
    assert 'data-predikat="baik"' in body
    assert f'id="kurva-slot-{world.cast.dinas.pk}" class="pn-kurva" hx-swap-oob="true"' in body
    assert "Pratinjau" not in body
    assert 'id="ringkasan-penilaian" hx-swap-oob="true"' in body
    assert "1 dari 2 pegawai sudah dinilai" in body
    ev.refresh_from_db()
    assert (ev.predikat, ev.status) == (ratings.BAIK, evaluation.EVALUASI_DINILAI)


def test_inline_save_keeps_feedback_and_note(world, login):
    ev = world.evaluasi("charlie")
    Evaluasi.objects.filter(pk=ev.pk).update(
        catatan_penilai="Catatan lama", umpan_balik_perilaku={"2": "Jujur"}
    )
    _rate(login("bob"), ev, ratings.SESUAI, ratings.SESUAI)
    ev.refresh_from_db()
    assert ev.catatan_penilai == "Catatan lama" and ev.umpan_balik_perilaku == {"2": "Jujur"}


def test_inline_save_refused_shows_the_reason_in_the_row(world, login):
    ev = world.evaluasi("charlie")
    response = _rate(login("bob"), ev, ratings.SESUAI, "")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pilih rating perilaku kerja." in body and 'role="alert"' in body
    # The chosen rating stays chosen.
    assert re.search(rf'id="hk-{ev.pk}".*?value="sesuai" selected', body, re.S)
    ev.refresh_from_db()
    assert ev.status == evaluation.EVALUASI_DRAFT
    assert not AuditEvent.objects.filter(action="evaluasi.rate").exists()


def test_inline_save_without_htmx_redirects_with_a_message(world, login):
    ev = world.evaluasi("charlie")
    client = login("bob")
    response = _rate(client, ev, ratings.SESUAI, ratings.SESUAI, htmx=False)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?periode={world.periode.pk}#penilaian-row-{ev.pk}")
    body = client.get(response["Location"]).content.decode()
    assert "Penilaian Charlie Nugroho tersimpan." in body
    refused = _rate(client, world.evaluasi("dina"), "", ratings.SESUAI, htmx=False)
    assert "Pilih rating hasil kerja." in client.get(refused["Location"]).content.decode()


def test_after_penetapan_the_row_is_locked(world, login):
    ev = world.evaluasi("charlie")
    set_rating(world, "charlie", ratings.SESUAI, ratings.SESUAI)
    Penetapan.objects.create(
        instansi=world.cast.a,
        unit=world.cast.dinas,
        periode_penilaian=world.periode,
        ditetapkan_at="2026-04-05T03:00:00Z",
    )
    Evaluasi.objects.filter(pk=ev.pk).update(status=evaluation.EVALUASI_DITETAPKAN)
    client = login("bob")
    body = _list(client, world).content.decode()
    assert f'id="simpan-{ev.pk}"' not in body and "sudah ditetapkan" in body
    response = _rate(client, ev, ratings.DI_BAWAH, ratings.DI_BAWAH)
    assert "sudah ditetapkan" in response.content.decode()
    ev.refresh_from_db()
    assert ev.predikat == ratings.BAIK


def test_walk_rate_a_unit_curve_fails_fix_one_rating_curve_ok(world, login):
    """The lead's e2e walk, over HTTP: Dinas Alfa (Baik) counts bob, charlie, dina;
    three Baik break "Baik ≤ 2" and "Butuh Perbaikan + Kurang ≥ 1"; one Butuh Perbaikan
    fixes both."""
    dinas = world.cast.dinas.pk
    set_predikat_organisasi(world, world.cast.dinas, ratings.ORG_BAIK)
    set_rating(world, "bob", ratings.SESUAI, ratings.SESUAI)  # rated by alice
    client = login("bob")
    body = _rate(client, world.evaluasi("charlie"), ratings.SESUAI, ratings.SESUAI).content.decode()
    assert _panel_ok(body, dinas) == "0"  # dina not rated yet
    body = _rate(client, world.evaluasi("dina"), ratings.SESUAI, ratings.DI_ATAS).content.decode()
    assert _panel_ok(body, dinas) == "0"
    assert "kelebihan 1 orang" in body and "kurang 1 orang" in body
    # The preview already shows the fix …
    preview = client.post(
        reverse("appraisal:penilaian-preview", args=[world.evaluasi("dina").pk]),
        {"rating_hasil_kerja": ratings.DI_BAWAH, "rating_perilaku": ratings.SESUAI},
        **HX,
    ).content.decode()
    assert _panel_ok(preview, dinas) == "1"
    # … and the save makes it so.
    body = _rate(client, world.evaluasi("dina"), ratings.DI_BAWAH, ratings.SESUAI).content.decode()
    assert _panel_ok(body, dinas) == "1"
    assert 'data-predikat="butuh_perbaikan"' in body
    page = _list(client, world).content.decode()
    assert _panel_ok(page, dinas) == "1"


# --- the full form ----------------------------------------------------------------------


def _form(client, ev):
    return client.get(reverse("appraisal:penilaian-form", args=[ev.pk]))


def test_form_shows_everything_and_the_suggestion_preselected_only_when_unrated(
    world, login, django_assert_max_num_queries
):
    set_realisasi(world, "charlie", "14")  # 116,7% → suggestion Di Atas
    ev = world.evaluasi("charlie")
    client = login("bob")
    with django_assert_max_num_queries(25):
        response = _form(client, ev)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Saran sistem: <strong>Di Atas Ekspektasi</strong>" in body
    assert re.search(r'id="id_rating_hasil_kerja".*?value="di_atas" selected', body, re.S)
    assert "Surat masuk teragenda" in body  # the RHK
    assert "116,7%" in body  # capaian
    assert "Memahami dan memenuhi kebutuhan masyarakat" in body  # guides verbatim
    assert 'id="predikat-live"' in body
    assert f'id="kurva-panel-{world.cast.dinas.pk}"' in body
    assert 'id="simpan-penilaian"' in body
    # Once rated, the stored rating is shown, not the suggestion.
    set_rating(world, "charlie", ratings.DI_BAWAH, ratings.SESUAI)
    body = _form(client, ev).content.decode()
    assert re.search(r'id="id_rating_hasil_kerja".*?value="di_bawah" selected', body, re.S)
    assert not re.search(r'id="id_rating_hasil_kerja"[^>]*>.*?value="di_atas" selected', body, re.S)


def test_form_post_saves_ratings_and_feedback_and_ignores_a_typed_predikat(world, login):
    ev = world.evaluasi("charlie")
    rhk = world.cascade.charlie.rhk.first()
    response = login("bob").post(
        reverse("appraisal:penilaian-form", args=[ev.pk]),
        {
            "rating_hasil_kerja": ratings.SESUAI,
            "rating_perilaku": ratings.DI_ATAS,
            "predikat": ratings.SANGAT_BAIK,  # no such field: the matrix decides
            f"umpan_balik_rhk_{rhk.pk}": "Agenda lengkap.",
            "umpan_balik_perilaku_4": "Membangun suasana kerja yang baik.",
            "catatan": "Terus tingkatkan.",
        },
    )
    assert response.status_code == 302
    ev.refresh_from_db()
    assert ev.predikat == ratings.BAIK
    assert ev.umpan_balik_rhk == {str(rhk.pk): "Agenda lengkap."}
    assert ev.umpan_balik_perilaku == {"4": "Membangun suasana kerja yang baik."}
    assert ev.catatan_penilai == "Terus tingkatkan."


def test_form_post_refused_keeps_the_input_and_changes_nothing(world, login):
    ev = world.evaluasi("charlie")
    response = login("bob").post(
        reverse("appraisal:penilaian-form", args=[ev.pk]),
        {"rating_hasil_kerja": ratings.SESUAI, "rating_perilaku": "", "catatan": "Draf catatan"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pilih rating perilaku kerja." in body
    assert "Draf catatan" in body
    ev.refresh_from_db()
    assert ev.status == evaluation.EVALUASI_DRAFT and ev.catatan_penilai == ""


def test_form_of_a_unit_head_fixes_the_rating_hasil_kerja(world, login):
    set_predikat_organisasi(world, world.cast.bidang, ratings.ISTIMEWA)  # → Di Atas
    ev = world.evaluasi("bob")
    client = login("alice")
    body = _form(client, ev).content.decode()
    assert re.search(r'<select name="rating_hasil_kerja"[^>]*disabled', body, re.S)
    assert "mengikuti predikat kinerja organisasi Bidang Satu (Istimewa)" in body
    # A forged different value is ignored: the fixed rating is what the service gets.
    response = client.post(
        reverse("appraisal:penilaian-form", args=[ev.pk]),
        {"rating_hasil_kerja": ratings.DI_BAWAH, "rating_perilaku": ratings.DI_ATAS},
    )
    assert response.status_code == 302
    ev.refresh_from_db()
    assert (ev.rating_hasil_kerja, ev.predikat) == (ratings.DI_ATAS, ratings.SANGAT_BAIK)


def test_form_of_a_locked_evaluation_is_read_only(world, login):
    ev = world.evaluasi("charlie")
    set_rating(world, "charlie", ratings.SESUAI, ratings.SESUAI)
    Evaluasi.objects.filter(pk=ev.pk).update(status=evaluation.EVALUASI_DITETAPKAN)
    client = login("bob")
    body = _form(client, ev).content.decode()
    assert 'id="penilaian-terkunci"' in body and "sudah ditetapkan" in body
    assert 'id="simpan-penilaian"' not in body
    response = client.post(
        reverse("appraisal:penilaian-form", args=[ev.pk]),
        {"rating_hasil_kerja": ratings.DI_BAWAH, "rating_perilaku": ratings.DI_BAWAH},
    )
    assert response.status_code == 200 and "sudah ditetapkan" in response.content.decode()
    ev.refresh_from_db()
    assert ev.predikat == ratings.BAIK


@pytest.mark.parametrize(
    "who, status", [("charlie", 403), ("alice", 403), ("eko", 403), ("gita", 404)]
)
def test_form_only_for_the_penilai(world, login, who, status):
    assert _form(login(who), world.evaluasi("charlie")).status_code == status


def test_form_shows_the_periods_evidence_and_feedback_threads(world, login):
    import datetime as dt

    from ekinerja.execution.models import UmpanBalik
    from ekinerja.execution.tests.factories import make_aktivitas, make_umpan_balik

    rhk = world.cascade.charlie.rhk.first()
    make_aktivitas(
        world.cast, "charlie", rhk=rhk, tanggal=dt.date(2026, 3, 10), status="diverifikasi"
    )
    ub = make_umpan_balik(
        world.cast, to="charlie", by="bob", rhk=rhk, teks="Agenda surat perlu nomor urut."
    )
    when = dt.datetime(2026, 3, 11, 2, 0, tzinfo=dt.UTC)
    UmpanBalik.objects.filter(pk=ub.pk).update(created_at=when, last_at=when)
    body = _form(login("bob"), world.evaluasi("charlie")).content.decode()
    assert "1 aktivitas terverifikasi" in body
    assert "Agenda surat perlu nomor urut." in body
    assert reverse("execution:umpan-balik-detail", args=[ub.pk]) in body


def test_list_row_of_a_unit_head_carries_the_fixed_rating(world, login):
    set_predikat_organisasi(world, world.cast.bidang, ratings.ORG_BAIK)  # → Sesuai
    ev = world.evaluasi("bob")
    client = login("alice")
    body = _list(client, world).content.decode()
    assert re.search(rf'<select id="hk-{ev.pk}"[^>]*disabled', body, re.S)
    assert f'<input type="hidden" name="rating_hasil_kerja" value="{ratings.SESUAI}">' in body
    assert "Mengikuti predikat organisasi unitnya (Baik)." in body
    refused = _rate(client, ev, ratings.DI_ATAS, ratings.DI_ATAS).content.decode()  # forged
    assert "kepala unit" in refused
    ev.refresh_from_db()
    assert ev.status == evaluation.EVALUASI_DRAFT
    saved = _rate(client, ev, ratings.SESUAI, ratings.DI_ATAS).content.decode()
    assert 'data-predikat="baik"' in saved


# --- paging, filters (a head with hundreds of people to rate) ---------------------------


def _team(world, n: int) -> list[Evaluasi]:
    """n more people in Dinas Alfa rated by bob ("Pegawai 000" …), cloned from charlie
    (his SKP without its plan: nothing to report)."""
    from ekinerja.org.models import Pegawai
    from ekinerja.plans.models import SKP

    base = world.evaluasi("charlie")
    pegawai = []
    for i in range(n):
        p = Pegawai.objects.get(pk=base.pegawai_id)
        p.pk = p.id = None
        p.user = None
        p.nama = f"Pegawai {i:03d}"
        p.nip = f"1990{i:014d}"
        pegawai.append(p)
    pegawai = Pegawai.objects.bulk_create(pegawai)
    skp = []
    for p in pegawai:
        s = SKP.objects.get(pk=base.skp_id)
        s.pk = s.id = None
        s.pegawai = p
        skp.append(s)
    skp = SKP.objects.bulk_create(skp)
    rows = []
    for p, s in zip(pegawai, skp, strict=True):
        e = Evaluasi.objects.get(pk=base.pk)
        e.pk = e.id = None
        e.pegawai, e.skp = p, s
        e.snapshot = {}
        rows.append(e)
    return Evaluasi.objects.bulk_create(rows)


def _rated_before(evs, when="2026-04-02T03:00:00Z") -> None:
    Evaluasi.objects.filter(pk__in=[e.pk for e in evs]).update(
        rating_hasil_kerja=ratings.SESUAI,
        rating_perilaku=ratings.SESUAI,
        predikat=ratings.BAIK,
        status=evaluation.EVALUASI_DINILAI,
        dinilai_at=when,
    )


def _row_ids(body: str) -> list[int]:
    return [int(x) for x in re.findall(r'<form id="penilaian-row-(\d+)"', body)]


def _more(client, world, unit_id, **params):
    return client.get(
        reverse(LIST),
        {"periode": world.periode.pk, "unit": unit_id, **params},
        HTTP_HX_TARGET=f"lebih-{unit_id}",
        **HX,
    )


def test_list_pages_each_group_unrated_first_and_stays_small(
    world, login, django_assert_max_num_queries
):
    team = _team(world, 120)
    _rated_before(team[:10])  # Pegawai 000–009 rated: they come last
    client = login("bob")
    dinas = world.cast.dinas.pk
    _list(client, world)  # warm
    with django_assert_max_num_queries(17):  # as for 3 people
        response = _list(client, world)
    body = response.content.decode()
    ids = _row_ids(body)
    assert len(ids) == 30
    rated = {e.pk for e in team[:10]}
    assert not rated & set(ids)  # unrated first
    names = [r.nama for r in response.context["groups"][0].rows]
    assert names == sorted(names)
    assert f'id="lebih-{dinas}"' in body and f'id="berikutnya-{dinas}"' in body
    assert "Menampilkan 30 dari 122 pegawai" in body
    assert "122 pegawai Anda" in body
    assert "10 dari 122 pegawai sudah dinilai" in body  # the summary counts everyone
    # The ids the e2e walk and the inline save rely on, on every row.
    for i in ids:
        for part in ("hk", "pk", "predikat", "simpan", "pesan"):
            assert f'id="{part}-{i}"' in body
    assert f'id="kurva-panel-{dinas}"' in body and 'id="ringkasan-penilaian"' in body
    # A page of 30 rows weighs the same for 122 people or 987 (~1.9 KB a row): two
    # groups of 30 stay well under 300 KB.
    assert len(response.content) < 80_000, len(response.content)


def test_next_rows_over_htmx_skip_and_repeat_nobody_while_rating(
    world, login, django_assert_max_num_queries
):
    team = _team(world, 120)
    _rated_before(team[:10])
    client = login("bob")
    dinas = world.cast.dinas.pk
    page = _list(client, world)
    body = page.content.decode()
    seen = _row_ids(body)
    found = re.search(r"[?;]t=(\d+)", body)
    assert found is not None
    t = found.group(1)
    # The penilai rates the first rows shown before asking for more: they keep their
    # place, so the next rows continue where the page ended.
    for ev_id in seen[:5]:
        _rate(client, Evaluasi.objects.get(pk=ev_id), ratings.SESUAI, ratings.SESUAI)
    with django_assert_max_num_queries(16):  # the page's 17, less the panels, + the key
        _more(client, world, dinas, t=t, halaman=2, setelah=seen[-1])
    halaman = 2
    while True:
        more = _more(client, world, dinas, t=t, halaman=halaman, setelah=seen[-1])
        part = more.content.decode()
        assert more.status_code == 200
        assert "<html" not in part and 'id="kurva-panel' not in part
        got = _row_ids(part)
        assert got and not set(got) & set(seen)
        seen += got
        m = re.search(r'hx-get="\?[^"]*halaman=(\d+)&amp;setelah=(\d+)"', part)
        if not m:
            assert f'id="lebih-{dinas}"' in part and "Menampilkan 122 dari 122" in part
            break
        halaman += 1
    assert len(seen) == len(set(seen)) == 122
    assert set(seen[-10:]) == {e.pk for e in team[:10]}  # rated before the page: last


def test_next_rows_without_javascript_show_that_page_of_the_group(world, login):
    _team(world, 120)
    client = login("bob")
    dinas = world.cast.dinas.pk
    first = _row_ids(_list(client, world).content.decode())
    body = _list(client, world, unit=dinas, halaman=2, setelah=first[-1]).content.decode()
    second = _row_ids(body)
    assert len(second) == 30 and not set(first) & set(second)
    assert "Menampilkan 31–60 dari 122 pegawai" in body and "Kembali ke awal" in body
    assert f'id="kurva-panel-{dinas}"' in body
    # A page number alone (a typed link) counts rows; past the end, the last page.
    third = _row_ids(_list(client, world, unit=dinas, halaman=3).content.decode())
    assert len(third) == 30 and not set(third) & (set(first) | set(second))
    last = _row_ids(_list(client, world, unit=dinas, halaman=5).content.decode())
    assert len(last) == 2
    assert _row_ids(_list(client, world, unit=dinas, halaman=99).content.decode()) == last
    # A save without JavaScript comes back to the page it was made on.
    url = f"{reverse(LIST)}?periode={world.periode.pk}&unit={dinas}&halaman=3"
    ev = Evaluasi.objects.get(pk=third[0])
    confirmed = {"tanpa_realisasi": "1"}  # the crowd entered no realisasi
    response = client.post(
        reverse("appraisal:penilaian-rate", args=[ev.pk]),
        {"rating_hasil_kerja": ratings.SESUAI, "rating_perilaku": ratings.SESUAI, **confirmed},
        HTTP_REFERER=f"http://testserver{url}",
    )
    assert response["Location"] == f"{url}#penilaian-row-{ev.pk}"
    evil = client.post(
        reverse("appraisal:penilaian-rate", args=[ev.pk]),
        {"rating_hasil_kerja": ratings.SESUAI, "rating_perilaku": ratings.SESUAI, **confirmed},
        HTTP_REFERER="https://evil.example/penilaian/menilai/?x=1",
    )
    assert evil["Location"].endswith(f"?periode={world.periode.pk}#penilaian-row-{ev.pk}")


def test_list_filters_unrated_only_and_name_or_nip(world, login):
    team = _team(world, 60)
    _rated_before(team[:55])
    client = login("bob")
    response = _list(client, world, belum="1")
    ids = _row_ids(response.content.decode())
    assert set(ids) == {e.pk for e in team[55:]} | {
        world.evaluasi("charlie").pk,
        world.evaluasi("dina").pk,
    }
    body = response.content.decode()
    assert 'id="belum-saja"' in body and "checked" in body
    assert "7 pegawai cocok dengan saringan." in body
    assert "62 pegawai Anda" in body  # the group still counts everyone
    found = _row_ids(_list(client, world, q="pegawai 05").content.decode())
    assert found == [e.pk for e in team[55:60] + team[50:55]]  # the unrated first
    assert _row_ids(_list(client, world, q=team[7].pegawai.nip).content.decode()) == [team[7].pk]
    nobody = _list(client, world, q="tidak ada").content.decode()
    assert _row_ids(nobody) == [] and "Tidak ada pegawai unit ini yang cocok" in nobody
    assert f'id="kurva-panel-{world.cast.dinas.pk}"' in nobody


def test_list_query_params_are_defensive(world, login):
    client = login("bob")
    for params in (
        {"unit": "x", "halaman": "-1"},
        {"unit": "999999", "halaman": "2", "setelah": "999999"},
        {"t": "99999999999999"},
        {"t": "abc", "q": "x" * 500},
    ):
        assert _list(client, world, **params).status_code == 200


def test_head_of_an_unmarked_unit_is_not_told_to_wait_for_an_org_predikat(world, login):
    """Bob heads Bidang Satu, not a marked unit: it never gets an organisation predikat,
    so alice rates him freely and is not told one is missing."""
    from ekinerja.org.models import UnitKerja

    client = login("alice")
    msg = "Predikat organisasi unitnya belum ditetapkan."
    form_msg = "tetapi predikat kinerja organisasi unitnya belum ditetapkan"
    bob = world.evaluasi("bob")
    assert msg not in _list(client, world).content.decode()
    assert form_msg not in _form(client, bob).content.decode()
    UnitKerja.objects.filter(pk=world.cast.bidang.pk).update(is_opd=True)
    assert msg in _list(client, world).content.decode()
    assert form_msg in _form(client, bob).content.decode()
