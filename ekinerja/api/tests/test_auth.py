"""Getting into the API: bearer tokens for the mobile app (issued, locked out and
audited as the login page does), the browser's session with CSRF, and the refusals
for anonymous callers and logins without an instansi."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ekinerja.api import tokens
from ekinerja.api.models import ApiToken
from ekinerja.conftest import PASSWORD
from ekinerja.core.models import AuditEvent, LoginFailure

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"


def _get_token(client: APIClient, username: str, password: str = PASSWORD, **extra):
    return client.post(TOKEN, {"username": username, "password": password, **extra})


def test_url_names_resolve_to_the_documented_paths():
    assert reverse("api:token") == TOKEN
    assert reverse("api:me") == ME
    assert reverse("api:schema") == "/api/schema/"
    assert reverse("api:docs") == "/api/docs/"


def test_token_from_nip_with_spaces_works_and_is_audited(cast):
    client = APIClient()
    nip = cast.charlie.nip
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    LoginFailure.objects.create(username=nip, ip="10.0.0.1")
    response = _get_token(client, spaced, name="Android Charlie")
    assert response.status_code == 201, response.json()
    body = response.json()
    key = body["token"]
    assert key.startswith(tokens.PREFIX) and body["name"] == "Android Charlie"
    # Only a hash is stored: a copy of the database hands out no working token.
    row = ApiToken.objects.get(user=cast.charlie.user)
    assert row.key_hash != key and key not in row.key_hash and row.instansi_id == cast.a.pk
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.actor_id == cast.charlie.user_id and event.ip == "127.0.0.1"
    assert event.instansi_id == cast.a.pk
    assert not LoginFailure.objects.filter(username=nip).exists()  # success clears, as login

    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    me = client.get(ME)
    assert me.status_code == 200
    assert me.json()["pegawai_id"] == cast.charlie.pk
    assert me.json()["instansi_id"] == cast.a.pk


def test_wrong_password_is_refused_counted_and_audited_like_the_login_page(cast):
    response = _get_token(APIClient(), cast.charlie.nip, "salah-sekali")
    assert response.status_code == 400
    assert response.json() == {"detail": "NIP/nama pengguna atau kata sandi salah."}
    assert LoginFailure.objects.filter(username=cast.charlie.nip).count() == 1
    assert AuditEvent.objects.filter(action="auth.login_failed", instansi=cast.a).exists()
    assert not ApiToken.objects.exists()


def test_lock_out_refuses_even_the_right_password_with_429(cast):
    client = APIClient()
    for _ in range(settings.LOGIN_MAX_FAILURES):
        assert _get_token(client, cast.dina.nip, "salah").status_code in (400, 429)
    response = _get_token(client, cast.dina.nip)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.json()["detail"]
    assert int(response["Retry-After"]) == settings.LOGIN_LOCKOUT_MINUTES * 60
    assert AuditEvent.objects.filter(action="auth.locked_out").count() == 1
    assert not ApiToken.objects.exists()


def test_failures_on_the_login_page_lock_the_api_too(cast, client):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        client.post(reverse("login"), {"username": cast.dina.nip, "password": "salah"})
    assert _get_token(APIClient(), cast.dina.nip).status_code == 429


def test_missing_fields_are_field_errors(cast):
    response = APIClient().post(TOKEN, {"password": PASSWORD})
    assert response.status_code == 400
    assert "username" in response.json() and response.json()["detail"]


def test_a_login_without_an_instansi_gets_no_token(cast):
    response = _get_token(APIClient(), "root")
    assert response.status_code == 403
    assert "instansi" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_an_inactive_account_gets_no_token(cast):
    user = cast.charlie.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _get_token(APIClient(), cast.charlie.nip).status_code == 400
    assert not ApiToken.objects.exists()


def test_a_stale_header_does_not_stop_getting_a_new_token(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer ekn_revoked")
    assert _get_token(client, cast.charlie.nip).status_code == 201


def test_delete_revokes_the_token_and_is_audited(cast):
    client = APIClient()
    key = _get_token(client, cast.charlie.nip).json()["token"]
    other = _get_token(APIClient(), cast.charlie.nip).json()["token"]  # a second phone
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.delete(TOKEN).status_code == 204
    assert AuditEvent.objects.filter(action="api_token.delete").count() == 1
    response = client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {other}")
    assert client.get(ME).status_code == 200  # only the one token is revoked


def test_delete_without_a_token_is_401(cast):
    assert APIClient().delete(TOKEN).status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer ekn_tidak-ada", "Bearer a b", "Bearer"],
)
def test_bad_tokens_are_401_with_a_message(cast, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(ME)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_password_change_revokes_every_token(cast, api):
    client = api("charlie")
    assert client.get(ME).status_code == 200
    user = cast.charlie.user
    user.set_password("Kata-Sandi-Baru-2026")
    user.save()
    assert client.get(ME).status_code == 401


def test_a_reset_by_the_admin_revokes_every_token(cast, api):
    """An admin resets a password because the account may be in the wrong hands: the
    phone app's tokens made with the old password stop working at once too."""
    from ekinerja.core import activation

    client = api("charlie")
    assert client.get(ME).status_code == 200
    activation.codes_issue(issued_by=cast.eko.user, users=[cast.charlie.user])
    assert client.get(ME).status_code == 401


def test_idle_and_expired_tokens_stop_working(cast):
    now = timezone.now()
    idle, key_idle = tokens.token_create(user=cast.charlie.user, now=now - tokens.IDLE)
    assert tokens.token_authenticate(key_idle) is None
    old, key_old = tokens.token_create(user=cast.dina.user)
    ApiToken.objects.filter(pk=old.pk).update(expires_at=now - dt.timedelta(seconds=1))
    assert tokens.token_authenticate(key_old) is None
    live, key_live = tokens.token_create(user=cast.bob.user, now=now - dt.timedelta(hours=1))
    authenticated = tokens.token_authenticate(key_live, now=now)
    assert authenticated is not None and authenticated.pk == live.pk
    live.refresh_from_db()
    assert live.last_used_at == now  # use keeps it alive (sliding idle timeout)
    # A new token clears the user's dead ones.
    tokens.token_create(user=cast.charlie.user)
    assert not ApiToken.objects.filter(pk=idle.pk).exists()


def test_a_user_moved_to_another_instansi_loses_the_token(cast, api):
    client = api("charlie")
    user = cast.charlie.user
    user.instansi = cast.b
    user.save(update_fields=["instansi"])
    assert client.get(ME).status_code == 401


# --- anonymous, session, CSRF -------------------------------------------------------------


def test_anonymous_gets_401_json(cast):
    response = APIClient().get("/api/v1/skp/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_session_works_for_reads_and_enforces_csrf_on_writes(cast):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.eko.user)
    assert client.get("/api/v1/periode/").status_code == 200
    refused = client.post("/api/v1/periode/", {"tahun": 2030})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get(reverse("password_change"))  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post("/api/v1/periode/", {"tahun": 2030}, HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 201, accepted.json()


def test_a_login_without_an_instansi_is_403_with_the_reason(cast):
    client = APIClient()
    client.force_login(cast.root)
    response = client.get("/api/v1/skp/")
    assert response.status_code == 403
    assert "instansi" in response.json()["detail"]


def test_a_login_with_tokens_is_not_deleted_with_them(cast):
    """ApiToken.user is PROTECT (ekinerja/tests/test_dependencies.py: no key into a lower
    app cascades): a login's tokens are revoked, audited, before the login can go."""
    from django.db.models import ProtectedError

    token, _key = tokens.token_create(user=cast.user("charlie"))
    with pytest.raises(ProtectedError):
        cast.user("charlie").delete()
    assert ApiToken.objects.filter(pk=token.pk).exists()
    tokens.token_revoke(token=token)
    assert AuditEvent.objects.filter(action="api_token.delete", object_id=str(token.pk)).exists()
