"""The appraisal API is in the OpenAPI schema, which still generates and validates
without a warning: the mobile app's client is generated from it."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

EXPECTED = {
    "/api/v1/penilaian/periode/": {"get"},
    "/api/v1/penilaian/evaluasi/": {"get"},
    "/api/v1/penilaian/evaluasi/{id}/": {"get"},
    "/api/v1/penilaian/evaluasi/{id}/realisasi/{iki_id}/": {"put"},
    "/api/v1/penilaian/evaluasi/{id}/nilai/": {"post"},
    "/api/v1/penilaian/unit/{unit_id}/kurva/": {"get"},
    "/api/v1/penilaian/unit/{unit_id}/predikat/": {"put"},
    "/api/v1/penilaian/unit/{unit_id}/penetapan/": {"post"},
    "/api/v1/penilaian/penetapan/{id}/buka/": {"post"},
    "/api/v1/penilaian/siasn/": {"get"},
}


def test_appraisal_paths_are_in_the_schema(tmp_path):
    path = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    schema = yaml.safe_load(path.read_text())
    paths, components = schema["paths"], schema["components"]["schemas"]
    for url, methods in EXPECTED.items():
        assert url in paths, url
        assert set(paths[url]) - {"parameters"} == methods, (url, set(paths[url]))
    # The enums a client needs are named components of their own.
    assert components["RatingEnum"]["enum"] == ["di_atas", "sesuai", "di_bawah"]
    assert "sangat_baik" in components["PredikatEnum"]["enum"]
    assert "istimewa" in components["PredikatOrganisasiEnum"]["enum"]
    # A write names its refusal; penetapan and SIASN need a period.
    rate = paths["/api/v1/penilaian/evaluasi/{id}/nilai/"]["post"]
    assert {"200", "400", "403", "404"} <= set(rate["responses"])
    for url, method in (
        ("/api/v1/penilaian/unit/{unit_id}/penetapan/", "post"),
        ("/api/v1/penilaian/siasn/", "get"),
    ):
        params = {p["name"]: p for p in paths[url][method]["parameters"]}
        assert params["periode"]["required"] is True, url
    siasn = paths["/api/v1/penilaian/siasn/"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv"} <= set(siasn)
