"""services.mesin: devices registered, changed and deactivated by the Admin Instansi
(serials unique across the platform), PINs mapped to people, and punches held under an
unknown PIN given their person later — the one change ever made to a raw punch,
audited, with the days recomputed (issue 13 §3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ekinerja.core.models import AuditEvent

from ..models import Mesin, PinPegawai, Presensi
from ..services import mesin as services
from .factories import MONDAY, REGISTERED, at, make_mesin, status

pytestmark = pytest.mark.django_db


def test_register_update_deactivate(cast):
    eko = cast.actor("eko")
    m = services.mesin_register(
        actor=eko,
        unit=cast.bidang,
        nomor_seri=" BOCK194960264 ",
        nama="Lobi",
        terdaftar_pada=REGISTERED,
    )
    assert (m.nomor_seri, m.zona_waktu, m.batas_offline_menit) == (
        "BOCK194960264",
        "Asia/Jakarta",
        1440,
    )
    created = AuditEvent.objects.get(action="mesin.create")
    assert created.changes["nomor_seri"] == "BOCK194960264"
    services.mesin_update(
        actor=eko,
        mesin=m,
        unit=cast.dinas,
        nomor_seri="BOCK194960264",
        nama="Lobi utama",
        zona_waktu="Asia/Makassar",
        terdaftar_pada=REGISTERED,
        batas_offline_menit=60,
    )
    changed = AuditEvent.objects.get(action="mesin.update")
    assert changed.changes["zona_waktu"] == ["Asia/Jakarta", "Asia/Makassar"]
    assert set(changed.changes) == {"unit", "nama", "zona_waktu", "batas_offline_menit"}
    services.mesin_deactivate(actor=eko, mesin=m)
    services.mesin_deactivate(actor=eko, mesin=m)  # twice: one event
    assert Mesin.objects.get().aktif is False
    assert AuditEvent.objects.filter(action="mesin.deactivate").count() == 1


def test_serial_is_unique_across_agencies_and_checked(cast):
    make_mesin(cast, "SNBETA01", unit=cast.gita.unit)
    eko = cast.actor("eko")
    with pytest.raises(ValidationError) as e:
        services.mesin_register(actor=eko, unit=cast.bidang, nomor_seri="SNBETA01", nama="X")
    assert e.value.message_dict["nomor_seri"] == ["Nomor seri ini sudah terdaftar."]
    with pytest.raises(ValidationError) as e:
        services.mesin_register(
            actor=eko,
            unit=cast.gita.unit,
            nomor_seri="a b",
            nama="",
            zona_waktu="UTC",
            batas_offline_menit=1,
        )
    assert set(e.value.message_dict) == {
        "unit",
        "nomor_seri",
        "nama",
        "zona_waktu",
        "batas_offline_menit",
    }
    with pytest.raises(PermissionDenied):
        services.mesin_register(
            actor=cast.actor("fajar"), unit=cast.bidang, nomor_seri="SN2", nama="X"
        )
    assert Mesin.objects.filter(instansi=cast.a).count() == 0


def test_a_held_pin_is_mapped_later_and_the_days_recomputed(cast):
    m = make_mesin(cast)
    held = [
        Presensi.objects.create(
            instansi=cast.a, mesin=m, pin="77", waktu=at(MONDAY, t), status=s, sumber="adms"
        )
        for t, s in (("07:20:00", 0), ("16:05:00", 1))
    ]
    other = Presensi.objects.create(
        instansi=cast.a, mesin=m, pin="78", waktu=at(MONDAY, "07:00:00"), sumber="adms"
    )
    row = services.pin_set(actor=cast.actor("eko"), pin="77", pegawai=cast.dina)
    assert PinPegawai.objects.get().pk == row.pk
    for p in held:
        before = (p.pin, p.waktu, p.status, p.sumber)
        p.refresh_from_db()
        assert p.pegawai_id == cast.dina.pk
        assert (p.pin, p.waktu, p.status, p.sumber) == before  # nothing else changes
    other.refresh_from_db()
    assert other.pegawai_id is None
    day = status(cast, "dina", MONDAY)
    assert day.status == "hadir" and sorted(day.presensi) == sorted(p.pk for p in held)
    mapped = AuditEvent.objects.get(action="presensi.map_pin")
    assert mapped.changes == {"pin": "77", "jumlah": 2}
    assert AuditEvent.objects.get(action="pin.set").changes["pegawai"][1].startswith("Dina")


def test_moving_a_pin_keeps_punches_already_given(cast):
    eko = cast.actor("eko")
    m = make_mesin(cast)
    services.pin_set(actor=eko, pin="12", pegawai=cast.charlie)
    p = Presensi.objects.create(
        instansi=cast.a,
        mesin=m,
        pin="12",
        pegawai=cast.charlie,
        waktu=at(MONDAY, "07:00:00"),
        sumber="adms",
    )
    services.pin_set(actor=eko, pin="12", pegawai=cast.dina)
    p.refresh_from_db()
    assert p.pegawai_id == cast.charlie.pk
    assert PinPegawai.objects.get().pegawai_id == cast.dina.pk
    services.pin_unset(actor=eko, pin=PinPegawai.objects.get())
    assert not PinPegawai.objects.exists()
    assert [e.action for e in AuditEvent.objects.order_by("pk")] == [
        "pin.set",
        "pin.set",
        "pin.unset",
    ]


def test_pin_refusals(cast):
    eko = cast.actor("eko")
    with pytest.raises(ValidationError):
        services.pin_set(actor=eko, pin="1 2", pegawai=cast.dina)
    with pytest.raises(ValidationError):
        services.pin_set(actor=eko, pin="12", pegawai=cast.gita)
    with pytest.raises(PermissionDenied):
        services.pin_set(actor=cast.actor("bob"), pin="12", pegawai=cast.dina)
    assert not PinPegawai.objects.exists()
