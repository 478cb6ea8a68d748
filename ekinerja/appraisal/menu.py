"""The "Penilaian" menu of the navigation bar (core.menu), registered in
AppraisalConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ekinerja.core import menu
from ekinerja.core.menu import Link
from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope


def _subordinates(actor: Actor) -> bool:
    return org_scope(actor).has_subordinates


def _unit_pages(actor: Actor) -> bool:
    return org_scope(actor).may_list_pegawai or actor.is_admin or actor.is_auditor


def _whole_instansi(actor: Actor) -> bool:
    return actor.reads_whole_instansi


def _admin(actor: Actor) -> bool:
    return actor.is_admin


def _rules_of_this_year(actor: Actor) -> str:
    return reverse("appraisal:aturan", args=[timezone.localtime().year])


ENTRY = menu.Entry(
    "appraisal",
    500,
    _("Penilaian"),
    "appraisal:evaluasi-mine",
    sections=(
        (
            Link(_("Evaluasi kinerja saya"), "appraisal:evaluasi-mine"),
            Link(_("Menilai bawahan"), "appraisal:penilaian-list", _subordinates),
            Link(_("Predikat unit dan penetapan"), "appraisal:unit-list", _unit_pages),
        ),
        (Link(_("Laporan penilaian"), "appraisal:laporan", _whole_instansi),),
        (
            Link(_("Periode penilaian"), "appraisal:periode-list", _admin),
            Link(_("Aturan penilaian"), _rules_of_this_year, _admin),
        ),
    ),
)


def register() -> None:
    menu.register(ENTRY)
