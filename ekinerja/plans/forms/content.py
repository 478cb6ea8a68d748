"""Forms for the content of an SKP: its RHK (with the supervisor's RHK it intervenes in),
their IKI and targets, the penilai's BerAKHLAK expectations and the lampiran.

Target numbers are plain text fields on purpose: people type `12,5` or `1.234,5`, which a
browser's number input refuses; `domain.parse_number` reads them.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin
from ekinerja.core.numbers import number_text

from .. import domain
from ..models import IKI, RHK
from .common import radio

# --- RHK and IKI ----------------------------------------------------------------------


def _intervensi_label(rhk: RHK) -> str:
    teks = rhk.teks if len(rhk.teks) <= 140 else rhk.teks[:139] + "…"
    return f"{rhk.get_jenis_display()}: {teks}"


class RHKChoiceField(forms.TypedChoiceField):
    """The supervisor's RHK offered in a list; any id is passed on, for the service to
    refuse with the reason (not the penilai's approved RHK) instead of "invalid choice"."""

    def valid_value(self, value: Any) -> bool:
        return True


class RHKForm(BootstrapMixin, forms.Form):
    jenis = forms.ChoiceField(
        label=_("Jenis RHK"),
        choices=RHK.Jenis.choices,
        initial=domain.RHK_UTAMA,
        widget=forms.RadioSelect,
    )
    teks = forms.CharField(
        label=_("Rencana hasil kerja"),
        max_length=domain.MAX_RHK_TEKS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan rencana hasil kerjanya.")},
    )
    intervensi = RHKChoiceField(
        label=_("RHK atasan yang diintervensi"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: Any, choices: list[RHK] | None, **kwargs: Any) -> None:
        """`choices` None: the top of the cascade, whose RHK intervene in nothing."""
        super().__init__(*args, **kwargs)
        radio(self.fields["jenis"])
        if choices is None:
            del self.fields["intervensi"]
        else:
            cast(forms.ChoiceField, self.fields["intervensi"]).choices = [
                ("", _("— pilih RHK pejabat penilai —")),
                *[(r.pk, _intervensi_label(r)) for r in choices],
            ]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "jenis": data["jenis"],
            "teks": data["teks"],
            "intervensi_id": data.get("intervensi"),
        }


class IKIForm(BootstrapMixin, forms.Form):
    aspek = forms.ChoiceField(
        label=_("Aspek"), choices=[("", "—"), *IKI.Aspek.choices], required=False
    )
    indikator = forms.CharField(
        label=_("Indikator kinerja individu"),
        max_length=domain.MAX_INDIKATOR,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_jenis = forms.ChoiceField(
        label=_("Jenis target"),
        choices=IKI.TargetJenis.choices,
        initial=domain.TARGET_ANGKA,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih jenis target: angka, rentang, atau uraian.")},
    )
    target_nilai = forms.CharField(label=_("Target"), max_length=40, required=False)
    target_min = forms.CharField(label=_("Target minimum"), max_length=40, required=False)
    target_maks = forms.CharField(label=_("Target maksimum"), max_length=40, required=False)
    target_teks = forms.CharField(
        label=_("Uraian target"),
        max_length=domain.MAX_TARGET_TEKS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    satuan = forms.CharField(
        label=_("Satuan"),
        max_length=domain.MAX_SATUAN,
        required=False,
        help_text=_("mis. dokumen, laporan, persen, hari"),
    )

    arah = forms.ChoiceField(
        label=_("Arah capaian"),
        # the model field declares its choices, so they are never None here
        choices=cast("list[tuple[str, str]]", IKI._meta.get_field("arah").choices),
        initial="naik",
        required=False,
        help_text=_(
            "Untuk target angka: pilih “makin rendah makin baik” bila realisasi di bawah "
            "target lebih baik, mis. angka kemiskinan atau lama proses (hari)."
        ),
    )

    NUMBERS = ("target_nilai", "target_min", "target_maks")

    def __init__(self, *args: Any, pendekatan: str, arah: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not arah:
            # SKP templates keep no direction (SKPTemplateIKI): only an SKP's IKI has one.
            del self.fields["arah"]
        elif not self.initial.get("arah"):
            # A new IKI: by default the direction follows its aspek (Waktu is better when
            # lower, plans.domain.default_arah); the owner may still choose.
            cast(forms.ChoiceField, self.fields["arah"]).choices = [
                ("", _("Menurut aspek (Waktu: makin rendah makin baik)")),
                *cast(forms.ChoiceField, self.fields["arah"]).choices,
            ]
            self.fields["arah"].initial = ""
        radio(self.fields["target_jenis"])
        if pendekatan != domain.KUALITATIF:
            # An uraian target belongs to the kualitatif approach only (rules §8).
            field = cast(forms.ChoiceField, self.fields["target_jenis"])
            field.choices = [c for c in IKI.TargetJenis.choices if c[0] != domain.TARGET_TEKS]
            field.error_messages["invalid_choice"] = _(
                "Target berupa uraian hanya untuk SKP dengan pendekatan kualitatif; "
                "isikan angka atau rentang."
            )
        for name in self.NUMBERS:
            self.fields[name].widget.attrs.update(
                {"inputmode": "decimal", "autocomplete": "off", "placeholder": "mis. 12,5"}
            )

    @classmethod
    def initial_for(cls, iki: IKI) -> dict[str, Any]:
        return {
            "aspek": iki.aspek,
            "indikator": iki.indikator,
            "target_jenis": iki.target_jenis,
            "target_nilai": number_text(iki.target_nilai),
            "target_min": number_text(iki.target_min),
            "target_maks": number_text(iki.target_maks),
            "target_teks": iki.target_teks,
            "satuan": iki.satuan,
            "arah": getattr(iki, "arah", "naik"),
        }

    def service_kwargs(self) -> dict[str, Any]:
        """Only the fields of the chosen kind of target: a range's bounds left in the
        form from an earlier choice must not fail an `angka` target."""
        data = self.cleaned_data
        kind = data["target_jenis"]
        return {
            "aspek": data["aspek"],
            "indikator": data["indikator"],
            "target_jenis": kind,
            "target_nilai": data["target_nilai"] if kind == domain.TARGET_ANGKA else None,
            "target_min": data["target_min"] if kind == domain.TARGET_RENTANG else None,
            "target_maks": data["target_maks"] if kind == domain.TARGET_RENTANG else None,
            "target_teks": data["target_teks"] if kind == domain.TARGET_TEKS else "",
            "satuan": data["satuan"],
            # "" (by aspek on a new IKI): None lets the service decide, or keep it.
            **({"arah": data.get("arah") or None} if "arah" in self.fields else {}),
        }


# --- perilaku and lampiran ------------------------------------------------------------


class EkspektasiForm(BootstrapMixin, forms.Form):
    """The seven "ekspektasi khusus pimpinan" at once (rules §7, §8)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for nilai in domain.BERAKHLAK:
            self.fields[f"nilai_{nilai.nomor}"] = forms.CharField(
                label=nilai.nama,
                required=False,
                max_length=domain.MAX_EKSPEKTASI,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[domain.NilaiBerakhlak, forms.BoundField]]:
        return [(n, self[f"nilai_{n.nomor}"]) for n in domain.BERAKHLAK]

    def values(self) -> dict[int, str]:
        return {n.nomor: self.cleaned_data[f"nilai_{n.nomor}"] for n in domain.BERAKHLAK}


class LampiranForm(BootstrapMixin, forms.Form):
    dukungan_sumber_daya = forms.CharField(
        label=_("Dukungan sumber daya"),
        required=False,
        max_length=domain.MAX_LAMPIRAN,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anggaran, sarana, dan orang yang dibutuhkan untuk mencapai RHK."),
    )
    skema_pertanggungjawaban = forms.CharField(
        label=_("Skema pertanggungjawaban"),
        required=False,
        max_length=domain.MAX_LAMPIRAN,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bagaimana hasil kerja dilaporkan dan dibuktikan."),
    )
    konsekuensi = forms.CharField(
        label=_("Konsekuensi"),
        required=False,
        max_length=domain.MAX_LAMPIRAN,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Akibat bila target tercapai atau tidak tercapai."),
    )
