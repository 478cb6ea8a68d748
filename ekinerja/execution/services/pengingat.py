"""Writes of the reminders the Admin Instansi schedules (issue 4 item 6): create, change,
delete, and "send now".

A reminder is sent by the background tasks of `execution/tasks.py`: `manage.py
send_reminders` (cron or a systemd timer, every 15 minutes) queues `send_due_reminders`,
which queues `deliver_reminder` for each reminder that is due in its agency's local
time; `manage.py db_worker` runs them (docs/deploy.md, "Background worker and
reminders"). "Send now" queues the same delivery at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.access import MemberActor
from ekinerja.core.clock import local_today
from ekinerja.core.roles import Actor

from ..access import access_pengingat, require_execution_admin
from ..models import Pengingat

MAX_NAMA = 150
MAX_PESAN = 500
AUDIT_FIELDS = ("nama", "sasaran", "pesan", "hari", "jam", "aktif")


def _clean(
    *, nama: str, sasaran: str, pesan: str, hari: Any, jam: Any
) -> tuple[dict[str, Any], dict[str, str]]:
    """The cleaned values and {field: message} for what is wrong."""
    errors: dict[str, str] = {}
    nama = (nama or "").strip()
    pesan = (pesan or "").strip()
    if not nama:
        errors["nama"] = _("Beri nama pengingat ini, mis. “Catat aktivitas harian”.")
    elif len(nama) > MAX_NAMA:
        errors["nama"] = _("Nama pengingat paling banyak %(n)s karakter.") % {"n": MAX_NAMA}
    if sasaran not in Pengingat.Sasaran.values:
        errors["sasaran"] = _("Pilih kepada siapa pengingat ini dikirim.")
    if not pesan:
        errors["pesan"] = _("Tulis pesan yang akan diterima pegawai.")
    elif len(pesan) > MAX_PESAN:
        errors["pesan"] = _("Pesan paling banyak %(n)s karakter; sekarang %(m)s.") % {
            "n": MAX_PESAN,
            "m": len(pesan),
        }
    try:
        hari = int(hari)
    except (TypeError, ValueError):
        hari = -1
    if not 0 <= hari <= 31:
        errors["hari"] = _(
            "Tanggal pengiriman harus 1 sampai 31, atau 0 untuk setiap hari kerja (Senin–Jumat)."
        )
    if isinstance(jam, str):
        try:
            jam = dt.time.fromisoformat(jam)
        except ValueError:
            jam = None
    if not isinstance(jam, dt.time):
        errors["jam"] = _("Isi jam pengiriman, mis. 15.00.")
    elif jam.tzinfo is not None:
        errors["jam"] = _("Jam pengiriman adalah waktu setempat instansi, tanpa zona waktu.")
    values = {"nama": nama, "sasaran": sasaran, "pesan": pesan, "hari": hari, "jam": jam}
    return values, errors


def _audit_values(pengingat: Pengingat) -> dict[str, Any]:
    """The audited fields (the hour as "HH:MM": core.audit keeps dates, not times)."""
    values = audit.snapshot(pengingat, [f for f in AUDIT_FIELDS if f != "jam"])
    values["jam"] = pengingat.jam.strftime("%H:%M") if pengingat.jam else None
    return values


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})


@transaction.atomic
def pengingat_create(
    *,
    actor: MemberActor,
    nama: str,
    sasaran: str,
    pesan: str,
    hari: int,
    jam: dt.time,
    aktif: bool = True,
) -> Pengingat:
    """A new reminder of the actor's instansi (Admin Instansi only)."""
    actor = require_execution_admin(actor)
    values, errors = _clean(nama=nama, sasaran=sasaran, pesan=pesan, hari=hari, jam=jam)
    _raise(errors)
    pengingat = Pengingat.objects.create(instansi_id=actor.instansi_id, aktif=bool(aktif), **values)
    audit.record(
        actor=actor.user,
        action="pengingat.create",
        obj=pengingat,
        changes=_audit_values(pengingat),
    )
    return pengingat


@transaction.atomic
def pengingat_update(
    *,
    actor: Actor,
    pengingat_id: int,
    nama: str,
    sasaran: str,
    pesan: str,
    hari: int,
    jam: dt.time,
    aktif: bool,
) -> Pengingat:
    """Change a reminder. Its last-sent date is kept, so changing the hour of a reminder
    already sent today does not send it a second time today."""
    found = access_pengingat(actor=actor, id=pengingat_id)
    values, errors = _clean(nama=nama, sasaran=sasaran, pesan=pesan, hari=hari, jam=jam)
    _raise(errors)
    pengingat = Pengingat.objects.select_for_update().get(
        instansi_id=found.instansi_id, pk=found.pk
    )
    before = _audit_values(pengingat)
    for name, value in {**values, "aktif": bool(aktif)}.items():
        setattr(pengingat, name, value)
    changes = audit.diff(before, _audit_values(pengingat))
    if changes:
        pengingat.save(update_fields=[*changes, "updated_at"])
        audit.record(actor=actor.user, action="pengingat.update", obj=pengingat, changes=changes)
    return pengingat


@transaction.atomic
def pengingat_delete(*, actor: Actor, pengingat_id: int) -> None:
    found = access_pengingat(actor=actor, id=pengingat_id)
    audit.record(
        actor=actor.user,
        action="pengingat.delete",
        obj=found,
        changes=_audit_values(found),
    )
    found.delete()


@transaction.atomic
def pengingat_send(*, actor: Actor, pengingat_id: int) -> Pengingat:
    """ "Send now": queue the delivery of a reminder today, whatever its schedule and
    even while it is switched off (an announcement can be sent once this way).

    A reminder reaches its recipients at most once a day (a double click, or the
    schedule coming due later today, sends nothing more), so one already sent today is
    refused.
    """
    found = access_pengingat(actor=actor, id=pengingat_id)
    today = local_today(actor)
    if found.terakhir_dikirim == today:
        raise ValidationError(
            _(
                "Pengingat ini sudah dikirim hari ini kepada %(n)s penerima. Pengingat dikirim "
                "paling banyak sekali sehari."
            )
            % {"n": found.terakhir_jumlah}
        )
    audit.record(
        actor=actor.user,
        action="pengingat.send",
        obj=found,
        changes={"tanggal": str(today), "sasaran": found.sasaran},
    )
    pk, day = found.pk, today.isoformat()

    def enqueue() -> None:
        from ..tasks import deliver_reminder

        deliver_reminder.enqueue(pengingat_id=pk, today=day, only_active=False)

    transaction.on_commit(enqueue)
    return found
