from ekinerja.core.interim import paths

urlpatterns = paths(
    ("", "dashboard"),
    ("instansi/", "instansi-list"),
    ("instansi/tambah/", "instansi-create"),
    ("unit/", "unit-tree"),
    ("unit/tambah/", "unit-create"),
    ("unit/<int:pk>/", "unit-detail"),
    ("unit/<int:pk>/ubah/", "unit-update"),
    ("jabatan/", "jabatan-list"),
    ("jabatan/tambah/", "jabatan-create"),
    ("jabatan/<int:pk>/", "jabatan-detail"),
    ("jabatan/<int:pk>/ubah/", "jabatan-update"),
    ("pegawai/", "pegawai-list"),
    ("pegawai/tambah/", "pegawai-create"),
    ("pegawai/<int:pk>/", "pegawai-detail"),
    ("pegawai/<int:pk>/ubah/", "pegawai-update"),
    ("pegawai/<int:pk>/jabatan/", "pegawai-move"),
    ("pegawai/<int:pk>/atasan/", "pegawai-atasan"),
    ("pegawai/<int:pk>/peran/", "pegawai-roles"),
)
