"""The demo logins: the shared password, the positions the demo's people are found by,
who acts in a position now (`holder`), and the accounts `manage.py demo_logins` prints
and the browser tests use (`demo_accounts`), found in the data so that they always
work."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ekinerja.core.models import Role, RoleAssignment, User

from ..models import Instansi, Pegawai, RiwayatJabatan

DEMO_PASSWORD = "Demo-Kinerja-2026"
PLATFORM_USERNAME = "platform"

# Jabatan codes the demo logins are found by (see demo_accounts).
KODE_BUPATI = "BUPATI"
KODE_SEKDA = "SETDA-KEPALA"
KODE_KADIS = "DISDIK-KEPALA"
KODE_KABID = "BKPSDM-B1-KEPALA"
KODE_STAFF = "BKPSDM-B1-S1-PENGADM"
KODE_ADMIN = "BKPSDM-B1-S1-PRAKOM"
KODE_AUDITOR = "INSP-IRBAN1-AUDITOR"
KODE_PENGELOLA = "DINKES-SEK-SB1-ASDM"
KODE_OVERRIDE = "DISDIK-SEK-SB1-PENGADM"


def holder(instansi: Instansi, kode: str) -> Pegawai | None:
    """Who acts in a position now: its definitive holder (lowest NIP), else a Plt."""
    row = (
        RiwayatJabatan.objects.filter(
            instansi=instansi, jabatan__kode=kode, tmt_selesai__isnull=True, pegawai__aktif=True
        )
        .select_related("pegawai__user", "pegawai__jabatan")
        .order_by("jenis", "pegawai__nip", "pegawai_id")
        .first()
    )
    return row.pegawai if row else None


def demo_accounts(instansi: Instansi) -> list[dict[str, Any]]:
    """The demo logins, found in the data (roles and known positions), so that what
    `demo_logins` prints and what the browser tests use always work:
    [{"role", "label", "username", "name", "password", "jabatan", "hint"}, …]."""
    out: list[dict[str, Any]] = []

    def add(role: str, label: str, p: Pegawai | None, hint: str) -> None:
        if p is None or p.user is None:
            return
        out.append(
            {
                "role": role,
                "label": label,
                "username": p.user.username,
                "name": p.nama_lengkap,
                "password": DEMO_PASSWORD,
                "jabatan": p.jabatan.nama if p.jabatan else "",
                "hint": hint,
            }
        )

    ras = (
        RoleAssignment.objects.filter(instansi=instansi)
        .select_related("user", "unit")
        .order_by("role", "pk")
    )
    by_user = {
        p.user_id: p
        for p in Pegawai.objects.filter(
            instansi=instansi, user_id__in=[ra.user_id for ra in ras]
        ).select_related("user", "jabatan")
    }
    seen: set[tuple[str, int]] = set()
    hints = {
        Role.ADMIN: _(
            "Kelola unit, jabatan, pegawai, impor data, peran, dan periode kinerja; lihat "
            "jejak audit. SKP sendiri sudah disetujui: isi realisasi bulan ini (Penilaian → "
            "Evaluasi kinerja saya); buka periode penilaian, tetapkan BKPSDM, ekspor SIASN."
        ),
        Role.AUDITOR: _("Lihat seluruh pegawai dan jejak audit (hanya baca)."),
        Role.PENGELOLA: _("Pantau pegawai di unit %(u)s."),
    }
    for role in (Role.ADMIN, Role.AUDITOR, Role.PENGELOLA):
        for ra in ras:
            if ra.role == role and (role, ra.user_id) not in seen:
                seen.add((role, ra.user_id))
                hint = hints[role]
                if role == Role.PENGELOLA:
                    hint = hint % {"u": ra.unit.nama if ra.unit else "-"}
                add(role.value, str(role.label), by_user.get(ra.user_id), str(hint))
                break
    add("bupati", _("Bupati (Pimpinan)"), holder(instansi, KODE_BUPATI),
        _("Pimpinan seluruh instansi; pejabat penilai para Kepala OPD; tetapkan predikat "
          "kinerja organisasi OPD (Penilaian → Predikat unit dan penetapan); lihat kaskade "
          "kinerja seluruh instansi."))  # fmt: skip
    add("sekda", _("Sekretaris Daerah (Pimpinan)"), holder(instansi, KODE_SEKDA),
        _("Pimpinan seluruh instansi; atasan para Asisten."))  # fmt: skip
    add("kadis", _("Kepala Dinas"), holder(instansi, KODE_KADIS),
        _("Lihat seluruh pegawai Dinas Pendidikan, termasuk sekolah, dan kaskade "
          "kinerjanya."))  # fmt: skip
    add("kabid", _("Kepala Bidang (atasan)"), holder(instansi, KODE_KABID),
        _("Antrean persetujuan: SKP para Kepala Subbidang menunggu disetujui atau "
          "dikembalikan; aktivitas harian bawahan menunggu verifikasi (Kinerja harian → "
          "Verifikasi aktivitas); nilai bawahan bulan ini dengan panel kurva distribusi "
          "(Penilaian → Menilai bawahan)."))  # fmt: skip
    add("staff", _("Staf pelaksana"), holder(instansi, KODE_STAFF),
        _("SKP Anda dikembalikan atasan dengan alasan: perbaiki lalu ajukan kembali; "
          "catat aktivitas hari ini dan baca umpan balik atasan (menu Kinerja harian); "
          "tidak dapat membuka daftar pegawai."))  # fmt: skip
    platform = User.objects.filter(username=PLATFORM_USERNAME, is_platform_admin=True).first()
    # A "platform" login that existed before the demo keeps its own password: not listed.
    if platform is not None and platform.check_password(DEMO_PASSWORD):
        out.append(
            {
                "role": "platform",
                "label": _("Admin platform"),
                "username": platform.username,
                "name": platform.get_full_name() or platform.username,
                "password": DEMO_PASSWORD,
                "jabatan": "",
                "hint": _("Kelola daftar instansi; tidak melihat data pegawai."),
            }
        )
    return out
