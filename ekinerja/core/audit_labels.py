"""What the audit-trail browser calls the codes services write: each action, each key of
`changes` that is not a field of the object's model (or whose model name reads badly),
and the values of such keys that are codes.

Each app keeps its own in `<app>/audit_labels.py` and registers them from its
AppConfig.ready() (`audit_labels.register_labels()`), so core neither names nor looks
for the apps above it; this module registers what core writes and the keys every app
shares. Labels are Indonesian msgids with an English
translation. core/tests/test_audit_kinds.py checks that every kind of event the code can
write is labelled, every key of it too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass
class Registry:
    actions: dict[str, Any] = field(default_factory=dict)  # code → label
    groups: dict[str, Any] = field(default_factory=dict)  # code prefix → label (filter)
    keys: dict[str, Any] = field(default_factory=dict)  # key → label
    action_keys: dict[tuple[str, str], Any] = field(default_factory=dict)  # (code, key)
    values: dict[str, Mapping[str, Any]] = field(default_factory=dict)  # key → {code: label}
    action_values: dict[tuple[str, str], Mapping[str, Any]] = field(default_factory=dict)
    object_types: dict[str, Any] = field(default_factory=dict)  # not a model → label
    # A value too structured for the rules above (a JSON rule set): (code, key) → text.
    formatters: dict[tuple[str, str], Callable[[Any], str]] = field(default_factory=dict)


REGISTRY = Registry()


def register(
    *,
    actions: Mapping[str, Any] | None = None,
    groups: Mapping[str, Any] | None = None,
    keys: Mapping[str, Any] | None = None,
    action_keys: Mapping[tuple[str, str], Any] | None = None,
    values: Mapping[str, Mapping[str, Any]] | None = None,
    action_values: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
    object_types: Mapping[str, Any] | None = None,
    formatters: Mapping[tuple[str, str], Callable[[Any], str]] | None = None,
) -> None:
    """Add labels; an app calls this from its AppConfig.ready() (through its
    audit_labels module)."""
    REGISTRY.actions.update(actions or {})
    REGISTRY.groups.update(groups or {})
    REGISTRY.keys.update(keys or {})
    REGISTRY.action_keys.update(action_keys or {})
    REGISTRY.values.update(values or {})
    REGISTRY.action_values.update(action_values or {})
    REGISTRY.object_types.update(object_types or {})
    REGISTRY.formatters.update(formatters or {})


def labels() -> Registry:
    """The registry, with every installed app's labels (registered when the apps were
    ready)."""
    return REGISTRY


register(
    actions={
        "auth.login": _("Masuk"),
        "auth.logout": _("Keluar"),
        "auth.login_failed": _("Gagal masuk"),
        "auth.locked_out": _("Akun dikunci sementara"),
        "auth.password_change": _("Kata sandi diganti"),
        "auth.password_reset": _("Kata sandi diatur ulang lewat email"),
        "auth.activation_issue": _("Kode aktivasi diterbitkan"),
        "auth.reset_issue": _("Kata sandi diatur ulang (kode diterbitkan)"),
        "auth.activation_use": _("Akun diaktifkan dengan kode"),
        "auth.activation_failed": _("Kode aktivasi salah"),
        "auth.activation_expire": _("Kode aktivasi kedaluwarsa"),
        "auth.email_change": _("Email login diubah"),
        "auth.lock_lift": _("Kunci masuk dibuka"),
        "auth.password_reset_throttled": _("Permintaan atur ulang kata sandi dibatasi"),
        "platform_admin.create": _("Admin platform dibuat"),
        "platform_admin.password": _("Kata sandi admin platform diatur"),
        "user.notifications_update": _("Pengaturan notifikasi email diubah"),
    },
    groups={"auth": _("Masuk, keluar dan kata sandi")},
    # Keys several apps write, or model fields whose default name is the bare code.
    keys={
        "aktif": _("Aktif"),
        "alasan": _("Alasan"),
        "berlaku_sampai": _("Berlaku sampai"),
        "cara": _("Cara penyampaian"),
        "catatan": _("Catatan"),
        "email": _("Email"),
        "format": _("Format berkas"),
        "jabatan": _("Jabatan"),
        "jenis": _("Jenis"),
        "jumlah": _("Jumlah"),
        "keperluan": _("Keperluan"),
        "keterangan": _("Keterangan"),
        "kode_lama_dibatalkan": _("Kode lama dibatalkan"),
        "kode": _("Kode"),
        "nama": _("Nama"),
        "pegawai": _("Pegawai"),
        "peran": _("Peran"),
        "periode": _("Periode"),
        "satuan": _("Satuan"),
        "status": _("Status"),
        "sumber": _("Sumber"),
        "tahun": _("Tahun"),
        "tanggal": _("Tanggal"),
        "unit": _("Unit kerja"),
        "updated_by": _("Diubah oleh"),
        "uraian": _("Uraian"),
        "versi": _("Versi"),
    },
    action_keys={
        ("auth.locked_out", "menit"): _("Lama penguncian (menit)"),
        ("auth.login", "dengan"): _("Masuk dengan"),
        ("auth.lock_lift", "alamat"): _("Alamat IP"),
        ("auth.lock_lift", "gagal_dihapus"): _("Catatan gagal masuk yang dihapus"),
    },
    values={
        "format": {"csv": _("CSV"), "json": _("JSON"), "xlsx": _("Excel (XLSX)")},
        "sumber": {"api": _("API"), "web": _("Aplikasi web")},
    },
)
