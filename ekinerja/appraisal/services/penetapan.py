"""The organisation predikat of a unit, the penetapan that locks its staff predikat for a
period, and the Admin Instansi's reopening of a penetapan (rules §1, §2; issue 5 item 3
and 4).

- The organisation predikat is set by the head one level up (or the Admin Instansi)
  while the period is open and the unit's results are not locked.
- Penetapan is refused for the reasons domain.penetapan.penetapan_refusals gives (the
  one place the curve is enforced) over the facts selectors.unit.penetapan_facts
  gathers: anybody the curve counts unrated, no organisation predikat, a failing curve
  (each failing rule and by how many people), a unit head's rating hasil kerja that
  disagrees with their unit's organisation predikat. On success ONE UPDATE locks every
  rated evaluation the unit's penetapan covers, whatever their number.
- Reopening needs a reason, is audited, and returns the evaluations to "dinilai" with
  ONE UPDATE.

Concurrency: each write locks the unit row (SELECT … FOR UPDATE), so two penetapan of
a unit, or a penetapan and a change of its organisation predikat, run one after the
other; penetapan re-checks the curve after its UPDATE has locked the evaluations, so a
rating saved between the check and the update cannot slip into a locked result."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import audit
from ekinerja.core.access import require_instansi
from ekinerja.core.notify import Note, notify_many
from ekinerja.core.roles import Actor, MemberActor
from ekinerja.org.models import UnitKerja

from .. import access
from ..domain import evaluation, ratings
from ..domain.penetapan import penetapan_refusals
from ..models import Evaluasi, Penetapan, PredikatOrganisasi
from ..selectors.kurva import curve_status
from ..selectors.unit import penetapan_facts
from .periode import require_open

MIN_ALASAN = 10
MAX_ALASAN = 2000
MAX_CATATAN = 2000

NOTIFY_DITETAPKAN = "penetapan.ditetapkan"
NOTIFY_DIBUKA = "penetapan.dibuka_kembali"


def _unit_for_update(actor: MemberActor, unit_id: int) -> UnitKerja:
    unit = (
        UnitKerja.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=unit_id)
        .first()
    )
    if unit is None:
        raise Http404(_("Unit kerja tidak ditemukan."))
    return unit


def _url(name: str, *args) -> str:
    """A page to link a notification to; "" while the page does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# --- organisation predikat -------------------------------------------------------------


@transaction.atomic
def predikat_organisasi_set(
    *,
    actor: Actor,
    unit_id: int,
    periode_penilaian_id: int,
    predikat: str,
    catatan: str = "",
) -> PredikatOrganisasi:
    """Set (or change) the organisation predikat of a unit for a period (rules §2). It
    gives the unit's curve and its head's rating hasil kerja (rules §1)."""
    actor = require_instansi(actor)
    unit = _unit_for_update(actor, unit_id)
    if not access.can_set_predikat_organisasi(actor, unit):
        raise PermissionDenied(
            _(
                "Predikat kinerja organisasi %(unit)s ditetapkan oleh pimpinan satu tingkat "
                "di atasnya atau Admin Instansi."
            )
            % {"unit": unit.nama}
        )
    periode = access.access_periode_penilaian(actor=actor, id=periode_penilaian_id)
    require_open(periode)
    errors = {}
    if predikat not in ratings.PREDIKAT_ORGANISASI:
        errors["predikat"] = _("Pilih predikat kinerja organisasi.")
    catatan = (catatan or "").strip()
    if len(catatan) > MAX_CATATAN:
        errors["catatan"] = _("Catatan paling panjang %(n)s karakter.") % {"n": MAX_CATATAN}
    if errors:
        raise ValidationError(errors)
    if Penetapan.objects.filter(
        instansi_id=actor.instansi_id,
        unit=unit,
        periode_penilaian=periode,
        status=Penetapan.Status.DITETAPKAN,
    ).exists():
        raise ValidationError(
            _(
                "Distribusi predikat %(unit)s periode %(periode)s sudah ditetapkan; predikat "
                "organisasinya hanya dapat diubah setelah penetapan dibuka kembali oleh Admin "
                "Instansi."
            )
            % {"unit": unit.nama, "periode": periode}
        )
    # The head's rating follows this predikat: once their result is locked in another
    # unit's penetapan, changing it would quietly contradict a locked result.
    locked_head = (
        Evaluasi.objects.filter(
            instansi_id=actor.instansi_id,
            periode_penilaian=periode,
            kepala_unit=unit,
            status=evaluation.EVALUASI_DITETAPKAN,
        )
        .select_related("unit_kurva")
        .first()
    )
    if locked_head is not None:
        raise ValidationError(
            _(
                "Predikat kepala %(unit)s sudah ditetapkan bersama %(kurva)s periode "
                "%(periode)s; predikat organisasinya hanya dapat diubah setelah penetapan "
                "itu dibuka kembali oleh Admin Instansi."
            )
            % {"unit": unit.nama, "kurva": locked_head.unit_kurva.nama, "periode": periode}
        )
    po = (
        PredikatOrganisasi.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, unit=unit, periode_penilaian=periode)
        .first()
    )
    fields = ["predikat", "catatan"]
    before = audit.snapshot(po, fields) if po else {}
    if po is None:
        po = PredikatOrganisasi(instansi_id=actor.instansi_id, unit=unit, periode_penilaian=periode)
    elif po.predikat == predikat and po.catatan == catatan:
        return po
    po.predikat = predikat
    po.catatan = catatan
    po.ditetapkan_oleh = actor.user
    po.save()
    audit.record(
        actor=actor.user,
        action="predikat_organisasi.set",
        obj=po,
        object_repr=f"{unit.nama} · {periode}",
        changes=audit.diff(before, audit.snapshot(po, fields)),
    )
    return po


# --- penetapan -------------------------------------------------------------------------


@transaction.atomic
def penetapan_create(*, actor: Actor, unit_id: int, periode_penilaian_id: int) -> Penetapan:
    """Lock the staff predikat of a unit for a period (rules §2). Refused, with every
    reason, while the curve is not ready or fails; nothing changes then."""
    actor = require_instansi(actor)
    unit = access.access_unit_kurva(actor=actor, id=unit_id, manage=True, lock=True)
    periode = access.access_periode_penilaian(actor=actor, id=periode_penilaian_id)
    require_open(periode)
    status = curve_status(periode=periode, unit=unit)
    reasons = penetapan_refusals(penetapan_facts(status))
    if reasons:
        raise ValidationError(reasons)
    now = timezone.now()
    locked = Evaluasi.objects.filter(
        instansi_id=actor.instansi_id,
        periode_penilaian=periode,
        unit_kurva=unit,
        status=evaluation.EVALUASI_DINILAI,
    ).update(status=evaluation.EVALUASI_DITETAPKAN, ditetapkan_at=now, updated_at=now)
    # The UPDATE holds the rows now: check again what it locked (a rating saved between
    # the first check and the update is seen here, and the whole step is undone).
    status = curve_status(periode=periode, unit=unit)
    reasons = penetapan_refusals(penetapan_facts(status))
    if reasons:
        raise ValidationError(reasons)
    po = status.predikat_organisasi
    penetapan = Penetapan.objects.create(
        instansi_id=actor.instansi_id,
        unit=unit,
        periode_penilaian=periode,
        status=Penetapan.Status.DITETAPKAN,
        predikat_organisasi=po.predikat if po else "",
        jumlah=dict(status.counts),
        jumlah_evaluasi=locked,
        aturan_versi=status.aturan.versi,
        ditetapkan_oleh=actor.user,
        ditetapkan_at=now,
    )
    audit.record(
        actor=actor.user,
        action="penetapan.create",
        obj=penetapan,
        object_repr=f"{unit.nama} · {periode}",
        changes={
            "unit": audit.ref(unit),
            "periode": str(periode),
            "predikat_organisasi": penetapan.predikat_organisasi,
            "jumlah": penetapan.jumlah,
            "jumlah_evaluasi": locked,
            "aturan_versi": penetapan.aturan_versi,
        },
    )
    users = Evaluasi.objects.filter(
        instansi_id=actor.instansi_id,
        periode_penilaian=periode,
        unit_kurva=unit,
        status=evaluation.EVALUASI_DITETAPKAN,
    ).values_list("pegawai__user_id", flat=True)
    notify_many(
        instansi_id=actor.instansi_id,
        notes=[
            Note(
                recipients=list(users),
                kind=NOTIFY_DITETAPKAN,
                message=gettext_lazy(
                    "Predikat kinerja Anda periode %(periode)s telah ditetapkan (%(unit)s)."
                ),
                url=_url("appraisal:evaluasi-mine"),
                params={"periode": str(periode), "unit": unit.nama},
            )
        ],
    )
    return penetapan


@transaction.atomic
def penetapan_reopen(*, actor: Actor, penetapan_id: int, alasan: str) -> Penetapan:
    """Reopen a penetapan (Admin Instansi only) with a reason: its evaluations return to
    "dinilai" so that ratings and the organisation predikat can be corrected; the row is
    kept with who reopened it, when and why, and the reason is audited."""
    actor = access.require_appraisal_admin(actor)
    alasan = (alasan or "").strip()
    if len(alasan) < MIN_ALASAN:
        raise ValidationError(
            {
                "alasan": _(
                    "Tuliskan alasan pembukaan kembali sedikitnya %(n)s karakter; alasan ini "
                    "dicatat dalam jejak audit."
                )
                % {"n": MIN_ALASAN}
            }
        )
    if len(alasan) > MAX_ALASAN:
        raise ValidationError(
            {"alasan": _("Alasan paling panjang %(n)s karakter.") % {"n": MAX_ALASAN}}
        )
    penetapan = (
        Penetapan.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=penetapan_id)
        .first()
    )
    if penetapan is None:
        raise Http404(_("Penetapan tidak ditemukan."))
    unit = _unit_for_update(actor, penetapan.unit_id)
    periode = access.access_periode_penilaian(actor=actor, id=penetapan.periode_penilaian_id)
    if penetapan.status != Penetapan.Status.DITETAPKAN:
        raise ValidationError(
            _("Penetapan ini sudah dibuka kembali pada %(waktu)s.")
            % {"waktu": timezone.localtime(penetapan.dibuka_at).strftime("%d-%m-%Y %H:%M")}
        )
    now = timezone.now()
    reopened = Evaluasi.objects.filter(
        instansi_id=actor.instansi_id,
        periode_penilaian=periode,
        unit_kurva=unit,
        status=evaluation.EVALUASI_DITETAPKAN,
    ).update(status=evaluation.EVALUASI_DINILAI, ditetapkan_at=None, updated_at=now)
    penetapan.status = Penetapan.Status.DIBUKA_KEMBALI
    penetapan.dibuka_oleh = actor.user
    penetapan.dibuka_at = now
    penetapan.alasan_dibuka = alasan
    penetapan.save(update_fields=["status", "dibuka_oleh", "dibuka_at", "alasan_dibuka"])
    audit.record(
        actor=actor.user,
        action="penetapan.reopen",
        obj=penetapan,
        object_repr=f"{unit.nama} · {periode}",
        changes={
            "status": [Penetapan.Status.DITETAPKAN, Penetapan.Status.DIBUKA_KEMBALI],
            "alasan": alasan,
            "unit": audit.ref(unit),
            "periode": str(periode),
            "jumlah_evaluasi": reopened,
        },
    )
    notify_many(
        instansi_id=actor.instansi_id,
        notes=[
            Note(
                recipients=[penetapan.ditetapkan_oleh_id],
                kind=NOTIFY_DIBUKA,
                message=gettext_lazy(
                    "Penetapan predikat %(unit)s periode %(periode)s dibuka kembali oleh "
                    "Admin Instansi: %(alasan)s"
                ),
                url=_url("appraisal:unit-detail", unit.pk, periode.pk),
                params={"unit": unit.nama, "periode": str(periode), "alasan": alasan},
            )
        ],
    )
    return penetapan
