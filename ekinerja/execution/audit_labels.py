"""How the audit trail names what execution writes (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from ekinerja.core.audit_labels import register


def register_labels() -> None:
    """Add the labels of what execution writes to core's registry; called once, from
    the app's AppConfig.ready()."""
    register(
        actions={
            "aktivitas.create": _("Aktivitas dicatat"),
            "aktivitas.update": _("Aktivitas diubah"),
            "aktivitas.delete": _("Aktivitas dihapus"),
            "aktivitas.copy": _("Aktivitas disalin ke hari lain"),
            "aktivitas.verify": _("Aktivitas diverifikasi"),
            "aktivitas.reject": _("Aktivitas ditolak"),
            "bukti.create": _("Bukti dukung ditambahkan"),
            "bukti.delete": _("Bukti dukung dihapus"),
            "rencana_aksi.create": _("Rencana aksi dibuat"),
            "rencana_aksi.update": _("Rencana aksi diubah"),
            "rencana_aksi.delete": _("Rencana aksi dihapus"),
            "rencana_aksi.comment": _("Rencana aksi diberi catatan pejabat penilai"),
            "umpan_balik.create": _("Umpan balik diberikan"),
            "umpan_balik.reply": _("Umpan balik dibalas"),
            "bimbingan.create": _("Catatan bimbingan kinerja dibuat"),
            "bimbingan.update": _("Catatan bimbingan kinerja diubah"),
            "bimbingan.delete": _("Catatan bimbingan kinerja dihapus"),
            "pengaturan.update": _("Pengaturan pelaksanaan kinerja diubah"),
            "pengingat.create": _("Pengingat dibuat"),
            "pengingat.update": _("Pengingat diubah"),
            "pengingat.delete": _("Pengingat dihapus"),
            "pengingat.send": _("Pengingat dikirim sekarang"),
            "pengingat.delivered": _("Pengingat terkirim"),
        },
        groups={
            "aktivitas": _("Aktivitas"),
            "bukti": _("Bukti dukung"),
            "rencana_aksi": _("Rencana aksi"),
            "umpan_balik": _("Umpan balik"),
            "bimbingan": _("Bimbingan kinerja"),
            "pengingat": _("Pengingat"),
        },
        keys={
            "jam_mulai": _("Jam mulai"),
            "jam_selesai": _("Jam selesai"),
            "rencana_aksi": _("Rencana aksi"),
            "nama_berkas": _("Nama berkas"),
            "tautan": _("Tautan"),
            "pesan": _("Pesan"),
            "periode_ke": _("Periode ke"),
            "periodik": _("Jenis periode"),
            "topik": _("Topik"),
            "thread": _("Percakapan"),
            "penerima": _("Jumlah penerima"),
        },
        action_keys={
            ("aktivitas.delete", "bukti"): _("Bukti dukung yang ikut dihapus"),
            ("aktivitas.copy", "aktivitas"): _("Aktivitas baru"),
            ("aktivitas.copy", "dari"): _("Disalin dari tanggal"),
            ("aktivitas.copy", "ke"): _("Disalin ke tanggal"),
            ("aktivitas.copy", "jumlah"): _("Jumlah aktivitas"),
            ("bukti.create", "sasaran"): _("Bukti untuk"),
            ("bukti.delete", "sasaran"): _("Bukti untuk"),
        },
        action_values={
            ("bukti.create", "sasaran"): {
                "aktivitas": _("Aktivitas"),
                "rencana_aksi": _("Rencana aksi"),
                "rhk": _("RHK"),
            },
            ("bukti.delete", "sasaran"): {
                "aktivitas": _("Aktivitas"),
                "rencana_aksi": _("Rencana aksi"),
                "rhk": _("RHK"),
            },
        },
    )
