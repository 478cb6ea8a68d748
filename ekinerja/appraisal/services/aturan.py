"""The agency's appraisal rules of a year (rules §1, §2, §4 are configurable): annual
mode, the suggestion thresholds, the unit head mapping, the distribution curve and the
SIASN koefisienId per jenjang. Each change bumps `versi`, which evaluations and
penetapan store with their result (CONVENTIONS "Data")."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor

from ..access import require_appraisal_admin
from ..domain import distribution, ratings, ruleset
from ..models import AturanPenilaian

TAHUN_MIN, TAHUN_MAKS = 2000, 2100
AMBANG_MAKS = Decimal(1000)
MAX_RULES = 6  # per organisation predikat; the spec's curves have at most three
AUDIT_FIELDS = (
    "mode_tahunan",
    "ambang_di_atas",
    "ambang_sesuai",
    "pemetaan_kepala",
    "kurva",
)


def check_tahun(tahun: int) -> None:
    if not TAHUN_MIN <= tahun <= TAHUN_MAKS:
        raise ValidationError(
            _("Tahun harus antara %(a)s dan %(b)s.") % {"a": TAHUN_MIN, "b": TAHUN_MAKS}
        )


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def rule_text(rule: distribution.CurveRule) -> str:
    """ "Sangat Baik paling banyak 70%", "Butuh Perbaikan + Kurang/Misconduct paling
    sedikit 1 orang" — one rule as the admin reads it."""
    names = " + ".join(ratings.PREDIKAT_LABELS[p] for p in rule.predikat)
    if rule.people is not None:
        amount = _("%(n)s orang") % {"n": rule.people}
    else:
        amount = f"{((rule.share or Decimal(0)) * 100).normalize():f}%".replace(".", ",")
    if rule.op == distribution.AT_MOST:
        return _("%(p)s paling banyak %(x)s") % {"p": names, "x": amount}
    return _("%(p)s paling sedikit %(x)s") % {"p": names, "x": amount}


def clean_kurva(kurva: Mapping[str, Any]) -> dict[str, list[dict]]:
    """The curve as stored (domain.ruleset.curve_to_data), checked rule by rule with a message
    the admin can act on; ValidationError({"kurva": [...]}) otherwise. Organisation
    predikat whose rules equal the default are left out (they keep the default)."""
    errors: list[str] = []
    if not isinstance(kurva, Mapping):
        raise ValidationError({"kurva": [_("Kurva distribusi tidak sah.")]})
    for org, rules in kurva.items():
        if org not in ratings.PREDIKAT_ORGANISASI:
            errors.append(_("Predikat organisasi “%(o)s” tidak dikenal.") % {"o": org})
            continue
        label = ratings.PREDIKAT_ORGANISASI_LABELS[org]
        if not rules:
            errors.append(
                _(
                    "Predikat organisasi %(o)s memerlukan paling sedikit satu aturan; kurva "
                    "tanpa aturan tidak membatasi apa pun."
                )
                % {"o": label}
            )
            continue
        if len(rules) > MAX_RULES:
            errors.append(
                _("Predikat organisasi %(o)s: paling banyak %(n)s aturan.")
                % {"o": label, "n": MAX_RULES}
            )
        for i, r in enumerate(rules, start=1):
            where = _("%(o)s, aturan %(i)s") % {"o": label, "i": i}
            predikat = list(r.get("predikat") or [])
            if not predikat:
                errors.append(
                    _("%(w)s: pilih paling sedikit satu predikat pegawai.") % {"w": where}
                )
            elif any(p not in ratings.PREDIKAT for p in predikat):
                errors.append(_("%(w)s: predikat pegawai tidak dikenal.") % {"w": where})
            if r.get("op") not in (distribution.AT_MOST, distribution.AT_LEAST):
                errors.append(
                    _("%(w)s: pilih “paling banyak” atau “paling sedikit”.") % {"w": where}
                )
            share, people = r.get("share"), r.get("people")
            if (share is None) == (people is None):
                errors.append(
                    _("%(w)s: isi salah satu saja, persentase atau jumlah orang.") % {"w": where}
                )
            elif share is not None:
                d = _decimal(share)
                if d is None or not Decimal(0) <= d <= Decimal(1):
                    errors.append(_("%(w)s: persentase harus 0 sampai 100.") % {"w": where})
            else:
                try:
                    n = int(people)
                except (TypeError, ValueError):
                    n = -1
                if n < 0 or str(people).strip() != str(n):
                    errors.append(
                        _("%(w)s: jumlah orang harus bilangan bulat 0 atau lebih.") % {"w": where}
                    )
    if errors:
        raise ValidationError({"kurva": errors})
    try:
        curve = ruleset.curve_from_data(kurva)
    except (ValueError, KeyError, TypeError) as e:
        raise ValidationError(
            {"kurva": [_("Kurva distribusi tidak sah: %(e)s") % {"e": e}]}
        ) from None
    # Store only what differs from the spec's default (in substance: the order of the
    # predikat in a sum and "0.1" vs "0.10" are the same rule), so the stored curve
    # says exactly what the agency changed.
    data = ruleset.curve_to_data(curve)
    return {
        org: data[org]
        for org in ratings.PREDIKAT_ORGANISASI
        if org in kurva and _key(curve[org]) != _key(distribution.DEFAULT_CURVE[org])
    }


def _key(rules) -> tuple:
    return tuple((frozenset(r.predikat), r.op, r.share, r.people) for r in rules)


def _clean(
    *,
    mode_tahunan: str,
    ambang_di_atas: Any,
    ambang_sesuai: Any,
    pemetaan_kepala: Mapping[str, str] | None,
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    if mode_tahunan not in AturanPenilaian.ModeTahunan.values:
        errors["mode_tahunan"] = [_("Pilih cara evaluasi tahunan.")]
    atas, sesuai = _decimal(ambang_di_atas), _decimal(ambang_sesuai)
    if atas is None or not Decimal(0) < atas <= AMBANG_MAKS:
        errors["ambang_di_atas"] = [_("Ambang “di atas” harus angka lebih dari 0, mis. 110.")]
    if sesuai is None or not Decimal(0) < sesuai <= AMBANG_MAKS:
        errors["ambang_sesuai"] = [_("Ambang “sesuai” harus angka lebih dari 0, mis. 100.")]
    elif atas is not None and "ambang_di_atas" not in errors and not sesuai < atas:
        errors["ambang_sesuai"] = [
            _("Ambang “sesuai” harus lebih kecil daripada ambang “di atas” (%(a)s).") % {"a": atas}
        ]
    values: dict[str, Any] = {
        "mode_tahunan": mode_tahunan,
        "ambang_di_atas": atas.quantize(Decimal("0.01")) if atas is not None else None,
        "ambang_sesuai": sesuai.quantize(Decimal("0.01")) if sesuai is not None else None,
    }
    if pemetaan_kepala is not None:
        bad = [
            k
            for k, v in pemetaan_kepala.items()
            if k not in ratings.PREDIKAT_ORGANISASI or v not in ratings.RATINGS
        ]
        if bad:
            errors["pemetaan_kepala"] = [
                _("Setiap predikat organisasi dipetakan ke salah satu rating hasil kerja.")
            ]
        values["pemetaan_kepala"] = dict(pemetaan_kepala)
    return values, errors


def aturan_get_or_default(*, instansi_id: int, tahun: int) -> AturanPenilaian:
    """The stored rule set of a year, or an unsaved one holding the spec's defaults."""
    row = AturanPenilaian.objects.filter(instansi_id=instansi_id, tahun=tahun).first()
    return row or AturanPenilaian(instansi_id=instansi_id, tahun=tahun, versi=0)


@transaction.atomic
def aturan_update(
    *,
    actor: Actor,
    tahun: int,
    mode_tahunan: str,
    ambang_di_atas: Decimal | str | int,
    ambang_sesuai: Decimal | str | int,
    kurva: dict | None = None,
    pemetaan_kepala: dict | None = None,
) -> AturanPenilaian:
    """Set the rules of a year (Admin Instansi only). `kurva` and `pemetaan_kepala` left
    None keep what is stored; `{}` returns the curve or the mapping to the spec's
    default. The curve is stored as given for the organisation
    predikat it names (the others keep the default). Every change bumps `versi`; an
    unchanged save changes nothing."""
    actor = require_appraisal_admin(actor)
    check_tahun(tahun)
    values, errors = _clean(
        mode_tahunan=mode_tahunan,
        ambang_di_atas=ambang_di_atas,
        ambang_sesuai=ambang_sesuai,
        pemetaan_kepala=pemetaan_kepala,
    )
    if kurva is not None:
        try:
            values["kurva"] = clean_kurva(kurva)
        except ValidationError as e:
            errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    row = (
        AturanPenilaian.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, tahun=tahun)
        .first()
    )
    created = row is None
    if row is None:
        row = AturanPenilaian(instansi_id=actor.instansi_id, tahun=tahun, versi=0)
    before = audit.snapshot(row, AUDIT_FIELDS) if not created else {}
    for k, v in values.items():
        setattr(row, k, v)
    after = audit.snapshot(row, AUDIT_FIELDS)
    changes = audit.diff(before, after) if not created else {k: [None, v] for k, v in after.items()}
    if not created and not changes:
        return row
    row.versi = (row.versi or 0) + 1
    row.updated_by = actor.user
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        # Two admins saving a new year's rules at once: the other one won; try again.
        raise ValidationError(
            _("Aturan tahun ini baru saja disimpan oleh pengguna lain; muat ulang halaman.")
        ) from None
    changes["versi"] = [row.versi - 1 if not created else None, row.versi]
    audit.record(actor=actor.user, action="aturan_penilaian.update", obj=row, changes=changes)
    return row
