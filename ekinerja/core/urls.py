"""Authentication URLs (un-namespaced, as django.contrib.auth expects)."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/sandi/lupa/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("i18n/", include("django.conf.urls.i18n")),
]
