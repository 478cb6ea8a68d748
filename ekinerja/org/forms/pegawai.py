"""The forms of a person's data (Pegawai): create and change, with the NIP read while
it is typed and when it is submitted (`nip_feedback`, rules §6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import DATE, BootstrapMixin, PickerField
from ekinerja.core.nip import normalize_nip

from .. import domain
from ..models import Jabatan, Pegawai
from ..services.validation import identity_from_nip, pegawai_errors, pegawai_nip_error
from .jabatan import jabatan_by_kode


def nip_feedback(
    *, instansi_id: int, raw: str, pegawai: Pegawai | None = None
) -> tuple[str, domain.NipInfo | None, str | None]:
    """(NIP as stored, what it says, what is wrong) for a NIP typed into the staff form,
    both when it is submitted and while it is typed (views.pickers.pegawai_nip_check):
    its shape (rules §6, ASCII digits only), then whether this agency may give it to
    this person (services.validation.pegawai_nip_error). An empty NIP is neither read
    nor wrong here."""
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
        assert data is not None  # Django's Form.clean returns cleaned_data
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
        return jabatan_by_kode(self.instansi_id, kode)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's Form.clean returns cleaned_data
        if data.get("jabatan") and not data.get("tmt_jabatan"):
            self.add_error("tmt_jabatan", _("Isi TMT jabatan."))
        return data
