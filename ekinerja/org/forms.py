"""Forms of the organisation pages. They parse and check input shape; the rules live
in services (whose ValidationError is attached back to the form by
`core.forms.common.add_service_errors`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ekinerja.core.forms.common import BootstrapMixin, PickerField
from ekinerja.core.models import Role
from ekinerja.core.nip import normalize_nip

from . import domain
from .models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from .services.validation import identity_from_nip, pegawai_errors, pegawai_nip_error

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# --- filters ------------------------------------------------------------------------


class PegawaiFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    unit = forms.TypedChoiceField(label=_("Unit kerja"), required=False, coerce=int)
    jenis = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis jabatan")), *Jabatan.Jenis.choices],
    )
    golongan = forms.ChoiceField(
        label=_("Golongan"),
        required=False,
        choices=[("", _("Semua golongan")), *domain.GOLONGAN_CHOICES],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *Pegawai.Status.choices],
    )
    bawahan = forms.BooleanField(label=_("Hanya bawahan langsung saya"), required=False)
    nonaktif = forms.BooleanField(label=_("Termasuk pegawai nonaktif"), required=False)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit")), *units]
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs.update(
            {"autocomplete": "off", "placeholder": _("mis. Budi atau 1986…")}
        )
        for name in ("bawahan", "nonaktif"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def filters(self) -> dict[str, Any]:
        """Valid filters only; a bad value is shown with its error and ignored."""
        data = getattr(self, "cleaned_data", {})
        return {k: v for k, v in data.items() if k not in self.errors and v not in (None, "")}


class JabatanFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama atau kode jabatan"), required=False, max_length=100)
    unit = forms.TypedChoiceField(label=_("Unit kerja"), required=False, coerce=int)
    jenis = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis jabatan")), *Jabatan.Jenis.choices],
    )

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Semua unit")), *units]
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs["autocomplete"] = "off"

    filters = PegawaiFilterForm.filters


# --- instansi -----------------------------------------------------------------------


class InstansiForm(BootstrapMixin, forms.ModelForm):
    admin_username = forms.CharField(
        label=_("Nama pengguna Admin Instansi"),
        max_length=150,
        help_text=_("Akun pertama yang mengelola data instansi ini (BKPSDM/BKD)."),
    )
    admin_password = forms.CharField(
        label=_("Kata sandi sementara"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Kosongkan bila admin akan mengatur kata sandi sendiri melalui email."),
    )
    admin_email = forms.EmailField(label=_("Email Admin Instansi"), required=False)

    class Meta:
        model = Instansi
        fields = ["kode", "nama", "singkatan", "jenis", "zona_waktu", "kota"]
        error_messages = {
            "kode": {"unique": _("Kode instansi ini sudah dipakai.")},
        }

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("admin_password") and not data.get("admin_email"):
            self.add_error(
                "admin_password",
                _("Isi kata sandi sementara, atau email agar admin dapat mengatur kata sandinya."),
            )
        return data


# --- unit ---------------------------------------------------------------------------


class UnitForm(BootstrapMixin, forms.Form):
    parent = forms.TypedChoiceField(
        label=_("Unit induk"),
        required=False,
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "Pilih unit induk dari daftar; unit tidak dapat dipindah ke bawah dirinya sendiri."
            )
        },
    )
    kode = forms.CharField(label=_("Kode"), max_length=32)
    nama = forms.CharField(label=_("Nama unit"), max_length=255)
    singkatan = forms.CharField(label=_("Singkatan"), max_length=50, required=False)
    is_opd = forms.BooleanField(
        label=_("OPD / satker"),
        required=False,
        help_text=_("Unit yang predikat kinerja organisasinya ditetapkan (mis. dinas, badan)."),
    )
    urutan = forms.IntegerField(label=_("Urutan"), min_value=0, initial=0, required=False)
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("— Tanpa induk (unit teratas) —")), *units]
        for name in ("is_opd", "aktif"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean_kode(self) -> str:
        return self.cleaned_data["kode"].strip()


# --- jabatan ------------------------------------------------------------------------


class JabatanForm(BootstrapMixin, forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit kerja"), coerce=int)
    kode = forms.CharField(label=_("Kode"), max_length=32)
    nama = forms.CharField(label=_("Nama jabatan"), max_length=255)
    jenis = forms.ChoiceField(label=_("Jenis jabatan"), choices=Jabatan.Jenis.choices)
    jenjang = forms.ChoiceField(
        label=_("Jenjang"),
        required=False,
        choices=[("", "—"), *Jabatan.Jenjang.choices],
        help_text=_("Hanya untuk jabatan fungsional."),
    )
    eselon = forms.ChoiceField(
        label=_("Eselon"), required=False, choices=[("", "—"), *Jabatan.Eselon.choices]
    )
    kelas = forms.IntegerField(
        label=_("Kelas jabatan"),
        required=False,
        min_value=1,
        max_value=17,
        error_messages={
            "min_value": _("Kelas jabatan harus antara 1 dan 17."),
            "max_value": _("Kelas jabatan harus antara 1 dan 17."),
        },
    )
    parent = PickerField(
        picker="jabatan",
        label=_("Jabatan atasan (kode)"),
        required=False,
        help_text=_("Ketik kode atau nama jabatan atasan; kosongkan untuk jabatan teratas."),
    )
    is_head = forms.BooleanField(label=_("Kepala unit"), required=False)
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(
        self, *args: Any, units: list[tuple[int, str]], instansi_id: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id
        self.fields["unit"].choices = [("", _("— Pilih unit —")), *units]
        for name in ("is_head", "aktif"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean_parent(self) -> Jabatan | None:
        kode = self.cleaned_data["parent"].strip()
        if not kode:
            return None
        jab = Jabatan.objects.filter(instansi_id=self.instansi_id, kode__iexact=kode).first()
        if jab is None:
            raise ValidationError(
                _("Jabatan dengan kode %(k)s tidak ada di instansi ini."), params={"k": kode}
            )
        return jab

    def clean_unit(self) -> UnitKerja:
        unit = UnitKerja.objects.filter(
            instansi_id=self.instansi_id, pk=self.cleaned_data["unit"]
        ).first()
        if unit is None:
            raise ValidationError(_("Pilih unit kerja."))
        return unit

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        jenis = data.get("jenis")
        if jenis == Jabatan.Jenis.FUNGSIONAL and not data.get("jenjang"):
            self.add_error("jenjang", _("Jabatan fungsional wajib mempunyai jenjang."))
        if jenis and jenis != Jabatan.Jenis.FUNGSIONAL and data.get("jenjang"):
            self.add_error("jenjang", _("Jenjang hanya untuk jabatan fungsional."))
        return data


# --- pegawai ------------------------------------------------------------------------


def nip_feedback(
    *, instansi_id: int, raw: str, pegawai: Pegawai | None = None
) -> tuple[str, domain.NipInfo | None, str | None]:
    """(NIP as stored, what it says, what is wrong) for a NIP typed into the staff form,
    both when it is submitted and while it is typed (views.pegawai_nip_check): its
    shape (rules §6, ASCII digits only), then whether this agency may give it to this
    person (services.validation.pegawai_nip_error). An empty NIP is neither read nor
    wrong here."""
    nip = normalize_nip(raw or "")
    if not nip:
        return "", None, None
    try:
        info = domain.parse_nip(nip)
    except domain.NipError as e:
        return nip, None, e.message
    taken = pegawai_nip_error(instansi_id=instansi_id, nip=nip, pegawai=pegawai)
    return nip, (None if taken else info), taken


class PegawaiForm(BootstrapMixin, forms.Form):
    """A person's data. Gender and birth date are read from the NIP (rules §6) and are
    asked only of a non-ASN official without one (`NON_ASN_ONLY`, shown apart); the NIP
    is checked with the rest of the form, so every error shows on the first submit."""

    NON_ASN_ONLY = ("jenis_kelamin", "tanggal_lahir")

    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=30,
        required=False,
        help_text=_(
            "18 digit; spasi boleh, mis. 19860926 201505 1 001. Jenis kelamin dan tanggal "
            "lahir diambil dari NIP."
        ),
    )
    gelar_depan = forms.CharField(label=_("Gelar depan"), max_length=50, required=False)
    nama = forms.CharField(label=_("Nama"), max_length=150)
    gelar_belakang = forms.CharField(label=_("Gelar belakang"), max_length=80, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "—"), *Pegawai.Status.choices])
    golongan = forms.ChoiceField(
        label=_("Golongan"), required=False, choices=[("", "—"), *domain.GOLONGAN_CHOICES]
    )
    tempat_lahir = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    telepon = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    siasn_id = forms.CharField(label=_("ID SIASN"), max_length=64, required=False)
    aktif = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    jenis_kelamin = forms.ChoiceField(
        label=_("Jenis kelamin"),
        required=False,
        choices=[("", "—"), *Pegawai.JenisKelamin.choices],
    )
    tanggal_lahir = forms.DateField(label=_("Tanggal lahir"), required=False, widget=DATE)

    def __init__(
        self, *args: Any, instansi_id: int, pegawai: Pegawai | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id
        self.pegawai = pegawai
        self.nip_info: domain.NipInfo | None = None
        check = reverse("org:pegawai-nip-check")
        if pegawai is not None:
            check += f"?pegawai={pegawai.pk}"
        self.fields["nip"].widget.attrs.update(
            {
                "inputmode": "numeric",
                "autocomplete": "off",
                "aria-describedby": "nip-info",
                # What the NIP says (or what is wrong with it) while it is typed.
                "hx-get": check,
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#nip-info",
                "hx-sync": "this:replace",
            }
        )
        self.fields["aktif"].widget.attrs["class"] = "form-check-input"
        if pegawai is not None and pegawai.nip and not self.is_bound:
            # Read from the NIP: left empty so that a changed NIP brings its own.
            for name in self.NON_ASN_ONLY:
                self.initial[name] = None

    def main_fields(self) -> list[forms.BoundField]:
        return [f for f in self if f.name not in self.NON_ASN_ONLY]

    def non_asn_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.NON_ASN_ONLY]

    def non_asn_open(self) -> bool:
        """The non-ASN section starts open when it holds a value or an error."""
        if any(name in self.errors for name in self.NON_ASN_ONLY):
            return True
        if self.is_bound:
            return bool(self.data.get("jenis_kelamin") or self.data.get("tanggal_lahir"))
        return any(self.initial.get(name) for name in self.NON_ASN_ONLY)

    def nip_reading(self) -> domain.NipInfo | None:
        """What the NIP says, to show beside it: the submitted one when it is right, else
        (a page not yet submitted) the stored one."""
        if self.is_bound:
            return self.nip_info
        try:
            return domain.parse_nip(str(self.initial.get("nip") or ""))
        except domain.NipError:
            return None

    def clean_nip(self) -> str:
        nip, info, error = nip_feedback(
            instansi_id=self.instansi_id, raw=self.cleaned_data["nip"], pegawai=self.pegawai
        )
        if error:
            raise ValidationError(error)
        self.nip_info = info
        return nip

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if not data.get("nip") and "nip" not in self.errors:
            if status and status != domain.NON_ASN:
                self.add_error("nip", _("NIP wajib diisi untuk PNS, CPNS, dan PPPK."))
            elif status == domain.NON_ASN and not data.get("jenis_kelamin"):
                self.add_error(
                    "jenis_kelamin", _("Isi jenis kelamin pejabat non-ASN yang tidak ber-NIP.")
                )
        if self.nip_info is not None:
            data.update(identity_from_nip(data))
        # The rest of the identity rules, now rather than after the form is otherwise
        # valid (the service checks them again when it writes).
        if "status" not in self.errors and "nip" not in self.errors:
            for name, message in pegawai_errors(data).items():
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, str(message))
        return data


class PegawaiCreateForm(PegawaiForm):
    jabatan = PickerField(
        picker="jabatan",
        label=_("Jabatan (kode)"),
        required=False,
        help_text=_("Boleh dikosongkan dan diisi kemudian melalui “Pindah jabatan”."),
    )
    tmt_jabatan = forms.DateField(label=_("TMT jabatan"), required=False, widget=DATE)

    def clean_jabatan(self) -> Jabatan | None:
        kode = self.cleaned_data["jabatan"].strip()
        if not kode:
            return None
        return _jabatan_by_kode(self.instansi_id, kode)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("jabatan") and not data.get("tmt_jabatan"):
            self.add_error("tmt_jabatan", _("Isi TMT jabatan."))
        return data


def _jabatan_by_kode(instansi_id: int, kode: str) -> Jabatan:
    jab = (
        Jabatan.objects.filter(instansi_id=instansi_id, kode__iexact=kode)
        .select_related("unit")
        .first()
    )
    if jab is None:
        raise ValidationError(
            _("Jabatan dengan kode %(k)s tidak ada di instansi ini."), params={"k": kode}
        )
    return jab


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
        return _jabatan_by_kode(self.instansi_id, self.cleaned_data["jabatan"].strip())


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
        self.fields["unit"].choices = [("", _("— Seluruh instansi —")), *units]

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
