"""Demo evidence (bukti dukung): tiny valid PDF and PNG files (files.py) saved through
the "bukti" storage under random names with their size and SHA-256, and links, on a
few recent activities of the demo team and of a sample of staff."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import uuid
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from ekinerja.org.models import Instansi

from .. import domain
from ..models import BuktiDukung
from ..storage import bukti_storage
from .aktivitas import SeedExecutionResult
from .builder import ExecPerson
from .files import tiny_pdf, tiny_png
from .vocabulary import EVIDENCE, LINKS


def seed_bukti(
    instansi: Instansi,
    result: SeedExecutionResult,
    people: Mapping[int, ExecPerson],
    owners: list[int],
    rng: random.Random,
    today: dt.date,
    tz: ZoneInfo,
    files: list[str],
) -> int:
    """Evidence on a few recent activities of the demo team and of a sample of staff:
    files saved through the bukti storage under random names, and links; plus one file
    on an RHK realisation of the demo team's first person."""
    storage = bukti_storage()
    iid = instansi.pk
    rows: list[BuktiDukung] = []
    for i, pid in enumerate(owners):
        kept = [(aid, r) for aid, r in result.rows_by_person.get(pid, []) if r.output]
        if not kept:
            continue
        n = 3 if i < 4 else 1
        for aid, row in rng.sample(kept[-60:], min(n, len(kept))):
            made = row.entered.replace(tzinfo=tz) + dt.timedelta(minutes=3)
            if rng.random() < 0.75:
                label, ext = rng.choice(EVIDENCE)
                title = f"{label} {domain.tanggal_text(row.tanggal)}"
                data = tiny_pdf(title) if ext == "pdf" else tiny_png(rng.getrandbits(32))
                name = storage.save(
                    f"bukti/{iid}/{uuid.UUID(int=rng.getrandbits(128), version=4).hex}.{ext}",
                    ContentFile(data),
                )
                files.append(name)
                rows.append(
                    BuktiDukung(
                        instansi_id=iid, pegawai_id=pid, aktivitas_id=aid,
                        jenis=BuktiDukung.Jenis.BERKAS, berkas=name,
                        nama_berkas=f"{title}.{ext}"[:150], ekstensi=ext,
                        content_type="application/pdf" if ext == "pdf" else "image/png",
                        ukuran=len(data), sha256=hashlib.sha256(data).hexdigest(),
                        keterangan=row.uraian[:255], created_at=made,
                    )
                )  # fmt: skip
            else:
                base, label = rng.choice(LINKS)
                rows.append(
                    BuktiDukung(
                        instansi_id=iid, pegawai_id=pid, aktivitas_id=aid,
                        jenis=BuktiDukung.Jenis.TAUTAN,
                        tautan=f"{base}{rng.getrandbits(40):010x}", keterangan=label,
                        created_at=made,
                    )
                )  # fmt: skip
    if owners and owners[0] in people:
        pid = owners[0]
        r = people[pid].skp[-1].rhk[0]
        data = tiny_pdf(f"Realisasi {r.obj}"[:80])
        name = storage.save(
            f"bukti/{iid}/{uuid.UUID(int=rng.getrandbits(128), version=4).hex}.pdf",
            ContentFile(data),
        )
        files.append(name)
        rows.append(
            BuktiDukung(
                instansi_id=iid, pegawai_id=pid, rhk_id=r.id, jenis=BuktiDukung.Jenis.BERKAS,
                berkas=name, nama_berkas="Rekap realisasi triwulan III.pdf", ekstensi="pdf",
                content_type="application/pdf", ukuran=len(data),
                sha256=hashlib.sha256(data).hexdigest(), keterangan="Rekap realisasi RHK",
                created_at=dt.datetime.combine(dt.date(today.year, 10, 5), dt.time(10), tz)
                if today.month > 10 else timezone.now(),
            )
        )  # fmt: skip
    # created_at is auto_now_add: bulk_create would overwrite it, so set it afterwards.
    created = {id(b): b.created_at for b in rows}
    BuktiDukung.objects.bulk_create(rows, batch_size=500)
    for b in rows:
        BuktiDukung.objects.filter(instansi_id=b.instansi_id, pk=b.pk).update(
            created_at=created[id(b)]
        )
    return len(rows)
