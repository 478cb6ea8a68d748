"""Forms of the SKP templates per jabatan (Admin Instansi), and the owner's choice of the
earlier SKP to copy from."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekinerja.core.formtools import BootstrapMixin, PickerField
from ekinerja.org.models import Jabatan

from .. import domain
from ..models import SKP, PeriodeKinerja


class TemplateForm(BootstrapMixin, forms.Form):
    nama = forms.CharField(
        label=gettext_lazy("Nama templat"),
        max_length=200,
        error_messages={"required": gettext_lazy("Beri nama templat.")},
    )
    jabatan = PickerField(
        picker="jabatan",
        label=gettext_lazy("Jabatan (kode)"),
        required=False,
        help_text=gettext_lazy("Ketik kode atau nama jabatan, lalu pilih dari daftar."),
    )
    jenis_jabatan = forms.ChoiceField(
        label=gettext_lazy("…atau semua jabatan dengan jenis"),
        required=False,
        choices=[("", gettext_lazy("— tidak; hanya jabatan di atas —")), *Jabatan.Jenis.choices],
        help_text=gettext_lazy(
            "Isi salah satu: satu jabatan tertentu, atau satu jenis jabatan (mis. semua pelaksana)."
        ),
    )
    pendekatan = forms.ChoiceField(
        label=gettext_lazy("Pendekatan"),
        choices=SKP.Pendekatan.choices,
        initial=domain.KUANTITATIF,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Target berupa uraian hanya untuk pendekatan kualitatif."),
    )
    keterangan = forms.CharField(
        label=gettext_lazy("Keterangan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, instansi_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instansi_id = instansi_id
        self.fields["pendekatan"].widget.attrs["class"] = "form-check-input"

    def clean_jabatan(self) -> int | None:
        kode = (self.cleaned_data.get("jabatan") or "").strip()
        if not kode:
            return None
        pk = (
            Jabatan.objects.filter(instansi_id=self.instansi_id, kode__iexact=kode)
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            raise forms.ValidationError(
                _("Jabatan dengan kode %(k)s tidak ada di instansi ini.") % {"k": kode}
            )
        return pk

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "nama": d["nama"],
            "jabatan_id": d["jabatan"],
            "jenis_jabatan": d["jenis_jabatan"],
            "pendekatan": d["pendekatan"],
            "keterangan": d["keterangan"],
        }


class SourceForm(BootstrapMixin, forms.Form):
    """Which earlier SKP to copy from (and, for a new SKP, into which period)."""

    periode = forms.TypedChoiceField(
        label=gettext_lazy("SKP baru untuk tahun"),
        coerce=int,
        error_messages={"required": gettext_lazy("Pilih tahun SKP baru.")},
    )
    source = forms.TypedChoiceField(
        label=gettext_lazy("Salin dari"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Pilih SKP yang akan disalin."),
            "invalid_choice": gettext_lazy(
                "Pilih salah satu SKP Anda yang tercantum; SKP lain tidak dapat disalin."
            ),
        },
    )

    def __init__(
        self,
        *args: Any,
        sources: list[SKP],
        periodes: list[PeriodeKinerja] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(SKP.Status.choices)
        cast(forms.ChoiceField, self.fields["source"]).choices = [
            (
                s.pk,
                _("%(t)s · %(j)s · %(s)s · %(n)s RHK")
                % {
                    "t": s.periode.tahun,
                    "j": s.jabatan.nama,
                    "s": labels.get(s.status, s.status),
                    "n": s.n_rhk,
                },
            )
            for s in sources
        ]
        self.fields["source"].widget.attrs["class"] = "form-check-input"
        if periodes is None:
            del self.fields["periode"]
        else:
            cast(forms.ChoiceField, self.fields["periode"]).choices = [
                (p.pk, str(p.tahun)) for p in periodes
            ]
