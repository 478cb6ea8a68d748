import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ekinerja.core import ratelimit
from ekinerja.core.models import LoginFailure, User

pytestmark = pytest.mark.django_db


def test_create_platform_admin_then_log_in(client, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Panjang-Sekali-2026\n"))
    call_command("create_platform_admin", "operator", "--password-stdin")
    user = User.objects.get(username="operator")
    assert user.is_platform_admin and user.instansi_id is None
    response = client.post("/masuk/", {"username": "operator", "password": "Panjang-Sekali-2026"})
    assert response.status_code == 302


def test_create_platform_admin_refuses_a_weak_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("12345678\n"))
    with pytest.raises(CommandError):
        call_command("create_platform_admin", "operator", "--password-stdin")
    assert not User.objects.filter(username="operator").exists()


def test_create_platform_admin_never_promotes_a_staff_login(cast, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Panjang-Sekali-2026\n"))
    with pytest.raises(CommandError):
        call_command("create_platform_admin", cast.charlie.nip, "--password-stdin")


def test_old_login_failures_are_pruned():
    old = LoginFailure.objects.create(username="x", ip="10.0.0.1")
    LoginFailure.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    ratelimit.record_failure("y", "10.0.0.2")
    assert list(LoginFailure.objects.values_list("username", flat=True)) == ["y"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_language_is_named_in_its_own_language(client, lang):
    from django.utils import translation

    client.cookies["django_language"] = lang
    with translation.override("id"):  # the middleware's language ends with the test
        page = client.get("/masuk/").content.decode()
    assert '<option value="id"' in page and ">Bahasa Indonesia</option>" in page
    assert ">English</option>" in page
    assert "Inggris" not in page
