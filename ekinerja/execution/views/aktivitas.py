"""The staff side of the activity log (issue 4 item 2): the day page with its quick
entry form, the week page, one activity's page, editing and deleting while it waits for
verification, and "copy yesterday".

The day page is the month-end hot path on a phone: it renders in a fixed number of
queries, as cards on a small screen and a table on a wide one. The quick entry form
posts with HTMX and gets back the day (list, totals and an empty form whose first field
takes the focus), or works as a plain form with POST-redirect-GET."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.clock import local_today
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.org.models import Pegawai

from .. import domain
from ..access import access_aktivitas, me, require_own_pegawai
from ..forms.aktivitas import AktivitasForm, aktivitas_initial, next_initial
from ..models import Aktivitas, BuktiDukung
from ..selectors import aktivitas as sel
from ..selectors.pengaturan import pengaturan
from ..services import aktivitas as services

GET_POST = require_http_methods(["GET", "POST"])
BUKTI_PARTIAL = "execution/partials/_bukti_list.html"


def bukti_partial() -> str:
    """The evidence list partial (services.bukti's pages), or "" while it is missing."""
    try:
        get_template(BUKTI_PARTIAL)
    except TemplateDoesNotExist:
        return ""
    return BUKTI_PARTIAL


def bukti_upload_url() -> str:
    try:
        return reverse("execution:bukti-upload")
    except Exception:  # the evidence pages are not installed
        return ""


def parse_day(raw: str | None, today: dt.date, *, strict: bool = True) -> dt.date:
    """?tanggal=YYYY-MM-DD, today when missing or malformed, never after today. A real
    date outside the log's years (year 1, 9999) is domain.DateOutOfRange when `strict`
    (the page answers 400: refuse_out_of_range), today otherwise."""
    try:
        day = dt.date.fromisoformat(raw or "")
    except ValueError:
        return today
    message = domain.day_range_error(day)
    if message:
        if strict:
            raise domain.DateOutOfRange(message)
        return today
    return min(day, today)


def posted_day(raw: str | None, fallback: dt.date) -> dt.date:
    """The `tanggal` a form sent, to pick its RHK choices and the day shown again; the
    form itself reports a malformed or out-of-range date (AktivitasForm)."""
    try:
        day = dt.date.fromisoformat(raw or "")
    except ValueError:
        return fallback
    return fallback if domain.day_range_error(day) else day


def bad_request(request: ActorRequest, message: str) -> HttpResponse:
    """A clear 400: the error page with the reason (core/error.html)."""
    return render(
        request,
        "core/error.html",
        {"status": 400, "title": _("Permintaan tidak valid"), "message": message},
        status=400,
    )


def refuse_out_of_range(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page asked for a date or month outside the log's years answers 400 saying so
    (issue 11 §8: year 1 or 9999 used to break the date arithmetic with a 500)."""

    @functools.wraps(view)
    def wrapper(request: ActorRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except domain.DateOutOfRange as e:
            return bad_request(request, e.message)

    return wrapper


def day_url(day: dt.date) -> str:
    return f"{reverse('execution:aktivitas-mine')}?tanggal={day.isoformat()}"


def _form(
    pegawai: Pegawai, tanggal: dt.date, data: Any = None, files: Any = None, **kwargs: Any
) -> AktivitasForm:
    rhks = sel.rhk_choices(pegawai=pegawai, tanggal=tanggal)
    rencana = sel.rencana_choices(pegawai=pegawai, rhk_ids=[r.pk for r in rhks], tanggal=tanggal)
    return AktivitasForm(data, files, rhk_choices=rhks, rencana_choices=rencana, **kwargs)


def decorate(a: Aktivitas) -> Aktivitas:
    """What a row shows besides the fields: duration, flags in words, whether its owner
    may still change it."""
    a.durasi = domain.hours_text(a.menit)
    a.flag_labels = [str(domain.ANOMALI_LABELS.get(c, c)) for c in a.anomali]
    a.editable = domain.owner_can_edit(a.status)
    return a


def day_context(
    actor: MemberActor,
    pegawai: Pegawai,
    tanggal: dt.date,
    *,
    form: AktivitasForm | None = None,
    saved: Aktivitas | None = None,
    notice: str = "",
    error: str = "",
) -> dict[str, Any]:
    """Everything the day page and its HTMX partial render, in a fixed number of
    queries: settings, the day's activities with evidence (2), the RHK and rencana aksi
    choices (2, only for a fresh form), the last logged day before it."""
    today = local_today(actor)
    aturan = pengaturan(pegawai.instansi_id)
    entries = [
        decorate(a)
        for a in sel.aktivitas_for_days(
            pegawai=pegawai, dari=tanggal, sampai=tanggal, with_bukti=True
        )
    ]
    if form is None:
        timed = [a for a in entries if a.jam_selesai is not None]
        last = saved if saved is not None and saved.tanggal == tanggal else None
        if last is None and timed:
            last = max(timed, key=lambda a: cast(dt.time, a.jam_selesai))  # timed: set
        form = _form(pegawai, tanggal, initial=next_initial(tanggal, last))
        form.fields["jam_mulai"].widget.attrs["autofocus"] = saved is not None
    form.set_size_limit(aturan.maks_unggah_kb * 1024)
    total = sum(a.menit for a in entries)
    counts = {s: 0 for s in domain.STATUSES}
    for a in entries:
        counts[a.status] += 1
    menit_kerja = aturan.menit_kerja_harian
    return {
        "pegawai": pegawai,
        "tanggal": tanggal,
        "today": today,
        "is_today": tanggal == today,
        "prev_day": tanggal - dt.timedelta(days=1),
        "next_day": tanggal + dt.timedelta(days=1) if tanggal < today else None,
        "entries": entries,
        "form": form,
        "total": total,
        "total_text": domain.hours_text(total),
        "menit_kerja": menit_kerja,
        "menit_kerja_text": domain.hours_text(menit_kerja),
        "persen": min(100, round(100 * total / menit_kerja)) if menit_kerja else 0,
        "lebih": total > menit_kerja,
        "counts": counts,
        "copy_from": sel.previous_logged_day(pegawai=pegawai, before=tanggal),
        "saved": saved,
        "notice": notice,
        "error": error,
        "bukti_partial": bukti_partial(),
        "bukti_upload": bukti_upload_url(),
    }


def _day_response(
    request: ActorRequest, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    template = (
        "execution/partials/_aktivitas_day.html"
        if is_htmx(request)
        else "execution/aktivitas_day.html"
    )
    return render(request, template, context, status=status)


# --- the day and the week -------------------------------------------------------------


@require_http_methods(["GET"])
@login_required
@refuse_out_of_range
def aktivitas_mine(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    pegawai = require_own_pegawai(actor)
    tanggal = parse_day(request.GET.get("tanggal"), local_today(actor))
    return _day_response(request, day_context(actor, pegawai, tanggal))


@require_http_methods(["GET"])
@login_required
@refuse_out_of_range
def aktivitas_week(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    pegawai = require_own_pegawai(actor)
    today = local_today(actor)
    days = domain.week_days(parse_day(request.GET.get("tanggal"), today))
    aturan = pengaturan(pegawai.instansi_id)
    totals = sel.week_totals(pegawai=pegawai, days=days, menit_kerja=aturan.menit_kerja_harian)
    for t in totals:
        t.url = day_url(t.tanggal) if t.tanggal <= today else ""  # type: ignore[attr-defined]
        t.durasi = domain.hours_text(t.menit) if t.menit else ""  # type: ignore[attr-defined]
        t.is_today = t.tanggal == today  # type: ignore[attr-defined]
        t.is_weekend = t.tanggal.weekday() >= 5  # type: ignore[attr-defined]
    minggu_menit = sum(t.menit for t in totals)
    next_monday = days[0] + dt.timedelta(days=7)
    week = reverse("execution:aktivitas-week")
    return render(
        request,
        "execution/aktivitas_week.html",
        {
            "days": totals,
            "first": days[0],
            "last": days[-1],
            "today": today,
            "prev_url": f"{week}?tanggal={(days[0] - dt.timedelta(days=7)).isoformat()}",
            "next_url": f"{week}?tanggal={next_monday.isoformat()}" if next_monday <= today else "",
            "this_week": today in days,
            "total_text": domain.hours_text(minggu_menit),
            "jumlah": sum(t.jumlah for t in totals),
            "menit_kerja_text": domain.hours_text(aturan.menit_kerja_harian),
            # Five working days (Monday to Friday) of the agency's working minutes.
            "target_text": domain.hours_text(5 * aturan.menit_kerja_harian),
        },
    )


# --- writes ---------------------------------------------------------------------------


@require_POST
@login_required
def aktivitas_create(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    pegawai = require_own_pegawai(actor)
    today = local_today(actor)
    tanggal = posted_day(request.POST.get("tanggal"), today)
    form = _form(pegawai, tanggal, request.POST, request.FILES)
    if form.is_valid():
        try:
            saved = services.aktivitas_create(actor=actor, today=today, **form.service_kwargs())
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            if is_htmx(request):
                context = day_context(
                    actor, pegawai, saved.tanggal, saved=saved, notice=_("Aktivitas disimpan.")
                )
                return _day_response(request, context)
            messages.success(request, _("Aktivitas disimpan."))
            return redirect(day_url(saved.tanggal))
    form.focus_first_error()
    return _day_response(request, day_context(actor, pegawai, min(tanggal, today), form=form))


@GET_POST
@login_required
def aktivitas_update(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    aktivitas = access_aktivitas(actor=actor, id=pk, for_write=True)
    refusal = domain.owner_edit_error(aktivitas.status)
    if refusal:
        raise PermissionDenied(refusal)
    pegawai = aktivitas.pegawai
    if request.method == "POST":
        tanggal = posted_day(request.POST.get("tanggal"), aktivitas.tanggal)
        form = _form(pegawai, tanggal, request.POST, with_evidence=False)
        if form.is_valid():
            try:
                saved = services.aktivitas_update(
                    actor=actor, aktivitas_id=aktivitas.pk, **form.service_kwargs()
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, _("Perubahan aktivitas disimpan."))
                return redirect(day_url(saved.tanggal))
    else:
        form = _form(
            pegawai, aktivitas.tanggal, initial=aktivitas_initial(aktivitas), with_evidence=False
        )
    return render(
        request,
        "execution/aktivitas_form.html",
        {"form": form, "aktivitas": aktivitas, "back": day_url(aktivitas.tanggal)},
    )


@require_POST
@login_required
def aktivitas_delete(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    today = local_today(actor)
    tanggal = parse_day(request.POST.get("tanggal"), today, strict=False)
    services.aktivitas_delete(actor=actor, aktivitas_id=pk)
    if is_htmx(request):
        pegawai = require_own_pegawai(actor)
        return _day_response(
            request, day_context(actor, pegawai, tanggal, notice=_("Aktivitas dihapus."))
        )
    messages.success(request, _("Aktivitas dihapus."))
    return redirect(day_url(tanggal))


@require_POST
@login_required
def aktivitas_copy(request: ActorRequest) -> HttpResponse:
    """Copy the last logged day before ?tanggal into ?tanggal."""
    actor = require_instansi(request.actor)
    pegawai = require_own_pegawai(actor)
    today = local_today(actor)
    raw = request.POST.get("tanggal") or request.GET.get("tanggal")
    try:
        ke = dt.date.fromisoformat(raw or "")
    except ValueError:
        ke = today
    notice, error = "", domain.day_range_error(ke)
    dari = None if error else sel.previous_logged_day(pegawai=pegawai, before=ke)
    if error:
        ke = today  # year 1 or 9999: refused, and today is shown
    elif dari is None:
        error = _("Belum ada hari sebelumnya yang berisi aktivitas untuk disalin.")
    else:
        try:
            copied = services.aktivitas_copy_day(actor=actor, dari=dari, ke=ke, today=today)
        except ValidationError as e:
            error = " ".join(e.messages)
        else:
            notice = ngettext(
                "%(n)s aktivitas disalin dari %(dari)s.",
                "%(n)s aktivitas disalin dari %(dari)s.",
                len(copied),
            ) % {
                "n": len(copied),
                "dari": domain.tanggal_text(dari),
            }
    shown = min(ke, today)
    if is_htmx(request):
        return _day_response(
            request, day_context(actor, pegawai, shown, notice=notice, error=error)
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, notice)
    return redirect(day_url(shown))


# --- one activity ---------------------------------------------------------------------


@require_http_methods(["GET"])
@login_required
def aktivitas_detail(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    aktivitas = decorate(access_aktivitas(actor=actor, id=pk))
    is_owner = aktivitas.pegawai_id == me(actor)
    bukti = list(
        BuktiDukung.objects.filter(
            instansi_id=aktivitas.instansi_id, aktivitas_id=aktivitas.pk
        ).order_by("created_at", "id")
    )
    return render(
        request,
        "execution/aktivitas_detail.html",
        {
            "a": aktivitas,
            "is_owner": is_owner,
            "bukti_list": bukti,
            "bukti_partial": bukti_partial(),
            "bukti_upload": bukti_upload_url() if is_owner and aktivitas.editable else "",
            "back": day_url(aktivitas.tanggal) if is_owner else "",
        },
    )
