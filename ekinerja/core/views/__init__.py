"""Pages of core, one module per concern; ../urls.py names each view by its module
(nothing is re-exported here):

- `auth`: logging in and out, changing and resetting a password, the Django admin's
  login and password pages (sent to ours);
- `account`: activating an account with a code, the password that must be chosen, the
  login's own email;
- `site`: the site's root (each reader's start page) and the health check;
- `audit`: the audit trail browser;
- `locks`: the login locks an admin may lift;
- `notifications`: the reader's notifications and their email setting;
- `errors`: the error pages (config/urls.py's handlers, CSRF_FAILURE_VIEW);
- `common`: what the pages share (the reader's time zone).
"""
