"""Evidence storage: the model field and the services write to the same place, which
follows settings.STORAGES["bukti"] (tests point it at a temporary directory)."""

from django.core.files.base import ContentFile

from ekinerja.execution.models import BuktiDukung
from ekinerja.execution.storage import bukti_storage


def test_field_storage_follows_settings(_bukti_storage):
    field_storage = BuktiDukung._meta.get_field("berkas").storage
    name = field_storage.save("x/a.txt", ContentFile(b"hi"))
    assert (_bukti_storage / name).exists()
    assert bukti_storage().exists(name)
