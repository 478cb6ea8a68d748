"""The month lock (issue 13 §9): after the deadline the Admin Instansi locks a month for
the whole instansi or for one OPD; from then on no day of it changes (every service
refuses, the recompute leaves the days as they are) except through a reopen with a
reason. Both are audited; a reopened lock stays as history. The TPP reads locked months
only (selectors.harian.locked_month).

Locking first computes every day of the month for the people it covers, so that the
locked figures are complete (a day nobody punched on is a TK day, not a missing row).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.clock import local_today
from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai, UnitKerja

from ..access import require_attendance_admin
from ..models import KunciBulan
from ..selectors.kunci import locks_for, month_bounds
from . import harian


def locked_error(lock: KunciBulan) -> ValidationError:
    """The refusal of a change that would touch a locked month, naming it."""
    return ValidationError(
        _(
            "Bulan %(bulan)s sudah dikunci; perubahan yang mengenai bulan itu ditolak. "
            "Buka kunci bulan itu dulu (dengan alasan) bila memang perlu."
        )
        % {"bulan": f"{lock.bulan:02d}-{lock.tahun}"}
    )


@transaction.atomic
def kunci_create(
    *, actor: Actor, tahun: int, bulan: int, unit: UnitKerja | None = None
) -> KunciBulan:
    """Lock a month that has ended, for the instansi (unit None) or for an OPD's
    subtree: its days are computed for every active person it covers, then locked."""
    actor = require_attendance_admin(actor)
    if not 1 <= bulan <= 12 or not 2000 <= tahun <= 2100:
        raise ValidationError(_("Pilih bulan dan tahun yang sah."))
    if unit is not None and (unit.instansi_id != actor.instansi_id or not unit.is_opd):
        raise ValidationError(
            {"unit": [_("Pilih OPD instansi Anda, atau kunci seluruh instansi.")]}
        )
    first, last = month_bounds(tahun, bulan)
    if last >= local_today(actor):
        raise ValidationError(_("Bulan ini belum berakhir, sehingga belum dapat dikunci."))
    scope_id = unit.pk if unit is not None else None
    in_force = locks_for(actor.instansi_id, first, last).rows
    if any(row.unit_id is None or row.unit_id == scope_id for row in in_force):
        raise ValidationError(_("Bulan ini sudah dikunci."))
    people = Pegawai.objects.filter(instansi_id=actor.instansi_id, aktif=True)
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    result = harian.status_recompute(
        instansi_id=actor.instansi_id,
        pegawai_ids=list(people.values_list("pk", flat=True)),
        first=first,
        last=last,
    )
    try:
        with transaction.atomic():
            lock = KunciBulan.objects.create(
                instansi_id=actor.instansi_id,
                tahun=tahun,
                bulan=bulan,
                unit=unit,
                dikunci_oleh=actor.user,
                dikunci_pada=timezone.now(),
            )
    except IntegrityError:  # another admin locked it meanwhile
        raise ValidationError(_("Bulan ini sudah dikunci.")) from None
    audit.record(
        actor=actor.user,
        action="kunci_bulan.create",
        obj=lock,
        changes={
            "tahun": tahun,
            "bulan": bulan,
            "unit": audit.ref(unit),
            "jumlah": result.computed,
        },
    )
    return lock


@transaction.atomic
def kunci_reopen(*, actor: Actor, kunci: KunciBulan, alasan: str) -> KunciBulan:
    """Reopen a locked month with a reason (audited); the lock stays as history and the
    month can change again, then be locked anew."""
    actor = require_attendance_admin(actor)
    alasan = (alasan or "").strip()
    if len(alasan) < 10:
        raise ValidationError(
            {"alasan": [_("Tulis alasan membuka kunci (paling sedikit 10 huruf).")]}
        )
    lock = KunciBulan.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=kunci.pk)
    if lock.dibuka_pada is not None:
        raise ValidationError(_("Kunci bulan ini sudah dibuka."))
    lock.dibuka_oleh, lock.dibuka_pada, lock.alasan_buka = actor.user, timezone.now(), alasan
    lock.save(update_fields=["dibuka_oleh", "dibuka_pada", "alasan_buka"])
    audit.record(
        actor=actor.user,
        action="kunci_bulan.reopen",
        obj=lock,
        changes={"tahun": lock.tahun, "bulan": lock.bulan, "alasan": alasan},
    )
    return lock
