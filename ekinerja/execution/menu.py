"""The "Kinerja harian" menu of the navigation bar (core.menu), registered in
ExecutionConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ekinerja.core import menu
from ekinerja.core.menu import Link
from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope


def _team(actor: Actor) -> bool:
    return org_scope(actor).may_list_pegawai


def _subordinates(actor: Actor) -> bool:
    """The penilai's pages lead to the direct subordinates' work (issue 11 §7)."""
    return org_scope(actor).has_subordinates


def _admin(actor: Actor) -> bool:
    return actor.is_admin


ENTRY = menu.Entry(
    "execution",
    400,
    _("Kinerja harian"),
    "execution:aktivitas-mine",
    sections=(
        (
            Link(_("Aktivitas hari ini"), "execution:aktivitas-mine"),
            Link(_("Aktivitas minggu ini"), "execution:aktivitas-week"),
            Link(_("Rencana aksi"), "execution:rencana-list"),
            Link(_("Umpan balik"), "execution:umpan-balik-list"),
            Link(_("Bimbingan kinerja"), "execution:bimbingan-list"),
        ),
        (
            Link(_("Verifikasi aktivitas"), "execution:verifikasi-queue", _subordinates),
            Link(_("Ringkasan bulanan"), "execution:ringkasan", _team),
        ),
        (
            Link(_("Pengingat"), "execution:pengingat-list", _admin),
            Link(_("Pengaturan pelaksanaan"), "execution:pengaturan", _admin),
        ),
    ),
)


def register() -> None:
    menu.register(ENTRY)
