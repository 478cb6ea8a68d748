"""The monthly summaries: numbers that add up (per person, per RHK, totals), who sees
which people, HTMX partial, bounded queries, and the XLSX export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ekinerja.org.models import Pegawai, UnitKerja

from .. import domain
from ..selectors import ringkasan as sel
from .factories import exec_world, make_aktivitas

pytestmark = pytest.mark.django_db

MARCH = "2026-03"
D1, D2 = dt.date(2026, 3, 2), dt.date(2026, 3, 31)
URL = "execution:ringkasan"
HX = {"HTTP_HX_REQUEST": "true"}

# (who, day, minutes, status, flagged): March 2026 plus rows that must not count.
ROWS = [
    ("charlie", D1, 90, domain.DIAJUKAN, False),
    ("charlie", D1, 60, domain.DIVERIFIKASI, True),
    ("charlie", D2, 30, domain.DIVERIFIKASI, False),
    ("charlie", D2, 45, domain.DITOLAK, False),
    ("dina", D1, 120, domain.DIVERIFIKASI, False),
    ("dina", D2, 15, domain.DITOLAK, True),
    ("charlie", dt.date(2026, 2, 28), 480, domain.DIVERIFIKASI, False),  # February
    ("dina", dt.date(2026, 4, 1), 480, domain.DIAJUKAN, False),  # April
    ("gita", D1, 480, domain.DIAJUKAN, False),  # another agency
]

# who → (diajukan n, m), (diverifikasi n, m), (ditolak n, m), flagged
EXPECTED = {
    "charlie": ((1, 90), (2, 90), (1, 45), 1),
    "dina": ((0, 0), (1, 120), (1, 15), 1),
    "bob": ((0, 0), (0, 0), (0, 0), 0),
}


@pytest.fixture
def logged(cast):
    for who, day, minutes, status, flagged in ROWS:
        make_aktivitas(
            cast, who, tanggal=day, jam=None, menit=minutes, status=status, ditandai=flagged
        )
    return cast


def _cells(summary: domain.SummaryRow) -> tuple:
    return tuple(
        (c.jumlah, c.menit) for c in (summary.diajukan, summary.diverifikasi, summary.ditolak)
    )


def test_per_person_numbers_add_up(logged):
    cast = logged
    people = list(sel.people(instansi_id=cast.a.pk, unit=cast.bidang))
    assert [p.nama for p in people] == ["Bob Santoso", "Charlie Nugroho", "Dina Lestari"]
    rows = {
        r.pegawai.pk: r
        for r in sel.per_person(
            instansi_id=cast.a.pk, pegawai=people, dari=D1.replace(day=1), sampai=D2
        )
    }
    for who, (diajukan, diverifikasi, ditolak, flagged) in EXPECTED.items():
        row = rows[getattr(cast, who).pk]
        assert _cells(row.summary) == (diajukan, diverifikasi, ditolak), who
        assert row.ditandai == flagged
        total = row.summary.total
        assert total.jumlah == diajukan[0] + diverifikasi[0] + ditolak[0]
        assert total.menit == diajukan[1] + diverifikasi[1] + ditolak[1]
    totals = sel.totals(
        instansi_id=cast.a.pk,
        people_qs=sel.people(instansi_id=cast.a.pk, unit=cast.bidang),
        dari=D1.replace(day=1),
        sampai=D2,
    )
    assert _cells(totals.summary) == ((1, 90), (3, 210), (2, 60))
    assert totals.summary.total.menit == sum(r.summary.total.menit for r in rows.values())
    assert totals.ditandai == 2


def test_per_rhk_with_tanpa_rhk(cast):
    world = exec_world(cast)
    rhk = world.rhk("charlie")
    make_aktivitas(cast, "charlie", rhk=rhk, tanggal=D1, jam=None, menit=60)
    make_aktivitas(cast, "charlie", rhk=rhk, tanggal=D1, jam=None, menit=30, status="diverifikasi")
    make_aktivitas(cast, "charlie", tanggal=D2, jam=None, menit=20, status="ditolak")
    rows, totals = sel.per_rhk(pegawai=cast.charlie, dari=D1.replace(day=1), sampai=D2)
    assert [r.rhk for r in rows] == [rhk, None]
    assert _cells(rows[0].summary) == ((1, 60), (1, 30), (0, 0))
    assert _cells(rows[1].summary) == ((0, 0), (0, 0), (1, 20))
    assert totals.summary.total.jumlah == 3
    assert totals.summary.total.menit == 110


# --- the team page: who sees which people ------------------------------------------------


def _names(body: str) -> set[str]:
    cast_names = [
        "Alice Wulandari",
        "Bob Santoso",
        "Charlie Nugroho",
        "Dina Lestari",
        "Eko Prasetyo",
    ]
    results = body.split('id="ringkasan-results"')[-1]  # not the navbar's own name
    return {n for n in cast_names if f">{n}</a>" in results}


def test_head_sees_the_unit_subtree_with_numbers(logged, login):
    body = login("bob").get(reverse(URL), {"bulan": MARCH}).content.decode()
    assert _names(body) == {"Bob Santoso", "Charlie Nugroho", "Dina Lestari"}
    assert "Maret 2026" in body
    assert "Bawahan langsung saya" in body  # bob may also pick just his subordinates
    body = login("alice").get(reverse(URL), {"bulan": MARCH}).content.decode()
    assert _names(body) == {"Alice Wulandari", "Bob Santoso", "Charlie Nugroho", "Dina Lestari"}


def test_supervisor_without_a_unit_sees_direct_subordinates(logged, login):
    cast = logged
    Pegawai.objects.filter(pk=cast.dina.pk).update(atasan=cast.charlie)
    body = login("charlie").get(reverse(URL), {"bulan": MARCH}).content.decode()
    assert _names(body) == {"Dina Lestari"}
    assert "Bawahan langsung saya" in body


def test_admin_and_auditor_choose_a_unit(logged, login):
    cast = logged
    for who in ("eko", "fajar"):
        client = login(who)
        body = client.get(reverse(URL)).content.decode()
        assert "Pilih unit kerja" in body
        assert _names(body) == set()
        body = client.get(reverse(URL), {"unit": cast.bidang.pk, "bulan": MARCH}).content.decode()
        assert _names(body) == {"Bob Santoso", "Charlie Nugroho", "Dina Lestari"}


def test_staff_without_a_team_go_to_their_own_summary(cast, login):
    response = login("dina").get(reverse(URL), {"bulan": MARCH})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("execution:ringkasan-pegawai", args=[cast.dina.pk]) + "?bulan=2026-03"
    )


def test_unit_outside_the_scope(cast, login):
    assert login("bob").get(reverse(URL), {"unit": cast.bkpsdm.pk}).status_code == 403
    assert login("bob").get(reverse(URL), {"unit": cast.dinas.pk}).status_code == 403
    other = UnitKerja.objects.filter(instansi=cast.b).first()
    assert login("eko").get(reverse(URL), {"unit": other.pk}).status_code == 404
    assert login("root").get(reverse(URL)).status_code == 403


def test_htmx_partial(logged, login):
    response = login("bob").get(reverse(URL), {"bulan": MARCH}, **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Charlie Nugroho" in body


def _unit_of(cast, n: int) -> None:
    staff = Pegawai.objects.bulk_create(
        Pegawai(
            instansi=cast.a,
            nama=f"Staf {i:04d}",
            jenis_kelamin="P",
            status="PNS",
            jabatan=cast.jab_pelaksana,
            unit=cast.bidang,
            atasan=cast.bob,
        )
        for i in range(n)
    )
    from ..models import Aktivitas

    Aktivitas.objects.bulk_create(
        Aktivitas(
            instansi_id=cast.a.pk,
            pegawai=p,
            tanggal=D1 + dt.timedelta(days=d),
            menit=60,
            uraian="x",
            status=domain.STATUSES[d % 3],
        )
        for p in staff
        for d in range(3)
    )


@pytest.mark.parametrize("n", [5, 150])
def test_queries_do_not_grow_with_the_unit(cast, login, n, django_assert_max_num_queries):
    _unit_of(cast, n)
    client = login("bob")
    with django_assert_max_num_queries(18):
        response = client.get(reverse(URL), {"bulan": MARCH})
    assert response.status_code == 200
    assert f"{n + 3} pegawai" in response.content.decode()


def test_xlsx_export_has_every_person(logged, login):
    cast = logged
    response = login("bob").get(reverse(URL), {"bulan": MARCH, "unduh": "xlsx"})
    assert response.status_code == 200
    assert "ringkasan-aktivitas-2026-03" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "NIP"
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {"Bob Santoso", "Charlie Nugroho", "Dina Lestari"}
    charlie = by_name["Charlie Nugroho"]
    assert charlie[0] == cast.charlie.nip
    # diajukan (all) n, m, waiting n, m, verified n, m, rejected n, m, flagged
    assert charlie[4:] == (4, 225, 1, 90, 2, 90, 1, 45, 1)


# --- one person per RHK -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("charlie", 200),
        ("bob", 200),
        ("alice", 200),
        ("eko", 200),
        ("fajar", 200),
        ("dina", 403),
        ("gita", 404),
    ],
)
def test_ringkasan_pegawai_readers(cast, login, who, status):
    url = reverse("execution:ringkasan-pegawai", args=[cast.charlie.pk])
    assert login(who).get(url, {"bulan": MARCH}).status_code == status


def test_ringkasan_pegawai_page(cast, login, django_assert_max_num_queries):
    world = exec_world(cast)
    rhk = world.rhk("charlie")
    make_aktivitas(cast, "charlie", rhk=rhk, tanggal=D1, jam=None, menit=60)
    make_aktivitas(cast, "charlie", tanggal=D2, jam=None, menit=20, status="ditolak")
    client = login("charlie")
    url = reverse("execution:ringkasan-pegawai", args=[cast.charlie.pk])
    with django_assert_max_num_queries(14):
        body = client.get(url, {"bulan": MARCH}).content.decode()
    assert rhk.teks in body
    assert "Tanpa RHK" in body
    assert "1 j 20 m" in body  # the month's total minutes


def test_bad_month_falls_back_to_this_month(cast, login):
    url = reverse("execution:ringkasan-pegawai", args=[cast.charlie.pk])
    assert login("charlie").get(url, {"bulan": "2026-13"}).status_code == 200
