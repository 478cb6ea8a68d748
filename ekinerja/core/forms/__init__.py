"""Forms of core's own pages, one module per concern; callers import the module that
defines what they need (nothing is re-exported here). What every app's forms share
(`BootstrapMixin`, `add_service_errors`, `PickerField`, `DATE`) is the kernel module
core/formtools.py, not a form of core.

- `accounts`: logging in, passwords, activation with a code, the login's email;
- `audit`: the audit-trail filters;
- `notifications`: the notification settings.
"""
