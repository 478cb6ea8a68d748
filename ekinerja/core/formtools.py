"""Form tools every app's forms and views share (kernel helpers, so that no app imports
another app's forms): Bootstrap classes on the widgets (`BootstrapMixin`), a service's
ValidationError attached back to the form (`add_service_errors`), a field filled by the
HTMX picker (`PickerField`) and the date widget (`DATE`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError

# The date widget: the browser's date picker, ISO in and out (dates on pages are shown
# the Indonesian way; docs/architecture.md, Internationalisation).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


if TYPE_CHECKING:
    # What the mixin is mixed into, for the type checker only (at run time it stays a
    # plain mixin before forms.Form or forms.ModelForm in the bases).
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class BootstrapMixin(_FormBase):
    """Bootstrap classes on every widget, and `is-invalid` on fields with errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Attach a service's ValidationError to the form: each message next to its field
    (renamed through `field_map`), others at the top of the form."""
    field_map = field_map or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target: str | None = field_map.get(name, name)
            if target not in form.fields:
                target = None
            for m in messages:
                form.add_error(target, m)
            if target is not None:
                widget = form.fields[target].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"
    else:
        for m in error.messages:
            form.add_error(None, m)


class PickerField(forms.CharField):
    """A NIP or a kode typed (or filled by the HTMX picker), resolved to a row."""

    def __init__(self, *, picker: str, **kwargs: Any) -> None:
        self.picker = picker
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
