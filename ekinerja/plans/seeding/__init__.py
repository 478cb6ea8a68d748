"""Demo SKP: a whole year of performance plans for an agency's cascade, in bulk.

`seed_plans(instansi, tahun=…, seed=…)` gives every active ASN with a position an SKP
for the year, top-down along the supervisors (`Pegawai.atasan`, the penilai):

* The top of the cascade (whose penilai is a non-ASN official such as the Bupati, or
  who has none: Sekda, Kepala Dinas, Inspektur, Camat) types RHK from the Perjanjian
  Kinerja of their OPD, without intervensi (rules §8, `domain.is_top_of_cascade`).
* Everyone else writes 3–5 RHK utama (sometimes one tambahan) from templates for their
  kind of position (vocabulary.py), each intervening in one RHK of the penilai's
  approved SKP: the least supported one first (so that the staff together cover
  their supervisor's results), among those the one sharing most words. About one
  supervisor in twenty keeps one RHK that nobody supports, on purpose, for the cascade
  view's gaps. A supervisor's RHK tambahan (a team task) is shared by one of their
  staff. A Plt adds RHK tambahan for the position they act in, and the staff of that
  position intervene in those.
* Each RHK has 2–3 IKI (aspek, indicator, a number or a range with its unit; text
  targets in the few SKP with the kualitatif approach), every one accepted by
  `domain.clean_target`. The penilai's "ekspektasi khusus pimpinan" for the seven
  BerAKHLAK values and the lampiran are filled in; the header snapshot is the one
  `services.creation.skp_create` writes.
* Statuses: supervisors are approved (their staff could not intervene otherwise); the
  staff's are dealt from a shuffled quota, 90.5% approved, 4% diajukan, 3.5% draf and
  2% dikembalikan with a reason (at least one of each from 20 staff), so completeness
  is about 92%, below 100%, at every size. An SKP whose penilai has no approved SKP
  stays an empty draft, as in the application, where staff wait for their
  supervisor's plan. `forced` sets chosen people's status (the demo logins).

Like org.seeding, the plan is built in pure Python (`build_plans`, all randomness from
one `random.Random(seed)`, so a seed and the same org chart give the same plans) and
then written by `write_plans` in one transaction with bulk inserts of prepared tuples
and primary keys reserved up front, so that every RHK's intervensi is known before any
row is sent (no insert level by level, no read-back).

Seeding is not a user action: it writes no audit events (the org seed records one
`instansi.seed_demo` event for the whole demo). The services stay the authoritative
path for every change a user makes.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ekinerja.org.models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from ekinerja.org.seeding import logins as org_logins

# The org demo's bulk writer: primary keys reserved up front, then executemany (SQLite)
# or COPY (PostgreSQL) of prepared tuples; 7.7x faster than bulk_create (bench/README.md).
from ekinerja.org.seeding.writing import Inserter, reserve_ids

from .. import domain
from ..models import IKI, RHK, SKP, Lampiran, PerilakuEkspektasi, PeriodeKinerja
from ..services.creation import identitas
from .builder import (
    NON_ASN,
    OrgChart,
    OrgJabatan,
    OrgPerson,
    OrgUnit,
    PlansPlan,
    build_plans,
)

__all__ = [
    "OrgChart",
    "PlansPlan",
    "SeedPlansResult",
    "build_plans",
    "demo_statuses",
    "load_org",
    "seed_demo_data",
    "seed_plans",
    "write_plans",
]


def load_org(instansi: Instansi) -> OrgChart:
    """The org chart of an instansi as plain rows (four queries). Each person's header
    block is made by the same function as `services.creation.skp_create`'s snapshot."""
    iid = instansi.pk
    units = {
        r[0]: OrgUnit(*r)
        for r in UnitKerja.objects.filter(instansi_id=iid).values_list(
            "id", "nama", "kode", "parent_id", "is_opd"
        )
    }
    jabatan = {
        r[0]: OrgJabatan(*r)
        for r in Jabatan.objects.filter(instansi_id=iid).values_list(
            "id", "kode", "nama", "jenis", "parent_id", "unit_id", "is_head"
        )
    }
    fields = [
        "id", "nip", "nama", "gelar_depan", "gelar_belakang", "golongan", "status", "aktif",
        "atasan_id", "user_id", "jabatan", "jabatan__nama", "jabatan__unit",
        "jabatan__unit__nama", "unit", "unit__nama",
    ]  # fmt: skip
    rows = (
        Pegawai.objects.filter(instansi_id=iid)
        .select_related("jabatan__unit", "unit")
        .only(*fields)
        .order_by("pk")
    )
    people = {
        p.pk: OrgPerson(p.pk, p.status, p.aktif, p.jabatan_id, p.atasan_id, p.user_id, identitas(p))
        for p in rows.iterator(chunk_size=5000)
    }
    plt: dict[int, list[int]] = {}
    acting = (
        RiwayatJabatan.objects.filter(instansi_id=iid, tmt_selesai__isnull=True)
        .exclude(jenis=RiwayatJabatan.Jenis.DEFINITIF)
        .order_by("pegawai_id", "jabatan_id")
        .values_list("pegawai_id", "jabatan_id")
    )
    for pid, jid in acting:
        plt.setdefault(pid, []).append(jid)
    return OrgChart(units, jabatan, people, {k: tuple(x) for k, x in plt.items()})


# --- writing ----------------------------------------------------------------------


@transaction.atomic
def write_plans(instansi: Instansi, plan: PlansPlan) -> PeriodeKinerja:
    """Insert a plan in one transaction: the period (reused when it exists without SKP),
    then SKP, RHK, IKI, expectations and lampiran as bulk inserts with reserved keys."""
    iid = instansi.pk
    tahun = plan.tahun
    periode = PeriodeKinerja.objects.filter(instansi_id=iid, tahun=tahun).first()
    if periode is None:
        # Planning opens in December before the year and stays open: staff who were
        # returned or wait for their supervisor must still be able to finish.
        periode = PeriodeKinerja.objects.create(
            instansi_id=iid,
            tahun=tahun,
            periodik=domain.PERIODIK_DEFAULT,
            perencanaan_mulai=dt.date(tahun - 1, 12, 1),
        )
    elif SKP.objects.filter(instansi_id=iid, periode=periode).exists():
        raise ValueError(_("SKP tahun %(t)s sudah ada; tidak ada yang dibuat.") % {"t": tahun})
    adapt_date = connection.ops.adapt_datefield_value
    adapt_dt = connection.ops.adapt_datetimefield_value
    mulai, selesai = adapt_date(dt.date(tahun, 1, 1)), adapt_date(dt.date(tahun, 12, 31))

    skp_ids = reserve_ids(SKP, len(plan.skp))
    Inserter(
        SKP,
        ["id", "instansi_id", "pegawai_id", "jabatan_id", "periode_id", "tanggal_mulai",
         "tanggal_selesai", "pendekatan", "status", "versi", "penilai_id", "atasan_penilai_id",
         "snapshot", "alasan_dikembalikan", "submitted_at", "approved_at", "approved_by_id"],
    ).insert(
        [
            (skp_ids[i], iid, s.pegawai_id, s.jabatan_id, periode.pk, mulai, selesai,
             s.pendekatan, s.status, 1, s.penilai_id, s.atasan_penilai_id,
             json.dumps(s.snapshot), s.alasan, adapt_dt(s.submitted_at), adapt_dt(s.approved_at),
             s.approved_by_id)
            for i, s in enumerate(plan.skp)
        ]
    )  # fmt: skip
    rhk_ids = reserve_ids(RHK, len(plan.rhk))
    Inserter(
        RHK, ["id", "instansi_id", "skp_id", "jenis", "teks", "intervensi_id", "urutan"]
    ).insert(
        [
            (rhk_ids[r.key], iid, skp_ids[r.skp], r.jenis, r.teks,
             rhk_ids[r.intervensi] if r.intervensi is not None else None, r.urutan)
            for r in plan.rhk
        ]
    )  # fmt: skip
    Inserter(
        IKI,
        ["instansi_id", "rhk_id", "aspek", "indikator", "target_jenis", "target_nilai",
         "target_min", "target_maks", "target_teks", "satuan", "urutan"],
    ).insert(
        [
            (iid, rhk_ids[r.key], k.aspek, k.indikator, k.target_jenis, k.nilai, k.minimum,
             k.maksimum, k.teks, k.satuan, n)
            for r in plan.rhk
            for n, k in enumerate(r.iki, start=1)
        ]
    )  # fmt: skip
    Inserter(PerilakuEkspektasi, ["instansi_id", "skp_id", "nilai", "ekspektasi"]).insert(
        [
            (iid, skp_ids[i], n, text)
            for i, s in enumerate(plan.skp)
            for n, text in zip(domain.BERAKHLAK_NOMOR, s.ekspektasi, strict=True)
        ]
    )
    Inserter(
        Lampiran,
        ["instansi_id", "skp_id", "dukungan_sumber_daya", "skema_pertanggungjawaban",
         "konsekuensi"],
    ).insert([(iid, skp_ids[i], *s.lampiran) for i, s in enumerate(plan.skp)])  # fmt: skip
    return periode


@dataclass
class SeedPlansResult:
    periode: PeriodeKinerja
    plan: PlansPlan
    seconds: float


def seed_plans(
    instansi: Instansi,
    *,
    tahun: int,
    seed: int = 1,
    forced: Mapping[int, str] | None = None,
) -> SeedPlansResult:
    """Build and write a year of plans for every active ASN with a position of
    `instansi` (see the module docstring). `forced` maps pegawai ids to the status their
    SKP should have (a person whose penilai is not approved still gets a waiting draft).
    Raises ValueError when the year already has SKP. Writes no audit events: seeding is
    not a user action."""
    start = time.perf_counter()
    plan = build_plans(load_org(instansi), tahun=tahun, seed=seed, forced=forced)
    periode = write_plans(instansi, plan)
    return SeedPlansResult(periode=periode, plan=plan, seconds=time.perf_counter() - start)


# --- the demo ---------------------------------------------------------------------


def demo_statuses(instansi: Instansi) -> dict[int, str]:
    """What the demo logins find (org.seeding.logins.demo_accounts): the Kepala Bidang has their
    Kepala Subbidang's SKP waiting in the queue, except the one over the demo staff and
    admin; the staff login's SKP was returned with a reason (fix and resubmit); the
    admin's is approved."""
    kabid = org_logins.holder(instansi, org_logins.KODE_KABID)
    staff = org_logins.holder(instansi, org_logins.KODE_STAFF)
    admin = org_logins.holder(instansi, org_logins.KODE_ADMIN)
    forced: dict[int, str] = {}
    keep = {p.atasan_id for p in (staff, admin) if p is not None}
    if kabid is not None:
        for pid in (
            Pegawai.objects.filter(instansi=instansi, atasan=kabid, aktif=True)
            .exclude(status=NON_ASN)
            .exclude(jabatan=None)
            .order_by("nip", "pk")
            .values_list("pk", flat=True)
        ):
            if pid not in keep:
                forced[pid] = domain.DIAJUKAN
    if staff is not None:
        forced[staff.pk] = domain.DIKEMBALIKAN
    if admin is not None:
        forced[admin.pk] = domain.DISETUJUI
    return forced


def seed_demo_data(instansi: Instansi, *, seed: int) -> str:
    """seed_demo's extension point (org/management/commands/seed_demo.py): the plans of
    the current year for the demo regency. Returns a line for the command's output."""
    tahun = timezone.localdate().year
    result = seed_plans(instansi, tahun=tahun, seed=seed, forced=demo_statuses(instansi))
    counts = result.plan.status_counts()
    return _(
        "SKP %(tahun)s dibuat dalam %(detik).1f detik: %(skp)d SKP (%(setuju)d disetujui, "
        "%(ajukan)d diajukan, %(draf)d draf, %(kembali)d dikembalikan), %(rhk)d RHK, "
        "%(iki)d IKI."
    ) % {
        "tahun": tahun,
        "detik": result.seconds,
        "skp": len(result.plan.skp),
        "setuju": counts[domain.DISETUJUI],
        "ajukan": counts[domain.DIAJUKAN],
        "draf": counts[domain.DRAFT],
        "kembali": counts[domain.DIKEMBALIKAN],
        "rhk": len(result.plan.rhk),
        "iki": result.plan.n_iki,
    }
