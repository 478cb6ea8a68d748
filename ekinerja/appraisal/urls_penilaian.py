"""The penilai's pages (views_penilaian): the list where a unit is rated with its live
distribution panel, the preview of a rating, the inline save, and the full form."""

from django.urls import path

from .views import penilaian as views

urlpatterns = [
    path("menilai/", views.penilaian_list_view, name="penilaian-list"),
    path("evaluasi/<int:pk>/pratinjau/", views.penilaian_preview, name="penilaian-preview"),
    path("evaluasi/<int:pk>/nilai/", views.penilaian_form, name="penilaian-form"),
    path("evaluasi/<int:pk>/nilai/simpan/", views.penilaian_rate, name="penilaian-rate"),
]
