"""Devices as the Admin Instansi and the Auditor see them (issue 13 §3): the device list
with online/offline (silent longer than its own threshold), the PIN table, the holding
list of PINs nobody is mapped to, and the punch imports. Each is a fixed number of
queries whatever the number of devices or punches (aggregates in SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.utils import timezone

from ekinerja.core.roles import Actor

from ..access import require_attendance_reader
from ..models import ImporPresensi, Mesin, PinPegawai, Presensi


@dataclass(frozen=True)
class MesinRow:
    mesin: Mesin
    online: bool
    diam_menit: int | None  # minutes since it was last heard from (None: never)
    ditandai: int  # punches with a clock flag


def is_online(mesin: Mesin, now: dt.datetime) -> bool:
    """Heard from within its offline threshold (issue 13 §3)."""
    seen = mesin.terakhir_terlihat
    return seen is not None and now - seen <= dt.timedelta(minutes=mesin.batas_offline_menit)


def mesin_list(*, actor: Actor, now: dt.datetime | None = None) -> list[MesinRow]:
    """Every device of the instansi (by name) with its state; two queries."""
    actor = require_attendance_reader(actor)
    now = now or timezone.now()
    rows = list(
        Mesin.objects.filter(instansi_id=actor.instansi_id)
        .select_related("unit")
        .order_by("nama", "id")
    )
    flagged = dict(
        Presensi.objects.filter(
            instansi_id=actor.instansi_id, mesin_id__in=[m.pk for m in rows], ditandai=True
        )
        .values("mesin_id")
        .annotate(n=Count("id"))
        .values_list("mesin_id", "n")
    )
    out = []
    for m in rows:
        silent = None
        if m.terakhir_terlihat is not None:
            silent = max(0, int((now - m.terakhir_terlihat).total_seconds() // 60))
        out.append(MesinRow(m, is_online(m, now), silent, flagged.get(m.pk, 0)))
    return out


def pin_list(*, actor: Actor) -> list[PinPegawai]:
    actor = require_attendance_reader(actor)
    return list(
        PinPegawai.objects.filter(instansi_id=actor.instansi_id)
        .select_related("pegawai")
        .order_by("pin", "id")
    )


@dataclass(frozen=True)
class HeldPin:
    """Punches of one PIN on one device that nobody is mapped to (issue 13 §3)."""

    mesin_id: int | None
    mesin_nama: str
    pin: str
    jumlah: int
    pertama: dt.datetime
    terakhir: dt.datetime


def held_pins(*, actor: Actor, limit: int = 500) -> list[HeldPin]:
    """The holding list: PINs with punches held for a person, by device and PIN, with
    how many and when; one aggregate query on the held-punch index."""
    actor = require_attendance_reader(actor)
    rows = (
        Presensi.objects.filter(instansi_id=actor.instansi_id, pegawai__isnull=True)
        .values("mesin_id", "mesin__nama", "pin")
        .annotate(jumlah=Count("id"), pertama=Min("waktu"), terakhir=Max("waktu"))
        .order_by("pin", "mesin_id")[:limit]
    )
    return [
        HeldPin(r["mesin_id"], r["mesin__nama"] or "", r["pin"], r["jumlah"], r["pertama"],
                r["terakhir"])
        for r in rows
    ]  # fmt: skip


def impor_list(*, actor: Actor, limit: int = 20) -> list[ImporPresensi]:
    """The latest punch imports (without their file)."""
    actor = require_attendance_reader(actor)
    return list(
        ImporPresensi.objects.filter(instansi_id=actor.instansi_id)
        .select_related("mesin", "diunggah_oleh")
        .defer("isi", "kesalahan")
        .order_by("-created_at", "-id")[:limit]
    )


def same_file_committed(*, impor: ImporPresensi) -> ImporPresensi | None:
    """An earlier commit of byte-for-byte the same file, to mention on the preview."""
    return (
        ImporPresensi.objects.filter(
            instansi_id=impor.instansi_id,
            sha256=impor.sha256,
            status=ImporPresensi.Status.DITERAPKAN,
        )
        .exclude(pk=impor.pk)
        .defer("isi", "kesalahan")
        .order_by("-diterapkan_pada")
        .first()
    )
