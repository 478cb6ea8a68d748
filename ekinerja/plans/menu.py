"""The SKP menu of the navigation bar (core.menu), registered in PlansConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ekinerja.core import menu
from ekinerja.core.menu import Link
from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope


def _team(actor: Actor) -> bool:
    return org_scope(actor).may_list_pegawai


def _admin(actor: Actor) -> bool:
    return actor.is_admin


def _admin_or_auditor(actor: Actor) -> bool:
    return actor.is_admin or actor.is_auditor


ENTRY = menu.Entry(
    "plans",
    300,
    _("SKP"),
    "plans:skp-mine",
    sections=(
        (
            Link(_("SKP saya"), "plans:skp-mine"),
            Link(_("Persetujuan SKP"), "plans:skp-queue", _team),
            Link(_("Kaskade kinerja"), "plans:cascade", _team),
            Link(_("Kelengkapan SKP"), "plans:completeness", _team),
        ),
        (
            Link(_("Periode kinerja"), "plans:periode-list", _admin_or_auditor),
            Link(_("Templat SKP"), "plans:template-list", _admin),
        ),
    ),
)


def register() -> None:
    menu.register(ENTRY)
