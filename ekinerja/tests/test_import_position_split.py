"""A position change that arrives through the staff import splits the SKP as the staff
page does (rules §4; org/hooks.py), and a refused split undoes the whole import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ekinerja.org.imports.batches import import_commit, import_prepare
from ekinerja.org.models import Pegawai
from ekinerja.org.tests.test_imports import PEGAWAI_HEADER, csv_bytes
from ekinerja.plans.models import SKP
from ekinerja.plans.tests.factories import approved_cascade

pytestmark = pytest.mark.django_db


def _row(p: Pegawai, kode_jabatan: str, tmt: str) -> list[str]:
    current = {c: "" for c in PEGAWAI_HEADER}
    assert p.nip is not None and p.tanggal_lahir is not None
    export = {
        "nip": p.nip, "nama": p.nama, "jenis_kelamin": p.jenis_kelamin,
        "tanggal_lahir": p.tanggal_lahir.isoformat(), "status": p.status,
        "golongan": p.golongan, "kode_jabatan": kode_jabatan, "tmt_jabatan": tmt,
        "email": p.email,
    }  # fmt: skip
    current.update({k: v for k, v in export.items() if k in current})
    return [current[c] for c in PEGAWAI_HEADER]


def _import(cast, *rows: list[str]):
    data = csv_bytes(PEGAWAI_HEADER, list(rows))
    batch = import_prepare(
        actor=cast.actor("eko"), kind="pegawai", filename="pegawai.csv", data=data
    )
    assert not batch.errors, batch.errors
    return import_commit(actor=cast.actor("eko"), batch=batch)


def test_a_position_change_in_the_import_splits_the_skp(cast):
    c = approved_cascade(cast)
    _import(cast, _row(cast.charlie, "J-ANALIS", "2026-07-01"))
    old = SKP.objects.get(pk=c.charlie.pk)
    assert old.status == "disetujui" and old.tanggal_selesai == dt.date(2026, 6, 30)
    new = SKP.objects.get(pegawai=cast.charlie, jabatan=cast.jab_fungsional)
    assert new.status == "draft" and new.tanggal_mulai == dt.date(2026, 7, 1)
    assert new.penilai_id == cast.bob.pk


def test_a_refused_split_undoes_the_whole_import(cast):
    c = approved_cascade(cast)
    before = Pegawai.objects.get(pk=cast.charlie.pk).jabatan_id
    # The approved SKP starts on 1 January: there is no day left to close it on.
    with pytest.raises(ValidationError) as info:
        _import(cast, _row(cast.charlie, "J-ANALIS", "2026-01-01"))
    assert cast.charlie.nip in " ".join(info.value.messages)
    assert Pegawai.objects.get(pk=cast.charlie.pk).jabatan_id == before
    assert SKP.objects.get(pk=c.charlie.pk).tanggal_selesai == dt.date(2026, 12, 31)
    assert not SKP.objects.filter(pegawai=cast.charlie, jabatan=cast.jab_fungsional).exists()
