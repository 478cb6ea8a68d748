"""What an Admin Instansi assigns to a person: a position (definitif, Plt, Plh) and its
end, the pejabat penilai (an override of the org chart, with a reason), and roles."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import DATE, BootstrapMixin, PickerField
from ekinerja.core.models import Role
from ekinerja.core.nip import normalize_nip

from ..models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from .jabatan import jabatan_by_kode


class PegawaiMoveForm(BootstrapMixin, forms.Form):
    jabatan = PickerField(
        picker="jabatan",
        label=_("Jabatan baru (kode)"),
        help_text=_("Ketik kode atau nama jabatan, lalu pilih dari daftar."),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis penugasan"),
        choices=RiwayatJabatan.Jenis.choices,
        initial=RiwayatJabatan.Jenis.DEFINITIF,
        help_text=_(
            "Definitif mengakhiri jabatan definitif sebelumnya sehari sebelum TMT; "
            "Plt/Plh adalah tugas tambahan."
        ),
    )
    tmt_mulai = forms.DateField(label=_("TMT mulai"), widget=DATE)
    nomor_sk = forms.CharField(label=_("Nomor SK"), max_length=100, required=False)

    def __init__(self, *args: Any, instansi_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id

    def clean_jabatan(self) -> Jabatan:
        return jabatan_by_kode(self.instansi_id, self.cleaned_data["jabatan"].strip())


class PegawaiAtasanForm(BootstrapMixin, forms.Form):
    OVERRIDE = "override"
    RESET = "reset"
    pilihan = forms.ChoiceField(
        label=_("Pejabat penilai"),
        choices=[
            (OVERRIDE, _("Tetapkan pejabat penilai pengganti")),
            (RESET, _("Ikuti struktur organisasi (hapus pengganti)")),
        ],
        widget=forms.RadioSelect,
        initial=OVERRIDE,
    )
    atasan = PickerField(
        picker="pegawai",
        label=_("NIP pejabat penilai pengganti"),
        required=False,
        help_text=_("Ketik NIP atau nama, lalu pilih dari daftar."),
    )
    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=255,
        required=False,
        help_text=_("mis. Kepala bidang cuti besar; Plt belum ditetapkan."),
    )

    def __init__(self, *args: Any, instansi_id: int, pegawai: Pegawai, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id
        self.pegawai = pegawai
        self.fields["pilihan"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's Form.clean returns cleaned_data
        if data.get("pilihan") != self.OVERRIDE:
            data["atasan_obj"] = None
            return data
        raw = (data.get("atasan") or "").strip()
        if not raw:
            self.add_error("atasan", _("Isi NIP pejabat penilai pengganti."))
            return data
        nip = normalize_nip(raw)
        atasan = Pegawai.objects.filter(instansi_id=self.instansi_id, nip=nip).first()
        if atasan is None:
            self.add_error(
                "atasan", _("Pegawai dengan NIP %(n)s tidak ada di instansi ini.") % {"n": nip}
            )
        elif not atasan.aktif:
            self.add_error("atasan", _("Pegawai ini tidak aktif."))
        if not (data.get("alasan") or "").strip():
            self.add_error("alasan", _("Tuliskan alasan penggantian pejabat penilai."))
        data["atasan_obj"] = atasan
        return data


class RoleAssignForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("Peran"), choices=[("", "—"), *Role.choices])
    unit = forms.TypedChoiceField(
        label=_("Unit kerja"),
        required=False,
        coerce=int,
        help_text=_(
            "Wajib untuk Pengelola Kinerja; untuk Pimpinan kosongkan bila seluruh instansi."
        ),
    )

    def __init__(
        self, *args: Any, units: list[tuple[int, str]], instansi_id: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id
        cast(forms.ChoiceField, self.fields["unit"]).choices = [
            ("", _("— Seluruh instansi —")),
            *units,
        ]

    def clean_unit(self) -> UnitKerja | None:
        uid = self.cleaned_data.get("unit")
        if uid in (None, ""):
            return None
        unit = UnitKerja.objects.filter(instansi_id=self.instansi_id, pk=uid).first()
        if unit is None:
            raise ValidationError(_("Unit tidak ditemukan."))
        return unit


class RiwayatEndForm(BootstrapMixin, forms.Form):
    tmt_selesai = forms.DateField(label=_("TMT selesai"), widget=DATE)
