"""The supervisor's verification queue, the rejection page, a reader's view of one
person's log, and the monthly summaries (views_verifikasi, views_ringkasan)."""

from django.urls import path

from .views import ringkasan as views_ringkasan
from .views import verifikasi as views_verifikasi

urlpatterns = [
    path("verifikasi/", views_verifikasi.verifikasi_queue, name="verifikasi-queue"),
    path("verifikasi/putuskan/", views_verifikasi.verifikasi_bulk, name="verifikasi-bulk"),
    path("aktivitas/<int:pk>/tolak/", views_verifikasi.aktivitas_reject, name="aktivitas-reject"),
    path("pegawai/<int:pk>/aktivitas/", views_verifikasi.pegawai_log, name="pegawai-log"),
    path("ringkasan/", views_ringkasan.ringkasan, name="ringkasan"),
    path(
        "ringkasan/pegawai/<int:pk>/", views_ringkasan.ringkasan_pegawai, name="ringkasan-pegawai"
    ),
]
