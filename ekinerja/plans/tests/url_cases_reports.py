"""URL × role policy of the planning reports (ekinerja/tests/test_url_matrix.py), on the
objects that url_cases.build puts in `world.ids`.

- plans:cascade, plans:completeness and their XLSX exports: the whole instansi for the
  Admin Instansi (eko) and the Auditor (fajar); a unit subtree for its heads (alice: Dinas
  Alfa, bob: Bidang Satu), pimpinan and pengelola; staff without a team (charlie, dina),
  an outsider without one (gita) and root: 403. Variants with ?unit= (another agency's
  unit: 404; a unit outside the head's subtree: 403) are in test_reports_views.py.
- plans:skp-matriks and plans:skp-pdf: whoever may read the SKP (access.access_skp):
  the owner, the penilai, heads of the unit subtree, eko and fajar; another agency's
  SKP: 404.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import Case, expect, outsider_object, own_object_for

REPORT_READERS = expect(403, alice=200, bob=200, eko=200, fajar=200)
READ_BOB = own_object_for(expect(403, alice=200, bob=200, eko=200, fajar=200))
READ_CHARLIE = own_object_for(expect(403, alice=200, bob=200, charlie=200, eko=200, fajar=200))

CASES: list[Case] = [
    Case("plans:cascade", REPORT_READERS),
    Case("plans:cascade-export", REPORT_READERS),
    Case("plans:completeness", REPORT_READERS),
    Case("plans:completeness-export", REPORT_READERS),
    *[
        case
        for name in ("plans:skp-matriks", "plans:skp-pdf")
        for case in (
            Case(name, READ_BOB, lambda w: [w.ids["skp_bob"]], "supervisor"),
            Case(name, READ_CHARLIE, lambda w: [w.ids["skp_charlie"]], "staff"),
            Case(name, outsider_object(gita=200), lambda w: [w.ids["skp_gita"]], "outsider"),
        )
    ],
]
