"""Continuous feedback and coaching notes (views_umpan_balik.py)."""

from django.urls import path

from .views import umpan_balik as views

urlpatterns: list = [
    path("umpan-balik/", views.umpan_balik_list, name="umpan-balik-list"),
    path("umpan-balik/baru/", views.umpan_balik_create, name="umpan-balik-create"),
    path("umpan-balik/<int:pk>/", views.umpan_balik_detail, name="umpan-balik-detail"),
    path("umpan-balik/<int:pk>/balas/", views.umpan_balik_reply, name="umpan-balik-reply"),
    path("bimbingan/", views.bimbingan_list, name="bimbingan-list"),
    path("bimbingan/baru/", views.bimbingan_create, name="bimbingan-create"),
    path("bimbingan/<int:pk>/ubah/", views.bimbingan_update, name="bimbingan-update"),
    path("bimbingan/<int:pk>/hapus/", views.bimbingan_delete, name="bimbingan-delete"),
]
