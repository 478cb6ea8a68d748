from django.contrib import admin
from django.urls import include, path

from ekinerja.core import views as core_views

urlpatterns = [
    path("", include("ekinerja.core.urls")),
    path("", include("ekinerja.core.urls_app")),
    path("org/", include("ekinerja.org.urls")),
    path("skp/", include("ekinerja.plans.urls")),
    path("kinerja/", include("ekinerja.execution.urls")),
    path("penilaian/", include("ekinerja.appraisal.urls")),
    path("api/", include("ekinerja.api.urls")),
    # The Django admin (platform admins only) logs in through our login page, which
    # throttles and audits every attempt; its own login form is never served.
    path("django-admin/login/", core_views.django_admin_login),
    path("django-admin/logout/", core_views.LogoutView.as_view()),
    path("django-admin/password_change/", core_views.django_admin_password_change),
    path("django-admin/", admin.site.urls),
]

handler400 = "ekinerja.core.views.bad_request"
handler403 = "ekinerja.core.views.permission_denied"
handler404 = "ekinerja.core.views.page_not_found"
handler500 = "ekinerja.core.views.server_error"
