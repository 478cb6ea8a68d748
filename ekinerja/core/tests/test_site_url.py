"""Issue 11 §7: links in emails are absolute when SITE_URL is set (from the
environment, docs/deploy.md); without it they stay paths and a warning is logged."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext_lazy

from ekinerja.core import notify, siteurl

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def _settings_value(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_site_url_is_read_from_the_environment():
    result = _settings_value(
        "from django.conf import settings; print(settings.SITE_URL)",
        SITE_URL="https://kinerja.contohkab.go.id/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://kinerja.contohkab.go.id"


def test_a_site_url_without_a_scheme_stops_start_up_with_a_clear_message():
    result = _settings_value("pass", SITE_URL="kinerja.contohkab.go.id")
    assert result.returncode != 0
    assert "SITE_URL must start with https://" in result.stderr


def test_password_reset_link_uses_site_url(client, cast, settings):
    settings.SITE_URL = "https://kinerja.alfa.go.id"
    client.post(reverse("password_reset"), {"email": "charlie@example.go.id"})
    assert "https://kinerja.alfa.go.id/akun/sandi/baru/" in mail.outbox[0].body


def test_without_site_url_an_email_link_is_a_path_and_a_warning_is_logged(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    settings.SITE_URL = ""
    monkeypatch.setattr(siteurl, "_warned", False)
    with caplog.at_level(logging.WARNING, logger="ekinerja.core.siteurl"):
        with django_capture_on_commit_callbacks(execute=True):
            notify.notify(
                recipients=[cast.bob.user],
                kind="test",
                message=gettext_lazy("Halo"),
                url="/penilaian/saya/",
                instansi_id=cast.a.pk,
            )
    body = mailoutbox[0].body
    assert "/penilaian/saya/" in body and "http" not in body
    assert "SITE_URL is not set" in caplog.text
