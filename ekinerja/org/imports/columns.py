"""The columns of each kind of import file (units, positions, staff): name, cell
parser, whether required, length, the other spellings a header may use, help text and
an example. The same columns are written by the exports (org/exports.py), documented
for users on the import page and in docs/import.md, and read by rules.map_header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

KINDS = ("unit", "jabatan", "pegawai")
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    name: str
    parser: str  # name of a cell parser below
    required: bool = False
    max_length: int | None = None
    aliases: tuple[str, ...] = ()
    help: Any = ""
    example: str = ""


COLUMNS: dict[str, tuple[Column, ...]] = {
    "unit": (
        Column("kode", "code", True, 32, ("kodeunit", "kodeunor"),
               gettext_lazy("Kode unit, unik di instansi."), "DISPUSIP"),
        Column("nama", "text", True, 255, ("namaunit", "namaunor"),
               gettext_lazy("Nama lengkap unit kerja."), "Dinas Perpustakaan dan Kearsipan"),
        Column("singkatan", "text", False, 50, (),
               gettext_lazy("Singkatan (boleh kosong)."), "Dispusip"),
        Column("kode_induk", "code", False, 32, ("induk", "kodeunitinduk", "kodeparent"),
               gettext_lazy("Kode unit induk: unit di berkas ini atau yang sudah ada. "
                            "Kosong = unit teratas."), "PEMKAB"),
        Column("opd", "bool", False, None, ("isopd", "satker"),
               gettext_lazy("ya/tidak: unit ini OPD/satker yang predikat kinerjanya "
                            "ditetapkan."), "ya"),
    ),
    "jabatan": (
        Column("kode", "code", True, 32, ("kodejabatan",),
               gettext_lazy("Kode jabatan, unik di instansi."), "DISPUSIP-B1-KEPALA"),
        Column("nama", "text", True, 255, ("namajabatan",),
               gettext_lazy("Nama jabatan."), "Kepala Bidang Layanan Perpustakaan"),
        Column("kode_unit", "code", True, 32, ("unit", "kodeunor", "unitkerja"),
               gettext_lazy("Kode unit kerja tempat jabatan ini (harus sudah ada)."),
               "DISPUSIP-B1"),
        Column("kode_jabatan_atasan", "code", False, 32, ("kodeatasan", "jabatanatasan"),
               gettext_lazy("Kode jabatan atasan: jabatan di berkas ini atau yang sudah ada. "
                            "Kosong = jabatan teratas."), "DISPUSIP-KEPALA"),
        Column("jenis", "jenis", True, None, ("jenisjabatan",),
               gettext_lazy("JPT Utama, JPT Madya, JPT Pratama, Administrator, Pengawas, "
                            "Pelaksana, Fungsional, atau Pejabat Negara."), "Administrator"),
        Column("jenjang", "jenjang", False, None, ("jenjangjabatan",),
               gettext_lazy("Wajib untuk Fungsional: Ahli Pertama/Muda/Madya/Utama, Pemula, "
                            "Terampil, Mahir, Penyelia. Kosong untuk jenis lain."), ""),
        Column("eselon", "eselon", False, None, (),
               gettext_lazy("I.a sampai IV.b (boleh ditulis IIIb, III/b, III-b); kosong "
                            "bila non-eselon."), "III.b"),
        Column("kelas", "kelas", False, None, ("kelasjabatan",),
               gettext_lazy("Kelas jabatan 1–17."), "11"),
        Column("kepala_unit", "bool", False, None, ("kepala", "ishead"),
               gettext_lazy("ya/tidak: jabatan ini memimpin unitnya."), "ya"),
    ),
    "pegawai": (
        Column("nip", "nip", True, None, ("nipbaru", "nipnipppk", "nipnippk", "ni"),
               gettext_lazy("NIP PNS / NI PPPK 18 digit; spasi boleh. Di Excel format "
                            "kolom ini sebagai Teks."), "19860926 201505 1 001"),
        Column("nama", "text", True, 150, ("namapegawai", "namalengkap"),
               gettext_lazy("Nama tanpa gelar."), "Budi Hartono"),
        Column("gelar_depan", "text", False, 50, (), gettext_lazy("Gelar depan."), "Dr."),
        Column("gelar_belakang", "text", False, 80, (),
               gettext_lazy("Gelar belakang."), "S.E., M.M."),
        Column("jenis_kelamin", "gender", False, None, ("jk", "kelamin"),
               gettext_lazy("L atau P; kosong = diambil dari NIP."), ""),
        Column("tempat_lahir", "text", False, 100, ("tmplahir",),
               gettext_lazy("Tempat lahir."), "Medan"),
        Column("tanggal_lahir", "date", False, None, ("tgllahir", "tgllhr"),
               gettext_lazy("Tanggal lahir; kosong = diambil dari NIP."), ""),
        Column("status", "status", True, None, ("statuspegawai", "jenispegawai"),
               gettext_lazy("PNS, CPNS, atau PPPK."), "PNS"),
        Column("golongan", "golongan", True, None, ("gol", "golruang", "golonganruang"),
               gettext_lazy("PNS/CPNS: I/a sampai IV/e (III/a, IIIa, III-a sama). "
                            "PPPK: I sampai XVII."), "III/b"),
        Column("kode_jabatan", "code", False, 32, ("jabatan",),
               gettext_lazy("Kode jabatan definitif (harus sudah ada). Kosong = jabatan "
                            "tidak diubah."), "DISPUSIP-B1-PUSTAKAWAN"),
        Column("tmt_jabatan", "date", False, None, ("tmt", "tmtjab"),
               gettext_lazy("TMT jabatan; wajib bila kode_jabatan baru atau berubah."),
               "02-01-2024"),
        Column("email", "email", False, 254, ("surel",),
               gettext_lazy("Email dinas (boleh kosong)."), "budi@contoh.go.id"),
        Column("telepon", "text", False, 30, ("hp", "nohp", "telp", "notelp", "nomorhp"),
               gettext_lazy("Nomor telepon/HP."), "0812-3456-7890"),
    ),
}  # fmt: skip


def column_names(kind: str) -> list[str]:
    return [c.name for c in COLUMNS[kind]]
