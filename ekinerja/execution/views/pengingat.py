"""Pages of the reminders the Admin Instansi schedules (issue 4 item 6): the list with the
last delivery of each, the form (with presets), delete and "send now".

Admin Instansi only (access.require_execution_admin); another agency's reminder is a 404.
Delete and "send now" answer an HTMX request with the refreshed list, and a plain form
post with a redirect (POST-redirect-GET)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core.access import MemberActor
from ekinerja.core.clock import local_today
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.org.models import Instansi

from .. import domain
from ..access import access_pengingat, require_execution_admin
from ..forms.pengingat import PRESETS, PRESETS_BY_KEY, PengingatForm
from ..models import Pengingat
from ..selectors.pengingat import pengingat_list as select_pengingat
from ..services import pengingat as services

GET_POST = require_http_methods(["GET", "POST"])
FIELDS = ("nama", "sasaran", "pesan", "hari", "jam", "aktif")


def jadwal_text(hari: int, jam: dt.time) -> str:
    """ "Setiap hari kerja, 15.00" / "Tanggal 3 setiap bulan, 09.00" (local time)."""
    pukul = jam.strftime("%H.%M")
    if hari == domain.SETIAP_HARI_KERJA:
        return _("Setiap hari kerja (Senin–Jumat), pukul %(jam)s") % {"jam": pukul}
    if hari >= 29:
        return _("Tanggal %(n)s setiap bulan (atau hari terakhirnya), pukul %(jam)s") % {
            "n": hari,
            "jam": pukul,
        }
    return _("Tanggal %(n)s setiap bulan, pukul %(jam)s") % {"n": hari, "jam": pukul}


def zona_label(actor: MemberActor) -> str:
    instansi = actor.user.instansi
    zona = instansi.zona_waktu if instansi is not None else Instansi.ZonaWaktu.WIB
    return str(dict(Instansi.ZonaWaktu.choices).get(zona, zona))


def _error_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("Anda tidak berwenang melakukan tindakan ini.")


def _list_context(actor: MemberActor, **extra: Any) -> dict[str, Any]:
    today = local_today(actor)
    rows = list(select_pengingat(instansi_id=actor.instansi_id))
    for p in rows:
        p.jadwal = jadwal_text(p.hari, p.jam)
        p.sent_today = p.terakhir_dikirim == today
    return {"rows": rows, "zona": zona_label(actor), "today": today, **extra}


def _list_partial(request: ActorRequest, actor: MemberActor, **extra: Any) -> HttpResponse:
    return render(request, "execution/partials/_pengingat_rows.html", _list_context(actor, **extra))


@require_GET
@login_required
def pengingat_list(request: ActorRequest) -> HttpResponse:
    actor = require_execution_admin(request.actor)
    if is_htmx(request):
        return _list_partial(request, actor)
    return render(request, "execution/pengingat_list.html", _list_context(actor))


def _save(request: ActorRequest, actor: MemberActor, pengingat: Pengingat | None) -> HttpResponse:
    preset = None
    if pengingat is not None:
        initial = {f: getattr(pengingat, f) for f in FIELDS}
    else:
        preset = PRESETS_BY_KEY.get(request.GET.get("preset", ""))
        initial = preset.initial() if preset else {"aktif": True, "jam": dt.time(15, 0)}
    form = PengingatForm(request.POST or None, initial=initial, zona=zona_label(actor))
    if request.method == "POST" and form.is_valid():
        try:
            if pengingat is None:
                saved = services.pengingat_create(actor=actor, **form.cleaned_data)
                text = _("Pengingat “%(nama)s” ditambahkan.")
            else:
                saved = services.pengingat_update(
                    actor=actor, pengingat_id=pengingat.pk, **form.cleaned_data
                )
                text = _("Pengingat “%(nama)s” disimpan.")
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, text % {"nama": saved.nama})
            return redirect("execution:pengingat-list")
    context = {
        "form": form,
        "pengingat": pengingat,
        "presets": PRESETS if pengingat is None else (),
        "preset": preset,
        "zona": zona_label(actor),
    }
    return render(request, "execution/pengingat_form.html", context)


@GET_POST
@login_required
def pengingat_create(request: ActorRequest) -> HttpResponse:
    actor = require_execution_admin(request.actor)
    return _save(request, actor, None)


@GET_POST
@login_required
def pengingat_update(request: ActorRequest, pk: int) -> HttpResponse:
    pengingat = access_pengingat(actor=request.actor, id=pk)
    actor = require_execution_admin(request.actor)  # passed inside access_pengingat
    return _save(request, actor, pengingat)


def _after_action(
    request: ActorRequest, actor: MemberActor, *, ok: str | None, error: str | None
) -> HttpResponse:
    if is_htmx(request):
        return _list_partial(request, actor, notice=ok, problem=error)
    if ok:
        messages.success(request, ok)
    if error:
        messages.error(request, error)
    return redirect("execution:pengingat-list")


@require_POST
@login_required
def pengingat_delete(request: ActorRequest, pk: int) -> HttpResponse:
    pengingat = access_pengingat(actor=request.actor, id=pk)
    actor = require_execution_admin(request.actor)  # passed inside access_pengingat
    services.pengingat_delete(actor=actor, pengingat_id=pengingat.pk)
    ok = _("Pengingat “%(nama)s” dihapus.") % {"nama": pengingat.nama}
    return _after_action(request, actor, ok=ok, error=None)


@require_POST
@login_required
def pengingat_send(request: ActorRequest, pk: int) -> HttpResponse:
    pengingat = access_pengingat(actor=request.actor, id=pk)
    actor = require_execution_admin(request.actor)  # passed inside access_pengingat
    try:
        services.pengingat_send(actor=actor, pengingat_id=pengingat.pk)
    except ValidationError as e:
        return _after_action(request, actor, ok=None, error=_error_text(e))
    ok = _(
        "Pengingat “%(nama)s” sedang dikirim kepada %(sasaran)s. Jumlah penerimanya tampil "
        "di sini sesudah terkirim."
    ) % {"nama": pengingat.nama, "sasaran": pengingat.get_sasaran_display().lower()}
    return _after_action(request, actor, ok=ok, error=None)
