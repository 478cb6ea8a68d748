"""How the audit trail names what org writes (core.audit_labels)."""

from django.utils.translation import gettext_lazy as _

from ekinerja.core.audit_labels import register

from .models import ImportBatch


def register_labels() -> None:
    """Add the labels of what org writes to core's registry; called once, from
    the app's AppConfig.ready()."""
    register(
        actions={
            "instansi.create": _("Instansi dibuat"),
            "instansi.update": _("Instansi diubah"),
            "instansi.seed_demo": _("Data demo dibuat"),
            "unit.create": _("Unit kerja dibuat"),
            "unit.update": _("Unit kerja diubah"),
            "unit.move": _("Unit kerja dipindah"),
            "jabatan.create": _("Jabatan dibuat"),
            "jabatan.update": _("Jabatan diubah"),
            "pegawai.create": _("Pegawai ditambahkan"),
            "pegawai.update": _("Data pegawai diubah"),
            "pegawai.jabatan.definitif": _("Pegawai diangkat dalam jabatan (definitif)"),
            "pegawai.jabatan.plt": _("Pegawai ditunjuk sebagai Plt"),
            "pegawai.jabatan.plh": _("Pegawai ditunjuk sebagai Plh"),
            "pegawai.atasan": _("Pejabat penilai pengganti diatur"),
            "pegawai.roles": _("Peran pegawai diubah"),
            "riwayat.end": _("Riwayat jabatan diakhiri"),
            "role.assign": _("Peran diberikan"),
            "role.revoke": _("Peran dicabut"),
            "import.queue": _("Impor data diantrekan"),
            "import.commit": _("Impor data diterapkan"),
            "org.export": _("Data organisasi diekspor"),
        },
        groups={
            "instansi": _("Instansi"),
            "unit": _("Unit kerja"),
            "jabatan": _("Jabatan"),
            "pegawai": _("Pegawai"),
            "riwayat": _("Riwayat jabatan"),
            "role": _("Peran pengguna"),
            "import": _("Impor data"),
        },
        keys={
            "admin": _("Admin Instansi"),
            "tmt_mulai": _("TMT mulai"),
            "tmt_selesai": _("TMT selesai"),
            "nomor_sk": _("Nomor SK"),
            "gelar_depan": _("Gelar depan"),
            "gelar_belakang": _("Gelar belakang"),
            "golongan": _("Pangkat/golongan"),
            "jenis_kelamin": _("Jenis kelamin"),
            "tempat_lahir": _("Tempat lahir"),
            "tanggal_lahir": _("Tanggal lahir"),
            "telepon": _("Telepon"),
            "singkatan": _("Singkatan"),
            "urutan": _("Urutan"),
            "eselon": _("Eselon"),
            "jenjang": _("Jenjang"),
            # The columns of the import files (org.imports.columns), kept in the events.
            "kode_induk": _("Kode unit induk"),
            "opd": _("OPD / satker"),
            "kode_unit": _("Kode unit kerja"),
            "kode_jabatan": _("Kode jabatan"),
            "kode_jabatan_atasan": _("Kode jabatan atasan"),
            "kelas": _("Kelas jabatan"),
            "kepala_unit": _("Kepala unit"),
            "tmt_jabatan": _("TMT jabatan"),
            "nip": _("NIP / NI PPPK"),
            # import.commit / import.queue
            "berkas": _("Berkas"),
            "sha256": _("Sidik berkas (SHA-256)"),
            "baru": _("Baris baru"),
            "diubah": _("Baris diubah"),
            "tidak_berubah": _("Baris tidak berubah"),
            "seed": _("Nilai acak (seed)"),
        },
        action_keys={
            ("instansi.seed_demo", "pegawai"): _("Jumlah pegawai"),
            ("import.commit", "jenis"): _("Jenis data"),
            ("import.queue", "jenis"): _("Jenis data"),
            ("org.export", "jenis"): _("Jenis data"),
            ("org.export", "jumlah"): _("Jumlah baris"),
        },
        action_values={
            ("import.commit", "jenis"): dict(ImportBatch.Kind.choices),
            ("import.queue", "jenis"): dict(ImportBatch.Kind.choices),
            ("org.export", "jenis"): dict(ImportBatch.Kind.choices),
        },
        object_types={"org.export": _("Ekspor data organisasi")},
    )
