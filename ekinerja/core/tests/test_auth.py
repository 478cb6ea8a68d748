"""Accounts: login with NIP, lock-out, logout, password change and reset, sessions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.hashers import check_password, get_hasher, make_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ekinerja.conftest import PASSWORD
from ekinerja.core.models import AuditEvent, LoginFailure

pytestmark = pytest.mark.django_db

CHARLIE_NIP_SPACED = "19900520 201503 1 003"


def _login(client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def _logged_in(client) -> bool:
    return get_user(client).is_authenticated


# --- login ----------------------------------------------------------------------------


def test_login_page_is_in_indonesian(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Masuk ke e-Kinerja" in body
    assert "NIP atau nama pengguna" in body
    assert reverse("password_reset") in body


def test_login_with_nip_with_spaces_redirects_home_and_is_audited(client, cast):
    response = _login(client, CHARLIE_NIP_SPACED)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert _logged_in(client)
    assert get_user(client) == cast.charlie.user
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor == cast.charlie.user
    assert event.instansi_id == cast.a.pk
    assert event.ip == "127.0.0.1"


def test_login_returns_to_the_page_asked_for(client, cast):
    target = reverse("password_change")
    response = client.post(
        f"{reverse('login')}?next={target}",
        {"username": cast.dina.nip, "password": PASSWORD, "next": target},
    )
    assert response["Location"] == target


def test_empty_login_says_what_is_missing_and_counts_nothing(client, cast):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not LoginFailure.objects.exists()
    assert not AuditEvent.objects.exists()


def test_platform_admin_logs_in_with_username(client, cast):
    assert _login(client, "root").status_code == 302
    assert get_user(client) == cast.root


def test_wrong_password_is_refused_in_indonesian_and_audited(client, cast):
    response = _login(client, cast.charlie.nip, "salah-sekali")
    assert response.status_code == 200
    assert "NIP/nama pengguna atau kata sandi salah." in response.content.decode()
    assert not _logged_in(client)
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.actor is None
    assert event.instansi_id == cast.a.pk  # visible to the admins of charlie's agency
    assert event.object_id == str(cast.charlie.user.pk)
    assert event.object_repr == cast.charlie.nip
    assert LoginFailure.objects.filter(username=cast.charlie.nip).count() == 1


def test_failure_for_unknown_name_is_audited_without_instansi(client, cast):
    _login(client, "tidak-ada", "x")
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.instansi_id is None
    assert event.object_repr == "tidak-ada"


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_lockout_after_max_failures_refuses_even_the_right_password(client, cast):
    nip = cast.charlie.nip
    for _ in range(2):
        body = _login(client, nip, "salah").content.decode()
        assert "kata sandi salah" in body
    # The third failure trips the lock and says so: the first wait is a minute, and
    # each further failure doubles it up to LOGIN_LOCKOUT_MINUTES (core.ratelimit).
    body = _login(client, CHARLIE_NIP_SPACED, "salah").content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1 menit" in body
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 3
    locked = AuditEvent.objects.get(action="auth.locked_out")
    assert locked.instansi_id == cast.a.pk
    assert locked.changes == {"menit": 1}

    response = _login(client, nip, PASSWORD)
    assert response.status_code == 200
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert not _logged_in(client)
    assert not AuditEvent.objects.filter(action="auth.login").exists()
    # Another person is not affected by charlie's lock.
    assert _login(client, cast.dina.nip).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_lockout_ends_after_the_window(client, cast):
    nip = cast.charlie.nip
    for _ in range(3):
        _login(client, nip, "salah")
    LoginFailure.objects.update(created_at=timezone.now() - dt.timedelta(minutes=16))
    assert _login(client, nip).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3)
def test_successful_login_clears_failures(client, cast):
    nip = cast.charlie.nip
    _login(client, nip, "salah")
    _login(client, nip, "salah")
    assert _login(client, nip).status_code == 302
    assert not LoginFailure.objects.filter(username=nip).exists()
    client.post(reverse("logout"))
    # Two more failures do not lock: the count started again.
    _login(client, nip, "salah")
    _login(client, nip, "salah")
    assert _login(client, nip).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=100, LOGIN_MAX_FAILURES_PER_IP=4)
def test_one_address_trying_many_names_is_locked_out(client, cast):
    for name in ("a1", "a2", "a3", "a4"):
        _login(client, name, "salah")
    response = _login(client, cast.dina.nip)
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert not _logged_in(client)


def test_logged_in_user_visiting_login_goes_home(login):
    client = login("bob")
    response = client.get(reverse("login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# --- logout ---------------------------------------------------------------------------


def test_logout_requires_post_and_is_audited(login, cast):
    client = login("bob")
    assert client.get(reverse("logout")).status_code == 405
    assert _logged_in(client)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert not _logged_in(client)
    assert AuditEvent.objects.filter(action="auth.logout", actor=cast.bob.user).count() == 1


# --- password change ------------------------------------------------------------------


def test_password_change_page_needs_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_change_form_is_in_indonesian(login):
    body = login("dina").get(reverse("password_change")).content.decode()
    assert "Ganti kata sandi" in body
    assert 'class="form-control' in body


def test_password_change_saves_audits_and_keeps_session(login, cast):
    client = login("dina")
    new = "Sandi-Baru-yang-Panjang-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert _logged_in(client)  # the session survives its own password change
    user = cast.dina.user
    user.refresh_from_db()
    assert user.check_password(new)
    event = AuditEvent.objects.get(action="auth.password_change")
    assert event.actor == user and event.instansi_id == cast.a.pk
    assert "new_password1" not in str(event.changes)  # no secrets in the trail
    done = client.get(reverse("password_change_done"))
    assert "Kata sandi Anda sudah diganti" in done.content.decode()


def test_password_change_with_wrong_old_password_writes_nothing(login, cast):
    client = login("dina")
    new = "Sandi-Baru-yang-Panjang-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": "keliru", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    cast.dina.user.refresh_from_db()
    assert cast.dina.user.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="auth.password_change").exists()


def test_password_change_rejects_a_weak_password(login, cast):
    client = login("dina")
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    cast.dina.user.refresh_from_db()
    assert cast.dina.user.check_password(PASSWORD)


# --- password reset -------------------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/akun/sandi/baru/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_by_the_email_on_the_pegawai_record(client, cast):
    # The cast's logins have no email of their own; the Pegawai record has one.
    assert not cast.charlie.user.email
    page = client.get(reverse("password_reset"))
    assert "Lupa kata sandi" in page.content.decode()
    response = client.post(reverse("password_reset"), {"email": "CHARLIE@example.go.id"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["CHARLIE@example.go.id"]
    assert message.subject == "Atur ulang kata sandi e-Kinerja"
    assert "Yth. Charlie Nugroho" in message.body
    assert cast.charlie.nip in message.body

    link = _reset_link(message)
    form_page = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form_page.content.decode()
    new = "Sandi-Baru-yang-Panjang-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    cast.charlie.user.refresh_from_db()
    assert cast.charlie.user.check_password(new)
    event = AuditEvent.objects.get(action="auth.password_reset")
    assert event.actor == cast.charlie.user and event.instansi_id == cast.a.pk
    complete = client.get(reverse("password_reset_complete"))
    assert "Kata sandi baru Anda sudah tersimpan" in complete.content.decode()
    # The link works once.
    again = client.get(link, follow=True)
    assert "Tautan tidak berlaku" in again.content.decode()


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client, cast):
    response = client.post(reverse("password_reset"), {"email": "siapa@example.go.id"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_matches_the_login_email_too(client, cast):
    cast.root.email = "root@example.org"
    cast.root.save(update_fields=["email"])
    client.post(reverse("password_reset"), {"email": "root@example.org"})
    assert [m.to for m in mail.outbox] == [["root@example.org"]]


@override_settings(LOGIN_MAX_FAILURES=2)
def test_password_reset_lifts_the_lockout(client, cast):
    nip = cast.charlie.nip
    _login(client, nip, "salah")
    _login(client, nip, "salah")
    assert "Terlalu banyak" in _login(client, nip).content.decode()
    client.post(reverse("password_reset"), {"email": "charlie@example.go.id"})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    new = "Sandi-Baru-yang-Panjang-2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert _login(client, nip, new).status_code == 302


def test_invalid_reset_link_says_so(client, cast):
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bukan-token"})
    response = client.get(url)
    assert response.status_code == 200
    assert "Tautan tidak berlaku" in response.content.decode()


# --- sessions -------------------------------------------------------------------------


def test_sessions_expire_after_a_working_day_or_when_the_browser_closes(settings):
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_expired_session_sends_the_user_to_login(login):
    client = login("bob")
    url = reverse("password_change")
    assert client.get(url).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


# --- password hashing -----------------------------------------------------------------


def test_argon2_is_the_hasher_after_the_test_only_one(settings):
    hashers = settings.PASSWORD_HASHERS
    assert hashers[0].endswith("MD5PasswordHasher")  # tests only (speed)
    assert hashers[1] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashes_verify_and_login_works(client, cast):
    user = cast.bob.user
    user.password = make_password(PASSWORD, hasher="argon2")
    user.save(update_fields=["password"])
    assert user.password.startswith("argon2$")
    assert check_password(PASSWORD, user.password)
    assert get_hasher("argon2").algorithm == "argon2"
    assert _login(client, cast.bob.nip).status_code == 302
