"""Forms of the admin pages of the appraisal: opening a period, the rule set of a year
(with the distribution curve as an editable table) and tindak lanjut. The forms only
parse; the rules are the services' (services.periode, services.aturan,
services.tindak_lanjut)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from ..domain import distribution, evaluation, ratings, ruleset
from ..models import AturanPenilaian, Evaluasi, TindakLanjut
from ..services.aturan import MAX_RULES

PERSEN = "persen"
ORANG = "orang"


# --- opening a period -----------------------------------------------------------------


class PeriodeOpenForm(forms.Form):
    """Which period of a year to open: "<jenis>:<nomor>" among those offered."""

    periode = forms.IntegerField(widget=forms.HiddenInput)
    pilihan = forms.ChoiceField(label=_("Periode yang dibuka"))

    def __init__(self, *args: Any, choices: Iterable[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["pilihan"]).choices = list(choices)
        self.fields["pilihan"].widget.attrs["class"] = "form-select form-select-sm"

    def jenis_nomor(self) -> tuple[str, int]:
        jenis, _sep, nomor = self.cleaned_data["pilihan"].partition(":")
        return jenis, int(nomor or 0)


# --- the rule set of a year -----------------------------------------------------------


@dataclass(frozen=True)
class CurveRow:
    """One editable row of the curve table, as the template walks it."""

    org: str
    index: int
    predikat: forms.BoundField
    op: forms.BoundField
    jenis: forms.BoundField
    nilai: forms.BoundField
    hapus: forms.BoundField
    is_new: bool


def _percent_text(share: Any) -> str:
    value = (Decimal(str(share)) * 100).normalize()
    return f"{value:f}".replace(".", ",")


def _parse_decimal(text: str) -> Decimal | None:
    text = (text or "").strip().replace(" ", "").replace("%", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class AturanForm(BootstrapMixin, forms.Form):
    mode_tahunan = forms.ChoiceField(
        label=_("Evaluasi tahunan"),
        choices=AturanPenilaian.ModeTahunan.choices,
        widget=forms.RadioSelect,
    )
    ambang_di_atas = forms.CharField(
        label=_("RHK “di atas ekspektasi” bila capaian IKI terendahnya paling sedikit (%)"),
        max_length=12,
    )
    ambang_sesuai = forms.CharField(
        label=_("RHK “sesuai ekspektasi” bila capaian IKI terendahnya paling sedikit (%)"),
        max_length=12,
    )

    def __init__(
        self,
        *args: Any,
        aturan: AturanPenilaian,
        spare_rows: int = 1,
        **kwargs: Any,
    ) -> None:
        self.aturan = aturan
        kwargs.setdefault("initial", self.initial_for(aturan))
        super().__init__(*args, **kwargs)
        for name in ("ambang_di_atas", "ambang_sesuai"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        self.fields["mode_tahunan"].widget.attrs["class"] = "form-check-input"
        rating_choices = [(r, ratings.RATING_LABELS[r]) for r in ratings.RATINGS]
        for org in ratings.PREDIKAT_ORGANISASI:
            self.fields[f"kepala_{org}"] = forms.ChoiceField(
                label=ratings.PREDIKAT_ORGANISASI_LABELS[org], choices=rating_choices
            )
            self.fields[f"kepala_{org}"].widget.attrs["class"] = "form-select form-select-sm"
        stored = ruleset.curve_from_data(aturan.kurva or {})
        self.row_counts: dict[str, int] = {}
        self.new_rows: dict[str, set[int]] = {}
        for org in ratings.PREDIKAT_ORGANISASI:
            existing = len(stored[org])
            if self.is_bound:
                # The rows as the page sent them (its spare row included).
                total = min(MAX_RULES, self._bound_rows(org, existing))
            else:
                total = min(MAX_RULES, existing + spare_rows)
            self.row_counts[org] = total
            self.new_rows[org] = set(range(len(stored[org]), total))
            for i in range(total):
                self._add_rule_fields(org, i)

    def _bound_rows(self, org: str, stored: int) -> int:
        """How many rows the submitted table had (rows added since it was loaded)."""
        count = stored
        for i in range(MAX_RULES):
            if any(f"k_{org}_{i}_{f}" in self.data for f in ("op", "jenis", "nilai")):
                count = max(count, i + 1)
        return count

    def _add_rule_fields(self, org: str, i: int) -> None:
        p = f"k_{org}_{i}_"
        self.fields[p + "predikat"] = forms.MultipleChoiceField(
            label=_("Predikat pegawai"),
            choices=[(x, ratings.PREDIKAT_LABELS[x]) for x in ratings.PREDIKAT],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields[p + "op"] = forms.ChoiceField(
            label=_("Batas"),
            choices=[
                (distribution.AT_MOST, _("paling banyak")),
                (distribution.AT_LEAST, _("paling sedikit")),
            ],
            initial=distribution.AT_MOST,
            required=False,
        )
        self.fields[p + "jenis"] = forms.ChoiceField(
            label=_("Satuan"),
            choices=[(PERSEN, "%"), (ORANG, _("orang"))],
            initial=PERSEN,
            required=False,
        )
        self.fields[p + "nilai"] = forms.CharField(label=_("Nilai"), max_length=12, required=False)
        self.fields[p + "hapus"] = forms.BooleanField(label=_("Hapus"), required=False)
        for f in ("op", "jenis"):
            self.fields[p + f].widget.attrs["class"] = "form-select form-select-sm"
        self.fields[p + "jenis"].widget.attrs["style"] = "max-width: 6.5rem"
        self.fields[p + "nilai"].widget.attrs.update(
            {
                "class": "form-control form-control-sm",
                "inputmode": "decimal",
                "autocomplete": "off",
                "style": "max-width: 5.5rem",
            }
        )
        self.fields[p + "hapus"].widget.attrs["class"] = "form-check-input"
        self.fields[p + "predikat"].widget.attrs["class"] = "form-check-input"

    @staticmethod
    def initial_for(aturan: AturanPenilaian) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "mode_tahunan": aturan.mode_tahunan or evaluation.TAHUNAN_TERPISAH,
            "ambang_di_atas": _percent_text(Decimal(str(aturan.ambang_di_atas)) / 100),
            "ambang_sesuai": _percent_text(Decimal(str(aturan.ambang_sesuai)) / 100),
        }
        head = {**ratings.DEFAULT_HEAD_RATING, **(aturan.pemetaan_kepala or {})}
        for org in ratings.PREDIKAT_ORGANISASI:
            initial[f"kepala_{org}"] = head[org]
        curve = ruleset.curve_from_data(aturan.kurva or {})
        for org, rules in curve.items():
            for i, rule in enumerate(rules):
                p = f"k_{org}_{i}_"
                initial[p + "predikat"] = list(rule.predikat)
                initial[p + "op"] = rule.op
                if rule.people is not None:
                    initial[p + "jenis"] = ORANG
                    initial[p + "nilai"] = str(rule.people)
                else:
                    initial[p + "jenis"] = PERSEN
                    initial[p + "nilai"] = _percent_text(rule.share or 0)
        return initial

    # --- what the template walks ---------------------------------------------------

    def curve_tables(self) -> list[dict[str, Any]]:
        """Per organisation predikat: its label, its rows and the spec's default."""
        from ..services.aturan import rule_text

        out = []
        for org in ratings.PREDIKAT_ORGANISASI:
            rows = []
            for i in range(self.row_counts[org]):
                p = f"k_{org}_{i}_"
                rows.append(
                    CurveRow(
                        org=org,
                        index=i,
                        predikat=self[p + "predikat"],
                        op=self[p + "op"],
                        jenis=self[p + "jenis"],
                        nilai=self[p + "nilai"],
                        hapus=self[p + "hapus"],
                        is_new=i in self.new_rows[org],
                    )
                )
            out.append(
                {
                    "org": org,
                    "label": ratings.PREDIKAT_ORGANISASI_LABELS[org],
                    "rows": rows,
                    "default": [rule_text(r) for r in distribution.DEFAULT_CURVE[org]],
                    "errors": [
                        e for i in range(self.row_counts[org]) for e in self._row_errors(org, i)
                    ],
                }
            )
        return out

    def _row_errors(self, org: str, i: int) -> list[str]:
        if not self.is_bound:
            return []
        p = f"k_{org}_{i}_"
        return [
            str(e) for f in ("predikat", "op", "jenis", "nilai") for e in self.errors.get(p + f, [])
        ]

    def kepala_fields(self) -> list[forms.BoundField]:
        return [self[f"kepala_{org}"] for org in ratings.PREDIKAT_ORGANISASI]

    # --- parsing ---------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns
        kurva: dict[str, list[dict[str, Any]]] = {}
        for org in ratings.PREDIKAT_ORGANISASI:
            rules: list[dict[str, Any]] = []
            for i in range(self.row_counts[org]):
                p = f"k_{org}_{i}_"
                predikat = data.get(p + "predikat") or []
                nilai_text = (data.get(p + "nilai") or "").strip()
                if data.get(p + "hapus") or (not predikat and not nilai_text):
                    continue  # a deleted row, or the empty spare row
                if not predikat:
                    self.add_error(
                        p + "predikat",
                        _("%(o)s, baris %(i)s: centang paling sedikit satu predikat pegawai.")
                        % {"o": ratings.PREDIKAT_ORGANISASI_LABELS[org], "i": i + 1},
                    )
                    continue
                value = _parse_decimal(nilai_text)
                jenis = data.get(p + "jenis")
                rule: dict[str, Any] = {
                    "predikat": [x for x in ratings.PREDIKAT if x in predikat],
                    "op": data.get(p + "op") or distribution.AT_MOST,
                    "share": None,
                    "people": None,
                }
                if value is None:
                    self.add_error(
                        p + "nilai",
                        _("%(o)s, baris %(i)s: isi angkanya, mis. 70 (persen) atau 1 (orang).")
                        % {"o": ratings.PREDIKAT_ORGANISASI_LABELS[org], "i": i + 1},
                    )
                    continue
                if jenis == ORANG:
                    if value != value.to_integral_value() or value < 0:
                        self.add_error(
                            p + "nilai",
                            _("%(o)s, baris %(i)s: jumlah orang harus bilangan bulat.")
                            % {"o": ratings.PREDIKAT_ORGANISASI_LABELS[org], "i": i + 1},
                        )
                        continue
                    rule["people"] = int(value)
                else:
                    if not Decimal(0) <= value <= Decimal(100):
                        self.add_error(
                            p + "nilai",
                            _("%(o)s, baris %(i)s: persentase harus 0 sampai 100.")
                            % {"o": ratings.PREDIKAT_ORGANISASI_LABELS[org], "i": i + 1},
                        )
                        continue
                    rule["share"] = str((value / 100).normalize())
                rules.append(rule)
            kurva[org] = rules
        data["kurva"] = kurva
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "mode_tahunan": data["mode_tahunan"],
            "ambang_di_atas": _parse_decimal(data["ambang_di_atas"]) or data["ambang_di_atas"],
            "ambang_sesuai": _parse_decimal(data["ambang_sesuai"]) or data["ambang_sesuai"],
            "kurva": data["kurva"],
            "pemetaan_kepala": {org: data[f"kepala_{org}"] for org in ratings.PREDIKAT_ORGANISASI},
        }


def default_curve_data() -> Mapping[str, list[dict]]:
    return ruleset.curve_to_data(distribution.DEFAULT_CURVE)


# --- tindak lanjut --------------------------------------------------------------------


class TindakLanjutForm(BootstrapMixin, forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), choices=TindakLanjut.Jenis.choices)
    tanggal = forms.DateField(
        label=_("Tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tulis tanggal seperti 2026-03-31.")},
    )
    uraian = forms.CharField(
        label=_("Uraian"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("mis. piagam penghargaan, teguran tertulis, diklat yang direkomendasikan"),
    )
    evaluasi = forms.TypedChoiceField(
        label=_("Terkait evaluasi"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, evaluasi: Iterable[Evaluasi] = (), today: dt.date | None = None, **kw
    ) -> None:
        kw.setdefault("initial", {"tanggal": today, "jenis": TindakLanjut.Jenis.PENGEMBANGAN})
        super().__init__(*args, **kw)
        choices: list[tuple[Any, Any]] = [("", _("— tidak terkait evaluasi tertentu —"))]
        for ev in evaluasi:
            label = str(ev.periode_penilaian)
            if ev.predikat:
                label += f" · {ratings.PREDIKAT_LABELS[ev.predikat]}"
            choices.append((ev.pk, label))
        cast(forms.ChoiceField, self.fields["evaluasi"]).choices = choices
