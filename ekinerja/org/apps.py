from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "ekinerja.org"
    label = "org"
    verbose_name = _("Organisasi dan Pegawai")

    def ready(self) -> None:
        from . import audit_labels, menu

        audit_labels.register_labels()
        menu.register()
