"""Issue 11 §8: the Django admin login, account takeover by an Admin Instansi, and
lock-out abuse (throttling per account *and* address, with growing delays)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ekinerja.conftest import PASSWORD
from ekinerja.core import ratelimit
from ekinerja.core.models import AuditEvent, LoginFailure, User

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _from(ip: str) -> Client:
    """A browser behind another address (REMOTE_ADDR as the server sees it)."""
    return Client(REMOTE_ADDR=ip)


def _logged_in(client: Client) -> bool:
    return get_user(client).is_authenticated


# --- /django-admin/login/ -------------------------------------------------------------


def test_django_admin_login_page_sends_people_to_the_throttled_login(client, cast):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/django-admin/"


def test_django_admin_login_form_cannot_be_used_to_guess_passwords(client, cast):
    cast.root.is_staff = True
    cast.root.save(update_fields=["is_staff"])
    response = client.post(
        "/django-admin/login/", {"username": "root", "password": PASSWORD, "next": "/"}
    )
    # Nothing is checked there: no login, whatever the password.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not _logged_in(client)


def test_platform_admin_reaches_django_admin_through_the_audited_login(client, cast):
    cast.root.is_staff = True
    cast.root.save(update_fields=["is_staff"])
    response = client.post(
        f"{reverse('login')}?next=/django-admin/",
        {"username": "root", "password": PASSWORD, "next": "/django-admin/"},
    )
    assert response["Location"] == "/django-admin/"
    assert AuditEvent.objects.filter(action="auth.login", actor=cast.root).count() == 1
    assert client.get("/django-admin/").status_code == 200


def test_staff_logged_in_without_admin_rights_get_a_403_not_a_redirect_loop(login, cast):
    response = login("eko").get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 403


def test_django_admin_logout_and_password_pages_are_the_audited_ones(client, cast):
    assert client.get("/django-admin/password_change/")["Location"].startswith(
        reverse("password_change")
    )


# --- account takeover by an Admin Instansi --------------------------------------------


def test_staff_email_on_the_pegawai_record_still_resets_a_staff_password(client, cast):
    client.post(reverse("password_reset"), {"email": "charlie@example.go.id"})
    assert [m.to for m in mail.outbox] == [["charlie@example.go.id"]]


def test_auditor_resets_by_the_login_email_they_set_themselves(
    login, cast, django_capture_on_commit_callbacks
):
    client = login("fajar")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:account-email"),
            {"email": "fajar.pribadi@example.org", "password": PASSWORD},
        )
    assert response.status_code == 302
    fajar = cast.fajar.user
    fajar.refresh_from_db()
    assert fajar.email == "fajar.pribadi@example.org"
    event = AuditEvent.objects.get(action="auth.email_change")
    assert event.actor == fajar and event.instansi_id == cast.a.pk
    assert event.changes == {"email": ["", "fajar.pribadi@example.org"]}
    # The owner is told, at the new address and (had there been one) the old one.
    assert any("fajar.pribadi@example.org" in m.to for m in mail.outbox)
    mail.outbox.clear()
    client.post(reverse("logout"))
    client.post(reverse("password_reset"), {"email": "fajar.pribadi@example.org"})
    assert [m.to for m in mail.outbox] == [["fajar.pribadi@example.org"]]


def test_changing_the_login_email_needs_the_current_password(login, cast):
    client = login("fajar")
    response = client.post(
        reverse("core:account-email"), {"email": "x@evil.example", "password": "salah"}
    )
    assert response.status_code == 200
    cast.fajar.user.refresh_from_db()
    assert cast.fajar.user.email == ""
    assert not AuditEvent.objects.filter(action="auth.email_change").exists()


def test_email_change_tells_the_old_address(login, cast, django_capture_on_commit_callbacks):
    user = cast.fajar.user
    user.email = "lama@example.org"
    user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        login("fajar").post(
            reverse("core:account-email"), {"email": "baru@example.org", "password": PASSWORD}
        )
    recipients = sorted(a for m in mail.outbox for a in m.to)
    assert recipients == ["baru@example.org", "lama@example.org"]
    old = next(m for m in mail.outbox if m.to == ["lama@example.org"])
    assert "baru@example.org" in old.body


# --- lock-out abuse -------------------------------------------------------------------


@override_settings(LOGIN_MAX_FAILURES=3)
def test_someone_who_knows_a_nip_cannot_lock_the_owner_out(cast):
    attacker = _from("10.9.9.9")
    for _ in range(10):
        _login(attacker, cast.charlie.nip, "tebakan")
    assert "Terlalu banyak" in _login(attacker, cast.charlie.nip).content.decode()
    # charlie, at his own desk (an address that has not failed), gets in.
    owner = _from("10.1.1.1")
    assert _login(owner, cast.charlie.nip).status_code == 302
    assert _logged_in(owner)


@override_settings(LOGIN_MAX_FAILURES=100, LOGIN_MAX_FAILURES_PER_IP=5)
def test_many_failures_behind_one_gateway_do_not_lock_out_known_browsers(cast):
    office = "10.2.2.2"
    dina = _from(office)
    assert _login(dina, cast.dina.nip).status_code == 302  # she logged in here before
    dina.post(reverse("logout"))
    spray = _from(office)
    for n in range(8):
        _login(spray, f"19990101202001100{n}", "Password123")
    # The address is slowed down for browsers that have never logged in to the account …
    stranger = _from(office)
    assert "Terlalu banyak" in _login(stranger, cast.dina.nip).content.decode()
    # … but dina's browser is known to her account, so she still gets in.
    assert _login(dina, cast.dina.nip).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_LOCKOUT_MINUTES=15)
def test_delays_grow_with_each_failure_after_the_free_ones(cast):
    client = _from("10.3.3.3")
    nip = cast.charlie.nip
    for _ in range(3):
        _login(client, nip, "salah")
    first = ratelimit.check(nip, "10.3.3.3")
    assert 0 < first.wait_seconds <= 60
    LoginFailure.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))
    _login(client, nip, "salah")  # the wait is over: one more try, and it fails
    second = ratelimit.check(nip, "10.3.3.3")
    assert second.wait_seconds > first.wait_seconds
    for _ in range(10):
        LoginFailure.objects.update(created_at=timezone.now() - dt.timedelta(hours=1))
        _login(client, nip, "salah")
    assert ratelimit.check(nip, "10.3.3.3").wait_seconds <= 15 * 60  # capped


def test_delay_schedule_doubles_from_one_minute_up_to_the_cap():
    assert [ratelimit.delay_seconds(n, free=5, cap_minutes=15) for n in range(4, 11)] == [
        0, 60, 120, 240, 480, 900, 900,
    ]  # fmt: skip


@override_settings(LOGIN_MAX_FAILURES=3)
def test_a_locked_address_stays_locked_for_the_right_password(cast):
    client = _from("10.4.4.4")
    for _ in range(3):
        _login(client, cast.charlie.nip, "salah")
    response = _login(client, cast.charlie.nip)
    assert "Terlalu banyak" in response.content.decode()
    assert not _logged_in(client)


@override_settings(LOGIN_MAX_FAILURES=3, LOGIN_MAX_FAILURES_PER_ACCOUNT=6)
def test_an_account_attacked_from_many_addresses_gives_each_new_address_one_try(cast):
    nip = cast.charlie.nip
    for i in range(6):
        _login(_from(f"10.5.0.{i}"), nip, "salah")
    late = _from("10.5.1.1")
    _login(late, nip, "salah")
    assert "Terlalu banyak" in _login(late, nip, "salah").content.decode()
    # A correct password from an address that has not failed still gets in.
    assert _login(_from("10.5.2.2"), nip).status_code == 302


# --- password-reset requests are throttled too ----------------------------------------


@override_settings(PASSWORD_RESET_MAX_PER_EMAIL=2)
def test_password_reset_requests_for_one_address_are_throttled(client, cast):
    for _ in range(5):
        response = client.post(reverse("password_reset"), {"email": "charlie@example.go.id"})
        assert response["Location"] == reverse("password_reset_done")  # always the same
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action="auth.password_reset_throttled").count() == 3


@override_settings(PASSWORD_RESET_MAX_PER_IP=3)
def test_password_reset_requests_from_one_address_are_throttled(client, cast):
    for who in ("alice", "bob", "charlie", "dina", "eko"):
        client.post(reverse("password_reset"), {"email": f"{who}@example.go.id"})
    assert len(mail.outbox) == 3


# --- admins see and lift locks --------------------------------------------------------


@override_settings(LOGIN_MAX_FAILURES=2)
def test_admin_sees_and_lifts_a_lock_on_their_staff(login, cast):
    attacker = _from("10.6.6.6")
    for _ in range(3):
        _login(attacker, cast.charlie.nip, "salah")
    for _ in range(3):
        _login(attacker, cast.gita.nip, "salah")  # another agency's account
    page = login("eko").get(reverse("core:lock-list"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Charlie Nugroho" in body and "10.6.6.6" in body
    assert "Gita" not in body and cast.gita.nip not in body
    response = login("eko").post(reverse("core:lock-lift"), {"username": cast.charlie.nip})
    assert response.status_code == 302
    assert not LoginFailure.objects.filter(username=cast.charlie.nip).exists()
    assert LoginFailure.objects.filter(username=cast.gita.nip).exists()
    event = AuditEvent.objects.get(action="auth.lock_lift")
    assert event.instansi_id == cast.a.pk and event.object_id == str(cast.charlie.user.pk)
    assert _login(attacker, cast.charlie.nip).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=2)
def test_admin_cannot_lift_a_lock_of_another_agency(login, cast):
    for _ in range(3):
        _login(_from("10.7.7.7"), cast.gita.nip, "salah")
    before = LoginFailure.objects.filter(username=cast.gita.nip).count()
    assert before == 2  # the third attempt was refused unchecked
    response = login("eko").post(reverse("core:lock-lift"), {"username": cast.gita.nip})
    assert response.status_code == 404
    assert LoginFailure.objects.filter(username=cast.gita.nip).count() == before


@override_settings(LOGIN_MAX_FAILURES=2, LOGIN_MAX_FAILURES_PER_IP=3)
def test_platform_admin_sees_every_lock_and_lifts_an_address(login, cast):
    spray = _from("10.8.8.8")
    _login(spray, cast.gita.nip, "salah")
    _login(spray, cast.gita.nip, "salah")
    for n in range(4):
        _login(spray, f"tidak-ada-{n}", "salah")
    client = login("root")
    body = client.get(reverse("core:lock-list")).content.decode()
    assert "10.8.8.8" in body and cast.gita.nip in body
    assert client.post(reverse("core:lock-lift"), {"ip": "10.8.8.8"}).status_code == 302
    assert not LoginFailure.objects.filter(ip="10.8.8.8").exists()
    assert AuditEvent.objects.filter(action="auth.lock_lift").exists()


def test_staff_cannot_open_the_lock_page(login, cast):
    assert login("charlie").get(reverse("core:lock-list")).status_code == 403
    assert login("fajar").post(reverse("core:lock-lift"), {"username": "x"}).status_code == 403


def test_lock_page_query_count_is_bounded(login, cast, django_assert_max_num_queries):
    for i in range(30):
        LoginFailure.objects.bulk_create(
            [LoginFailure(username=f"1990010120150310{i:02d}", ip=f"10.0.0.{i}")] * 6
        )
    User.objects.bulk_create(
        [User(username=f"1990010120150310{i:02d}", instansi=cast.a) for i in range(30)]
    )
    client = login("eko")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("core:lock-list")).status_code == 200
