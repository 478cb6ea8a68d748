"""Namespaced core pages ("core:<entity>-<action>")."""

from django.urls import path

from . import views, views_account, views_locks, views_notifications

app_name = "core"
urlpatterns = [
    path("audit/", views.audit_list, name="audit-list"),
    path("audit/<int:pk>/", views.audit_detail, name="audit-detail"),
    path("notifikasi/", views_notifications.notification_list, name="notification-list"),
    path(
        "notifikasi/lencana/",
        views_notifications.notification_badge,
        name="notification-badge",
    ),
    path(
        "notifikasi/<int:pk>/buka/",
        views_notifications.notification_open,
        name="notification-open",
    ),
    path(
        "notifikasi/tandai-dibaca/",
        views_notifications.notification_read_all,
        name="notification-read-all",
    ),
    path("akun/email/", views_account.account_email, name="account-email"),
    path("kunci-masuk/", views_locks.lock_list, name="lock-list"),
    path("kunci-masuk/buka/", views_locks.lock_lift, name="lock-lift"),
    path(
        "akun/notifikasi/",
        views_notifications.notification_settings,
        name="notification-settings",
    ),
]
