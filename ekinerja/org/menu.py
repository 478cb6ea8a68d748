"""What org adds to the navigation bar (core.menu), registered in OrgConfig.ready():
the organisation pages, the import, the platform admin's agencies, "Profil saya" and
the home pages of `/`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ekinerja.core import menu
from ekinerja.core.roles import Actor

from .access import org_scope


def may_list_pegawai(actor: Actor) -> bool:
    """Staff without a team do not see a menu entry that leads to a 403."""
    return org_scope(actor).may_list_pegawai


def is_admin(actor: Actor) -> bool:
    return actor.is_admin


def has_own_record(actor: Actor) -> bool:
    return getattr(actor.user, "pegawai", None) is not None


def own_record_url(actor: Actor) -> str:
    return reverse("org:pegawai-detail", args=[actor.user.pegawai.pk])


ENTRIES = (
    menu.Entry("org-dashboard", 10, _("Beranda"), "org:dashboard"),
    menu.Entry("org-unit", 20, _("Unit kerja"), "org:unit-tree"),
    menu.Entry("org-jabatan", 30, _("Jabatan"), "org:jabatan-list"),
    menu.Entry("org-pegawai", 40, _("Pegawai"), "org:pegawai-list", visible=may_list_pegawai),
    menu.Entry("org-import", 900, _("Impor"), "org:import-start", visible=is_admin),
    menu.Entry("org-instansi", 10, _("Instansi"), "org:instansi-list", audience=menu.PLATFORM),
)


def register() -> None:
    menu.register(*ENTRIES)
    menu.register_account_link(
        "org-profile", 10, menu.Link(_("Profil saya"), own_record_url, has_own_record)
    )
    menu.register_home(menu.MEMBERS, "org:dashboard")
    menu.register_home(menu.PLATFORM, "org:instansi-list")
