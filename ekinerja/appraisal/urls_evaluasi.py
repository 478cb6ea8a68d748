"""The staff side of the evaluation: my evaluations, one evaluation, and saving the
realisasi of one IKI (views_evaluasi.py)."""

from django.urls import path

from .views import evaluasi as views

urlpatterns = [
    path("saya/", views.evaluasi_mine, name="evaluasi-mine"),
    path("evaluasi/<int:pk>/", views.evaluasi_detail, name="evaluasi-detail"),
    path(
        "evaluasi/<int:pk>/realisasi/<int:iki_id>/",
        views.realisasi_save,
        name="realisasi-save",
    ),
]
