"""The monthly summaries (issue 4 item 4): per person of a team or unit, the activities
and minutes submitted, waiting, verified and rejected; per RHK for one person. An XLSX
of the team table (?unduh=xlsx).

Who sees which people (org.access.org_scope): a supervisor their direct subordinates;
heads, pimpinan and pengelola kinerja their unit subtree; the Admin Instansi and the
Auditor any unit of the agency, chosen on the page. Staff without a team read their own
month on ringkasan-pegawai."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.clock import local_today
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.spreadsheet import safe_cell
from ekinerja.org.selectors import unit_choices

from .. import domain
from ..access import BAWAHAN, Cakupan, access_pegawai_log, access_team_summary
from ..forms.verifikasi import bulan_value, parse_bulan
from ..selectors import ringkasan as sel
from .aktivitas import refuse_out_of_range

UNIT_OPTIONS_MAX = 300
STATUSES = (domain.DIAJUKAN, domain.DIVERIFIKASI, domain.DITOLAK)


def cells(summary: domain.SummaryRow) -> dict[str, Any]:
    """A summary row as the templates print it: count and hours per status, the total,
    and the share of the minutes verified."""
    out: dict[str, Any] = {}
    total = summary.total
    for name, cell in [("total", total)] + [(s, getattr(summary, s)) for s in STATUSES]:
        out[name] = {"n": cell.jumlah, "m": cell.menit, "text": domain.hours_text(cell.menit)}
    out["persen"] = round(100 * summary.diverifikasi.menit / total.menit) if total.menit else 0
    return out


def month_context(request: ActorRequest, actor: MemberActor) -> dict[str, Any]:
    """?bulan=YYYY-MM (this month by default): its first and last day, its label and its
    neighbours (no month after the current one)."""
    today = local_today(actor)
    year, month = parse_bulan(request.GET.get("bulan"), today)
    dari, sampai = domain.month_range(year, month)
    prev_y, prev_m = domain.shift_month(year, month, -1)
    next_y, next_m = domain.shift_month(year, month, 1)
    return {
        "dari": dari,
        "sampai": sampai,
        "bulan": bulan_value(year, month),
        "bulan_label": domain.period_label(year, domain.BULANAN, month),
        "today": today,
        "prev_bulan": bulan_value(prev_y, prev_m),
        "prev_label": domain.period_label(prev_y, domain.BULANAN, prev_m),
        "next_label": domain.period_label(next_y, domain.BULANAN, next_m),
        "next_bulan": (
            bulan_value(next_y, next_m) if (next_y, next_m) <= (today.year, today.month) else ""
        ),
    }


@require_GET
@login_required
@refuse_out_of_range
def ringkasan(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    tim = access_team_summary(actor=actor, unit=request.GET.get("unit", "").strip())
    scope, has_subs, cakupan = tim.scope, tim.has_subordinates, tim.cakupan
    if cakupan is None:
        # Staff without a team: their own month is their summary.
        if scope.pegawai_id:
            url = reverse("execution:ringkasan-pegawai", args=[scope.pegawai_id])
            bulan = request.GET.get("bulan", "")
            return redirect(f"{url}?{urlencode({'bulan': bulan})}" if bulan else url)
        raise PermissionDenied(
            _(
                "Ringkasan tim hanya untuk atasan langsung, pimpinan unit, pengelola kinerja, "
                "Admin Instansi, dan Auditor."
            )
        )
    month = month_context(request, actor)
    people = sel.people(
        instansi_id=actor.instansi_id, unit=cakupan.unit, atasan_id=cakupan.atasan_id
    )
    if request.GET.get("unduh") == "xlsx" and cakupan.value:
        return _xlsx(actor, cakupan, people, month)
    options: list[tuple[str, str]] = []
    if has_subs:
        options.append((BAWAHAN, _("Bawahan langsung saya")))
    if scope.has_team:
        units = unit_choices(
            instansi_id=actor.instansi_id,
            paths=() if scope.whole_instansi else scope.unit_paths,
            limit=UNIT_OPTIONS_MAX,
            include=[cakupan.unit.pk] if cakupan.unit else [],
        )
        options += [(str(pk), nama) for pk, nama in units]
    context: dict[str, Any] = {
        **month,
        "cakupan": cakupan,
        "options": options,
        "page": None,
        "rows": [],
        "totals": None,
        "page_query": urlencode({"unit": cakupan.value, "bulan": month["bulan"]}),
    }
    if cakupan.value:
        page = Paginator(people, sel.PAGE_SIZE).get_page(request.GET.get("page"))
        found = sel.per_person(
            instansi_id=actor.instansi_id,
            pegawai=list(page.object_list),
            dari=month["dari"],
            sampai=month["sampai"],
        )
        page.elided = list(  # type: ignore[attr-defined]
            page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        )
        total = sel.totals(
            instansi_id=actor.instansi_id,
            people_qs=people,
            dari=month["dari"],
            sampai=month["sampai"],
        )
        context.update(
            page=page,
            rows=[{"p": r.pegawai, "c": cells(r.summary), "ditandai": r.ditandai} for r in found],
            totals={"c": cells(total.summary), "ditandai": total.ditandai},
        )
    if is_htmx(request):
        return render(request, "execution/partials/_ringkasan_results.html", context)
    return render(request, "execution/ringkasan_tim.html", context)


XLSX_COLUMNS = [
    (gettext_lazy("NIP"), 22),
    (gettext_lazy("Nama"), 32),
    (gettext_lazy("Jabatan"), 32),
    (gettext_lazy("Unit kerja"), 28),
    (gettext_lazy("Aktivitas diajukan"), 12),
    (gettext_lazy("Menit diajukan"), 12),
    (gettext_lazy("Aktivitas menunggu"), 12),
    (gettext_lazy("Menit menunggu"), 12),
    (gettext_lazy("Aktivitas diverifikasi"), 12),
    (gettext_lazy("Menit diverifikasi"), 12),
    (gettext_lazy("Aktivitas ditolak"), 12),
    (gettext_lazy("Menit ditolak"), 12),
    (gettext_lazy("Bertanda anomali"), 12),
]


def _xlsx(actor: MemberActor, cakupan: Cakupan, people: Any, month: dict[str, Any]) -> HttpResponse:
    """The whole scope's table (not only one page) in openpyxl's write-only mode, two
    queries per thousand people."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=month["bulan"])
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for i, (name, width) in enumerate(XLSX_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
        cell = WriteOnlyCell(ws, value=str(name))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    n = 0
    for r in sel.export_rows(
        instansi_id=actor.instansi_id, people_qs=people, dari=month["dari"], sampai=month["sampai"]
    ):
        s, p = r.summary, r.pegawai
        nip = WriteOnlyCell(ws, value=p.nip or "")
        nip.number_format = "@"
        ws.append(
            [
                nip,
                safe_cell(p.nama_lengkap),
                safe_cell(p.jabatan.nama if p.jabatan is not None else ""),
                safe_cell(p.unit.nama if p.unit is not None else ""),
                s.total.jumlah,
                s.total.menit,
                s.diajukan.jumlah,
                s.diajukan.menit,
                s.diverifikasi.jumlah,
                s.diverifikasi.menit,
                s.ditolak.jumlah,
                s.ditolak.menit,
                r.ditandai,
            ]
        )
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_COLUMNS))}{n + 1}"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    slug = "bawahan" if cakupan.value == BAWAHAN else f"unit-{cakupan.value}"
    response["Content-Disposition"] = (
        f'attachment; filename="ringkasan-aktivitas-{month["bulan"]}-{slug}.xlsx"'
    )
    return response


@require_GET
@login_required
@refuse_out_of_range
def ringkasan_pegawai(request: ActorRequest, pk: int) -> HttpResponse:
    """One person's month per RHK (and "tanpa RHK"), for whoever may read their log."""
    actor = require_instansi(request.actor)
    pegawai = access_pegawai_log(actor=actor, id=pk)
    month = month_context(request, actor)
    rows, total = sel.per_rhk(pegawai=pegawai, dari=month["dari"], sampai=month["sampai"])
    context = {
        **month,
        "p": pegawai,
        "rows": [{"rhk": r.rhk, "c": cells(r.summary)} for r in rows],
        "totals": {"c": cells(total.summary), "ditandai": total.ditandai},
    }
    return render(request, "execution/ringkasan_pegawai.html", context)
