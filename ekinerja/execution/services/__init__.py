"""Writes of execution and coaching, one module per concern; import from the module
(`services.aktivitas`, `services.bukti`, …). Every function is keyword-only, takes the
acting `actor`, runs in one transaction, writes an audit event and raises
ValidationError / PermissionDenied with a message the user can act on."""
