from typing import Any

from django.http import HttpRequest

from . import menu as nav


def actor(request: HttpRequest) -> dict:
    return {"actor": getattr(request, "actor", None)}


def menu(request: HttpRequest) -> dict[str, Any]:
    """The navigation bar and the account links the apps registered (core.menu), for the
    request's actor; callables, so that a page without the bar computes nothing."""
    who = getattr(request, "actor", None)
    return {
        "nav_menu": lambda: nav.menu_for(who),
        "account_links": lambda: nav.account_links_for(who),
    }
