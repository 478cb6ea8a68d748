"""Issue 11 §2: activation and reset codes, the activation page, and the password that
must be chosen after logging in with a code or a temporary password."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth import get_user
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ekinerja.conftest import PASSWORD
from ekinerja.core import activation
from ekinerja.core.models import ActivationCode, AuditEvent, LoginFailure, User

pytestmark = pytest.mark.django_db

NEW = "Kinerja-Baru-Saya-2026"
CODE_RE = re.compile(r"^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$")


def _new_staff(cast, nip: str = "199601012022031001", email: str = "") -> User:
    """A login as an import or "Tambah pegawai" makes it: no usable password."""
    user = User(username=nip, instansi=cast.a, first_name="Putri Baru", email=email)
    user.set_unusable_password()
    user.save()
    return user


def _issue(cast, user: User, who: str = "eko") -> str:
    return activation.code_issue(issued_by=cast.user(who), user=user).code


def _activate(client: Client, nip: str, code: str, password: str = NEW, **extra):
    return client.post(
        reverse("account_activate"),
        {"username": nip, "code": code, "new_password1": password, "new_password2": password},
        **extra,
    )


def _alert(response) -> str:
    body = response.content.decode()
    match = re.search(r'<div class="alert alert-danger"[^>]*>(.*?)</div>', body)
    return match.group(1) if match else ""


# --- the code -------------------------------------------------------------------------


def test_codes_are_typeable_from_paper():
    codes = {activation.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert CODE_RE.match(code), code
        assert not set(code) & set("0O1IL")
    assert activation.normalize_code(" abcde fghjk ") == "ABCDEFGHJK"
    assert activation.looks_like_code("abcde-fghjk")
    assert not activation.looks_like_code("Rahasia-Kinerja-2026")


def test_issuing_stores_only_a_hash_and_is_audited(cast):
    user = _new_staff(cast)
    issued = activation.code_issue(issued_by=cast.eko.user, user=user)
    row = ActivationCode.objects.get(user=user)
    plain = activation.normalize_code(issued.code)
    assert plain not in row.code_hash and issued.code not in row.code_hash
    assert row.code_hash == activation.code_hash(issued.code)
    assert row.purpose == "aktivasi" and row.instansi_id == cast.a.pk
    assert row.expires_at - timezone.now() > dt.timedelta(days=13)
    user.refresh_from_db()
    assert not user.has_usable_password() and user.must_change_password
    event = AuditEvent.objects.get(action="auth.activation_issue")
    assert event.actor == cast.eko.user and event.instansi_id == cast.a.pk
    assert event.object_id == str(user.pk)
    assert issued.code not in str(event.changes) and plain not in str(event.changes)


def test_a_reset_voids_the_old_password_and_the_old_codes(cast, client):
    charlie = cast.charlie.user
    first = _issue(cast, charlie)
    second = _issue(cast, charlie)
    assert AuditEvent.objects.filter(action="auth.reset_issue").count() == 2
    last = AuditEvent.objects.filter(action="auth.reset_issue").order_by("-id").first()
    assert last is not None
    assert last.changes["kode_lama_dibatalkan"] == 1
    # The old password no longer works, nor does the first code.
    response = client.post(reverse("login"), {"username": cast.charlie.nip, "password": PASSWORD})
    assert response.status_code == 200
    assert "Terlalu banyak" not in response.content.decode()
    assert _activate(client, cast.charlie.nip, first).status_code == 200
    assert _activate(client, cast.charlie.nip, second).status_code == 302


# --- the activation page --------------------------------------------------------------


def test_activation_page_sets_the_password_and_logs_in(cast, client):
    user = _new_staff(cast)
    code = _issue(cast, user)
    page = client.get(reverse("account_activate") + f"?nip={user.username}")
    body = page.content.decode()
    assert page.status_code == 200 and "Aktivasi akun" in body
    assert f'value="{user.username}"' in body  # the NIP from the emailed link
    spaced = f"{user.username[:8]} {user.username[8:14]} {user.username[14]} {user.username[15:]}"
    response = _activate(client, spaced, code.lower().replace("-", " "))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert get_user(client) == user
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.must_change_password
    row = ActivationCode.objects.get(user=user)
    assert row.used_at is not None
    use = AuditEvent.objects.get(action="auth.activation_use")
    assert use.actor == user and use.instansi_id == cast.a.pk
    # Later: the ordinary login with the new password; the code is spent.
    client.post(reverse("logout"))
    assert client.post(reverse("login"), {"username": user.username, "password": NEW})[
        "Location"
    ] == reverse("home")
    client.post(reverse("logout"))
    assert _activate(client, user.username, code, "Lain-Lagi-Sandinya-2026").status_code == 200


def test_every_failure_gets_the_same_answer_and_costs_the_same_queries(cast):
    """Unknown NIP, wrong code, expired code, used code: one message, one status, the
    same number of queries (so about the same time); each is audited with its reason."""
    used_user = _new_staff(cast, "199601012022031001")
    used_code = _issue(cast, used_user)
    _activate(Client(REMOTE_ADDR="10.0.0.9"), used_user.username, used_code)
    expired_user = _new_staff(cast, "199602022022032002")
    expired_code = _issue(cast, expired_user)
    ActivationCode.objects.filter(user=expired_user).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    wrong_user = _new_staff(cast, "199603032022031003")
    _issue(cast, wrong_user)
    cases = {
        "unknown": ("199604042022032004", "ABCDE-FGHJK"),
        "wrong": (wrong_user.username, "ABCDE-FGHJK"),
        "expired": (expired_user.username, expired_code),
        "used": (used_user.username, used_code),
    }
    answers: dict[str, Any] = {}
    queries: dict[str, int] = {}
    for reason, (nip, code) in cases.items():
        client = Client(REMOTE_ADDR=f"10.1.0.{len(answers) + 1}")
        with CaptureQueriesContext(connection) as ctx:
            response = _activate(client, nip, code)
        answers[reason] = (response.status_code, _alert(response))
        queries[reason] = len(ctx.captured_queries)
    assert len(set(answers.values())) == 1, answers
    status, message = answers["unknown"]
    assert status == 200 and "NIP atau kode aktivasi tidak cocok" in message
    assert len(set(queries.values())) == 1, queries
    reasons = sorted(
        e.changes["alasan"] for e in AuditEvent.objects.filter(action="auth.activation_failed")
    )
    assert reasons == ["expired", "unknown", "used", "wrong"]


def test_a_weak_password_is_refused_before_the_code_is_looked_at(cast, client):
    user = _new_staff(cast)
    code = _issue(cast, user)
    response = _activate(client, user.username, code, "12345678")
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert ActivationCode.objects.get(user=user).used_at is None
    assert not LoginFailure.objects.exists()
    # A password like the person's own NIP is refused once the code is proven.
    response = _activate(client, user.username, code, f"x{user.username}")
    assert response.status_code == 200 and ActivationCode.objects.get(user=user).used_at is None
    assert _activate(client, user.username, code).status_code == 302


@override_settings(LOGIN_MAX_FAILURES=3)
def test_guessing_codes_is_throttled_like_logins(cast, client):
    user = _new_staff(cast)
    code = _issue(cast, user)
    for guess in ("AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC"):
        _activate(client, user.username, guess)
    response = _activate(client, user.username, code)
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert ActivationCode.objects.get(user=user).used_at is None
    # The owner, from another address, is not kept out.
    assert _activate(Client(REMOTE_ADDR="10.2.0.1"), user.username, code).status_code == 302


def test_people_without_email_activate_like_everyone_else(cast, client):
    user = _new_staff(cast, email="")
    assert _activate(client, user.username, _issue(cast, user)).status_code == 302


# --- logging in with the code: a new password first -----------------------------------


def test_the_code_at_the_login_page_leads_only_to_choosing_a_password(cast, client):
    user = _new_staff(cast)
    code = _issue(cast, user)
    response = client.post(reverse("login"), {"username": user.username, "password": code})
    assert response.status_code == 302
    assert get_user(client) == user
    assert AuditEvent.objects.get(action="auth.login").changes == {"dengan": "kode aktivasi"}
    forced = reverse("password_change_required")
    for url in ("/", "/org/", reverse("core:notification-list"), reverse("password_change")):
        assert client.get(url)["Location"] == forced, url
    htmx = client.get("/org/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == forced
    page = client.get(forced)
    assert page.status_code == 200 and "Buat kata sandi Anda" in page.content.decode()
    response = client.post(forced, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("home")
    user.refresh_from_db()
    assert user.check_password(NEW) and not user.must_change_password
    assert ActivationCode.objects.get(user=user).used_at is not None
    assert client.get("/org/").status_code == 200  # the session survived
    assert AuditEvent.objects.filter(action="auth.activation_use", actor=user).count() == 1


def test_logout_stays_open_to_whoever_must_change_the_password(cast, client):
    user = _new_staff(cast)
    client.post(reverse("login"), {"username": user.username, "password": _issue(cast, user)})
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert not get_user(client).is_authenticated


def test_the_api_does_not_take_a_code_as_a_password(cast):
    from rest_framework.test import APIClient

    user = _new_staff(cast)
    code = _issue(cast, user)
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": user.username, "password": code, "name": "x"}
    )
    assert response.status_code == 400


# --- expiry and other ways to set a password ------------------------------------------


def test_expiry_is_recorded_once_by_the_daily_command(cast):
    user = _new_staff(cast)
    _issue(cast, user)
    live = _new_staff(cast, "199602022022032002")
    _issue(cast, live)
    ActivationCode.objects.filter(user=user).update(
        expires_at=timezone.now() - dt.timedelta(hours=1)
    )
    call_command("expire_activation_codes", verbosity=0)
    call_command("expire_activation_codes", verbosity=0)
    events = AuditEvent.objects.filter(action="auth.activation_expire")
    assert [e.object_id for e in events] == [str(user.pk)]
    assert events[0].instansi_id == cast.a.pk
    assert ActivationCode.objects.get(user=live).expired_at is None


def test_a_reset_by_email_voids_open_codes(cast, client):
    from django.core import mail

    charlie = cast.charlie.user
    code = _issue(cast, charlie)
    client.post(reverse("password_reset"), {"email": "charlie@example.go.id"})
    found = re.search(r"https?://[^/\s]+(/akun/sandi/baru/[^\s]+/)", str(mail.outbox[0].body))
    assert found is not None
    link = found.group(1)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    charlie.refresh_from_db()
    assert charlie.check_password(NEW) and not charlie.must_change_password
    assert ActivationCode.objects.get(user=charlie).voided_at is not None
    assert _activate(Client(), cast.charlie.nip, code).status_code == 200


def test_lupa_kata_sandi_reaches_staff_who_never_activated(cast, client):
    """Django's reset form skips accounts without a usable password; here those are new
    staff, and a link to their own mailbox is a fine way to activate."""
    from django.core import mail

    user = _new_staff(cast, email="putri@example.go.id")
    client.post(reverse("password_reset"), {"email": "putri@example.go.id"})
    assert [m.to for m in mail.outbox] == [["putri@example.go.id"]]
    assert user.username in mail.outbox[0].body
