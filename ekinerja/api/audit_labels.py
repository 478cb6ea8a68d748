"""How the audit trail names what the API writes (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from ekinerja.core.audit_labels import register


def register_labels() -> None:
    """Add the labels of what the API writes to core's registry; called once, from
    the app's AppConfig.ready()."""
    register(
        actions={
            "api_token.create": _("Token API dibuat"),
            "api_token.delete": _("Token API dicabut"),
        },
        groups={"api_token": _("Token API")},
    )
