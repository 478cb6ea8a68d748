"""Forms of the activity log and the rencana aksi pages. They parse the shape of the
input; the rules (which RHK, which dates, how long) live in the services, whose errors
are attached back with core.formtools.add_service_errors.

Numbers are text fields: people type `12,5` or `1.234`, which a browser's number input
refuses (plans.domain.parse_number reads them)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin
from ekinerja.core.numbers import number_text
from ekinerja.plans.domain import parse_number
from ekinerja.plans.models import RHK

from .. import domain
from ..models import Aktivitas, RencanaAksi
from .bukti import size_check_attrs

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_TIME = re.compile(r"^(\d{1,2})(?:[.:,]?(\d{2}))?$")


class JamField(forms.Field):
    """A time typed the way people type it, with or without a separator: `08.00`,
    `8:00`, `0800`, `800`, `8`; shown as `08.00` (domain.JAM_FORMAT), the placeholder's
    form. A plain text input on purpose: a browser's time input splits into segments
    (and an AM/PM one in some locales) that Tab walks through, which breaks the quick
    entry's one-Tab-per-field rhythm."""

    widget = forms.TextInput(
        attrs={
            "inputmode": "decimal",
            "placeholder": dt.time(8, 0).strftime(domain.JAM_FORMAT),
            "autocomplete": "off",
            "size": 5,
        }
    )
    default_error_messages = {"invalid": _("Tulis jam seperti 08.00 atau 0800.")}

    def to_python(self, value: Any) -> dt.time | None:
        if isinstance(value, dt.time):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        match = _TIME.match(text)
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return dt.time(hour, minute)

    def prepare_value(self, value: Any) -> Any:
        return value.strftime(domain.JAM_FORMAT) if isinstance(value, dt.time) else value


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _number(raw: str, message: StrOrPromise) -> Decimal | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return parse_number(raw)
    except (ValueError, ArithmeticError):
        raise forms.ValidationError(message) from None


def rhk_label(rhk: RHK) -> str:
    teks = rhk.teks if len(rhk.teks) <= 90 else f"{rhk.teks[:88]}…"
    return teks


class AktivitasForm(BootstrapMixin, forms.Form):
    """One activity. The quick entry form of the day page leaves `tanggal` hidden; the
    edit page shows it."""

    tanggal = forms.DateField(label=_("Tanggal"), widget=DATE)
    jam_mulai = JamField(label=_("Mulai"), required=False)
    jam_selesai = JamField(label=_("Selesai"), required=False)
    menit = forms.IntegerField(
        label=_("atau menit"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 1440}),
    )
    uraian = forms.CharField(
        label=_("Uraian kegiatan"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": 2000}),
    )
    rhk = forms.TypedChoiceField(label=_("RHK"), required=False, coerce=int, empty_value=None)
    rencana_aksi = forms.TypedChoiceField(
        label=_("Rencana aksi"), required=False, coerce=int, empty_value=None
    )
    output_jumlah = forms.CharField(
        label=_("Output"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    output_satuan = forms.CharField(
        label=_("Satuan"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": _("mis. surat")}),
    )
    berkas = forms.FileField(label=_("Berkas bukti"), required=False)
    tautan = forms.URLField(
        label=_("atau tautan bukti"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    def __init__(
        self,
        *args: Any,
        rhk_choices: Iterable[RHK] = (),
        rencana_choices: Iterable[RencanaAksi] = (),
        with_evidence: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        rhk_list = list(rhk_choices)
        self.rhk_rows = rhk_list
        cast(forms.ChoiceField, self.fields["rhk"]).choices = [("", _("— tanpa RHK —"))] + [
            (r.pk, rhk_label(r)) for r in rhk_list
        ]
        self.rencana_rows = list(rencana_choices)
        cast(forms.ChoiceField, self.fields["rencana_aksi"]).choices = [
            ("", _("— tanpa rencana aksi —"))
        ] + [(ra.pk, ra.uraian[:90]) for ra in self.rencana_rows]
        if not with_evidence:
            del self.fields["berkas"]
            del self.fields["tautan"]

    def set_size_limit(self, limit: int) -> None:
        """Refuse an evidence file over the agency's limit (`limit` bytes) in the
        browser, before it is uploaded (static/execution/ukuran-berkas.js)."""
        if "berkas" in self.fields:
            self.fields["berkas"].widget.attrs.update(size_check_attrs(limit))

    def focus_first_error(self) -> None:
        """After a refused entry the cursor goes to the first field to fix."""
        for name in self.fields:
            if name in self.errors:
                self.fields[name].widget.attrs["autofocus"] = True
                return

    def rencana_groups(self) -> list[tuple[RHK, list[RencanaAksi]]]:
        """The rencana aksi choices under their RHK (the template renders the optgroups
        with data-rhk, so a small script can narrow them to the chosen RHK)."""
        by_rhk: dict[int, list[RencanaAksi]] = {}
        for ra in self.rencana_rows:
            by_rhk.setdefault(ra.rhk_id, []).append(ra)
        return [(r, by_rhk[r.pk]) for r in self.rhk_rows if r.pk in by_rhk]

    def clean_tanggal(self) -> dt.date:
        day = self.cleaned_data["tanggal"]
        message = domain.day_range_error(day)
        if message:
            raise forms.ValidationError(message)
        return day

    def clean_output_jumlah(self) -> Decimal | None:
        return _number(
            self.cleaned_data.get("output_jumlah", ""), _("Isikan jumlah output berupa angka.")
        )

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        out = {
            "tanggal": d["tanggal"],
            "uraian": d.get("uraian") or "",
            "jam_mulai": d.get("jam_mulai"),
            "jam_selesai": d.get("jam_selesai"),
            "menit": d.get("menit"),
            "rhk_id": d.get("rhk"),
            "rencana_aksi_id": d.get("rencana_aksi"),
            "output_jumlah": d.get("output_jumlah"),
            "output_satuan": d.get("output_satuan") or "",
        }
        if "berkas" in self.fields:
            out["berkas"] = d.get("berkas")
            out["tautan"] = d.get("tautan") or ""
        return out


def aktivitas_initial(a: Aktivitas) -> dict[str, Any]:
    return {
        "tanggal": a.tanggal,
        "jam_mulai": a.jam_mulai,
        "jam_selesai": a.jam_selesai,
        "menit": None if a.jam_mulai else a.menit,
        "uraian": a.uraian,
        "rhk": a.rhk_id,
        "rencana_aksi": a.rencana_aksi_id,
        "output_jumlah": number_text(a.output_jumlah),
        "output_satuan": a.output_satuan,
    }


def next_initial(tanggal: dt.date, last: Aktivitas | None) -> dict[str, Any]:
    """The empty quick-entry form after a save: the next activity starts when the last
    one ended, on the same RHK."""
    initial: dict[str, Any] = {"tanggal": tanggal}
    if last is not None:
        initial["jam_mulai"] = last.jam_selesai
        initial["rhk"] = last.rhk_id
    return initial


class RencanaAksiForm(BootstrapMixin, forms.Form):
    periode_ke = forms.TypedChoiceField(label=_("Periode"), coerce=int)
    uraian = forms.CharField(
        label=_("Rencana aksi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_("Langkah yang akan dikerjakan pada periode ini untuk mencapai RHK."),
    )
    target_jumlah = forms.CharField(
        label=_("Target"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    target_satuan = forms.CharField(label=_("Satuan"), required=False, max_length=64)

    def __init__(self, *args: Any, periods: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["periode_ke"]).choices = periods

    def clean_target_jumlah(self) -> Decimal | None:
        return _number(self.cleaned_data.get("target_jumlah", ""), _("Isikan target berupa angka."))

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "periode_ke": d["periode_ke"],
            "uraian": d.get("uraian") or "",
            "target_jumlah": d.get("target_jumlah"),
            "target_satuan": d.get("target_satuan") or "",
        }


def rencana_initial(ra: RencanaAksi) -> dict[str, Any]:
    return {
        "periode_ke": ra.periode_ke,
        "uraian": ra.uraian,
        "target_jumlah": number_text(ra.target_jumlah),
        "target_satuan": ra.target_satuan,
    }


class CatatanForm(BootstrapMixin, forms.Form):
    catatan = forms.CharField(
        label=_("Catatan pejabat penilai"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
