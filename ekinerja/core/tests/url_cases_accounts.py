"""Account pages in the URL × role walk (ekinerja/tests/test_url_matrix.py).

- the activation page is for people who are not logged in (a logged-in visitor is
  sent home);
- the forced password page sends anyone who need not change their password on to the
  ordinary change page;
- the login email is every logged-in user's own;
- "Kunci masuk" is for the Admin Instansi (their agency) and the platform admin.
"""

from __future__ import annotations

from ekinerja.tests.url_policy import LOGGED_IN, Case, expect

CASES: list[Case] = [
    Case("account_activate", expect(302, anonymous=200)),
    Case("password_change_required", expect(302)),
    Case("core:account-email", LOGGED_IN),
    Case("core:lock-list", expect(403, eko=200, root=200)),
    Case("core:lock-lift", expect(405, anonymous=405)),  # POST only
]
