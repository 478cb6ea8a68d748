"""Feedback and coaching pages over HTTP: what each role sees, the prefilled create
form, the HTMX reply that appends to the thread, refusals shown on the form with
nothing written, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from ekinerja.core.clock import local_today
from ekinerja.core.models import Notification

from ..models import BimbinganKinerja, UmpanBalik
from ..services import umpan_balik as services
from .factories import DAY, exec_world, make_bimbingan, make_umpan_balik

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("execution:umpan-balik-list")
CREATE = reverse("execution:umpan-balik-create")
B_LIST = reverse("execution:bimbingan-list")
B_CREATE = reverse("execution:bimbingan-create")


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def world(cast):
    return exec_world(cast)


@pytest.fixture
def thread(cast, world):
    t = services.umpan_balik_create(
        actor=cast.actor("bob"),
        pegawai_id=cast.charlie.pk,
        topik="rhk",
        rhk_id=world.rhk("charlie").pk,
        teks="Agenda surat sudah tepat waktu.",
    )
    services.umpan_balik_reply(actor=cast.actor("charlie"), thread_id=t.pk, teks="Terima kasih.")
    return t


def _detail(t) -> str:
    return reverse("execution:umpan-balik-detail", args=[t.pk])


# --- the list ---------------------------------------------------------------------------


def test_list_as_supervisor_shows_given_threads_and_the_picker(cast, login, thread):
    html = _text(login("bob").get(LIST))
    assert "untuk Charlie Nugroho" in html
    assert "RHK: Surat masuk teragenda" in html
    assert "1 balasan" in html
    assert 'name="pegawai"' in html and "Dina Lestari" in html  # the picker
    assert _detail(thread) in html


def test_list_as_pegawai_shows_received_threads_without_picker(cast, login, thread):
    html = _text(login("charlie").get(LIST))
    assert "dari Bob Santoso" in html
    assert "Beri umpan balik kepada bawahan" not in html


def test_list_tabs_filter_direction(cast, login, thread):
    services.umpan_balik_create(
        actor=cast.actor("alice"), pegawai_id=cast.bob.pk, topik="umum", teks="Untuk Bob"
    )
    c = login("bob")
    received = _text(c.get(LIST, {"arah": "diterima"}))
    assert "dari Alice Wulandari" in received and "untuk Charlie" not in received
    given = _text(c.get(LIST, {"arah": "diberikan"}))
    assert "untuk Charlie Nugroho" in given and "dari Alice" not in given


def test_list_htmx_is_the_results_partial(cast, login, thread):
    r = login("bob").get(LIST, {"page": 1}, **HX)
    html = _text(r)
    assert r.status_code == 200 and "<html" not in html and "untuk Charlie Nugroho" in html


def test_list_of_a_pegawai_for_readers(cast, login, thread):
    for who in ("eko", "fajar", "alice"):
        r = login(who).get(LIST, {"pegawai": cast.charlie.pk})
        assert r.status_code == 200, who
        assert "Umpan balik untuk Charlie Nugroho" in _text(r)
    # The supervisor also gets the button to start another one.
    assert f"{CREATE}?pegawai={cast.charlie.pk}" in _text(
        login("bob").get(LIST, {"pegawai": cast.charlie.pk})
    )
    assert login("dina").get(LIST, {"pegawai": cast.charlie.pk}).status_code == 403
    assert login("gita").get(LIST, {"pegawai": cast.charlie.pk}).status_code == 404


def test_list_is_paged(cast, login, world):
    for i in range(25):
        make_umpan_balik(cast, to="charlie", by="bob", teks=f"Catatan nomor {i}")
    UmpanBalik.objects.update(last_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    html = _text(login("charlie").get(LIST))
    assert html.count("list-group-item-action") == 20
    assert "page=2" in html
    assert _text(login("charlie").get(LIST, {"page": 2})).count("list-group-item-action") == 5


def test_list_query_count_does_not_grow(cast, login, world, django_assert_max_num_queries):
    c = login("bob")
    make_umpan_balik(cast, to="charlie", by="bob")
    with django_assert_max_num_queries(14) as ctx:
        c.get(LIST)
    before = len(ctx.captured_queries)
    for _ in range(10):
        t = make_umpan_balik(cast, to="dina", by="bob")
        UmpanBalik.objects.create(
            instansi=cast.a, pegawai=cast.dina, penulis=cast.dina, induk=t, teks="ok"
        )
    with django_assert_max_num_queries(before):
        c.get(LIST)
    with django_assert_max_num_queries(before):
        c.get(LIST, **HX)


# --- creating a thread ------------------------------------------------------------------


def test_create_without_pegawai_is_the_picker(cast, login, world):
    html = _text(login("bob").get(CREATE))
    assert "Charlie Nugroho" in html and "Dina Lestari" in html
    assert login("charlie").get(CREATE).status_code == 403
    assert login("eko").get(CREATE).status_code == 403


def test_create_prefills_rhk_from_the_link(cast, login, world):
    rhk = world.rhk("charlie")
    r = login("bob").get(CREATE, {"pegawai": cast.charlie.pk, "rhk": rhk.pk})
    html = _text(r)
    assert r.status_code == 200
    assert f'<option value="{rhk.pk}" selected>' in html
    assert re.search(r'<input[^>]*value="rhk"[^>]*checked', html)
    # Only charlie's RHK are offered, not dina's.
    assert world.rhk("dina").teks not in html


def test_create_prefills_a_berakhlak_value_with_its_name_verbatim(cast, login, world):
    html = _text(login("bob").get(CREATE, {"pegawai": cast.charlie.pk, "nilai": 3}))
    assert '<option value="3" selected>3. Kompeten</option>' in html
    assert "1. Berorientasi Pelayanan" in html and "7. Kolaboratif" in html
    assert re.search(r'<input[^>]*value="perilaku"[^>]*checked', html)


def test_create_for_someone_not_supervised_is_refused(cast, login, world):
    assert login("dina").get(CREATE, {"pegawai": cast.charlie.pk}).status_code == 403
    assert login("gita").get(CREATE, {"pegawai": cast.charlie.pk}).status_code == 404
    assert login("bob").get(CREATE, {"pegawai": cast.gita.pk}).status_code == 404
    r = login("dina").post(CREATE, {"pegawai": cast.charlie.pk, "topik": "umum", "teks": "x"})
    assert r.status_code == 403
    assert not UmpanBalik.objects.exists()


def test_create_posts_and_redirects_to_the_thread(cast, login, world):
    Notification.objects.all().delete()
    rhk = world.rhk("charlie")
    r = login("bob").post(
        CREATE,
        {"pegawai": cast.charlie.pk, "topik": "rhk", "rhk": rhk.pk, "teks": "Pertahankan."},
    )
    t = UmpanBalik.objects.get()
    assert r.status_code == 302 and r.url == _detail(t)
    assert Notification.objects.get().recipient == cast.charlie.user


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"topik": "umum", "teks": "  "}, "Tuliskan umpan balik Anda."),
        ({"topik": "rhk", "teks": "x"}, "Pilih RHK yang diberi umpan balik."),
        ({"topik": "perilaku", "teks": "x"}, "Pilih salah satu nilai BerAKHLAK"),
        ({"topik": "umum", "teks": "x" * 4001}, "paling banyak 4000 karakter"),
    ],
)
def test_create_shows_refusals_on_the_form(cast, login, world, data, message):
    r = login("bob").post(CREATE, {"pegawai": cast.charlie.pk, **data})
    assert r.status_code == 200
    assert message in _text(r)
    assert not UmpanBalik.objects.exists()


def test_create_refuses_an_rhk_of_someone_else(cast, login, world):
    r = login("bob").post(
        CREATE,
        {
            "pegawai": cast.charlie.pk,
            "topik": "rhk",
            "rhk": world.rhk("dina").pk,
            "teks": "x",
        },
    )
    # Not among the choices offered: the form refuses it before the service.
    assert r.status_code == 200
    assert "RHK ini bukan bagian dari SKP pegawai yang diberi umpan balik." in _text(r)
    assert not UmpanBalik.objects.exists()


# --- the thread -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["charlie", "bob", "alice", "eko", "fajar"])
def test_detail_readers(cast, login, thread, who):
    r = login(who).get(_detail(thread))
    html = _text(r)
    assert r.status_code == 200
    assert "Agenda surat sudah tepat waktu." in html and "Terima kasih." in html
    assert ('id="ub-reply" method="post"' in html) == (who in ("charlie", "bob"))


def test_detail_outsiders(cast, login, thread):
    assert login("dina").get(_detail(thread)).status_code == 403
    assert login("gita").get(_detail(thread)).status_code == 404


def test_detail_chat_sides(cast, login, thread):
    """The viewer's own messages sit on the right."""
    html = _text(login("charlie").get(_detail(thread)))
    first, second = html.index("Agenda surat"), html.index("Terima kasih.")
    left = html.rfind('class="ub-msg', 0, first)
    right = html.rfind('class="ub-msg', 0, second)
    assert "ub-kanan" not in html[left : left + 30]
    assert "ub-kanan" in html[right : right + 30]


def test_detail_query_count_does_not_grow(cast, login, thread, django_assert_max_num_queries):
    c = login("charlie")
    with django_assert_max_num_queries(14) as ctx:
        c.get(_detail(thread))
    before = len(ctx.captured_queries)
    for i in range(10):
        services.umpan_balik_reply(
            actor=cast.actor("bob" if i % 2 else "charlie"), thread_id=thread.pk, teks=f"m{i}"
        )
    with django_assert_max_num_queries(before):
        c.get(_detail(thread))


def test_reply_by_htmx_appends_the_message_and_resets_the_form(cast, login, thread):
    r = login("bob").post(
        reverse("execution:umpan-balik-reply", args=[thread.pk]), {"teks": "Mantap."}, **HX
    )
    html = _text(r)
    reply = UmpanBalik.objects.filter(induk=thread).latest("pk")
    assert r.status_code == 200 and "<html" not in html
    assert f'id="pesan-{reply.pk}"' in html and "Mantap." in html
    assert 'hx-swap-oob="outerHTML"' in html  # a fresh, empty reply form
    assert Notification.objects.filter(recipient=cast.charlie.user, url=_detail(thread)).exists()


def test_reply_without_htmx_redirects_back(cast, login, thread):
    r = login("charlie").post(
        reverse("execution:umpan-balik-reply", args=[thread.pk]), {"teks": "Baik."}
    )
    reply = UmpanBalik.objects.filter(induk=thread).latest("pk")
    assert r.status_code == 302 and r.url == f"{_detail(thread)}#pesan-{reply.pk}"


def test_blank_reply_shows_the_error_and_writes_nothing(cast, login, thread):
    n = UmpanBalik.objects.count()
    url = reverse("execution:umpan-balik-reply", args=[thread.pk])
    r = login("charlie").post(url, {"teks": "  "}, **HX)
    assert r.status_code == 200 and r["HX-Retarget"] == "#ub-reply"
    assert "Tuliskan balasan Anda." in _text(r)
    r = login("charlie").post(url, {"teks": ""})
    assert r.status_code == 200 and "Tuliskan balasan Anda." in _text(r)
    assert UmpanBalik.objects.count() == n


def test_reply_by_colleague_or_outsider_is_refused(cast, login, thread):
    url = reverse("execution:umpan-balik-reply", args=[thread.pk])
    n = UmpanBalik.objects.count()
    assert login("dina").post(url, {"teks": "Ikut"}).status_code == 403
    assert login("eko").post(url, {"teks": "Ikut"}).status_code == 403
    assert login("gita").post(url, {"teks": "Ikut"}).status_code == 404
    assert UmpanBalik.objects.count() == n


# --- coaching notes ---------------------------------------------------------------------


def test_bimbingan_list_for_the_pegawai(cast, login, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    html = _text(login("charlie").get(B_LIST))
    assert note.topik in html and "oleh Bob Santoso" in html
    assert reverse("execution:bimbingan-update", args=[note.pk]) not in html
    assert "Catat bimbingan untuk bawahan" not in html


def test_bimbingan_list_for_the_author(cast, login, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    c = login("bob")
    html = _text(c.get(B_LIST, {"arah": "ditulis"}))
    assert "Bob Santoso untuk Charlie Nugroho" in html
    assert reverse("execution:bimbingan-update", args=[note.pk]) in html
    assert "Catat bimbingan untuk bawahan" in html
    assert note.topik not in _text(c.get(B_LIST))  # none received by bob himself


def test_bimbingan_list_of_a_pegawai_for_readers(cast, login, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    for who in ("eko", "fajar", "alice", "bob"):
        r = login(who).get(B_LIST, {"pegawai": cast.charlie.pk})
        assert r.status_code == 200 and note.topik in _text(r), who
    assert login("dina").get(B_LIST, {"pegawai": cast.charlie.pk}).status_code == 403
    assert login("gita").get(B_LIST, {"pegawai": cast.charlie.pk}).status_code == 404
    r = login("eko").get(B_LIST, {"pegawai": cast.charlie.pk}, **HX)
    assert "<html" not in _text(r) and note.topik in _text(r)


def test_bimbingan_list_query_count_does_not_grow(
    cast, login, world, django_assert_max_num_queries
):
    c = login("bob")
    make_bimbingan(cast, to="charlie", by="bob")
    with django_assert_max_num_queries(14) as ctx:
        c.get(B_LIST, {"pegawai": cast.charlie.pk})
    before = len(ctx.captured_queries)
    for _ in range(10):
        make_bimbingan(cast, to="charlie", by="bob")
    with django_assert_max_num_queries(before):
        c.get(B_LIST, {"pegawai": cast.charlie.pk})
    with django_assert_max_num_queries(before):
        c.get(B_LIST, {"arah": "ditulis"})


def test_bimbingan_create_get_post(cast, login, world):
    c = login("bob")
    assert "Dina Lestari" in _text(c.get(B_CREATE))
    r = c.get(B_CREATE, {"pegawai": cast.charlie.pk})
    assert r.status_code == 200
    assert local_today(cast.actor("bob")).isoformat() in _text(r)
    r = c.post(
        B_CREATE,
        {
            "pegawai": cast.charlie.pk,
            "tanggal": DAY.isoformat(),
            "topik": "Target triwulan",
            "catatan": "Dibahas capaian.",
        },
    )
    note = BimbinganKinerja.objects.get()
    assert r.status_code == 302
    assert r.url == f"{B_LIST}?pegawai={cast.charlie.pk}#bimbingan-{note.pk}"


def test_bimbingan_create_refusals(cast, login, world):
    tomorrow = local_today(cast.actor("bob")) + dt.timedelta(days=1)
    r = login("bob").post(
        B_CREATE,
        {"pegawai": cast.charlie.pk, "tanggal": tomorrow.isoformat(), "topik": "x", "catatan": "y"},
    )
    assert r.status_code == 200 and "tidak boleh di masa depan" in _text(r)
    r = login("bob").post(B_CREATE, {"pegawai": cast.charlie.pk, "tanggal": DAY.isoformat()})
    assert "Isi topik bimbingan." in _text(r) and "Isi catatan bimbingan." in _text(r)
    assert login("charlie").get(B_CREATE).status_code == 403
    assert login("dina").get(B_CREATE, {"pegawai": cast.charlie.pk}).status_code == 403
    assert login("gita").get(B_CREATE, {"pegawai": cast.charlie.pk}).status_code == 404
    assert not BimbinganKinerja.objects.exists()


def test_bimbingan_update(cast, login, world):
    note = make_bimbingan(cast, to="charlie", by="bob")
    url = reverse("execution:bimbingan-update", args=[note.pk])
    assert note.catatan in _text(login("bob").get(url))
    for who, status in (("charlie", 403), ("alice", 403), ("gita", 404)):
        assert login(who).get(url).status_code == status
    r = login("bob").post(
        url,
        {"tanggal": DAY.isoformat(), "topik": note.topik, "catatan": "Sudah membaik."},
    )
    assert r.status_code == 302
    note.refresh_from_db()
    assert note.catatan == "Sudah membaik."


def test_bimbingan_delete(cast, login, world):
    a = make_bimbingan(cast, to="charlie", by="bob")
    b = make_bimbingan(cast, to="charlie", by="bob")
    assert (
        login("charlie").post(reverse("execution:bimbingan-delete", args=[a.pk])).status_code == 403
    )
    r = login("bob").post(reverse("execution:bimbingan-delete", args=[a.pk]), **HX)
    assert r.status_code == 200 and _text(r) == ""
    r = login("bob").post(reverse("execution:bimbingan-delete", args=[b.pk]))
    assert r.status_code == 302 and r.url == f"{B_LIST}?pegawai={cast.charlie.pk}"
    assert not BimbinganKinerja.objects.exists()
