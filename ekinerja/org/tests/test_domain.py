"""Table-driven tests of the pure org rules, from ../shared/spec/rules.md §6 and §12."""

import datetime as dt

import pytest

from ekinerja.org import domain


@pytest.mark.parametrize(
    "raw,kind,birth,gender,serial",
    [
        ("198609262015051001", "PNS", dt.date(1986, 9, 26), "L", 1),
        ("200012312024211001", "PPPK", dt.date(2000, 12, 31), "L", 1),
        ("19860926 201505 1 001", "PNS", dt.date(1986, 9, 26), "L", 1),  # spaces ignored
        ("199001012014022123", "PNS", dt.date(1990, 1, 1), "P", 123),
    ],
)
def test_valid_nip(raw, kind, birth, gender, serial):
    info = domain.parse_nip(raw)
    assert (info.kind, info.birth_date, info.gender, info.serial) == (kind, birth, gender, serial)


def test_pppk_contract_count():
    info = domain.parse_nip("200012312024211001")
    assert info.contract_count == 1 and info.appointment_year == 2024


@pytest.mark.parametrize(
    "raw,code",
    [
        ("198613262015051001", "birth_date"),  # month 13 (rules §6)
        ("19860926201505100", "length"),  # 17 digits
        ("198609262015053001", "gender"),  # gender 3
        ("198609262015051000", "serial"),  # serial 000
        ("198609262015131001", "month"),  # digits 13–14 = 13: neither PNS nor PPPK
        ("198609262015201001", "month"),  # 20 is not a PPPK code either
        ("198602302015051001", "birth_date"),  # 30 February
        ("19860926201505100A", "digits"),
        ("198609262000051001", "appointment"),  # appointed at 13
        ("", "required"),
    ],
)
def test_invalid_nip(raw, code):
    with pytest.raises(domain.NipError) as e:
        domain.parse_nip(raw)
    assert e.value.code == code
    assert e.value.message  # a message a user can act on


# Digits that str.isdigit() accepts but a NIP may not contain (rules §6; issue 11 §8: an
# Arabic-Indic NIP made a duplicate of its ASCII twin, a superscript one crashed).
ARABIC_INDIC = "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١"  # 198609262015051001 in U+0660–U+0669
NON_ASCII_NIPS = [
    ("arabic-indic", ARABIC_INDIC),
    ("extended arabic-indic", "۱۹۸۶۰۹۲۶۲۰۱۵۰۵۱۰۰۱"),
    ("devanagari", "१९८६०९२६२०१५०५१००१"),
    ("fullwidth", "１９８６０９２６２０１５０５１００１"),
    ("superscript serial", "19860926201505100¹"),
    ("superscript year", "19860926²⁰¹⁵051001"),
    ("superscript birth", "¹⁹⁸⁶0926201505 1001"),
    ("subscript", "19860926201505100₁"),
    ("circled", "19860926201505100①"),
    ("one arabic digit", "19860926 201505 1 00١"),
]


@pytest.mark.parametrize(("label", "raw"), NON_ASCII_NIPS, ids=[c[0] for c in NON_ASCII_NIPS])
def test_only_ascii_digits_make_a_nip(label, raw):
    with pytest.raises(domain.NipError) as e:
        domain.parse_nip(raw)
    assert e.value.code == "digits"
    assert "0–9" in e.value.message


@pytest.mark.parametrize(
    "nip,ok",
    [
        # PNS: TMT CPNS is the first day of the month in digits 9–14; the person must be
        # 17 on that day (rules §6), compared as dates, not months.
        ("200003012017031001", True),  # 17th birthday on the TMT (1 March 2017)
        ("200003022017031001", False),  # TMT the day before the 17th birthday
        ("200002292017031001", True),  # born 29 February: 17 by 1 March 2017
        ("200002292017021001", False),  # … but not by 1 February 2017
        ("200012312018011001", True),  # 17 years and a day
        ("200001012016121001", False),  # 16 years 11 months
        # PPPK: only the appointment year is known; 17 at some day of it is enough.
        ("200012312017211001", True),
        ("200101012017211001", False),
    ],
)
def test_appointment_at_least_17_compares_dates(nip, ok):
    if ok:
        assert domain.parse_nip(nip).nip == nip
    else:
        with pytest.raises(domain.NipError) as e:
            domain.parse_nip(nip)
        assert e.value.code == "appointment"


@pytest.mark.parametrize(
    "status,gender,birth,bad_fields",
    [
        ("PNS", "L", dt.date(1986, 9, 26), set()),
        ("CPNS", "L", None, set()),
        ("PNS", "P", dt.date(1986, 9, 26), {"jenis_kelamin"}),
        ("PNS", "L", dt.date(1986, 9, 27), {"tanggal_lahir"}),
        ("PPPK", "L", dt.date(1986, 9, 26), {"status"}),
    ],
)
def test_identity_must_agree_with_nip(status, gender, birth, bad_fields):
    info = domain.parse_nip("198609262015051001")
    errors = domain.identity_errors(info, status=status, gender=gender, birth_date=birth)
    assert set(errors) == bad_fields


def test_pppk_nip_with_pns_status_is_refused():
    info = domain.parse_nip("200012312024211001")
    assert "status" in domain.identity_errors(info, status="PNS", gender="L", birth_date=None)


@pytest.mark.parametrize(
    "raw,expected",
    [("III/a", "III/a"), ("iii/A", "III/a"), ("III a", "III/a"), ("IIIa", "III/a"),
     ("IV-e", "IV/e"), ("XVII", "XVII"), ("ix", "IX"), ("", "")],
)  # fmt: skip
def test_normalize_golongan(raw, expected):
    assert domain.normalize_golongan(raw) == expected


@pytest.mark.parametrize(
    "status,golongan,ok",
    [
        ("PNS", "III/a", True), ("PNS", "IV/e", True), ("CPNS", "II/a", True),
        ("PNS", "IV/f", False), ("PNS", "IX", False), ("PNS", "", False),
        ("PPPK", "IX", True), ("PPPK", "XVII", True), ("PPPK", "XVIII", False),
        ("PPPK", "III/a", False), ("NON_ASN", "", True), ("NON_ASN", "III/a", False),
    ],
)  # fmt: skip
def test_golongan_by_status(status, golongan, ok):
    assert (domain.golongan_error(status, golongan) is None) is ok


def test_pangkat_table_is_complete():
    assert len(domain.PANGKAT_PNS) == 17 and len(domain.GOLONGAN_PPPK) == 17
    assert domain.pangkat("III/a") == "Penata Muda"
    assert domain.pangkat("IV/e") == "Pembina Utama"
    assert domain.golongan_rank("I/a") == 1 and domain.golongan_rank("IV/e") == 17


@pytest.mark.parametrize(
    "depan,nama,belakang,expected",
    [
        ("Dr.", "Siti Aminah", "M.Si.", "Dr. Siti Aminah, M.Si."),
        ("", "Budi", "S.Kom., M.T.", "Budi, S.Kom., M.T."),
        ("Ir.", "Joko", "", "Ir. Joko"),
        ("", "Joko", "", "Joko"),
    ],
)
def test_nama_lengkap(depan, nama, belakang, expected):
    assert domain.nama_lengkap(depan, nama, belakang) == expected


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # A sentence that ends with a name whose gelar ends with a period takes no second
        # period (issue 11 §7: "S.Kom..").
        ("Peran Admin diberikan kepada Budi, S.Kom..", "Peran Admin diberikan kepada Budi, S.Kom."),
        ("Disetujui oleh Dr. Siti Aminah, M.Si..", "Disetujui oleh Dr. Siti Aminah, M.Si."),
        ("Menunggu keputusan Ir. Joko.", "Menunggu keputusan Ir. Joko."),
        ("Menunggu keputusan Budi, S.Kom.. Lalu", "Menunggu keputusan Budi, S.Kom. Lalu"),
        ("Tunggu...", "Tunggu..."),  # an ellipsis is not a double period
        ("", ""),
    ],
)
def test_single_period_after_a_title(sentence, expected):
    assert domain.single_period(sentence) == expected


def test_msg_renders_in_the_readers_language_and_survives_json():
    from django.utils import translation

    msg = domain.Msg(
        "Jenis kelamin tidak sesuai NIP (NIP menunjukkan %(g)s).",
        g=domain.Msg("perempuan"),
    )
    stored = domain.Msg.from_json(msg.as_json())
    with translation.override("id"):
        assert str(stored) == "Jenis kelamin tidak sesuai NIP (NIP menunjukkan perempuan)."
    with translation.override("en"):
        assert str(stored) == "Gender does not match the NIP (the NIP indicates female)."
    assert domain.Msg.from_json("teks lama") == "teks lama"  # stored before messages had ids


# Org chart for the supervisor tests:
#   J1 Bupati ─ J2 Kadis ─ J3 Kabid ─ J4 staff position (several holders)
#                        └ J5 Kabid (vacant) ─ J6 staff position
D = dt.date(2020, 1, 1)
PARENTS = {1: None, 2: 1, 3: 2, 4: 3, 5: 2, 6: 5}


def H(p, j, jenis="definitif", since=D):
    return domain.Holding(pegawai_id=p, jabatan_id=j, jenis=jenis, since=since)


@pytest.mark.parametrize(
    "holdings,overrides,expected",
    [
        # plain chart
        ([H(10, 1), H(20, 2), H(30, 3), H(40, 4), H(41, 4), H(60, 6)], {},
         {10: None, 20: 10, 30: 20, 40: 30, 41: 30, 60: 20}),  # 60: J5 vacant → Kadis
        # a Plt fills the vacant J5
        ([H(10, 1), H(20, 2), H(30, 3), H(60, 6), H(30, 5, "plt")], {},
         {60: 30}),
        # definitive beats Plt; Plt beats Plh
        ([H(10, 1), H(20, 2), H(21, 2, "plt"), H(30, 3)], {}, {30: 20}),
        ([H(10, 1), H(22, 2, "plh"), H(21, 2, "plt"), H(30, 3)], {}, {30: 21}),
        # the Kabid acting as Plt Kadis is not their own supervisor: go one level up
        ([H(10, 1), H(30, 3), H(30, 2, "plt")], {}, {30: 10}),
        # an explicit override wins
        ([H(10, 1), H(20, 2), H(30, 3), H(40, 4)], {40: 10}, {40: 10, 30: 20}),
    ],
)  # fmt: skip
def test_resolve_supervisors(holdings, overrides, expected):
    pegawai_jabatan = {}
    for h in holdings:
        if h.jenis == "definitif":
            pegawai_jabatan[h.pegawai_id] = h.jabatan_id
    result = domain.resolve_supervisors(
        pegawai_jabatan=pegawai_jabatan,
        jabatan_parent=PARENTS,
        holders=domain.acting_holders(holdings),
        overrides=overrides,
    )
    for pegawai, atasan in expected.items():
        assert result[pegawai] == atasan, pegawai


def test_resolve_supervisors_survives_a_cycle():
    result = domain.resolve_supervisors(
        pegawai_jabatan={1: 1},
        jabatan_parent={1: 2, 2: 3, 3: 2},
        holders={1: 1},
        overrides={},
    )
    assert result == {1: None}


def test_supervisor_chain():
    assert domain.supervisor_chain(40, {40: 30, 30: 20, 20: 10, 10: None}) == [30, 20, 10]
    assert domain.supervisor_chain(1, {1: 2, 2: 1}) == [2]


def test_unit_path():
    assert domain.unit_path("", 7) == "00000007."
    assert domain.unit_path("00000007.", 12) == "00000007.00000012."


def test_a_stored_msg_whose_wording_changed_still_renders():
    """A batch stored last year keeps its parameters; if a translation no longer takes
    them, the page still shows the message instead of failing."""
    assert str(domain.Msg("Kolom %(c)s wajib diisi.", x="nama")) == "Kolom %(c)s wajib diisi."
    assert str(domain.Msg("NIP %(n)s.", n="1")) == "NIP 1."
