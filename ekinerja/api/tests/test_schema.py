"""The OpenAPI schema is generated without warnings and served; the docs page works
offline (its assets come from drf-spectacular-sidecar, not a CDN)."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_schema_generates_and_validates_without_warnings(tmp_path):
    path = tmp_path / "schema.yml"
    # --fail-on-warn turns every drf-spectacular warning or error into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    schema = yaml.safe_load(path.read_text())
    paths = schema["paths"]
    for expected in (
        "/api/v1/auth/token/",
        "/api/v1/skp/",
        "/api/v1/skp/{id}/",
        "/api/v1/skp/{id}/submit/",
        "/api/v1/skp/{id}/approve/",
        "/api/v1/skp/{id}/return/",
        "/api/v1/skp/{id}/revise/",
        "/api/v1/skp/queue/",
        "/api/v1/skp/bulk-approve/",
        "/api/v1/skp/bulk-return/",
        "/api/v1/rhk/{id}/",
        "/api/v1/iki/{id}/",
    ):
        assert expected in paths, expected
    assert set(paths["/api/v1/auth/token/"]) == {"post", "delete"}
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


def test_schema_is_served(cast):
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "e-Kinerja API"


def test_docs_page_loads_nothing_from_outside(cast):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    assets = [s for s in sources if "swagger-ui" in s]
    assert len(assets) >= 3
    for url in assets:
        assert url.startswith("/static/drf_spectacular_sidecar/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not shipped"
