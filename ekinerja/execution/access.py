"""Tenant and object checks for execution and coaching: the only way a view or the API
gets an activity, a rencana aksi, an evidence item, a feedback thread, a coaching note
or a reminder by id.

Another agency's row is a 404; the same agency without the right is a 403.

Who reads a pegawai's execution data (activities, rencana aksi, evidence, feedback,
coaching notes): the pegawai, their direct supervisor, heads, pimpinan and pengelola
kinerja of their unit subtree, and the Admin Instansi and Auditor of the agency (issue 4
item 3; org.access.scope_can_read). Who writes is narrower and checked here for the
object and in the services for the state:
- the owner writes their activities, rencana aksi and evidence;
- the direct supervisor (Pegawai.atasan, which follows an admin's override) verifies
  and rejects activities, opens feedback threads and records coaching notes;
- the penilai of the RHK's SKP comments on a rencana aksi.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ekinerja.core.access import MemberActor, require_instansi
from ekinerja.core.ids import parse_id
from ekinerja.core.roles import Actor
from ekinerja.org.access import OrgScope, org_scope, scope_can_read
from ekinerja.org.models import Pegawai, UnitKerja

from .models import Aktivitas, BimbinganKinerja, BuktiDukung, Pengingat, RencanaAksi, UmpanBalik


def me(actor: Actor) -> int | None:
    """The actor's own Pegawai id (None for a login without a staff record)."""
    return org_scope(actor).pegawai_id


def can_read_pegawai(actor: Actor, pegawai: Pegawai) -> bool:
    """`pegawai.unit` should be loaded."""
    return scope_can_read(org_scope(actor), pegawai)


def is_supervisor_of(actor: Actor, pegawai: Pegawai) -> bool:
    """The actor is the pegawai's direct supervisor (penilai) today."""
    mine = me(actor)
    return mine is not None and pegawai.atasan_id == mine


def require_own_pegawai(actor: Actor | None) -> Pegawai:
    """The actor's Pegawai record (with unit): the activity log is for staff only."""
    actor = require_instansi(actor)
    pegawai = (
        Pegawai.objects.select_related("unit", "jabatan")
        .filter(instansi_id=actor.instansi_id, user_id=actor.user.pk)
        .first()
    )
    if pegawai is None:
        raise PermissionDenied(
            _(
                "Akun ini tidak terhubung dengan data pegawai, sehingga tidak mempunyai "
                "log aktivitas."
            )
        )
    return pegawai


def access_pegawai_log(*, actor: Actor | None, id: int) -> Pegawai:
    """A pegawai whose activity log, summary and feedback the actor may read."""
    actor = require_instansi(actor)
    pegawai = (
        Pegawai.objects.select_related("unit", "jabatan")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if pegawai is None:
        raise Http404(_("Pegawai tidak ditemukan."))
    if not can_read_pegawai(actor, pegawai):
        raise PermissionDenied(_("Anda tidak berwenang melihat catatan kinerja pegawai ini."))
    return pegawai


def _read_or_403(actor: Actor, pegawai: Pegawai, message: str) -> None:
    if not can_read_pegawai(actor, pegawai):
        raise PermissionDenied(message)


def access_aktivitas(*, actor: Actor | None, id: int, for_write: bool = False) -> Aktivitas:
    """An activity (with its pegawai, RHK and rencana aksi). With `for_write`: only its
    owner (whether it can still change is the service's call)."""
    actor = require_instansi(actor)
    found = (
        Aktivitas.objects.select_related("pegawai", "pegawai__unit", "rhk", "rencana_aksi")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if found is None:
        raise Http404(_("Aktivitas tidak ditemukan."))
    if for_write:
        if found.pegawai_id != me(actor):
            raise PermissionDenied(_("Hanya pemilik aktivitas yang dapat mengubahnya."))
        return found
    _read_or_403(actor, found.pegawai, _("Anda tidak berwenang melihat aktivitas ini."))
    return found


def access_rencana_aksi(*, actor: Actor | None, id: int, for_write: bool = False) -> RencanaAksi:
    """A rencana aksi (with its pegawai, RHK and the RHK's SKP). With `for_write`: its
    owner, or the penilai of its SKP (who may only comment: services decide)."""
    actor = require_instansi(actor)
    found = (
        RencanaAksi.objects.select_related("pegawai", "pegawai__unit", "rhk", "rhk__skp")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if found is None:
        raise Http404(_("Rencana aksi tidak ditemukan."))
    if for_write:
        mine = me(actor)
        if mine is None or mine not in (found.pegawai_id, found.rhk.skp.penilai_id):
            raise PermissionDenied(
                _("Hanya pemilik rencana aksi dan pejabat penilainya yang dapat mengubahnya.")
            )
        return found
    _read_or_403(actor, found.pegawai, _("Anda tidak berwenang melihat rencana aksi ini."))
    return found


def access_bukti(*, actor: Actor | None, id: int, for_write: bool = False) -> BuktiDukung:
    """An evidence item: read (and downloaded) by the owner, their supervisors, the unit's
    pengelola kinerja, and the agency's admins and auditors; with `for_write` (delete),
    by the owner only."""
    actor = require_instansi(actor)
    found = (
        BuktiDukung.objects.select_related("pegawai", "pegawai__unit", "aktivitas", "rencana_aksi")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if found is None:
        raise Http404(_("Bukti dukung tidak ditemukan."))
    if for_write:
        if found.pegawai_id != me(actor):
            raise PermissionDenied(_("Hanya pemilik bukti dukung yang dapat menghapusnya."))
        return found
    _read_or_403(actor, found.pegawai, _("Anda tidak berwenang membuka bukti dukung ini."))
    return found


def access_umpan_balik(*, actor: Actor | None, id: int, for_write: bool = False) -> UmpanBalik:
    """A feedback thread (its first message, with pegawai, author and RHK). Read by the
    two people in it and by whoever may read the pegawai's data; with `for_write`
    (reply), by the pegawai, the author, or the pegawai's current supervisor."""
    actor = require_instansi(actor)
    found = (
        UmpanBalik.objects.select_related("pegawai", "pegawai__unit", "penulis", "rhk")
        .filter(instansi_id=actor.instansi_id, pk=id, induk__isnull=True)
        .first()
    )
    if found is None:
        raise Http404(_("Umpan balik tidak ditemukan."))
    mine = me(actor)
    in_thread = mine is not None and mine in (found.pegawai_id, found.penulis_id)
    if for_write:
        if not (in_thread or is_supervisor_of(actor, found.pegawai)):
            raise PermissionDenied(
                _("Hanya pegawai yang bersangkutan dan atasannya yang dapat membalas umpan balik.")
            )
        return found
    if not in_thread:
        _read_or_403(actor, found.pegawai, _("Anda tidak berwenang melihat umpan balik ini."))
    return found


def access_bimbingan(*, actor: Actor | None, id: int, for_write: bool = False) -> BimbinganKinerja:
    """A coaching note; with `for_write`, only the supervisor who wrote it."""
    actor = require_instansi(actor)
    found = (
        BimbinganKinerja.objects.select_related("pegawai", "pegawai__unit", "pembimbing")
        .filter(instansi_id=actor.instansi_id, pk=id)
        .first()
    )
    if found is None:
        raise Http404(_("Catatan bimbingan tidak ditemukan."))
    if for_write:
        if found.pembimbing_id != me(actor):
            raise PermissionDenied(
                _("Hanya pembimbing yang menulisnya dapat mengubah catatan ini.")
            )
        return found
    if me(actor) != found.pembimbing_id:
        _read_or_403(actor, found.pegawai, _("Anda tidak berwenang melihat catatan bimbingan ini."))
    return found


def require_execution_admin(actor: Actor | None) -> MemberActor:
    """Reminders and the execution settings are kept by the Admin Instansi."""
    actor = require_instansi(actor)
    if not actor.is_admin:
        raise PermissionDenied(
            _("Pengingat dan pengaturan pelaksanaan kinerja dikelola oleh Admin Instansi.")
        )
    return actor


def access_pengingat(*, actor: Actor | None, id: int) -> Pengingat:
    actor = require_instansi(actor)
    found = Pengingat.objects.filter(instansi_id=actor.instansi_id, pk=id).first()
    if found is None:
        raise Http404(_("Pengingat tidak ditemukan."))
    require_execution_admin(actor)
    return found


# --- the team summary: who sees it, of whom (pages and API) ----------------------------

BAWAHAN = "bawahan"


@dataclass
class Cakupan:
    """The people a summary covers: a unit subtree or the actor's direct subordinates."""

    value: str  # BAWAHAN, a unit id, or "" (nothing chosen yet)
    unit: UnitKerja | None
    atasan_id: int | None
    label: str


def unit_in_scope(scope: OrgScope, unit: UnitKerja) -> bool:
    return scope.whole_instansi or any(unit.path.startswith(p) for p in scope.unit_paths)


def summary_scope(actor: MemberActor, scope: OrgScope, raw: str, has_subs: bool) -> Cakupan:
    """The monthly summary's scope asked for in ?unit= (a unit id, or BAWAHAN for the
    direct subordinates), checked: another agency's unit is a 404, a unit outside the
    actor's reading scope a 403; without ?unit=, the actor's natural scope."""
    if raw == BAWAHAN and has_subs:
        return Cakupan(BAWAHAN, None, scope.pegawai_id, _("Bawahan langsung saya"))
    if (unit_id := parse_id(raw)) is not None:
        unit = UnitKerja.objects.filter(instansi_id=actor.instansi_id, pk=unit_id).first()
        if unit is None:
            raise Http404(_("Unit kerja tidak ditemukan."))
        if not unit_in_scope(scope, unit):
            raise PermissionDenied(
                _("Anda tidak berwenang melihat ringkasan unit kerja %(unit)s.")
                % {"unit": unit.nama}
            )
        return Cakupan(str(unit.pk), unit, None, unit.nama)
    if scope.unit_paths:
        unit = (
            UnitKerja.objects.filter(instansi_id=actor.instansi_id, path=scope.unit_paths[0])
            .order_by("pk")
            .first()
        )
        if unit is not None:
            return Cakupan(str(unit.pk), unit, None, unit.nama)
    if has_subs:
        return Cakupan(BAWAHAN, None, scope.pegawai_id, _("Bawahan langsung saya"))
    return Cakupan("", None, None, "")


@dataclass(frozen=True)
class TeamSummary:
    """What access_team_summary decided for an actor."""

    scope: OrgScope
    # None: the actor has no team (no unit to read, nobody reporting to them); the page
    # sends them to their own month, the API gives their own row.
    cakupan: Cakupan | None

    @property
    def has_subordinates(self) -> bool:
        return self.scope.has_subordinates


def access_team_summary(*, actor: Actor | None, unit: str) -> TeamSummary:
    """The team summary's gate, for the page (views.ringkasan) and the API alike: the
    actor reads a team when they read a unit subtree or the whole instansi, or someone
    reports to them; then `unit` (?unit=: a unit id, BAWAHAN, or "") is checked by
    summary_scope (another agency's unit is a 404, a unit outside the actor's reading
    scope a 403)."""
    actor = require_instansi(actor)
    scope = org_scope(actor)
    if not (scope.has_team or scope.has_subordinates):
        return TeamSummary(scope, None)
    return TeamSummary(scope, summary_scope(actor, scope, unit, scope.has_subordinates))
