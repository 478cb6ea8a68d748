"""Issue 11 §8, account takeover by an Admin Instansi, through org's writes: the HR
record's email (the staff form, an import) never moves the login email of an Admin
Instansi or Auditor, so "Lupa kata sandi" cannot send their reset link to another
admin (core.accounts decides who is privileged)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ekinerja.org.imports.batches import import_commit, import_prepare
from ekinerja.org.services.pegawai import pegawai_update
from ekinerja.org.services.roles import role_assign

pytestmark = pytest.mark.django_db


def test_admin_changing_an_auditors_email_does_not_move_the_auditors_login(cast):
    fajar = cast.fajar
    pegawai_update(actor=cast.actor("eko"), pegawai=fajar, email="eko@evil.example")
    fajar.user.refresh_from_db()
    assert fajar.user.email != "eko@evil.example"


def test_admin_cannot_take_over_the_auditor_with_lupa_kata_sandi(client, cast):
    pegawai_update(actor=cast.actor("eko"), pegawai=cast.fajar, email="eko@evil.example")
    response = client.post(reverse("password_reset"), {"email": "eko@evil.example"})
    assert response.status_code == 302  # the same answer as for any address
    assert mail.outbox == []


def test_an_import_that_changes_an_auditors_email_leaves_the_login_email(cast):
    user = cast.fajar.user
    user.email = "fajar.pribadi@example.org"
    user.save(update_fields=["email"])
    data = (
        "nip,nama,status,golongan,email\n"
        f"{cast.fajar.nip},Fajar Hidayat,PNS,III/d,eko@evil.example\n"
        f"{cast.charlie.nip},Charlie Nugroho,PNS,II/c,charlie.baru@example.go.id\n"
    ).encode()
    actor = cast.actor("eko")
    batch = import_prepare(actor=actor, kind="pegawai", filename="p.csv", data=data)
    assert not batch.errors, batch.errors
    import_commit(actor=actor, batch=batch)
    user.refresh_from_db()
    assert user.email == "fajar.pribadi@example.org"
    cast.fajar.refresh_from_db()
    assert cast.fajar.email == "eko@evil.example"  # the HR record did change
    cast.charlie.user.refresh_from_db()
    assert cast.charlie.user.email == "charlie.baru@example.go.id"  # staff: as before


def test_admin_cannot_take_over_another_admin_with_lupa_kata_sandi(client, cast):
    role_assign(actor=cast.actor("eko"), user=cast.dina.user, role="admin")
    pegawai_update(actor=cast.actor("eko"), pegawai=cast.dina, email="x@evil.example")
    client.post(reverse("password_reset"), {"email": "x@evil.example"})
    assert mail.outbox == []
