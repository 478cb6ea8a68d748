"""Pure planning rules, table-driven (rules §4, §7, §8). No database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ekinerja.plans import domain as d

# rules §7, copied verbatim (the spec file is not read at test time).
EXPECTED_BERAKHLAK = [
    (
        "Berorientasi Pelayanan",
        "Memahami dan memenuhi kebutuhan masyarakat; Ramah, cekatan, solutif, dan dapat "
        "diandalkan; Melakukan perbaikan tiada henti.",
    ),
    (
        "Akuntabel",
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas "
        "tinggi; Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
        "dan efisien; Tidak menyalahgunakan kewenangan jabatan.",
    ),
    (
        "Kompeten",
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah; Membantu "
        "orang lain belajar; Melaksanakan tugas dengan kualitas terbaik.",
    ),
    (
        "Harmonis",
        "Menghargai setiap orang apapun latar belakangnya; Suka menolong orang lain; Membangun "
        "lingkungan kerja yang kondusif.",
    ),
    (
        "Loyal",
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun "
        "1945, setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah; "
        "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara; Menjaga rahasia jabatan "
        "dan negara.",
    ),
    (
        "Adaptif",
        "Cepat menyesuaikan diri menghadapi perubahan; Terus berinovasi dan mengembangkan "
        "kreativitas; Bertindak proaktif.",
    ),
    (
        "Kolaboratif",
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi; Terbuka dalam bekerja "
        "sama untuk menghasilkan nilai tambah; Menggerakkan pemanfaatan berbagai sumberdaya "
        "untuk tujuan bersama.",
    ),
]


@pytest.mark.parametrize("nomor,expected", list(enumerate(EXPECTED_BERAKHLAK, start=1)))
def test_berakhlak_is_verbatim(nomor, expected):
    nama, line = expected
    value = d.berakhlak(nomor)
    assert value.nomor == nomor
    assert value.nama == nama
    assert len(value.panduan) == 3
    assert "; ".join(value.panduan) + "." == line


def test_berakhlak_has_seven_values_in_order():
    assert [v.nomor for v in d.BERAKHLAK] == [1, 2, 3, 4, 5, 6, 7]
    with pytest.raises(d.PlanRuleError):
        d.berakhlak(8)


def test_vocabulary():
    assert d.ASPEK == ("kuantitas", "kualitas", "waktu", "biaya")
    assert d.PENDEKATAN == ("kuantitatif", "kualitatif")
    assert d.JENIS_RHK == ("utama", "tambahan")
    assert d.PERIODIK_DEFAULT == "bulanan"


# --- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("12", Decimal("12")),
        ("12,5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1.234", Decimal("1234")),
        ("1.234.567", Decimal("1234567")),
        ("12.5", Decimal("12.5")),
        ("0.250", Decimal("0.250")),
        ("0,25", Decimal("0.25")),
        (" 1 234,5 ", Decimal("1234.5")),
        ("-3", Decimal("-3")),
        (Decimal("7.5"), Decimal("7.5")),
        (4, Decimal("4")),
    ],
)
def test_parse_number(raw, expected):
    assert d.parse_number(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "abc", "12,5,1", "1.23.4", "1,2.3", "1e5", "NaN", "12 dokumen", ",5", "1.234,"]
)
def test_parse_number_refuses(raw):
    with pytest.raises(d.PlanRuleError):
        d.parse_number(raw)


# --- targets -------------------------------------------------------------------------

KT, KL = d.KUANTITATIF, d.KUALITATIF


@pytest.mark.parametrize(
    "kind,value,low,high,text,satuan,pendekatan,errors",
    [
        ("angka", "12", None, None, "", "dokumen", KT, {}),
        ("angka", "12,5", None, None, "", "persen", KT, {}),
        ("angka", "0", None, None, "", "kali", KT, {}),
        ("angka", "dua belas", None, None, "", "dokumen", KT, {"target_nilai": "bukan angka"}),
        ("angka", "-1", None, None, "", "dokumen", KT, {"target_nilai": "negatif"}),
        ("angka", "", None, None, "", "dokumen", KT, {"target_nilai": "Isikan angka"}),
        ("angka", "12", None, None, "", "", KT, {"satuan": "Satuan"}),
        ("angka", "1,23456", None, None, "", "x", KT, {"target_nilai": "4 digit"}),
        ("rentang", None, "80", "100", "", "persen", KT, {}),
        ("rentang", None, "80,5", "80,5", "", "persen", KT, {}),
        ("rentang", None, "100", "80", "", "persen", KT, {"target_maks": "lebih kecil"}),
        ("rentang", None, "x", "80", "", "persen", KT, {"target_min": "bukan angka"}),
        ("rentang", None, "1", "2", "", "", KT, {"satuan": "Satuan"}),
        ("teks", None, None, None, "Laporan diterima tepat waktu", "", KL, {}),
        ("teks", None, None, None, "Laporan", "", KT, {"target_jenis": "kualitatif"}),
        ("teks", None, None, None, "  ", "", KL, {"target_teks": "Uraikan"}),
        ("lain", None, None, None, "", "", KT, {"target_jenis": "Pilih jenis"}),
    ],
)
def test_target_errors(kind, value, low, high, text, satuan, pendekatan, errors):
    got = d.target_errors(kind, value, low, high, text, satuan, pendekatan)
    assert set(got) == set(errors)
    for field, fragment in errors.items():
        assert fragment in got[field]


def test_clean_target_returns_decimals():
    target, errors = d.clean_target("rentang", None, "1.000", "2.500,5", "", " rupiah ", KT)
    assert errors == {}
    assert target == d.Target("rentang", minimum=Decimal(1000), maksimum=Decimal("2500.5"),
                              satuan="rupiah")  # fmt: skip
    target, _e = d.clean_target("angka", "12,5", None, None, "", "dokumen", KT)
    assert target is not None and target.nilai == Decimal("12.5")


def test_range_message_shows_indonesian_numbers():
    errors = d.target_errors("rentang", None, "10,5", "2", "", "persen", KT)
    assert "(2)" in errors["target_maks"] and "(10,5)" in errors["target_maks"]


# --- workflow ------------------------------------------------------------------------

LEGAL = [
    (d.DRAFT, d.SUBMIT, d.DIAJUKAN),
    (d.DIAJUKAN, d.RETURN, d.DIKEMBALIKAN),
    (d.DIAJUKAN, d.APPROVE, d.DISETUJUI),
    (d.DIKEMBALIKAN, d.REDRAFT, d.DRAFT),
    (d.DISETUJUI, d.REVISE, d.DRAFT),
]


@pytest.mark.parametrize("current,action,expected", LEGAL)
def test_legal_transitions(current, action, expected):
    assert d.next_status(current, action, alasan="Target belum terukur") == expected


ILLEGAL = [
    (status, action)
    for status in d.STATUSES
    for action in d.TRANSITIONS
    if (status, action) not in {(c, a) for c, a, _n in LEGAL}
]


def test_illegal_table_is_complete():
    assert len(ILLEGAL) == len(d.STATUSES) * len(d.TRANSITIONS) - len(LEGAL) == 15


@pytest.mark.parametrize("current,action", ILLEGAL)
def test_illegal_transitions(current, action):
    with pytest.raises(d.PlanRuleError) as e:
        d.next_status(current, action, alasan="x")
    assert e.value.message


def test_return_needs_a_reason():
    with pytest.raises(d.PlanRuleError, match="alasan"):
        d.next_status(d.DIAJUKAN, d.RETURN, alasan="  ")


def test_unknown_action():
    with pytest.raises(d.PlanRuleError):
        d.next_status(d.DRAFT, "publish")


@pytest.mark.parametrize(
    "role,allowed",
    [
        (d.OWNER, {d.EDIT, d.SUBMIT, d.REDRAFT, d.REVISE}),
        (d.PENILAI, {d.RETURN, d.APPROVE, d.SET_EKSPEKTASI}),
        (d.OTHER, set()),
    ],
)
def test_can(role, allowed):
    actions = {d.EDIT, d.SUBMIT, d.RETURN, d.APPROVE, d.REDRAFT, d.REVISE, d.SET_EKSPEKTASI}
    assert {a for a in actions if d.can(role, a)} == allowed


@pytest.mark.parametrize(
    "is_owner,is_penilai,role",
    [(True, False, d.OWNER), (False, True, d.PENILAI), (False, False, d.OTHER),
     (True, True, d.OWNER)],
)  # fmt: skip
def test_role_for_owner_wins_so_nobody_approves_their_own(is_owner, is_penilai, role):
    assert d.role_for(is_owner=is_owner, is_penilai=is_penilai) == role
    if is_owner:
        assert not d.can(d.role_for(is_owner=is_owner, is_penilai=is_penilai), d.APPROVE)


@pytest.mark.parametrize(
    "status,editable",
    [("draft", True), ("dikembalikan", True), ("diajukan", False), ("disetujui", False)],
)
def test_is_editable(status, editable):
    assert d.is_editable(status) is editable


@pytest.mark.parametrize(
    "has_penilai,non_asn,top", [(False, False, True), (True, True, True), (True, False, False)]
)
def test_top_of_cascade(has_penilai, non_asn, top):
    assert d.is_top_of_cascade(has_penilai=has_penilai, penilai_non_asn=non_asn) is top


@pytest.mark.parametrize(
    "rhk,n_errors",
    [
        ([("utama", 1)], 0),
        ([("utama", 2), ("tambahan", 1)], 0),
        ([], 1),
        ([("tambahan", 1)], 1),
        ([("utama", 1), ("tambahan", 0)], 1),
        ([("tambahan", 0)], 2),
    ],
)
def test_submit_errors(rhk, n_errors):
    assert len(d.submit_errors(rhk)) == n_errors


# --- periods -------------------------------------------------------------------------

D = dt.date


@pytest.mark.parametrize(
    "mulai,selesai,fields",
    [
        (D(2026, 1, 1), D(2026, 12, 31), set()),
        (D(2026, 3, 1), D(2026, 3, 1), set()),
        (D(2026, 7, 1), D(2026, 6, 30), {"tanggal_selesai"}),
        (D(2025, 12, 1), D(2026, 6, 30), {"tanggal_mulai"}),
        (D(2026, 1, 1), D(2027, 1, 31), {"tanggal_selesai"}),
        (None, D(2026, 1, 31), {"tanggal_mulai"}),
    ],
)
def test_period_errors(mulai, selesai, fields):
    assert set(d.period_errors(2026, mulai, selesai)) == fields


@pytest.mark.parametrize(
    "a,b,overlap",
    [
        ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 6, 30), D(2026, 12, 31)), True),
        ((D(2026, 1, 1), D(2026, 6, 29)), (D(2026, 6, 30), D(2026, 12, 31)), False),
    ],
)
def test_overlaps(a, b, overlap):
    assert d.overlaps(*a, *b) is overlap


# --- planning window (issue 3 §1) ------------------------------------------------------

_OPEN, _CLOSE = dt.date(2026, 1, 2), dt.date(2026, 1, 31)


@pytest.mark.parametrize(
    ("today", "dibuka", "ditutup", "is_admin", "says"),
    [
        (dt.date(2026, 1, 15), _OPEN, _CLOSE, False, ""),
        (_OPEN, _OPEN, _CLOSE, False, ""),  # both ends inclusive
        (_CLOSE, _OPEN, _CLOSE, False, ""),
        (dt.date(2026, 1, 1), _OPEN, _CLOSE, False, "baru dibuka pada 02-01-2026"),
        (dt.date(2026, 2, 1), _OPEN, _CLOSE, False, "sudah ditutup pada 31-01-2026"),
        (dt.date(2026, 2, 1), _OPEN, _CLOSE, True, ""),  # the admin may still create
        (dt.date(2025, 12, 1), _OPEN, _CLOSE, True, ""),
        (dt.date(2030, 1, 1), None, None, False, ""),  # no window, no limit
        (dt.date(2030, 1, 1), _OPEN, None, False, ""),
        (dt.date(2025, 1, 1), None, _CLOSE, False, ""),
        (dt.date(2025, 1, 1), _OPEN, None, False, "baru dibuka"),
        (dt.date(2030, 1, 1), None, _CLOSE, False, "sudah ditutup"),
    ],
)
def test_planning_window(today, dibuka, ditutup, is_admin, says):
    error = d.planning_window_error(
        today=today, tahun=2026, dibuka=dibuka, ditutup=ditutup, is_admin=is_admin
    )
    if says:
        assert says in error and "2026" in error
    else:
        assert error == ""
