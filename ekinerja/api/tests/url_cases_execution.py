"""The execution API's URLs (issue 4 item 7) in the URL × role walk
(ekinerja/tests/test_url_matrix.py), GET as each member of the cast over a session.

`build` makes, for charlie in instansi A and gita in instansi B, an activity with a file
as evidence, a rencana aksi on their RHK (world.ids from ekinerja/plans/tests/url_cases.py),
a feedback thread and a coaching note; ids under `apiexec_*`.

charlie's records are read by charlie, his supervisor bob, the head above him alice, the
Admin Instansi eko and the Auditor fajar; dina (a colleague) gets 403, gita 404.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from ekinerja.execution.models import BuktiDukung
from ekinerja.execution.tests.factories import (
    make_aktivitas,
    make_bimbingan,
    make_rencana_aksi,
    make_umpan_balik,
)
from ekinerja.plans.models import RHK
from ekinerja.tests.url_policy import Case, World, expect, members, outsider_object, own_object_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _api(expected: dict[str, int]) -> dict[str, int]:
    return {**expected, "anonymous": 401}


MEMBERS = _api(members(200))
WRITE_ONLY = _api(members(405))
READERS = _api(own_object_for(expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200)))
OUTSIDER = _api(outsider_object(gita=200))


def _ids(*keys: str):
    return lambda w: [w.ids[k] for k in keys]


def _file_of(key: str):
    """The evidence id, with its file put into the bukti storage of this test (each test
    gets its own temporary storage: ekinerja/conftest.py)."""

    def args(w: World) -> list[int]:
        row = BuktiDukung.objects.get(pk=w.ids[key])
        storage = row.berkas.storage  # the private "bukti" storage
        name = row.berkas.name
        assert name is not None  # a file-type evidence item of the world
        if not storage.exists(name):
            storage.save(name, ContentFile(PDF))
        return [row.pk]

    return args


def _read_cases(name: str, key: str, args=_ids) -> list[Case]:
    return [
        Case(name, READERS, args(f"apiexec_{key}_charlie"), "own"),
        Case(name, OUTSIDER, args(f"apiexec_{key}_gita"), "outsider"),
    ]


CASES: list[Case] = [
    Case("api:aktivitas-list", MEMBERS),  # the caller's own log
    Case("api:verifikasi-queue", MEMBERS),  # the caller's subordinates only
    Case("api:umpan-balik-list", MEMBERS),  # about or by the caller
    Case("api:bimbingan-list", MEMBERS),
    # A staff member without a team sees their own row; the unit is the caller's.
    Case("api:ringkasan", MEMBERS),
    *_read_cases("api:aktivitas-detail", "aktivitas"),
    *_read_cases("api:bukti-detail", "bukti"),
    *_read_cases("api:bukti-unduh", "bukti", args=_file_of),
    *_read_cases("api:rhk-rencana-aksi", "rhk"),
    *_read_cases("api:rencana-aksi-detail", "rencana"),
    *_read_cases("api:umpan-balik-detail", "umpan_balik"),
    *_read_cases("api:bimbingan-detail", "bimbingan"),
    Case("api:aktivitas-salin", WRITE_ONLY),
    Case("api:verifikasi-verify", WRITE_ONLY),
    Case("api:verifikasi-reject", WRITE_ONLY),
    *[
        Case(name, WRITE_ONLY, _ids(f"apiexec_{key}_charlie"), "own")
        for name, key in (
            ("api:aktivitas-bukti", "aktivitas"),
            ("api:rencana-aksi-komentar", "rencana"),
            ("api:umpan-balik-balas", "umpan_balik"),
        )
    ],
]


def build(world: World) -> None:
    cast, ids = world.cast, world.ids
    for who, by in (("charlie", "bob"), ("gita", "gita")):
        rhk = RHK.objects.get(pk=ids[f"rhk_{who}"])
        pegawai = getattr(cast, who)
        aktivitas = make_aktivitas(cast, who, rhk=rhk)
        bukti = BuktiDukung.objects.create(
            instansi_id=pegawai.instansi_id,
            pegawai=pegawai,
            aktivitas=aktivitas,
            jenis=BuktiDukung.Jenis.BERKAS,
            # Written into the storage by _file_of, when the test runs.
            berkas=f"bukti/{pegawai.instansi_id}/matrix-{who}.pdf",
            nama_berkas="notulen.pdf",
            ekstensi="pdf",
            content_type="application/pdf",
            ukuran=len(PDF),
        )
        ids[f"apiexec_aktivitas_{who}"] = aktivitas.pk
        ids[f"apiexec_bukti_{who}"] = bukti.pk
        ids[f"apiexec_rhk_{who}"] = rhk.pk
        ids[f"apiexec_rencana_{who}"] = make_rencana_aksi(cast, who, rhk).pk
        ids[f"apiexec_umpan_balik_{who}"] = make_umpan_balik(cast, to=who, by=by, rhk=rhk).pk
        ids[f"apiexec_bimbingan_{who}"] = make_bimbingan(cast, to=who, by=by).pk
