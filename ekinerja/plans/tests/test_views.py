"""The SKP pages over HTTP: what each role sees, full pages and HTMX partials, every
form's bad input shown in Indonesian with nothing written, the permission refusals of
issue 3 (someone else's SKP, one's own approval, another instansi), and query counts
that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ekinerja.core.models import AuditEvent
from ekinerja.org.models import Pegawai
from ekinerja.plans import domain
from ekinerja.plans.models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi, PeriodeKinerja
from ekinerja.plans.services import workflow

from .factories import approved_cascade, make_periode, make_skp

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _text(response) -> str:
    return response.content.decode()


def _state() -> tuple:
    """Everything a refused request must leave as it was."""
    return (
        list(
            SKP.objects.order_by("pk").values_list("pk", "status", "versi", "alasan_dikembalikan")
        ),
        list(RHK.objects.order_by("pk").values_list("pk", "teks", "intervensi_id", "jenis")),
        list(IKI.objects.order_by("pk").values_list("pk", "indikator", "target_nilai", "satuan")),
        list(PerilakuEkspektasi.objects.order_by("pk").values_list("pk", "ekspektasi")),
        list(Lampiran.objects.order_by("pk").values_list("pk", "konsekuensi")),
        list(PeriodeKinerja.objects.order_by("pk").values_list("pk", "tahun", "periodik")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def cascade(cast):
    """Approved SKP for alice → bob → dina; charlie's stays a draft with one RHK (on bob's
    first RHK) and one IKI (12 dokumen)."""
    return approved_cascade(cast, leave_draft=("charlie",))


@pytest.fixture
def submitted(cast, cascade):
    return workflow.skp_submit(actor=cast.actor("charlie"), skp_id=cascade.charlie.pk)


def _detail(skp) -> str:
    return reverse("plans:skp-detail", args=[skp.pk])


# --- SKP saya and creating one ----------------------------------------------------------


def test_skp_mine_lists_own_skp_with_status_and_reason(cast, login, submitted):
    workflow.skp_return(
        actor=cast.actor("bob"), skp_id=submitted.pk, alasan="Target terlalu rendah"
    )
    body = _text(login("charlie").get(reverse("plans:skp-mine")))
    assert "Tahun 2026" in body and "Pengadministrasi Umum" in body
    assert "Dikembalikan" in body and "Target terlalu rendah" in body
    assert "versi 1" in body and _detail(submitted) in body
    assert "Dina" not in body  # only one's own


def test_skp_mine_points_the_penilai_to_the_queue(cast, login, submitted):
    body = _text(login("bob").get(reverse("plans:skp-mine")))
    assert "1 SKP bawahan menunggu persetujuan Anda" in body
    assert reverse("plans:skp-queue") in body


def test_skp_mine_without_skp_and_refused_to_root(cast, login):
    body = _text(login("eko").get(reverse("plans:skp-mine")))
    assert "Anda belum mempunyai SKP" in body and reverse("plans:skp-create") in body
    assert login("root").get(reverse("plans:skp-mine")).status_code == 403


def test_create_page_shows_who_will_assess(cast, login):
    make_periode(cast)
    body = _text(login("charlie").get(reverse("plans:skp-create")))
    assert "Bob Santoso" in body and "Kepala Bidang Satu" in body  # pejabat penilai
    assert "Alice Wulandari" in body  # atasan pejabat penilai
    assert 'value="kuantitatif"' in body and 'value="kualitatif"' in body


def test_create_makes_a_draft_for_the_whole_year(cast, login):
    periode = make_periode(cast)
    r = login("charlie").post(
        reverse("plans:skp-create"), {"periode": periode.pk, "pendekatan": "kualitatif"}
    )
    skp = SKP.objects.get(pegawai=cast.charlie)
    assert r.status_code == 302 and r["Location"] == _detail(skp)
    assert (skp.tanggal_mulai, skp.tanggal_selesai) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert skp.pendekatan == "kualitatif" and skp.penilai_id == cast.bob.pk


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"tanggal_mulai": "2025-12-01"}, "Tanggal mulai harus dalam tahun 2026"),
        (
            {"tanggal_mulai": "2026-07-01", "tanggal_selesai": "2026-03-01"},
            "Tanggal selesai tidak boleh sebelum tanggal mulai",
        ),
        ({"tanggal_mulai": "kemarin"}, "tanggal"),
        ({"pendekatan": "campuran"}, "pendekatan"),
        ({"periode": "999999"}, "Periode"),
    ],
)
def test_create_bad_input_is_shown_and_nothing_written(cast, login, data, says):
    periode = make_periode(cast)
    before = _state()
    r = login("charlie").post(
        reverse("plans:skp-create"), {"periode": periode.pk, "pendekatan": "kuantitatif", **data}
    )
    assert r.status_code == 200
    assert says.lower() in _text(r).lower() and "is-invalid" in _text(r)
    assert _state() == before


def test_create_refuses_an_overlapping_skp(cast, login, cascade):
    before = _state()
    r = login("dina").post(
        reverse("plans:skp-create"), {"periode": cascade.periode.pk, "pendekatan": "kuantitatif"}
    )
    assert r.status_code == 200 and "sudah mempunyai SKP" in _text(r)
    assert _state() == before


def test_create_outside_the_planning_window(cast, login):
    today = timezone.localdate()
    periode = make_periode(cast, today.year)
    PeriodeKinerja.objects.filter(pk=periode.pk).update(
        perencanaan_mulai=today - dt.timedelta(days=30),
        perencanaan_selesai=today - dt.timedelta(days=1),
    )
    before = _state()
    r = login("charlie").post(
        reverse("plans:skp-create"), {"periode": periode.pk, "pendekatan": "kuantitatif"}
    )
    assert "sudah ditutup" in _text(r) and "Hubungi Admin Instansi" in _text(r)
    assert _state() == before
    # The admin may still create, late hires and corrections included.
    r = login("eko").post(
        reverse("plans:skp-create"), {"periode": periode.pk, "pendekatan": "kuantitatif"}
    )
    assert r.status_code == 302 and SKP.objects.filter(pegawai=cast.eko).exists()


# --- the SKP page -----------------------------------------------------------------------


def test_detail_shows_header_rhk_iki_and_berakhlak(cast, login, cascade):
    r = login("charlie").get(_detail(cascade.charlie))
    body = _text(r)
    assert r.status_code == 200 and "<html" in body
    # Header (rules §8): pegawai, penilai, atasan penilai with NIP, pangkat, jabatan.
    assert "Charlie Nugroho" in body and "19900520 201503 1 003" in body
    assert "Bob Santoso" in body and "19800315 200501 1 002" in body
    assert "Alice Wulandari" in body and "Kepala Dinas Alfa" in body
    assert "1 Januari 2026 – 31 Desember 2026" in body and "Kuantitatif" in body
    # RHK with the intervened supervisor RHK and its IKI.
    assert "Surat masuk teragenda" in body and "Layanan Bidang Satu tepat waktu" in body
    assert "Kuantitas" in body and "12 dokumen" in body
    # BerAKHLAK verbatim (rules §7).
    for nilai in domain.BERAKHLAK:
        assert nilai.nama in body
        for guide in nilai.panduan:
            assert guide in body
    # The owner of a draft edits and submits.
    assert reverse("plans:rhk-create", args=[cascade.charlie.pk]) in body
    assert reverse("plans:skp-submit", args=[cascade.charlie.pk]) in body
    assert reverse("plans:lampiran-update", args=[cascade.charlie.pk]) in body


def test_detail_is_read_only_for_others(cast, login, cascade):
    for who in ("alice", "eko", "fajar"):
        body = _text(login(who).get(_detail(cascade.charlie)))
        assert "Surat masuk teragenda" in body
        assert reverse("plans:rhk-create", args=[cascade.charlie.pk]) not in body
        assert reverse("plans:skp-submit", args=[cascade.charlie.pk]) not in body
        assert reverse("plans:ekspektasi-update", args=[cascade.charlie.pk]) not in body
    # The penilai writes the expectations, edits nothing else.
    body = _text(login("bob").get(_detail(cascade.charlie)))
    assert reverse("plans:ekspektasi-update", args=[cascade.charlie.pk]) in body
    assert reverse("plans:rhk-create", args=[cascade.charlie.pk]) not in body


def test_detail_refusals(cast, login, cascade):
    r = login("dina").get(_detail(cascade.charlie))
    assert r.status_code == 403 and "tidak berwenang melihat SKP" in _text(r)
    assert login("gita").get(_detail(cascade.charlie)).status_code == 404


def test_detail_sections_as_htmx_partials(cast, login, cascade):
    client = login("charlie")
    for target, marker in [
        ("rhk-section", "Surat masuk teragenda"),
        ("perilaku-section", "Berorientasi Pelayanan"),
        ("lampiran-section", "Dukungan sumber daya"),
    ]:
        r = client.get(_detail(cascade.charlie), HTTP_HX_TARGET=target, **HX)
        body = _text(r)
        assert r.status_code == 200 and "<html" not in body
        assert f'id="{target}"' in body and marker in body


def test_top_of_cascade_types_rhk_from_the_pk(cast, login):
    skp = make_skp(cast, "alice", make_periode(cast))
    body = _text(login("alice").get(_detail(skp)))
    assert "puncak kaskade" in body and "Perjanjian Kinerja" in body
    body = _text(login("alice").get(reverse("plans:rhk-create", args=[skp.pk]), **HX))
    assert "intervensi" not in body and "Simpan RHK" in body


def test_staff_is_told_when_the_penilai_has_no_approved_skp(cast, login):
    skp = make_skp(cast, "charlie", make_periode(cast))
    body = _text(login("charlie").get(_detail(skp)))
    assert "belum mempunyai SKP yang disetujui" in body
    assert reverse("plans:rhk-create", args=[skp.pk]) not in body
    # What stops a submission is said before the owner tries.
    assert "Belum dapat diajukan" in body and "Tambahkan sedikitnya satu RHK utama" in body
    assert reverse("plans:skp-submit", args=[skp.pk]) not in body


def test_versions_link_to_each_other(cast, login, cascade):
    client = login("dina")
    r = client.post(reverse("plans:skp-revise", args=[cascade.dina.pk]))
    new = SKP.objects.get(sebelumnya=cascade.dina)
    assert r.status_code == 302 and r["Location"] == _detail(new)
    assert new.status == "draft" and new.versi == 2
    body = _text(client.get(_detail(cascade.dina)))
    assert "Versi ini sudah direvisi" in body and _detail(new) in body
    assert reverse("plans:skp-revise", args=[cascade.dina.pk]) not in body
    body = _text(client.get(_detail(new)))
    assert _detail(cascade.dina) in body and "(draf)" in body


# --- RHK ------------------------------------------------------------------------------


def _bob_rhk(cascade) -> RHK:
    return cascade.rhk("bob")


def test_rhk_editor_htmx_and_full_page(cast, login, cascade):
    client = login("charlie")
    url = reverse("plans:rhk-create", args=[cascade.charlie.pk])
    part = _text(client.get(url, **HX))
    assert "<html" not in part and 'hx-post="' in part
    assert "Layanan Bidang Satu tepat waktu" in part  # bob's approved RHK offered
    assert "Terwujudnya tata kelola" not in part  # alice's RHK is not bob's
    page = _text(client.get(url))
    assert "<html" in page and "hx-post" not in page and "Tambah RHK" in page


def test_rhk_add_with_htmx_returns_the_section_and_the_state(cast, login, cascade):
    r = login("charlie").post(
        reverse("plans:rhk-create", args=[cascade.charlie.pk]),
        {"jenis": "tambahan", "teks": "Arsip tertata", "intervensi": _bob_rhk(cascade).pk},
        **HX,
    )
    body = _text(r)
    assert r.status_code == 200 and r["HX-Retarget"] == "#rhk-section"
    assert 'id="rhk-section"' in body and "Arsip tertata" in body
    assert 'id="skp-state" class="mb-4" hx-swap-oob="true"' in body
    assert RHK.objects.filter(skp=cascade.charlie, jenis="tambahan", teks="Arsip tertata").exists()


def test_rhk_add_without_htmx_redirects(cast, login, cascade):
    r = login("charlie").post(
        reverse("plans:rhk-create", args=[cascade.charlie.pk]),
        {"jenis": "utama", "teks": "Disposisi tepat waktu", "intervensi": _bob_rhk(cascade).pk},
    )
    rhk = RHK.objects.get(teks="Disposisi tepat waktu")
    assert r.status_code == 302 and r["Location"] == f"{_detail(cascade.charlie)}#rhk-{rhk.pk}"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"teks": ""}, "Tuliskan rencana hasil kerjanya"),
        ({"intervensi": ""}, "Pilih RHK pejabat penilai (Bob Santoso)"),
        ({"intervensi": "alice"}, "bukan bagian dari SKP Bob Santoso yang sudah disetujui"),
        ({"jenis": "lain"}, "jenis"),
    ],
)
def test_rhk_bad_input_is_shown_and_nothing_written(cast, login, cascade, data, says):
    if data.get("intervensi") == "alice":
        data = {"intervensi": cascade.rhk("alice").pk}
    before = _state()
    r = login("charlie").post(
        reverse("plans:rhk-create", args=[cascade.charlie.pk]),
        {"jenis": "utama", "teks": "Sesuatu", "intervensi": _bob_rhk(cascade).pk, **data},
        **HX,
    )
    assert r.status_code == 200 and says.lower() in _text(r).lower()
    assert "<form" in _text(r) and "HX-Retarget" not in r
    assert _state() == before


def test_rhk_update_and_delete(cast, login, cascade):
    client = login("charlie")
    rhk = cascade.rhk("charlie")
    part = _text(client.get(reverse("plans:rhk-update", args=[rhk.pk]), **HX))
    assert "Surat masuk teragenda" in part and f'id="rhk-form-{rhk.pk}"' in part
    r = client.post(
        reverse("plans:rhk-update", args=[rhk.pk]),
        {
            "jenis": "utama",
            "teks": "Surat masuk teragenda hari itu juga",
            "intervensi": rhk.intervensi_id,
        },
        **HX,
    )
    assert r.status_code == 200 and "hari itu juga" in _text(r)
    r = client.post(reverse("plans:rhk-delete", args=[rhk.pk]), **HX)
    assert r.status_code == 200 and "Belum ada RHK utama" in _text(r)
    assert not RHK.objects.filter(pk=rhk.pk).exists()


def test_rhk_delete_refused_when_supported_by_subordinates(cast, login, cascade):
    # bob's SKP is approved: first revise it, then try to delete the RHK dina supports.
    new = workflow.skp_revise(actor=cast.actor("bob"), skp_id=cascade.bob.pk)
    copy = new.rhk.get()
    RHK.objects.filter(pk=cascade.rhk("dina").pk).update(intervensi=copy)
    before = _state()
    r = login("bob").post(reverse("plans:rhk-delete", args=[copy.pk]), **HX)
    assert r.status_code == 200 and "didukung oleh 1 RHK bawahan" in _text(r)
    assert _state() == before
    r = login("bob").post(reverse("plans:rhk-delete", args=[copy.pk]))
    assert r.status_code == 302 and _state() == before


def test_editing_someone_elses_skp_is_refused(cast, login, cascade):
    rhk = cascade.rhk("charlie")
    before = _state()
    for who in ("bob", "dina", "eko"):
        client = login(who)
        r = client.post(
            reverse("plans:rhk-create", args=[cascade.charlie.pk]),
            {"jenis": "utama", "teks": "Disusupkan", "intervensi": _bob_rhk(cascade).pk},
        )
        assert r.status_code == 403, who
        assert client.get(reverse("plans:rhk-update", args=[rhk.pk])).status_code == 403
        assert client.post(reverse("plans:rhk-delete", args=[rhk.pk])).status_code == 403
        r = client.post(
            reverse("plans:lampiran-update", args=[cascade.charlie.pk]), {"konsekuensi": "x"}
        )
        assert r.status_code == 403
    r = login("bob").post(
        reverse("plans:rhk-create", args=[cascade.charlie.pk]),
        {"jenis": "utama", "teks": "Disusupkan", "intervensi": _bob_rhk(cascade).pk},
    )
    assert "Hanya pemilik SKP yang dapat mengubah isinya" in _text(r)
    assert _state() == before


def test_editors_refused_once_submitted(cast, login, submitted):
    client = login("charlie")
    r = client.get(reverse("plans:rhk-create", args=[submitted.pk]))
    assert r.status_code == 403 and "tidak dapat diubah" in _text(r)
    before = _state()
    r = client.post(
        reverse("plans:iki-create", args=[submitted.rhk.get().pk]),
        {"aspek": "waktu", "indikator": "x", "target_jenis": "angka", "target_nilai": "1",
         "satuan": "hari"},
        **HX,
    )  # fmt: skip
    assert r.status_code == 200 and "tidak dapat diubah" in _text(r)
    assert _state() == before


def test_another_instansi_is_a_404_everywhere(cast, login, cascade):
    rhk = cascade.rhk("charlie")
    iki = rhk.iki.get()
    client = login("gita")
    before = _state()
    for name, args in [
        ("plans:skp-submit", [cascade.charlie.pk]),
        ("plans:skp-approve", [cascade.charlie.pk]),
        ("plans:skp-return", [cascade.charlie.pk]),
        ("plans:skp-revise", [cascade.dina.pk]),
        ("plans:rhk-create", [cascade.charlie.pk]),
        ("plans:rhk-update", [rhk.pk]),
        ("plans:rhk-delete", [rhk.pk]),
        ("plans:iki-create", [rhk.pk]),
        ("plans:iki-update", [iki.pk]),
        ("plans:iki-delete", [iki.pk]),
        ("plans:ekspektasi-update", [cascade.charlie.pk]),
        ("plans:lampiran-update", [cascade.charlie.pk]),
        ("plans:periode-update", [cascade.periode.pk]),
    ]:
        r = client.post(reverse(name, args=args), {"alasan": "x", "teks": "x"})
        assert r.status_code == 404, name
    assert _state() == before


# --- IKI ------------------------------------------------------------------------------

IKI_OK = {"aspek": "kuantitas", "indikator": "Jumlah surat teragenda", "satuan": "surat"}


@pytest.mark.parametrize(
    ("target", "stored", "shown"),
    [
        ({"target_jenis": "angka", "target_nilai": "12,5"}, ("12.5", None, None), "12,5 surat"),
        ({"target_jenis": "angka", "target_nilai": "1.250"}, ("1250", None, None), "1.250 surat"),
        (
            {"target_jenis": "rentang", "target_min": "80", "target_maks": "92,5",
             "target_nilai": "sisa isian lama"},
            (None, "80", "92.5"),
            "80 – 92,5 surat",
        ),
    ],
)  # fmt: skip
def test_iki_add_accepts_indonesian_numbers(cast, login, cascade, target, stored, shown):
    rhk = cascade.rhk("charlie")
    r = login("charlie").post(
        reverse("plans:iki-create", args=[rhk.pk]), {**IKI_OK, **target}, **HX
    )
    assert r.status_code == 200 and shown in _text(r)
    iki = rhk.iki.order_by("-pk").first()
    got = tuple(
        None if v is None else v.normalize()
        for v in (iki.target_nilai, iki.target_min, iki.target_maks)
    )
    assert got == tuple(None if v is None else Decimal(v).normalize() for v in stored)


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ({"target_jenis": "angka", "target_nilai": "dua belas"}, "bukan angka"),
        ({"target_jenis": "angka", "target_nilai": ""}, "Isikan angka target"),
        ({"target_jenis": "angka", "target_nilai": "-3"}, "tidak boleh negatif"),
        ({"target_jenis": "angka", "target_nilai": "5", "satuan": ""}, "Satuan target wajib"),
        (
            {"target_jenis": "rentang", "target_min": "90", "target_maks": "80"},
            "Batas atas rentang (80) tidak boleh lebih kecil dari batas bawah (90)",
        ),
        ({"target_jenis": "teks", "target_teks": "Baik"}, "hanya untuk SKP dengan pendekatan"),
        ({"target_jenis": "angka", "target_nilai": "1", "aspek": "mutu"}, "aspek"),
        ({"target_jenis": "angka", "target_nilai": "1", "indikator": " "}, "Tuliskan indikator"),
    ],
)
def test_iki_bad_input_is_shown_and_nothing_written(cast, login, cascade, target, says):
    rhk = cascade.rhk("charlie")
    before = _state()
    r = login("charlie").post(
        reverse("plans:iki-create", args=[rhk.pk]), {**IKI_OK, **target}, **HX
    )
    assert r.status_code == 200 and says.lower() in _text(r).lower()
    assert "iki-form" in _text(r) and "is-invalid" in _text(r)
    assert _state() == before
    # Without HTMX the same refusal is a page of its own.
    r = login("charlie").post(reverse("plans:iki-create", args=[rhk.pk]), {**IKI_OK, **target})
    assert r.status_code == 200 and "<html" in _text(r) and says.lower() in _text(r).lower()
    assert _state() == before


def test_iki_update_of_a_returned_skp_makes_it_a_draft(cast, login, submitted):
    workflow.skp_return(actor=cast.actor("bob"), skp_id=submitted.pk, alasan="Target dinaikkan")
    iki = IKI.objects.get(rhk__skp=submitted)
    client = login("charlie")
    part = _text(client.get(reverse("plans:iki-update", args=[iki.pk]), **HX))
    assert 'value="12"' in part and f'id="iki-form-{iki.pk}"' in part
    r = client.post(
        reverse("plans:iki-update", args=[iki.pk]),
        {**IKI_OK, "target_jenis": "angka", "target_nilai": "24"},
        **HX,
    )
    body = _text(r)
    assert "24 surat" in body
    assert 'hx-swap-oob="true"' in body and "Draf" in body  # the state panel follows
    assert "Alasan pengembalian sebelumnya" in body and "Target dinaikkan" in body
    submitted.refresh_from_db()
    assert submitted.status == "draft"


def test_iki_delete(cast, login, cascade):
    iki = cascade.rhk("charlie").iki.get()
    r = login("charlie").post(reverse("plans:iki-delete", args=[iki.pk]), **HX)
    assert r.status_code == 200 and "Belum ada indikator (IKI)" in _text(r)
    assert not IKI.objects.filter(pk=iki.pk).exists()


# --- perilaku and lampiran --------------------------------------------------------------


def test_penilai_writes_ekspektasi(cast, login, cascade):
    url = reverse("plans:ekspektasi-update", args=[cascade.charlie.pk])
    client = login("bob")
    part = _text(client.get(url, **HX))
    assert "Memahami dan memenuhi kebutuhan masyarakat" in part and "nilai_7" in part
    r = client.post(url, {"nilai_1": "Menjawab surat warga dalam 2 hari", "nilai_7": "Aktif"}, **HX)
    assert r.status_code == 200 and "Menjawab surat warga dalam 2 hari" in _text(r)
    got = dict(
        PerilakuEkspektasi.objects.filter(skp=cascade.charlie).values_list("nilai", "ekspektasi")
    )
    assert got[1] == "Menjawab surat warga dalam 2 hari" and got[7] == "Aktif" and got[2] == ""
    r = client.post(url, {"nilai_1": "Menjawab surat warga dalam 2 hari"})
    assert r.status_code == 302 and r["Location"].endswith("#perilaku-section")


def test_ekspektasi_refused_to_the_owner_and_after_approval(cast, login, cascade):
    before = _state()
    r = login("charlie").post(
        reverse("plans:ekspektasi-update", args=[cascade.charlie.pk]), {"nilai_1": "Saya sendiri"}
    )
    assert r.status_code == 403 and "hanya dituliskan oleh pejabat penilai" in _text(r)
    r = login("bob").post(
        reverse("plans:ekspektasi-update", args=[cascade.dina.pk]), {"nilai_1": "Terlambat"}
    )
    assert r.status_code == 200 and "SKP sudah disetujui" in _text(r)
    assert (
        login("bob").get(reverse("plans:ekspektasi-update", args=[cascade.dina.pk])).status_code
        == 403
    )
    assert _state() == before


def test_owner_writes_the_lampiran(cast, login, cascade):
    url = reverse("plans:lampiran-update", args=[cascade.charlie.pk])
    client = login("charlie")
    assert "Skema pertanggungjawaban" in _text(client.get(url, **HX))
    data = {
        "dukungan_sumber_daya": "Komputer dan printer",
        "skema_pertanggungjawaban": "Laporan bulanan",
        "konsekuensi": "Sesuai peraturan",
    }
    r = client.post(url, data, **HX)
    assert r.status_code == 200 and "Komputer dan printer" in _text(r)
    assert Lampiran.objects.get(skp=cascade.charlie).konsekuensi == "Sesuai peraturan"


# --- workflow -------------------------------------------------------------------------


def test_submit_return_fix_resubmit_approve(cast, login, cascade):
    skp = cascade.charlie
    charlie = login("charlie")
    r = charlie.post(reverse("plans:skp-submit", args=[skp.pk]))
    assert r.status_code == 302
    skp.refresh_from_db()
    assert skp.status == "diajukan"

    bob = login("bob")
    body = _text(bob.get(_detail(skp)))
    assert reverse("plans:skp-approve", args=[skp.pk]) in body and "Alasan pengembalian" in body
    before = _state()
    r = bob.post(reverse("plans:skp-return", args=[skp.pk]), {"alasan": "  "})
    assert r.status_code == 200 and "Tuliskan alasan pengembalian" in _text(r)
    assert _state() == before
    r = bob.post(reverse("plans:skp-return", args=[skp.pk]), {"alasan": "Targetnya terlalu rendah"})
    assert r.status_code == 302 and r["Location"] == reverse("plans:skp-queue")

    body = _text(login("charlie").get(_detail(skp)))
    assert "Dikembalikan oleh Bob Santoso dengan alasan" in body
    assert "Targetnya terlalu rendah" in body
    iki = IKI.objects.get(rhk__skp=skp)
    charlie = login("charlie")
    charlie.post(
        reverse("plans:iki-update", args=[iki.pk]),
        {**IKI_OK, "target_jenis": "angka", "target_nilai": "24"},
    )
    assert charlie.post(reverse("plans:skp-submit", args=[skp.pk])).status_code == 302
    r = login("bob").post(reverse("plans:skp-approve", args=[skp.pk]))
    assert r.status_code == 302
    skp.refresh_from_db()
    assert skp.status == "disetujui"


def test_submit_refused_with_the_reason_on_the_page(cast, login):
    skp = make_skp(cast, "alice", make_periode(cast))
    before = _state()
    r = login("alice").post(reverse("plans:skp-submit", args=[skp.pk]))
    assert r.status_code == 200 and "<html" in _text(r)
    assert "belum mempunyai pejabat penilai" in _text(r)
    assert _state() == before


def test_nobody_approves_their_own_skp(cast, login, submitted):
    before = _state()
    r = login("charlie").post(reverse("plans:skp-approve", args=[submitted.pk]))
    assert r.status_code == 403 and "tidak dapat menyetujui SKP Anda sendiri" in _text(r)
    r = login("charlie").post(reverse("plans:skp-return", args=[submitted.pk]), {"alasan": "x"})
    assert r.status_code == 403
    # Reading rights are not deciding rights: alice (atasan penilai) and the admin.
    for who in ("alice", "eko"):
        r = login(who).post(reverse("plans:skp-approve", args=[submitted.pk]))
        assert r.status_code == 403, who
    assert _state() == before


def test_post_only_endpoints_refuse_get(cast, login, cascade):
    client = login("charlie")
    for name, pk in [
        ("plans:skp-submit", cascade.charlie.pk),
        ("plans:skp-approve", cascade.charlie.pk),
        ("plans:rhk-delete", cascade.rhk("charlie").pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 405


# --- the queue ------------------------------------------------------------------------


@pytest.fixture
def two_submitted(cast, cascade):
    """charlie's draft and dina's revision, both submitted to bob."""
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=cascade.charlie.pk)
    dina = workflow.skp_revise(actor=cast.actor("dina"), skp_id=cascade.dina.pk)
    workflow.skp_submit(actor=cast.actor("dina"), skp_id=dina.pk)
    return cascade.charlie, dina


def test_queue_lists_submitted_skp_of_subordinates(cast, login, two_submitted):
    charlie, dina = two_submitted
    body = _text(login("bob").get(reverse("plans:skp-queue")))
    assert "2 SKP menunggu keputusan Anda" in body
    assert "Charlie Nugroho" in body and "Dina Lestari" in body and "versi 2" in body
    assert "1 RHK · 1 IKI" in body
    part = _text(
        login("bob").get(reverse("plans:skp-queue"), {"periode": charlie.periode_id}, **HX)
    )
    assert "<html" not in part and "Charlie Nugroho" in part
    assert "Tidak ada SKP" in _text(login("charlie").get(reverse("plans:skp-queue")))


def test_queue_bulk_approve(cast, login, two_submitted):
    charlie, dina = two_submitted
    r = login("bob").post(
        reverse("plans:skp-queue"), {"skp": [charlie.pk, dina.pk], "aksi": "setujui"}
    )
    assert r.status_code == 302
    assert set(
        SKP.objects.filter(pk__in=[charlie.pk, dina.pk]).values_list("status", flat=True)
    ) == {"disetujui"}


def test_queue_bulk_return_needs_one_reason(cast, login, two_submitted):
    charlie, dina = two_submitted
    client = login("bob")
    before = _state()
    r = client.post(
        reverse("plans:skp-queue"), {"skp": [charlie.pk, dina.pk], "aksi": "kembalikan"}
    )
    assert r.status_code == 200 and "Tuliskan alasan pengembalian" in _text(r)
    assert f'value="{charlie.pk}" id="skp-{charlie.pk}" checked' in _text(r)  # kept ticked
    assert _state() == before
    r = client.post(reverse("plans:skp-queue"), {"aksi": "setujui"})
    assert "Pilih sedikitnya satu SKP" in _text(r) and _state() == before
    r = client.post(
        reverse("plans:skp-queue"),
        {"skp": [charlie.pk, dina.pk], "aksi": "kembalikan", "alasan": "Lengkapi IKI waktu"},
    )
    assert r.status_code == 302
    assert set(
        SKP.objects.filter(pk__in=[charlie.pk, dina.pk]).values_list(
            "alasan_dikembalikan", flat=True
        )
    ) == {"Lengkapi IKI waktu"}


def test_queue_refuses_what_is_not_the_actors_to_decide(cast, login, two_submitted, cascade):
    charlie, _dina = two_submitted
    gita = make_skp(cast, "gita", make_periode(cast, instansi=cast.b))
    before = _state()
    # dina's approved v1 is not submitted; alice's is not bob's to decide; gita's SKP
    # is another instansi's.
    r = login("bob").post(
        reverse("plans:skp-queue"), {"skp": [charlie.pk, cascade.alice.pk], "aksi": "setujui"}
    )
    assert r.status_code == 403 and "Hanya pejabat penilai" in _text(r)
    r = login("charlie").post(reverse("plans:skp-queue"), {"skp": [charlie.pk], "aksi": "setujui"})
    assert r.status_code in (200, 403)
    assert "tidak dapat menyetujui SKP Anda sendiri" in _text(r)
    r = login("bob").post(reverse("plans:skp-queue"), {"skp": [gita.pk], "aksi": "setujui"})
    assert "tidak ditemukan" in _text(r)
    assert _state() == before


# --- periods --------------------------------------------------------------------------


def test_admin_manages_periods(cast, login):
    client = login("eko")
    r = client.post(
        reverse("plans:periode-create"),
        {"tahun": "2027", "periodik": "triwulanan", "perencanaan_mulai": "2027-01-02",
         "perencanaan_selesai": "2027-01-31"},
    )  # fmt: skip
    assert r.status_code == 302 and r["Location"] == reverse("plans:periode-list")
    periode = PeriodeKinerja.objects.get(instansi=cast.a, tahun=2027)
    assert periode.periodik == "triwulanan"
    body = _text(client.get(reverse("plans:periode-list")))
    assert "2027" in body and "Triwulanan" in body and "02-01-2027" in body
    r = client.post(
        reverse("plans:periode-update", args=[periode.pk]),
        {
            "tahun": "2027",
            "periodik": "bulanan",
            "perencanaan_mulai": "",
            "perencanaan_selesai": "",
        },
    )
    periode.refresh_from_db()
    assert r.status_code == 302 and periode.periodik == "bulanan"
    assert periode.perencanaan_mulai is None
    assert AuditEvent.objects.filter(action="periode.update", object_id=str(periode.pk)).exists()
    # The auditor reads, without the buttons; others may not.
    body = _text(login("fajar").get(reverse("plans:periode-list")))
    assert "2027" in body and reverse("plans:periode-create") not in body
    assert login("alice").get(reverse("plans:periode-list")).status_code == 403


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"tahun": "1999"}, "2000"),
        ({"tahun": "dua ribu"}, "Tahun harus berupa angka"),
        ({"tahun": "2026"}, "Periode tahun 2026 sudah ada"),
        (
            {"perencanaan_mulai": "2027-02-01", "perencanaan_selesai": "2027-01-01"},
            "tidak boleh sebelum tanggal pembukaannya",
        ),
        ({"periodik": "mingguan"}, "periodik"),
    ],
)
def test_period_bad_input(cast, login, data, says):
    make_periode(cast, 2026)
    before = _state()
    r = login("eko").post(
        reverse("plans:periode-create"), {"tahun": "2027", "periodik": "bulanan", **data}
    )
    assert r.status_code == 200 and says.lower() in _text(r).lower()
    assert _state() == before


def test_period_year_is_fixed_once_skp_exist(cast, login, cascade):
    before = _state()
    r = login("eko").post(
        reverse("plans:periode-update", args=[cascade.periode.pk]),
        {"tahun": "2030", "periodik": "bulanan"},
    )
    assert r.status_code == 200 and "sudah ada SKP pada periode 2026" in _text(r)
    assert _state() == before
    r = login("alice").post(
        reverse("plans:periode-update", args=[cascade.periode.pk]),
        {"tahun": "2026", "periodik": "triwulanan"},
    )
    assert r.status_code == 403 and _state() == before


# --- navigation -----------------------------------------------------------------------


def test_nav_skp_group(cast, login):
    body = _text(login("charlie").get(reverse("plans:skp-mine")))
    assert reverse("plans:skp-mine") in body and reverse("plans:periode-list") not in body
    assert reverse("plans:skp-queue") not in body  # no team
    body = _text(login("bob").get(reverse("plans:skp-mine")))
    assert reverse("plans:skp-queue") in body
    body = _text(login("eko").get(reverse("plans:skp-mine")))
    assert reverse("plans:periode-list") in body


# --- query counts ---------------------------------------------------------------------


def _count(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, **extra)
    assert r.status_code == 200
    return len(ctx.captured_queries)


def _more_content(skp: SKP, n: int) -> None:
    for i in range(n):
        rhk = RHK.objects.create(
            instansi_id=skp.instansi_id, skp=skp, jenis="tambahan", teks=f"RHK tambahan {i}",
            intervensi=RHK.objects.filter(skp__pegawai_id=skp.penilai_id).first(), urutan=10 + i,
        )  # fmt: skip
        IKI.objects.bulk_create(
            IKI(
                instansi_id=skp.instansi_id,
                rhk=rhk,
                aspek=aspek,
                indikator=f"Indikator {i}",
                target_jenis="rentang",
                target_min=Decimal(1),
                target_maks=Decimal(i + 2),
                satuan="laporan",
            )  # fmt: skip
            for aspek in ("kuantitas", "kualitas", "waktu")
        )


def test_detail_query_count_does_not_grow(cast, login, cascade, django_assert_max_num_queries):
    client = login("charlie")
    url = _detail(cascade.charlie)
    before = _count(client, url)
    _more_content(cascade.charlie, 15)
    with django_assert_max_num_queries(before):
        body = _text(client.get(url))
    assert "RHK tambahan 14" in body and "1 – 16 laporan" in body
    with django_assert_max_num_queries(before):
        client.get(url, HTTP_HX_TARGET="rhk-section", **HX)


def test_skp_list_query_count_does_not_grow(cast, login, cascade, django_assert_max_num_queries):
    client = login("dina")
    url = reverse("plans:skp-mine")
    before = _count(client, url)
    skp = cascade.dina
    for tahun in range(2010, 2026):
        periode = make_periode(cast, tahun)
        SKP.objects.create(
            instansi=cast.a, pegawai=cast.dina, jabatan=skp.jabatan, periode=periode,
            tanggal_mulai=dt.date(tahun, 1, 1), tanggal_selesai=dt.date(tahun, 12, 31),
            status="disetujui", penilai=cast.bob, snapshot=skp.snapshot,
        )  # fmt: skip
    with django_assert_max_num_queries(before):
        body = _text(client.get(url))
    assert "Tahun 2010" in body


def test_queue_query_count_does_not_grow(cast, login, submitted, django_assert_max_num_queries):
    client = login("bob")
    url = reverse("plans:skp-queue")
    before = _count(client, url)
    now = timezone.now()
    staff = Pegawai.objects.bulk_create(
        Pegawai(
            instansi=cast.a,
            nama=f"Staf Uji {i}",
            jenis_kelamin="L",
            status="PNS",
            jabatan=cast.jab_pelaksana,
            unit=cast.bidang,
            atasan=cast.bob,
        )  # fmt: skip
        for i in range(60)
    )
    skps = SKP.objects.bulk_create(
        SKP(
            instansi=cast.a,
            pegawai=p,
            jabatan=cast.jab_pelaksana,
            periode=submitted.periode,
            tanggal_mulai=submitted.tanggal_mulai,
            tanggal_selesai=submitted.tanggal_selesai,
            status="diajukan",
            penilai=cast.bob,
            submitted_at=now,
            snapshot={"pegawai": {"nama": p.nama}},
        )  # fmt: skip
        for p in staff
    )
    for s in skps[:20]:
        _more_content(s, 2)
    with django_assert_max_num_queries(before):
        body = _text(client.get(url))
    assert "61 SKP menunggu keputusan Anda" in body
    with django_assert_max_num_queries(before):
        client.get(url, {"periode": submitted.periode_id}, **HX)
    # Approving all of them at once stays bounded too.
    with django_assert_max_num_queries(40):
        r = client.post(url, {"skp": [s.pk for s in skps] + [submitted.pk], "aksi": "setujui"})
    assert r.status_code == 302
    assert SKP.objects.filter(penilai=cast.bob, status="disetujui").count() == 62
