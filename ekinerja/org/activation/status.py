"""Where each person's account stands, as the issuing list shows it (never issued,
waiting, expired, active, no account), computed in SQL for a whole page."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ekinerja.core.models import ActivationCode
from ekinerja.core.nip import normalize_nip

from ..models import Pegawai, UnitKerja
from .scope import IssuerScope

PAGE_SIZE = 25


class Status:
    """Where a person's account stands, as the issuing list shows it."""

    AKTIF = "aktif"
    MENUNGGU = "menunggu"
    KEDALUWARSA = "kedaluwarsa"
    BELUM = "belum"
    TANPA_AKUN = "tanpa_akun"

    CHOICES = [
        (BELUM, gettext_lazy("Belum pernah diterbitkan")),
        (MENUNGGU, gettext_lazy("Menunggu aktivasi")),
        (KEDALUWARSA, gettext_lazy("Kode kedaluwarsa")),
        (AKTIF, gettext_lazy("Akun aktif")),
        (TANPA_AKUN, gettext_lazy("Tanpa akun")),
    ]
    LABELS = dict(CHOICES)


def _live_codes(now: dt.datetime) -> QuerySet[ActivationCode]:
    return ActivationCode.objects.filter(
        user_id=OuterRef("user_id"),
        used_at__isnull=True,
        voided_at__isnull=True,
        expires_at__gt=now,
    )


def with_status(qs: QuerySet[Pegawai], *, now: dt.datetime | None = None) -> QuerySet[Pegawai]:
    """Annotate each person's account status (`akun_status`) and, while a code waits,
    its expiry (`kode_berlaku`): three correlated subqueries, no query per row."""
    now = now or timezone.now()
    live = _live_codes(now)
    return qs.annotate(
        kode_berlaku=Subquery(live.order_by("-issued_at").values("expires_at")[:1]),
        kode_pernah=Exists(ActivationCode.objects.filter(user_id=OuterRef("user_id"))),
        sandi_ada=Case(
            When(user__isnull=True, then=Value(False)),
            When(user__password__startswith="!", then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        ),
    ).annotate(
        akun_status=Case(
            When(user__isnull=True, then=Value(Status.TANPA_AKUN)),
            When(sandi_ada=True, then=Value(Status.AKTIF)),
            When(kode_berlaku__isnull=False, then=Value(Status.MENUNGGU)),
            When(kode_pernah=True, then=Value(Status.KEDALUWARSA)),
            default=Value(Status.BELUM),
        )
    )


def activation_list(
    *,
    scope: IssuerScope,
    q: str = "",
    unit: UnitKerja | None = None,
    status: str = "",
) -> QuerySet[Pegawai]:
    """Active staff the actor may issue codes for, with their account status."""
    qs = Pegawai.objects.filter(instansi_id=scope.actor.instansi_id, aktif=True).filter(
        scope.pegawai_q()
    )
    q = (q or "").strip()
    if q:
        digits = normalize_nip(q)
        qs = qs.filter(nip__startswith=digits) if digits.isdigit() else qs.filter(nama__icontains=q)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    qs = with_status(qs)
    if status:
        qs = qs.filter(akun_status=status)
    return qs.select_related("unit", "user").order_by("nama", "pk")


def status_counts(*, scope: IssuerScope, unit: UnitKerja | None = None) -> dict[str, int]:
    qs = activation_list(scope=scope, unit=unit).order_by()
    rows = qs.values("akun_status").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(Status.LABELS, 0)
    for r in rows:
        counts[r["akun_status"]] = r["n"]
    return counts


def pegawai_status(pegawai: Pegawai) -> tuple[str, dt.datetime | None]:
    row = with_status(
        Pegawai.objects.filter(instansi_id=pegawai.instansi_id, pk=pegawai.pk)
    ).values("akun_status", "kode_berlaku")[0]
    return row["akun_status"], row["kode_berlaku"]
