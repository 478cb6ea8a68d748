"""Creating an SKP: the header snapshot of the people (`identitas`), the planning window
of the periode, and the new draft with its BerAKHLAK rows and lampiran (rules §4, §8;
PermenPANRB 6/2022). Authorise → lock the person → check → save → audit."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope
from ekinerja.org.models import Instansi, Jabatan, Pegawai

from .. import domain
from ..models import SKP, Lampiran, PerilakuEkspektasi, PeriodeKinerja
from .common import date_text, not_found, raise_errors


def identitas(p: Pegawai | None, jabatan: Jabatan | None = None) -> dict[str, Any] | None:
    """The header block of one person (rules §8): name, NIP, pangkat/golongan, jabatan,
    unit, as they are when the SKP is made."""
    if p is None:
        return None
    jabatan = jabatan or p.jabatan
    unit = jabatan.unit if jabatan is not None else p.unit
    return {
        "id": p.pk,
        "nama": p.nama_lengkap,
        "nip": p.nip_display,
        "pangkat": p.pangkat,
        "golongan": p.golongan,
        "jabatan": jabatan.nama if jabatan is not None else "",
        "unit": unit.nama if unit is not None else "",
    }


@transaction.atomic
def skp_create(
    *,
    actor: Actor,
    pegawai_id: int,
    periode_id: int,
    pendekatan: str = domain.KUANTITATIF,
    tanggal_mulai: dt.date | None = None,
    tanggal_selesai: dt.date | None = None,
    jabatan_id: int | None = None,
) -> SKP:
    """A new draft SKP for a pegawai's position and period, with the penilai and atasan
    penilai resolved from the org chart and the header snapshotted (rules §8), the seven
    BerAKHLAK rows and an empty lampiran. The owner creates it, or an Admin Instansi on
    their behalf. Dates default to the whole year."""
    actor = require_instansi(actor)
    # Lock the person so that two simultaneous creations cannot both pass the overlap check.
    pegawai = (
        Pegawai.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=pegawai_id)
        .first()
    )
    if pegawai is None:
        raise not_found()
    if org_scope(actor).pegawai_id != pegawai.pk and not actor.is_admin:
        raise PermissionDenied(
            _("Hanya pegawai yang bersangkutan atau Admin Instansi yang dapat membuat SKP.")
        )
    periode = PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id, pk=periode_id).first()
    if periode is None:
        raise not_found()
    _check_planning_window(actor, periode)
    jabatan_id = jabatan_id or pegawai.jabatan_id
    jabatan = (
        Jabatan.objects.select_related("unit")
        .filter(instansi_id=actor.instansi_id, pk=jabatan_id)
        .first()
        if jabatan_id
        else None
    )
    if jabatan is None:
        raise ValidationError(
            {
                "jabatan": [
                    _("Pegawai ini belum mempunyai jabatan; minta Admin Instansi mencatatnya.")
                ]
            }
        )
    mulai = tanggal_mulai or dt.date(periode.tahun, 1, 1)
    selesai = tanggal_selesai or dt.date(periode.tahun, 12, 31)
    errors = domain.period_errors(periode.tahun, mulai, selesai)
    if pendekatan not in domain.PENDEKATAN:
        errors["pendekatan"] = _("Pendekatan harus kuantitatif atau kualitatif.")
    raise_errors(errors)
    clash = (
        SKP.objects.filter(
            instansi_id=actor.instansi_id,
            pegawai_id=pegawai.pk,
            jabatan_id=jabatan.pk,
            tanggal_mulai__lte=selesai,
            tanggal_selesai__gte=mulai,
        )
        .order_by("tanggal_mulai")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _(
                "Pegawai ini sudah mempunyai SKP untuk jabatan %(j)s pada %(a)s s.d. %(b)s, "
                "yang beririsan dengan periode ini. Ubah SKP tersebut, atau ajukan revisi "
                "bila sudah disetujui."
            )
            % {
                "j": jabatan.nama,
                "a": date_text(clash.tanggal_mulai),
                "b": date_text(clash.tanggal_selesai),
            }
        )
    people = {
        p.pk: p
        for p in Pegawai.objects.select_related("jabatan", "jabatan__unit", "unit").filter(
            instansi_id=actor.instansi_id, pk__in=[pegawai.pk, pegawai.atasan_id]
        )
    }
    penilai = people.get(pegawai.atasan_id) if pegawai.atasan_id else None
    atasan_penilai = None
    if penilai is not None and penilai.atasan_id:
        atasan_penilai = (
            Pegawai.objects.select_related("jabatan", "jabatan__unit", "unit")
            .filter(instansi_id=actor.instansi_id, pk=penilai.atasan_id)
            .first()
        )
    skp = SKP.objects.create(
        instansi_id=actor.instansi_id,
        pegawai=pegawai,
        jabatan=jabatan,
        periode=periode,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
        pendekatan=pendekatan,
        status=domain.DRAFT,
        versi=1,
        penilai=penilai,
        atasan_penilai=atasan_penilai,
        snapshot={
            "pegawai": identitas(people[pegawai.pk], jabatan),
            "penilai": identitas(penilai),
            "atasan_penilai": identitas(atasan_penilai),
        },
    )
    PerilakuEkspektasi.objects.bulk_create(
        PerilakuEkspektasi(instansi_id=actor.instansi_id, skp=skp, nilai=n)
        for n in domain.BERAKHLAK_NOMOR
    )
    Lampiran.objects.create(instansi_id=actor.instansi_id, skp=skp)
    audit.record(
        actor=actor.user,
        action="skp.create",
        obj=skp,
        changes={
            "status": [None, skp.status],
            "pegawai": [None, audit.ref(pegawai)],
            "jabatan": [None, audit.ref(jabatan)],
            "periode": [None, f"{mulai} – {selesai}"],
            "penilai": [None, audit.ref(penilai)],
            "atasan_penilai": [None, audit.ref(atasan_penilai)],
        },
    )
    return skp


def _check_planning_window(actor: MemberActor, periode: PeriodeKinerja) -> None:
    """Refuse an SKP outside the periode's planning window, in the instansi's local date
    (domain.planning_window_error; an Admin Instansi may still create one)."""
    if periode.perencanaan_mulai is None and periode.perencanaan_selesai is None:
        return
    zona = (
        Instansi.objects.filter(pk=actor.instansi_id).values_list("zona_waktu", flat=True).first()
    )
    refusal = domain.planning_window_error(
        today=timezone.localdate(timezone=ZoneInfo(zona or "Asia/Jakarta")),
        tahun=periode.tahun,
        dibuka=periode.perencanaan_mulai,
        ditutup=periode.perencanaan_selesai,
        is_admin=actor.is_admin,
    )
    if refusal:
        raise ValidationError({"periode": [refusal]})
