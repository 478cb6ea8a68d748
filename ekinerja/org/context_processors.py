from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .access import org_scope, require_pegawai_list


def nav(request: HttpRequest) -> dict:
    """Lazily (only when a template asks): may this user open the staff list? Keeps
    staff without a team from seeing a menu entry that leads to a 403. Has anyone this
    user as direct supervisor? Only then the penilai's menus (rating, verification).
    Both come from the actor's scope (org_scope: computed once per request, with the
    subordinates in the same query)."""

    def can_list_pegawai() -> bool:
        actor = getattr(request, "actor", None)
        if actor is None or not actor.instansi_id:
            return False
        try:
            require_pegawai_list(actor)
        except PermissionDenied:
            return False
        return True

    def has_subordinates() -> bool:
        actor = getattr(request, "actor", None)
        if actor is None or not actor.instansi_id:
            return False
        return org_scope(actor).has_subordinates

    return {"nav_can_list_pegawai": can_list_pegawai, "nav_has_subordinates": has_subordinates}
