"""Penetapan (rules §2; issue 5 item 4 and "Bad input"): refused while the curve fails,
while people are unrated, without an organisation predikat, or while a unit head's
rating disagrees with their unit's predikat — with a message that says which rule and
by how many people, and nothing changed. On success one UPDATE locks the unit; after it
nothing changes except through an audited reopen by the Admin Instansi.

The Dinas Alfa curve counts bob, charlie and dina (n = 3); `crowd` adds people to it
(extra evaluations in the same curve) for the n = 10 and n = 57 cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from ekinerja.appraisal.domain import evaluation, ratings
from ekinerja.appraisal.models import Evaluasi, Penetapan, PeriodePenilaian
from ekinerja.appraisal.services import penetapan as services
from ekinerja.appraisal.services.penetapan import penetapan_create, penetapan_reopen
from ekinerja.core.models import AuditEvent, Notification, Role, RoleAssignment
from ekinerja.plans.models import SKP

from .factories import AppraisalWorld, appraisal_world, set_predikat_organisasi, set_rating

pytestmark = pytest.mark.django_db

SB, B, BP, K, SK = (
    ratings.SANGAT_BAIK,
    ratings.BAIK,
    ratings.BUTUH_PERBAIKAN,
    ratings.KURANG,
    ratings.SANGAT_KURANG,
)
# A pair of ratings for each predikat (rules §1 matrix).
RATINGS = {
    SB: (ratings.DI_ATAS, ratings.DI_ATAS),
    B: (ratings.SESUAI, ratings.SESUAI),
    BP: (ratings.DI_BAWAH, ratings.SESUAI),
    K: (ratings.SESUAI, ratings.DI_BAWAH),
    SK: (ratings.DI_BAWAH, ratings.DI_BAWAH),
}
TEAM = ("bob", "charlie", "dina")


def spread(**counts: int) -> list[str]:
    """spread(sangat_baik=7, baik=3) → the list of 10 predikat, best first."""
    return [p for p in ratings.PREDIKAT for _ in range(counts.get(p, 0))]


def crowd(w: AppraisalWorld, predikat: list[str | None]) -> None:
    """Rate bob, charlie and dina with the first three predikat (None: leave unrated),
    and add one evaluation to the Dinas Alfa curve for each of the rest: draft SKP
    copies of charlie's, rated by bob (bulk, no service)."""
    for who, p in zip(TEAM, predikat[:3], strict=False):
        if p is not None:
            set_rating(w, who, *RATINGS[p])
    extra = predikat[3:]
    if not extra:
        return
    base = w.evaluasi("charlie")
    skp = base.skp
    copies = SKP.objects.bulk_create(
        [
            SKP(
                instansi=skp.instansi,
                pegawai=skp.pegawai,
                jabatan=skp.jabatan,
                periode=skp.periode,
                tanggal_mulai=skp.tanggal_mulai,
                tanggal_selesai=skp.tanggal_selesai,
                penilai=skp.penilai,
                status="draft",
            )
            for _ in extra
        ]
    )
    rows = []
    for copy, p in zip(copies, extra, strict=True):
        hk, pk = RATINGS[p] if p else ("", "")
        rows.append(
            Evaluasi(
                instansi=base.instansi,
                skp=copy,
                periode_penilaian=w.periode,
                pegawai=base.pegawai,
                penilai=base.penilai,
                jabatan=base.jabatan,
                unit=base.unit,
                unit_kurva=base.unit_kurva,
                dalam_kurva=True,
                snapshot=base.snapshot,
                status=evaluation.EVALUASI_DINILAI if p else evaluation.EVALUASI_DRAFT,
                rating_hasil_kerja=hk,
                rating_perilaku=pk,
                predikat=p or "",
            )
        )
    Evaluasi.objects.bulk_create(rows)


def state(w: AppraisalWorld) -> dict:
    """Everything a refused penetapan must leave as it was."""
    return {
        "evaluasi": sorted(
            Evaluasi.objects.filter(periode_penilaian=w.periode).values_list(
                "pk", "status", "predikat", "ditetapkan_at"
            )
        ),
        "penetapan": list(Penetapan.objects.values_list("pk", "status")),
        "audit": AuditEvent.objects.filter(action__startswith="penetapan.").count(),
    }


def tetapkan(w: AppraisalWorld, who: str = "alice") -> Penetapan:
    return penetapan_create(
        actor=w.cast.actor(who), unit_id=w.cast.dinas.pk, periode_penilaian_id=w.periode.pk
    )


def refusal(w: AppraisalWorld, who: str = "alice") -> str:
    before = state(w)
    with pytest.raises(ValidationError) as e:
        tetapkan(w, who)
    assert state(w) == before, "a refused penetapan changed something"
    return " ".join(e.value.messages)


# --- the curve, per organisation predikat (rules §2 worked examples at n = 10) ---------

CURVE_CASES = [
    # (org predikat, staff predikat, None = passes / the text of the failing rule)
    (ratings.ISTIMEWA, spread(sangat_baik=7, baik=3), None),
    (
        ratings.ISTIMEWA,
        spread(sangat_baik=8, baik=2),
        "Sangat Baik paling banyak 7 orang: ada 8 orang, kelebihan 1 orang.",
    ),
    (ratings.ORG_BAIK, spread(sangat_baik=2, baik=7, butuh_perbaikan=1), None),
    (
        ratings.ORG_BAIK,
        spread(sangat_baik=3, baik=7),
        "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang: ada 0 orang, kurang 1 orang.",
    ),
    (
        ratings.ORG_BAIK,
        spread(baik=8, kurang=2),
        "Baik paling banyak 7 orang: ada 8 orang, kelebihan 1 orang.",
    ),
    (ratings.ORG_BUTUH_PERBAIKAN, spread(sangat_baik=1, baik=3, butuh_perbaikan=6), None),
    (
        ratings.ORG_BUTUH_PERBAIKAN,
        spread(baik=5, butuh_perbaikan=5),
        "Butuh Perbaikan paling sedikit 6 orang: ada 5 orang, kurang 1 orang.",
    ),
    (
        ratings.ORG_BUTUH_PERBAIKAN,
        spread(sangat_baik=2, baik=2, butuh_perbaikan=6),
        "Sangat Baik paling banyak 1 orang: ada 2 orang, kelebihan 1 orang.",
    ),
    (ratings.ORG_KURANG, spread(sangat_baik=1, baik=2, butuh_perbaikan=1, kurang=6), None),
    (
        ratings.ORG_KURANG,
        spread(baik=4, butuh_perbaikan=1, kurang=5),
        "Kurang/Misconduct paling sedikit 6 orang: ada 5 orang, kurang 1 orang.",
    ),
    (
        ratings.ORG_KURANG,
        spread(baik=4, kurang=6),
        "Butuh Perbaikan paling sedikit 1 orang: ada 0 orang, kurang 1 orang.",
    ),
    (ratings.ORG_SANGAT_KURANG, spread(baik=3, kurang=1, sangat_kurang=6), None),
    (
        ratings.ORG_SANGAT_KURANG,
        spread(sangat_baik=1, baik=3, sangat_kurang=6),
        "Sangat Baik paling banyak 0 orang: ada 1 orang, kelebihan 1 orang.",
    ),
    (
        ratings.ORG_SANGAT_KURANG,
        spread(baik=5, sangat_kurang=5),
        "Sangat Kurang paling sedikit 6 orang: ada 5 orang, kurang 1 orang.",
    ),
]


@pytest.mark.parametrize(
    ("org", "predikat", "failure"),
    CURVE_CASES,
    ids=[
        f"{org}-{'pass' if f is None else 'fail'}-{i}" for i, (org, _p, f) in enumerate(CURVE_CASES)
    ],
)
def test_penetapan_follows_the_curve_of_the_org_predikat(cast, org, predikat, failure):
    assert len(predikat) == 10
    w = appraisal_world(cast)
    crowd(w, predikat)
    set_predikat_organisasi(w, cast.dinas, org)
    if failure is not None:
        message = refusal(w)
        assert failure in message
        assert ratings.PREDIKAT_ORGANISASI_LABELS[org] in message
        return
    p = tetapkan(w)
    counted = Evaluasi.objects.filter(periode_penilaian=w.periode, unit_kurva=cast.dinas)
    assert set(counted.filter(dalam_kurva=True).values_list("status", flat=True)) == {
        evaluation.EVALUASI_DITETAPKAN
    }
    assert p.status == Penetapan.Status.DITETAPKAN and p.predikat_organisasi == org
    assert p.jumlah == {q: predikat.count(q) for q in ratings.PREDIKAT}
    assert p.jumlah_evaluasi == 10  # alice (unrated, outside the curve) is not locked
    assert p.ditetapkan_oleh == cast.alice.user and p.aturan_versi == 0


@pytest.mark.parametrize(
    ("org", "predikat", "ok"),
    [
        # n = 3: Baik allows floor(0.7·3) = 2 Baik and needs one BP or Kurang.
        (ratings.ORG_BAIK, [B, B, BP], True),
        (ratings.ORG_BAIK, [B, B, B], False),
        (ratings.ISTIMEWA, [SB, SB, B], True),
        (ratings.ISTIMEWA, [SB, SB, SB], False),
        (ratings.ORG_BUTUH_PERBAIKAN, [BP, BP, B], True),  # ceil(0.6·3) = 2
        (ratings.ORG_BUTUH_PERBAIKAN, [BP, B, B], False),
        (ratings.ORG_KURANG, [K, K, BP], True),
        (ratings.ORG_KURANG, [K, K, SB], False),  # SB ≤ floor(0.3) = 0, BP ≥ ceil(0.3) = 1
        (ratings.ORG_SANGAT_KURANG, [SK, SK, K], True),
        (ratings.ORG_SANGAT_KURANG, [SK, SK, SK], False),
    ],
)
def test_penetapan_at_n_3(cast, org, predikat, ok):
    w = appraisal_world(cast)
    crowd(w, predikat)
    set_predikat_organisasi(w, cast.dinas, org)
    if ok:
        assert tetapkan(w).jumlah_evaluasi == 3
    else:
        assert "tidak terpenuhi" in refusal(w)


# --- the other refusals ------------------------------------------------------------------


def test_refused_while_people_are_unrated_naming_them(cast):
    w = appraisal_world(cast)
    crowd(w, [B, None, None])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    message = refusal(w)
    assert "2 pegawai belum dinilai oleh pejabat penilainya: Charlie Nugroho, Dina Lestari." in (
        message
    )


def test_an_unrated_list_names_ten_and_counts_the_rest(cast):
    w = appraisal_world(cast)
    crowd(w, [B, None, B] + [None] * 12)  # charlie and 12 more unrated
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    message = refusal(w)
    assert "13 pegawai belum dinilai" in message
    assert message.count("Charlie Nugroho") == 10
    assert "dan 3 orang lainnya" in message


def test_a_prefilled_draft_is_not_rated_yet(cast):
    """A draft may carry prefilled ratings (annual `separate`): the penilai has not
    decided, so it blocks penetapan like any unrated person."""
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    Evaluasi.objects.filter(pk=w.evaluasi("dina").pk).update(status=evaluation.EVALUASI_DRAFT)
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    assert "1 pegawai belum dinilai oleh pejabat penilainya: Dina Lestari." in refusal(w)


def test_refused_without_an_org_predikat(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    message = refusal(w)
    assert "Predikat kinerja organisasi Dinas Alfa untuk periode Maret 2026 belum" in message


def test_every_reason_is_given_at_once(cast):
    w = appraisal_world(cast)
    crowd(w, [B, None, B])
    message = refusal(w)
    assert "belum dinilai" in message and "Predikat kinerja organisasi" in message


def test_refused_when_a_unit_heads_rating_disagrees_with_their_units_predikat(cast):
    """bob heads Bidang Satu: with its organisation predikat Baik, his rating hasil
    kerja must be Sesuai (rules §1); set before the predikat changed, it is caught."""
    w = appraisal_world(cast)
    crowd(w, [SB, B, BP])  # bob rated Di Atas
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    set_predikat_organisasi(w, cast.bidang, ratings.ORG_BAIK)
    message = refusal(w)
    assert (
        "Bob Santoso mengepalai Bidang Satu (predikat organisasi Baik): rating hasil kerjanya "
        "harus Sesuai Ekspektasi, bukan Di Atas Ekspektasi."
    ) in message
    set_rating(w, "bob", ratings.SESUAI, ratings.SESUAI)
    crowd(w, [None, SB, BP])
    assert tetapkan(w).jumlah_evaluasi == 3


def test_refused_when_no_one_is_rated_or_there_is_nothing(cast):
    w = appraisal_world(cast)
    Evaluasi.objects.filter(periode_penilaian=w.periode).exclude(pegawai=cast.alice).update(
        dalam_kurva=False
    )
    assert "Belum ada pegawai yang dinilai" in refusal(w)
    p = PeriodePenilaian.objects.create(
        instansi=cast.a,
        periode=w.periode.periode,
        jenis=evaluation.JENIS_BULANAN,
        nomor=4,
        tanggal_mulai=dt.date(2026, 4, 1),
        tanggal_selesai=dt.date(2026, 4, 30),
    )
    with pytest.raises(ValidationError, match="Belum ada evaluasi kinerja di Dinas Alfa"):
        penetapan_create(actor=cast.actor("eko"), unit_id=cast.dinas.pk, periode_penilaian_id=p.pk)


def test_refused_in_a_closed_period(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    PeriodePenilaian.objects.filter(pk=w.periode.pk).update(status="ditutup")
    assert "sudah ditutup" in refusal(w)


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("bob", PermissionDenied),
        ("charlie", PermissionDenied),
        ("fajar", PermissionDenied),
        ("gita", Http404),
    ],
)
def test_only_those_who_manage_the_unit_may_do_it(cast, who, error):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    before = state(w)
    with pytest.raises(error):
        tetapkan(w, who)
    assert state(w) == before


def test_the_admin_may_do_it(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    assert tetapkan(w, "eko").ditetapkan_oleh == cast.eko.user


# --- success: what is locked, the audit, the notification --------------------------------


def test_penetapan_locks_the_rated_evaluations_with_one_update(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_rating(
        w, "alice", ratings.SESUAI, ratings.SESUAI
    )  # outside the curve, but rated: locked too
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    with CaptureQueriesContext(connection) as q:
        p = tetapkan(w)
    updates = [x["sql"] for x in q.captured_queries if x["sql"].startswith("UPDATE")]
    assert len([u for u in updates if "appraisal_evaluasi" in u]) == 1
    rows = Evaluasi.objects.filter(periode_penilaian=w.periode)
    assert set(rows.values_list("status", flat=True)) == {evaluation.EVALUASI_DITETAPKAN}
    assert not rows.filter(ditetapkan_at__isnull=True).exists()
    assert p.jumlah_evaluasi == 4
    assert all(e.is_locked for e in rows)
    event = AuditEvent.objects.get(action="penetapan.create")
    assert event.object_id == str(p.pk) and event.actor == cast.alice.user
    assert event.changes["jumlah_evaluasi"] == 4
    assert event.changes["predikat_organisasi"] == ratings.ORG_BAIK
    assert event.object_repr == "Dinas Alfa · Maret 2026"
    told = set(
        Notification.objects.filter(kind=services.NOTIFY_DITETAPKAN).values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {cast.alice.user_id, cast.bob.user_id, cast.charlie.user_id, cast.dina.user_id}


def test_an_unrated_person_outside_the_curve_is_left_open(cast):
    """alice heads the marked unit and is rated one level up (rules §2): the curve does
    not wait for her, and her draft is not locked."""
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    tetapkan(w)
    assert w.evaluasi("alice").status == evaluation.EVALUASI_DRAFT


def test_a_second_penetapan_is_refused(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    tetapkan(w)
    assert "sudah ditetapkan" in refusal(w, "eko")


def test_a_rating_saved_between_the_check_and_the_update_undoes_the_step(cast, monkeypatch):
    """The curve is checked again once the UPDATE holds the rows: a result that fails
    then is never locked."""
    w = appraisal_world(cast)
    crowd(w, [B, B, B])  # fails Baik
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    real = services.penetapan_refusals
    calls = []

    def first_check_passes(status):
        calls.append(1)
        return [] if len(calls) == 1 else real(status)

    monkeypatch.setattr(services, "penetapan_refusals", first_check_passes)
    message = refusal(w)
    assert len(calls) == 2 and "tidak terpenuhi" in message


def test_penetapan_runs_the_same_queries_for_3_or_57_people(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    with CaptureQueriesContext(connection) as small:
        tetapkan(w)
    penetapan_reopen(
        actor=cast.actor("eko"),
        penetapan_id=Penetapan.objects.get().pk,
        alasan="Uji ulang dengan lebih banyak pegawai.",
    )
    # 54 more: Baik 38 ≤ floor(0.7·57) = 39, Butuh Perbaikan 2 ≥ 1.
    crowd(w, [None, None, None] + spread(sangat_baik=17, baik=36, butuh_perbaikan=1))
    with CaptureQueriesContext(connection) as big:
        p = tetapkan(w)
    assert p.jumlah_evaluasi == 57 and p.jumlah == {SB: 17, B: 38, BP: 2, K: 0, SK: 0}
    assert len(big.captured_queries) == len(small.captured_queries)


# --- after penetapan: nothing changes but through a reopen -------------------------------


def test_reopen_is_for_the_admin_only_with_a_reason(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    p = tetapkan(w)
    before = state(w)
    with pytest.raises(PermissionDenied):
        penetapan_reopen(
            actor=cast.actor("alice"), penetapan_id=p.pk, alasan="Salah nilai pegawai."
        )
    with pytest.raises(ValidationError) as e:
        penetapan_reopen(actor=cast.actor("eko"), penetapan_id=p.pk, alasan="  salah  ")
    assert "sedikitnya 10 karakter" in e.value.message_dict["alasan"][0]
    # An admin of another agency does not find it.
    RoleAssignment.objects.create(instansi=cast.b, user=cast.gita.user, role=Role.ADMIN)
    with pytest.raises(Http404):
        penetapan_reopen(actor=cast.actor("gita"), penetapan_id=p.pk, alasan="x" * 20)
    assert state(w) == before


def test_reopen_returns_the_evaluations_and_is_audited(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    p = tetapkan(w)
    alasan = "Penilai salah memasukkan rating Charlie."
    with CaptureQueriesContext(connection) as q:
        p = penetapan_reopen(actor=cast.actor("eko"), penetapan_id=p.pk, alasan=alasan)
    updates = [x["sql"] for x in q.captured_queries if x["sql"].startswith("UPDATE")]
    assert len([u for u in updates if "appraisal_evaluasi" in u]) == 1
    p.refresh_from_db()
    assert p.status == Penetapan.Status.DIBUKA_KEMBALI and p.alasan_dibuka == alasan
    assert p.dibuka_oleh == cast.eko.user and p.dibuka_at is not None
    rows = Evaluasi.objects.filter(periode_penilaian=w.periode, dalam_kurva=True)
    assert set(rows.values_list("status", flat=True)) == {evaluation.EVALUASI_DINILAI}
    assert not rows.filter(ditetapkan_at__isnull=False).exists()
    event = AuditEvent.objects.get(action="penetapan.reopen")
    assert event.changes["alasan"] == alasan and event.actor == cast.eko.user
    assert event.changes["status"] == ["ditetapkan", "dibuka_kembali"]
    assert Notification.objects.filter(
        kind=services.NOTIFY_DIBUKA, recipient=cast.alice.user
    ).exists()
    with pytest.raises(ValidationError, match="sudah dibuka kembali"):
        penetapan_reopen(actor=cast.actor("eko"), penetapan_id=p.pk, alasan=alasan)
    # Corrected and set again: a new row, the reopened one kept in the history.
    again = tetapkan(w)
    assert again.pk != p.pk
    assert list(Penetapan.objects.order_by("pk").values_list("status", flat=True)) == [
        "dibuka_kembali",
        "ditetapkan",
    ]


def test_the_org_predikat_cannot_change_after_penetapan(cast):
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    tetapkan(w)
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        services.predikat_organisasi_set(
            actor=cast.actor("eko"),
            unit_id=cast.dinas.pk,
            periode_penilaian_id=w.periode.pk,
            predikat=ratings.ISTIMEWA,
        )


def test_a_rating_after_penetapan_is_refused(cast):
    """Cross-check with the penilai's service (helper A2), when present."""
    penilaian = pytest.importorskip("ekinerja.appraisal.services.penilaian")
    w = appraisal_world(cast)
    crowd(w, [B, B, BP])
    set_predikat_organisasi(w, cast.dinas, ratings.ORG_BAIK)
    tetapkan(w)
    before = state(w)
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        penilaian.evaluasi_rate(
            actor=cast.actor("bob"),
            evaluasi_id=w.evaluasi("charlie").pk,
            rating_hasil_kerja=ratings.DI_ATAS,
            rating_perilaku=ratings.DI_ATAS,
        )
    assert state(w) == before
