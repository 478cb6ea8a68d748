"""Forms of the penilai's pages: the inline rating of one row of the list and the full
rating form. They parse the shape of the input; what may be rated and how (the matrix,
the unit head's rating, the period) is the service's call (services.penilaian), whose
refusals are shown on the form. The predikat has no field: it is read off the matrix."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from ..domain import ratings
from ..selectors.evaluasi import EvaluasiContent
from ..services.penilaian import MAX_CATATAN, MAX_UMPAN_BALIK


def rating_choices() -> list[tuple[str, Any]]:
    return [("", _("— pilih —"))] + [(r, ratings.RATING_LABELS[r]) for r in ratings.RATINGS]


class RatingForm(BootstrapMixin, forms.Form):
    """The two ratings; an empty choice is left to the service, which says which one is
    missing in the same words everywhere (domain.ratings.rating_errors)."""

    rating_hasil_kerja = forms.ChoiceField(
        label=_("Rating hasil kerja"), required=False, choices=rating_choices
    )
    rating_perilaku = forms.ChoiceField(
        label=_("Rating perilaku kerja"), required=False, choices=rating_choices
    )

    def attach(self, error: ValidationError) -> None:
        """Show a service refusal on the field it concerns, else on the form."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                for m in messages:
                    self.add_error(name if name in self.fields else None, m)
        else:
            for m in error.messages:
                self.add_error(None, m)


def rhk_field(rhk_id: int) -> str:
    return f"umpan_balik_rhk_{rhk_id}"


def perilaku_field(nomor: int) -> str:
    return f"umpan_balik_perilaku_{nomor}"


def _textarea(label: str, rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_UMPAN_BALIK,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": MAX_UMPAN_BALIK}),
    )


class PenilaianForm(RatingForm):
    """The full form: the ratings, feedback per RHK and per BerAKHLAK value, and a note.

    The rating hasil kerja starts at the stored rating, or at the system's suggestion
    when nothing is chosen yet (rules §1: shown, the penilai decides). For a unit head
    whose organisation predikat is set it is fixed (disabled: the posted value is
    ignored and the fixed one is sent to the service, which checks it again)."""

    catatan = forms.CharField(
        label=_("Catatan penilai"),
        required=False,
        max_length=MAX_CATATAN,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_CATATAN}),
    )

    def __init__(self, *args: Any, content: EvaluasiContent, **kwargs: Any) -> None:
        ev = content.evaluasi
        initial = {
            "rating_hasil_kerja": ev.rating_hasil_kerja or content.saran_hasil_kerja or "",
            "rating_perilaku": ev.rating_perilaku,
            "catatan": ev.catatan_penilai,
        }
        for row in content.rhk:
            initial[rhk_field(row.rhk.pk)] = row.umpan_balik_penilai
        for p in content.perilaku:
            initial[perilaku_field(p.nomor)] = p.umpan_balik_penilai
        if content.head_rating:
            initial["rating_hasil_kerja"] = content.head_rating
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.content = content
        for row in content.rhk:
            self.fields[rhk_field(row.rhk.pk)] = _textarea(
                str(_("Umpan balik atas RHK ini")), rows=2
            )
        for p in content.perilaku:
            self.fields[perilaku_field(p.nomor)] = _textarea(
                str(_("Umpan balik perilaku: %(nama)s")) % {"nama": p.nama}, rows=2
            )
        if content.head_rating:
            self.fields["rating_hasil_kerja"].disabled = True
        if content.realisasi_filled == 0:
            # Rating someone who entered no realisasi: allowed, once confirmed.
            self.fields["tanpa_realisasi"] = forms.BooleanField(
                label=_("Saya tetap menilai walaupun pegawai ini belum mengisi realisasi."),
                required=False,
            )
            self.fields["tanpa_realisasi"].widget.attrs["class"] = "form-check-input"
        # Re-apply the Bootstrap classes to the fields added above.
        for name, field in self.fields.items():
            if name == "tanpa_realisasi":
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if css not in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        if "tanpa_realisasi" in self.fields and not data.get("tanpa_realisasi"):
            self.add_error(
                "tanpa_realisasi",
                _(
                    "Pegawai ini belum mengisi realisasi apa pun. Centang kotak ini untuk "
                    "tetap menilai."
                ),
            )
        return data

    def rhk_fields(self):
        return [(row, self[rhk_field(row.rhk.pk)]) for row in self.content.rhk]

    def perilaku_fields(self):
        return [(p, self[perilaku_field(p.nomor)]) for p in self.content.perilaku]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "rating_hasil_kerja": data.get("rating_hasil_kerja") or "",
            "rating_perilaku": data.get("rating_perilaku") or "",
            "umpan_balik_rhk": {
                row.rhk.pk: data.get(rhk_field(row.rhk.pk)) or "" for row in self.content.rhk
            },
            "umpan_balik_perilaku": {
                p.nomor: data.get(perilaku_field(p.nomor)) or "" for p in self.content.perilaku
            },
            "catatan": data.get("catatan") or "",
        }

    def attach(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                target = name if name in self.fields else None
                if name in ("umpan_balik_rhk", "umpan_balik_perilaku"):
                    target = None
                for m in messages:
                    self.add_error(target, m)
        else:
            super().attach(error)
