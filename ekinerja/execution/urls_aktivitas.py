"""The activity log pages of a pegawai (views_aktivitas)."""

from django.urls import path

from .views import aktivitas as v

urlpatterns = [
    path("aktivitas/", v.aktivitas_mine, name="aktivitas-mine"),
    path("aktivitas/minggu/", v.aktivitas_week, name="aktivitas-week"),
    path("aktivitas/tambah/", v.aktivitas_create, name="aktivitas-create"),
    path("aktivitas/salin/", v.aktivitas_copy, name="aktivitas-copy"),
    path("aktivitas/<int:pk>/", v.aktivitas_detail, name="aktivitas-detail"),
    path("aktivitas/<int:pk>/ubah/", v.aktivitas_update, name="aktivitas-update"),
    path("aktivitas/<int:pk>/hapus/", v.aktivitas_delete, name="aktivitas-delete"),
]
