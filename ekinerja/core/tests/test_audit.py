"""The audit-trail browser: who may open it, scoping, filters, paging, rendering."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from ekinerja.core import audit, selectors
from ekinerja.core.access import access_audit_event, require_audit_reader
from ekinerja.core.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "core:audit-list"
UTC = dt.UTC


def _event(instansi, *, at: dt.datetime | None = None, **kw) -> AuditEvent:
    kw.setdefault("action", "pegawai.update")
    ev = audit.record(instansi_id=instansi.pk, **kw)
    if at is not None:
        AuditEvent.objects.filter(pk=ev.pk).update(created_at=at)
        ev.refresh_from_db()
    return ev


# --- access ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 403),
        ("bob", 403),
        ("charlie", 403),
        ("dina", 403),
        ("eko", 200),
        ("fajar", 200),
        ("gita", 403),
        ("root", 403),
    ],
)
def test_only_admin_and_auditor_open_the_audit_trail(login, who, status):
    response = login(who).get(reverse(URL))
    assert response.status_code == status
    body = response.content.decode()
    if who == "root":
        assert "tidak terdaftar pada instansi mana pun" in body
    elif status == 403:
        assert "Jejak audit hanya dapat dibuka oleh Admin Instansi dan Auditor." in body


def test_anonymous_goes_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_forbidden_message_is_clear(login):
    body = login("bob").get(reverse(URL)).content.decode()
    assert "Jejak audit hanya dapat dibuka oleh Admin Instansi dan Auditor." in body


def test_access_rules_directly(cast):
    mine = _event(cast.a, actor=cast.eko.user, obj=cast.charlie)
    theirs = _event(cast.b, actor=cast.gita.user, obj=cast.gita)
    assert access_audit_event(actor=cast.actor("fajar"), id=mine.pk) == mine
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        access_audit_event(actor=cast.actor("eko"), id=theirs.pk)  # another agency
    with pytest.raises(PermissionDenied):
        access_audit_event(actor=cast.actor("bob"), id=mine.pk)  # same agency, no right
    with pytest.raises(Http404):
        access_audit_event(actor=cast.actor("gita"), id=mine.pk)
    with pytest.raises(PermissionDenied):
        access_audit_event(actor=cast.actor("root"), id=mine.pk)
    with pytest.raises(PermissionDenied):
        access_audit_event(actor=cast.actor("eko"), id=mine.pk, for_write=True)
    with pytest.raises(PermissionDenied):
        require_audit_reader(None)


# --- scoping --------------------------------------------------------------------------


def test_never_shows_another_agencys_events(login, cast):
    _event(cast.a, actor=cast.eko.user, obj=cast.charlie, changes={"nama": ["A", "B"]})
    _event(cast.b, actor=cast.gita.user, obj=cast.gita, object_repr="RAHASIA-BETA")
    _event(cast.a, actor=None, action="auth.login_failed", object_repr="x")
    AuditEvent.objects.create(action="instansi.create", object_repr="TANPA-INSTANSI")
    body = login("eko").get(reverse(URL)).content.decode()
    assert "Charlie Nugroho" in body
    assert "RAHASIA-BETA" not in body
    assert "TANPA-INSTANSI" not in body
    assert "2 kejadian" in body


def test_event_detail_of_another_agency_is_404(login, cast):
    theirs = _event(cast.b, actor=cast.gita.user, obj=cast.gita)
    assert login("eko").get(reverse("core:audit-detail", args=[theirs.pk])).status_code == 404


# --- rendering ------------------------------------------------------------------------


def test_row_shows_local_time_actor_readable_action_object_and_old_new(login, cast):
    type(cast.a).objects.filter(pk=cast.a.pk).update(zona_waktu="Asia/Makassar")
    at = dt.datetime(2026, 3, 2, 1, 30, 5, tzinfo=UTC)  # 09:30:05 WITA
    _event(
        cast.a,
        actor=cast.eko.user,
        obj=cast.charlie,
        changes={"golongan": ["II/c", "II/d"], "aktif": [True, False]},
        at=at,
    )
    body = login("fajar").get(reverse(URL)).content.decode()
    assert "Waktu (WITA)" in body
    assert "02-03-2026 09:30:05" in body
    assert "Eko Prasetyo" in body and cast.eko.nip in body
    assert "Data pegawai diubah" in body
    assert "Charlie Nugroho" in body
    assert "Golongan" in body  # the field's verbose name, not its code
    assert "II/c" in body and "II/d" in body
    assert "<del" in body
    assert "Ya" in body and "Tidak" in body


def test_created_values_show_without_an_old_side(login, cast):
    _event(
        cast.a,
        actor=cast.eko.user,
        action="unit.create",
        obj=cast.bidang,
        changes={"kode": "BIDANG1", "nama": "Bidang Satu", "parent": cast.dinas.pk},
    )
    body = login("eko").get(reverse(URL)).content.decode()
    assert "Unit kerja dibuat" in body
    assert "BIDANG1" in body
    assert "<del" not in body


def test_unknown_actions_get_a_generic_label():
    assert selectors.action_label("pegawai.approve", "org.pegawai") == "Pegawai disetujui"
    assert selectors.action_label("sesuatu.aneh") == "sesuatu.aneh"
    assert selectors.action_label("auth.locked_out") == "Akun dikunci sementara"


def test_failed_login_row_shows_unknown_actor(login, cast):
    _event(
        cast.a,
        actor=None,
        action="auth.login_failed",
        object_type="core.user",
        object_repr=cast.charlie.nip,
        ip="10.0.0.9",
    )
    body = login("eko").get(reverse(URL)).content.decode()
    assert "Gagal masuk" in body
    assert "Tidak dikenal" in body
    assert "10.0.0.9" in body


def test_detail_page_lists_every_change(login, cast):
    ev = _event(
        cast.a,
        actor=cast.eko.user,
        obj=cast.charlie,
        changes={f"f{i}": [i, i + 1] for i in range(12)},
    )
    response = login("eko").get(reverse("core:audit-detail", args=[ev.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "F11" in body and "Nilai lama" in body  # an unknown key, spelled out
    listing = login("eko").get(reverse(URL)).content.decode()
    assert "Lihat semua 12 isian" in listing


def test_empty_trail_says_so(login):
    body = login("eko").get(reverse(URL)).content.decode()
    assert "Belum ada kejadian yang tercatat." in body


# --- filters --------------------------------------------------------------------------


@pytest.fixture
def events(cast):
    wib = ZoneInfo("Asia/Jakarta")
    return {
        "login": _event(
            cast.a,
            actor=cast.charlie.user,
            action="auth.login",
            obj=cast.charlie.user,
            at=dt.datetime(2026, 1, 10, 8, 0, tzinfo=wib),
        ),
        "unit": _event(
            cast.a,
            actor=cast.eko.user,
            action="unit.update",
            obj=cast.bidang,
            changes={"nama": ["Bidang 1", "Bidang Satu"]},
            at=dt.datetime(2026, 1, 11, 23, 30, tzinfo=wib),
        ),
        "pegawai": _event(
            cast.a,
            actor=cast.eko.user,
            action="pegawai.update",
            obj=cast.dina,
            changes={"telepon": ["", "0812"]},
            at=dt.datetime(2026, 1, 12, 0, 30, tzinfo=wib),
        ),
    }


def _results(response) -> str:
    """The results part of the page (the filter form lists every action label)."""
    return response.content.decode().split('id="audit-results"', 1)[-1]


def _ids(actor, **filters) -> set[int]:
    qs = selectors.audit_event_list(actor=actor, tz=ZoneInfo("Asia/Jakarta"), **filters)
    return set(qs.values_list("pk", flat=True))


def test_filter_by_action_prefix(cast, events):
    eko = cast.actor("eko")
    assert _ids(eko, action="auth") == {events["login"].pk}
    assert _ids(eko, action="unit.update") == {events["unit"].pk}
    assert _ids(eko, action="pegawai") == {events["pegawai"].pk}


def test_filter_by_object_type(cast, events):
    assert _ids(cast.actor("eko"), object_type="org.unitkerja") == {events["unit"].pk}


def test_filter_by_actor_name_or_nip_with_spaces(cast, events):
    eko = cast.actor("fajar")
    assert _ids(eko, q="prasetyo") == {events["unit"].pk, events["pegawai"].pk}
    assert _ids(eko, q="19900520 201503 1 003") == {events["login"].pk}


def test_filter_by_local_date_range(cast, events):
    eko = cast.actor("eko")
    # 23:30 WIB on the 11th is still the 11th locally although it is 16:30 UTC.
    day = dt.date(2026, 1, 11)
    assert _ids(eko, date_from=day, date_to=day) == {events["unit"].pk}
    assert _ids(eko, date_from=dt.date(2026, 1, 12)) == {events["pegawai"].pk}
    assert _ids(eko, date_to=dt.date(2026, 1, 10)) == {events["login"].pk}


def test_filters_through_the_page_and_htmx_partial(login, events):
    client = login("eko")
    url = reverse(URL)
    full = client.get(url, {"action": "unit"})
    assert "<html" in full.content.decode()
    body = _results(full)
    assert "Unit kerja diubah" in body and "Data pegawai diubah" not in body
    partial = client.get(url, {"object_type": "org.pegawai"}, headers={"HX-Request": "true"})
    part = partial.content.decode()
    assert "<html" not in part
    assert "Data pegawai diubah" in part and "Unit kerja diubah" not in part
    none = client.get(url, {"q": "tidak ada orang ini"}, headers={"HX-Request": "true"})
    assert "Tidak ada kejadian yang cocok dengan saringan ini." in none.content.decode()


def test_bad_filter_is_reported_and_ignored(login, events):
    body = _results(
        login("eko").get(reverse(URL), {"date_from": "2026-01-12", "date_to": "2026-01-10"})
    )
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in body
    # date_to is dropped, date_from still applies.
    assert "Data pegawai diubah" in body and "Unit kerja diubah" not in body
    body = login("eko").get(reverse(URL), {"date_from": "kemarin"}).content.decode()
    assert "Sebagian saringan tidak dipakai" in body
    assert "3 kejadian" in body


# --- paging and query count -----------------------------------------------------------


def _many(cast, n: int) -> None:
    base = dt.datetime(2026, 2, 1, tzinfo=UTC)
    people = [cast.alice, cast.bob, cast.charlie, cast.dina]
    rows = [
        AuditEvent(
            instansi_id=cast.a.pk,
            actor=people[i % 4].user,
            actor_label=people[i % 4].nama,
            action="pegawai.update",
            object_type="org.pegawai",
            object_id=str(people[i % 4].pk),
            object_repr=people[i % 4].nama,
            changes={"telepon": [f"08{i}", f"08{i + 1}"]},
        )
        for i in range(n)
    ]
    audit.bulk_record(rows)
    AuditEvent.objects.bulk_update(
        [
            AuditEvent(pk=pk, created_at=base + dt.timedelta(minutes=i))
            for i, pk in enumerate(AuditEvent.objects.order_by("id").values_list("pk", flat=True))
        ],
        ["created_at"],
    )


def test_paged_by_fifty(login, cast):
    _many(cast, 120)
    client = login("eko")
    first = client.get(reverse(URL)).content.decode()
    assert "120 kejadian" in first and "halaman 1 dari 3" in first
    assert len(re.findall(r'href="/audit/\d+/"', first)) == 50
    last = client.get(reverse(URL), {"page": 3}).content.decode()
    assert "halaman 3 dari 3" in last
    # Paging keeps the filters.
    filtered = client.get(reverse(URL), {"action": "pegawai", "page": 2}).content.decode()
    assert "action=pegawai&amp;page=3" in filtered


@pytest.mark.parametrize("n", [10, 200])
def test_query_count_does_not_grow_with_the_data(login, cast, django_assert_max_num_queries, n):
    _many(cast, n)
    client = login("fajar")
    with django_assert_max_num_queries(8):
        response = client.get(reverse(URL), {"q": "a"})
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        client.get(reverse(URL), headers={"HX-Request": "true"})


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"date_from": "1899-12-31"},
        {"date_to": "2101-01-01"},
    ],
)
def test_dates_out_of_range_are_a_form_error_not_a_crash(login, cast, params):
    """Year 1 or 9999 used to overflow the local-midnight conversion (500): the field
    is reported and left out, the rest of the page works."""
    _event(cast.a, actor=cast.eko.user, obj=cast.charlie)
    client = login("fajar")
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(reverse(URL), params, **headers)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Sebagian saringan tidak dipakai" in body
        assert "Tanggal harus antara tahun 2000 dan 2100." in body
        assert "1 kejadian" in body
