"""Starting an SKP from an earlier one (issue 3 item 8), and the split of an SKP when a
person changes position mid-year (rules §4: one SKP per position held in the year),
with the org/hooks.py listener that triggers it.

Writes follow CONVENTIONS.md (authorise → load and lock → domain rules → save → audit,
one transaction, a refusal changes nothing). The reads these pages need are in
plans.selectors (skp_copy_sources, rhk_needing_intervensi).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.access import require_instansi
from ekinerja.core.roles import Actor
from ekinerja.org.hooks import PositionChange
from ekinerja.org.models import Jabatan, Pegawai

from .. import domain, hooks
from ..access import access_skp, skp_role
from ..models import IKI, RHK, SKP, Lampiran, PeriodeKinerja
from ..selectors import intervensi_targets, skp_is_top_of_cascade, skp_superseded_q
from .common import date_text
from .creation import skp_create
from .editing import _owner_edit
from .removal import SKP_KIND, delete_or_refuse, refuse_if_attached

IKI_FIELDS = [
    "aspek", "indikator", "target_jenis", "target_nilai", "target_min", "target_maks",
    "target_teks", "satuan",
]  # fmt: skip
LAMPIRAN_FIELDS = ["dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi"]


# --- copying RHK, IKI and lampiran between SKP -----------------------------------------


@dataclass(frozen=True)
class Copied:
    rhk: int
    iki: int
    # RHK left without the supervisor's RHK they intervene in: the owner picks it again.
    perlu_intervensi: int
    # {source RHK id: its copy's id}, for the rows of other apps that follow a copy.
    mapping: dict[int, int] = field(default_factory=dict)


def _still_valid_intervensi(target: SKP, ids: set[int]) -> set[int]:
    """Of the RHK `ids`, those `target` may intervene in (selectors.intervensi_targets,
    in one query). RHK of an earlier year never qualify, so a copy from last year
    re-picks every link."""
    if not ids:
        return set()
    return set(
        intervensi_targets(target)
        .filter(instansi_id=target.instansi_id, pk__in=ids)
        .values_list("pk", flat=True)
    )


def _target_problems(pendekatan: str, rows: Iterable[Any], label: str) -> list[str]:
    """Each IKI-like row re-checked against the receiving SKP's pendekatan (a text
    target is only for kualitatif, rules §8), as one message per row."""
    problems = []
    for i in rows:
        errors = domain.target_errors(
            i.target_jenis,
            i.target_nilai,
            i.target_min,
            i.target_maks,
            i.target_teks,
            i.satuan,
            pendekatan,
        )
        if errors:
            problems.append(
                _("%(src)s, IKI “%(i)s”: %(m)s")
                % {"src": label, "i": i.indikator[:60], "m": " ".join(errors.values())}
            )
    return problems


def _copy_rows(*, source: SKP, target: SKP) -> Copied:
    """Copy the RHK (jenis, teks, order), their IKI and the lampiran of `source` into
    `target`, after its own rows. RHK already in `target` (same jenis and text) are left
    out, so copying twice does not double them. A link to the supervisor's RHK is kept
    only where `target` may still intervene in it. Lampiran fields the owner already
    filled in are kept."""
    inst = target.instansi_id
    have = set(RHK.objects.filter(instansi_id=inst, skp=target).values_list("jenis", "teks"))
    rhks = [
        r
        for r in RHK.objects.filter(instansi_id=inst, skp=source).order_by("jenis", "urutan", "pk")
        if (r.jenis, r.teks) not in have
    ]
    ikis = list(IKI.objects.filter(instansi_id=inst, rhk__in=rhks).order_by("urutan", "pk"))
    problems = _target_problems(target.pendekatan, ikis, _("SKP sumber"))
    if problems:
        raise ValidationError(
            [
                _(
                    "SKP sumber memakai target yang tidak sesuai dengan pendekatan SKP ini "
                    "(%(p)s); ubah pendekatan SKP ini atau salin dari SKP lain."
                )
                % {"p": target.get_pendekatan_display()},
                *problems,
            ]
        )
    top = skp_is_top_of_cascade(target)
    keep = (
        set()
        if top
        else _still_valid_intervensi(target, {r.intervensi_id for r in rhks if r.intervensi_id})
    )
    last = RHK.objects.filter(instansi_id=inst, skp=target).aggregate(m=Max("urutan"))["m"] or 0
    copies = RHK.objects.bulk_create(
        RHK(
            instansi_id=inst,
            skp=target,
            jenis=r.jenis,
            teks=r.teks,
            intervensi_id=r.intervensi_id if r.intervensi_id in keep else None,
            urutan=last + n,
        )
        for n, r in enumerate(rhks, start=1)
    )
    mapping = {o.pk: c.pk for o, c in zip(rhks, copies, strict=True)}
    IKI.objects.bulk_create(
        IKI(instansi_id=inst, rhk_id=mapping[i.rhk_id], urutan=i.urutan, arah=i.arah,
            **{f: getattr(i, f) for f in IKI_FIELDS})
        for i in ikis
    )  # fmt: skip
    src = Lampiran.objects.filter(instansi_id=inst, skp=source).first()
    dst = Lampiran.objects.filter(instansi_id=inst, skp=target).first()
    if src is not None and dst is not None:
        filled = [f for f in LAMPIRAN_FIELDS if not getattr(dst, f) and getattr(src, f)]
        for f in filled:
            setattr(dst, f, getattr(src, f))
        if filled:
            dst.save(update_fields=filled)
    return Copied(
        rhk=len(copies),
        iki=len(ikis),
        perlu_intervensi=0 if top else sum(1 for c in copies if c.intervensi_id is None),
        mapping=mapping,
    )


def _own_source(actor: Actor, source_skp_id: int) -> SKP:
    """An SKP the actor owns (another agency's: 404; someone else's: 403)."""
    source = access_skp(actor=actor, id=source_skp_id)
    if skp_role(actor, source) != domain.OWNER:
        raise PermissionDenied(_("Anda hanya dapat menyalin dari SKP Anda sendiri."))
    return source


def _copy_audit(actor: Actor, source: SKP, target: SKP, copied: Copied) -> None:
    audit.record(
        actor=actor.user,
        action="skp.copy",
        obj=target,
        changes={
            "sumber": [None, audit.ref(source)],
            "rhk": [None, copied.rhk],
            "iki": [None, copied.iki],
            "perlu_intervensi": [None, copied.perlu_intervensi],
        },
    )


@transaction.atomic
def skp_copy_previous(*, actor: Actor, source_skp_id: int, periode_id: int) -> SKP:
    """A new draft SKP for the owner in a later period, from one of their earlier SKP:
    the header is resolved afresh from today's org chart (skp_create); RHK, IKI and
    lampiran are copied. The supervisor's RHK of an earlier year cannot be intervened in
    (rules §8: the penilai's approved SKP of the period), so those links are left empty
    for the owner to pick again; `rhk_needing_intervensi` counts them. The expectations
    are the new penilai's to write, so they are not copied."""
    actor = require_instansi(actor)
    source = _own_source(actor, source_skp_id)
    periode = PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id, pk=periode_id).first()
    if periode is None:
        raise Http404(_("Periode tidak ditemukan."))
    if source.tanggal_mulai >= dt.date(periode.tahun, 1, 1):
        raise ValidationError(
            {
                "source": [
                    _(
                        "Pilih SKP dari tahun sebelum %(t)s; SKP %(s)s tidak dapat menjadi "
                        "dasar SKP tahun %(t)s."
                    )
                    % {"t": periode.tahun, "s": source.tanggal_mulai.year}
                ]
            }
        )
    target = skp_create(
        actor=actor,
        pegawai_id=source.pegawai_id,
        periode_id=periode.pk,
        pendekatan=source.pendekatan,
    )
    copied = _copy_rows(source=source, target=target)
    _copy_audit(actor, source, target, copied)
    return target


@transaction.atomic
def skp_copy_into(*, actor: Actor, skp_id: int, source_skp_id: int) -> Copied:
    """Fill the owner's draft SKP from one of their earlier SKP (same rules as
    `skp_copy_previous`, for someone who already opened this year's draft)."""
    actor = require_instansi(actor)
    target = _owner_edit(actor, skp_id)
    source = _own_source(actor, source_skp_id)
    if source.pk == target.pk or source.tanggal_mulai >= target.tanggal_mulai:
        raise ValidationError({"source": [_("Pilih SKP Anda yang dimulai sebelum SKP ini.")]})
    if not RHK.objects.filter(instansi_id=source.instansi_id, skp=source).exists():
        raise ValidationError({"source": [_("SKP tersebut belum berisi RHK untuk disalin.")]})
    copied = _copy_rows(source=source, target=target)
    if not copied.rhk:
        raise ValidationError({"source": [_("Semua RHK dari SKP tersebut sudah ada di SKP ini.")]})
    _copy_audit(actor, source, target, copied)
    return copied


# --- position change mid-year (rules §4) ------------------------------------------------


@transaction.atomic
def skp_split_for_position_change(
    *, actor: Actor, pegawai_id: int, change_date: dt.date, new_jabatan_id: int
) -> SKP | None:
    """One SKP per position held in the year (rules §4): the person's SKP of another
    jabatan that covers `change_date` ends the day before (whatever its status: an
    approved SKP stays approved, only its end date changes, in the audit trail), and a
    new draft SKP opens from `change_date` to the end of that year for the new jabatan,
    with the penilai from the org chart (skp_create). Versions superseded by an approved
    revision are history and stay as they are.

    An SKP that starts on `change_date` has no day left in the old position: a draft is
    replaced by the new SKP, which takes over its content; a submitted or approved one is
    refused, since it cannot simply disappear.

    Returns the new SKP; None when there is nothing to split or the person already has
    an SKP for the new jabatan over that time. Called by the Admin Instansi, and through
    org/hooks.py when a position change is recorded."""
    actor = require_instansi(actor)
    if not actor.is_admin:
        raise PermissionDenied(
            _("Hanya Admin Instansi yang mencatat pindah jabatan dan memecah SKP.")
        )
    covering_q = Q(
        instansi_id=actor.instansi_id,
        pegawai_id=pegawai_id,
        tanggal_mulai__lte=change_date,
        tanggal_selesai__gte=change_date,
    )
    pegawai = (
        Pegawai.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk=pegawai_id)
        .first()
    )
    if pegawai is None:
        raise Http404(_("Pegawai tidak ditemukan."))
    # Every position change calls this; without an SKP to split it stops here.
    if not SKP.objects.filter(covering_q).exclude(jabatan_id=new_jabatan_id).exists():
        return None
    new_jabatan = Jabatan.objects.filter(instansi_id=actor.instansi_id, pk=new_jabatan_id).first()
    if new_jabatan is None:
        raise Http404(_("Jabatan tidak ditemukan."))
    # Every version not yet history (selectors.skp_superseded_q): the one in force and a
    # revision waiting for approval both end where the old position ends.
    covering = list(
        SKP.objects.select_for_update()
        .filter(covering_q)
        .exclude(jabatan_id=new_jabatan.pk)
        .exclude(skp_superseded_q())
        .order_by("pk")
    )
    if not covering:
        return None
    to_close = [s for s in covering if s.tanggal_mulai < change_date]
    to_replace = [s for s in covering if s.tanggal_mulai >= change_date]
    for skp in to_replace:
        if not domain.is_editable(skp.status) or SKP.objects.filter(sebelumnya=skp).exists():
            raise ValidationError(
                {
                    "tmt_mulai": [
                        _(
                            "SKP %(n)s untuk jabatan sebelumnya dimulai %(d)s, sama dengan TMT "
                            "jabatan baru, dan sudah berstatus %(s)s, sehingga tidak dapat "
                            "ditutup sehari sebelum TMT. Periksa kembali TMT jabatan baru."
                        )
                        % {
                            "n": str(skp),
                            "d": date_text(skp.tanggal_mulai),
                            "s": skp.get_status_display(),
                        }
                    ]
                }
            )
    periode_id = covering[0].periode_id
    year_end = dt.date(change_date.year, 12, 31)
    already = SKP.objects.filter(
        instansi_id=actor.instansi_id,
        pegawai_id=pegawai.pk,
        jabatan_id=new_jabatan.pk,
        tanggal_mulai__lte=year_end,
        tanggal_selesai__gte=change_date,
    ).exists()
    alasan = _("Pindah jabatan ke %(j)s, TMT %(d)s") % {
        "j": new_jabatan.nama,
        "d": date_text(change_date),
    }
    end = change_date - dt.timedelta(days=1)
    old_end = {skp.pk: skp.tanggal_selesai for skp in to_close}
    for skp in to_close:
        skp.tanggal_selesai = end
        skp.save(update_fields=["tanggal_selesai", "updated_at"])
    new = None
    if not already:
        new = skp_create(
            actor=actor,
            pegawai_id=pegawai.pk,
            periode_id=periode_id,
            pendekatan=covering[0].pendekatan,
            tanggal_mulai=change_date,
            tanggal_selesai=year_end,
            jabatan_id=new_jabatan.pk,
        )
    for skp in to_close:
        audit.record(
            actor=actor.user,
            action="skp.close",
            obj=skp,
            changes={
                "tanggal_selesai": [str(old_end[skp.pk]), str(end)],
                "alasan": [None, alasan],
                "lanjutan": [None, audit.ref(new)],
            },
        )
    for skp in to_replace:
        if new is not None:
            copied = _copy_rows(source=skp, target=new)
            carried = {"rhk": [None, copied.rhk], "iki": [None, copied.iki]}
            # The new SKP takes over the draft's RHK, so what the staff member planned,
            # logged and uploaded against them follows the copies (plans/hooks.py).
            hooks.rhk_replaced(
                hooks.RHKReplacement(
                    actor=actor, instansi_id=actor.instansi_id, moves=copied.mapping
                )
            )
        else:
            carried = {}
        rhk_ids = list(
            RHK.objects.filter(instansi_id=skp.instansi_id, skp=skp).values_list("pk", flat=True)
        )
        iki_ids = list(
            IKI.objects.filter(instansi_id=skp.instansi_id, rhk_id__in=rhk_ids).values_list(
                "pk", flat=True
            )
        )
        refuse_if_attached(
            instansi_id=skp.instansi_id,
            kind=SKP_KIND,
            rhk_ids=rhk_ids,
            iki_ids=iki_ids,
            nama=str(skp),
        )
        before = audit.snapshot(skp, ["status", "jabatan", "tanggal_mulai", "tanggal_selesai"])
        pk, label = skp.pk, str(skp)
        delete_or_refuse(skp, kind=SKP_KIND, nama=str(skp))
        audit.record(
            actor=actor.user,
            action="skp.replace",
            instansi_id=actor.instansi_id,
            object_type=SKP._meta.label_lower,
            object_id=str(pk),
            object_repr=label,
            changes={
                **{k: [v, None] for k, v in before.items()},
                "alasan": [None, alasan],
                "pengganti": [None, audit.ref(new)],
                **carried,
            },
        )
    return new


def on_position_changed(change: PositionChange) -> None:
    """The org/hooks.py listener, registered in PlansConfig.ready()."""
    skp_split_for_position_change(
        actor=change.actor,
        pegawai_id=change.pegawai_id,
        change_date=change.tmt,
        new_jabatan_id=change.new_jabatan_id,
    )
