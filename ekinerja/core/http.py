"""The request a view behind login gets, typed: `TenancyMiddleware` has set its
`actor` and `instansi_id`. Views annotate `request: ActorRequest` so that the type
checker knows both (django-stubs' HttpRequest has neither)."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User
from .roles import Actor


class ActorRequest(HttpRequest):
    """Never instantiated: Django hands views an HttpRequest that the middleware has
    given these attributes. `actor` is None only for an anonymous visitor, which
    `login_required` keeps away from the views that use this type."""

    actor: Actor
    instansi_id: int | None
    user: User
