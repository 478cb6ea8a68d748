"""The org pages over HTTP: what each role sees, the write flows (data changed, audit
written, bad input shown in Indonesian with nothing written), HTMX partials, and query
counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ekinerja.core.models import AuditEvent, Role, RoleAssignment, User
from ekinerja.org.domain import unit_path
from ekinerja.org.models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _text(response) -> str:
    return response.content.decode()


# --- pages render for the right roles -------------------------------------------------


def test_dashboard_profile_card(cast, login):
    r = login("charlie").get(reverse("org:dashboard"))
    body = _text(r)
    assert r.status_code == 200
    assert "Charlie Nugroho" in body and "19900520 201503 1 003" in body
    assert "II/c · Pengatur" in body and "Pengadministrasi Umum" in body
    assert "Bob Santoso" in body  # atasan
    assert "Ringkasan instansi" not in body  # staff see no instansi totals


def test_dashboard_supervisor_sees_team_count(cast, login):
    body = _text(login("bob").get(reverse("org:dashboard")))
    assert 'class="display-6 mb-0">2<' in body
    assert "Lihat bawahan langsung" in body and "Pegawai unit saya" in body


@pytest.mark.parametrize("who", ["eko", "fajar"])
def test_dashboard_instansi_totals_for_admin_and_auditor(cast, login, who):
    body = _text(login(who).get(reverse("org:dashboard")))
    assert "Ringkasan instansi" in body
    assert "Pegawai tanpa jabatan" in body and "Jabatan kepala kosong" in body


def test_dashboard_refused_to_root(cast, login):
    r = login("root").get(reverse("org:dashboard"))
    assert r.status_code == 403
    assert "tidak terdaftar pada instansi" in _text(r)


def test_instansi_list_for_root_shows_counts_not_people(cast, login):
    r = login("root").get(reverse("org:instansi-list"))
    body = _text(r)
    assert r.status_code == 200
    assert "Pemerintah Kabupaten Alfa" in body and "Pemerintah Kota Beta" in body
    assert "Charlie" not in body and "199005" not in body
    assert login("eko").get(reverse("org:instansi-list")).status_code == 403


def test_unit_tree_page_and_htmx_search(cast, login):
    client = login("dina")
    body = _text(client.get(reverse("org:unit-tree")))
    assert "<details" in body and "Bidang Satu" in body and "Alice Wulandari" in body
    assert "Tambah unit" not in body  # not an admin
    r = client.get(reverse("org:unit-tree"), {"q": "bkpsdm"}, **HX)
    part = _text(r)
    assert "<html" not in part and "BKPSDM" in part and "Bidang Satu" not in part
    r = client.get(reverse("org:unit-tree"), {"q": "zzz"}, **HX)
    assert "Tidak ada unit yang cocok" in _text(r)


def test_unit_detail(cast, login):
    body = _text(login("charlie").get(reverse("org:unit-detail", args=[cast.bidang.pk])))
    assert "Kepala Bidang Satu" in body and "Bob Santoso" in body
    assert "Dinas Alfa" in body  # breadcrumb
    assert "3 pegawai aktif" in body


def test_jabatan_list_filters_paging_and_partial(cast, login):
    client = login("charlie")
    body = _text(client.get(reverse("org:jabatan-list")))
    assert "Kepala Dinas Alfa" in body and "Pranata Komputer" in body and "<html" in body
    r = client.get(reverse("org:jabatan-list"), {"q": "analis"}, **HX)
    part = _text(r)
    assert "<html" not in part
    assert "Analis Kebijakan Ahli Pertama" in part and "Kepala Dinas" not in part
    assert "Dina Lestari" in part  # holder
    r = client.get(reverse("org:jabatan-list"), {"unit": cast.bkpsdm.pk})
    assert "Pranata Komputer" in _text(r) and "Kepala Bidang" not in _text(r)


def test_jabatan_detail_shows_holders_children_and_history(cast, login):
    body = _text(login("dina").get(reverse("org:jabatan-detail", args=[cast.jab_kabid.pk])))
    assert "Bob Santoso" in body
    assert "Pengadministrasi Umum" in body and "Analis Kebijakan" in body  # children
    assert "Kepala Dinas Alfa" in body  # parent


def test_pegawai_list_search_filters_and_scope(cast, login):
    client = login("eko")
    body = _text(client.get(reverse("org:pegawai-list")))
    assert "6 pegawai" in body and "Tambah pegawai" in body
    body = _text(client.get(reverse("org:pegawai-list"), {"q": "19900520 2015"}))
    assert "1 pegawai" in body and "Charlie Nugroho" in body
    body = _text(client.get(reverse("org:pegawai-list"), {"q": "lestari"}))
    assert "Dina Lestari" in body and "Charlie" not in body
    body = _text(client.get(reverse("org:pegawai-list"), {"unit": cast.dinas.pk}))
    assert "4 pegawai" in body  # subtree
    body = _text(client.get(reverse("org:pegawai-list"), {"golongan": "IV/b"}))
    assert "Alice Wulandari" in body and "1 pegawai" in body
    body = _text(client.get(reverse("org:pegawai-list"), {"jenis": "fungsional"}))
    assert "Dina Lestari" in body and "1 pegawai" in body
    body = _text(client.get(reverse("org:pegawai-list"), {"status": "PPPK"}))
    assert "Tidak ada pegawai yang cocok" in body
    # bob sees only his Bidang
    body = _text(login("bob").get(reverse("org:pegawai-list")))
    assert "3 pegawai" in body and "Eko Prasetyo" not in body


def test_pegawai_list_htmx_returns_only_the_results(cast, login):
    r = login("alice").get(reverse("org:pegawai-list"), {"q": "char"}, **HX)
    body = _text(r)
    assert r.status_code == 200
    assert "<html" not in body and "<form" not in body
    assert "Charlie Nugroho" in body


def test_pegawai_list_bad_filter_is_reported_and_ignored(cast, login):
    body = _text(login("eko").get(reverse("org:pegawai-list"), {"golongan": "Z/z"}))
    assert "Sebagian saringan tidak dipakai" in body and "6 pegawai" in body


def test_pegawai_list_refused_to_staff(cast, login):
    r = login("charlie").get(reverse("org:pegawai-list"))
    assert r.status_code == 403 and "Daftar pegawai hanya untuk" in _text(r)


def _bulk_staff(cast, n: int, *, atasan: Pegawai | None = None, start: int = 100) -> None:
    Pegawai.objects.bulk_create(
        [
            Pegawai(
                instansi=cast.a,
                nip=f"19900101201501{1 + i % 2}{start + i:03d}",
                nama=f"Pegawai Uji {i:03d}",
                jenis_kelamin="L" if i % 2 == 0 else "P",
                tanggal_lahir=dt.date(1990, 1, 1),
                status="PNS",
                golongan="III/a",
                unit=cast.bidang,
                jabatan=cast.jab_pelaksana,
                atasan=atasan or cast.bob,
            )
            for i in range(n)
        ]
    )


def test_pegawai_list_paging(cast, login):
    _bulk_staff(cast, 60)
    client = login("eko")
    body = _text(client.get(reverse("org:pegawai-list")))
    assert "66 pegawai" in body and "halaman 1 dari 3" in body
    assert body.count("<tr>") - 1 == 25  # header row + 25
    body = _text(client.get(reverse("org:pegawai-list"), {"page": 3}))
    assert "halaman 3 dari 3" in body and body.count("<tr>") - 1 == 16


def _count_queries(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, **extra)
    assert r.status_code == 200
    return len(ctx.captured_queries)


def _grow(cast) -> None:
    """More of everything: units, positions with holders, 60 staff under charlie."""
    prev = cast.bidang
    for i in range(10):
        u = UnitKerja.objects.create(
            instansi=cast.a, kode=f"SUB{i}", nama=f"Sub Bidang {i}", parent=prev
        )
        u.path, u.depth = unit_path(prev.path, u.pk), prev.depth + 1
        u.save(update_fields=["path", "depth"])
        j = Jabatan.objects.create(
            instansi=cast.a, unit=u, kode=f"J-SUB{i}", nama=f"Kepala Sub {i}",
            jenis="pengawas", is_head=True, parent=cast.jab_kabid,
        )  # fmt: skip
        RiwayatJabatan.objects.create(
            instansi=cast.a, pegawai=cast.fajar, jabatan=j, jenis="plh",
            tmt_mulai=dt.date(2025, 1, 1),
        )  # fmt: skip
        prev = u
    _bulk_staff(cast, 60, atasan=cast.charlie)
    for p in Pegawai.objects.filter(nama__startswith="Pegawai Uji")[:30]:
        RiwayatJabatan.objects.create(
            instansi=cast.a, pegawai=p, jabatan=cast.jab_pelaksana, jenis="definitif",
            tmt_mulai=dt.date(2024, 1, 1),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("who", "name", "args", "htmx"),
    [
        ("dina", "org:unit-tree", [], False),
        ("dina", "org:jabatan-list", [], False),
        ("eko", "org:pegawai-list", [], False),
        ("alice", "org:pegawai-list", [], True),
        ("bob", "org:pegawai-detail", ["charlie"], False),
        ("eko", "org:pegawai-detail", ["charlie"], False),
        ("eko", "org:dashboard", [], False),
        ("eko", "org:unit-detail", ["bidang"], False),
        ("eko", "org:jabatan-detail", ["jab_pelaksana"], False),
        ("eko", "org:pegawai-create", [], False),
        ("eko", "org:pegawai-update", ["charlie"], False),
    ],
)
def test_query_count_does_not_grow_with_data(
    cast, login, django_assert_max_num_queries, who, name, args, htmx
):
    client = login(who)
    url = reverse(name, args=[getattr(cast, a).pk for a in args])
    extra = HX if htmx else {}
    before = _count_queries(client, url, **extra)
    _grow(cast)
    with django_assert_max_num_queries(before):
        r = client.get(url, **extra)
    assert r.status_code == 200
    with django_assert_max_num_queries(16):
        client.get(url, **extra)


def test_pegawai_detail_for_supervisor(cast, login):
    r = login("bob").get(reverse("org:pegawai-detail", args=[cast.charlie.pk]))
    body = _text(r)
    assert r.status_code == 200
    assert "19900520 201503 1 003" in body and "20 Mei 1990" in body
    assert "II/c · Pengatur" in body and "Laki-laki" in body
    assert "Rantai atasan" in body and body.index("Bob Santoso") < body.index("Alice Wulandari")
    assert "Riwayat jabatan" in body and "01-01-2020" in body and "sekarang" in body
    assert "Ubah data" not in body  # admin actions only for the admin
    # bob may open alice? No: so her name is not a link on bob's view.
    assert f'href="/org/pegawai/{cast.alice.pk}/"' not in body


def test_pegawai_detail_admin_sees_actions_and_override_reason(cast, login):
    from ekinerja.org.services.supervisors import pegawai_set_atasan

    pegawai_set_atasan(
        actor=cast.actor("eko"), pegawai=cast.charlie, atasan=cast.alice, alasan="Kabid cuti besar"
    )
    body = _text(login("eko").get(reverse("org:pegawai-detail", args=[cast.charlie.pk])))
    for label in ("Ubah data", "Pindah jabatan / Plt", "Ganti pejabat penilai", "Peran"):
        assert label in body
    assert "Pejabat penilai ditetapkan oleh Admin Instansi" in body and "Kabid cuti besar" in body


def test_pegawai_detail_lists_subordinates_and_roles(cast, login):
    body = _text(login("eko").get(reverse("org:pegawai-detail", args=[cast.bob.pk])))
    assert "Charlie Nugroho" in body and "Dina Lestari" in body
    body = _text(login("eko").get(reverse("org:pegawai-detail", args=[cast.eko.pk])))
    assert "Admin Instansi" in body


# --- instansi create (platform admin) ------------------------------------------------


def _instansi_post(**over):
    data = {
        "kode": "prov-gamma", "nama": "Pemerintah Provinsi Gamma", "singkatan": "",
        "jenis": "provinsi", "zona_waktu": "Asia/Makassar", "kota": "Gamma",
        "admin_username": "admin.gamma", "admin_password": "Sementara-Gamma-2026",
        "admin_email": "",
    }  # fmt: skip
    data.update(over)
    return data


def test_instansi_create_with_first_admin(cast, login):
    r = login("root").post(reverse("org:instansi-create"), _instansi_post(), follow=True)
    assert "Instansi Pemerintah Provinsi Gamma dibuat" in _text(r)
    inst = Instansi.objects.get(kode="PROV-GAMMA")
    user = User.objects.get(username="admin.gamma")
    assert user.instansi == inst and user.check_password("Sementara-Gamma-2026")
    assert RoleAssignment.objects.filter(instansi=inst, user=user, role=Role.ADMIN).exists()
    assert AuditEvent.objects.filter(action="instansi.create", instansi=inst).exists()
    assert AuditEvent.objects.filter(action="role.assign", instansi=inst).exists()


def test_instansi_create_by_email_gives_unusable_password(cast, login):
    login("root").post(
        reverse("org:instansi-create"),
        _instansi_post(admin_password="", admin_email="bkd@gamma.go.id"),
    )
    user = User.objects.get(username="admin.gamma")
    assert not user.has_usable_password() and user.email == "bkd@gamma.go.id"


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"kode": "KAB-ALFA"}, "sudah"),
        ({"admin_username": "root"}, "Nama pengguna root sudah dipakai"),
        ({"admin_password": "", "admin_email": ""}, "Isi kata sandi sementara"),
        ({"admin_password": "123"}, "Kata sandi"),
    ],
)
def test_instansi_create_bad_input_writes_nothing(cast, login, over, message):
    before = (Instansi.objects.count(), User.objects.count(), AuditEvent.objects.count())
    r = login("root").post(reverse("org:instansi-create"), _instansi_post(**over))
    assert r.status_code == 200 and message in _text(r)
    assert "is-invalid" in _text(r)
    after = (Instansi.objects.count(), User.objects.count(), AuditEvent.objects.count())
    assert after == before


# --- units ------------------------------------------------------------------------------


def test_unit_create_and_move(cast, login):
    client = login("eko")
    r = client.post(
        reverse("org:unit-create"),
        {"parent": cast.dinas.pk, "kode": "BIDANG2", "nama": "Bidang Dua", "urutan": 2,
         "aktif": "on"},
    )  # fmt: skip
    unit = UnitKerja.objects.get(kode="BIDANG2")
    assert r.status_code == 302 and r["Location"] == reverse("org:unit-detail", args=[unit.pk])
    assert unit.path.startswith(cast.dinas.path) and unit.depth == 2
    assert AuditEvent.objects.filter(action="unit.create", object_id=str(unit.pk)).exists()
    # Move Bidang Satu under BKPSDM: its path is rewritten.
    r = client.post(
        reverse("org:unit-update", args=[cast.bidang.pk]),
        {"parent": cast.bkpsdm.pk, "kode": "BIDANG1", "nama": "Bidang Satu", "aktif": "on"},
        follow=True,
    )
    assert "Unit Bidang Satu disimpan." in _text(r)
    bidang = UnitKerja.objects.get(pk=cast.bidang.pk)
    assert bidang.path.startswith(cast.bkpsdm.path)
    assert AuditEvent.objects.filter(action="unit.move", object_id=str(bidang.pk)).exists()


def test_unit_form_refuses_duplicate_kode_and_own_subtree(cast, login):
    client = login("eko")
    before = (UnitKerja.objects.count(), AuditEvent.objects.count())
    r = client.post(reverse("org:unit-create"), {"kode": "DINAS", "nama": "Lagi", "aktif": "on"})
    assert "Kode unit DINAS sudah dipakai." in _text(r)
    # The unit's own subtree is not offered as a parent, and is refused if sent.
    r = client.get(reverse("org:unit-update", args=[cast.dinas.pk]))
    assert f'value="{cast.bidang.pk}"' not in _text(r)
    r = client.post(
        reverse("org:unit-update", args=[cast.dinas.pk]),
        {"parent": cast.bidang.pk, "kode": "DINAS", "nama": "Dinas Alfa", "aktif": "on"},
    )
    assert r.status_code == 200 and "tidak dapat dipindah ke bawah dirinya sendiri" in _text(r)
    assert (UnitKerja.objects.count(), AuditEvent.objects.count()) == before


def test_unit_create_forbidden_to_non_admin(cast, login):
    r = login("alice").post(reverse("org:unit-create"), {"kode": "X", "nama": "X"})
    assert r.status_code == 403
    assert not UnitKerja.objects.filter(kode="X").exists()


# --- jabatan ----------------------------------------------------------------------------


def _jabatan_post(**over):
    data = {
        "unit": "", "kode": "J-ANALIS2", "nama": "Analis SDM Aparatur Ahli Muda",
        "jenis": "fungsional", "jenjang": "ahli_muda", "eselon": "", "kelas": "9",
        "parent": "j-kabid", "aktif": "on",
    }  # fmt: skip
    data.update(over)
    return data


def test_jabatan_create(cast, login):
    r = login("eko").post(reverse("org:jabatan-create"), _jabatan_post(unit=cast.bidang.pk))
    j = Jabatan.objects.get(kode="J-ANALIS2")
    assert r.status_code == 302
    assert j.parent == cast.jab_kabid and j.unit == cast.bidang and j.kelas == 9
    assert AuditEvent.objects.filter(action="jabatan.create", object_id=str(j.pk)).exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"jenjang": ""}, "Jabatan fungsional wajib mempunyai jenjang."),
        ({"jenis": "pelaksana"}, "Jenjang hanya untuk jabatan fungsional."),
        ({"kelas": "18"}, "Kelas jabatan harus antara 1 dan 17."),
        ({"parent": "J-TIDAK-ADA"}, "Jabatan dengan kode J-TIDAK-ADA tidak ada di instansi ini."),
        ({"parent": "J-G"}, "tidak ada di instansi ini"),  # gita's agency
        ({"kode": "J-KADIS"}, "Kode jabatan J-KADIS sudah dipakai."),
        ({"unit": ""}, "Bidang ini harus diisi"),
    ],
)
def test_jabatan_create_bad_input(cast, login, over, message):
    before = (Jabatan.objects.count(), AuditEvent.objects.count())
    data = _jabatan_post(unit=cast.bidang.pk)
    data.update(over)
    r = login("eko").post(reverse("org:jabatan-create"), data)
    assert r.status_code == 200 and message in _text(r)
    assert (Jabatan.objects.count(), AuditEvent.objects.count()) == before


def test_jabatan_update_refuses_a_loop(cast, login):
    data = _jabatan_post(
        unit=cast.dinas.pk, kode="J-KADIS", nama="Kepala Dinas Alfa", jenis="jpt_pratama",
        jenjang="", parent="J-PELAKSANA", is_head="on",
    )  # fmt: skip
    r = login("eko").post(reverse("org:jabatan-update", args=[cast.jab_kadis.pk]), data)
    assert "Jabatan atasan tidak boleh bawahan dari jabatan ini." in _text(r)
    assert Jabatan.objects.get(pk=cast.jab_kadis.pk).parent_id is None


# --- pegawai writes -------------------------------------------------------------------


def _pegawai_post(**over):
    data = {
        "nip": "19860926 201505 1 001", "gelar_depan": "Ir.", "nama": "Budi Hartono",
        "gelar_belakang": "M.Si.", "jenis_kelamin": "L", "tanggal_lahir": "1986-09-26",
        "status": "PNS", "golongan": "III/b", "email": "", "telepon": "", "siasn_id": "",
        "tempat_lahir": "Medan", "aktif": "on", "jabatan": "J-PELAKSANA",
        "tmt_jabatan": "2024-01-02",
    }  # fmt: skip
    data.update(over)
    return data


def test_pegawai_create(cast, login):
    r = login("eko").post(reverse("org:pegawai-create"), _pegawai_post(), follow=True)
    p = Pegawai.objects.get(nip="198609262015051001")
    assert "Pegawai Ir. Budi Hartono, M.Si. ditambahkan." in _text(r)
    assert p.atasan == cast.bob and p.unit == cast.bidang
    assert AuditEvent.objects.filter(action="pegawai.create", object_id=str(p.pk)).exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"nip": "198613262015051001"}, "8 digit pertama NIP bukan tanggal lahir"),
        ({"nip": "1986092620150510"}, "NIP harus 18 digit"),
        ({"jenis_kelamin": "P"}, "Jenis kelamin tidak sesuai NIP"),
        ({"tanggal_lahir": "1986-09-27"}, "Tanggal lahir tidak sesuai NIP"),
        ({"golongan": "IX"}, "bukan golongan/ruang PNS"),
        ({"jabatan": "J-NGAWUR"}, "Jabatan dengan kode J-NGAWUR tidak ada"),
        ({"tmt_jabatan": ""}, "Isi TMT jabatan."),
        ({"nip": "199005202015031003", "tanggal_lahir": "1990-05-20"}, "sudah terdaftar"),
    ],
)
def test_pegawai_create_bad_input(cast, login, over, message):
    before = (Pegawai.objects.count(), User.objects.count(), AuditEvent.objects.count())
    r = login("eko").post(reverse("org:pegawai-create"), _pegawai_post(**over))
    assert r.status_code == 200 and message in _text(r)
    assert "invalid-feedback" in _text(r)
    assert (Pegawai.objects.count(), User.objects.count(), AuditEvent.objects.count()) == before


def test_pegawai_update(cast, login):
    data = _pegawai_post(
        nip=cast.charlie.nip, nama="Charlie Nugroho", gelar_depan="", gelar_belakang="S.Kom.",
        tanggal_lahir="1990-05-20", golongan="II/d",
    )  # fmt: skip
    r = login("eko").post(reverse("org:pegawai-update", args=[cast.charlie.pk]), data)
    assert r.status_code == 302
    cast.charlie.refresh_from_db()
    assert cast.charlie.golongan == "II/d" and cast.charlie.gelar_belakang == "S.Kom."
    ev = AuditEvent.objects.get(action="pegawai.update", object_id=str(cast.charlie.pk))
    assert ev.changes["golongan"] == ["II/c", "II/d"]


def test_pegawai_update_form_shows_formatted_nip(cast, login):
    r = login("eko").get(reverse("org:pegawai-update", args=[cast.charlie.pk]))
    assert 'value="19900520 201503 1 003"' in _text(r)


def test_pegawai_move_definitive(cast, login):
    data = {"jabatan": "J-ADMIN", "jenis": "definitif", "tmt_mulai": "2025-03-01",
            "nomor_sk": "800/12/BKPSDM/2025"}  # fmt: skip
    r = login("eko").post(reverse("org:pegawai-move", args=[cast.charlie.pk]), data, follow=True)
    assert "ditugaskan sebagai Pranata Komputer (Definitif)" in _text(r)
    cast.charlie.refresh_from_db()
    assert cast.charlie.unit == cast.bkpsdm and cast.charlie.atasan is None
    rows = RiwayatJabatan.objects.filter(pegawai=cast.charlie).order_by("tmt_mulai")
    assert [r.tmt_selesai for r in rows] == [dt.date(2025, 2, 28), None]
    assert AuditEvent.objects.filter(action="pegawai.jabatan.definitif").exists()


def test_pegawai_move_refuses_tmt_before_current(cast, login):
    data = {"jabatan": "J-ADMIN", "jenis": "definitif", "tmt_mulai": "2019-01-01"}
    r = login("eko").post(reverse("org:pegawai-move", args=[cast.charlie.pk]), data)
    assert "TMT harus sesudah TMT jabatan sebelumnya (01-01-2020)." in _text(r)
    assert RiwayatJabatan.objects.filter(pegawai=cast.charlie).count() == 1


def test_plt_then_end_it(cast, login):
    client = login("eko")
    data = {"jabatan": "J-KABID", "jenis": "plt", "tmt_mulai": "2025-01-02"}
    # bob still holds the Kabid definitively; dina as Plt is an extra, acting role.
    client.post(reverse("org:pegawai-move", args=[cast.dina.pk]), data)
    row = RiwayatJabatan.objects.get(pegawai=cast.dina, jenis="plt")
    body = _text(client.get(reverse("org:pegawai-detail", args=[cast.dina.pk])))
    assert "Pelaksana Tugas (Plt)" in body and "Akhiri" in body
    url = reverse("org:riwayat-end", args=[cast.dina.pk, row.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {"tmt_selesai": "2024-12-31"})
    assert "TMT selesai tidak boleh sebelum TMT mulai." in _text(r)
    r = client.post(url, {"tmt_selesai": "2025-02-28"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert row.tmt_selesai == dt.date(2025, 2, 28)
    assert AuditEvent.objects.filter(action="riwayat.end", object_id=str(row.pk)).exists()


def test_riwayat_end_forbidden_to_non_admin(cast, login):
    row = RiwayatJabatan.objects.get(pegawai=cast.charlie)
    url = reverse("org:riwayat-end", args=[cast.charlie.pk, row.pk])
    assert login("bob").post(url, {"tmt_selesai": "2025-01-01"}).status_code == 403
    assert login("gita").get(url).status_code == 404
    row.refresh_from_db()
    assert row.tmt_selesai is None


def test_atasan_override_and_reset(cast, login):
    client = login("eko")
    url = reverse("org:pegawai-atasan", args=[cast.charlie.pk])
    r = client.post(
        url,
        {"pilihan": "override", "atasan": "19750101 200003 2 001", "alasan": "Kabid cuti besar"},
    )
    assert r.status_code == 302
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.alice
    assert cast.charlie.atasan_override_alasan == "Kabid cuti besar"
    r = client.post(url, {"pilihan": "reset"}, follow=True)
    assert "kembali mengikuti struktur organisasi" in _text(r)
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.bob and cast.charlie.atasan_override is None
    assert AuditEvent.objects.filter(action="pegawai.atasan").count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pilihan": "override", "atasan": "", "alasan": "x"}, "Isi NIP pejabat penilai"),
        ({"pilihan": "override", "atasan": "197501012000032001", "alasan": ""},
         "Tuliskan alasan penggantian pejabat penilai."),
        ({"pilihan": "override", "atasan": "199208082018012007", "alasan": "x"},
         "tidak ada di instansi ini"),  # gita: another agency
        ({"pilihan": "override", "atasan": "199005202015031003", "alasan": "x"},
         "Pegawai tidak dapat menjadi atasannya sendiri."),
    ],
)  # fmt: skip
def test_atasan_bad_input_writes_nothing(cast, login, data, message):
    before = AuditEvent.objects.count()
    r = login("eko").post(reverse("org:pegawai-atasan", args=[cast.charlie.pk]), data)
    assert r.status_code == 200 and message in _text(r)
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.bob and AuditEvent.objects.count() == before


def test_roles_assign_and_revoke(cast, login):
    client = login("eko")
    url = reverse("org:pegawai-roles", args=[cast.dina.pk])
    r = client.post(url, {"aksi": "tambah", "role": "pengelola", "unit": ""})
    assert "Pengelola Kinerja harus ditetapkan untuk satu unit." in _text(r)
    assert not RoleAssignment.objects.filter(user=cast.dina.user).exists()
    r = client.post(url, {"aksi": "tambah", "role": "pengelola", "unit": cast.bidang.pk})
    assert r.status_code == 302
    ra = RoleAssignment.objects.get(user=cast.dina.user)
    assert ra.role == Role.PENGELOLA and ra.unit == cast.bidang
    r = client.post(url, {"aksi": "tambah", "role": "pengelola", "unit": cast.bidang.pk})
    assert "sudah memegang peran tersebut" in _text(r)
    body = _text(client.get(url))
    assert "Pengelola Kinerja" in body and "Bidang Satu" in body
    r = client.post(url, {"aksi": "cabut", "peran": ra.pk}, follow=True)
    assert "dicabut" in _text(r)
    assert not RoleAssignment.objects.filter(user=cast.dina.user).exists()
    assert AuditEvent.objects.filter(action__in=["role.assign", "role.revoke"]).count() == 2


def test_last_admin_cannot_be_revoked(cast, login):
    ra = RoleAssignment.objects.get(user=cast.eko.user, role=Role.ADMIN)
    url = reverse("org:pegawai-roles", args=[cast.eko.pk])
    r = login("eko").post(url, {"aksi": "cabut", "peran": ra.pk}, follow=True)
    assert "Admin Instansi terakhir tidak dapat dicabut" in _text(r)
    assert RoleAssignment.objects.filter(pk=ra.pk).exists()


@pytest.mark.parametrize(
    "name", ["org:pegawai-update", "org:pegawai-move", "org:pegawai-atasan", "org:pegawai-roles"]
)
def test_pegawai_writes_forbidden_to_others(cast, login, name):
    url = reverse(name, args=[cast.charlie.pk])
    assert login("bob").post(url, {"pilihan": "reset"}).status_code == 403
    assert login("gita").post(url, {"pilihan": "reset"}).status_code == 404


# --- pickers --------------------------------------------------------------------------


def test_jabatan_picker(cast, login):
    client = login("eko")
    r = client.get(reverse("org:jabatan-search"), {"field": "parent", "parent": "kepala"}, **HX)
    body = _text(r)
    assert "Kepala Dinas Alfa" in body and "Kepala Bidang Satu" in body and "Staf" not in body
    r = client.get(reverse("org:jabatan-search"), {"field": "parent", "pick": "J-KABID"}, **HX)
    body = _text(r)
    assert 'value="J-KABID"' in body and "✓ Kepala Bidang Satu" in body
    assert client.get(reverse("org:jabatan-search"), {"field": "x'><"}).status_code == 400
    assert client.get(reverse("org:jabatan-search")).status_code == 200  # nothing typed yet


def test_pegawai_picker(cast, login):
    client = login("eko")
    r = client.get(reverse("org:pegawai-search"), {"field": "atasan", "atasan": "alice"}, **HX)
    assert "Alice Wulandari" in _text(r) and "19750101 200003 2 001" in _text(r)
    r = client.get(reverse("org:pegawai-search"), {"field": "atasan", "atasan": "gita"}, **HX)
    assert "Tidak ada yang cocok." in _text(r)  # another agency's people never appear
    assert login("bob").get(reverse("org:pegawai-search"), {"field": "atasan"}).status_code == 403


# --- the staff form and NIPs (issue 11 §7, §8) -----------------------------------------

NON_ASCII = [
    ("arabic-indic twin of charlie", "١٩٩٠٠٥٢٠٢٠١٥٠٣١٠٠٣"),
    ("arabic-indic new person", "١٩٨٦٠٩٢٦ ٢٠١٥٠٥ ١ ٠٠١"),
    ("superscript serial", "19860926 201505 1 00¹"),
    ("superscript year", "19860926 ²⁰¹⁵05 1 001"),
    ("fullwidth", "１９８６０９２６２０１５０５１００１"),
]


def _people() -> tuple:
    return (
        sorted(Pegawai.objects.values_list("pk", "nip", "jenis_kelamin", "tanggal_lahir")),
        sorted(User.objects.values_list("pk", "username")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("label", "nip"), NON_ASCII, ids=[c[0] for c in NON_ASCII])
@pytest.mark.parametrize("page", ["create", "update"])
def test_staff_form_refuses_digits_other_than_ascii(cast, login, label, nip, page):
    before = _people()
    url = (reverse("org:pegawai-create") if page == "create"
           else reverse("org:pegawai-update", args=[cast.charlie.pk]))  # fmt: skip
    r = login("eko").post(url, _pegawai_post(nip=nip, jenis_kelamin="", tanggal_lahir=""))
    assert r.status_code == 200
    assert "NIP hanya boleh berisi angka 0–9" in _text(r)
    assert _people() == before


def test_tambah_pegawai_shows_the_nip_error_on_the_first_submit(cast, login):
    """Other fields wrong as well: every error at once, the NIP's included (the NIP was
    checked only once the rest of the form was valid)."""
    r = login("eko").post(
        reverse("org:pegawai-create"),
        _pegawai_post(nip="198613262015051001", nama="", golongan="", jenis_kelamin=""),
    )
    body = _text(r)
    assert "8 digit pertama NIP bukan tanggal lahir yang sah (19861326)." in body
    assert "Bidang ini harus diisi." in body  # nama


def test_tambah_pegawai_reads_gender_and_birth_date_from_the_nip(cast, login):
    client = login("eko")
    page = _text(client.get(reverse("org:pegawai-create")))
    # Not asked of anyone with a NIP: only inside the non-ASN section, and not required.
    assert page.index('name="jenis_kelamin"') > page.index('id="tanpa-nip"')
    assert 'name="jenis_kelamin" required' not in page
    data = _pegawai_post(
        nip="20001231 2024 21 2 001",
        status="PPPK",
        golongan="V",
        jenis_kelamin="",
        tanggal_lahir="",
        gelar_depan="",
        gelar_belakang="",
    )
    r = client.post(reverse("org:pegawai-create"), data)
    assert r.status_code == 302, _text(r)
    p = Pegawai.objects.get(nip="200012312024212001")
    assert (p.jenis_kelamin, p.tanggal_lahir) == ("P", dt.date(2000, 12, 31))


def test_staff_form_shows_what_the_nip_says(cast, login, django_assert_max_num_queries):
    client = login("eko")
    # after a submit with another error: the NIP's reading is shown, not asked
    r = client.post(reverse("org:pegawai-create"),
                    _pegawai_post(golongan="IX", jenis_kelamin="", tanggal_lahir=""))  # fmt: skip
    body = _text(r)
    assert "bukan golongan/ruang PNS" in body
    assert "Laki-laki" in body and "26-09-1986" in body and "05-2015" in body
    # editing: shown from the stored NIP, and the non-ASN fields are left empty
    body = _text(client.get(reverse("org:pegawai-update", args=[cast.charlie.pk])))
    assert "Laki-laki" in body and "20-05-1990" in body
    assert 'name="tanggal_lahir" value=' not in body
    # while typing (HTMX): the reading, or what is wrong
    url = reverse("org:pegawai-nip-check")
    with django_assert_max_num_queries(8):  # session, user, roles, two NIP lookups
        body = _text(client.get(url, {"nip": "19860926 201505 2 001"}, **HX))
    assert "Perempuan" in body and "26-09-1986" in body
    body = _text(client.get(url, {"nip": "1986092620150"}, **HX))
    assert "NIP harus 18 digit (tertulis 13 digit)." in body
    body = _text(client.get(url, {"nip": "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١"}, **HX))
    assert "0–9" in body
    body = _text(client.get(url, {"nip": cast.dina.nip}, **HX))
    assert "sudah terdaftar di instansi ini (Dina Lestari)" in body
    body = _text(client.get(url, {"nip": cast.charlie.nip, "pegawai": cast.charlie.pk}, **HX))
    assert "sudah terdaftar" not in body and "Laki-laki" in body  # their own NIP
    assert client.get(url, {"nip": "1", "pegawai": cast.gita.pk}, **HX).status_code == 404
    for bad in ("²", "1" * 25, "x"):
        assert client.get(url, {"nip": "1", "pegawai": bad}, **HX).status_code == 400
    assert login("bob").get(url, {"nip": "1"}, **HX).status_code == 403


def test_non_asn_without_nip_gives_gender_in_its_own_section(cast, login):
    client = login("eko")
    data = _pegawai_post(nip="", status="NON_ASN", golongan="", jenis_kelamin="",
                         tanggal_lahir="", jabatan="", tmt_jabatan="")  # fmt: skip
    r = client.post(reverse("org:pegawai-create"), data)
    assert "Isi jenis kelamin" in _text(r)
    assert re.search(r'<details id="tanpa-nip"[^>]* open>', _text(r))  # opens to show it
    r = client.post(reverse("org:pegawai-create"), {**data, "jenis_kelamin": "P"})
    assert r.status_code == 302
    p = Pegawai.objects.get(nama="Budi Hartono")
    assert (p.nip, p.jenis_kelamin, p.user) == (None, "P", None)
    r = client.post(reverse("org:pegawai-create"), {**data, "status": "PNS", "golongan": "III/a"})
    assert "NIP wajib diisi" in _text(r)


def test_staff_form_says_only_that_another_agencys_nip_cannot_be_used(cast, login):
    before = _people()
    r = login("eko").post(
        reverse("org:pegawai-create"),
        _pegawai_post(nip=cast.gita.nip, jenis_kelamin="", tanggal_lahir=""),
    )
    body = _text(r)
    assert f"NIP {cast.gita.nip} tidak dapat digunakan." in body
    for leak in ("instansi lain", "nama pengguna", "Beta", "Gita"):
        assert leak not in body, leak
    assert _people() == before


def test_changing_a_nip_to_one_another_agency_uses_is_a_form_error(cast, login):
    """Was an IntegrityError (500) on the login's unique username; now a clear error and
    nothing half-written (run on SQLite and on PostgreSQL)."""
    before = _people()
    data = _pegawai_post(nip=cast.gita.nip, nama="Charlie Nugroho", gelar_depan="",
                         gelar_belakang="", jenis_kelamin="", tanggal_lahir="")  # fmt: skip
    r = login("eko").post(reverse("org:pegawai-update", args=[cast.charlie.pk]), data)
    assert r.status_code == 200
    assert "tidak dapat digunakan" in _text(r) and "is-invalid" in _text(r)
    assert _people() == before
    # and within the agency, the admin is told whose NIP it is
    r = login("eko").post(reverse("org:pegawai-update", args=[cast.charlie.pk]),
                          {**data, "nip": cast.dina.nip})  # fmt: skip
    assert "sudah terdaftar di instansi ini (Dina Lestari)" in _text(r)
    assert _people() == before


@pytest.mark.parametrize(("label", "nip"), NON_ASCII, ids=[c[0] for c in NON_ASCII])
def test_other_nip_inputs_take_such_digits_without_a_500(cast, login, client, label, nip):
    """The login and the API token (username = NIP), the staff search and the pickers:
    no match, no error."""
    r = client.post(reverse("login"), {"username": nip, "password": "Rahasia-Kinerja-2026"})
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    r = client.post(reverse("api:token"), {"username": nip, "password": "Rahasia-Kinerja-2026",
                                           "name": "uji"})  # fmt: skip
    assert r.status_code == 400
    admin = login("eko")
    assert admin.get(reverse("org:pegawai-list"), {"q": nip}).status_code == 200
    r = admin.get(reverse("org:pegawai-search"), {"field": "atasan", "atasan": nip}, **HX)
    assert r.status_code == 200
    r = admin.post(reverse("org:pegawai-atasan", args=[cast.dina.pk]),
                   {"pilihan": "override", "atasan": nip, "alasan": "uji"})  # fmt: skip
    assert r.status_code == 200 and "tidak ada di instansi ini" in _text(r)


@pytest.mark.parametrize("gelar", ["S.Kom.", "S.Kom., M.T.", "M.Si", ""])
def test_role_messages_end_a_name_with_one_period(cast, login, gelar):
    """issue 11 §7: "… diberikan kepada Dina Lestari, S.Kom.." — the sentence's period
    and the gelar's are one."""
    Pegawai.objects.filter(pk=cast.dina.pk).update(gelar_belakang=gelar)
    client = login("eko")
    url = reverse("org:pegawai-roles", args=[cast.dina.pk])
    name = "Dina Lestari" + (f", {gelar}" if gelar else "")
    end = "" if name.endswith(".") else "."
    r = client.post(url, {"aksi": "tambah", "role": "auditor", "unit": ""}, follow=True)
    assert f"Peran Auditor diberikan kepada {name}{end}<" in _text(r)
    ra = RoleAssignment.objects.get(user=cast.dina.user)
    r = client.post(url, {"aksi": "cabut", "peran": ra.pk}, follow=True)
    assert f"Peran Auditor dicabut dari {name}{end}<" in _text(r)
    assert ".." not in _text(r)
