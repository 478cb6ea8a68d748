"""The realisasi form of one IKI on the evaluation page (views/evaluasi.py).

The form only carries the typed text: the number is read the Indonesian way (`12,5`,
`1.234`) and checked by the service (services/realisasi.py), which is the one place
that decides what a valid realisasi is, for the page and the API alike."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.numbers import number_text
from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import IKI

from ..models import RealisasiIKI


class RealisasiForm(forms.Form):
    nilai = forms.CharField(label=_("Realisasi"), required=False, strip=True)
    teks = forms.CharField(
        label=_("Uraian realisasi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    catatan = forms.CharField(label=_("Catatan (opsional)"), required=False)
    # The number the person confirmed after the page read it back (a doubtful value,
    # domain.achievement.realisasi_doubts): it holds for that very text only.
    konfirmasi = forms.CharField(required=False, max_length=64)

    def __init__(self, *args: Any, iki: IKI, **kwargs: Any) -> None:
        # Each IKI of the page has its own form: ids must not collide.
        kwargs.setdefault("auto_id", f"realisasi-{iki.pk}-%s")
        super().__init__(*args, **kwargs)
        self.iki = iki
        self.numeric = iki.target_jenis != plans_domain.TARGET_TEKS
        if self.numeric:
            del self.fields["teks"]
            # Text, not type=number: the browser's number input refuses "12,5".
            self.fields["nilai"].widget.attrs.update(
                {"inputmode": "decimal", "autocomplete": "off"}
            )
        else:
            del self.fields["nilai"]
        self.doubt = ""  # the read-back of a doubtful value, shown with a confirm box
        for name, field in self.fields.items():
            if name == "konfirmasi":
                continue
            field.widget.attrs["class"] = "form-control form-control-sm"
            field.widget.attrs.setdefault("aria-describedby", f"realisasi-{iki.pk}-{name}-help")

    def service_kwargs(self, current: RealisasiIKI | None) -> dict[str, Any]:
        """What the service gets. A numeric IKI's form has no description field: keep
        the one stored (e.g. written through the API) rather than erase it."""
        data = self.cleaned_data
        return {
            "nilai": data.get("nilai", ""),
            "teks": data["teks"] if "teks" in self.fields else (current.teks if current else ""),
            "catatan": data.get("catatan", ""),
            "confirmed": self.confirmed(),
        }

    def confirmed(self) -> bool:
        """The person ticked "this number is right" for the number now in the field."""
        data = self.cleaned_data
        if "nilai" not in self.fields:
            return True
        return bool(data.get("konfirmasi")) and data.get("konfirmasi") == data.get("nilai")


def realisasi_initial(realisasi: RealisasiIKI | None) -> dict[str, str]:
    """The stored realisasi the way it is typed: `12,5`, not `12.5000`."""
    if realisasi is None:
        return {}
    return {
        "nilai": number_text(realisasi.nilai),
        "teks": realisasi.teks,
        "catatan": realisasi.catatan,
    }
