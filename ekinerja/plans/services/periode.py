"""Writes for the performance years (PeriodeKinerja) of an instansi: creating one and
changing it, by the Admin Instansi (rules §4). Each: authorise → load and lock → check →
save → audit (CONVENTIONS.md)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.access import MemberActor
from ekinerja.org.access import require_admin

from .. import domain
from ..models import SKP, PeriodeKinerja
from .common import not_found, raise_errors


@transaction.atomic
def periode_create(
    *,
    actor: MemberActor,
    tahun: int,
    periodik: str = domain.PERIODIK_DEFAULT,
    perencanaan_mulai: dt.date | None = None,
    perencanaan_selesai: dt.date | None = None,
) -> PeriodeKinerja:
    """A performance year of the actor's instansi (Admin Instansi; rules §4)."""
    require_admin(actor)
    errors: dict[str, str] = {}
    if not 2000 <= int(tahun) <= 2100:
        errors["tahun"] = _("Tahun harus antara 2000 dan 2100.")
    if periodik not in domain.PERIODIK:
        errors["periodik"] = _("Penilaian periodik harus bulanan atau triwulanan.")
    if perencanaan_mulai and perencanaan_selesai and perencanaan_mulai > perencanaan_selesai:
        errors["perencanaan_selesai"] = _(
            "Tanggal penutupan perencanaan tidak boleh sebelum tanggal pembukaannya."
        )
    raise_errors(errors)
    if PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id, tahun=tahun).exists():
        raise ValidationError({"tahun": [_("Periode tahun %(t)s sudah ada.") % {"t": tahun}]})
    periode = PeriodeKinerja.objects.create(
        instansi_id=actor.instansi_id,
        tahun=tahun,
        periodik=periodik,
        perencanaan_mulai=perencanaan_mulai,
        perencanaan_selesai=perencanaan_selesai,
    )
    audit.record(
        actor=actor.user,
        action="periode.create",
        obj=periode,
        changes=audit.snapshot(
            periode, ["tahun", "periodik", "perencanaan_mulai", "perencanaan_selesai"]
        ),
    )
    return periode


PERIODE_FIELDS = ["tahun", "periodik", "perencanaan_mulai", "perencanaan_selesai"]


@transaction.atomic
def periode_update(
    *,
    actor: MemberActor,
    periode_id: int,
    tahun: int,
    periodik: str,
    perencanaan_mulai: dt.date | None = None,
    perencanaan_selesai: dt.date | None = None,
) -> PeriodeKinerja:
    """Change a performance year of the actor's instansi (Admin Instansi; rules §4). The
    year itself changes only while no SKP uses the periode, since every SKP's dates lie
    within its year."""
    require_admin(actor)
    periode = (
        PeriodeKinerja.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=periode_id)
        .first()
    )
    if periode is None:
        raise not_found()
    errors: dict[str, str] = {}
    if not 2000 <= int(tahun) <= 2100:
        errors["tahun"] = _("Tahun harus antara 2000 dan 2100.")
    elif int(tahun) != periode.tahun:
        if SKP.objects.filter(instansi_id=actor.instansi_id, periode=periode).exists():
            errors["tahun"] = _(
                "Tahun tidak dapat diubah karena sudah ada SKP pada periode %(t)s."
            ) % {"t": periode.tahun}
        elif (
            PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id, tahun=tahun)
            .exclude(pk=periode.pk)
            .exists()
        ):
            errors["tahun"] = _("Periode tahun %(t)s sudah ada.") % {"t": tahun}
    if periodik not in domain.PERIODIK:
        errors["periodik"] = _("Penilaian periodik harus bulanan atau triwulanan.")
    if perencanaan_mulai and perencanaan_selesai and perencanaan_mulai > perencanaan_selesai:
        errors["perencanaan_selesai"] = _(
            "Tanggal penutupan perencanaan tidak boleh sebelum tanggal pembukaannya."
        )
    raise_errors(errors)
    before = audit.snapshot(periode, PERIODE_FIELDS)
    periode.tahun = int(tahun)
    periode.periodik = periodik
    periode.perencanaan_mulai = perencanaan_mulai
    periode.perencanaan_selesai = perencanaan_selesai
    periode.save(update_fields=PERIODE_FIELDS)
    audit.record(
        actor=actor.user,
        action="periode.update",
        obj=periode,
        changes=audit.diff(before, audit.snapshot(periode, PERIODE_FIELDS)),
    )
    return periode
