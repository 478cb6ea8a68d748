"""The SKP pages (issue 3): SKP saya and creating one, the SKP page with its inline
editors and workflow, the penilai's queue, and the performance years.

Every view: parse → access (plans.access) → service/selector → render the full page, or
the partial when the request comes from HTMX. Writes are POST-redirect-GET; a service's
ValidationError or PermissionDenied is shown on the form and nothing is written.
"""

from .content import (
    ekspektasi_update,
    iki_create,
    iki_delete,
    iki_update,
    lampiran_update,
    rhk_create,
    rhk_delete,
    rhk_update,
)
from .periode import periode_create, periode_list, periode_update
from .queue import skp_queue
from .skp import (
    skp_approve,
    skp_create,
    skp_detail,
    skp_mine,
    skp_return,
    skp_revise,
    skp_submit,
)

__all__ = [
    "ekspektasi_update",
    "iki_create",
    "iki_delete",
    "iki_update",
    "lampiran_update",
    "periode_create",
    "periode_list",
    "periode_update",
    "rhk_create",
    "rhk_delete",
    "rhk_update",
    "skp_approve",
    "skp_create",
    "skp_detail",
    "skp_mine",
    "skp_queue",
    "skp_return",
    "skp_revise",
    "skp_submit",
]
