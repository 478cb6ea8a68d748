from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "ekinerja.attendance"
    label = "attendance"
    verbose_name = _("Kehadiran")

    def ready(self) -> None:
        from . import audit_labels

        audit_labels.register_labels()
