"""The SIASN pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy: the export page (appraisal:siasn) is an instansi-wide report
(access.require_appraisal_reader: Admin Instansi eko, Auditor fajar, an instansi-wide
Pimpinan); the reference tables that feed it (golongan ids, koefisienId, SIASN person
ids) are edited and imported by the Admin Instansi only (access.require_appraisal_admin).
Everybody else 403, root (no instansi) 403, anonymous to the login page.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import ADMIN_AND_AUDITOR, ADMIN_ONLY, Case

CASES: list[Case] = [
    Case("appraisal:siasn", ADMIN_AND_AUDITOR),
    Case("appraisal:siasn-golongan", ADMIN_ONLY),
    Case("appraisal:siasn-koefisien", ADMIN_ONLY),
    Case("appraisal:siasn-pegawai", ADMIN_ONLY),
]
