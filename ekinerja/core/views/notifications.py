"""The user's notifications: the list, opening one, marking all read, the email setting.

Every page shows only the logged-in user's own notifications (core.notify does the
scoping); opening one redirects only to a path on this site.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import notify
from ..access import require_instansi
from ..forms.notifications import NotificationSettingsForm
from ..htmx import is_htmx
from ..http import ActorRequest
from ..models import User
from .common import reader_zone


@require_GET
@login_required
def notification_list(request: ActorRequest) -> HttpResponse:
    notifications = notify.notification_list(actor=request.actor)
    page = Paginator(notifications, notify.PAGE_SIZE).get_page(request.GET.get("page"))
    tz, tz_label = reader_zone(request)
    context = {
        "page": page,
        "tz_name": tz.key,
        "tz_label": tz_label,
        "unread": notify.unread_count(user=request.user) if not is_htmx(request) else 0,
    }
    template = (
        "core/partials/_notification_results.html"
        if is_htmx(request)
        else "core/notification_list.html"
    )
    return render(request, template, context)


@require_GET
@never_cache
def notification_badge(request: HttpRequest) -> HttpResponse:
    """The navbar's unread count, loaded by htmx after the page, so that no page pays a
    query for it. Without a session it answers 204 (nothing to swap), not a redirect
    that would put the login page inside the navbar."""
    user = request.user
    if not user.is_authenticated:
        return HttpResponse(status=204)
    assert isinstance(user, User)  # authenticated: the project's user model
    return render(
        request,
        "core/partials/_notification_badge.html",
        {"unread": notify.unread_count(user=user), "cap": notify.BADGE_CAP},
    )


@require_GET
@login_required
def notification_open(request: ActorRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go where it points, if that is on this site."""
    found = notify.notification_open(actor=request.actor, id=pk)
    if found.url and notify.is_local_url(found.url):
        return redirect(found.url)
    return redirect(reverse("core:notification-list"))


@require_POST
@login_required
def notification_read_all(request: ActorRequest) -> HttpResponse:
    n = notify.notifications_mark_all_read(actor=request.actor)
    if n:
        messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect(reverse("core:notification-list"))


@require_http_methods(["GET", "POST"])
@login_required
def notification_settings(request: ActorRequest) -> HttpResponse:
    actor = require_instansi(request.actor)  # members of an instansi, like the list
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST)
        if form.is_valid():
            on = form.cleaned_data["email_notifications"]
            notify.notification_settings_update(actor=actor, email_notifications=on)
            messages.success(
                request,
                _("Notifikasi email diaktifkan.") if on else _("Notifikasi email dimatikan."),
            )
            return redirect(reverse("core:notification-settings"))
    else:
        form = NotificationSettingsForm(
            initial={"email_notifications": request.user.email_notifications}
        )
    return render(
        request,
        "core/notification_settings.html",
        {"form": form, "address": notify.email_address(request.user)},
    )
