"""The penilai's pages (issue 5 items 2 and 4): the list where a penilai rates a whole
unit with the unit's distribution panel beside it, the live preview of a rating not
saved yet, the inline save of one row, and the full rating form of one evaluation.

HTMX swaps the row and, out of band, the unit's panel (`#kurva-slot-<unit>`, which holds
`#kurva-panel-<unit>`); without JavaScript every form works with POST-redirect-GET."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core.access import require_instansi
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.core.ids import parse_id
from ekinerja.core.roles import MemberActor
from ekinerja.org.access import org_scope

from ..access import PENILAI, access_evaluasi, access_periode_penilaian, evaluasi_role
from ..domain import ratings
from ..forms.penilaian import PenilaianForm, RatingForm
from ..models import Evaluasi, PeriodePenilaian
from ..selectors.evaluasi import evaluasi_content
from ..selectors.kurva import curve_status
from ..selectors.penilaian import (
    Halaman,
    Saringan,
    curve_preview,
    has_realisasi,
    penilaian_list,
    penilaian_progress,
    penilaian_row,
)
from ..services.penilaian import NOT_PENILAI, edit_block_reason, evaluasi_rate
from .evaluasi import decorate_content  # the evaluation partials' extras (helper A1)

GET_POST = require_http_methods(["GET", "POST"])


def _penilai_evaluasi(actor: MemberActor, pk: int) -> Evaluasi:
    """An evaluation the actor rates: another agency's is a 404, anyone else's a 403."""
    evaluasi = access_evaluasi(actor=actor, id=pk, for_write=True)
    if evaluasi_role(actor, evaluasi) != PENILAI:
        raise PermissionDenied(NOT_PENILAI)
    return evaluasi


def list_url(periode_id: int, evaluasi_id: int | None = None) -> str:
    url = f"{reverse('appraisal:penilaian-list')}?periode={periode_id}"
    return f"{url}#penilaian-row-{evaluasi_id}" if evaluasi_id else url


def _ratings() -> list[tuple[str, str]]:
    """The list's selects use the short names ("Di Atas", "Sesuai", "Di Bawah"): the
    column heading says which rating, and the full "… Ekspektasi" would be cut off in
    a row of a phone-sized table."""
    short = {
        ratings.DI_ATAS: _("Di Atas"),
        ratings.SESUAI: _("Sesuai"),
        ratings.DI_BAWAH: _("Di Bawah"),
    }
    return [(r, str(short[r])) for r in ratings.RATINGS]


def _predikat_context(hk: str, pk: str) -> dict[str, Any]:
    predikat = ratings.MATRIX.get((hk, pk))
    return {
        "predikat": predikat,
        "predikat_label": ratings.PREDIKAT_LABELS[predikat] if predikat else "",
    }


# --- the list ---------------------------------------------------------------------------


def _periods(actor: MemberActor, chosen: PeriodePenilaian | None) -> list[PeriodePenilaian]:
    """The open periods, newest first, and the chosen one even when closed."""
    rows = list(
        PeriodePenilaian.objects.filter(
            instansi_id=actor.instansi_id, status=PeriodePenilaian.Status.DIBUKA
        ).order_by("-tanggal_mulai", "jenis")
    )
    if chosen is not None and chosen.pk not in {p.pk for p in rows}:
        rows.append(chosen)
    return rows


MAX_CARI = 60


def _int(raw: str | None) -> int | None:
    return parse_id((raw or "").strip())


def _saringan(request: ActorRequest) -> Saringan:
    """The filter of the list from the query string; `t` (seconds since the epoch) is
    the moment the order was frozen at, now on a first visit."""
    now = timezone.now()
    t = _int(request.GET.get("t"))
    moment = now
    if t is not None:
        try:
            moment = min(dt.datetime.fromtimestamp(t, tz=dt.UTC), now)
        except (OverflowError, OSError, ValueError):
            moment = now
    return Saringan(
        t=moment.replace(microsecond=0),
        belum=request.GET.get("belum") == "1",
        cari=(request.GET.get("q") or "").strip()[:MAX_CARI],
    )


@require_GET
@login_required
def penilaian_list_view(request: ActorRequest) -> HttpResponse:
    """The actor's subordinates' evaluations of a period, grouped by curve, each row
    rated in place; the default period is the newest open one. Each group shows a page
    of rows (unrated first); "Tampilkan berikutnya" appends the next page of one group
    over HTMX (`unit`, `halaman`, `setelah`), or without JavaScript shows it alone.
    Filters: `belum=1` (not yet rated only), `q` (name or NIP)."""
    actor = require_instansi(request.actor)
    periode_id = parse_id(request.GET.get("periode", ""))
    chosen = access_periode_penilaian(actor=actor, id=periode_id) if periode_id else None
    periods = _periods(actor, chosen)
    periode = chosen or (periods[0] if periods else None)
    saringan = _saringan(request)
    unit_id = _int(request.GET.get("unit"))
    halaman = (
        Halaman(
            unit_id=unit_id,
            halaman=_int(request.GET.get("halaman")) or 1,
            setelah=_int(request.GET.get("setelah")),
        )
        if unit_id
        else None
    )
    base_query = urlencode(
        {
            k: v
            for k, v in (
                ("periode", periode.pk if periode else ""),
                ("belum", "1" if saringan.belum else ""),
                ("q", saringan.cari),
                ("t", int(saringan.t.timestamp())),
            )
            if v
        }
    )
    more = (
        periode is not None
        and halaman is not None
        and is_htmx(request)
        and request.headers.get("HX-Target") == f"lebih-{unit_id}"
    )
    groups = (
        penilaian_list(
            actor=actor, periode=periode, saringan=saringan, halaman=halaman, only_unit=more
        )
        if periode
        else []
    )
    context: dict[str, Any] = {
        "periode": periode,
        "periods": periods,
        "groups": groups,
        "saringan": saringan,
        "base_query": base_query,
        "paged_unit": unit_id if halaman else None,
        "has_pegawai": org_scope(actor).pegawai_id is not None,
        "jumlah": sum(g.jumlah for g in groups),
        "dinilai": sum(g.dinilai for g in groups),
        "cocok": sum(g.cocok for g in groups),
        "RATINGS": _ratings(),
    }
    if more:  # the next rows of one group, appended in place of its "more" link
        context["g"] = groups[0] if groups else None
        context["tambah"] = True
        return render(request, "appraisal/partials/_penilaian_lebih.html", context)
    return render(request, "appraisal/penilaian_list.html", context)


def _back_to_list(request: ActorRequest, periode_id: int, evaluasi_id: int) -> str:
    """After a save without JavaScript: the list page the penilai came from (its filter
    and page, from the same-origin Referer) or the period's first page; at the row."""
    ref = request.headers.get("Referer", "")
    list_path = reverse("appraisal:penilaian-list")
    if ref and url_has_allowed_host_and_scheme(
        ref, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(ref)
        if parts.path == list_path and parts.query:
            return f"{list_path}?{parts.query}#penilaian-row-{evaluasi_id}"
    return list_url(periode_id, evaluasi_id)


@require_POST
@login_required
def penilaian_preview(request: ActorRequest, pk: int) -> HttpResponse:
    """The predikat the chosen ratings give and the unit's panel as if saved; no write."""
    actor = require_instansi(request.actor)
    evaluasi = _penilai_evaluasi(actor, pk)
    form = RatingForm(request.POST)
    form.is_valid()
    hk = form.cleaned_data.get("rating_hasil_kerja") or ""
    pk_ = form.cleaned_data.get("rating_perilaku") or ""
    predikat, kurva = curve_preview(evaluasi=evaluasi, rating_hasil_kerja=hk, rating_perilaku=pk_)
    changed = predikat is not None and predikat != evaluasi.predikat
    context = {
        "ev": evaluasi,
        "kurva": kurva,
        "pratinjau": changed,
        "oob": True,
        **_predikat_context(hk, pk_),
    }
    return render(request, "appraisal/partials/_penilaian_preview.html", context)


@require_POST
@login_required
def penilaian_rate(request: ActorRequest, pk: int) -> HttpResponse:
    """Save one row of the list (the ratings only: feedback and notes are kept). With
    HTMX the row comes back with the unit's panel out of band; a refusal is shown in
    the row with a 200 (htmx swaps only 2xx answers)."""
    actor = require_instansi(request.actor)
    evaluasi = _penilai_evaluasi(actor, pk)
    periode = evaluasi.periode_penilaian
    form = RatingForm(request.POST)
    form.is_valid()
    hk = form.cleaned_data.get("rating_hasil_kerja") or ""
    pk_ = form.cleaned_data.get("rating_perilaku") or ""
    if request.POST.get("tanpa_realisasi") != "1" and not has_realisasi(evaluasi):
        # Nobody rates blind by accident: warn first, save once confirmed.
        return _ask_tanpa_realisasi(request, evaluasi, periode, hk, pk_)
    error = ""
    try:
        evaluasi_rate(
            actor=actor,
            evaluasi_id=evaluasi.pk,
            rating_hasil_kerja=hk,
            rating_perilaku=pk_,
            catatan=evaluasi.catatan_penilai,
        )
    except ValidationError as e:
        error = " ".join(e.messages)
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(
                request,
                _("Penilaian %(nama)s tersimpan.") % {"nama": evaluasi.pegawai.nama_lengkap},
            )
        return redirect(_back_to_list(request, periode.pk, evaluasi.pk))
    row = penilaian_row(evaluasi_id=evaluasi.pk, periode=periode)
    if error:
        row.posted = (hk, pk_)
    dinilai, jumlah = penilaian_progress(actor=actor, periode=periode)
    context = {
        "row": row,
        "periode": periode,
        "dinilai": dinilai,
        "jumlah": jumlah,
        "error": error,
        "saved": not error,
        "kurva": curve_status(periode=periode, unit=evaluasi.unit_kurva),
        "oob": True,
        "RATINGS": _ratings(),
    }
    return render(request, "appraisal/partials/_penilaian_saved.html", context)


def tanpa_realisasi_text(nama: str) -> str:
    return _(
        "%(nama)s belum mengisi realisasi apa pun untuk periode ini, sehingga saran sistem "
        "tidak dapat dihitung. Tetap nilai?"
    ) % {"nama": nama}


def _ask_tanpa_realisasi(
    request: ActorRequest, evaluasi: Evaluasi, periode: PeriodePenilaian, hk: str, pk_: str
) -> HttpResponse:
    """The row again with the warning and a "save anyway" button (HTMX); without
    JavaScript the full form, with the ratings chosen, asks the same."""
    nama = evaluasi.pegawai.nama_lengkap
    if not is_htmx(request):
        messages.warning(request, tanpa_realisasi_text(nama))
        query = urlencode({"rating_hasil_kerja": hk, "rating_perilaku": pk_})
        return redirect(f"{reverse('appraisal:penilaian-form', args=[evaluasi.pk])}?{query}")
    row = penilaian_row(evaluasi_id=evaluasi.pk, periode=periode)
    row.posted = (hk, pk_)
    context = {
        "row": row,
        "periode": periode,
        "konfirmasi_tanpa_realisasi": tanpa_realisasi_text(nama),
        "RATINGS": _ratings(),
    }
    return render(request, "appraisal/partials/_penilaian_row.html", context)


# --- the full form ----------------------------------------------------------------------


@GET_POST
@login_required
def penilaian_form(request: ActorRequest, pk: int) -> HttpResponse:
    """Everything the penilai weighs (per RHK the realisasi, evidence and feedback; per
    BerAKHLAK value the guides, the expectation and the feedback) and the rating."""
    actor = require_instansi(request.actor)
    evaluasi = _penilai_evaluasi(actor, pk)
    content = decorate_content(evaluasi_content(evaluasi))
    blocked = edit_block_reason(evaluasi, content.aturan)
    form = PenilaianForm(request.POST or None, content=content)
    if request.method == "GET":
        # From a row saved without JavaScript: the ratings chosen there.
        for name in ("rating_hasil_kerja", "rating_perilaku"):
            chosen = request.GET.get(name, "")
            if chosen in ratings.RATINGS and not form.fields[name].disabled:
                form.initial[name] = chosen
    status = 200
    if request.method == "POST" and not blocked and form.is_valid():
        try:
            evaluasi_rate(actor=actor, evaluasi_id=evaluasi.pk, **form.service_kwargs())
        except ValidationError as e:
            form.attach(e)
        except PermissionDenied as e:  # the penilai changed meanwhile
            form.add_error(None, str(e))
            status = 403
        else:
            messages.success(
                request,
                _("Penilaian %(nama)s tersimpan.") % {"nama": evaluasi.pegawai.nama_lengkap},
            )
            return redirect(list_url(evaluasi.periode_penilaian_id, evaluasi.pk))
    elif request.method == "POST" and blocked:
        form.add_error(None, blocked)
    if form.is_bound and hasattr(form, "cleaned_data"):
        hk = form.cleaned_data.get("rating_hasil_kerja") or ""
        pk_ = form.cleaned_data.get("rating_perilaku") or ""
    else:
        hk = form.initial.get("rating_hasil_kerja") or ""
        pk_ = form.initial.get("rating_perilaku") or ""
    context = {
        "ev": evaluasi,
        "c": content,
        "form": form,
        "blocked": blocked,
        "not_blocked": not blocked,
        "kurva": curve_status(periode=evaluasi.periode_penilaian, unit=evaluasi.unit_kurva),
        "snapshot": evaluasi.snapshot or {},
        "back": list_url(evaluasi.periode_penilaian_id),
        "tanpa_realisasi": content.realisasi_filled == 0 and not blocked,
        **_predikat_context(hk, pk_),
    }
    return render(request, "appraisal/penilaian_form.html", context, status=status)
