"""The appraisal reports and exports (views_laporan.py), under /penilaian/laporan/."""

from django.urls import path

from .views import laporan as v

urlpatterns = [
    path("laporan/", v.laporan, name="laporan"),
    path("laporan/siasn/", v.siasn, name="siasn"),
    path("laporan/siasn/unduh/", v.siasn_export, name="siasn-export"),
    path("laporan/angka-kredit/", v.angka_kredit, name="angka-kredit"),
    path("laporan/penilai/", v.analitik_penilai, name="analitik-penilai"),
    path("laporan/pengisian/", v.pengisian, name="pengisian"),
]
