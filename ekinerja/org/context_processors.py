from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .access import require_pegawai_list


def nav(request: HttpRequest) -> dict:
    """Lazily (only when a template asks): may this user open the staff list? Keeps
    staff without a team from seeing a menu entry that leads to a 403."""

    def can_list_pegawai() -> bool:
        actor = getattr(request, "actor", None)
        if actor is None or not actor.instansi_id:
            return False
        try:
            require_pegawai_list(actor)
        except PermissionDenied:
            return False
        return True

    return {"nav_can_list_pegawai": can_list_pegawai}
