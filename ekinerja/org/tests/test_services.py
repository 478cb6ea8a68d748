import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ekinerja.core.models import AuditEvent, User
from ekinerja.org.models import Pegawai, RiwayatJabatan, UnitKerja
from ekinerja.org.services import pegawai as pegawai_services
from ekinerja.org.services.instansi import instansi_create_with_admin
from ekinerja.org.services.pegawai import pegawai_create, pegawai_update
from ekinerja.org.services.riwayat import pegawai_assign_jabatan
from ekinerja.org.services.supervisors import pegawai_set_atasan
from ekinerja.org.services.units import unit_update

pytestmark = pytest.mark.django_db


def test_cast_supervisors_follow_the_org_chart(cast):
    assert cast.charlie.atasan == cast.bob
    assert cast.dina.atasan == cast.bob
    assert cast.bob.atasan == cast.alice
    assert cast.alice.atasan is None


def test_pegawai_create_validates_and_audits(cast):
    admin = cast.actor("eko")
    p = pegawai_create(
        actor=admin, nip="19860926 201505 1 001", nama="Budi Hartono", jenis_kelamin="L",
        tanggal_lahir=dt.date(1986, 9, 26), status="PNS", golongan="III/b",
        jabatan=cast.jab_pelaksana, tmt_jabatan=dt.date(2024, 1, 2),
    )  # fmt: skip
    assert p.nip == "198609262015051001"
    assert p.user is not None
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
    data: dict[str, Any] = dict(nip="198609262015051001", nama="Budi", jenis_kelamin="L",
                tanggal_lahir=dt.date(1986, 9, 26), status="PNS", golongan="III/b")  # fmt: skip
    if fields.get("nip") == "199005202015031003":
        data.update(jenis_kelamin="L", tanggal_lahir=dt.date(1990, 5, 20))
    data.update(fields)
    before = Pegawai.objects.count()
    with pytest.raises(ValidationError) as e:
        pegawai_create(actor=cast.actor("eko"), **data)
    assert bad in e.value.message_dict
    assert Pegawai.objects.count() == before


def test_only_admin_writes(cast):
    with pytest.raises(PermissionDenied):
        pegawai_update(actor=cast.actor("bob"), pegawai=cast.charlie, nama="X")


def test_move_to_new_position_closes_the_old_one_and_rederives_supervisor(cast):
    admin = cast.actor("eko")
    pegawai_assign_jabatan(
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
    pegawai_assign_jabatan(
        actor=admin, pegawai=cast.bob, jabatan=cast.jab_kadis.__class__.objects.get(kode="J-ADMIN"),
        jenis="definitif", tmt_mulai=dt.date(2025, 1, 1),
    )  # fmt: skip
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.alice
    # dina becomes Plt Kabid: charlie reports to her, and she still reports to alice
    pegawai_assign_jabatan(
        actor=admin, pegawai=cast.dina, jabatan=cast.jab_kabid, jenis="plt",
        tmt_mulai=dt.date(2025, 1, 2),
    )  # fmt: skip
    cast.charlie.refresh_from_db()
    cast.dina.refresh_from_db()
    assert cast.charlie.atasan == cast.dina
    assert cast.dina.atasan == cast.alice


def test_override_and_back(cast):
    admin = cast.actor("eko")
    pegawai_set_atasan(actor=admin, pegawai=cast.charlie, atasan=cast.alice,
                                alasan="Kabid cuti besar")  # fmt: skip
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.alice
    with pytest.raises(ValidationError):
        pegawai_set_atasan(actor=admin, pegawai=cast.charlie, atasan=cast.gita,
                                    alasan="x")  # fmt: skip
    pegawai_set_atasan(actor=admin, pegawai=cast.charlie, atasan=None, alasan="")
    cast.charlie.refresh_from_db()
    assert cast.charlie.atasan == cast.bob
    assert AuditEvent.objects.filter(action="pegawai.atasan").count() == 2


def test_unit_move_rewrites_subtree_paths(cast):
    admin = cast.actor("eko")
    unit_update(actor=admin, unit=cast.dinas, parent=cast.bkpsdm)
    bidang = UnitKerja.objects.get(pk=cast.bidang.pk)
    assert bidang.path.startswith(UnitKerja.objects.get(pk=cast.bkpsdm.pk).path)
    assert bidang.depth == 3
    with pytest.raises(ValidationError):
        unit_update(actor=admin, unit=cast.bkpsdm, parent=bidang)


# --- NIP across agencies, identity from the NIP (issue 11 §7, §8) ----------------------

NEW: dict[str, Any] = dict(
    nama="Budi Hartono", status="PNS", golongan="III/b"
)  # no gender or birth date
BUDI_NIP = "198609262015051001"
UNUSABLE = "tidak dapat digunakan"


def _state(*people: Pegawai) -> tuple:
    """What a refused write must leave as it was: NIPs, logins, audit rows."""
    rows = []
    for p in people:
        p = Pegawai.objects.select_related("user").get(pk=p.pk)
        assert p.user is not None
        rows.append((p.nip, p.jenis_kelamin, p.tanggal_lahir, p.user.username))
    return (tuple(rows), Pegawai.objects.count(), User.objects.count(), AuditEvent.objects.count())


def test_create_derives_gender_and_birth_date_from_the_nip(cast):
    p = pegawai_create(actor=cast.actor("eko"), nip="200012312024212001", nama="Sari",
                                status="PPPK", golongan="V")  # fmt: skip
    assert (p.jenis_kelamin, p.tanggal_lahir) == ("P", dt.date(2000, 12, 31))


def test_update_to_a_new_nip_derives_gender_and_birth_date_again(cast):
    p = pegawai_update(actor=cast.actor("eko"), pegawai=cast.charlie,
                                nip="19910101 201503 2 003", jenis_kelamin="",
                                tanggal_lahir=None)  # fmt: skip
    assert (p.nip, p.jenis_kelamin, p.tanggal_lahir) == (
        "199101012015032003", "P", dt.date(1991, 1, 1))  # fmt: skip
    assert p.user is not None
    assert p.user.username == "199101012015032003"


@pytest.mark.parametrize(
    "nip",
    [
        "١٩٩٠٠٥٢٠٢٠١٥٠٣١٠٠٣",  # charlie's NIP in Arabic-Indic digits: not a second charlie
        "19900520201503100³",
        "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١",  # a new person's NIP in Arabic-Indic digits
        "１９８６０９２６２０１５０５１００１",
    ],
)
def test_create_refuses_digits_other_than_ascii(cast, nip):
    before = _state(cast.charlie)
    with pytest.raises(ValidationError) as e:
        pegawai_create(actor=cast.actor("eko"), nip=nip, **NEW)
    assert "0–9" in e.value.message_dict["nip"][0]
    assert _state(cast.charlie) == before


def test_create_with_a_nip_of_this_agency_says_so(cast):
    with pytest.raises(ValidationError) as e:
        pegawai_create(actor=cast.actor("eko"), nip=cast.charlie.nip, **NEW)
    message = e.value.message_dict["nip"][0]
    assert "sudah terdaftar di instansi ini" in message and "Charlie Nugroho" in message


def test_create_with_a_nip_another_agency_uses_reveals_nothing(cast):
    """Gita works in Kota Beta. Kabupaten Alfa learns only that the NIP cannot be used,
    in the same words as for a login name that is taken by an account with no agency."""
    User.objects.create_user(username=BUDI_NIP)  # e.g. a platform account
    before = _state(cast.gita)
    messages = []
    for nip in (cast.gita.nip, BUDI_NIP):
        with pytest.raises(ValidationError) as e:
            pegawai_create(actor=cast.actor("eko"), nip=nip, **NEW)
        messages.append(e.value.message_dict["nip"][0].replace(nip, "…"))
    assert messages[0] == messages[1] and UNUSABLE in messages[0]
    assert "instansi lain" not in messages[0] and "Beta" not in messages[0]
    assert _state(cast.gita) == before


def test_update_to_a_nip_another_agency_uses_is_a_clean_refusal(cast):
    """Logins are NIPs and unique across agencies: changing charlie's NIP to gita's is
    refused before anything is written (it was an IntegrityError, a 500)."""
    before = _state(cast.charlie, cast.gita)
    with pytest.raises(ValidationError) as e:
        pegawai_update(
            actor=cast.actor("eko"),
            pegawai=cast.charlie,
            nip=cast.gita.nip,
            jenis_kelamin="",
            tanggal_lahir=None,
        )
    assert UNUSABLE in e.value.message_dict["nip"][0]
    assert _state(cast.charlie, cast.gita) == before


def test_update_to_a_nip_of_this_agency_is_refused(cast):
    before = _state(cast.charlie, cast.dina)
    with pytest.raises(ValidationError) as e:
        pegawai_update(
            actor=cast.actor("eko"),
            pegawai=cast.charlie,
            nip=cast.dina.nip,
            jenis_kelamin="",
            tanggal_lahir=None,
        )
    assert "Dina Lestari" in e.value.message_dict["nip"][0]
    assert _state(cast.charlie, cast.dina) == before


@pytest.mark.parametrize("write", ["create", "update"])
def test_a_login_taken_between_check_and_write_is_still_a_clean_refusal(cast, monkeypatch, write):
    """Two admins racing for one NIP: the database's unique login refuses the second, and
    the service turns that into the same form error (SQLite and PostgreSQL)."""
    monkeypatch.setattr(pegawai_services, "pegawai_nip_error", lambda **kw: None)
    before = _state(cast.charlie, cast.gita)
    with pytest.raises(ValidationError) as e:
        if write == "create":
            pegawai_create(actor=cast.actor("eko"), nip=cast.gita.nip, **NEW)
        else:
            pegawai_update(
                actor=cast.actor("eko"),
                pegawai=cast.charlie,
                nip=cast.gita.nip,
                jenis_kelamin="",
                tanggal_lahir=None,
            )
    assert UNUSABLE in e.value.message_dict["nip"][0]
    assert _state(cast.charlie, cast.gita) == before
    # the transaction is still usable afterwards (PostgreSQL aborts it on an error)
    assert Pegawai.objects.filter(pk=cast.charlie.pk).exists()


def test_a_temporary_password_from_the_platform_admin_must_be_changed(cast, client):
    instansi_create_with_admin(
        actor=cast.root,
        admin_username="admin.gamma",
        admin_password="Sementara-Sekali-2026",
        kode="KAB-GAMMA",
        nama="Pemerintah Kabupaten Gamma",
        jenis="kabupaten",
    )
    client.post(reverse("login"), {"username": "admin.gamma", "password": "Sementara-Sekali-2026"})
    assert client.get("/org/")["Location"] == reverse("password_change_required")
