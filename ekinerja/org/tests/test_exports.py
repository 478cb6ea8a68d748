"""XLSX export of units, positions and staff: the import's columns, so that export →
import changes nothing; admin and auditor only; staff limited to the actor's scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ekinerja.core.models import AuditEvent
from ekinerja.org import exports
from ekinerja.org.access import org_scope
from ekinerja.org.imports.batches import import_commit, import_prepare
from ekinerja.org.imports.columns import KINDS, column_names

pytestmark = pytest.mark.django_db


def sheet(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    wb = load_workbook(io.BytesIO(data))
    return wb.worksheets[0], data


@pytest.mark.parametrize("kind", KINDS)
def test_export_has_the_import_columns_bold_frozen_and_filtered(login, cast, kind):
    response = login("eko").get(reverse("org:export", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert f'filename="{kind}-' in response["Content-Disposition"]
    ws, _data = sheet(response)
    header = [c.value for c in ws[1]]
    assert header == column_names(kind)
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert AuditEvent.objects.filter(action="org.export", changes__jenis=kind).exists()


def test_pegawai_export_keeps_nip_as_text_and_dates_as_dates(login, cast):
    ws, _data = sheet(login("eko").get(reverse("org:export", args=["pegawai"])))
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert set(rows) == {p.nip for p in (cast.alice, cast.bob, cast.charlie, cast.dina,
                                         cast.eko, cast.fajar)}  # fmt: skip
    charlie = rows[cast.charlie.nip]
    assert isinstance(charlie[0].value, str) and charlie[0].number_format == "@"
    by_name = dict(zip(column_names("pegawai"), charlie, strict=True))
    assert by_name["tanggal_lahir"].value.date() == dt.date(1990, 5, 20)
    assert by_name["kode_jabatan"].value == "J-PELAKSANA"
    assert by_name["tmt_jabatan"].value.date() == dt.date(2020, 1, 1)
    assert by_name["golongan"].value == "II/c"
    assert rows[cast.fajar.nip][9].value in (None, "")  # no position
    assert cast.gita.nip not in rows  # another instansi


def test_jabatan_export_uses_labels_the_import_accepts(login, cast):
    ws, _data = sheet(login("fajar").get(reverse("org:export", args=["jabatan"])))
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["J-ANALIS"][4:6] == ("Fungsional", "Ahli Pertama")
    assert rows["J-KABID"][3] == "J-KADIS" and rows["J-KABID"][8] == "ya"
    assert rows["J-KADIS"][6:8] == ("II.b", 14)


@pytest.mark.parametrize("kind", KINDS)
def test_export_then_import_changes_nothing(login, cast, kind):
    _ws, data = sheet(login("eko").get(reverse("org:export", args=[kind])))
    batch = import_prepare(actor=cast.actor("eko"), kind=kind, filename=f"{kind}.xlsx", data=data)
    assert batch.errors == []
    assert (batch.summary["create"], batch.summary["update"]) == (0, 0)
    assert batch.summary["unchanged"] == batch.summary["total"] > 0


@pytest.mark.parametrize("kind", KINDS)
def test_formula_like_names_round_trip(login, cast, kind):
    """The export quotes text a spreadsheet would run ("+62 …", "=…"); importing that
    file back reads the same values, so the round trip still changes nothing."""
    from ekinerja.org.models import Jabatan, Pegawai, UnitKerja

    UnitKerja.objects.filter(pk=cast.bidang.pk).update(nama="=Bidang Satu")
    Jabatan.objects.filter(pk=cast.jab_fungsional.pk).update(nama="-Analis")
    Pegawai.objects.filter(pk=cast.dina.pk).update(nama="@Dina", telepon="+62 812 3456 789")
    _ws, data = sheet(login("eko").get(reverse("org:export", args=[kind])))
    texts = [v for row in load_workbook(io.BytesIO(data)).worksheets[0].values for v in row]
    assert {"'=Bidang Satu", "'-Analis", "'@Dina", "'+62 812 3456 789"} & set(texts)
    batch = import_prepare(actor=cast.actor("eko"), kind=kind, filename=f"{kind}.xlsx", data=data)
    assert batch.errors == []
    assert (batch.summary["create"], batch.summary["update"]) == (0, 0)


def test_edited_export_updates_by_nip(login, cast):
    _ws, data = sheet(login("eko").get(reverse("org:export", args=["pegawai"])))
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == cast.dina.nip:
            row[8].value = "III/b"
    out = io.BytesIO()
    wb.save(out)
    batch = import_prepare(
        actor=cast.actor("eko"), kind="pegawai", filename="p.xlsx", data=out.getvalue()
    )
    assert batch.summary["update"] == 1
    import_commit(actor=cast.actor("eko"), batch=batch)
    cast.dina.refresh_from_db()
    assert cast.dina.golongan == "III/b"


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "dina", "gita", "root"])
def test_only_admin_and_auditor_export(login, cast, who):
    for kind in KINDS:
        assert login(who).get(reverse("org:export", args=[kind])).status_code == 403


def test_unknown_kind_is_404(login, cast):
    assert login("eko").get(reverse("org:export", args=["gaji"])).status_code == 404


def test_pegawai_rows_respect_the_scope(cast):
    """The export follows org_scope: a unit head would see only their subtree."""
    nips = {r[0] for r in exports.pegawai_rows(scope=org_scope(cast.actor("bob")))}
    assert nips == {cast.bob.nip, cast.charlie.nip, cast.dina.nip}


def test_export_query_count_is_bounded(login, cast, django_assert_max_num_queries):
    client = login("eko")
    with django_assert_max_num_queries(12):
        client.get(reverse("org:export", args=["pegawai"]))
