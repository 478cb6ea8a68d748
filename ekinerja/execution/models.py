"""Execution and coaching (spec README "The cycle" step 2; data-model "RencanaAksi",
"Aktivitas", "BuktiDukung", "UmpanBalik"): action plans per RHK and period, the daily
activity log with its verification, evidence files and links, feedback threads and
coaching notes, the agency's settings for all of it, and the reminders its admin
schedules."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from ekinerja.core.models import InstansiScoped

from .storage import bukti_storage


class PengaturanPelaksanaan(InstansiScoped):
    """One row per instansi, kept by its Admin Instansi; a missing row means the defaults
    (domain.DEFAULT_SETTINGS)."""

    maks_unggah_kb = models.PositiveIntegerField(
        _("ukuran maksimum bukti dukung (KB)"), default=5120
    )
    menit_kerja_harian = models.PositiveSmallIntegerField(
        _("menit kerja per hari"),
        default=450,
        help_text=_("Aktivitas sehari yang melebihi jumlah ini ditandai untuk atasan."),
    )
    batas_teks_berulang = models.PositiveSmallIntegerField(
        _("batas uraian yang sama"),
        default=5,
        help_text=_(
            "Uraian aktivitas yang sama persis pada sekian hari berbeda dalam 30 hari "
            "ditandai untuk atasan."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaturan pelaksanaan kinerja")
        verbose_name_plural = _("pengaturan pelaksanaan kinerja")
        constraints = [
            models.UniqueConstraint(fields=["instansi"], name="uniq_pengaturan_pelaksanaan"),
        ]

    def __str__(self) -> str:
        return f"Pengaturan {self.instansi_id}"


class RencanaAksi(InstansiScoped):
    """A planned step of an RHK in one period of the year (a month, or a quarter when the
    instansi evaluates quarterly), with its target; the penilai comments on it."""

    pegawai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai")
    )
    # PROTECT, here and on every key into plans: an RHK with plans, evidence, activities
    # or feedback attached is refused by plans (plans/hooks.py) instead of taking them.
    rhk = models.ForeignKey(
        "plans.RHK", on_delete=models.PROTECT, related_name="rencana_aksi", verbose_name=_("RHK")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    # 1..12 for a monthly year, 1..4 for a quarterly one (plans.PeriodeKinerja.periodik).
    periode_ke = models.PositiveSmallIntegerField(_("periode ke"))
    periodik = models.CharField(_("periodik"), max_length=12)
    uraian = models.TextField(_("rencana aksi"))
    target_jumlah = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_satuan = models.CharField(_("satuan"), max_length=64, blank=True)
    catatan_penilai = models.TextField(_("catatan pejabat penilai"), blank=True)
    catatan_oleh = models.ForeignKey(
        "org.Pegawai", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    catatan_at = models.DateTimeField(null=True, blank=True)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["tahun", "periode_ke", "rhk", "urutan", "id"]
        indexes = [
            models.Index(fields=["instansi", "pegawai", "tahun", "periode_ke"], name="ra_pegawai"),
            models.Index(fields=["instansi", "rhk", "periode_ke"], name="ra_rhk"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(periode_ke__gte=1, periode_ke__lte=12), name="ra_periode_1_12"
            ),
        ]

    def __str__(self) -> str:
        return self.uraian[:80]


class Aktivitas(InstansiScoped):
    """One entry of a pegawai's daily activity log. Editable by its owner while it waits
    for verification; verified or rejected by the owner's direct supervisor."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", _("Menunggu verifikasi")
        DIVERIFIKASI = "diverifikasi", _("Diverifikasi")
        DITOLAK = "ditolak", _("Ditolak")

    class Sumber(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("Aplikasi seluler / API")
        SALIN = "salin", _("Disalin dari hari sebelumnya")

    pegawai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai")
    )
    tanggal = models.DateField(_("tanggal"))
    jam_mulai = models.TimeField(_("jam mulai"), null=True, blank=True)
    jam_selesai = models.TimeField(_("jam selesai"), null=True, blank=True)
    menit = models.PositiveSmallIntegerField(_("durasi (menit)"))
    uraian = models.TextField(_("uraian kegiatan"))
    # The normalised text (domain.text_key), for the "same text many days" check.
    uraian_kunci = models.CharField(max_length=64, editable=False, default="")
    rhk = models.ForeignKey(
        "plans.RHK",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("RHK"),
    )
    # services.rencana refuses to delete a rencana aksi that activities use.
    rencana_aksi = models.ForeignKey(
        RencanaAksi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aktivitas",
        verbose_name=_("rencana aksi"),
    )
    output_jumlah = models.DecimalField(
        _("jumlah output"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    output_satuan = models.CharField(_("satuan output"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DIAJUKAN
    )
    alasan_tolak = models.TextField(_("alasan penolakan"), blank=True)
    verified_by = models.ForeignKey(
        "org.Pegawai",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diverifikasi oleh"),
    )
    verified_at = models.DateTimeField(_("waktu verifikasi"), null=True, blank=True)
    # Anomaly codes (domain.ANOMALI_*), recomputed by the services for the whole day.
    anomali = models.JSONField(_("tanda anomali"), default=list, blank=True)
    ditandai = models.BooleanField(_("ditandai"), default=False)
    sumber = models.CharField(max_length=8, choices=Sumber.choices, default=Sumber.WEB)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        # Set for the templates by views/aktivitas and views/verifikasi.decorate.
        durasi: str
        flag_labels: list[str]
        editable: bool
        badges: list[tuple[str, str]]

    class Meta:
        verbose_name = _("aktivitas")
        verbose_name_plural = _("aktivitas")
        ordering = ["-tanggal", "jam_mulai", "id"]
        indexes = [
            models.Index(fields=["instansi", "pegawai", "tanggal"], name="akt_pegawai_tanggal"),
            models.Index(fields=["instansi", "status", "tanggal"], name="akt_status_tanggal"),
            models.Index(fields=["instansi", "rhk"], name="akt_rhk"),
            models.Index(
                fields=["instansi", "pegawai", "uraian_kunci", "tanggal"], name="akt_uraian"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(menit__gte=1, menit__lte=1440), name="akt_menit_1_1440"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal} {self.uraian[:60]}"


def _bukti_name(instance: BuktiDukung, filename: str) -> str:
    """A random name: the uploaded name is kept only as `nama_berkas` (never a path)."""
    ext = instance.ekstensi or "bin"
    return f"bukti/{instance.instansi_id}/{uuid.uuid4().hex}.{ext}"


class BuktiDukung(InstansiScoped):
    """Evidence: a file (stored under a random name in the private "bukti" storage) or a
    link, attached to exactly one of an activity, a rencana aksi or an RHK (its
    realisation)."""

    class Jenis(models.TextChoices):
        BERKAS = "berkas", _("Berkas")
        TAUTAN = "tautan", _("Tautan")

    pegawai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("pemilik")
    )
    # An activity is deleted with its evidence by services.aktivitas.aktivitas_delete
    # (audited, files removed on commit); a rencana aksi or an RHK never takes it along.
    aktivitas = models.ForeignKey(
        Aktivitas, on_delete=models.CASCADE, null=True, blank=True, related_name="bukti"
    )
    rencana_aksi = models.ForeignKey(
        RencanaAksi, on_delete=models.PROTECT, null=True, blank=True, related_name="bukti"
    )
    rhk = models.ForeignKey(
        "plans.RHK", on_delete=models.PROTECT, null=True, blank=True, related_name="bukti_dukung"
    )
    jenis = models.CharField(_("jenis"), max_length=8, choices=Jenis.choices)
    berkas = models.FileField(
        _("berkas"), storage=bukti_storage, upload_to=_bukti_name, max_length=255, blank=True
    )
    nama_berkas = models.CharField(_("nama berkas"), max_length=150, blank=True)
    ekstensi = models.CharField(max_length=8, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    tautan = models.URLField(_("tautan"), max_length=500, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["instansi", "pegawai", "created_at"], name="bukti_pegawai"),
            models.Index(fields=["instansi", "aktivitas"], name="bukti_aktivitas"),
            models.Index(fields=["instansi", "rencana_aksi"], name="bukti_ra"),
            models.Index(fields=["instansi", "rhk"], name="bukti_rhk"),
        ]
        constraints = [
            # Exactly one thing it supports.
            models.CheckConstraint(
                condition=(
                    models.Q(aktivitas__isnull=False, rencana_aksi__isnull=True, rhk__isnull=True)
                    | models.Q(aktivitas__isnull=True, rencana_aksi__isnull=False, rhk__isnull=True)
                    | models.Q(aktivitas__isnull=True, rencana_aksi__isnull=True, rhk__isnull=False)
                ),
                name="bukti_satu_sasaran",
            ),
        ]

    def __str__(self) -> str:
        return self.nama_berkas or self.tautan


class UmpanBalik(InstansiScoped):
    """Continuous feedback: a thread opened by a supervisor to one pegawai, on an RHK, on
    a BerAKHLAK value, or general; replies (`induk` set) come from either of the two."""

    class Topik(models.TextChoices):
        RHK = "rhk", _("RHK")
        PERILAKU = "perilaku", _("Perilaku kerja (BerAKHLAK)")
        UMUM = "umum", _("Umum")

    pegawai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai")
    )
    penulis = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("penulis")
    )
    induk = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="balasan"
    )
    topik = models.CharField(_("topik"), max_length=10, choices=Topik.choices, blank=True)
    rhk = models.ForeignKey(
        "plans.RHK",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("RHK"),
    )
    nilai_berakhlak = models.PositiveSmallIntegerField(_("nilai BerAKHLAK"), null=True, blank=True)
    teks = models.TextField(_("umpan balik"))
    created_at = models.DateTimeField(auto_now_add=True)
    # Latest message in the thread (on the thread's first row), for ordering lists.
    last_at = models.DateTimeField(null=True, blank=True)

    if TYPE_CHECKING:
        # Set for the template by views/umpan_balik._thread_context.
        dari_pegawai: bool
        kanan: bool

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["instansi", "pegawai", "created_at"], name="ub_pegawai"),
            models.Index(fields=["instansi", "penulis", "created_at"], name="ub_penulis"),
            models.Index(fields=["instansi", "induk"], name="ub_induk"),
        ]

    def __str__(self) -> str:
        return self.teks[:80]


class BimbinganKinerja(InstansiScoped):
    """A coaching note (bimbingan kinerja) a supervisor records for a pegawai on a date;
    the pegawai reads it; it is input for the appraisal."""

    pegawai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("pegawai")
    )
    pembimbing = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="+", verbose_name=_("pembimbing")
    )
    tanggal = models.DateField(_("tanggal"))
    topik = models.CharField(_("topik"), max_length=200)
    catatan = models.TextField(_("catatan bimbingan"))
    tindak_lanjut = models.TextField(_("tindak lanjut yang disepakati"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bimbingan kinerja")
        verbose_name_plural = _("bimbingan kinerja")
        ordering = ["-tanggal", "-id"]
        indexes = [
            models.Index(fields=["instansi", "pegawai", "tanggal"], name="bimbingan_pegawai"),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal} {self.topik}"


class Pengingat(InstansiScoped):
    """A reminder the Admin Instansi schedules: on a day of each month at a local time,
    a message to a group of people (in-app, and email for those who want it)."""

    class Sasaran(models.TextChoices):
        SEMUA = "semua", _("Semua pegawai")
        BELUM_MENCATAT = "belum_mencatat", _("Pegawai yang belum mencatat aktivitas minggu ini")
        ATASAN_ANTREAN = "atasan_antrean", _("Atasan yang masih mempunyai antrean verifikasi")

    nama = models.CharField(_("nama pengingat"), max_length=150)
    sasaran = models.CharField(_("dikirim kepada"), max_length=16, choices=Sasaran.choices)
    pesan = models.TextField(_("pesan"))
    # Day of the month (a day past the month's end means its last day); 0 = every
    # working day (Monday to Friday).
    hari = models.PositiveSmallIntegerField(_("tanggal tiap bulan"))
    jam = models.TimeField(_("jam (waktu setempat)"))
    aktif = models.BooleanField(_("aktif"), default=True)
    terakhir_dikirim = models.DateField(_("terakhir dikirim"), null=True, blank=True)
    terakhir_jumlah = models.PositiveIntegerField(_("penerima terakhir"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        # Set for the template by views/pengingat._list_context.
        jadwal: str
        sent_today: bool

    class Meta:
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")
        ordering = ["hari", "jam", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hari__lte=31), name="pengingat_hari_0_31"),
        ]

    def __str__(self) -> str:
        return self.nama
