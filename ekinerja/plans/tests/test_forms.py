"""The planning forms take their shape from plans.domain: the same text limits as the
services and the API (api/tests/test_text_limits.py), and the IKI form of an SKP
template asks no direction (rules §3: the owner sets it on their own IKI)."""

from __future__ import annotations

from typing import cast

from django import forms

from ekinerja.plans import domain
from ekinerja.plans.forms.content import EkspektasiForm, IKIForm, LampiranForm, RHKForm
from ekinerja.plans.forms.queue import QueueForm
from ekinerja.plans.forms.skp import ReturnForm
from ekinerja.plans.models import IKI


def _max_length(field: forms.Field) -> int | None:
    return cast(forms.CharField, field).max_length


def test_pages_and_api_use_the_same_limits():
    """The forms take their max_length from plans.domain, like the services."""
    assert _max_length(RHKForm(choices=None).fields["teks"]) == domain.MAX_RHK_TEKS
    iki = IKIForm(pendekatan=domain.KUALITATIF).fields
    assert _max_length(iki["indikator"]) == domain.MAX_INDIKATOR
    assert _max_length(iki["target_teks"]) == domain.MAX_TARGET_TEKS
    assert _max_length(iki["satuan"]) == domain.MAX_SATUAN
    lampiran = LampiranForm().fields
    assert {_max_length(f) for f in lampiran.values()} == {domain.MAX_LAMPIRAN}
    assert _max_length(EkspektasiForm().fields["nilai_1"]) == domain.MAX_EKSPEKTASI
    assert _max_length(ReturnForm().fields["alasan"]) == domain.MAX_ALASAN
    assert _max_length(QueueForm().fields["alasan"]) == domain.MAX_ALASAN
    assert IKI._meta.get_field("satuan").max_length == domain.MAX_SATUAN


def test_template_iki_form_has_no_direction():
    assert "arah" not in IKIForm(pendekatan="kuantitatif").fields
    assert "arah" in IKIForm(pendekatan="kuantitatif", arah=True).fields
