"""Writes for the appraisal, one module per concern (CONVENTIONS "services")."""
