"""The execution API is in the OpenAPI schema, which still generates without a warning:
the mobile app's client is generated from it."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

EXPECTED = {
    "/api/v1/aktivitas/": {"get", "post"},
    "/api/v1/aktivitas/{id}/": {"get", "patch", "delete"},
    "/api/v1/aktivitas/salin/": {"post"},
    "/api/v1/aktivitas/{id}/bukti/": {"post"},
    "/api/v1/bukti/{id}/": {"get", "delete"},
    "/api/v1/bukti/{id}/unduh/": {"get"},
    "/api/v1/rhk/{id}/rencana-aksi/": {"get", "post"},
    "/api/v1/rencana-aksi/{id}/": {"get", "patch", "delete"},
    "/api/v1/rencana-aksi/{id}/komentar/": {"post"},
    "/api/v1/verifikasi/": {"get"},
    "/api/v1/verifikasi/verify/": {"post"},
    "/api/v1/verifikasi/reject/": {"post"},
    "/api/v1/ringkasan/": {"get"},
    "/api/v1/umpan-balik/": {"get", "post"},
    "/api/v1/umpan-balik/{id}/": {"get"},
    "/api/v1/umpan-balik/{id}/balas/": {"post"},
    "/api/v1/bimbingan/": {"get", "post"},
    "/api/v1/bimbingan/{id}/": {"get", "patch", "delete"},
}


def test_execution_paths_are_in_the_schema(tmp_path):
    path = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    paths = yaml.safe_load(path.read_text())["paths"]
    for url, methods in EXPECTED.items():
        assert url in paths, url
        assert set(paths[url]) == methods, (url, set(paths[url]))
    # The phone sends its activity as JSON, or as multipart with a file.
    create = paths["/api/v1/aktivitas/"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(create)
    multipart = create["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    schema = yaml.safe_load(path.read_text())["components"]["schemas"][multipart]
    assert schema["properties"]["berkas"]["format"] == "binary"
    download = paths["/api/v1/bukti/{id}/unduh/"]["get"]["responses"]["200"]["content"]
    assert "application/octet-stream" in download
