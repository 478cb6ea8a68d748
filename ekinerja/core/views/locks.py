"""Kunci masuk: who is slowed down by the login throttle now, and lifting it.

The Admin Instansi sees and lifts the locks of their agency's accounts (and sees the
addresses that failed on them); the platform admin sees every lock and also lifts
locks on addresses (an address's failures cross agencies)."""

from __future__ import annotations

from ipaddress import ip_address

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import audit, ratelimit
from ..http import ActorRequest
from ..models import User
from ..roles import Actor
from .common import reader_zone


def _require_lock_admin(actor: Actor | None) -> Actor:
    if actor is None:
        raise PermissionDenied(_("Silakan masuk terlebih dahulu."))
    if actor.is_platform_admin and actor.instansi_id is None:
        return actor
    if actor.instansi_id is None or not actor.is_admin:
        raise PermissionDenied(
            _("Kunci masuk hanya dapat dilihat dan dibuka oleh Admin Instansi dan admin platform.")
        )
    return actor


def _agency_usernames(actor: Actor):
    """Lower-cased user names of the actor's agency, or None for the platform admin."""
    if actor.instansi_id is None:
        return None
    return (
        User.objects.filter(instansi_id=actor.instansi_id)
        .annotate(lname=Lower("username"))
        .values("lname")
    )


@require_GET
@never_cache
@login_required
def lock_list(request: ActorRequest) -> HttpResponse:
    actor = _require_lock_admin(request.actor)
    usernames = _agency_usernames(actor)
    locks = ratelimit.account_locks(usernames=usernames)
    users = {
        u.lname: u
        for u in User.objects.annotate(lname=Lower("username"))
        .filter(lname__in={lock.username for lock in locks})
        .select_related("instansi")
    }
    if actor.instansi_id is not None:
        users = {k: u for k, u in users.items() if u.instansi_id == actor.instansi_id}
    tz, tz_label = reader_zone(request)
    context = {
        "rows": [(lock, users.get(lock.username)) for lock in locks],
        "addresses": ratelimit.address_locks(usernames=usernames),
        "platform": actor.instansi_id is None,
        "tz_name": tz.key,
        "tz_label": tz_label,
    }
    return render(request, "core/lock_list.html", context)


@require_POST
@login_required
def lock_lift(request: ActorRequest) -> HttpResponse:
    actor = _require_lock_admin(request.actor)
    ip_raw = request.POST.get("ip", "").strip()
    username = request.POST.get("username", "").strip()[:254]
    if ip_raw:
        if actor.instansi_id is not None:
            raise PermissionDenied(
                _("Kunci pada alamat jaringan hanya dibuka oleh admin platform.")
            )
        try:
            ip = str(ip_address(ip_raw))
        except ValueError:
            raise Http404(_("Data tidak ditemukan.")) from None
        n = ratelimit.lift_address(ip)
        audit.record(
            actor=actor.user,
            action="auth.lock_lift",
            object_repr=ip,
            changes={"alamat": ip, "gagal_dihapus": n},
            ip=ratelimit.client_ip(request),
        )
        messages.success(request, _("Kunci untuk alamat %(ip)s dibuka.") % {"ip": ip})
        return redirect("core:lock-list")
    if not username:
        raise Http404(_("Data tidak ditemukan."))
    target = User.objects.filter(username__iexact=username).first()
    if actor.instansi_id is not None and (
        target is None or target.instansi_id != actor.instansi_id
    ):
        raise Http404(_("Data tidak ditemukan."))
    n = ratelimit.lift_account(username)
    audit.record(
        actor=actor.user,
        action="auth.lock_lift",
        obj=target,
        object_repr=username if target is None else "",
        instansi_id=target.instansi_id if target else None,
        changes={"gagal_dihapus": n},
        ip=ratelimit.client_ip(request),
    )
    name = (target.get_full_name() or target.get_username()) if target else username
    messages.success(request, _("Kunci masuk untuk %(nama)s dibuka.") % {"nama": name})
    return redirect("core:lock-list")
