"""Staff in scope whose SKP in force is not approved, or who have none
(`staff_without_approved_skp`): the list under the cascade page, and its export."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, QuerySet

from ekinerja.core.nip import normalize_nip
from ekinerja.core.roles import Actor
from ekinerja.org.models import UnitKerja

from .. import domain
from ..models import PeriodeKinerja
from ..selectors import latest_skp
from .common import MISSING, _check, _latest_of, _staff


def staff_without_approved_skp(
    *,
    actor: Actor | None,
    periode: PeriodeKinerja,
    unit: UnitKerja | None = None,
    q: str = "",
    status: str = "",
) -> QuerySet:
    """Staff in scope whose SKP in force for the periode is not approved (or who have
    none), with that SKP's id and status: a values() queryset in unit then name order,
    for a paginator (count + one page: two queries) or an export."""
    actor = _check(actor, periode, unit)
    latest = latest_skp(periode).filter(pegawai_id=OuterRef("pk"))
    qs = _staff(actor, unit).exclude(Exists(latest.filter(status=domain.DISETUJUI)))
    if status == MISSING:
        qs = qs.exclude(Exists(latest))
    elif status:
        qs = qs.filter(Exists(latest.filter(status=status)))
    qs = qs.annotate(skp_status=_latest_of(periode, "status"), skp_id=_latest_of(periode, "pk"))
    q = (q or "").strip()
    if q:
        digits = normalize_nip(q)
        qs = qs.filter(nip__startswith=digits) if digits.isdigit() else qs.filter(nama__icontains=q)
    # Staff without a unit last, on SQLite as on PostgreSQL.
    return qs.order_by(F("unit__path").asc(nulls_last=True), "nama", "pk").values(
        "pk", "gelar_depan", "nama", "gelar_belakang", "nip", "jabatan__nama", "unit__nama",
        "skp_status", "skp_id",
    )  # fmt: skip
