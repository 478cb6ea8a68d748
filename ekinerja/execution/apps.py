from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    name = "ekinerja.execution"
    label = "execution"
    verbose_name = _("Pelaksanaan dan Pembinaan Kinerja")

    def ready(self) -> None:
        # A staff member's rencana aksi, evidence, activities and feedback point at RHK
        # of plans. plans cannot import execution, so execution tells plans what is
        # attached before an RHK is deleted, and carries it over when plans replaces RHK
        # by copies, and adds its buttons to the SKP page's RHK cards (plans/hooks.py).
        from ekinerja.plans import hooks

        from . import audit_labels, menu, rhk_card
        from .selectors.rencana import removal_check
        from .services.rencana import on_rhk_replaced

        hooks.on_removal_check(removal_check)
        hooks.on_rhk_replaced(on_rhk_replaced)
        audit_labels.register_labels()
        menu.register()
        rhk_card.register()
