"""Every route of execution and coaching, under the `execution` namespace (mounted at
/kinerja/), grouped by concern; the views are in views/<concern>.py."""

from django.urls import path

from .views import aktivitas, bukti, pengingat, rencana, ringkasan, umpan_balik, verifikasi

app_name = "execution"
urlpatterns = [
    # The activity log of a pegawai (views/aktivitas.py).
    path("aktivitas/", aktivitas.aktivitas_mine, name="aktivitas-mine"),
    path("aktivitas/minggu/", aktivitas.aktivitas_week, name="aktivitas-week"),
    path("aktivitas/tambah/", aktivitas.aktivitas_create, name="aktivitas-create"),
    path("aktivitas/salin/", aktivitas.aktivitas_copy, name="aktivitas-copy"),
    path("aktivitas/<int:pk>/", aktivitas.aktivitas_detail, name="aktivitas-detail"),
    path("aktivitas/<int:pk>/ubah/", aktivitas.aktivitas_update, name="aktivitas-update"),
    path("aktivitas/<int:pk>/hapus/", aktivitas.aktivitas_delete, name="aktivitas-delete"),
    # Rencana aksi (views/rencana.py).
    path("rencana-aksi/", rencana.rencana_list, name="rencana-list"),
    path("rencana-aksi/rhk/<int:rhk>/tambah/", rencana.rencana_create, name="rencana-create"),
    path(
        "rencana-aksi/rhk/<int:rhk>/pindahkan/",
        rencana.rencana_rhk_move,
        name="rencana-rhk-move",
    ),
    path("rencana-aksi/<int:pk>/ubah/", rencana.rencana_update, name="rencana-update"),
    path("rencana-aksi/<int:pk>/hapus/", rencana.rencana_delete, name="rencana-delete"),
    path("rencana-aksi/<int:pk>/catatan/", rencana.rencana_comment, name="rencana-comment"),
    path("rencana-aksi/pegawai/<int:pk>/", rencana.rencana_pegawai, name="rencana-pegawai"),
    # Evidence (bukti dukung) and the agency's execution settings (views/bukti.py).
    path("bukti/unggah/", bukti.bukti_upload, name="bukti-upload"),
    path("bukti/<int:pk>/unduh/", bukti.bukti_download, name="bukti-download"),
    path("bukti/<int:pk>/hapus/", bukti.bukti_delete, name="bukti-delete"),
    path("rhk/<int:pk>/bukti/", bukti.bukti_rhk, name="bukti-rhk"),
    path("pengaturan/", bukti.pengaturan_edit, name="pengaturan"),
    # The supervisor's verification queue, the rejection page and a reader's view of one
    # person's log (views/verifikasi.py); the monthly summaries (views/ringkasan.py).
    path("verifikasi/", verifikasi.verifikasi_queue, name="verifikasi-queue"),
    path("verifikasi/putuskan/", verifikasi.verifikasi_bulk, name="verifikasi-bulk"),
    path("aktivitas/<int:pk>/tolak/", verifikasi.aktivitas_reject, name="aktivitas-reject"),
    path("pegawai/<int:pk>/aktivitas/", verifikasi.pegawai_log, name="pegawai-log"),
    path("ringkasan/", ringkasan.ringkasan, name="ringkasan"),
    path("ringkasan/pegawai/<int:pk>/", ringkasan.ringkasan_pegawai, name="ringkasan-pegawai"),
    # Continuous feedback and coaching notes (views/umpan_balik.py).
    path("umpan-balik/", umpan_balik.umpan_balik_list, name="umpan-balik-list"),
    path("umpan-balik/baru/", umpan_balik.umpan_balik_create, name="umpan-balik-create"),
    path("umpan-balik/<int:pk>/", umpan_balik.umpan_balik_detail, name="umpan-balik-detail"),
    path("umpan-balik/<int:pk>/balas/", umpan_balik.umpan_balik_reply, name="umpan-balik-reply"),
    path("bimbingan/", umpan_balik.bimbingan_list, name="bimbingan-list"),
    path("bimbingan/baru/", umpan_balik.bimbingan_create, name="bimbingan-create"),
    path("bimbingan/<int:pk>/ubah/", umpan_balik.bimbingan_update, name="bimbingan-update"),
    path("bimbingan/<int:pk>/hapus/", umpan_balik.bimbingan_delete, name="bimbingan-delete"),
    # Reminders the Admin Instansi schedules (views/pengingat.py).
    path("pengingat/", pengingat.pengingat_list, name="pengingat-list"),
    path("pengingat/tambah/", pengingat.pengingat_create, name="pengingat-create"),
    path("pengingat/<int:pk>/ubah/", pengingat.pengingat_update, name="pengingat-update"),
    path("pengingat/<int:pk>/hapus/", pengingat.pengingat_delete, name="pengingat-delete"),
    path("pengingat/<int:pk>/kirim/", pengingat.pengingat_send, name="pengingat-send"),
]
