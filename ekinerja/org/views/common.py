"""What the organisation pages share: GET-or-POST, a page of a list with its elided
page range, the unit choices of a form, and the (bounded) unit choices of a list
filter."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.views.decorators.http import require_http_methods

from ekinerja.core.ids import parse_id

from .. import selectors

GET_POST = require_http_methods(["GET", "POST"])


def paginate(request: HttpRequest, qs: Any) -> Any:
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    # The pager templates read page.elided; Page has no such field to type.
    page.elided = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def unit_choices(actor: Any, paths: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    return selectors.unit_choices(instansi_id=actor.instansi_id, paths=paths)


FILTER_UNITS_MAX = 300  # options in a list filter's unit <select>


def filter_units(request: HttpRequest, actor: Any, paths: tuple[str, ...] = ()) -> list:
    """Units for a list filter: the top levels only, plus the unit asked for in the URL."""
    chosen = request.GET.get("unit", "")
    return selectors.unit_choices(
        instansi_id=actor.instansi_id,
        paths=paths,
        limit=FILTER_UNITS_MAX,
        include=[i] if (i := parse_id(chosen)) else [],
    )
