"""Where evidence files live: Django's storage named "bukti" (settings.STORAGES), a private
directory outside the web root by default; a deployment points the alias at an
S3-compatible backend (django-storages) without touching the code."""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def bukti_storage() -> Storage:
    return storages["bukti"]
