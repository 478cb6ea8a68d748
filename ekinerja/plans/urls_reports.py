"""Planning reports: cascade, completeness, team matrix, PDF."""

from django.urls import path

from . import views_reports as v

urlpatterns = [
    path("kaskade/", v.cascade_view, name="cascade"),
    path("kaskade/ekspor/", v.cascade_export, name="cascade-export"),
    path("kelengkapan/", v.completeness_view, name="completeness"),
    path("kelengkapan/ekspor/", v.completeness_export, name="completeness-export"),
    path("<int:skp_id>/matriks/", v.skp_matriks, name="skp-matriks"),
    path("<int:skp_id>/pdf/", v.skp_pdf, name="skp-pdf"),
]
