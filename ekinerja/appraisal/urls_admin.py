"""The Admin Instansi's appraisal pages (views_admin.py), under /penilaian/."""

from django.urls import path

from .views import admin as views

urlpatterns = [
    path("periode/", views.periode_list, name="periode-list"),
    path("periode/<int:pk>/status/", views.periode_status, name="periode-status"),
    path("periode/<int:pk>/sinkron/", views.periode_sync, name="periode-sync"),
    path("periode/<int:pk>/siapkan-lagi/", views.periode_retry, name="periode-retry"),
    path("aturan/<int:tahun>/", views.aturan, name="aturan"),
    path(
        "pegawai/<int:pegawai_id>/tindak-lanjut/",
        views.tindak_lanjut_list,
        name="tindak-lanjut-list",
    ),
    path("tindak-lanjut/<int:pk>/hapus/", views.tindak_lanjut_delete, name="tindak-lanjut-delete"),
]
