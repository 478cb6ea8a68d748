"""The appraisal reports in the URL × role walk (ekinerja/tests/test_url_matrix.py).

Policy (access.require_appraisal_reader): instansi-wide reports are for the Admin
Instansi (eko), the Auditor (fajar) and an instansi-wide Pimpinan; everybody else 403,
root (no instansi) 403, anonymous to the login page.
- appraisal:siasn-export without ?periode= (as the walk sends it) returns readers to the
  SIASN export page (302); with a period it streams (test_exports_siasn.py), another
  agency's period is 404 there. The SIASN page itself is in url_cases_siasn.py.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import ADMIN_AND_AUDITOR, Case, expect

CASES: list[Case] = [
    Case("appraisal:laporan", ADMIN_AND_AUDITOR),
    Case("appraisal:siasn-export", expect(403, eko=302, fajar=302)),
    Case("appraisal:angka-kredit", ADMIN_AND_AUDITOR),
    Case("appraisal:analitik-penilai", ADMIN_AND_AUDITOR),
    Case("appraisal:pengisian", ADMIN_AND_AUDITOR),
]
