"""Test data for planning, built on the shared cast (ekinerja/conftest.py).

The cast's cascade: alice (Kepala Dinas, top: no penilai in instansi A) → bob (Kepala
Bidang, penilai alice) → charlie and dina (staff, penilai bob). `approved_cascade`
gives each an approved SKP whose RHK intervene one level up, through the services
wherever a real user could act; only alice's approval, which has no penilai in the
cast, is set directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from ekinerja.conftest import Cast
from ekinerja.plans.models import RHK, SKP, PeriodeKinerja
from ekinerja.plans.services import creation, editing, workflow

TAHUN = 2026


def make_periode(cast: Cast, tahun: int = TAHUN, *, instansi=None) -> PeriodeKinerja:
    inst = instansi or cast.a
    periode, _ = PeriodeKinerja.objects.get_or_create(instansi=inst, tahun=tahun)
    return periode


def make_skp(
    cast: Cast,
    who: str,
    periode: PeriodeKinerja,
    *,
    rhk: list[tuple[str, str, RHK | None]] = (),
    iki: bool = True,
) -> SKP:
    """A draft SKP for `who` with the given RHK [(jenis, teks, intervened RHK)], each
    with one numeric IKI unless `iki` is False."""
    actor = cast.actor(who)
    skp = creation.skp_create(actor=actor, pegawai_id=getattr(cast, who).pk, periode_id=periode.pk)
    for jenis, teks, parent in rhk:
        r = editing.rhk_add(
            actor=actor,
            skp_id=skp.pk,
            jenis=jenis,
            teks=teks,
            intervensi_id=parent.pk if parent else None,
        )
        if iki:
            editing.iki_add(
                actor=actor,
                rhk_id=r.pk,
                aspek="kuantitas",
                indikator=f"Jumlah keluaran: {teks}",
                target_jenis="angka",
                target_nilai="12",
                satuan="dokumen",
            )
    skp.refresh_from_db()
    return skp


def approve(cast: Cast, skp: SKP) -> SKP:
    """Submit as the owner and approve as the penilai (services), or set approved
    directly at the top of the cascade, where the cast has no penilai."""
    owner = next(
        w for w in ("alice", "bob", "charlie", "dina") if getattr(cast, w).pk == skp.pegawai_id
    )
    if skp.penilai_id is None:
        SKP.objects.filter(pk=skp.pk).update(status="disetujui", approved_at=timezone.now())
    else:
        workflow.skp_submit(actor=cast.actor(owner), skp_id=skp.pk)
        penilai = next(
            w for w in ("alice", "bob", "charlie", "dina") if getattr(cast, w).pk == skp.penilai_id
        )
        workflow.skp_approve(actor=cast.actor(penilai), skp_id=skp.pk)
    skp.refresh_from_db()
    return skp


@dataclass
class Cascade:
    periode: PeriodeKinerja
    alice: SKP
    bob: SKP
    charlie: SKP
    dina: SKP

    def rhk(self, who: str, index: int = 0) -> RHK:
        return list(getattr(self, who).rhk.order_by("urutan", "pk"))[index]


def approved_cascade(cast: Cast, *, leave_draft: tuple[str, ...] = ()) -> Cascade:
    """Approved SKP for alice → bob → charlie, dina. alice has two RHK; bob supports
    only the first (so alice's second is a gap); charlie and dina support bob's first.
    Staff (charlie, dina) in `leave_draft` keep a draft (submitted nowhere); a
    supervisor cannot, since the staff below intervene in their approved RHK."""
    assert set(leave_draft) <= {"charlie", "dina"}, leave_draft
    periode = make_periode(cast)
    alice = make_skp(
        cast,
        "alice",
        periode,
        rhk=[
            ("utama", "Meningkatnya kualitas layanan Dinas Alfa", None),
            ("utama", "Terwujudnya tata kelola keuangan yang akuntabel", None),
        ],
    )
    alice = approve(cast, alice)
    a1 = alice.rhk.order_by("urutan").first()
    bob = make_skp(cast, "bob", periode, rhk=[("utama", "Layanan Bidang Satu tepat waktu", a1)])
    bob = approve(cast, bob)
    b1 = bob.rhk.order_by("urutan").first()
    charlie = make_skp(cast, "charlie", periode, rhk=[("utama", "Surat masuk teragenda", b1)])
    dina = make_skp(cast, "dina", periode, rhk=[("utama", "Kajian kebijakan layanan", b1)])
    if "charlie" not in leave_draft:
        charlie = approve(cast, charlie)
    if "dina" not in leave_draft:
        dina = approve(cast, dina)
    return Cascade(periode=periode, alice=alice, bob=bob, charlie=charlie, dina=dina)
