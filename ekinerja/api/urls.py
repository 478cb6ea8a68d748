"""The REST API under /api/ (config/urls.py), the app's only URL module: version 1 of
the resources under v1/, grouped by view module, the OpenAPI schema and its docs page
(served with local assets, no CDN)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from .views import appraisal, auth, coaching, docs, execution, plans

v1 = [
    # Tokens and the caller: views/auth.py.
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("me/", auth.MeView.as_view(), name="me"),
    # Planning (SKP): views/plans.py.
    path("periode/", plans.PeriodeListView.as_view(), name="periode-list"),
    path("skp/", plans.SkpListView.as_view(), name="skp-list"),
    path("skp/queue/", plans.SkpQueueView.as_view(), name="skp-queue"),
    path("skp/bulk-approve/", plans.SkpBulkApproveView.as_view(), name="skp-bulk-approve"),
    path("skp/bulk-return/", plans.SkpBulkReturnView.as_view(), name="skp-bulk-return"),
    path("skp/<int:pk>/", plans.SkpDetailView.as_view(), name="skp-detail"),
    path("skp/<int:pk>/intervensi/", plans.SkpIntervensiView.as_view(), name="skp-intervensi"),
    path("skp/<int:pk>/submit/", plans.SkpSubmitView.as_view(), name="skp-submit"),
    path("skp/<int:pk>/approve/", plans.SkpApproveView.as_view(), name="skp-approve"),
    path("skp/<int:pk>/return/", plans.SkpReturnView.as_view(), name="skp-return"),
    path("skp/<int:pk>/revise/", plans.SkpReviseView.as_view(), name="skp-revise"),
    path("skp/<int:pk>/rhk/", plans.RhkCreateView.as_view(), name="rhk-create"),
    path("skp/<int:pk>/lampiran/", plans.LampiranView.as_view(), name="lampiran-detail"),
    path(
        "skp/<int:pk>/ekspektasi/<int:nilai>/",
        plans.EkspektasiView.as_view(),
        name="ekspektasi-detail",
    ),
    path("rhk/<int:pk>/", plans.RhkDetailView.as_view(), name="rhk-detail"),
    path("rhk/<int:pk>/iki/", plans.IkiCreateView.as_view(), name="iki-create"),
    path("iki/<int:pk>/", plans.IkiDetailView.as_view(), name="iki-detail"),
    # Execution (issue 4): views/execution.py.
    path("aktivitas/", execution.AktivitasListView.as_view(), name="aktivitas-list"),
    path("aktivitas/salin/", execution.AktivitasSalinView.as_view(), name="aktivitas-salin"),
    path("aktivitas/<int:pk>/", execution.AktivitasDetailView.as_view(), name="aktivitas-detail"),
    path(
        "aktivitas/<int:pk>/bukti/", execution.AktivitasBuktiView.as_view(), name="aktivitas-bukti"
    ),
    path("bukti/<int:pk>/", execution.BuktiDetailView.as_view(), name="bukti-detail"),
    path("bukti/<int:pk>/unduh/", execution.BuktiUnduhView.as_view(), name="bukti-unduh"),
    path(
        "rhk/<int:pk>/rencana-aksi/",
        execution.RhkRencanaAksiView.as_view(),
        name="rhk-rencana-aksi",
    ),
    path(
        "rencana-aksi/<int:pk>/",
        execution.RencanaAksiDetailView.as_view(),
        name="rencana-aksi-detail",
    ),
    path(
        "rencana-aksi/<int:pk>/komentar/",
        execution.RencanaAksiKomentarView.as_view(),
        name="rencana-aksi-komentar",
    ),
    path("verifikasi/", execution.VerifikasiQueueView.as_view(), name="verifikasi-queue"),
    path("verifikasi/verify/", execution.VerifikasiVerifyView.as_view(), name="verifikasi-verify"),
    path("verifikasi/reject/", execution.VerifikasiRejectView.as_view(), name="verifikasi-reject"),
    path("ringkasan/", execution.RingkasanView.as_view(), name="ringkasan"),
    # Feedback and coaching (issue 4): views/coaching.py.
    path("umpan-balik/", coaching.UmpanBalikListView.as_view(), name="umpan-balik-list"),
    path(
        "umpan-balik/<int:pk>/",
        coaching.UmpanBalikDetailView.as_view(),
        name="umpan-balik-detail",
    ),
    path(
        "umpan-balik/<int:pk>/balas/",
        coaching.UmpanBalikBalasView.as_view(),
        name="umpan-balik-balas",
    ),
    path("bimbingan/", coaching.BimbinganListView.as_view(), name="bimbingan-list"),
    path("bimbingan/<int:pk>/", coaching.BimbinganDetailView.as_view(), name="bimbingan-detail"),
    # Appraisal (issue 5): views/appraisal.py.
    path(
        "penilaian/periode/",
        appraisal.PeriodePenilaianListView.as_view(),
        name="appraisal-periode-list",
    ),
    path(
        "penilaian/evaluasi/",
        appraisal.EvaluasiListView.as_view(),
        name="appraisal-evaluasi-list",
    ),
    path(
        "penilaian/evaluasi/<int:pk>/",
        appraisal.EvaluasiDetailView.as_view(),
        name="appraisal-evaluasi-detail",
    ),
    path(
        "penilaian/evaluasi/<int:pk>/realisasi/<int:iki_id>/",
        appraisal.RealisasiView.as_view(),
        name="appraisal-realisasi",
    ),
    path(
        "penilaian/evaluasi/<int:pk>/nilai/",
        appraisal.NilaiView.as_view(),
        name="appraisal-nilai",
    ),
    path(
        "penilaian/unit/<int:unit_id>/kurva/",
        appraisal.KurvaView.as_view(),
        name="appraisal-kurva",
    ),
    path(
        "penilaian/unit/<int:unit_id>/predikat/",
        appraisal.PredikatOrganisasiView.as_view(),
        name="appraisal-predikat-organisasi",
    ),
    path(
        "penilaian/unit/<int:unit_id>/penetapan/",
        appraisal.PenetapanCreateView.as_view(),
        name="appraisal-penetapan-create",
    ),
    path(
        "penilaian/penetapan/<int:pk>/buka/",
        appraisal.PenetapanReopenView.as_view(),
        name="appraisal-penetapan-reopen",
    ),
    path("penilaian/siasn/", appraisal.SiasnView.as_view(), name="appraisal-siasn"),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file, not inline (the CSP).
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
]
