"""Forms of the SIASN reference pages (views/siasn.py): the golongan and koefisien tables
as one input per cell, and the upload of a SIASN reference file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core.tabular import format_mb
from ekinerja.org import domain as org_domain
from ekinerja.org.models import Jabatan
from ekinerja.org.services.siasn import SIASN_ID_RE

from ..domain import ratings
from ..services.siasn import GOLONGAN_ALL

ID_MESSAGE = gettext_lazy("Isi 1–64 huruf, angka, tanda - atau _ (tanpa spasi).")


def _id_field(label: str) -> forms.CharField:
    field = forms.CharField(
        label=label,
        max_length=64,
        required=False,
        strip=True,
        validators=[RegexValidator(rf"^{SIASN_ID_RE.pattern}$", ID_MESSAGE)],
    )
    field.widget.attrs.update(
        {"class": "form-control form-control-sm font-monospace", "autocomplete": "off"}
    )
    return field


class GolonganForm(forms.Form):
    """One input per golongan (PNS I/a–IV/e, PPPK I–XVII): its SIASN id, or empty."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i, gol in enumerate(GOLONGAN_ALL):
            name = f"g{i}"
            self.fields[name] = _id_field(gol)
            self.initial[name] = current.get(gol, "")

    def rows(self, which: tuple[str, ...]) -> list[tuple[str, str, forms.BoundField]]:
        out = []
        for i, gol in enumerate(GOLONGAN_ALL):
            if gol in which:
                pangkat = org_domain.PANGKAT_PNS.get(gol, "")
                out.append((gol, pangkat, self[f"g{i}"]))
        return out

    def pns_rows(self) -> list:
        return self.rows(tuple(org_domain.PANGKAT_PNS))

    def pppk_rows(self) -> list:
        return self.rows(org_domain.GOLONGAN_PPPK)

    def values(self) -> dict[str, str]:
        return {gol: self.cleaned_data[f"g{i}"] for i, gol in enumerate(GOLONGAN_ALL)}


class KoefisienForm(forms.Form):
    """One input per jenjang × predikat: SIASN's koefisienId, or empty."""

    def __init__(self, *args: Any, current: dict[tuple[str, str], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for jenjang, jlabel in Jabatan.Jenjang.choices:
            for predikat in ratings.PREDIKAT:
                name = f"k_{jenjang}_{predikat}"
                self.fields[name] = _id_field(f"{jlabel} – {ratings.PREDIKAT_LABELS[predikat]}")
                self.initial[name] = current.get((jenjang, predikat), "")

    def grid(self) -> list[tuple[str, list[tuple[forms.BoundField, str]]]]:
        """Per jenjang: each predikat's input with the predikat's name (the phone layout
        labels each input with it)."""
        return [
            (
                str(jlabel),
                [(self[f"k_{jenjang}_{p}"], ratings.PREDIKAT_LABELS[p]) for p in ratings.PREDIKAT],
            )
            for jenjang, jlabel in Jabatan.Jenjang.choices
        ]

    def values(self) -> dict[tuple[str, str], str]:
        return {
            (j, p): self.cleaned_data[f"k_{j}_{p}"]
            for j in Jabatan.Jenjang.values
            for p in ratings.PREDIKAT
        }


class ImportForm(forms.Form):
    """A SIASN reference file; for person ids, whether a different stored id is replaced."""

    berkas = forms.FileField(
        label=gettext_lazy("Berkas CSV, XLSX, atau JSON"),
        error_messages={
            "required": gettext_lazy("Pilih berkas yang akan diimpor."),
            "empty": gettext_lazy("Berkas kosong."),
        },
    )
    ganti = forms.BooleanField(
        label=gettext_lazy("Ganti ID SIASN yang sudah tersimpan bila berbeda"),
        required=False,
        help_text=gettext_lazy(
            "Tanpa centang, ID yang sudah ada dan berbeda tidak diubah; daftarnya "
            "ditampilkan untuk diperiksa."
        ),
    )

    def __init__(self, *args: Any, with_replace: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["berkas"].widget.attrs.update(
            {"class": "form-control", "accept": ".csv,.xlsx,.json"}
        )
        self.fields["ganti"].widget.attrs["class"] = "form-check-input"
        if not with_replace:
            del self.fields["ganti"]

    def clean_berkas(self) -> Any:
        f = self.cleaned_data["berkas"]
        limit = settings.IMPORT_MAX_BYTES
        if f.size > limit:
            raise ValidationError(
                _("Berkas terlalu besar (%(size)s MB); batas unggahan %(max)s MB.")
                % {"size": format_mb(f.size), "max": format_mb(limit)}
            )
        return f
