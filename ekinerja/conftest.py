"""The shared test cast (CONVENTIONS.md): two agencies.

Instansi A ("Kabupaten Alfa"): unit tree Pemkab → Dinas Alfa (OPD) → Bidang Satu.
  alice   — Kepala Dinas (head of Dinas Alfa, JPT Pratama)
  bob     — Kepala Bidang Satu (administrator, head of the bidang); supervisor
  charlie — staff (pelaksana) under bob
  dina    — staff (fungsional Ahli Pertama) under bob
  eko     — Admin Instansi (BKPSDM)
  fajar   — Auditor (Inspektorat)
Instansi B ("Kota Beta"): gita — an outsider.
Plus `root`, a platform admin with no instansi.
Every login's password is PASSWORD.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from ekinerja.core.models import Role, RoleAssignment, User
from ekinerja.core.roles import Actor, actor_for_user
from ekinerja.org.models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from ekinerja.org.services.supervisors import supervisors_recompute

PASSWORD = "Rahasia-Kinerja-2026"


@dataclass
class Cast:
    a: Instansi
    b: Instansi
    pemkab: UnitKerja
    dinas: UnitKerja
    bidang: UnitKerja
    bkpsdm: UnitKerja
    jab_kadis: Jabatan
    jab_kabid: Jabatan
    jab_pelaksana: Jabatan
    jab_fungsional: Jabatan
    alice: Pegawai
    bob: Pegawai
    charlie: Pegawai
    dina: Pegawai
    eko: Pegawai
    fajar: Pegawai
    gita: Pegawai
    root: User

    def actor(self, who: str) -> Actor:
        user = self.root if who == "root" else getattr(self, who).user
        user.refresh_from_db()
        actor = actor_for_user(user)
        assert actor is not None
        return actor

    def user(self, who: str) -> User:
        return self.root if who == "root" else getattr(self, who).user


def _unit(inst: Instansi, kode: str, nama: str, parent: UnitKerja | None, **kw) -> UnitKerja:
    from ekinerja.org.domain import unit_path

    u = UnitKerja.objects.create(instansi=inst, kode=kode, nama=nama, parent=parent, **kw)
    u.path = unit_path(parent.path if parent else "", u.pk)
    u.depth = parent.depth + 1 if parent else 0
    u.save(update_fields=["path", "depth"])
    return u


def _person(
    inst: Instansi,
    username: str,
    nip: str,
    nama: str,
    jabatan: Jabatan | None,
    *,
    status: str = "PNS",
    golongan: str = "III/a",
) -> Pegawai:
    from ekinerja.org.domain import parse_nip

    info = parse_nip(nip)
    user = User.objects.create_user(username=nip, password=PASSWORD, instansi=inst, first_name=nama)
    p = Pegawai.objects.create(
        instansi=inst,
        nip=nip,
        nama=nama,
        jenis_kelamin=info.gender,
        tanggal_lahir=info.birth_date,
        status=status,
        golongan=golongan,
        user=user,
        jabatan=jabatan,
        unit=jabatan.unit if jabatan else None,
        email=f"{username}@example.go.id",
    )
    if jabatan:
        RiwayatJabatan.objects.create(
            instansi=inst,
            pegawai=p,
            jabatan=jabatan,
            jenis="definitif",
            tmt_mulai=dt.date(2020, 1, 1),
        )
    return p


def build_cast() -> Cast:
    a = Instansi.objects.create(
        kode="KAB-ALFA", nama="Pemerintah Kabupaten Alfa", jenis="kabupaten"
    )
    b = Instansi.objects.create(kode="KOTA-BETA", nama="Pemerintah Kota Beta", jenis="kota")
    pemkab = _unit(a, "PEMKAB", "Pemerintah Kabupaten Alfa", None)
    dinas = _unit(a, "DINAS", "Dinas Alfa", pemkab, is_opd=True)
    bidang = _unit(a, "BIDANG1", "Bidang Satu", dinas)
    bkpsdm = _unit(a, "BKPSDM", "BKPSDM", pemkab, is_opd=True)
    jk = Jabatan.objects.create(
        instansi=a, unit=dinas, kode="J-KADIS", nama="Kepala Dinas Alfa",
        jenis="jpt_pratama", eselon="II.b", kelas=14, is_head=True,
    )  # fmt: skip
    jb = Jabatan.objects.create(
        instansi=a, unit=bidang, parent=jk, kode="J-KABID", nama="Kepala Bidang Satu",
        jenis="administrator", eselon="III.b", kelas=11, is_head=True,
    )  # fmt: skip
    jp = Jabatan.objects.create(
        instansi=a, unit=bidang, parent=jb, kode="J-PELAKSANA", nama="Pengadministrasi Umum",
        jenis="pelaksana", kelas=5,
    )  # fmt: skip
    jf = Jabatan.objects.create(
        instansi=a, unit=bidang, parent=jb, kode="J-ANALIS", nama="Analis Kebijakan Ahli Pertama",
        jenis="fungsional", jenjang="ahli_pertama", kelas=8,
    )  # fmt: skip
    ja = Jabatan.objects.create(
        instansi=a, unit=bkpsdm, kode="J-ADMIN", nama="Pranata Komputer", jenis="pelaksana",
        kelas=7,
    )  # fmt: skip
    alice = _person(a, "alice", "197501012000032001", "Alice Wulandari", jk, golongan="IV/b")
    bob = _person(a, "bob", "198003152005011002", "Bob Santoso", jb, golongan="IV/a")
    charlie = _person(a, "charlie", "199005202015031003", "Charlie Nugroho", jp, golongan="II/c")
    dina = _person(a, "dina", "199507072020122004", "Dina Lestari", jf, golongan="III/a")
    eko = _person(a, "eko", "198811112010011005", "Eko Prasetyo", ja, golongan="III/c")
    fajar = _person(a, "fajar", "198502022009031006", "Fajar Hidayat", None, golongan="III/d")
    bb = _unit(b, "PEMKOT", "Pemerintah Kota Beta", None)
    jg = Jabatan.objects.create(instansi=b, unit=bb, kode="J-G", nama="Staf", jenis="pelaksana")
    gita = _person(b, "gita", "199208082018012007", "Gita Permata", jg, golongan="III/a")
    assert eko.user is not None and fajar.user is not None
    RoleAssignment.objects.create(instansi=a, user=eko.user, role=Role.ADMIN)
    RoleAssignment.objects.create(instansi=a, user=fajar.user, role=Role.AUDITOR)
    root = User.objects.create_user(username="root", password=PASSWORD, is_platform_admin=True)
    supervisors_recompute(instansi_id=a.pk)
    supervisors_recompute(instansi_id=b.pk)
    for p in (alice, bob, charlie, dina, eko, fajar, gita):
        p.refresh_from_db()
    return Cast(
        a=a, b=b, pemkab=pemkab, dinas=dinas, bidang=bidang, bkpsdm=bkpsdm,
        jab_kadis=jk, jab_kabid=jb, jab_pelaksana=jp, jab_fungsional=jf,
        alice=alice, bob=bob, charlie=charlie, dina=dina, eko=eko, fajar=fajar, gita=gita,
        root=root,
    )  # fmt: skip


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


@pytest.fixture
def login(client, cast):
    """login("bob") logs the test client in as a member of the cast."""

    def _login(who: str):
        client.force_login(cast.user(who))
        return client

    return _login


@pytest.fixture(autouse=True)
def _bukti_storage(settings, tmp_path_factory):
    """Evidence files of a test go to a temporary directory, never to the repository's
    data/ (settings.STORAGES["bukti"])."""
    root = tmp_path_factory.mktemp("bukti")
    settings.STORAGES = {
        **settings.STORAGES,
        "bukti": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root
