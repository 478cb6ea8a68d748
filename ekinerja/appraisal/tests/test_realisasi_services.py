"""The staff member's realisasi (issue 5 item 1) and its capaian (rules §3).

Table-driven: every worked example of rules §3 (higher and lower is better, ranges,
target 0 → no capaian), the Indonesian number formats, every kind of bad input and
every refusal — each refusal leaving no row and no audit event behind."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ekinerja.appraisal.domain import achievement, evaluation, ratings
from ekinerja.appraisal.models import AturanPenilaian, Evaluasi, PeriodePenilaian, RealisasiIKI
from ekinerja.appraisal.services.realisasi import (
    capaian_of,
    evaluasi_realisasi_save,
    parse_realisasi,
)
from ekinerja.core.models import AuditEvent
from ekinerja.plans.models import IKI

from .factories import appraisal_world, open_periode, set_rating

D = Decimal

# --- capaian (rules §3), pure ------------------------------------------------------------

ANGKA, RENTANG, TEKS = "angka", "rentang", "teks"
NAIK, TURUN = "naik", "turun"

# (jenis, arah, target, (min, maks), realisasi, expected capaian or None, display)
CAPAIAN_CASES = [
    # Higher is better: realisasi / target × 100 (rules §3 example: 80 → 92 = 115%).
    (ANGKA, NAIK, "80", None, "92", "115.0000", "115,0%"),
    (ANGKA, NAIK, "12", None, "12", "100.0000", "100,0%"),
    (ANGKA, NAIK, "12", None, "6", "50.0000", "50,0%"),
    (ANGKA, NAIK, "12", None, "0", "0.0000", "0,0%"),
    (ANGKA, NAIK, "3", None, "1", "33.3333", "33,3%"),  # stored unrounded to 4 places
    (ANGKA, NAIK, "3", None, "2", "66.6667", "66,7%"),
    # Lower is better: (2·target − realisasi) / target × 100, never below 0.
    (ANGKA, TURUN, "10", None, "9", "110.0000", "110,0%"),
    (ANGKA, TURUN, "10", None, "12", "80.0000", "80,0%"),
    (ANGKA, TURUN, "10", None, "25", "0.0000", "0,0%"),
    (ANGKA, TURUN, "10", None, "20", "0.0000", "0,0%"),
    (ANGKA, TURUN, "10", None, "0", "200.0000", "200,0%"),
    # Range [lo, hi]: 100 inside, hi when above, lo when below.
    (RENTANG, NAIK, None, ("80", "90"), "85", "100.0000", "100,0%"),
    (RENTANG, NAIK, None, ("80", "90"), "80", "100.0000", "100,0%"),
    (RENTANG, NAIK, None, ("80", "90"), "90", "100.0000", "100,0%"),
    (RENTANG, NAIK, None, ("80", "90"), "99", "110.0000", "110,0%"),
    (RENTANG, NAIK, None, ("80", "90"), "60", "75.0000", "75,0%"),
    (RENTANG, TURUN, None, ("2", "4"), "5", "75.0000", "75,0%"),
    (RENTANG, TURUN, None, ("2", "4"), "1", "150.0000", "150,0%"),
    (RENTANG, NAIK, None, ("0", "5"), "0", "100.0000", "100,0%"),
    # Target 0: undefined, shown "—", never a division by zero.
    (ANGKA, NAIK, "0", None, "5", None, "—"),
    (ANGKA, NAIK, "0", None, "0", None, "—"),
    (ANGKA, TURUN, "0", None, "3", None, "—"),
    (RENTANG, NAIK, None, ("0", "0"), "3", None, "—"),
    # A kualitatif target has no capaian.
    (TEKS, NAIK, None, None, "5", None, "—"),
]


def _iki(jenis: str, arah: str, target: str | None, rentang: tuple[str, str] | None) -> IKI:
    lo, hi = rentang or (None, None)
    return IKI(
        target_jenis=jenis,
        arah=arah,
        target_nilai=D(target) if target is not None else None,
        target_min=D(lo) if lo is not None else None,
        target_maks=D(hi) if hi is not None else None,
        target_teks="Laporan diterima" if jenis == TEKS else "",
    )


@pytest.mark.parametrize("jenis, arah, target, rentang, realisasi, expected, text", CAPAIAN_CASES)
def test_capaian_of_every_case(jenis, arah, target, rentang, realisasi, expected, text):
    got = capaian_of(_iki(jenis, arah, target, rentang), D(realisasi))
    assert got == (D(expected) if expected is not None else None)
    assert achievement.capaian_text(got) == text


# (typed, value or None, message fragment)
PARSE_CASES = [
    ("12", "12", ""),
    ("12,5", "12.5", ""),
    (" 12,5 ", "12.5", ""),
    ("1.234", "1234", ""),
    ("1.234,5", "1234.5", ""),
    ("0,25", "0.25", ""),
    ("12.5", "12.5", ""),  # as spreadsheets export it
    ("0", "0", ""),
    ("99999999999999,9999", "99999999999999.9999", ""),
    ("", None, "Isikan realisasi berupa angka"),
    ("   ", None, "Isikan realisasi berupa angka"),
    (None, None, "Isikan realisasi berupa angka"),
    ("abc", None, "Realisasi harus berupa angka, mis. 12 atau 12,5."),
    ("12 dokumen", None, "Realisasi harus berupa angka, mis. 12 atau 12,5."),
    ("1,2,3", None, "Realisasi harus berupa angka, mis. 12 atau 12,5."),
    ("1.23.4", None, "Realisasi harus berupa angka, mis. 12 atau 12,5."),
    ("1e5", None, "Realisasi harus berupa angka, mis. 12 atau 12,5."),
    ("NaN", None, "Realisasi harus berupa angka, mis. 12 atau 12,5."),
    ("-3", None, "tidak boleh negatif"),
    ("1,23456", None, "4 digit sesudah koma"),
    ("100000000000000", None, "14 digit sebelum koma"),
]


@pytest.mark.parametrize("typed, value, message", PARSE_CASES)
def test_parse_realisasi(typed, value, message):
    got, error = parse_realisasi(typed)
    if value is None:
        assert got is None and message in error
    else:
        assert got == D(value) and error == ""


# --- the service ----------------------------------------------------------------------


def _set_target(iki: IKI, jenis, arah, target, rentang) -> IKI:
    lo, hi = rentang or (None, None)
    IKI.objects.filter(pk=iki.pk).update(
        target_jenis=jenis,
        arah=arah,
        target_nilai=D(target) if target is not None else None,
        target_min=D(lo) if lo is not None else None,
        target_maks=D(hi) if hi is not None else None,
        target_teks="Laporan diterima tanpa revisi" if jenis == TEKS else "",
    )
    return IKI.objects.get(pk=iki.pk)


def _save(w, who="charlie", iki=None, **kwargs):
    ev = w.evaluasi("charlie")
    return evaluasi_realisasi_save(
        actor=w.cast.actor(who),
        evaluasi_id=ev.pk,
        iki_id=(iki or w.iki("charlie")).pk,
        **kwargs,
    )


def _nothing_saved():
    return (
        not RealisasiIKI.objects.exists()
        and not AuditEvent.objects.filter(action="evaluasi.realisasi").exists()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "jenis, arah, target, rentang, realisasi, expected, text",
    [c for c in CAPAIAN_CASES if c[0] != TEKS],
)
def test_the_service_stores_the_capaian_of_every_case(
    cast, jenis, arah, target, rentang, realisasi, expected, text
):
    w = appraisal_world(cast)
    iki = _set_target(w.iki("charlie"), jenis, arah, target, rentang)
    row = _save(w, iki=iki, nilai=realisasi.replace(".", ","))
    row.refresh_from_db()
    assert row.nilai == D(realisasi)
    assert row.capaian == (D(expected) if expected is not None else None)
    assert achievement.capaian_text(row.capaian) == text


@pytest.mark.django_db
def test_indonesian_numbers_are_read_as_typed(cast):
    w = appraisal_world(cast)  # target 12
    row = _save(w, nilai="1.234,5")
    assert row.nilai == D("1234.5") and row.capaian == D("10287.5000")
    row = _save(w, nilai="13,5")
    row.refresh_from_db()
    assert row.nilai == D("13.5") and row.capaian == D("112.5000")
    assert RealisasiIKI.objects.count() == 1  # updated, not added


@pytest.mark.django_db
def test_a_kualitatif_target_takes_a_description_and_has_no_capaian(cast):
    w = appraisal_world(cast)
    iki = _set_target(w.iki("charlie"), TEKS, NAIK, None, None)
    row = _save(w, iki=iki, nilai="99", teks="  Laporan diterima tanpa revisi.  ")
    row.refresh_from_db()
    assert row.teks == "Laporan diterima tanpa revisi."
    assert row.nilai is None and row.capaian is None
    with pytest.raises(ValidationError) as e:
        _save(w, iki=iki, teks="   ")
    assert e.value.message_dict == {"teks": ["Uraikan realisasi untuk target kualitatif ini."]}
    row.refresh_from_db()
    assert row.teks == "Laporan diterima tanpa revisi."


@pytest.mark.django_db
def test_a_numeric_target_may_carry_a_description_and_a_note(cast):
    w = appraisal_world(cast)
    row = _save(w, nilai="12", teks="Semua surat Maret", catatan="Dua surat menyusul")
    row.refresh_from_db()
    assert (row.teks, row.catatan, row.capaian) == (
        "Semua surat Maret",
        "Dua surat menyusul",
        D("100.0000"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kwargs, field, message",
    [
        ({"nilai": ""}, "nilai", "Isikan realisasi berupa angka, mis. 12 atau 12,5."),
        ({"nilai": "dua belas"}, "nilai", "Realisasi harus berupa angka, mis. 12 atau 12,5."),
        ({"nilai": "12,5%"}, "nilai", "Realisasi harus berupa angka, mis. 12 atau 12,5."),
        ({"nilai": "-1"}, "nilai", "Realisasi tidak boleh negatif."),
        (
            {"nilai": "1,00001"},
            "nilai",
            "Realisasi paling banyak 14 digit sebelum koma dan 4 digit sesudah koma.",
        ),
        ({"nilai": "12", "teks": "x" * 4001}, "teks", "Uraian realisasi paling banyak 4000"),
        ({"nilai": "12", "catatan": "x" * 2001}, "catatan", "Catatan paling banyak 2000"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(cast, kwargs, field, message):
    w = appraisal_world(cast)
    with pytest.raises(ValidationError) as e:
        _save(w, **kwargs)
    assert list(e.value.message_dict) == [field]
    assert e.value.message_dict[field][0].startswith(message)
    assert _nothing_saved()


@pytest.mark.django_db
def test_bad_input_leaves_the_stored_realisasi_as_it_was(cast):
    w = appraisal_world(cast)
    _save(w, nilai="12", catatan="lengkap")
    with pytest.raises(ValidationError):
        _save(w, nilai="abc", catatan="diubah")
    row = RealisasiIKI.objects.get()
    assert (row.nilai, row.catatan) == (D("12"), "lengkap")
    assert AuditEvent.objects.filter(action="evaluasi.realisasi").count() == 1


@pytest.mark.django_db
def test_a_capaian_beyond_what_can_be_stored_is_refused(cast):
    w = appraisal_world(cast)
    iki = _set_target(w.iki("charlie"), ANGKA, NAIK, "0.0001", None)
    with pytest.raises(ValidationError) as e:
        _save(w, iki=iki, nilai="99999999")
    assert "capaian di luar batas" in e.value.message_dict["nilai"][0]
    assert _nothing_saved()


@pytest.mark.django_db
def test_an_iki_of_another_skp_is_refused(cast):
    w = appraisal_world(cast)
    with pytest.raises(ValidationError) as e:
        _save(w, iki=w.iki("dina"), nilai="12")
    assert e.value.message_dict == {"iki": ["Indikator ini bukan bagian dari SKP yang dievaluasi."]}
    assert _nothing_saved()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, error, message",
    [
        ("bob", PermissionDenied, "Realisasi hanya dapat diisi oleh pegawai yang dinilai."),
        ("alice", PermissionDenied, "Hanya pegawai yang dinilai dan pejabat penilainya"),
        ("dina", PermissionDenied, "Hanya pegawai yang dinilai dan pejabat penilainya"),
        ("eko", PermissionDenied, "Hanya pegawai yang dinilai dan pejabat penilainya"),
        ("gita", Http404, "Evaluasi tidak ditemukan."),
    ],
)
def test_only_the_person_evaluated_writes_their_realisasi(cast, who, error, message):
    w = appraisal_world(cast)
    with pytest.raises(error) as e:
        _save(w, who=who, nilai="12")
    assert str(e.value).startswith(message)
    assert _nothing_saved()


def _rate(w):
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)


def _lock(w):
    set_rating(w, "charlie", ratings.SESUAI, ratings.SESUAI)
    Evaluasi.objects.filter(pk=w.evaluasi("charlie").pk).update(
        status=evaluation.EVALUASI_DITETAPKAN
    )


def _close(w):
    PeriodePenilaian.objects.filter(pk=w.periode.pk).update(status="ditutup")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_state, message",
    [
        (
            _rate,
            "Evaluasi ini sudah dinilai oleh pejabat penilai; realisasi tidak dapat diubah lagi.",
        ),
        (
            _lock,
            "Evaluasi ini sudah ditetapkan; perubahan hanya melalui pembukaan kembali oleh "
            "Admin Instansi.",
        ),
        (_close, "Periode Maret 2026 sudah ditutup; evaluasinya tidak dapat diubah."),
    ],
)
def test_refused_once_rated_locked_or_closed_and_nothing_changes(cast, make_state, message):
    w = appraisal_world(cast)
    make_state(w)
    with pytest.raises(ValidationError) as e:
        _save(w, nilai="12")
    assert e.value.messages == [message]
    assert _nothing_saved()


@pytest.mark.django_db
def test_a_stored_realisasi_is_frozen_by_the_rating(cast):
    w = appraisal_world(cast)
    _save(w, nilai="12")
    _rate(w)
    with pytest.raises(ValidationError):
        _save(w, nilai="20")
    assert RealisasiIKI.objects.get().nilai == D("12")


def _annual(w, mode: str) -> Evaluasi:
    periode = open_periode(w.cast, w.cascade, jenis=evaluation.JENIS_TAHUNAN, nomor=0)
    AturanPenilaian.objects.create(instansi=w.cast.a, tahun=2026, mode_tahunan=mode)
    return Evaluasi.objects.get(periode_penilaian=periode, pegawai=w.cast.charlie)


@pytest.mark.django_db
def test_an_annual_evaluation_in_last_period_mode_is_refused(cast):
    w = appraisal_world(cast)
    ev = _annual(w, evaluation.TAHUNAN_PERIODE_TERAKHIR)
    with pytest.raises(ValidationError) as e:
        evaluasi_realisasi_save(
            actor=cast.actor("charlie"), evaluasi_id=ev.pk, iki_id=w.iki("charlie").pk, nilai="12"
        )
    assert e.value.messages == [
        "Evaluasi tahunan mengikuti periode terakhir; ubah evaluasi periode tersebut."
    ]
    assert _nothing_saved()


@pytest.mark.django_db
def test_an_annual_evaluation_in_separate_mode_takes_realisasi(cast):
    w = appraisal_world(cast)
    ev = _annual(w, evaluation.TAHUNAN_TERPISAH)
    row = evaluasi_realisasi_save(
        actor=cast.actor("charlie"), evaluasi_id=ev.pk, iki_id=w.iki("charlie").pk, nilai="144"
    )
    assert row.evaluasi_id == ev.pk and row.capaian == D("1200.0000")


@pytest.mark.django_db
def test_every_change_is_audited_old_to_new_and_a_repeat_records_nothing(cast):
    w = appraisal_world(cast)
    _save(w, nilai="9")
    _save(w, nilai="9,0")  # the same value: nothing to record
    _save(w, nilai="12", catatan="Lengkap")
    events = list(AuditEvent.objects.filter(action="evaluasi.realisasi").order_by("pk"))
    assert len(events) == 2
    first, second = (e.changes for e in events)
    assert first["nilai"] == [None, "9.0000"] and first["capaian"] == [None, "75.0000"]
    assert second == {
        "nilai": ["9.0000", "12.0000"],
        "capaian": ["75.0000", "100.0000"],
        "catatan": ["", "Lengkap"],
    }
    assert events[0].actor == cast.charlie.user
    assert events[0].instansi_id == cast.a.pk


@pytest.mark.django_db
def test_saving_runs_in_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    w = appraisal_world(cast)
    ev = w.evaluasi("charlie")
    actor = cast.actor("charlie")
    iki = w.iki("charlie")
    with django_assert_max_num_queries(12) as ctx:
        evaluasi_realisasi_save(actor=actor, evaluasi_id=ev.pk, iki_id=iki.pk, nilai="10")
    first = len(ctx.captured_queries)
    for i in range(5):
        IKI.objects.create(
            instansi=cast.a, rhk=iki.rhk, aspek="kualitas", indikator=f"Mutu {i}",
            target_jenis="angka", target_nilai=100, satuan="persen",
        )  # fmt: skip
    actor = cast.actor("charlie")
    with django_assert_max_num_queries(first):
        evaluasi_realisasi_save(actor=actor, evaluasi_id=ev.pk, iki_id=iki.pk, nilai="11")
