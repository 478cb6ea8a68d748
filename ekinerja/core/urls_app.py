from ekinerja.core.interim import paths

app_name = "core"
urlpatterns = paths(("audit/", "audit-list"))
