"""Every URL of the appraisal, under the `appraisal` namespace (mounted at /penilaian/),
grouped by concern; each group's views are in views/<concern>.py."""

from django.urls import path

from .views import admin, dokumen, evaluasi, laporan, penilaian, siasn, unit

app_name = "appraisal"
urlpatterns = [
    # The staff side: my evaluations, one evaluation, the realisasi of one IKI.
    path("saya/", evaluasi.evaluasi_mine, name="evaluasi-mine"),
    path("evaluasi/<int:pk>/", evaluasi.evaluasi_detail, name="evaluasi-detail"),
    path(
        "evaluasi/<int:pk>/realisasi/<int:iki_id>/",
        evaluasi.realisasi_save,
        name="realisasi-save",
    ),
    # The penilai: the list where a unit is rated with its live distribution panel, the
    # preview of a rating, the full form and its save.
    path("menilai/", penilaian.penilaian_list_view, name="penilaian-list"),
    path("evaluasi/<int:pk>/pratinjau/", penilaian.penilaian_preview, name="penilaian-preview"),
    path("evaluasi/<int:pk>/nilai/", penilaian.penilaian_form, name="penilaian-form"),
    path("evaluasi/<int:pk>/nilai/simpan/", penilaian.penilaian_rate, name="penilaian-rate"),
    # The organisation: units and their curve, the organisation predikat, penetapan and
    # its reopening.
    path("unit/", unit.unit_list, name="unit-list"),
    path("unit/<int:unit_id>/<int:periode_id>/", unit.unit_detail, name="unit-detail"),
    path(
        "unit/<int:unit_id>/<int:periode_id>/predikat/",
        unit.predikat_organisasi_set,
        name="predikat-organisasi-set",
    ),
    path(
        "unit/<int:unit_id>/<int:periode_id>/tetapkan/",
        unit.penetapan_create,
        name="penetapan-create",
    ),
    path("penetapan/<int:pk>/buka/", unit.penetapan_reopen, name="penetapan-reopen"),
    # The Admin Instansi: periods, the rule set of a year, tindak lanjut.
    path("periode/", admin.periode_list, name="periode-list"),
    path("periode/<int:pk>/status/", admin.periode_status, name="periode-status"),
    path("periode/<int:pk>/sinkron/", admin.periode_sync, name="periode-sync"),
    path("periode/<int:pk>/siapkan-lagi/", admin.periode_retry, name="periode-retry"),
    path("aturan/<int:tahun>/", admin.aturan, name="aturan"),
    path(
        "pegawai/<int:pegawai_id>/tindak-lanjut/",
        admin.tindak_lanjut_list,
        name="tindak-lanjut-list",
    ),
    path("tindak-lanjut/<int:pk>/hapus/", admin.tindak_lanjut_delete, name="tindak-lanjut-delete"),
    # The evaluation documents (PDF).
    path("evaluasi/<int:evaluasi_id>/pdf/", dokumen.evaluasi_pdf, name="evaluasi-pdf"),
    path("evaluasi/<int:evaluasi_id>/dokumen.pdf", dokumen.dokumen_pdf, name="dokumen-pdf"),
    # Reports and exports.
    path("laporan/", laporan.laporan, name="laporan"),
    path("laporan/siasn/", laporan.siasn, name="siasn"),
    path("laporan/siasn/unduh/", laporan.siasn_export, name="siasn-export"),
    path("laporan/angka-kredit/", laporan.angka_kredit, name="angka-kredit"),
    path("laporan/penilai/", laporan.analitik_penilai, name="analitik-penilai"),
    path("laporan/pengisian/", laporan.pengisian, name="pengisian"),
    # The SIASN reference tables (Admin Instansi).
    path("siasn/golongan/", siasn.golongan, name="siasn-golongan"),
    path("siasn/koefisien/", siasn.koefisien, name="siasn-koefisien"),
    path("siasn/pegawai/", siasn.pegawai, name="siasn-pegawai"),
]
