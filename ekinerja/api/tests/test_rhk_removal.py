"""A deleted RHK must not take the staff member's work with it (issue 11 §4), through the
API: the same refusal as the SKP page, with the same message, and nothing changes. The
world and the state compared are execution's (execution/tests/test_rhk_removal.py)."""

from __future__ import annotations

from django.urls import reverse

from ekinerja.execution.tests import test_rhk_removal as removal

# execution's fixtures (pytest finds fixtures among a module's names)
draft = removal.draft
attached = removal.attached


def test_the_api_answers_400_with_the_message(cast, api, attached):
    client = api("charlie")
    before = removal._state()
    r = client.delete(reverse("api:rhk-detail", args=[attached.pk]))
    assert r.status_code == 400
    assert r.json()["detail"] == (
        "3 rencana aksi dan 2 bukti dukung terlampir pada RHK ini; pindahkan atau hapus dulu. "
        + removal.HINT
    )
    assert removal._state() == before
