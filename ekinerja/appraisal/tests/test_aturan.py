"""The rule set of a year (services/aturan.py, the admin's page): defaults until saved,
a version bump per change, every bad input refused with a clear message and nothing
stored, and the stored curve is the one the curve check uses."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ekinerja.core.models import AuditEvent

from ..domain import distribution, ruleset
from ..forms.admin import AturanForm
from ..models import AturanPenilaian
from ..selectors.kurva import aturan_for
from ..services.aturan import aturan_get_or_default, aturan_update, rule_text

pytestmark = pytest.mark.django_db

BASE: dict[str, Any] = {"mode_tahunan": "separate", "ambang_di_atas": "110", "ambang_sesuai": "100"}
ISTIMEWA_50 = {
    "istimewa": [{"predikat": ["sangat_baik"], "op": "le", "share": "0.5", "people": None}]
}


def _update(cast, who: str = "eko", **kw: Any) -> AturanPenilaian:
    return aturan_update(actor=cast.actor(who), tahun=2026, **{**BASE, **kw})


def test_defaults_until_saved(cast):
    row = aturan_get_or_default(instansi_id=cast.a.pk, tahun=2026)
    assert row.pk is None and row.versi == 0
    assert aturan_for(instansi_id=cast.a.pk, tahun=2026) == ruleset.DEFAULT_ATURAN


def test_save_bumps_the_version_and_audits_old_and_new(cast):
    row = _update(cast, mode_tahunan="last_period", kurva=ISTIMEWA_50)
    assert (row.versi, row.mode_tahunan, row.updated_by) == (1, "last_period", cast.eko.user)
    row = _update(cast, mode_tahunan="last_period", kurva=ISTIMEWA_50, ambang_di_atas="120")
    assert row.versi == 2 and row.ambang_di_atas == Decimal("120.00")
    # Saving the same values changes nothing.
    assert _update(cast, mode_tahunan="last_period", ambang_di_atas="120").versi == 2
    events = AuditEvent.objects.filter(action="aturan_penilaian.update").order_by("pk")
    assert events.count() == 2
    assert events[1].changes["ambang_di_atas"] == ["110.00", "120.00"]
    assert events[1].changes["versi"] == [1, 2]


def test_stored_rules_are_the_ones_used(cast):
    _update(
        cast,
        ambang_di_atas="105,5",
        ambang_sesuai="95",
        kurva=ISTIMEWA_50,
        pemetaan_kepala={"baik": "di_atas"},
    )
    aturan = aturan_for(instansi_id=cast.a.pk, tahun=2026)
    assert aturan.suggestion.above == Decimal("105.50") and aturan.suggestion.meets == Decimal(95)
    assert aturan.head_rating["baik"] == "di_atas" and aturan.head_rating["istimewa"] == "di_atas"
    assert aturan.curve["istimewa"][0].share == Decimal("0.5")
    assert aturan.curve["baik"] == distribution.DEFAULT_CURVE["baik"]
    # n = 10, Istimewa: 5 SB pass under the stored curve, 6 fail (default would allow 7).
    assert distribution.check_curve({"sangat_baik": 5, "baik": 5}, "istimewa", aturan.curve).ok
    assert not distribution.check_curve({"sangat_baik": 6, "baik": 4}, "istimewa", aturan.curve).ok
    # {} restores the default curve.
    _update(cast, kurva={})
    assert aturan_for(instansi_id=cast.a.pk, tahun=2026).curve == distribution.DEFAULT_CURVE


def _rule(**kw: Any) -> dict[str, Any]:
    return {"predikat": ["sangat_baik"], "op": "le", "share": "0.5", "people": None, **kw}


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"mode_tahunan": "x"}, "mode_tahunan", "Pilih cara evaluasi tahunan."),
        ({"ambang_di_atas": "abc"}, "ambang_di_atas", "Ambang “di atas” harus angka"),
        ({"ambang_sesuai": "0"}, "ambang_sesuai", "Ambang “sesuai” harus angka"),
        (
            {"ambang_di_atas": "100", "ambang_sesuai": "100"},
            "ambang_sesuai",
            "Ambang “sesuai” harus lebih kecil daripada ambang “di atas”",
        ),
        (
            {"kurva": {"luar_biasa": [_rule()]}},
            "kurva",
            "Predikat organisasi “luar_biasa” tidak dikenal.",
        ),
        ({"kurva": {"istimewa": []}}, "kurva", "Istimewa memerlukan paling sedikit satu aturan"),
        (
            {"kurva": {"istimewa": [_rule(predikat=[])]}},
            "kurva",
            "Istimewa, aturan 1: pilih paling sedikit satu predikat pegawai.",
        ),
        (
            {"kurva": {"istimewa": [_rule(predikat=["hebat"])]}},
            "kurva",
            "predikat pegawai tidak dikenal",
        ),
        (
            {"kurva": {"istimewa": [_rule(op="lt")]}},
            "kurva",
            "pilih “paling banyak” atau “paling sedikit”",
        ),
        ({"kurva": {"istimewa": [_rule(share="1.5")]}}, "kurva", "persentase harus 0 sampai 100"),
        (
            {"kurva": {"baik": [_rule(), _rule(people=1)]}},
            "kurva",
            "Baik, aturan 2: isi salah satu saja",
        ),
        ({"kurva": {"baik": [_rule(share=None)]}}, "kurva", "isi salah satu saja"),
        (
            {"kurva": {"baik": [_rule(share=None, people=-1)]}},
            "kurva",
            "jumlah orang harus bilangan bulat",
        ),
        ({"kurva": {"baik": [_rule()] * 7}}, "kurva", "paling banyak 6 aturan"),
        (
            {"pemetaan_kepala": {"baik": "hebat"}},
            "pemetaan_kepala",
            "dipetakan ke salah satu rating",
        ),
    ],
)
def test_bad_input_refused_and_nothing_stored(cast, kw, field, message):
    _update(cast)
    with pytest.raises(ValidationError) as e:
        _update(cast, **kw)
    assert any(message in m for m in e.value.message_dict[field]), e.value.message_dict
    row = AturanPenilaian.objects.get()
    assert (row.versi, row.kurva, row.mode_tahunan) == (1, {}, "separate")


@pytest.mark.parametrize("who", ["alice", "bob", "fajar", "gita"])
def test_only_the_admin_changes_the_rules(cast, who):
    with pytest.raises(PermissionDenied):
        _update(cast, who)
    assert not AturanPenilaian.objects.exists()


def test_year_out_of_range_refused(cast):
    with pytest.raises(ValidationError, match="Tahun harus antara"):
        aturan_update(actor=cast.actor("eko"), tahun=1990, **BASE)


def test_rule_text():
    assert rule_text(distribution.DEFAULT_CURVE["istimewa"][0]) == "Sangat Baik paling banyak 70%"
    assert (
        rule_text(distribution.DEFAULT_CURVE["baik"][1])
        == "Butuh Perbaikan + Kurang/Misconduct paling sedikit 1 orang"
    )


# --- the page ---------------------------------------------------------------------------


def _post_data(form: AturanForm) -> dict[str, Any]:
    """What the browser sends for the form as rendered (initial values)."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value in (None, False):
            continue
        data[name] = value
    return data


def test_page_shows_the_default_curve_as_a_table(cast, login, django_assert_max_num_queries):
    client = login("eko")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("appraisal:aturan", args=[2026]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Belum ada aturan tersimpan" in html
    assert "Bawaan: Sangat Baik paling banyak 70%" in html
    # Istimewa's rule: Sangat Baik checked, "paling banyak", 70 %.
    assert 'name="k_istimewa_0_predikat" value="sangat_baik"' in html
    assert 'name="k_istimewa_0_nilai" value="70"' in html
    assert 'name="k_baik_1_nilai" value="1"' in html
    assert 'name="k_istimewa_1_nilai"' in html  # the spare row to add a rule


def test_page_saves_an_edited_curve_row(cast, login):
    client = login("eko")
    form = AturanForm(aturan=aturan_get_or_default(instansi_id=cast.a.pk, tahun=2026))
    data = _post_data(form)
    data["k_istimewa_0_nilai"] = "60"
    # A new rule in the spare row of Istimewa: Kurang at most 2 people.
    data.update(
        {
            "k_istimewa_1_predikat": ["kurang"],
            "k_istimewa_1_op": "le",
            "k_istimewa_1_jenis": "orang",
            "k_istimewa_1_nilai": "2",
        }
    )
    response = client.post(reverse("appraisal:aturan", args=[2026]), data, follow=True)
    assert "Aturan penilaian 2026 disimpan (versi 1)." in response.content.decode()
    curve = aturan_for(instansi_id=cast.a.pk, tahun=2026).curve
    assert curve["istimewa"] == (
        distribution.CurveRule(("sangat_baik",), "le", Decimal("0.6")),
        distribution.CurveRule(("kurang",), "le", None, 2),
    )
    assert curve["sangat_kurang"] == distribution.DEFAULT_CURVE["sangat_kurang"]
    html = response.content.decode()
    assert "diubah dari bawaan" in html and 'name="k_istimewa_2_nilai"' in html


def test_page_deletes_a_row_and_resets_the_curve(cast, login):
    client = login("eko")
    url = reverse("appraisal:aturan", args=[2026])
    data = _post_data(AturanForm(aturan=aturan_get_or_default(instansi_id=cast.a.pk, tahun=2026)))
    data["k_baik_1_hapus"] = "on"
    client.post(url, data)
    assert len(aturan_for(instansi_id=cast.a.pk, tahun=2026).curve["baik"]) == 1
    data = _post_data(AturanForm(aturan=AturanPenilaian.objects.get()))
    client.post(url, {**data, "kembalikan_kurva": "1"})
    row = AturanPenilaian.objects.get()
    assert row.kurva == {} and row.versi == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"k_istimewa_0_nilai": "170"}, "Istimewa, baris 1: persentase harus 0 sampai 100."),
        ({"k_istimewa_0_nilai": "abc"}, "Istimewa, baris 1: isi angkanya"),
        ({"k_baik_1_nilai": "1,5"}, "Baik, baris 2: jumlah orang harus bilangan bulat."),
        ({"k_baik_0_predikat": []}, "Baik, baris 1: centang paling sedikit satu predikat pegawai."),
        ({"k_istimewa_0_hapus": "on"}, "Istimewa memerlukan paling sedikit satu aturan"),
        ({"ambang_sesuai": "120"}, "harus lebih kecil daripada ambang"),
    ],
)
def test_page_refuses_bad_rows_in_place(cast, login, change, message):
    client = login("eko")
    data = _post_data(AturanForm(aturan=aturan_get_or_default(instansi_id=cast.a.pk, tahun=2026)))
    data.update(change)
    response = client.post(reverse("appraisal:aturan", args=[2026]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AturanPenilaian.objects.exists()


def test_page_is_for_the_admin_only_and_sane_years(cast, login):
    assert login("bob").get(reverse("appraisal:aturan", args=[2026])).status_code == 403
    assert login("eko").get(reverse("appraisal:aturan", args=[3000])).status_code == 404
