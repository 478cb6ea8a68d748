"""Build the .xlsx samples from the .csv samples next to this file.

Run after editing a CSV:  .venv/bin/python ekinerja/org/samples/build_xlsx.py
NIP and codes become text cells (as an admin should format them in Excel), dates become
real Excel dates, the header row is bold, frozen and filtered.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
DATE_COLUMNS = {"tanggal_lahir", "tmt_jabatan"}
NUMBER_COLUMNS = {"kelas"}


def build(kind: str) -> Path:
    with (HERE / f"{kind}.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    wb = Workbook()
    ws = wb.active
    ws.title = kind
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for values in body:
        out: list[object] = []
        for name, value in zip(header, values, strict=True):
            if name in DATE_COLUMNS and value:
                out.append(dt.datetime.strptime(value, "%d-%m-%Y").date())
            elif name in NUMBER_COLUMNS and value:
                out.append(int(value))
            else:
                out.append(value)
        ws.append(out)
    for i, name in enumerate(header, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, len(name) + 4, 24 if name == "nama" else 0)
        for cell in ws[letter][1:]:
            if name in DATE_COLUMNS:
                cell.number_format = "DD-MM-YYYY"
            elif name not in NUMBER_COLUMNS:
                cell.number_format = "@"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    target = HERE / f"{kind}.xlsx"
    wb.save(target)
    return target


if __name__ == "__main__":
    for kind in ("unit", "jabatan", "pegawai"):
        print(build(kind))
