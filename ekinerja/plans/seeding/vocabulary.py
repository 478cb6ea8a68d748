"""Words for the demo SKP: RHK templates per kind of position, the Perjanjian Kinerja
(PK) outcomes that the heads of the cascade type in, BerAKHLAK expectations, lampiran
and return reasons.

This is demo data, not UI text: it stays in Bahasa Indonesia, as a real agency's plans
are written, and is not translated. The outcomes and indicators follow the usual
Renstra/PK indicators of a regency's OPD (e.g. APM SD, prevalensi stunting, Indeks SPBE,
level kapabilitas APIP) with plausible targets; none of it is an official figure.

Placeholders in texts: `{unit}` the unit's name, `{topik}` its subject in lower case
(“kurikulum dan penilaian SD”), `{opd}` the OPD's name, `{jabatan}` the position's name.

A data module: word lists and the two frozen shapes they are written in (`Tpl`, `Sub`,
with the `pk`/`T` constructors), no logic. It is longer than the ~600 lines after which
a module is split (CONVENTIONS.md) on purpose: its length is the vocabulary, and
the choosing lives in builder.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tpl:
    """An RHK template and its main indicator (IKI).

    `obj` is what the main IKI counts: a noun phrase in lower case (“dokumen rencana
    kerja”, the indicator becomes “Jumlah dokumen rencana kerja”), or a whole indicator
    when it starts with a capital (“Cakupan imunisasi dasar lengkap”). The target is a
    number between `lo` and `hi` (chosen per SKP), or, with `rentang`, the range
    lo–hi itself. `aspek` is the main IKI's aspect (rules §8)."""

    teks: str
    obj: str
    satuan: str
    lo: str | int
    hi: str | int
    aspek: str = "kuantitas"
    rentang: bool = False


def pk(
    teks: str, indikator: str, satuan: str, lo: str | int, hi: str | int | None = None,
    aspek: str = "kuantitas",
) -> Tpl:  # fmt: skip
    """A PK outcome: its indicator is given whole; lo–hi is a range target."""
    return Tpl(teks, indikator, satuan, lo, lo if hi is None else hi, aspek, hi is not None)


# --- Perjanjian Kinerja: the top of the cascade, by OPD code ---------------------------

PK: dict[str, tuple[Tpl, ...]] = {
    "SETDA": (
        pk("Meningkatnya kualitas tata kelola pemerintahan daerah",
           "Indeks Reformasi Birokrasi Pemerintah Kabupaten Contoh", "nilai", 72),
        pk("Meningkatnya akuntabilitas kinerja Pemerintah Kabupaten Contoh",
           "Nilai evaluasi SAKIP Pemerintah Kabupaten Contoh", "nilai", 75),
        pk("Terwujudnya pengelolaan keuangan daerah yang akuntabel",
           "Persentase rekomendasi hasil pemeriksaan BPK yang ditindaklanjuti", "persen", 90),
        pk("Meningkatnya kualitas pelayanan publik",
           "Indeks kepuasan masyarakat terhadap pelayanan publik", "indeks", 82, 88),
        pk("Meningkatnya kualitas produk hukum daerah",
           "Persentase produk hukum daerah yang ditetapkan tepat waktu", "persen", 100),
    ),
    "DISDIK": (
        pk("Meningkatnya akses pendidikan dasar", "Angka Partisipasi Murni (APM) SD/MI",
           "persen", "98.5"),
        pk("Meningkatnya mutu pendidikan dasar",
           "Persentase satuan pendidikan dasar terakreditasi minimal B", "persen", 90),
        pk("Meningkatnya kualitas pendidik dan tenaga kependidikan",
           "Persentase guru berkualifikasi S1/D-IV dan bersertifikat pendidik", "persen", 85),
        pk("Meningkatnya partisipasi pendidikan anak usia dini",
           "Angka Partisipasi Kasar (APK) PAUD", "persen", 75, 80),
        pk("Menurunnya angka putus sekolah", "Angka putus sekolah jenjang SMP", "persen",
           "0.2"),
    ),
    "DINKES": (
        pk("Menurunnya angka kematian ibu dan bayi", "Angka kematian bayi",
           "per 1.000 kelahiran hidup", 8),
        pk("Menurunnya prevalensi stunting pada balita", "Prevalensi stunting pada balita",
           "persen", "14.5"),
        pk("Meningkatnya cakupan imunisasi dasar lengkap",
           "Cakupan imunisasi dasar lengkap pada bayi", "persen", 95),
        pk("Meningkatnya mutu layanan kesehatan primer",
           "Persentase puskesmas terakreditasi paripurna", "persen", 40, 50),
        pk("Meningkatnya cakupan jaminan kesehatan masyarakat",
           "Persentase penduduk terdaftar dalam Jaminan Kesehatan Nasional", "persen", 98),
    ),
    "BKPSDM": (
        pk("Meningkatnya profesionalitas ASN Pemerintah Kabupaten Contoh",
           "Indeks Profesionalitas ASN", "nilai", 75),
        pk("Meningkatnya kualitas manajemen kinerja ASN",
           "Persentase ASN dengan SKP disetujui tepat waktu", "persen", 95),
        pk("Meningkatnya penerapan sistem merit dalam manajemen ASN",
           "Nilai Indeks Sistem Merit", "nilai", 300, 325),
        pk("Meningkatnya kompetensi ASN",
           "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 jam pelajaran",
           "persen", 80),
        pk("Meningkatnya kualitas layanan administrasi kepegawaian",
           "Persentase layanan kepegawaian yang diselesaikan sesuai standar pelayanan",
           "persen", 95),
    ),
    "BAPPEDA": (
        pk("Meningkatnya kualitas perencanaan pembangunan daerah",
           "Persentase konsistensi program RKPD terhadap RPJMD", "persen", 95),
        pk("Meningkatnya kualitas pengendalian dan evaluasi pembangunan daerah",
           "Persentase capaian indikator kinerja RPJMD", "persen", 80, 90),
        pk("Tersedianya data perencanaan pembangunan yang akurat",
           "Jumlah dokumen data dan statistik pembangunan yang diterbitkan", "dokumen", 4),
        pk("Meningkatnya inovasi daerah", "Jumlah inovasi daerah yang dilaporkan", "inovasi",
           25),
        pk("Meningkatnya partisipasi masyarakat dalam perencanaan pembangunan",
           "Persentase usulan Musrenbang yang diakomodasi dalam RKPD", "persen", 60),
    ),
    "DPUPR": (
        pk("Meningkatnya kemantapan jalan kabupaten",
           "Persentase panjang jalan kabupaten dalam kondisi mantap", "persen", "72.5"),
        pk("Meningkatnya layanan jaringan irigasi",
           "Persentase jaringan irigasi kewenangan kabupaten dalam kondisi baik", "persen", 70),
        pk("Meningkatnya akses air minum layak",
           "Persentase rumah tangga dengan akses air minum layak", "persen", 90),
        pk("Meningkatnya kesesuaian pemanfaatan ruang",
           "Persentase kesesuaian pemanfaatan ruang terhadap RTRW", "persen", 85),
        pk("Meningkatnya keandalan bangunan gedung",
           "Jumlah bangunan gedung yang memiliki PBG dan SLF", "bangunan", 150),
    ),
    "DINSOS": (
        pk("Meningkatnya pelayanan rehabilitasi sosial",
           "Persentase PPKS yang memperoleh rehabilitasi sosial dasar", "persen", 85),
        pk("Meningkatnya perlindungan sosial korban bencana",
           "Persentase korban bencana yang terpenuhi kebutuhan dasarnya", "persen", 100),
        pk("Meningkatnya akurasi data kesejahteraan sosial",
           "Persentase data terpadu kesejahteraan sosial yang dimutakhirkan", "persen", 95),
        pk("Menurunnya persentase penduduk miskin", "Persentase penduduk miskin", "persen",
           9, 10),
        pk("Meningkatnya peran potensi dan sumber kesejahteraan sosial",
           "Jumlah PSKS yang aktif", "lembaga", 120),
    ),
    "DISHUB": (
        pk("Meningkatnya keselamatan lalu lintas",
           "Persentase penurunan angka kecelakaan lalu lintas", "persen", 5),
        pk("Meningkatnya kelaikan kendaraan angkutan umum",
           "Persentase kendaraan wajib uji yang lulus uji berkala", "persen", 90),
        pk("Meningkatnya ketersediaan perlengkapan jalan",
           "Persentase ruas jalan kabupaten yang dilengkapi rambu dan marka", "persen", 70),
        pk("Meningkatnya kualitas layanan terminal", "Indeks kepuasan pengguna terminal",
           "indeks", 80, 85),
        pk("Meningkatnya pendapatan retribusi perhubungan", "Realisasi retribusi parkir",
           "rupiah", 1_250_000_000, aspek="biaya"),
    ),
    "SATPOLPP": (
        pk("Meningkatnya penegakan peraturan daerah",
           "Persentase pelanggaran perda yang ditindaklanjuti", "persen", 90),
        pk("Meningkatnya ketenteraman dan ketertiban umum",
           "Persentase gangguan ketenteraman dan ketertiban umum yang tertangani", "persen",
           95),
        pk("Meningkatnya kecepatan penanganan kebakaran",
           "Waktu tanggap penanganan kebakaran", "menit", 15, aspek="waktu"),
        pk("Meningkatnya kesiapsiagaan perlindungan masyarakat",
           "Jumlah anggota Satlinmas yang terlatih", "orang", 500),
    ),
    "DISDUKCAPIL": (
        pk("Meningkatnya kepemilikan dokumen kependudukan",
           "Persentase penduduk wajib KTP yang memiliki KTP-el", "persen", 99),
        pk("Meningkatnya kepemilikan akta kelahiran",
           "Persentase anak usia 0-18 tahun yang memiliki akta kelahiran", "persen", 97),
        pk("Meningkatnya kecepatan layanan administrasi kependudukan",
           "Waktu penyelesaian layanan dokumen kependudukan", "hari kerja", 1, 3,
           aspek="waktu"),
        pk("Meningkatnya pemanfaatan data kependudukan",
           "Jumlah lembaga pengguna yang memanfaatkan data kependudukan", "lembaga", 30),
        pk("Meningkatnya kepemilikan Kartu Identitas Anak",
           "Persentase anak yang memiliki Kartu Identitas Anak", "persen", 80),
    ),
    "BPKAD": (
        pk("Meningkatnya ketepatan waktu pengelolaan keuangan daerah",
           "Persentase dokumen APBD dan laporan keuangan yang ditetapkan tepat waktu",
           "persen", 100),
        pk("Meningkatnya akuntabilitas laporan keuangan daerah",
           "Jumlah laporan keuangan pemerintah daerah yang disusun sesuai SAP", "laporan", 1),
        pk("Meningkatnya tertib pengelolaan barang milik daerah",
           "Persentase aset tanah yang bersertifikat", "persen", 85),
        pk("Meningkatnya ketepatan penyaluran belanja daerah",
           "Persentase SP2D yang diterbitkan tepat waktu", "persen", 98),
        pk("Meningkatnya realisasi belanja daerah", "Persentase realisasi belanja daerah",
           "persen", 90, 95, aspek="biaya"),
    ),
    "DISTAN": (
        pk("Meningkatnya produksi padi", "Produksi padi", "ton", 185_000),
        pk("Meningkatnya produktivitas tanaman pangan", "Produktivitas padi", "ton/hektare",
           "5.6"),
        pk("Meningkatnya produksi komoditas unggulan hortikultura dan perkebunan",
           "Persentase peningkatan produksi komoditas unggulan", "persen", 5),
        pk("Meningkatnya kapasitas kelembagaan petani",
           "Jumlah kelompok tani kelas madya ke atas", "kelompok", 320),
        pk("Meningkatnya kesejahteraan petani", "Nilai Tukar Petani", "indeks", 102, 105),
    ),
    "DLH": (
        pk("Meningkatnya kualitas lingkungan hidup", "Indeks Kualitas Lingkungan Hidup",
           "indeks", "68.5"),
        pk("Meningkatnya penanganan sampah", "Persentase sampah yang tertangani", "persen",
           75),
        pk("Meningkatnya pengurangan sampah", "Persentase pengurangan sampah di sumber",
           "persen", 25),
        pk("Meningkatnya ketaatan usaha terhadap persetujuan lingkungan",
           "Persentase usaha/kegiatan yang taat persetujuan lingkungan", "persen", 80),
        pk("Meningkatnya kualitas air sungai", "Indeks Kualitas Air", "indeks", 55),
    ),
    "DPMPTSP": (
        pk("Meningkatnya realisasi investasi", "Nilai realisasi investasi PMA dan PMDN",
           "rupiah", 1_500_000_000_000),
        pk("Meningkatnya kualitas pelayanan perizinan",
           "Indeks kepuasan masyarakat terhadap layanan perizinan", "indeks", 85, 90),
        pk("Meningkatnya kecepatan penerbitan perizinan",
           "Persentase izin yang terbit sesuai standar waktu layanan", "persen", 95),
        pk("Meningkatnya penanganan pengaduan layanan",
           "Persentase pengaduan layanan yang diselesaikan", "persen", 100),
    ),
    "DISKOMINFO": (
        pk("Meningkatnya penerapan Sistem Pemerintahan Berbasis Elektronik",
           "Indeks SPBE Pemerintah Kabupaten Contoh", "indeks", "3.2"),
        pk("Meningkatnya keterbukaan informasi publik",
           "Nilai monitoring dan evaluasi keterbukaan informasi publik", "nilai", 85),
        pk("Meningkatnya ketersediaan data statistik sektoral",
           "Jumlah dataset yang dipublikasikan di portal Satu Data", "dataset", 150),
        pk("Meningkatnya keamanan informasi pemerintah daerah",
           "Persentase insiden keamanan informasi yang tertangani", "persen", 100),
        pk("Meningkatnya konektivitas perangkat daerah",
           "Persentase perangkat daerah yang terhubung jaringan intra pemerintah", "persen",
           100),
    ),
    "INSP": (
        pk("Meningkatnya kualitas pengawasan internal", "Level kapabilitas APIP", "level",
           3),
        pk("Meningkatnya kualitas penerapan sistem pengendalian intern",
           "Level maturitas SPIP", "level", 3),
        pk("Meningkatnya tindak lanjut hasil pengawasan",
           "Persentase rekomendasi hasil pengawasan yang ditindaklanjuti", "persen", 90),
        pk("Menurunnya risiko korupsi di lingkungan pemerintah daerah",
           "Nilai Monitoring Center for Prevention (MCP) KPK", "nilai", 85),
        pk("Terlaksananya reviu laporan keuangan dan laporan kinerja",
           "Jumlah laporan hasil reviu", "laporan", 6),
    ),
    "KEC": (
        pk("Meningkatnya kualitas pelayanan administrasi terpadu kecamatan",
           "Indeks kepuasan masyarakat terhadap layanan kecamatan", "indeks", 82, 88),
        pk("Meningkatnya ketenteraman dan ketertiban umum di wilayah kecamatan",
           "Persentase gangguan ketenteraman dan ketertiban umum yang tertangani", "persen",
           95),
        pk("Meningkatnya partisipasi masyarakat dalam pembangunan",
           "Persentase usulan Musrenbang kecamatan yang diakomodasi", "persen", 50),
        pk("Meningkatnya kinerja penyelenggaraan pemerintahan kelurahan dan desa",
           "Persentase kelurahan dan desa yang menyampaikan laporan penyelenggaraan "
           "pemerintahan tepat waktu", "persen", 100),
        pk("Terkoordinasinya percepatan penurunan stunting di wilayah kecamatan",
           "Jumlah rembuk stunting tingkat kecamatan yang dilaksanakan", "kali", 2),
    ),
}  # fmt: skip

# Used for an OPD of another agency that the demo vocabulary does not know.
PK_UMUM = (
    pk("Meningkatnya kualitas penyelenggaraan urusan {opd}",
       "Persentase capaian indikator kinerja utama {opd}", "persen", 90, 100),
    pk("Meningkatnya akuntabilitas kinerja {opd}", "Nilai evaluasi SAKIP {opd}", "nilai", 70),
    pk("Meningkatnya kualitas pelayanan {opd}",
       "Indeks kepuasan masyarakat terhadap layanan {opd}", "indeks", 80, 85),
    pk("Meningkatnya tertib pengelolaan keuangan {opd}",
       "Persentase realisasi anggaran {opd}", "persen", 90, 95, aspek="biaya"),
)  # fmt: skip


# --- RHK templates by kind of position ----------------------------------------------

T = Tpl

RHK: dict[str, tuple[Tpl, ...]] = {
    # JPT below the Sekda.
    "asisten": (
        T("Terkoordinasinya perumusan kebijakan daerah bidang {topik}",
          "rancangan kebijakan yang dikoordinasikan", "dokumen", 4, 8),
        T("Terkendalinya pelaksanaan kebijakan perangkat daerah lingkup {unit}",
          "laporan pengendalian pelaksanaan kebijakan", "laporan", 4, 12),
        T("Terlaksananya evaluasi kinerja perangkat daerah lingkup {unit}",
          "laporan evaluasi kinerja perangkat daerah", "laporan", 2, 4),
        T("Tersusunnya telaahan dan pertimbangan kebijakan kepada Sekretaris Daerah",
          "telaahan staf", "telaahan", 6, 12),
        T("Terkoordinasinya penyusunan rancangan produk hukum daerah bidang {topik}",
          "rancangan produk hukum daerah", "rancangan", 3, 8),
    ),
    "sekretaris": (
        T("Terkoordinasinya penyusunan dokumen perencanaan dan penganggaran {opd}",
          "dokumen perencanaan dan penganggaran", "dokumen", 4, 8),
        T("Terkelolanya administrasi keuangan {opd} secara tertib dan akuntabel",
          "laporan keuangan", "laporan", 12, 14),
        T("Terkelolanya administrasi kepegawaian {opd}",
          "layanan administrasi kepegawaian yang diselesaikan", "layanan", 60, 180),
        T("Tersusunnya Laporan Kinerja Instansi Pemerintah {opd}", "dokumen LKjIP",
          "dokumen", 1, 1),
        T("Terselenggaranya pelayanan umum dan kerumahtanggaan {opd}",
          "layanan umum dan kerumahtanggaan", "layanan", 120, 360),
        T("Terkelolanya barang milik daerah di lingkungan {opd}",
          "laporan barang milik daerah", "laporan", 2, 4),
    ),
    "kabid": (
        T("Tersusunnya kebijakan teknis {topik}", "dokumen kebijakan teknis", "dokumen", 2, 5),
        T("Terlaksananya program {topik} yang tepat sasaran",
          "kegiatan program yang dilaksanakan", "kegiatan", 4, 10),
        T("Terkendalinya pelaksanaan kegiatan {unit}", "laporan pengendalian kegiatan",
          "laporan", 4, 12),
        T("Meningkatnya kualitas layanan {topik}",
          "Persentase layanan {topik} yang diselesaikan sesuai standar", "persen", 90, 100),
        T("Tersusunnya laporan evaluasi kinerja {unit}", "laporan evaluasi kinerja",
          "laporan", 2, 4),
        T("Terlaksananya pembinaan teknis {topik} kepada unit pelaksana",
          "unit pelaksana yang dibina", "unit", 6, 20),
        T("Terlaksananya koordinasi lintas sektor urusan {topik}", "rapat koordinasi", "kali",
          4, 12),
    ),
    "irban": (
        T("Terlaksananya audit kinerja pada perangkat daerah wilayah {unit}",
          "laporan hasil audit kinerja", "laporan", 3, 6),
        T("Terlaksananya reviu dokumen perencanaan dan penganggaran perangkat daerah",
          "laporan hasil reviu", "laporan", 4, 10),
        T("Terlaksananya pemantauan tindak lanjut hasil pemeriksaan",
          "Persentase rekomendasi yang dipantau tindak lanjutnya", "persen", 100, 100),
        T("Terlaksananya evaluasi SAKIP perangkat daerah wilayah {unit}",
          "laporan hasil evaluasi SAKIP", "laporan", 4, 8),
        T("Terlaksananya pemeriksaan dengan tujuan tertentu atas pengaduan masyarakat",
          "laporan hasil pemeriksaan khusus", "laporan", 2, 6),
    ),
    "kasubbag_umum": (
        T("Terkelolanya administrasi persuratan dan kearsipan {opd}",
          "naskah dinas yang diproses", "naskah", 600, 1800),
        T("Terkelolanya administrasi kepegawaian {opd}",
          "usulan layanan kepegawaian yang diproses", "usulan", 40, 150),
        T("Terselenggaranya pemeliharaan sarana dan prasarana kantor",
          "laporan pemeliharaan sarana dan prasarana", "laporan", 4, 12),
        T("Tersusunnya laporan barang milik daerah {opd}", "laporan barang milik daerah",
          "laporan", 2, 4),
        T("Terlaksananya pembinaan disiplin dan kinerja pegawai {opd}",
          "laporan rekapitulasi kehadiran dan kinerja pegawai", "laporan", 12, 12),
    ),
    "kasubbag_keuangan": (
        T("Tersusunnya laporan keuangan {opd} sesuai standar akuntansi pemerintahan",
          "laporan keuangan", "laporan", 4, 13),
        T("Terverifikasinya dokumen pertanggungjawaban keuangan",
          "dokumen SPJ yang diverifikasi", "dokumen", 200, 800),
        T("Terkelolanya administrasi gaji dan tambahan penghasilan pegawai",
          "daftar gaji dan TPP", "dokumen", 24, 26),
        T("Tersusunnya laporan realisasi anggaran {opd}", "laporan realisasi anggaran",
          "laporan", 12, 12),
        T("Tertindaklanjutinya temuan pemeriksaan keuangan",
          "Persentase temuan keuangan yang ditindaklanjuti", "persen", 100, 100),
    ),
    "kasubbag_perencanaan": (
        T("Tersusunnya Rencana Kerja dan Rencana Kerja Anggaran {opd}",
          "dokumen Renja dan RKA", "dokumen", 2, 3),
        T("Tersusunnya Perjanjian Kinerja dan Rencana Aksi {opd}",
          "dokumen PK dan rencana aksi", "dokumen", 2, 2),
        T("Tersusunnya Laporan Kinerja Instansi Pemerintah {opd}", "dokumen LKjIP",
          "dokumen", 1, 1),
        T("Tersusunnya laporan pengendalian dan evaluasi capaian kinerja {opd}",
          "laporan capaian kinerja triwulanan", "laporan", 4, 4),
        T("Terkelolanya data dan informasi perencanaan {opd}",
          "data perencanaan yang dimutakhirkan", "dataset", 4, 12),
    ),
    "kasi": (
        T("Tersusunnya rencana kegiatan {unit}", "dokumen rencana kegiatan", "dokumen", 1, 2),
        T("Terlaksananya kegiatan {topik} sesuai rencana", "kegiatan yang dilaksanakan",
          "kegiatan", 4, 12),
        T("Tersedianya data dan informasi {topik} yang mutakhir",
          "data dan informasi yang dimutakhirkan", "dokumen", 4, 12),
        T("Terlaksananya pembinaan dan pemantauan {topik}", "laporan pemantauan", "laporan",
          4, 12),
        T("Tersusunnya bahan kebijakan teknis {topik}", "bahan kebijakan teknis", "dokumen",
          2, 4),
        T("Tersusunnya laporan pelaksanaan kegiatan {unit}", "laporan pelaksanaan kegiatan",
          "laporan", 4, 12),
        T("Terselesaikannya layanan {topik}", "layanan yang diselesaikan", "layanan", 30, 150),
    ),
    "kapus": (
        T("Meningkatnya cakupan pelayanan kesehatan ibu hamil di wilayah kerja {unit}",
          "Cakupan pelayanan antenatal K6 ibu hamil", "persen", 90, 100),
        T("Meningkatnya cakupan imunisasi dasar lengkap di wilayah kerja {unit}",
          "Cakupan imunisasi dasar lengkap", "persen", 92, 98),
        T("Terlaksananya intervensi gizi spesifik bagi balita stunting di wilayah kerja "
          "{unit}", "balita stunting yang mendapat intervensi gizi", "balita", 20, 120),
        T("Terselenggaranya pelayanan kesehatan dasar yang bermutu di {unit}",
          "kunjungan rawat jalan yang dilayani", "kunjungan", 9000, 30000),
        T("Terlaksananya peningkatan mutu dan akreditasi {unit}",
          "dokumen mutu dan manajemen risiko", "dokumen", 4, 12),
        T("Terkendalinya penyakit menular di wilayah kerja {unit}",
          "Cakupan penemuan dan pengobatan kasus tuberkulosis", "persen", 80, 95),
    ),
    "katu_pkm": (
        T("Terkelolanya administrasi kepegawaian {unit}",
          "layanan administrasi kepegawaian yang diselesaikan", "layanan", 20, 80),
        T("Terkelolanya keuangan BLUD dan dana kapitasi JKN {unit}",
          "laporan keuangan BLUD dan kapitasi", "laporan", 12, 14),
        T("Tersusunnya Rencana Usulan Kegiatan dan Rencana Pelaksanaan Kegiatan {unit}",
          "dokumen RUK dan RPK", "dokumen", 2, 2),
        T("Terkelolanya sistem informasi puskesmas", "laporan data SIMPUS", "laporan", 12, 12),
        T("Terkelolanya barang milik daerah di {unit}", "laporan barang milik daerah",
          "laporan", 2, 4),
    ),
    "lurah": (
        T("Meningkatnya kualitas pelayanan administrasi di {unit}",
          "layanan administrasi yang diselesaikan", "layanan", 600, 2400),
        T("Terlaksananya pemberdayaan masyarakat di {unit}",
          "kegiatan pemberdayaan masyarakat", "kegiatan", 6, 12),
        T("Terjaganya ketenteraman dan ketertiban umum di {unit}",
          "laporan situasi ketenteraman dan ketertiban", "laporan", 12, 12),
        T("Terlaksananya Musyawarah Perencanaan Pembangunan {unit}",
          "dokumen hasil Musrenbang", "dokumen", 1, 1),
        T("Terpeliharanya sarana dan prasarana umum di {unit}",
          "laporan pemeliharaan sarana dan prasarana", "laporan", 2, 4),
    ),
    "seklur": (
        T("Terkelolanya administrasi umum dan persuratan {unit}",
          "naskah dinas yang diproses", "naskah", 300, 900),
        T("Terkelolanya administrasi keuangan {unit}", "laporan pertanggungjawaban keuangan",
          "laporan", 12, 12),
        T("Tersusunnya laporan penyelenggaraan pemerintahan {unit}",
          "laporan penyelenggaraan pemerintahan", "laporan", 4, 4),
        T("Termutakhirkannya data monografi {unit}", "dokumen data monografi", "dokumen", 1, 2),
    ),
    "kepsek": (
        T("Meningkatnya mutu pembelajaran di {unit}",
          "Persentase guru yang menerapkan pembelajaran berdiferensiasi", "persen", 80, 100),
        T("Meningkatnya capaian Rapor Pendidikan {unit}",
          "indikator Rapor Pendidikan yang meningkat", "indikator", 3, 6),
        T("Terlaksananya supervisi akademik guru di {unit}", "guru yang disupervisi", "orang",
          8, 30),
        T("Tersusunnya Rencana Kerja Sekolah dan RKAS {unit}", "dokumen RKS dan RKAS",
          "dokumen", 2, 2),
        T("Terkelolanya dana BOSP {unit} secara akuntabel", "laporan penggunaan dana BOSP",
          "laporan", 2, 4),
        T("Terwujudnya lingkungan belajar yang aman dan bebas perundungan di {unit}",
          "kegiatan pencegahan perundungan", "kegiatan", 2, 6),
    ),
    "guru": (
        T("Terlaksananya pembelajaran yang bermutu pada kelas yang diampu",
          "jam tatap muka pembelajaran", "jam pelajaran", 720, 864),
        T("Tersusunnya modul ajar dan perangkat pembelajaran", "modul ajar", "modul", 8, 16),
        T("Terlaksananya asesmen formatif dan sumatif peserta didik",
          "laporan hasil asesmen", "laporan", 2, 4),
        T("Meningkatnya hasil belajar peserta didik",
          "Persentase peserta didik yang mencapai tujuan pembelajaran", "persen", 75, 90),
        T("Terlaksananya bimbingan dan pendampingan peserta didik",
          "peserta didik yang dibimbing", "orang", 20, 40),
        T("Terlaksananya pengembangan keprofesian berkelanjutan",
          "kegiatan pengembangan diri", "kegiatan", 2, 6),
        T("Terlaksananya projek penguatan profil pelajar Pancasila",
          "projek yang difasilitasi", "projek", 2, 3),
    ),
    "pengawas_sekolah": (
        T("Terlaksananya supervisi akademik di sekolah binaan", "sekolah binaan yang disupervisi",
          "sekolah", 8, 15),
        T("Terlaksananya supervisi manajerial kepala sekolah binaan",
          "laporan supervisi manajerial", "laporan", 8, 15),
        T("Terlaksananya pendampingan penyusunan rencana kerja sekolah berbasis data",
          "sekolah yang didampingi", "sekolah", 8, 15),
        T("Tersusunnya laporan hasil pengawasan sekolah binaan", "laporan hasil pengawasan",
          "laporan", 2, 4),
    ),
    "ptp": (
        T("Tersusunnya bahan ajar digital untuk satuan pendidikan", "bahan ajar digital",
          "judul", 6, 12),
        T("Terlaksananya pelatihan pemanfaatan teknologi pembelajaran bagi guru",
          "guru yang dilatih", "orang", 40, 120),
        T("Terkelolanya platform pembelajaran daring {opd}", "laporan pengelolaan platform",
          "laporan", 4, 12),
    ),
    "dokter": (
        T("Terlaksananya pelayanan medis umum di {unit}", "pasien yang dilayani", "pasien",
          2000, 5000),
        T("Terlaksananya penanganan kegawatdaruratan medis", "kasus gawat darurat yang ditangani",
          "kasus", 50, 200),
        T("Terkendalinya rujukan pasien sesuai indikasi medis",
          "Rasio rujukan rawat jalan kasus non-spesialistik", "persen", 0, 2, rentang=True),
        T("Terlaksananya skrining penyakit tidak menular", "penduduk yang diskrining", "orang",
          300, 1000),
        T("Terlaksananya pembinaan kesehatan di posyandu dan sekolah", "kunjungan pembinaan",
          "kunjungan", 12, 24),
    ),
    "dokter_gigi": (
        T("Terlaksananya pelayanan kesehatan gigi dan mulut di {unit}", "pasien yang dilayani",
          "pasien", 800, 2000),
        T("Terlaksananya usaha kesehatan gigi sekolah", "sekolah yang dibina", "sekolah", 4, 12),
        T("Terlaksananya tindakan konservasi dan pencabutan gigi", "tindakan", "tindakan",
          300, 900),
        T("Terlaksananya penyuluhan kesehatan gigi dan mulut", "kegiatan penyuluhan",
          "kegiatan", 6, 12),
    ),
    "perawat": (
        T("Terlaksananya asuhan keperawatan pada pasien di {unit}",
          "pasien yang mendapat asuhan keperawatan", "pasien", 500, 2000),
        T("Terlaksananya perawatan kesehatan masyarakat bagi keluarga rawan",
          "keluarga rawan yang dibina", "keluarga", 20, 60),
        T("Terlaksananya triase dan tindakan keperawatan kegawatdaruratan",
          "pasien gawat darurat yang ditangani", "pasien", 100, 400),
        T("Tersusunnya dokumentasi asuhan keperawatan yang lengkap",
          "Persentase dokumentasi asuhan keperawatan yang lengkap", "persen", 95, 100),
        T("Terlaksananya pelayanan keperawatan pada kegiatan puskesmas keliling",
          "kegiatan puskesmas keliling", "kegiatan", 12, 36),
    ),
    "bidan": (
        T("Terlaksananya pelayanan antenatal terpadu bagi ibu hamil",
          "ibu hamil yang dilayani", "orang", 60, 200),
        T("Terlaksananya pertolongan persalinan di fasilitas pelayanan kesehatan",
          "persalinan yang ditolong", "persalinan", 20, 80),
        T("Terlaksananya pelayanan nifas dan neonatal esensial", "kunjungan nifas dan neonatal",
          "kunjungan", 60, 200),
        T("Terlaksananya pelayanan keluarga berencana", "akseptor KB yang dilayani",
          "akseptor", 50, 200),
        T("Terlaksananya kelas ibu hamil dan kegiatan posyandu",
          "kegiatan kelas ibu hamil dan posyandu", "kegiatan", 12, 48),
    ),
    "apoteker": (
        T("Terlaksananya pelayanan resep dan informasi obat di {unit}", "resep yang dilayani",
          "resep", 8000, 25000),
        T("Terkelolanya perbekalan farmasi {unit}", "laporan pemakaian dan lembar permintaan obat",
          "laporan", 12, 12),
        T("Terlaksananya pemantauan penggunaan obat rasional",
          "laporan pemantauan penggunaan obat rasional", "laporan", 4, 12),
        T("Terlaksananya konseling obat bagi pasien penyakit kronis", "pasien yang dikonseling",
          "pasien", 100, 300),
    ),
    "nutrisionis": (
        T("Terlaksananya pemantauan status gizi balita di wilayah kerja {unit}",
          "laporan pemantauan status gizi", "laporan", 12, 12),
        T("Terlaksananya konseling gizi bagi ibu hamil dan balita", "sasaran yang dikonseling",
          "orang", 100, 300),
        T("Terlaksananya pemberian makanan tambahan bagi balita gizi kurang",
          "balita yang mendapat makanan tambahan", "balita", 20, 80),
        T("Terlaksananya edukasi gizi seimbang di posyandu dan sekolah", "kegiatan edukasi gizi",
          "kegiatan", 6, 24),
    ),
    "sanitarian": (
        T("Terlaksananya inspeksi kesehatan lingkungan di wilayah kerja {unit}",
          "tempat yang diinspeksi", "tempat", 40, 120),
        T("Terlaksananya pemicuan Sanitasi Total Berbasis Masyarakat", "desa/kelurahan yang dipicu",
          "desa", 2, 8),
        T("Terlaksananya pengawasan tempat pengelolaan pangan", "tempat pengelolaan pangan yang "
          "diawasi", "tempat", 20, 60),
        T("Terlaksananya konseling sanitasi bagi pasien penyakit berbasis lingkungan",
          "pasien yang dikonseling", "orang", 30, 100),
    ),
    "lab": (
        T("Terlaksananya pemeriksaan laboratorium klinik di {unit}", "pemeriksaan laboratorium",
          "pemeriksaan", 2000, 6000),
        T("Terlaksananya pemantapan mutu internal laboratorium",
          "laporan pemantapan mutu internal", "laporan", 12, 12),
        T("Terlaksananya pemeriksaan dahak untuk penemuan kasus tuberkulosis", "spesimen diperiksa",
          "spesimen", 100, 400),
    ),
    "penyuluh_pertanian": (
        T("Terlaksananya penyuluhan pertanian kepada kelompok tani di wilayah binaan",
          "kunjungan penyuluhan", "kunjungan", 48, 96),
        T("Tersusunnya programa penyuluhan pertanian desa binaan", "dokumen programa penyuluhan",
          "dokumen", 1, 2),
        T("Terlaksananya demonstrasi plot teknologi budidaya", "demonstrasi plot", "unit", 1, 3),
        T("Meningkatnya kelas kemampuan kelompok tani binaan", "kelompok tani yang naik kelas",
          "kelompok", 1, 4),
        T("Tersusunnya Rencana Definitif Kebutuhan Kelompok tani binaan", "dokumen RDKK",
          "dokumen", 4, 12),
        T("Terlaksananya pendampingan pencatatan luas tanam dan panen",
          "laporan luas tanam dan panen", "laporan", 12, 24),
    ),
    "kepala_bpp": (
        T("Terkoordinasinya kegiatan penyuluhan pertanian di {unit}",
          "pertemuan koordinasi penyuluh", "kali", 12, 24),
        T("Tersusunnya programa penyuluhan pertanian tingkat kecamatan",
          "dokumen programa penyuluhan", "dokumen", 1, 1),
        T("Terlaksananya supervisi kegiatan penyuluh pertanian", "laporan supervisi",
          "laporan", 4, 12),
        T("Tersusunnya laporan produksi dan luas tanam wilayah {unit}",
          "laporan produksi dan luas tanam", "laporan", 12, 12),
    ),
    "auditor": (
        T("Terlaksananya audit kinerja perangkat daerah", "laporan hasil audit", "laporan", 3, 8),
        T("Terlaksananya reviu laporan keuangan pemerintah daerah", "kertas kerja reviu",
          "dokumen", 4, 12),
        T("Terlaksananya evaluasi akuntabilitas kinerja perangkat daerah",
          "laporan hasil evaluasi", "laporan", 3, 8),
        T("Terlaksananya pemantauan tindak lanjut hasil pemeriksaan",
          "laporan pemantauan tindak lanjut", "laporan", 2, 4),
        T("Terlaksananya pendampingan dan reviu pengadaan barang/jasa (probity audit)",
          "paket pengadaan yang direviu", "paket", 3, 10),
    ),
    "p2upd": (
        T("Terlaksananya pengawasan penyelenggaraan urusan pemerintahan daerah",
          "laporan hasil pengawasan", "laporan", 3, 8),
        T("Terlaksananya pemeriksaan atas pengaduan masyarakat", "pengaduan yang diperiksa",
          "pengaduan", 2, 8),
        T("Terlaksananya evaluasi pelaksanaan reformasi birokrasi perangkat daerah",
          "laporan hasil evaluasi", "laporan", 2, 6),
    ),
    "analis_sdm": (
        T("Tersusunnya analisis kebutuhan dan formasi pegawai",
          "dokumen analisis kebutuhan pegawai", "dokumen", 1, 3),
        T("Tersusunnya analisis jabatan dan analisis beban kerja", "dokumen anjab dan ABK",
          "dokumen", 10, 40),
        T("Terverifikasinya usulan layanan kepegawaian", "usulan yang diverifikasi", "usulan",
          100, 400),
        T("Termutakhirkannya data kepegawaian pada SIASN", "data pegawai yang dimutakhirkan",
          "data", 300, 1200),
        T("Tersusunnya bahan evaluasi kinerja pegawai", "laporan evaluasi kinerja pegawai",
          "laporan", 4, 12),
    ),
    "asesor_sdm": (
        T("Terlaksananya asesmen kompetensi pegawai", "pegawai yang diases", "orang", 40, 150),
        T("Tersusunnya laporan hasil asesmen kompetensi", "laporan hasil asesmen", "laporan",
          4, 12),
        T("Terlaksananya pemetaan talenta ASN", "dokumen pemetaan talenta", "dokumen", 1, 2),
    ),
    "prakom": (
        T("Terpeliharanya infrastruktur dan jaringan komputer {opd}",
          "laporan pemeliharaan jaringan", "laporan", 12, 12),
        T("Terkelolanya aplikasi layanan {opd}", "aplikasi yang dikelola", "aplikasi", 2, 6),
        T("Terselesaikannya permintaan dukungan teknis pengguna",
          "permintaan dukungan yang diselesaikan", "tiket", 100, 400),
        T("Tersusunnya cadangan data dan laporan keamanan sistem informasi",
          "laporan pencadangan data", "laporan", 12, 12),
        T("Terlaksananya pengembangan fitur sistem informasi {opd}", "fitur yang dikembangkan",
          "fitur", 4, 12),
    ),
    "arsiparis": (
        T("Terkelolanya arsip dinamis {opd}", "berkas arsip yang ditata", "berkas", 300, 1200),
        T("Terlaksananya pemindahan arsip inaktif sesuai jadwal retensi",
          "berkas arsip yang dipindahkan", "berkas", 100, 500),
        T("Terlaksananya alih media arsip", "arsip yang dialihmediakan", "lembar", 1000, 5000),
        T("Tersusunnya daftar arsip {opd}", "daftar arsip", "dokumen", 2, 4),
    ),
    "analis_keuangan": (
        T("Tersusunnya analisis realisasi anggaran {opd}", "laporan analisis realisasi anggaran",
          "laporan", 4, 12),
        T("Terverifikasinya dokumen pertanggungjawaban keuangan", "dokumen yang diverifikasi",
          "dokumen", 200, 800),
        T("Tersusunnya bahan laporan keuangan {opd}", "bahan laporan keuangan", "dokumen", 4, 13),
        T("Terlaksananya rekonsiliasi data keuangan", "berita acara rekonsiliasi", "dokumen",
          12, 12),
    ),
    "pbj": (
        T("Terlaksananya pemilihan penyedia barang/jasa", "paket pengadaan yang diproses",
          "paket", 10, 40),
        T("Tersusunnya reviu dokumen persiapan pengadaan", "dokumen yang direviu", "dokumen",
          10, 40),
        T("Terlaksananya pengadaan melalui katalog elektronik", "transaksi katalog elektronik",
          "transaksi", 20, 80),
    ),
    "analis_kebijakan": (
        T("Tersusunnya kajian kebijakan {topik}", "naskah kajian kebijakan", "naskah", 1, 3),
        T("Tersusunnya ringkasan kebijakan (policy brief) bagi pimpinan", "ringkasan kebijakan",
          "dokumen", 2, 6),
        T("Terlaksananya evaluasi pelaksanaan kebijakan {topik}",
          "laporan evaluasi kebijakan", "laporan", 1, 4),
        T("Tersusunnya telaahan atas rancangan kebijakan", "telaahan", "telaahan", 4, 12),
    ),
    "perencana": (
        T("Tersusunnya rancangan dokumen perencanaan {opd}", "rancangan dokumen perencanaan",
          "dokumen", 2, 5),
        T("Terlaksananya pengendalian pelaksanaan rencana pembangunan",
          "laporan pengendalian", "laporan", 4, 4),
        T("Tersusunnya evaluasi capaian kinerja program", "laporan evaluasi capaian kinerja",
          "laporan", 2, 4),
        T("Terverifikasinya usulan program dan kegiatan", "usulan kegiatan yang diverifikasi",
          "usulan", 20, 80),
    ),
    "epidemiolog": (
        T("Terlaksananya surveilans penyakit berpotensi wabah", "laporan surveilans mingguan",
          "laporan", 48, 52),
        T("Terlaksananya penyelidikan epidemiologi kejadian luar biasa",
          "Persentase sinyal KLB yang direspons kurang dari 24 jam", "persen", 90, 100),
        T("Tersusunnya analisis data epidemiologi", "laporan analisis epidemiologi", "laporan",
          4, 12),
    ),
    "adminkes": (
        T("Terkelolanya program {topik}", "laporan pelaksanaan program", "laporan", 4, 12),
        T("Terlaksananya pemantauan dan evaluasi program kesehatan di puskesmas",
          "puskesmas yang dipantau", "puskesmas", 10, 30),
        T("Tersusunnya profil kesehatan kabupaten bagian {topik}", "bahan profil kesehatan",
          "dokumen", 1, 2),
    ),
    "teknik_jalan": (
        T("Tersusunnya perencanaan teknis jalan dan jembatan", "dokumen perencanaan teknis",
          "dokumen", 3, 10),
        T("Terlaksananya pengawasan pekerjaan konstruksi jalan", "paket pekerjaan yang diawasi",
          "paket", 3, 10),
        T("Tersedianya data kondisi jalan kabupaten", "ruas jalan yang disurvei", "ruas", 20, 80),
    ),
    "teknik_pengairan": (
        T("Tersusunnya perencanaan teknis jaringan irigasi", "dokumen perencanaan teknis",
          "dokumen", 2, 6),
        T("Terlaksananya pengawasan pekerjaan konstruksi irigasi", "paket pekerjaan yang diawasi",
          "paket", 2, 8),
        T("Tersedianya data kondisi daerah irigasi", "daerah irigasi yang diinventarisasi",
          "daerah irigasi", 5, 20),
    ),
    "penata_ruang": (
        T("Tersusunnya rancangan rencana detail tata ruang", "bagian wilayah perencanaan",
          "dokumen", 1, 2),
        T("Terlaksananya penilaian kesesuaian kegiatan pemanfaatan ruang",
          "permohonan KKPR yang dinilai", "permohonan", 30, 120),
        T("Terlaksananya pengendalian pemanfaatan ruang", "laporan pengendalian", "laporan",
          4, 12),
    ),
    "pekerja_sosial": (
        T("Terlaksananya asesmen pemerlu pelayanan kesejahteraan sosial", "PPKS yang diases",
          "orang", 40, 150),
        T("Terlaksananya pendampingan rehabilitasi sosial", "klien yang didampingi", "orang",
          20, 60),
        T("Terlaksananya rujukan PPKS ke lembaga layanan", "rujukan", "rujukan", 10, 40),
    ),
    "penyuluh_sosial": (
        T("Terlaksananya penyuluhan sosial kepada masyarakat", "kegiatan penyuluhan",
          "kegiatan", 12, 36),
        T("Terbinanya potensi sumber kesejahteraan sosial", "PSKS yang dibina", "lembaga", 6, 20),
        T("Tersusunnya materi penyuluhan sosial", "materi penyuluhan", "naskah", 4, 12),
    ),
    "penguji_kendaraan": (
        T("Terlaksananya pengujian berkala kendaraan bermotor", "kendaraan yang diuji",
          "kendaraan", 1500, 4000),
        T("Terlaksananya kalibrasi dan perawatan alat uji", "laporan kalibrasi alat uji",
          "laporan", 2, 4),
        T("Terlaksananya pemeriksaan kelaikan angkutan umum di jalan",
          "kendaraan yang diperiksa", "kendaraan", 200, 600),
    ),
    "polpp": (
        T("Terlaksananya patroli ketenteraman dan ketertiban umum", "kegiatan patroli",
          "kegiatan", 48, 144),
        T("Terlaksananya penertiban pelanggaran peraturan daerah", "pelanggaran yang ditertibkan",
          "kasus", 20, 80),
        T("Terlaksananya pengamanan kegiatan pemerintah daerah", "kegiatan yang diamankan",
          "kegiatan", 12, 48),
        T("Terlaksananya sosialisasi peraturan daerah kepada masyarakat", "kegiatan sosialisasi",
          "kegiatan", 4, 12),
    ),
    "damkar": (
        T("Terlaksananya operasi pemadaman kebakaran", "kejadian kebakaran yang ditangani",
          "kejadian", 10, 60),
        T("Terlaksananya operasi penyelamatan non-kebakaran", "kejadian yang ditangani",
          "kejadian", 10, 50),
        T("Terlaksananya pemeriksaan sarana proteksi kebakaran gedung", "gedung yang diperiksa",
          "gedung", 10, 40),
        T("Terlaksananya latihan dan kesiapsiagaan regu pemadam", "kegiatan latihan",
          "kegiatan", 12, 24),
    ),
    "adb_kependudukan": (
        T("Terkelolanya database kependudukan kabupaten", "laporan konsolidasi data",
          "laporan", 2, 4),
        T("Terlaksananya perekaman dan pencetakan dokumen kependudukan",
          "dokumen kependudukan yang diterbitkan", "dokumen", 2000, 8000),
        T("Terlaksananya pelayanan hak akses data kependudukan", "lembaga pengguna yang dilayani",
          "lembaga", 10, 30),
        T("Terpeliharanya perangkat SIAK", "laporan pemeliharaan perangkat", "laporan", 12, 12),
    ),
    "pdl": (
        T("Terlaksananya pemeriksaan dokumen lingkungan hidup", "dokumen yang diperiksa",
          "dokumen", 10, 40),
        T("Terlaksananya pengawasan ketaatan usaha terhadap persetujuan lingkungan",
          "usaha/kegiatan yang diawasi", "usaha", 10, 30),
        T("Terlaksananya pemantauan kualitas air dan udara", "titik pantau yang diuji",
          "titik", 12, 40),
    ),
    "humas": (
        T("Terpublikasikannya informasi kegiatan pemerintah daerah", "berita yang dipublikasikan",
          "berita", 120, 360),
        T("Terkelolanya media sosial {opd}", "konten media sosial", "konten", 120, 300),
        T("Terlaksananya peliputan kegiatan pimpinan daerah", "kegiatan yang diliput",
          "kegiatan", 60, 200),
    ),
    "statistisi": (
        T("Terlaksananya pengumpulan data statistik sektoral", "dataset yang dikumpulkan",
          "dataset", 20, 60),
        T("Tersusunnya publikasi statistik sektoral {opd}", "publikasi statistik", "publikasi",
          1, 4),
        T("Terlaksananya validasi data pada portal Satu Data", "dataset yang divalidasi",
          "dataset", 20, 80),
    ),
    "jf_umum": (
        T("Terlaksananya tugas jabatan fungsional {jabatan} di {unit}",
          "hasil kerja jabatan fungsional", "dokumen", 12, 36),
        T("Tersusunnya laporan pelaksanaan tugas {jabatan}", "laporan pelaksanaan tugas",
          "laporan", 4, 12),
        T("Terlaksananya pengembangan profesi {jabatan}", "kegiatan pengembangan profesi",
          "kegiatan", 1, 3),
    ),
    "pengadministrasi": (
        T("Terkelolanya surat masuk dan surat keluar {unit}", "naskah dinas yang dicatat",
          "naskah", 300, 1200),
        T("Tersusunnya agenda kegiatan dan notula rapat {unit}", "notula rapat", "notula",
          12, 48),
        T("Tertatanya arsip dinamis {unit}", "berkas arsip yang ditata", "berkas", 100, 400),
        T("Terselesaikannya administrasi perjalanan dinas {unit}",
          "dokumen perjalanan dinas yang diselesaikan", "dokumen", 40, 200),
        T("Tersusunnya rekapitulasi kehadiran pegawai {unit}", "rekapitulasi kehadiran",
          "laporan", 12, 12),
    ),
    "penata_layanan": (
        T("Tersedianya bahan layanan {topik}", "bahan layanan yang disiapkan", "dokumen",
          24, 96),
        T("Terverifikasinya berkas permohonan layanan {topik}", "berkas yang diverifikasi",
          "berkas", 60, 300),
        T("Tersusunnya laporan pelaksanaan layanan {unit}", "laporan layanan", "laporan",
          12, 12),
        T("Termutakhirkannya data layanan {topik}", "data yang dimutakhirkan", "data", 50, 300),
    ),
    "operator": (
        T("Terlaksananya pelayanan tamu dan pengguna layanan di {unit}",
          "pengguna layanan yang dilayani", "orang", 300, 1200),
        T("Terpeliharanya kebersihan dan kesiapan sarana kerja {unit}",
          "laporan pemeliharaan sarana kerja", "laporan", 12, 12),
        T("Terlaksananya penginputan data layanan {unit}", "data yang diinput", "data",
          500, 2000),
        T("Terdistribusikannya naskah dinas dan dokumen {unit}", "dokumen yang didistribusikan",
          "dokumen", 200, 800),
    ),
    "pengelola_layanan": (
        T("Terkelolanya layanan operasional {unit}", "layanan operasional yang diselesaikan",
          "layanan", 100, 400),
        T("Terkelolanya persediaan barang habis pakai {unit}", "laporan persediaan", "laporan",
          4, 12),
        T("Tersusunnya laporan barang milik daerah {unit}", "laporan barang milik daerah",
          "laporan", 2, 4),
        T("Terlaksananya pemeliharaan kendaraan dinas dan peralatan kantor",
          "laporan pemeliharaan", "laporan", 4, 12),
    ),
    "pengolah_data": (
        T("Terkelolanya data pelayanan kesehatan pada SIMPUS", "data kunjungan yang diinput",
          "data", 3000, 12000),
        T("Tersusunnya laporan bulanan data dan informasi {unit}", "laporan bulanan", "laporan",
          12, 12),
        T("Terlaksananya validasi data klaim kapitasi JKN", "laporan validasi data", "laporan",
          12, 12),
    ),
}  # fmt: skip

# Jabatan fungsional by name (org.seeding.vocabulary.JF_CATALOG) → template kind.
JF_KIND = {
    "Guru": "guru", "Pengawas Sekolah": "pengawas_sekolah",
    "Pengembang Teknologi Pembelajaran": "ptp", "Dokter Gigi": "dokter_gigi",
    "Dokter": "dokter", "Perawat": "perawat", "Bidan": "bidan", "Apoteker": "apoteker",
    "Nutrisionis": "nutrisionis", "Tenaga Sanitasi Lingkungan": "sanitarian",
    "Pranata Laboratorium Kesehatan": "lab", "Penyuluh Pertanian": "penyuluh_pertanian",
    "Auditor": "auditor",
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": "p2upd",
    "Analis SDM Aparatur": "analis_sdm", "Asesor SDM Aparatur": "asesor_sdm",
    "Pranata Komputer": "prakom", "Arsiparis": "arsiparis",
    "Analis Keuangan Pusat dan Daerah": "analis_keuangan",
    "Pengelola Pengadaan Barang/Jasa": "pbj", "Analis Kebijakan": "analis_kebijakan",
    "Perencana": "perencana", "Epidemiolog Kesehatan": "epidemiolog",
    "Administrator Kesehatan": "adminkes", "Teknik Jalan dan Jembatan": "teknik_jalan",
    "Teknik Pengairan": "teknik_pengairan", "Penata Ruang": "penata_ruang",
    "Pekerja Sosial": "pekerja_sosial", "Penyuluh Sosial": "penyuluh_sosial",
    "Penguji Kendaraan Bermotor": "penguji_kendaraan", "Polisi Pamong Praja": "polpp",
    "Pemadam Kebakaran": "damkar",
    "Administrator Database Kependudukan": "adb_kependudukan",
    "Pengendali Dampak Lingkungan": "pdl", "Pranata Hubungan Masyarakat": "humas",
    "Statistisi": "statistisi",
}  # fmt: skip

# Jabatan pelaksana by name → template kind.
PELAKSANA_KIND = {
    "Pengadministrasi Perkantoran": "pengadministrasi",
    "Penata Layanan Operasional": "penata_layanan",
    "Operator Layanan Operasional": "operator",
    "Pengelola Layanan Operasional": "pengelola_layanan",
    "Pengolah Data dan Informasi": "pengolah_data",
}

# RHK tambahan: tasks outside the position (a team, a committee), rules §8.
TAMBAHAN: tuple[Tpl, ...] = (
    T("Terlaksananya tugas sebagai anggota Tim Pembangunan Zona Integritas {opd}",
      "laporan kegiatan tim", "laporan", 2, 4),
    T("Terlaksananya tugas sebagai panitia peringatan Hari Ulang Tahun Kabupaten Contoh",
      "kegiatan kepanitiaan", "kegiatan", 1, 3),
    T("Terlaksananya tugas sebagai operator SIASN dan e-Kinerja {opd}",
      "data kepegawaian yang dimutakhirkan", "data", 20, 100),
    T("Terlaksananya tugas sebagai anggota tim penyusun LKjIP {opd}", "bahan LKjIP",
      "dokumen", 1, 2),
    T("Terlaksananya tugas sebagai pengelola media sosial {opd}", "konten informasi",
      "konten", 24, 60),
    T("Terlaksananya tugas sebagai mentor CPNS pada pelatihan dasar", "peserta yang didampingi",
      "orang", 1, 3),
    T("Terlaksananya tugas sebagai anggota tim survei kepuasan masyarakat {opd}",
      "laporan survei kepuasan masyarakat", "laporan", 1, 2),
)  # fmt: skip


# --- The other indicators of an RHK (rules §8 aspects) ------------------------------


@dataclass(frozen=True)
class Sub:
    """A second or third IKI of an RHK. `{n}` is what the main IKI counts (or its unit,
    when that phrase already has a “yang”). With `rentang` the target is the range
    lo–hi, else the number lo."""

    indikator: str
    lo: int
    hi: int
    satuan: str
    rentang: bool = False


# By what the result is: documents (a report, a module, a file), services handled one by
# one (a request, a prescription), or activities and people served (a visit, a patient).
SATUAN_DOKUMEN = frozenset(
    {"dokumen", "laporan", "naskah", "modul", "notula", "berkas", "telaahan", "rancangan",
     "publikasi", "judul", "dataset", "data", "lembar"}
)  # fmt: skip
SATUAN_LAYANAN = frozenset({"layanan", "usulan", "permohonan", "tiket", "pengaduan", "resep"})
SUB: dict[tuple[str, str], tuple[Sub, ...]] = {
    ("kualitas", "dokumen"): (
        Sub("Persentase {n} yang sesuai ketentuan", 100, 100, "persen"),
        Sub("Persentase {n} yang diterima tanpa perbaikan", 90, 100, "persen", True),
        Sub("Persentase {n} yang lengkap dan akurat", 95, 95, "persen"),
    ),
    ("waktu", "dokumen"): (
        Sub("Ketepatan waktu penyelesaian {n}", 100, 100, "persen"),
        Sub("Waktu penyelesaian {n}", 12, 12, "bulan"),
    ),
    ("kualitas", "layanan"): (
        Sub("Persentase {n} yang diselesaikan sesuai standar pelayanan", 95, 95, "persen"),
        Sub("Tingkat kepuasan pengguna layanan", 80, 90, "persen", True),
    ),
    ("waktu", "layanan"): (
        Sub("Rata-rata waktu penyelesaian {n}", 1, 3, "hari kerja", True),
        Sub("Ketepatan waktu penyelesaian {n}", 100, 100, "persen"),
    ),
    ("kualitas", "kegiatan"): (
        Sub("Persentase kegiatan yang terlaksana sesuai standar operasional prosedur", 100,
            100, "persen"),
        Sub("Tingkat kepuasan penerima manfaat", 80, 90, "persen", True),
        Sub("Jumlah keluhan penerima manfaat yang tidak tertangani", 0, 0, "keluhan"),
    ),
    ("waktu", "kegiatan"): (
        Sub("Persentase kegiatan yang dilaksanakan sesuai jadwal", 100, 100, "persen"),
        Sub("Laporan pelaksanaan kegiatan disampaikan setiap bulan", 12, 12, "laporan"),
    ),
    # Outcomes (the main IKI is a rate or an index): about reporting the result.
    ("kualitas", "hasil"): (
        Sub("Persentase data capaian yang tervalidasi", 100, 100, "persen"),
        Sub("Nilai kualitas laporan capaian kinerja", 80, 90, "nilai", True),
    ),
    ("waktu", "hasil"): (
        Sub("Ketepatan waktu penyampaian laporan capaian kinerja triwulanan", 100, 100,
            "persen"),
        Sub("Laporan capaian kinerja disampaikan setiap triwulan", 4, 4, "laporan"),
    ),
    ("biaya", ""): (
        Sub("Persentase realisasi anggaran kegiatan pendukung", 90, 100, "persen", True),
        Sub("Persentase efisiensi penggunaan anggaran kegiatan", 5, 5, "persen"),
    ),
}  # fmt: skip
# Descriptive targets for an SKP with the kualitatif approach (rules §8).
TEKS_KUALITAS = (
    "{N} lengkap, akurat, dan diterima atasan tanpa perbaikan",
    "{N} sesuai standar operasional prosedur dan tanpa keluhan pengguna",
)
TEKS_WAKTU = (
    "{N} diselesaikan sesuai jadwal yang ditetapkan atasan",
    "{N} diselesaikan paling lambat akhir bulan berjalan",
)


# --- Perilaku kerja: ekspektasi khusus pimpinan per BerAKHLAK value (rules §7) ------

EKSPEKTASI: dict[int, tuple[str, ...]] = {
    1: ("Memberikan layanan kepada pengguna di {unit} dengan ramah dan tuntas, paling "
        "lambat 1 hari kerja sejak permintaan diterima",
        "Menindaklanjuti setiap keluhan pengguna layanan dan melaporkan penyelesaiannya "
        "kepada atasan",
        "Aktif mengusulkan perbaikan prosedur layanan agar lebih sederhana dan cepat"),
    2: ("Menyusun laporan pelaksanaan tugas secara jujur, tepat waktu, dan disertai bukti "
        "dukung",
        "Menggunakan barang milik daerah dan anggaran kegiatan secara hemat dan sesuai "
        "peruntukan",
        "Hadir dan pulang tepat waktu serta mengisi presensi dan aktivitas harian secara "
        "tertib"),
    3: ("Mengikuti pengembangan kompetensi sedikitnya 20 jam pelajaran dalam setahun",
        "Berbagi pengetahuan kepada rekan kerja melalui forum berbagi praktik baik di {unit}",
        "Menguasai aplikasi dan ketentuan yang berkaitan dengan tugas jabatan"),
    4: ("Menghargai pendapat rekan kerja dan menjaga suasana kerja yang kondusif",
        "Membantu rekan kerja yang membutuhkan tanpa membedakan latar belakang",
        "Menyelesaikan perbedaan pendapat di {unit} secara musyawarah"),
    5: ("Menjaga kerahasiaan data dan dokumen kedinasan",
        "Menjaga nama baik {opd} di lingkungan kerja maupun di media sosial",
        "Mendukung dan melaksanakan kebijakan pimpinan serta program prioritas daerah"),
    6: ("Cepat menyesuaikan diri dengan perubahan aplikasi dan tata kerja baru",
        "Mengusulkan sedikitnya satu gagasan inovasi untuk perbaikan kinerja {unit}",
        "Bertindak proaktif menyelesaikan pekerjaan tanpa menunggu perintah"),
    7: ("Terbuka bekerja sama dengan unit kerja lain untuk menyelesaikan pekerjaan bersama",
        "Melibatkan rekan kerja dalam penyusunan rencana dan laporan kegiatan",
        "Berbagi data dan sumber daya dengan unit lain sesuai ketentuan"),
}  # fmt: skip


# --- Lampiran (rules §8) ---------------------------------------------------------------

APLIKASI = {
    "guru": "Dapodik, Rapor Pendidikan, dan Platform Merdeka Mengajar",
    "kesehatan": "SIMPUS, P-Care BPJS Kesehatan, dan ASIK",
    "kepegawaian": "SIASN dan e-Kinerja",
    "keuangan": "SIPD Republik Indonesia",
    "pertanian": "SIMLUHTAN dan e-RDKK",
    "umum": "SRIKANDI dan aplikasi layanan {opd}",
}
DUKUNGAN = (
    "Anggaran pada DPA {opd} Tahun Anggaran {tahun}; komputer, printer, dan jaringan "
    "internet kantor; aplikasi {aplikasi}.",
    "Anggaran kegiatan {unit} Tahun Anggaran {tahun}; ruang kerja dan peralatan kantor; "
    "akses aplikasi {aplikasi}; bimbingan teknis dari atasan langsung.",
    "Sarana dan prasarana kerja {unit}; data pendukung dari unit terkait; aplikasi {aplikasi}.",
)
SKEMA = (
    "Laporan capaian kinerja bulanan disampaikan kepada {penilai} paling lambat tanggal 5 "
    "bulan berikutnya, disertai bukti dukung pada aplikasi e-Kinerja.",
    "Capaian dan bukti dukung diunggah setiap bulan; pejabat penilai memberikan umpan "
    "balik berkelanjutan dan evaluasi periodik setiap triwulan.",
    "Hasil kerja dilaporkan melalui rapat evaluasi bulanan {unit} dan didokumentasikan "
    "pada aplikasi e-Kinerja.",
)
KONSEKUENSI = (
    "Capaian kinerja menjadi dasar penetapan predikat kinerja pegawai dan pemberian "
    "tambahan penghasilan pegawai sesuai Peraturan Bupati Contoh.",
    "Target yang tidak tercapai ditindaklanjuti dengan pembinaan oleh pejabat penilai dan "
    "berpengaruh pada predikat kinerja tahunan.",
    "Predikat kinerja menjadi pertimbangan pengembangan karier, mutasi, dan promosi sesuai "
    "sistem merit.",
)

# Why a penilai returned an SKP (rules §8: a return always has a reason).
ALASAN_DIKEMBALIKAN = (
    "Target IKI pada RHK pertama belum terukur; cantumkan angka target dengan satuan yang jelas.",
    "Rumusan RHK belum selaras dengan RHK atasan yang diintervensi; sesuaikan hasil kerja "
    "yang dijanjikan.",
    "Target waktu terlalu longgar; sesuaikan dengan jadwal kegiatan unit tahun ini.",
    "Lengkapi lampiran dukungan sumber daya dan skema pertanggungjawaban.",
)
