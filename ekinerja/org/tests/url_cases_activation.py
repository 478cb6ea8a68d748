"""Account activation pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

The issuing list and one person's page: the Admin Instansi (eko; a Pengelola Kinerja
for their units, tested in test_activation.py); another agency's person is a 404.
Issuing per unit and printing letters are POST only. An agency's admins and auditors
are managed by the platform admin (root) only.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import ADMIN_ONLY, Case, expect, outsider_object, own_object_for

CASES: list[Case] = [
    Case("org:aktivasi-list", ADMIN_ONLY),
    Case(
        "org:aktivasi-pegawai",
        own_object_for(ADMIN_ONLY),
        lambda w: [w.cast.charlie.pk],
        "own",
    ),
    Case(
        "org:aktivasi-pegawai",
        outsider_object(gita=403),
        lambda w: [w.cast.gita.pk],
        "outsider",
    ),
    Case("org:aktivasi-unit", expect(405, anonymous=405)),  # POST only
    Case("org:aktivasi-surat", expect(405, anonymous=405)),  # POST only
    Case("org:instansi-akun", expect(403, root=200), lambda w: [w.cast.a.pk]),
]
