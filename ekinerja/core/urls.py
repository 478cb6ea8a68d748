"""Every route of core, all at the site root: the login and account pages, named
without a namespace as django.contrib.auth expects ("login", "password_change", …),
then core's own pages under the `core` namespace ("core:<entity>-<action>"). The views
are in views/<concern>.py."""

from django.urls import include, path

from .views import account, audit, auth, locks, notifications, site

# core's own pages: "core:<entity>-<action>".
core_patterns = [
    path("audit/", audit.audit_list, name="audit-list"),
    path("audit/<int:pk>/", audit.audit_detail, name="audit-detail"),
    path("notifikasi/", notifications.notification_list, name="notification-list"),
    path("notifikasi/lencana/", notifications.notification_badge, name="notification-badge"),
    path("notifikasi/<int:pk>/buka/", notifications.notification_open, name="notification-open"),
    path(
        "notifikasi/tandai-dibaca/",
        notifications.notification_read_all,
        name="notification-read-all",
    ),
    path("akun/email/", account.account_email, name="account-email"),
    path("kunci-masuk/", locks.lock_list, name="lock-list"),
    path("kunci-masuk/buka/", locks.lock_lift, name="lock-lift"),
    path(
        "akun/notifikasi/",
        notifications.notification_settings,
        name="notification-settings",
    ),
]

urlpatterns = [
    path("", site.home, name="home"),
    path("healthz/", site.health, name="health"),
    path("masuk/", auth.LoginView.as_view(), name="login"),
    path("keluar/", auth.LogoutView.as_view(), name="logout"),
    path("akun/sandi/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/sandi/selesai/",
        auth.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/sandi/lupa/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/sandi/lupa/terkirim/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/sandi/baru/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "akun/sandi/baru/selesai/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("akun/aktivasi/", account.account_activate, name="account_activate"),
    path(
        "akun/sandi/wajib/",
        account.password_change_required,
        name="password_change_required",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((core_patterns, "core"))),
]
