"""Execution and coaching through the API (issue 4 item 7): the mobile app logs an
activity with a token and uploads evidence; every refusal of the issue's "Bad input"
comes back as a 400 naming the field, and changes nothing; supervisors verify and
reject; evidence downloads as an attachment; feedback threads and coaching notes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from ekinerja.core.clock import local_today
from ekinerja.core.models import AuditEvent, Notification
from ekinerja.execution import domain
from ekinerja.execution.models import (
    Aktivitas,
    BimbinganKinerja,
    BuktiDukung,
    PengaturanPelaksanaan,
    RencanaAksi,
    UmpanBalik,
)
from ekinerja.execution.tests.factories import (
    DAY,
    exec_world,
    make_aktivitas,
    make_bimbingan,
    make_rencana_aksi,
    make_umpan_balik,
)

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def world(cast, api):
    """The approved 2026 cascade; every client's token made up front, so that a refused
    call is compared with a state that already has the tokens."""
    w = exec_world(cast)
    for who in ("alice", "bob", "charlie", "dina", "eko", "fajar", "gita"):
        api(who)
    return w


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json() if response.content else None


def _pdf(name: str = "notulen.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _state() -> tuple:
    return (
        list(Aktivitas.objects.order_by("pk").values_list("pk", "status", "uraian", "menit")),
        list(BuktiDukung.objects.order_by("pk").values_list("pk", "berkas", "tautan")),
        RencanaAksi.objects.count(),
        UmpanBalik.objects.count(),
        BimbinganKinerja.objects.count(),
        AuditEvent.objects.count(),
    )


def _stored_files() -> list[str]:
    storage = BuktiDukung._meta.get_field("berkas").storage  # the private "bukti" storage
    found: list[str] = []

    def walk(path: str) -> None:
        dirs, files = storage.listdir(path)
        found.extend(f"{path}/{f}" for f in files)
        for d in dirs:
            walk(f"{path}/{d}" if path else d)

    if storage.exists(""):
        walk("")
    return found


def refused(client, method: str, url: str, data=None, *, status: int = 400, **kw) -> dict:
    before, files = _state(), _stored_files()
    response = getattr(client, method)(url, data, **kw)
    assert response.status_code == status, response.content
    assert _state() == before, "a refused call changed something"
    assert _stored_files() == files, "a refused call stored a file"
    body = response.json()
    assert body["detail"], body
    return body


def _activity(world, **extra) -> dict:
    return {
        "tanggal": DAY.isoformat(),
        "jam_mulai": "08:00",
        "jam_selesai": "09:30",
        "uraian": "Mengagendakan 25 surat masuk",
        "rhk": world.rhk("charlie").pk,
        "output_jumlah": "25",
        "output_satuan": "surat",
        **extra,
    }


# --- logging an activity ---------------------------------------------------------------------


def test_phone_logs_an_activity_with_its_token(cast, world, api):
    body = _ok(api("charlie").post(f"{V1}/aktivitas/", _activity(world)), 201)
    assert body["sumber"] == "api" and body["status"] == domain.DIAJUKAN
    assert body["menit"] == 90 and body["output_jumlah"] == "25"
    assert body["pegawai"]["id"] == cast.charlie.pk and body["bukti"] == []
    row = Aktivitas.objects.get(pk=body["id"])
    assert (row.sumber, row.pegawai_id, row.rhk_id) == ("api", cast.charlie.pk, body["rhk"])
    assert AuditEvent.objects.filter(action="aktivitas.create", object_id=str(row.pk)).exists()
    # Minutes alone, without times.
    body = _ok(
        api("charlie").post(
            f"{V1}/aktivitas/",
            _activity(world, jam_mulai=None, jam_selesai=None, menit=45, uraian="Rapat"),
        ),
        201,
    )
    assert body["menit"] == 45 and body["jam_mulai"] is None


def test_activity_with_a_pdf_in_one_multipart_request(cast, world, api):
    data = {**_activity(world), "berkas": _pdf()}
    body = _ok(api("charlie").post(f"{V1}/aktivitas/", data, format="multipart"), 201)
    assert body["sumber"] == "api"
    [bukti] = body["bukti"]
    assert bukti["jenis"] == "berkas" and bukti["nama_berkas"] == "notulen.pdf"
    assert bukti["ukuran"] == len(PDF) and bukti["unduh"] == f"{V1}/bukti/{bukti['id']}/unduh/"
    row = BuktiDukung.objects.get(pk=bukti["id"])
    assert row.berkas.name is not None
    assert row.aktivitas_id == body["id"] and "notulen" not in row.berkas.name
    # Or a link, in the same call.
    body = _ok(
        api("charlie").post(
            f"{V1}/aktivitas/",
            _activity(world, jam_mulai="10:00", jam_selesai="11:00", tautan="https://x.go.id/a"),
        ),
        201,
    )
    assert [(b["jenis"], b["tautan"], b["unduh"]) for b in body["bukti"]] == [
        ("tautan", "https://x.go.id/a", None)
    ]


def test_bad_activities_are_refused_with_field_errors(cast, world, api):
    charlie = api("charlie")
    url = f"{V1}/aktivitas/"
    tomorrow = local_today(cast.actor("charlie")) + dt.timedelta(days=1)
    body = refused(charlie, "post", url, _activity(world, tanggal=tomorrow.isoformat()))
    assert "akan datang" in body["tanggal"][0]
    body = refused(charlie, "post", url, _activity(world, jam_mulai="10:00", jam_selesai="09:00"))
    assert "setelah jam mulai" in body["jam_selesai"][0]
    body = refused(
        charlie, "post", url, _activity(world, jam_mulai=None, jam_selesai=None, menit=1441)
    )
    assert "1.440" in body["menit"][0]
    body = refused(charlie, "post", url, _activity(world, rhk=world.rhk("dina").pk))
    assert body["rhk"] and body["detail"]
    # Types are the serializer's: a date that is not a date, never a 500.
    body = refused(charlie, "post", url, _activity(world, tanggal="10/03/2026"))
    assert "tanggal" in body


def test_bad_files_refuse_the_whole_activity(cast, world, api):
    charlie = api("charlie")
    url = f"{V1}/aktivitas/"

    def post(berkas):
        return refused(
            charlie, "post", url, {**_activity(world), "berkas": berkas}, format="multipart"
        )

    # A text file calling itself a PDF.
    assert post(_pdf(content=b"just some text, not a pdf"))["berkas"]
    # Over the limit the admin set.
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=1)
    assert post(_pdf(content=PDF + b"%" * 2048))["berkas"]


def test_path_like_file_names_are_refused(cast, world, api):
    """Django's multipart parser already keeps only the last part of a name split on
    / and \\; what is left that still looks like a path is the service's refusal
    (files.clean_name). Nothing is stored either way under the name sent."""
    charlie = api("charlie")
    a = make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))
    url = f"{V1}/aktivitas/{a.pk}/bukti/"
    for name in ("C:notulen.pdf", "..notulen.pdf"):
        body = refused(charlie, "post", url, {"berkas": _pdf(name=name)}, format="multipart")
        assert "jalur folder" in body["berkas"][0], body
    body = refused(
        charlie,
        "post",
        f"{V1}/aktivitas/",
        {**_activity(world), "berkas": _pdf(name="C:notulen.pdf")},
        format="multipart",
    )
    assert "jalur folder" in body["berkas"][0]
    body = _ok(
        charlie.post(url, {"berkas": _pdf(name="../../etc/notulen.pdf")}, format="multipart"),
        201,
    )
    assert body["nama_berkas"] == "notulen.pdf"
    row = BuktiDukung.objects.get(pk=body["id"])
    assert row.berkas.name is not None
    assert row.berkas.name.startswith(f"bukti/{cast.a.pk}/") and "etc" not in row.berkas.name


def test_owner_edits_and_deletes_until_verified(cast, world, api):
    charlie = api("charlie")
    a = make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))
    body = _ok(charlie.patch(f"{V1}/aktivitas/{a.pk}/", {"uraian": "Mengagendakan surat"}))
    assert body["uraian"] == "Mengagendakan surat" and body["menit"] == 90
    assert body["jam_mulai"] == "08:00:00"  # a PATCH keeps what it does not send
    body = _ok(charlie.patch(f"{V1}/aktivitas/{a.pk}/", {"menit": 30}))
    assert (body["menit"], body["jam_mulai"]) == (30, None)
    body = refused(charlie, "patch", f"{V1}/aktivitas/{a.pk}/", {"menit": 2000})
    assert "menit" in body

    for status_ in (domain.DIVERIFIKASI, domain.DITOLAK):
        done = make_aktivitas(cast, "charlie", status=status_, jam=("13:00", "14:00"))
        url = f"{V1}/aktivitas/{done.pk}/"
        refused(charlie, "patch", url, {"uraian": "Diubah diam-diam"}, status=403)
        refused(charlie, "delete", url, status=403)
    # Only the owner writes; a reader of the log gets 403, another agency 404.
    refused(api("bob"), "patch", f"{V1}/aktivitas/{a.pk}/", {"uraian": "x"}, status=403)
    refused(api("gita"), "patch", f"{V1}/aktivitas/{a.pk}/", {"uraian": "x"}, status=404)
    refused(api("gita"), "delete", f"{V1}/aktivitas/{a.pk}/", status=404)

    _ok(charlie.delete(f"{V1}/aktivitas/{a.pk}/"), 204)
    assert not Aktivitas.objects.filter(pk=a.pk).exists()


def test_reading_an_activity(cast, world, api):
    a = make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))
    url = f"{V1}/aktivitas/{a.pk}/"
    for who in ("charlie", "bob", "alice", "eko", "fajar"):
        assert _ok(api(who).get(url))["id"] == a.pk
    assert api("dina").get(url).status_code == 403
    response = api("gita").get(url)
    assert response.status_code == 404 and response.json() == {
        "detail": "Aktivitas tidak ditemukan."
    }
    assert api("anonymous").get(url).status_code == 401


def test_own_list_is_filtered_and_paginated(cast, world, api):
    rhk = world.rhk("charlie")
    for i in range(3):
        make_aktivitas(cast, "charlie", rhk=rhk, tanggal=DAY - dt.timedelta(days=i))
    make_aktivitas(cast, "charlie", tanggal=DAY, status=domain.DIVERIFIKASI, jam=("13:00", "14:00"))
    make_aktivitas(cast, "dina", tanggal=DAY)
    charlie = api("charlie")

    def dates(**params):
        rows = _ok(charlie.get(f"{V1}/aktivitas/", params))["results"]
        return [r["tanggal"] for r in rows]

    assert len(dates()) == 4  # dina's are not charlie's
    assert dates(dari=DAY.isoformat(), sampai=DAY.isoformat()) == [DAY.isoformat()] * 2
    assert dates(status="diverifikasi") == [DAY.isoformat()]
    assert dates(sampai=(DAY - dt.timedelta(days=1)).isoformat()) == [
        (DAY - dt.timedelta(days=1)).isoformat(),
        (DAY - dt.timedelta(days=2)).isoformat(),
    ]
    bad = charlie.get(f"{V1}/aktivitas/", {"status": "selesai", "dari": "x"})
    assert bad.status_code == 400 and set(bad.json()) == {"detail", "status", "dari"}
    page = _ok(charlie.get(f"{V1}/aktivitas/", {"page_size": 1}))
    assert page["count"] == 4 and len(page["results"]) == 1 and page["next"]
    assert _ok(api("gita").get(f"{V1}/aktivitas/"))["count"] == 0


def test_copy_a_day(cast, world, api):
    rhk = world.rhk("charlie")
    make_aktivitas(cast, "charlie", rhk=rhk, tanggal=DAY, uraian="Rapat pagi")
    make_aktivitas(cast, "charlie", rhk=rhk, tanggal=DAY, jam=("10:00", "11:00"), uraian="Surat")
    ke = DAY + dt.timedelta(days=1)
    body = _ok(
        api("charlie").post(
            f"{V1}/aktivitas/salin/", {"dari": DAY.isoformat(), "ke": ke.isoformat()}
        ),
        201,
    )
    assert sorted(a["uraian"] for a in body["aktivitas"]) == ["Rapat pagi", "Surat"]
    assert {a["tanggal"] for a in body["aktivitas"]} == {ke.isoformat()}
    assert Aktivitas.objects.filter(pegawai=cast.charlie, tanggal=ke).count() == 2
    refused(api("charlie"), "post", f"{V1}/aktivitas/salin/", {"dari": "kemarin"})


# --- bukti dukung ----------------------------------------------------------------------------


def test_evidence_upload_read_download_delete(cast, world, api):
    charlie = api("charlie")
    a = make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))
    url = f"{V1}/aktivitas/{a.pk}/bukti/"
    body = _ok(
        charlie.post(url, {"berkas": _pdf(), "keterangan": "Notulen"}, format="multipart"), 201
    )
    assert body["aktivitas"] == a.pk and body["keterangan"] == "Notulen"
    pk = body["id"]
    link = _ok(charlie.post(url, {"tautan": "https://drive.example.go.id/x"}), 201)
    assert link["jenis"] == "tautan" and link["unduh"] is None
    assert [b["id"] for b in _ok(charlie.get(f"{V1}/aktivitas/{a.pk}/"))["bukti"]] == [
        pk,
        link["id"],
    ]
    assert refused(charlie, "post", url, {})["berkas"]  # neither a file nor a link
    refused(api("bob"), "post", url, {"berkas": _pdf()}, format="multipart", status=403)
    refused(api("gita"), "post", url, {"berkas": _pdf()}, format="multipart", status=404)

    for who in ("charlie", "bob", "alice", "eko", "fajar"):
        assert _ok(api(who).get(f"{V1}/bukti/{pk}/"))["nama_berkas"] == "notulen.pdf"
        response = api(who).get(f"{V1}/bukti/{pk}/unduh/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="notulen.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF
    # A client that asks for the file's type gets it; errors stay JSON.
    response = api("charlie").get(f"{V1}/bukti/{pk}/unduh/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    response = api("dina").get(f"{V1}/bukti/{pk}/unduh/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 403 and response.json()["detail"]
    assert api("gita").get(f"{V1}/bukti/{pk}/unduh/").status_code == 404
    assert api("gita").get(f"{V1}/bukti/{pk}/").status_code == 404
    assert api("anonymous").get(f"{V1}/bukti/{pk}/unduh/").status_code == 401
    # A link has nothing to download.
    assert api("charlie").get(f"{V1}/bukti/{link['id']}/unduh/").status_code == 404

    refused(api("bob"), "delete", f"{V1}/bukti/{pk}/", status=403)
    refused(api("gita"), "delete", f"{V1}/bukti/{pk}/", status=404)
    _ok(charlie.delete(f"{V1}/bukti/{pk}/"), 204)
    assert not BuktiDukung.objects.filter(pk=pk).exists()


def test_evidence_refusals(cast, world, api):
    charlie = api("charlie")
    a = make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))
    url = f"{V1}/aktivitas/{a.pk}/bukti/"
    fake = SimpleUploadedFile("foto.png", b"GIF89a not a png", content_type="image/png")
    assert refused(charlie, "post", url, {"berkas": fake}, format="multipart")["berkas"]
    exe = SimpleUploadedFile("laporan.exe", b"MZ\x90\x00", content_type="application/pdf")
    assert refused(charlie, "post", url, {"berkas": exe}, format="multipart")["berkas"]
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=1)
    big = _pdf(content=PDF + b"%" * 2048)
    assert refused(charlie, "post", url, {"berkas": big}, format="multipart")["berkas"]
    assert refused(charlie, "post", url, {"tautan": "javascript:alert(1)"})["tautan"]

    # Far over the limit: the upload stops being read at the limit (as on the page).
    def huge() -> SimpleUploadedFile:
        return _pdf(content=PDF + b"%" * 300_000)

    body = refused(charlie, "post", url, {"berkas": huge()}, format="multipart")
    assert "melebihi batas" in body["berkas"][0]
    body = refused(
        charlie,
        "post",
        f"{V1}/aktivitas/",
        {**_activity(world), "berkas": huge()},
        format="multipart",
    )
    assert "melebihi batas" in body["berkas"][0]
    # A verified activity takes no more evidence.
    done = make_aktivitas(cast, "charlie", status=domain.DIVERIFIKASI, jam=("13:00", "14:00"))
    refused(
        charlie,
        "post",
        f"{V1}/aktivitas/{done.pk}/bukti/",
        {"tautan": "https://x.go.id/b"},
        status=403,
    )


# --- rencana aksi ------------------------------------------------------------------------------


def test_rencana_aksi_through_the_api(cast, world, api):
    charlie, bob = api("charlie"), api("bob")
    rhk = world.rhk("charlie")
    url = f"{V1}/rhk/{rhk.pk}/rencana-aksi/"
    body = _ok(
        charlie.post(
            url,
            {
                "periode_ke": 3,
                "uraian": "Menata arsip",
                "target_jumlah": "120",
                "target_satuan": "berkas",
            },
        ),
        201,
    )
    assert body["rhk"] == rhk.pk and body["periode_label"] == "Maret 2026"
    assert body["target_jumlah"] == "120"
    pk = body["id"]
    assert [r["id"] for r in _ok(bob.get(url))["results"]] == [pk]
    body = _ok(charlie.patch(f"{V1}/rencana-aksi/{pk}/", {"uraian": "Menata arsip aktif"}))
    assert body["uraian"] == "Menata arsip aktif" and body["target_satuan"] == "berkas"
    assert refused(charlie, "patch", f"{V1}/rencana-aksi/{pk}/", {"periode_ke": 13})["periode_ke"]
    body = _ok(bob.post(f"{V1}/rencana-aksi/{pk}/komentar/", {"catatan": "Tambah target."}))
    assert body["catatan_penilai"] == "Tambah target." and body["catatan_oleh"] == cast.bob.pk
    refused(api("dina"), "post", f"{V1}/rencana-aksi/{pk}/komentar/", {"catatan": "x"}, status=403)
    refused(api("gita"), "get", f"{V1}/rencana-aksi/{pk}/", status=404)
    refused(api("gita"), "get", url, status=404)
    refused(api("dina"), "post", url, {"periode_ke": 3, "uraian": "x"}, status=403)
    _ok(charlie.delete(f"{V1}/rencana-aksi/{pk}/"), 204)
    assert not RencanaAksi.objects.filter(pk=pk).exists()


# --- verification ------------------------------------------------------------------------------


def test_supervisor_verifies_and_rejects(cast, world, api, django_capture_on_commit_callbacks):
    rhk = world.rhk("charlie")
    a1 = make_aktivitas(cast, "charlie", rhk=rhk)
    a2 = make_aktivitas(cast, "charlie", rhk=rhk, jam=("10:00", "11:00"))
    a3 = make_aktivitas(cast, "dina", rhk=world.rhk("dina"))
    bob = api("bob")
    march = {"dari": "2026-03-01", "sampai": "2026-03-31"}
    queue = _ok(bob.get(f"{V1}/verifikasi/", march))
    assert {r["id"] for r in queue["results"]} == {a1.pk, a2.pk, a3.pk}
    assert queue["results"][0]["pegawai"]["nama"]
    only = _ok(bob.get(f"{V1}/verifikasi/", {**march, "pegawai": cast.dina.pk}))
    assert [r["id"] for r in only["results"]] == [a3.pk]
    assert _ok(bob.get(f"{V1}/verifikasi/", {**march, "ditandai": "true"}))["count"] == 0
    assert _ok(bob.get(f"{V1}/verifikasi/"))["count"] == 0  # default: last month and this
    assert _ok(api("charlie").get(f"{V1}/verifikasi/", march))["count"] == 0

    # Not his subordinate: alice is two levels up, dina is a colleague.
    refused(api("alice"), "post", f"{V1}/verifikasi/verify/", {"ids": [a1.pk]}, status=403)
    refused(api("dina"), "post", f"{V1}/verifikasi/verify/", {"ids": [a1.pk]}, status=403)
    refused(api("gita"), "post", f"{V1}/verifikasi/verify/", {"ids": [a1.pk]}, status=404)
    refused(bob, "post", f"{V1}/verifikasi/reject/", {"ids": [a2.pk], "alasan": ""})

    assert _ok(bob.post(f"{V1}/verifikasi/verify/", {"ids": [a1.pk, a3.pk]})) == {"jumlah": 2}
    with django_capture_on_commit_callbacks(execute=True):
        body = _ok(
            bob.post(f"{V1}/verifikasi/reject/", {"ids": [a2.pk], "alasan": "Jam bertumpuk."})
        )
    assert body == {"jumlah": 1}
    assert Notification.objects.filter(
        recipient=cast.charlie.user, kind="aktivitas.rejected"
    ).exists()
    seen = _ok(api("charlie").get(f"{V1}/aktivitas/{a2.pk}/"))
    assert (seen["status"], seen["alasan_tolak"]) == ("ditolak", "Jam bertumpuk.")
    assert _ok(api("charlie").get(f"{V1}/aktivitas/{a1.pk}/"))["status"] == "diverifikasi"
    # A decided activity stays decided, and its owner cannot edit it.
    refused(bob, "post", f"{V1}/verifikasi/verify/", {"ids": [a2.pk]})
    refused(api("charlie"), "patch", f"{V1}/aktivitas/{a1.pk}/", {"uraian": "x"}, status=403)


def test_monthly_summary(cast, world, api):
    rhk = world.rhk("charlie")
    make_aktivitas(cast, "charlie", rhk=rhk)
    make_aktivitas(cast, "charlie", rhk=rhk, jam=("10:00", "11:00"), status=domain.DIVERIFIKASI)
    make_aktivitas(cast, "dina", rhk=world.rhk("dina"), status=domain.DITOLAK)
    body = _ok(api("bob").get(f"{V1}/ringkasan/", {"bulan": "2026-03"}))
    assert (body["bulan"], body["dari"], body["sampai"]) == ("2026-03", "2026-03-01", "2026-03-31")
    # bob heads Bidang Satu: the unit (him, charlie, dina) by default, as on the page.
    rows = {r["pegawai"]["id"]: r for r in body["results"]}
    assert set(rows) == {cast.bob.pk, cast.charlie.pk, cast.dina.pk} and body["count"] == 3
    assert rows[cast.bob.pk]["total"] == {"jumlah": 0, "menit": 0}
    charlie = rows[cast.charlie.pk]
    assert charlie["diajukan"] == {"jumlah": 1, "menit": 90}
    assert charlie["diverifikasi"] == {"jumlah": 1, "menit": 60}
    assert charlie["total"] == {"jumlah": 2, "menit": 150}
    assert rows[cast.dina.pk]["ditolak"]["jumlah"] == 1
    only = _ok(api("bob").get(f"{V1}/ringkasan/", {"bulan": "2026-03", "unit": "bawahan"}))
    assert {r["pegawai"]["id"] for r in only["results"]} == {cast.charlie.pk, cast.dina.pk}
    # Staff without a team: their own month. Another unit than one's own: 403.
    own = _ok(api("charlie").get(f"{V1}/ringkasan/", {"bulan": "2026-03"}))
    assert [r["pegawai"]["id"] for r in own["results"]] == [cast.charlie.pk]
    assert own["results"][0]["total"] == {"jumlah": 2, "menit": 150}
    other = api("bob").get(f"{V1}/ringkasan/", {"unit": cast.bkpsdm.pk})
    assert other.status_code == 403
    assert api("eko").get(f"{V1}/ringkasan/", {"unit": cast.bkpsdm.pk}).status_code == 200
    bad = api("bob").get(f"{V1}/ringkasan/", {"bulan": "2026-13"})
    assert bad.status_code == 400 and "bulan" in bad.json()


# --- umpan balik and bimbingan -----------------------------------------------------------------


def test_feedback_thread(cast, world, api, django_capture_on_commit_callbacks):
    bob, charlie = api("bob"), api("charlie")
    rhk = world.rhk("charlie")
    with django_capture_on_commit_callbacks(execute=True):
        thread = _ok(
            bob.post(
                f"{V1}/umpan-balik/",
                {"pegawai": cast.charlie.pk, "topik": "rhk", "rhk": rhk.pk, "teks": "Bagus."},
            ),
            201,
        )
    assert thread["pegawai"]["id"] == cast.charlie.pk and thread["penulis"]["id"] == cast.bob.pk
    assert thread["balasan"] == [] and thread["topik_label"] == "RHK"
    assert Notification.objects.filter(
        recipient=cast.charlie.user, kind="umpan_balik.received"
    ).exists()
    pk = thread["id"]

    def threads(client, **params):
        return [t["id"] for t in _ok(client.get(f"{V1}/umpan-balik/", params))["results"]]

    assert threads(charlie) == [pk] and threads(charlie, arah="diterima") == [pk]
    assert threads(charlie, arah="diberikan") == [] and threads(bob, arah="diberikan") == [pk]
    assert threads(api("eko"), pegawai=cast.charlie.pk) == [pk]
    assert api("dina").get(f"{V1}/umpan-balik/", {"pegawai": cast.charlie.pk}).status_code == 403
    assert api("gita").get(f"{V1}/umpan-balik/", {"pegawai": cast.charlie.pk}).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        body = _ok(charlie.post(f"{V1}/umpan-balik/{pk}/balas/", {"teks": "Terima kasih."}), 201)
    assert [(r["penulis"]["id"], r["teks"]) for r in body["balasan"]] == [
        (cast.charlie.pk, "Terima kasih.")
    ]
    assert Notification.objects.filter(
        recipient=cast.bob.user, kind="umpan_balik.received"
    ).exists()
    assert _ok(bob.get(f"{V1}/umpan-balik/{pk}/"))["balasan"][0]["teks"] == "Terima kasih."
    assert api("dina").get(f"{V1}/umpan-balik/{pk}/").status_code == 403
    assert api("gita").get(f"{V1}/umpan-balik/{pk}/").status_code == 404
    refused(api("dina"), "post", f"{V1}/umpan-balik/{pk}/balas/", {"teks": "x"}, status=403)
    refused(charlie, "post", f"{V1}/umpan-balik/{pk}/balas/", {"teks": "  "})
    # Only a supervisor opens a thread, for a direct subordinate.
    refused(
        charlie,
        "post",
        f"{V1}/umpan-balik/",
        {"pegawai": cast.dina.pk, "topik": "umum", "teks": "x"},
        status=403,
    )


def test_coaching_notes(cast, world, api):
    bob = api("bob")
    body = _ok(
        bob.post(
            f"{V1}/bimbingan/",
            {
                "pegawai": cast.charlie.pk,
                "tanggal": DAY.isoformat(),
                "topik": "Ketepatan waktu",
                "catatan": "Agenda surat tertunda.",
            },
        ),
        201,
    )
    pk = body["id"]
    assert body["pembimbing"]["id"] == cast.bob.pk and body["tindak_lanjut"] == ""

    def notes(client, **params):
        return [b["id"] for b in _ok(client.get(f"{V1}/bimbingan/", params))["results"]]

    assert notes(api("charlie")) == [pk] and notes(bob) == [] and notes(bob, arah="ditulis") == [pk]
    assert notes(api("fajar"), pegawai=cast.charlie.pk) == [pk]
    body = _ok(bob.patch(f"{V1}/bimbingan/{pk}/", {"tindak_lanjut": "Agenda hari itu juga."}))
    assert body["tindak_lanjut"] == "Agenda hari itu juga." and body["topik"] == "Ketepatan waktu"
    refused(api("charlie"), "patch", f"{V1}/bimbingan/{pk}/", {"topik": "x"}, status=403)
    refused(api("gita"), "get", f"{V1}/bimbingan/{pk}/", status=404)
    assert api("dina").get(f"{V1}/bimbingan/{pk}/").status_code == 403
    _ok(bob.delete(f"{V1}/bimbingan/{pk}/"), 204)
    assert not BimbinganKinerja.objects.filter(pk=pk).exists()


# --- query counts ---------------------------------------------------------------------------------


def test_lists_do_not_grow_with_rows(cast, world, api, django_assert_max_num_queries):
    rhk = world.rhk("charlie")
    charlie, bob = api("charlie"), api("bob")
    urls = {
        "own": (charlie, f"{V1}/aktivitas/"),
        "queue": (bob, f"{V1}/verifikasi/?dari=2026-01-01&sampai=2026-12-31"),
        "summary": (bob, f"{V1}/ringkasan/?bulan=2026-03"),
        "threads": (charlie, f"{V1}/umpan-balik/"),
        "coaching": (charlie, f"{V1}/bimbingan/"),
        "plans": (charlie, f"{V1}/rhk/{rhk.pk}/rencana-aksi/"),
    }

    def add(n: int) -> None:
        for i in range(n):
            a = make_aktivitas(cast, "charlie", rhk=rhk, tanggal=DAY - dt.timedelta(days=i))
            BuktiDukung.objects.create(
                instansi=cast.a, pegawai=cast.charlie, aktivitas=a, jenis="tautan",
                tautan="https://x.go.id",
            )  # fmt: skip
            make_aktivitas(cast, "dina", tanggal=DAY - dt.timedelta(days=i))
            t = make_umpan_balik(cast, to="charlie", by="bob", rhk=rhk)
            UmpanBalik.objects.create(
                instansi=cast.a, pegawai=cast.charlie, penulis=cast.charlie, induk=t, teks="Ok"
            )
            make_bimbingan(cast, to="charlie", by="bob")
            make_rencana_aksi(cast, "charlie", rhk, ke=1 + i % 12)

    add(1)
    for client, url in urls.values():
        _ok(client.get(url))  # the tokens' last-use stamps are written once
    counts = {}
    for key, (client, url) in urls.items():
        with django_assert_max_num_queries(12) as ctx:
            _ok(client.get(url))
        counts[key] = len(ctx.captured_queries)
    add(8)
    for key, (client, url) in urls.items():
        with django_assert_max_num_queries(counts[key]):
            _ok(client.get(url))
    a = Aktivitas.objects.filter(pegawai=cast.charlie).first()
    assert a is not None
    with django_assert_max_num_queries(10):
        _ok(charlie.get(f"{V1}/aktivitas/{a.pk}/"))
    thread = UmpanBalik.objects.filter(induk__isnull=True).first()
    assert thread is not None
    with django_assert_max_num_queries(10):
        _ok(charlie.get(f"{V1}/umpan-balik/{thread.pk}/"))


def test_browser_session_upload_with_csrf(cast, world):
    """The Swagger UI's "Try it out" over the session: CSRF is checked (which reads the
    body before the view), and the upload still goes through the service's checks."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.user("charlie"))
    a = make_aktivitas(cast, "charlie", rhk=world.rhk("charlie"))
    url = f"{V1}/aktivitas/{a.pk}/bukti/"
    assert client.post(url, {"berkas": _pdf()}, format="multipart").status_code == 403
    token = "a" * 32
    client.cookies["csrftoken"] = token
    response = client.post(url, {"berkas": _pdf()}, format="multipart", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
    PengaturanPelaksanaan.objects.create(instansi=cast.a, maks_unggah_kb=1)
    big = _pdf(content=PDF + b"%" * 4096)
    response = client.post(url, {"berkas": big}, format="multipart", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400 and response.json()["berkas"]
