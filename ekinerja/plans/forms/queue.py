"""The penilai's queue: approve or return the ticked SKP at once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin
from ekinerja.core.ids import parse_id

from .. import domain


class QueueForm(BootstrapMixin, forms.Form):
    """Approve or return the SKP ticked in the penilai's queue. The ticked ids are read
    as they come: the service refuses, with a message, any that is not the actor's to
    decide, rather than the form saying "not a valid choice"."""

    SETUJUI = "setujui"
    KEMBALIKAN = "kembalikan"

    aksi = forms.ChoiceField(
        choices=[(SETUJUI, _("Setujui")), (KEMBALIKAN, _("Kembalikan"))],
        error_messages={"required": _("Pilih tindakan: setujui atau kembalikan.")},
    )
    alasan = forms.CharField(
        label=_("Alasan pengembalian (untuk semua SKP yang dipilih)"),
        required=False,
        max_length=domain.MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._raw_ids = self.data.getlist("skp") if hasattr(self.data, "getlist") else []
        self.skp_ids = [i for i in map(parse_id, self._raw_ids) if i is not None]

    def clean(self) -> dict[str, Any]:
        # Only a tampered or stale form sends something that is no id: refuse it all
        # rather than act on the rest.
        if len(self.skp_ids) != len(self._raw_ids):
            raise forms.ValidationError(
                _("Sebagian SKP yang dipilih tidak ditemukan. Muat ulang halaman lalu pilih lagi.")
            )
        super().clean()
        return self.cleaned_data
