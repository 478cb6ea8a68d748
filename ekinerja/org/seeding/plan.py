"""The demo regency as plain data (no database): units, positions, people, position
history, roles and overrides, keyed by their index in the plan. Built by
demo.build_plan, written by writing.write_plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class UnitSpec:
    key: int
    parent: int | None
    kode: str
    nama: str
    singkatan: str
    is_opd: bool
    urutan: int
    depth: int


@dataclass
class JabatanSpec:
    key: int
    unit: int
    parent: int | None
    kode: str
    nama: str
    jenis: str
    jenjang: str
    eselon: str
    kelas: int | None
    is_head: bool
    family: str
    weight: float = 0.0  # expected holders of a staff position; heads hold one
    single: bool = False  # exactly one holder (heads, Sekretaris Kelurahan, Wakil)
    min_holders: int = 0
    vacant: bool = False
    depth: int = 0


@dataclass
class PegawaiSpec:
    key: int
    nip: str | None
    username: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_kelamin: str
    tempat_lahir: str
    tanggal_lahir: dt.date
    status: str
    golongan: str
    email: str
    telepon: str
    jabatan: int
    appointed: dt.date  # TMT CPNS / PPPK appointment / inauguration


@dataclass
class RiwayatSpec:
    pegawai: int
    jabatan: int
    jenis: str
    tmt_mulai: dt.date
    tmt_selesai: dt.date | None
    nomor_sk: str


@dataclass
class Plan:
    n_pegawai: int
    seed: int
    units: list[UnitSpec] = field(default_factory=list)
    jabatan: list[JabatanSpec] = field(default_factory=list)
    pegawai: list[PegawaiSpec] = field(default_factory=list)
    riwayat: list[RiwayatSpec] = field(default_factory=list)
    roles: list[tuple[int, str, int | None]] = field(default_factory=list)  # pegawai, role, unit
    overrides: list[tuple[int, int, str]] = field(default_factory=list)  # pegawai, atasan, why
    atasan: list[int | None] = field(default_factory=list)  # by pegawai key
