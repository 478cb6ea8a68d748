"""Pages of continuous feedback and coaching notes (issue 4 item 5).

- umpan-balik-list: the actor's threads (received as the pegawai, given as a
  supervisor), newest activity first; with ?pegawai=<id>, every thread about a person
  the actor may read (access_pegawai_log). A supervisor picks a subordinate there to
  start one.
- umpan-balik-create: ?pegawai=<id>[&rhk=<id>|&nilai=<1..7>] prefills the form; without
  a pegawai, the supervisor's picker.
- umpan-balik-detail: the thread as a chat with its reply form; umpan-balik-reply (POST)
  appends the reply by HTMX, or redirects back without it.
- bimbingan-list: one's own coaching notes, the notes one wrote (?arah=ditulis), or a
  readable person's (?pegawai=<id>); bimbingan-create/-update, bimbingan-delete (POST).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.clock import local_today, zone_of
from ekinerja.core.formtools import add_service_errors
from ekinerja.core.htmx import is_htmx
from ekinerja.core.http import ActorRequest
from ekinerja.org.models import Pegawai

from ..access import access_bimbingan, access_pegawai_log, access_umpan_balik, is_supervisor_of, me
from ..forms.umpan_balik import BalasanForm, BimbinganForm, UmpanBalikForm
from ..models import BimbinganKinerja, UmpanBalik
from ..selectors import umpan_balik as sel
from ..selectors.aktivitas import rhk_choices
from ..services import umpan_balik as services

GET_POST = require_http_methods(["GET", "POST"])

ARAH_DITULIS = "ditulis"


def _int(value: str | None) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if n > 0 else None


def _paged(request: ActorRequest, qs: Any) -> Any:
    page = Paginator(qs, sel.PAGE_SIZE).get_page(request.GET.get("page"))
    # The pager template reads page.elided; Page has no such field to type.
    page.elided = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    )
    return page


def _no_subordinates() -> PermissionDenied:
    return PermissionDenied(
        _(
            "Anda tidak mempunyai bawahan langsung. Umpan balik dan bimbingan kinerja "
            "diberikan oleh atasan langsung pegawai."
        )
    )


def _form_error(form: Any, error: ValidationError) -> None:
    add_service_errors(form, error)


# --- feedback threads -------------------------------------------------------------------


def _decorate(threads: Any, mine: int | None) -> None:
    """What a thread row shows: its topic, who the other person is, which side the
    viewer is on."""
    for t in threads:
        t.topik_text = services.topik_label(t)
        t.diterima = t.pegawai_id == mine
        t.lawan = t.penulis if t.diterima else t.pegawai


@require_GET
@login_required
def umpan_balik_list(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    mine = me(actor)
    pegawai_id = _int(request.GET.get("pegawai"))
    subject: Pegawai | None = None
    arah = request.GET.get("arah", sel.ARAH_SEMUA)
    arah = arah if arah in sel.ARAH else sel.ARAH_SEMUA
    if pegawai_id and pegawai_id != mine:
        subject = access_pegawai_log(actor=actor, id=pegawai_id)
        qs = sel.threads_of_pegawai(pegawai=subject)
    else:
        qs = sel.thread_list(instansi_id=actor.instansi_id, pegawai_id=mine, arah=arah)
    page = _paged(request, qs)
    _decorate(page.object_list, mine)
    context = {
        "page": page,
        "subject": subject,
        "arah": arah,
        "mine": mine,
        "base_url": reverse("execution:umpan-balik-list"),
        "tz_name": zone_of(actor).key,
    }
    if is_htmx(request):
        return render(request, "execution/partials/_umpan_balik_results.html", context)
    context["bawahan"] = (
        sel.subordinates(instansi_id=actor.instansi_id, pegawai_id=mine) if subject is None else []
    )
    context["can_give"] = subject is not None and services.can_coach(actor, subject)
    context["arah_tabs"] = [
        (sel.ARAH_SEMUA, _("Semua")),
        (sel.ARAH_DITERIMA, _("Untuk saya")),
        (sel.ARAH_DIBERIKAN, _("Saya berikan")),
    ]
    return render(request, "execution/umpan_balik_list.html", context)


def _picker(
    request: ActorRequest, actor: MemberActor, template: str, title: str, action: str
) -> HttpResponse:
    """Without ?pegawai=: choose one of one's direct subordinates first."""
    bawahan = sel.subordinates(instansi_id=actor.instansi_id, pegawai_id=me(actor))
    if not bawahan:
        raise _no_subordinates()
    return render(
        request, template, {"pick": True, "bawahan": bawahan, "title": title, "action": action}
    )


def _initial_topik(request: ActorRequest, rhk_list: list) -> dict[str, Any]:
    rhk_id, nilai = _int(request.GET.get("rhk")), _int(request.GET.get("nilai"))
    topik = request.GET.get("topik", "")
    if topik not in UmpanBalik.Topik.values:
        if rhk_id:
            topik = UmpanBalik.Topik.RHK
        elif nilai:
            topik = UmpanBalik.Topik.PERILAKU
        else:
            topik = UmpanBalik.Topik.RHK if rhk_list else UmpanBalik.Topik.UMUM
    return {"topik": topik, "rhk": rhk_id, "nilai_berakhlak": nilai}


@GET_POST
@login_required
def umpan_balik_create(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    pegawai_id = _int(request.POST.get("pegawai") or request.GET.get("pegawai"))
    title = _("Beri umpan balik")
    if pegawai_id is None:
        return _picker(
            request,
            actor,
            "execution/umpan_balik_create.html",
            title,
            reverse("execution:umpan-balik-create"),
        )
    pegawai = services.require_coach(actor, pegawai_id)
    rhk_list = rhk_choices(pegawai=pegawai)
    form = UmpanBalikForm(
        request.POST or None, rhk_choices=rhk_list, initial=_initial_topik(request, rhk_list)
    )
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.umpan_balik_create(
                actor=actor, pegawai_id=pegawai.pk, **form.service_kwargs()
            )
        except ValidationError as e:
            _form_error(form, e)
        else:
            messages.success(
                request, _("Umpan balik terkirim kepada %(nama)s.") % {"nama": pegawai.nama}
            )
            return redirect("execution:umpan-balik-detail", pk=thread.pk)
    return render(
        request,
        "execution/umpan_balik_create.html",
        {"form": form, "pegawai": pegawai, "title": title, "no_rhk": not rhk_list},
    )


def _can_reply(actor: MemberActor, thread: UmpanBalik) -> bool:
    mine = me(actor)
    return mine is not None and (
        mine in (thread.pegawai_id, thread.penulis_id) or is_supervisor_of(actor, thread.pegawai)
    )


def _thread_context(actor: MemberActor, thread: UmpanBalik, **extra: Any) -> dict[str, Any]:
    is_pegawai = me(actor) == thread.pegawai_id
    chat = [thread, *sel.thread_replies(thread)]
    for m in chat:
        # The viewer's side of the chat on the right; the pegawai's opposite side (the
        # supervisors) is on the right for everyone else, readers included.
        m.dari_pegawai = m.penulis_id == thread.pegawai_id
        m.kanan = m.dari_pegawai == is_pegawai
    context = {
        "thread": thread,
        "chat": chat,
        "topik_text": services.topik_label(thread),
        "can_reply": _can_reply(actor, thread),
        "is_pegawai": is_pegawai,
        "form": BalasanForm(),
        "tz_name": zone_of(actor).key,
    }
    context.update(extra)
    return context


@require_GET
@login_required
def umpan_balik_detail(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    thread = access_umpan_balik(actor=actor, id=pk)
    return render(request, "execution/umpan_balik_detail.html", _thread_context(actor, thread))


@require_POST
@login_required
def umpan_balik_reply(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    thread = access_umpan_balik(actor=actor, id=pk, for_write=True)
    form = BalasanForm(request.POST)
    form.is_valid()
    try:
        reply = services.umpan_balik_reply(
            actor=actor, thread_id=thread.pk, teks=form.cleaned_data.get("teks", "")
        )
    except ValidationError as e:
        _form_error(form, e)
        if is_htmx(request):
            response = render(
                request,
                "execution/partials/_umpan_balik_reply_form.html",
                {"thread": thread, "form": form, "can_reply": True},
            )
            response["HX-Retarget"] = "#ub-reply"
            response["HX-Reswap"] = "outerHTML"
            return response
        return render(
            request, "execution/umpan_balik_detail.html", _thread_context(actor, thread, form=form)
        )
    if is_htmx(request):
        reply.kanan = True
        reply.dari_pegawai = reply.penulis_id == thread.pegawai_id
        body = render_to_string(
            "execution/partials/_umpan_balik_message.html",
            {"m": reply, "thread": thread, "tz_name": zone_of(actor).key},
            request=request,
        )
        body += render_to_string(
            "execution/partials/_umpan_balik_reply_form.html",
            {"thread": thread, "form": BalasanForm(), "can_reply": True, "oob": True},
            request=request,
        )
        return HttpResponse(body)
    messages.success(request, _("Balasan terkirim."))
    return redirect(f"{reverse('execution:umpan-balik-detail', args=[thread.pk])}#pesan-{reply.pk}")


# --- coaching notes ---------------------------------------------------------------------


@require_GET
@login_required
def bimbingan_list(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    mine = me(actor)
    pegawai_id = _int(request.GET.get("pegawai"))
    subject: Pegawai | None = None
    arah = ARAH_DITULIS if request.GET.get("arah") == ARAH_DITULIS else ""
    if pegawai_id and pegawai_id != mine:
        subject = access_pegawai_log(actor=actor, id=pegawai_id)
        qs = sel.bimbingan_list(instansi_id=actor.instansi_id, pegawai_id=subject.pk)
        arah = ""
    elif arah == ARAH_DITULIS:
        qs = sel.bimbingan_list(instansi_id=actor.instansi_id, pembimbing_id=mine or 0)
    else:
        qs = sel.bimbingan_list(instansi_id=actor.instansi_id, pegawai_id=mine or 0)
    page = _paged(request, qs)
    context = {
        "page": page,
        "subject": subject,
        "arah": arah,
        "mine": mine,
        "base_url": reverse("execution:bimbingan-list"),
    }
    if is_htmx(request):
        return render(request, "execution/partials/_bimbingan_results.html", context)
    context["bawahan"] = (
        sel.subordinates(instansi_id=actor.instansi_id, pegawai_id=mine) if subject is None else []
    )
    context["can_add"] = subject is not None and services.can_coach(actor, subject)
    return render(request, "execution/bimbingan_list.html", context)


def _bimbingan_saved(request: ActorRequest, note: BimbinganKinerja, message: str) -> HttpResponse:
    messages.success(request, message)
    url = reverse("execution:bimbingan-list")
    return redirect(f"{url}?pegawai={note.pegawai_id}#bimbingan-{note.pk}")


@GET_POST
@login_required
def bimbingan_create(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)
    pegawai_id = _int(request.POST.get("pegawai") or request.GET.get("pegawai"))
    title = _("Catat bimbingan kinerja")
    if pegawai_id is None:
        return _picker(
            request,
            actor,
            "execution/bimbingan_form.html",
            title,
            reverse("execution:bimbingan-create"),
        )
    pegawai = services.require_coach(actor, pegawai_id)
    today = local_today(actor)
    form = BimbinganForm(request.POST or None, initial={"tanggal": today}, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.bimbingan_create(
                actor=actor, pegawai_id=pegawai.pk, **form.service_kwargs()
            )
        except ValidationError as e:
            _form_error(form, e)
        else:
            return _bimbingan_saved(
                request,
                note,
                _("Catatan bimbingan untuk %(nama)s disimpan.") % {"nama": pegawai.nama},
            )
    return render(
        request,
        "execution/bimbingan_form.html",
        {"form": form, "pegawai": pegawai, "title": title, "note": None},
    )


@GET_POST
@login_required
def bimbingan_update(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    note = access_bimbingan(actor=actor, id=pk, for_write=True)
    form = BimbinganForm(
        request.POST or None,
        today=local_today(actor),
        initial={
            "tanggal": note.tanggal,
            "topik": note.topik,
            "catatan": note.catatan,
            "tindak_lanjut": note.tindak_lanjut,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            note = services.bimbingan_update(
                actor=actor, bimbingan_id=note.pk, **form.service_kwargs()
            )
        except ValidationError as e:
            _form_error(form, e)
        else:
            return _bimbingan_saved(request, note, _("Catatan bimbingan disimpan."))
    return render(
        request,
        "execution/bimbingan_form.html",
        {
            "form": form,
            "pegawai": note.pegawai,
            "title": _("Ubah catatan bimbingan"),
            "note": note,
        },
    )


@require_POST
@login_required
def bimbingan_delete(request: ActorRequest, pk: int) -> HttpResponse:
    actor = require_instansi(request.actor)
    note = access_bimbingan(actor=actor, id=pk, for_write=True)
    pegawai_id = note.pegawai_id
    services.bimbingan_delete(actor=actor, bimbingan_id=note.pk)
    if is_htmx(request):
        # The card is swapped out for nothing.
        return HttpResponse("")
    messages.success(request, _("Catatan bimbingan dihapus."))
    return redirect(f"{reverse('execution:bimbingan-list')}?pegawai={pegawai_id}")
