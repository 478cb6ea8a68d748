"""SIASN person ids, many at once (issue 11 §5): called by the appraisal's SIASN
reference import (a file from SIASN: NIP → person id) and the demo seeder. An id is
SIASN's: letters, digits, '-' or '_', at most 64 characters (Pegawai.siasn_id); SIASN's
own look like A8ACA7A4ECE03912E040640A040269BB."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.models import AuditEvent
from ekinerja.core.nip import normalize_nip
from ekinerja.core.roles import Actor

from ..access import require_admin
from ..models import Pegawai

SIASN_ID_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
_SIASN_CHUNK = 5000  # keys per `__in` query


@dataclass(frozen=True)
class SiasnIdChange:
    pegawai_id: int
    nip: str
    nama: str
    lama: str
    baru: str


@dataclass
class SiasnIdsResult:
    """What pegawai_set_siasn_ids did, person by person (ordered by NIP)."""

    diisi: list[SiasnIdChange] = field(default_factory=list)  # had none, now set
    diganti: list[SiasnIdChange] = field(default_factory=list)  # replaced (replace=True)
    bentrok: list[SiasnIdChange] = field(default_factory=list)  # has another; kept
    dipakai: list[SiasnIdChange] = field(default_factory=list)  # id is someone else's
    tidak_ditemukan: list[str] = field(default_factory=list)  # NIP not in this instansi
    sama: int = 0  # already had this id

    @property
    def written(self) -> int:
        return len(self.diisi) + len(self.diganti)


def _siasn_mapping_errors(mapping: Mapping[str, str]) -> tuple[dict[str, str], dict[str, list]]:
    clean: dict[str, str] = {}
    errors: dict[str, list] = {}
    owner: dict[str, str] = {}
    for raw_nip, raw_id in mapping.items():
        nip = normalize_nip(str(raw_nip or ""))
        sid = str(raw_id or "").strip()
        if not (len(nip) == 18 and nip.isascii() and nip.isdigit()):
            errors.setdefault("nip", []).append(
                _("NIP %(nip)s tidak sah: NIP terdiri atas 18 angka.") % {"nip": raw_nip}
            )
            continue
        if not SIASN_ID_RE.fullmatch(sid):
            errors.setdefault("siasn_id", []).append(
                _(
                    "ID SIASN %(id)s untuk NIP %(nip)s tidak sah: isi 1–64 huruf, angka, "
                    "tanda - atau _."
                )
                % {"id": sid or "(kosong)", "nip": nip}
            )
            continue
        if clean.get(nip, sid) != sid:
            errors.setdefault("nip", []).append(
                _("NIP %(nip)s tercantum dua kali dengan ID SIASN berbeda.") % {"nip": nip}
            )
        if owner.get(sid, nip) != nip:
            errors.setdefault("siasn_id", []).append(
                _("ID SIASN %(id)s diberikan kepada dua NIP: %(a)s dan %(b)s.")
                % {"id": sid, "a": owner[sid], "b": nip}
            )
        clean[nip] = sid
        owner[sid] = nip
    return clean, errors


@transaction.atomic
def pegawai_set_siasn_ids(
    *, actor: Actor | None, mapping: Mapping[str, str], replace: bool = False
) -> SiasnIdsResult:
    """Set the SIASN person id of the instansi's people by NIP ({nip: id}).

    All or nothing for bad input: a NIP that is not 18 digits, an id that is not one, a
    NIP listed twice with different ids or one id for two NIPs raise ValidationError and
    write nothing. Otherwise each person is reported: an id is set where there was none;
    a different id already stored is kept (`bentrok`) unless `replace`; an id that
    another person of the instansi keeps is not given twice (`dipakai`); a NIP not in
    this instansi is `tidak_ditemukan`. Each change is audited as the person's update."""
    actor = require_admin(actor)
    clean, errors = _siasn_mapping_errors(mapping)
    if errors:
        raise ValidationError(errors)
    result = SiasnIdsResult()
    nips = sorted(clean)
    people: dict[str | None, Pegawai] = {}
    for i in range(0, len(nips), _SIASN_CHUNK):
        rows = Pegawai.objects.select_for_update().filter(
            instansi_id=actor.instansi_id, nip__in=nips[i : i + _SIASN_CHUNK]
        )
        people.update({p.nip: p for p in rows.only("pk", "nip", "nama", "gelar_depan",
                                                     "gelar_belakang", "siasn_id")})  # fmt: skip
    ids = sorted(set(clean.values()))
    holders: dict[str | None, str | None] = {}  # id → NIP of who has it now
    for i in range(0, len(ids), _SIASN_CHUNK):
        holders.update(
            Pegawai.objects.filter(
                instansi_id=actor.instansi_id, siasn_id__in=ids[i : i + _SIASN_CHUNK]
            ).values_list("siasn_id", "nip")
        )

    before = {nip: p.siasn_id for nip, p in people.items()}

    def keeps_own(nip: str | None) -> bool:
        """Whether the person keeps their present id: not in the mapping, or in it with
        the same id, or with another one that does not replace it."""
        old = before.get(nip or "")
        return not old or clean[nip or ""] == old or not replace

    changed: list[tuple[Pegawai, str]] = []
    for nip in nips:
        p = people.get(nip)
        new = clean[nip]
        if p is None:
            result.tidak_ditemukan.append(nip)
            continue
        change = SiasnIdChange(p.pk, nip, p.nama_lengkap, p.siasn_id, new)
        holder = holders.get(new)
        if p.siasn_id == new:
            result.sama += 1
        elif holder is not None and holder != nip and keeps_own(holder):
            result.dipakai.append(change)
        elif p.siasn_id and not replace:
            result.bentrok.append(change)
        else:
            (result.diganti if p.siasn_id else result.diisi).append(change)
            changed.append((p, p.siasn_id))
            p.siasn_id = new
    now = timezone.now()
    for p, _old in changed:
        p.updated_at = now
    Pegawai.objects.bulk_update([p for p, _old in changed], ["siasn_id", "updated_at"], 500)
    user = actor.user
    label = (user.get_full_name() or user.get_username())[:200]
    audit.bulk_record(
        [
            AuditEvent(
                instansi_id=actor.instansi_id,
                actor=user,
                actor_label=label,
                action="pegawai.update",
                object_type=Pegawai._meta.label_lower,
                object_id=str(p.pk),
                object_repr=p.nama_lengkap[:255],
                changes={"siasn_id": [old or None, p.siasn_id]},
            )
            for p, old in changed
        ]
    )
    return result
