from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ekinerja.core"
    label = "core"
    verbose_name = "e-Kinerja core"
