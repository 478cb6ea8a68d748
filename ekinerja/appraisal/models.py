"""Appraisal (spec rules §1–§5; data-model "Evaluasi", "PredikatOrganisasi"): the rule
set per year, evaluation periods, the evaluation of each SKP per period with its
realisasi per IKI, the organisation predikat per unit and period, the penetapan that
locks a unit's results, and follow-up records (tindak lanjut).

Results that decide careers are stored with their inputs, the rule version and a
snapshot of who was rated by whom in which position (CONVENTIONS "Data")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ekinerja.core.models import InstansiScoped
from ekinerja.org import domain as org_domain
from ekinerja.org.models import Jabatan

from .domain import evaluation, ratings


class AturanPenilaian(InstansiScoped):
    """The agency's appraisal rules for one year (rules §1, §2, §4 are configurable):
    annual mode, suggestion thresholds, the unit head mapping and the distribution curve,
    each as data. A missing row means the spec's defaults. `versi` grows on every change
    and is stored with each evaluation and penetapan that used it."""

    class ModeTahunan(models.TextChoices):
        TERPISAH = (
            evaluation.TAHUNAN_TERPISAH,
            _("Evaluasi tahunan tersendiri (diisi awal dari periode terakhir)"),
        )
        PERIODE_TERAKHIR = evaluation.TAHUNAN_PERIODE_TERAKHIR, _("Sama dengan periode terakhir")

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    mode_tahunan = models.CharField(
        _("evaluasi tahunan"),
        max_length=12,
        choices=ModeTahunan.choices,
        default=ModeTahunan.TERPISAH,
    )
    ambang_di_atas = models.DecimalField(
        _("capaian terendah IKI untuk 'di atas' (%)"), max_digits=6, decimal_places=2, default=110
    )
    ambang_sesuai = models.DecimalField(
        _("capaian terendah IKI untuk 'sesuai' (%)"), max_digits=6, decimal_places=2, default=100
    )
    # {predikat organisasi: rating hasil kerja} for unit heads; {} = default.
    pemetaan_kepala = models.JSONField(
        _("rating hasil kerja kepala unit"), default=dict, blank=True
    )
    # {predikat organisasi: [{"predikat": [...], "op": "le"|"ge", "share": "0.70"|null,
    #  "people": int|null}, ...]}; {} = the spec's default curve.
    kurva = models.JSONField(_("kurva distribusi"), default=dict, blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("aturan penilaian")
        verbose_name_plural = _("aturan penilaian")
        ordering = ["-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="uniq_aturan_tahun"),
        ]

    def __str__(self) -> str:
        return f"Aturan penilaian {self.tahun} v{self.versi}"


class PeriodePenilaian(InstansiScoped):
    """One evaluation period of a performance year: a month, a quarter (rules §4) or the
    year itself. It exists once the Admin Instansi opens it; closing it ends entry."""

    class Jenis(models.TextChoices):
        BULANAN = evaluation.JENIS_BULANAN, _("Bulanan")
        TRIWULANAN = evaluation.JENIS_TRIWULANAN, _("Triwulanan")
        TAHUNAN = evaluation.JENIS_TAHUNAN, _("Tahunan")

    class Status(models.TextChoices):
        # Opened, its evaluations still being created in the background
        # (tasks.periode_prepare_task): no entry or rating yet.
        DISIAPKAN = "disiapkan", _("Sedang disiapkan")
        DIBUKA = "dibuka", _("Dibuka")
        DITUTUP = "ditutup", _("Ditutup")

    periode = models.ForeignKey(
        "plans.PeriodeKinerja", on_delete=models.PROTECT, related_name="+", verbose_name=_("tahun")
    )
    jenis = models.CharField(_("jenis"), max_length=12, choices=Jenis.choices)
    # 1–12 for a month, 1–4 for a quarter, 0 for the year.
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    tanggal_mulai = models.DateField(_("tanggal mulai"))
    tanggal_selesai = models.DateField(_("tanggal selesai"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DIBUKA
    )
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Progress of the background preparation (status disiapkan): SKP to evaluate and
    # evaluations created so far; `galat_persiapan` is why it stopped, if it did.
    persiapan_total = models.PositiveIntegerField(_("SKP yang dievaluasi"), default=0)
    persiapan_selesai = models.PositiveIntegerField(_("evaluasi yang sudah dibuat"), default=0)
    galat_persiapan = models.TextField(_("kendala persiapan"), blank=True)
    persiapan_at = models.DateTimeField(_("persiapan terakhir bergerak"), null=True, blank=True)

    if TYPE_CHECKING:
        # Set for its template by the admin's period page (views/admin._periode_context).
        n_draft: int
        share_done: int
        stalled: bool

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["-tanggal_mulai", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "periode", "jenis", "nomor"], name="uniq_periode_penilaian"
            ),
        ]

    def __str__(self) -> str:
        return evaluation.period_label(self.jenis, self.nomor, self.tanggal_mulai.year)

    @property
    def label(self) -> str:
        return str(self)

    @property
    def is_tahunan(self) -> bool:
        return self.jenis == evaluation.JENIS_TAHUNAN

    @property
    def disiapkan(self) -> bool:
        return self.status == self.Status.DISIAPKAN

    @property
    def persiapan_persen(self) -> int:
        if not self.persiapan_total:
            return 0
        return min(100, round(100 * self.persiapan_selesai / self.persiapan_total))


class Evaluasi(InstansiScoped):
    """The evaluation of one SKP for one period: realisasi per IKI (RealisasiIKI), the
    penilai's feedback per RHK and per BerAKHLAK value, the two ratings and the predikat
    read off the matrix (rules §1), with a snapshot of the person, the penilai, the
    position and the unit at that time (rules §4)."""

    class Status(models.TextChoices):
        DRAFT = evaluation.EVALUASI_DRAFT, _("Draf")
        DINILAI = evaluation.EVALUASI_DINILAI, _("Dinilai")
        DITETAPKAN = evaluation.EVALUASI_DITETAPKAN, _("Ditetapkan")

    class Rating(models.TextChoices):
        DI_ATAS = ratings.DI_ATAS, _("Di Atas Ekspektasi")
        SESUAI = ratings.SESUAI, _("Sesuai Ekspektasi")
        DI_BAWAH = ratings.DI_BAWAH, _("Di Bawah Ekspektasi")

    class Predikat(models.TextChoices):
        SANGAT_BAIK = ratings.SANGAT_BAIK, "Sangat Baik"
        BAIK = ratings.BAIK, "Baik"
        BUTUH_PERBAIKAN = ratings.BUTUH_PERBAIKAN, "Butuh Perbaikan"
        KURANG = ratings.KURANG, "Kurang/Misconduct"
        SANGAT_KURANG = ratings.SANGAT_KURANG, "Sangat Kurang"

    skp = models.ForeignKey("plans.SKP", on_delete=models.PROTECT, related_name="evaluasi")
    periode_penilaian = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="evaluasi"
    )
    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    penilai = models.ForeignKey(
        "org.Pegawai", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    jabatan = models.ForeignKey("org.Jabatan", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.UnitKerja", on_delete=models.PROTECT, related_name="+")
    # The unit whose penetapan locks this evaluation: the nearest unit marked is_opd
    # (rules §2); its curve counts this person unless `dalam_kurva` is off (the marked
    # unit's own head when no marked unit is above it, or a person under no marked unit).
    unit_kurva = models.ForeignKey(
        "org.UnitKerja", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit kurva")
    )
    dalam_kurva = models.BooleanField(_("dihitung dalam kurva"), default=True)
    # The person heads a unit whose organisation predikat gives the rating hasil kerja.
    kepala_unit = models.ForeignKey(
        "org.UnitKerja", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # {"pegawai"|"penilai"|"atasan_penilai": {nama, nip, pangkat, golongan, jabatan, unit}}
    snapshot = models.JSONField(_("identitas saat dinilai"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    rating_hasil_kerja = models.CharField(
        _("rating hasil kerja"), max_length=10, choices=Rating.choices, blank=True
    )
    rating_perilaku = models.CharField(
        _("rating perilaku kerja"), max_length=10, choices=Rating.choices, blank=True
    )
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices, blank=True)
    # The system's suggestion when the penilai rated (rules §1: shown, never forced).
    saran_hasil_kerja = models.CharField(
        _("saran rating hasil kerja"), max_length=10, choices=Rating.choices, blank=True
    )
    # {str(rhk_id): text}, {str(1..7): text}
    umpan_balik_rhk = models.JSONField(_("umpan balik per RHK"), default=dict, blank=True)
    umpan_balik_perilaku = models.JSONField(
        _("umpan balik per nilai BerAKHLAK"), default=dict, blank=True
    )
    catatan_penilai = models.TextField(_("catatan penilai"), blank=True)
    # Annual evaluation in `last_period` mode, or prefilled from a period (rules §4).
    sumber = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aturan_versi = models.PositiveIntegerField(_("versi aturan"), default=0)
    dinilai_at = models.DateTimeField(_("dinilai pada"), null=True, blank=True)
    dinilai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ditetapkan_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        # Set for the rows of "my evaluations" by views.evaluasi._decorate_row.
        persen: int
        jabatan_nama: str
        can_fill: bool

    class Meta:
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        ordering = ["periode_penilaian", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "skp", "periode_penilaian"], name="uniq_evaluasi_skp_periode"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | ~models.Q(predikat=""),
                name="evaluasi_dinilai_berpredikat",
            ),
        ]
        indexes = [
            models.Index(
                fields=["instansi", "periode_penilaian", "status"], name="evaluasi_periode_status"
            ),
            models.Index(
                fields=["instansi", "periode_penilaian", "unit_kurva", "predikat"],
                name="evaluasi_kurva",
            ),
            models.Index(
                fields=["instansi", "penilai", "periode_penilaian"], name="evaluasi_penilai"
            ),
            models.Index(fields=["instansi", "pegawai"], name="evaluasi_pegawai"),
        ]

    def __str__(self) -> str:
        nama = (self.snapshot.get("pegawai") or {}).get("nama") or f"#{self.pegawai_id}"
        return f"Evaluasi {nama} {self.periode_penilaian_id}"

    @property
    def is_locked(self) -> bool:
        return self.status == evaluation.EVALUASI_DITETAPKAN


class RealisasiIKI(InstansiScoped):
    """The realisasi of one IKI in one evaluation and its capaian (rules §3), computed
    when saved and stored with the target it was measured against."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="realisasi")
    iki = models.ForeignKey("plans.IKI", on_delete=models.PROTECT, related_name="+")
    nilai = models.DecimalField(
        _("realisasi"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    teks = models.TextField(_("uraian realisasi"), blank=True)
    capaian = models.DecimalField(
        _("capaian (%)"), max_digits=12, decimal_places=4, null=True, blank=True
    )
    catatan = models.TextField(_("catatan"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisasi IKI")
        verbose_name_plural = _("realisasi IKI")
        ordering = ["evaluasi", "iki"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "evaluasi", "iki"], name="uniq_realisasi_iki"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluasi_id}/{self.iki_id}"


class PredikatOrganisasi(InstansiScoped):
    """The organisation predikat of a unit for a period (rules §2), set by the head one
    level up (or the Admin Instansi) until the SAKIP module supplies it."""

    class Predikat(models.TextChoices):
        ISTIMEWA = ratings.ISTIMEWA, "Istimewa"
        BAIK = ratings.ORG_BAIK, "Baik"
        BUTUH_PERBAIKAN = ratings.ORG_BUTUH_PERBAIKAN, "Butuh Perbaikan"
        KURANG = ratings.ORG_KURANG, "Kurang"
        SANGAT_KURANG = ratings.ORG_SANGAT_KURANG, "Sangat Kurang"

    unit = models.ForeignKey("org.UnitKerja", on_delete=models.PROTECT, related_name="+")
    periode_penilaian = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="predikat_organisasi"
    )
    predikat = models.CharField(_("predikat organisasi"), max_length=16, choices=Predikat.choices)
    catatan = models.TextField(_("catatan"), blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("predikat kinerja organisasi")
        verbose_name_plural = _("predikat kinerja organisasi")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "unit", "periode_penilaian"], name="uniq_predikat_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.periode_penilaian_id} {self.predikat}"


class Penetapan(InstansiScoped):
    """The final locking of a unit's staff predikat for a period (rules §2). A reopen by
    an Admin Instansi keeps the row (status dibuka_kembali, with the reason); a later
    penetapan is a new row. At most one row per unit and period is in force."""

    class Status(models.TextChoices):
        DITETAPKAN = "ditetapkan", _("Ditetapkan")
        DIBUKA_KEMBALI = "dibuka_kembali", _("Dibuka kembali")

    unit = models.ForeignKey("org.UnitKerja", on_delete=models.PROTECT, related_name="+")
    periode_penilaian = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="penetapan"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DITETAPKAN
    )
    predikat_organisasi = models.CharField(_("predikat organisasi"), max_length=16, blank=True)
    # {predikat: count} of the staff the curve covered, and how many were locked.
    jumlah = models.JSONField(_("jumlah per predikat"), default=dict, blank=True)
    jumlah_evaluasi = models.PositiveIntegerField(_("jumlah evaluasi"), default=0)
    aturan_versi = models.PositiveIntegerField(_("versi aturan"), default=0)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ditetapkan_at = models.DateTimeField(_("ditetapkan pada"))
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuka_at = models.DateTimeField(_("dibuka kembali pada"), null=True, blank=True)
    alasan_dibuka = models.TextField(_("alasan dibuka kembali"), blank=True)

    class Meta:
        verbose_name = _("penetapan")
        verbose_name_plural = _("penetapan")
        ordering = ["-ditetapkan_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "unit", "periode_penilaian"],
                condition=models.Q(status="ditetapkan"),
                name="uniq_penetapan_berlaku",
            ),
        ]
        indexes = [
            models.Index(
                fields=["instansi", "periode_penilaian", "status"], name="penetapan_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"Penetapan {self.unit_id} {self.periode_penilaian_id}"

    @property
    def jumlah_dalam_kurva(self) -> int:
        """The locked people the curve counted (`jumlah` per predikat)."""
        return sum(int(v or 0) for v in (self.jumlah or {}).values())

    @property
    def jumlah_luar_kurva(self) -> int:
        """The locked people counted in no curve (a marked unit's own head)."""
        return max(0, self.jumlah_evaluasi - self.jumlah_dalam_kurva)


class TindakLanjut(InstansiScoped):
    """A follow-up of an evaluation for one person: a reward, a sanction or a
    development note (PermenPANRB 6/2022, tindak lanjut hasil evaluasi)."""

    class Jenis(models.TextChoices):
        PENGHARGAAN = "penghargaan", _("Penghargaan")
        SANKSI = "sanksi", _("Sanksi")
        PENGEMBANGAN = "pengembangan", _("Pengembangan kompetensi")

    pegawai = models.ForeignKey("org.Pegawai", on_delete=models.PROTECT, related_name="+")
    evaluasi = models.ForeignKey(
        Evaluasi, on_delete=models.SET_NULL, null=True, blank=True, related_name="tindak_lanjut"
    )
    jenis = models.CharField(_("jenis"), max_length=16, choices=Jenis.choices)
    tanggal = models.DateField(_("tanggal"))
    uraian = models.TextField(_("uraian"))
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["-tanggal", "-id"]
        indexes = [models.Index(fields=["instansi", "pegawai"], name="tindaklanjut_pegawai")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pegawai_id} {self.tanggal}"


# --- SIASN reference data (rules §13; issue 11 §5) ----------------------------------------
# Per instansi, edited or imported by its Admin Instansi from SIASN's own reference
# exports. SIASN's tables are national, but each agency answers for what it sends to
# SIASN in its own name: a shared table would need a platform operator to keep it, and a
# wrong id in it would spoil every agency's file at once. 34 + 40 rows per agency cost
# nothing; the export reads them with one indexed lookup per record.


class SiasnGolongan(InstansiScoped):
    """SIASN's id of one golongan (its reference table `golonganPns`, e.g. III/c → "33";
    PPPK golongan too where SIASN gives them ids). The export sends a penilai's golongan
    as this id (`penilaiGolongan`), never as the text."""

    golongan = models.CharField(_("golongan"), max_length=8, choices=org_domain.GOLONGAN_CHOICES)
    siasn_id = models.CharField(_("ID golongan SIASN"), max_length=64)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ID golongan SIASN")
        verbose_name_plural = _("ID golongan SIASN")
        ordering = ["golongan"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "golongan"], name="uniq_siasn_golongan"),
        ]

    def __str__(self) -> str:
        return f"{self.golongan} → {self.siasn_id}"


class SiasnKoefisien(InstansiScoped):
    """SIASN's `koefisienId` for one jenjang of a functional position and one predikat:
    SIASN's koefisien table has a row per jenjang × percentage (150% Sangat Baik, 100%
    Baik, 75% Butuh Perbaikan, 50% Kurang, 25% Sangat Kurang; rules §5, §13)."""

    jenjang = models.CharField(_("jenjang"), max_length=16, choices=Jabatan.Jenjang.choices)
    predikat = models.CharField(_("predikat"), max_length=16, choices=Evaluasi.Predikat.choices)
    siasn_id = models.CharField(_("koefisienId SIASN"), max_length=64)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("koefisienId SIASN")
        verbose_name_plural = _("koefisienId SIASN")
        ordering = ["jenjang", "predikat"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "jenjang", "predikat"], name="uniq_siasn_koefisien"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jenjang} {self.predikat} → {self.siasn_id}"
