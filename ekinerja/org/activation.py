"""Activating staff accounts, as agencies do it: the Admin Instansi (or a Pengelola
Kinerja for the units they run) issues one-time codes to people one by one or for a
whole unit; each code is shown once, printed in an activation letter (PDF) or emailed
where the person has an address (core.activation does the codes themselves).

Who may issue for whom:
- the Admin Instansi: anyone of the agency, except holders of the Admin Instansi or
  Auditor role — those only the platform admin resets (core.accounts);
- a Pengelola Kinerja: people in the subtrees of their units who hold no role and
  supervise nobody (a pengelola must not be able to take over their superiors);
- the platform admin: the agency's Admin Instansi and Auditors only;
- nobody issues a code for themself (they change their password instead).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import accounts, activation, notify
from ekinerja.core.models import ActivationCode, Role, RoleAssignment, User
from ekinerja.core.nip import normalize_nip
from ekinerja.core.roles import Actor, require_member

from .models import Pegawai, UnitKerja

log = logging.getLogger(__name__)

PAGE_SIZE = 25
# A unit's letters are one PDF: beyond this many people, choose a smaller unit.
UNIT_BATCH_MAX = 500


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


# --- who may issue --------------------------------------------------------------------


@dataclass(frozen=True)
class IssuerScope:
    """The people an actor may issue codes for: the whole agency, or unit subtrees."""

    actor: Actor
    whole_instansi: bool
    unit_paths: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()

    def pegawai_q(self) -> Q:
        if self.whole_instansi:
            return Q()
        q = Q(pk__in=[])
        for p in self.unit_paths:
            q |= Q(unit__path__startswith=p)
        return q

    def covers(self, pegawai: Pegawai) -> bool:
        if self.whole_instansi:
            return True
        path = pegawai.unit.path if pegawai.unit_id else ""
        return bool(path) and any(path.startswith(p) for p in self.unit_paths)

    def covers_unit(self, unit: UnitKerja) -> bool:
        return self.whole_instansi or any(unit.path.startswith(p) for p in self.unit_paths)


def issuer_scope(actor: Actor | None) -> IssuerScope:
    actor = require_member(actor)
    if actor.is_admin:
        return IssuerScope(actor=actor, whole_instansi=True)
    unit_ids = actor.units_for(Role.PENGELOLA)
    if unit_ids:
        paths = tuple(
            UnitKerja.objects.filter(instansi_id=actor.instansi_id, pk__in=unit_ids)
            .order_by("path")
            .values_list("path", flat=True)
        )
        return IssuerScope(
            actor=actor, whole_instansi=False, unit_paths=paths, unit_ids=tuple(unit_ids)
        )
    raise PermissionDenied(
        _(
            "Aktivasi akun pegawai hanya dapat dilakukan oleh Admin Instansi dan Pengelola "
            "Kinerja (untuk unitnya)."
        )
    )


@dataclass(frozen=True)
class _Facts:
    roles: dict[int, set[str]]  # user id → roles held
    supervisors: set[int]  # pegawai ids who are someone's penilai


def _facts(people: Sequence[Pegawai]) -> _Facts:
    """What `refusal` needs about many people, in two queries."""
    user_ids = [p.user_id for p in people if p.user_id]
    roles: dict[int, set[str]] = {}
    for uid, role in RoleAssignment.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "role"
    ):
        roles.setdefault(uid, set()).add(role)
    supervisors: set[int] = set()
    if people:
        supervisors = set(
            Pegawai.objects.filter(
                instansi_id=people[0].instansi_id, atasan_id__in=[p.pk for p in people]
            ).values_list("atasan_id", flat=True)
        )
    return _Facts(roles=roles, supervisors=supervisors)


def refusal(scope: IssuerScope, pegawai: Pegawai, facts: _Facts | None = None) -> str:
    """Why `scope.actor` may not issue a code for `pegawai` ("" when they may)."""
    if pegawai.user_id is None:
        return _(
            "Pegawai ini belum mempunyai akun (akun dibuat dari NIP), sehingga tidak dapat "
            "diaktifkan."
        )
    if not pegawai.aktif:
        return _("Pegawai ini nonaktif. Aktifkan data pegawainya lebih dahulu.")
    if pegawai.user_id == scope.actor.user.pk:
        return _("Untuk akun Anda sendiri, gunakan Ganti kata sandi.")
    facts = facts or _facts([pegawai])
    roles = facts.roles.get(pegawai.user_id, set())
    if roles & set(accounts.PRIVILEGED_ROLES):
        return _(
            "Akun Admin Instansi dan Auditor hanya dapat diatur ulang oleh admin platform "
            "atau oleh pemiliknya sendiri."
        )
    if not scope.whole_instansi:
        if roles:
            return _("Pengelola Kinerja tidak dapat menerbitkan kode untuk pemegang peran.")
        if pegawai.pk in facts.supervisors:
            return _(
                "Pengelola Kinerja tidak dapat menerbitkan kode untuk pejabat penilai; "
                "hubungi Admin Instansi."
            )
    return ""


def refusals(scope: IssuerScope, people: Sequence[Pegawai]) -> dict[int, str]:
    facts = _facts(people)
    return {p.pk: refusal(scope, p, facts) for p in people}


def access_pegawai(*, actor: Actor | None, id: int) -> tuple[IssuerScope, Pegawai]:
    """A person of the actor's agency whose account the actor may manage: another
    agency's person is a 404, outside the actor's units a 403."""
    actor = require_member(actor)
    pegawai = (
        Pegawai.objects.select_related("unit", "jabatan", "user")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if pegawai is None:
        raise Http404(_("Data tidak ditemukan."))
    scope = issuer_scope(actor)
    if not scope.covers(pegawai):
        raise PermissionDenied(_("Pegawai ini di luar unit yang Anda kelola."))
    return scope, pegawai


def unit_choices(scope: IssuerScope) -> list[tuple[int, str]]:
    from .selectors import unit_choices as choices

    return choices(
        instansi_id=scope.actor.instansi_id,
        paths=() if scope.whole_instansi else scope.unit_paths,
    )


# --- status ---------------------------------------------------------------------------


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
    row = with_status(Pegawai.objects.filter(pk=pegawai.pk)).values("akun_status", "kode_berlaku")[
        0
    ]
    return row["akun_status"], row["kode_berlaku"]


# --- issuing --------------------------------------------------------------------------


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


@dataclass
class Result:
    letters: list[Letter] = field(default_factory=list)
    emailed: list[Pegawai] = field(default_factory=list)
    email_failed: list[Pegawai] = field(default_factory=list)


TZ_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def _instansi_info(instansi_id: int | None, cache: dict[int | None, dict] | None) -> dict:
    from .models import Instansi

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
        unit=pegawai.unit.nama if pegawai and pegawai.unit_id else "",
        code=activation.format_code(code),
        expires_at=row.expires_at.astimezone(ZoneInfo(zona)),
        tz_label=TZ_LABELS.get(zona, zona),
        reset=row.purpose == ActivationCode.Purpose.RESET,
        activate_page=f"{site}{reverse('account_activate')}",
        activate_url=f"{site}{reverse('account_activate')}?nip={nip}",
        login_url=f"{site}{reverse('login')}",
        printed=timezone.now().astimezone(ZoneInfo(zona)),
    )


def email_address(pegawai: Pegawai) -> str:
    """Where a code may be emailed: the login's address, else the HR record's."""
    user = pegawai.user
    return (user.email if user else "") or pegawai.email or ""


def _letters_for(
    issued: Iterable[activation.Issued], by_user: dict[int, Pegawai], site: str
) -> list[Letter]:
    cache: dict[int | None, dict] = {}
    return [
        make_letter(i.user, by_user.get(i.user.pk), i.code, i.row, site=site, cache=cache)
        for i in issued
    ]


def issue(
    *,
    scope: IssuerScope,
    people: Sequence[Pegawai],
    by_email: bool,
    site: str,
    ip: str | None = None,
) -> Result:
    """Issue codes for `people`, by email for those with an address when `by_email`,
    else as letters. Refused (PermissionDenied) if `scope.actor` may not issue for one
    of them. The codes are committed first; then the emails go out, and a person whose
    email fails gets a letter instead. Resets are announced to the owner (in the app,
    and by email when the code itself is not emailed)."""
    for p in people:
        if not scope.covers(p):
            raise PermissionDenied(_("Pegawai ini di luar unit yang Anda kelola."))
    reasons = refusals(scope, people)
    refused = next((r for r in reasons.values() if r), "")
    if refused:
        raise PermissionDenied(refused)
    actor_user = scope.actor.user
    result = Result()
    by_user = {p.user_id: p for p in people if p.user_id}
    mail_ids = {p.pk for p in people if by_email and email_address(p)}
    mail_group = [p for p in people if p.pk in mail_ids]
    letter_group = [p for p in people if p.pk not in mail_ids]
    with transaction.atomic():
        instansi_id = people[0].instansi_id if people else None
        if instansi_id:
            activation.codes_expire(instansi_id=instansi_id)
        letters = activation.codes_issue(
            issued_by=actor_user,
            users=[p.user for p in letter_group],
            delivery=ActivationCode.Delivery.LETTER,
            ip=ip,
        )
        mails = activation.codes_issue(
            issued_by=actor_user,
            users=[p.user for p in mail_group],
            delivery=ActivationCode.Delivery.EMAIL,
            ip=ip,
        )
        _announce_resets(
            actor_user, [*letters, *mails], by_user, emailed={i.user.pk for i in mails}
        )
    result.letters = _letters_for(letters, by_user, site)
    sent, failed = _send_codes(mails, by_user, site)
    result.emailed = [by_user[i.user.pk] for i in sent]
    if failed:
        ActivationCode.objects.filter(pk__in=[i.row.pk for i in failed]).update(
            delivery=ActivationCode.Delivery.LETTER
        )
        result.email_failed = [by_user[i.user.pk] for i in failed]
        result.letters += _letters_for(failed, by_user, site)
    result.letters.sort(key=lambda letter: (letter.nama.lower(), letter.user_id))
    return result


def _announce_resets(
    actor_user: User,
    issued: list[activation.Issued],
    by_user: dict[int, Pegawai],
    *,
    emailed: set[int],
) -> None:
    resets = [i for i in issued if i.row.purpose == ActivationCode.Purpose.RESET]
    if not resets:
        return
    who = actor_user.get_full_name() or actor_user.get_username()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Kata sandi e-Kinerja Anda diatur ulang")
        for i in resets:
            if i.user.pk in emailed:
                continue
            body = _(
                "%(oleh)s menerbitkan kode untuk mengatur ulang kata sandi akun e-Kinerja "
                "Anda (%(akun)s). Kata sandi lama tidak berlaku lagi; kode baru disampaikan "
                "kepada Anda dalam surat. Jika Anda tidak memintanya, segera hubungi admin "
                "kepegawaian instansi Anda."
            ) % {"oleh": who, "akun": i.user.get_username()}
            accounts.send_security_notice(
                user=i.user,
                subject=subject,
                body=body,
                to=accounts.notice_addresses(i.user),
                link=reverse("account_activate"),
            )
    by_instansi: dict[int, list[int]] = {}
    for i in resets:
        if i.user.instansi_id:
            by_instansi.setdefault(i.user.instansi_id, []).append(i.user.pk)
    for instansi_id, user_ids in by_instansi.items():
        notify.notify(
            recipients=user_ids,
            kind="akun.sandi_diatur_ulang",
            message=gettext_lazy(
                "%(oleh)s mengatur ulang kata sandi akun Anda dan menerbitkan kode baru."
            ),
            params={"oleh": who},
            url="",
            instansi_id=instansi_id,
            email=False,
        )


def _send_codes(
    issued: list[activation.Issued], by_user: dict[int, Pegawai], site: str
) -> tuple[list[activation.Issued], list[activation.Issued]]:
    """Email each code, on one connection; (sent, failed). Sent after the codes are
    committed, so that a mail server that is down leaves them as letters to print."""
    if not issued:
        return [], []
    sent: list[activation.Issued] = []
    failed: list[activation.Issued] = []
    cache: dict[int | None, dict] = {}
    try:
        connection = get_connection()
        connection.open()
    except Exception:
        log.exception("activation emails: cannot reach the mail server")
        return [], list(issued)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            for i in issued:
                pegawai = by_user[i.user.pk]
                try:
                    message = EmailMessage(
                        _("Kode aktivasi akun e-Kinerja"),
                        render_to_string(
                            "org/email/aktivasi.txt",
                            {
                                "letter": make_letter(
                                    i.user, pegawai, i.code, i.row, site=site, cache=cache
                                )
                            },
                        ),
                        to=[email_address(pegawai)],
                        connection=connection,
                    )
                    if message.send():
                        sent.append(i)
                    else:
                        failed.append(i)
                except Exception:
                    log.exception("activation email to user %s not sent", i.user.pk)
                    failed.append(i)
    finally:
        try:
            connection.close()
        except Exception:
            log.exception("activation emails: closing the mail connection failed")
    return sent, failed


# --- the letters (PDF) ----------------------------------------------------------------


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


def unit_candidates(
    *, scope: IssuerScope, unit: UnitKerja, include_pending: bool
) -> tuple[list[Pegawai], list[tuple[Pegawai, str]]]:
    """People of `unit`'s subtree whose accounts are not activated: never issued or
    expired, and, when asked, those whose code still waits (their code is replaced).
    Returns (to issue for, (person, why not) for the others not activated)."""
    wanted = [Status.BELUM, Status.KEDALUWARSA] + ([Status.MENUNGGU] if include_pending else [])
    people = list(
        activation_list(scope=scope, unit=unit).filter(akun_status__in=wanted)[: UNIT_BATCH_MAX + 1]
    )
    if len(people) > UNIT_BATCH_MAX:
        raise ValidationError(
            _(
                "Unit ini mempunyai lebih dari %(n)s pegawai yang belum aktif. Pilih unit "
                "yang lebih kecil agar surat aktivasinya dapat dicetak."
            )
            % {"n": UNIT_BATCH_MAX}
        )
    reasons = refusals(scope, people)
    return (
        [p for p in people if not reasons[p.pk]],
        [(p, reasons[p.pk]) for p in people if reasons[p.pk]],
    )


# --- the platform admin: an agency's Admin Instansi and Auditors ----------------------


@dataclass
class PrivilegedAccount:
    user: User
    pegawai: Pegawai | None
    roles: list[str]
    active: bool
    code_expires: dt.datetime | None


def privileged_accounts(*, instansi_id: int) -> list[PrivilegedAccount]:
    """The Admin Instansi and Auditors of an agency, for the platform admin: three
    queries, whatever their number."""
    assignments = list(
        RoleAssignment.objects.filter(
            instansi_id=instansi_id, role__in=accounts.PRIVILEGED_ROLES
        ).select_related("user")
    )
    users: dict[int, User] = {}
    roles: dict[int, list[str]] = {}
    for a in assignments:
        users[a.user_id] = a.user
        roles.setdefault(a.user_id, []).append(str(Role(a.role).label))
    people = {
        p.user_id: p
        for p in Pegawai.objects.select_related("unit").filter(
            instansi_id=instansi_id, user_id__in=list(users)
        )
    }
    now = timezone.now()
    expiry: dict[int, dt.datetime] = {}
    for uid, expires in ActivationCode.objects.filter(
        user_id__in=list(users), used_at__isnull=True, voided_at__isnull=True, expires_at__gt=now
    ).values_list("user_id", "expires_at"):
        expiry[uid] = max(expires, expiry.get(uid, expires))
    out = [
        PrivilegedAccount(
            user=u,
            pegawai=people.get(uid),
            roles=sorted(roles[uid]),
            active=u.has_usable_password(),
            code_expires=expiry.get(uid),
        )
        for uid, u in users.items()
    ]
    return sorted(out, key=lambda a: (a.user.get_full_name() or a.user.username).lower())


def require_platform(actor: Actor | None) -> Actor:
    if actor is None or not actor.is_platform_admin or actor.instansi_id is not None:
        raise PermissionDenied(_("Akun Admin Instansi dan Auditor dikelola oleh admin platform."))
    return actor


def privileged_user(*, instansi_id: int, user_id: int) -> User:
    """An Admin Instansi or Auditor of the agency, or a 404."""
    user = User.objects.filter(
        pk=user_id,
        instansi_id=instansi_id,
        pk__in=RoleAssignment.objects.filter(
            instansi_id=instansi_id, role__in=accounts.PRIVILEGED_ROLES
        ).values("user_id"),
    ).first()
    if user is None:
        raise Http404(_("Data tidak ditemukan."))
    return user


def platform_printable(*, user_ids: Iterable[int]) -> dict[int, Pegawai | None]:
    """Of `user_ids`, the agency admins and auditors (whose letters the platform admin
    prints), with their Pegawai record if they have one."""
    ids = set(
        RoleAssignment.objects.filter(
            user_id__in=list(user_ids), role__in=accounts.PRIVILEGED_ROLES
        ).values_list("user_id", flat=True)
    )
    people = {p.user_id: p for p in Pegawai.objects.select_related("unit").filter(user_id__in=ids)}
    return {uid: people.get(uid) for uid in ids}


def platform_issue(*, actor_user: User, user: User, site: str, ip: str | None = None) -> Letter:
    """The platform admin resets an agency admin's or auditor's password: a code shown
    once (never emailed: the login email may be the very thing in question)."""
    with transaction.atomic():
        [issued] = activation.codes_issue(issued_by=actor_user, users=[user], ip=ip)
        _announce_resets(actor_user, [issued], {}, emailed=set())
    pegawai = Pegawai.objects.select_related("unit").filter(user=user).first()
    return make_letter(issued.user, pegawai, issued.code, issued.row, site=site)
