"""Notification pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Notifications are personal: the list and the settings page are for every member of an
instansi (each sees only their own); a notification opens (302 to its link) only for
its recipient — a colleague gets 403, another agency 404. `build` gives charlie one in
instansi A and gita one in instansi B.
"""

from __future__ import annotations

from django.urls import reverse

from ekinerja.core.models import Notification
from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for


def build(world: World) -> None:
    cast = world.cast
    for key, inst, who in (("notif_a", cast.a, "charlie"), ("notif_b", cast.b, "gita")):
        world.ids[key] = Notification.objects.create(
            instansi=inst,
            recipient=cast.user(who),
            kind="test.matrix",
            message="Pesan uji",
            url=reverse("core:notification-list"),
        ).pk


CASES: list[Case] = [
    Case("core:notification-list", members(200)),
    Case("core:notification-settings", members(200)),
    # The navbar badge: any login (root's count is 0); without one 204, never a redirect
    # that htmx would swap into the navbar.
    Case("core:notification-badge", expect(200, anonymous=204)),
    Case("core:notification-read-all", expect(405, anonymous=405)),  # POST only
    Case(
        "core:notification-open",
        own_object_for(expect(403, charlie=302)),
        lambda w: [w.ids["notif_a"]],
        "own",
    ),
    Case(
        "core:notification-open",
        outsider_object(gita=302),
        lambda w: [w.ids["notif_b"]],
        "outsider",
    ),
]
