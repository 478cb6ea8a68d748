"""Deleting RHK and IKI without taking anyone's work with them (issue 11 §4).

Every delete in plans that removes RHK or IKI goes through `refuse_if_attached` before
it deletes and `delete_or_refuse` to delete: the first asks the apps further down
(plans/hooks.py: execution's rencana aksi, bukti dukung, activities and feedback) and
refuses, naming what is attached; the second turns a PROTECT foreign key that no check
answered for (e.g. appraisal's realisasi of an IKI) into the same kind of refusal
instead of a server error. A refusal is a ValidationError: the caller's transaction
rolls back and nothing is deleted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import hooks

RHK_KIND, IKI_KIND, SKP_KIND = "rhk", "iki", "skp"


def join_counted(parts: list[str]) -> str:
    """“3 rencana aksi”, “3 rencana aksi dan 2 bukti dukung”, “a, b dan c”."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(daftar)s dan %(akhir)s") % {"daftar": ", ".join(parts[:-1]), "akhir": parts[-1]}


def refusal_message(kind: str, parts: list[str], total: int, nama: str = "") -> str:
    """The refusal, in a whole translatable sentence per kind of object, plural-correct
    for languages that inflect (“… is attached …; move or delete it first.”); `nama`
    names the SKP of SKP_KIND."""
    daftar = join_counted(parts)
    if kind == IKI_KIND:
        text = ngettext(
            "%(daftar)s terlampir pada IKI ini; pindahkan atau hapus dulu.",
            "%(daftar)s terlampir pada IKI ini; pindahkan atau hapus dulu.",
            total,
        )
    elif kind == SKP_KIND:
        text = ngettext(
            "%(daftar)s terlampir pada RHK dari %(nama)s; pindahkan atau hapus dulu.",
            "%(daftar)s terlampir pada RHK dari %(nama)s; pindahkan atau hapus dulu.",
            total,
        )
    else:
        text = ngettext(
            "%(daftar)s terlampir pada RHK ini; pindahkan atau hapus dulu.",
            "%(daftar)s terlampir pada RHK ini; pindahkan atau hapus dulu.",
            total,
        )
    return text % {"daftar": daftar, "nama": nama}


def refuse_if_attached(
    *,
    instansi_id: int,
    kind: str,
    rhk_ids: Iterable[int] = (),
    iki_ids: Iterable[int] = (),
    nama: str = "",
) -> None:
    """ValidationError naming what the registered checks find attached to these RHK
    (with their IKI) and IKI; nothing when nothing is."""
    found = hooks.dependants(
        hooks.Removal(
            instansi_id=instansi_id, rhk_ids=tuple(sorted(rhk_ids)), iki_ids=tuple(sorted(iki_ids))
        )
    )
    if found:
        message = refusal_message(kind, [d.text for d in found], sum(d.count for d in found), nama)
        if kind == RHK_KIND:
            # Where the owner can move them (the apps that answered know; plans does not).
            hints = [h for h in dict.fromkeys(d.hint for d in found) if h]
            message = " ".join([message, *hints])
        raise ValidationError(message, code="attached")


def _counted(objects: Iterable[models.Model]) -> tuple[list[str], int]:
    by_model: Counter[type[models.Model]] = Counter(type(o) for o in objects)
    parts = []
    for model, n in sorted(by_model.items(), key=lambda kv: kv[0]._meta.label):
        name = model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural
        parts.append(f"{n} {name}")
    return parts, sum(by_model.values())


def delete_or_refuse(obj: models.Model, *, kind: str, nama: str = "") -> None:
    """Delete `obj` (and what plans cascades to), or a ValidationError naming the rows
    of other apps that protect it. The delete runs in a savepoint, so a refusal leaves
    the caller's transaction usable."""
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as e:
        objects = e.protected_objects if isinstance(e, ProtectedError) else e.restricted_objects
        parts, total = _counted(objects)
        raise ValidationError(refusal_message(kind, parts, total, nama), code="attached") from None
