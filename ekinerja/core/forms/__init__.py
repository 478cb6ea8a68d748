"""Forms of core, one module per concern; callers import the module that defines what
they need (nothing is re-exported here):

- `common`: what every app's forms share: `BootstrapMixin`, `add_service_errors` (a
  service's ValidationError shown on the form), `PickerField` (a kode or NIP typed
  or chosen with the HTMX picker) and `DATE` (the date widget);
- `accounts`: logging in, passwords, activation with a code, the login's email;
- `audit`: the audit-trail filters;
- `notifications`: the notification settings.
"""
