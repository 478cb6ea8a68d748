"""Activation letters: one per code, shown once on the page, printed as one PDF page
or rendered into the email (`make_letter`); and the letters a reader may print again
from the result page, each code checked to be that person's live code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ekinerja.core import activation
from ekinerja.core.models import ActivationCode, User

from ..models import Instansi, Pegawai
from .scope import IssuerScope, refusals


@dataclass
class Letter:
    """One activation letter: shown once on the page and printed as one PDF page."""

    user_id: int
    instansi: str
    nama: str
    nip: str  # as printed, or the user name of a login without a NIP
    unit: str
    code: str
    expires_at: dt.datetime
    tz_label: str
    reset: bool
    activate_page: str  # to type from paper
    activate_url: str  # to click in an email: with the NIP filled in
    login_url: str
    printed: dt.datetime


TZ_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def _instansi_info(instansi_id: int | None, cache: dict[int | None, dict] | None) -> dict:
    if cache is not None and instansi_id in cache:
        return cache[instansi_id]
    info = Instansi.objects.filter(pk=instansi_id).values("nama", "zona_waktu").first() or {}
    if cache is not None:
        cache[instansi_id] = info
    return info


def make_letter(
    user: User,
    pegawai: Pegawai | None,
    code: str,
    row: ActivationCode,
    *,
    site: str,
    cache: dict[int | None, dict] | None = None,
) -> Letter:
    """`site`: the address the letter gives (SITE_URL, else the one the admin uses);
    `cache` saves the agency lookup across the letters of one batch."""
    instansi = _instansi_info(user.instansi_id, cache)
    zona = instansi.get("zona_waktu") or settings.TIME_ZONE
    nip = pegawai.nip if pegawai and pegawai.nip else user.get_username()
    return Letter(
        user_id=user.pk,
        instansi=instansi.get("nama", ""),
        nama=pegawai.nama_lengkap if pegawai else (user.get_full_name() or user.get_username()),
        nip=pegawai.nip_display if pegawai and pegawai.nip else user.get_username(),
        unit=pegawai.unit.nama if pegawai and pegawai.unit is not None else "",
        code=activation.format_code(code),
        expires_at=row.expires_at.astimezone(ZoneInfo(zona)),
        tz_label=TZ_LABELS.get(zona, zona),
        reset=row.purpose == ActivationCode.Purpose.RESET,
        activate_page=f"{site}{reverse('account_activate')}",
        activate_url=f"{site}{reverse('account_activate')}?nip={nip}",
        login_url=f"{site}{reverse('login')}",
        printed=timezone.now().astimezone(ZoneInfo(zona)),
    )


def letters_for(
    issued: Iterable[activation.Issued], by_user: dict[int, Pegawai], site: str
) -> list[Letter]:
    cache: dict[int | None, dict] = {}
    return [
        make_letter(i.user, by_user.get(i.user.pk), i.code, i.row, site=site, cache=cache)
        for i in issued
    ]


def letters_verified(
    *, pairs: Sequence[tuple[int, str]], allowed: dict[int, Pegawai | None], site: str
) -> tuple[list[Letter], list[int]]:
    """The letters to print for (user id, code) pairs sent back by the result page.
    `allowed` maps the user ids the reader may issue codes for to their Pegawai record
    (or None); each code must be the live code of that user. Returns (letters, user
    ids refused)."""
    now = timezone.now()
    users = {u.pk: u for u in User.objects.filter(pk__in=list(allowed))}
    live = {
        row.user_id: row
        for row in ActivationCode.objects.filter(
            user_id__in=list(allowed),
            used_at__isnull=True,
            voided_at__isnull=True,
            expires_at__gt=now,
        )
    }
    letters: list[Letter] = []
    refused: list[int] = []
    cache: dict[int | None, dict] = {}
    for uid, code in pairs:
        row = live.get(uid)
        if uid not in users or row is None or not activation.code_matches_row(row, code):
            refused.append(uid)
            continue
        letters.append(make_letter(users[uid], allowed[uid], code, row, site=site, cache=cache))
    letters.sort(key=lambda letter: (letter.nama.lower(), letter.user_id))
    return letters, refused


def printable_for(*, scope: IssuerScope, user_ids: Iterable[int]) -> dict[int, Pegawai | None]:
    """Of `user_ids`, those whose letters the issuer may print, with their Pegawai."""
    people = list(
        Pegawai.objects.select_related("unit", "user")
        .filter(instansi_id=scope.actor.instansi_id, user_id__in=list(user_ids))
        .filter(scope.pegawai_q())
    )
    reasons = refusals(scope, people)
    return {p.user_id: p for p in people if not reasons[p.pk]}
