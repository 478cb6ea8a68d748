import pytest

from ekinerja.core.nip import normalize_nip

ARABIC_INDIC = "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١"  # 198609262015051001 in U+0660–U+0669


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("19860926 201505 1 001", "198609262015051001"),
        ("19860926.201505.1.001", "198609262015051001"),
        (" 19860926\t201505\u00a01\u202f001 ", "198609262015051001"),  # pasted from a PDF
        (ARABIC_INDIC, ARABIC_INDIC),  # kept as typed, so that parse_nip can refuse it
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_nip_drops_spaces_and_dots_only(raw, expected):
    assert normalize_nip(raw) == expected
