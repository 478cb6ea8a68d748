"""Holidays (issue 13 §2; rules §9), kept by the Admin Instansi: the national holidays
of a year from the `holidays` package (Indonesia, names in Indonesian), loaded again
without duplicates; cuti bersama and local holidays added or removed by hand.

A holiday added or removed after the fact changes the days it falls on:
`holidays_changed` recomputes the stored days (services.harian). Days of a locked month
are refused instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import holidays as holidays_package
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor

from ..access import require_attendance_admin
from ..models import HariLibur
from ..selectors.kunci import lock_on_dates
from . import harian
from .kunci import locked_error

COUNTRY = "ID"
LANGUAGE = "id"  # the package's Indonesian names ("Hari Raya Idul Fitri")


@dataclass(frozen=True)
class LoadResult:
    added: int
    present: int  # dates the instansi already has (from an earlier load or by hand)


def national_holidays(tahun: int, *, cuti_bersama: bool = False) -> dict[dt.date, tuple[str, str]]:
    """{date: (name, kind)} of a year from the `holidays` package: the public holidays
    and, when asked, the cuti bersama of the year's joint decree (category "government").
    Two holidays on one date keep both names, as the package gives them."""
    out: dict[dt.date, tuple[str, str]] = {}
    public = holidays_package.country_holidays(COUNTRY, years=tahun, language=LANGUAGE)
    for day, name in sorted(public.items()):
        out[day] = (name[:200], HariLibur.Jenis.NASIONAL)
    if cuti_bersama:
        joint = holidays_package.country_holidays(
            COUNTRY, years=tahun, language=LANGUAGE, categories=("government",)
        )
        for day, name in sorted(joint.items()):
            out.setdefault(day, (name[:200], HariLibur.Jenis.CUTI_BERSAMA))
    return out


def holidays_changed(*, instansi_id: int, dates: Collection[dt.date]) -> None:
    """What a holiday added or removed after the fact changes (issue 13 §2): the status of
    every stored day on those dates. The leave services recount the approved leave over
    those dates here as well (their counted days and the cuti tahunan ledger)."""
    if dates:
        harian.recompute_stored_dates(instansi_id=instansi_id, dates=dates)


@transaction.atomic
def libur_load_national(*, actor: Actor, tahun: int, cuti_bersama: bool = False) -> LoadResult:
    """Add the national holidays of `tahun` (and the package's cuti bersama, when asked)
    that the instansi does not have yet; loading again adds nothing. A date the instansi
    already has (a local holiday, an earlier load) is left as it is."""
    actor = require_attendance_admin(actor)
    if not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": [_("Pilih tahun antara 2000 dan 2100.")]})
    wanted = national_holidays(tahun, cuti_bersama=cuti_bersama)
    present = set(
        HariLibur.objects.filter(instansi_id=actor.instansi_id, tanggal__in=list(wanted))
        .values_list("tanggal", flat=True)
    )  # fmt: skip
    new = [d for d in wanted if d not in present]
    if lock := lock_on_dates(actor.instansi_id, new):
        raise locked_error(lock)
    HariLibur.objects.bulk_create(
        [
            HariLibur(
                instansi_id=actor.instansi_id,
                tanggal=d,
                nama=wanted[d][0],
                jenis=wanted[d][1],
                dari_paket=True,
            )
            for d in new
        ]
    )
    audit.record(
        actor=actor.user,
        action="hari_libur.load",
        instansi_id=actor.instansi_id,
        object_type="attendance.harilibur",
        object_repr=str(tahun),
        changes={"tahun": tahun, "jumlah": len(new), "sudah_ada": len(present)},
    )
    holidays_changed(instansi_id=actor.instansi_id, dates=new)
    return LoadResult(len(new), len(present))


@transaction.atomic
def libur_create(*, actor: Actor, tanggal: dt.date, nama: str, jenis: str) -> HariLibur:
    """Add a holiday by hand: a cuti bersama day, a local holiday (or a national one the
    package does not know yet). Refused on a date that already has one, or in a locked
    month; stored days on that date are recomputed."""
    actor = require_attendance_admin(actor)
    nama = (nama or "").strip()
    errors: dict[str, list[str]] = {}
    if not nama:
        errors["nama"] = [_("Isi nama hari libur.")]
    if jenis not in HariLibur.Jenis.values:
        errors["jenis"] = [_("Pilih jenis hari libur.")]
    if HariLibur.objects.filter(instansi_id=actor.instansi_id, tanggal=tanggal).exists():
        errors["tanggal"] = [_("Tanggal ini sudah tercatat sebagai hari libur.")]
    if errors:
        raise ValidationError(errors)
    if lock := lock_on_dates(actor.instansi_id, [tanggal]):
        raise locked_error(lock)
    row = HariLibur.objects.create(
        instansi_id=actor.instansi_id, tanggal=tanggal, nama=nama[:200], jenis=jenis
    )
    audit.record(
        actor=actor.user,
        action="hari_libur.create",
        obj=row,
        changes=audit.snapshot(row, ("tanggal", "nama", "jenis")),
    )
    holidays_changed(instansi_id=actor.instansi_id, dates=[tanggal])
    return row


@transaction.atomic
def libur_delete(*, actor: Actor, libur: HariLibur) -> None:
    """Remove a holiday (refused in a locked month); its stored days are recomputed as
    working days of their schedule."""
    actor = require_attendance_admin(actor)
    row = HariLibur.objects.select_for_update().get(instansi_id=actor.instansi_id, pk=libur.pk)
    if lock := lock_on_dates(actor.instansi_id, [row.tanggal]):
        raise locked_error(lock)
    audit.record(
        actor=actor.user,
        action="hari_libur.delete",
        obj=row,
        changes=audit.snapshot(row, ("tanggal", "nama", "jenis")),
    )
    tanggal = row.tanggal
    row.delete()
    holidays_changed(instansi_id=actor.instansi_id, dates=[tanggal])
