from django.contrib import admin
from django.urls import include, path

from ekinerja.core.views import auth as core_auth

urlpatterns = [
    path("", include("ekinerja.core.urls")),
    path("org/", include("ekinerja.org.urls")),
    path("skp/", include("ekinerja.plans.urls")),
    path("kinerja/", include("ekinerja.execution.urls")),
    path("penilaian/", include("ekinerja.appraisal.urls")),
    path("api/", include("ekinerja.api.urls")),
    # The Django admin (platform admins only) logs in through our login page, which
    # throttles and audits every attempt; its own login form is never served.
    path("django-admin/login/", core_auth.django_admin_login),
    path("django-admin/logout/", core_auth.LogoutView.as_view()),
    path("django-admin/password_change/", core_auth.django_admin_password_change),
    path("django-admin/", admin.site.urls),
]

handler400 = "ekinerja.core.views.errors.bad_request"
handler403 = "ekinerja.core.views.errors.permission_denied"
handler404 = "ekinerja.core.views.errors.page_not_found"
handler500 = "ekinerja.core.views.errors.server_error"
