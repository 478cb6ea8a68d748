"""How the audit trail names what attendance writes (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from ekinerja.core.audit_labels import register


def register_labels() -> None:
    register(
        actions={
            "jadwal_kerja.create": _("Versi jadwal kerja dibuat"),
            "periode_ramadan.create": _("Periode Ramadan ditetapkan"),
            "periode_ramadan.update": _("Periode Ramadan diubah"),
            "shift.create": _("Shift dibuat"),
            "shift.update": _("Shift diubah"),
            "shift.delete": _("Shift dihapus"),
            "jadwal_shift.assign": _("Jadwal shift sebulan ditetapkan"),
            "hari_libur.load": _("Libur nasional dimuat"),
            "hari_libur.create": _("Hari libur ditambahkan"),
            "hari_libur.delete": _("Hari libur dihapus"),
            "mesin.create": _("Mesin absensi didaftarkan"),
            "mesin.update": _("Mesin absensi diubah"),
            "mesin.deactivate": _("Mesin absensi dinonaktifkan"),
            "pin.set": _("PIN mesin dipetakan ke pegawai"),
            "pin.unset": _("Pemetaan PIN mesin dihapus"),
            "presensi.map_pin": _("Presensi PIN tak dikenal diberikan ke pegawai"),
            "impor_presensi.commit": _("Impor presensi diterapkan"),
            "impor_presensi.queue": _("Impor presensi diserahkan ke proses latar"),
            "impor_presensi.cancel": _("Impor presensi dibatalkan"),
            "status_harian.recompute": _("Status kehadiran sebulan dihitung ulang"),
            "kunci_bulan.create": _("Bulan kehadiran dikunci"),
            "kunci_bulan.reopen": _("Kunci bulan kehadiran dibuka"),
        },
        groups={
            "jadwal_kerja": _("Jadwal kerja"),
            "periode_ramadan": _("Periode Ramadan"),
            "shift": _("Shift"),
            "jadwal_shift": _("Jadwal shift"),
            "hari_libur": _("Hari libur"),
            "mesin": _("Mesin absensi"),
            "pin": _("PIN mesin"),
            "presensi": _("Presensi"),
            "impor_presensi": _("Impor presensi"),
            "status_harian": _("Status kehadiran harian"),
            "kunci_bulan": _("Kunci bulan kehadiran"),
        },
        keys={"bulan": _("Bulan"), "pin": _("PIN")},
        action_keys={
            ("hari_libur.load", "sudah_ada"): _("Tanggal yang sudah ada"),
            ("impor_presensi.commit", "baru"): _("Presensi baru"),
            ("impor_presensi.commit", "sudah_ada"): _("Presensi yang sudah ada"),
            ("impor_presensi.commit", "pin_tidak_dikenal"): _("Presensi PIN tak dikenal"),
            ("impor_presensi.commit", "baris_rusak"): _("Baris rusak"),
            ("impor_presensi.commit", "tanda_jam"): _("Presensi dengan jam mesin janggal"),
            ("impor_presensi.queue", "baru"): _("Presensi baru"),
            ("jadwal_shift.assign", "pegawai"): _("Jumlah pegawai"),
            ("jadwal_shift.assign", "jumlah"): _("Jumlah jadwal harian"),
            ("status_harian.recompute", "jumlah"): _("Hari yang dihitung"),
            ("status_harian.recompute", "terkunci"): _("Hari yang terkunci (tidak diubah)"),
            ("kunci_bulan.create", "jumlah"): _("Hari yang dihitung"),
            ("presensi.map_pin", "jumlah"): _("Jumlah presensi"),
        },
    )
