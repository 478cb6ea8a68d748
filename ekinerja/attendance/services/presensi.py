"""Storing a device's raw punches (issue 13 §3), shared by the file import and the ADMS
push: the device's wall-clock read in its registered zone, the PIN resolved to a person
(the PIN table first, else a NIP; neither: held with no person, never dropped), the
device clock checked (domain.attlog.clock_anomalies: future, before registration,
jumping back; flagged, not refused), and the rows inserted so that a record already
stored changes nothing (the unique key (mesin, pin, waktu): known keys are skipped and
a conflict from a concurrent push is ignored).

A stream works chunk by chunk (a few thousand lines: one query for the keys already
stored, two for the PINs not seen yet, one insert), carrying the clock state from one
chunk to the next, so a file of a million lines runs in bounded memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ekinerja.org.models import Pegawai

from ..domain import attlog
from ..models import Mesin, PinPegawai, Presensi

CHUNK = 5000


def resolve_pins(instansi_id: int, pins: Collection[str]) -> dict[str, int]:
    """{pin: pegawai id} for the PINs that name someone of the instansi: the PIN table
    first, else the NIP (the default rule). Two queries at most."""
    wanted = list(set(pins))
    out = dict(
        PinPegawai.objects.filter(instansi_id=instansi_id, pin__in=wanted).values_list(
            "pin", "pegawai_id"
        )
    )
    rest = [p for p in wanted if p not in out]
    if rest:
        nips = Pegawai.objects.filter(instansi_id=instansi_id, nip__in=rest)
        out.update((nip, pk) for nip, pk in nips.values_list("nip", "pk") if nip)
    return out


@dataclass(frozen=True)
class NewPunch:
    """A punch not stored yet: the device record, its instant, its person (None: held)
    and its clock flags."""

    punch: attlog.DevicePunch
    waktu: dt.datetime
    pegawai_id: int | None
    tanda: tuple[str, ...]

    @property
    def ditandai(self) -> bool:
        return bool(self.tanda)


@dataclass
class Chunk:
    """What a chunk of device lines would store: the new punches, how many were
    already stored or repeated inside the chunk, the new ones without a person, and the
    clock flags found."""

    rows: list[NewPunch] = field(default_factory=list)
    present: int = 0
    repeated: int = 0
    unknown: int = 0
    flags: list[attlog.ClockFlag] = field(default_factory=list)
    unknown_pins: set[str] = field(default_factory=set)


class DeviceStream:
    """The punches of one device, in the order it recorded them, chunk by chunk."""

    def __init__(
        self,
        mesin: Mesin,
        *,
        sumber: str,
        now: dt.datetime,
        latest: dt.datetime | None = None,
        impor_id: int | None = None,
    ) -> None:
        self.mesin = mesin
        self.tz = ZoneInfo(mesin.zona_waktu)
        self.sumber = sumber
        self.now = now
        self.latest = latest  # the latest punch seen that was not in the future
        self.impor_id = impor_id
        self._pins: dict[str, int | None] = {}

    def _flags(self, chunk: Sequence[attlog.DevicePunch]) -> list[attlog.ClockFlag]:
        """Clock flags by punch (id()), the clock state carried from the chunks before
        through a stand-in punch at the latest instant, whose own flags are dropped."""
        lead: list[attlog.DevicePunch] = []
        if self.latest is not None:
            naive = self.latest.astimezone(self.tz).replace(tzinfo=None)
            lead = [attlog.DevicePunch("", naive)]
        found = attlog.clock_anomalies(
            [*lead, *chunk],
            tz=self.tz,
            now=self.now,
            registered_at=self.mesin.terdaftar_pada,
        )
        stand_in = id(lead[0]) if lead else None
        limit = self.now + attlog.DEFAULT_FUTURE_TOLERANCE
        for p in chunk:
            at = p.at(self.tz)
            if at <= limit and (self.latest is None or at > self.latest):
                self.latest = at
        return [f for f in found if id(f.punch) != stand_in]

    def _resolve(self, pins: Collection[str]) -> None:
        missing = [p for p in set(pins) if p not in self._pins]
        if missing:
            found = resolve_pins(self.mesin.instansi_id, missing)
            self._pins.update({p: found.get(p) for p in missing})

    def prepare(self, chunk: Sequence[attlog.DevicePunch]) -> Chunk:
        """The rows `chunk` would add (nothing is written)."""
        out = Chunk()
        if not chunk:
            return out
        found = self._flags(chunk)
        firsts: dict[tuple[str, dt.datetime], attlog.DevicePunch] = {}
        for p in chunk:
            key = (p.pin, p.at(self.tz))
            if key in firsts:
                out.repeated += 1
            else:
                firsts[key] = p
        instants = [at for _pin, at in firsts]
        stored = set(
            Presensi.objects.filter(
                instansi_id=self.mesin.instansi_id,
                mesin_id=self.mesin.pk,
                pin__in=list({pin for pin, _at in firsts}),
                waktu__range=(min(instants), max(instants)),
            ).values_list("pin", "waktu")
        )
        new = [(key, p) for key, p in firsts.items() if key not in stored]
        out.present = len(firsts) - len(new)
        new_ids = {id(p) for _key, p in new}
        out.flags = [f for f in found if id(f.punch) in new_ids]
        flags: dict[int, set[str]] = {}
        for f in out.flags:
            flags.setdefault(id(f.punch), set()).add(f.kind)
        self._resolve([p.pin for _key, p in new])
        for (pin, at), p in new:
            pegawai_id = self._pins.get(pin)
            if pegawai_id is None:
                out.unknown += 1
                out.unknown_pins.add(pin)
            out.rows.append(NewPunch(p, at, pegawai_id, tuple(sorted(flags.get(id(p), ())))))
        return out

    def insert(self, rows: Sequence[NewPunch]) -> None:
        """Insert; a row whose key a concurrent push stored meanwhile is skipped. The one
        place that writes device punches (a PostgreSQL COPY path would go here)."""
        Presensi.objects.bulk_create(
            [
                Presensi(
                    instansi_id=self.mesin.instansi_id,
                    mesin_id=self.mesin.pk,
                    pin=r.punch.pin,
                    pegawai_id=r.pegawai_id,
                    waktu=r.waktu,
                    status=r.punch.state,
                    verifikasi=r.punch.verify,
                    kode_kerja=r.punch.work_code[:16],
                    sumber=self.sumber,
                    baris=r.punch.raw[:255],
                    impor_id=self.impor_id,
                    tanda=list(r.tanda),
                    ditandai=r.ditandai,
                )
                for r in rows
            ],
            batch_size=CHUNK,
            ignore_conflicts=True,
        )
