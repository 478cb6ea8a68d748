"""The reminder form of the Admin Instansi, with ready-made presets (issue 4 item 6:
"log your activities", "verify by the 5th"). Validation of substance is the service's
(services.pengingat); the form only parses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ekinerja.core.formtools import BootstrapMixin

from .. import domain
from ..models import Pengingat
from ..services.pengingat import MAX_NAMA, MAX_PESAN


@dataclass(frozen=True)
class Preset:
    key: str
    label: Promise
    nama: Promise
    sasaran: str
    pesan: Promise
    hari: int
    jam: dt.time

    def initial(self) -> dict[str, Any]:
        return {
            "nama": str(self.nama),
            "sasaran": self.sasaran,
            "pesan": str(self.pesan),
            "hari": self.hari,
            "jam": self.jam,
            "aktif": True,
        }


PRESETS = (
    Preset(
        key="catat",
        label=_("Catat aktivitas hari ini"),
        nama=_("Catat aktivitas Anda hari ini"),
        sasaran=Pengingat.Sasaran.BELUM_MENCATAT,
        pesan=_(
            "Anda belum mencatat aktivitas minggu ini. Catat aktivitas Anda hari ini sebelum "
            "pulang: aktivitas yang tercatat menjadi dasar penilaian kinerja."
        ),
        hari=domain.SETIAP_HARI_KERJA,
        jam=dt.time(15, 0),
    ),
    Preset(
        key="verifikasi",
        label=_("Verifikasi paling lambat tanggal 5"),
        nama=_("Verifikasi aktivitas bawahan paling lambat tanggal 5"),
        sasaran=Pengingat.Sasaran.ATASAN_ANTREAN,
        pesan=_(
            "Masih ada aktivitas bawahan yang menunggu verifikasi Anda. Selesaikan paling "
            "lambat tanggal 5 agar penilaian bulan lalu dapat dihitung."
        ),
        hari=3,
        jam=dt.time(9, 0),
    ),
    Preset(
        key="akhir-bulan",
        label=_("Lengkapi log di akhir bulan"),
        nama=_("Lengkapi log aktivitas bulan ini"),
        sasaran=Pengingat.Sasaran.SEMUA,
        pesan=_(
            "Hari ini hari terakhir bulan ini. Pastikan semua aktivitas bulan ini sudah "
            "dicatat beserta bukti dukungnya."
        ),
        hari=31,
        jam=dt.time(13, 0),
    ),
)
PRESETS_BY_KEY = {p.key: p for p in PRESETS}


def hari_choices() -> list[tuple[int, Any]]:
    out: list[tuple[int, Any]] = [(domain.SETIAP_HARI_KERJA, _("Setiap hari kerja (Senin–Jumat)"))]
    for n in range(1, 32):
        if n >= 29:
            label = _("Tanggal %(n)s (atau hari terakhir bulan yang lebih pendek)")
        else:
            label = _("Tanggal %(n)s setiap bulan")
        out.append((n, label % {"n": n}))
    return out


class PengingatForm(BootstrapMixin, forms.Form):
    nama = forms.CharField(
        label=_("Nama pengingat"),
        max_length=MAX_NAMA,
        help_text=_("Untuk daftar ini; penerima melihatnya sebagai judul email."),
    )
    sasaran = forms.ChoiceField(label=_("Dikirim kepada"), choices=Pengingat.Sasaran.choices)
    pesan = forms.CharField(
        label=_("Pesan"),
        max_length=MAX_PESAN,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_PESAN}),
        help_text=_("Paling banyak 500 karakter. Notifikasi menautkan ke halaman yang sesuai."),
    )
    hari = forms.TypedChoiceField(label=_("Kapan"), coerce=int, choices=hari_choices)
    jam = forms.TimeField(
        label=_("Jam"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Tulis jam seperti 15:00.")},
    )
    aktif = forms.BooleanField(label=_("Aktif (dikirim sesuai jadwal)"), required=False)

    def __init__(self, *args: Any, zona: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aktif"].widget.attrs["class"] = "form-check-input"
        if zona:
            self.fields["jam"].help_text = _(
                "Waktu setempat instansi, %(zona)s. Pengingat terkirim paling lambat "
                "15 menit sesudah jam ini."
            ) % {"zona": zona}
