"""Planning pages: SKP templates per jabatan (admin)."""

urlpatterns: list = []
