"""Forms of the verification queue, the rejection page and the monthly summary. They
parse the shape of the input; who may decide what is the service's call
(services.verifikasi), whose refusals are shown on the form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin
from ekinerja.core.ids import parse_id

from .. import domain
from ..selectors.verifikasi import SEMUA, TANPA_RHK, QueueFilter
from ..services.verifikasi import MAX_ALASAN, MAX_BATCH

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A queue's date range is at most a year: the page stays one indexed range per person.
MAX_RANGE_DAYS = 366

_BULAN = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_bulan(raw: str | None, today: dt.date) -> tuple[int, int]:
    """(year, month) from `?bulan=YYYY-MM`; this month when absent or unreadable. A
    month of a year outside the log's (year 1, 9999) is domain.DateOutOfRange: the page
    answers 400 saying so (views.aktivitas.refuse_out_of_range)."""
    m = _BULAN.match((raw or "").strip())
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and domain.month_range_error(year):
            raise domain.DateOutOfRange(domain.month_range_error(year))
        if 1 <= month <= 12:
            return year, month
    return today.year, today.month


def bulan_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _checkbox(field: forms.Field) -> None:
    field.widget.attrs["class"] = "form-check-input"


class QueueFilterForm(BootstrapMixin, forms.Form):
    """The queue's filters (GET). An unreadable value is ignored with a note, never an
    error page: the queue always shows something."""

    pegawai = forms.TypedChoiceField(
        label=_("Pegawai"), coerce=int, required=False, empty_value=None
    )
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DATE)
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE)
    # A Select whose options are set after the dates are known (set_rhk_options); any
    # id is accepted: the queue only ever shows the subordinates' activities.
    rhk = forms.CharField(label=_("RHK"), required=False, widget=forms.Select)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (domain.DIAJUKAN, _("Menunggu verifikasi")),
            (domain.DIVERIFIKASI, _("Diverifikasi")),
            (domain.DITOLAK, _("Ditolak")),
            (SEMUA, _("Semua status")),
        ],
    )
    ditandai = forms.BooleanField(label=_("Hanya yang bertanda anomali"), required=False)

    def __init__(
        self,
        *args: Any,
        pegawai_choices: list[tuple[int, str]],
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        cast(forms.ChoiceField, self.fields["pegawai"]).choices = [
            ("", _("Semua bawahan")),
            *pegawai_choices,
        ]
        self.set_rhk_options([])
        _checkbox(self.fields["ditandai"])
        dari, sampai = domain.default_range(today)
        self.fields["dari"].widget.attrs["placeholder"] = dari.isoformat()
        self.fields["sampai"].widget.attrs["max"] = today.isoformat()

    def set_rhk_options(self, options: list[tuple[str, str]]) -> None:
        self.fields["rhk"].widget.choices = [
            ("", _("Semua RHK")),
            (TANPA_RHK, _("Tanpa RHK")),
            *options,
        ]

    def clean_rhk(self) -> str:
        raw = (self.cleaned_data.get("rhk") or "").strip()
        if raw and raw != TANPA_RHK and parse_id(raw) is None:
            raise forms.ValidationError(_("Pilihan RHK tidak dikenali."))
        return raw

    def _day(self, name: str) -> dt.date | None:
        day = self.cleaned_data.get(name)
        if day is not None and domain.day_range_error(day):
            raise forms.ValidationError(domain.day_range_error(day))
        return day

    def clean_dari(self) -> dt.date | None:
        return self._day("dari")

    def clean_sampai(self) -> dt.date | None:
        return self._day("sampai")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error(
                "sampai", _("Tanggal akhir harus sama dengan atau setelah tanggal awal.")
            )
        elif dari and sampai and (sampai - dari).days > MAX_RANGE_DAYS:
            self.add_error("sampai", _("Rentang tanggal paling panjang satu tahun."))
        return data

    def queue_filter(self) -> QueueFilter:
        """The filter to apply: the valid fields as given, the defaults for the rest."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        d_dari, d_sampai = domain.default_range(self.today)
        dates_ok = "dari" not in self.errors and "sampai" not in self.errors
        dari = (data.get("dari") if dates_ok else None) or d_dari
        sampai = (data.get("sampai") if dates_ok else None) or max(d_sampai, dari)
        if dari > sampai:
            dari, sampai = d_dari, d_sampai
        raw_status = data.get("status") or ""
        status = "" if raw_status == SEMUA else (raw_status or domain.DIAJUKAN)
        raw_rhk = data.get("rhk") or ""
        rhk: int | str | None = None
        if raw_rhk == TANPA_RHK:
            rhk = TANPA_RHK
        elif parse_id(raw_rhk) is not None:
            rhk = parse_id(raw_rhk)
        return QueueFilter(
            dari=dari,
            sampai=sampai,
            pegawai_id=data.get("pegawai"),
            rhk=rhk,
            status=status,
            ditandai=bool(data.get("ditandai")),
        )


class BulkForm(BootstrapMixin, forms.Form):
    """Verify or reject the activities ticked in the queue. The ids are read as they
    come: the service refuses, with a message, any the actor may not decide."""

    VERIFIKASI = "verifikasi"
    TOLAK = "tolak"

    aksi = forms.ChoiceField(
        choices=[(VERIFIKASI, _("Verifikasi")), (TOLAK, _("Tolak"))],
        error_messages={"required": _("Pilih tindakan: verifikasi atau tolak.")},
    )
    alasan = forms.CharField(
        label=_("Alasan penolakan (untuk semua yang dipilih)"),
        required=False,
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": MAX_ALASAN}),
    )
    # The queue's filter query string, to come back to the same view after a decision.
    q = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raw = self.data.getlist("aktivitas") if hasattr(self.data, "getlist") else []
        ids = [parse_id(v) for v in raw]
        satu = self.data.get("satu", "") if hasattr(self.data, "get") else ""
        # A row's own "Verifikasi" button decides that row only, whatever is ticked.
        if satu:
            ids = [parse_id(satu)]
            # POST data (a QueryDict): its copy is mutable; the Mapping type is not.
            data = cast(QueryDict, self.data).copy()
            data["aksi"] = self.VERIFIKASI
            self.data = data
        # A value that cannot be an id (tampered with: 25 digits, letters) refuses the
        # whole decision with a 400 (the view), rather than deciding the rest.
        self.unreadable = any(i is None for i in ids)
        self.aktivitas_ids = list(dict.fromkeys(i for i in ids if i is not None))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.unreadable:
            raise forms.ValidationError(
                _("Pilihan aktivitas tidak dikenali. Muat ulang halaman, lalu pilih lagi."),
                code="unreadable",
            )
        if not self.aktivitas_ids:
            raise forms.ValidationError(_("Centang sedikitnya satu aktivitas."))
        if len(self.aktivitas_ids) > MAX_BATCH:
            raise forms.ValidationError(
                _("Paling banyak %(max)s aktivitas sekaligus.") % {"max": MAX_BATCH}
            )
        return data


class RejectForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(
        label=_("Alasan penolakan"),
        max_length=MAX_ALASAN,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_ALASAN}),
        help_text=_(
            "Pegawai menerima alasan ini di notifikasinya; tuliskan apa yang perlu diperbaiki."
        ),
        error_messages={"required": _("Tuliskan alasan penolakan.")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)
