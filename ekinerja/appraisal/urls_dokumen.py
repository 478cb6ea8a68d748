"""The evaluation documents (views_dokumen.py)."""

from django.urls import path

from .views import dokumen as views_dokumen

urlpatterns = [
    path("evaluasi/<int:evaluasi_id>/pdf/", views_dokumen.evaluasi_pdf, name="evaluasi-pdf"),
    path("evaluasi/<int:evaluasi_id>/dokumen.pdf", views_dokumen.dokumen_pdf, name="dokumen-pdf"),
]
