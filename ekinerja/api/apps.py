from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "ekinerja.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # drf-spectacular finds extensions by subclassing: importing `schema` registers
        # how the bearer token is described in the OpenAPI schema.
        from . import audit_labels, schema  # noqa: F401

        audit_labels.register_labels()
