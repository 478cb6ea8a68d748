"""Forms of the evidence pages and of the agency's execution settings. They parse the
shape of the input; the rules (content of a file, the size limit, who may attach what)
live in services.bukti and services.pengaturan, whose errors are attached back to the
form (core.formtools.add_service_errors)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from .. import files
from ..services.pengaturan import BOUNDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ACCEPT = (
    ",".join(f".{ext}" for ext in files.EXTENSIONS)
    + ","
    + ",".join(sorted(set(files.CONTENT_TYPES.values())))
)


def size_check_attrs(limit: int) -> dict[str, str]:
    """What static/execution/ukuran-berkas.js needs on a file input to refuse a file
    over the agency's limit (`limit` bytes) before it is uploaded: the limit, the
    message with {nama} and {ukuran} left for the script, and its button's label. The
    server checks again (services.bukti)."""
    message = _(
        "Berkas “%(nama)s” berukuran %(ukuran)s, melebihi batas %(batas)s yang ditetapkan "
        "instansi, sehingga tidak diunggah. Perkecil berkasnya (mis. kompres PDF atau "
        "gambar), lalu pilih lagi."
    ) % {"nama": "{nama}", "ukuran": "{ukuran}", "batas": files.size_text(limit)}
    return {
        "data-max-bytes": str(limit),
        "data-too-big": str(message),
        "data-batal": str(_("Batalkan berkas ini")),
    }


class BuktiForm(BootstrapMixin, forms.Form):
    """A file or a link, with an optional note."""

    berkas = forms.FileField(
        label=_("Berkas"),
        required=False,
        allow_empty_file=True,  # the service says why an empty file is refused
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    tautan = forms.CharField(
        label=_("atau tautan"),
        required=False,
        max_length=500,
        widget=forms.URLInput(
            attrs={"placeholder": "https://", "inputmode": "url", "autocomplete": "url"}
        ),
    )
    keterangan = forms.CharField(label=_("Keterangan (opsional)"), required=False, max_length=255)

    def __init__(
        self, *args: Any, limit_text: str = "", limit: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if limit:
            self.fields["berkas"].widget.attrs.update(size_check_attrs(limit))
        self.fields["berkas"].help_text = _(
            "PDF, JPG, PNG, DOCX atau XLSX; paling besar %(batas)s. Isinya diperiksa, "
            "bukan hanya namanya."
        ) % {"batas": limit_text}
        self.fields["tautan"].help_text = _(
            "Mis. tautan dokumen di penyimpanan awan atau berita di situs instansi."
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        has_file = bool(data.get("berkas"))
        has_link = bool((data.get("tautan") or "").strip())
        if has_file and has_link:
            raise forms.ValidationError(
                _("Pilih salah satu: unggah berkas atau isi tautan, tidak keduanya sekaligus.")
            )
        if not has_file and not has_link and "berkas" not in self.errors:
            raise forms.ValidationError(_("Pilih berkas untuk diunggah, atau isi tautannya."))
        return data


def _bounded(label: StrOrPromise, name: str, help_text: StrOrPromise) -> forms.IntegerField:
    low, high = BOUNDS[name]
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PengaturanForm(BootstrapMixin, forms.Form):
    maks_unggah_kb = _bounded(
        _("Ukuran maksimum bukti dukung (KB)"),
        "maks_unggah_kb",
        _("100 – 51.200 KB. 1.024 KB = 1 MB; bawaan 5.120 KB (5 MB)."),
    )
    menit_kerja_harian = _bounded(
        _("Menit kerja per hari"),
        "menit_kerja_harian",
        _(
            "60 – 1.440. Aktivitas sehari yang totalnya melebihi jumlah ini ditandai untuk "
            "atasan; bawaan 450 menit (7,5 jam)."
        ),
    )
    batas_teks_berulang = _bounded(
        _("Batas uraian yang sama (hari)"),
        "batas_teks_berulang",
        _(
            "2 – 31. Uraian aktivitas yang sama persis pada sekian hari berbeda dalam 30 hari "
            "ditandai untuk atasan; bawaan 5."
        ),
    )
