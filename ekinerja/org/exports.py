"""Export of units, positions and staff to XLSX, with exactly the import's columns, so
that export → edit in Excel → import round-trips (docs/import.md)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ekinerja.core.access import require_instansi
from ekinerja.core.roles import Actor
from ekinerja.core.spreadsheet import safe_cell

from . import domain
from .access import OrgScope, org_scope
from .imports.columns import column_names
from .models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja

DATE_FORMAT = "DD-MM-YYYY"
WIDTHS = {"nip": 22, "nama": 36, "kode": 16, "email": 28, "kode_induk": 16, "kode_unit": 16,
          "kode_jabatan_atasan": 20, "kode_jabatan": 18, "jenis": 16, "jenjang": 14}  # fmt: skip
CHUNK = 2000


def require_export(actor: Actor | None) -> OrgScope:
    """Admin Instansi and Auditor only (spec: exports are for BKPSDM and audit)."""
    actor = require_instansi(actor)
    if not (actor.is_admin or actor.is_auditor):
        raise PermissionDenied(_("Hanya Admin Instansi dan Auditor yang dapat mengekspor data."))
    return org_scope(actor)


def _yn(value: bool) -> str:
    return "ya" if value else "tidak"


def unit_rows(*, scope: OrgScope) -> Iterator[list[Any]]:
    units = UnitKerja.objects.filter(instansi_id=scope.actor.instansi_id).order_by("path")
    kode = dict(units.values_list("id", "kode"))
    for u in units.values("kode", "nama", "singkatan", "parent_id", "is_opd").iterator(CHUNK):
        yield [u["kode"], u["nama"], u["singkatan"], kode.get(u["parent_id"], ""), _yn(u["is_opd"])]


def jabatan_rows(*, scope: OrgScope) -> Iterator[list[Any]]:
    qs = (
        Jabatan.objects.filter(instansi_id=scope.actor.instansi_id)
        .order_by("unit__path", "-is_head", "kode")
        .values(
            "kode",
            "nama",
            "unit__kode",
            "parent__kode",
            "jenis",
            "jenjang",
            "eselon",
            "kelas",
            "is_head",
        )  # fmt: skip
    )
    for j in qs.iterator(CHUNK):
        yield [
            j["kode"],
            j["nama"],
            j["unit__kode"],
            j["parent__kode"] or "",
            domain.JENIS_CODES.get(j["jenis"], j["jenis"]),
            domain.JENJANG_CODES.get(j["jenjang"], ""),
            j["eselon"],
            j["kelas"],
            _yn(j["is_head"]),
        ]


def pegawai_rows(*, scope: OrgScope) -> Iterator[list[Any]]:
    """Staff the actor may read (org_scope), current definitive position and its TMT."""
    tmt = (
        RiwayatJabatan.objects.filter(
            pegawai=OuterRef("pk"),
            jabatan=OuterRef("jabatan_id"),
            jenis=RiwayatJabatan.Jenis.DEFINITIF,
            tmt_selesai__isnull=True,
        )
        .order_by("-tmt_mulai")
        .values("tmt_mulai")[:1]
    )
    qs = (
        Pegawai.objects.filter(scope.pegawai_q(), instansi_id=scope.actor.instansi_id)
        .exclude(nip__isnull=True)
        .annotate(tmt_jabatan=Subquery(tmt))
        .order_by("nama", "id")
        .values(
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "jenis_kelamin",
            "tempat_lahir",
            "tanggal_lahir",
            "status",
            "golongan",
            "jabatan__kode",
            "tmt_jabatan",
            "email",
            "telepon",
        )  # fmt: skip
    )
    for p in qs.iterator(CHUNK):
        yield [
            p["nip"],
            p["nama"],
            p["gelar_depan"],
            p["gelar_belakang"],
            p["jenis_kelamin"],
            p["tempat_lahir"],
            p["tanggal_lahir"],
            p["status"],
            p["golongan"],
            p["jabatan__kode"] or "",
            p["tmt_jabatan"] if p["jabatan__kode"] else None,
            p["email"],
            p["telepon"],
        ]


ROWS = {"unit": unit_rows, "jabatan": jabatan_rows, "pegawai": pegawai_rows}


def write_xlsx(kind: str, rows: Iterator[list[Any]], *, title: str) -> tuple[bytes, int]:
    """An XLSX with a bold, frozen header row and an auto-filter; NIP and codes as text,
    dates as real dates. Written in openpyxl's write-only (streaming) mode."""
    columns = column_names(kind)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    for i, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 14)
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    n = 0
    for row in rows:
        out = []
        for name, value in zip(columns, row, strict=True):
            value = safe_cell(value)  # a name "=HYPERLINK(…)" stays text
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DATE_FORMAT
            elif name == "nip" or name.startswith("kode"):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "@"  # text: Excel must not turn a NIP into 1.98E+17
            else:
                cell = WriteOnlyCell(ws, value=value)
            out.append(cell)
        ws.append(out)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), n


def export_xlsx(*, actor: Actor | None, kind: str) -> tuple[bytes, int]:
    scope = require_export(actor)
    return write_xlsx(kind, ROWS[kind](scope=scope), title=kind)
