"""Writes of the SIASN reference data (rules §13; issue 11 §5): the Admin Instansi edits
or imports SIASN's golongan ids and koefisienId per jenjang × predikat, and imports the
SIASN person ids of the agency's staff (through org's pegawai_set_siasn_ids).

An import is all or nothing: a file with a wrong row writes nothing and the report says
which rows are wrong; a good file is applied whole, merged into what is stored (a file
may hold part of a table). Each save or import is one audit event with the changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekinerja.core import audit
from ekinerja.core.roles import Actor
from ekinerja.core.tabular import ImportFileError, RowError
from ekinerja.org import domain as org_domain
from ekinerja.org.models import Jabatan
from ekinerja.org.services.siasn import SIASN_ID_RE, SiasnIdsResult, pegawai_set_siasn_ids

from .. import siasn_import
from ..access import require_appraisal_admin
from ..domain import ratings
from ..models import SiasnGolongan, SiasnKoefisien

GOLONGAN = "golongan"
KOEFISIEN = "koefisien"
PEGAWAI = "pegawai"
KINDS = (GOLONGAN, KOEFISIEN, PEGAWAI)
GOLONGAN_ALL: tuple[str, ...] = (*org_domain.PANGKAT_PNS, *org_domain.GOLONGAN_PPPK)
KOEFISIEN_ALL: tuple[tuple[str, str], ...] = tuple(
    (j, p) for j in Jabatan.Jenjang.values for p in ratings.PREDIKAT
)


def _check_id(sid: str, label: str) -> str | None:
    if sid and not SIASN_ID_RE.fullmatch(sid):
        return _("ID untuk %(k)s tidak sah: isi 1–64 huruf, angka, tanda - atau _.") % {"k": label}
    return None


def _apply(
    *, actor: Actor, model: Any, keys: tuple[str, ...], wanted: Mapping[Any, str], labels: Any
) -> tuple[dict[str, list], int]:
    """Make the rows of `model` hold `wanted` ({key: id}, "" removes). Returns the changes
    ({label: [old, new]}) and how many keys were unchanged. All or nothing."""
    errors = [e for k, v in wanted.items() if (e := _check_id(v, labels(k)))]
    if errors:
        raise ValidationError(errors)
    key_of = (lambda r: getattr(r, keys[0])) if len(keys) == 1 else (
        lambda r: tuple(getattr(r, f) for f in keys)
    )  # fmt: skip
    rows = {key_of(r): r for r in model.objects.select_for_update().filter(
        instansi_id=actor.instansi_id)}  # fmt: skip
    after = {k: r.siasn_id for k, r in rows.items()}
    after.update(wanted)
    owners: dict[str, Any] = {}
    for k, sid in after.items():
        if sid and sid in owners:
            errors.append(
                _("ID %(id)s dipakai untuk %(a)s dan %(b)s.")
                % {"id": sid, "a": labels(owners[sid]), "b": labels(k)}
            )
        owners.setdefault(sid, k)
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list] = {}
    unchanged = 0
    for k, sid in wanted.items():
        row = rows.get(k)
        old = row.siasn_id if row is not None else ""
        if old == sid:
            unchanged += 1
            continue
        changes[labels(k)] = [old or None, sid or None]
        if not sid:
            assert row is not None  # old != sid == "": a row held an id
            row.delete()
        elif row is None:
            fields = dict(zip(keys, (k,) if len(keys) == 1 else k, strict=True))
            model.objects.create(
                instansi_id=actor.instansi_id, siasn_id=sid, updated_by=actor.user, **fields
            )
        else:
            row.siasn_id, row.updated_by = sid, actor.user
            row.save(update_fields=["siasn_id", "updated_by", "updated_at"])
    return changes, unchanged


def _golongan_apply(actor: Actor, wanted: Mapping[str, str]) -> tuple[dict[str, list], int]:
    unknown = set(wanted) - set(GOLONGAN_ALL)
    if unknown:
        raise ValidationError(_("Golongan tidak dikenal: %(g)s.") % {"g": ", ".join(unknown)})
    return _apply(actor=actor, model=SiasnGolongan, keys=("golongan",), wanted=wanted,
                  labels=str)  # fmt: skip


def _koefisien_apply(
    actor: Actor, wanted: Mapping[tuple[str, str], str]
) -> tuple[dict[str, list], int]:
    unknown = set(wanted) - set(KOEFISIEN_ALL)
    if unknown:
        raise ValidationError(_("Jenjang atau predikat tidak dikenal."))
    return _apply(
        actor=actor,
        model=SiasnKoefisien,
        keys=("jenjang", "predikat"),
        wanted=wanted,
        labels=siasn_import.koefisien_label,
    )


def _record_golongan(actor: Actor, action: str, label: str, changes: dict[str, Any]) -> None:
    audit.record(
        actor=actor.user,
        action=action,
        instansi_id=actor.instansi_id,
        object_type=SiasnGolongan._meta.label_lower,
        object_repr=label,
        changes=changes,
    )


def _record_koefisien(actor: Actor, action: str, label: str, changes: dict[str, Any]) -> None:
    audit.record(
        actor=actor.user,
        action=action,
        instansi_id=actor.instansi_id,
        object_type=SiasnKoefisien._meta.label_lower,
        object_repr=label,
        changes=changes,
    )


@transaction.atomic
def siasn_golongan_update(*, actor: Actor, values: Mapping[str, str]) -> dict[str, list]:
    """The Admin Instansi's edit of the golongan table: {golongan: SIASN id}; an empty id
    removes the row. Returns the changes ({golongan: [old, new]})."""
    actor = require_appraisal_admin(actor)
    changes, _n = _golongan_apply(actor, {k: (v or "").strip() for k, v in values.items()})
    if changes:
        _record_golongan(
            actor,
            "siasn_golongan.update",
            _("ID golongan SIASN"),
            changes,
        )
    return changes


@transaction.atomic
def siasn_koefisien_update(
    *, actor: Actor, values: Mapping[tuple[str, str], str]
) -> dict[str, list]:
    """The edit of the koefisien table: {(jenjang, predikat): koefisienId}; empty removes."""
    actor = require_appraisal_admin(actor)
    changes, _n = _koefisien_apply(actor, {k: (v or "").strip() for k, v in values.items()})
    if changes:
        _record_koefisien(
            actor,
            "siasn_koefisien.update",
            _("koefisienId SIASN"),
            changes,
        )
    return changes


# --- imports --------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import of a SIASN reference file did (or, with errors, would not do)."""

    kind: str
    filename: str
    rows: int = 0
    kosong: int = 0  # rows without an id, skipped
    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0
    changes: dict[str, list] = field(default_factory=dict)  # golongan / koefisien
    unchanged: int = 0
    ids: SiasnIdsResult | None = None  # people
    replace: bool = False

    @property
    def applied(self) -> bool:
        return not self.errors

    LIST_LIMIT = 50

    def as_session(self) -> dict[str, Any]:
        """A bounded, JSON-able copy for the page shown after the redirect."""
        n = self.LIST_LIMIT

        def people(items: list) -> dict[str, Any]:
            return {
                "count": len(items),
                "rows": [[c.nip, c.nama, c.lama, c.baru] for c in items[:n]],
            }

        out: dict[str, Any] = {
            "kind": self.kind,
            "filename": self.filename,
            "rows": self.rows,
            "kosong": self.kosong,
            "applied": self.applied,
            "error_count": len(self.errors) + self.more_errors,
            # shown once, to the uploader, right after the redirect: rendered now
            "errors": [{**e.as_dict(), "message": str(e.message)} for e in self.errors[:n]],
            "changes": [[k, *v] for k, v in list(self.changes.items())[:n]],
            "change_count": len(self.changes),
            "unchanged": self.unchanged,
            "replace": self.replace,
        }
        if self.ids is not None:
            out.update(
                diisi=people(self.ids.diisi),
                diganti=people(self.ids.diganti),
                bentrok=people(self.ids.bentrok),
                dipakai=people(self.ids.dipakai),
                tidak_ditemukan={
                    "count": len(self.ids.tidak_ditemukan),
                    "rows": self.ids.tidak_ditemukan[:n],
                },
                sama=self.ids.sama,
            )
        return out


PARSERS = {
    GOLONGAN: siasn_import.parse_golongan,
    KOEFISIEN: siasn_import.parse_koefisien,
    PEGAWAI: siasn_import.parse_pegawai,
}


@transaction.atomic
def siasn_reference_import(
    *, actor: Actor, kind: str, filename: str, data: bytes, replace: bool = False
) -> ImportReport:
    """Import one SIASN reference file (CSV, XLSX or JSON; siasn_import): golongan ids,
    koefisienId, or person ids by NIP (`replace`: a person's different stored id is
    replaced; otherwise kept and reported). A file that cannot be read, or lacks a
    column, raises ValidationError; a file with wrong rows writes nothing and returns
    the report with its `errors`."""
    actor = require_appraisal_admin(actor)
    if kind not in KINDS:
        raise ValueError(kind)
    try:
        table = siasn_import.read(filename, data, max_bytes=settings.IMPORT_MAX_BYTES)
        parsed = PARSERS[kind](table)
    except ImportFileError as e:
        raise ValidationError(str(e)) from None
    report = ImportReport(
        kind=kind,
        filename=filename,
        rows=parsed.rows,
        kosong=parsed.kosong,
        errors=parsed.errors,
        more_errors=parsed.more_errors,
        replace=replace,
    )
    if report.errors:
        return report
    if not parsed.mapping:
        raise ValidationError(_("Berkas tidak berisi satu pun ID SIASN."))
    if kind == PEGAWAI:
        report.ids = pegawai_set_siasn_ids(actor=actor, mapping=parsed.mapping, replace=replace)
        ids = report.ids
        # code keys, labelled in the reader's language by appraisal/audit_labels.py
        changes: dict[str, Any] = {
            "berkas": filename,
            "diisi": len(ids.diisi),
            "diganti": len(ids.diganti),
            "sama": ids.sama,
            "bentrok": len(ids.bentrok),
            "dipakai": len(ids.dipakai),
            "tidak_ditemukan": len(ids.tidak_ditemukan),
        }
        audit.record(
            actor=actor.user,
            action="siasn_pegawai.import",
            instansi_id=actor.instansi_id,
            object_type="org.pegawai",
            object_repr=filename[:255],
            changes=changes,
        )
        return report
    if kind == GOLONGAN:
        report.changes, report.unchanged = _golongan_apply(actor, parsed.mapping)
        _record_golongan(
            actor,
            "siasn_golongan.import",
            filename[:255],
            report.changes,
        )
    else:
        report.changes, report.unchanged = _koefisien_apply(actor, parsed.mapping)
        _record_koefisien(
            actor,
            "siasn_koefisien.import",
            filename[:255],
            report.changes,
        )
    return report
