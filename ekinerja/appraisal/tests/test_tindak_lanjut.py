"""Tindak lanjut per person (services/tindak_lanjut.py and its page): who may record,
what is refused (and leaves nothing behind), the audit trail, and the page for readers
and recorders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from ekinerja.core.models import AuditEvent, Role, RoleAssignment

from ..models import TindakLanjut
from ..services.tindak_lanjut import tindak_lanjut_add, tindak_lanjut_delete
from .factories import appraisal_world, set_rating

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 4, 10)


def _add(cast, who: str, pegawai: str = "charlie", **kw):
    values: dict[str, Any] = {
        "jenis": "penghargaan",
        "tanggal": DAY,
        "uraian": "Pegawai teladan triwulan I",
    }
    values.update(kw)
    return tindak_lanjut_add(actor=cast.actor(who), pegawai_id=getattr(cast, pegawai).pk, **values)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("bob", True),  # charlie's direct supervisor
        ("eko", True),  # Admin Instansi
        ("alice", False),  # heads the dinas, reads charlie, but is not his supervisor
        ("charlie", False),  # not about oneself
        ("dina", False),  # a colleague
        ("fajar", False),  # the auditor reads, never writes
    ],
)
def test_who_may_record(cast, who, allowed):
    if allowed:
        row = _add(cast, who)
        assert (row.pegawai_id, row.dicatat_oleh_id) == (cast.charlie.pk, cast.user(who).pk)
    else:
        with pytest.raises(PermissionDenied):
            _add(cast, who)
        assert not TindakLanjut.objects.exists()


def test_a_pengelola_of_the_unit_may_record(cast):
    RoleAssignment.objects.create(
        instansi=cast.a, user=cast.fajar.user, role=Role.PENGELOLA, unit=cast.dinas
    )
    assert _add(cast, "fajar").pk
    RoleAssignment.objects.filter(user=cast.fajar.user, role=Role.PENGELOLA).update(
        unit=cast.bkpsdm
    )
    with pytest.raises(PermissionDenied):
        _add(cast, "fajar")


def test_another_agencys_person_is_not_found(cast):
    with pytest.raises(Http404):
        _add(cast, "eko", pegawai="gita")


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"jenis": "hadiah"}, "jenis"),
        ({"uraian": "   "}, "uraian"),
        ({"uraian": "x" * 4001}, "uraian"),
        ({"tanggal": None}, "tanggal"),
    ],
)
def test_bad_input_refused(cast, kw, field):
    with pytest.raises(ValidationError) as e:
        _add(cast, "bob", **kw)
    assert field in e.value.message_dict
    assert (
        not TindakLanjut.objects.exists()
        and not AuditEvent.objects.filter(action="tindak_lanjut.add").exists()
    )


def test_linked_evaluation_must_be_the_persons(cast):
    world = appraisal_world(cast)
    ev = set_rating(world, "charlie", "sesuai", "sesuai")
    row = _add(cast, "bob", evaluasi_id=ev.pk)
    assert row.evaluasi_id == ev.pk
    with pytest.raises(ValidationError) as e:
        _add(cast, "bob", evaluasi_id=world.evaluasi("dina").pk)
    assert e.value.message_dict["evaluasi"] == ["Evaluasi itu bukan evaluasi pegawai ini."]


def test_add_and_delete_are_audited(cast):
    row = _add(cast, "bob", jenis="sanksi", uraian="Teguran lisan")
    event = AuditEvent.objects.get(action="tindak_lanjut.add")
    assert event.changes["uraian"] == [None, "Teguran lisan"]
    with pytest.raises(PermissionDenied):
        tindak_lanjut_delete(actor=cast.actor("dina"), id=row.pk)
    with pytest.raises(PermissionDenied):  # alice reads it but did not record it
        tindak_lanjut_delete(actor=cast.actor("alice"), id=row.pk)
    assert TindakLanjut.objects.filter(pk=row.pk).exists()
    tindak_lanjut_delete(actor=cast.actor("eko"), id=row.pk)
    assert not TindakLanjut.objects.exists()
    event = AuditEvent.objects.get(action="tindak_lanjut.delete")
    assert event.changes["jenis"] == ["sanksi", None]


# --- the page ---------------------------------------------------------------------------


def test_supervisor_sees_form_and_records(cast, login, django_assert_max_num_queries):
    for n in range(5):
        _add(cast, "eko", uraian=f"Nota ke-{n}")
    client = login("bob")
    url = reverse("appraisal:tindak-lanjut-list", args=[cast.charlie.pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Charlie Nugroho" in html and "Catat tindak lanjut" in html
    assert html.count("Nota ke-") == 5
    response = client.post(
        url,
        {"jenis": "pengembangan", "tanggal": "2026-04-11", "uraian": "Diklat kearsipan"},
        follow=True,
    )
    html = response.content.decode()
    assert "Tindak lanjut untuk Charlie Nugroho dicatat." in html and "Diklat kearsipan" in html
    assert TindakLanjut.objects.filter(jenis="pengembangan").count() == 1


def test_htmx_add_returns_the_fragment_and_errors_in_place(cast, login):
    client = login("bob")
    url = reverse("appraisal:tindak-lanjut-list", args=[cast.charlie.pk])
    response = client.post(
        url, {"jenis": "sanksi", "tanggal": "2026-04-11", "uraian": ""}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="tindak-lanjut"' in html and "<html" not in html
    assert "is-invalid" in html
    assert not TindakLanjut.objects.exists()
    response = client.post(
        url,
        {"jenis": "sanksi", "tanggal": "2026-04-11", "uraian": "Teguran"},
        HTTP_HX_REQUEST="true",
    )
    assert "Teguran" in response.content.decode() and TindakLanjut.objects.count() == 1


def test_readers_see_no_form_and_cannot_post(cast, login):
    _add(cast, "bob")
    client = login("alice")
    url = reverse("appraisal:tindak-lanjut-list", args=[cast.charlie.pk])
    html = client.get(url).content.decode()
    assert "Pegawai teladan triwulan I" in html and "Catat tindak lanjut" not in html
    assert "Hapus" not in html
    response = client.post(url, {"jenis": "sanksi", "tanggal": "2026-04-11", "uraian": "x"})
    assert response.status_code == 403
    assert TindakLanjut.objects.count() == 1


def test_delete_through_the_page(cast, login):
    row = _add(cast, "bob")
    client = login("bob")
    response = client.post(reverse("appraisal:tindak-lanjut-delete", args=[row.pk]), follow=True)
    assert "dihapus" in response.content.decode()
    assert not TindakLanjut.objects.exists()
    row = _add(cast, "bob")
    assert (
        login("dina").post(reverse("appraisal:tindak-lanjut-delete", args=[row.pk])).status_code
        == 403
    )
    assert (
        login("gita").post(reverse("appraisal:tindak-lanjut-delete", args=[row.pk])).status_code
        == 404
    )
