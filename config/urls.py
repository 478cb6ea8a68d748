from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("ekinerja.core.urls")),
    path("", include("ekinerja.core.urls_app")),
    path("org/", include("ekinerja.org.urls")),
    path("skp/", include("ekinerja.plans.urls")),
    path("kinerja/", include("ekinerja.execution.urls")),
    path("penilaian/", include("ekinerja.appraisal.urls")),
    path("api/", include("ekinerja.api.urls")),
    path("django-admin/", admin.site.urls),
]

handler400 = "ekinerja.core.views.bad_request"
handler403 = "ekinerja.core.views.permission_denied"
handler404 = "ekinerja.core.views.page_not_found"
handler500 = "ekinerja.core.views.server_error"
