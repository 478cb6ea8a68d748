"""The SIASN reference pages (views_siasn.py), under /penilaian/siasn/."""

from django.urls import path

from .views import siasn as v

urlpatterns = [
    path("siasn/golongan/", v.golongan, name="siasn-golongan"),
    path("siasn/koefisien/", v.koefisien, name="siasn-koefisien"),
    path("siasn/pegawai/", v.pegawai, name="siasn-pegawai"),
]
