import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ekinerja.core.models import AuditEvent
from ekinerja.org import services
from ekinerja.org.models import Pegawai, RiwayatJabatan, UnitKerja

pytestmark = pytest.mark.django_db


def test_cast_supervisors_follow_the_org_chart(cast):
    assert cast.charlie.atasan == cast.bob
    assert cast.dina.atasan == cast.bob
    assert cast.bob.atasan == cast.alice
    assert cast.alice.atasan is None


def test_pegawai_create_validates_and_audits(cast):
    admin = cast.actor("eko")
    p = services.pegawai_create(
        actor=admin, nip="19860926 201505 1 001", nama="Budi Hartono", jenis_kelamin="L",
        tanggal_lahir=dt.date(1986, 9, 26), status="PNS", golongan="III/b",
        jabatan=cast.jab_pelaksana, tmt_jabatan=dt.date(2024, 1, 2),
    )  # fmt: skip
    assert p.nip == "198609262015051001"
    assert p.user.username == p.nip and not p.user.has_usable_password()
    assert p.atasan == cast.bob and p.unit == cast.bidang
    assert AuditEvent.objects.filter(action="pegawai.create", object_id=str(p.pk)).exists()


@pytest.mark.parametrize(
    "fields,bad",
    [
        ({"nip": "198613262015051001"}, "nip"),
        ({"jenis_kelamin": "P"}, "jenis_kelamin"),
        ({"tanggal_lahir": dt.date(1986, 9, 27)}, "tanggal_lahir"),
        ({"golongan": "IX"}, "golongan"),
        ({"nip": "199005202015031003"}, "nip"),  # charlie's NIP: duplicate
    ],
)
def test_pegawai_create_refuses_bad_input_and_writes_nothing(cast, fields, bad):
    data = dict(nip="198609262015051001", nama="Budi", jenis_kelamin="L",
                tanggal_lahir=dt.date(1986, 9, 26), status="PNS", golongan="III/b")  # fmt: skip
    if fields.get("nip") == "199005202015031003":
        data.update(jenis_kelamin="L", tanggal_lahir=dt.date(1990, 5, 20))
    data.update(fields)
    before = Pegawai.objects.count()
    with pytest.raises(ValidationError) as e:
        services.pegawai_create(actor=cast.actor("eko"), **data)
    assert bad in e.value.message_dict
    assert Pegawai.objects.count() == before


def test_only_admin_writes(cast):
    with pytest.raises(PermissionDenied):
        services.pegawai_update(actor=cast.actor("bob"), pegawai=cast.charlie, nama="X")


def test_move_to_new_position_closes_the_old_one_and_rederives_supervisor(cast):
    admin = cast.actor("eko")
    services.pegawai_assign_jabatan(
        actor=admin, pegawai=cast.charlie, jabatan=cast.jab_kabid.__class__.objects.get(
            kode="J-ADMIN"), jenis="definitif", tmt_mulai=dt.date(2025, 3, 1),
    )  # fmt: skip
    cast.charlie.refresh_from_db()
    assert cast.charlie.unit == cast.bkpsdm
    rows = RiwayatJabatan.objects.filter(pegawai=cast.charlie).order_by("tmt_mulai")
    assert [r.tmt_selesai for r in rows] == [dt.date(2025, 2, 28), None]


def test_plt_fills_vacant_head(cast):
    admin = cast.actor("eko")
    # bob leaves the Kabid position: his staff report to the Kadis
    services.pegawai_assign_jabatan(
        actor=admin, pegawai=cast.bob, jabatan=cast.jab_kadis.__class__.objects.get(kode="J-ADMIN"),
        jenis="definitif", tmt_mulai=dt.date(2025, 1, 1),
    )  # fmt: skip
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.alice
    # dina becomes Plt Kabid: charlie reports to her, and she still reports to alice
    services.pegawai_assign_jabatan(
        actor=admin, pegawai=cast.dina, jabatan=cast.jab_kabid, jenis="plt",
        tmt_mulai=dt.date(2025, 1, 2),
    )  # fmt: skip
    cast.charlie.refresh_from_db()
    cast.dina.refresh_from_db()
    assert cast.charlie.atasan == cast.dina
    assert cast.dina.atasan == cast.alice


def test_override_and_back(cast):
    admin = cast.actor("eko")
    services.pegawai_set_atasan(actor=admin, pegawai=cast.charlie, atasan=cast.alice,
                                alasan="Kabid cuti besar")  # fmt: skip
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.alice
    with pytest.raises(ValidationError):
        services.pegawai_set_atasan(actor=admin, pegawai=cast.charlie, atasan=cast.gita,
                                    alasan="x")  # fmt: skip
    services.pegawai_set_atasan(actor=admin, pegawai=cast.charlie, atasan=None, alasan="")
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.bob
    assert AuditEvent.objects.filter(action="pegawai.atasan").count() == 2


def test_unit_move_rewrites_subtree_paths(cast):
    admin = cast.actor("eko")
    services.unit_update(actor=admin, unit=cast.dinas, parent=cast.bkpsdm)
    bidang = UnitKerja.objects.get(pk=cast.bidang.pk)
    assert bidang.path.startswith(UnitKerja.objects.get(pk=cast.bkpsdm.pk).path)
    assert bidang.depth == 3
    with pytest.raises(ValidationError):
        services.unit_update(actor=admin, unit=cast.bkpsdm, parent=bidang)
