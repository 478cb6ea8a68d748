"""URLs of planning under the `plans` namespace: every route of the app, grouped by the
view module that serves it (views/)."""

from django.urls import path

from .views import content, periode, queue, reports, skp, templates

app_name = "plans"
urlpatterns = [
    # Own SKP, creating one, the SKP page and its workflow (views/skp.py).
    path("", skp.skp_mine, name="skp-mine"),
    path("buat/", skp.skp_create, name="skp-create"),
    path("persetujuan/", queue.skp_queue, name="skp-queue"),
    path("<int:pk>/", skp.skp_detail, name="skp-detail"),
    path("<int:pk>/ajukan/", skp.skp_submit, name="skp-submit"),
    path("<int:pk>/setujui/", skp.skp_approve, name="skp-approve"),
    path("<int:pk>/kembalikan/", skp.skp_return, name="skp-return"),
    path("<int:pk>/revisi/", skp.skp_revise, name="skp-revise"),
    # The SKP page's inline editors (views/content.py).
    path("<int:pk>/rhk/tambah/", content.rhk_create, name="rhk-create"),
    path("<int:pk>/perilaku/", content.ekspektasi_update, name="ekspektasi-update"),
    path("<int:pk>/lampiran/", content.lampiran_update, name="lampiran-update"),
    path("rhk/<int:pk>/ubah/", content.rhk_update, name="rhk-update"),
    path("rhk/<int:pk>/hapus/", content.rhk_delete, name="rhk-delete"),
    path("rhk/<int:pk>/iki/tambah/", content.iki_create, name="iki-create"),
    path("iki/<int:pk>/ubah/", content.iki_update, name="iki-update"),
    path("iki/<int:pk>/hapus/", content.iki_delete, name="iki-delete"),
    # Performance years (views/periode.py).
    path("periode/", periode.periode_list, name="periode-list"),
    path("periode/tambah/", periode.periode_create, name="periode-create"),
    path("periode/<int:pk>/ubah/", periode.periode_update, name="periode-update"),
    # Reports: cascade, completeness, team matrix, PDF (views/reports.py).
    path("kaskade/", reports.cascade_view, name="cascade"),
    path("kaskade/ekspor/", reports.cascade_export, name="cascade-export"),
    path("kelengkapan/", reports.completeness_view, name="completeness"),
    path("kelengkapan/ekspor/", reports.completeness_export, name="completeness-export"),
    path("<int:skp_id>/matriks/", reports.skp_matriks, name="skp-matriks"),
    path("<int:skp_id>/pdf/", reports.skp_pdf, name="skp-pdf"),
    # SKP templates per jabatan (Admin Instansi), and the owner's copy / template actions
    # (views/templates.py).
    path("templat/", templates.template_list, name="template-list"),
    path("templat/baru/", templates.template_create, name="template-create"),
    path("templat/<int:pk>/", templates.template_update, name="template-update"),
    path("templat/<int:pk>/hapus/", templates.template_delete, name="template-delete"),
    path("templat/<int:pk>/rhk/", templates.template_rhk_add, name="template-rhk-add"),
    path("templat/rhk/<int:pk>/", templates.template_rhk_update, name="template-rhk-update"),
    path("templat/rhk/<int:pk>/hapus/", templates.template_rhk_delete, name="template-rhk-delete"),
    path("templat/rhk/<int:pk>/iki/", templates.template_iki_add, name="template-iki-add"),
    path("templat/iki/<int:pk>/", templates.template_iki_update, name="template-iki-update"),
    path("templat/iki/<int:pk>/hapus/", templates.template_iki_delete, name="template-iki-delete"),
    path("salin/", templates.skp_copy, name="skp-copy"),
    path("<int:pk>/salin/", templates.skp_copy_into, name="skp-copy-into"),
    path("<int:pk>/templat/", templates.skp_apply_template, name="skp-apply-template"),
]
