"""Writes for performance planning (SKP), split by concern: `editing` (periods, creating
and filling an SKP) and `workflow` (submit, return, approve, revise, the bulk queue)."""

from .editing import (
    ekspektasi_set,
    iki_add,
    iki_delete,
    iki_update,
    lampiran_set,
    periode_create,
    rhk_add,
    rhk_delete,
    rhk_update,
    skp_create,
)
from .workflow import (
    skp_approve,
    skp_bulk_approve,
    skp_bulk_return,
    skp_return,
    skp_revise,
    skp_submit,
)

__all__ = [
    "ekspektasi_set",
    "iki_add",
    "iki_delete",
    "iki_update",
    "lampiran_set",
    "periode_create",
    "rhk_add",
    "rhk_delete",
    "rhk_update",
    "skp_approve",
    "skp_bulk_approve",
    "skp_bulk_return",
    "skp_create",
    "skp_return",
    "skp_revise",
    "skp_submit",
]
