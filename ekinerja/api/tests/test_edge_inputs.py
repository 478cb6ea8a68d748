"""Edge inputs the attack walk sent to the API: ids of 25 digits in every filter and
body that takes an id (SQLite cannot bind them, PostgreSQL's bigint cannot hold them),
and every writable whole-number field bounded in the serializers, so such a request is
a 400 with a message, never a 500."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rest_framework import serializers

from ekinerja.api.serializers import appraisal as s_appraisal
from ekinerja.api.serializers import auth as s_auth
from ekinerja.api.serializers import execution as s_execution
from ekinerja.api.serializers import plans as s_plans
from ekinerja.appraisal.tests.factories import appraisal_world

pytestmark = pytest.mark.django_db

V1 = "/api/v1"
BIG = "1234567890123456789012345"  # 25 digits
PARSED = re.compile(r"\bparse\(\s*s\.(\w+Serializer)|\bs\.(\w+Serializer)\(data=")


@pytest.fixture
def w(cast):
    return appraisal_world(cast)


def _get_cases(w) -> list[tuple[str, str, dict]]:
    unit = w.cast.dinas.pk
    return [
        ("eko", "/skp/", {"periode": BIG}),
        ("eko", "/skp/", {"pegawai": BIG}),
        ("bob", "/skp/queue/", {"periode": BIG}),
        ("bob", "/penilaian/evaluasi/", {"periode": BIG}),
        ("eko", f"/penilaian/unit/{unit}/kurva/", {"periode": BIG}),
        ("eko", "/penilaian/siasn/", {"periode": BIG}),
        ("bob", "/verifikasi/", {"pegawai": BIG}),
        ("bob", "/verifikasi/", {"rhk": BIG}),
        ("bob", "/umpan-balik/", {"pegawai": BIG}),
        ("bob", "/bimbingan/", {"pegawai": BIG}),
        ("eko", "/ringkasan/", {"unit": BIG}),
    ]


def test_filters_refuse_an_id_of_25_digits(w, api):
    wrong = []
    for who, path, params in _get_cases(w):
        response = api(who).get(V1 + path, params)
        if response.status_code not in (400, 404) or not response.json().get("detail"):
            wrong.append((path, params, response.status_code))
    assert wrong == []


def _post_cases(w) -> list[tuple[str, str, dict]]:
    big = int(BIG)
    c = w.cascade
    return [
        ("eko", "/skp/", {"periode": big}),
        ("eko", "/skp/", {"periode": c.periode.pk, "pegawai": big}),
        ("eko", "/skp/", {"periode": c.periode.pk, "jabatan": big}),
        ("bob", "/skp/bulk-approve/", {"skp_ids": [big]}),
        ("bob", "/skp/bulk-return/", {"skp_ids": [c.charlie.pk, big], "alasan": "Perbaiki."}),
        ("charlie", f"/skp/{c.charlie.pk}/rhk/", {"jenis": "utama", "teks": "x",
                                                  "intervensi": big}),
        ("bob", "/umpan-balik/", {"pegawai": big, "topik": "umum", "teks": "Bagus."}),
        ("bob", "/bimbingan/", {"pegawai": big, "tanggal": "2026-03-02", "topik": "t",
                                "catatan": "c"}),
        ("charlie", "/aktivitas/", {"tanggal": "2026-03-02", "uraian": "Rapat", "menit": 30,
                                    "rhk": big}),
    ]  # fmt: skip


def test_bodies_refuse_an_id_of_25_digits(w, api):
    wrong = []
    for who, path, body in _post_cases(w):
        response = api(who).post(V1 + path, body, format="json")
        if response.status_code not in (400, 404) or not response.json().get("detail"):
            wrong.append((path, body, response.status_code))
    assert wrong == []


def test_a_too_large_id_says_so(w, api):
    response = api("bob").post(V1 + "/skp/bulk-approve/", {"skp_ids": [int(BIG)]}, format="json")
    assert response.status_code == 400
    assert "skp_ids" in response.json()


def _input_serializers() -> list[type[serializers.Serializer]]:
    """Every serializer a view parses a request with (`parse(s.X, …)`, `s.X(data=…)`)."""
    views = Path(s_plans.__file__).parent.parent / "views"
    names = set()
    for path in views.glob("*.py"):
        for parsed, constructed in PARSED.findall(path.read_text(encoding="utf-8")):
            names.add(parsed or constructed)
    modules = (s_auth, s_plans, s_appraisal, s_execution)
    found = [getattr(m, n) for n in sorted(names) for m in modules if hasattr(m, n)]
    assert len(found) >= 25, sorted(names)  # the scan works
    return found


def _whole_number_fields(serializer: serializers.Serializer):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.ListField):
            field = field.child
        if isinstance(field, serializers.IntegerField):
            yield name, field


def test_every_writable_whole_number_is_bounded():
    """A new id filter or number input gets a bound, or this fails."""
    unbounded = []
    for cls in _input_serializers():
        instance = cls()
        for name, field in _whole_number_fields(instance):
            if field.max_value is None or field.max_value > 2**63 - 1:
                unbounded.append(f"{cls.__name__}.{name}")
    assert unbounded == []


# --- bodies: size and depth ---------------------------------------------------------------


def test_a_25_mb_json_body_is_a_413_with_a_message(w, api):
    body = '{"teks": "' + "a" * (25 * 1024 * 1024) + '"}'
    response = api("charlie").post(
        f"{V1}/skp/{w.cascade.charlie.pk}/rhk/", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert "terlalu besar" in response.json()["detail"]


def test_a_body_over_the_limit_is_refused_before_it_is_read(w, api, settings):
    settings.API_MAX_BODY_BYTES = 1000
    body = '{"teks": "' + "a" * 2000 + '"}'
    for content_type in ("application/json", "application/x-www-form-urlencoded"):
        response = api("charlie").post(
            f"{V1}/skp/{w.cascade.charlie.pk}/rhk/", body, content_type=content_type
        )
        assert response.status_code == 413, content_type
        assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_a_deeply_nested_json_body_is_a_400(w, api, depth):
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        response = api("bob").post(f"{V1}/skp/bulk-approve/", body, content_type="application/json")
        assert response.status_code == 400
        assert "bertingkat terlalu dalam" in response.json()["detail"]


def test_a_deep_but_reasonable_body_still_parses(w, api):
    response = api("bob").post(
        f"{V1}/skp/bulk-approve/", '{"skp_ids": [[[1]]]}', content_type="application/json"
    )
    assert response.status_code == 400 and "skp_ids" in response.json()  # a field error
