"""Planning pages: own SKP, editing, workflow, the penilai queue, periods."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("", views.skp_mine, name="skp-mine"),
    path("buat/", views.skp_create, name="skp-create"),
    path("persetujuan/", views.skp_queue, name="skp-queue"),
    path("<int:pk>/", views.skp_detail, name="skp-detail"),
    path("<int:pk>/ajukan/", views.skp_submit, name="skp-submit"),
    path("<int:pk>/setujui/", views.skp_approve, name="skp-approve"),
    path("<int:pk>/kembalikan/", views.skp_return, name="skp-return"),
    path("<int:pk>/revisi/", views.skp_revise, name="skp-revise"),
    path("<int:pk>/rhk/tambah/", views.rhk_create, name="rhk-create"),
    path("<int:pk>/perilaku/", views.ekspektasi_update, name="ekspektasi-update"),
    path("<int:pk>/lampiran/", views.lampiran_update, name="lampiran-update"),
    path("rhk/<int:pk>/ubah/", views.rhk_update, name="rhk-update"),
    path("rhk/<int:pk>/hapus/", views.rhk_delete, name="rhk-delete"),
    path("rhk/<int:pk>/iki/tambah/", views.iki_create, name="iki-create"),
    path("iki/<int:pk>/ubah/", views.iki_update, name="iki-update"),
    path("iki/<int:pk>/hapus/", views.iki_delete, name="iki-delete"),
    path("periode/", views.periode_list, name="periode-list"),
    path("periode/tambah/", views.periode_create, name="periode-create"),
    path("periode/<int:pk>/ubah/", views.periode_update, name="periode-update"),
]
