"""Notifications (core.notify, core.tasks, core.views.notifications): rows, email on
commit by preference and address, scoping of the pages, mark-read, safe redirects,
bounded queries."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.base import BaseEmailBackend
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from ekinerja.core import notify
from ekinerja.core.models import AuditEvent, Notification
from ekinerja.core.tasks import send_notification_emails

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def _send(cast, *whos: str, url: str = "/notifikasi/", **kw) -> list[Notification]:
    kw.setdefault("kind", "test.hello")
    kw.setdefault("message", gettext_lazy("Halo %(nama)s"))
    kw.setdefault("params", {"nama": "dunia"})
    return notify.notify(
        recipients=[cast.user(w) for w in whos],
        url=url,
        instansi_id=kw.pop("instansi_id", cast.a.pk),
        **kw,
    )


class BrokenBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP down")


# --- creating rows --------------------------------------------------------------------


def test_one_row_per_recipient_with_kind_params_message_and_url(cast):
    rows = _send(cast, "charlie", "dina", "charlie")
    assert len(rows) == 2  # charlie once
    got = {n.recipient_id: n for n in Notification.objects.all()}
    assert set(got) == {cast.charlie.user.pk, cast.dina.user.pk}
    n = got[cast.charlie.user.pk]
    assert (n.instansi_id, n.kind, n.message, n.url) == (
        cast.a.pk,
        "test.hello",
        "Halo dunia",
        "/notifikasi/",
    )
    assert n.params == {"nama": "dunia"}
    assert n.read_at is None and n.emailed_at is None
    assert n.email_subject == "e-Kinerja: Halo dunia"


def test_message_is_rendered_in_indonesian_whatever_the_actor_browses_in(cast):
    with translation.override("en"):
        assert str(gettext_lazy("Akses ditolak")) == "Access denied"  # the catalogue works
        _send(cast, "bob", message=gettext_lazy("Akses ditolak"), params={})
    assert Notification.objects.get().message == "Akses ditolak"


def test_recipients_of_another_instansi_inactive_or_none_are_skipped(cast):
    charlie = cast.charlie.user
    dina = cast.dina.user
    dina.is_active = False
    dina.save()
    rows = notify.notify(
        recipients=[charlie, dina, cast.gita.user, cast.root, None],
        kind="test.hello",
        message="Halo",
        url="",
        instansi_id=cast.a.pk,
    )
    assert [n.recipient_id for n in rows] == [charlie.pk]


def test_a_link_to_another_site_is_refused_at_creation(cast):
    with pytest.raises(ValueError):
        _send(cast, "bob", url="https://contoh.invalid/")
    assert not Notification.objects.exists()


def test_many_notes_cost_a_bounded_number_of_queries(cast, django_assert_max_num_queries):
    notes = [
        notify.Note(
            recipients=[cast.charlie.user_id, cast.dina.user_id],
            kind="test.bulk",
            message=gettext_lazy("Pesan %(i)s"),
            params={"i": i},
            url=f"/x/{i}/",
        )
        for i in range(60)
    ]
    # The recipients, then the bulk insert (split only by the database's parameter limit).
    with django_assert_max_num_queries(3):
        rows = notify.notify_many(instansi_id=cast.a.pk, notes=notes)
    assert len(rows) == 120
    assert Notification.objects.filter(message="Pesan 59").count() == 2


# --- email ----------------------------------------------------------------------------


def test_email_goes_after_commit_to_the_pegawai_address(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _send(cast, "charlie", url="/skp/7/", email_subject=gettext_lazy("Subjek %(nama)s"))
    assert mailoutbox == []  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
    m = mailoutbox[0]
    assert m.to == ["charlie@example.go.id"]  # the login has no email; the Pegawai has
    assert m.subject == "Subjek dunia"
    assert "Halo dunia" in m.body and "/skp/7/" in m.body
    assert reverse("core:notification-settings") in m.body
    assert Notification.objects.get().emailed_at is not None


def test_login_email_wins_over_pegawai_email(cast, mailoutbox, django_capture_on_commit_callbacks):
    user = cast.bob.user
    user.email = "bob.pribadi@example.go.id"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        _send(cast, "bob")
    assert [m.to for m in mailoutbox] == [["bob.pribadi@example.go.id"]]


def test_absolute_link_when_site_url_is_set(
    cast, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kinerja.alfa.go.id/"
    with django_capture_on_commit_callbacks(execute=True):
        _send(cast, "bob", url="/skp/7/")
    assert "https://kinerja.alfa.go.id/skp/7/" in mailoutbox[0].body


def test_no_email_when_the_preference_is_off_or_there_is_no_address(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    off = cast.charlie.user
    off.email_notifications = False
    off.save()
    cast.dina.email = ""
    cast.dina.save()
    with django_capture_on_commit_callbacks(execute=True):
        _send(cast, "charlie", "dina", "bob")
    assert [m.to for m in mailoutbox] == [["bob@example.go.id"]]
    assert Notification.objects.count() == 3  # in-app for everyone


def test_switching_email_off_stops_what_is_already_queued(cast, mailoutbox):
    rows = _send(cast, "charlie")
    user = cast.charlie.user
    user.email_notifications = False
    user.save()
    result = send_notification_emails.call(notification_ids=[n.pk for n in rows])
    assert result == {"sent": 0, "failed": 0, "skipped": 1}
    assert mailoutbox == []


def test_a_notification_is_never_emailed_twice(cast, mailoutbox):
    ids = [n.pk for n in _send(cast, "charlie", "dina")]
    assert send_notification_emails.call(notification_ids=ids)["sent"] == 2
    assert send_notification_emails.call(notification_ids=ids)["sent"] == 0
    assert len(mailoutbox) == 2


def test_a_broken_mail_server_never_breaks_the_action(
    cast, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _send(cast, "charlie")
    n = Notification.objects.get()
    assert n.emailed_at is None  # may be sent by a later run
    assert "email not sent" in caplog.text


def test_a_queue_that_cannot_be_reached_never_breaks_the_action(
    cast, django_capture_on_commit_callbacks, caplog
):
    broken = mock.Mock(**{"enqueue.side_effect": RuntimeError("db")})
    with mock.patch("ekinerja.core.tasks.send_notification_emails", broken):
        with django_capture_on_commit_callbacks(execute=True):
            _send(cast, "charlie")
    assert Notification.objects.count() == 1
    assert "could not queue notification emails" in caplog.text


def test_email_jobs_are_batched(cast, monkeypatch):
    monkeypatch.setattr(notify, "EMAIL_BATCH", 2)
    task = mock.Mock()
    with mock.patch("ekinerja.core.tasks.send_notification_emails", task):
        notify.enqueue_emails([1, 2, 3, 4, 5])
    assert [c.kwargs["notification_ids"] for c in task.enqueue.call_args_list] == [
        [1, 2],
        [3, 4],
        [5],
    ]


# --- safe redirects -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("/skp/12/", True),
        ("/notifikasi/?page=2", True),
        ("", False),
        ("skp/12/", False),
        ("//evil.example/", False),
        ("/\\evil.example/", False),
        ("https://evil.example/", False),
        ("http:/evil.example/", False),
        ("javascript:alert(1)", False),
        ("/\t/evil.example/", False),
        (" /skp/12/", False),
    ],
)
def test_is_local_url(url, local):
    assert notify.is_local_url(url) is local


# --- pages ----------------------------------------------------------------------------


def _raw(cast, who: str, url: str, *, instansi=None, message: str = "Pesan") -> Notification:
    """A row written directly, e.g. with a link that notify() would refuse."""
    return Notification.objects.create(
        instansi=instansi or cast.a,
        recipient=cast.user(who),
        kind="test.raw",
        message=message,
        url=url,
    )


def test_list_shows_only_my_notifications_newest_first_unread_highlighted(cast, login):
    _send(cast, "charlie", message="Pertama untuk Charlie", params={})
    _send(cast, "charlie", message="Kedua untuk Charlie", params={})
    _send(cast, "dina", message="Rahasia Dina", params={})
    _raw(cast, "gita", "/", instansi=cast.b, message="Rahasia Gita")
    Notification.objects.filter(message="Pertama untuk Charlie").update(read_at="2026-01-01T00:00Z")
    body = login("charlie").get(reverse("core:notification-list")).content.decode()
    assert "Rahasia Dina" not in body and "Rahasia Gita" not in body
    assert body.index("Kedua untuk Charlie") < body.index("Pertama untuk Charlie")
    assert body.count("list-group-item-primary") == 1  # the unread one
    assert "Tandai semua dibaca" in body


def test_list_htmx_returns_the_partial(cast, login):
    _send(cast, "charlie")
    r = login("charlie").get(reverse("core:notification-list"), **HX)
    body = r.content.decode()
    assert "Halo dunia" in body and "<html" not in body


def test_list_pages(cast, login):
    for i in range(notify.PAGE_SIZE + 3):
        _send(cast, "charlie", message=f"Pesan nomor {i:02d}", params={})
    client = login("charlie")
    first = client.get(reverse("core:notification-list")).content.decode()
    assert "Pesan nomor 27" in first and "Pesan nomor 02" not in first
    second = client.get(reverse("core:notification-list"), {"page": 2}).content.decode()
    assert "Pesan nomor 02" in second and "Pesan nomor 27" not in second


def test_list_is_for_members_of_an_instansi(cast, client):
    client.force_login(cast.root)
    assert client.get(reverse("core:notification-list")).status_code == 403


@pytest.mark.parametrize("n", [3, 60])
def test_list_query_count_does_not_grow(cast, login, django_assert_max_num_queries, n):
    for _ in range(n):
        _send(cast, "charlie")
    client = login("charlie")
    # session, user, roles, the navbar (staff-list right, profile link), the instansi's
    # time zone, the badge, the count, the page: the same for 3 and for 60.
    with django_assert_max_num_queries(12):
        r = client.get(reverse("core:notification-list"))
    assert r.status_code == 200
    with django_assert_max_num_queries(8):
        client.get(reverse("core:notification-list"), **HX)


def test_open_marks_read_and_redirects_to_its_local_url(cast, login):
    n = _send(cast, "charlie", url="/skp/12/")[0]
    r = login("charlie").get(reverse("core:notification-open", args=[n.pk]))
    assert r.status_code == 302 and r["Location"] == "/skp/12/"
    n.refresh_from_db()
    first_read = n.read_at
    assert first_read is not None
    login("charlie").get(reverse("core:notification-open", args=[n.pk]))
    n.refresh_from_db()
    assert n.read_at == first_read  # read once, not moved


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x", ""]
)
def test_open_never_redirects_off_site(cast, login, url):
    n = _raw(cast, "charlie", url)
    r = login("charlie").get(reverse("core:notification-open", args=[n.pk]))
    assert r.status_code == 302
    assert r["Location"] == reverse("core:notification-list")
    n.refresh_from_db()
    assert n.read_at is not None


def test_nobody_opens_another_users_notification(cast, login):
    n = _send(cast, "charlie")[0]
    assert login("bob").get(reverse("core:notification-open", args=[n.pk])).status_code == 403
    assert login("gita").get(reverse("core:notification-open", args=[n.pk])).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None
    with pytest.raises(PermissionDenied):
        notify.access_notification(actor=cast.actor("eko"), id=n.pk)
    with pytest.raises(Http404):
        notify.access_notification(actor=cast.actor("gita"), id=n.pk)


def test_mark_all_read_only_touches_my_notifications(cast, login):
    _send(cast, "charlie", "dina")
    _send(cast, "charlie")
    client = login("charlie")
    assert client.get(reverse("core:notification-read-all")).status_code == 405
    r = client.post(reverse("core:notification-read-all"), follow=True)
    assert "Semua notifikasi ditandai sudah dibaca." in r.content.decode()
    assert not Notification.objects.filter(recipient=cast.charlie.user, read_at=None).exists()
    assert Notification.objects.filter(recipient=cast.dina.user, read_at=None).count() == 1


def test_badge_counts_unread_and_caps_at_99(cast, login, client):
    url = reverse("core:notification-badge")
    client = login("charlie")
    assert "belum dibaca" not in client.get(url).content.decode()
    _send(cast, "charlie")
    _send(cast, "charlie")
    _send(cast, "dina")
    body = client.get(url).content.decode()
    assert "2 belum dibaca" in body and ">2</span>" in body
    notify.notify_many(
        instansi_id=cast.a.pk,
        notes=[
            notify.Note(recipients=[cast.charlie.user], kind="t", message="m") for _ in range(150)
        ],
    )
    assert "99+" in client.get(url).content.decode()
    assert notify.unread_count(user=cast.charlie.user) == 100  # capped, not 152
    assert notify.unread_count(user=cast.root) == 0


def test_badge_is_loaded_after_the_page_in_three_queries(
    cast, login, client, django_assert_num_queries
):
    _send(cast, "charlie")
    page = login("charlie").get(reverse("org:dashboard")).content.decode()
    assert f'hx-get="{reverse("core:notification-badge")}"' in page
    with django_assert_num_queries(3):  # session, user, the capped count
        r = client.get(reverse("core:notification-badge"), **HX)
    assert r["Cache-Control"].startswith("max-age=0")


def test_badge_without_a_session_swaps_nothing(client):
    r = client.get(reverse("core:notification-badge"), **HX)
    assert r.status_code == 204 and r.content == b""


def test_no_badge_for_a_login_without_instansi(cast, client):
    client.force_login(cast.root)
    page = client.get(reverse("org:instansi-list")).content.decode()
    assert reverse("core:notification-badge") not in page


def test_settings_page_switches_email_and_is_audited(cast, login):
    client = login("charlie")
    body = client.get(reverse("core:notification-settings")).content.decode()
    assert "charlie@example.go.id" in body and "checked" in body
    r = client.post(reverse("core:notification-settings"), {}, follow=True)
    assert "Notifikasi email dimatikan." in r.content.decode()
    cast.charlie.user.refresh_from_db()
    assert cast.charlie.user.email_notifications is False
    ev = AuditEvent.objects.get(action="user.notifications_update")
    assert ev.changes == {"email_notifications": [True, False]}
    client.post(reverse("core:notification-settings"), {"email_notifications": "on"})
    cast.charlie.user.refresh_from_db()
    assert cast.charlie.user.email_notifications is True


def test_settings_page_warns_without_an_address(cast, login):
    cast.dina.email = ""
    cast.dina.save()
    body = login("dina").get(reverse("core:notification-settings")).content.decode()
    assert "Belum ada alamat email" in body
