from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ekinerja.plans"
    label = "plans"
    verbose_name = _("Perencanaan Kinerja (SKP)")

    def ready(self) -> None:
        # A position change recorded in org closes the old SKP and opens a new one
        # (rules §4). org cannot import plans, so plans listens (org/hooks.py).
        from ekinerja.org import hooks

        from . import audit_labels, menu
        from .services.copying import on_position_changed

        hooks.on_position_changed(on_position_changed)
        audit_labels.register_labels()
        menu.register()
