"""The ADMS push (issue 13 §3): devices configured to push call `/iclock/getrequest`
(a heartbeat asking for commands) and `/iclock/cdata?SN=…&table=ATTLOG` with their new
attlog lines. The device authenticates by its serial number alone, so only a serial
registered to an active device of an active instansi is served; anything else is
refused (PermissionDenied), whatever it sends. The views come later and only parse the
request and answer; everything else is here.

A push stores the ATTLOG lines as raw punches (services.presensi: the same key makes a
re-push change nothing; unknown PINs held; clock flags against the device's latest
punch) and recomputes the days of the people concerned. Other tables (OPERLOG, user
data, photos) are acknowledged and not kept. Bad lines cannot be confirmed by anyone:
good lines are stored, bad ones counted and logged.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..domain import attlog
from ..models import Mesin, Presensi
from . import harian
from .presensi import CHUNK, DeviceStream

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushResult:
    mesin: Mesin
    lines: int = 0  # lines read (good and bad)
    new: int = 0  # punches stored
    present: int = 0  # punches already stored (a re-push)
    bad: int = 0


def adms_device(serial: str) -> Mesin:
    """The registered, active device of an active instansi with this serial; anything
    else is refused."""
    serial = (serial or "").strip()
    mesin = (
        Mesin.objects.select_related("instansi")
        .filter(nomor_seri=serial, aktif=True, instansi__aktif=True)
        .first()
        if serial
        else None
    )
    if mesin is None:
        raise PermissionDenied(_("Nomor seri mesin tidak terdaftar atau mesin tidak aktif."))
    return mesin


def _seen(mesin: Mesin, now: dt.datetime) -> None:
    Mesin.objects.filter(instansi_id=mesin.instansi_id, pk=mesin.pk).update(terakhir_terlihat=now)
    mesin.terakhir_terlihat = now


@transaction.atomic
def adms_heartbeat(*, serial: str, now: dt.datetime | None = None) -> Mesin:
    """A device asking for commands (`/iclock/getrequest`): it is online now."""
    mesin = adms_device(serial)
    _seen(mesin, now or timezone.now())
    return mesin


def _latest(mesin: Mesin, now: dt.datetime) -> dt.datetime | None:
    """The device's latest stored punch that is not in the future (jump-back check)."""
    return (
        Presensi.objects.filter(
            instansi_id=mesin.instansi_id,
            mesin_id=mesin.pk,
            waktu__lte=now + attlog.DEFAULT_FUTURE_TOLERANCE,
        )
        .order_by("-waktu")
        .values_list("waktu", flat=True)
        .first()
    )


@transaction.atomic
def adms_push(*, serial: str, table: str, body: str, now: dt.datetime | None = None) -> PushResult:
    """Store what a device pushed (`/iclock/cdata`). Unknown serial: PermissionDenied."""
    now = now or timezone.now()
    mesin = adms_device(serial)
    _seen(mesin, now)
    parsed = attlog.parse_adms_push(table, body)
    if parsed is None:
        return PushResult(mesin)
    if parsed.errors:
        log.warning(
            "ADMS push from %s: %s bad line(s), first: %s",
            mesin.nomor_seri,
            len(parsed.errors),
            parsed.errors[0].raw[:120],
        )
    stream = DeviceStream(mesin, sumber=Presensi.Sumber.ADMS, now=now, latest=_latest(mesin, now))
    new = present = 0
    stored: list[tuple[int | None, dt.datetime]] = []
    punches = list(parsed.punches)
    for start in range(0, len(punches), CHUNK):
        chunk = stream.prepare(punches[start : start + CHUNK])
        stream.insert(chunk.rows)
        new += len(chunk.rows)
        present += chunk.present + chunk.repeated
        stored += [(r.pegawai_id, r.waktu) for r in chunk.rows]
    present += len(parsed.repeated)
    harian.recompute_for_punches(instansi_id=mesin.instansi_id, punches=stored, now=now)
    lines = len(parsed.punches) + len(parsed.repeated) + len(parsed.errors)
    return PushResult(mesin, lines, new, present, len(parsed.errors))
