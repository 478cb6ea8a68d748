"""The SIASN reference data of the demo (`seed_siasn_reference`, rules §13): SIASN's
golonganPns ids of the PNS golongan, a made-up koefisienId for each jenjang × predikat
("9" + jenjang digit + predikat digit, e.g. "912": not SIASN's two-digit ids) and a
made-up SIASN id for every ASN ("DEADBEEF" + 24 hex digits of the NIP's hash:
well-formed like SIASN's 32-character ids, obviously fake), written through the real
services as the Admin Instansi (audited), so that the demo's SIASN export is complete."""

from __future__ import annotations

import hashlib

from ekinerja.org import domain as org_domain
from ekinerja.org.models import Instansi, Jabatan, Pegawai
from ekinerja.org.services.siasn import pegawai_set_siasn_ids

from ..domain import ratings
from .builder import admin_actor

# SIASN's golonganPns ids, as its reference table gives them.
SIASN_GOLONGAN_PNS = {
    "I/a": "11", "I/b": "12", "I/c": "13", "I/d": "14",
    "II/a": "21", "II/b": "22", "II/c": "23", "II/d": "24",
    "III/a": "31", "III/b": "32", "III/c": "33", "III/d": "34",
    "IV/a": "41", "IV/b": "42", "IV/c": "43", "IV/d": "44", "IV/e": "45",
}  # fmt: skip


def fake_siasn_id(instansi: Instansi, nip: str) -> str:
    """A made-up SIASN person id: 32 hex digits like SIASN's, starting DEADBEEF."""
    digest = hashlib.sha256(f"{instansi.kode}:{nip}".encode()).hexdigest().upper()
    return f"DEADBEEF{digest[:24]}"


def seed_siasn_reference(instansi: Instansi) -> tuple[int, int, int]:
    """The SIASN reference data of the demo (module docstring), through the services as
    the Admin Instansi. Returns (golongan, koefisien, people given an id)."""
    from ..services import siasn as siasn_services

    actor = admin_actor(instansi)
    if actor is None:
        return 0, 0, 0
    siasn_services.siasn_golongan_update(actor=actor, values=SIASN_GOLONGAN_PNS)
    koefisien = {
        (jenjang, predikat): f"9{j}{p}"
        for j, jenjang in enumerate(Jabatan.Jenjang.values, start=1)
        for p, predikat in enumerate(ratings.PREDIKAT, start=1)
    }
    siasn_services.siasn_koefisien_update(actor=actor, values=koefisien)
    nips = (
        Pegawai.objects.filter(instansi=instansi, siasn_id="", nip__isnull=False)
        .exclude(status=org_domain.NON_ASN)
        .values_list("nip", flat=True)
    )
    result = pegawai_set_siasn_ids(
        actor=actor,
        mapping={nip: fake_siasn_id(instansi, nip) for nip in nips if nip is not None},
    )
    return len(SIASN_GOLONGAN_PNS), len(koefisien), result.written
