"""Words of the demo execution data: activity phrasings per kind of result, rejection
reasons, rencana aksi, feedback and coaching notes.

Demo data, not UI text: it stays in Bahasa Indonesia, as staff and supervisors write
it, and is not translated. `{obj}` is what an RHK's main IKI counts, in lower case
("laporan evaluasi kinerja"); `{kelas}` a class of a school; `{periode}` "bulan Oktober
2026" or "triwulan iv 2026".
"""

from __future__ import annotations

from .. import domain

SATUAN_DOKUMEN = frozenset(
    {"laporan", "dokumen", "naskah", "berkas", "notula", "modul", "data", "dataset",
     "telaahan", "publikasi", "judul", "rancangan", "konten", "berita", "lembar", "projek"}
)  # fmt: skip
SATUAN_KEGIATAN = frozenset({"kegiatan", "kali", "indikator"})
SATUAN_HASIL = frozenset(
    {"persen", "indeks", "nilai", "level", "rupiah", "menit", "bulan", "hari kerja", "skor"}
)
# (text, output unit: "*" = the RHK's own unit, "" = no output)
STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "dokumen": (
        ("Mengumpulkan data dan bahan penyusunan {obj}", "berkas"),
        ("Mengolah data untuk {obj}", ""),
        ("Menyusun draf {obj}", "*"),
        ("Memperbaiki draf {obj} sesuai catatan atasan", "*"),
        ("Membahas draf {obj} bersama tim kerja", "kegiatan"),
        ("Memfinalkan dan memaraf {obj}", "*"),
        ("Menyampaikan {obj} kepada atasan untuk ditandatangani", "*"),
        ("Menyiapkan surat pengantar {obj}", "surat"),
        ("Mengarsipkan {obj} beserta lampirannya", "berkas"),
        ("Mengunggah {obj} ke aplikasi dan memeriksa kelengkapannya", "dokumen"),
    ),
    "layanan": (
        ("Memverifikasi kelengkapan berkas {obj}", "berkas"),
        ("Melayani dan mencatat {obj}", "*"),
        ("Menginput data {obj} ke aplikasi", "data"),
        ("Menyusun rekapitulasi {obj}", "laporan"),
        ("Menindaklanjuti {obj} yang belum lengkap", "*"),
        ("Berkoordinasi dengan unit terkait mengenai {obj}", "kegiatan"),
        ("Membalas surat dan pesan terkait {obj}", "surat"),
    ),
    "kegiatan": (
        ("Menyiapkan bahan dan sarana {obj}", "kegiatan"),
        ("Melaksanakan {obj}", "kegiatan"),
        ("Menyusun undangan dan daftar hadir {obj}", "surat"),
        ("Mendokumentasikan pelaksanaan {obj}", "dokumen"),
        ("Menyusun laporan pelaksanaan {obj}", "laporan"),
        ("Berkoordinasi dengan pihak terkait untuk {obj}", "kegiatan"),
    ),
    "hasil": (
        ("Mengumpulkan data capaian {obj}", "data"),
        ("Menganalisis capaian {obj}", ""),
        ("Menyusun laporan capaian {obj}", "laporan"),
        ("Memantau pelaksanaan program untuk {obj}", "kegiatan"),
        ("Memaparkan capaian {obj} dalam rapat evaluasi", "kegiatan"),
        ("Memvalidasi data dukung {obj}", "dokumen"),
    ),
    "ajar": (
        ("Melaksanakan pembelajaran tatap muka di kelas {kelas} materi {materi}", "*"),
        ("Menyusun modul ajar dan media pembelajaran materi {materi}", "modul"),
        ("Memeriksa tugas dan hasil asesmen peserta didik kelas {kelas}", "berkas"),
        ("Melaksanakan remedial dan pengayaan kelas {kelas}", "kegiatan"),
        ("Membimbing peserta didik dalam projek penguatan profil pelajar Pancasila", "kegiatan"),
        ("Mengisi nilai harian peserta didik kelas {kelas} di aplikasi rapor", "data"),
    ),
}
MATERI = (
    "bilangan cacah", "pecahan", "bangun datar", "teks narasi", "teks prosedur",
    "ekosistem", "sistem pernapasan", "gaya dan gerak", "keragaman budaya", "peta dan globe",
    "perbandingan", "statistika sederhana", "puisi rakyat", "energi alternatif",
)  # fmt: skip
KELAS = ("I", "II", "III", "IV", "V", "VI", "VII A", "VII B", "VIII A", "VIII B", "IX A")
TAHAP = ("tahap I", "tahap II", "tahap III")
TEMPAT = (
    "ruang rapat bidang", "aula kantor", "ruang kerja", "kantor kecamatan", "lokasi kegiatan",
    "ruang pelayanan",
)  # fmt: skip
ROUTINE = "Mengagendakan dan mendistribusikan surat masuk"  # the repeated-text anomaly
OVERTIME = "Menyelesaikan {obj} yang harus disampaikan besok pagi (lembur)"
ALASAN_TOLAK = (
    "Uraian terlalu umum; sebutkan hasil kerja yang dihasilkan.",
    "Kegiatan tidak sesuai dengan RHK yang dipilih; pilih RHK yang tepat lalu catat ulang.",
    "Jumlah output tidak sesuai dengan bukti dukung yang ada.",
    "Kegiatan yang sama sudah dicatat pada hari sebelumnya.",
    "Durasi tidak wajar untuk kegiatan ini; mohon sesuaikan jam mulai dan selesai.",
    "Mohon lampirkan bukti dukung (notulen atau daftar hadir) lalu catat ulang.",
)
ALASAN_ANOMALI = {
    domain.ANOMALI_TUMPANG_TINDIH: "Jam kegiatan tumpang tindih dengan kegiatan lain pada "
    "hari yang sama; mohon diperbaiki.",
    domain.ANOMALI_MELEBIHI_JAM_KERJA: "Total jam hari ini melebihi jam kerja; lembur harus "
    "disertai surat perintah lembur.",
    domain.ANOMALI_TEKS_BERULANG: "Uraian yang sama dicatat berulang setiap hari; rinci hasil "
    "kerja masing-masing hari.",
}
RENCANA = {
    "dokumen": "Menyelesaikan {obj} {periode}",
    "layanan": "Menyelesaikan {obj} yang masuk {periode}",
    "kegiatan": "Melaksanakan {obj} {periode}",
    "hasil": "Memantau dan melaporkan capaian {obj} {periode}",
    "ajar": "Melaksanakan pembelajaran dan asesmen sesuai modul ajar {periode}",
}
CATATAN_PENILAI = (
    "Rencana aksi sudah sesuai; pastikan bukti dukung diunggah setiap akhir bulan.",
    "Target bulan ini terlalu rendah dibanding target tahunan; mohon dinaikkan.",
    "Sesuaikan jadwal dengan agenda rapat koordinasi bidang.",
)


EVIDENCE = (
    ("Notulen rapat koordinasi", "pdf"),
    ("Daftar hadir kegiatan", "pdf"),
    ("Foto kegiatan", "png"),
    ("Tangkapan layar aplikasi", "png"),
    ("Laporan kegiatan", "pdf"),
    ("Surat pengantar", "pdf"),
)
LINKS = (
    ("https://drive.contohkab.go.id/s/", "Folder dokumentasi kegiatan"),
    ("https://sipd.contohkab.go.id/laporan/", "Laporan di aplikasi SIPD"),
    ("https://contohkab.go.id/berita/", "Berita kegiatan di situs resmi"),
)


# --- feedback and coaching (demo) ---------------------------------------------------------

UB_RHK = (
    (
        "Progres {obj} bulan ini sudah baik. Mohon draf akhirnya disampaikan paling lambat "
        "minggu depan agar sempat saya periksa.",
        "Baik, Pak/Bu. Draf akhir akan saya sampaikan hari Kamis beserta lampirannya.",
        "Terima kasih. Sertakan juga rekap datanya dalam format tabel.",
    ),
    (
        "Output {obj} belum sesuai target bulan ini. Apa kendalanya?",
        "Data dari beberapa unit terlambat masuk. Sudah saya surati kembali dan akan saya "
        "kejar minggu ini.",
        "Baik, kabari saya kalau perlu dibantu koordinasi dengan kepala unitnya.",
    ),
    (
        "Kualitas {obj} sudah meningkat dibanding bulan lalu; pertahankan ketelitiannya.",
        "Terima kasih atas masukannya.",
        "",
    ),
)
UB_PERILAKU = {
    1: ("Pelayanan kepada pemohon minggu ini cepat dan ramah; banyak yang menyampaikan "
        "terima kasih.", "Terima kasih, akan saya pertahankan."),
    2: ("Laporan kegiatan disampaikan tepat waktu dan lengkap dengan bukti dukungnya.",
        "Siap, terima kasih."),
    3: ("Coba ikuti pelatihan analisis data bulan depan untuk menambah kompetensi.",
        "Baik, saya sudah mendaftar pada pelatihan daring BKPSDM."),
    4: ("Terima kasih sudah membantu rekan di subbidang lain saat rapat persiapan.", ""),
    5: ("Usulan memakai formulir daring untuk rekap data sangat membantu tim.",
        "Terima kasih. Saya siapkan panduan singkatnya untuk rekan-rekan."),
    6: ("Kerja sama dengan unit lain sudah baik; libatkan juga operator kecamatan.",
        "Baik, minggu depan saya undang dalam rapat koordinasi."),
    7: ("Kehadiran rapat pagi mohon lebih tepat waktu.",
        "Mohon maaf, ke depan saya akan datang lebih awal."),
}  # fmt: skip
UB_UMUM = (
    ("Mohon catat aktivitas setiap hari, jangan dirapel di akhir minggu.",
     "Baik, mulai hari ini saya catat setiap sore."),
    ("Untuk bulan depan fokus pada penyelesaian laporan triwulan.", ""),
)  # fmt: skip
BIMBINGAN = (
    ("Penyusunan laporan bulanan",
     "Membahas struktur laporan dan cara menyajikan capaian per indikator. Data pendukung "
     "masih tersebar di beberapa berkas.",
     "Menyatukan data pendukung dalam satu lembar kerja; draf dikirim tanggal 25."),
    ("Ketepatan waktu pencatatan aktivitas",
     "Aktivitas sering dicatat sekaligus pada hari Jumat sehingga uraiannya kurang rinci.",
     "Mencatat aktivitas setiap hari sebelum pulang."),
    ("Peningkatan kompetensi teknis",
     "Diskusi kebutuhan pelatihan untuk mendukung RHK tahun ini.",
     "Mengikuti pelatihan daring dan berbagi materi kepada tim."),
    ("Evaluasi capaian triwulan",
     "Capaian sebagian indikator di bawah target karena keterlambatan data dari unit lain.",
     "Menyusun jadwal pengumpulan data bersama unit terkait."),
)  # fmt: skip
