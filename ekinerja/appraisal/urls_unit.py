"""The organisation pages: units and their curve, the organisation predikat, penetapan
and its reopening (views_unit)."""

from django.urls import path

from .views import unit as views_unit

urlpatterns = [
    path("unit/", views_unit.unit_list, name="unit-list"),
    path("unit/<int:unit_id>/<int:periode_id>/", views_unit.unit_detail, name="unit-detail"),
    path(
        "unit/<int:unit_id>/<int:periode_id>/predikat/",
        views_unit.predikat_organisasi_set,
        name="predikat-organisasi-set",
    ),
    path(
        "unit/<int:unit_id>/<int:periode_id>/tetapkan/",
        views_unit.penetapan_create,
        name="penetapan-create",
    ),
    path("penetapan/<int:pk>/buka/", views_unit.penetapan_reopen, name="penetapan-reopen"),
]
