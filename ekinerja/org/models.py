"""Organisation and people: instansi (the tenant), unit tree, positions, staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ekinerja.core.models import InstansiScoped

from . import domain


class Instansi(models.Model):
    """An agency: a ministry, an institution, a province, a regency or a city. The tenant."""

    class Jenis(models.TextChoices):
        KEMENTERIAN = "kementerian", _("Kementerian")
        LEMBAGA = "lembaga", _("Lembaga")
        PROVINSI = "provinsi", _("Pemerintah Provinsi")
        KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
        KOTA = "kota", _("Pemerintah Kota")

    class ZonaWaktu(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (UTC+7)")
        WITA = "Asia/Makassar", _("WITA (UTC+8)")
        WIT = "Asia/Jayapura", _("WIT (UTC+9)")

    kode = models.CharField(_("kode"), max_length=32, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=50, blank=True)
    jenis = models.CharField(_("jenis"), max_length=16, choices=Jenis.choices)
    zona_waktu = models.CharField(
        _("zona waktu"), max_length=32, choices=ZonaWaktu.choices, default=ZonaWaktu.WIB
    )
    kota = models.CharField(
        _("tempat penandatanganan"), max_length=100, blank=True, help_text=_("mis. Contoh")
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    if TYPE_CHECKING:
        # Set by org.selectors.instansi_list for the platform's list, not columns.
        n_pegawai: int
        n_unit: int
        n_admin: int

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class UnitKerja(InstansiScoped):
    """An organisation unit; a tree per instansi, with a materialised path for subtrees."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    kode = models.CharField(_("kode"), max_length=32)
    nama = models.CharField(_("nama"), max_length=255)
    singkatan = models.CharField(_("singkatan"), max_length=50, blank=True)
    is_opd = models.BooleanField(
        _("OPD / satker"),
        default=False,
        help_text=_("Unit yang predikat kinerja organisasinya ditetapkan (mis. dinas, badan)."),
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    path = models.CharField(max_length=255, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="uniq_unit_kode"),
        ]
        indexes = [models.Index(fields=["instansi", "path"], name="unit_instansi_path")]

    def __str__(self) -> str:
        return self.nama


class Jabatan(InstansiScoped):
    """A position in a unit, with its parent position (which gives the supervisor)."""

    class Jenis(models.TextChoices):
        PEJABAT_NEGARA = "pejabat_negara", _("Pejabat Negara / Kepala Daerah")
        JPT_UTAMA = "jpt_utama", _("JPT Utama")
        JPT_MADYA = "jpt_madya", _("JPT Madya")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        PELAKSANA = "pelaksana", _("Pelaksana")
        FUNGSIONAL = "fungsional", _("Fungsional")

    class Jenjang(models.TextChoices):
        AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
        AHLI_MUDA = "ahli_muda", _("Ahli Muda")
        AHLI_MADYA = "ahli_madya", _("Ahli Madya")
        AHLI_UTAMA = "ahli_utama", _("Ahli Utama")
        PEMULA = "pemula", _("Pemula")
        TERAMPIL = "terampil", _("Terampil")
        MAHIR = "mahir", _("Mahir")
        PENYELIA = "penyelia", _("Penyelia")

    class Eselon(models.TextChoices):
        I_A = "I.a", "I.a"
        I_B = "I.b", "I.b"
        II_A = "II.a", "II.a"
        II_B = "II.b", "II.b"
        III_A = "III.a", "III.a"
        III_B = "III.b", "III.b"
        IV_A = "IV.a", "IV.a"
        IV_B = "IV.b", "IV.b"

    unit = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="jabatan", verbose_name=_("unit kerja")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("jabatan atasan"),
    )
    kode = models.CharField(_("kode"), max_length=32)
    nama = models.CharField(_("nama jabatan"), max_length=255)
    jenis = models.CharField(_("jenis jabatan"), max_length=16, choices=Jenis.choices)
    jenjang = models.CharField(_("jenjang"), max_length=16, choices=Jenjang.choices, blank=True)
    eselon = models.CharField(_("eselon"), max_length=8, choices=Eselon.choices, blank=True)
    kelas = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    is_head = models.BooleanField(
        _("kepala unit"), default=False, help_text=_("Jabatan ini memimpin unit kerjanya.")
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    if TYPE_CHECKING:
        # Set by org.selectors' Prefetch(to_attr="holders"): who holds it now.
        holders: list[RiwayatJabatan]

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__path", "-is_head", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="uniq_jabatan_kode"),
            models.CheckConstraint(
                condition=models.Q(kelas__isnull=True) | models.Q(kelas__gte=1, kelas__lte=17),
                name="jabatan_kelas_1_17",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "unit"], name="jabatan_instansi_unit"),
            models.Index(fields=["instansi", "parent"], name="jabatan_instansi_parent"),
        ]

    def __str__(self) -> str:
        return self.nama


class Pegawai(InstansiScoped):
    """A civil servant (PNS, CPNS, PPPK) or a non-ASN official such as a regent."""

    class Status(models.TextChoices):
        PNS = domain.PNS, _("PNS")
        CPNS = domain.CPNS, _("CPNS")
        PPPK = domain.PPPK, _("PPPK")
        NON_ASN = domain.NON_ASN, _("Pejabat non-ASN")

    class JenisKelamin(models.TextChoices):
        L = domain.GENDER_MALE, _("Laki-laki")
        P = domain.GENDER_FEMALE, _("Perempuan")

    nip = models.CharField(_("NIP / NI PPPK"), max_length=18, null=True, blank=True)
    nama = models.CharField(_("nama"), max_length=150)
    gelar_depan = models.CharField(_("gelar depan"), max_length=50, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=80, blank=True)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    tempat_lahir = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    tanggal_lahir = models.DateField(_("tanggal lahir"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    golongan = models.CharField(
        _("golongan"), max_length=8, choices=domain.GOLONGAN_CHOICES, blank=True
    )
    email = models.EmailField(_("email"), blank=True)
    telepon = models.CharField(_("telepon"), max_length=30, blank=True)
    siasn_id = models.CharField(_("ID SIASN"), max_length=64, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pegawai",
    )
    # Current definitive position and its unit, kept in step by the services from
    # RiwayatJabatan so that lists and filters are single-table lookups.
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, null=True, blank=True, related_name="pemangku"
    )
    unit = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, null=True, blank=True, related_name="pegawai"
    )
    # Derived from the org chart by services.supervisors.supervisors_recompute; never
    # typed in.
    atasan = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="bawahan"
    )
    atasan_override = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pejabat penilai pengganti"),
    )
    atasan_override_alasan = models.CharField(_("alasan"), max_length=255, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "nip"], name="uniq_pegawai_nip"),
        ]
        indexes = [
            models.Index(fields=["instansi", "nama", "id"], name="pegawai_instansi_nama"),
            models.Index(fields=["instansi", "unit", "nama"], name="pegawai_instansi_unit"),
            models.Index(fields=["instansi", "atasan"], name="pegawai_instansi_atasan"),
            models.Index(fields=["instansi", "golongan"], name="pegawai_instansi_gol"),
        ]

    def __str__(self) -> str:
        return self.nama_lengkap

    @property
    def nama_lengkap(self) -> str:
        return domain.nama_lengkap(self.gelar_depan, self.nama, self.gelar_belakang)

    @property
    def pangkat(self) -> str:
        return domain.pangkat(self.golongan)

    @property
    def nip_display(self) -> str:
        """`19860926 201505 1 001` as printed on official documents."""
        return domain.format_nip(self.nip or "")


class RiwayatJabatan(InstansiScoped):
    """Who held which position when, including acting heads (Plt / Plh)."""

    class Jenis(models.TextChoices):
        DEFINITIF = domain.HOLDER_DEFINITIF, _("Definitif")
        PLT = domain.HOLDER_PLT, _("Pelaksana Tugas (Plt)")
        PLH = domain.HOLDER_PLH, _("Pelaksana Harian (Plh)")

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="riwayat_jabatan")
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="riwayat")
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    tmt_mulai = models.DateField(_("TMT mulai"))
    tmt_selesai = models.DateField(_("TMT selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["-tmt_mulai", "-id"]
        indexes = [
            models.Index(fields=["instansi", "pegawai", "tmt_mulai"], name="riwayat_pegawai"),
            models.Index(fields=["instansi", "jabatan", "tmt_selesai"], name="riwayat_jabatan"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.jabatan} ({self.get_jenis_display()})"


class ImportBatch(InstansiScoped):
    """One uploaded import file: parsed, validated and previewed, then committed or
    cancelled. `rows` holds the normalised rows with their planned action, so that the
    commit applies exactly what the admin saw (after validating again)."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Unit kerja")
        JABATAN = "jabatan", _("Jabatan")
        PEGAWAI = "pegawai", _("Pegawai")

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Pratinjau")
        QUEUED = "queued", _("Sedang diterapkan")
        COMMITTED = "committed", _("Diterapkan")
        CANCELLED = "cancelled", _("Dibatalkan")

    kind = models.CharField(_("jenis data"), max_length=16, choices=Kind.choices)
    filename = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREVIEW
    )
    rows = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    committed_at = models.DateTimeField(_("diterapkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["instansi", "-created_at"], name="import_instansi_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"
