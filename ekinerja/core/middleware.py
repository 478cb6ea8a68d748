"""Tenancy: the one place where a request gets its instansi and actor."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .roles import actor_for_user


class TenancyMiddleware:
    """Sets `request.actor` (lazy) and `request.instansi_id` from the logged-in user.

    Views never take the instansi from the URL or the form: it always comes from here,
    so a user can only ever act inside their own agency.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        request.actor = SimpleLazyObject(lambda: actor_for_user(user))  # type: ignore[attr-defined]
        request.instansi_id = getattr(user, "instansi_id", None)  # type: ignore[attr-defined]
        return self.get_response(request)
