"""Reminders the Admin Instansi schedules (views_pengingat.py), under /kinerja/pengingat/."""

from django.urls import path

from .views import pengingat as views

urlpatterns = [
    path("pengingat/", views.pengingat_list, name="pengingat-list"),
    path("pengingat/tambah/", views.pengingat_create, name="pengingat-create"),
    path("pengingat/<int:pk>/ubah/", views.pengingat_update, name="pengingat-update"),
    path("pengingat/<int:pk>/hapus/", views.pengingat_delete, name="pengingat-delete"),
    path("pengingat/<int:pk>/kirim/", views.pengingat_send, name="pengingat-send"),
]
