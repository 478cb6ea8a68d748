"""The SKP workflow (rules §8): draft → diajukan → disetujui, diajukan → dikembalikan
(with a reason) → draft, and revision of an approved SKP into a new version. Each:
authorise → load and lock → domain.next_status → save → audit → notify (core.notify:
the penilai on submit, the owner on return and approval; email after the commit)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import audit
from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.models import AuditEvent
from ekinerja.core.notify import Note, notify, notify_many
from ekinerja.core.roles import Actor
from ekinerja.org.access import org_scope
from ekinerja.org.models import Pegawai

from .. import domain, hooks
from ..access import access_skp, skp_role
from ..models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi


def _nama(skp: SKP) -> str:
    return (skp.snapshot.get("pegawai") or {}).get("nama") or str(skp.pegawai_id)


# Notification kinds sent by the SKP workflow (core.notify).
NOTIFY_SUBMITTED = "skp.submitted"
NOTIFY_RETURNED = "skp.returned"
NOTIFY_APPROVED = "skp.approved"


def _skp_url(pk: int) -> str:
    """The SKP's page, where a notification about it leads."""
    return reverse("plans:skp-detail", args=[pk])


def _user_ids(instansi_id: int, pegawai_ids: Iterable[int | None]) -> dict[int, int | None]:
    """pegawai id → user id of their login (None without one), in one query."""
    wanted = {p for p in pegawai_ids if p is not None}
    if not wanted:
        return {}
    return dict(
        Pegawai.objects.filter(instansi_id=instansi_id, pk__in=wanted).values_list("pk", "user_id")
    )


def _notify_submitted(skp: SKP) -> None:
    """Tell the penilai that an SKP waits for a decision."""
    users = _user_ids(skp.instansi_id, [skp.penilai_id])
    notify(
        recipients=[users.get(skp.penilai_id)],
        kind=NOTIFY_SUBMITTED,
        message=gettext_lazy("%(nama)s mengajukan SKP %(tahun)s untuk Anda setujui."),
        email_subject=gettext_lazy("SKP %(tahun)s %(nama)s menunggu persetujuan"),
        params={"nama": _nama(skp), "tahun": skp.tanggal_mulai.year, "skp_id": skp.pk},
        url=_skp_url(skp.pk),
        instansi_id=skp.instansi_id,
    )


def _notify_decided(rows: list[SKP], action: str, penilai: str, alasan: str) -> None:
    """One notification per decided SKP to its owner, in a bounded number of queries
    however many SKP the penilai decided at once."""
    if not rows:
        return
    inst = rows[0].instansi_id
    users = _user_ids(inst, [skp.pegawai_id for skp in rows])
    if action == domain.APPROVE:
        kind = NOTIFY_APPROVED
        # The name first: a gelar ends with its own period ("S.Kom."), so a sentence that
        # ended with the name read "S.Kom.." (issue 11 §7).
        message = gettext_lazy("%(penilai)s telah menyetujui SKP %(tahun)s Anda.")
        subject = gettext_lazy("SKP %(tahun)s Anda disetujui")
    else:
        kind = NOTIFY_RETURNED
        message = gettext_lazy(
            "SKP %(tahun)s Anda dikembalikan oleh %(penilai)s untuk diperbaiki. Alasan: %(alasan)s"
        )
        subject = gettext_lazy("SKP %(tahun)s Anda dikembalikan")
    notes = []
    for skp in rows:
        params: dict[str, object] = {
            "tahun": skp.tanggal_mulai.year,
            "penilai": (skp.snapshot.get("penilai") or {}).get("nama") or penilai,
            "skp_id": skp.pk,
        }
        if action == domain.RETURN:
            params["alasan"] = alasan
        notes.append(
            Note(
                recipients=[users.get(skp.pegawai_id)],
                kind=kind,
                message=message,
                email_subject=subject,
                params=params,
                url=_skp_url(skp.pk),
            )
        )
    notify_many(instansi_id=inst, notes=notes)


def _step(current: str, action: str, alasan: str = "") -> str:
    try:
        return domain.next_status(current, action, alasan=alasan)
    except domain.PlanRuleError as e:
        raise ValidationError(e.message) from e


@transaction.atomic
def skp_submit(*, actor: Actor, skp_id: int) -> SKP:
    """The owner submits a complete draft to the penilai: at least one utama RHK and an
    IKI for every RHK (rules §8)."""
    found = access_skp(actor=actor, id=skp_id, for_write=True)
    if not domain.can(skp_role(actor, found), domain.SUBMIT):
        raise PermissionDenied(_("Hanya pemilik SKP yang dapat mengajukannya."))
    skp = SKP.objects.select_for_update().get(instansi_id=found.instansi_id, pk=found.pk)
    new = _step(skp.status, domain.SUBMIT)
    if skp.penilai_id is None:
        raise ValidationError(
            _(
                "SKP ini belum mempunyai pejabat penilai sehingga tidak dapat diajukan. "
                "Minta Admin Instansi menetapkan pejabat penilai Anda."
            )
        )
    rows = list(
        RHK.objects.filter(instansi_id=skp.instansi_id, skp=skp)
        .annotate(n=Count("iki"))
        .values_list("jenis", "n")
    )
    errors = domain.submit_errors(rows)
    if errors:
        raise ValidationError(errors)
    old = skp.status
    skp.status = new
    skp.submitted_at = timezone.now()
    skp.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record(actor=actor.user, action="skp.submit", obj=skp, changes={"status": [old, new]})
    _notify_submitted(skp)
    return skp


def _decide(actor: Actor, skp_ids: Iterable[int], action: str, alasan: str = "") -> list[SKP]:
    """Approve or return one or many SKP, all or nothing, in a bounded number of queries
    (the supervisor's queue). Only the penilai decides; nobody decides on their own SKP
    (rules §8, PermenPANRB 6/2022 Pasal 8)."""
    actor = require_instansi(actor)
    ids = {int(i) for i in skp_ids}
    if not ids:
        raise ValidationError(_("Pilih sedikitnya satu SKP."))
    alasan = (alasan or "").strip()
    if action == domain.RETURN and not alasan:
        raise ValidationError(
            {"alasan": [_("Tuliskan alasan pengembalian agar pegawai dapat memperbaikinya.")]}
        )
    if too_long := domain.text_too_long(alasan, domain.MAX_ALASAN):
        raise ValidationError({"alasan": [too_long]})
    me = org_scope(actor).pegawai_id
    rows = list(
        SKP.objects.select_for_update()
        .filter(instansi_id=actor.instansi_id, pk__in=ids)
        .order_by("pk")
    )
    if len(rows) != len(ids):
        raise Http404(_("SKP tidak ditemukan."))
    for skp in rows:
        role = domain.role_for(
            is_owner=me is not None and skp.pegawai_id == me,
            is_penilai=me is not None and skp.penilai_id == me,
        )
        if role == domain.OWNER:
            raise PermissionDenied(
                _(
                    "Anda tidak dapat menyetujui SKP Anda sendiri; keputusan ada pada "
                    "pejabat penilai Anda."
                )
                if action == domain.APPROVE
                else _("Anda tidak dapat mengembalikan SKP Anda sendiri.")
            )
        if not domain.can(role, action):
            raise PermissionDenied(
                _("Hanya pejabat penilai yang dapat menyetujui atau mengembalikan SKP %(n)s.")
                % {"n": _nama(skp)}
            )
    errors = []
    for skp in rows:
        try:
            domain.next_status(skp.status, action, alasan=alasan)
        except domain.PlanRuleError as e:
            errors.append(_("SKP %(n)s: %(m)s") % {"n": _nama(skp), "m": e.message})
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    label = actor.user.get_full_name() or actor.user.get_username()
    events = []
    for skp in rows:
        old = skp.status
        skp.status = domain.next_status(old, action, alasan=alasan)
        skp.updated_at = now
        changes: dict[str, list] = {"status": [old, skp.status]}
        if action == domain.APPROVE:
            skp.approved_at, skp.approved_by = now, actor.user
        else:
            changes["alasan_dikembalikan"] = [skp.alasan_dikembalikan, alasan]
            skp.alasan_dikembalikan = alasan
        events.append(
            AuditEvent(
                instansi_id=skp.instansi_id,
                actor=actor.user,
                actor_label=label[:200],
                action=f"skp.{action}",
                object_type=SKP._meta.label_lower,
                object_id=str(skp.pk),
                object_repr=str(skp)[:255],
                changes=changes,
            )
        )
    fields = ["status", "updated_at"] + (
        ["approved_at", "approved_by"] if action == domain.APPROVE else ["alasan_dikembalikan"]
    )
    SKP.objects.bulk_update(rows, fields)
    if action == domain.APPROVE:
        events += _relink_to_revisions(actor, rows, label)
    audit.bulk_record(events)
    _notify_decided(rows, action, label, alasan)
    if action == domain.APPROVE:
        # Apps further down (appraisal: the evaluation of a period already open) react
        # in this transaction (plans/hooks.py).
        hooks.skp_approved(
            hooks.SkpApproved(
                actor=actor,
                instansi_id=actor.instansi_id,
                skp_ids=tuple(s.pk for s in rows),
            )
        )
    return rows


def _relink_to_revisions(actor: MemberActor, approved: list[SKP], label: str) -> list[AuditEvent]:
    """When a revision is approved it replaces the version it revises (rules §8), so the
    subordinates' RHK that intervened in an RHK of the old version now intervene in its
    copy in the new one (RHK.salinan_dari, set by skp_revise). An RHK the revision
    deleted has no copy; the links to it stay and the cascade shows them as pointing at
    an old version, for the staff to re-pick. Two SELECTs and one UPDATE whatever the
    number of SKP and RHK."""
    revised = {s.pk: s for s in approved if s.sebelumnya_id}
    if not revised:
        return []
    inst = actor.instansi_id
    mapping: dict[int, int] = {}
    per_skp: dict[int, int] = {}
    for pk, skp_id, source in RHK.objects.filter(
        instansi_id=inst, skp_id__in=list(revised), salinan_dari__isnull=False
    ).values_list("pk", "skp_id", "salinan_dari_id"):
        mapping[source] = pk
        per_skp[source] = skp_id
    if not mapping:
        return []
    moved = list(
        RHK.objects.filter(instansi_id=inst, intervensi_id__in=list(mapping)).values_list(
            "pk", "intervensi_id"
        )
    )
    if not moved:
        return []
    RHK.objects.filter(instansi_id=inst, pk__in=[pk for pk, _old in moved]).update(
        intervensi_id=Case(
            *[When(intervensi_id=old, then=Value(new)) for old, new in mapping.items()],
            output_field=IntegerField(),
        )
    )
    counts: dict[int, int] = {}
    for _pk, old in moved:
        counts[per_skp[old]] = counts.get(per_skp[old], 0) + 1
    by_pk = {s.pk: s for s in approved}
    return [
        AuditEvent(
            instansi_id=inst,
            actor=actor.user,
            actor_label=label[:200],
            action="rhk.relink",
            object_type=SKP._meta.label_lower,
            object_id=str(skp_pk),
            object_repr=str(by_pk[skp_pk])[:255],
            changes={
                "rhk_bawahan_dipindahkan": n,
                "dari_versi": [by_pk[skp_pk].versi - 1, by_pk[skp_pk].versi],
            },
        )
        for skp_pk, n in sorted(counts.items())
    ]


@transaction.atomic
def skp_approve(*, actor: Actor, skp_id: int) -> SKP:
    """The penilai approves a submitted SKP (diajukan → disetujui)."""
    access_skp(actor=actor, id=skp_id, for_write=True)
    return _decide(actor, [skp_id], domain.APPROVE)[0]


@transaction.atomic
def skp_return(*, actor: Actor, skp_id: int, alasan: str) -> SKP:
    """The penilai returns a submitted SKP with a reason (diajukan → dikembalikan)."""
    access_skp(actor=actor, id=skp_id, for_write=True)
    return _decide(actor, [skp_id], domain.RETURN, alasan)[0]


@transaction.atomic
def skp_bulk_approve(*, actor: Actor, skp_ids: Iterable[int]) -> list[SKP]:
    """Approve many SKP from the supervisor's queue; if one cannot be approved, none is."""
    return _decide(actor, skp_ids, domain.APPROVE)


@transaction.atomic
def skp_bulk_return(*, actor: Actor, skp_ids: Iterable[int], alasan: str) -> list[SKP]:
    """Return many SKP with one reason; if one cannot be returned, none is."""
    return _decide(actor, skp_ids, domain.RETURN, alasan)


@transaction.atomic
def skp_revise(*, actor: Actor, skp_id: int) -> SKP:
    """A new draft version of an approved SKP, copying its RHK, IKI, expectations and
    lampiran; the approved version stays as it is and readable (rules §8)."""
    found = access_skp(actor=actor, id=skp_id, for_write=True)
    if not domain.can(skp_role(actor, found), domain.REVISE):
        raise PermissionDenied(_("Hanya pemilik SKP yang dapat merevisinya."))
    old = SKP.objects.select_for_update().get(instansi_id=found.instansi_id, pk=found.pk)
    status = _step(old.status, domain.REVISE)
    successor = SKP.objects.filter(instansi_id=old.instansi_id, sebelumnya=old).first()
    if successor is not None:
        raise ValidationError(
            _("SKP ini sudah direvisi menjadi versi %(v)s; lanjutkan versi tersebut.")
            % {"v": successor.versi}
        )
    inst = old.instansi_id
    new = SKP.objects.create(
        instansi_id=inst,
        pegawai_id=old.pegawai_id,
        jabatan_id=old.jabatan_id,
        periode_id=old.periode_id,
        tanggal_mulai=old.tanggal_mulai,
        tanggal_selesai=old.tanggal_selesai,
        pendekatan=old.pendekatan,
        status=status,
        versi=old.versi + 1,
        sebelumnya=old,
        penilai_id=old.penilai_id,
        atasan_penilai_id=old.atasan_penilai_id,
        snapshot=old.snapshot,
    )
    rhks = list(RHK.objects.filter(instansi_id=inst, skp=old).order_by("pk"))
    copies = RHK.objects.bulk_create(
        RHK(
            instansi_id=inst,
            skp=new,
            jenis=r.jenis,
            teks=r.teks,
            intervensi_id=r.intervensi_id,
            salinan_dari_id=r.pk,
            urutan=r.urutan,
        )
        for r in rhks
    )
    mapping = {o.pk: c.pk for o, c in zip(rhks, copies, strict=True)}
    IKI.objects.bulk_create(
        IKI(
            instansi_id=inst,
            rhk_id=mapping[i.rhk_id],
            aspek=i.aspek,
            indikator=i.indikator,
            target_jenis=i.target_jenis,
            target_nilai=i.target_nilai,
            target_min=i.target_min,
            target_maks=i.target_maks,
            target_teks=i.target_teks,
            satuan=i.satuan,
            arah=i.arah,
            urutan=i.urutan,
        )
        for i in IKI.objects.filter(instansi_id=inst, rhk__skp=old).order_by("pk")
    )
    PerilakuEkspektasi.objects.bulk_create(
        PerilakuEkspektasi(instansi_id=inst, skp=new, nilai=e.nilai, ekspektasi=e.ekspektasi)
        for e in PerilakuEkspektasi.objects.filter(instansi_id=inst, skp=old)
    )
    lampiran = Lampiran.objects.filter(instansi_id=inst, skp=old).first()
    Lampiran.objects.create(
        instansi_id=inst,
        skp=new,
        dukungan_sumber_daya=lampiran.dukungan_sumber_daya if lampiran else "",
        skema_pertanggungjawaban=lampiran.skema_pertanggungjawaban if lampiran else "",
        konsekuensi=lampiran.konsekuensi if lampiran else "",
    )
    audit.record(
        actor=actor.user,
        action="skp.revise",
        obj=new,
        changes={
            "status": [old.status, new.status],
            "versi": [old.versi, new.versi],
            "sebelumnya": [None, audit.ref(old)],
        },
    )
    return new
