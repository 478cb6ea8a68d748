"""Performance planning: periods, SKP with RHK and IKI, BerAKHLAK expectations, lampiran
(spec rules §4, §7, §8; data-model "SKP")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ekinerja.core.models import InstansiScoped
from ekinerja.org.models import Jabatan

from . import domain


class PeriodeKinerja(InstansiScoped):
    """A performance year of an instansi, with its periodic evaluation (rules §4) and
    the planning window."""

    class Periodik(models.TextChoices):
        BULANAN = domain.BULANAN, _("Bulanan")
        TRIWULANAN = domain.TRIWULANAN, _("Triwulanan")

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    periodik = models.CharField(
        _("penilaian periodik"),
        max_length=12,
        choices=Periodik.choices,
        default=domain.PERIODIK_DEFAULT,
    )
    perencanaan_mulai = models.DateField(_("perencanaan dibuka"), null=True, blank=True)
    perencanaan_selesai = models.DateField(_("perencanaan ditutup"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    if TYPE_CHECKING:
        # Set for the template by the periode list (views/periode.periode_list).
        window_open: bool
        window_set: bool
        not_yet: bool

    class Meta:
        verbose_name = _("periode kinerja")
        verbose_name_plural = _("periode kinerja")
        ordering = ["-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="uniq_periode_tahun"),
        ]

    def __str__(self) -> str:
        return str(self.tahun)


class SKP(InstansiScoped):
    """Sasaran Kinerja Pegawai: one per pegawai × jabatan × period, versioned by
    revision (rules §8)."""

    class Status(models.TextChoices):
        DRAFT = domain.DRAFT, _("Draf")
        DIAJUKAN = domain.DIAJUKAN, _("Diajukan")
        DISETUJUI = domain.DISETUJUI, _("Disetujui")
        DIKEMBALIKAN = domain.DIKEMBALIKAN, _("Dikembalikan")

    class Pendekatan(models.TextChoices):
        KUANTITATIF = domain.KUANTITATIF, _("Kuantitatif")
        KUALITATIF = domain.KUALITATIF, _("Kualitatif")

    pegawai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, related_name="skp", verbose_name=_("pegawai")
    )
    jabatan = models.ForeignKey(
        "org.Jabatan", on_delete=models.PROTECT, related_name="+", verbose_name=_("jabatan")
    )
    periode = models.ForeignKey(
        PeriodeKinerja, on_delete=models.PROTECT, related_name="skp", verbose_name=_("periode")
    )
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    pendekatan = models.CharField(
        _("pendekatan"),
        max_length=12,
        choices=Pendekatan.choices,
        default=Pendekatan.KUANTITATIF,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    sebelumnya = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versi sebelumnya"),
    )
    # Resolved from the org chart at creation (rules §8 header) and kept with the SKP.
    penilai = models.ForeignKey(
        "org.Pegawai",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pejabat penilai"),
    )
    atasan_penilai = models.ForeignKey(
        "org.Pegawai",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan pejabat penilai"),
    )
    # {"pegawai"|"penilai"|"atasan_penilai": {nama, nip, pangkat, golongan, jabatan, unit}}
    snapshot = models.JSONField(_("identitas saat dibuat"), default=dict, blank=True)
    alasan_dikembalikan = models.TextField(_("alasan dikembalikan"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        # Set for the template by views/skp.skp_mine.
        replaced_by: SKP | None

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-tanggal_mulai", "-versi", "id"]
        constraints = [
            # One revision per approved version at a time.
            models.UniqueConstraint(fields=["instansi", "sebelumnya"], name="uniq_skp_revisi"),
            models.CheckConstraint(
                condition=models.Q(tanggal_mulai__lte=models.F("tanggal_selesai")),
                name="skp_tanggal_urut",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "periode", "status"], name="skp_periode_status"),
            models.Index(fields=["instansi", "pegawai"], name="skp_pegawai"),
            models.Index(fields=["instansi", "penilai", "status"], name="skp_penilai_status"),
        ]

    def __str__(self) -> str:
        nama = (self.snapshot.get("pegawai") or {}).get("nama") or f"#{self.pegawai_id}"
        return f"SKP {nama} {self.tanggal_mulai:%Y} v{self.versi}"


class RHK(InstansiScoped):
    """Rencana Hasil Kerja: a planned result, utama or tambahan, intervening in one RHK
    of the penilai's approved SKP except at the top of the cascade (rules §8)."""

    class Jenis(models.TextChoices):
        UTAMA = domain.RHK_UTAMA, _("Utama")
        TAMBAHAN = domain.RHK_TAMBAHAN, _("Tambahan")

    skp = models.ForeignKey(SKP, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("jenis RHK"), max_length=10, choices=Jenis.choices)
    teks = models.TextField(_("rencana hasil kerja"))
    intervensi = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="diintervensi",
        verbose_name=_("RHK atasan yang diintervensi"),
    )
    # The RHK of the previous version this one was copied from by a revision: when the
    # revision is approved, the subordinates' links move along it (services.workflow).
    salinan_dari = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disalin dari RHK versi sebelumnya"),
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    if TYPE_CHECKING:
        # Set for the template by views/common.rhk_groups.
        iki_rows: list[IKI]

    class Meta:
        verbose_name = _("RHK")
        verbose_name_plural = _("RHK")
        ordering = ["skp", "jenis", "urutan", "id"]
        indexes = [
            models.Index(fields=["instansi", "skp", "urutan"], name="rhk_skp"),
            models.Index(fields=["instansi", "intervensi"], name="rhk_intervensi"),
        ]

    def __str__(self) -> str:
        return self.teks[:80]


class IKI(InstansiScoped):
    """Indikator Kinerja Individu of an RHK: an aspect, an indicator, a target."""

    class Aspek(models.TextChoices):
        KUANTITAS = domain.ASPEK_KUANTITAS, _("Kuantitas")
        KUALITAS = domain.ASPEK_KUALITAS, _("Kualitas")
        WAKTU = domain.ASPEK_WAKTU, _("Waktu")
        BIAYA = domain.ASPEK_BIAYA, _("Biaya")

    class TargetJenis(models.TextChoices):
        ANGKA = domain.TARGET_ANGKA, _("Angka")
        RENTANG = domain.TARGET_RENTANG, _("Rentang")
        TEKS = domain.TARGET_TEKS, _("Uraian (kualitatif)")

    rhk = models.ForeignKey(RHK, on_delete=models.CASCADE, related_name="iki")
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices)
    indikator = models.TextField(_("indikator"))
    target_jenis = models.CharField(_("jenis target"), max_length=8, choices=TargetJenis.choices)
    target_nilai = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_min = models.DecimalField(
        _("target minimum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_maks = models.DecimalField(
        _("target maksimum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_teks = models.TextField(_("uraian target"), blank=True)
    satuan = models.CharField(_("satuan"), max_length=64, blank=True)
    # Which way is better, for the capaian of a numeric target (rules §3).
    arah = models.CharField(
        _("arah capaian"),
        max_length=5,
        choices=[
            ("naik", _("Makin tinggi makin baik")),
            ("turun", _("Makin rendah makin baik")),
        ],
        default="naik",
    )
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    if TYPE_CHECKING:
        # Set for the template by views/common.rhk_groups.
        target_display: str

    class Meta:
        verbose_name = _("IKI")
        verbose_name_plural = _("IKI")
        ordering = ["rhk", "urutan", "id"]
        indexes = [models.Index(fields=["instansi", "rhk", "urutan"], name="iki_rhk")]

    def __str__(self) -> str:
        return self.indikator[:80]


class PerilakuEkspektasi(InstansiScoped):
    """The penilai's "ekspektasi khusus pimpinan" for one BerAKHLAK value (rules §7, §8)."""

    skp = models.ForeignKey(SKP, on_delete=models.CASCADE, related_name="ekspektasi")
    nilai = models.PositiveSmallIntegerField(
        _("nilai BerAKHLAK"), choices=[(v.nomor, v.nama) for v in domain.BERAKHLAK]
    )
    ekspektasi = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)

    class Meta:
        verbose_name = _("ekspektasi perilaku kerja")
        verbose_name_plural = _("ekspektasi perilaku kerja")
        ordering = ["skp", "nilai"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "skp", "nilai"], name="uniq_ekspektasi_nilai"
            ),
            models.CheckConstraint(
                condition=models.Q(nilai__gte=1, nilai__lte=7), name="ekspektasi_nilai_1_7"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skp_id} {self.get_nilai_display()}"


class Lampiran(InstansiScoped):
    """The SKP's annex: resource support, accountability scheme, consequences (rules §8)."""

    skp = models.OneToOneField(SKP, on_delete=models.CASCADE, related_name="lampiran")
    dukungan_sumber_daya = models.TextField(_("dukungan sumber daya"), blank=True)
    skema_pertanggungjawaban = models.TextField(_("skema pertanggungjawaban"), blank=True)
    konsekuensi = models.TextField(_("konsekuensi"), blank=True)

    class Meta:
        verbose_name = _("lampiran SKP")
        verbose_name_plural = _("lampiran SKP")

    def __str__(self) -> str:
        return f"Lampiran {self.skp_id}"


# --- SKP templates per jabatan (issue 3 item 8) ---------------------------------------


class SKPTemplate(InstansiScoped):
    """A starting set of RHK and IKI that the Admin Instansi keeps for one jabatan, or for
    every jabatan of one jenis (e.g. all pelaksana). An owner copies its rows into a draft
    SKP and then picks the supervisor's RHK each row intervenes in (rules §8)."""

    nama = models.CharField(_("nama templat"), max_length=200)
    jabatan = models.ForeignKey(
        "org.Jabatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan"),
    )
    # Set instead of `jabatan` for a template of every jabatan of one jenis.
    jenis_jabatan = models.CharField(
        _("jenis jabatan"), max_length=16, choices=Jabatan.Jenis.choices, blank=True
    )
    pendekatan = models.CharField(
        _("pendekatan"),
        max_length=12,
        choices=SKP.Pendekatan.choices,
        default=SKP.Pendekatan.KUANTITATIF,
    )
    keterangan = models.TextField(_("keterangan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("templat SKP")
        verbose_name_plural = _("templat SKP")
        ordering = ["nama", "id"]
        constraints = [
            # Exactly one scope: a jabatan, or a jenis jabatan.
            models.CheckConstraint(
                condition=(
                    models.Q(jabatan__isnull=False, jenis_jabatan="")
                    | (models.Q(jabatan__isnull=True) & ~models.Q(jenis_jabatan=""))
                ),
                name="skptemplate_satu_cakupan",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "jabatan"], name="skptemplate_jabatan"),
            models.Index(fields=["instansi", "jenis_jabatan"], name="skptemplate_jenis"),
        ]

    def __str__(self) -> str:
        return self.nama


class SKPTemplateRHK(InstansiScoped):
    """An RHK row of a template: jenis and text; the intervened RHK is chosen in the SKP."""

    template = models.ForeignKey(SKPTemplate, on_delete=models.CASCADE, related_name="rhk")
    jenis = models.CharField(_("jenis RHK"), max_length=10, choices=RHK.Jenis.choices)
    teks = models.TextField(_("rencana hasil kerja"))
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("RHK templat")
        verbose_name_plural = _("RHK templat")
        ordering = ["template", "jenis", "urutan", "id"]
        indexes = [
            models.Index(fields=["instansi", "template", "urutan"], name="skptemplate_rhk"),
        ]

    def __str__(self) -> str:
        return self.teks[:80]


class SKPTemplateIKI(InstansiScoped):
    """An IKI row of a template RHK, with the same target shapes as IKI (rules §8)."""

    rhk = models.ForeignKey(SKPTemplateRHK, on_delete=models.CASCADE, related_name="iki")
    aspek = models.CharField(_("aspek"), max_length=10, choices=IKI.Aspek.choices)
    indikator = models.TextField(_("indikator"))
    target_jenis = models.CharField(
        _("jenis target"), max_length=8, choices=IKI.TargetJenis.choices
    )
    target_nilai = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_min = models.DecimalField(
        _("target minimum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_maks = models.DecimalField(
        _("target maksimum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_teks = models.TextField(_("uraian target"), blank=True)
    satuan = models.CharField(_("satuan"), max_length=64, blank=True)
    urutan = models.PositiveIntegerField(_("urutan"), default=0)

    if TYPE_CHECKING:
        # Set for the template by views/templates._with_targets.
        target_display: str

    class Meta:
        verbose_name = _("IKI templat")
        verbose_name_plural = _("IKI templat")
        ordering = ["rhk", "urutan", "id"]
        indexes = [models.Index(fields=["instansi", "rhk", "urutan"], name="skptemplate_iki")]

    def __str__(self) -> str:
        return self.indikator[:80]
