"""How the audit trail names what plans writes (core.audit_labels)."""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ekinerja.core.audit_labels import register

from .cascade import common as cascade
from .models import SKP

_gap = lazy(cascade.gap_label, str)
_SKP_STATUS = {**dict(SKP.Status.choices), cascade.MISSING: _("Belum ada SKP")}


def register_labels() -> None:
    """Add the labels of what plans writes to core's registry; called once, from
    the app's AppConfig.ready()."""
    register(
        actions={
            "periode.create": _("Periode kinerja dibuat"),
            "periode.update": _("Periode kinerja diubah"),
            "skp.create": _("SKP dibuat"),
            "skp.redraft": _("SKP dikembalikan ke draf"),
            "skp.submit": _("SKP diajukan"),
            "skp.approve": _("SKP disetujui"),
            "skp.return": _("SKP dikembalikan untuk diperbaiki"),
            "skp.revise": _("Versi baru SKP dibuat"),
            "skp.copy": _("SKP disalin dari SKP lain"),
            "skp.close": _("SKP ditutup lebih awal"),
            "skp.replace": _("SKP diganti"),
            "skp.apply_template": _("Templat diterapkan pada SKP"),
            "rhk.add": _("RHK ditambahkan"),
            "rhk.update": _("RHK diubah"),
            "rhk.delete": _("RHK dihapus"),
            "rhk.relink": _("RHK bawahan dipindahkan ke versi baru SKP"),
            "iki.add": _("IKI ditambahkan"),
            "iki.update": _("IKI diubah"),
            "iki.delete": _("IKI dihapus"),
            "ekspektasi.set": _("Ekspektasi perilaku kerja diatur"),
            "lampiran.set": _("Lampiran SKP diubah"),
            "skp_template.create": _("Templat SKP dibuat"),
            "skp_template.update": _("Templat SKP diubah"),
            "skp_template.delete": _("Templat SKP dihapus"),
            "skp_template.rhk.add": _("RHK templat ditambahkan"),
            "skp_template.rhk.update": _("RHK templat diubah"),
            "skp_template.rhk.delete": _("RHK templat dihapus"),
            "skp_template.iki.add": _("IKI templat ditambahkan"),
            "skp_template.iki.update": _("IKI templat diubah"),
            "skp_template.iki.delete": _("IKI templat dihapus"),
            "plans.cascade_export": _("Kaskade SKP diekspor"),
            "plans.completeness_export": _("Kelengkapan SKP diekspor"),
        },
        groups={
            "periode": _("Periode kinerja"),
            "skp": _("SKP"),
            "rhk": _("RHK"),
            "iki": _("IKI"),
            "skp_template": _("Templat SKP"),
            "plans": _("Ekspor perencanaan"),
        },
        keys={
            "skp": _("SKP"),
            "rhk": _("RHK"),
            "iki": _("IKI"),
            "aspek": _("Aspek"),
            "indikator": _("Indikator"),
            "dukungan_sumber_daya": _("Dukungan sumber daya"),
            "skema_pertanggungjawaban": _("Skema pertanggungjawaban"),
            "konsekuensi": _("Konsekuensi"),
            "alasan_dikembalikan": _("Alasan dikembalikan"),
            "tanggal_mulai": _("Tanggal mulai"),
            "tanggal_selesai": _("Tanggal selesai"),
            "jenis_jabatan": _("Jenis jabatan"),
            "pendekatan": _("Pendekatan"),
            "templat": _("Templat"),
            "lanjutan": _("SKP lanjutan"),
            "pengganti": _("SKP pengganti"),
            "perlu_intervensi": _("RHK yang belum terhubung ke RHK atasan"),
            "dari_versi": _("Dari versi"),
            "rhk_bawahan_dipindahkan": _("RHK bawahan dipindahkan"),
            "saringan": _("Saringan"),
            "celah": _("Celah kaskade"),
            "q": _("Kata kunci"),
        },
        action_keys={
            ("skp.copy", "sumber"): _("Disalin dari"),
            ("plans.cascade_export", "jumlah"): _("Jumlah baris"),
            ("plans.completeness_export", "jumlah"): _("Jumlah baris"),
            ("plans.cascade_export", "periode"): _("Tahun"),
            ("plans.completeness_export", "periode"): _("Tahun"),
        },
        action_values={
            ("plans.cascade_export", "celah"): {g: _gap(g) for g in cascade.GAP_CHOICES},
            ("plans.cascade_export", "status"): _SKP_STATUS,
        },
        object_types={
            "plans.cascade_export": _("Ekspor kaskade SKP"),
            "plans.completeness_export": _("Ekspor kelengkapan SKP"),
        },
    )
