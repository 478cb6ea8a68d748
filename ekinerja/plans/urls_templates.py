"""Planning pages: SKP templates per jabatan (Admin Instansi), and the owner's actions to
start an SKP from an earlier one or from a template (views_templates.py)."""

from django.urls import path

from . import views_templates as v

urlpatterns = [
    path("templat/", v.template_list, name="template-list"),
    path("templat/baru/", v.template_create, name="template-create"),
    path("templat/<int:pk>/", v.template_update, name="template-update"),
    path("templat/<int:pk>/hapus/", v.template_delete, name="template-delete"),
    path("templat/<int:pk>/rhk/", v.template_rhk_add, name="template-rhk-add"),
    path("templat/rhk/<int:pk>/", v.template_rhk_update, name="template-rhk-update"),
    path("templat/rhk/<int:pk>/hapus/", v.template_rhk_delete, name="template-rhk-delete"),
    path("templat/rhk/<int:pk>/iki/", v.template_iki_add, name="template-iki-add"),
    path("templat/iki/<int:pk>/", v.template_iki_update, name="template-iki-update"),
    path("templat/iki/<int:pk>/hapus/", v.template_iki_delete, name="template-iki-delete"),
    path("salin/", v.skp_copy, name="skp-copy"),
    path("<int:pk>/salin/", v.skp_copy_into, name="skp-copy-into"),
    path("<int:pk>/templat/", v.skp_apply_template, name="skp-apply-template"),
]
