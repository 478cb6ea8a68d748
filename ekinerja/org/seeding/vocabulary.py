"""The demo regency's words and numbers: its name, the kinds of positions, kelas and
golongan ranges, degrees by field of work, the catalogue of functional positions, the
OPD with their bidang and seksi, and the village-like place names. Plain data, no logic:
the choosing lives in structure.py and people.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain import PANGKAT_PNS
from ..models import Jabatan

DEMO_KODE = "KAB-CONTOH"
DEMO_NAMA = "Pemerintah Kabupaten Contoh"
# The data describe the regency as of this date (not today), so a seed always gives the
# same people whatever the day the command runs.
REF_DATE = dt.date(2026, 1, 1)
EMAIL_DOMAIN = "contohkab.go.id"

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
PNS_GOL = list(PANGKAT_PNS)
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
