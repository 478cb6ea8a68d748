"""The upload form of the import page: the kind of data and the file, its size checked
before it is read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core import tabular as reading
from ekinerja.core.formtools import BootstrapMixin

from ..models import ImportBatch


class ImportForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Jenis data"),
        choices=ImportBatch.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Pilih jenis data yang diimpor.")},
    )
    berkas = forms.FileField(
        label=gettext_lazy("Berkas CSV atau XLSX"),
        error_messages={
            "required": gettext_lazy("Pilih berkas yang akan diimpor."),
            "empty": gettext_lazy("Berkas kosong."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"
        self.fields["berkas"].widget.attrs["accept"] = ".csv,.xlsx"

    def clean_berkas(self) -> Any:
        f = self.cleaned_data["berkas"]
        limit = settings.IMPORT_MAX_BYTES
        if f.size > limit:
            raise ValidationError(
                _("Berkas terlalu besar (%(size)s MB); batas unggahan %(max)s MB.")
                % {"size": reading.format_mb(f.size), "max": reading.format_mb(limit)}
            )
        return f
