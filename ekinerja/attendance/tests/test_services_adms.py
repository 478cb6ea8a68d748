"""services.adms: a device pushes by its registered serial only; its ATTLOG lines are
stored once (a re-push adds nothing), unknown PINs held, the clock checked against its
latest punch, the days recomputed, the device seen; an outsider agency's device cannot
push into ours (issue 13 §3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from ..models import Mesin, Presensi, StatusHarian
from ..services import adms
from .factories import MONDAY, at, make_mesin, status

pytestmark = pytest.mark.django_db

D = MONDAY.isoformat()
NOW = at(MONDAY, "18:00:00")


def _body(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def test_push_stores_once_and_recomputes(cast):
    m = make_mesin(cast)
    body = _body(
        f"{cast.charlie.nip}\t{D} 07:29:59\t0\t1\t0",
        f"{cast.charlie.nip}\t{D} 16:00:00\t1\t1\t0",
        f"4242\t{D} 07:00:00\t0\t1\t0",
        "garbage",
    )
    result = adms.adms_push(serial="SNALFA001", table="ATTLOG", body=body, now=NOW)
    assert (result.lines, result.new, result.present, result.bad) == (4, 3, 0, 1)
    assert Presensi.objects.filter(sumber="adms").count() == 3
    assert Presensi.objects.get(pin="4242").pegawai_id is None
    assert status(cast, "charlie", MONDAY).status == "hadir"
    m.refresh_from_db()
    assert m.terakhir_terlihat == NOW
    again = adms.adms_push(serial="SNALFA001", table="ATTLOG", body=body, now=NOW)
    assert (again.new, again.present) == (0, 3)
    assert Presensi.objects.count() == 3


def test_clock_checked_against_the_latest_stored_punch(cast):
    make_mesin(cast)
    adms.adms_push(serial="SNALFA001", table="ATTLOG", now=NOW, body=_body(f"1\t{D} 17:00:00\t0"))
    adms.adms_push(
        serial="SNALFA001",
        table="ATTLOG",
        now=NOW,
        body=_body(f"2\t{D} 09:00:00\t0", f"3\t{D} 19:30:00\t0"),
    )
    flags = dict(Presensi.objects.values_list("pin", "tanda"))
    assert flags == {"1": [], "2": ["mundur"], "3": ["masa_depan"]}


def test_other_tables_and_heartbeat_only_mark_the_device_seen(cast):
    m = make_mesin(cast)
    result = adms.adms_push(serial="SNALFA001", table="OPERLOG", body="OPLOG 4\t0\t...", now=NOW)
    assert result.new == 0 and not Presensi.objects.exists()
    later = NOW + dt.timedelta(minutes=5)
    adms.adms_heartbeat(serial="SNALFA001", now=later)
    m.refresh_from_db()
    assert m.terakhir_terlihat == later


def test_unknown_or_inactive_serials_are_refused(cast):
    make_mesin(cast, "SNOFF", aktif=False)
    for serial in ("", "NOPE", "SNOFF"):
        with pytest.raises(PermissionDenied):
            adms.adms_push(serial=serial, table="ATTLOG", body=_body(f"1\t{D} 07:00:00\t0"))
        with pytest.raises(PermissionDenied):
            adms.adms_heartbeat(serial=serial)
    assert not Presensi.objects.exists()
    assert Mesin.objects.get().terakhir_terlihat is None


def test_an_outsiders_device_cannot_push_into_our_agency(cast):
    """Gita's agency registered SNBETA01; a push with it stores into agency B only, and
    our staff's NIPs do not map there."""
    make_mesin(cast, "SNBETA01", unit=cast.gita.unit)
    adms.adms_push(
        serial="SNBETA01",
        table="ATTLOG",
        now=NOW,
        body=_body(f"{cast.charlie.nip}\t{D} 07:00:00\t0", f"{cast.gita.nip}\t{D} 07:05:00\t0"),
    )
    assert not Presensi.objects.filter(instansi=cast.a).exists()
    rows = dict(Presensi.objects.filter(instansi=cast.b).values_list("pin", "pegawai_id"))
    assert rows == {cast.charlie.nip: None, cast.gita.nip: cast.gita.pk}
    assert not StatusHarian.objects.filter(instansi=cast.a).exists()
