"""Where evidence files live: Django's storage named "bukti" (settings.STORAGES), a private
directory outside the web root by default; a deployment points the alias at an
S3-compatible backend (django-storages) without touching the code."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _BuktiStorage(LazyObject):
    """The "bukti" storage, looked up when first used (not when models are imported) and
    looked up again when settings.STORAGES changes (tests), so that `BuktiDukung.berkas`
    and the services always write and read the same place."""

    def _setup(self) -> None:
        self._wrapped = storages["bukti"]


_bukti = _BuktiStorage()


def bukti_storage() -> Storage:
    return _bukti  # type: ignore[return-value]


@receiver(setting_changed)
def _reset_bukti_storage(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _bukti._wrapped = empty  # type: ignore[assignment]  # LazyObject's "not set up" sentinel
