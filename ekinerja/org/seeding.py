"""Demo data: a believable regency, "Pemerintah Kabupaten Contoh", of any size.

Two steps, so that the data can be checked without a database:

* `build_plan(n_pegawai, seed)` is pure Python: the unit tree, positions, people (Faker
  `id_ID` names, NIPs consistent with birth date, gender and golongan, rules §6 §12),
  position history, acting heads (Plt), one explicit penilai and the demo roles. All
  randomness comes from one `random.Random(seed)`, so a seed always gives the same plan.
* `write_plan(plan)` inserts it in one transaction: primary keys reserved up front so
  every foreign key (unit parent, position parent, supervisor, login) is known, rows sent
  as prepared tuples (`executemany` on SQLite, `COPY` on PostgreSQL), then
  `services.supervisors.supervisors_recompute` runs once and finds nothing to change.

Every login shares one demo password, hashed once.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from math import sqrt
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from faker.providers.address.id_ID import Provider as AddressProvider
from faker.providers.person.id_ID import Provider as PersonProvider

from ekinerja.core import audit
from ekinerja.core.models import Role, RoleAssignment, User

from . import domain
from .models import Instansi, Jabatan, Pegawai, RiwayatJabatan, UnitKerja
from .services.supervisors import supervisors_recompute

DEMO_KODE = "KAB-CONTOH"
DEMO_NAMA = "Pemerintah Kabupaten Contoh"
DEMO_PASSWORD = "Demo-Kinerja-2026"
PLATFORM_USERNAME = "platform"
DEFAULT_PEGAWAI = 1500
MIN_PEGAWAI = 200
# The data describe the regency as of this date (not today), so a seed always gives the
# same people whatever the day the command runs.
REF_DATE = dt.date(2026, 1, 1)
EMAIL_DOMAIN = "contohkab.go.id"

# Jabatan codes the demo logins are found by (see demo_accounts).
KODE_BUPATI = "BUPATI"
KODE_SEKDA = "SETDA-KEPALA"
KODE_KADIS = "DISDIK-KEPALA"
KODE_KABID = "BKPSDM-B1-KEPALA"
KODE_STAFF = "BKPSDM-B1-S1-PENGADM"
KODE_ADMIN = "BKPSDM-B1-S1-PRAKOM"
KODE_AUDITOR = "INSP-IRBAN1-AUDITOR"
KODE_PENGELOLA = "DINKES-SEK-SB1-ASDM"
KODE_OVERRIDE = "DISDIK-SEK-SB1-PENGADM"

PEJABAT_NEGARA = Jabatan.Jenis.PEJABAT_NEGARA.value
JPT = Jabatan.Jenis.JPT_PRATAMA.value
ADM = Jabatan.Jenis.ADMINISTRATOR.value
PENGAWAS = Jabatan.Jenis.PENGAWAS.value
PELAKSANA = Jabatan.Jenis.PELAKSANA.value
JF = Jabatan.Jenis.FUNGSIONAL.value

# Kelas jabatan by jenjang (agency data; typical Perbup TPP tables).
JF_KELAS = {
    "pemula": 6, "terampil": 7, "mahir": 8, "penyelia": 9,
    "ahli_pertama": 8, "ahli_muda": 9, "ahli_madya": 11, "ahli_utama": 13,
}  # fmt: skip
JENJANG_LABEL = {k: str(v) for k, v in Jabatan.Jenjang.choices}
# Golongan ranges of PNS by position (rules §12; typical careers).
GOL_JF = {
    "pemula": ("II/a", "II/a"), "terampil": ("II/b", "II/d"), "mahir": ("III/a", "III/b"),
    "penyelia": ("III/c", "III/d"), "ahli_pertama": ("III/a", "III/b"),
    "ahli_muda": ("III/c", "III/d"), "ahli_madya": ("IV/a", "IV/c"),
    "ahli_utama": ("IV/d", "IV/e"),
}  # fmt: skip
GOL_PELAKSANA = {5: ("II/a", "II/c"), 6: ("II/b", "III/a"), 7: ("II/c", "III/c")}
PPPK_GOL = {
    "pemula": ("V",), "terampil": ("VII",), "mahir": ("VIII",), "ahli_pertama": ("IX",),
    "ahli_muda": ("X", "XI"), 5: ("V",), 6: ("V", "VII"), 7: ("VII",),
}  # fmt: skip
PNS_GOL = list(domain.PANGKAT_PNS)
ENTRY_JENJANG = {"pemula", "terampil", "ahli_pertama"}

# Degrees by field of work: (D3, S1 options, S2 options, gelar depan for S1).
GELAR: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]] = {
    "umum": ("A.Md.", ("S.Sos.", "S.E.", "S.H.", "S.AP.", "S.I.P.", "S.Kom."),
             ("M.Si.", "M.M.", "M.AP.", "M.H."), ""),
    "guru": ("A.Ma.Pd.", ("S.Pd.", "S.Pd.", "S.Pd.I.", "S.Si."), ("M.Pd.",), ""),
    "dokter": ("", ("",), ("M.Kes.",), "dr."),
    "drg": ("", ("",), ("M.Kes.",), "drg."),
    "perawat": ("A.Md.Kep.", ("S.Kep.",), ("M.Kep.",), "Ns."),
    "bidan": ("A.Md.Keb.", ("S.Tr.Keb.",), ("M.Keb.",), ""),
    "kesehatan": ("A.Md.Kes.", ("S.KM.",), ("M.Kes.",), ""),
    "apoteker": ("A.Md.Farm.", ("S.Farm.",), ("M.Farm.",), "apt."),
    "teknik": ("A.Md.T.", ("S.T.",), ("M.T.",), ""),
    "sosial": ("A.Md.", ("S.Sos.",), ("M.Si.",), ""),
    "pertanian": ("A.Md.P.", ("S.P.", "S.Pt."), ("M.P.",), ""),
    "hukum": ("A.Md.", ("S.H.",), ("M.H.",), ""),
    "keuangan": ("A.Md.Ak.", ("S.E.", "S.Ak."), ("M.Ak.", "M.M."), ""),
    "komputer": ("A.Md.Kom.", ("S.Kom.",), ("M.Kom.",), ""),
}  # fmt: skip

# Functional positions: name → (field of work for degrees, jenjang used).
JF_CATALOG: dict[str, tuple[str, tuple[str, ...]]] = {
    "Analis Kebijakan": ("umum", ("ahli_pertama", "ahli_muda")),
    "Perencana": ("umum", ("ahli_pertama", "ahli_muda")),
    "Analis SDM Aparatur": ("umum", ("ahli_pertama", "ahli_muda")),
    "Asesor SDM Aparatur": ("umum", ("ahli_pertama", "ahli_muda")),
    "Pranata Komputer": ("komputer", ("ahli_pertama", "terampil")),
    "Arsiparis": ("umum", ("terampil", "ahli_pertama")),
    "Analis Keuangan Pusat dan Daerah": ("keuangan", ("ahli_pertama", "ahli_muda")),
    "Pengelola Pengadaan Barang/Jasa": ("umum", ("ahli_pertama", "ahli_muda")),
    "Auditor": ("keuangan", ("ahli_pertama", "ahli_muda", "ahli_madya")),
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": (
        "hukum", ("ahli_pertama", "ahli_muda")),
    "Pengawas Sekolah": ("guru", ("ahli_muda", "ahli_madya")),
    "Pengembang Teknologi Pembelajaran": ("guru", ("ahli_pertama", "ahli_muda")),
    "Epidemiolog Kesehatan": ("kesehatan", ("ahli_pertama", "ahli_muda")),
    "Administrator Kesehatan": ("kesehatan", ("ahli_pertama", "ahli_muda")),
    "Teknik Jalan dan Jembatan": ("teknik", ("ahli_pertama", "ahli_muda")),
    "Teknik Pengairan": ("teknik", ("ahli_pertama", "ahli_muda")),
    "Penata Ruang": ("teknik", ("ahli_pertama", "ahli_muda")),
    "Pekerja Sosial": ("sosial", ("terampil", "ahli_pertama")),
    "Penyuluh Sosial": ("sosial", ("ahli_pertama", "ahli_muda")),
    "Penguji Kendaraan Bermotor": ("teknik", ("terampil", "mahir")),
    "Polisi Pamong Praja": ("hukum", ("terampil", "mahir", "penyelia")),
    "Pemadam Kebakaran": ("umum", ("pemula", "terampil", "mahir")),
    "Administrator Database Kependudukan": ("komputer", ("terampil", "ahli_pertama")),
    "Penyuluh Pertanian": ("pertanian", ("terampil", "mahir", "ahli_pertama", "ahli_muda")),
    "Pengendali Dampak Lingkungan": ("teknik", ("ahli_pertama", "ahli_muda")),
    "Pranata Hubungan Masyarakat": ("umum", ("terampil", "ahli_pertama")),
    "Statistisi": ("umum", ("terampil", "ahli_pertama")),
    "Guru": ("guru", ("ahli_pertama", "ahli_muda", "ahli_madya")),
    "Dokter": ("dokter", ("ahli_pertama", "ahli_muda", "ahli_madya")),
    "Dokter Gigi": ("drg", ("ahli_pertama", "ahli_muda")),
    "Perawat": ("perawat", ("terampil", "mahir", "penyelia", "ahli_pertama")),
    "Bidan": ("bidan", ("terampil", "mahir", "ahli_pertama")),
    "Apoteker": ("apoteker", ("ahli_pertama",)),
    "Nutrisionis": ("kesehatan", ("terampil",)),
    "Tenaga Sanitasi Lingkungan": ("kesehatan", ("terampil",)),
    "Pranata Laboratorium Kesehatan": ("kesehatan", ("terampil",)),
}  # fmt: skip


@dataclass(frozen=True)
class Opd:
    kode: str
    nama: str
    singkatan: str
    family: str  # degrees of its leaders
    jf: tuple[str, ...]  # functional positions in its sections
    bidang: tuple[tuple[str, tuple[str, ...]], ...]
    bidang_word: str = "Bidang"
    seksi_word: str = "Seksi"


OPDS: tuple[Opd, ...] = (
    Opd("DISDIK", "Dinas Pendidikan", "Disdik", "guru",
        ("Pengawas Sekolah", "Pengembang Teknologi Pembelajaran", "Analis Kebijakan"), (
        ("Pembinaan Sekolah Dasar", ("Kurikulum dan Penilaian SD", "Peserta Didik SD",
                                     "Sarana dan Prasarana SD")),
        ("Pembinaan Sekolah Menengah Pertama", ("Kurikulum dan Penilaian SMP",
                                                "Peserta Didik SMP", "Sarana dan Prasarana SMP")),
        ("Pembinaan PAUD dan Pendidikan Nonformal", ("Kelembagaan PAUD", "Pendidikan Masyarakat",
                                                     "Kurikulum PAUD")),
        ("Ketenagaan", ("Pendidik", "Tenaga Kependidikan", "Pengembangan Karier")))),
    Opd("DINKES", "Dinas Kesehatan", "Dinkes", "kesehatan",
        ("Epidemiolog Kesehatan", "Administrator Kesehatan", "Nutrisionis"), (
        ("Kesehatan Masyarakat", ("Kesehatan Keluarga dan Gizi", "Promosi Kesehatan",
                                  "Kesehatan Lingkungan")),
        ("Pencegahan dan Pengendalian Penyakit", ("Surveilans dan Imunisasi", "Penyakit Menular",
                                                  "Penyakit Tidak Menular")),
        ("Pelayanan dan Sumber Daya Kesehatan", ("Pelayanan Kesehatan Primer",
                                                 "Kefarmasian dan Alat Kesehatan",
                                                 "Sumber Daya Manusia Kesehatan")))),
    Opd("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "umum",
        ("Analis SDM Aparatur", "Asesor SDM Aparatur", "Pranata Komputer"), (
        ("Pengadaan, Pemberhentian dan Informasi", ("Pengadaan dan Pemberhentian",
                                                    "Data dan Informasi Kepegawaian",
                                                    "Penilaian Kinerja")),
        ("Mutasi dan Promosi", ("Mutasi", "Promosi", "Kepangkatan")),
        ("Pengembangan Kompetensi", ("Diklat Struktural", "Diklat Fungsional",
                                     "Sertifikasi Kompetensi"))),
        seksi_word="Subbidang"),
    Opd("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda", "umum", ("Perencana",), (
        ("Pemerintahan dan Pembangunan Manusia", ("Pemerintahan", "Pembangunan Manusia",
                                                  "Kesejahteraan Sosial")),
        ("Perekonomian dan Sumber Daya Alam", ("Perekonomian", "Sumber Daya Alam",
                                               "Pariwisata")),
        ("Infrastruktur dan Kewilayahan", ("Infrastruktur", "Kewilayahan",
                                           "Data dan Evaluasi"))),
        seksi_word="Subbidang"),
    Opd("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "teknik",
        ("Teknik Jalan dan Jembatan", "Teknik Pengairan", "Penata Ruang"), (
        ("Bina Marga", ("Pembangunan Jalan", "Pemeliharaan Jalan dan Jembatan",
                        "Perencanaan Teknis")),
        ("Sumber Daya Air", ("Irigasi", "Sungai dan Pantai", "Air Baku")),
        ("Penataan Ruang", ("Perencanaan Tata Ruang", "Pemanfaatan Ruang",
                            "Pengendalian Tata Ruang")),
        ("Cipta Karya", ("Bangunan Gedung", "Air Minum dan Sanitasi", "Permukiman")))),
    Opd("DINSOS", "Dinas Sosial", "Dinsos", "sosial", ("Pekerja Sosial", "Penyuluh Sosial"), (
        ("Rehabilitasi Sosial", ("Rehabilitasi Anak dan Lanjut Usia",
                                 "Rehabilitasi Penyandang Disabilitas", "Tuna Sosial")),
        ("Perlindungan dan Jaminan Sosial", ("Bencana Sosial", "Jaminan Sosial Keluarga",
                                             "Data Terpadu Kesejahteraan Sosial")),
        ("Pemberdayaan Sosial", ("Fakir Miskin", "Potensi Sumber Kesejahteraan Sosial",
                                 "Kepahlawanan dan Restorasi Sosial")))),
    Opd("DISHUB", "Dinas Perhubungan", "Dishub", "teknik", ("Penguji Kendaraan Bermotor",), (
        ("Lalu Lintas dan Angkutan", ("Manajemen Lalu Lintas", "Angkutan", "Keselamatan")),
        ("Prasarana Perhubungan", ("Terminal", "Perlengkapan Jalan", "Perparkiran")),
        ("Pengujian Kendaraan", ("Pengujian", "Sertifikasi", "Pengawasan")))),
    Opd("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP", "hukum",
        ("Polisi Pamong Praja", "Pemadam Kebakaran"), (
        ("Penegakan Peraturan Daerah", ("Penyelidikan dan Penyidikan", "Pembinaan dan Penyuluhan",
                                        "Pengawasan")),
        ("Ketertiban Umum dan Ketenteraman Masyarakat", ("Operasi dan Pengendalian",
                                                         "Kerja Sama", "Pengamanan")),
        ("Pemadam Kebakaran", ("Pencegahan Kebakaran", "Operasi Pemadaman",
                               "Sarana Prasarana Pemadam")),
        ("Perlindungan Masyarakat", ("Satuan Linmas", "Bina Potensi", "Kesiapsiagaan")))),
    Opd("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "umum",
        ("Administrator Database Kependudukan", "Statistisi"), (
        ("Pelayanan Pendaftaran Penduduk", ("Identitas Penduduk", "Pindah Datang",
                                            "Pendataan Penduduk")),
        ("Pelayanan Pencatatan Sipil", ("Kelahiran dan Kematian", "Perkawinan dan Perceraian",
                                        "Perubahan Status Anak")),
        ("Pengelolaan Informasi Administrasi Kependudukan", ("Sistem Informasi",
                                                             "Pengolahan dan Penyajian Data",
                                                             "Tata Kelola Dokumen")))),
    Opd("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "keuangan",
        ("Analis Keuangan Pusat dan Daerah",), (
        ("Anggaran", ("Anggaran Pendapatan", "Anggaran Belanja", "Pembiayaan")),
        ("Perbendaharaan", ("Belanja Langsung", "Belanja Tidak Langsung", "Kas Daerah")),
        ("Akuntansi", ("Akuntansi Pemerintahan", "Pelaporan Keuangan", "Verifikasi")),
        ("Aset", ("Inventarisasi Aset", "Pemanfaatan Aset", "Penghapusan Aset"))),
        seksi_word="Subbidang"),
    Opd("DISTAN", "Dinas Pertanian", "Distan", "pertanian", ("Penyuluh Pertanian",), (
        ("Tanaman Pangan", ("Produksi Tanaman Pangan", "Perlindungan Tanaman",
                            "Pascapanen")),
        ("Hortikultura dan Perkebunan", ("Hortikultura", "Perkebunan", "Pemasaran Hasil")),
        ("Penyuluhan", ("Kelembagaan Penyuluhan", "Ketenagaan Penyuluh",
                        "Metode dan Informasi")))),
    Opd("DLH", "Dinas Lingkungan Hidup", "DLH", "teknik", ("Pengendali Dampak Lingkungan",), (
        ("Tata Lingkungan", ("Kajian Dampak Lingkungan", "Inventarisasi RPPLH",
                             "Pemeliharaan Lingkungan")),
        ("Pengelolaan Sampah", ("Pengurangan Sampah", "Penanganan Sampah", "Limbah B3")),
        ("Pengendalian Pencemaran", ("Pemantauan Kualitas Air", "Pemantauan Kualitas Udara",
                                     "Pengaduan Lingkungan")))),
    Opd("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "umum",
        ("Analis Kebijakan",), (
        ("Penanaman Modal", ("Promosi Penanaman Modal", "Pengendalian Penanaman Modal",
                             "Data Penanaman Modal")),
        ("Pelayanan Perizinan", ("Perizinan Usaha", "Perizinan Non-Usaha", "Verifikasi Teknis")),
        ("Pengaduan dan Informasi", ("Pengaduan", "Informasi Layanan", "Evaluasi Layanan")))),
    Opd("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", "komputer",
        ("Pranata Komputer", "Pranata Hubungan Masyarakat", "Statistisi"), (
        ("Informasi dan Komunikasi Publik", ("Pengelolaan Informasi", "Komunikasi Publik",
                                             "Kemitraan Media")),
        ("Aplikasi Informatika", ("Pengembangan Aplikasi", "Infrastruktur TIK",
                                  "Keamanan Informasi")),
        ("Statistik dan Persandian", ("Statistik Sektoral", "Persandian", "Data Terbuka")))),
)  # fmt: skip

SETDA_ASISTEN = (
    ("Pemerintahan dan Kesejahteraan Rakyat", (
        ("Pemerintahan", ("Administrasi Pemerintahan", "Otonomi Daerah", "Kerja Sama")),
        ("Kesejahteraan Rakyat", ("Bina Mental Spiritual", "Kesejahteraan Sosial",
                                  "Pendidikan dan Kesehatan")),
        ("Hukum", ("Perundang-undangan", "Bantuan Hukum", "Dokumentasi Hukum")))),
    ("Perekonomian dan Pembangunan", (
        ("Perekonomian dan Sumber Daya Alam", ("Perekonomian", "Sumber Daya Alam",
                                               "Badan Usaha Milik Daerah")),
        ("Pengadaan Barang dan Jasa", ("Pengelolaan Pengadaan", "Layanan Pengadaan Secara "
                                       "Elektronik", "Pembinaan Pengadaan")),
        ("Administrasi Pembangunan", ("Program Pembangunan", "Pengendalian Pembangunan",
                                      "Evaluasi Pembangunan")))),
    ("Administrasi Umum", (
        ("Umum", ("Tata Usaha Pimpinan", "Rumah Tangga", "Perlengkapan")),
        ("Organisasi", ("Kelembagaan dan Anjab", "Reformasi Birokrasi", "Tata Laksana")),
        ("Protokol dan Komunikasi Pimpinan", ("Protokol", "Komunikasi Pimpinan",
                                              "Dokumentasi Pimpinan")))),
)  # fmt: skip

SUBBAG_SEKRETARIAT = ("Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Pelaporan")
SEKSI_KECAMATAN = ("Pemerintahan", "Ketenteraman dan Ketertiban Umum", "Pemberdayaan Masyarakat")
PLACE_HEAD = (
    "Suka", "Mekar", "Sumber", "Karang", "Tanjung", "Sido", "Margo", "Wono", "Banyu", "Ci",
    "Pasir", "Rawa", "Bukit", "Teluk", "Kali", "Tegal", "Sri", "Mulya", "Jati", "Gunung",
    "Lubuk", "Air", "Padang", "Talang", "Tanah",
)  # fmt: skip
PLACE_TAIL = (
    "maju", "jaya", "sari", "rejo", "mulya", "asih", "harjo", "makmur", "wangi", "indah",
    "agung", "raya", "baru", "mukti", "luhur", "sentosa", "tirta", "kencana", "rahayu", "damai",
)  # fmt: skip
DIRECTIONS = ("", " Utara", " Selatan", " Timur", " Barat", " Tengah", " Hilir", " Hulu")


# --- the plan ---------------------------------------------------------------------------


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


def _place_names(rng: random.Random) -> Iterator[str]:
    """Endless, distinct village-like names: Sukamaju, Karangrejo Utara, …"""
    bases = [h + t for h in PLACE_HEAD for t in PLACE_TAIL]
    rng.shuffle(bases)
    for d in DIRECTIONS:
        for b in bases:
            yield b + d
    n = 2
    while True:
        for b in bases:
            yield f"{b} {n}"
        n += 1


def _slug(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower())


class _Builder:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.plan = Plan(n_pegawai=n, seed=seed)
        self.by_kode: dict[str, int] = {}
        self.serials: dict[tuple[str, str, str], int] = {}
        self.places = _place_names(self.rng)
        # Staff per section grows with the regency, but slower than schools and clinics.
        self.f = min(3.0, max(0.6, sqrt(n / 1500)))
        self.small = n < 600
        self.medium = n < 1500
        self.sk = 0
        self.children: dict[int | None, int] = {}
        self.plt_pairs: list[tuple[int, int]] = []

    # -- structure ------------------------------------------------------------------

    def unit(
        self, parent: int | None, kode: str, nama: str, singkatan: str = "", is_opd: bool = False
    ) -> int:
        units = self.plan.units
        depth = units[parent].depth + 1 if parent is not None else 0
        urutan = self.children[parent] = self.children.get(parent, 0) + 1
        key = len(units)
        units.append(UnitSpec(key, parent, kode, nama, singkatan, is_opd, urutan, depth))
        return key

    def jab(
        self,
        unit: int,
        parent: int | None,
        kode: str,
        nama: str,
        jenis: str,
        *,
        jenjang: str = "",
        eselon: str = "",
        kelas: int | None = None,
        head: bool = False,
        family: str = "umum",
        weight: float = 0.0,
        single: bool = False,
    ) -> int:
        key = len(self.plan.jabatan)
        depth = self.plan.jabatan[parent].depth + 1 if parent is not None else 0
        if jenis == JF and kelas is None:
            kelas = JF_KELAS[jenjang]
        spec = JabatanSpec(
            key, unit, parent, kode, nama, jenis, jenjang, eselon, kelas, head, family,
            weight=0.0 if head or single else weight, single=head or single, depth=depth,
        )  # fmt: skip
        self.plan.jabatan.append(spec)
        self.by_kode[kode] = key
        return key

    def head(
        self, unit: int, parent: int | None, nama: str, jenis: str, eselon: str, kelas: int,
        family: str = "umum",
    ) -> int:  # fmt: skip
        kode = self.plan.units[unit].kode + "-KEPALA"
        return self.jab(
            unit, parent, kode, nama, jenis, eselon=eselon, kelas=kelas, head=True, family=family
        )

    def jf(
        self, unit: int, parent: int, name: str, jenjang: str, weight: float, suffix: str,
        head: bool = False,
    ) -> int:  # fmt: skip
        family = JF_CATALOG[name][0]
        kode = f"{self.plan.units[unit].kode}-{suffix}"
        nama = f"{name} {JENJANG_LABEL[jenjang]}"
        return self.jab(
            unit, parent, kode, nama, JF, jenjang=jenjang, head=head, family=family,
            weight=weight,
        )  # fmt: skip

    def pelaksana(self, unit: int, parent: int, nama: str, kelas: int, weight: float, sfx: str):
        kode = f"{self.plan.units[unit].kode}-{sfx}"
        return self.jab(unit, parent, kode, nama, PELAKSANA, kelas=kelas, weight=weight)

    def section_staff(self, unit: int, boss: int, jf_names: tuple[str, ...], i: int) -> None:
        """The usual people of a section: clerks, an operator, two functional posts."""
        f = self.f
        self.pelaksana(unit, boss, "Pengadministrasi Perkantoran", 6, 1.0 * f, "PENGADM")
        self.pelaksana(unit, boss, "Penata Layanan Operasional", 7, 0.6 * f, "PLO")
        self.pelaksana(unit, boss, "Operator Layanan Operasional", 5, 0.4 * f, "OLO")
        name = jf_names[i % len(jf_names)]
        for j, jenjang in enumerate(JF_CATALOG[name][1][:2]):
            self.jf(unit, boss, name, jenjang, (0.7 if j == 0 else 0.4) * f, f"JF{j + 1}")

    def sekretariat(self, opd: int, kadis: int, kode: str, family: str) -> None:
        sek = self.unit(opd, f"{kode}-SEK", "Sekretariat")
        nama = self.plan.units[opd].nama
        title = (
            f"Sekretaris {nama}"
            if len(nama) < 40
            else f"Sekretaris {self.plan.units[opd].singkatan}"
        )
        jsek = self.head(sek, kadis, title, ADM, "III.a", 12, family)
        n_sb = 1 if self.small else 2 if self.medium else 3
        f = self.f
        for i, name in enumerate(SUBBAG_SEKRETARIAT[:n_sb]):
            sb = self.unit(sek, f"{kode}-SEK-SB{i + 1}", f"Subbagian {name}")
            j = self.head(sb, jsek, f"Kepala Subbagian {name}", PENGAWAS, "IV.a", 9, family)
            self.pelaksana(sb, j, "Pengadministrasi Perkantoran", 6, 1.0 * f, "PENGADM")
            self.pelaksana(sb, j, "Pengelola Layanan Operasional", 7, 0.5 * f, "PLO")
            if i == 0:
                self.jf(sb, j, "Analis SDM Aparatur", "ahli_pertama", 0.4 * f, "ASDM")
                self.jf(sb, j, "Arsiparis", "terampil", 0.3 * f, "ARSIP")
            elif i == 1:
                self.jf(sb, j, "Analis Keuangan Pusat dan Daerah", "ahli_pertama", 0.5 * f, "AKPD")
            else:
                self.jf(sb, j, "Perencana", "ahli_pertama", 0.5 * f, "PRC")

    def opd(self, root_head: int, root: int, o: Opd) -> tuple[int, int]:
        u = self.unit(root, o.kode, o.nama, o.singkatan, is_opd=True)
        title = "Kepala Satuan" if o.kode == "SATPOLPP" else f"Kepala {o.nama.split()[0]}"
        kadis = self.head(u, root_head, f"{title} {o.nama.split(' ', 1)[1]}", JPT, "II.b", 14,
                          o.family)  # fmt: skip
        self.sekretariat(u, kadis, o.kode, o.family)
        n_b = 1 if self.small else 2 if self.medium else len(o.bidang)
        n_s = 1 if self.small else 2 if self.medium else 3
        for i, (bname, seksi) in enumerate(o.bidang[:n_b]):
            b = self.unit(u, f"{o.kode}-B{i + 1}", f"{o.bidang_word} {bname}")
            jb = self.head(b, kadis, f"Kepala {o.bidang_word} {bname}", ADM, "III.b", 11, o.family)
            for k, sname in enumerate(seksi[:n_s]):
                s = self.unit(b, f"{o.kode}-B{i + 1}-S{k + 1}", f"{o.seksi_word} {sname}")
                js = self.head(s, jb, f"Kepala {o.seksi_word} {sname}", PENGAWAS, "IV.a", 9,
                               o.family)  # fmt: skip
                self.section_staff(s, js, o.jf, i + k)
                if o.kode == "BKPSDM" and i == k == 0:
                    # The demo Admin Instansi works here.
                    self.jf(s, js, "Pranata Komputer", "ahli_pertama", 0.5 * self.f, "PRAKOM")
        return u, kadis

    def build_structure(self) -> None:
        n = self.n
        root = self.unit(None, "PEMKAB", DEMO_NAMA, "Pemkab Contoh")
        bupati = self.jab(root, None, KODE_BUPATI, "Bupati Contoh", PEJABAT_NEGARA, head=True)
        self.jab(root, bupati, "WABUP", "Wakil Bupati Contoh", PEJABAT_NEGARA, single=True)
        # Sekretariat Daerah: Sekda → Asisten → Bagian → Subbagian (five unit levels).
        setda = self.unit(root, "SETDA", "Sekretariat Daerah", "Setda", is_opd=True)
        sekda = self.head(setda, bupati, "Sekretaris Daerah", JPT, "II.a", 15)
        n_bag = 1 if self.small else 2 if self.medium else 3
        asisten_jab: list[int] = []
        for i, (aname, bagian) in enumerate(SETDA_ASISTEN):
            a = self.unit(setda, f"SETDA-AS{i + 1}", f"Asisten {aname}")
            ja = self.head(a, sekda, f"Asisten {aname}", JPT, "II.b", 14)
            asisten_jab.append(ja)
            for k, (bname, subbag) in enumerate(bagian[:n_bag]):
                bg = self.unit(a, f"SETDA-AS{i + 1}-BG{k + 1}", f"Bagian {bname}")
                jb = self.head(bg, ja, f"Kepala Bagian {bname}", ADM, "III.a", 12)
                for m, sname in enumerate(subbag[: 1 if self.medium else 2]):
                    sb = self.unit(bg, f"SETDA-AS{i + 1}-BG{k + 1}-SB{m + 1}", f"Subbagian {sname}")
                    js = self.head(sb, jb, f"Kepala Subbagian {sname}", PENGAWAS, "IV.a", 9)
                    self.section_staff(sb, js, ("Analis Kebijakan", "Pranata Komputer"), k + m)
        opd_heads: dict[str, int] = {}
        opd_units: dict[str, int] = {}
        for o in OPDS:
            opd_units[o.kode], opd_heads[o.kode] = self.opd(bupati, root, o)
        self.inspektorat(root, bupati)
        self.schools(opd_units["DISDIK"], opd_heads["DISDIK"])
        self.puskesmas(opd_units["DINKES"], opd_heads["DINKES"])
        n_kec = max(3, round(n * 0.12 / 40))
        bpp_parent = self.by_kode.get("DISTAN-B3-KEPALA", opd_heads["DISTAN"])
        for i in range(n_kec):
            self.kecamatan(root, bupati, i, opd_units["DISTAN"], bpp_parent)
        # Acting heads (Plt): a vacant Kepala Dinas acted by an Asisten, a vacant Kepala
        # Bidang acted by the Sekretaris, and a few schools whose head retired.
        self.plt_pairs = [
            (opd_heads["DISHUB"], asisten_jab[1]),
            (self.by_kode["DINSOS-B1-KEPALA"], self.by_kode["DINSOS-SEK-KEPALA"]),
        ]
        schools = [j for j in self.plan.jabatan if j.kode.startswith("SDN-") and j.is_head]
        for j in schools[3 :: max(4, len(schools) // max(1, n // 3000))][: max(1, n // 5000)]:
            self.plt_pairs.append((j.key, self.by_kode[j.kode.replace("-KEPALA", "-GURU3")]))
        for vac, _src in self.plt_pairs:
            self.plan.jabatan[vac].vacant = True
        for kode in (KODE_STAFF, KODE_ADMIN, KODE_AUDITOR, KODE_PENGELOLA, KODE_OVERRIDE):
            self.plan.jabatan[self.by_kode[kode]].min_holders = 1

    def inspektorat(self, root: int, bupati: int) -> None:
        u = self.unit(root, "INSP", "Inspektorat Daerah", "Inspektorat", is_opd=True)
        insp = self.head(u, bupati, "Inspektur Daerah", JPT, "II.b", 14, "keuangan")
        self.sekretariat(u, insp, "INSP", "keuangan")
        f = self.f
        for i, roman in enumerate(("I", "II", "III", "IV")[: 1 if self.small else 4]):
            nama = f"Inspektur Pembantu Wilayah {roman}"
            w = self.unit(u, f"INSP-IRBAN{i + 1}", nama)
            jw = self.head(w, insp, nama, ADM, "III.a", 12, "keuangan")
            self.jf(w, jw, "Auditor", "ahli_muda", 1.2 * f, "AUDITOR")
            self.jf(w, jw, "Auditor", "ahli_pertama", 1.5 * f, "AUDITOR1")
            self.jf(w, jw, "Auditor", "ahli_madya", 0.5 * f, "AUDITOR3")
            self.jf(w, jw, "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
                    "ahli_pertama", 1.0 * f, "P2UPD")  # fmt: skip

    def schools(self, disdik: int, kadis: int) -> None:
        n = self.n
        for i in range(max(2, round(n * 0.30 / 10))):
            u = self.unit(disdik, f"SDN-{i + 1:04d}", f"UPT SD Negeri {i + 1} Contoh")
            h = self.jf(u, kadis, "Guru", "ahli_muda", 0, "KEPALA", head=True)
            self.plan.jabatan[h].nama = f"Kepala UPT SD Negeri {i + 1} Contoh"
            self.jf(u, h, "Guru", "ahli_pertama", 4.0, "GURU1")
            self.jf(u, h, "Guru", "ahli_muda", 3.0, "GURU2")
            self.jf(u, h, "Guru", "ahli_madya", 1.5, "GURU3")
            self.pelaksana(u, h, "Pengadministrasi Perkantoran", 6, 0.7, "TU")
        for i in range(max(1, round(n * 0.14 / 22))):
            u = self.unit(disdik, f"SMPN-{i + 1:04d}", f"UPT SMP Negeri {i + 1} Contoh")
            h = self.jf(u, kadis, "Guru", "ahli_madya", 0, "KEPALA", head=True)
            self.plan.jabatan[h].nama = f"Kepala UPT SMP Negeri {i + 1} Contoh"
            self.jf(u, h, "Guru", "ahli_pertama", 8.0, "GURU1")
            self.jf(u, h, "Guru", "ahli_muda", 6.5, "GURU2")
            self.jf(u, h, "Guru", "ahli_madya", 3.5, "GURU3")
            self.pelaksana(u, h, "Pengadministrasi Perkantoran", 6, 1.5, "TU")
            self.pelaksana(u, h, "Pengelola Layanan Operasional", 7, 0.6, "PLO")

    def puskesmas(self, dinkes: int, kadis: int) -> None:
        for i in range(max(2, round(self.n * 0.18 / 28))):
            nama = next(self.places)
            u = self.unit(dinkes, f"PKM-{i + 1:04d}", f"UPTD Puskesmas {nama}")
            h = self.head(u, kadis, f"Kepala UPTD Puskesmas {nama}", PENGAWAS, "IV.a", 9,
                          "kesehatan")  # fmt: skip
            for name, jenjang, w, sfx in (
                ("Dokter", "ahli_pertama", 1.5, "DR1"), ("Dokter", "ahli_muda", 1.0, "DR2"),
                ("Dokter Gigi", "ahli_pertama", 0.5, "DRG"),
                ("Perawat", "terampil", 3.0, "PRW1"), ("Perawat", "mahir", 2.0, "PRW2"),
                ("Perawat", "penyelia", 1.0, "PRW3"), ("Perawat", "ahli_pertama", 2.0, "NERS"),
                ("Bidan", "terampil", 4.0, "BDN1"), ("Bidan", "mahir", 2.0, "BDN2"),
                ("Bidan", "ahli_pertama", 1.0, "BDN3"), ("Apoteker", "ahli_pertama", 0.5, "APT"),
                ("Nutrisionis", "terampil", 0.7, "GIZI"),
                ("Tenaga Sanitasi Lingkungan", "terampil", 0.7, "SANITASI"),
                ("Pranata Laboratorium Kesehatan", "terampil", 0.7, "LAB"),
            ):  # fmt: skip
                self.jf(u, h, name, jenjang, w, sfx)
            tu = self.unit(u, f"PKM-{i + 1:04d}-TU", "Subbagian Tata Usaha")
            jt = self.head(tu, h, "Kepala Subbagian Tata Usaha", PENGAWAS, "IV.b", 8, "kesehatan")
            self.pelaksana(tu, jt, "Pengadministrasi Perkantoran", 6, 2.0, "PENGADM")
            self.pelaksana(tu, jt, "Pengolah Data dan Informasi", 6, 1.0, "DATA")
            self.pelaksana(tu, jt, "Operator Layanan Operasional", 5, 1.0, "OLO")

    def kecamatan(self, root: int, bupati: int, i: int, distan: int, bpp_parent: int) -> None:
        nama = next(self.places)
        kode = f"KEC-{i + 1:03d}"
        u = self.unit(root, kode, f"Kecamatan {nama}", is_opd=True)
        camat = self.head(u, bupati, f"Camat {nama}", ADM, "III.a", 12)
        sek = self.unit(u, f"{kode}-SEK", "Sekretariat Kecamatan")
        js = self.head(sek, camat, "Sekretaris Kecamatan", ADM, "III.b", 11)
        self.pelaksana(sek, js, "Pengadministrasi Perkantoran", 6, 2.0, "PENGADM")
        self.pelaksana(sek, js, "Pengelola Layanan Operasional", 7, 1.0, "PLO")
        for k, sname in enumerate(SEKSI_KECAMATAN[: 1 if self.small else 3]):
            s = self.unit(u, f"{kode}-S{k + 1}", f"Seksi {sname}")
            jk = self.head(s, camat, f"Kepala Seksi {sname}", PENGAWAS, "IV.a", 9)
            self.pelaksana(s, jk, "Penata Layanan Operasional", 7, 1.0, "PLO")
            self.pelaksana(s, jk, "Pengadministrasi Perkantoran", 6, 1.0, "PENGADM")
        for k in range(2 if self.small else 3):
            kn = next(self.places)
            kel = self.unit(u, f"{kode}-KEL{k + 1}", f"Kelurahan {kn}")
            lurah = self.head(kel, camat, f"Lurah {kn}", PENGAWAS, "IV.a", 9)
            seklur = self.jab(kel, lurah, f"{kode}-KEL{k + 1}-SEKLUR", "Sekretaris Kelurahan",
                              PENGAWAS, eselon="IV.b", kelas=8, single=True)  # fmt: skip
            self.pelaksana(kel, seklur, "Pengadministrasi Perkantoran", 6, 2.0, "PENGADM")
            self.pelaksana(kel, seklur, "Operator Layanan Operasional", 5, 1.0, "OLO")
            ks = self.unit(kel, f"{kode}-KEL{k + 1}-S1", "Seksi Pemerintahan dan Pelayanan Umum")
            jks = self.head(ks, lurah, "Kepala Seksi Pemerintahan dan Pelayanan Umum", PENGAWAS,
                            "IV.b", 8)  # fmt: skip
            self.pelaksana(ks, jks, "Penata Layanan Operasional", 7, 1.0, "PLO")
        bpp = self.unit(distan, f"BPP-{i + 1:03d}", f"UPT Balai Penyuluhan Pertanian {nama}")
        hb = self.jf(bpp, bpp_parent, "Penyuluh Pertanian", "ahli_muda", 0, "KEPALA", head=True)
        self.plan.jabatan[hb].nama = f"Kepala UPT Balai Penyuluhan Pertanian {nama}"
        self.jf(bpp, hb, "Penyuluh Pertanian", "terampil", 2.0, "PP1")
        self.jf(bpp, hb, "Penyuluh Pertanian", "mahir", 1.0, "PP2")
        self.jf(bpp, hb, "Penyuluh Pertanian", "ahli_pertama", 1.5, "PP3")

    # -- people ---------------------------------------------------------------------

    def allocate(self) -> list[int]:
        """How many people hold each position: one per filled single post, the rest of
        `n` spread over staff posts by weight (largest remainder, deterministic)."""
        js = self.plan.jabatan
        counts = [0 if j.vacant else 1 if j.single else j.min_holders for j in js]
        rest = self.n - sum(counts)
        if rest < 0:
            raise ValueError(
                _("Minimal %(n)d pegawai untuk struktur kabupaten demo.") % {"n": sum(counts)}
            )
        weights = [0.0 if j.single else j.weight for j in js]
        total = sum(weights)
        raw = [rest * w / total for w in weights]
        base = [int(x) for x in raw]
        left = rest - sum(base)
        order = sorted(range(len(js)), key=lambda i: (base[i] - raw[i], i))
        for i in order[:left]:
            base[i] += 1
        return [c + b for c, b in zip(counts, base, strict=True)]

    def name(self, gender: str) -> str:
        rng = self.rng
        if gender == domain.GENDER_MALE:
            first, last = PersonProvider.first_names_male, PersonProvider.last_names_male
        else:
            first, last = PersonProvider.first_names_female, PersonProvider.last_names_female
        parts = [rng.choice(first)]
        r = rng.random()
        if r < 0.2:
            parts.append(rng.choice(first))
        if r > 0.15:
            parts.append(rng.choice(last))
        return " ".join(dict.fromkeys(parts))

    def gelar(self, j: JabatanSpec, status: str, golongan: str) -> tuple[str, str]:
        rng = self.rng
        d3, s1s, s2s, depan = GELAR.get(j.family, GELAR["umum"])
        rank = domain.golongan_rank(golongan)
        low = (status == domain.PPPK and rank <= 8) or (status != domain.PPPK and rank < 9)
        if j.jenis == PELAKSANA and low:
            return ("", d3 if d3 and rng.random() < 0.3 else "")
        if j.jenjang in ("pemula",):
            return ("", "")
        if j.jenjang in ("terampil", "mahir", "penyelia") or (low and j.jenis == JF):
            return ("", d3)
        s2_p = {JPT: 0.9, ADM: 0.6, PENGAWAS: 0.3}.get(j.jenis, 0.0)
        s2_p = s2_p or {"ahli_madya": 0.5, "ahli_muda": 0.2}.get(j.jenjang, 0.05)
        s1 = rng.choice(s1s)
        belakang = [s1] if s1 else []
        if rng.random() < s2_p:
            belakang.append(rng.choice(s2s))
        front = [depan] if depan else []
        if j.jenis == JPT and rng.random() < 0.12:
            front.insert(0, "Dr.")
        return (" ".join(front), ", ".join(belakang))

    def status_for(self, j: JabatanSpec, forced: bool) -> str:
        if j.jenis == PEJABAT_NEGARA:
            return domain.NON_ASN
        if j.single or forced:
            return domain.PNS
        entry = j.jenis == PELAKSANA or j.jenjang in ENTRY_JENJANG
        pppk_p = 0.0
        if entry:
            pppk_p = 0.35 if j.family in ("guru", "perawat", "bidan", "kesehatan") else 0.18
        elif j.jenjang in ("mahir", "ahli_muda"):
            pppk_p = 0.06
        r = self.rng.random()
        if r < pppk_p:
            return domain.PPPK
        if entry and r > 0.94:
            return domain.CPNS
        return domain.PNS

    def golongan_for(self, j: JabatanSpec, status: str) -> str:
        rng = self.rng
        if status == domain.NON_ASN:
            return ""
        if status == domain.PPPK:
            return rng.choice(PPPK_GOL[j.jenjang or j.kelas])
        if j.jenis == JPT:
            lo, hi = ("IV/c", "IV/d") if j.eselon == "II.a" else ("IV/b", "IV/c")
        elif j.jenis == ADM:
            lo, hi = ("IV/a", "IV/b") if j.eselon == "III.a" else ("III/d", "IV/a")
        elif j.jenis == PENGAWAS:
            lo, hi = ("III/b", "III/d") if j.eselon == "IV.a" else ("III/a", "III/c")
        elif j.jenis == JF:
            lo, hi = GOL_JF[j.jenjang]
        else:
            lo, hi = GOL_PELAKSANA[j.kelas or 6]
        if status == domain.CPNS:
            return lo if lo in ("II/a", "III/a") else "II/c" if lo.startswith("II/") else "III/a"
        return PNS_GOL[rng.randint(PNS_GOL.index(lo), PNS_GOL.index(hi))]

    def person(self, key: int, j: JabatanSpec, forced_pns: bool) -> PegawaiSpec:
        rng = self.rng
        status = self.status_for(j, forced_pns)
        female_p = {"guru": 0.65, "perawat": 0.65, "bidan": 1.0, "dokter": 0.55}.get(j.family, 0.45)
        if j.single:
            female_p = min(female_p, 0.3)
        gender = domain.GENDER_FEMALE if rng.random() < female_p else domain.GENDER_MALE
        golongan = self.golongan_for(j, status)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if status == domain.NON_ASN:
            birth = dt.date(REF_DATE.year - rng.randint(45, 60), month, day)
            appointed = dt.date(2025, 2, 20)  # inauguration of the regional heads
            nip = None
        elif status == domain.PPPK:
            year = rng.choice((2021, 2022, 2022, 2023, 2023, 2024, 2024, 2025))
            contract = 2 if year == 2021 and rng.random() < 0.3 else 1
            birth = dt.date(year - rng.randint(22, 45), month, day)
            appointed = dt.date(year, rng.randint(1, 12), 1)
            nip = self.nip(birth, f"{year}{20 + contract}", gender)
        else:
            rank = domain.golongan_rank(golongan)
            service = 0
            if status == domain.PNS:
                entry = 5 if rank < 9 else 9
                service = 1 + 4 * max(0, rank - entry) + rng.randint(0, 5)
            service = min(service, 37)
            age_in = rng.randint(20, max(20, min(32, 57 - service)))
            appointed = dt.date(REF_DATE.year - 1 - service, rng.randint(1, 12), 1)
            birth = dt.date(appointed.year - age_in, month, day)
            nip = self.nip(birth, f"{appointed.year}{appointed.month:02d}", gender)
        depan, belakang = self.gelar(j, status, golongan)
        if j.single and j.jenis in (JPT, PEJABAT_NEGARA) and rng.random() < 0.2:
            depan = ("H. " if gender == domain.GENDER_MALE else "Hj. ") + depan
        if j.jenis == PEJABAT_NEGARA:
            belakang = rng.choice(("S.E., M.M.", "S.H., M.H.", "S.Sos., M.Si.", "S.IP."))
        nama = self.name(gender)
        first = _slug(nama.split()[0])
        return PegawaiSpec(
            key=key,
            nip=nip,
            username=nip or "",
            nama=nama,
            gelar_depan=depan.strip(),
            gelar_belakang=belakang,
            jenis_kelamin=gender,
            tempat_lahir="Contoh" if rng.random() < 0.55 else rng.choice(AddressProvider.cities),
            tanggal_lahir=birth,
            status=status,
            golongan=golongan,
            email=f"{first}.{key}@{EMAIL_DOMAIN}",
            telepon="08"
            + rng.choice(("12", "13", "21", "52", "57", "77", "81", "95"))
            + f"{rng.randint(0, 99_999_999):08d}",
            jabatan=j.key,
            appointed=appointed,
        )

    def nip(self, birth: dt.date, middle: str, gender: str) -> str:
        """Rules §6: serials are unique per (birth date, TMT / appointment, gender)."""
        g = "1" if gender == domain.GENDER_MALE else "2"
        k = (birth.strftime("%Y%m%d"), middle, g)
        serial = self.serials.get(k, 0) + 1
        self.serials[k] = serial
        return f"{k[0]}{middle}{g}{serial:03d}"

    def nomor_sk(self, year: int, plt: bool = False) -> str:
        self.sk += 1
        return f"{'800.1.3' if plt else '821.2'}/{self.sk:05d}/BKPSDM/{year}"

    def tmt_in(self, lo: dt.date, hi: dt.date) -> dt.date:
        if hi <= lo:
            return lo
        return lo + dt.timedelta(days=self.rng.randint(0, (hi - lo).days))

    def people(self) -> None:
        rng, plan = self.rng, self.plan
        counts = self.allocate()
        forced = {self.by_kode[k] for k in (KODE_STAFF, KODE_ADMIN, KODE_AUDITOR, KODE_PENGELOLA)}
        holders: dict[int, list[int]] = {}
        for j, c in zip(plan.jabatan, counts, strict=True):
            for i in range(c):
                p = self.person(len(plan.pegawai), j, forced_pns=(i == 0 and j.key in forced))
                plan.pegawai.append(p)
                holders.setdefault(j.key, []).append(p.key)
        if plan.pegawai[0].jabatan == self.by_kode[KODE_BUPATI]:
            plan.pegawai[0].username = "bupati"
            plan.pegawai[1].username = "wabup"
        # Earlier posts for some, one step down the ladder (position history).
        pools: dict[str, list[int]] = {}
        for j in plan.jabatan:
            pools.setdefault(j.family if j.jenis == JF else j.jenis, []).append(j.key)
        below = {JPT: ADM, ADM: PENGAWAS, PENGAWAS: PELAKSANA, PELAKSANA: PELAKSANA}
        for p in plan.pegawai:
            j = plan.jabatan[p.jabatan]
            if p.status == domain.NON_ASN:
                plan.riwayat.append(RiwayatSpec(p.key, j.key, "definitif", p.appointed, None, ""))
                continue
            hi = REF_DATE - dt.timedelta(days=1)
            start = max(p.appointed + dt.timedelta(days=400), REF_DATE - dt.timedelta(days=2900))
            start = min(start, hi)
            tmt = p.appointed if p.status != domain.PNS else self.tmt_in(start, hi)
            prev_p = 0.4 if j.single else 0.1
            if p.status == domain.PNS and rng.random() < prev_p:
                prev_start = tmt - dt.timedelta(days=rng.randint(700, 2200))
                if prev_start > p.appointed:
                    prev = rng.choice(pools[below.get(j.jenis, j.family)])
                    plan.riwayat.append(
                        RiwayatSpec(p.key, prev, "definitif", prev_start,
                                    tmt - dt.timedelta(days=1), self.nomor_sk(prev_start.year))
                    )  # fmt: skip
            plan.riwayat.append(
                RiwayatSpec(p.key, j.key, "definitif", tmt, None, self.nomor_sk(tmt.year))
            )
        for vac, src in self.plt_pairs:
            acting = holders.get(src, [])
            if acting:
                tmt = REF_DATE - dt.timedelta(days=rng.randint(30, 200))
                plan.riwayat.append(
                    RiwayatSpec(acting[0], vac, "plt", tmt, None, self.nomor_sk(tmt.year, True))
                )
        # One explicit penilai: a clerk assessed by the Sekretaris while the head of the
        # subbagian studies (rules §12 allows an admin's override, with a reason).
        clerk = holders[self.by_kode[KODE_OVERRIDE]][0]
        sekretaris = holders[self.by_kode["DISDIK-SEK-KEPALA"]][0]
        plan.overrides.append(
            (clerk, sekretaris, "Kepala Subbagian Umum dan Kepegawaian sedang tugas belajar; "
             "penilaian oleh Sekretaris Dinas sesuai Surat Kepala Dinas Pendidikan "
             "Nomor 800/112/Disdik/2026.")
        )  # fmt: skip
        units = {u.kode: u.key for u in plan.units}
        plan.roles = [
            (holders[self.by_kode[KODE_ADMIN]][0], Role.ADMIN.value, None),
            (holders[self.by_kode[KODE_AUDITOR]][0], Role.AUDITOR.value, None),
            (holders[self.by_kode[KODE_PENGELOLA]][0], Role.PENGELOLA.value, units["DINKES"]),
            (holders[self.by_kode[KODE_BUPATI]][0], Role.PIMPINAN.value, None),
            (holders[self.by_kode[KODE_SEKDA]][0], Role.PIMPINAN.value, None),
        ]
        self.supervisors()

    def supervisors(self) -> None:
        """The same rule as services.supervisors.supervisors_recompute, on plan keys, so
        that rows can be written with their supervisor already set (top of the chart
        first)."""
        plan = self.plan
        holdings = [
            domain.Holding(pegawai_id=r.pegawai, jabatan_id=r.jabatan, jenis=r.jenis,
                           since=r.tmt_mulai)
            for r in plan.riwayat
            if r.tmt_selesai is None
        ]  # fmt: skip
        resolved = domain.resolve_supervisors(
            pegawai_jabatan={p.key: p.jabatan for p in plan.pegawai},
            jabatan_parent={j.key: j.parent for j in plan.jabatan},
            holders=domain.acting_holders(holdings),
            overrides={p: a for p, a, _why in plan.overrides},
        )
        plan.atasan = [resolved.get(p.key) for p in plan.pegawai]


def build_plan(n_pegawai: int = DEFAULT_PEGAWAI, seed: int = 1) -> Plan:
    """The whole demo regency as plain data (no database). Raises ValueError when
    `n_pegawai` is too small for the structure."""
    if n_pegawai < MIN_PEGAWAI:
        raise ValueError(_("Minimal %(n)d pegawai untuk kabupaten demo.") % {"n": MIN_PEGAWAI})
    b = _Builder(n_pegawai, seed)
    b.build_structure()
    b.people()
    return b.plan


# --- writing ----------------------------------------------------------------------------
#
# Django's bulk_create spends most of its time compiling SQL value by value (measured:
# 7.7x a plain `executemany` of the same rows at 27,000 staff on SQLite, see
# bench/README.md). So the big tables are written with the DB-API `executemany` of
# prepared tuples, with primary keys reserved up front so that every foreign key
# (unit parent, position parent, supervisor, user) is known before any row is sent.
# Foreign keys are checked at commit (Django creates them DEFERRABLE INITIALLY DEFERRED).

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


def demo_instansi() -> Instansi | None:
    return Instansi.objects.filter(kode=DEMO_KODE).first()


def seed_demo(n_pegawai: int = DEFAULT_PEGAWAI, seed: int = 1) -> SeedResult:
    """Build and write the demo regency. Raises ValueError when it already exists or
    when a demo username is already taken."""
    if demo_instansi() is not None:
        raise ValueError(_("Instansi demo %(k)s sudah ada.") % {"k": DEMO_KODE})
    plan = build_plan(n_pegawai, seed)
    names = [p.username for p in plan.pegawai]
    for i in range(0, len(names), 900):
        taken = list(User.objects.filter(username__in=names[i : i + 900])[:1])
        if taken:
            raise ValueError(
                _("Nama pengguna %(u)s sudah dipakai; gunakan basis data kosong.")
                % {"u": taken[0].username}
            )
    return write_plan(plan)


# --- demo logins --------------------------------------------------------------------------


def holder(instansi: Instansi, kode: str) -> Pegawai | None:
    """Who acts in a position now: its definitive holder (lowest NIP), else a Plt."""
    row = (
        RiwayatJabatan.objects.filter(
            instansi=instansi, jabatan__kode=kode, tmt_selesai__isnull=True, pegawai__aktif=True
        )
        .select_related("pegawai__user", "pegawai__jabatan")
        .order_by("jenis", "pegawai__nip", "pegawai_id")
        .first()
    )
    return row.pegawai if row else None


def demo_accounts(instansi: Instansi) -> list[dict[str, Any]]:
    """The demo logins, found in the data (roles and known positions), so that what
    `demo_logins` prints and what the browser tests use always work:
    [{"role", "label", "username", "name", "password", "jabatan", "hint"}, …]."""
    out: list[dict[str, Any]] = []

    def add(role: str, label: str, p: Pegawai | None, hint: str) -> None:
        if p is None or p.user is None:
            return
        out.append(
            {
                "role": role,
                "label": label,
                "username": p.user.username,
                "name": p.nama_lengkap,
                "password": DEMO_PASSWORD,
                "jabatan": p.jabatan.nama if p.jabatan else "",
                "hint": hint,
            }
        )

    ras = (
        RoleAssignment.objects.filter(instansi=instansi)
        .select_related("user", "unit")
        .order_by("role", "pk")
    )
    by_user = {
        p.user_id: p
        for p in Pegawai.objects.filter(
            instansi=instansi, user_id__in=[ra.user_id for ra in ras]
        ).select_related("user", "jabatan")
    }
    seen: set[tuple[str, int]] = set()
    hints = {
        Role.ADMIN: _(
            "Kelola unit, jabatan, pegawai, impor data, peran, dan periode kinerja; lihat "
            "jejak audit. SKP sendiri sudah disetujui: isi realisasi bulan ini (Penilaian → "
            "Evaluasi kinerja saya); buka periode penilaian, tetapkan BKPSDM, ekspor SIASN."
        ),
        Role.AUDITOR: _("Lihat seluruh pegawai dan jejak audit (hanya baca)."),
        Role.PENGELOLA: _("Pantau pegawai di unit %(u)s."),
    }
    for role in (Role.ADMIN, Role.AUDITOR, Role.PENGELOLA):
        for ra in ras:
            if ra.role == role and (role, ra.user_id) not in seen:
                seen.add((role, ra.user_id))
                hint = hints[role]
                if role == Role.PENGELOLA:
                    hint = hint % {"u": ra.unit.nama if ra.unit else "-"}
                add(role.value, str(role.label), by_user.get(ra.user_id), str(hint))
                break
    add("bupati", _("Bupati (Pimpinan)"), holder(instansi, KODE_BUPATI),
        _("Pimpinan seluruh instansi; pejabat penilai para Kepala OPD; tetapkan predikat "
          "kinerja organisasi OPD (Penilaian → Predikat unit dan penetapan); lihat kaskade "
          "kinerja seluruh instansi."))  # fmt: skip
    add("sekda", _("Sekretaris Daerah (Pimpinan)"), holder(instansi, KODE_SEKDA),
        _("Pimpinan seluruh instansi; atasan para Asisten."))  # fmt: skip
    add("kadis", _("Kepala Dinas"), holder(instansi, KODE_KADIS),
        _("Lihat seluruh pegawai Dinas Pendidikan, termasuk sekolah, dan kaskade "
          "kinerjanya."))  # fmt: skip
    add("kabid", _("Kepala Bidang (atasan)"), holder(instansi, KODE_KABID),
        _("Antrean persetujuan: SKP para Kepala Subbidang menunggu disetujui atau "
          "dikembalikan; aktivitas harian bawahan menunggu verifikasi (Kinerja harian → "
          "Verifikasi aktivitas); nilai bawahan bulan ini dengan panel kurva distribusi "
          "(Penilaian → Menilai bawahan)."))  # fmt: skip
    add("staff", _("Staf pelaksana"), holder(instansi, KODE_STAFF),
        _("SKP Anda dikembalikan atasan dengan alasan: perbaiki lalu ajukan kembali; "
          "catat aktivitas hari ini dan baca umpan balik atasan (menu Kinerja harian); "
          "tidak dapat membuka daftar pegawai."))  # fmt: skip
    platform = User.objects.filter(username=PLATFORM_USERNAME, is_platform_admin=True).first()
    # A "platform" login that existed before the demo keeps its own password: not listed.
    if platform is not None and platform.check_password(DEMO_PASSWORD):
        out.append(
            {
                "role": "platform",
                "label": _("Admin platform"),
                "username": platform.username,
                "name": platform.get_full_name() or platform.username,
                "password": DEMO_PASSWORD,
                "jabatan": "",
                "hint": _("Kelola daftar instansi; tidak melihat data pegawai."),
            }
        )
    return out
