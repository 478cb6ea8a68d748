"""Writes of the daily activity log (issue 4 item 2): create, update, delete, "copy
yesterday", and the anomaly flags of the affected days.

Each write: authorise (access.py; only the owner writes their log, and only while an
activity waits for verification: domain.owner_can_edit) → validate (domain.
clean_aktivitas, plus the RHK and rencana aksi: the pegawai's own, valid on the date) →
write → recompute the day's anomaly flags → audit. Bad input raises ValidationError
with one message per field and stores nothing.

Creating an activity is the hot path at month end (27,000 staff logging on the last
afternoon), so it runs in a fixed number of queries whatever the size of the log: the
pegawai, the RHK, the rencana aksi, the insert, and anomalies_refresh (settings, the
day's rows, the repeated-text pairs of 30 days in one query, one bulk update)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core import hooks as core_hooks
from ekinerja.core.clock import local_today
from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai
from ekinerja.plans.models import RHK
from ekinerja.plans.selectors import skp_in_force_q

from .. import domain
from ..access import access_aktivitas, require_own_pegawai
from ..models import Aktivitas, BuktiDukung, RencanaAksi
from ..selectors.aktivitas import rhk_choices
from ..selectors.pengaturan import pengaturan
from ..storage import bukti_storage

AUDIT_FIELDS = (
    "tanggal",
    "jam_mulai",
    "jam_selesai",
    "menit",
    "uraian",
    "rhk",
    "rencana_aksi",
    "output_jumlah",
    "output_satuan",
    "status",
)
MAX_OUTPUT = Decimal("9999999999.99")  # Aktivitas.output_jumlah: 12 digits, 2 decimals


def _snapshot(aktivitas: Aktivitas) -> dict[str, Any]:
    """The audited fields (times as "HH:MM": the audit trail stores JSON)."""
    out = audit.snapshot(aktivitas, AUDIT_FIELDS)
    for name in ("jam_mulai", "jam_selesai"):
        if isinstance(out[name], dt.time):
            out[name] = out[name].strftime("%H:%M")
    return out


# --- validation -----------------------------------------------------------------------


def _load_rhk(pegawai: Pegawai, rhk_id: int) -> tuple[RHK | None, dict[str, str]]:
    """The RHK (with SKP and period) if it is the pegawai's own and its SKP is in force
    (plans.selectors.skp_in_force_q)."""
    rhk = (
        RHK.objects.select_related("skp", "skp__periode")
        .filter(instansi_id=pegawai.instansi_id, pk=rhk_id)
        .annotate(in_force=skp_in_force_q("skp__"))
        .first()
    )
    if rhk is None or rhk.skp.pegawai_id != pegawai.pk:
        return None, {"rhk": _("Pilih RHK dari SKP Anda sendiri.")}
    if not rhk.in_force:
        return None, {
            "rhk": _(
                "RHK ini berasal dari versi SKP yang tidak berlaku. Pilih RHK dari SKP "
                "yang berlaku."
            )
        }
    return rhk, {}


def _load_rencana(
    pegawai: Pegawai, rhk: RHK | None, rencana_aksi_id: int, tanggal: dt.date
) -> tuple[RencanaAksi | None, dict[str, str]]:
    if rhk is None:
        return None, {"rencana_aksi": _("Pilih RHK dari rencana aksi ini terlebih dahulu.")}
    ra = RencanaAksi.objects.filter(instansi_id=pegawai.instansi_id, pk=rencana_aksi_id).first()
    if ra is None or ra.pegawai_id != pegawai.pk or ra.rhk_id != rhk.pk:
        return None, {"rencana_aksi": _("Rencana aksi ini bukan bagian dari RHK yang dipilih.")}
    first, last = domain.period_range(ra.tahun, ra.periodik, ra.periode_ke)
    if not first <= tanggal <= last:
        return None, {
            "rencana_aksi": _("Rencana aksi ini untuk %(periode)s, bukan untuk tanggal aktivitas.")
            % {"periode": domain.period_label(ra.tahun, ra.periodik, ra.periode_ke)}
        }
    ra.rhk = rhk
    return ra, {}


def _validated(
    pegawai: Pegawai,
    *,
    tanggal: dt.date,
    uraian: str,
    jam_mulai: dt.time | None,
    jam_selesai: dt.time | None,
    menit: int | None,
    rhk_id: int | None,
    rencana_aksi_id: int | None,
    output_jumlah: Decimal | None,
    output_satuan: str,
    today: dt.date,
) -> dict[str, Any]:
    """The values to store, or ValidationError with every problem at once."""
    errors: dict[str, str] = {}
    rhk = ra = None
    if rhk_id:
        rhk, found = _load_rhk(pegawai, rhk_id)
        errors.update(found)
    if rencana_aksi_id and "rhk" not in errors:
        ra, found = _load_rencana(pegawai, rhk, rencana_aksi_id, tanggal)
        errors.update(found)
    uraian = (uraian or "").strip()
    given = domain.AktivitasInput(tanggal, jam_mulai, jam_selesai, menit, uraian)
    minutes, found = domain.clean_aktivitas(
        given,
        today=today,
        skp_from=rhk.skp.tanggal_mulai if rhk else None,
        skp_to=rhk.skp.tanggal_selesai if rhk else None,
    )
    errors = {**found, **errors}
    if output_jumlah is not None and not (0 <= output_jumlah <= MAX_OUTPUT):
        errors["output_jumlah"] = _("Jumlah output harus antara 0 dan 9.999.999.999.")
    output_satuan = (output_satuan or "").strip()
    if len(output_satuan) > 64:
        errors["output_satuan"] = _("Satuan output paling banyak 64 karakter.")
    if errors:
        raise ValidationError(errors)
    # One time and the minutes give the other (domain.activity_times).
    start, end = domain.activity_times(given)
    return {
        "tanggal": tanggal,
        "jam_mulai": start,
        "jam_selesai": end,
        "menit": minutes,
        "uraian": uraian,
        "uraian_kunci": domain.text_key(uraian),
        "rhk": rhk,
        "rencana_aksi": ra,
        "output_jumlah": output_jumlah,
        "output_satuan": output_satuan,
    }


def _lock_editable(aktivitas: Aktivitas, *, deleting: bool = False) -> None:
    """Re-read the status under a row lock (a supervisor may be verifying right now)
    and refuse unless the activity still waits for verification."""
    status = (
        Aktivitas.objects.select_for_update()
        .filter(instansi_id=aktivitas.instansi_id, pk=aktivitas.pk)
        .values_list("status", flat=True)
        .get()
    )
    aktivitas.status = status
    message = domain.owner_edit_error(status, deleting=deleting)
    if message:
        raise PermissionDenied(message)


# --- writes ---------------------------------------------------------------------------


@transaction.atomic
def aktivitas_create(
    *,
    actor: Actor,
    tanggal: dt.date,
    uraian: str,
    jam_mulai: dt.time | None = None,
    jam_selesai: dt.time | None = None,
    menit: int | None = None,
    rhk_id: int | None = None,
    rencana_aksi_id: int | None = None,
    output_jumlah: Decimal | None = None,
    output_satuan: str = "",
    sumber: str = Aktivitas.Sumber.WEB,
    berkas: UploadedFile | None = None,
    tautan: str = "",
    today: dt.date | None = None,
) -> Aktivitas:
    """Log an activity of the actor's own day; `berkas`/`tautan` attach evidence in the
    same transaction (a refused file refuses the whole activity)."""
    pegawai = require_own_pegawai(actor)
    values = _validated(
        pegawai,
        tanggal=tanggal,
        uraian=uraian,
        jam_mulai=jam_mulai,
        jam_selesai=jam_selesai,
        menit=menit,
        rhk_id=rhk_id,
        rencana_aksi_id=rencana_aksi_id,
        output_jumlah=output_jumlah,
        output_satuan=output_satuan,
        today=today or local_today(actor),
    )
    if sumber not in Aktivitas.Sumber.values:
        sumber = Aktivitas.Sumber.WEB
    aktivitas = Aktivitas.objects.create(
        instansi_id=pegawai.instansi_id, pegawai=pegawai, sumber=sumber, **values
    )
    if berkas is not None or tautan:
        # services.bukti is written alongside this module; imported here so that each
        # can be loaded on its own.
        from . import bukti

        if berkas is not None:
            bukti.bukti_add_file(actor=actor, berkas=berkas, aktivitas_id=aktivitas.pk)
        if tautan:
            bukti.bukti_add_link(actor=actor, tautan=tautan, aktivitas_id=aktivitas.pk)
    anomalies_refresh(
        instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, dates=[aktivitas.tanggal]
    )
    audit.record(
        actor=actor.user,
        action="aktivitas.create",
        obj=aktivitas,
        changes=_snapshot(aktivitas),
    )
    return aktivitas


@transaction.atomic
def aktivitas_update(
    *,
    actor: Actor,
    aktivitas_id: int,
    tanggal: dt.date,
    uraian: str,
    jam_mulai: dt.time | None = None,
    jam_selesai: dt.time | None = None,
    menit: int | None = None,
    rhk_id: int | None = None,
    rencana_aksi_id: int | None = None,
    output_jumlah: Decimal | None = None,
    output_satuan: str = "",
    today: dt.date | None = None,
) -> Aktivitas:
    """Change one's own activity while it waits for verification."""
    aktivitas = access_aktivitas(actor=actor, id=aktivitas_id, for_write=True)
    _lock_editable(aktivitas)
    values = _validated(
        aktivitas.pegawai,
        tanggal=tanggal,
        uraian=uraian,
        jam_mulai=jam_mulai,
        jam_selesai=jam_selesai,
        menit=menit,
        rhk_id=rhk_id,
        rencana_aksi_id=rencana_aksi_id,
        output_jumlah=output_jumlah,
        output_satuan=output_satuan,
        today=today or local_today(actor),
    )
    before = _snapshot(aktivitas)
    old_day = aktivitas.tanggal
    for name, value in values.items():
        setattr(aktivitas, name, value)
    aktivitas.save()
    anomalies_refresh(
        instansi_id=aktivitas.instansi_id,
        pegawai_id=aktivitas.pegawai_id,
        dates={old_day, aktivitas.tanggal},
    )
    audit.record(
        actor=actor.user,
        action="aktivitas.update",
        obj=aktivitas,
        changes=audit.diff(before, _snapshot(aktivitas)),
    )
    return aktivitas


@transaction.atomic
def aktivitas_delete(*, actor: Actor, aktivitas_id: int) -> None:
    """Delete one's own activity while it waits for verification, with its evidence
    (the stored files are removed once the deletion is committed)."""
    aktivitas = access_aktivitas(actor=actor, id=aktivitas_id, for_write=True)
    _lock_editable(aktivitas, deleting=True)
    files = [
        name
        for name in BuktiDukung.objects.filter(
            instansi_id=aktivitas.instansi_id, aktivitas_id=aktivitas.pk
        ).values_list("berkas", flat=True)
        if name
    ]
    before = _snapshot(aktivitas)
    pk, repr_ = aktivitas.pk, str(aktivitas)
    aktivitas.delete()
    anomalies_refresh(
        instansi_id=aktivitas.instansi_id,
        pegawai_id=aktivitas.pegawai_id,
        dates=[aktivitas.tanggal],
    )
    audit.record(
        actor=actor.user,
        action="aktivitas.delete",
        instansi_id=aktivitas.instansi_id,
        object_type=Aktivitas._meta.label_lower,
        object_id=str(pk),
        object_repr=repr_,
        changes={**before, "bukti": len(files)},
    )
    if files:
        transaction.on_commit(lambda: _remove_files(files))


def _remove_files(names: list[str]) -> None:
    storage = bukti_storage()
    for name in names:
        storage.delete(name)


@transaction.atomic
def aktivitas_copy_day(
    *, actor: Actor, dari: dt.date, ke: dt.date, today: dt.date | None = None
) -> list[Aktivitas]:
    """Copy the activities of day `dari` into day `ke` as new entries waiting for
    verification ("salin kemarin"). Their RHK is kept when it is still valid on `ke`
    (and the rencana aksi when `ke` is in its period); evidence is not copied. Entries
    already on `ke` with the same times and text are skipped, so copying twice adds
    nothing."""
    pegawai = require_own_pegawai(actor)
    today = today or local_today(actor)
    error = domain.past_day_error(
        ke, today=today, future=_("Aktivitas tidak dapat disalin ke tanggal yang akan datang.")
    )
    if error:
        raise ValidationError({"tanggal": error})
    if domain.day_range_error(dari):
        raise ValidationError({"dari": domain.day_range_error(dari)})
    if dari == ke:
        raise ValidationError({"dari": _("Pilih hari lain sebagai sumber salinan.")})
    rows = list(
        Aktivitas.objects.filter(
            instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, tanggal__in=[dari, ke]
        )
        .select_related("rencana_aksi")
        .order_by("jam_mulai", "id")
    )
    sources = [a for a in rows if a.tanggal == dari]
    if not sources:
        raise ValidationError(
            {
                "dari": _("Tidak ada aktivitas pada %(tanggal)s untuk disalin.")
                % {"tanggal": domain.tanggal_text(dari)}
            }
        )
    present = {
        domain.copy_key(a.jam_mulai, a.jam_selesai, a.menit, a.uraian_kunci)
        for a in rows
        if a.tanggal == ke
    }
    valid_rhk = {r.pk: r for r in rhk_choices(pegawai=pegawai, tanggal=ke)}
    new: list[Aktivitas] = []
    for src in sources:
        key = domain.copy_key(src.jam_mulai, src.jam_selesai, src.menit, src.uraian_kunci)
        if key in present:
            continue
        present.add(key)
        rhk = valid_rhk.get(src.rhk_id) if src.rhk_id else None
        ra = src.rencana_aksi if rhk is not None else None
        if ra is not None:
            first, last = domain.period_range(ra.tahun, ra.periodik, ra.periode_ke)
            if not first <= ke <= last:
                ra = None
        new.append(
            Aktivitas(
                instansi_id=pegawai.instansi_id,
                pegawai=pegawai,
                tanggal=ke,
                jam_mulai=src.jam_mulai,
                jam_selesai=src.jam_selesai,
                menit=src.menit,
                uraian=src.uraian,
                uraian_kunci=src.uraian_kunci,
                rhk=rhk,
                rencana_aksi=ra,
                output_jumlah=src.output_jumlah,
                output_satuan=src.output_satuan,
                sumber=Aktivitas.Sumber.SALIN,
            )
        )
    if not new:
        raise ValidationError(
            {
                "dari": _("Semua aktivitas %(dari)s sudah ada pada %(ke)s.")
                % {"dari": domain.tanggal_text(dari), "ke": domain.tanggal_text(ke)}
            }
        )
    created = Aktivitas.objects.bulk_create(new)
    anomalies_refresh(instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, dates=[ke])
    audit.record(
        actor=actor.user,
        action="aktivitas.copy",
        instansi_id=pegawai.instansi_id,
        object_type=Aktivitas._meta.label_lower,
        object_id=str(created[0].pk),
        object_repr=_("Salinan %(dari)s ke %(ke)s")
        % {"dari": domain.tanggal_text(dari), "ke": domain.tanggal_text(ke)},
        changes={
            "dari": dari,
            "ke": ke,
            "jumlah": len(created),
            "aktivitas": [a.pk for a in created],
        },
    )
    return created


# --- anomaly flags --------------------------------------------------------------------


def anomalies_refresh(*, instansi_id: int, pegawai_id: int, dates: Any) -> None:
    """Recompute Aktivitas.anomali / .ditandai of every activity of the pegawai on
    `dates` (domain.day_anomalies), in four queries whatever the number of days: the
    settings, the days' rows, the (text, day) pairs of the repeated-text window, and one
    bulk update of the rows whose flags changed. Holidays and leave come from the
    day-status hook (core.hooks.day_status).

    Only the given days are recomputed: logging a text for the fifth day flags that
    day's entry; the earlier days keep the flags they had when they were written."""
    days = sorted(set(dates))
    if not days:
        return
    aturan = pengaturan(instansi_id)
    rows = list(
        Aktivitas.objects.filter(
            instansi_id=instansi_id, pegawai_id=pegawai_id, tanggal__in=days
        ).only("id", "tanggal", "jam_mulai", "jam_selesai", "menit", "uraian_kunci", "anomali")
    )
    if not rows:
        return
    keys = {r.uraian_kunci for r in rows if r.uraian_kunci}
    pairs: list[tuple[str, dt.date]] = []
    if keys:
        pairs = list(
            Aktivitas.objects.filter(
                instansi_id=instansi_id,
                pegawai_id=pegawai_id,
                uraian_kunci__in=keys,
                tanggal__gte=domain.repeat_window(days[0])[0],
                tanggal__lte=days[-1],
            )
            .order_by()  # no Meta.ordering columns inside the DISTINCT
            .values_list("uraian_kunci", "tanggal")
            .distinct()
        )
    status = core_hooks.day_status(instansi_id=instansi_id, pegawai_id=pegawai_id, dates=days)
    by_day = domain.group_by_day((r.tanggal, r) for r in rows)
    changed: list[Aktivitas] = []
    for day, entries in by_day.items():
        flags = domain.day_anomalies(
            [
                domain.DayEntry(e.id, e.jam_mulai, e.jam_selesai, e.menit, e.uraian_kunci)
                for e in entries
            ],
            menit_kerja_harian=aturan.menit_kerja_harian,
            day_status=status.get(day, ""),
            repeat_days=domain.repeat_counts(pairs, day),
            batas_teks_berulang=aturan.batas_teks_berulang,
        )
        for e in entries:
            new = flags[e.id]
            if new != e.anomali:
                e.anomali = new
                e.ditandai = bool(new)
                changed.append(e)
    if changed:
        Aktivitas.objects.bulk_update(changed, ["anomali", "ditandai"])
