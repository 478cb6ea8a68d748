"""Writing a plan: every row of the demo regency in one transaction, fast.

Django's bulk_create spends most of its time compiling SQL value by value (measured:
7.7x a plain `executemany` of the same rows at 27,000 staff on SQLite, see
bench/README.md). So the big tables are written with the DB-API `executemany` of
prepared tuples, with primary keys reserved up front so that every foreign key
(unit parent, position parent, supervisor, user) is known before any row is sent.
Foreign keys are checked at commit (Django creates them DEFERRABLE INITIALLY DEFERRED).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from ekinerja.core import audit
from ekinerja.core.models import RoleAssignment, User

from .. import domain
from ..models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from ..services.supervisors import supervisors_recompute
from .logins import DEMO_PASSWORD, PLATFORM_USERNAME
from .plan import Plan
from .vocabulary import DEMO_KODE, DEMO_NAMA

BATCH = 5000


def reserve_ids(model: type[Model], n: int) -> list[int]:
    """n primary keys for `model` that no one else will use.

    PostgreSQL: taken from the table's sequence (safe with concurrent writers).
    SQLite: after the highest id ever used; the transaction holds the write lock
    (Django's SQLite settings here use BEGIN IMMEDIATE), and SQLite moves its
    AUTOINCREMENT counter past explicit ids itself."""
    table = model._meta.db_table
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, n],
            )
            return [r[0] for r in c.fetchall()]
        c.execute(f"SELECT max(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        top = c.fetchone()[0] or 0
        c.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = c.fetchone()
        start = max(top, row[0] if row else 0) + 1
        return list(range(start, start + n))


class Inserter:
    """INSERT of prepared tuples for `given` fields; every other column gets its model
    default (auto_now fields: now), computed once."""

    def __init__(self, model: type[Model], given: list[str]) -> None:
        now = timezone.now()
        fields = model._meta.concrete_fields
        by_attname = {f.attname: f for f in fields}
        self.extra: tuple[Any, ...] = ()
        columns = [by_attname[a].column for a in given]
        for f in fields:
            if f.attname in given or f.primary_key:
                continue  # the database numbers rows whose id is not given
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value: Any = now
            else:
                value = f.get_default()
            self.extra += (f.get_db_prep_save(value, connection),)
            columns.append(f.column)
        qn = connection.ops.quote_name
        table, cols = qn(model._meta.db_table), ", ".join(qn(c) for c in columns)
        self.sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        self.copy_sql = f"COPY {table} ({cols}) FROM STDIN"

    def insert(self, rows: list[tuple[Any, ...]]) -> None:
        extra = self.extra
        with connection.cursor() as c:
            if connection.vendor == "postgresql":
                # COPY: about ten times the rows per second of executemany here.
                with c.cursor.copy(self.copy_sql) as copy:
                    for r in rows:
                        copy.write_row(r + extra)
                return
            for i in range(0, len(rows), BATCH):
                c.executemany(self.sql, [r + extra for r in rows[i : i + BATCH]])


@dataclass
class SeedResult:
    instansi: Instansi
    plan: Plan
    recomputed: int  # supervisor rows changed by the final recompute (0 = plan was right)


def ensure_platform_admin(password_hash: str) -> User:
    user = User.objects.filter(username=PLATFORM_USERNAME).first()
    if user is None:
        user = User.objects.create(
            username=PLATFORM_USERNAME, password=password_hash, is_platform_admin=True,
            first_name="Admin Platform",
        )  # fmt: skip
    return user


@transaction.atomic
def write_plan(plan: Plan, *, password: str = DEMO_PASSWORD) -> SeedResult:
    """Insert a plan in one transaction with bulk inserts; then recompute supervisors
    with the service (it should find nothing to change: the plan used the same rule)."""
    pw_hash = make_password(password)  # hashed once, shared by every demo login
    ensure_platform_admin(pw_hash)
    inst = Instansi.objects.create(
        kode=DEMO_KODE, nama=DEMO_NAMA, singkatan="Pemkab Contoh",
        jenis=Instansi.Jenis.KABUPATEN, zona_waktu=Instansi.ZonaWaktu.WIB, kota="Contoh",
    )  # fmt: skip
    iid = inst.pk
    adapt_date = connection.ops.adapt_datefield_value

    unit_ids = reserve_ids(UnitKerja, len(plan.units))
    paths: list[str] = []
    rows: list[tuple[Any, ...]] = []
    for u in plan.units:
        uid = unit_ids[u.key]
        path = domain.unit_path(paths[u.parent] if u.parent is not None else "", uid)
        paths.append(path)
        parent_id = unit_ids[u.parent] if u.parent is not None else None
        rows.append(
            (uid, iid, parent_id, u.kode, u.nama, u.singkatan, u.is_opd, u.urutan, path, u.depth)
        )
    Inserter(
        UnitKerja,
        ["id", "instansi_id", "parent_id", "kode", "nama", "singkatan", "is_opd", "urutan",
         "path", "depth"],
    ).insert(rows)  # fmt: skip

    jab_ids = reserve_ids(Jabatan, len(plan.jabatan))
    Inserter(
        Jabatan,
        ["id", "instansi_id", "unit_id", "parent_id", "kode", "nama", "jenis", "jenjang",
         "eselon", "kelas", "is_head"],
    ).insert(
        [
            (jab_ids[j.key], iid, unit_ids[j.unit],
             jab_ids[j.parent] if j.parent is not None else None, j.kode, j.nama, j.jenis,
             j.jenjang, j.eselon, j.kelas, j.is_head)
            for j in plan.jabatan
        ]
    )  # fmt: skip

    user_ids = reserve_ids(User, len(plan.pegawai))
    Inserter(
        User, ["id", "username", "password", "instansi_id", "email", "first_name"]
    ).insert(
        [
            (user_ids[p.key], p.username, pw_hash, iid, p.email,
             domain.nama_lengkap(p.gelar_depan, p.nama, p.gelar_belakang)[:150])
            for p in plan.pegawai
        ]
    )  # fmt: skip

    peg_ids = reserve_ids(Pegawai, len(plan.pegawai))
    override = {p: (a, why) for p, a, why in plan.overrides}
    rows = []
    for p in plan.pegawai:
        a = plan.atasan[p.key]
        ov = override.get(p.key)
        rows.append(
            (peg_ids[p.key], iid, p.nip, p.nama, p.gelar_depan, p.gelar_belakang,
             p.jenis_kelamin, p.tempat_lahir, adapt_date(p.tanggal_lahir), p.status, p.golongan,
             p.email, p.telepon, user_ids[p.key], jab_ids[p.jabatan],
             unit_ids[plan.jabatan[p.jabatan].unit], peg_ids[a] if a is not None else None,
             peg_ids[ov[0]] if ov else None, ov[1] if ov else "")
        )  # fmt: skip
    Inserter(
        Pegawai,
        ["id", "instansi_id", "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin",
         "tempat_lahir", "tanggal_lahir", "status", "golongan", "email", "telepon", "user_id",
         "jabatan_id", "unit_id", "atasan_id", "atasan_override_id", "atasan_override_alasan"],
    ).insert(rows)  # fmt: skip

    Inserter(
        RiwayatJabatan,
        ["instansi_id", "pegawai_id", "jabatan_id", "jenis", "tmt_mulai", "tmt_selesai",
         "nomor_sk"],
    ).insert(
        [
            (iid, peg_ids[r.pegawai], jab_ids[r.jabatan], r.jenis, adapt_date(r.tmt_mulai),
             adapt_date(r.tmt_selesai), r.nomor_sk)
            for r in plan.riwayat
        ]
    )  # fmt: skip
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                instansi_id=iid, user_id=user_ids[p], role=role,
                unit_id=unit_ids[u] if u is not None else None,
            )
            for p, role, u in plan.roles
        ]
    )  # fmt: skip
    recomputed = supervisors_recompute(instansi_id=iid)
    audit.record(
        actor=None,
        action="instansi.seed_demo",
        obj=inst,
        changes={"pegawai": plan.n_pegawai, "seed": plan.seed},
    )
    return SeedResult(instansi=inst, plan=plan, recomputed=recomputed)
