"""How the audit trail names what appraisal writes (core.audit_labels)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from ekinerja.core.audit_labels import register
from ekinerja.org import domain as org_domain
from ekinerja.plans import domain as plans_domain

from .domain import ratings, ruleset


def _kurva(value: Mapping[str, Any]) -> str:
    """{"baik": [rule, …], …} → "Baik: Baik paling banyak 70%, …; …"."""
    from .services.aturan import rule_text

    curve = ruleset.curve_from_data(value)
    return "; ".join(
        f"{ratings.PREDIKAT_ORGANISASI_LABELS[org]}: "
        + ", ".join(rule_text(rule) for rule in curve[org])
        for org in value
    )


def _pemetaan_kepala(value: Mapping[str, str]) -> str:
    return "; ".join(
        f"{ratings.PREDIKAT_ORGANISASI_LABELS[org]}: {ratings.RATING_LABELS[rating]}"
        for org, rating in value.items()
    )


def _siasn_koefisien(value: Mapping[str, str]) -> str:
    """Older rule-set events only (the rule set no longer holds koefisienId)."""
    return "; ".join(
        f"{org_domain.JENJANG_CODES[jenjang]}: {koefisien or '—'}"
        for jenjang, koefisien in value.items()
    )


def _umpan_balik_rhk(value: Mapping[str, str]) -> str:
    return "; ".join(f"{_g('RHK')} #{pk}: {text or '—'}" for pk, text in value.items())


def _umpan_balik_perilaku(value: Mapping[str, str]) -> str:
    return "; ".join(
        f"{plans_domain.berakhlak(int(nomor)).nama}: {text or '—'}" for nomor, text in value.items()
    )


def register_labels() -> None:
    """Add the labels of what appraisal writes to core's registry; called once, from
    the app's AppConfig.ready()."""
    register(
        actions={
            "aturan_penilaian.update": _("Aturan penilaian diubah"),
            "periode_penilaian.open": _("Periode penilaian dibuka"),
            "periode_penilaian.status": _("Status periode penilaian diubah"),
            "periode_penilaian.sync": _("Evaluasi disinkronkan"),
            "periode_penilaian.retry": _("Persiapan periode penilaian diulang"),
            "evaluasi.realisasi": _("Realisasi IKI diisi"),
            "evaluasi.rate": _("Evaluasi dinilai"),
            "predikat_organisasi.set": _("Predikat kinerja organisasi diatur"),
            "penetapan.create": _("Hasil penilaian ditetapkan"),
            "penetapan.reopen": _("Penetapan dibuka kembali"),
            "tindak_lanjut.add": _("Tindak lanjut dicatat"),
            "tindak_lanjut.delete": _("Tindak lanjut dihapus"),
            "appraisal.siasn_export": _("Data SIASN diekspor"),
            "siasn_golongan.update": _("ID golongan SIASN diubah"),
            "siasn_golongan.import": _("ID golongan SIASN diimpor"),
            "siasn_koefisien.update": _("koefisienId SIASN diubah"),
            "siasn_koefisien.import": _("koefisienId SIASN diimpor"),
            "siasn_pegawai.import": _("ID SIASN pegawai diimpor"),
            "appraisal.angka_kredit_export": _("Angka kredit diekspor"),
        },
        groups={
            "periode_penilaian": _("Periode penilaian"),
            "evaluasi": _("Evaluasi kinerja"),
            "penetapan": _("Penetapan"),
            "appraisal": _("Ekspor penilaian"),
        },
        keys={
            "predikat": _("Predikat"),
            "catatan_penilai": _("Catatan penilai"),
            "rating_hasil_kerja": _("Rating hasil kerja"),
            "jumlah_evaluasi": _("Jumlah evaluasi"),
            "predikat_organisasi": _("Predikat organisasi"),
            "evaluasi": _("Evaluasi"),
            "evaluasi_baru": _("Evaluasi baru"),
            "skp_disetujui": _("SKP yang disetujui"),
            "diisi_dari_periode": _("Evaluasi diisi dari periode terakhir"),
        },
        action_keys={
            ("appraisal.siasn_export", "rekaman"): _("Rekaman dalam berkas"),
            ("appraisal.siasn_export", "tidak_lengkap"): _("Rekaman tidak lengkap"),
            ("siasn_pegawai.import", "berkas"): _("Berkas"),
            ("siasn_pegawai.import", "diisi"): _("ID diisi"),
            ("siasn_pegawai.import", "diganti"): _("ID diganti"),
            ("siasn_pegawai.import", "sama"): _("ID sama"),
            ("siasn_pegawai.import", "bentrok"): _("ID lain tetap (tidak diganti)"),
            ("siasn_pegawai.import", "dipakai"): _("ID sudah dipakai pegawai lain"),
            ("siasn_pegawai.import", "tidak_ditemukan"): _("NIP tidak ditemukan"),
            ("periode_penilaian.open", "evaluasi"): _("Evaluasi dibuat"),
            ("periode_penilaian.open", "periode"): _("Periode"),
            ("appraisal.angka_kredit_export", "tahun"): _("Tahun"),
        },
        action_values={
            ("penetapan.create", "jumlah"): ratings.PREDIKAT_LABELS,
            ("penetapan.create", "predikat_organisasi"): ratings.PREDIKAT_ORGANISASI_LABELS,
            ("penetapan.reopen", "predikat_organisasi"): ratings.PREDIKAT_ORGANISASI_LABELS,
        },
        object_types={
            "appraisal.siasn_export": _("Ekspor SIASN"),
            "appraisal.angka_kredit_export": _("Ekspor angka kredit"),
        },
        formatters={
            ("aturan_penilaian.update", "kurva"): _kurva,
            ("aturan_penilaian.update", "pemetaan_kepala"): _pemetaan_kepala,
            ("aturan_penilaian.update", "siasn_koefisien"): _siasn_koefisien,
            ("evaluasi.rate", "umpan_balik_rhk"): _umpan_balik_rhk,
            ("evaluasi.rate", "umpan_balik_perilaku"): _umpan_balik_perilaku,
        },
    )
