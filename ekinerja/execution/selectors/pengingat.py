"""Reads behind the reminders the Admin Instansi schedules (issue 4 item 6): the list
page, and who receives a reminder.

Recipients are resolved in one SQL query whatever the size of the agency (a province
has 27,000 staff): the database answers "who has not logged this week" and "who has a
queue" with a semi-join on the indexed activity log, and only user ids come back.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet

from ekinerja.org.models import Pegawai

from .. import domain
from ..models import Aktivitas, Pengingat

# A list page is an admin's handful of reminders; the bound keeps it one small query.
MAX_LIST = 200


def pengingat_list(*, instansi_id: int) -> QuerySet[Pengingat]:
    """The agency's reminders in schedule order (working-day ones first, then by day)."""
    return Pengingat.objects.filter(instansi_id=instansi_id).order_by("hari", "jam", "id")[
        :MAX_LIST
    ]


def _staff_with_login(instansi_id: int) -> QuerySet[Pegawai]:
    """Active pegawai of the agency who can log in (a reminder is a notification, and a
    notification is addressed to a login)."""
    return Pegawai.objects.filter(
        instansi_id=instansi_id, aktif=True, user__isnull=False, user__is_active=True
    )


def recipients(*, instansi_id: int, sasaran: str, today: dt.date) -> QuerySet[Pegawai]:
    """The pegawai a reminder for `sasaran` reaches on `today` (a local date):

    - SEMUA: every active pegawai with a login;
    - BELUM_MENCATAT: those with no activity logged from this week's Monday to today;
    - ATASAN_ANTREAN: supervisors (the current Pegawai.atasan of someone) who have at
      least one subordinate's activity still waiting for verification.
    """
    staff = _staff_with_login(instansi_id)
    if sasaran == Pengingat.Sasaran.SEMUA:
        return staff
    if sasaran == Pengingat.Sasaran.BELUM_MENCATAT:
        monday = domain.week_days(today)[0]
        logged = Aktivitas.objects.filter(
            instansi_id=instansi_id,
            pegawai_id=OuterRef("pk"),
            tanggal__gte=monday,
            tanggal__lte=today,
        )
        return staff.filter(~Exists(logged))
    if sasaran == Pengingat.Sasaran.ATASAN_ANTREAN:
        # Uncorrelated: the set of supervisors is computed once from the pending rows
        # (index akt_status_tanggal), not probed once per pegawai of the agency.
        waiting = Aktivitas.objects.filter(instansi_id=instansi_id, status=domain.DIAJUKAN)
        return staff.filter(pk__in=waiting.values("pegawai__atasan_id"))
    raise ValueError(f"unknown sasaran {sasaran!r}")


def recipient_user_ids(*, instansi_id: int, sasaran: str, today: dt.date) -> list[int]:
    """User ids of `recipients`, in one query."""
    return list(
        recipients(instansi_id=instansi_id, sasaran=sasaran, today=today)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
