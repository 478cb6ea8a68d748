"""Authentication URLs (un-namespaced, as django.contrib.auth expects)."""

from django.urls import include, path

from . import views, views_account

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.health, name="health"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/sandi/selesai/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/sandi/lupa/terkirim/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/sandi/baru/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/sandi/baru/selesai/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("akun/aktivasi/", views_account.account_activate, name="account_activate"),
    path(
        "akun/sandi/wajib/",
        views_account.password_change_required,
        name="password_change_required",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
]
