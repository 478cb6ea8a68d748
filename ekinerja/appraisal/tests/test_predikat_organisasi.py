"""The organisation predikat (rules §1, §2; issue 5 item 3): set by the head one level up
or the Admin Instansi, per unit and period, with a note; audited old → new; refused in a
closed period, for an unknown predikat, and once the results it decides are locked."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ekinerja.appraisal.domain import ratings
from ekinerja.appraisal.models import PeriodePenilaian, PredikatOrganisasi
from ekinerja.appraisal.services.penetapan import predikat_organisasi_set
from ekinerja.core.models import AuditEvent

from .factories import appraisal_world, set_predikat_organisasi
from .test_penetapan import BP, B, crowd, tetapkan

pytestmark = pytest.mark.django_db


def set_po(w, who: str, unit, predikat: str, catatan: str = "") -> PredikatOrganisasi:
    return predikat_organisasi_set(
        actor=w.cast.actor(who),
        unit_id=unit.pk,
        periode_penilaian_id=w.periode.pk,
        predikat=predikat,
        catatan=catatan,
    )


def rows():
    return list(PredikatOrganisasi.objects.values_list("unit_id", "predikat", "catatan"))


@pytest.mark.parametrize(
    ("who", "unit", "allowed"),
    [
        ("eko", "dinas", True),  # Admin Instansi
        ("eko", "bidang", True),
        ("alice", "bidang", True),  # heads Dinas Alfa, one level above Bidang Satu
        ("alice", "dinas", False),  # not her own unit
        ("bob", "bidang", False),
        ("bob", "dinas", False),
        ("charlie", "bidang", False),
        ("fajar", "dinas", False),  # the Auditor reads, never sets
    ],
)
def test_the_head_one_level_up_sets_it(cast, who, unit, allowed):
    w = appraisal_world(cast)
    target = getattr(cast, unit)
    if allowed:
        po = set_po(w, who, target, ratings.ISTIMEWA, "Capaian IKU 112%.")
        assert (po.unit, po.predikat, po.catatan) == (target, ratings.ISTIMEWA, "Capaian IKU 112%.")
        assert po.ditetapkan_oleh == getattr(cast, who).user
    else:
        with pytest.raises(PermissionDenied, match="pimpinan satu tingkat di atasnya"):
            set_po(w, who, target, ratings.ISTIMEWA)
        assert rows() == []


def test_another_agencys_unit_is_not_found(cast):
    w = appraisal_world(cast)
    with pytest.raises(Http404):
        predikat_organisasi_set(
            actor=cast.actor("gita"),
            unit_id=cast.dinas.pk,
            periode_penilaian_id=w.periode.pk,
            predikat=ratings.ISTIMEWA,
        )
    with pytest.raises(Http404):
        set_po(w, "eko", cast.gita.unit, ratings.ISTIMEWA)


@pytest.mark.parametrize(
    ("predikat", "catatan", "field"),
    [
        ("", "", "predikat"),
        ("sangat_baik", "", "predikat"),
        (ratings.ORG_BAIK, "x" * 2001, "catatan"),
    ],
)
def test_bad_input_changes_nothing(cast, predikat, catatan, field):
    w = appraisal_world(cast)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    before = rows()
    with pytest.raises(ValidationError) as e:
        set_po(w, "eko", cast.dinas, predikat, catatan)
    assert field in e.value.message_dict
    assert rows() == before


def test_refused_in_a_closed_period(cast):
    w = appraisal_world(cast)
    PeriodePenilaian.objects.filter(pk=w.periode.pk).update(status="ditutup")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        set_po(w, "eko", cast.dinas, ratings.ISTIMEWA)
    assert rows() == []


def test_a_change_is_audited_old_to_new(cast):
    w = appraisal_world(cast)
    set_po(w, "eko", cast.dinas, ratings.ORG_BAIK, "Awal.")
    po = set_po(w, "eko", cast.dinas, ratings.ISTIMEWA, "Setelah verifikasi IKU.")
    assert PredikatOrganisasi.objects.count() == 1 and po.predikat == ratings.ISTIMEWA
    events = list(AuditEvent.objects.filter(action="predikat_organisasi.set").order_by("pk"))
    assert [e.changes["predikat"] for e in events] == [
        [None, ratings.ORG_BAIK],
        [ratings.ORG_BAIK, ratings.ISTIMEWA],
    ]
    assert events[1].changes["catatan"] == ["Awal.", "Setelah verifikasi IKU."]
    assert events[1].object_repr == "Dinas Alfa · Maret 2026"
    # The same value again is no change and no audit row.
    set_po(w, "eko", cast.dinas, ratings.ISTIMEWA, "Setelah verifikasi IKU.")
    assert AuditEvent.objects.filter(action="predikat_organisasi.set").count() == 2


def test_locked_once_its_curve_is_set_and_free_again_after_a_reopen(cast):
    from ekinerja.appraisal.models import Penetapan
    from ekinerja.appraisal.services.penetapan import penetapan_reopen

    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    tetapkan(w)
    before = rows()
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        set_po(w, "eko", cast.dinas, ratings.ISTIMEWA)
    # Bidang Satu's head (bob) is locked in the Dinas Alfa penetapan: its predikat,
    # which gives his rating hasil kerja, is locked too.
    with pytest.raises(ValidationError, match="Predikat kepala Bidang Satu sudah ditetapkan"):
        set_po(w, "alice", cast.bidang, ratings.ISTIMEWA)
    assert rows() == before
    penetapan_reopen(
        actor=cast.actor("eko"),
        penetapan_id=Penetapan.objects.get().pk,
        alasan="Predikat organisasi perlu dikoreksi.",
    )
    assert set_po(w, "eko", cast.dinas, ratings.ISTIMEWA).predikat == ratings.ISTIMEWA
    assert set_po(w, "alice", cast.bidang, ratings.ORG_BAIK).predikat == ratings.ORG_BAIK
