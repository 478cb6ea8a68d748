"""Evidence (bukti dukung) and the agency's execution settings."""

from django.urls import path

from .views import bukti as views

urlpatterns = [
    path("bukti/unggah/", views.bukti_upload, name="bukti-upload"),
    path("bukti/<int:pk>/unduh/", views.bukti_download, name="bukti-download"),
    path("bukti/<int:pk>/hapus/", views.bukti_delete, name="bukti-delete"),
    path("rhk/<int:pk>/bukti/", views.bukti_rhk, name="bukti-rhk"),
    path("pengaturan/", views.pengaturan_edit, name="pengaturan"),
]
