"""services.siasn.pegawai_set_siasn_ids: the SIASN person ids of many people at once, by NIP
(issue 11 §5; rules §13 "SIASN's person ids … are reference data the agency loads")."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ekinerja.core.models import AuditEvent
from ekinerja.core.roles import actor_for_user
from ekinerja.org.models import Pegawai
from ekinerja.org.services.siasn import pegawai_set_siasn_ids

pytestmark = pytest.mark.django_db

ID_C = "A8ACA7A4ECE03912E040640A040269BB"
ID_D = "ff80808144245f070144296c81f03198"


def _admin(cast):
    actor = actor_for_user(cast.eko.user)
    assert actor is not None
    return actor


def _ids(cast) -> dict[str | None, str]:
    return dict(Pegawai.objects.filter(instansi=cast.a).values_list("nip", "siasn_id"))


def test_sets_ids_by_nip_and_audits_each_person(cast):
    result = pegawai_set_siasn_ids(
        actor=_admin(cast),
        mapping={"19900520 201503 1 003": ID_C, cast.dina.nip: ID_D},  # spaces are ignored
    )
    ids = _ids(cast)
    assert ids[cast.charlie.nip] == ID_C and ids[cast.dina.nip] == ID_D
    assert [c.nip for c in result.diisi] == [cast.charlie.nip, cast.dina.nip]
    assert (result.diganti, result.bentrok, result.dipakai, result.tidak_ditemukan) == (
        [],
        [],
        [],
        [],
    )
    events = AuditEvent.objects.filter(action="pegawai.update", object_type="org.pegawai")
    assert {(e.object_id, tuple(e.changes["siasn_id"])) for e in events} == {
        (str(cast.charlie.pk), (None, ID_C)),
        (str(cast.dina.pk), (None, ID_D)),
    }
    assert all(e.instansi_id == cast.a.pk and e.actor_id == cast.eko.user_id for e in events)


def test_an_existing_different_id_is_kept_unless_replace(cast):
    Pegawai.objects.filter(pk=cast.charlie.pk).update(siasn_id="OLD-ID")
    kept = pegawai_set_siasn_ids(actor=_admin(cast), mapping={cast.charlie.nip: ID_C})
    assert _ids(cast)[cast.charlie.nip] == "OLD-ID"
    assert [(c.lama, c.baru) for c in kept.bentrok] == [("OLD-ID", ID_C)]
    assert not AuditEvent.objects.filter(action="pegawai.update").exists()

    replaced = pegawai_set_siasn_ids(
        actor=_admin(cast), mapping={cast.charlie.nip: ID_C}, replace=True
    )
    assert _ids(cast)[cast.charlie.nip] == ID_C
    assert [(c.lama, c.baru) for c in replaced.diganti] == [("OLD-ID", ID_C)]
    again = pegawai_set_siasn_ids(actor=_admin(cast), mapping={cast.charlie.nip: ID_C})
    assert again.sama == 1 and not again.diisi
    assert AuditEvent.objects.filter(action="pegawai.update").count() == 1


def test_unknown_nips_and_other_agencies_people_are_reported_not_written(cast):
    result = pegawai_set_siasn_ids(
        actor=_admin(cast), mapping={cast.gita.nip: ID_C, "198609262015051001": ID_D}
    )
    assert sorted(result.tidak_ditemukan) == sorted([cast.gita.nip, "198609262015051001"])
    assert Pegawai.objects.get(pk=cast.gita.pk).siasn_id == ""


def test_an_id_held_by_someone_else_is_not_given_twice(cast):
    Pegawai.objects.filter(pk=cast.dina.pk).update(siasn_id=ID_C)
    result = pegawai_set_siasn_ids(actor=_admin(cast), mapping={cast.charlie.nip: ID_C})
    assert [(c.nip, c.baru) for c in result.dipakai] == [(cast.charlie.nip, ID_C)]
    assert _ids(cast)[cast.charlie.nip] == ""
    # …but a swap in one file is fine when replacing
    pegawai_set_siasn_ids(
        actor=_admin(cast), mapping={cast.charlie.nip: ID_C, cast.dina.nip: ID_D}, replace=True
    )
    ids = _ids(cast)
    assert (ids[cast.charlie.nip], ids[cast.dina.nip]) == (ID_C, ID_D)


@pytest.mark.parametrize(
    "mapping, key",
    [
        ({"12345": ID_C}, "nip"),  # not a NIP
        ({"199005202015031003": "bad id with spaces"}, "siasn_id"),
        ({"199005202015031003": "x" * 65}, "siasn_id"),
        ({"199005202015031003": ""}, "siasn_id"),
        ({"199005202015031003": ID_C, "199507072020122004": ID_C}, "siasn_id"),  # twice
    ],
)
def test_bad_input_writes_nothing(cast, mapping, key):
    with pytest.raises(ValidationError) as e:
        pegawai_set_siasn_ids(actor=_admin(cast), mapping=mapping)
    assert key in e.value.message_dict
    assert set(_ids(cast).values()) == {""}
    assert not AuditEvent.objects.exists()


def test_only_the_admin_instansi(cast):
    with pytest.raises(PermissionDenied):
        pegawai_set_siasn_ids(
            actor=actor_for_user(cast.fajar.user), mapping={cast.charlie.nip: ID_C}
        )


def test_a_swap_works_whatever_the_order_of_the_nips(cast):
    # dina's NIP sorts after charlie's: she gives up her id after charlie asked for it
    Pegawai.objects.filter(pk=cast.charlie.pk).update(siasn_id=ID_D)
    Pegawai.objects.filter(pk=cast.dina.pk).update(siasn_id=ID_C)
    pegawai_set_siasn_ids(
        actor=_admin(cast), mapping={cast.dina.nip: ID_D, cast.charlie.nip: ID_C}, replace=True
    )
    ids = _ids(cast)
    assert (ids[cast.charlie.nip], ids[cast.dina.nip]) == (ID_C, ID_D)
