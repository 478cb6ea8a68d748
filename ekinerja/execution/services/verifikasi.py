"""Verification of the activity log (issue 4 item 4): the direct supervisor verifies or
rejects a subordinate's activities, one or many at once from the queue.

Rules (issue 4 "Bad input"; PermenPANRB 6/2022 Pasal 5 ayat (2) huruf b, pemantauan
kinerja by the pejabat penilai):
- only the activity owner's direct supervisor (Pegawai.atasan, which follows an admin's
  override) decides; an activity of anyone else — a colleague, one's own, a
  subordinate's subordinate — refuses the whole batch;
- a decided activity (verified or rejected) stays decided (domain.verify_error);
- a rejection carries a reason the owner can act on.

A batch is all or nothing: if one id cannot be decided, nothing changes and the message
says why. The work is a fixed number of queries whatever the batch size (up to
MAX_BATCH): one locking SELECT, one UPDATE, one bulk audit insert, and on rejection the
notifications (one user lookup, one bulk insert)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ekinerja.core import audit
from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.models import AuditEvent
from ekinerja.core.notify import Note, notify_many
from ekinerja.core.roles import Actor

from .. import domain
from ..access import me
from ..models import Aktivitas

MAX_BATCH = 500
MAX_ALASAN = 1000
# How many refused activities a message names before it says "and n more".
LISTED = 5

NOTIFY_REJECTED = "aktivitas.rejected"


@transaction.atomic
def aktivitas_verify(*, actor: Actor, aktivitas_ids: Iterable[int]) -> int:
    """Verify the activities (diajukan → diverifikasi); returns how many."""
    return len(_decide(actor, aktivitas_ids, domain.DIVERIFIKASI))


@transaction.atomic
def aktivitas_reject(*, actor: Actor, aktivitas_ids: Iterable[int], alasan: str) -> int:
    """Reject the activities (diajukan → ditolak) with one reason, and tell each owner
    once (one notification per person, whatever the number of their activities in the
    batch); returns how many."""
    return len(_decide(actor, aktivitas_ids, domain.DITOLAK, alasan))


def _ids(raw: Iterable[int]) -> set[int]:
    try:
        ids = {int(i) for i in raw}
    except (TypeError, ValueError) as e:
        raise ValidationError(_("Pilihan aktivitas tidak dikenali.")) from e
    if not ids:
        raise ValidationError(_("Pilih sedikitnya satu aktivitas."))
    if len(ids) > MAX_BATCH:
        raise ValidationError(
            _("Paling banyak %(max)s aktivitas sekaligus; Anda memilih %(n)s.")
            % {"max": MAX_BATCH, "n": len(ids)}
        )
    return ids


def _clean_alasan(alasan: str) -> str:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(
            {"alasan": _("Tuliskan alasan penolakan agar pegawai tahu apa yang harus diperbaiki.")}
        )
    if len(alasan) > MAX_ALASAN:
        raise ValidationError(
            {
                "alasan": _("Alasan penolakan paling banyak %(max)s karakter (sekarang %(n)s).")
                % {"max": MAX_ALASAN, "n": len(alasan)}
            }
        )
    return alasan


def _label(a: Aktivitas) -> str:
    return _("%(nama)s, %(tanggal)s") % {
        "nama": a.pegawai.nama_lengkap,
        "tanggal": domain.tanggal_text(a.tanggal),
    }


def _listed(rows: list[Aktivitas]) -> str:
    names = "; ".join(_label(a) for a in rows[:LISTED])
    if len(rows) > LISTED:
        names += " " + _("dan %(n)s lainnya") % {"n": len(rows) - LISTED}
    return names


def _decide(
    actor: Actor, aktivitas_ids: Iterable[int], status: str, alasan: str = ""
) -> list[Aktivitas]:
    actor = require_instansi(actor)
    ids = _ids(aktivitas_ids)
    mine = me(actor)
    rows = list(
        Aktivitas.objects.select_for_update(of=("self",))
        .select_related("pegawai")
        .filter(instansi_id=actor.instansi_id, pk__in=ids)
        .order_by("pk")
    )
    if len(rows) != len(ids):
        # Another agency's id, or one deleted meanwhile: not found, never "not yours".
        missing = len(ids) - len(rows)
        raise Http404(
            ngettext(
                "%(n)s aktivitas yang dipilih tidak ditemukan; mungkin sudah dihapus "
                "pemiliknya. Tidak ada yang diubah.",
                "%(n)s aktivitas yang dipilih tidak ditemukan; mungkin sudah dihapus "
                "pemiliknya. Tidak ada yang diubah.",
                missing,
            )
            % {"n": missing}
        )
    own = [a for a in rows if mine is not None and a.pegawai_id == mine]
    if own:
        raise PermissionDenied(
            _(
                "Anda tidak dapat memverifikasi atau menolak aktivitas Anda sendiri; "
                "keputusan ada pada atasan langsung Anda. Tidak ada yang diubah."
            )
        )
    not_mine = [a for a in rows if mine is None or a.pegawai.atasan_id != mine]
    if not_mine:
        raise PermissionDenied(
            ngettext(
                "%(n)s aktivitas yang dipilih bukan milik bawahan langsung Anda (%(daftar)s). "
                "Aktivitas hanya diverifikasi oleh atasan langsung pegawai. "
                "Tidak ada yang diubah.",
                "%(n)s aktivitas yang dipilih bukan milik bawahan langsung Anda (%(daftar)s). "
                "Aktivitas hanya diverifikasi oleh atasan langsung pegawai. "
                "Tidak ada yang diubah.",
                len(not_mine),
            )
            % {"n": len(not_mine), "daftar": _listed(not_mine)}
        )
    if status == domain.DITOLAK:
        alasan = _clean_alasan(alasan)
    decided = [a for a in rows if domain.verify_error(a.status)]
    if decided:
        if len(rows) == 1:
            raise ValidationError(domain.verify_error(decided[0].status))
        raise ValidationError(
            ngettext(
                "%(n)s aktivitas yang dipilih sudah diputuskan sebelumnya (%(daftar)s). "
                "Hapus centangnya lalu ulangi; tidak ada yang diubah.",
                "%(n)s aktivitas yang dipilih sudah diputuskan sebelumnya (%(daftar)s). "
                "Hapus centangnya lalu ulangi; tidak ada yang diubah.",
                len(decided),
            )
            % {"n": len(decided), "daftar": _listed(decided)}
        )
    now = timezone.now()
    Aktivitas.objects.filter(
        instansi_id=actor.instansi_id, pk__in=ids, status=domain.DIAJUKAN
    ).update(
        status=status,
        verified_by_id=mine,
        verified_at=now,
        alasan_tolak=alasan,
        updated_at=now,
    )
    label = (actor.user.get_full_name() or actor.user.get_username())[:200]
    action = "aktivitas.verify" if status == domain.DIVERIFIKASI else "aktivitas.reject"
    events = []
    for a in rows:
        changes: dict[str, list] = {"status": [a.status, status]}
        if alasan:
            changes["alasan_tolak"] = [a.alasan_tolak, alasan]
        a.status, a.verified_by_id, a.verified_at, a.alasan_tolak = status, mine, now, alasan
        events.append(
            AuditEvent(
                instansi_id=a.instansi_id,
                actor=actor.user,
                actor_label=label,
                action=action,
                object_type=Aktivitas._meta.label_lower,
                object_id=str(a.pk),
                object_repr=str(a)[:255],
                changes=changes,
            )
        )
    audit.bulk_record(events)
    if status == domain.DITOLAK:
        _notify_rejected(actor, rows, alasan, label)
    return rows


def _dates_text(days: list[dt.date]) -> str:
    shown = ", ".join(domain.tanggal_text(d) for d in days[:3])
    if len(days) > 3:
        shown += " " + _("dan %(n)s hari lainnya") % {"n": len(days) - 3}
    return shown


def _notify_rejected(actor: MemberActor, rows: list[Aktivitas], alasan: str, penilai: str) -> None:
    """One notification per owner, linking to the first rejected day of their log."""
    per_owner: dict[int, list[Aktivitas]] = {}
    for a in rows:
        per_owner.setdefault(a.pegawai_id, []).append(a)
    message = gettext_lazy(
        "%(n)s aktivitas Anda tanggal %(tanggal)s ditolak oleh %(penilai)s. Alasan: %(alasan)s"
    )
    subject = gettext_lazy("Aktivitas Anda ditolak")
    url = reverse("execution:aktivitas-mine")
    notes = []
    for items in per_owner.values():
        days = sorted({a.tanggal for a in items})
        notes.append(
            Note(
                recipients=[items[0].pegawai.user_id],
                kind=NOTIFY_REJECTED,
                message=message,
                email_subject=subject,
                url=f"{url}?tanggal={days[0].isoformat()}",
                params={
                    "n": len(items),
                    "tanggal": _dates_text(days),
                    "penilai": penilai,
                    "alasan": alasan,
                    "aktivitas_ids": ",".join(str(a.pk) for a in items),
                },
            )
        )
    notify_many(instansi_id=actor.instansi_id, notes=notes)
