"""Attendance and leave (issue 13; rules §9): working time as versioned data, Ramadan,
holidays, shifts and roster; devices, PINs and raw punches (never edited); the daily
status with its inputs; the month lock; leave, dinas luar, corrections, check-in mode
and geofence points. Keys into org are PROTECT; no Meta ordering (selectors order).
Datetimes are UTC; wall-clock times are read in the instansi's (a device's) zone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ekinerja.core.models import InstansiScoped
from ekinerja.org.models import Instansi

from .domain import daily, leave, punches, schedule


def _pegawai(verbose: Any = "", **kw: Any) -> models.ForeignKey:
    kw["verbose_name"] = verbose or _("pegawai")
    return models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+", **kw)


def _unit(null: bool = True, verbose: Any = "") -> models.ForeignKey:
    name = verbose or _("unit kerja")
    return models.ForeignKey(
        "org.UnitKerja", models.PROTECT, null=null, blank=null, related_name="+", verbose_name=name
    )


def _user(verbose: Any) -> models.ForeignKey:
    kw = {"null": True, "blank": True, "related_name": "+", "verbose_name": verbose}
    return models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, **kw)


def _unique(name: str, *fields: str, **condition: Any) -> models.UniqueConstraint:
    """A unique key, starting with instansi (CONVENTIONS), optionally partial."""
    return models.UniqueConstraint(
        fields=["instansi", *fields], condition=Q(**condition) if condition else None, name=name
    )


def _ends_after_start(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name=name)


# --- working time (rules §9; ADR 0010: a change is a new row) -----------------------------


class JadwalKerja(InstansiScoped):
    """A version of the weekly hours of an instansi (unit empty) or a unit's subtree, in
    force from `berlaku_mulai` to the next version of that scope. Never edited (ADR
    0010): a past day keeps the version it was computed with. `pola` is the JSON of a
    domain WorkPattern (services/jadwal.py): seven entries Monday..Sunday, each null or
    {"mulai", "selesai", "istirahat_mulai", "istirahat_selesai"} as "HH:MM";
    `pola_ramadan` null: Ramadan does not change these hours."""

    unit = _unit()
    nama = models.CharField(_("nama"), max_length=100)
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    pola = models.JSONField(_("pola jam kerja"))
    pola_ramadan = models.JSONField(_("pola jam kerja Ramadan"), null=True, blank=True)
    dibuat_oleh = _user(_("dibuat oleh"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jadwal kerja")
        verbose_name_plural = _("jadwal kerja")
        constraints = [
            _unique("uniq_jadwal_instansi_mulai", "berlaku_mulai", unit__isnull=True),
            _unique("uniq_jadwal_unit_mulai", "unit", "berlaku_mulai", unit__isnull=False),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.berlaku_mulai:%d-%m-%Y})"


class PeriodeRamadan(InstansiScoped):
    """The Ramadan period of a year, from the year's MenPANRB circular (rules §9)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))

    class Meta:
        verbose_name = _("periode Ramadan")
        verbose_name_plural = _("periode Ramadan")
        constraints = [
            _unique("uniq_ramadan_tahun", "tahun"),
            _ends_after_start("ramadan_urut"),
        ]

    def __str__(self) -> str:
        return f"Ramadan {self.tahun}"


class HariLibur(InstansiScoped):
    """A national holiday (the `holidays` package), cuti bersama or local holiday."""

    class Jenis(models.TextChoices):
        NASIONAL = schedule.NASIONAL, _("Libur nasional")
        CUTI_BERSAMA = schedule.CUTI_BERSAMA, _("Cuti bersama")
        LOKAL = schedule.LOKAL, _("Libur daerah")

    tanggal = models.DateField(_("tanggal"))
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=16, choices=Jenis.choices)
    dari_paket = models.BooleanField(_("dari daftar libur nasional"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        constraints = [_unique("uniq_libur_tanggal", "tanggal")]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"


class Shift(InstansiScoped):
    """A shift (RSUD, Damkar); an end at or before the start ends the next day. Its
    hours do not change once a roster used it."""

    unit = _unit()
    kode = models.CharField(_("kode"), max_length=16)
    nama = models.CharField(_("nama"), max_length=100)
    mulai = models.TimeField(_("jam mulai"))
    selesai = models.TimeField(_("jam selesai"))
    istirahat_menit = models.PositiveSmallIntegerField(_("istirahat (menit)"), default=0)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shift")
        constraints = [_unique("uniq_shift_kode", "kode")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class JadwalShift(InstansiScoped):
    """A person's roster for a day: a shift, or none (rostered day off). A day without a
    row follows the weekly pattern."""

    pegawai = _pegawai()
    tanggal = models.DateField(_("tanggal"))
    shift = models.ForeignKey(
        Shift, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("shift"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("jadwal shift")
        verbose_name_plural = _("jadwal shift")
        constraints = [_unique("uniq_jadwal_shift", "pegawai", "tanggal")]
        indexes = [models.Index(fields=["instansi", "tanggal"], name="jshift_tanggal")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tanggal}"


# --- devices and raw punches (issue 13 §3) -----------------------------------------------


class Mesin(InstansiScoped):
    """A fingerprint/face device of a unit. The serial is unique across the platform,
    not per instansi: the ADMS push authenticates by serial alone."""

    unit = _unit(null=False)
    nomor_seri = models.CharField(_("nomor seri"), max_length=64)
    nama = models.CharField(_("nama atau lokasi"), max_length=150)
    zona_waktu = models.CharField(
        _("zona waktu"), max_length=32, choices=Instansi.ZonaWaktu.choices,
        default=Instansi.ZonaWaktu.WIB,
    )  # fmt: skip
    terdaftar_pada = models.DateTimeField(_("terdaftar pada"))
    terakhir_terlihat = models.DateTimeField(_("terakhir terhubung"), null=True, blank=True)
    batas_offline_menit = models.PositiveIntegerField(_("dianggap offline setelah (menit)"),
                                                      default=1440)  # fmt: skip
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("mesin absensi")
        verbose_name_plural = _("mesin absensi")
        constraints = [
            models.UniqueConstraint(fields=["nomor_seri"], name="uniq_mesin_nomor_seri"),
        ]
        indexes = [models.Index(fields=["instansi", "unit"], name="mesin_unit")]

    def __str__(self) -> str:
        return f"{self.nama} ({self.nomor_seri})"


class PinPegawai(InstansiScoped):
    """A device PIN of a person. A PIN without a row is read as a NIP (the default rule);
    one that matches neither is held (Presensi.pegawai empty), never dropped."""

    pin = models.CharField(_("PIN"), max_length=24)
    pegawai = _pegawai()

    class Meta:
        verbose_name = _("PIN mesin")
        verbose_name_plural = _("PIN mesin")
        constraints = [_unique("uniq_pin", "pin")]
        indexes = [models.Index(fields=["instansi", "pegawai"], name="pin_pegawai")]

    def __str__(self) -> str:
        return self.pin


class ImporPresensi(InstansiScoped):
    """An uploaded punch file of one device: previewed, then committed or cancelled; the
    file is kept compressed until then, so the commit reads what the admin saw."""

    class Format(models.TextChoices):
        ATTLOG = "attlog", _("Log mesin (attlog)")
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel (XLSX)")

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", _("Pratinjau")
        ANTRE = "antre", _("Sedang diterapkan")
        DITERAPKAN = "diterapkan", _("Diterapkan")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    mesin = models.ForeignKey(Mesin, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("mesin absensi"))  # fmt: skip
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    format = models.CharField(_("format berkas"), max_length=8, choices=Format.choices)
    sha256 = models.CharField(max_length=64)
    isi = models.BinaryField(editable=False)  # zlib; emptied once committed or cancelled
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PRATINJAU)  # fmt: skip
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)
    kesalahan = models.JSONField(_("baris bermasalah"), default=list, blank=True)
    diunggah_oleh = _user(_("diunggah oleh"))
    created_at = models.DateTimeField(auto_now_add=True)
    diterapkan_pada = models.DateTimeField(_("diterapkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor presensi")
        verbose_name_plural = _("impor presensi")
        indexes = [models.Index(fields=["instansi", "-created_at"], name="imporpres_waktu")]

    def __str__(self) -> str:
        return self.nama_berkas


class Presensi(InstansiScoped):
    """A raw punch as received, never edited: the only change is setting `pegawai` when
    the admin maps a held PIN (audited). Device punches are unique by (mesin, pin,
    waktu), so a re-import or re-push adds nothing; phone/web ones by (pegawai, waktu) in
    whole seconds. `tanda`: flags (a device clock that is off, domain.attlog; low
    accuracy, mocked location, impossible travel). To be partitioned by month of `waktu`
    on PostgreSQL (issue 13, performance): both unique keys hold `waktu` and no key points
    here (StatusHarian lists punch ids); the device and import keys have no index of
    their own (presensi_mesin covers the device; imports are never deleted)."""

    class Sumber(models.TextChoices):
        BERKAS = "berkas", _("Berkas log mesin")
        CSV = "csv", _("Berkas CSV/XLSX")
        ADMS = "adms", _("Kiriman mesin (ADMS)")
        PONSEL = "ponsel", _("Absen lewat ponsel")
        WEB = "web", _("Absen lewat web")

    mesin = models.ForeignKey(Mesin, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("mesin absensi"),
                              db_index=False)  # fmt: skip
    pin = models.CharField(_("PIN"), max_length=24, blank=True)
    pegawai = _pegawai(null=True, blank=True)
    waktu = models.DateTimeField(_("waktu"))
    status = models.PositiveSmallIntegerField(_("status verifikasi"), default=punches.UNDEFINED)
    verifikasi = models.PositiveSmallIntegerField(_("tipe verifikasi"), null=True, blank=True)
    kode_kerja = models.CharField(_("kode kerja"), max_length=16, blank=True)
    sumber = models.CharField(_("sumber"), max_length=8, choices=Sumber.choices)
    baris = models.CharField(_("baris asli"), max_length=255, blank=True)
    impor = models.ForeignKey(ImporPresensi, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("impor"),
                              db_index=False)  # fmt: skip
    tanda = models.JSONField(_("tanda"), default=list, blank=True)
    ditandai = models.BooleanField(_("ditandai"), default=False)
    lintang = models.FloatField(_("lintang"), null=True, blank=True)
    bujur = models.FloatField(_("bujur"), null=True, blank=True)
    akurasi_m = models.FloatField(_("akurasi (m)"), null=True, blank=True)
    foto = models.CharField(_("foto"), max_length=255, blank=True)  # name in private storage
    diterima_pada = models.DateTimeField(_("diterima pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("presensi")
        verbose_name_plural = _("presensi")
        constraints = [
            _unique("uniq_presensi_mesin", "mesin", "pin", "waktu", mesin__isnull=False),
            _unique("uniq_presensi_ponsel", "pegawai", "waktu", mesin__isnull=True),
        ]
        indexes = [
            models.Index(fields=["instansi", "pegawai", "waktu"], name="presensi_pegawai"),
            models.Index(
                fields=["instansi", "pin", "mesin"],
                condition=Q(pegawai__isnull=True),
                name="presensi_pin_tanpa_pegawai",
            ),
            models.Index(fields=["instansi", "mesin", "waktu"], name="presensi_mesin"),
        ]

    def __str__(self) -> str:
        return f"{self.pin or self.pegawai_id} {self.waktu:%Y-%m-%d %H:%M:%S}"


# --- the daily status and the month lock (issue 13 §7, §9) -------------------------------


class StatusHarian(InstansiScoped):
    """A person's day with what produced it (ADR 0010): the schedule (source, version or
    shift, hours), the punches, leave, DL and corrections used, minutes and TL/PSW bands
    of the deduction table, and the explanation as Msg JSON (shown in the reader's
    language)."""

    class Status(models.TextChoices):
        HADIR = daily.HADIR, _("Hadir")
        TK = daily.TK, _("Tanpa keterangan (TK)")
        CUTI = daily.CUTI, _("Cuti")
        DL = daily.DL, _("Dinas luar (DL)")
        LIBUR = daily.LIBUR, _("Libur")
        BELUM = daily.BELUM, _("Belum absen")

    pegawai = _pegawai()
    tanggal = models.DateField(_("tanggal"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    jenis_cuti = models.CharField(_("jenis cuti"), max_length=16, blank=True)
    sumber_jadwal = models.CharField(_("dasar jadwal"), max_length=16)
    jadwal_kerja = models.ForeignKey(JadwalKerja, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+")  # fmt: skip
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")  # fmt: skip
    hari_libur = models.ForeignKey(HariLibur, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")  # fmt: skip
    jam_mulai = models.DateTimeField(_("jadwal mulai"), null=True, blank=True)
    jam_selesai = models.DateTimeField(_("jadwal selesai"), null=True, blank=True)
    masuk = models.DateTimeField(_("absen masuk"), null=True, blank=True)
    pulang = models.DateTimeField(_("absen pulang"), null=True, blank=True)
    menit_terlambat = models.PositiveSmallIntegerField(null=True, blank=True)
    menit_pulang_cepat = models.PositiveSmallIntegerField(null=True, blank=True)
    kode_tl = models.CharField(max_length=8, blank=True)
    kode_psw = models.CharField(max_length=8, blank=True)
    tanpa_masuk = models.BooleanField(default=False)
    tanpa_pulang = models.BooleanField(default=False)
    sementara = models.BooleanField(default=False)  # the day had not ended
    tabel = models.CharField(max_length=64, blank=True)  # the deduction table's name
    # Inputs by id: punches used, and the leave, DL, corrections that applied.
    presensi = models.JSONField(default=list, blank=True)
    cuti = models.ForeignKey("Cuti", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")  # fmt: skip
    dinas_luar = models.ForeignKey("DinasLuar", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+")  # fmt: skip
    koreksi = models.JSONField(default=list, blank=True)
    penjelasan = models.JSONField(default=list, blank=True)
    dihitung_pada = models.DateTimeField()

    class Meta:
        verbose_name = _("status kehadiran harian")
        verbose_name_plural = _("status kehadiran harian")
        constraints = [_unique("uniq_status_harian", "pegawai", "tanggal")]
        indexes = [models.Index(fields=["instansi", "tanggal", "status"], name="status_tanggal")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tanggal} {self.status}"


class KunciBulan(InstansiScoped):
    """A month locked for the instansi (unit empty) or an OPD's subtree: while in force no
    day of it changes; the TPP reads locked months only. A reopen keeps the row as
    history with its reason; locking again makes a new row."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    unit = _unit(verbose=_("OPD"))
    dikunci_oleh = _user(_("dikunci oleh"))
    dikunci_pada = models.DateTimeField(_("dikunci pada"))
    dibuka_oleh = _user(_("dibuka oleh"))
    dibuka_pada = models.DateTimeField(_("dibuka pada"), null=True, blank=True)
    alasan_buka = models.TextField(_("alasan dibuka"), blank=True)

    class Meta:
        verbose_name = _("kunci bulan kehadiran")
        verbose_name_plural = _("kunci bulan kehadiran")
        constraints = [
            # One lock in force per month and scope; reopened rows stay as history.
            _unique("uniq_kunci_instansi", "tahun", "bulan", unit=None, dibuka_pada=None),
            _unique("uniq_kunci_unit", "tahun", "bulan", "unit", dibuka_pada=None),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="kunci_bulan"),
        ]
        indexes = [models.Index(fields=["instansi", "tahun", "bulan"], name="kunci_bulan_idx")]

    def __str__(self) -> str:
        return f"{self.bulan:02d}-{self.tahun}"


# --- leave, dinas luar, corrections, check-in (their services come later) ---------------


class Cuti(InstansiScoped):
    """A leave request (PP 11/2017; Peraturan BKN 24/2017, 7/2022) with the working days
    counted; approved by the supervisor, then the authorised official where the
    instansi says so. An izin for hours has its hours."""

    class Jenis(models.TextChoices):
        TAHUNAN = leave.TAHUNAN, _("Cuti Tahunan")
        BESAR = leave.BESAR, _("Cuti Besar")
        SAKIT = leave.SAKIT, _("Cuti Sakit")
        MELAHIRKAN = leave.MELAHIRKAN, _("Cuti Melahirkan")
        ALASAN_PENTING = leave.ALASAN_PENTING, _("Cuti Karena Alasan Penting")
        BERSAMA = leave.BERSAMA, _("Cuti Bersama")
        CLTN = leave.CLTN, _("Cuti di Luar Tanggungan Negara")
        DISPENSASI = leave.DISPENSASI, _("Dispensasi")
        TUGAS_BELAJAR = leave.TUGAS_BELAJAR, _("Tugas Belajar")
        IZIN_JAM = "izin_jam", _("Izin beberapa jam")

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI_ATASAN = "disetujui_atasan", _("Disetujui atasan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    pegawai = _pegawai()
    jenis = models.CharField(_("jenis cuti"), max_length=16, choices=Jenis.choices)
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    jam_mulai = models.TimeField(_("jam mulai"), null=True, blank=True)
    jam_selesai = models.TimeField(_("jam selesai"), null=True, blank=True)
    hari = models.PositiveSmallIntegerField(_("lama (hari kerja)"), default=0)
    alasan = models.TextField(_("alasan"), blank=True)
    alamat = models.CharField(_("alamat selama cuti"), max_length=255, blank=True)
    lampiran = models.CharField(_("lampiran"), max_length=255, blank=True)  # private storage
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DIAJUKAN)  # fmt: skip
    atasan = _pegawai(_("atasan langsung"), null=True, blank=True)
    disetujui_atasan_pada = models.DateTimeField(null=True, blank=True)
    pejabat = _pegawai(_("pejabat berwenang"), null=True, blank=True)
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    catatan_keputusan = models.TextField(_("catatan keputusan"), blank=True)
    nomor_surat = models.CharField(_("nomor surat izin cuti"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuti")
        verbose_name_plural = _("cuti")
        indexes = [
            models.Index(fields=["instansi", "pegawai", "mulai"], name="cuti_pegawai"),
            models.Index(fields=["instansi", "status", "mulai"], name="cuti_status"),
        ]
        constraints = [_ends_after_start("cuti_urut")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.mulai:%d-%m-%Y}"


class BukuCuti(InstansiScoped):
    """An entry of a person's cuti tahunan ledger (domain.leave.LedgerEntry); a year's
    balance is the sum of its entries, which are added, never edited."""

    class Jenis(models.TextChoices):
        ALOKASI = leave.ALOKASI, _("Hak tahun berjalan")
        BAWAAN = leave.BAWAAN, _("Sisa tahun lalu")
        PAKAI = leave.PAKAI, _("Cuti diambil")
        BERSAMA = leave.CUTI_BERSAMA, _("Cuti bersama")
        BATAL = leave.BATAL, _("Cuti dibatalkan")
        KOREKSI = leave.KOREKSI, _("Hitung ulang")
        GUGUR = leave.GUGUR, _("Gugur karena cuti besar")
        DIBAWA = leave.DIBAWA, _("Dibawa ke tahun berikutnya")
        HANGUS = leave.HANGUS, _("Hangus akhir tahun")

    pegawai = _pegawai()
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    hari = models.SmallIntegerField(_("hari kerja"))
    tanggal = models.DateField(_("tanggal"))
    cuti = models.ForeignKey(Cuti, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("cuti"))  # fmt: skip
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buku cuti")
        verbose_name_plural = _("buku cuti")
        indexes = [models.Index(fields=["instansi", "pegawai", "tahun"], name="bukucuti_tahun")]

    def __str__(self) -> str:
        return f"{self.tahun} {self.jenis} {self.hari:+d}"


class DinasLuar(InstansiScoped):
    """Dinas luar on a surat tugas (issue 13 §5), one row per person: the days count as
    DL; check-in at the destination needs no office geofence."""

    pegawai = _pegawai()
    nomor_surat = models.CharField(_("nomor surat tugas"), max_length=100)
    tanggal_surat = models.DateField(_("tanggal surat tugas"))
    tujuan = models.CharField(_("tujuan"), max_length=255)
    mulai = models.DateField(_("tanggal mulai"))
    selesai = models.DateField(_("tanggal selesai"))
    keperluan = models.TextField(_("keperluan"), blank=True)
    dibatalkan = models.BooleanField(_("dibatalkan"), default=False)
    dibuat_oleh = _user(_("dicatat oleh"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dinas luar")
        verbose_name_plural = _("dinas luar")
        indexes = [models.Index(fields=["instansi", "pegawai", "mulai"], name="dl_pegawai")]
        constraints = [_ends_after_start("dl_urut")]

    def __str__(self) -> str:
        return self.nomor_surat


class Koreksi(InstansiScoped):
    """A correction of a day (issue 13 §8): lupa absen / alat rusak with the missing
    time(s), or DL / sakit; decided by the supervisor; it lives beside the punches."""

    class Jenis(models.TextChoices):
        LUPA_ABSEN = daily.LUPA_ABSEN, _("Lupa absen")
        ALAT_RUSAK = daily.ALAT_RUSAK, _("Alat rusak")
        DL = daily.KOREKSI_DL, _("Dinas luar")
        SAKIT = daily.KOREKSI_SAKIT, _("Sakit")

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Diajukan")
        DISETUJUI = "disetujui", _("Disetujui")
        DITOLAK = "ditolak", _("Ditolak")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    pegawai = _pegawai()
    tanggal = models.DateField(_("tanggal"))
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    jam_masuk = models.DateTimeField(_("jam masuk"), null=True, blank=True)
    jam_pulang = models.DateTimeField(_("jam pulang"), null=True, blank=True)
    alasan = models.TextField(_("alasan"))
    bukti = models.CharField(_("bukti"), max_length=255, blank=True)  # private storage
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DIAJUKAN)  # fmt: skip
    diputus_oleh = _pegawai(_("diputus oleh"), null=True, blank=True)
    diputus_pada = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    catatan_keputusan = models.TextField(_("catatan keputusan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("koreksi kehadiran")
        verbose_name_plural = _("koreksi kehadiran")
        indexes = [
            models.Index(fields=["instansi", "pegawai", "tanggal"], name="koreksi_pegawai"),
            models.Index(fields=["instansi", "status", "tanggal"], name="koreksi_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}"


class ModePresensi(InstansiScoped):
    """How a person records attendance, set by the admin; no row means device only."""

    class Mode(models.TextChoices):
        MESIN = "mesin", _("Hanya mesin absensi")
        PONSEL = "ponsel", _("Boleh lewat ponsel")
        KEDUANYA = "keduanya", _("Mesin dan ponsel")

    pegawai = _pegawai()
    mode = models.CharField(_("cara absen"), max_length=8, choices=Mode.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cara absen pegawai")
        verbose_name_plural = _("cara absen pegawai")
        constraints = [_unique("uniq_mode_presensi", "pegawai")]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.mode}"


class TitikLokasi(InstansiScoped):
    """A geofence point of a unit (domain.geofence.Circle), WGS 84 degrees."""

    unit = _unit(null=False)
    nama = models.CharField(_("nama"), max_length=100)
    lintang = models.FloatField(_("lintang"))
    bujur = models.FloatField(_("bujur"))
    radius_m = models.PositiveIntegerField(_("radius (m)"))
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("titik lokasi absen")
        verbose_name_plural = _("titik lokasi absen")
        indexes = [models.Index(fields=["instansi", "unit"], name="titik_unit")]
        constraints = [
            models.CheckConstraint(
                condition=Q(lintang__gte=-90, lintang__lte=90, bujur__gte=-180, bujur__lte=180,
                            radius_m__gte=1),
                name="titik_koordinat",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.nama
