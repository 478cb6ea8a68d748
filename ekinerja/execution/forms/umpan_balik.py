"""Forms of the feedback and coaching pages. They only parse; the services validate
and refuse (services/umpan_balik.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.plans import domain as plans_domain
from ekinerja.plans.models import RHK

from ..models import UmpanBalik
from ..services.umpan_balik import MAX_TEKS, MAX_TOPIK_BIMBINGAN

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _textarea(rows: int, placeholder: StrOrPromise = "") -> forms.Textarea:
    attrs: dict[str, object] = {"class": "form-control", "rows": rows, "maxlength": MAX_TEKS}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.Textarea(attrs=attrs)


def rhk_label(rhk: RHK) -> str:
    jenis = _("Utama") if rhk.jenis == plans_domain.RHK_UTAMA else _("Tambahan")
    return f"{rhk.skp.tanggal_mulai.year} · {jenis} · {rhk.teks[:120]}"


class UmpanBalikForm(forms.Form):
    topik = forms.ChoiceField(
        label=_("Topik"),
        choices=UmpanBalik.Topik.choices,
        initial=UmpanBalik.Topik.RHK,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    rhk = forms.TypedChoiceField(
        label=_("RHK"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=(),
        error_messages={
            "invalid_choice": _("RHK ini bukan bagian dari SKP pegawai yang diberi umpan balik.")
        },
    )
    nilai_berakhlak = forms.TypedChoiceField(
        label=_("Nilai BerAKHLAK"),
        coerce=int,
        required=False,
        empty_value=None,
        # The circular's names, shown verbatim (plans.domain.BERAKHLAK).
        choices=[("", "—"), *[(n.nomor, f"{n.nomor}. {n.nama}") for n in plans_domain.BERAKHLAK]],
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "invalid_choice": _("Pilih salah satu nilai BerAKHLAK (nomor 1 sampai 7).")
        },
    )
    teks = forms.CharField(
        label=_("Umpan balik"),
        error_messages={"required": _("Tuliskan umpan balik Anda.")},
        widget=_textarea(5, _("Apa yang sudah baik, apa yang perlu diperbaiki, dan bagaimana.")),
    )

    def __init__(self, *args: Any, rhk_choices: list[RHK], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rhk"]).choices = [
            ("", "—"),
            *[(r.pk, rhk_label(r)) for r in rhk_choices],
        ]
        self.fields["rhk"].widget.attrs["class"] = "form-select"
        if not rhk_choices:
            self.fields["rhk"].help_text = _("Pegawai ini belum mempunyai SKP dengan RHK.")

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "topik": d["topik"],
            "rhk_id": d.get("rhk"),
            "nilai_berakhlak": d.get("nilai_berakhlak"),
            "teks": d.get("teks", ""),
        }


class BalasanForm(forms.Form):
    teks = forms.CharField(
        label=_("Balasan"),
        required=False,
        widget=_textarea(2, _("Tulis balasan…")),
    )


class BimbinganForm(forms.Form):
    tanggal = forms.DateField(
        label=_("Tanggal bimbingan"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Isi tanggal bimbingan."),
            "invalid": _("Tanggal tidak sah."),
        },
    )
    topik = forms.CharField(
        label=_("Topik"),
        error_messages={"required": _("Isi topik bimbingan.")},
        max_length=MAX_TOPIK_BIMBINGAN,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    catatan = forms.CharField(
        label=_("Catatan bimbingan"),
        error_messages={"required": _("Isi catatan bimbingan.")},
        widget=_textarea(5, _("Apa yang dibahas dan diamati.")),
    )
    tindak_lanjut = forms.CharField(
        label=_("Tindak lanjut yang disepakati"),
        required=False,
        widget=_textarea(3),
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser's date picker stops at today (the service refuses later dates).
        self.fields["tanggal"].widget.attrs["max"] = today.isoformat()

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "tanggal": d["tanggal"],
            "topik": d.get("topik", ""),
            "catatan": d.get("catatan", ""),
            "tindak_lanjut": d.get("tindak_lanjut", ""),
        }
