from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppraisalConfig(AppConfig):
    name = "ekinerja.appraisal"
    label = "appraisal"
    verbose_name = _("Penilaian Kinerja")

    def ready(self) -> None:
        # An SKP approved while its evaluation period is open gets its evaluation at
        # approval (rules §4). plans cannot import appraisal, so appraisal listens
        # (plans/hooks.py).
        from ekinerja.plans import hooks

        from . import audit_labels, menu
        from .services.periode import evaluasi_for_approved_skp

        hooks.on_skp_approved(evaluasi_for_approved_skp)
        audit_labels.register_labels()
        menu.register()
