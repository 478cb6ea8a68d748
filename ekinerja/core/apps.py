from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ekinerja.core"
    label = "core"
    verbose_name = "e-Kinerja core"

    def ready(self) -> None:
        from . import menu

        menu.register(*menu.CORE_ENTRIES)
