"""Texts of the demo appraisal: what staff write as qualitative realisasi and what a
penilai writes as feedback. Plain Indonesian, as a supervisor would type it."""

from __future__ import annotations

from ..domain import ratings

REALISASI_TEKS = (
    "Terlaksana sesuai rencana; laporan telah disampaikan kepada atasan.",
    "Seluruh tahapan selesai tepat waktu dan didokumentasikan.",
    "Terlaksana dengan beberapa penyesuaian jadwal; hasil sudah diterima unit pengguna.",
    "Selesai dan telah diverifikasi oleh pejabat penilai.",
)
REALISASI_TEKS_KURANG = (
    "Baru sebagian terlaksana; sisa kegiatan dijadwalkan bulan berikutnya.",
    "Tertunda karena menunggu data dari unit lain.",
)

CATATAN_REALISASI = (
    "Data dari rekap aplikasi per akhir bulan.",
    "Bukti dukung terlampir pada aktivitas harian.",
    "",
    "",
    "",
)

# By the rating hasil kerja the penilai gave.
UMPAN_BALIK_RHK = {
    ratings.DI_ATAS: (
        "Hasil melampaui target, pertahankan kualitasnya.",
        "Capaian sangat baik; mohon bagikan cara kerjanya kepada rekan satu tim.",
    ),
    ratings.SESUAI: (
        "Target tercapai. Perhatikan ketepatan waktu pelaporan.",
        "Sudah sesuai target; dokumentasi bukti dukung agar lebih lengkap.",
    ),
    ratings.DI_BAWAH: (
        "Capaian di bawah target; susun rencana perbaikan untuk bulan depan.",
        "Mohon koordinasi lebih awal bila ada kendala agar target dapat dikejar.",
    ),
}
UMPAN_BALIK_PERILAKU = {
    1: "Responsif terhadap permintaan layanan, pertahankan.",
    2: "Laporan disusun cermat dan tepat waktu.",
    3: "Aktif mengikuti pelatihan; terapkan hasilnya dalam pekerjaan.",
    4: "Membantu rekan kerja yang kewalahan di akhir bulan.",
    5: "Menjaga kerahasiaan data pegawai dengan baik.",
    6: "Cepat menyesuaikan diri dengan aplikasi baru.",
    7: "Terbuka bekerja sama dengan bidang lain.",
}
CATATAN_PENILAI = {
    ratings.SANGAT_BAIK: "Kinerja sangat baik bulan ini.",
    ratings.BAIK: "Kinerja baik, pertahankan.",
    ratings.BUTUH_PERBAIKAN: "Perlu perbaikan pada hasil kerja; kita bahas dalam bimbingan.",
    ratings.KURANG: "Perilaku kerja perlu diperbaiki; mohon perhatikan disiplin dan kerja sama.",
    ratings.SANGAT_KURANG: "Hasil dan perilaku kerja perlu pembinaan khusus.",
}
CATATAN_ORGANISASI = {
    ratings.ISTIMEWA: "Capaian indikator kinerja utama melampaui target.",
    ratings.ORG_BAIK: "Capaian indikator kinerja utama sesuai target.",
    ratings.ORG_BUTUH_PERBAIKAN: "Beberapa indikator kinerja utama belum mencapai target.",
}
