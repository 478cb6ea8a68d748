"""Writes for performance planning (SKP), split by concern: `editing` (periods, creating
and filling an SKP), `workflow` (submit, return, approve, revise, the bulk queue),
`copying` (from an earlier SKP; the split on a position change) and `templates` (SKP
templates per jabatan)."""

from .copying import skp_copy_into, skp_copy_previous, skp_split_for_position_change
from .editing import (
    ekspektasi_set,
    iki_add,
    iki_delete,
    iki_update,
    lampiran_set,
    periode_create,
    periode_update,
    rhk_add,
    rhk_delete,
    rhk_update,
    skp_create,
)
from .templates import (
    skp_apply_template,
    skp_template_create,
    skp_template_delete,
    skp_template_iki_add,
    skp_template_iki_delete,
    skp_template_iki_update,
    skp_template_rhk_add,
    skp_template_rhk_delete,
    skp_template_rhk_update,
    skp_template_update,
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
    "periode_update",
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
    # copying and position change; templates per jabatan (issue 3 item 8)
    "skp_apply_template",
    "skp_copy_into",
    "skp_copy_previous",
    "skp_split_for_position_change",
    "skp_template_create",
    "skp_template_delete",
    "skp_template_iki_add",
    "skp_template_iki_delete",
    "skp_template_iki_update",
    "skp_template_rhk_add",
    "skp_template_rhk_delete",
    "skp_template_rhk_update",
    "skp_template_update",
]
