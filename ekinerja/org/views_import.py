from ekinerja.core.interim import paths

urlpatterns = paths(
    ("impor/", "import-start"),
    ("impor/<int:pk>/", "import-preview"),
    ("ekspor/<str:kind>/", "export"),
)
