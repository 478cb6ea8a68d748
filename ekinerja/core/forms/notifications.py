"""The notification settings of the owner of a login (views/notifications.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy


class NotificationSettingsForm(forms.Form):
    email_notifications = forms.BooleanField(
        label=gettext_lazy("Kirim notifikasi juga lewat email"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input", "role": "switch"}),
    )
