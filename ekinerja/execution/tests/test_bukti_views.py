"""The evidence pages and the settings page over HTTP: full page, HTMX partial,
POST-redirect-GET, refusals on the form, download headers, query counts."""

from __future__ import annotations

import os

import pytest
from django.test import Client
from django.urls import reverse

from ekinerja.core.models import AuditEvent

from .. import domain
from ..models import Aktivitas, BuktiDukung, PengaturanPelaksanaan
from ..services.bukti import bukti_add_file, bukti_add_link
from ..storage import bukti_storage
from . import test_bukti_samples as s
from .factories import exec_world, make_aktivitas, make_rencana_aksi

HX = {"HTTP_HX_REQUEST": "true"}
UPLOAD = "execution:bukti-upload"


@pytest.fixture
def world(cast):
    return exec_world(cast)


@pytest.fixture
def akt(cast, world):
    return make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))


def upload_url(akt) -> str:
    return f"{reverse(UPLOAD)}?aktivitas={akt.pk}"


def stored_files(root) -> list[str]:
    return [f for _d, _s, names in os.walk(root) for f in names]


def add_pdf(cast, akt, name="laporan.pdf", data=s.PDF):
    return bukti_add_file(
        actor=cast.actor("charlie"), berkas=s.upload(name, data), aktivitas_id=akt.pk
    )


# --- the upload page ------------------------------------------------------------------


def test_owner_opens_the_upload_page(login, cast, akt, django_assert_max_num_queries):
    add_pdf(cast, akt)
    client = login("charlie")
    with django_assert_max_num_queries(12):
        r = client.get(upload_url(akt))
    assert r.status_code == 200
    body = r.content.decode()
    assert "<html" in body and 'enctype="multipart/form-data"' in body
    assert "laporan.pdf" in body and akt.uraian in body
    assert reverse("execution:bukti-download", args=[BuktiDukung.objects.get().pk]) in body
    assert "5 MB" in body  # the limit is shown


def test_upload_partial_for_htmx(login, akt):
    r = login("charlie").get(upload_url(akt), **HX)
    assert r.status_code == 200
    assert "<html" not in r.content.decode() and 'id="bukti-panel-aktivitas-' in r.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 403), ("dina", 403), ("eko", 403), ("fajar", 403), ("gita", 404)]
)
def test_only_the_owner_opens_the_upload_page(login, akt, who, status):
    assert login(who).get(upload_url(akt)).status_code == status


@pytest.mark.parametrize("query", ["", "?aktivitas=abc", "?aktivitas=1&rhk=1", "?aktivitas=99999"])
def test_upload_page_needs_one_target(login, cast, world, query):
    assert login("charlie").get(reverse(UPLOAD) + query).status_code == 404


def test_upload_page_of_a_verified_activity_is_refused(login, cast, world):
    akt = make_aktivitas(cast, "charlie", status=domain.DIVERIFIKASI)
    r = login("charlie").get(upload_url(akt))
    assert r.status_code == 403
    assert "diverifikasi atau ditolak" in r.content.decode()


def test_upload_pages_of_rencana_and_rhk(login, cast, world):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk)
    client = login("charlie")
    assert client.get(f"{reverse(UPLOAD)}?rencana={ra.pk}").status_code == 200
    assert client.get(f"{reverse(UPLOAD)}?rhk={rhk.pk}").status_code == 200
    assert login("bob").get(f"{reverse(UPLOAD)}?rhk={rhk.pk}").status_code == 403


# --- sending --------------------------------------------------------------------------


def test_post_a_file_redirects(login, cast, akt, _bukti_storage, django_assert_max_num_queries):
    client = login("charlie")
    with django_assert_max_num_queries(20):
        r = client.post(
            upload_url(akt), {"berkas": s.upload("foto kegiatan.jpg", s.JPG), "keterangan": "Rapat"}
        )
    assert r.status_code == 302 and r["Location"] == upload_url(akt)
    b = BuktiDukung.objects.get()
    assert (b.nama_berkas, b.keterangan, b.ekstensi) == ("foto kegiatan.jpg", "Rapat", "jpg")
    assert len(stored_files(_bukti_storage)) == 1
    assert "Bukti dukung disimpan." in client.get(r["Location"]).content.decode()


def test_post_redirects_to_a_safe_next(login, akt):
    client = login("charlie")
    r = client.post(upload_url(akt), {"tautan": "https://example.com", "next": "/kinerja/x/"})
    assert r["Location"] == "/kinerja/x/"
    r = client.post(
        upload_url(akt), {"tautan": "https://example.com", "next": "https://evil.example/"}
    )
    assert r["Location"] == upload_url(akt)


def test_post_a_file_with_htmx_swaps_the_panel(login, akt):
    r = login("charlie").post(upload_url(akt), {"berkas": s.upload("rekap.xlsx", s.xlsx())}, **HX)
    body = r.content.decode()
    assert r.status_code == 200 and "<html" not in body
    assert "rekap.xlsx" in body and "Bukti dukung disimpan." in body
    assert 'name="berkas"' in body  # a fresh form for the next one


def test_post_a_link(login, akt):
    r = login("charlie").post(upload_url(akt), {"tautan": "https://drive.example.go.id/a"}, **HX)
    assert r.status_code == 200
    assert BuktiDukung.objects.get().tautan == "https://drive.example.go.id/a"
    assert 'rel="noopener noreferrer nofollow"' in r.content.decode()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"berkas": ("foto.jpg", s.PDF)}, "adalah PDF"),
        ({"berkas": ("setup.pdf", s.EXE)}, "bukan PDF"),
        ({"berkas": ("kosong.pdf", b"")}, "kosong"),
        ({"berkas": ("makro.xlsx", s.XLSM)}, "makro"),
        ({"tautan": "javascript:alert(1)"}, "http://"),
        ({}, "Pilih berkas"),
        ({"berkas": ("a.pdf", s.PDF), "tautan": "https://example.com"}, "salah satu"),
    ],
    ids=["mismatch", "exe", "empty", "macro", "js-link", "nothing", "both"],
)
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_refusals_show_on_the_form_and_store_nothing(login, akt, _bukti_storage, data, says, htmx):
    post = {k: s.upload(*v) if isinstance(v, tuple) else v for k, v in data.items()}
    r = login("charlie").post(upload_url(akt), post, **(HX if htmx else {}))
    assert r.status_code == 200
    body = r.content.decode()
    assert says in body and ("invalid-feedback" in body or "alert-danger" in body)
    assert ("<html" in body) is not htmx
    assert not BuktiDukung.objects.exists() and stored_files(_bukti_storage) == []


def test_a_path_like_name_never_reaches_storage(login, akt, _bukti_storage):
    """Django's multipart parser drops the folders of a sent name itself; what is kept is
    a plain name, and the stored name is random anyway."""
    r = login("charlie").post(upload_url(akt), {"berkas": s.upload("../../etc/x.pdf", s.PDF)})
    assert r.status_code == 302
    b = BuktiDukung.objects.get()
    assert b.nama_berkas == "x.pdf" and ".." not in b.berkas.name


def test_over_the_limit_is_a_message_and_never_stored(login, cast, akt, _bukti_storage):
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=100)
    big = s.PDF + b"\x00" * (300 * 1024)
    for extra in (HX, {}):
        r = login("charlie").post(upload_url(akt), {"berkas": s.upload("besar.pdf", big)}, **extra)
        assert r.status_code == 200
        body = r.content.decode()
        assert "melebihi batas 100 KB" in body and "tidak disimpan" in body
    assert not BuktiDukung.objects.exists() and stored_files(_bukti_storage) == []


def test_the_csrf_check_still_applies(cast, akt):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.charlie.user)
    r = client.post(upload_url(akt), {"tautan": "https://example.com"})
    assert r.status_code == 403 and not BuktiDukung.objects.exists()


def test_anonymous_is_sent_to_login(client, akt):
    r = client.post(upload_url(akt), {"tautan": "https://example.com"})
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_non_owner_post_is_refused(login, akt):
    assert login("bob").post(upload_url(akt), {"tautan": "https://example.com"}).status_code == 403
    assert login("gita").post(upload_url(akt), {"tautan": "https://example.com"}).status_code == 404
    assert not BuktiDukung.objects.exists()


# --- download -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["charlie", "bob", "alice", "eko", "fajar"])
def test_readers_download(login, cast, akt, who, django_assert_max_num_queries):
    b = add_pdf(cast, akt, name='laporan "akhir" bulan.pdf')
    client = login(who)
    with django_assert_max_num_queries(8):
        r = client.get(reverse("execution:bukti-download", args=[b.pk]))
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == s.PDF
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"].startswith("attachment;")
    assert "laporan" in r["Content-Disposition"] and "/" not in r["Content-Disposition"]
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Security-Policy"].startswith("sandbox")
    assert "private" in r["Cache-Control"] and "no-store" in r["Cache-Control"]


def test_download_of_a_non_ascii_name(login, cast, akt):
    b = add_pdf(cast, akt, name="Laporan Ülasan.pdf")
    r = login("charlie").get(reverse("execution:bukti-download", args=[b.pk]))
    assert "filename*=utf-8''Laporan%20%C3%9Clasan.pdf" in r["Content-Disposition"]


@pytest.mark.parametrize(("who", "status"), [("dina", 403), ("gita", 404)])
def test_others_do_not_download(login, cast, akt, who, status):
    b = add_pdf(cast, akt)
    assert login(who).get(reverse("execution:bukti-download", args=[b.pk])).status_code == status


def test_download_of_a_link_or_a_lost_file_is_404(login, cast, akt):
    link = bukti_add_link(
        actor=cast.actor("charlie"), tautan="https://example.com", aktivitas_id=akt.pk
    )
    client = login("charlie")
    assert client.get(reverse("execution:bukti-download", args=[link.pk])).status_code == 404
    b = add_pdf(cast, akt)
    bukti_storage().delete(b.berkas.name)
    assert client.get(reverse("execution:bukti-download", args=[b.pk])).status_code == 404


# --- delete ---------------------------------------------------------------------------


def test_owner_deletes_plain_and_htmx(login, cast, akt, django_capture_on_commit_callbacks):
    b1, b2 = add_pdf(cast, akt), add_pdf(cast, akt, name="b.pdf")
    client = login("charlie")
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("execution:bukti-delete", args=[b1.pk]), {"next": upload_url(akt)})
    assert r.status_code == 302 and r["Location"] == upload_url(akt)
    r = client.post(reverse("execution:bukti-delete", args=[b2.pk]), **HX)
    assert r.status_code == 200 and r.content == b""
    assert not BuktiDukung.objects.exists()
    assert AuditEvent.objects.filter(action="bukti.delete").count() == 2


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 403), ("dina", 403), ("eko", 403), ("gita", 404)]
)
def test_others_do_not_delete(login, cast, akt, who, status):
    b = add_pdf(cast, akt)
    assert login(who).post(reverse("execution:bukti-delete", args=[b.pk])).status_code == status
    assert BuktiDukung.objects.filter(pk=b.pk).exists()


def test_delete_of_a_verified_activity_evidence_is_refused(login, cast, akt):
    b = add_pdf(cast, akt)
    akt.status = domain.DIVERIFIKASI
    akt.save()
    client = login("charlie")
    r = client.post(reverse("execution:bukti-delete", args=[b.pk]), **HX)
    assert r.status_code == 200 and "diverifikasi atau ditolak" in r.content.decode()
    r = client.post(reverse("execution:bukti-delete", args=[b.pk]))
    assert r.status_code == 302
    assert BuktiDukung.objects.filter(pk=b.pk).exists()


def test_delete_is_post_only(login, cast, akt):
    b = add_pdf(cast, akt)
    assert login("charlie").get(reverse("execution:bukti-delete", args=[b.pk])).status_code == 405


# --- the RHK evidence page ------------------------------------------------------------


def test_rhk_page_for_the_owner(login, cast, world, akt, django_assert_max_num_queries):
    rhk = world.rhk("charlie")
    ra = make_rencana_aksi(cast, "charlie", rhk, uraian="Menyusun draf SOP")
    actor = cast.actor("charlie")
    bukti_add_file(actor=actor, berkas=s.upload("realisasi.pdf", s.PDF), rhk_id=rhk.pk)
    bukti_add_file(actor=actor, berkas=s.upload("draf.docx", s.DOCX), rencana_aksi_id=ra.pk)
    add_pdf(cast, akt, name="notulen.pdf")
    client = login("charlie")
    with django_assert_max_num_queries(14):
        r = client.get(reverse("execution:bukti-rhk", args=[rhk.pk]))
    body = r.content.decode()
    assert r.status_code == 200
    for text in ("realisasi.pdf", "draf.docx", "notulen.pdf", "Menyusun draf SOP", 'name="berkas"'):
        assert text in body
    assert body.count("execution/bukti") == 0  # no raw storage paths
    assert body.count("btn-outline-danger") == 1  # only the RHK's own evidence is deleted here


def test_rhk_page_for_the_supervisor_has_no_form(login, cast, world):
    rhk = world.rhk("charlie")
    bukti_add_file(actor=cast.actor("charlie"), berkas=s.upload("r.pdf", s.PDF), rhk_id=rhk.pk)
    body = login("bob").get(reverse("execution:bukti-rhk", args=[rhk.pk])).content.decode()
    assert "r.pdf" in body and 'name="berkas"' not in body and "btn-outline-danger" not in body


def test_rhk_page_post_upload_with_htmx(login, cast, world):
    rhk = world.rhk("charlie")
    url = f"{reverse(UPLOAD)}?rhk={rhk.pk}"
    r = login("charlie").post(url, {"berkas": s.upload("r.png", s.PNG)}, **HX)
    assert r.status_code == 200 and "r.png" in r.content.decode()
    assert BuktiDukung.objects.get().rhk_id == rhk.pk


# --- settings -------------------------------------------------------------------------


def test_admin_settings_page(login, cast, django_assert_max_num_queries):
    client = login("eko")
    with django_assert_max_num_queries(10):
        r = client.get(reverse("execution:pengaturan"))
    assert r.status_code == 200 and 'value="5120"' in r.content.decode()
    r = client.post(
        reverse("execution:pengaturan"),
        {"maks_unggah_kb": "51200", "menit_kerja_harian": "480", "batas_teks_berulang": "6"},
    )
    assert r.status_code == 302
    row = PengaturanPelaksanaan.objects.get(instansi=cast.a)
    assert (row.maks_unggah_kb, row.menit_kerja_harian, row.batas_teks_berulang) == (51200, 480, 6)
    assert "50 MB" in client.get(reverse("execution:pengaturan")).content.decode()


def test_settings_out_of_bounds(login, cast):
    r = login("eko").post(
        reverse("execution:pengaturan"),
        {"maks_unggah_kb": "60000", "menit_kerja_harian": "10", "batas_teks_berulang": "x"},
    )
    assert r.status_code == 200 and r.content.decode().count("invalid-feedback") == 3
    assert not PengaturanPelaksanaan.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "fajar", "gita", "root"])
def test_settings_for_the_admin_only(login, who):
    client = login(who)
    assert client.get(reverse("execution:pengaturan")).status_code == 403
    data = {"maks_unggah_kb": "1000", "menit_kerja_harian": "480", "batas_teks_berulang": "6"}
    assert client.post(reverse("execution:pengaturan"), data).status_code == 403
    assert not PengaturanPelaksanaan.objects.exists()


def test_a_raised_limit_accepts_a_larger_file(login, cast, akt, settings):
    """A 6 MB file passes once the admin raises the limit: Django's own upload settings
    (FILE_UPLOAD_MAX_MEMORY_SIZE spools it to disk; DATA_UPLOAD_MAX_MEMORY_SIZE excludes
    files) do not stand in the way."""
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=8192)
    data = s.PDF + b"\x00" * (6 * 1024 * 1024)
    r = login("charlie").post(upload_url(akt), {"berkas": s.upload("besar.pdf", data)})
    assert r.status_code == 302
    assert BuktiDukung.objects.get().ukuran == len(data)


# --- the size check in the browser (issue 11 §7) ----------------------------------------


def _file_input(body: str, name: str = "berkas") -> str:
    start = body.index(f'name="{name}"')
    return body[body.rindex("<input", 0, start) : body.index(">", start) + 1]


def test_every_upload_form_carries_the_agencys_limit_for_the_browser(login, cast, world, akt):
    """The file inputs say the limit and the message, and the pages load the script
    that refuses a larger file before it is uploaded (e2e/test_execution_walk.py
    drives it in a browser)."""
    from django.contrib.staticfiles import finders

    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=100)
    client = login("charlie")
    pages = [
        upload_url(akt),
        reverse("execution:bukti-rhk", args=[world.rhk("charlie").pk]),
        reverse("execution:aktivitas-mine"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        field = _file_input(body)
        assert 'data-max-bytes="102400"' in field, url
        assert "melebihi batas 100 KB yang ditetapkan instansi" in field, url
        assert "{nama}" in field and "{ukuran}" in field and 'data-batal="' in field
        assert "/static/execution/ukuran-berkas.js" in body, url
    # The form swapped in by htmx after a save carries it too.
    r = client.post(
        reverse("execution:aktivitas-create"),
        {"tanggal": akt.tanggal.isoformat(), "uraian": "Rapat", "menit": "30"},
        **HX,
    )
    assert 'data-max-bytes="102400"' in _file_input(r.content.decode())
    assert finders.find("execution/ukuran-berkas.js")


def test_the_server_still_refuses_a_large_file_in_the_quick_entry(login, cast, akt, _bukti_storage):
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=100)
    big = s.PDF + b"\x00" * (300 * 1024)
    before = list(BuktiDukung.objects.values_list("pk", flat=True)), 1
    r = login("charlie").post(
        reverse("execution:aktivitas-create"),
        {
            "tanggal": akt.tanggal.isoformat(),
            "uraian": "Rapat dengan lampiran besar",
            "menit": "30",
            "berkas": s.upload("besar.pdf", big),
        },
        **HX,
    )
    assert r.status_code == 200 and "100 KB" in r.content.decode()
    assert (list(BuktiDukung.objects.values_list("pk", flat=True)), 1) == before
    assert not Aktivitas.objects.filter(uraian="Rapat dengan lampiran besar").exists()
    assert stored_files(_bukti_storage) == []
