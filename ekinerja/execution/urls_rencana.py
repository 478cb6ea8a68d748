"""Rencana aksi pages (views_rencana)."""

from django.urls import path

from .views import rencana as v

urlpatterns = [
    path("rencana-aksi/", v.rencana_list, name="rencana-list"),
    path("rencana-aksi/rhk/<int:rhk>/tambah/", v.rencana_create, name="rencana-create"),
    path("rencana-aksi/rhk/<int:rhk>/pindahkan/", v.rencana_rhk_move, name="rencana-rhk-move"),
    path("rencana-aksi/<int:pk>/ubah/", v.rencana_update, name="rencana-update"),
    path("rencana-aksi/<int:pk>/hapus/", v.rencana_delete, name="rencana-delete"),
    path("rencana-aksi/<int:pk>/catatan/", v.rencana_comment, name="rencana-comment"),
    path("rencana-aksi/pegawai/<int:pk>/", v.rencana_pegawai, name="rencana-pegawai"),
]
