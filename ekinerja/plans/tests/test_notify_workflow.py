"""The SKP workflow notifies the right people (issue 3 item 6): the penilai on submit,
the owner on return (with the reason) and on approval; a bulk decision sends one
notification per SKP in a bounded number of queries; a refused action sends nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ekinerja.core.models import Notification
from ekinerja.plans.services import workflow

from .factories import approved_cascade


def _skp_url(pk: int) -> str:
    return reverse("plans:skp-detail", args=[pk])


pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(cast):
    """The approved cascade with charlie's and dina's SKP left as drafts, and no
    notification left over from building it."""
    c = approved_cascade(cast, leave_draft=("charlie", "dina"))
    Notification.objects.all().delete()
    return c


def _sent() -> list[tuple[int, str]]:
    return list(Notification.objects.order_by("pk").values_list("recipient_id", "kind"))


def test_submit_notifies_the_penilai_only(
    cast, drafts, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.skp_submit(actor=cast.actor("charlie"), skp_id=drafts.charlie.pk)
    assert _sent() == [(cast.bob.user.pk, "skp.submitted")]
    n = Notification.objects.get()
    assert n.instansi_id == cast.a.pk
    assert n.message == "Charlie Nugroho mengajukan SKP 2026 untuk Anda setujui."
    assert n.url == _skp_url(drafts.charlie.pk)
    assert n.params["skp_id"] == drafts.charlie.pk
    assert [m.to for m in mailoutbox] == [["bob@example.go.id"]]
    assert mailoutbox[0].subject == "SKP 2026 Charlie Nugroho menunggu persetujuan"


def test_return_notifies_the_owner_with_the_reason(
    cast, drafts, mailoutbox, django_capture_on_commit_callbacks
):
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=drafts.charlie.pk)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.skp_return(
            actor=cast.actor("bob"), skp_id=drafts.charlie.pk, alasan="Target terlalu rendah"
        )
    assert _sent() == [(cast.charlie.user.pk, "skp.returned")]
    n = Notification.objects.get()
    assert "dikembalikan oleh Bob Santoso" in n.message
    assert "Target terlalu rendah" in n.message
    assert n.params["alasan"] == "Target terlalu rendah"
    assert [m.to for m in mailoutbox] == [["charlie@example.go.id"]]
    assert "Target terlalu rendah" in mailoutbox[0].body


def test_approve_notifies_the_owner(cast, drafts, mailoutbox, django_capture_on_commit_callbacks):
    workflow.skp_submit(actor=cast.actor("dina"), skp_id=drafts.dina.pk)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.skp_approve(actor=cast.actor("bob"), skp_id=drafts.dina.pk)
    assert _sent() == [(cast.dina.user.pk, "skp.approved")]
    assert Notification.objects.get().message == "Bob Santoso telah menyetujui SKP 2026 Anda."
    assert [m.to for m in mailoutbox] == [["dina@example.go.id"]]


def test_a_penilai_whose_gelar_ends_with_a_period_gets_no_second_one(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    """issue 11 §7: "… disetujui oleh Bob Santoso, S.Kom.." — the name no longer ends
    the sentence, here or on the SKP page while it waits."""
    cast.bob.gelar_belakang = "S.Kom."
    cast.bob.save(update_fields=["gelar_belakang"])
    c = approved_cascade(cast, leave_draft=("dina",))
    workflow.skp_submit(actor=cast.actor("dina"), skp_id=c.dina.pk)
    client = Client()
    client.force_login(cast.dina.user)
    page = client.get(_skp_url(c.dina.pk)).content.decode()
    assert "Menunggu keputusan pejabat penilai (Bob Santoso, S.Kom.)." in page
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.skp_approve(actor=cast.actor("bob"), skp_id=c.dina.pk)
    message = Notification.objects.get().message
    assert message == "Bob Santoso, S.Kom. telah menyetujui SKP 2026 Anda."
    assert ".." not in message + mailoutbox[0].body + mailoutbox[0].subject


def test_an_owner_who_turned_email_off_gets_only_the_in_app_notification(
    cast, drafts, mailoutbox, django_capture_on_commit_callbacks
):
    user = cast.charlie.user
    user.email_notifications = False
    user.save()
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=drafts.charlie.pk)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.skp_approve(actor=cast.actor("bob"), skp_id=drafts.charlie.pk)
    assert (cast.charlie.user.pk, "skp.approved") in _sent()
    assert [m.to for m in mailoutbox] == []


def test_a_refused_action_notifies_nobody(cast, drafts):
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=drafts.charlie.pk)
    Notification.objects.all().delete()
    with pytest.raises(PermissionDenied):
        workflow.skp_approve(actor=cast.actor("dina"), skp_id=drafts.charlie.pk)
    assert _sent() == []


def test_bulk_decisions_notify_each_owner_once(cast, drafts):
    for who in ("charlie", "dina"):
        workflow.skp_submit(actor=cast.actor(who), skp_id=getattr(drafts, who).pk)
    Notification.objects.all().delete()
    workflow.skp_bulk_return(
        actor=cast.actor("bob"),
        skp_ids=[drafts.charlie.pk, drafts.dina.pk],
        alasan="Lengkapi IKI kualitas",
    )
    assert sorted(_sent()) == sorted(
        [(cast.charlie.user.pk, "skp.returned"), (cast.dina.user.pk, "skp.returned")]
    )
    urls = set(Notification.objects.values_list("url", flat=True))
    assert urls == {_skp_url(drafts.charlie.pk), _skp_url(drafts.dina.pk)}


def _queries(call) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return [q["sql"] for q in ctx.captured_queries]


def test_bulk_approve_queries_do_not_grow_with_the_number_of_skp(cast, drafts):
    """One SKP, then two: a fixed number of queries, one insert of notifications."""
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=drafts.charlie.pk)
    bob = cast.actor("bob")  # a fresh actor each time: its org scope is computed once
    one = _queries(lambda: workflow.skp_bulk_approve(actor=bob, skp_ids=[drafts.charlie.pk]))
    # charlie revises the approved SKP, so that two are waiting at once.
    revision = workflow.skp_revise(actor=cast.actor("charlie"), skp_id=drafts.charlie.pk)
    workflow.skp_submit(actor=cast.actor("charlie"), skp_id=revision.pk)
    workflow.skp_submit(actor=cast.actor("dina"), skp_id=drafts.dina.pk)
    Notification.objects.all().delete()
    bob = cast.actor("bob")
    two = _queries(
        lambda: workflow.skp_bulk_approve(actor=bob, skp_ids=[revision.pk, drafts.dina.pk])
    )
    # A revision among them adds the relink of the subordinates' RHK to the new version
    # (workflow._relink_to_revisions): two fixed queries, whatever the number of SKP.
    assert len(two) == len(one) + 2
    inserts = [q for q in two if q.startswith('INSERT INTO "core_notification"')]
    assert len(inserts) == 1
    assert Notification.objects.filter(kind="skp.approved").count() == 2
