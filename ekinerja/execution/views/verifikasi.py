"""The supervisor's side of the activity log (issue 4 item 4): the verification queue of
the direct subordinates' activities with its filters and bulk decisions, the rejection
page of one activity, and a reader's view of one person's month.

The queue answers in a fixed number of queries whatever the size of the team; HTMX
swaps the results (filters, pages, decisions) in place, and without JavaScript every
form works with POST-redirect-GET."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.clock import local_today, zone_of
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.redirects import safe_next
from ekinerja.org.access import org_scope
from ekinerja.org.models import Pegawai

from .. import domain
from ..access import access_aktivitas, access_pegawai_log, is_supervisor_of
from ..forms.verifikasi import (
    BulkForm,
    QueueFilterForm,
    RejectForm,
)
from ..models import Aktivitas
from ..selectors import verifikasi as sel
from ..selectors.ringkasan import empty_row
from ..services import verifikasi as services
from .aktivitas import refuse_out_of_range
from .ringkasan import cells, month_context

GET_POST = require_http_methods(["GET", "POST"])


def _anomali_short() -> dict[str, str]:
    """Short badge texts of the anomaly codes; the full sentence (domain.ANOMALI_LABELS)
    is the badge's tooltip."""
    return {
        domain.ANOMALI_TUMPANG_TINDIH: _("Jam tumpang tindih"),
        domain.ANOMALI_MELEBIHI_JAM_KERJA: _("Lebih dari jam kerja"),
        domain.ANOMALI_HARI_LIBUR: _("Hari libur"),
        domain.ANOMALI_CUTI: _("Saat cuti"),
        domain.ANOMALI_TEKS_BERULANG: _("Uraian berulang"),
    }


def decorate(a: Aktivitas, short: dict[str, str]) -> Aktivitas:
    """Duration in words and the anomaly badges (short text, full sentence)."""
    a.durasi = domain.hours_text(a.menit)
    a.badges = [(short.get(c, c), str(domain.ANOMALI_LABELS.get(c, c))) for c in a.anomali or []]
    return a


def _queue_url(query: str = "") -> str:
    url = reverse("execution:verifikasi-queue")
    return f"{url}?{query}" if query else url


def _safe_query(raw: str) -> QueryDict:
    """The queue's filter query string sent back with a decision (never a page number
    past the end: the decided rows leave the list)."""
    params = QueryDict(raw or "", mutable=True)
    params.pop("page", None)
    return params


def queue_context(
    actor: MemberActor, params: QueryDict, *, form: BulkForm | None = None, notice: str = ""
) -> dict[str, Any]:
    """Everything the queue page and its HTMX partial render: the subordinates (1
    query), the RHK options (1), the page (COUNT + SELECT), and the waiting total (1)."""
    scope = org_scope(actor)
    today = local_today(actor)
    subs = sel.subordinates(actor=actor, pegawai_id=scope.pegawai_id)
    by_id = {p.pk: p for p in subs}
    filters = QueueFilterForm(
        params or None,
        pegawai_choices=[(p.pk, p.nama_lengkap) for p in subs],
        today=today,
    )
    if filters.is_bound:
        filters.is_valid()
    f = filters.queue_filter()
    context: dict[str, Any] = {
        "filters": filters,
        "f": f,
        "subs": subs,
        "form": form or BulkForm(),
        "notice": notice,
        "query": _safe_query(params.urlencode()).urlencode(),
        "VERIFIKASI": BulkForm.VERIFIKASI,
        "TOLAK": BulkForm.TOLAK,
        "page": None,
        "atasan": None,
        "waiting": 0,
        "filtered": bool(params and any(k != "page" for k in params)),
    }
    if not subs:
        if scope.pegawai_id:
            me = (
                Pegawai.objects.select_related("atasan")
                .filter(instansi_id=actor.instansi_id, pk=scope.pegawai_id)
                .first()
            )
            context["atasan"] = me.atasan if me else None
        context["has_pegawai"] = scope.pegawai_id is not None
        return context
    filters.set_rhk_options(
        sel.rhk_options(instansi_id=actor.instansi_id, pegawai=subs, dari=f.dari, sampai=f.sampai)
    )
    qs = sel.queue(instansi_id=actor.instansi_id, subordinate_ids=list(by_id), f=f)
    page = Paginator(qs, sel.PAGE_SIZE).get_page(params.get("page"))
    short = _anomali_short()
    rows = list(page.object_list)
    for a in rows:
        a.pegawai = by_id[a.pegawai_id]
        decorate(a, short)
    page.object_list = rows
    # The pager template reads page.elided; Page has no such field to type.
    page.elided = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    context["page"] = page
    context["chosen"] = set(form.aktivitas_ids) if form is not None else set()
    context["waiting"] = sel.waiting_count(
        instansi_id=actor.instansi_id, subordinate_ids=list(by_id)
    )
    context["can_decide"] = f.status in ("", domain.DIAJUKAN)
    return context


@require_GET
@login_required
def verifikasi_queue(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    context = queue_context(actor, request.GET)
    if is_htmx(request):
        return render(request, "execution/partials/_verifikasi_results.html", context)
    return render(request, "execution/verifikasi_queue.html", context)


@require_POST
@login_required
def verifikasi_bulk(request: ActorRequest) -> HttpResponse:
    """Verify or reject the ticked activities; all or nothing (services.verifikasi)."""
    actor = require_instansi(request.actor)
    form = BulkForm(request.POST)
    params = _safe_query(request.POST.get("q", ""))
    status = 200
    if not form.is_valid() and form.unreadable:
        status = 400  # ids no page ever sends (issue 11 §8)
    elif form.is_valid():
        ids = form.aktivitas_ids
        try:
            if form.cleaned_data["aksi"] == BulkForm.VERIFIKASI:
                n = services.aktivitas_verify(actor=actor, aktivitas_ids=ids)
                text = ngettext(
                    "%(n)s aktivitas diverifikasi.", "%(n)s aktivitas diverifikasi.", n
                ) % {"n": n}
            else:
                n = services.aktivitas_reject(
                    actor=actor, aktivitas_ids=ids, alasan=form.cleaned_data["alasan"]
                )
                text = ngettext(
                    "%(n)s aktivitas ditolak; pemiliknya menerima alasan Anda.",
                    "%(n)s aktivitas ditolak; pemiliknya menerima alasan Anda.",
                    n,
                ) % {"n": n}
        except ValidationError as e:
            _attach(form, e)
        except PermissionDenied as e:
            form.add_error(None, str(e) or _("Anda tidak berwenang melakukan tindakan ini."))
            status = 403
        except Http404 as e:
            form.add_error(
                None,
                str(e) or _("Sebagian aktivitas yang dipilih tidak ditemukan. Muat ulang halaman."),
            )
            status = 404
        else:
            if is_htmx(request):
                context = queue_context(actor, params, notice=text)
                return render(request, "execution/partials/_verifikasi_results.html", context)
            messages.success(request, text)
            return redirect(_queue_url(params.urlencode()))
    context = queue_context(actor, params, form=form)
    if is_htmx(request):
        # htmx swaps only 2xx answers: the refusal is shown in place with a 200.
        return render(request, "execution/partials/_verifikasi_results.html", context)
    return render(request, "execution/verifikasi_queue.html", context, status=status)


def _attach(form: BulkForm | RejectForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, msgs in error.message_dict.items():
            for m in msgs:
                form.add_error(name if name in form.fields else None, m)
    else:
        for m in error.messages:
            form.add_error(None, m)


def _next_url(request: ActorRequest, raw: str, fallback: str) -> str:
    return safe_next(request, raw) or fallback


@GET_POST
@login_required
def aktivitas_reject(request: ActorRequest, pk: int) -> HttpResponse:
    """Reject one activity with a reason (the direct supervisor only)."""
    actor = require_instansi(request.actor)
    aktivitas = access_aktivitas(actor=actor, id=pk)
    if not is_supervisor_of(actor, aktivitas.pegawai):
        raise PermissionDenied(
            _("Hanya atasan langsung %(nama)s yang dapat menolak aktivitasnya.")
            % {"nama": aktivitas.pegawai.nama_lengkap}
        )
    fallback = _queue_url()
    form = RejectForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.aktivitas_reject(
                actor=actor, aktivitas_ids=[aktivitas.pk], alasan=form.cleaned_data["alasan"]
            )
        except ValidationError as e:
            _attach(form, e)
        except PermissionDenied as e:
            form.add_error(None, str(e))
            status = 403
        else:
            messages.success(
                request,
                _(
                    "Aktivitas %(nama)s tanggal %(tanggal)s ditolak; pemiliknya menerima "
                    "alasan Anda."
                )
                % {
                    "nama": aktivitas.pegawai.nama_lengkap,
                    "tanggal": domain.tanggal_text(aktivitas.tanggal),
                },
            )
            return redirect(_next_url(request, form.cleaned_data.get("next", ""), fallback))
    decorate(aktivitas, _anomali_short())
    context = {
        "a": aktivitas,
        "form": form,
        "decided": domain.verify_error(aktivitas.status),
        "back": _next_url(request, request.GET.get("next", ""), fallback),
    }
    return render(request, "execution/verifikasi_reject.html", context, status=status)


@require_GET
@login_required
@refuse_out_of_range
def pegawai_log(request: ActorRequest, pk: int) -> HttpResponse:
    """One person's month of activities, for whoever may read their log."""
    actor = require_instansi(request.actor)
    pegawai = access_pegawai_log(actor=actor, id=pk)
    month = month_context(request, actor)
    today, dari, sampai = month["today"], month["dari"], month["sampai"]
    short = _anomali_short()
    entries = [
        decorate(a, short) for a in sel.pegawai_month(pegawai=pegawai, dari=dari, sampai=sampai)
    ]
    summary = domain.summarise(("x", a.status, 1, a.menit) for a in entries)
    days: list[tuple[Any, list[Aktivitas], int]] = []
    for a in entries:
        if not days or days[-1][0] != a.tanggal:
            days.append((a.tanggal, [], 0))
        day, items, total = days[-1]
        items.append(a)
        days[-1] = (day, items, total + a.menit)
    supervisor = is_supervisor_of(actor, pegawai)
    context = {
        **month,
        "p": pegawai,
        "days": [(d, items, domain.hours_text(total)) for d, items, total in days],
        "c": cells(summary[0] if summary else empty_row()),
        "ditandai": sum(1 for a in entries if a.ditandai),
        "is_supervisor": supervisor,
        "queue_query": urlencode(
            {
                "pegawai": pegawai.pk,
                "dari": dari.isoformat(),
                "sampai": min(sampai, today).isoformat(),
            }
        ),
        "here": request.get_full_path(),
        "zona": zone_of(actor).key,
    }
    return render(request, "execution/pegawai_log.html", context)
