"""Every route of the organisation app, under the `org` namespace (mounted at /org/),
grouped by concern; the views are in views/<concern>.py. Names are
"org:<entity>-<action>"."""

from django.urls import path

from .views import (
    activation,
    assignments,
    dashboard,
    imports,
    instansi,
    jabatan,
    pegawai,
    pickers,
    units,
)

app_name = "org"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # Agencies, for the platform admin (views/instansi.py).
    path("instansi/", instansi.instansi_list, name="instansi-list"),
    path("instansi/tambah/", instansi.instansi_create, name="instansi-create"),
    # The unit tree (views/units.py).
    path("unit/", units.unit_tree, name="unit-tree"),
    path("unit/tambah/", units.unit_create, name="unit-create"),
    path("unit/<int:pk>/", units.unit_detail, name="unit-detail"),
    path("unit/<int:pk>/ubah/", units.unit_update, name="unit-update"),
    # Positions (views/jabatan.py) and the position picker (views/pickers.py).
    path("jabatan/", jabatan.jabatan_list, name="jabatan-list"),
    path("jabatan/tambah/", jabatan.jabatan_create, name="jabatan-create"),
    path("jabatan/cari/", pickers.jabatan_search, name="jabatan-search"),
    path("jabatan/<int:pk>/", jabatan.jabatan_detail, name="jabatan-detail"),
    path("jabatan/<int:pk>/ubah/", jabatan.jabatan_update, name="jabatan-update"),
    # Staff (views/pegawai.py), the staff picker and the NIP check (views/pickers.py),
    # and what an admin assigns to a person (views/assignments.py).
    path("pegawai/", pegawai.pegawai_list, name="pegawai-list"),
    path("pegawai/tambah/", pegawai.pegawai_create, name="pegawai-create"),
    path("pegawai/cari/", pickers.pegawai_search, name="pegawai-search"),
    path("pegawai/cek-nip/", pickers.pegawai_nip_check, name="pegawai-nip-check"),
    path("pegawai/<int:pk>/", pegawai.pegawai_detail, name="pegawai-detail"),
    path("pegawai/<int:pk>/ubah/", pegawai.pegawai_update, name="pegawai-update"),
    path("pegawai/<int:pk>/jabatan/", assignments.pegawai_move, name="pegawai-move"),
    path("pegawai/<int:pk>/atasan/", assignments.pegawai_atasan, name="pegawai-atasan"),
    path("pegawai/<int:pk>/peran/", assignments.pegawai_roles, name="pegawai-roles"),
    path(
        "pegawai/<int:pk>/riwayat/<int:rid>/selesai/",
        assignments.riwayat_end,
        name="riwayat-end",
    ),
    # Imports, their sample files and the exports (views/imports.py).
    path("impor/", imports.import_start, name="import-start"),
    path("impor/<int:pk>/", imports.import_preview, name="import-preview"),
    path("impor/contoh/<str:kind>.<str:fmt>/", imports.import_sample, name="import-sample"),
    path("ekspor/<str:kind>/", imports.export, name="export"),
    # Account activation (views/activation.py).
    path("aktivasi/", activation.aktivasi_list, name="aktivasi-list"),
    path("aktivasi/unit/", activation.aktivasi_unit, name="aktivasi-unit"),
    path("aktivasi/surat/", activation.aktivasi_surat, name="aktivasi-surat"),
    path("pegawai/<int:pk>/aktivasi/", activation.aktivasi_pegawai, name="aktivasi-pegawai"),
    path("instansi/<int:pk>/akun/", activation.instansi_akun, name="instansi-akun"),
]
