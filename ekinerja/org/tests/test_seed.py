"""The demo generator (seed_demo) and the demo logins (demo_logins)."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from ekinerja.core.models import Role, RoleAssignment, User
from ekinerja.org import domain
from ekinerja.org.models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from ekinerja.org.seeding.demo import build_plan, demo_instansi
from ekinerja.org.seeding.logins import DEMO_PASSWORD, KODE_KADIS, KODE_SEKDA, demo_accounts
from ekinerja.org.seeding.plan import Plan
from ekinerja.org.services.pegawai import PEGAWAI_FIELDS
from ekinerja.org.services.supervisors import supervisors_recompute
from ekinerja.org.services.validation import pegawai_errors

N = 300
# A regency has no JPT Utama/Madya (those are ministries and provinces); every other kind.
REGENCY_JENIS = {
    Jabatan.Jenis.PEJABAT_NEGARA,
    Jabatan.Jenis.JPT_PRATAMA,
    Jabatan.Jenis.ADMINISTRATOR,
    Jabatan.Jenis.PENGAWAS,
    Jabatan.Jenis.PELAKSANA,
    Jabatan.Jenis.FUNGSIONAL,
}
EXPECTED_UNITS = (
    "Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Inspektorat Daerah",
    "Badan Perencanaan Pembangunan Daerah", "Satuan Polisi Pamong Praja",
    "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Sosial", "Dinas Perhubungan",
    "Badan Pengelolaan Keuangan dan Aset Daerah", "Dinas Pertanian",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
)  # fmt: skip


@pytest.fixture
def seeded(db) -> Instansi:
    out = io.StringIO()
    call_command("seed_demo", pegawai=N, seed=7, stdout=out)
    assert "dibuat" in out.getvalue()
    instansi = demo_instansi()
    assert instansi is not None
    return instansi


def accounts(instansi: Instansi) -> dict[str, dict]:
    return {a["role"]: a for a in demo_accounts(instansi)}


def test_regency_is_believable(seeded):
    inst = seeded
    assert (inst.kode, inst.nama, inst.jenis, inst.kota) == (
        "KAB-CONTOH", "Pemerintah Kabupaten Contoh", "kabupaten", "Contoh",
    )  # fmt: skip
    assert inst.zona_waktu == Instansi.ZonaWaktu.WIB
    assert Pegawai.objects.filter(instansi=inst).count() == N
    units = UnitKerja.objects.filter(instansi=inst)
    assert units.filter(parent=None).get().nama == "Pemerintah Kabupaten Contoh"
    assert max(units.values_list("depth", flat=True)) >= 4
    assert units.filter(is_opd=True).count() >= 15
    names = set(units.values_list("nama", flat=True))
    assert set(EXPECTED_UNITS) <= names
    for prefix in ("UPT SD Negeri", "UPT SMP Negeri", "UPTD Puskesmas", "Kecamatan", "Kelurahan"):
        assert any(n.startswith(prefix) for n in names), prefix
    # Paths are materialised: every unit's path is its parent's path plus its own id.
    for u in units.select_related("parent"):
        assert u.path == domain.unit_path(u.parent.path if u.parent else "", u.pk)
    jab = Jabatan.objects.filter(instansi=inst)
    assert set(jab.values_list("jenis", flat=True)) == REGENCY_JENIS
    assert {"terampil", "mahir", "penyelia", "ahli_pertama", "ahli_muda", "ahli_madya"} <= set(
        jab.values_list("jenjang", flat=True)
    )
    kelas: dict[str, set[int | None]] = {j.jenis: set() for j in jab}
    for j in jab:
        kelas[j.jenis].add(j.kelas)
    assert kelas["jpt_pratama"] <= {14, 15}
    assert kelas["administrator"] <= {11, 12}
    assert kelas["pelaksana"] <= {5, 6, 7}
    # Nothing dangling: every deferred foreign key holds.
    connection.check_constraints()


def test_every_nip_parses_and_agrees_with_the_record(seeded):
    people = list(Pegawai.objects.filter(instansi=seeded))
    statuses = Counter(p.status for p in people)
    assert statuses[Pegawai.Status.PNS] > N // 2
    assert statuses[Pegawai.Status.CPNS] > 0 and statuses[Pegawai.Status.PPPK] > 0
    assert statuses[Pegawai.Status.NON_ASN] == 2  # Bupati and Wakil Bupati
    nips = [p.nip for p in people if p.nip]
    assert len(nips) == len(set(nips)) == N - 2
    for p in people:
        assert domain.golongan_error(p.status, p.golongan) is None, p
        assert not pegawai_errors({f: getattr(p, f) for f in PEGAWAI_FIELDS}), p
        if p.status == Pegawai.Status.NON_ASN:
            assert p.nip is None and p.golongan == ""
            continue
        assert p.nip is not None, p
        info = domain.parse_nip(p.nip)
        assert info.gender == p.jenis_kelamin and info.birth_date == p.tanggal_lahir
        assert info.kind == (domain.PPPK if p.status == domain.PPPK else domain.PNS)
        months = (info.appointment_year - info.birth_date.year) * 12 + (
            (info.appointment_month or 12) - info.birth_date.month
        )
        assert months >= 18 * 12, p  # appointed at 18 or older
    assert any(p.gelar_depan for p in people) and any(p.gelar_belakang for p in people)


def test_golongan_follows_the_position(seeded):
    rows = Pegawai.objects.filter(instansi=seeded, status=domain.PNS).select_related("jabatan")
    rank = domain.golongan_rank
    for p in rows:
        j = p.jabatan
        assert j is not None, p
        if j.jenis == Jabatan.Jenis.JPT_PRATAMA:
            assert rank(p.golongan) >= rank("IV/b"), p
        elif j.jenis == Jabatan.Jenis.ADMINISTRATOR:
            assert rank("III/d") <= rank(p.golongan) <= rank("IV/b"), p
        elif j.jenis == Jabatan.Jenis.PELAKSANA:
            assert rank("II/a") <= rank(p.golongan) <= rank("III/c"), p


def test_supervisor_chain_reaches_the_bupati(seeded):
    acc = accounts(seeded)
    bupati = Pegawai.objects.get(instansi=seeded, user__username="bupati")
    staff = Pegawai.objects.get(instansi=seeded, user__username=acc["staff"]["username"])
    chain: list[Pegawai] = []
    node = staff
    while node.atasan_id and len(chain) < 10:
        node = Pegawai.objects.select_related("jabatan").get(pk=node.atasan_id)
        chain.append(node)
    assert [p.jabatan.jenis if p.jabatan else None for p in chain] == [
        "pengawas", "administrator", "jpt_pratama", "pejabat_negara",
    ]  # fmt: skip
    assert chain[-1] == bupati
    assert chain[1].user is not None
    assert chain[1].user.username == acc["kabid"]["username"]
    # Everyone but the Bupati has a supervisor; the plan used the service's rule.
    assert list(Pegawai.objects.filter(instansi=seeded, atasan=None)) == [bupati]
    assert supervisors_recompute(instansi_id=seeded.pk) == 0
    sekda = Pegawai.objects.get(instansi=seeded, jabatan__kode=KODE_SEKDA)
    kadis = Pegawai.objects.get(instansi=seeded, jabatan__kode=KODE_KADIS)
    assert sekda.atasan == bupati and kadis.atasan == bupati


def test_acting_heads_override_and_history(seeded):
    plt = RiwayatJabatan.objects.filter(instansi=seeded, jenis="plt", tmt_selesai=None)
    assert plt.count() >= 2
    kadis_hub = plt.select_related("pegawai").get(jabatan__kode="DISHUB-KEPALA")
    # The Plt Kepala Dinas is penilai of the vacant head's Sekretaris.
    sek = Pegawai.objects.get(instansi=seeded, jabatan__kode="DISHUB-SEK-KEPALA")
    assert sek.atasan_id == kadis_hub.pegawai_id
    assert not Pegawai.objects.filter(jabatan__kode="DISHUB-KEPALA").exists()
    over = Pegawai.objects.get(instansi=seeded, atasan_override__isnull=False)
    assert over.atasan_id == over.atasan_override_id and over.atasan_override_alasan
    closed = RiwayatJabatan.objects.filter(instansi=seeded, tmt_selesai__isnull=False)
    assert closed.exists()
    for r in closed[:20]:
        current = RiwayatJabatan.objects.get(pegawai=r.pegawai, jenis="definitif", tmt_selesai=None)
        assert r.tmt_selesai is not None and r.tmt_selesai < current.tmt_mulai


def test_plan_is_deterministic_and_scales():
    a, b = build_plan(N, seed=5), build_plan(N, seed=5)
    assert a == b
    assert build_plan(N, seed=6).pegawai != a.pegawai
    small, large = build_plan(1500), build_plan(6000)
    assert len(large.pegawai) == 6000

    def schools(plan: Plan) -> int:
        return sum(1 for u in plan.units if u.kode.startswith(("SDN-", "SMPN-")))

    assert schools(large) > 3 * schools(small)
    with pytest.raises(ValueError):
        build_plan(50)


def test_if_empty_does_not_duplicate(seeded):
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "sudah ada" in out.getvalue()
    assert Instansi.objects.filter(kode="KAB-CONTOH").count() == 1
    assert Pegawai.objects.filter(instansi=seeded).count() == N
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("seed_demo", stdout=io.StringIO())


def test_too_small_is_refused_and_writes_nothing(db):
    with pytest.raises(CommandError, match="Minimal"):
        call_command("seed_demo", pegawai=50, stdout=io.StringIO())
    assert not Instansi.objects.exists() and not User.objects.exists()


def test_demo_logins_print_working_credentials(seeded, client):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    acc = accounts(seeded)
    assert {"admin", "auditor", "pengelola", "bupati", "sekda", "kadis", "kabid", "staff",
            "platform"} <= set(acc)  # fmt: skip
    admin = Pegawai.objects.get(
        instansi=seeded,
        user__role_assignments__role=Role.ADMIN,
        user__username=acc["admin"]["username"],
    )
    assert admin.nip is not None and admin.nip in text and DEMO_PASSWORD in text
    for a in acc.values():
        assert a["username"] in text
        assert client.login(username=a["username"], password=DEMO_PASSWORD), a
        client.logout()
    # Through the real login page, as a person would.
    resp = client.post(reverse("login"), {"username": admin.nip, "password": DEMO_PASSWORD})
    assert resp.status_code == 302
    assert client.get(reverse("org:pegawai-list")).status_code == 200
    # The roles are what demo_logins says they are.
    roles = set(RoleAssignment.objects.filter(instansi=seeded).values_list("role", "unit__kode"))
    assert roles == {
        (Role.ADMIN, None), (Role.AUDITOR, None), (Role.PENGELOLA, "DINKES"),
        (Role.PIMPINAN, None),
    }  # fmt: skip
    kabid = Pegawai.objects.get(user__username=acc["kabid"]["username"])
    assert Pegawai.objects.filter(atasan=kabid).exists()
    assert User.objects.get(username="platform").is_platform_admin


def test_demo_logins_without_demo_says_how(db):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()
