"""Continuous feedback (umpan balik berkelanjutan) and coaching notes (bimbingan kinerja),
issue 4 item 5; spec README "The cycle" step 2 and PermenPANRB 6/2022 Pasal 17-18 (the
pejabat penilai follows up the staff member's performance through continuous
feedback and coaching, which become input for the appraisal).

- A feedback thread is opened by the pegawai's direct supervisor (Pegawai.atasan), or by
  the penilai named on the pegawai's current SKP when that is someone else (an acting
  head), on one RHK of the pegawai's own SKP, on one BerAKHLAK value, or in general.
  The pegawai, the thread's author and the pegawai's current supervisor reply; every
  message notifies the others in the thread.
- A coaching note is written by the same people for a date that is not in the future;
  only its author changes or deletes it; the pegawai is told and reads it.

Each write: authorise (access.py) → validate → write → audit → notify (email on commit).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import audit
from ekinerja.core.access import require_instansi
from ekinerja.core.clock import local_today
from ekinerja.core.notify import notify
from ekinerja.core.roles import Actor
from ekinerja.org.models import Pegawai
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import RHK, SKP
from ekinerja.plans.selectors import skp_in_force_q

from .. import domain
from ..access import access_bimbingan, access_umpan_balik, is_supervisor_of, me
from ..models import BimbinganKinerja, UmpanBalik

# Longest message of a thread, and of each text of a coaching note.
MAX_TEKS = 4000
MAX_TOPIK_BIMBINGAN = 200

TOPIK_RHK = UmpanBalik.Topik.RHK.value
TOPIK_PERILAKU = UmpanBalik.Topik.PERILAKU.value
TOPIK_UMUM = UmpanBalik.Topik.UMUM.value

# Notification kinds (core.notify).
NOTIFY_UMPAN_BALIK = "umpan_balik.received"
NOTIFY_BIMBINGAN = "bimbingan.created"


# --- who may coach whom -----------------------------------------------------------------


def load_pegawai(actor: Actor, pegawai_id: int | None) -> Pegawai:
    """A pegawai of the actor's instansi (with unit and jabatan), else 404."""
    # Every caller has passed the tenant gate already (require_coach, access_umpan_balik):
    # a no-op that gives the type checker the member actor.
    actor = require_instansi(actor)
    found = (
        Pegawai.objects.select_related("unit", "jabatan")
        .filter(instansi_id=actor.instansi_id, pk=pegawai_id or 0)
        .first()
    )
    if found is None:
        raise Http404(_("Pegawai tidak ditemukan."))
    return found


def is_current_penilai(actor: Actor, pegawai: Pegawai, today: dt.date) -> bool:
    """The actor is named penilai on the pegawai's SKP in force today (one query)."""
    mine = me(actor)
    if mine is None or mine == pegawai.pk:
        return False
    return (
        SKP.objects.filter(instansi_id=pegawai.instansi_id, pegawai_id=pegawai.pk, penilai_id=mine)
        .filter(skp_in_force_q(start=today, end=today))
        .exists()
    )


def can_coach(actor: Actor, pegawai: Pegawai, today: dt.date | None = None) -> bool:
    """The actor may open feedback and write coaching notes for this pegawai: their
    direct supervisor, or the penilai on their current SKP (e.g. an acting head)."""
    if pegawai.instansi_id != actor.instansi_id:
        return False
    if is_supervisor_of(actor, pegawai):
        return True
    return is_current_penilai(actor, pegawai, today or local_today(actor))


def require_coach(actor: Actor, pegawai_id: int | None) -> Pegawai:
    actor = require_instansi(actor)
    pegawai = load_pegawai(actor, pegawai_id)
    if not can_coach(actor, pegawai):
        raise PermissionDenied(
            _(
                "Hanya atasan langsung atau pejabat penilai pegawai ini yang dapat memberi "
                "umpan balik dan bimbingan kinerja."
            )
        )
    return pegawai


# --- validation -------------------------------------------------------------------------


def _clean_text(value: str | None, field: str, *, required: str, limit: int = MAX_TEKS) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: required})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("Tulisan ini %(n)s karakter; paling banyak %(max)s karakter.")
                % {"n": len(text), "max": limit}
            }
        )
    return text


def _clean_topik(
    pegawai: Pegawai, topik: str, rhk_id: int | None, nilai_berakhlak: int | None
) -> tuple[RHK | None, int | None]:
    """The RHK or the BerAKHLAK value the thread is about (the one its topic needs;
    the other is dropped)."""
    if topik == TOPIK_RHK:
        if not rhk_id:
            raise ValidationError({"rhk": _("Pilih RHK yang diberi umpan balik.")})
        rhk = (
            RHK.objects.select_related("skp")
            .filter(
                instansi_id=pegawai.instansi_id,
                pk=rhk_id,
                skp__instansi_id=pegawai.instansi_id,
                skp__pegawai_id=pegawai.pk,
            )
            .first()
        )
        if rhk is None:
            raise ValidationError(
                {"rhk": _("RHK ini bukan bagian dari SKP pegawai yang diberi umpan balik.")}
            )
        return rhk, None
    if topik == TOPIK_PERILAKU:
        if nilai_berakhlak not in plans_domain.BERAKHLAK_NOMOR:
            raise ValidationError(
                {
                    "nilai_berakhlak": _(
                        "Pilih salah satu nilai BerAKHLAK (nomor 1 sampai 7) yang diberi "
                        "umpan balik."
                    )
                }
            )
        return None, nilai_berakhlak
    if topik == TOPIK_UMUM:
        return None, None
    raise ValidationError({"topik": _("Pilih topik umpan balik: RHK, perilaku kerja, atau umum.")})


def topik_label(thread: UmpanBalik) -> str:
    """What a thread is about, as shown in lists and notifications."""
    if thread.topik == TOPIK_RHK and thread.rhk_id:
        return _("RHK: %(rhk)s") % {"rhk": str(thread.rhk)}
    if thread.topik == TOPIK_PERILAKU and thread.nilai_berakhlak:
        return _("Perilaku kerja: %(nilai)s") % {
            "nilai": plans_domain.berakhlak(thread.nilai_berakhlak).nama
        }
    return _("Umum")


# --- notifications ----------------------------------------------------------------------


def thread_url(thread_id: int) -> str:
    return reverse("execution:umpan-balik-detail", args=[thread_id])


def _user_ids(instansi_id: int, pegawai_ids: set[int]) -> list[int]:
    return [
        uid
        for uid in Pegawai.objects.filter(instansi_id=instansi_id, pk__in=pegawai_ids)
        .exclude(user_id__isnull=True)
        .values_list("user_id", flat=True)
    ]


def _notify_message(thread: UmpanBalik, sender: Pegawai, recipients: set[int], reply: bool) -> None:
    if not recipients:
        return
    if reply:
        message = gettext_lazy("%(nama)s membalas umpan balik “%(topik)s”.")
    else:
        message = gettext_lazy("%(nama)s memberi Anda umpan balik tentang “%(topik)s”.")
    notify(
        recipients=_user_ids(thread.instansi_id, recipients),
        kind=NOTIFY_UMPAN_BALIK,
        message=message,
        email_subject=gettext_lazy("Umpan balik kinerja dari %(nama)s"),
        params={"nama": sender.nama, "topik": topik_label(thread)[:120], "thread_id": thread.pk},
        url=thread_url(thread.pk),
        instansi_id=thread.instansi_id,
    )


# --- feedback threads -------------------------------------------------------------------


@transaction.atomic
def umpan_balik_create(
    *,
    actor: Actor,
    pegawai_id: int,
    topik: str,
    teks: str,
    rhk_id: int | None = None,
    nilai_berakhlak: int | None = None,
) -> UmpanBalik:
    """Open a feedback thread to a pegawai; the pegawai is notified."""
    pegawai = require_coach(actor, pegawai_id)
    rhk, nilai = _clean_topik(pegawai, topik, rhk_id, nilai_berakhlak)
    text = _clean_text(teks, "teks", required=_("Tuliskan umpan balik Anda."))
    penulis = load_pegawai(actor, me(actor))
    now = timezone.now()
    thread = UmpanBalik.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        penulis=penulis,
        topik=topik,
        rhk=rhk,
        nilai_berakhlak=nilai,
        teks=text,
        last_at=now,
    )
    audit.record(
        actor=actor.user,
        action="umpan_balik.create",
        obj=thread,
        changes={
            "pegawai": audit.ref(pegawai),
            "topik": topik,
            "rhk": audit.ref(rhk),
            "nilai_berakhlak": nilai,
            "teks": text,
        },
    )
    _notify_message(thread, penulis, {pegawai.pk}, reply=False)
    return thread


@transaction.atomic
def umpan_balik_reply(*, actor: Actor, thread_id: int, teks: str) -> UmpanBalik:
    """Add a reply to a thread (the pegawai, its author, or the pegawai's current
    supervisor); everyone else who wrote in the thread is notified."""
    thread = access_umpan_balik(actor=actor, id=thread_id, for_write=True)
    text = _clean_text(teks, "teks", required=_("Tuliskan balasan Anda."))
    penulis = load_pegawai(actor, me(actor))
    # Lock the thread so two replies at once both move last_at forward.
    UmpanBalik.objects.select_for_update().filter(
        instansi_id=thread.instansi_id, pk=thread.pk
    ).values_list("pk").first()
    reply = UmpanBalik.objects.create(
        instansi_id=thread.instansi_id,
        pegawai_id=thread.pegawai_id,
        penulis=penulis,
        induk=thread,
        topik="",
        teks=text,
    )
    UmpanBalik.objects.filter(instansi_id=thread.instansi_id, pk=thread.pk).update(
        last_at=reply.created_at
    )
    thread.last_at = reply.created_at
    audit.record(
        actor=actor.user,
        action="umpan_balik.reply",
        obj=reply,
        changes={"thread": thread.pk, "pegawai": audit.ref(thread.pegawai), "teks": text},
    )
    # The others in the conversation: the pegawai, the author, and whoever replied.
    writers = set(
        UmpanBalik.objects.filter(instansi_id=thread.instansi_id, induk_id=thread.pk).values_list(
            "penulis_id", flat=True
        )
    )
    others = ({thread.pegawai_id, thread.penulis_id} | writers) - {penulis.pk}
    _notify_message(thread, penulis, others, reply=True)
    return reply


# --- coaching notes ---------------------------------------------------------------------


def _clean_bimbingan(
    actor: Actor, tanggal: dt.date | None, topik: str, catatan: str, tindak_lanjut: str
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    today = local_today(actor)
    if tanggal is None:
        errors["tanggal"] = _("Isi tanggal bimbingan.")
    else:
        day_error = domain.past_day_error(
            tanggal,
            today=today,
            future=_("Tanggal bimbingan tidak boleh di masa depan (hari ini %(today)s).")
            % {"today": today.strftime("%d-%m-%Y")},
        )
        if day_error:
            errors["tanggal"] = day_error
    values["tanggal"] = tanggal
    for field, value, required, limit in (
        ("topik", topik, _("Isi topik bimbingan."), MAX_TOPIK_BIMBINGAN),
        ("catatan", catatan, _("Isi catatan bimbingan."), MAX_TEKS),
    ):
        try:
            values[field] = _clean_text(value, field, required=required, limit=limit)
        except ValidationError as e:
            errors[field] = e.message_dict[field][0]
    lanjut = (tindak_lanjut or "").strip()
    if len(lanjut) > MAX_TEKS:
        errors["tindak_lanjut"] = _(
            "Tulisan ini %(n)s karakter; paling banyak %(max)s karakter."
        ) % {"n": len(lanjut), "max": MAX_TEKS}
    values["tindak_lanjut"] = lanjut
    if errors:
        raise ValidationError(errors)
    return values


BIMBINGAN_FIELDS = ("tanggal", "topik", "catatan", "tindak_lanjut")


def bimbingan_url(note: BimbinganKinerja) -> str:
    return f"{reverse('execution:bimbingan-list')}#bimbingan-{note.pk}"


@transaction.atomic
def bimbingan_create(
    *,
    actor: Actor,
    pegawai_id: int,
    tanggal: dt.date,
    topik: str,
    catatan: str,
    tindak_lanjut: str = "",
) -> BimbinganKinerja:
    """Record a coaching note for a pegawai (their supervisor); the pegawai is told."""
    pegawai = require_coach(actor, pegawai_id)
    values = _clean_bimbingan(actor, tanggal, topik, catatan, tindak_lanjut)
    pembimbing = load_pegawai(actor, me(actor))
    note = BimbinganKinerja.objects.create(
        instansi_id=pegawai.instansi_id, pegawai=pegawai, pembimbing=pembimbing, **values
    )
    audit.record(
        actor=actor.user,
        action="bimbingan.create",
        obj=note,
        changes={"pegawai": audit.ref(pegawai), **audit.snapshot(note, BIMBINGAN_FIELDS)},
    )
    notify(
        recipients=[pegawai.user_id],
        kind=NOTIFY_BIMBINGAN,
        message=gettext_lazy("%(nama)s mencatat bimbingan kinerja untuk Anda: “%(topik)s”."),
        email_subject=gettext_lazy("Catatan bimbingan kinerja dari %(nama)s"),
        params={"nama": pembimbing.nama, "topik": note.topik, "bimbingan_id": note.pk},
        url=bimbingan_url(note),
        instansi_id=note.instansi_id,
    )
    return note


@transaction.atomic
def bimbingan_update(
    *,
    actor: Actor,
    bimbingan_id: int,
    tanggal: dt.date,
    topik: str,
    catatan: str,
    tindak_lanjut: str = "",
) -> BimbinganKinerja:
    """Change a coaching note (its author only)."""
    note = access_bimbingan(actor=actor, id=bimbingan_id, for_write=True)
    values = _clean_bimbingan(actor, tanggal, topik, catatan, tindak_lanjut)
    before = audit.snapshot(note, BIMBINGAN_FIELDS)
    for name, value in values.items():
        setattr(note, name, value)
    changes = audit.diff(before, audit.snapshot(note, BIMBINGAN_FIELDS))
    if changes:
        note.save(update_fields=[*BIMBINGAN_FIELDS, "updated_at"])
        audit.record(actor=actor.user, action="bimbingan.update", obj=note, changes=changes)
    return note


@transaction.atomic
def bimbingan_delete(*, actor: Actor, bimbingan_id: int) -> None:
    """Delete a coaching note (its author only)."""
    note = access_bimbingan(actor=actor, id=bimbingan_id, for_write=True)
    audit.record(
        actor=actor.user,
        action="bimbingan.delete",
        obj=note,
        changes={"pegawai": audit.ref(note.pegawai), **audit.snapshot(note, BIMBINGAN_FIELDS)},
    )
    note.delete()
