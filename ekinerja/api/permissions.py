"""Who may call the API at all: a logged-in member of an instansi (core.roles)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from ekinerja.core.access import require_instansi
from ekinerja.core.roles import actor_for_user


class IsInstansiMember(BasePermission):
    """Anonymous: 401. Logged in without an instansi (the platform admin): 403 with the
    reason. Otherwise the view gets `actor`, the tenant every call is scoped by."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        # Raises Django's PermissionDenied with a message; exceptions.py makes it a 403.
        view.actor = require_instansi(actor_for_user(request.user))
        return True
