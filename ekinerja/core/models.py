"""Base models shared by every app: the instansi-scoped base, users, roles, audit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class InstansiScoped(models.Model):
    """Every agency-owned row carries its instansi (spec data-model rule 1)."""

    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, related_name="+", verbose_name=_("instansi")
    )

    class Meta:
        abstract = True


class User(AbstractUser):
    """A login. Staff log in with their NIP as username; platform admins with a name.

    A user belongs to one instansi; platform admins belong to none and see no personal
    data by default.
    """

    instansi = models.ForeignKey(
        "org.Instansi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
    )
    is_platform_admin = models.BooleanField(_("admin platform"), default=False)
    email_notifications = models.BooleanField(_("notifikasi email"), default=True)
    # Set while the password in force was not chosen by the owner (a temporary password
    # from the platform admin, or an activation code used at the login page): the
    # owner must choose one before anything else (PasswordChangeRequiredMiddleware).
    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class Role(models.TextChoices):
    """Roles granted explicitly (spec README "Who uses it").

    Pegawai is implicit for every staff login, and supervisor rights come from the org
    chart, so neither is stored here.
    """

    PENGELOLA = "pengelola", _("Pengelola Kinerja")
    PIMPINAN = "pimpinan", _("Pimpinan")
    ADMIN = "admin", _("Admin Instansi")
    AUDITOR = "auditor", _("Auditor")


class RoleAssignment(InstansiScoped):
    """A role for a user in an instansi, optionally limited to a unit's subtree.

    Pengelola Kinerja always has a unit; Pimpinan may have one (none = whole instansi).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        "org.UnitKerja",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit kerja"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan peran")
        verbose_name_plural = _("penugasan peran")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "user", "role", "unit"], name="uniq_role_assignment"
            )
        ]
        indexes = [models.Index(fields=["instansi", "user"], name="role_instansi_user")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class AuditEvent(models.Model):
    """Who did what to which object, when, with old → new values (spec data-model rule 2)."""

    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["instansi", "-created_at"], name="audit_instansi_time"),
            models.Index(fields=["instansi", "object_type", "object_id"], name="audit_object"),
            models.Index(fields=["instansi", "action"], name="audit_action"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class LoginFailure(models.Model):
    """One failed login (or one password-reset request), kept in the database so that
    throttling holds across processes (core.ratelimit; docs/decisions/0005).

    `device` is the id of the browser's trusted-device cookie when it carried one for
    this account: such failures count against that browser only, so nobody else can
    lock the owner out of a browser they have logged in from before."""

    class Scope(models.TextChoices):
        LOGIN = "login", _("masuk")
        RESET = "reset", _("atur ulang kata sandi")

    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.LOGIN)
    username = models.CharField(max_length=254, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    device = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["ip", "created_at"], name="loginfail_ip_time"),
            models.Index(fields=["username", "ip", "created_at"], name="loginfail_user_ip_time"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.ip} {self.created_at}"


class ActivationCode(InstansiScoped):
    """A one-time code with which a person sets their password: the first activation of
    an account made by an import or "Tambah pegawai", or a reset by an admin.

    Only an HMAC of the code is stored (core.activation.code_hash); the code itself is
    shown once, on the page of the admin who issued it, in the activation letter (PDF)
    or in an email to the owner. A code is live until `expires_at`, unless it was used
    (`used_at`) or replaced by a newer one (`voided_at`); `expired_at` records when its
    expiry was noticed and audited."""

    class Purpose(models.TextChoices):
        ACTIVATION = "aktivasi", _("aktivasi akun")
        RESET = "reset", _("atur ulang kata sandi")

    class Delivery(models.TextChoices):
        LETTER = "surat", _("surat aktivasi")
        EMAIL = "email", _("email")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activation_codes"
    )
    purpose = models.CharField(_("keperluan"), max_length=8, choices=Purpose.choices)
    delivery = models.CharField(_("cara penyampaian"), max_length=8, choices=Delivery.choices)
    code_hash = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    issued_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    used_at = models.DateTimeField(_("dipakai"), null=True, blank=True)
    voided_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)
    expired_at = models.DateTimeField(_("kedaluwarsa dicatat"), null=True, blank=True)

    class Meta:
        verbose_name = _("kode aktivasi")
        verbose_name_plural = _("kode aktivasi")
        ordering = ["-issued_at", "-id"]
        indexes = [
            models.Index(fields=["instansi", "user", "-issued_at"], name="actcode_user"),
            models.Index(fields=["expires_at"], name="actcode_expires"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_purpose_display()} {self.issued_at:%Y-%m-%d}"


class Notification(InstansiScoped):
    """One message to one user: shown in the app, and emailed when the user wants email
    (`User.email_notifications`). Written only through `core.notify`.

    `kind` is a dotted code owned by the app that sends it ("skp.submitted",
    "aktivitas.rejected", "reminder.…"); `params` keeps the values the message was built
    from, so that a later version can re-render or group notifications; `message` is
    the text rendered in Indonesian when the notification was created.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    kind = models.CharField(_("jenis"), max_length=64)
    params = models.JSONField(default=dict, blank=True)
    message = models.TextField(_("pesan"))
    email_subject = models.CharField(_("subjek email"), max_length=200, blank=True)
    # A local path ("/skp/12/"); core.views.notifications refuses to redirect elsewhere.
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    # Set by the email task once sent; a re-run of the task never sends twice.
    emailed_at = models.DateTimeField(_("dikirim lewat email"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The navbar badge: a user's unread count (read_at IS NULL), newest first.
            models.Index(
                fields=["instansi", "recipient", "read_at", "created_at"],
                name="notif_recipient_unread",
            ),
            # The list page: a user's notifications, newest first, paged.
            models.Index(
                fields=["instansi", "recipient", "-created_at"], name="notif_recipient_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.kind}"
