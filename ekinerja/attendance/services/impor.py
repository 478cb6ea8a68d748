"""Importing a device's punch file (issue 13 §3, "Bad input"): upload → preview → commit.

The preview (`impor_prepare`) reads the whole file and counts what it would do — new
punches, punches already stored, new punches of unknown PINs (held, never dropped),
bad lines by number with what is wrong, device clock flags — and keeps the file,
compressed, so the commit reads exactly what the admin saw. The commit
(`impor_commit`) stores the new punches in chunks of 5,000 with the unique key (mesin,
pin, waktu), so importing the same file twice adds nothing the second time; good lines
of a file with bad ones are stored only when the admin confirms. It then recomputes the
days of the people concerned. A large file is committed by the background worker
(`impor_queue`, tasks.impor_presensi_commit_task).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor, MemberActor

from ..access import require_attendance_admin
from ..domain import attlog
from ..models import ImporPresensi, Mesin, Presensi
from ..selectors.jadwal import instansi_zone
from . import berkas, harian
from .presensi import CHUNK, DeviceStream

MAX_ERRORS_KEPT = 500  # bad lines listed on the preview (all are counted)
MAX_FLAGS_KEPT = 100
MAX_PINS_KEPT = 50
DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # a year of a busy device's attlog is ~40 MB


def mesin_zone(mesin: Mesin) -> dt.tzinfo:
    return ZoneInfo(mesin.zona_waktu)


def max_bytes() -> int:
    return int(getattr(settings, "PRESENSI_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _chunks(lines: Iterator[berkas.Line]) -> Iterator[tuple[list[attlog.DevicePunch], list[Any]]]:
    punches: list[attlog.DevicePunch] = []
    errors: list[attlog.LineError] = []
    for line in lines:
        if isinstance(line, attlog.LineError):
            errors.append(line)
        else:
            punches.append(line)
        if len(punches) + len(errors) >= CHUNK:
            yield punches, errors
            punches, errors = [], []
    if punches or errors:
        yield punches, errors


@dataclass
class _Tally:
    lines: int = 0
    new: int = 0
    present: int = 0
    repeated: int = 0
    unknown: int = 0
    bad: int = 0
    flagged: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    pins: set[str] = field(default_factory=set)
    # per person: the first and last instant of their new punches (for the recompute)
    spans: dict[int, tuple[dt.datetime, dt.datetime]] = field(default_factory=dict)

    def add(self, punches: list[attlog.DevicePunch], errors: list[Any], chunk: Any) -> None:
        self.lines += len(punches) + len(errors)
        self.bad += len(errors)
        for e in errors[: max(0, MAX_ERRORS_KEPT - len(self.errors))]:
            self.errors.append({"baris": e.line, "isi": e.raw[:200], "pesan": e.message.as_json()})
        self.new += len(chunk.rows)
        self.present += chunk.present
        self.repeated += chunk.repeated
        self.unknown += chunk.unknown
        self.flagged += sum(1 for r in chunk.rows if r.ditandai)
        for f in chunk.flags[: max(0, MAX_FLAGS_KEPT - len(self.flags))]:
            self.flags.append(f.explain().as_json())
        if len(self.pins) < MAX_PINS_KEPT:
            self.pins |= set(sorted(chunk.unknown_pins)[: MAX_PINS_KEPT - len(self.pins)])
        for row in chunk.rows:
            self.first = row.waktu if self.first is None else min(self.first, row.waktu)
            self.last = row.waktu if self.last is None else max(self.last, row.waktu)
            if row.pegawai_id is not None:
                low, high = self.spans.get(row.pegawai_id, (row.waktu, row.waktu))
                self.spans[row.pegawai_id] = (min(low, row.waktu), max(high, row.waktu))

    def summary(self, tz: dt.tzinfo) -> dict[str, Any]:
        def local(at: dt.datetime | None) -> str | None:
            return None if at is None else at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")

        return {
            "baris": self.lines,
            "baru": self.new,
            "sudah_ada": self.present,
            "berulang": self.repeated,
            "pin_tidak_dikenal": self.unknown,
            "pin_contoh": sorted(self.pins),
            "baris_rusak": self.bad,
            "tanda_jam": self.flagged,
            "tanda_contoh": self.flags,
            "awal": local(self.first),
            "akhir": local(self.last),
        }


def _run(batch: ImporPresensi, mesin: Mesin, data: bytes, *, store: bool) -> _Tally:
    """Read the file through a device stream; with `store`, insert each chunk's rows."""
    tally = _Tally()
    sumber = (
        Presensi.Sumber.BERKAS
        if batch.format == ImporPresensi.Format.ATTLOG
        else Presensi.Sumber.CSV
    )
    stream = DeviceStream(
        mesin, sumber=sumber, now=timezone.now(), impor_id=batch.pk if store else None
    )
    for punches, errors in _chunks(berkas.read_lines(batch.format, data)):
        chunk = stream.prepare(punches)
        if store:
            stream.insert(chunk.rows)
        tally.add(punches, errors, chunk)
    return tally


def impor_prepare(*, actor: Actor, mesin: Mesin, nama_berkas: str, data: bytes) -> ImporPresensi:
    """Read and check a punch file of `mesin` and store the preview; no punch is
    written. A file that cannot be read at all raises ValidationError."""
    actor = require_attendance_admin(actor)
    if mesin.instansi_id != actor.instansi_id:
        raise ValidationError({"mesin": [_("Pilih mesin instansi Anda.")]})
    if not mesin.aktif:
        raise ValidationError({"mesin": [_("Mesin ini tidak aktif.")]})
    if not data:
        raise ValidationError({"berkas": [_("Berkas kosong.")]})
    if len(data) > max_bytes():
        raise ValidationError(
            {
                "berkas": [
                    _("Berkas terlalu besar; batas unggahan %(mb)s MB.")
                    % {"mb": max_bytes() // 2**20}
                ]
            }
        )
    nama_berkas = (nama_berkas or "").strip()[-255:] or "attlog.dat"
    fmt = berkas.detect_format(nama_berkas)
    batch = ImporPresensi(
        instansi_id=actor.instansi_id,
        mesin=mesin,
        nama_berkas=nama_berkas,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        diunggah_oleh=actor.user,
    )
    try:
        tally = _run(batch, mesin, data, store=False)
    except ValidationError as e:
        raise ValidationError({"berkas": e.messages}) from None
    if tally.lines == 0:
        raise ValidationError({"berkas": [_("Berkas tidak berisi catatan presensi.")]})
    batch.isi = zlib.compress(data, 6)
    batch.ringkasan = tally.summary(mesin_zone(mesin))
    batch.kesalahan = tally.errors
    batch.save()
    return batch


def _recompute(instansi_id: int, tally: _Tally) -> None:
    """The days of the people with new punches: the day before each person's first
    (a night shift) to the day of their last, grouped by range."""
    tz = instansi_zone(instansi_id)
    groups: dict[tuple[dt.date, dt.date], list[int]] = {}
    for pid, (low, high) in tally.spans.items():
        key = (low.astimezone(tz).date() - harian.DAY, high.astimezone(tz).date())
        groups.setdefault(key, []).append(pid)
    if len(groups) > 20:  # many different spans: one range for all, fewer queries
        first = min(k[0] for k in groups)
        last = max(k[1] for k in groups)
        groups = {(first, last): [p for ps in groups.values() for p in ps]}
    for (first, last), ids in groups.items():
        harian.status_recompute(instansi_id=instansi_id, pegawai_ids=ids, first=first, last=last)


def _locked_batch(actor: MemberActor, batch: ImporPresensi) -> ImporPresensi:
    found = (
        ImporPresensi.objects.select_for_update()
        .select_related("mesin")
        .filter(instansi_id=actor.instansi_id, pk=batch.pk)
        .first()
    )
    if found is None:
        raise ValidationError(_("Impor presensi tidak ditemukan."))
    return found


def _check_errors(batch: ImporPresensi, terima_baris_rusak: bool) -> None:
    bad = int(batch.ringkasan.get("baris_rusak", 0))
    if bad and not terima_baris_rusak:
        raise ValidationError(
            _(
                "Berkas memuat %(n)s baris rusak. Perbaiki berkasnya, atau setujui untuk "
                "menyimpan baris yang baik saja."
            )
            % {"n": bad}
        )


@transaction.atomic
def impor_commit(
    *, actor: Actor, impor: ImporPresensi, terima_baris_rusak: bool = False
) -> ImporPresensi:
    """Store the new punches of a previewed file, all or nothing, and recompute the days
    they touch (those of locked months stay as they are). The same file again adds
    nothing."""
    actor = require_attendance_admin(actor)
    batch = _locked_batch(actor, impor)
    if batch.status not in (ImporPresensi.Status.PRATINJAU, ImporPresensi.Status.ANTRE):
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    _check_errors(batch, terima_baris_rusak)
    data = zlib.decompress(bytes(batch.isi))
    tally = _run(batch, batch.mesin, data, store=True)
    _recompute(actor.instansi_id, tally)
    summary = tally.summary(mesin_zone(batch.mesin))
    batch.status = ImporPresensi.Status.DITERAPKAN
    batch.diterapkan_pada = timezone.now()
    batch.ringkasan = {**batch.ringkasan, "disimpan": summary}
    batch.isi = b""
    batch.save(update_fields=["status", "diterapkan_pada", "ringkasan", "isi"])
    audit.record(
        actor=actor.user,
        action="impor_presensi.commit",
        obj=batch,
        changes={
            "mesin": audit.ref(batch.mesin),
            "berkas": batch.nama_berkas,
            "sha256": batch.sha256,
            "baru": tally.new,
            "sudah_ada": tally.present,
            "pin_tidak_dikenal": tally.unknown,
            "baris_rusak": tally.bad,
            "tanda_jam": tally.flagged,
        },
    )
    return batch


@transaction.atomic
def impor_queue(
    *, actor: Actor, impor: ImporPresensi, terima_baris_rusak: bool = False
) -> ImporPresensi:
    """Hand a large previewed file to the background worker, which commits it with the
    same checks as the admin who confirmed it."""
    from ..tasks import impor_presensi_commit_task

    actor = require_attendance_admin(actor)
    batch = _locked_batch(actor, impor)
    if batch.status != ImporPresensi.Status.PRATINJAU:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    _check_errors(batch, terima_baris_rusak)
    batch.status = ImporPresensi.Status.ANTRE
    batch.ringkasan = {k: v for k, v in batch.ringkasan.items() if k != "galat_tugas"}
    batch.save(update_fields=["status", "ringkasan"])
    audit.record(
        actor=actor.user,
        action="impor_presensi.queue",
        obj=batch,
        changes={"berkas": batch.nama_berkas, "baru": batch.ringkasan.get("baru", 0)},
    )
    impor_id, user_id = batch.pk, actor.user.pk
    transaction.on_commit(
        lambda: impor_presensi_commit_task.enqueue(
            impor_id=impor_id, user_id=user_id, terima_baris_rusak=terima_baris_rusak
        )
    )
    return batch


@transaction.atomic
def impor_cancel(*, actor: Actor, impor: ImporPresensi) -> ImporPresensi:
    """Drop a previewed file: nothing of it is stored; the counts stay for the list."""
    actor = require_attendance_admin(actor)
    batch = _locked_batch(actor, impor)
    if batch.status != ImporPresensi.Status.PRATINJAU:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    batch.status = ImporPresensi.Status.DIBATALKAN
    batch.isi = b""
    batch.save(update_fields=["status", "isi"])
    audit.record(
        actor=actor.user,
        action="impor_presensi.cancel",
        obj=batch,
        changes={"berkas": batch.nama_berkas},
    )
    return batch
