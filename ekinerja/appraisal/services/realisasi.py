"""The staff member's realisasi per IKI in their evaluation (issue 5 item 1), and its
capaian (rules §3: higher or lower is better, ranges, target 0 has none).

Only the person evaluated writes their realisasi, only while the evaluation is a draft
in an open period; the penilai's rating freezes it. Bad input raises ValidationError
with one Indonesian message per field and stores nothing."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import IKI

from ..access import OWNER, access_evaluasi, evaluasi_role
from ..domain import achievement, evaluation
from ..models import Evaluasi, PeriodePenilaian, RealisasiIKI
from ..selectors.kurva import aturan_for

FOUR_PLACES = Decimal("0.0001")
# RealisasiIKI.capaian: 12 digits, 4 after the point.
CAPAIAN_LIMIT = Decimal(10) ** 8
# Long enough for a paragraph of evidence, short enough to stay a summary.
MAX_TEKS = 4000
MAX_CATATAN = 2000
AUDIT_FIELDS = ("nilai", "teks", "capaian", "catatan")


class RealisasiDoubt(ValidationError):
    """A legal realisasi that deserves a second look before it is saved (issue 11 §6):
    the capaian it gives is absurd, or a percentage is above 100
    (domain.achievement.realisasi_doubts). Raised only when the caller asks
    (`confirmed=False`); the message reads the number back the way it was understood."""

    def __init__(self, *, nilai: Decimal, capaian: Decimal | None, satuan: str, doubts):
        self.nilai, self.capaian, self.satuan = nilai, capaian, satuan
        self.doubts = tuple(doubts)
        self.text = achievement.realisasi_doubt_text(
            nilai=nilai,
            capaian=capaian,
            satuan=satuan,
            doubts=self.doubts,
            # The words are Indonesian ("enam puluh lima ribu …"): only in Indonesian.
            words=(translation.get_language() or "id").startswith("id"),
        )
        super().__init__({"nilai": [self.text]})


def realisasi_refusal(evaluasi: Evaluasi, *, mode_tahunan: str) -> str | None:
    """Why the person may not change their realisasi now, or None when they may
    (domain.evaluation.edit_refusal). `evaluasi.periode_penilaian` must be loaded; `mode_tahunan`
    is the year's rule (rules §4: in `last_period` mode the annual evaluation is a copy)."""
    periode = evaluasi.periode_penilaian
    return evaluation.edit_refusal(
        status=evaluasi.status,
        periode_open=periode.status == PeriodePenilaian.Status.DIBUKA,
        periode_preparing=periode.status == PeriodePenilaian.Status.DISIAPKAN,
        periode_label=str(periode),
        tahunan=periode.is_tahunan,
        mode_tahunan=mode_tahunan,
        realisasi=True,
    )


def parse_realisasi(raw: str | int | Decimal | None) -> tuple[Decimal | None, str]:
    """A realisasi typed the Indonesian way (`12`, `12,5`, `1.234,5`) → (value, "") or
    (None, the message saying what is wrong)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, _("Isikan realisasi berupa angka, mis. 12 atau 12,5.")
    try:
        value = plans_domain.parse_number(raw)
    except plans_domain.PlanRuleError:
        return None, _("Realisasi harus berupa angka, mis. 12 atau 12,5.")
    if value < 0:
        return None, _("Realisasi tidak boleh negatif.")
    if not plans_domain.fits(value):
        return None, _("Realisasi paling banyak 14 digit sebelum koma dan 4 digit sesudah koma.")
    return value.quantize(FOUR_PLACES), ""


def capaian_of(iki: IKI, value: Decimal) -> Decimal | None:
    """The capaian of `value` against the IKI's target (rules §3), unrounded but for
    storage at 4 decimals; None when undefined (target 0, or no numeric target)."""
    if iki.target_jenis == plans_domain.TARGET_RENTANG:
        if iki.target_min is None or iki.target_maks is None:
            return None
        result = achievement.capaian(
            value, arah=iki.arah, target_min=iki.target_min, target_maks=iki.target_maks
        )
    elif iki.target_jenis == plans_domain.TARGET_ANGKA:
        result = achievement.capaian(value, iki.target_nilai, arah=iki.arah)
    else:
        return None
    return None if result is None else result.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def _snapshot(row: RealisasiIKI | None) -> dict[str, Any]:
    if row is None:
        return dict.fromkeys(AUDIT_FIELDS)
    return {
        "nilai": None if row.nilai is None else str(row.nilai),
        "teks": row.teks,
        "capaian": None if row.capaian is None else str(row.capaian),
        "catatan": row.catatan,
    }


@transaction.atomic
def evaluasi_realisasi_save(
    *,
    actor: Actor,
    evaluasi_id: int,
    iki_id: int,
    nilai: str | int | Decimal | None = "",
    teks: str = "",
    catatan: str = "",
    confirmed: bool = True,
) -> RealisasiIKI:
    """Save the person's realisasi of one IKI in their evaluation and its capaian.
    With `confirmed=False` (the page), a doubtful value raises RealisasiDoubt and saves
    nothing until it is sent again confirmed.

    A numeric target (angka, rentang) needs a number (Indonesian format, ≥ 0); a
    kualitatif target needs a description (`teks`). `teks` on a numeric target and
    `catatan` are optional notes. Refused for anyone but the person evaluated, after
    the penilai rated, after penetapan, in a closed period, and for an annual
    evaluation that copies the last period. Audited as "evaluasi.realisasi" (old → new);
    saving the same values again changes and records nothing."""
    evaluasi = access_evaluasi(actor=actor, id=evaluasi_id, for_write=True)
    if evaluasi_role(actor, evaluasi) != OWNER:
        raise PermissionDenied(_("Realisasi hanya dapat diisi oleh pegawai yang dinilai."))
    # Lock the evaluation: a penilai rating at the same moment either waits for this
    # realisasi or has already frozen it (re-read the status under the lock).
    evaluasi.status = (
        Evaluasi.objects.select_for_update()
        .filter(instansi_id=evaluasi.instansi_id, pk=evaluasi.pk)
        .values_list("status", flat=True)
        .get()
    )
    periode = evaluasi.periode_penilaian
    mode = (
        aturan_for(instansi_id=evaluasi.instansi_id, tahun=periode.tanggal_mulai.year).mode_tahunan
        if periode.is_tahunan
        else evaluation.TAHUNAN_TERPISAH
    )
    refusal = realisasi_refusal(evaluasi, mode_tahunan=mode)
    if refusal:
        raise ValidationError(refusal)

    iki = IKI.objects.filter(
        instansi_id=evaluasi.instansi_id, pk=iki_id, rhk__skp_id=evaluasi.skp_id
    ).first()
    if iki is None:
        raise ValidationError({"iki": _("Indikator ini bukan bagian dari SKP yang dievaluasi.")})

    errors: dict[str, str] = {}
    teks = (teks or "").strip()
    catatan = (catatan or "").strip()
    value: Decimal | None = None
    if iki.target_jenis == plans_domain.TARGET_TEKS:
        if not teks:
            errors["teks"] = _("Uraikan realisasi untuk target kualitatif ini.")
    else:
        value, message = parse_realisasi(nilai)
        if message:
            errors["nilai"] = message
    if len(teks) > MAX_TEKS:
        errors["teks"] = _("Uraian realisasi paling banyak %(n)s karakter.") % {"n": MAX_TEKS}
    if len(catatan) > MAX_CATATAN:
        errors["catatan"] = _("Catatan paling banyak %(n)s karakter.") % {"n": MAX_CATATAN}
    capaian = capaian_of(iki, value) if value is not None else None
    if capaian is not None and capaian >= CAPAIAN_LIMIT:
        errors["nilai"] = _(
            "Realisasi ini menghasilkan capaian di luar batas (99.999.999%); periksa kembali "
            "angkanya dan satuannya."
        )
    if errors:
        raise ValidationError(errors)
    if value is not None and not confirmed:
        doubts = achievement.realisasi_doubts(nilai=value, capaian=capaian, satuan=iki.satuan)
        if doubts:
            raise RealisasiDoubt(nilai=value, capaian=capaian, satuan=iki.satuan, doubts=doubts)

    row = (
        RealisasiIKI.objects.select_for_update()
        .filter(instansi_id=evaluasi.instansi_id, evaluasi=evaluasi, iki=iki)
        .first()
    )
    before = _snapshot(row)
    if row is None:
        row = RealisasiIKI(instansi_id=evaluasi.instansi_id, evaluasi=evaluasi, iki=iki)
    row.nilai, row.teks, row.capaian, row.catatan = value, teks, capaian, catatan
    changes = audit.diff(before, _snapshot(row))
    row.iki = iki
    if not changes and row.pk is not None:
        return row
    row.save()
    audit.record(
        actor=actor.user,
        action="evaluasi.realisasi",
        obj=row,
        object_repr=f"{evaluasi} · IKI {iki.pk}: {iki.indikator}"[:255],
        changes=changes,
    )
    return row
