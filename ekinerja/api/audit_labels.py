"""How the audit trail names what the API writes (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from ekinerja.core.audit_labels import register

register(
    actions={
        "api_token.create": _("Token API dibuat"),
        "api_token.delete": _("Token API dicabut"),
    },
    groups={"api_token": _("Token API")},
)
