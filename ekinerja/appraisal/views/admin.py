"""The Admin Instansi's pages of the appraisal (issue 5): evaluation periods (open,
close, reopen, synchronise), the rule set of a year with its distribution curve, and
the tindak lanjut records of a person.

Periods and rules: Admin Instansi only. Tindak lanjut: read by whoever may read the
person; written by their direct supervisor, a pengelola kinerja of their unit, or the
Admin Instansi (services.tindak_lanjut). Writes answer an HTMX request with the
refreshed fragment, and a plain form post with a redirect (POST-redirect-GET)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ekinerja.core.access import require_instansi
from ekinerja.core.clock import local_today
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.core.roles import MemberActor
from ekinerja.org.access import access_pegawai
from ekinerja.plans.models import PeriodeKinerja

from ..access import access_periode_penilaian, access_tindak_lanjut, require_appraisal_admin
from ..domain import evaluation
from ..forms.admin import AturanForm, PeriodeOpenForm, TindakLanjutForm
from ..models import AturanPenilaian, Evaluasi, Penetapan, PeriodePenilaian, TindakLanjut
from ..services import aturan as aturan_services
from ..services import periode as periode_services
from ..services import tahunan as tahunan_services
from ..services import tindak_lanjut as tl_services

GET_POST = require_http_methods(["GET", "POST"])
TINDAK_LANJUT_PAGE = 50
EVALUASI_CHOICES = 36  # three years of months: enough to pick the evaluation concerned


def _error_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Anda tidak berwenang melakukan tindakan ini.")


# --- periods ---------------------------------------------------------------------------


def _openable(tahun: PeriodeKinerja, opened: set[tuple[str, int]], today: dt.date) -> list:
    """The choices of the periods of a year that may be opened now
    (domain.evaluation.openable_periods), labelled."""
    out = []
    for jenis, nomor in evaluation.openable_periods(tahun.tahun, tahun.periodik, opened, today):
        label = evaluation.period_label(jenis, nomor, tahun.tahun)
        if jenis == evaluation.JENIS_TAHUNAN:
            label = _("%(p)s (evaluasi tahunan)") % {"p": label}
        out.append((f"{jenis}:{nomor}", label))
    return out


def _periode_context(actor: MemberActor, **extra: Any) -> dict[str, Any]:
    """Every performance year of the instansi with its opened periods and their counts
    (three queries whatever the number of evaluations)."""
    today = local_today(actor)
    years = list(PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id).order_by("-tahun"))
    periods = (
        PeriodePenilaian.objects.filter(instansi_id=actor.instansi_id)
        .select_related("dibuka_oleh")
        .annotate(
            n_total=Count("evaluasi"),
            n_dinilai=Count("evaluasi", filter=Q(evaluasi__status=Evaluasi.Status.DINILAI)),
            n_ditetapkan=Count("evaluasi", filter=Q(evaluasi__status=Evaluasi.Status.DITETAPKAN)),
        )
        .order_by("-tanggal_mulai", "jenis")
    )
    by_year: dict[int, list[PeriodePenilaian]] = {}
    now = timezone.now()
    preparing = False
    for p in periods:
        p.n_draft = p.n_total - p.n_dinilai - p.n_ditetapkan
        p.share_done = round(100 * (p.n_dinilai + p.n_ditetapkan) / p.n_total) if p.n_total else 0
        p.stalled = periode_services.preparation_stalled(p, now)
        preparing = preparing or (p.disiapkan and not p.stalled)
        by_year.setdefault(p.periode_id, []).append(p)
    rows = []
    for tahun in years:
        opened = by_year.get(tahun.pk, [])
        choices = _openable(tahun, {(p.jenis, p.nomor) for p in opened}, today)
        rows.append(
            {
                "tahun": tahun,
                "periods": opened,
                "choices": choices,
                "form": PeriodeOpenForm(
                    initial={"periode": tahun.pk, "pilihan": choices[0][0] if choices else ""},
                    choices=choices,
                    auto_id=f"open-{tahun.pk}-%s",
                ),
            }
        )
    # While a period is being prepared the list polls itself (the page shows progress).
    return {"years": rows, "today": today, "preparing": preparing, **extra}


def _periode_page(request: ActorRequest, actor: MemberActor, status: int = 200, **extra: Any):
    template = (
        "appraisal/partials/_periode_years.html"
        if is_htmx(request)
        else "appraisal/periode_list.html"
    )
    return render(request, template, _periode_context(actor, **extra), status=status)


def _after_periode_action(
    request: ActorRequest, actor: MemberActor, *, ok: str | None = None, error: str | None = None
) -> HttpResponse:
    if is_htmx(request):
        return _periode_page(request, actor, notice=ok, problem=error)
    if ok:
        messages.success(request, ok)
    if error:
        messages.error(request, error)
    return redirect("appraisal:periode-list")


@GET_POST
@login_required
def periode_list(request: ActorRequest) -> HttpResponse:
    actor = require_appraisal_admin(request.actor)
    if request.method == "GET":
        return _periode_page(request, actor)
    tahun = PeriodeKinerja.objects.filter(
        instansi_id=actor.instansi_id, pk=parse_id(request.POST.get("periode")) or 0
    ).first()
    if tahun is None:
        return _after_periode_action(request, actor, error=_("Tahun kinerja tidak ditemukan."))
    opened = set(
        PeriodePenilaian.objects.filter(instansi_id=actor.instansi_id, periode=tahun).values_list(
            "jenis", "nomor"
        )
    )
    # Offer what the page offered, but let the service judge any other choice (a stale
    # page, a crafted post) so its refusal message is the one shown.
    choices = _openable(tahun, opened, local_today(actor))
    posted = request.POST.get("pilihan", "")
    if posted and posted not in dict(choices):
        choices = [*choices, (posted, posted)]
    form = PeriodeOpenForm(request.POST, choices=choices, auto_id=f"open-{tahun.pk}-%s")
    if not form.is_valid():
        return _after_periode_action(request, actor, error=_("Pilih periode yang akan dibuka."))
    jenis, nomor = form.jenis_nomor()
    try:
        periode = periode_services.periode_penilaian_open(
            actor=actor, periode_id=tahun.pk, jenis=jenis, nomor=nomor
        )
    except (ValidationError, PermissionDenied) as e:
        return _after_periode_action(request, actor, error=_error_text(e))
    periode.refresh_from_db()  # a worker in the same process may have finished already
    if periode.status == PeriodePenilaian.Status.DIBUKA:
        ok = _("Periode %(p)s dibuka: %(n)s evaluasi dibuat.") % {
            "p": periode,
            "n": periode.persiapan_total,
        }
    else:
        ok = _(
            "Periode %(p)s sedang disiapkan: evaluasinya dibuat di latar belakang. Kemajuannya "
            "tampil di bawah; pegawai dapat mengisi realisasi setelah selesai."
        ) % {"p": periode}
    return _after_periode_action(request, actor, ok=ok)


@require_POST
@login_required
def periode_retry(request: ActorRequest, pk: int) -> HttpResponse:
    """Start again the preparation of a period that stopped."""
    actor = require_appraisal_admin(request.actor)
    periode = access_periode_penilaian(actor=actor, id=pk)
    try:
        periode_services.periode_penilaian_retry(actor=actor, periode_penilaian_id=periode.pk)
    except ValidationError as e:
        return _after_periode_action(request, actor, error=_error_text(e))
    ok = _("Persiapan periode %(p)s dilanjutkan.") % {"p": periode}
    return _after_periode_action(request, actor, ok=ok)


@require_POST
@login_required
def periode_status(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_appraisal_admin(request.actor)
    periode = access_periode_penilaian(actor=actor, id=pk)
    status = request.POST.get("status", "")
    try:
        periode = periode_services.periode_penilaian_set_status(
            actor=actor, periode_penilaian_id=periode.pk, status=status
        )
    except ValidationError as e:
        return _after_periode_action(request, actor, error=_error_text(e))
    if periode.status == PeriodePenilaian.Status.DITUTUP:
        ok = _("Periode %(p)s ditutup: realisasi dan penilaian tidak dapat diubah lagi.")
    else:
        ok = _("Periode %(p)s dibuka kembali.")
    return _after_periode_action(request, actor, ok=ok % {"p": periode})


@require_POST
@login_required
def periode_sync(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_appraisal_admin(request.actor)
    periode = access_periode_penilaian(actor=actor, id=pk)
    try:
        created, prefilled = tahunan_services.periode_penilaian_sync(
            actor=actor, periode_penilaian_id=periode.pk
        )
    except ValidationError as e:
        return _after_periode_action(request, actor, error=_error_text(e))
    ok = _("Periode %(p)s disinkronkan: %(n)s evaluasi baru.") % {"p": periode, "n": created}
    if periode.is_tahunan:
        ok += " " + _("%(n)s evaluasi tahunan diisi dari periode terakhir.") % {"n": prefilled}
    return _after_periode_action(request, actor, ok=ok)


# --- the rule set of a year ---------------------------------------------------------------


def _aturan_context(actor: MemberActor, tahun: int, row: AturanPenilaian, form: AturanForm) -> dict:
    years = sorted(
        set(
            PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id).values_list(
                "tahun", flat=True
            )
        )
        | {tahun, local_today(actor).year},
        reverse=True,
    )
    changed = set(row.kurva or {})  # services.aturan stores only what differs
    penetapan = Penetapan.objects.filter(
        instansi_id=actor.instansi_id,
        periode_penilaian__tanggal_mulai__year=tahun,
        status=Penetapan.Status.DITETAPKAN,
    ).count()
    return {
        "tahun": tahun,
        "aturan": row,
        "form": form,
        "tables": form.curve_tables(),
        "changed": changed,
        "years": years,
        "penetapan_count": penetapan,
        "stored": row.pk is not None,
    }


@GET_POST
@login_required
def aturan(request: ActorRequest, tahun: int) -> HttpResponse:
    actor = require_appraisal_admin(request.actor)
    try:
        aturan_services.check_tahun(tahun)
    except ValidationError:
        raise Http404(_("Tahun tidak sah.")) from None
    row = aturan_services.aturan_get_or_default(instansi_id=actor.instansi_id, tahun=tahun)
    form = AturanForm(request.POST or None, aturan=row)
    if request.method == "POST":
        if form.is_valid():
            kwargs = form.service_kwargs()
            if "kembalikan_kurva" in request.POST:
                kwargs["kurva"] = {}
            try:
                saved = aturan_services.aturan_update(actor=actor, tahun=tahun, **kwargs)
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                if saved.versi == row.versi:
                    messages.info(
                        request, _("Tidak ada perubahan pada aturan %(t)s.") % {"t": tahun}
                    )
                else:
                    messages.success(
                        request,
                        _("Aturan penilaian %(t)s disimpan (versi %(v)s).")
                        % {"t": tahun, "v": saved.versi},
                    )
                return redirect("appraisal:aturan", tahun=tahun)
    return render(request, "appraisal/aturan_form.html", _aturan_context(actor, tahun, row, form))


# --- tindak lanjut -----------------------------------------------------------------------


def _tindak_lanjut_context(
    request: ActorRequest,
    actor: MemberActor,
    pegawai,
    form: TindakLanjutForm | None = None,
    **extra,
) -> dict[str, Any]:
    can_record = tl_services.can_record_tindak_lanjut(actor, pegawai)
    qs = (
        TindakLanjut.objects.filter(instansi_id=actor.instansi_id, pegawai=pegawai)
        .select_related("evaluasi__periode_penilaian", "dicatat_oleh")
        .order_by("-tanggal", "-id")
    )
    page = Paginator(qs, TINDAK_LANJUT_PAGE).get_page(request.GET.get("page"))
    if can_record and form is None:
        form = TindakLanjutForm(
            evaluasi=_evaluasi_choices(actor, pegawai),
            today=local_today(actor),
            auto_id="tl-%s",
        )
    return {
        "pegawai": pegawai,
        "page": page,
        "rows": page.object_list,
        "form": form if can_record else None,
        "can_record": can_record,
        "jenis_badge": {
            TindakLanjut.Jenis.PENGHARGAAN: "text-bg-success",
            TindakLanjut.Jenis.SANKSI: "text-bg-danger",
            TindakLanjut.Jenis.PENGEMBANGAN: "text-bg-info",
        },
        **extra,
    }


def _evaluasi_choices(actor: MemberActor, pegawai) -> list[Evaluasi]:
    return list(
        Evaluasi.objects.filter(instansi_id=actor.instansi_id, pegawai=pegawai)
        .select_related("periode_penilaian")
        .order_by("-periode_penilaian__tanggal_selesai", "-periode_penilaian__jenis", "-pk")[
            :EVALUASI_CHOICES
        ]
    )


def _tindak_lanjut_page(request: ActorRequest, actor: MemberActor, pegawai, status=200, **extra):
    template = (
        "appraisal/partials/_tindak_lanjut_rows.html"
        if is_htmx(request)
        else "appraisal/tindak_lanjut_list.html"
    )
    context = _tindak_lanjut_context(request, actor, pegawai, **extra)
    return render(request, template, context, status=status)


@GET_POST
@login_required
def tindak_lanjut_list(request: ActorRequest, pegawai_id: int) -> HttpResponse:
    # access_pegawai's own first step: the gate, here so `actor` is typed as gated.
    actor = require_instansi(request.actor)
    pegawai = access_pegawai(actor=actor, id=pegawai_id)
    if request.method == "GET":
        return _tindak_lanjut_page(request, actor, pegawai)
    if not tl_services.can_record_tindak_lanjut(actor, pegawai):
        raise PermissionDenied(
            _(
                "Tindak lanjut hanya dicatat oleh atasan langsung pegawai, pengelola kinerja "
                "unitnya, atau Admin Instansi."
            )
        )
    form = TindakLanjutForm(
        request.POST,
        evaluasi=_evaluasi_choices(actor, pegawai),
        today=local_today(actor),
        auto_id="tl-%s",
    )
    if form.is_valid():
        try:
            tl_services.tindak_lanjut_add(
                actor=actor,
                pegawai_id=pegawai.pk,
                jenis=form.cleaned_data["jenis"],
                tanggal=form.cleaned_data["tanggal"],
                uraian=form.cleaned_data["uraian"],
                evaluasi_id=form.cleaned_data["evaluasi"],
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            ok = _("Tindak lanjut untuk %(nama)s dicatat.") % {"nama": pegawai.nama}
            if is_htmx(request):
                return _tindak_lanjut_page(request, actor, pegawai, notice=ok)
            messages.success(request, ok)
            return redirect("appraisal:tindak-lanjut-list", pegawai_id=pegawai.pk)
    return _tindak_lanjut_page(request, actor, pegawai, form=form)


@require_POST
@login_required
def tindak_lanjut_delete(request: ActorRequest, pk: int) -> HttpResponse:
    # access_tindak_lanjut's own first step: the gate, here so `actor` is typed as gated.
    actor = require_instansi(request.actor)
    row = access_tindak_lanjut(actor=actor, id=pk)
    tl_services.tindak_lanjut_delete(actor=actor, id=row.pk)
    ok = _("Catatan tindak lanjut %(j)s tanggal %(t)s dihapus.") % {
        "j": row.get_jenis_display().lower(),
        "t": row.tanggal.strftime("%d-%m-%Y"),
    }
    if is_htmx(request):
        return _tindak_lanjut_page(request, actor, row.pegawai, notice=ok)
    messages.success(request, ok)
    return redirect(reverse("appraisal:tindak-lanjut-list", args=[row.pegawai_id]))
