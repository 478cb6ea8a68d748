"""Evidence and execution-settings pages in the URL × role walk
(ekinerja/tests/test_url_matrix.py).

Policy:
- execution:bukti-upload needs ?aktivitas=|rencana=|rhk= (the walk sends none): 404 for
  every member; its owner-only rule is tested in test_bukti_views.py.
- execution:bukti-download: whoever may read the owner's execution data (access_bukti):
  the owner charlie, the supervisor bob, the head alice, the admin eko, the auditor fajar;
  the colleague dina 403; another agency 404.
- execution:bukti-rhk: whoever may read the RHK's SKP (plans.access.access_rhk).
- execution:bukti-delete: POST only.
- execution:pengaturan: the Admin Instansi only.

`build` adds an activity of charlie with one stored file, and one file of gita on her
RHK (instansi B). The world is built once per module, before each test's temporary
evidence storage exists, so the file's bytes are written when a case asks for its id.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from ekinerja.plans.models import RHK
from ekinerja.tests.url_policy import (
    ADMIN_ONLY,
    Case,
    World,
    expect,
    members,
    outsider_object,
    own_object_for,
)

from ..models import BuktiDukung
from ..storage import bukti_storage
from .factories import make_aktivitas

PDF = b"%PDF-1.4\n%%EOF\n"


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    rhk = RHK.objects.get(pk=ids["rhk_charlie"])
    akt = make_aktivitas(cast, "charlie", rhk=rhk)
    ids["bukti_aktivitas_charlie"] = akt.pk
    ids["bukti_charlie"] = _row(cast.charlie, aktivitas=akt).pk
    ids["bukti_gita"] = _row(cast.gita, rhk_id=ids["rhk_gita"]).pk


def _row(pegawai, **target) -> BuktiDukung:
    return BuktiDukung.objects.create(
        instansi_id=pegawai.instansi_id,
        pegawai=pegawai,
        jenis=BuktiDukung.Jenis.BERKAS,
        berkas=f"bukti/{pegawai.instansi_id}/walk{pegawai.pk}.pdf",
        nama_berkas="laporan.pdf",
        ekstensi="pdf",
        content_type="application/pdf",
        ukuran=len(PDF),
        **target,
    )


def _stored(key: str):
    def args(w: World) -> list[int]:
        bukti = BuktiDukung.objects.get(pk=w.ids[key])
        storage = bukti_storage()
        if not storage.exists(bukti.berkas.name):
            storage.save(bukti.berkas.name, ContentFile(PDF))
        return [bukti.pk]

    return args


def _id(key: str):
    return lambda w: [w.ids[key]]


def _reads(*who: str) -> dict[str, int]:
    return own_object_for(expect(403, **dict.fromkeys(who, 200)))


READERS = ("alice", "bob", "charlie", "eko", "fajar")

CASES: list[Case] = [
    Case("execution:bukti-upload", members(404)),
    Case("execution:bukti-download", _reads(*READERS), _stored("bukti_charlie"), "own"),
    Case("execution:bukti-download", outsider_object(gita=200), _stored("bukti_gita"), "outsider"),
    Case("execution:bukti-delete", expect(405, anonymous=405), _id("bukti_charlie")),
    Case("execution:bukti-rhk", _reads(*READERS), _id("rhk_charlie"), "own"),
    Case("execution:bukti-rhk", outsider_object(gita=200), _id("rhk_gita"), "outsider"),
    Case("execution:pengaturan", ADMIN_ONLY),
]
