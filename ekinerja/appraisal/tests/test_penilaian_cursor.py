"""The penilai's list pages on after a cursor evaluation (`setelah`): the cursor is
looked up within the actor's instansi, so another agency's evaluation id is no cursor
(the group starts from its first row) and reveals nothing of that evaluation."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ..selectors.penilaian import Halaman, Saringan, penilaian_list
from .factories import appraisal_world

pytestmark = pytest.mark.django_db


def _rows_after(w, setelah: int) -> list[str]:
    (group,) = penilaian_list(
        actor=w.cast.actor("bob"),
        periode=w.periode,
        saringan=Saringan(t=timezone.now()),
        halaman=Halaman(unit_id=w.cast.dinas.pk, halaman=2, setelah=setelah, per=1),
        only_unit=True,
    )
    return [row.evaluasi.pegawai.nama for row in group.rows]


def test_another_agencys_evaluation_is_no_cursor(cast):
    w = appraisal_world(cast)
    charlie = w.evaluasi("charlie")
    assert _rows_after(w, charlie.pk) == [cast.dina.nama]  # after Charlie: Dina
    # An evaluation of instansi B whose person sorts after everyone bob rates: were it
    # taken as the cursor, nothing would follow it.
    outsider = w.evaluasi("charlie")
    outsider.pk = None
    outsider.instansi_id = cast.gita.instansi_id
    outsider.pegawai = cast.gita
    outsider.save()
    assert cast.gita.nama > cast.dina.nama
    assert _rows_after(w, outsider.pk) == [cast.charlie.nama]
